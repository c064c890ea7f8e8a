// `tidewatch analyze` as a user runs it: the contract's files and fields
// (../shared/contracts/results.md), sanctions screening of the real DMA
// sample against the real OFAC list, an analyst's own watchlist, reruns.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/data.h"
#include "support/files.h"
#include "support/run.h"
#include "support/scratch.h"

namespace tidewatch::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::vector<json> events_of(const fs::path& p) {
  std::vector<json> out;
  std::ifstream in(p);
  for (std::string l; std::getline(in, l);) out.push_back(json::parse(l));
  return out;
}

class AnalyzeCli : public ::testing::Test {
 protected:
  RunResult tw(const std::string& args) { return run_command(tidewatch_binary() + " " + args, dir_); }
  test::ScratchDir scratch_{"analyze"};
  fs::path dir_ = scratch_.path();
};

/// Every event has the contract's fields, and the file is ordered by start.
void check_contract(const std::vector<json>& events) {
  std::string prev;
  for (const auto& e : events) {
    for (const char* k : {"type", "mmsi", "start", "end", "lat", "lon", "evidence"})
      EXPECT_TRUE(e.contains(k)) << k << " missing in " << e.dump();
    EXPECT_GE(e["evidence"].size(), 1U);
    for (const auto& r : e["evidence"]) {
      EXPECT_TRUE(r["source"].is_string());
      EXPECT_GE(r["line"].get<std::uint64_t>(), 1U);
    }
    EXPECT_LE(prev, e["start"].get<std::string>());
    prev = e["start"].get<std::string>();
  }
}

TEST_F(AnalyzeCli, RealSampleScreenedAgainstTheRealOfacList) {
  const auto input = dma_sample().string();
  const auto sdn = shared_data("watchlists/ofac/jackdwyer-sdn-history/2024-05-03/sdn.csv").string();
  if (!fs::exists(input) || !fs::exists(sdn)) GTEST_SKIP() << "needs the DMA sample and ../shared/data";
  const auto r = tw("analyze '" + input + "' --watchlist '" + sdn + "' --out out");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto events = events_of(dir_ / "out" / "events.jsonl");
  check_contract(events);
  const json summary = json::parse(slurp(dir_ / "out" / "summary.json"));
  EXPECT_EQ(summary["program"], "tidewatch analyze");
  EXPECT_EQ(summary["inputs"][0]["sha256"].get<std::string>().size(), 64U);
  EXPECT_EQ(summary["parameters"]["watchlists"][0]["rejected_rows"], 0);
  std::size_t matches = 0;
  bool andrey_osipov = false;
  for (const auto& e : events) {
    if (e["type"] != "watchlist_match") continue;
    ++matches;
    EXPECT_TRUE(e["list"].contains("source") && e["list"].contains("id") && e["list"].contains("name") &&
                e["list"].contains("program"));
    EXPECT_FALSE(e["basis"].empty());
    EXPECT_GE(e["score"].get<double>(), 0.5);
    EXPECT_LE(e["score"].get<double>(), 1.0);
    // MMSI 277320000 broadcast IMO 8711306 in 2010 (as ALKA); OFAC lists that
    // IMO in 2024 as ANDREY OSIPOV.
    if (e["mmsi"] == 277320000 && e["list"]["name"] == "ANDREY OSIPOV") {
      andrey_osipov = true;
      EXPECT_EQ(e["basis"][0], "imo");
      EXPECT_TRUE(e["strong"].get<bool>());
    }
  }
  EXPECT_EQ(matches, summary["events"]["watchlist_match"].get<std::size_t>());
  EXPECT_GE(matches, 1U);
  EXPECT_TRUE(andrey_osipov);
}

TEST_F(AnalyzeCli, OwnWatchlistAndByteIdenticalReruns) {
  const auto input = dma_sample().string();
  if (!fs::exists(input)) GTEST_SKIP() << "missing " << input;
  // An analyst's list: a vessel of the sample by MMSI, and a name nobody broadcasts.
  std::ofstream(dir_ / "mine.csv") << "name,imo,mmsi,callsign,note\n"
                                   << "WATCHED ONE,,210248000,,tip from a source\n"
                                   << "NOBODY AT SEA,,,,\n";
  const auto a = tw("analyze '" + input + "' --watchlist mine.csv --out a -q");
  const auto b = tw("analyze '" + input + "' --watchlist mine.csv --out b -q");
  ASSERT_EQ(a.status, 0) << a.err;
  ASSERT_EQ(b.status, 0) << b.err;
  for (const char* f : {"events.jsonl", "summary.json", "tracks.geojson", "vessels.csv"})
    EXPECT_EQ(slurp(dir_ / "a" / f), slurp(dir_ / "b" / f)) << f;
  std::set<std::uint64_t> matched;
  for (const auto& e : events_of(dir_ / "a" / "events.jsonl"))
    if (e["type"] == "watchlist_match") matched.insert(e["mmsi"].get<std::uint64_t>());
  EXPECT_EQ(matched, (std::set<std::uint64_t>{210248000}));
}

TEST_F(AnalyzeCli, AMissingWatchlistIsAnErrorNotAnEmptyResult) {
  std::ofstream(dir_ / "feed.nmea") << "\n";
  const auto r = tw("analyze feed.nmea --watchlist nowhere.csv --out out -q");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("nowhere.csv"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace tidewatch::test
