// `tidewatch tracks` as a user runs it: the four output files, their
// consistency, a known vessel, identity_change events, byte-identical reruns.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "tidewatch/ais/encode.h"
#include "tidewatch/geo/land_mask.h"
#include "tidewatch/ingest/csv.h"
#include "support/data.h"
#include "support/files.h"
#include "support/run.h"
#include "support/scratch.h"

namespace tidewatch::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// ---- fixtures through the project's AIS encoder (ais/encode.h) ---------------------

/// The sentence(s) of `m` behind a tag block with time `t` (Unix seconds), without the last line end.
std::string nmea(const ais::Message& m, std::int64_t t) {
  ais::SentenceOptions o;
  o.time = t * 1000;
  std::string s = ais::encode_nmea(m, o).value();
  s.pop_back();
  return s;
}

/// A type 1 report at 10.0 kn, course 90.
std::string type1(std::uint32_t mmsi, double lat, double lon, std::int64_t t) {
  ais::Message m;
  m.type = 1;
  m.mmsi = mmsi;
  ais::PositionReportA p;
  p.status = 0;
  p.speed = 100;
  p.accuracy = true;
  p.lon = static_cast<std::int32_t>(lon * 600000.0);
  p.lat = static_cast<std::int32_t>(lat * 600000.0);
  p.course = 900;
  p.heading = 90;
  p.second = static_cast<std::uint8_t>(t % 60);
  m.body = p;
  return nmea(m, t);
}

/// A type 5 of a cargo ship 120 x 10 m, draught 7.5 m, bound for AARHUS.
std::string type5(std::uint32_t mmsi, std::string_view name, std::string_view callsign,
                  std::uint32_t imo, std::int64_t t) {
  ais::Message m;
  m.type = 5;
  m.mmsi = mmsi;
  ais::StaticAndVoyage v;
  v.imo = imo;
  v.callsign.assign(callsign);
  v.shipname.assign(name);
  v.shiptype = 70;
  v.dimensions = {100, 20, 5, 5};
  v.epfd = 1;
  v.eta = {6, 11, 12, 0};
  v.draught = 75;
  v.destination.assign("AARHUS");
  v.dte = 0;
  m.body = v;
  return nmea(m, t);
}

/// A type 18 (Class B) report at 6.0 kn, course 0.
std::string type18(std::uint32_t mmsi, double lat, double lon, std::int64_t t) {
  ais::Message m;
  m.type = 18;
  m.mmsi = mmsi;
  ais::PositionReportB p;
  p.speed = 60;
  p.lon = static_cast<std::int32_t>(lon * 600000.0);
  p.lat = static_cast<std::int32_t>(lat * 600000.0);
  p.course = 0;
  p.heading = 0;
  p.second = static_cast<std::uint8_t>(t % 60);
  p.cs = true;
  m.body = p;
  return nmea(m, t);
}

/// A type 24 part A (Class B static data: the name).
std::string type24a(std::uint32_t mmsi, std::string_view name, std::int64_t t) {
  ais::Message m;
  m.type = 24;
  m.mmsi = mmsi;
  ais::StaticDataReport r;
  r.part = ais::StaticDataReport::Part::A;
  r.shipname.assign(name);
  m.body = r;
  return nmea(m, t);
}

class TracksCli : public ::testing::Test {
 protected:
  RunResult tw(const std::string& args) { return run_command(tidewatch_binary() + " " + args, dir_); }

