// Every detector scored against known truth: `tidewatch simulate` scripts the
// situations (a ship going dark to visit Najin and coming back loaded, a
// ship-to-ship transfer, a loitering vessel, a spoofed position jump, an
// identity change, two ships sharing an MMSI, a coverage hole, a visible port
// call, background traffic) and writes their truth; `tidewatch analyze` runs
// on the NMEA; the events are matched to the truth by type, vessel(s), port
// and overlapping time (tests/support/score.h).  Three seeds; the floors
// below are the figures documented in docs/analyze.md §5.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/run.h"
#include "support/scratch.h"
#include "support/score.h"

namespace tidewatch::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::vector<json> read_jsonl(const fs::path& p) {
  std::vector<json> out;
  std::ifstream in(p);
  for (std::string l; std::getline(in, l);)
    if (!l.empty()) out.push_back(json::parse(l));
  return out;
}

class Scenarios : public ::testing::Test {
 protected:
  /// Simulates and analyzes one seed; returns (truth, events).
  std::pair<std::vector<json>, std::vector<json>> run_seed(int seed) {
    const std::string sim = "sim" + std::to_string(seed), out = "out" + std::to_string(seed);
    fs::remove_all(dir_ / sim);
    fs::remove_all(dir_ / out);
    // Truth gaps from 6 h (gap.min_hours); one report a minute keeps the
    // test quick (the rates of ITU-R M.1371 are exercised in tests/sim).
    const auto s = run_command(tidewatch_binary() + " simulate --out " + sim + " --seed " +
                                   std::to_string(seed) + " --truth-gap-hours 6 --interval 60 -q",
                               dir_);
    EXPECT_EQ(s.status, 0) << s.err;
    const auto a = run_command(tidewatch_binary() + " analyze " + sim + "/ais.nmea --out " + out + " -q", dir_);
    EXPECT_EQ(a.status, 0) << a.err;
    return {read_jsonl(dir_ / sim / "truth.jsonl"), read_jsonl(dir_ / out / "events.jsonl")};
  }
  test::ScratchDir scratch_{"scenarios"};
  fs::path dir_ = scratch_.path();
};

TEST_F(Scenarios, EveryDetectorMeetsItsPrecisionAndRecallFloor) {
  const std::set<std::string> types = {"gap",        "possible_port_visit", "port_visit",
                                       "encounter",  "loitering",           "draught_change",
                                       "identity_change", "shared_mmsi",    "position_jump"};
  std::map<std::string, TypeScore> total;
  // suspected_disabling is scored on the gaps that match a truth gap.
  std::size_t flag_right = 0, flag_total = 0;
  for (int seed : {1, 2, 3}) {
    auto [truth, events] = run_seed(seed);
    ASSERT_FALSE(truth.empty());
    for (const auto& [type, sc] : score_events(truth, events, types, 30 * 60 * 1000)) {
      auto& t = total[type];
      t.truths += sc.truths;
      t.detections += sc.detections;
      t.true_positives += sc.true_positives;
      t.matched_truths += sc.matched_truths;
    }
    for (const auto& e : events) {
      if (e["type"] != "gap") continue;
      for (const auto& t : truth) {
        if (t["type"] != "gap" || t["mmsi"] != e["mmsi"]) continue;
        if (iso_ms(e["start"]) > iso_ms(t["end"]) || iso_ms(e["end"]) < iso_ms(t["start"])) continue;
        ++flag_total;
        if (t["suspected_disabling"] == e["suspected_disabling"]) ++flag_right;
        break;
      }
    }
  }
  // Precision floor, recall floor per type (docs/analyze.md §5).
  const std::map<std::string, std::pair<double, double>> floors = {
      {"gap", {0.9, 0.9}},           {"possible_port_visit", {0.05, 1.0}},
      {"port_visit", {1.0, 1.0}},    {"encounter", {1.0, 1.0}},
      {"loitering", {1.0, 1.0}},     {"draught_change", {1.0, 1.0}},
      {"identity_change", {1.0, 1.0}}, {"shared_mmsi", {1.0, 1.0}},
      {"position_jump", {1.0, 1.0}}};
  for (const auto& [type, f] : floors) {
    const auto& s = total[type];
    std::cout << "[ score    ] " << type << ": truths " << s.truths << ", detections " << s.detections
              << ", precision " << s.precision() << ", recall " << s.recall() << '\n';
    EXPECT_GT(s.truths, 0U) << type << ": the simulation must script it";
    EXPECT_GE(s.precision(), f.first) << type;
    EXPECT_GE(s.recall(), f.second) << type;
  }
  std::cout << "[ score    ] suspected_disabling right on " << flag_right << " of " << flag_total
            << " matched gaps\n";
  ASSERT_GT(flag_total, 0U);
  EXPECT_GE(static_cast<double>(flag_right) / static_cast<double>(flag_total), 0.95);
}

}  // namespace
}  // namespace tidewatch::test
