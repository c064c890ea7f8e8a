// GIS exports (report/gis_export.h, `tidewatch export`, docs/exports.md):
// the real DMA sample analyzed, exported in every format, and each export
// opened with GDAL's own `ogrinfo` (gdal-bin) to check its layers and
// feature counts; KML's gx:Track, byte identity of re-exports, the
// antimeridian cut and errors.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/run.h"
#include "support/scratch.h"
#include "tidewatch/report/gis_export.h"

namespace tidewatch {
namespace {

namespace fs = std::filesystem;
using report::GisData;
using report::GisFormat;

fs::path sample() {
  return fs::path(TIDEWATCH_TEST_DATA).parent_path().parent_path() / "data/samples/dma-2010-06-11.nmea";
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool have_ogrinfo() { return std::system("ogrinfo --version >/dev/null 2>&1") == 0; }

#define REQUIRE_OGRINFO() \
  if (!have_ogrinfo()) GTEST_SKIP() << "ogrinfo (gdal-bin) not installed"

/// `ogrinfo -so -al PATH`: feature count per layer name.
std::map<std::string, std::uint64_t> ogr_layers(const fs::path& path, const fs::path& dir) {
  const auto r = test::run_command("ogrinfo -ro -so -al '" + path.string() + "'", dir);
  EXPECT_EQ(r.status, 0) << r.err;
  std::map<std::string, std::uint64_t> out;
  std::istringstream in(r.out);
  std::string line, layer;
  while (std::getline(in, line)) {
    if (line.rfind("Layer name: ", 0) == 0) layer = line.substr(12);
    if (line.rfind("Feature Count: ", 0) == 0) out[layer] = std::stoull(line.substr(15));
  }
  return out;
}

/// Every element named `name` (pugixml's XPath has no namespaces).
void collect(pugi::xml_node n, const char* name, std::vector<pugi::xml_node>& out) {
  for (auto c : n.children()) {
    if (c.type() != pugi::node_element) continue;
    if (std::string(c.name()) == name) out.push_back(c);
    collect(c, name, out);
  }
}

class GisExportTest : public ::testing::Test {
 protected:
  test::ScratchDir scratch_{"gis-export"};
  fs::path dir_ = scratch_.path();

  test::RunResult tw(const std::string& args) {
    return test::run_command("'" + test::tidewatch_binary() + "' " + args, dir_);
  }

  /// analyze of the DMA sample into run/; what export must reproduce:
  /// segments and positions of tracks.geojson, lines of events.jsonl.
  struct Expected {
    std::uint64_t tracks = 0, positions = 0, events = 0;
  };
  Expected analyze_sample() {
    const auto r = tw("analyze '" + sample().string() + "' --out run -q");
    EXPECT_EQ(r.status, 0) << r.err;
    Expected e;
    const auto geo = nlohmann::json::parse(slurp(dir_ / "run/tracks.geojson"));
    for (const auto& f : geo["features"]) {
      ++e.tracks;
      e.positions += f["properties"]["n_positions"].get<std::uint64_t>();
    }
    std::istringstream ev(slurp(dir_ / "run/events.jsonl"));
    std::string line;
    while (std::getline(ev, line))
      if (!line.empty()) ++e.events;
    return e;
  }

  std::string export_args(const std::string& format, const std::string& out) {
    return "export '" + sample().string() + "' --events run/events.jsonl --format " + format + " --out " + out;
  }
};

TEST_F(GisExportTest, EachExportOpensWithOgrinfoWithTheExportedLayersAndCounts) {
  REQUIRE_OGRINFO();
  const Expected want = analyze_sample();
  ASSERT_GT(want.tracks, 1000U);  // 1387 segments, 2965 positions, 439 events (2026-11)
  ASSERT_GT(want.events, 0U);

  // GeoPackage: four layers in one file.
  auto r = tw(export_args("gpkg", "out/sample.gpkg"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("tracks " + std::to_string(want.tracks)), std::string::npos) << r.err;
  const std::map<std::string, std::uint64_t> layers = {
      {"tracks", want.tracks}, {"positions", want.positions}, {"events", want.events}, {"detections", 0}};
  EXPECT_EQ(ogr_layers(dir_ / "out/sample.gpkg", dir_), layers);
  {
    const auto info = test::run_command("ogrinfo -ro -so out/sample.gpkg tracks", dir_);
    EXPECT_NE(info.out.find("Geometry: Multi Line String"), std::string::npos) << info.out;
    const auto sql = test::run_command(
        "ogrinfo -ro -q out/sample.gpkg -sql \"SELECT count(*) AS n FROM gpkg_extensions WHERE "
        "extension_name = 'gpkg_rtree_index'\"",
        dir_);
    EXPECT_NE(sql.out.find(") = 4"), std::string::npos) << sql.out << sql.err;
  }

  // GeoJSON and CSV: one file per layer.
  for (const std::string fmt : {"geojson", "csv"}) {
    r = tw(export_args(fmt, "out/" + fmt));
    ASSERT_EQ(r.status, 0) << r.err;
    for (const auto& [layer, n] : layers) {
      const fs::path file = dir_ / "out" / fmt / (layer + "." + fmt);
      ASSERT_TRUE(fs::exists(file)) << file;
      const auto got = ogr_layers(file, dir_);
      ASSERT_EQ(got.size(), 1U) << file;
      EXPECT_EQ(got.begin()->second, n) << file;
    }
  }
  const std::string tracks_geojson = slurp(dir_ / "out/geojson/tracks.geojson");
  EXPECT_EQ(tracks_geojson.find("\"crs\""), std::string::npos);  // RFC 7946: WGS 84 implied

  // KML: GDAL (LIBKML) reads a layer per folder: the vessel folders hold the
  // tracks, the type folders the events.
  r = tw(export_args("kml", "out/sample.kml"));
  ASSERT_EQ(r.status, 0) << r.err;
  const auto kml_layers = ogr_layers(dir_ / "out/sample.kml", dir_);
  std::uint64_t total = 0;
  for (const auto& [layer, n] : kml_layers) total += n;
  EXPECT_EQ(total, want.tracks + want.events);
  EXPECT_EQ(kml_layers.at("tracks"), 0U);
  EXPECT_EQ(kml_layers.at("events"), 0U);
  EXPECT_TRUE(kml_layers.count("port_visit") == 1);

  // gx:Track: one per segment, as many <when> as <gx:coord> as positions.
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_file((dir_ / "out/sample.kml").c_str()));
  std::vector<pugi::xml_node> gx_tracks;
  collect(doc, "gx:Track", gx_tracks);
  std::uint64_t tracks = 0, whens = 0, coords = 0;
  for (const auto& x : gx_tracks) {
    ++tracks;
    std::uint64_t w = 0, c = 0;
    for (auto child : x.children()) {
      if (std::string(child.name()) == "when") ++w;
      if (std::string(child.name()) == "gx:coord") ++c;
    }
    EXPECT_EQ(w, c);
    whens += w;
    coords += c;
  }
  EXPECT_EQ(tracks, want.tracks);
  EXPECT_EQ(whens, want.positions);
  EXPECT_EQ(coords, want.positions);
}

TEST_F(GisExportTest, ReExportIsByteIdentical) {
  analyze_sample();
  for (const std::string fmt : {"gpkg", "kml"}) {
    ASSERT_EQ(tw(export_args(fmt, "a." + fmt)).status, 0);
    ASSERT_EQ(tw(export_args(fmt, "b." + fmt)).status, 0);
    EXPECT_TRUE(slurp(dir_ / ("a." + fmt)) == slurp(dir_ / ("b." + fmt))) << fmt;
  }
  // Over an existing export: replaced, still identical.
  ASSERT_EQ(tw(export_args("gpkg", "a.gpkg")).status, 0);
  EXPECT_TRUE(slurp(dir_ / "a.gpkg") == slurp(dir_ / "b.gpkg"));
  for (const std::string fmt : {"geojson", "csv"}) {
    ASSERT_EQ(tw(export_args(fmt, "a-" + fmt)).status, 0);
    ASSERT_EQ(tw(export_args(fmt, "b-" + fmt)).status, 0);
    for (const char* layer : {"tracks", "positions", "events", "detections"}) {
      const std::string f = std::string(layer) + "." + fmt;
      EXPECT_TRUE(slurp(dir_ / ("a-" + fmt) / f) == slurp(dir_ / ("b-" + fmt) / f)) << f;
    }
  }
  // gpkg_contents.last_change is the data's latest instant, not the clock.
  const auto r = test::run_command(
      "ogrinfo -ro -q a.gpkg -sql \"SELECT DISTINCT last_change FROM gpkg_contents\"", dir_);
  EXPECT_NE(r.out.find("last_change (DateTime) = 2010/06/11 "), std::string::npos) << r.out;
}

GisData crossing_data() {
  GisData d;
  d.inputs.push_back({"pacific.nmea", ""});
  report::Track t;
  t.mmsi = 431000001;
  t.segment_id = "431000001-0";
  const double lons[] = {179.8, 179.9, -179.9, -179.8};
  for (int i = 0; i < 4; ++i) {
    report::TrackPoint p;
    p.t = 1'276'214'400'000LL + i * 600'000LL;
    p.lat = 40.0 + i * 0.1;
    p.lon = lons[i];
    p.ref = {0, static_cast<std::uint64_t>(i + 1)};
    t.points.push_back(p);
  }
  d.tracks.push_back(t);
  return d;
}

TEST_F(GisExportTest, TrackCrossingTheAntimeridianIsCutIntoAMultiLineString) {
  const GisData d = crossing_data();
  const auto parts = report::track_parts(d.tracks[0]);
  ASSERT_EQ(parts.size(), 2U);
  ASSERT_EQ(parts[0].size(), 3U);
  ASSERT_EQ(parts[1].size(), 3U);
  EXPECT_EQ(parts[0].back().first, 180.0);
  EXPECT_EQ(parts[1].front().first, -180.0);
  EXPECT_NEAR(parts[0].back().second, 40.15, 1e-9);  // halfway between 179.9 and -179.9
  EXPECT_EQ(parts[0].back().second, parts[1].front().second);

  // A track that does not cross stays one part; a single fix is a 2-point line.
  report::Track one = d.tracks[0];
  one.points.resize(2);
  EXPECT_EQ(report::track_parts(one).size(), 1U);
  one.points.resize(1);
  ASSERT_EQ(report::track_parts(one).size(), 1U);
  EXPECT_EQ(report::track_parts(one)[0].size(), 2U);

  report::export_gis(d, GisFormat::geojson, dir_ / "gj");
  const auto geo = nlohmann::json::parse(slurp(dir_ / "gj/tracks.geojson"));
  EXPECT_EQ(geo["features"][0]["geometry"]["type"], "MultiLineString");
  EXPECT_EQ(geo["features"][0]["geometry"]["coordinates"].size(), 2U);
  if (have_ogrinfo()) {
    report::export_gis(d, GisFormat::gpkg, dir_ / "x.gpkg");
    const auto r = test::run_command("ogrinfo -ro -al x.gpkg tracks", dir_);
    EXPECT_NE(r.out.find("MULTILINESTRING ((179.8 40.0,179.9 40.1,180.0 40.15),(-180 40.15,-179.9 40.2,-179.8 40.3))"),
              std::string::npos)
        << r.out;
  }
}

TEST_F(GisExportTest, EventsKeepTheirJsonAndEvidence) {
  GisData d;
  const std::string line =
      R"({"type":"gap","mmsi":219000001,"start":"2010-06-11T00:00:00Z","end":"2010-06-11T07:00:00Z",)"
      R"("lat":55.1,"lon":12.5,"evidence":[{"source":"a.nmea","line":1},{"source":"b.nmea","line":9}],)"
      R"("end_lat":55.2,"end_lon":12.6,"suspected_disabling":true})";
  d.events.push_back(report::parse_event_json(line + "\n", d.inputs));
  const auto& e = d.events[0];
  EXPECT_EQ(e.type, "gap");
  EXPECT_EQ(e.mmsi, 219000001U);
  EXPECT_EQ(e.end - e.start, 7 * 3600 * 1000LL);
  ASSERT_TRUE(e.end_lat.has_value());
  EXPECT_EQ(*e.end_lat, 55.2);
  ASSERT_EQ(e.evidence.size(), 2U);
  ASSERT_EQ(d.inputs.size(), 2U);
  EXPECT_EQ(d.inputs[e.evidence[1].source].name, "b.nmea");
  EXPECT_EQ(e.evidence[1].line, 9U);
  EXPECT_EQ(e.json, line);
  EXPECT_EQ(report::gis_fixed_date(d), "2010-06-11T07:00:00.000Z");

  report::export_gis(d, GisFormat::csv, dir_ / "csv");
  const std::string csv = slurp(dir_ / "csv/events.csv");
  EXPECT_NE(csv.find("12.5,55.1,gap,219000001,2010-06-11T00:00:00Z,2010-06-11T07:00:00Z,55.2,12.6,a.nmea:1,b.nmea:9,2,"),
            std::string::npos)
      << csv;
  report::export_gis(d, GisFormat::kml, dir_ / "e.kml");
  const std::string kml = slurp(dir_ / "e.kml");
  EXPECT_NE(kml.find("<begin>2010-06-11T00:00:00Z</begin>"), std::string::npos);
  EXPECT_NE(kml.find("<styleUrl>#event-gap</styleUrl>"), std::string::npos);
  EXPECT_NE(kml.find("<coordinates>12.5,55.1</coordinates>"), std::string::npos);

  for (const char* bad : {"", "[]", "{\"type\":\"gap\"}",
                          R"({"type":"gap","mmsi":1,"start":"yesterday","end":"2010-06-11T07:00:00Z","lat":1,"lon":2})"}) {
    EXPECT_THROW((void)report::parse_event_json(bad, d.inputs), report::GisExportError) << bad;
  }
}

TEST_F(GisExportTest, DetectionsAreExportedWithTheirMatch) {
  GisData d;
  report::ExportDetection x;
  x.detection.id = "s1-7";
  x.detection.time = 1'276'214'400'000LL;
  x.detection.lat = 55.5;
  x.detection.lon = 11.25;
  x.detection.length_m = 180;
  x.detection.source = "dets.csv";
  x.detection.line = 2;
  d.detections.push_back(x);
  x.detection.id = "s1-8";
  x.mmsi = 219000001;
  x.distance_m = 240;
  x.score = 0.75;
  d.detections.push_back(x);
  report::export_gis(d, GisFormat::csv, dir_ / "csv");
  const std::string csv = slurp(dir_ / "csv/detections.csv");
  EXPECT_NE(csv.find("11.25,55.5,s1-7,2010-06-11T00:00:00Z,180,,,,,dets.csv,2,,,,1\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("11.25,55.5,s1-8,2010-06-11T00:00:00Z,180,,,,,dets.csv,2,219000001,240,0.75,0\n"),
            std::string::npos)
      << csv;
  report::export_gis(d, GisFormat::kml, dir_ / "d.kml");
  const std::string kml = slurp(dir_ / "d.kml");
  EXPECT_NE(kml.find("#detection-dark"), std::string::npos);
  EXPECT_NE(kml.find("#detection-matched"), std::string::npos);

  // The command: a detections file (one bad row, counted) and the run's matches.csv.
  {
    std::ofstream(dir_ / "dets.csv") << "id,time,lat,lon,length_m,scene\n"
                                        "d1,2010-06-11T10:00:00Z,55.5,11.25,120,S1A\n"
                                        "d2,2010-06-11T10:00:00Z,55.6,11.35,,S1A\n"
                                        "bad,xx,1,2,3,S\n";
    std::ofstream(dir_ / "matches.csv") << "detection_id,mmsi,distance_m,score\nd1,219000001,150.5,0.8\nd2,,,\n";
  }
  const auto r = tw("export --detections dets.csv --matches matches.csv --format gpkg --out d.gpkg");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("1 detection rows rejected"), std::string::npos) << r.err;
  if (have_ogrinfo()) {
    EXPECT_EQ(ogr_layers(dir_ / "d.gpkg", dir_).at("detections"), 2U);
    const auto q = test::run_command(
        "ogrinfo -ro -q d.gpkg -sql \"SELECT id, mmsi, dark FROM detections ORDER BY fid\"", dir_);
    EXPECT_NE(q.out.find("mmsi (Integer64) = 219000001"), std::string::npos) << q.out;
    EXPECT_NE(q.out.find("mmsi (Integer64) = (null)"), std::string::npos) << q.out;
  }
}

TEST_F(GisExportTest, KmlStaysValidXmlWhateverTheNames) {
  GisData d = crossing_data();
  d.tracks[0].name = std::string("BAD\x01NAME ]]> <&>");
  d.events.push_back(report::parse_event_json(
      R"({"type":"loitering","mmsi":431000001,"start":"2010-06-11T00:00:00Z","end":"2010-06-11T05:00:00Z",)"
      R"("lat":40,"lon":179.8,"note":"a\u0002b ]]> c"})",
      d.inputs));
  report::export_gis(d, GisFormat::kml, dir_ / "x.kml");
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_file((dir_ / "x.kml").c_str()));
  EXPECT_EQ(slurp(dir_ / "x.kml").find('\x01'), std::string::npos);
  std::vector<pugi::xml_node> tracks;
  collect(doc, "gx:Track", tracks);
  ASSERT_EQ(tracks.size(), 1U);
  if (have_ogrinfo()) {
    const auto layers = ogr_layers(dir_ / "x.kml", dir_);
    std::uint64_t total = 0;
    for (const auto& [layer, n] : layers) total += n;
    EXPECT_EQ(total, 2U);
  }
}

