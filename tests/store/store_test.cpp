// The store library (include/tidewatch/store/store.h): positions merged into
// day chunks, inputs and events without duplicates, queries.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "support/files.h"
#include "support/scratch.h"
#include "tidewatch/store/store.h"

namespace tidewatch::store {
namespace {

namespace fs = std::filesystem;

using test::kDay;
constexpr UnixMillis kHour = 3600000;

class StoreDb : public ::testing::Test {
 protected:
  test::ScratchDir scratch_{"store"};
  std::string path_ = (scratch_.path() / "s.sqlite").string();
};

Position pos(UnixMillis t, std::uint64_t line, std::int32_t lat_e7 = 550000000, std::int32_t lon_e7 = 120000000) {
  Position p;
  p.time = t;
  p.line = line;
  p.source = 1;
  p.lat_e7 = lat_e7;
  p.lon_e7 = lon_e7;
  p.sog = 100;
  return p;
}

std::string event(const std::string& type, std::uint32_t mmsi, const std::string& start, const std::string& end,
                  double lat, double lon, const std::string& extra = "") {
  return "{\"type\":\"" + type + "\",\"mmsi\":" + std::to_string(mmsi) + ",\"start\":\"" + start +
         "\",\"end\":\"" + end + "\",\"lat\":" + std::to_string(lat) + ",\"lon\":" + std::to_string(lon) +
         ",\"evidence\":[{\"source\":\"a.nmea\",\"line\":3},{\"source\":\"a.nmea\",\"line\":9}]" + extra + "}\n";
}

TEST_F(StoreDb, PositionsMergeAcrossDaysAndCalls) {
  auto s = Store::open(path_, Mode::create);
  s.begin_run("test");
  // Three days, given out of order in two calls with overlaps.
  std::vector<Position> a, b;
  for (int i = 0; i < 72; ++i) (i % 2 ? a : b).push_back(pos(kDay + i * kHour, static_cast<std::uint64_t>(i + 1)));
  std::reverse(a.begin(), a.end());
  EXPECT_EQ(s.add_positions(7, a), 36U);
  b.push_back(a[3]);  // an exact duplicate
  b.push_back(b[0]);
  EXPECT_EQ(s.add_positions(7, b), 36U);
  EXPECT_EQ(s.add_positions(7, a), 0U);  // all there already
  s.finish_run();
  const auto all = s.vessel_track(7, kDay, kDay + 3 * 24 * kHour);
  ASSERT_EQ(all.size(), 72U);
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].time, kDay + static_cast<UnixMillis>(i) * kHour);
  EXPECT_EQ(s.counts().chunks, 3U);
  EXPECT_EQ(s.counts().positions, 72U);
  // Range bounds are inclusive; another vessel sees nothing.
  const auto mid = s.vessel_track(7, kDay + 23 * kHour, kDay + 25 * kHour);
  ASSERT_EQ(mid.size(), 3U);
  EXPECT_EQ(mid.front().time, kDay + 23 * kHour);
  EXPECT_TRUE(s.vessel_track(8, kDay, kDay + 72 * kHour).empty());
  EXPECT_TRUE(s.vessel_track(7, kDay + 5, kDay).empty());
}

TEST_F(StoreDb, InputsKeyedBySha256) {
  {
    auto s = Store::open(path_, Mode::create);
    EXPECT_EQ(s.begin_run("one"), 1);
    const auto a = s.add_input("a.nmea", 10, "aa");
    EXPECT_FALSE(a.already_stored);
    s.finish_run();
  }
  auto s = Store::open(path_, Mode::read_write);
  EXPECT_EQ(s.begin_run("two"), 2);
  const auto a = s.add_input("renamed.nmea", 10, "aa");
  EXPECT_TRUE(a.already_stored);
  EXPECT_EQ(a.first_run, 1);
  const auto b = s.add_input("b.nmea", 20, "bb");
  EXPECT_FALSE(b.already_stored);
  EXPECT_NE(a.id, b.id);
  s.finish_run();
  const auto in = s.inputs();
  ASSERT_EQ(in.size(), 2U);
  EXPECT_EQ(in[0].name, "a.nmea");
  EXPECT_EQ(in[1].first_run, 2);
  EXPECT_TRUE(in[1].complete);
}

