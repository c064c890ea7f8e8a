// Detection readers (imagery/detection_readers.h) on the real files in
// ../shared/data/imagery (Skylight, GFW/KSAT RADARSAT-2), on our xView3 fixture
// (tests/data/imagery) and on small hand-made rows for the broken cases.
// The counts and values asserted here were measured on the files (and checked
// with Python's csv module); docs/detections.md lists them.

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "support/data.h"
#include "support/scratch.h"
#include "tidewatch/imagery/detection_readers.h"
#include "tidewatch/report/text.h"

namespace tidewatch::imagery {
namespace {

namespace fs = std::filesystem;

const fs::path kSkylightS1 = test::shared_data("imagery/skylight/sentinel1_predictions.csv");
const fs::path kSkylightS2 = test::shared_data("imagery/skylight/sentinel2_predictions.csv");
const fs::path kKsatInd = test::shared_data("imagery/gfw_ksat_rs2/ksat-detections-ind-v20200110.csv");
const fs::path kKsatFp = test::shared_data("imagery/gfw_ksat_rs2/ksat-detections-fp-v20200117.csv");
const fs::path kRs2Vd = test::shared_data(
    "imagery/gfw_ksat_rs2/RS2_20191006_145935_0074_DVWF_HH_SCS_762256_9950_30803268_GLOBAL-FISHING_VD.csv");
const fs::path kXview3 = test::test_data("imagery/xview3_labels.csv");

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string iso(UnixMillis t) {
  char b[kIso8601Max];
  return std::string(b, format_iso8601(t, b));
}

/// (line, reason) of every reject, in order.
std::vector<std::pair<std::uint64_t, std::string>> reasons(const DetectionSet& s) {
  std::vector<std::pair<std::uint64_t, std::string>> out;
  for (const DetectionReject& r : s.rejects) out.emplace_back(r.line, r.reason);
  return out;
}

using Reasons = std::vector<std::pair<std::uint64_t, std::string>>;

// ---- format detection --------------------------------------------------------------

TEST(DetectionFormat, NamesAreStable) {
  EXPECT_EQ(format_name(DetectionFormat::project_csv), "project_csv");
  EXPECT_EQ(format_name(DetectionFormat::geojson), "geojson");
  EXPECT_EQ(format_name(DetectionFormat::xview3_csv), "xview3_csv");
  EXPECT_EQ(format_name(DetectionFormat::skylight_csv), "skylight_csv");
  EXPECT_EQ(format_name(DetectionFormat::ksat_csv), "ksat_csv");
  EXPECT_EQ(format_name(DetectionFormat::unknown), "unknown");
}

TEST(DetectionFormat, DetectedFromTheRealHeaders) {
  for (const fs::path& p : {kSkylightS1, kSkylightS2, kKsatInd, kKsatFp, kRs2Vd}) {
    TIDEWATCH_REQUIRE_SHARED(p);
  }
  EXPECT_EQ(detect_detection_format(slurp(kSkylightS1)), DetectionFormat::skylight_csv);
  EXPECT_EQ(detect_detection_format(slurp(kSkylightS2)), DetectionFormat::skylight_csv);
  EXPECT_EQ(detect_detection_format(slurp(kKsatInd)), DetectionFormat::ksat_csv);
  EXPECT_EQ(detect_detection_format(slurp(kKsatFp)), DetectionFormat::ksat_csv);
  EXPECT_EQ(detect_detection_format(slurp(kRs2Vd)), DetectionFormat::ksat_csv);
  EXPECT_EQ(detect_detection_format(slurp(kXview3)), DetectionFormat::xview3_csv);
  // Only the first bytes are needed (a header cut short still has its columns).
  EXPECT_EQ(detect_detection_format(slurp(kKsatInd).substr(0, 120)), DetectionFormat::ksat_csv);
}

TEST(DetectionFormat, GfwMatchOutcomeIsNotADetectionsFile) {
  // ssvid, score, detect_id, scene_id, ...: matches without positions.
  const fs::path p = test::shared_data("imagery/gfw_ksat_rs2/all_detections_and_vessels.csv");
  TIDEWATCH_REQUIRE_SHARED(p);
  EXPECT_EQ(detect_detection_format(slurp(p)), DetectionFormat::unknown);
  EXPECT_THROW((void)read_detections(p), std::runtime_error);
}

TEST(DetectionFormat, DetectedFromSmallHeads) {
  EXPECT_EQ(detect_detection_format("id,time,lat,lon,length_m\n"), DetectionFormat::project_csv);
  EXPECT_EQ(detect_detection_format("\xEF\xBB\xBFid,time,lat,lon,length_m,scene\r\n"), DetectionFormat::project_csv);
  EXPECT_EQ(detect_detection_format("lat;lon;time;id\n"), DetectionFormat::project_csv);
  EXPECT_EQ(detect_detection_format("  \n{\"type\":\"FeatureCollection\""), DetectionFormat::geojson);
  EXPECT_EQ(detect_detection_format("scene_id,detect_lat,detect_lon\n"), DetectionFormat::xview3_csv);
  EXPECT_EQ(detect_detection_format("X,Y,Probability,DetectionId,ProductStartTime\n"), DetectionFormat::ksat_csv);
  EXPECT_EQ(detect_detection_format("mmsi,lat,lon\n"), DetectionFormat::unknown);
  EXPECT_EQ(detect_detection_format(""), DetectionFormat::unknown);
  EXPECT_EQ(detect_detection_format("\"unclosed,lat,lon\n"), DetectionFormat::unknown);
}

// ---- Skylight ------------------------------------------------------------------------

TEST(DetectionSkylight, Sentinel1PredictionsAllRead) {
  TIDEWATCH_REQUIRE_SHARED(kSkylightS1);
  const DetectionSet s = read_detections(kSkylightS1);
  EXPECT_EQ(s.rows, 2U);
  ASSERT_EQ(s.detections.size(), 2U);
  EXPECT_TRUE(s.rejects.empty());
  const Detection& d = s.detections[0];
  EXPECT_EQ(d.id, "S1B_IW_GRDH_1SDV_20211130T025211_20211130T025236_029811_038EEF_D350.SAFE_0");
  EXPECT_EQ(d.scene, "S1B_IW_GRDH_1SDV_20211130T025211_20211130T025236_029811_038EEF_D350.SAFE");
  EXPECT_EQ(d.source, "sentinel1_predictions.csv");
  EXPECT_EQ(d.line, 2U);
  EXPECT_DOUBLE_EQ(d.lat, -19.383539727748914);
  EXPECT_DOUBLE_EQ(d.lon, 39.06649085329079);
  ASSERT_TRUE(d.length_m && d.width_m && d.confidence && d.heading_deg);
  EXPECT_DOUBLE_EQ(*d.length_m, 234.34085845947266);
  EXPECT_DOUBLE_EQ(*d.width_m, 40.79336225986481);
  EXPECT_DOUBLE_EQ(*d.confidence, 0.9001827836036682);
  // heading_bucket_9 (0.604) is the most probable: its centre 9 * 22.5 + 11.25.
  EXPECT_DOUBLE_EQ(*d.heading_deg, 213.75);
  // Midpoint of the product's start 02:52:11 and stop 02:52:36.
  EXPECT_EQ(iso(d.time), "2021-11-30T02:52:23.500Z");
  EXPECT_TRUE(d.footprint_wkt.empty());
  const Detection& e = s.detections[1];
  EXPECT_EQ(e.line, 3U);
  EXPECT_DOUBLE_EQ(e.lat, -20.054718911250674);
  EXPECT_DOUBLE_EQ(e.lon, 39.56645461366677);
  EXPECT_DOUBLE_EQ(*e.length_m, 257.71074295043945);
  EXPECT_DOUBLE_EQ(*e.confidence, 0.9446343183517456);
  EXPECT_EQ(e.time, d.time);
}

TEST(DetectionSkylight, Sentinel2PredictionTimeIsTheDatatakeStart) {
  TIDEWATCH_REQUIRE_SHARED(kSkylightS2);
  const DetectionSet s = read_detections(kSkylightS2);
  EXPECT_EQ(s.rows, 1U);
  ASSERT_EQ(s.detections.size(), 1U);
  EXPECT_TRUE(s.rejects.empty());
  const Detection& d = s.detections[0];
  EXPECT_DOUBLE_EQ(d.lat, 24.549160426309665);
  EXPECT_DOUBLE_EQ(d.lon, 67.04745338881632);
  EXPECT_DOUBLE_EQ(*d.length_m, 175.80862045288086);
  EXPECT_DOUBLE_EQ(*d.width_m, 29.359430074691772);
  EXPECT_DOUBLE_EQ(*d.confidence, 0.9979002475738525);
  EXPECT_DOUBLE_EQ(*d.heading_deg, 213.75);  // bucket 9 (0.318)
  // S2B_MSIL1C_20211102T061019_..._20211102T071305: the second time is the
  // product discriminator, not a sensing time.
  EXPECT_EQ(iso(d.time), "2021-11-02T06:10:19Z");
}

// ---- GFW / KSAT RADARSAT-2 ------------------------------------------------------------

TEST(DetectionKsat, IndianOceanFileAllRead) {
  TIDEWATCH_REQUIRE_SHARED(kKsatInd);
  const DetectionSet s = read_detections(kKsatInd);
  EXPECT_EQ(s.rows, 320U);
  EXPECT_EQ(s.detections.size(), 320U);
  EXPECT_TRUE(s.rejects.empty());
  std::set<std::string> scenes, footprints;
  for (const Detection& d : s.detections) {
    scenes.insert(d.scene);
    footprints.insert(d.footprint_wkt);
    EXPECT_TRUE(d.length_m && d.width_m && d.heading_deg && d.confidence) << d.line;
    EXPECT_GT(d.time, 0) << d.line;
  }
  EXPECT_EQ(scenes.size(), 15U);
  EXPECT_EQ(footprints.size(), 15U);
  const Detection& d = s.detections.front();
  EXPECT_EQ(d.id, "010a16df-de6b-48e7-8612-5ac004fb6a81");
  EXPECT_EQ(d.line, 2U);
  EXPECT_DOUBLE_EQ(d.lat, -8.989353);
  EXPECT_DOUBLE_EQ(d.lon, 54.182456);
  EXPECT_DOUBLE_EQ(*d.length_m, 74.52);
  EXPECT_DOUBLE_EQ(*d.width_m, 12.88);
  EXPECT_DOUBLE_EQ(*d.heading_deg, 42.5);
  EXPECT_DOUBLE_EQ(*d.confidence, 1.0);
  EXPECT_EQ(d.scene, "RS2_20200107_144650_0074_DVWF_HH_SCS_785751_1158_32185414");
  // Midpoint of 14:46:50.181 and 14:48:04.288 (74.107 s apart).
  EXPECT_EQ(iso(d.time), "2020-01-07T14:47:27.234Z");
  EXPECT_EQ(d.footprint_wkt.rfind("POLYGON ((53.673748895 -8.98879784, ", 0), 0U);
  const Detection& last = s.detections.back();
  EXPECT_EQ(last.line, 321U);
  EXPECT_DOUBLE_EQ(last.lat, -13.228501);
  EXPECT_DOUBLE_EQ(last.lon, 51.937386);
  EXPECT_DOUBLE_EQ(*last.length_m, 107.13);
  EXPECT_EQ(iso(last.time), "2019-10-21T01:53:38.188Z");
}

TEST(DetectionKsat, FrenchPolynesiaFileAllRead) {
  TIDEWATCH_REQUIRE_SHARED(kKsatFp);
  const DetectionSet s = read_detections(kKsatFp);
  EXPECT_EQ(s.rows, 173U);
  EXPECT_EQ(s.detections.size(), 173U);
  EXPECT_TRUE(s.rejects.empty());
  std::set<std::string> scenes;
  std::size_t low = 0;
  for (const Detection& d : s.detections) {
    scenes.insert(d.scene);
    if (*d.confidence == 0.2) ++low;  // the one Probability 20.0
  }
  EXPECT_EQ(scenes.size(), 9U);
  EXPECT_EQ(low, 1U);
  const Detection& d = s.detections.front();
  EXPECT_DOUBLE_EQ(d.lat, -10.176017);
  EXPECT_DOUBLE_EQ(d.lon, -148.385947);
  EXPECT_DOUBLE_EQ(*d.length_m, 65.61);
  EXPECT_DOUBLE_EQ(*d.heading_deg, 151.25);
  EXPECT_DOUBLE_EQ(*d.confidence, 0.5);
  EXPECT_EQ(iso(d.time), "2019-08-10T04:18:18.690Z");
}

TEST(DetectionKsat, PerSceneVdFileAllRead) {
  TIDEWATCH_REQUIRE_SHARED(kRs2Vd);
  const DetectionSet s = read_detections(kRs2Vd);
  EXPECT_EQ(s.rows, 17U);
  EXPECT_EQ(s.detections.size(), 17U);
  EXPECT_TRUE(s.rejects.empty());
  const Detection& d = s.detections.front();
  EXPECT_EQ(d.id, "92582aab-0d08-4ad1-b22b-48bbd46d1edf");
  EXPECT_DOUBLE_EQ(d.lat, -11.860127);  // Y
  EXPECT_DOUBLE_EQ(d.lon, 54.216516);   // X
  EXPECT_DOUBLE_EQ(*d.length_m, 42.13);
  EXPECT_DOUBLE_EQ(*d.width_m, 9.14);   // Beam
  EXPECT_DOUBLE_EQ(*d.heading_deg, 0.03);
  EXPECT_DOUBLE_EQ(*d.confidence, 0.5);
  EXPECT_EQ(d.scene, "RS2_20191006_145935_0074_DVWF_HH_SCS_762256_9950_30803268");  // ProductId
  EXPECT_EQ(iso(d.time), "2019-10-06T15:00:12.937Z");
  EXPECT_TRUE(d.footprint_wkt.empty());
  for (const Detection& x : s.detections) EXPECT_EQ(x.time, d.time);
}

TEST(DetectionKsat, TimeFromTheSceneIdWhenThereIsNoTimeColumn) {
  const DetectionSet s = read_detections_text(
      "lon,lat,Probability,DetectionId,Length,Heading,scene_id\n"
      "54.1,-8.9,75.0,a,74.5,42.5,RS2_20200107_144650_0074_DVWF_HH_SCS_785751_1158_32185414\n"
      "54.2,-8.8,75.0,b,74.5,42.5,RS2_2020010_144650\n",
      "k.csv");
  ASSERT_EQ(s.detections.size(), 1U);
  EXPECT_EQ(iso(s.detections[0].time), "2020-01-07T14:46:50Z");
  EXPECT_EQ(reasons(s), (Reasons{{3, "bad_time"}}));
}

// ---- xView3 ------------------------------------------------------------------------------

TEST(DetectionXview3, FixtureRowsAndRejects) {
  const DetectionSet s = read_detections(kXview3);
  EXPECT_EQ(s.rows, 7U);
  ASSERT_EQ(s.detections.size(), 4U);
  EXPECT_EQ(reasons(s), (Reasons{{5, "not_vessel"}, {7, "out_of_range"}, {8, "bad_number"}}));
  const Detection& a = s.detections[0];
  EXPECT_EQ(a.id, "S1B_IW_GRDH_1SDV_20200803T075720_20200803T075745_022756_02B2FF_E5D3_0001");
  EXPECT_DOUBLE_EQ(a.lat, 53.718302);
  EXPECT_DOUBLE_EQ(a.lon, 3.981577);
  EXPECT_DOUBLE_EQ(*a.length_m, 34.5);
  EXPECT_DOUBLE_EQ(*a.confidence, 1.0);  // HIGH
  EXPECT_FALSE(a.heading_deg);
  EXPECT_EQ(iso(a.time), "2020-08-03T07:57:32.500Z");
  EXPECT_DOUBLE_EQ(*s.detections[1].confidence, 0.75);  // MEDIUM
  const Detection& c = s.detections[2];
  EXPECT_DOUBLE_EQ(*c.confidence, 0.5);  // LOW
  EXPECT_FALSE(c.length_m);
  const Detection& opaque = s.detections[3];
  EXPECT_EQ(opaque.scene, "0157baf3866b2cf9v");
  EXPECT_EQ(opaque.time, 0);  // an opaque scene id has no time
  EXPECT_EQ(opaque.line, 6U);
}

// ---- project CSV ------------------------------------------------------------------------

TEST(DetectionProjectCsv, ContractColumnsAndTimeForms) {
  const DetectionSet s = read_detections_text(
      "id,time,lat,lon,length_m,scene\n"
      "d1,2024-03-01T02:03:04Z,42.5,130.25,120.5,S1A_X\n"
      "d2,2024-03-01T02:03:04.250Z,-42.5,-130.25,,\n"
      "d3,2024-03-01T02:03:04,0,180,0,\n"
      "d4,2024-03-01 02:03:04+01:00,-90,-180,15,\n",
      "p.csv");
  EXPECT_TRUE(s.rejects.empty());
  ASSERT_EQ(s.detections.size(), 4U);
  EXPECT_EQ(s.detections[0].id, "d1");
  EXPECT_EQ(iso(s.detections[0].time), "2024-03-01T02:03:04Z");
  EXPECT_DOUBLE_EQ(*s.detections[0].length_m, 120.5);
  EXPECT_EQ(s.detections[0].scene, "S1A_X");
  EXPECT_EQ(iso(s.detections[1].time), "2024-03-01T02:03:04.250Z");
  EXPECT_FALSE(s.detections[1].length_m);
  EXPECT_EQ(iso(s.detections[2].time), "2024-03-01T02:03:04Z");  // no zone: UTC
  EXPECT_FALSE(s.detections[2].length_m);                       // 0: unknown
  EXPECT_EQ(iso(s.detections[3].time), "2024-03-01T01:03:04Z");
}

TEST(DetectionProjectCsv, ExtraColumnsInAnyOrder) {
  const DetectionSet s = read_detections_text(
      "confidence;heading_deg;lon;lat;id;time;width_m;scene;length_m\n"
      "0.8;359.5;10,5;55,25;x;2024-03-01T00:00:00Z;12;S;90\n",
      "p.csv");
  EXPECT_TRUE(s.rejects.empty());
  ASSERT_EQ(s.detections.size(), 1U);
  const Detection& d = s.detections[0];
  EXPECT_DOUBLE_EQ(d.lat, 55.25);  // decimal comma in a ;-separated file
  EXPECT_DOUBLE_EQ(d.lon, 10.5);
  EXPECT_DOUBLE_EQ(*d.confidence, 0.8);
  EXPECT_DOUBLE_EQ(*d.heading_deg, 359.5);
  EXPECT_DOUBLE_EQ(*d.width_m, 12);
  EXPECT_DOUBLE_EQ(*d.length_m, 90);
}

TEST(DetectionProjectCsv, BrokenRowsAreRejectedWithTheirLines) {
  const DetectionSet s = read_detections_text(
      "id,time,lat,lon,length_m,scene\n"            // 1
      "ok1,2024-03-01T00:00:00Z,1,2,3,s\n"          // 2
      "b1,2024-03-01T00:00:00Z,\"1,2,3,s\n"         // 3 unclosed quote
      "b2,2024-03-01T00:00:00Z,1,2,3\n"             // 4 five fields
      "b3,2024-03-01T00:00:00Z,abc,2,3,s\n"         // 5
      "b4,2024-03-01T00:00:00Z,,2,3,s\n"            // 6
      "b5,2024-03-01T00:00:00Z,1,190,3,s\n"         // 7
      "b6,2024-13-01T00:00:00Z,1,2,3,s\n"           // 8
      "ok1,2024-03-01T00:00:00Z,1,2,3,s\n"          // 9 duplicate id
      "b7,2024-03-01T00:00:00Z,1,2,-3,s\n"          // 10
      "\n"                                          // 11 blank: not a row
      "b8,2024-03-01T00:00:00Z,nan,2,3,s\n"         // 12 n/a latitude
      "b9,2024-03-01T00:00:00Z,-90.5,2,3,s\n"       // 13
      ",,1,2,,\n",                                  // 14 no id, no time: kept
      "broken.csv");
  EXPECT_EQ(s.rows, 12U);
  ASSERT_EQ(s.detections.size(), 2U);
  EXPECT_EQ(s.detections[1].id, "14");  // no id: the line
  EXPECT_EQ(s.detections[1].time, 0);
  EXPECT_EQ(reasons(s), (Reasons{{3, "bad_csv_row"},
                                 {4, "bad_csv_row"},
                                 {5, "bad_number"},
                                 {6, "missing_field"},
                                 {7, "out_of_range"},
                                 {8, "bad_time"},
                                 {9, "duplicate_id"},
                                 {10, "bad_number"},
                                 {12, "missing_field"},
                                 {13, "out_of_range"}}));
  for (const DetectionReject& r : s.rejects) {
    EXPECT_EQ(r.source, "broken.csv");
    EXPECT_FALSE(r.detail.empty());
  }
}

TEST(DetectionProjectCsv, HeaderWithoutTheContractColumnsIsOneReject) {
  const DetectionSet s =
      read_detections_text("id,lat,lon\n1,2,3\n", "h.csv", DetectionFormat::project_csv);
  EXPECT_TRUE(s.detections.empty());
  EXPECT_EQ(reasons(s), (Reasons{{1, "bad_header"}}));
  const DetectionSet u = read_detections_text("mmsi,lat,lon\n1,2,3\n", "u.csv");
  EXPECT_EQ(reasons(u), (Reasons{{1, "bad_header"}}));
  EXPECT_TRUE(read_detections_text("", "e.csv").rejects.empty());
}

// ---- writer and round trip --------------------------------------------------------------

TEST(DetectionWriter, WritesTheContractColumnsExactly) {
  Detection a;
  a.id = "a,1";
  a.time = 1709258584250;  // 2024-03-01T02:03:04.250Z: written to the second
  a.lat = 42.12345649;
  a.lon = -0.0000001;
  a.length_m = 120.456;
  a.scene = "S1A_IW";
  a.heading_deg = 359.996;
  a.confidence = 0.123456;
  Detection b;
  b.id = "b";
  b.lat = -90;
  b.lon = 180;
  std::ostringstream out;
  write_detections_csv(out, {a, b});
  EXPECT_EQ(out.str(),
            "id,time,lat,lon,length_m,scene,width_m,heading_deg,confidence\n"
            "\"a,1\",2024-03-01T02:03:04Z,42.123456,0.000000,120.46,S1A_IW,,0.00,0.1235\n"
            "b,,-90.000000,180.000000,,,,,\n");
}

TEST(DetectionWriter, RoundTripThroughTheReader) {
  std::vector<Detection> in;
  for (int i = 0; i < 50; ++i) {
    Detection d;
    d.id = "det-" + std::to_string(i);
    d.time = 1700000000000 + i * 61000;
    d.lat = -60 + i * 2.345678;
    d.lon = -179 + i * 7.123456;
    if (i % 2 == 0) d.length_m = 10 + i * 3.25;
    if (i % 3 == 0) d.width_m = 4.5 + i;
    if (i % 5 == 0) d.heading_deg = i * 7.25;
    if (i % 7 != 0) d.confidence = i / 50.0;
    d.scene = i % 4 == 0 ? std::string() : "scene \"" + std::to_string(i / 10) + "\"";
    in.push_back(d);
  }
  std::ostringstream out;
  write_detections_csv(out, in);
  const std::string text = out.str();
  EXPECT_EQ(detect_detection_format(text), DetectionFormat::project_csv);
  const DetectionSet s = read_detections_text(text, "rt.csv");
  EXPECT_TRUE(s.rejects.empty());
  ASSERT_EQ(s.detections.size(), in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    const Detection& a = in[i];
    const Detection& b = s.detections[i];
    EXPECT_EQ(b.id, a.id);
    EXPECT_EQ(b.time, a.time);
    EXPECT_NEAR(b.lat, a.lat, 5e-7);
    EXPECT_NEAR(b.lon, a.lon, 5e-7);
    EXPECT_EQ(b.length_m.has_value(), a.length_m.has_value());
    if (a.length_m) {
      EXPECT_NEAR(*b.length_m, *a.length_m, 0.005);
    }
    EXPECT_EQ(b.width_m.has_value(), a.width_m.has_value());
    EXPECT_EQ(b.heading_deg.has_value(), a.heading_deg.has_value());
    if (a.heading_deg) {
      EXPECT_NEAR(*b.heading_deg, *a.heading_deg, 0.005);
    }
    EXPECT_EQ(b.confidence.has_value(), a.confidence.has_value());
    if (a.confidence) {
      EXPECT_NEAR(*b.confidence, *a.confidence, 5e-5);
    }
    EXPECT_EQ(b.scene, a.scene);
    EXPECT_EQ(b.line, i + 2);
  }
  // Writing what was read gives the same bytes.
  std::ostringstream again;
  write_detections_csv(again, s.detections);
  EXPECT_EQ(again.str(), text);
}

TEST(DetectionWriter, RealKsatFileRoundTrips) {
  TIDEWATCH_REQUIRE_SHARED(kKsatInd);
  const DetectionSet s = read_detections(kKsatInd);
  std::ostringstream out;
  write_detections_csv(out, s.detections);
  const DetectionSet r = read_detections_text(out.str(), "ksat-rt.csv");
  EXPECT_TRUE(r.rejects.empty());
  ASSERT_EQ(r.detections.size(), s.detections.size());
  for (std::size_t i = 0; i < r.detections.size(); ++i) {
    EXPECT_EQ(r.detections[i].id, s.detections[i].id);
    EXPECT_NEAR(r.detections[i].lat, s.detections[i].lat, 5e-7);
    EXPECT_NEAR(r.detections[i].lon, s.detections[i].lon, 5e-7);
    EXPECT_NEAR(static_cast<double>(r.detections[i].time), static_cast<double>(s.detections[i].time), 1000);
    EXPECT_DOUBLE_EQ(*r.detections[i].length_m, *s.detections[i].length_m);  // 2 decimals in the source
  }
}

// ---- GeoJSON ---------------------------------------------------------------------------------

TEST(DetectionGeojson, PointFeaturesAndBrokenOnes) {
  const DetectionSet s = read_detections_text(R"({"type":"FeatureCollection","features":[
    {"type":"Feature","id":"f1","geometry":{"type":"Point","coordinates":[130.25,42.5]},
     "properties":{"time":"2024-03-01T02:03:04Z","length_m":120.5,"scene":"S1A","confidence":0.9,"heading_deg":"45"}},
    {"type":"Feature","id":7,"geometry":{"type":"Point","coordinates":[1,2]},"properties":{"id":"p2","length_m":null}},
    {"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]},"properties":{}},
    {"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"time":"yesterday"}},
    {"type":"Feature","geometry":{"type":"Point","coordinates":[200,2]}},
    {"type":"Feature","geometry":null},
    {"type":"Feature","id":9,"geometry":{"type":"Point","coordinates":[5,6]}}
  ]})",
                                              "d.geojson");
  EXPECT_EQ(s.rows, 7U);
  ASSERT_EQ(s.detections.size(), 3U);
  const Detection& a = s.detections[0];
  EXPECT_EQ(a.id, "f1");
  EXPECT_DOUBLE_EQ(a.lat, 42.5);
  EXPECT_DOUBLE_EQ(a.lon, 130.25);
  EXPECT_EQ(iso(a.time), "2024-03-01T02:03:04Z");
  EXPECT_DOUBLE_EQ(*a.length_m, 120.5);
  EXPECT_DOUBLE_EQ(*a.heading_deg, 45);
  EXPECT_EQ(a.scene, "S1A");
  EXPECT_EQ(a.line, 1U);
  EXPECT_EQ(s.detections[1].id, "p2");  // the property wins over the feature id
  EXPECT_FALSE(s.detections[1].length_m);
  EXPECT_EQ(s.detections[2].id, "9");
  EXPECT_EQ(reasons(s), (Reasons{{3, "bad_json"}, {4, "bad_time"}, {5, "out_of_range"}, {6, "missing_field"}}));
}

TEST(DetectionGeojson, NotJsonIsOneReject) {
  EXPECT_EQ(reasons(read_detections_text("{\"features\": [", "x.geojson")), (Reasons{{1, "bad_json"}}));
  EXPECT_EQ(reasons(read_detections_text("[1,2]", "x.geojson")), (Reasons{{1, "bad_json"}}));
}

// ---- files -----------------------------------------------------------------------------------

TEST(DetectionFiles, MissingOrUnrecognisedFilesThrow) {
  test::ScratchDir dir("detections");
  EXPECT_THROW((void)read_detections(dir.path() / "absent.csv"), std::runtime_error);
  const fs::path other = dir.path() / "other.csv";
  std::ofstream(other) << "mmsi,lat,lon\n1,2,3\n";
  EXPECT_THROW((void)read_detections(other), std::runtime_error);
}

TEST(DetectionFiles, GzipIsReadLikePlain) {
  test::ScratchDir dir("detections");
  const fs::path p = dir.path() / "d.csv.gz";
  const std::string text = "id,time,lat,lon,length_m\na,2024-03-01T00:00:00Z,1.5,2.5,30\n";
  gzFile gz = gzopen(p.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  ASSERT_EQ(gzwrite(gz, text.data(), static_cast<unsigned>(text.size())), static_cast<int>(text.size()));
  gzclose(gz);
  const DetectionSet s = read_detections(p);
  ASSERT_EQ(s.detections.size(), 1U);
  EXPECT_EQ(s.detections[0].source, "d.csv.gz");
  EXPECT_DOUBLE_EQ(s.detections[0].lat, 1.5);
}

}  // namespace
}  // namespace tidewatch::imagery
