// detect/gap.h: silences of at least min_gap_h between consecutive fixes.
#include "tidewatch/detect/gap.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "support/fixtures.h"

namespace tidewatch::detect {
namespace {

using test::kHour;
using test::kMin;
using test::kNaN;
using test::kT0;

// One degree of latitude on the sphere of radius 6371008.8 m, in km.
constexpr double kKmPerDegree = 6371008.8 * 3.141592653589793 / 180.0 / 1000.0;

/// A fix `minutes` after kT0 at (lat, lon), read from line `line` of source 0.
Fix at_min(double minutes, double lat, double lon, std::uint64_t line = 0,
       std::uint32_t segment = 0) {
  Fix f;
  f.time = kT0 + static_cast<UnixMillis>(std::llround(minutes * 60000.0));
  f.lat = lat;
  f.lon = lon;
  f.sog_kn = 10.0;
  f.ref = {0, line};
  f.segment = segment;
  return f;
}

TEST(Gap, SixHoursOfSilenceIsOneGap) {
  // Steaming north; silent from 00:10 until 06:10 while covering one degree.
  const std::vector<Fix> fixes{at_min(0, 10.0, 20.0, 1), at_min(10, 10.02, 20.0, 2),
                               at_min(370, 11.02, 20.0, 3), at_min(380, 11.04, 20.0, 4)};
  const auto gaps = detect_gaps(fixes);
  ASSERT_EQ(gaps.size(), 1U);
  const Gap& g = gaps[0];
  EXPECT_EQ(g.before, 1U);
  EXPECT_EQ(g.after, 2U);
  EXPECT_EQ(g.start, kT0 + 10 * kMin);
  EXPECT_EQ(g.end, kT0 + 370 * kMin);
  EXPECT_DOUBLE_EQ(g.duration_h, 6.0);
  EXPECT_NEAR(g.distance_km, kKmPerDegree, 1e-6);
  EXPECT_NEAR(g.implied_speed_kn, kKmPerDegree / 1.852 / 6.0, 1e-6);  // ~10 kn
  EXPECT_FALSE(g.crosses_segments);
}

TEST(Gap, JustUnderTheThresholdIsNotAGap) {
  const std::vector<Fix> fixes{at_min(0, 10.0, 20.0), at_min(359, 10.5, 20.0)};
  EXPECT_TRUE(detect_gaps(fixes).empty());
}

TEST(Gap, TwelveHourThresholdLikeWelch2022) {
  const std::vector<Fix> fixes{at_min(0, 10.0, 20.0), at_min(8 * 60, 10.5, 20.0),
                               at_min(21 * 60, 11.0, 20.0)};
  EXPECT_EQ(detect_gaps(fixes).size(), 2U);  // 8 h and 13 h with the default 6 h
  GapParams p;
  p.min_gap_h = 12.0;
  const auto gaps = detect_gaps(fixes, p);
  ASSERT_EQ(gaps.size(), 1U);
  EXPECT_EQ(gaps[0].before, 1U);
  EXPECT_DOUBLE_EQ(gaps[0].duration_h, 13.0);
}

TEST(Gap, SeveralGapsInTimeOrder) {
  const std::vector<Fix> fixes{at_min(0, 1, 1), at_min(7 * 60, 1, 1), at_min(8 * 60, 1, 1),
                               at_min(20 * 60, 1, 1)};
  const auto gaps = detect_gaps(fixes);
  ASSERT_EQ(gaps.size(), 2U);
  EXPECT_EQ(gaps[0].before, 0U);
  EXPECT_EQ(gaps[1].before, 2U);
  EXPECT_DOUBLE_EQ(gaps[1].duration_h, 12.0);
  EXPECT_DOUBLE_EQ(gaps[0].distance_km, 0.0);  // drifting on the spot: speed 0, not NaN
  EXPECT_DOUBLE_EQ(gaps[0].implied_speed_kn, 0.0);
}

TEST(Gap, RepeatedAndBackwardTimesNeverInventAGap) {
  // Two reports at 00:00, one at 01:00, a late one stamped 00:30, then 07:00.
  const std::vector<Fix> fixes{at_min(0, 1, 1), at_min(0, 1, 1), at_min(60, 1, 1), at_min(30, 1, 1),
                               at_min(7 * 60, 1, 1)};
  const auto gaps = detect_gaps(fixes);
  ASSERT_EQ(gaps.size(), 1U);
  EXPECT_EQ(gaps[0].before, 2U);  // measured from 01:00, the last fix in time order
  EXPECT_EQ(gaps[0].after, 4U);
  EXPECT_DOUBLE_EQ(gaps[0].duration_h, 6.0);
}

TEST(Gap, PositionsThatAreNotNumbersAreSteppedOver) {
  std::vector<Fix> fixes{at_min(0, 10, 20), at_min(3 * 60, kNaN, 20), at_min(5 * 60, 10, kNaN),
                         at_min(6 * 60, 10, 20)};
  fixes[1].sog_kn = kNaN;
  const auto gaps = detect_gaps(fixes);
  ASSERT_EQ(gaps.size(), 1U);
  EXPECT_EQ(gaps[0].before, 0U);
  EXPECT_EQ(gaps[0].after, 3U);
  EXPECT_TRUE(std::isfinite(gaps[0].implied_speed_kn));
}

TEST(Gap, EmptyAndSingleFixHaveNoGap) {
  EXPECT_TRUE(detect_gaps({}).empty());
  const std::vector<Fix> one{at_min(0, 1, 1)};
  EXPECT_TRUE(detect_gaps(one).empty());
}

TEST(Gap, NaNThresholdFindsNothingAndZeroFindsEveryStep) {
  const std::vector<Fix> fixes{at_min(0, 1, 1), at_min(0, 1, 1), at_min(1, 1, 1), at_min(2, 1, 1)};
  GapParams p;
  p.min_gap_h = kNaN;
  EXPECT_TRUE(detect_gaps(fixes, p).empty());
  p.min_gap_h = 0;
  EXPECT_EQ(detect_gaps(fixes, p).size(), 2U);  // the repeated time is not a step
}

TEST(Gap, TwoSegmentsOfOneMmsiAreFlagged) {
  const std::vector<Fix> fixes{at_min(0, 10, 20, 1, 0), at_min(8 * 60, 30, 40, 2, 1)};
  const auto gaps = detect_gaps(fixes);
  ASSERT_EQ(gaps.size(), 1U);
  EXPECT_TRUE(gaps[0].crosses_segments);
}

}  // namespace
}  // namespace tidewatch::detect
