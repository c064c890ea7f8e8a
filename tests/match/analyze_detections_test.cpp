// End to end: `tidewatch simulate` AIS, detections built from the vessels'
// reported positions at one instant (+ a dark vessel with no AIS, and one AIS
// vessel left out), `tidewatch analyze --detections`, then matches.csv, the
// dark_vessel / not_detected events and summary.json (docs/matching.md §4).

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "support/run.h"
#include "support/scratch.h"
#include "tidewatch/match/ais_match.h"
#include "tidewatch/store/store.h"

namespace tidewatch::match {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : line) {
    if (c == ',') out.push_back(cur), cur.clear();
    else cur.push_back(c);
  }
  out.push_back(cur);
  return out;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Ping {
  long long t = 0;  // Unix s
  double lat = 0, lon = 0;
};

class AisMatchCli : public ::testing::Test {
 protected:
  test::ScratchDir scratch_{"match-cli"};
  fs::path dir_ = scratch_.path();
};

TEST_F(AisMatchCli, SimulatedScene) {
  const std::string bin = test::tidewatch_binary();
  auto sim = test::run_command(bin + " simulate --out sim --seed 3 --hours 1 --vessels 12 --scenarios none --quiet", dir_);
  ASSERT_EQ(sim.status, 0) << sim.err;
  auto dec = test::run_command(bin + " decode --format csv sim/ais.nmea --output decoded.csv", dir_);
  ASSERT_EQ(dec.status, 0) << dec.err;

  // Reported positions per MMSI (rxtime to the second).
  std::map<std::uint32_t, std::vector<Ping>> pings;
  {
    std::ifstream in(dir_ / "decoded.csv");
    std::string line;
    std::getline(in, line);
    const auto h = split(line);
    auto col = [&h](const char* n) { return static_cast<std::size_t>(std::find(h.begin(), h.end(), n) - h.begin()); };
    const auto c_t = col("rxtime"), c_type = col("type"), c_mmsi = col("mmsi"), c_lat = col("lat"), c_lon = col("lon");
    while (std::getline(in, line)) {
      const auto f = split(line);
      if (f.size() <= c_lon || (f[c_type] != "1" && f[c_type] != "18") || f[c_lat].empty()) continue;
      int y = 0, mo = 0, d = 0, hh = 0, mi = 0, ss = 0;
      if (std::sscanf(f[c_t].c_str(), "%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &hh, &mi, &ss) != 6) continue;
      const auto ms = utc_millis(y, mo, d, hh, mi, ss);
      pings[static_cast<std::uint32_t>(std::stoul(f[c_mmsi]))].push_back(
          Ping{*ms / 1000, std::stod(f[c_lat]), std::stod(f[c_lon])});
    }
  }
  ASSERT_GE(pings.size(), 8U);
  // Each vessel's position at T by linear interpolation between its reports.
  const long long T = *utc_millis(2024, 6, 1, 0, 30, 0) / 1000;
  std::map<std::uint32_t, std::pair<double, double>> at;
  for (const auto& kv : pings) {
    const auto& v = kv.second;
    for (std::size_t i = 0; i + 1 < v.size(); ++i)
      if (v[i].t <= T && v[i + 1].t >= T && v[i + 1].t - v[i].t <= 60) {
        const double f = v[i + 1].t == v[i].t ? 0.0 : static_cast<double>(T - v[i].t) / static_cast<double>(v[i + 1].t - v[i].t);
        at[kv.first] = {v[i].lat + f * (v[i + 1].lat - v[i].lat), v[i].lon + f * (v[i + 1].lon - v[i].lon)};
        break;
      }
  }
  ASSERT_GE(at.size(), 6U);
  // D: the vessel farthest from all others (left out of the detections);
  // the dark detection 3 km from it, where no other vessel is.
  std::uint32_t left_out = 0;
  double best = -1;
  for (const auto& a : at) {
    double nearest = 1e18;
    for (const auto& b : at)
      if (a.first != b.first)
        nearest = std::min(nearest, distance_m(a.second.first, a.second.second, b.second.first, b.second.second));
    if (nearest > best) best = nearest, left_out = a.first;
  }
  ASSERT_GT(best, 8000.0) << "no isolated vessel in this simulation";
  const auto dark = move_along(at[left_out].first, at[left_out].second, 0.0, 3000.0);
  std::vector<std::uint32_t> seen;
  for (const auto& a : at)
    if (a.first != left_out && seen.size() < 3) seen.push_back(a.first);
  // The detections file: three AIS vessels, then the dark one.
  std::string csv = "id,time,lat,lon,length_m,scene\n";
  char row[256];
  for (std::size_t i = 0; i < seen.size(); ++i) {
    std::snprintf(row, sizeof row, "s%zu,2024-06-01T00:30:00Z,%.6f,%.6f,,sim-1\n", i, at[seen[i]].first,
                  at[seen[i]].second);
    csv += row;
  }
  std::snprintf(row, sizeof row, "dark,2024-06-01T00:30:00Z,%.6f,%.6f,,sim-1\n", dark.first, dark.second);
  csv += row;
  std::ofstream(dir_ / "det.csv", std::ios::binary) << csv;

  const auto r = test::run_command(bin + " analyze sim/ais.nmea --detections det.csv --out out --shoreline off --quiet", dir_);
  ASSERT_EQ(r.status, 0) << r.err;

  // matches.csv: contract header first, one row per detection, in input order.
  std::ifstream mc(dir_ / "out/matches.csv");
  std::string line;
  std::getline(mc, line);
  ASSERT_EQ(line.rfind("detection_id,mmsi,distance_m,score,", 0), 0U) << line;
  std::vector<std::vector<std::string>> rows;
  while (std::getline(mc, line)) rows.push_back(split(line));
  ASSERT_EQ(rows.size(), 4U);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(rows[i][0], "s" + std::to_string(i));
    EXPECT_EQ(rows[i][1], std::to_string(seen[i]));
    EXPECT_LT(std::stod(rows[i][2]), 50.0);  // reported positions: GNSS noise only
    EXPECT_GT(std::stod(rows[i][3]), 0.9);
  }
  EXPECT_EQ(rows[3][0], "dark");
  EXPECT_EQ(rows[3][1], "");

  // Events.
  std::ifstream ev(dir_ / "out/events.jsonl");
  int dark_events = 0, left_out_events = 0, seen_not_detected = 0;
  while (std::getline(ev, line)) {
    const auto j = nlohmann::json::parse(line);
    if (j["type"] == "dark_vessel") {
      ++dark_events;
      EXPECT_EQ(j["mmsi"], 0);
      EXPECT_EQ(j["detection_id"], "dark");
      EXPECT_EQ(j["start"], "2024-06-01T00:30:00Z");
      EXPECT_NEAR(j["lat"].get<double>(), dark.first, 1e-6);
      ASSERT_EQ(j["evidence"].size(), 1U);
      EXPECT_EQ(j["evidence"][0]["source"], "det.csv");
      EXPECT_EQ(j["evidence"][0]["line"], 5);
      EXPECT_EQ(j["nearest_ais_mmsi"], left_out);
      EXPECT_NEAR(j["nearest_ais_m"].get<double>(), 3000.0, 200.0);
    } else if (j["type"] == "not_detected") {
      const auto m = j["mmsi"].get<std::uint32_t>();
      if (m == left_out) {
        ++left_out_events;
        EXPECT_NEAR(distance_m(j["lat"], j["lon"], at[left_out].first, at[left_out].second), 0.0, 100.0);
        ASSERT_GE(j["evidence"].size(), 1U);
        EXPECT_EQ(j["evidence"][0]["source"], "sim/ais.nmea");
      }
      if (std::find(seen.begin(), seen.end(), m) != seen.end()) ++seen_not_detected;
    }
  }
  EXPECT_EQ(dark_events, 1);
  EXPECT_EQ(left_out_events, 1);
  EXPECT_EQ(seen_not_detected, 0);

  const auto summary = nlohmann::json::parse(slurp(dir_ / "out/summary.json"));
  const auto& d = summary["detections"];
  EXPECT_EQ(d["read"], 4);
  EXPECT_EQ(d["rejected"], 0);
  EXPECT_EQ(d["matched"], 3);
  EXPECT_EQ(d["dark"], 1);
  EXPECT_GE(d["not_detected"].get<int>(), 1);
  EXPECT_EQ(summary["events"]["dark_vessel"], 1);
  EXPECT_EQ(summary["parameters"]["values"]["match"]["gate_base_m"], 300.0);

  // A re-run (into the store too) gives byte-identical files.
  const auto r2 = test::run_command(
      bin + " analyze sim/ais.nmea --detections det.csv --out out2 --shoreline off --store s.sqlite --quiet", dir_);
  ASSERT_EQ(r2.status, 0) << r2.err;
  EXPECT_EQ(slurp(dir_ / "out/matches.csv"), slurp(dir_ / "out2/matches.csv"));
  EXPECT_EQ(slurp(dir_ / "out/events.jsonl"), slurp(dir_ / "out2/events.jsonl"));

  // The store holds the detections and their matches as matches.csv has them.
  const auto db = store::Store::open((dir_ / "s.sqlite").string(), store::Mode::read_only);
  const auto dets = db.detections();
  const auto ms = db.matches();
  ASSERT_EQ(dets.size(), 4U);
  ASSERT_EQ(ms.size(), 4U);
  std::map<std::string, std::optional<std::uint32_t>> mmsi_of;
  for (const auto& m : ms) {
    EXPECT_EQ(m.detection_source, "det.csv");
    mmsi_of[m.detection_id] = m.mmsi;
  }
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(mmsi_of["s" + std::to_string(i)], std::optional<std::uint32_t>(seen[i]));
  EXPECT_FALSE(mmsi_of["dark"].has_value());
  for (const auto& d : dets)
    if (d.id == "dark") {
      EXPECT_NEAR(d.lat, dark.first, 1e-6);
      EXPECT_EQ(d.line, 5U);
    }
}

}  // namespace
}  // namespace tidewatch::match
