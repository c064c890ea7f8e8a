// geo/distance: haversine and the GFW flat-earth discrepancy/metric, with
// values computed by hand (docs/tracks.md §1.3).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "tidewatch/geo/distance.h"

namespace tidewatch::geo {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// One degree of arc on the mean sphere: 6371008.8 * pi / 180.
constexpr double kDegreeM = 111195.08023353292;

TEST(GeoHaversine, OneDegreeAlongMeridianAndEquator) {
  EXPECT_NEAR(haversine_m(0, 0, 1, 0), kDegreeM, 1e-6);
  EXPECT_NEAR(haversine_m(0, 0, 0, 1), kDegreeM, 1e-6);
  EXPECT_NEAR(haversine_nm(0, 0, 1, 0), kDegreeM / 1852.0, 1e-9);
  EXPECT_EQ(haversine_m(12.5, -33.25, 12.5, -33.25), 0.0);
}

TEST(GeoHaversine, WrapsAtAntimeridian) {
  EXPECT_NEAR(haversine_m(0, 179.5, 0, -179.5), kDegreeM, 1e-6);
  // at 60 degrees latitude a degree of longitude is ~ half as long (great circle slightly shorter)
  EXPECT_NEAR(haversine_m(60, 179.5, 60, -179.5), kDegreeM * 0.5, 30.0);
}

TEST(GeoHaversine, QuarterCircleAndAntipode) {
  EXPECT_NEAR(haversine_m(0, 0, 90, 0), 90 * kDegreeM, 1e-4);
  EXPECT_NEAR(haversine_m(0, 0, 0, 180), 180 * kDegreeM, 1e-4);
}

TEST(GeoGfw, WrapIsPythonModulo) {
  EXPECT_EQ(gfw_wrap(359.0), -1.0);
  EXPECT_EQ(gfw_wrap(-190.0), 170.0);
  EXPECT_EQ(gfw_wrap(180.0), -180.0);
  EXPECT_EQ(gfw_wrap(-180.0), -180.0);
  EXPECT_EQ(gfw_wrap(0.5), 0.5);
  EXPECT_EQ(gfw_wrap(-540.0), -180.0);
}

TEST(GeoGfw, PenalizedHours) {
  EXPECT_EQ(gfw_penalized_hours(0), 0.0);
  EXPECT_EQ(gfw_penalized_hours(4), 2.0);          // 4 / (1 + 1)
  EXPECT_DOUBLE_EQ(gfw_penalized_hours(1), 1 / 1.5);  // 1 / (1 + sqrt(1/4))
  EXPECT_EQ(gfw_penalized_hours(16), 16.0 / 3.0);  // 16 / (1 + 2)
  EXPECT_EQ(gfw_penalized_hours(-1), -1.0);        // max(h, 0) = 0
}

TEST(GeoGfw, ExpectedPositionDeadReckons) {
  // 10 kn east for 1 h at the equator: 10 nm = 10/60 deg / (cos 0 + 1e-3)
  const auto [x, y] = gfw_expected_position(GfwFix{0, 0, 10, 90}, 1);
  EXPECT_NEAR(x, 10.0 / 60 / 1.001, 1e-15);
  EXPECT_NEAR(y, 0.0, 1e-15);
  // north, backwards in time
  const auto [x2, y2] = gfw_expected_position(GfwFix{5, 1, 6, 0}, -0.5);
  EXPECT_NEAR(x2, 5.0, 1e-15);
  EXPECT_NEAR(y2, 1 - 3.0 / 60, 1e-15);
}

TEST(GeoGfw, NullCourseAtVerySlowSpeedStaysPut) {
  const auto [x, y] = gfw_expected_position(GfwFix{3, 4, 0.35, kNaN}, 10);
  EXPECT_EQ(x, 3.0);
  EXPECT_EQ(y, 4.0);
  // and in the discrepancy: a null-course slow vessel 0.6 nm from the next
  // stationary one -> type 1 = 0.6 (type 2 = 2.4, type 3: course 0 -> tangential
  // 0.6 > 0.3*1 so inf)
  const double d = gfw_discrepancy(GfwFix{0, 0, 0.3, kNaN}, GfwFix{0, 0.01, 0, 0}, 1);
  EXPECT_NEAR(d, 0.6, 1e-12);
}

TEST(GeoGfw, DiscrepancyOnTrackIsZero) {
  const double lon2 = 10.0 / 60 / 1.001;
  EXPECT_NEAR(gfw_discrepancy(GfwFix{0, 0, 10, 90}, GfwFix{lon2, 0, 10, 90}, 1), 0.0, 1e-12);
}

TEST(GeoGfw, DiscrepancyTypes) {
  // two stationary points 0.6 nm apart: type 1 = 0.6 (mean of two 0.6 misses),
  // type 2 = 0.6 * 4 = 2.4, type 3 = inf (speed 0)
  EXPECT_NEAR(gfw_discrepancy(GfwFix{0, 0, 0, 0}, GfwFix{0, 0.01, 0, 0}, 0.5), 0.6, 1e-12);
  // type 3: vessel 1 heads north at 10 kn, hours 1; vessel 2 is 3 nm north and
  // 0.3 nm east with course 180 at 10 kn.  dist = hypot(3, 0.3) = 3.01496;
  // tangential21 = 3 <= 10 -> normal21 = 0.3; vessel 2's course points away
  // from the bearing 1->2 (cos < 0) -> normal12 = inf -> type 3 = inf.
  // type 1 = 0.5 * (|m1 - back(m2)| + |m2 - fwd(m1)|) = 0.5*(hypot(.3,13)+hypot(.3,7))
  const double lon2 = 0.3 / 60;  // cos(mean lat 0.025) ~ 1
  const double d = gfw_discrepancy(GfwFix{0, 0, 10, 0}, GfwFix{lon2, 0.05, 10, 180}, 1);
  const double c = std::cos(0.025 * M_PI / 180);
  const double t1 = 0.5 * (std::hypot(0.3 * c, 13) + std::hypot(0.3 * c, 7));
  const double t2 = 4 * std::hypot(3, 0.3 * c);
  EXPECT_NEAR(d, std::min(t1, t2), 1e-9);
  // same, vessel 2 also heading north: normal12 = normal21 = 0.3*cos-ish ->
  // type 3 = 4 * 0.5 * (2 * |sin delta| * dist) = 4 * 0.3*c (approximately)
  const double d3 = gfw_discrepancy(GfwFix{0, 0, 10, 0}, GfwFix{lon2, 0.05, 10, 0}, 1);
  EXPECT_NEAR(d3, 4 * 0.3 * c, 1e-9);
}

TEST(GeoGfw, DiscrepancyWrapsAtAntimeridian) {
  // 0.02 degrees apart across 180 at the equator: 1.2 nm, not 21598.8
  EXPECT_NEAR(gfw_discrepancy(GfwFix{179.99, 0, 0, 0}, GfwFix{-179.99, 0, 0, 0}, 1), 1.2, 1e-9);
}

TEST(GeoGfw, Metric) {
  // zero discrepancy at zero hours: 1 / hypot(0, 0.25) = 4
  EXPECT_EQ(gfw_metric(0, 0), 4.0);
  // the bound: 25 kn * 0.25 h = 6.25 nm at h = 0
  EXPECT_EQ(gfw_metric(6.25, 0), std::exp(-25.0) / 0.25);  // alpha = 5
  EXPECT_EQ(gfw_metric(6.2500001, 0), 0.0);
  // h = 1: p = hypot(1, 0.25); disc = 0.2 * 25 p -> alpha = 1
  const double p = std::hypot(1.0, 0.25);
  EXPECT_DOUBLE_EQ(gfw_metric(0.2 * 25 * p, 1), std::exp(-1.0) / p);
}

}  // namespace
}  // namespace tidewatch::geo
