// detect/loitering.h: one vessel slow, far from shore and out of port, for hours.
#include "tidewatch/detect/loitering.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "support/fixtures.h"

namespace tidewatch::detect {
namespace {

using test::kHour;
using test::kNaN;
using test::kNoPorts;
using test::kT0;

const ShoreDistanceFn kFarOffshore = [](double, double) { return 100.0; };  // km

Fix at_hours_sog(double hours, double lat, double lon, double sog, std::uint64_t line = 0) {
  Fix f;
  f.time = kT0 + static_cast<UnixMillis>(std::llround(hours * 3600000.0));
  f.lat = lat;
  f.lon = lon;
  f.sog_kn = sog;
  f.ref = {0, line};
  return f;
}

/// Appends a leg: the vessel heads north at `kn` knots from `lat`, reporting
/// that SOG every `every_min` minutes from `from_h` to `to_h` inclusive
/// (hours after 2024-03-01T00:00Z); returns the latitude it reached.
double leg(std::vector<Fix>& fixes, double lat, double lon, double kn, double from_h, double to_h,
           double every_min = 10) {
  const double step_h = every_min / 60.0;
  double h = from_h;
  for (; h <= to_h + 1e-9; h += step_h) {
    fixes.push_back(at_hours_sog(h, lat + kn * (h - from_h) / 60.0, lon, kn, fixes.size() + 1));
  }
  return lat + kn * (to_h - from_h) / 60.0;
}

TEST(Loitering, DriftingSixHoursFarOffshoreIsOneEvent) {
  std::vector<Fix> fixes;
  leg(fixes, 10.0, -30.0, 0.5, 0, 6);  // 37 reports, 00:00 to 06:00
  const auto ev = detect_loitering(fixes, kFarOffshore, kNoPorts);
  ASSERT_EQ(ev.size(), 1U);
  const Loitering& e = ev[0];
  EXPECT_EQ(e.first, 0U);
  EXPECT_EQ(e.last, 36U);
  EXPECT_EQ(e.start, kT0);
  EXPECT_EQ(e.end, kT0 + 6 * kHour);
  EXPECT_DOUBLE_EQ(e.duration_h, 6.0);
  EXPECT_NEAR(e.mean_speed_kn, 0.5, 1e-12);
  EXPECT_NEAR(e.lat, 10.0 + 0.5 * 3 / 60.0, 1e-6);  // half of the 3 nm it drifted
  EXPECT_NEAR(e.lon, -30.0, 1e-9);
  EXPECT_DOUBLE_EQ(e.min_shore_km, 100.0);
  EXPECT_EQ(e.fixes, 37U);
  EXPECT_EQ(e.blocks, 7U);  // hours 0..5, and 06:00 alone in hour 6

  // Without shoreline or port data every position counts as open sea.
  EXPECT_EQ(detect_loitering(fixes, {}, {}).size(), 1U);
}

TEST(Loitering, WithinTwentyNauticalMilesOfShoreIsNot) {
  std::vector<Fix> fixes;
  leg(fixes, 10.0, -30.0, 0.5, 0, 6);
  const ShoreDistanceFn at_30_km = [](double, double) { return 30.0; };   // 16 nm
  const ShoreDistanceFn at_38_km = [](double, double) { return 38.0; };   // 20.5 nm
  EXPECT_TRUE(detect_loitering(fixes, at_30_km, kNoPorts).empty());
  EXPECT_EQ(detect_loitering(fixes, at_38_km, kNoPorts).size(), 1U);
}

TEST(Loitering, WaitingInAPortIsNot) {
  std::vector<Fix> fixes;
  leg(fixes, 10.0, -30.0, 0.1, 0, 12);
  const InPortFn everywhere_port = [](double, double) { return true; };
  EXPECT_TRUE(detect_loitering(fixes, kFarOffshore, everywhere_port).empty());
}

TEST(Loitering, ThreeHoursIsTooShort) {
  std::vector<Fix> fixes;
  leg(fixes, 10.0, -30.0, 0.5, 0, 3);
  EXPECT_TRUE(detect_loitering(fixes, kFarOffshore, kNoPorts).empty());
  LoiteringParams two_hours;  // GFW's carrier products use shorter events
  two_hours.min_duration_h = 2;
  EXPECT_EQ(detect_loitering(fixes, kFarOffshore, kNoPorts, two_hours).size(), 1U);
}

TEST(Loitering, SteamStopAndSteamOnGivesTheStopOnly) {
  // 12 kn until 02:50, drifting at 0.3 kn 03:00 to 09:00, 12 kn from 09:10.
  std::vector<Fix> fixes;
  double lat = leg(fixes, 10.0, -30.0, 12, 0, 2 + 50 / 60.0);
  const std::size_t stop = fixes.size();
  lat = leg(fixes, lat, -30.0, 0.3, 3, 9);
  leg(fixes, lat, -30.0, 12, 9 + 10 / 60.0, 14);
  const auto ev = detect_loitering(fixes, kFarOffshore, kNoPorts);
  ASSERT_EQ(ev.size(), 1U);
  EXPECT_EQ(ev[0].first, stop);
  EXPECT_EQ(ev[0].start, kT0 + 3 * kHour);
  // Hour 9 averages 09:00 at 0.3 kn with five reports at 12 kn: not slow.
  EXPECT_EQ(ev[0].end, kT0 + 8 * kHour + 50 * 60 * 1000);
  EXPECT_NEAR(ev[0].mean_speed_kn, 0.3, 1e-12);
}

TEST(Loitering, ASilenceLongerThanTheGapThresholdEndsTheRun) {
  // Drifting 00:00-03:00, nothing heard until 10:00, drifting 10:00-13:00.
  std::vector<Fix> fixes;
  const double lat = leg(fixes, 10.0, -30.0, 0.5, 0, 3);
  leg(fixes, lat, -30.0, 0.5, 10, 13);
  EXPECT_TRUE(detect_loitering(fixes, kFarOffshore, kNoPorts).empty());
  LoiteringParams bridge;
  bridge.max_gap_h = 8;
  const auto ev = detect_loitering(fixes, kFarOffshore, kNoPorts, bridge);
  ASSERT_EQ(ev.size(), 1U);
  EXPECT_DOUBLE_EQ(ev[0].duration_h, 13.0);
}

TEST(Loitering, WithoutSogTheSpeedIsImpliedByThePositions) {
  std::vector<Fix> slow;
  std::vector<Fix> fast;
  leg(slow, 10.0, -30.0, 1.0, 0, 6);
  leg(fast, 10.0, -30.0, 6.0, 0, 6);
  for (Fix& f : slow) f.sog_kn = kNaN;
  for (Fix& f : fast) f.sog_kn = kNaN;
  const auto ev = detect_loitering(slow, kFarOffshore, kNoPorts);
  ASSERT_EQ(ev.size(), 1U);
  EXPECT_NEAR(ev[0].mean_speed_kn, 1.0, 0.01);  // 1/60 degree is 1.0007 nm on this sphere
  EXPECT_TRUE(detect_loitering(fast, kFarOffshore, kNoPorts).empty());
}

TEST(Loitering, PositionJitterBetweenReportsSecondsApartIsNotSpeed) {
  // At anchor offshore for 5 h, a report every 10 s, no SOG, the GNSS
  // position wandering 11 m either way.  Over 10 s that reads as 2-4 kn;
  // measured over 10 minutes it is next to nothing.
  std::vector<Fix> fixes;
  for (int s = 0; s <= 5 * 3600; s += 10) {
    const double jitter = (s / 10) % 2 == 0 ? 0.0001 : -0.0001;
    fixes.push_back(at_hours_sog(s / 3600.0, 10.0 + jitter, -30.0, kNaN));
  }
  const auto ev = detect_loitering(fixes, kFarOffshore, kNoPorts);
  ASSERT_EQ(ev.size(), 1U);
  EXPECT_LT(ev[0].mean_speed_kn, 0.1);
  LoiteringParams naive;
  naive.implied_min_dt_s = 0;
  EXPECT_TRUE(detect_loitering(fixes, kFarOffshore, kNoPorts, naive).empty());
}

TEST(Loitering, OneFastReportDoesNotBreakTheHour) {
  std::vector<Fix> fixes;
  leg(fixes, 10.0, -30.0, 0.5, 0, 6, 5);
  fixes[30].sog_kn = 4.0;  // 02:30
  const auto ev = detect_loitering(fixes, kFarOffshore, kNoPorts);
  ASSERT_EQ(ev.size(), 1U);
  EXPECT_DOUBLE_EQ(ev[0].duration_h, 6.0);
}

TEST(Loitering, MeanPositionAcrossTheAntimeridian) {
  std::vector<Fix> fixes;
  for (int m = 0; m <= 6 * 60; m += 10) {
    fixes.push_back(at_hours_sog(m / 60.0, -20.0, (m / 10) % 2 == 0 ? 179.999 : -179.999, 0.2));
  }
  const auto ev = detect_loitering(fixes, kFarOffshore, kNoPorts);
  ASSERT_EQ(ev.size(), 1U);
  EXPECT_GT(std::fabs(ev[0].lon), 179.99);
  EXPECT_NEAR(ev[0].lat, -20.0, 1e-6);
}

TEST(Loitering, BadInputNeverCrashes) {
  EXPECT_TRUE(detect_loitering({}, kFarOffshore, kNoPorts).empty());
  const std::vector<Fix> one{at_hours_sog(0, 10, -30, 0.1)};
  EXPECT_TRUE(detect_loitering(one, kFarOffshore, kNoPorts).empty());

  // Every report stamped with the same instant: no duration.
  std::vector<Fix> frozen(50, at_hours_sog(1, 10, -30, 0.1));
  EXPECT_TRUE(detect_loitering(frozen, kFarOffshore, kNoPorts).empty());

  // No SOG and no second position to imply one from.
  const std::vector<Fix> unknown{at_hours_sog(0, 10, -30, kNaN), at_hours_sog(0, 10, -30, kNaN)};
  EXPECT_TRUE(detect_loitering(unknown, kFarOffshore, kNoPorts).empty());

  // Garbage mixed into a real drift: NaN positions, a report from the past,
  // negative and infinite SOG (not available).
  std::vector<Fix> messy;
  leg(messy, 10.0, -30.0, 0.5, 0, 6);
  messy.insert(messy.begin() + 5, at_hours_sog(0.7, kNaN, -30, 0.5));
  messy.insert(messy.begin() + 9, at_hours_sog(0.1, 10, -30, 0.5));
  messy[20].sog_kn = -3;
  messy[21].sog_kn = std::numeric_limits<double>::infinity();
  const auto ev = detect_loitering(messy, kFarOffshore, kNoPorts);
  ASSERT_EQ(ev.size(), 1U);
  EXPECT_DOUBLE_EQ(ev[0].duration_h, 6.0);

  LoiteringParams nan;
  nan.max_speed_kn = kNaN;
  EXPECT_TRUE(detect_loitering(messy, kFarOffshore, kNoPorts, nan).empty());
  LoiteringParams no_blocks;
  no_blocks.block_h = 0;
  EXPECT_TRUE(detect_loitering(messy, kFarOffshore, kNoPorts, no_blocks).empty());
}

}  // namespace
}  // namespace tidewatch::detect