TEST_F(StoreDb, EventsDedupedAndQueried) {
  auto s = Store::open(path_, Mode::create);
  s.begin_run("test");
  const auto gap = event("gap", 1, "2010-06-11T01:00:00Z", "2010-06-11T09:00:00Z", 55.5, 12.5,
                         ",\"suspected_disabling\":true");
  const auto visit = event("port_visit", 2, "2010-06-12T01:00:00Z", "2010-06-12T05:00:00Z", 55.7, 12.6,
                           ",\"port\":{\"name\":\"Copenhagen\",\"locode\":\"DKCPH\"}");
  const auto maybe = event("possible_port_visit", 3, "2010-06-10T01:00:00Z", "2010-06-10T05:00:00Z", 55.7, 12.6,
                           ",\"port\":{\"name\":\"Copenhagen\",\"locode\":\"DKCPH\"}");
  const auto fiji = event("loitering", 4, "2010-06-11T00:00:00Z", "2010-06-11T06:00:00Z", -17.0, 179.9);
  const auto fiji2 = event("loitering", 5, "2010-06-11T00:00:00Z", "2010-06-11T06:00:00Z", -17.0, -179.9);
  const auto nowhere = "{\"type\":\"watchlist_match\",\"mmsi\":6,\"start\":\"2010-06-11T00:00:00Z\",\"end\":"
                       "\"2010-06-11T00:00:00Z\",\"lat\":null,\"lon\":null,\"evidence\":[],\"list\":{\"source\":"
                       "\"OFAC\",\"id\":\"123\",\"name\":\"SHIP\",\"program\":\"IRAN\"},\"basis\":[\"imo\"],\"score\":1}";
  for (const auto& e : {gap, visit, maybe, fiji, fiji2, std::string(nowhere)}) EXPECT_TRUE(s.add_event_json(e));
  EXPECT_FALSE(s.add_event_json(gap));  // same id
  // Same key, other non-identifying fields: still the same event.
  EXPECT_FALSE(s.add_event_json(event("gap", 1, "2010-06-11T01:00:00Z", "2010-06-11T09:00:00Z", 55.5, 12.5,
                                      ",\"suspected_disabling\":false")));
  // Another port is another event.
  EXPECT_TRUE(s.add_event_json(event("port_visit", 2, "2010-06-12T01:00:00Z", "2010-06-12T05:00:00Z", 55.7, 12.6,
                                     ",\"port\":{\"name\":\"Malmo\",\"locode\":\"SEMMA\"}")));
  EXPECT_THROW(s.add_event_json("{\"type\":\"gap\"}"), std::invalid_argument);
  EXPECT_THROW(s.add_event_json("not json"), std::invalid_argument);
  s.finish_run();
  EXPECT_EQ(s.counts().events, 7U);
  EXPECT_EQ(s.counts().list_matches, 1U);
  EXPECT_EQ(s.counts().evidence, 12U);
  // The vessels with events (a report without --vessel) and the runs' programs (its header).
  EXPECT_EQ(s.mmsis_with_events(), (std::vector<std::uint32_t>{1, 2, 3, 4, 5, 6}));
  s.begin_run("test");  // the same program again: listed once
  s.begin_run("other");
  s.finish_run();
  EXPECT_EQ(s.run_programs(), (std::vector<std::string>{"test", "other"}));

  // Area and time.
  BBox dk{8, 54, 16, 58};
  auto r = s.events_in(dk, kDay, kDay + 48 * kHour, {});
  ASSERT_EQ(r.size(), 3U);
  EXPECT_EQ(r[0].type, "gap");
  EXPECT_EQ(r[1].mmsi, 2U);
  r = s.events_in(dk, kDay, kDay + 48 * kHour, {"port_visit"});
  EXPECT_EQ(r.size(), 2U);
  r = s.events_in(dk, kDay + 10 * kHour, kDay + 11 * kHour, {});  // between the gap and the visit
  EXPECT_TRUE(r.empty());
  r = s.events_in(dk, kDay + 8 * kHour, kDay + 8 * kHour, {});  // an instant inside the gap
  ASSERT_EQ(r.size(), 1U);
  // Across the antimeridian (west > east).
  r = s.events_in(BBox{179, -18, -179, -16}, kDay, kDay + kHour, {});
  ASSERT_EQ(r.size(), 2U);
  EXPECT_EQ(r[0].mmsi, 4U);
  EXPECT_EQ(r[1].mmsi, 5U);
  EXPECT_EQ(s.events_in(BBox{170, -18, 179, -16}, kDay, kDay + kHour, {}).size(), 0U);

  // Port visits by name (any case) or LOCODE, between dates.
  auto v = s.port_events("copenhagen", kDay - 48 * kHour, kDay + 72 * kHour);
  ASSERT_EQ(v.size(), 2U);
  EXPECT_EQ(v[0].type, "possible_port_visit");
  EXPECT_EQ(v[1].type, "port_visit");
  EXPECT_EQ(s.port_events("dkcph", kDay, kDay + 72 * kHour).size(), 1U);
  EXPECT_EQ(s.port_events("SEMMA", kDay, kDay + 72 * kHour).size(), 1U);
  EXPECT_EQ(s.port_events("DKCPH", kDay + 72 * kHour, kDay + 96 * kHour).size(), 0U);
}

