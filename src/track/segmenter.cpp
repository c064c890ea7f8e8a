#include "tidewatch/track/segmenter.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "tidewatch/core/time.h"
#include "tidewatch/geo/distance.h"
#include "tidewatch/ingest/gfw_json.h"

namespace tidewatch::track {
namespace {

constexpr std::uint8_t kA = 1;
constexpr std::uint8_t kB = 2;

// matcher.py POSITION_TYPES
std::uint8_t transponder_bits(std::uint8_t type, ingest::Transponder cls) noexcept {
  switch (type) {
    case 1: case 2: case 3: return kA;
    case 18: case 19: return kB;
    case 27: return kA | kB;
    case 0:
      // [project] no AIS type (CSV providers): use the transceiver class.
      if (cls == ingest::Transponder::class_a) return kA;
      if (cls == ingest::Transponder::class_b) return kB;
      return 0;
    default: return 0;
  }
}

bool is_null(double v) noexcept { return std::isnan(v); }

// Python round(float) -> int: round half to even (default FP mode).
std::int64_t py_round(double v) noexcept { return static_cast<std::int64_t>(std::nearbyint(v)); }

// DiscrepancyCalculator._compute_ts_delta_hours: timedelta.total_seconds() / 3600
double delta_hours(std::int64_t t1_us, std::int64_t t2_us) noexcept {
  return static_cast<double>(t2_us - t1_us) / 1e6 / 3600;
}

// civil_from_days (Howard Hinnant)
void civil(std::int64_t z, int& y, unsigned& m, unsigned& d) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
}

std::string gfw_segment_id(std::uint32_t mmsi, std::int64_t us) {
  std::int64_t secs = us >= 0 ? us / 1000000 : -((-us + 999999) / 1000000);
  const std::int64_t frac = us - secs * 1000000;
  std::int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
  const std::int64_t sod = secs - days * 86400;
  int y = 0;
  unsigned m = 0, d = 0;
  civil(days, y, m, d);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%u-%04d-%02u-%02uT%02d:%02d:%02d.%06dZ", mmsi, y, m, d,
                static_cast<int>(sod / 3600), static_cast<int>(sod / 60 % 60),
                static_cast<int>(sod % 60), static_cast<int>(frac));
  return buf;
}

}  // namespace

Ping Ping::from(const ingest::Observation& o) noexcept {
  Ping p;
  p.mmsi = o.mmsi;
  p.time_us = o.time * 1000;
  p.msgid = o.msgid;
  p.msg_type = o.msg_type;
  p.transponder = o.transponder;
  if (o.kind == ingest::Observation::Kind::position) {
    p.lat = o.position.lat();
    p.lon = o.position.lon();
    if (o.position.sog) p.speed = *o.position.sog / 10.0;
    if (o.position.cog) p.course = *o.position.cog / 10.0;
    if (o.position.heading) p.heading = *o.position.heading;
  }
  return p;
}

Ping Ping::from_gfw(const ingest::GfwMessage& m) noexcept {
  Ping p;
  p.mmsi = m.obs.mmsi;
  p.time_us = m.time_us;
  p.msgid = m.obs.msgid;
  p.msg_type = m.obs.msg_type;
  p.transponder = m.obs.transponder;
  p.lon = m.raw.lon;
  p.lat = m.raw.lat;
  p.speed = m.raw.speed;
  p.course = m.raw.course;
  p.heading = m.raw.heading;
  return p;
}

void LabelCollector::on_segment(const Segment& s) {
  for (auto i : s.members) {
    if (labels.size() <= i) labels.resize(i + 1);
    labels[i] = Label{s.kind, s.id};
  }
  if (keep_segments) segments.push_back(s);
}

void LabelCollector::on_dropped(std::uint32_t index, Label::Kind why) {
  if (labels.size() <= index) labels.resize(index + 1);
  labels[index] = Label{why, Label::kNone};
}

std::size_t Segmenter::LocHash::operator()(const LocKey& k) const noexcept {
  std::uint64_t h = 0x9E3779B97F4A7C15ULL;
  for (std::int64_t v : {k.a, k.b, k.c, k.d, k.e, static_cast<std::int64_t>(k.has)}) {
    h ^= static_cast<std::uint64_t>(v) + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
  }
  return static_cast<std::size_t>(h);
}

Segmenter::Segmenter(SegmenterParams params, SegmentSink& sink) : p_(params), sink_(sink) {
  out_.members.reserve(1024);
}

void Segmenter::emit_singleton(const Entry& e, std::int64_t t, Label::Kind kind) {
  out_.id = next_segment_++;
  out_.mmsi = mmsi_;
  out_.gfw_id = gfw_segment_id(mmsi_, t);
  out_.members.assign(1, e.index);
  out_.first_us = out_.last_us = t;
  out_.kind = kind;
  sink_.on_segment(out_);
}