  /// Checks the four files of `out` and their consistency; returns summary.json.
  json check_outputs(const std::string& out) {
    const fs::path d = dir_ / out;
    for (const char* f : {"tracks.geojson", "vessels.csv", "events.jsonl", "summary.json"})
      EXPECT_TRUE(fs::exists(d / f)) << f;
    const json summary = json::parse(slurp(d / "summary.json"));
    const json geo = json::parse(slurp(d / "tracks.geojson"));
    EXPECT_EQ(geo["type"], "FeatureCollection");
    EXPECT_EQ(geo["features"].size(), summary["segments"]["features"].get<std::size_t>());
    std::uint64_t positions_in_features = 0;
    for (const auto& f : geo["features"]) {
      EXPECT_EQ(f["type"], "Feature");
      const auto& g = f["geometry"];
      const auto type = g["type"].get<std::string>();
      const auto n = f["properties"]["n_positions"].get<std::uint64_t>();
      positions_in_features += n;
      if (n == 1) {
        EXPECT_EQ(type, "Point");
      } else {
        EXPECT_TRUE(type == "LineString" || type == "MultiLineString") << type;
      }
      EXPECT_TRUE(g["coordinates"].is_array());
      EXPECT_TRUE(f["properties"].contains("segment_id"));
      EXPECT_TRUE(f["properties"]["evidence_first"].contains("line"));
    }
    const auto& seg = summary["segments"];
    EXPECT_EQ(positions_in_features + seg["noise_positions"].get<std::uint64_t>() +
                  seg["dropped_positions"].get<std::uint64_t>(),
              summary["counts"]["positions"].get<std::uint64_t>());
    const auto rows = lines_of(slurp(d / "vessels.csv"));
    EXPECT_EQ(rows.at(0),
              "mmsi,mmsi_class,flag,first_seen,last_seen,n_positions,n_segments,n_noise,names,"
              "callsigns,imos,shiptypes,shared_mmsi,dimensions,draughts,destinations");
    EXPECT_EQ(rows.size() - 1, summary["vessels"].get<std::size_t>());
    const auto events = lines_of(slurp(d / "events.jsonl"));
    std::size_t changes = 0, shared = 0, jumps = 0, on_land = 0;
    std::string prev_start;
    for (const auto& l : events) {
      const json e = json::parse(l);
      if (e["type"] == "identity_change") ++changes;
      if (e["type"] == "shared_mmsi") {
        ++shared;
        EXPECT_EQ(e["tracks"].size(), 2U);
        EXPECT_EQ(e["evidence"].size(), 4U);
      }
      if (e["type"] == "position_jump") {
        ++jumps;
        EXPECT_GT(e["implied_speed_kn"].get<double>(), 25.0);
        EXPECT_GE(e["distance_km"].get<double>(), 1.0);
      }
      if (e["type"] == "position_on_land") {
        ++on_land;
        EXPECT_GE(e["positions"].get<std::size_t>(), 1U);
      }
      EXPECT_LE(prev_start, e["start"].get<std::string>());
      prev_start = e["start"].get<std::string>();
      EXPECT_GE(e["evidence"].size(), 2U);
    }
    EXPECT_EQ(changes, summary["events"]["identity_change"].get<std::size_t>());
    EXPECT_EQ(shared, summary["events"]["shared_mmsi"].get<std::size_t>());
    EXPECT_EQ(jumps, summary["events"]["position_jump"].get<std::size_t>());
    EXPECT_EQ(on_land, summary["events"]["position_on_land"].get<std::size_t>());
    return summary;
  }
  std::string row_of(const std::string& out, const std::string& mmsi) {
    for (const auto& r : lines_of(slurp(dir_ / out / "vessels.csv")))
      if (r.rfind(mmsi + ",", 0) == 0) return r;
    return {};
  }
  test::ScratchDir scratch_{"tracks"};
  fs::path dir_ = scratch_.path();
};

TEST_F(TracksCli, DmaNmeaSampleWritesConsistentFiles) {
  const auto input = (dma_sample()).string();
  if (!fs::exists(input)) GTEST_SKIP() << "missing " << input;
  const auto r = tw("tracks '" + input + "' --out out");
  ASSERT_EQ(r.status, 0) << r.err;
  const json summary = check_outputs("out");
  EXPECT_EQ(summary["counts"]["lines"], 8551);
  EXPECT_GT(summary["vessels"].get<int>(), 1000);
  EXPECT_GT(summary["segments"]["tracks"].get<int>(), 1000);
  const auto row = row_of("out", "210248000");
  EXPECT_EQ(row.rfind("210248000,ship,CY,", 0), 0U) << row;
  EXPECT_NE(row.find(",TRANSJORUND(1),C4RK2(1),9349227(1),71(1)"), std::string::npos) << row;
}

TEST_F(TracksCli, GfwRegressionFile) {
  const auto input = shared_data("tracks/gfw-gpsdio-segment-v3.0.0/regr_477293900.json");
  TIDEWATCH_REQUIRE_SHARED(input);
  const auto r = tw("tracks '" + input.string() + "' --format gfw --out out");
  ASSERT_EQ(r.status, 0) << r.err;
  const json summary = check_outputs("out");
  EXPECT_EQ(summary["vessels"], 1);
  const auto row = row_of("out", "477293900");
  EXPECT_EQ(row.rfind("477293900,ship,HK,", 0), 0U) << row;
  EXPECT_NE(row.find("CSCL SUMMER("), std::string::npos) << row;
  // This vessel crosses the antimeridian: its track is a MultiLineString.
  const json geo = json::parse(slurp(dir_ / "out" / "tracks.geojson"));
  bool multi = false;
  for (const auto& f : geo["features"]) {
    if (f["geometry"]["type"] != "MultiLineString") continue;
    multi = true;
    for (const auto& part : f["geometry"]["coordinates"]) EXPECT_GE(part.size(), 2U);
  }
  EXPECT_TRUE(multi);
}

