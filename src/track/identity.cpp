#include "tidewatch/track/identity.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>

namespace tidewatch::track {

std::string_view identity_field_name(IdentityField f) noexcept {
  constexpr std::array<std::string_view, kIdentityFieldCount> names{
      "name", "callsign", "imo", "shiptype", "draught", "destination", "dimensions"};
  return names[static_cast<std::size_t>(f)];
}

std::string normalize_identity_text(std::string_view raw) {
  if (const auto at = raw.find('@'); at != std::string_view::npos) raw = raw.substr(0, at);
  std::string out;
  out.reserve(raw.size());
  bool pending_space = false;
  for (char c : raw) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

std::string identity_key(std::string_view normalized) {
  std::string out;
  out.reserve(normalized.size());
  for (char c : normalized) {
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      out.push_back(c);
    } else if (c >= 'a' && c <= 'z') {
      out.push_back(static_cast<char>(c - 'a' + 'A'));
    }
  }
  return out;
}

namespace {
std::string decimal(std::uint64_t v) {
  char buf[24];
  char* e = std::to_chars(buf, buf + sizeof buf, v).ptr;
  return std::string(buf, static_cast<std::size_t>(e - buf));
}
}  // namespace

IdentityHistory::IdentityHistory(std::uint32_t mmsi, IdentityParams params) noexcept
    : mmsi_(mmsi), params_(params), info_(classify_mmsi(mmsi)) {}

void IdentityHistory::cancel_field(std::size_t change, IdentityField f) {
  if (change >= changes_.size()) return;
  auto& fields = changes_[change].fields;
  fields.erase(std::remove_if(fields.begin(), fields.end(),
                              [f](const IdentityChange::Field& x) { return x.field == f; }),
               fields.end());
  if (!fields.empty()) return;
  changes_.erase(changes_.begin() + static_cast<std::ptrdiff_t>(change));
  for (auto& group : trackers_) {
    for (auto& t : group) {
      if (t.last_change == kNoChange) continue;
      if (t.last_change == change) {
        t.last_change = kNoChange;
      } else if (t.last_change > change) {
        --t.last_change;
      }
    }
  }
}

std::string_view IdentityHistory::flag() const noexcept {
  switch (info_.kind) {
    case MmsiKind::ship:
    case MmsiKind::group:
    case MmsiKind::craft_associated:
    case MmsiKind::handheld:
      if (const auto f = flag_of_mid(info_.mid)) return f->alpha2;
      return {};
    default:
      return {};
  }
}

void IdentityHistory::record(IdentityField f, std::string value, bool valid,
                             const ingest::Observation& o) {
  auto& list = entries_[static_cast<std::size_t>(f)];
  if (!list.empty() && list.back().value == value && list.back().valid == valid &&
      list.back().transponder == o.transponder) {
    auto& e = list.back();
    e.last_time = o.time;
    e.last_ref = o.ref;
    ++e.count;
    return;
  }
  list.push_back(HistoryEntry{o.time, o.time, 1, std::move(value), valid, o.ref, o.ref, o.transponder});
}

bool IdentityHistory::track(IdentityField f, const std::string& value,
                            const ingest::Observation& o, IdentityChange& change) {
  auto& t = trackers_[o.transponder == ingest::Transponder::class_b ? 1 : 0][static_cast<std::size_t>(f)];
  // Name and call sign compare by their letters and digits (flapping rule 1).
  std::string key = (f == IdentityField::name || f == IdentityField::callsign)
                        ? identity_key(value)
                        : value;
  if (t.established && key == t.current_key) {
    t.current_last = o.ref;
    t.candidate.clear();
    t.candidate_count = 0;
    return false;
  }
  if (t.candidate_count > 0 && t.candidate_key == key) {
    ++t.candidate_count;
  } else {
    t.candidate = value;
    t.candidate_key = std::move(key);
    t.candidate_count = 1;
    t.candidate_first = o.time;
    t.candidate_ref = o.ref;
  }
  if (t.candidate_count < params_.confirmations) return false;
  bool changed = false;
  if (t.established && t.last_change != kNoChange && t.candidate_key == t.previous_key &&
      t.candidate_first - t.last_change_end <= params_.revert_window) {
    // Flapping rule 2: back to the value before the last change, soon: no change at all.
    cancel_field(t.last_change, f);
    t.last_change = kNoChange;
    t.previous_key.clear();
  } else if (t.established) {
    if (change.fields.empty()) {
      change.start = t.candidate_first;
      change.evidence.push_back(t.current_last);
    } else if (t.candidate_first < change.start) {
      change.start = t.candidate_first;
    }
    if (std::find_if(change.evidence.begin(), change.evidence.end(), [&](const LineRef& r) {
          return r.source == t.candidate_ref.source && r.line == t.candidate_ref.line;
        }) == change.evidence.end())
      change.evidence.push_back(t.candidate_ref);
    change.fields.push_back({f, t.current, t.candidate});
    t.previous_key = t.current_key;
    t.last_change = changes_.size();  // the index add() pushes `change` at
    t.last_change_end = o.time;
    changed = true;
  }
  t.current = std::move(t.candidate);
  t.current_key = std::move(t.candidate_key);
  t.current_last = o.ref;
  t.established = true;
  t.candidate.clear();
  t.candidate_key.clear();
  t.candidate_count = 0;
  return changed;
}

void IdentityHistory::add(const ingest::Observation& o) {
  if (o.kind != ingest::Observation::Kind::static_info) return;
  ++statics_;
  const auto& s = o.info;
  IdentityChange change;
  if (auto v = normalize_identity_text(s.name.view()); !v.empty()) {
    track(IdentityField::name, v, o, change);
    record(IdentityField::name, std::move(v), true, o);
  }
  if (auto v = normalize_identity_text(s.callsign.view()); !v.empty()) {
    track(IdentityField::callsign, v, o, change);
    record(IdentityField::callsign, std::move(v), true, o);
  }
  if (s.imo && *s.imo != 0) {
    const bool ok = imo_check_digit_ok(*s.imo);
    auto v = decimal(*s.imo);
    if (ok) track(IdentityField::imo, v, o, change);
    record(IdentityField::imo, std::move(v), ok, o);
  }
  if (s.shiptype && *s.shiptype != 0) {
    auto v = decimal(*s.shiptype);
    track(IdentityField::shiptype, v, o, change);
    record(IdentityField::shiptype, std::move(v), true, o);
  }
  if (s.draught && *s.draught != 0) {
    std::string v = decimal(*s.draught / 10U);
    v.push_back('.');
    v.push_back(static_cast<char>('0' + *s.draught % 10U));
    record(IdentityField::draught, std::move(v), true, o);
  }
  if (auto v = normalize_identity_text(s.destination.view()); !v.empty())
    record(IdentityField::destination, std::move(v), true, o);
  // Length x beam, when both are broadcast (0 = not available in each pair).
  const unsigned length = unsigned{s.dimensions.to_bow} + s.dimensions.to_stern;
  const unsigned beam = unsigned{s.dimensions.to_port} + s.dimensions.to_starboard;
  if (length != 0 && beam != 0)
    record(IdentityField::dimensions, decimal(length) + "x" + decimal(beam), true, o);
  if (!change.fields.empty()) {
    change.end = o.time;
    change.evidence.push_back(o.ref);
    changes_.push_back(std::move(change));
  }
}

std::vector<ValueCount> IdentityHistory::value_counts(IdentityField f) const {
  std::vector<ValueCount> out;
  for (const auto& e : entries(f)) {
    bool found = false;
    for (auto& v : out) {
      if (v.value == e.value && v.valid == e.valid) {
        v.count += e.count;
        found = true;
        break;
      }
    }
    if (!found) out.push_back({e.value, e.count, e.valid, e.first_time});
  }
  return out;
}

std::string IdentityHistory::most_frequent(IdentityField f, UnixMillis from, UnixMillis to,
                                           ingest::Transponder cls) const {
  std::vector<ValueCount> counts;
  for (const auto& e : entries(f)) {
    if (!e.valid || e.last_time < from || e.first_time > to) continue;
    if (cls != ingest::Transponder::unknown && e.transponder != cls &&
        e.transponder != ingest::Transponder::unknown)
      continue;
    bool found = false;
    for (auto& v : counts) {
      if (v.value == e.value) {
        v.count += e.count;
        found = true;
        break;
      }
    }
    if (!found) counts.push_back({e.value, e.count, true, e.first_time});
  }
  const ValueCount* best = nullptr;
  for (const auto& v : counts)
    if (best == nullptr || v.count > best->count) best = &v;
  return best == nullptr ? std::string() : best->value;
}

std::string segment_identity(const IdentityHistory& h, IdentityField f, UnixMillis t0,
                             UnixMillis t1, ingest::Transponder cls) {
  constexpr UnixMillis kMin = std::numeric_limits<UnixMillis>::min();
  constexpr UnixMillis kMax = std::numeric_limits<UnixMillis>::max();
  const UnixMillis from = t0 - kInfoWindowMs, to = t1 + kInfoWindowMs;
  // A transmitter of the segment's class that never sent this field does not
  // borrow it from another class (a Class B unit on a Class A ship's MMSI).
  bool class_reported = false;
  for (std::size_t i = 0; i < kIdentityFieldCount && !class_reported; ++i)
    for (const auto& e : h.entries(static_cast<IdentityField>(i)))
      if (e.transponder == cls) {
        class_reported = true;
        break;
      }
  if (cls == ingest::Transponder::unknown || !class_reported) cls = ingest::Transponder::unknown;
  std::string v = h.most_frequent(f, from, to, cls);
  if (v.empty()) v = h.most_frequent(f, kMin, kMax, cls);
  return v;
}

ingest::Transponder majority_transponder(const std::vector<ingest::Observation>& obs,
                                         const std::vector<std::uint32_t>& positions) noexcept {
  std::array<std::size_t, 4> n{};
  for (auto i : positions) ++n[static_cast<std::size_t>(obs[i].transponder) & 3U];
  std::size_t best = 0;
  bool tie = false;
  for (std::size_t c = 1; c < n.size(); ++c) {
    if (n[c] > n[best]) {
      best = c;
      tie = false;
    } else if (n[c] == n[best]) {
      tie = true;
    }
  }
  return tie || n[best] == 0 ? ingest::Transponder::unknown : static_cast<ingest::Transponder>(best);
}

}  // namespace tidewatch::track