// segmenter.py _clean_segment: dropped messages leave as DiscardedSegment
// singletons, the rest is the segment.
void Segmenter::close(std::size_t i) {
  Open& s = open_[i];
  for (const Entry& e : s.msgs)
    if (e.drop) emit_singleton(e, e.time_us, Label::Kind::noise_discarded);
  out_.id = next_segment_++;
  out_.mmsi = mmsi_;
  out_.gfw_id = gfw_segment_id(mmsi_, s.first_us);
  out_.members.clear();
  out_.kind = Label::Kind::member;
  bool first = true;
  for (const Entry& e : s.msgs) {
    if (e.drop) continue;
    out_.members.push_back(e.index);
    if (first) out_.first_us = e.time_us;
    first = false;
    out_.last_us = e.time_us;
  }
  sink_.on_segment(out_);
  open_.erase(open_.begin() + static_cast<std::ptrdiff_t>(i));
}

// segmenter.py _add_segment / _remove_excess_segments
void Segmenter::add_segment(const Entry& e) {
  while (!open_.empty() && open_.size() >= p_.max_open_segments) {
    std::size_t oldest = 0;  // stable sort by last timestamp: first of the minima
    for (std::size_t k = 1; k < open_.size(); ++k)
      if (open_[k].msgs.back().time_us < open_[oldest].msgs.back().time_us) oldest = k;
    close(oldest);
  }
  Open s;
  s.first_us = e.time_us;
  s.serial = next_serial_++;
  s.msgs.reserve(16);
  s.msgs.push_back(e);
  open_.push_back(std::move(s));
}

// matcher.py Matcher._compute_segment_match
Segmenter::Match Segmenter::segment_match(std::size_t i, const Entry& e) const {
  struct Cand {
    double existing_metric;
    int ndrop;
    double discrepancy;
    double hours;
  };
  constexpr std::size_t kMaxLookback = 64;
  std::array<Cand, kMaxLookback> cands{};
  const std::size_t lookback =
      std::clamp<std::size_t>(static_cast<std::size_t>(std::max(p_.lookback, 1)), 1, kMaxLookback);
  std::size_t nc = 0;
  int ndrop = 0;
  double metric = 0;
  std::uint8_t tp = 0;
  const geo::GfwFix fix2{e.lon, e.lat, e.speed, e.course};
  const auto& msgs = open_[i].msgs;
  for (auto it = msgs.rbegin(); it != msgs.rend(); ++it) {
    const Entry& prev = *it;
    if (prev.drop) continue;
    tp = static_cast<std::uint8_t>(tp | prev.tp);
    const double hours = delta_hours(prev.time_us, e.time_us);
    const double ph = geo::gfw_penalized_hours(hours, p_.penalty_hours, p_.hours_exp);
    const geo::GfwFix fix1{prev.lon, prev.lat, prev.speed, prev.course};
    const double disc = geo::gfw_discrepancy(fix1, fix2, ph, p_.shape_factor);
    cands[nc++] = Cand{metric, ndrop, disc, hours};
    if (nc >= lookback) break;
    ++ndrop;
    metric = prev.metric;
  }
  const bool transponder_match = (tp & e.tp) != 0;

  Match match{i, Ping::kNull, Ping::kNull, 0};
  double best_metric_lb = 0;
  for (std::size_t k = 0; k < nc; ++k) {
    const Cand& c = cands[k];
    if (c.hours > p_.max_hours) break;
    double m = geo::gfw_metric(c.discrepancy, c.hours, p_.buffer_hours, p_.max_knots,
                               p_.penalty_speed);
    if (m > 0) {
      if (!transponder_match) m *= p_.transponder_mismatch_weight;
      const double metric_lb = m / std::max(1.0, static_cast<double>(k) * p_.lookback_factor);
      if (metric_lb <= c.existing_metric) continue;
      if (metric_lb > best_metric_lb) {
        best_metric_lb = metric_lb;
        match.metric = m;
        match.hours = c.hours;
        match.ndrop = c.ndrop;
      }
    }
  }
  return match;
}