TEST_F(TracksCli, GfwSharedMmsiAndIdentityFlapping) {
  const auto shared_in = shared_data("tracks/gfw-gpsdio-segment-v3.0.0/regr_412331088.json");
  const auto flap_in = shared_data("tracks/gfw-gpsdio-segment-v3.0.0/regr_416070900.json");
  TIDEWATCH_REQUIRE_SHARED(shared_in);
  TIDEWATCH_REQUIRE_SHARED(flap_in);
  auto r = tw("tracks '" + shared_in.string() + "' --format gfw --out shared");
  ASSERT_EQ(r.status, 0) << r.err;
  json summary = check_outputs("shared");
  EXPECT_GE(summary["events"]["shared_mmsi"].get<int>(), 1);
  std::cout << "regr_412331088 shared_mmsi: " << summary["events"]["shared_mmsi"] << '\n';
  const auto row = row_of("shared", "412331088");
  ingest::CsvSplitter csv;
  ASSERT_TRUE(csv.split(row));
  ASSERT_EQ(csv.size(), 16U) << row;
  EXPECT_EQ(csv.get(12), "1") << row;  // the shared_mmsi column
  // Two spellings ("PEI YUH NO.6" / "PEI YUH NO6") alternate: 436
  // identity_change events before the flapping rules (track/identity.h).
  r = tw("tracks '" + flap_in.string() + "' --format gfw --out flap");
  ASSERT_EQ(r.status, 0) << r.err;
  summary = check_outputs("flap");
  EXPECT_LE(summary["events"]["identity_change"].get<int>(), 5);
  std::cout << "regr_416070900 identity_change: " << summary["events"]["identity_change"] << '\n';
  const auto flap_row = row_of("flap", "416070900");
  EXPECT_NE(flap_row.find("PEI YUH NO.6("), std::string::npos) << flap_row;
  EXPECT_NE(flap_row.find("PEI YUH NO6("), std::string::npos) << flap_row;
}

TEST_F(TracksCli, IdentityChangeNeedsTwoSightings) {
  // MMSI 219000123 (Denmark): ALPHA x2, BETA once (noise), ALPHA, GAMMA x2
  // (a change of name and call sign), with positions in between.
  const std::uint32_t mmsi = 219000123;
  const std::int64_t t0 = 1700000000;
  std::string feed;
  const char* names[] = {"ALPHA", "ALPHA", "BETA", "ALPHA", "GAMMA", "GAMMA"};
  const char* calls[] = {"OZAB", "OZAB", "OZAB", "OZAB", "OZGG", "OZGG"};
  for (int i = 0; i < 6; ++i) {
    const std::int64_t t = t0 + i * 600;
    feed += type1(mmsi, 56.0 + i * 0.01, 10.0 + i * 0.01, t) + "\n";
    feed += type5(mmsi, names[i], calls[i], 9179842, t + 10) + "\n";
  }
  feed += type1(266000123, 57.0, 11.0, t0 + 30) + "\n";  // another vessel, no statics
  std::ofstream(dir_ / "feed.nmea") << feed;
  // The positions are near Aarhus, partly on land: only identity is checked here.
  const auto r = tw("tracks feed.nmea --shoreline off --out out");
  ASSERT_EQ(r.status, 0) << r.err;
  const json summary = check_outputs("out");
  EXPECT_EQ(summary["counts"]["positions"], 7);
  EXPECT_EQ(summary["counts"]["statics"], 6);
  EXPECT_EQ(summary["vessels"], 2);
  EXPECT_EQ(summary["events"]["identity_change"], 1);
  const auto events = lines_of(slurp(dir_ / "out" / "events.jsonl"));
  ASSERT_EQ(events.size(), 1U);
  const json e = json::parse(events[0]);
  EXPECT_EQ(e["type"], "identity_change");
  EXPECT_EQ(e["mmsi"], mmsi);
  EXPECT_EQ(e["start"], "2023-11-14T22:53:30Z");  // t0 + 2410 s: first GAMMA
  EXPECT_EQ(e["end"], "2023-11-14T23:03:30Z");    // t0 + 3010 s: second GAMMA
  EXPECT_EQ(e["before"], json({{"name", "ALPHA"}, {"callsign", "OZAB"}}));
  EXPECT_EQ(e["after"], json({{"name", "GAMMA"}, {"callsign", "OZGG"}}));
  EXPECT_NEAR(e["lat"].get<double>(), 56.04, 1e-4);
  EXPECT_EQ(e["evidence"].front()["source"], "feed.nmea");
  // Each report is a type 1 line and a type 5 of two sentences; evidence
  // names the first line of a two-sentence message.
  EXPECT_EQ(e["evidence"].front()["line"], 11);  // last ALPHA (vessel 4 of 6)
  EXPECT_EQ(e["evidence"].back()["line"], 17);   // confirming GAMMA (vessel 6)
  const auto row = row_of("out", "219000123");
  EXPECT_EQ(row.rfind("219000123,ship,DK,", 0), 0U) << row;
  EXPECT_NE(row.find(",ALPHA(3)|BETA(1)|GAMMA(2),OZAB(4)|OZGG(2),9179842(6),70(6)"),
            std::string::npos)
      << row;
  EXPECT_NE(row_of("out", "266000123").find(",1,1,0,,,,"), std::string::npos);
}