TEST_F(StoreDb, VesselSummaryAndImo) {
  auto s = Store::open(path_, Mode::create);
  s.begin_run("test");
  s.put_vessel(VesselRow{219000001, "ship", "DK", kDay, kDay + kHour});
  s.put_vessel(VesselRow{219000001, "ship", "DK", kDay - kHour, kDay});  // widens
  s.add_identity(IdentityRow{219000001, "imo", "9074729", kDay, kDay + kHour, 3, true});
  s.add_identity(IdentityRow{219000001, "imo", "9074729", kDay, kDay + 2 * kHour, 5, true});  // same run, longer
  s.add_identity(IdentityRow{219000001, "name", "NORDIC SEA", kDay, kDay + kHour, 3, true});
  s.add_identity(IdentityRow{219000002, "imo", "9074729", kDay, kDay, 1, true});
  TrackRow t;
  t.mmsi = 219000001;
  t.start = kDay;
  t.end = kDay + kHour;
  t.positions = 2;
  t.segment_id = "219000001-0";
  s.add_track(t);
  s.add_track(t);
  const std::vector<Position> p = {pos(kDay, 1), pos(kDay + kHour, 2)};
  s.add_positions(219000001, p);
  s.finish_run();
  const auto v = s.vessel_summary(219000001);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->vessel.first_seen, kDay - kHour);
  EXPECT_EQ(v->vessel.last_seen, kDay + kHour);
  EXPECT_EQ(v->positions, 2U);
  ASSERT_EQ(v->identity.size(), 2U);
  EXPECT_EQ(v->identity[0].field, "imo");
  EXPECT_EQ(v->identity[0].count, 5U);
  EXPECT_EQ(v->identity[0].last_seen, kDay + 2 * kHour);
  EXPECT_EQ(v->tracks.size(), 1U);
  EXPECT_FALSE(s.vessel_summary(1).has_value());
  EXPECT_EQ(s.mmsis_by_imo(9074729), (std::vector<std::uint32_t>{219000001, 219000002}));
  EXPECT_TRUE(s.mmsis_by_imo(1234567).empty());
}

