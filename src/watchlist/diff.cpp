// Vessels added, removed, changed between two list copies (watchlist/diff.h).

#include "tidewatch/watchlist/diff.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace tidewatch::watchlist {

std::string_view change_kind_name(EntryChange::Kind k) noexcept {
  switch (k) {
    case EntryChange::Kind::added: return "added";
    case EntryChange::Kind::removed: return "removed";
    case EntryChange::Kind::changed: break;
  }
  return "changed";
}

namespace {

/// Numeric ids sort as numbers, others after them as text.
struct IdLess {
  bool operator()(const std::string& a, const std::string& b) const {
    const bool na = !a.empty() && std::all_of(a.begin(), a.end(), [](char c) { return c >= '0' && c <= '9'; });
    const bool nb = !b.empty() && std::all_of(b.begin(), b.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (na != nb) return na;
    if (na && a.size() != b.size()) return a.size() < b.size();
    return a < b;
  }
};

std::vector<std::string> changed_fields(const Entry& a, const Entry& b) {
  std::vector<std::string> f;
  auto names = [](const Entry& e) {
    std::vector<std::pair<std::string, int>> v;
    for (const Name& n : e.names) v.emplace_back(n.text, static_cast<int>(n.kind));
    std::sort(v.begin(), v.end());
    return v;
  };
  auto links = [](const Entry& e) {
    std::vector<std::pair<std::string, std::string>> v;
    for (const Link& l : e.links) v.emplace_back(l.relation, l.name);
    std::sort(v.begin(), v.end());
    return v;
  };
  if (names(a) != names(b)) f.emplace_back("names");
  if (a.imo != b.imo) f.emplace_back("imo");
  if (a.mmsis != b.mmsis) f.emplace_back("mmsi");
  if (a.callsigns != b.callsigns) f.emplace_back("callsigns");
  if (a.flag != b.flag) f.emplace_back("flag");
  if (a.other_flags != b.other_flags) f.emplace_back("other_flags");
  if (a.vessel_type != b.vessel_type) f.emplace_back("vessel_type");
  if (a.programs != b.programs) f.emplace_back("programs");
  if (links(a) != links(b)) f.emplace_back("links");
  return f;
}

}  // namespace

std::vector<EntryChange> diff_lists(const WatchList& before, const WatchList& after, bool all_kinds) {
  std::map<std::string, std::pair<const Entry*, const Entry*>, IdLess> by_id;
  for (const Entry& e : before.entries)
    if (all_kinds || e.kind == EntryKind::vessel) by_id[e.id].first = &e;
  for (const Entry& e : after.entries)
    if (all_kinds || e.kind == EntryKind::vessel) by_id[e.id].second = &e;
  std::vector<EntryChange> out;
  for (const auto& [id, pair] : by_id) {
    EntryChange c;
    c.before = pair.first;
    c.after = pair.second;
    if (!c.before) c.kind = EntryChange::Kind::added;
    else if (!c.after) c.kind = EntryChange::Kind::removed;
    else {
      c.fields = changed_fields(*c.before, *c.after);
      if (c.fields.empty()) continue;
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace tidewatch::watchlist