TEST_F(TracksCli, SharedMmsiTracksCarryTheirOwnTransponderIdentity) {
  // MMSI 219000123 used at once by a Class A cargo ship "ALPHA" steaming east
  // in the Kattegat (type 1 every minute, type 5 every 6 min) and a Class B
  // unit "BRAVO" 100 km north (type 18 every minute, type 24 every 30 min):
  // two tracks, each named by its own transponder, no identity change.
  const std::uint32_t mmsi = 219000123;
  const std::int64_t t0 = 1700000000;
  std::string feed;
  for (int i = 0; i < 240; ++i) {
    const std::int64_t t = t0 + i * 60;
    feed += type1(mmsi, 56.5, 11.0 + i * 0.0025, t) + "\n";
    feed += type18(mmsi, 57.4, 11.2 + i * 0.0001, t + 20) + "\n";
    if (i % 6 == 0) feed += type5(mmsi, "ALPHA", "OZAB", 9179842, t + 30) + "\n";
    if (i % 30 == 0) feed += type24a(mmsi, "BRAVO", t + 40) + "\n";
  }
  std::ofstream(dir_ / "feed.nmea") << feed;
  const auto r = tw("tracks feed.nmea --shoreline off --out out");
  ASSERT_EQ(r.status, 0) << r.err;
  const json summary = check_outputs("out");
  EXPECT_EQ(summary["events"]["shared_mmsi"], 1);
  EXPECT_EQ(summary["events"]["identity_change"], 0);
  const json geo = json::parse(slurp(dir_ / "out" / "tracks.geojson"));
  ASSERT_EQ(geo["features"].size(), 2U);
  for (const auto& f : geo["features"]) {
    const auto& p = f["properties"];
    const double lat = f["geometry"]["coordinates"][0][1].get<double>();
    if (lat < 57.0) {
      EXPECT_EQ(p["name"], "ALPHA") << p;
      EXPECT_EQ(p["callsign"], "OZAB");
    } else {
      EXPECT_EQ(p["name"], "BRAVO") << p;  // ALPHA is 5x as frequent in the span
      EXPECT_TRUE(p["callsign"].is_null()) << p;  // the unit sent none; ALPHA's is not lent
    }
  }
}

TEST_F(TracksCli, RerunsAreByteIdenticalAndRejectsAreWritten) {
  std::ofstream(dir_ / "feed.nmea") << type1(219000123, 56.0, 10.0, 1700000000) << "\n"
                                    << type1(219000123, 56.01, 10.01, 1700000600) << "\n"
                                    << "!AIVDM,1,1,,A,15MrVH0000KH<:V:NtBLoqFP2H9:,0*2E\n";
  const std::string input = (dma_sample()).string();
  std::string args = "tracks feed.nmea";
  if (fs::exists(input)) args += " '" + input + "'";
  const auto a = tw(args + " --out a --rejects rejects.jsonl");
  const auto b = tw(args + " --out b -q");
  ASSERT_EQ(a.status, 0) << a.err;
  ASSERT_EQ(b.status, 0) << b.err;
  for (const char* f : {"tracks.geojson", "vessels.csv", "events.jsonl", "summary.json"})
    EXPECT_EQ(slurp(dir_ / "a" / f), slurp(dir_ / "b" / f)) << f;
  EXPECT_NE(a.err.find("bad_checksum 1"), std::string::npos) << a.err;
  const auto rejects = lines_of(slurp(dir_ / "rejects.jsonl"));
  ASSERT_EQ(rejects.size(), 1U);
  EXPECT_EQ(json::parse(rejects[0])["line"], 3);
  EXPECT_EQ(json::parse(slurp(dir_ / "a" / "summary.json"))["counts"]["rejected_by_reason"]["bad_checksum"], 1);
}

