// Matching detections to AIS (match/ais_match.h): prediction, SAR azimuth
// shift on a real Sentinel-1 annotation, gates, assignment, not-detected.

#include "tidewatch/match/ais_match.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "support/data.h"

namespace tidewatch::match {
namespace {

constexpr double kKnot = 1852.0 / 3600.0;
constexpr UnixMillis kT0 = 1'700'000'000'000;  // 2023-11-14T22:13:20Z

AisFix fix(UnixMillis t, double lat, double lon, double sog = std::nan(""), double cog = std::nan(""),
           std::uint64_t line = 1) {
  AisFix f;
  f.time = t;
  f.lat = lat;
  f.lon = lon;
  f.sog_kn = sog;
  f.cog_deg = cog;
  f.ref = LineRef{0, line};
  return f;
}

imagery::Detection det(std::string id, UnixMillis t, double lat, double lon,
                       std::optional<double> length = std::nullopt, std::string scene = "s") {
  imagery::Detection d;
  d.id = std::move(id);
  d.time = t;
  d.lat = lat;
  d.lon = lon;
  d.length_m = length;
  d.scene = std::move(scene);
  return d;
}

TEST(AisMatchPredict, InterpolatesAcrossTheAntimeridian) {
  AisVessel v;
  v.mmsi = 1;
  v.fixes = {fix(kT0, 0.0, 179.9, 12, 90, 1), fix(kT0 + 600'000, 0.0, -179.9, 12, 90, 2)};
  MatchParams p;
  const auto q = predict_position(v, kT0 + 300'000, p);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->method, Method::interpolated);
  EXPECT_NEAR(std::fabs(q->lon), 180.0, 1e-6);  // the short way, not across the globe
  EXPECT_NEAR(q->lat, 0.0, 1e-9);
  EXPECT_NEAR(q->dt_s, 300.0, 1e-9);
  ASSERT_EQ(q->refs.size(), 2U);
  EXPECT_EQ(q->refs[0].line, 1U);
  EXPECT_EQ(q->refs[1].line, 2U);
  // A quarter of the way: lon 179.95.
  const auto r = predict_position(v, kT0 + 150'000, p);
  ASSERT_TRUE(r);
  EXPECT_NEAR(r->lon, 179.95, 1e-6);
}

TEST(AisMatchPredict, DeadReckonsForwardAndBackwardWithinTheLimit) {
  AisVessel v;
  v.fixes = {fix(kT0, 10.0, 20.0, 10.0, 90.0)};
  MatchParams p;
  const auto fwd = predict_position(v, kT0 + 600'000, p);
  ASSERT_TRUE(fwd);
  EXPECT_EQ(fwd->method, Method::dead_reckoned);
  EXPECT_NEAR(distance_m(10, 20, fwd->lat, fwd->lon), 10 * kKnot * 600, 0.01);
  EXPECT_GT(fwd->lon, 20.0);
  EXPECT_NEAR(fwd->uncertainty_m, 10 * kKnot * 600, 1e-6);
  const auto back = predict_position(v, kT0 - 600'000, p);
  ASSERT_TRUE(back);
  EXPECT_LT(back->lon, 20.0);
  EXPECT_NEAR(back->dt_s, -600.0, 1e-9);  // t minus the fix time
  EXPECT_NEAR(distance_m(10, 20, back->lat, back->lon), 10 * kKnot * 600, 0.01);
  // Beyond max_extrapolation_min: nothing.
  EXPECT_FALSE(predict_position(v, kT0 + static_cast<UnixMillis>(p.max_extrapolation_min * 60000) + 1, p));
  // Fixes too far apart to interpolate: dead reckoning from the nearer one.
  v.fixes.push_back(fix(kT0 + 2 * 3'600'000, 10.5, 20.0, 10.0, 0.0, 2));
  const auto dr = predict_position(v, kT0 + 600'000, p);
  ASSERT_TRUE(dr);
  EXPECT_EQ(dr->method, Method::dead_reckoned);
  EXPECT_EQ(dr->refs.size(), 1U);
}

TEST(AisMatchPredict, NoSpeedStaysAtTheFixWithTheImpliedSpeedAsUncertainty) {
  AisVessel v;
  v.fixes = {fix(kT0, 10.0, 20.0), fix(kT0 + 3 * 3'600'000, 10.0, 20.1)};
  MatchParams p;
  const auto q = predict_position(v, kT0 + 60'000, p);
  ASSERT_TRUE(q);
  EXPECT_DOUBLE_EQ(q->lat, 10.0);
  EXPECT_DOUBLE_EQ(q->lon, 20.0);
  EXPECT_GT(q->speed_kn, 0.5);
  EXPECT_LT(q->speed_kn, 2.5);
}

std::filesystem::path s1_annotation() {
  return test::shared_data(
      "imagery/skylight/s1_safe_metadata/annotation/"
      "s1a-iw-grd-vv-20221002t205126-20221002t205156-045268-056950-001.xml");
}

TEST(AisMatchGeometry, SentinelOneAnnotationGivesSpeedHeadingAndRange) {
  const auto path = s1_annotation();
  TIDEWATCH_REQUIRE_SHARED(path);
  const SceneGeometry g = read_scene_geometry(path);
  EXPECT_NEAR(g.satellite_speed_m_s, 7598, 5);  // PROVENANCE.md: |v| ~ 7598 m/s
  // Descending pass: annotation platformHeading -168.0 deg = 192.0.
  EXPECT_NEAR(g.platform_heading_deg, 192.0, 1.5);
  EXPECT_TRUE(g.right_looking);
  EXPECT_EQ(g.grid.size(), 231U);
  EXPECT_EQ(g.footprint.size(), 4U);
  EXPECT_NEAR(g.near_incidence_deg, 30.87, 0.05);
  // Slant range from the grid's two-way times: 5.33 ms -> 799 km near.
  EXPECT_NEAR(g.near_slant_range_m, 5.331366150959218e-03 * 299792458.0 / 2, 1);
  EXPECT_GT(g.far_slant_range_m, g.near_slant_range_m + 50000);
  // At the first grid point exactly.
  const auto l = g.at(8.308175408152183, 135.3011425380337);
  EXPECT_NEAR(l.incidence_deg, 30.87073822809074, 1e-6);
}

TEST(AisMatchGeometry, AzimuthShiftSignAndMagnitudeOnTheRealAnnotation) {
  const auto path = s1_annotation();
  TIDEWATCH_REQUIRE_SHARED(path);
  const SceneGeometry g = read_scene_geometry(path);
  const auto& c = g.grid[g.grid.size() / 2];
  const auto l = g.at(c.lat, c.lon);
  // Descending (heading ~192), right-looking: the radar looks west-north-west
  // (heading + 90 = ~282); a ship sailing east approaches the radar (v_r < 0)
  // and appears shifted forward along the flight direction (positive).
  const double east = g.azimuth_shift_m(c.lat, c.lon, 10.0, 90.0);
  const double expected = (l.slant_range_m / g.satellite_speed_m_s) * 10 * kKnot *
                          std::fabs(std::sin((90.0 - g.platform_heading_deg) * 3.14159265358979 / 180)) *
                          std::sin(l.incidence_deg * 3.14159265358979 / 180);
  EXPECT_GT(east, 0);
  EXPECT_NEAR(east, expected, 1e-6);
  // GFW's worked example: R 850 km, V 7.6 km/s, 35 deg, 10 kn across track -> ~330 m.
  EXPECT_GT(east, 250);
  EXPECT_LT(east, 450);
  // Sailing west: the same shift the other way; along track: none.
  EXPECT_NEAR(g.azimuth_shift_m(c.lat, c.lon, 10.0, 270.0), -east, 1e-6);
  EXPECT_NEAR(g.azimuth_shift_m(c.lat, c.lon, 10.0, g.platform_heading_deg), 0.0, 1e-6);
  EXPECT_EQ(g.azimuth_shift_m(c.lat, c.lon, 0.0, 90.0), 0.0);
  // Twice the speed, twice the shift.
  EXPECT_NEAR(g.azimuth_shift_m(c.lat, c.lon, 20.0, 90.0), 2 * east, 1e-6);
}

TEST(AisMatchGeometry, NotAGeometryFileIsAnError) {
  const auto path = test::test_data("watchlist");
  EXPECT_THROW(read_scene_geometry(path / "nonexistent.xml"), std::runtime_error);
}

TEST(AisMatchGate, DistanceGateGrowsWithSpeedAndTime) {
  MatchParams p;
  AisVessel v;
  v.mmsi = 100;
  v.fixes = {fix(kT0, 40.0, 135.0, 0.0, 0.0)};
  const auto [lat250, lon250] = move_along(40, 135, 0, 250);
  const auto [lat350, lon350] = move_along(40, 135, 0, 350);
  const std::vector<imagery::Detection> near{det("a", kT0, lat250, lon250)};
  const std::vector<imagery::Detection> far{det("a", kT0, lat350, lon350)};
  const std::vector<AisVessel> vs{v};
  EXPECT_EQ(match_detections(near, vs, p).matches[0].mmsi, 100U);
  EXPECT_FALSE(match_detections(far, vs, p).matches[0].mmsi);
  // Moving at 10 kn, 5 min after its fix: the gate is 300 + 10% of 1543 m
  // (+ 90 s of speed without geometry) and the prediction sails north.
  AisVessel m = v;
  m.fixes = {fix(kT0, 40.0, 135.0, 10.0, 0.0)};
  const auto [lat_pred, lon_pred] = move_along(40, 135, 0, 10 * kKnot * 300);
  const auto [la, lo] = move_along(lat_pred, lon_pred, 90, 700);
  const std::vector<imagery::Detection> off{det("a", kT0 + 300'000, la, lo)};
  const std::vector<AisVessel> ms{m};
  const auto r = match_detections(off, ms, p);
  ASSERT_TRUE(r.matches[0].mmsi);
  EXPECT_NEAR(r.matches[0].gate_m, 300 + 0.1 * 10 * kKnot * 300 + 10 * kKnot * 90, 1e-6);
  EXPECT_NEAR(r.matches[0].distance_m, 700, 0.5);
  EXPECT_NEAR(r.matches[0].dt_s, 300, 1e-9);
  EXPECT_GT(r.matches[0].score, 0);
  EXPECT_LT(r.matches[0].score, 1);
}

TEST(AisMatchGate, LengthsTooDifferentNeverMatch) {
  MatchParams p;
  AisVessel v;
  v.mmsi = 7;
  v.length_m = 200;
  v.fixes = {fix(kT0, 40.0, 135.0, 0.0, 0.0)};
  const std::vector<AisVessel> vs{v};
  const std::vector<imagery::Detection> small{det("a", kT0, 40.0005, 135.0, 50.0)};
  const std::vector<imagery::Detection> right{det("a", kT0, 40.0005, 135.0, 180.0)};
  const std::vector<imagery::Detection> unknown{det("a", kT0, 40.0005, 135.0)};
  EXPECT_FALSE(match_detections(small, vs, p).matches[0].mmsi);  // ratio 4 > 3
  const auto r = match_detections(right, vs, p);
  ASSERT_TRUE(r.matches[0].mmsi);
  const auto u = match_detections(unknown, vs, p);
  ASSERT_TRUE(u.matches[0].mmsi);
  EXPECT_LT(r.matches[0].score, u.matches[0].score);  // the length disagreement costs a little
}

TEST(AisMatchAssign, GlobalAssignmentBeatsGreedyAndIsOrderIndependent) {
  MatchParams p;
  // Detection A: 50 m from vessel 1, 100 m from vessel 2; detection B: 120 m
  // from vessel 1, 270 m from vessel 2.  Greedy (A->1 first) leaves B with
  // vessel 2 at 270 m; the cheapest pairing overall is A->2, B->1.
  AisVessel v1, v2;
  v1.mmsi = 1;
  v2.mmsi = 2;
  const auto [la, loa] = std::pair<double, double>{40.0, 135.0};
  const auto [l1, o1] = move_along(la, loa, 0, 50);
  const auto [l2, o2] = move_along(la, loa, 180, 100);
  const auto [lb, ob] = move_along(l1, o1, 0, 120);
  v1.fixes = {fix(kT0, l1, o1, 0, 0)};
  v2.fixes = {fix(kT0, l2, o2, 0, 0)};
  const std::vector<imagery::Detection> d{det("A", kT0, la, loa), det("B", kT0, lb, ob)};
  const std::vector<AisVessel> fwd{v1, v2}, rev{v2, v1};
  const auto r = match_detections(d, fwd, p);
  ASSERT_TRUE(r.matches[0].mmsi && r.matches[1].mmsi);
  EXPECT_EQ(*r.matches[0].mmsi, 2U);
  EXPECT_EQ(*r.matches[1].mmsi, 1U);
  EXPECT_EQ(r.components, 1U);
  const auto s = match_detections(d, rev, p);
  EXPECT_EQ(*s.matches[0].mmsi, 2U);
  EXPECT_EQ(*s.matches[1].mmsi, 1U);
}

TEST(AisMatchAssign, ExactTiesAreBrokenTheSameWayEveryTime) {
  MatchParams p;
  // Two detections and two vessels all 100 m apart pairwise-symmetric: both
  // pairings cost the same; the result must not depend on the input order.
  AisVessel v1, v2;
  v1.mmsi = 11;
  v2.mmsi = 22;
  v1.fixes = {fix(kT0, 40.0, 135.0, 0, 0)};
  v2.fixes = {fix(kT0, 40.0, 135.0, 0, 0)};
  const std::vector<imagery::Detection> d{det("x", kT0, 40.0005, 135.0), det("y", kT0, 39.9995, 135.0)};
  const auto a = match_detections(d, std::vector<AisVessel>{v1, v2}, p);
  const auto b = match_detections(d, std::vector<AisVessel>{v2, v1}, p);
  ASSERT_TRUE(a.matches[0].mmsi && a.matches[1].mmsi);
  EXPECT_NE(*a.matches[0].mmsi, *a.matches[1].mmsi);
  EXPECT_EQ(*a.matches[0].mmsi, *b.matches[0].mmsi);
  EXPECT_EQ(*a.matches[1].mmsi, *b.matches[1].mmsi);
}

TEST(AisMatchScene, UnmatchedVesselsInsideTheFootprintAreNotDetected) {
  MatchParams p;
  std::vector<imagery::Detection> d;
  for (int i = 0; i < 4; ++i) d.push_back(det(std::to_string(i), kT0, 40.0 + 0.2 * (i / 2), 135.0 + 0.2 * (i % 2)));
  AisVessel matched, inside, outside, stale;
  matched.mmsi = 1;
  matched.fixes = {fix(kT0 - 10'000, 40.0, 135.0, 0, 0)};
  inside.mmsi = 2;
  inside.fixes = {fix(kT0 - 10'000, 40.1, 135.1, 5, 45, 9)};
  outside.mmsi = 3;
  outside.fixes = {fix(kT0, 41.0, 135.1, 0, 0)};
  stale.mmsi = 4;  // last fix 2 h earlier: no prediction
  stale.fixes = {fix(kT0 - 7'200'000, 40.1, 135.1, 0, 0)};
  const std::vector<AisVessel> vs{stale, outside, inside, matched};
  const auto r = match_detections(d, vs, p);
  EXPECT_EQ(r.matches[0].mmsi, 1U);
  for (int i = 1; i < 4; ++i) EXPECT_FALSE(r.matches[static_cast<std::size_t>(i)].mmsi);
  ASSERT_EQ(r.not_detected.size(), 1U);
  EXPECT_EQ(r.not_detected[0].mmsi, 2U);
  EXPECT_EQ(r.not_detected[0].time, kT0);
  ASSERT_EQ(r.not_detected[0].refs.size(), 1U);
  EXPECT_EQ(r.not_detected[0].refs[0].line, 9U);
  EXPECT_GT(r.not_detected[0].nearest_detection_m, 10000);
}

TEST(AisMatchScene, FixWindowsKeepOnlyFixesNearDetectionTimes) {
  MatchParams p;  // window = max(60, 30) min
  const std::vector<imagery::Detection> d{det("a", kT0, 0, 0), det("b", kT0 + 30 * 60000, 0, 0),
                                          det("c", kT0 + 10 * 3'600'000, 0, 0)};
  FixWindows w(d, p);
  EXPECT_TRUE(w.wanted(kT0 - 3'600'000));
  EXPECT_FALSE(w.wanted(kT0 - 3'600'001));
  EXPECT_TRUE(w.wanted(kT0 + 90 * 60000));
  EXPECT_FALSE(w.wanted(kT0 + 5 * 3'600'000));
  EXPECT_TRUE(w.wanted(kT0 + 10 * 3'600'000 + 60000));
  const std::vector<AisFix> fx{fix(kT0 - 5 * 3'600'000, 0, 0), fix(kT0, 0, 0), fix(kT0 + 5 * 3'600'000, 0, 0)};
  w.add(5, 100.0, fx);
  w.add(6, std::nullopt, std::vector<AisFix>{fix(kT0 + 5 * 3'600'000, 0, 0)});
  ASSERT_EQ(w.vessels().size(), 1U);
  EXPECT_EQ(w.vessels()[0].fixes.size(), 1U);
}

TEST(AisMatchScene, WktFootprintsAreReadAsLatLon) {
  const auto p = parse_wkt_polygon("POLYGON ((135.1 40.2, 136 40.2, 136 41, 135.1 41, 135.1 40.2))");
  ASSERT_EQ(p.size(), 4U);
  EXPECT_DOUBLE_EQ(p[0].first, 40.2);
  EXPECT_DOUBLE_EQ(p[0].second, 135.1);
  EXPECT_EQ(parse_wkt_polygon("MULTIPOLYGON (((1 2, 3 4, 5 2, 1 2)), ((7 8, 9 9, 8 7)))").size(), 3U);
  EXPECT_TRUE(parse_wkt_polygon("POINT (1 2)").empty());
  EXPECT_TRUE(parse_wkt_polygon("").empty());
  // A footprint decides who should have been seen: a vessel inside it, far from
  // every detection, is not detected.
  MatchParams mp;
  imagery::Detection d = det("a", kT0, 40.3, 135.2);
  d.footprint_wkt = "POLYGON ((135.1 40.2, 136 40.2, 136 41, 135.1 41, 135.1 40.2))";
  AisVessel v;
  v.mmsi = 9;
  v.fixes = {fix(kT0, 40.9, 135.9, 0, 0)};
  const std::vector<imagery::Detection> ds{d};
  const std::vector<AisVessel> vs{v};
  const auto r = match_detections(ds, vs, mp);
  ASSERT_EQ(r.not_detected.size(), 1U);
  EXPECT_EQ(r.not_detected[0].mmsi, 9U);
  EXPECT_EQ(r.matches[0].nearest_mmsi, 9U);
}

}  // namespace
}  // namespace tidewatch::match