void Segmenter::feed(const Ping& p) {
  const std::uint32_t index = next_index_++;
  // msg_processor.py _checked_stream
  if (have_prev_ && p.time_us < prev_us_) {
    sink_.on_dropped(index, Label::Kind::dropped_unsorted);  // [project] GFW raises ValueError
    return;
  }
  have_prev_ = true;
  prev_us_ = p.time_us;
  if (p.msgid != 0 && !msgids_.insert(p.msgid).second) {
    sink_.on_dropped(index, Label::Kind::dropped_duplicate);
    return;
  }
  if (!have_mmsi_) {
    have_mmsi_ = true;
    mmsi_ = p.mmsi;
  } else if (p.mmsi != mmsi_) {
    sink_.on_dropped(index, Label::Kind::dropped_other_mmsi);
    return;
  }

  // v3.0.0 course rule: a course of 360 or more ("not available", 3600 in
  // the AIS message; 511 in type 27) counts as a null course.
  const double course =
      p_.course_360_is_null && !is_null(p.course) && (p.course >= 360 || p.course < 0)
          ? Ping::kNull
          : p.course;
  Entry e{index, p.time_us, p.lon, p.lat, p.speed, course,
          transponder_bits(p.msg_type, p.transponder), p.msg_type == 27, false, 0};

  // msg_processor.py _message_type
  if (is_null(p.lon) && is_null(p.lat) && is_null(course) && is_null(p.speed)) {
    emit_singleton(e, p.time_us, Label::Kind::info);
    return;
  }
  const bool position = !is_null(p.lon) && !is_null(p.lat) && !is_null(p.speed) &&
                        ((p.speed <= p_.very_slow && is_null(course)) || !is_null(course));
  const bool in_range = std::fabs(p.lat) <= 90 && std::fabs(p.lon) <= 180;
  if (!position || (p_.range_rule && !in_range)) {
    emit_singleton(e, p.time_us, Label::Kind::noise_bad);
    return;
  }
  // _already_seen: the key of extract_normalized_location (raw course: the
  // drop rule matches the data with it, tools/gfw-segmenter/drops.py)
  LocKey key{py_round(p.lon * 60000),
             py_round(p.lat * 60000),
             is_null(p.course) ? 0 : py_round(p.course * 10),
             py_round(p.speed * 10),
             is_null(p.heading) ? 0 : py_round(p.heading),
             static_cast<std::uint8_t>((is_null(p.course) ? 0 : 1) | (is_null(p.heading) ? 0 : 2))};
  if (p.speed > 0 && locations_.count(key) != 0) {
    sink_.on_dropped(index, Label::Kind::dropped_seen);
    return;
  }
  locations_.insert(key);

  // segmenter.py _process_position_msg
  if (open_.empty()) {
    add_segment(e);
    return;
  }
  for (std::size_t k = 0; k < open_.size();) {  // _finalize_old_segments
    if (delta_hours(open_[k].msgs.back().time_us, e.time_us) > p_.max_hours) close(k);
    else ++k;
  }

  // matcher.py compute_best_match
  matches_.clear();
  for (std::size_t k = 0; k < open_.size(); ++k) {
    const Match m = segment_match(k, e);
    if (!std::isnan(m.metric)) matches_.push_back(m);
  }
  if (matches_.empty()) {
    add_segment(e);  // NO_MATCH
    return;
  }
  ambiguous_.clear();
  const Match* best = &matches_[0];
  if (matches_.size() > 1) {
    // valid_segs quirk: the alphas belong to the first len(matches) OPEN
    // segments, not to the matched ones.
    scaled_.clear();
    for (std::size_t k = 0; k < matches_.size(); ++k) {
      const double a = static_cast<double>(open_[k].msgs.size()) / p_.short_seg_threshold;
      scaled_.emplace_back(matches_[k].metric * a / std::sqrt(1 + std::pow(a, 2)), k);
    }
    std::stable_sort(scaled_.begin(), scaled_.end(),
                     [](const auto& x, const auto& y) { return x.first > y.first; });
    const double best_metric = scaled_[0].first;
    best = &matches_[scaled_[0].second];
    ambiguous_.push_back(open_[best->seg].serial);
    double min_hours = best->hours;
    for (std::size_t k = 1; k < scaled_.size(); ++k) {
      if (scaled_[k].first * p_.ambiguity_factor >= best_metric) {
        const Match& m = matches_[scaled_[k].second];
        ambiguous_.push_back(open_[m.seg].serial);
        min_hours = std::min(min_hours, m.hours);
      }
    }
    if (ambiguous_.size() > 1) {
      if (e.is27 && min_hours < p_.min_type_27_hours) {
        emit_singleton(e, p.time_us, Label::Kind::noise_type27);
        return;
      }
      // _process_ambiguous_match: close every listed segment, open a new one
      for (const std::uint64_t serial : ambiguous_) {
        for (std::size_t k = 0; k < open_.size(); ++k) {
          if (open_[k].serial == serial) {
            close(k);
            break;
          }
        }
      }
      add_segment(e);
      return;
    }
  }
  if (e.is27 && best->hours < p_.min_type_27_hours) {
    emit_singleton(e, p.time_us, Label::Kind::noise_type27);
    return;
  }
  // _process_normal_match
  Open& s = open_[best->seg];
  int to_drop = best->ndrop;
  for (auto it = s.msgs.rbegin(); it != s.msgs.rend() && to_drop > 0; ++it) {
    if (it->drop) continue;
    it->drop = true;
    --to_drop;
  }
  e.metric = best->metric;
  s.msgs.push_back(e);
}

void Segmenter::finish() {
  while (!open_.empty()) close(0);
  msgids_.clear();
  locations_.clear();
  have_prev_ = false;
  have_mmsi_ = false;
}

}  // namespace tidewatch::track
