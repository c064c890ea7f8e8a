// `tidewatch analyze|tracks --store` and `tidewatch query` as a user runs them
// on the real DMA sample: the store answers what events.jsonl of the same
// run says, re-runs add nothing, and A then B equals A and B in one run.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/files.h"
#include "support/run.h"
#include "support/scratch.h"
#include "tidewatch/store/store.h"

namespace tidewatch::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::multiset<std::string> sorted(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

class QueryCli : public ::testing::Test {
 protected:
  void SetUp() override {
    input_ = dma_sample().string();
    if (!fs::exists(input_)) GTEST_SKIP() << "missing " << input_;
    std::ofstream(dir_ / "mine.csv") << "name,imo,mmsi,callsign,note\nWATCHED ONE,,210248000,,tip\n";
  }
  RunResult tw(const std::string& args) { return run_command(tidewatch_binary() + " " + args, dir_); }
  RunResult analyze(const std::string& out) {
    return tw("analyze '" + input_ + "' --watchlist mine.csv --out " + out + " --store s.sqlite -q");
  }
  store::Counts counts() {
    auto s = store::Store::open((dir_ / "s.sqlite").string(), store::Mode::read_only);
    return s.counts();
  }
  test::ScratchDir scratch_{"query"};
  fs::path dir_ = scratch_.path();
  std::string input_;
};

TEST_F(QueryCli, AnswersAgreeWithEventsJsonlAndRerunsAddNothing) {
  const auto a = analyze("a");
  ASSERT_EQ(a.status, 0) << a.err;
  const auto events = lines_of(slurp(dir_ / "a" / "events.jsonl"));
  ASSERT_FALSE(events.empty());
  const auto c1 = counts();
  EXPECT_EQ(c1.runs, 1U);
  EXPECT_EQ(c1.inputs, 1U);
  EXPECT_EQ(c1.events, events.size());
  EXPECT_GE(c1.list_matches, 1U);
  const json summary = json::parse(slurp(dir_ / "a" / "summary.json"));
  EXPECT_EQ(c1.vessels, summary["vessels"].get<std::uint64_t>());
  EXPECT_EQ(c1.tracks, summary["segments"]["tracks"].get<std::uint64_t>());

  // events: the whole world and day = every event with a position.
  const auto all = tw("query s.sqlite events --bbox -180,-90,180,90 --from 2010-06-01 --to 2010-06-30");
  ASSERT_EQ(all.status, 0) << all.err;
  std::vector<std::string> with_position;
  for (const auto& l : events)
    if (!json::parse(l)["lat"].is_null()) with_position.push_back(l);
  EXPECT_EQ(sorted(lines_of(all.out)), sorted(with_position));

  // events in a box and hours, by type: the same filter over events.jsonl.
  const auto box = tw("query s.sqlite events --bbox 10,55,13,57 --from 2010-06-11T06:00:00Z --to 2010-06-11T18:00:00Z "
                      "--type port_visit --type gap");
  ASSERT_EQ(box.status, 0) << box.err;
  std::vector<std::string> expect_box;
  for (const auto& l : events) {
    const json e = json::parse(l);
    if (e["type"] != "port_visit" && e["type"] != "gap") continue;
    if (e["lat"].is_null()) continue;
    const double lat = e["lat"], lon = e["lon"];
    if (lon < 10 || lon > 13 || lat < 55 || lat > 57) continue;
    if (e["end"].get<std::string>() < "2010-06-11T06:00:00Z" || e["start"].get<std::string>() > "2010-06-11T18:00:00Z")
      continue;
    expect_box.push_back(l);
  }
  EXPECT_EQ(sorted(lines_of(box.out)), sorted(expect_box));

  // port-visits: each port of the run's port_visit / possible_port_visit events.
  std::map<std::string, std::vector<std::string>> by_port;
  for (const auto& l : events) {
    const json e = json::parse(l);
    if (e["type"] == "port_visit" || e["type"] == "possible_port_visit") by_port[e["port"]["name"]].push_back(l);
  }
  ASSERT_FALSE(by_port.empty()) << "the sample has port visits";
  std::size_t ports_checked = 0;
  for (const auto& [port, expect] : by_port) {
    if (++ports_checked > 12) break;  // enough to see it; two processes each
    const auto r = tw("query s.sqlite port-visits --port '" + port + "' --from 2010-06-11 --to 2010-06-11");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(sorted(lines_of(r.out)), sorted(expect)) << port;
    const auto none = tw("query s.sqlite port-visits --port '" + port + "' --from 2010-06-12 --to 2010-06-20");
    EXPECT_TRUE(none.out.empty()) << port;
  }
  const auto csv = tw("query s.sqlite --format csv port-visits --port '" + by_port.begin()->first + "'");
  EXPECT_EQ(lines_of(csv.out).size(), by_port.begin()->second.size() + 1);
  EXPECT_EQ(lines_of(csv.out)[0], "mmsi,type,port,locode,start,end,lat,lon,id");

  // vessel: the watched vessel's events, identity and list match; by MMSI.
  const auto v = tw("query s.sqlite vessel 210248000");
  ASSERT_EQ(v.status, 0) << v.err;
  const json vj = json::parse(v.out);
  std::vector<std::string> expect_v, got_v;
  for (const auto& l : events)
    if (json::parse(l)["mmsi"] == 210248000) expect_v.push_back(json::parse(l).dump());
  for (const auto& e : vj["events"]) got_v.push_back(e.dump());
  EXPECT_EQ(sorted(got_v), sorted(expect_v));
  EXPECT_EQ(vj["list_matches"].size(), 1U);
  EXPECT_EQ(vj["list_matches"][0]["name"], "WATCHED ONE");
  EXPECT_GT(vj["positions"].get<std::uint64_t>(), 0U);
  EXPECT_EQ(tw("query s.sqlite vessel 999999998").status, 3);  // not in the sample
  EXPECT_NE(tw("query s.sqlite vessel 12x").status, 0);

  // vessel by IMO: a vessel of vessels.csv that sent a valid IMO.
  std::istringstream vcsv(slurp(dir_ / "a" / "vessels.csv"));
  std::string row, imo_mmsi, imo;
  std::getline(vcsv, row);
  std::map<std::string, std::uint64_t> n_positions;
  while (std::getline(vcsv, row)) {
    std::vector<std::string> f;
    std::string cell;
    std::istringstream rs(row);
    while (std::getline(rs, cell, ',')) f.push_back(cell);
    if (f.size() < 11) continue;
    n_positions[f[0]] = std::stoull(f[5]);
    const std::string cand = f[10].substr(0, f[10].find('('));
    if (imo.empty() && cand.size() == 7 && n_positions[f[0]] > 0 && cand.find_first_not_of("0123456789") == std::string::npos &&
        f[10].find("invalid") == std::string::npos && f[10].find('|') == std::string::npos) {
      imo_mmsi = f[0];
      imo = cand;
    }
  }
  ASSERT_FALSE(imo.empty());
  const auto by_imo = tw("query s.sqlite vessel IMO" + imo);
  ASSERT_EQ(by_imo.status, 0) << by_imo.err;
  bool found = false;
  for (const auto& l : lines_of(by_imo.out)) found = found || std::to_string(json::parse(l)["mmsi"].get<std::uint64_t>()) == imo_mmsi;
  EXPECT_TRUE(found) << imo;

  // track: every position of vessels.csv, as CSV and GeoJSON.
  const auto t = tw("query s.sqlite --format csv track " + imo_mmsi + " --from 2010-06-11 --to 2010-06-11");
  ASSERT_EQ(t.status, 0) << t.err;
  EXPECT_EQ(lines_of(t.out).size(), n_positions[imo_mmsi] + 1);
  const auto g = tw("query s.sqlite --format geojson track " + imo_mmsi);
  ASSERT_EQ(g.status, 0) << g.err;
  EXPECT_EQ(json::parse(g.out)["features"][0]["properties"]["n_positions"].get<std::uint64_t>(), n_positions[imo_mmsi]);

  // A re-run: the input is already stored, nothing is added, answers are byte-identical.
  const auto b = tw("analyze '" + input_ + "' --watchlist mine.csv --out b --store s.sqlite");
  ASSERT_EQ(b.status, 0) << b.err;
  EXPECT_NE(b.err.find("already stored"), std::string::npos) << b.err;
  const auto c2 = counts();
  EXPECT_EQ(c2.runs, 2U);
  EXPECT_EQ(c2.inputs, c1.inputs);
  EXPECT_EQ(c2.positions, c1.positions);
  EXPECT_EQ(c2.chunks, c1.chunks);
  EXPECT_EQ(c2.events, c1.events);
  EXPECT_EQ(c2.tracks, c1.tracks);
  EXPECT_EQ(c2.identity, c1.identity);
  EXPECT_EQ(c2.vessels, c1.vessels);
  EXPECT_EQ(c2.list_matches, c1.list_matches);
  EXPECT_EQ(tw("query s.sqlite events").out, all.out);
  EXPECT_EQ(tw("query s.sqlite vessel 210248000").out, v.out);
  EXPECT_EQ(tw("query s.sqlite --format csv track " + imo_mmsi + " --from 2010-06-11 --to 2010-06-11").out, t.out);
}

/// The sample split by MMSI into A and B (whole messages; lines `decode`
/// does not use go to A): `tracks` on A then B gives the store of A and B in one run.
TEST_F(QueryCli, AThenBEqualsABInOneRun) {
  const auto d = tw("decode '" + input_ + "' --quiet");
  ASSERT_EQ(d.status, 0) << d.err;
  const auto text = lines_of(slurp(input_));
  std::vector<int> to_b(text.size() + 1, 0);
  std::set<std::uint64_t> mmsis;
  for (const auto& l : lines_of(d.out)) {
    const json m = json::parse(l);
    if (!m.contains("mmsi") || !m.contains("line")) continue;
    const auto first = m["line"].get<std::size_t>();
    const auto last = m.contains("line_last") ? m["line_last"].get<std::size_t>() : first;
    const bool b = m["mmsi"].get<std::uint64_t>() % 2 == 1;
    for (std::size_t i = first; i <= last && i < to_b.size(); ++i) to_b[i] = b ? 1 : 0;
  }
  {
    std::ofstream a(dir_ / "A.nmea"), b(dir_ / "B.nmea");
    for (std::size_t i = 0; i < text.size(); ++i) (to_b[i + 1] ? b : a) << text[i] << '\n';
  }
  ASSERT_EQ(tw("tracks A.nmea --out o1 --store one.sqlite -q").status, 0);
  ASSERT_EQ(tw("tracks B.nmea --out o2 --store one.sqlite -q").status, 0);
  ASSERT_EQ(tw("tracks A.nmea B.nmea --out o3 --store both.sqlite -q").status, 0);
  auto c1 = store::Store::open((dir_ / "one.sqlite").string(), store::Mode::read_only).counts();
  auto c2 = store::Store::open((dir_ / "both.sqlite").string(), store::Mode::read_only).counts();
  EXPECT_EQ(c1.runs, 2U);
  EXPECT_EQ(c2.runs, 1U);
  EXPECT_GT(c1.positions, 1000U);
  EXPECT_EQ(c1.positions, c2.positions);
  EXPECT_EQ(c1.chunks, c2.chunks);
  EXPECT_EQ(c1.vessels, c2.vessels);
  EXPECT_EQ(c1.tracks, c2.tracks);
  EXPECT_EQ(c1.identity, c2.identity);
  EXPECT_EQ(c1.events, c2.events);
  EXPECT_EQ(tw("query one.sqlite events").out, tw("query both.sqlite events").out);
  // Every vessel's answers are byte-identical.
  std::set<std::string> vessels;
  for (const auto& l : lines_of(slurp(dir_ / "o3" / "vessels.csv"))) vessels.insert(l.substr(0, l.find(',')));
  vessels.erase("mmsi");
  ASSERT_GT(vessels.size(), 10U);
  std::size_t checked = 0;
  for (const auto& m : vessels) {
    if (++checked > 20) break;  // enough to see it; four processes each
    EXPECT_EQ(tw("query one.sqlite vessel " + m).out, tw("query both.sqlite vessel " + m).out) << m;
    EXPECT_EQ(tw("query one.sqlite --format csv track " + m).out, tw("query both.sqlite --format csv track " + m).out) << m;
  }
}

TEST_F(QueryCli, BadArgumentsAreErrors) {
  ASSERT_EQ(tw("tracks '" + input_ + "' --out o --store s.sqlite -q").status, 0);
  EXPECT_NE(tw("query s.sqlite events --bbox 1,2,3").status, 0);
  EXPECT_NE(tw("query s.sqlite events --from yesterday").status, 0);
  EXPECT_NE(tw("query s.sqlite --format geojson events").status, 0);
  EXPECT_NE(tw("query missing.sqlite events").status, 0);
  std::ofstream(dir_ / "junk.sqlite") << "not a database";
  EXPECT_NE(tw("query junk.sqlite events").status, 0);
}

}  // namespace
}  // namespace tidewatch::test