TEST_F(GisExportTest, UnwritablePathsAreErrorsNotCrashes) {
  { std::ofstream(dir_ / "file.txt") << "x"; }
  const GisData d = crossing_data();
  for (auto f : {GisFormat::gpkg, GisFormat::geojson, GisFormat::kml, GisFormat::csv}) {
    EXPECT_THROW(report::export_gis(d, f, dir_ / "file.txt" / "out"), report::GisExportError)
        << report::gis_format_name(f);
  }
  fs::create_directories(dir_ / "adir");
  EXPECT_THROW(report::export_gis(d, GisFormat::gpkg, dir_ / "adir"), report::GisExportError);
  EXPECT_THROW(report::export_gis(d, GisFormat::kml, dir_ / "adir"), report::GisExportError);
  EXPECT_THROW(report::export_gis(d, GisFormat::gpkg, ""), report::GisExportError);

  auto r = tw("export '" + sample().string() + "' --format gpkg --out file.txt/x.gpkg");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("tidewatch: "), std::string::npos) << r.err;
  r = tw("export '" + sample().string() + "' --format shp --out x.shp");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("unknown --format shp"), std::string::npos) << r.err;
  { std::ofstream(dir_ / "bad.jsonl") << "{\"type\":\"gap\"}\n"; }
  r = tw("export --events bad.jsonl --format kml --out x.kml");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("bad.jsonl line 1"), std::string::npos) << r.err;
  r = tw("export --format kml --out x.kml");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("nothing to export"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace tidewatch
