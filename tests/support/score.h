#pragma once
// Scores detected events against a simulation's truth (truth.jsonl of
// `tidewatch simulate`): per event type, a detection is a true positive when
// it matches a not-yet-matched truth event of the same type and vessel(s)
// whose time span overlaps its own (widened by `slack_ms`), plus the type's
// own keys (the port's locode for port visits; the other vessel for
// encounters, which count once per pair).  Precision = TP / detections,
// recall = matched truths / truths.

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "tidewatch/core/time.h"

namespace tidewatch::test {

struct TypeScore {
  std::size_t truths = 0, detections = 0, true_positives = 0, matched_truths = 0;
  [[nodiscard]] double precision() const {
    return detections == 0 ? 1.0 : static_cast<double>(true_positives) / static_cast<double>(detections);
  }
  [[nodiscard]] double recall() const {
    return truths == 0 ? 1.0 : static_cast<double>(matched_truths) / static_cast<double>(truths);
  }
};

inline std::int64_t iso_ms(const nlohmann::json& v) {
  const std::string s = v.get<std::string>();
  int y, mo, d, h, mi, se;
  if (std::sscanf(s.c_str(), "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &se) != 6) return 0;
  return utc_millis(y, mo, d, h, mi, se, 0).value_or(0);
}

/// The key an event is matched on besides time: vessel(s) and type-specific fields.
inline std::string match_key(const nlohmann::json& e) {
  const std::string type = e.at("type").get<std::string>();
  std::string key = type + "|";
  if (type == "encounter") {
    auto a = e.at("mmsi").get<std::uint64_t>(), b = e.at("other_mmsi").get<std::uint64_t>();
    key += std::to_string(std::min(a, b)) + "-" + std::to_string(std::max(a, b));
  } else {
    key += std::to_string(e.at("mmsi").get<std::uint64_t>());
  }
  if ((type == "port_visit" || type == "possible_port_visit") && e.contains("port")) {
    const auto& p = e.at("port");
    std::string locode = p.value("locode", "");
    locode.erase(std::remove(locode.begin(), locode.end(), ' '), locode.end());
    key += "|" + (locode.empty() ? p.value("name", "") : locode);
  }
  return key;
}

/// Scores `events` against `truth` for the types in `types`; events of
/// other types are ignored; an encounter reported once per vessel counts once.
inline std::map<std::string, TypeScore> score_events(const std::vector<nlohmann::json>& truth,
                                                     const std::vector<nlohmann::json>& events,
                                                     const std::set<std::string>& types,
                                                     std::int64_t slack_ms) {
  std::map<std::string, TypeScore> out;
  struct Item {
    std::string key;
    std::int64_t start, end;
    bool used = false;
  };
  std::vector<Item> truths;
  for (const auto& t : truth) {
    const std::string type = t.at("type").get<std::string>();
    if (!types.count(type)) continue;
    truths.push_back({match_key(t), iso_ms(t.at("start")), iso_ms(t.at("end"))});
    ++out[type].truths;
  }
  std::set<std::string> seen_pairs;  // encounter key + start: one per pair
  for (const auto& e : events) {
    const std::string type = e.at("type").get<std::string>();
    if (!types.count(type)) continue;
    const std::string key = match_key(e);
    const std::int64_t s = iso_ms(e.at("start")), en = iso_ms(e.at("end"));
    if (type == "encounter" && !seen_pairs.insert(key + "@" + std::to_string(s)).second) continue;
    auto& sc = out[type];
    ++sc.detections;
    bool tp = false;
    for (auto& t : truths) {
      if (t.key != key) continue;
      if (s > t.end + slack_ms || en < t.start - slack_ms) continue;
      tp = true;
      if (!t.used) {
        t.used = true;
        ++sc.matched_truths;
        break;
      }
    }
    if (tp) ++sc.true_positives;
  }
  return out;
}

}  // namespace tidewatch::test