TEST_F(StoreDb, DetectionsAndMatchesArePlainRows) {
  auto s = Store::open(path_, Mode::create);
  s.begin_run("test");
  DetectionRow d;
  d.source = "scene.csv";
  d.id = "d1";
  d.time = kDay;
  d.lat = 55;
  d.lon = 12;
  d.length_m = 120;
  d.line = 2;
  s.add_detection(d);
  d.id = "d2";
  d.length_m.reset();
  s.add_detection(d);
  s.add_match(MatchRow{"scene.csv", "d1", 219000001U, 85.5, 0.9});
  s.add_match(MatchRow{"scene.csv", "d2", std::nullopt, std::nullopt, std::nullopt});  // dark
  s.add_match(MatchRow{"scene.csv", "d1", 219000001U, 80.0, 0.95});  // replaces
  s.finish_run();
  const auto ds = s.detections();
  ASSERT_EQ(ds.size(), 2U);
  EXPECT_EQ(ds[0].length_m, 120.0);
  EXPECT_FALSE(ds[1].length_m.has_value());
  const auto ms = s.matches();
  ASSERT_EQ(ms.size(), 2U);
  EXPECT_EQ(ms[0].distance_m, 80.0);
  EXPECT_FALSE(ms[1].mmsi.has_value());
}

TEST_F(StoreDb, OpenModes) {
  EXPECT_THROW(Store::open(path_, Mode::read_only), std::runtime_error);
  EXPECT_THROW(Store::open(path_, Mode::read_write), std::runtime_error);
  { auto s = Store::open(path_, Mode::create); }
  auto r = Store::open(path_, Mode::read_only);
  EXPECT_THROW(r.begin_run("x"), std::logic_error);
  // A SQLite file that is not a store.
  const std::string other = (scratch_.path() / "other.sqlite").string();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(other.c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  EXPECT_THROW(Store::open(other, Mode::create), std::runtime_error);
}

TEST_F(StoreDb, CorruptChunkIsSkippedOnRead) {
  {
    auto s = Store::open(path_, Mode::create);
    s.begin_run("t");
    s.add_positions(9, std::vector<Position>{pos(kDay, 1), pos(kDay + 25 * kHour, 2)});
    s.finish_run();
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  const std::string sql = "UPDATE position_chunks SET data=x'01ff' WHERE bucket_start=" + std::to_string(kDay);
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto s = Store::open(path_, Mode::read_write);
  const auto t = s.vessel_track(9, kDay, kDay + 48 * kHour);
  ASSERT_EQ(t.size(), 1U);
  EXPECT_EQ(s.corrupt_chunks(), 1U);
  s.begin_run("t");
  EXPECT_THROW(s.add_positions(9, std::vector<Position>{pos(kDay + 1000, 3)}), std::runtime_error);
}

TEST_F(StoreDb, EventIdIgnoresEvidenceAndOrderOfKeys) {
  const auto a = event_id("{\"type\":\"encounter\",\"mmsi\":1,\"start\":\"2010-06-11T00:00:00Z\",\"end\":"
                          "\"2010-06-11T02:00:00Z\",\"other_mmsi\":2,\"evidence\":[]}");
  const auto b = event_id("{\"mmsi\":1,\"type\":\"encounter\",\"other_mmsi\":2,\"start\":\"2010-06-11T00:00:00Z\","
                          "\"end\":\"2010-06-11T02:00:00Z\",\"evidence\":[{\"source\":\"x\",\"line\":1}]}");
  const auto c = event_id("{\"type\":\"encounter\",\"mmsi\":1,\"start\":\"2010-06-11T00:00:00Z\",\"end\":"
                          "\"2010-06-11T02:00:00Z\",\"other_mmsi\":3,\"evidence\":[]}");
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_EQ(a.size(), 32U);
}

}  // namespace
}  // namespace tidewatch::store