TEST_F(TracksCli, WindowOrderGivesTheSortedResultAndRejectsLateLines) {
  const std::string input = (dma_sample()).string();
  if (!fs::exists(input)) GTEST_SKIP() << "missing " << input;
  // The DMA log is in receive order: the reorder window needs no disk and
  // gives byte for byte what the external sort gives.
  const auto a = tw("tracks '" + input + "' --out sorted -q");
  const auto b = tw("tracks '" + input + "' --out window --order window -q");
  ASSERT_EQ(a.status, 0) << a.err;
  ASSERT_EQ(b.status, 0) << b.err;
  for (const char* f : {"tracks.geojson", "vessels.csv", "events.jsonl"})
    EXPECT_EQ(slurp(dir_ / "sorted" / f), slurp(dir_ / "window" / f)) << f;
  EXPECT_EQ(json::parse(slurp(dir_ / "window" / "summary.json"))["parameters"]["order"], "window");
  // A line two hours late cannot be put in order by a 15-minute window: it is
  // rejected (unsorted_input) with its line number, never silently reordered.
  std::ofstream(dir_ / "late.nmea") << type1(219000123, 56.0, 10.0, 1700000000) << "\n"
                                    << type1(219000123, 56.001, 10.001, 1700000600) << "\n"
                                    << type1(219000123, 56.01, 10.01, 1700007200) << "\n"
                                    << type1(219000123, 56.02, 10.02, 1700007800) << "\n"
                                    << type1(219000123, 56.005, 10.005, 1700000300) << "\n";
  const auto c = tw("tracks late.nmea --out late --order window --rejects late-rejects.jsonl");
  ASSERT_EQ(c.status, 0) << c.err;
  const auto rejects = lines_of(slurp(dir_ / "late-rejects.jsonl"));
  ASSERT_EQ(rejects.size(), 1U);
  EXPECT_EQ(json::parse(rejects[0])["line"], 5);
  EXPECT_EQ(json::parse(rejects[0])["reason"], "unsorted_input");
  const json summary = json::parse(slurp(dir_ / "late" / "summary.json"));
  EXPECT_EQ(summary["counts"]["rejected_by_reason"]["unsorted_input"], 1);
  // The external sort takes the same file in any order.
  const auto d = tw("tracks late.nmea --out late-sorted -q");
  ASSERT_EQ(d.status, 0) << d.err;
  EXPECT_EQ(json::parse(slurp(dir_ / "late-sorted" / "summary.json"))["counts"]["rejected"], 0);
}

TEST_F(TracksCli, SummaryNamesEachInputWithItsSha256) {
  std::ofstream(dir_ / "feed.nmea") << type1(219000123, 56.0, 10.0, 1700000000) << "\n";
  const auto r = tw("tracks feed.nmea --out out -q");
  ASSERT_EQ(r.status, 0) << r.err;
  const json summary = json::parse(slurp(dir_ / "out" / "summary.json"));
  const auto sum = run_command("sha256sum feed.nmea", dir_);
  ASSERT_EQ(sum.status, 0);
  EXPECT_EQ(summary["inputs"][0]["name"], "feed.nmea");
  EXPECT_EQ(summary["inputs"][0]["size"], fs::file_size(dir_ / "feed.nmea"));
  EXPECT_EQ(summary["inputs"][0]["sha256"], sum.out.substr(0, 64));
}

TEST_F(TracksCli, ConfigFileOverridesAThresholdAndTyposAreErrors) {
  std::ofstream(dir_ / "feed.nmea") << type1(219000123, 56.0, 10.0, 1700000000) << "\n";
  std::ofstream(dir_ / "strict.toml") << "[quality]\nmax_knots = 30\n";
  const auto r = tw("tracks feed.nmea --out out -q --config strict.toml");
  ASSERT_EQ(r.status, 0) << r.err;
  const json summary = json::parse(slurp(dir_ / "out" / "summary.json"));
  EXPECT_EQ(summary["parameters"]["values"]["quality"]["max_knots"], 30.0);
  std::ofstream(dir_ / "typo.toml") << "[quality]\nmax_knot = 30\n";
  const auto bad = tw("tracks feed.nmea --out out2 -q --config typo.toml");
  EXPECT_NE(bad.status, 0);
  EXPECT_NE(bad.err.find("typo.toml:2: unknown parameter quality.max_knot"), std::string::npos) << bad.err;
}

TEST_F(TracksCli, GenericCsvThroughColumns) {
  // GFW's rules make a position without speed (and course, above 0.35 kn)
  // BAD, so the fixture maps sog and cog too.
  std::ofstream(dir_ / "boats.csv") << "id,ts,latitude,longitude,speed,course,vessel\n"
                                    << "219000123,2024-01-01T00:00:00Z,56.0,10.0,5,45,Nordic\n"
                                    << "219000123,2024-01-01T00:10:00Z,56.01,10.01,5,45,Nordic\n";
  const auto r = tw(
      "tracks boats.csv --format generic --columns "
      "mmsi=id,time=ts,lat=latitude,lon=longitude,sog=speed,cog=course,name=vessel --out out");
  ASSERT_EQ(r.status, 0) << r.err;
  check_outputs("out");
  const auto row = row_of("out", "219000123");
  EXPECT_NE(row.find(",2,1,0,NORDIC("), std::string::npos) << row;
}

TEST_F(TracksCli, PositionsInlandAreOneEventPerRun) {
  if (!geo::LandMask::available()) GTEST_SKIP() << "GSHHG land mask not built (libnetcdf)";
  // A Danish ship (MID 219) in the Kattegat, then three positions in the
  // middle of Jutland (spoofed or bad GNSS), then back at sea; and a base
  // station (00MID) on land, which is not an event.
  std::ofstream(dir_ / "spoof.csv")
      << "id,ts,latitude,longitude,speed,course\n"
      << "219000123,2024-01-01T00:00:00Z,56.80,11.50,10,90\n"
      << "219000123,2024-01-01T00:10:00Z,56.10,9.20,10,90\n"
      << "219000123,2024-01-01T00:20:00Z,56.05,9.25,10,90\n"
      << "219000123,2024-01-01T00:30:00Z,56.00,9.30,10,90\n"
      << "219000123,2024-01-01T00:40:00Z,56.80,11.60,10,90\n"
      << "002190047,2024-01-01T00:00:00Z,56.00,9.20,0,0\n";
  const auto r = tw(
      "tracks spoof.csv --format generic --shoreline l --columns "
      "mmsi=id,time=ts,lat=latitude,lon=longitude,sog=speed,cog=course --out out");
  ASSERT_EQ(r.status, 0) << r.err;
  const json summary = check_outputs("out");
  EXPECT_EQ(summary["events"]["position_on_land"], 1);
  for (const auto& l : lines_of(slurp(dir_ / "out" / "events.jsonl"))) {
    const json e = json::parse(l);
    if (e["type"] != "position_on_land") continue;
    EXPECT_EQ(e["mmsi"], 219000123);
    EXPECT_EQ(e["positions"], 3);
    EXPECT_EQ(e["start"], "2024-01-01T00:10:00Z");
    EXPECT_EQ(e["end"], "2024-01-01T00:30:00Z");
    EXPECT_EQ(e["evidence"][0]["line"], 3);
    EXPECT_EQ(e["evidence"][1]["line"], 5);
  }
  // --shoreline off: no land check, and the summary says so.
  const auto off = tw(
      "tracks spoof.csv --format generic --shoreline off --columns "
      "mmsi=id,time=ts,lat=latitude,lon=longitude,sog=speed,cog=course --out off");
  ASSERT_EQ(off.status, 0) << off.err;
  const json s2 = check_outputs("off");
  EXPECT_EQ(s2["events"]["position_on_land"], 0);
  EXPECT_EQ(s2["parameters"]["shoreline"], "off");
  EXPECT_EQ(s2["parameters"]["values"]["land"]["shoreline"], "off");
}

TEST_F(TracksCli, MissingOutIsAnError) {
  const auto r = tw("tracks feed.nmea");
  EXPECT_NE(r.status, 0);
}

}  // namespace
}  // namespace tidewatch::test
