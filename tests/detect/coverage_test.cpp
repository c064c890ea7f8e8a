// detect/coverage.h: was the area still receiving other vessels while one was
// silent?  Situations on a 6 x 6 degree patch of sea with a vessel every half
// degree, each received every 20 minutes for a day, unless a test makes part
// of the patch deaf.
#include "tidewatch/detect/coverage.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <vector>

#include "tidewatch/detect/gap.h"
#include "support/fixtures.h"

namespace tidewatch::detect {
namespace {

using test::kHour;
using test::kT0;

constexpr std::uint32_t kSubject = 999000001;

Fix at_hours(double hours, double lat, double lon, std::uint64_t line = 0) {
  Fix f;
  f.time = kT0 + static_cast<UnixMillis>(std::llround(hours * 3600000.0));
  f.lat = lat;
  f.lon = lon;
  f.sog_kn = 0.5;
  f.ref = {0, line};
  return f;
}

/// Whether a position at a time (hours after kT0) is received.
using Heard = std::function<bool(double lat, double lon, double hours)>;

bool everywhere(double, double, double) { return true; }

/// The background: a vessel at (0.1 + 0.5 i, 0.1 + 0.5 j) for i, j in 0..11
/// (the patch 0..6 N, 0..6 E), each reporting every 20 minutes from 00:00 to
/// 24:00, kept only when `received` says so.
void add_traffic(CoverageGrid& grid, const Heard& received) {
  std::uint32_t mmsi = 200000000;
  for (int i = 0; i < 12; ++i) {
    for (int j = 0; j < 12; ++j) {
      const double lat = 0.1 + 0.5 * i;
      const double lon = 0.1 + 0.5 * j;
      std::vector<Fix> fixes;
      for (int k = 0; k <= 72; ++k) {
        const double h = k / 3.0;
        if (received(lat, lon, h)) fixes.push_back(at_hours(h, lat, lon));
      }
      grid.add_vessel(++mmsi, fixes);
    }
  }
}

bool in_hole(double lat, double lon) { return lat >= 2 && lat < 4 && lon >= 2 && lon < 4; }

/// The subject steams east along 3.05 N from 1 E at 10 kn for 24 h, one
/// report every 10 minutes, received only where `received` says so.
std::vector<Fix> steam_east(const Heard& received) {
  const double deg_per_h = 10.0 / (60.0 * std::cos(3.05 * 3.141592653589793 / 180.0));
  std::vector<Fix> fixes;
  for (int k = 0; k <= 144; ++k) {
    const double h = k / 6.0;
    const double lon = 1.0 + deg_per_h * h;
    if (received(3.05, lon, h)) fixes.push_back(at_hours(h, 3.05, lon, static_cast<std::uint64_t>(k + 1)));
  }
  return fixes;
}

/// Builds the grid from the background and the subject, finds the subject's
/// one gap and assesses it.
Reception assess_only_gap(const Heard& background, const std::vector<Fix>& subject,
                          const CoverageParams& params = {}) {
  CoverageGrid grid(params);
  add_traffic(grid, background);
  grid.add_vessel(kSubject, subject);
  const auto gaps = detect_gaps(subject);
  EXPECT_EQ(gaps.size(), 1U);
  if (gaps.size() != 1) return {};
  return grid.assess(gaps[0], subject, kSubject, params);
}

TEST(Coverage, GoingDarkWhereOthersKeepBeingReceivedIsSuspected) {
  // The subject is silent while crossing 2..4 E; everyone else is heard.
  const auto subject = steam_east([](double, double lon, double) { return lon < 2 || lon >= 4; });
  const Reception r = assess_only_gap(everywhere, subject);
  EXPECT_EQ(r.samples, 13U);  // silent 05:50 to 18:00: one sample per started hour
  EXPECT_DOUBLE_EQ(r.start_fraction, 1.0);
  EXPECT_DOUBLE_EQ(r.end_fraction, 1.0);
  EXPECT_DOUBLE_EQ(r.path_fraction, 1.0);
  EXPECT_TRUE(r.suspected_disabling);
}

TEST(Coverage, SailingThroughACoverageHoleIsNotSuspected) {
  // The same voyage, but nobody at all is received in the 2 x 2 degree hole
  // 2..4 N, 2..4 E: the subject was simply out of reach.
  const auto deaf_hole = [](double lat, double lon, double) { return !in_hole(lat, lon); };
  const auto subject = steam_east(deaf_hole);
  const Reception r = assess_only_gap(deaf_hole, subject);
  // Where it fell silent and where it came back, the hole's edge, traffic
  // outside the hole is heard; along the way through the hole nobody is.
  EXPECT_GE(r.start_fraction, 0.5);
  EXPECT_GE(r.end_fraction, 0.5);
  EXPECT_LT(r.path_fraction, 0.2);
  EXPECT_FALSE(r.suspected_disabling);

  // It is the path condition that decides here.
  CoverageParams lenient;
  lenient.min_path_fraction = 0.0;
  EXPECT_TRUE(assess_only_gap(deaf_hole, subject, lenient).suspected_disabling);
}

TEST(Coverage, ReceiverOutageOverTheVesselIsNotSuspected) {
  // Nothing in 2..4 N, 2..4 E is received from 06:00 to 18:00 (a shore
  // station down); the subject drifts in the middle of it, silent as well.
  const auto outage = [](double lat, double lon, double h) {
    return !(in_hole(lat, lon) && h >= 6 && h < 18);
  };
  std::vector<Fix> subject;
  for (int k = 0; k <= 144; ++k) {
    const double h = k / 6.0;
    if (outage(3.05, 3.05, h)) subject.push_back(at_hours(h, 3.05, 3.05, static_cast<std::uint64_t>(k + 1)));
  }
  const Reception r = assess_only_gap(outage, subject);
  EXPECT_EQ(r.samples, 13U);  // 05:50 to 18:00
  EXPECT_DOUBLE_EQ(r.start_fraction, 0.0);
  EXPECT_DOUBLE_EQ(r.end_fraction, 0.0);
  EXPECT_DOUBLE_EQ(r.path_fraction, 0.0);
  EXPECT_FALSE(r.suspected_disabling);
}

TEST(Coverage, SilentOnTheSpotWhileNeighboursAreHeardIsSuspected) {
  std::vector<Fix> subject;
  for (int k = 0; k <= 144; ++k) {
    const double h = k / 6.0;
    if (h < 6 || h >= 18) subject.push_back(at_hours(h, 3.05, 3.05, static_cast<std::uint64_t>(k + 1)));
  }
  const Reception r = assess_only_gap(everywhere, subject);
  EXPECT_TRUE(r.suspected_disabling);
}

TEST(Coverage, AVesselAloneAtSeaIsNotSuspected) {
  // Only its own receptions exist: they are no evidence that anyone else
  // would have been heard.
  const auto subject = steam_east([](double, double lon, double) { return lon < 2 || lon >= 4; });
  CoverageGrid grid;
  grid.add_vessel(kSubject, subject);
  const auto gaps = detect_gaps(subject);
  ASSERT_EQ(gaps.size(), 1U);
  const Reception r = grid.assess(gaps[0], subject, kSubject);
  EXPECT_EQ(r.samples, 13U);
  EXPECT_EQ(r.start_received + r.end_received + r.path_received, 0U);
  EXPECT_FALSE(r.suspected_disabling);
}

TEST(Coverage, AChattyVesselCountsOnceAndMemoryFollowsCellHoursNotMessages) {
  // One report a second for 3 hours in one cell, and one every 10 minutes.
  CoverageGrid grid;
  std::vector<Fix> chatty;
  for (int s = 0; s < 3 * 3600; ++s) chatty.push_back(at_hours(s / 3600.0, 10.01, 20.01));
  grid.add_vessel(1, chatty);
  EXPECT_EQ(grid.cell_hours(), 3U);
  EXPECT_EQ(grid.vessels_received(10.01, 20.01, kT0 + kHour / 2), 1U);

  std::vector<Fix> quiet;
  for (int m = 0; m < 3 * 60; m += 10) quiet.push_back(at_hours(m / 60.0, 10.2, 20.2));
  grid.add_vessel(2, quiet);
  EXPECT_EQ(grid.cell_hours(), 3U);  // the same three cell-hours
  EXPECT_EQ(grid.vessels_received(10.01, 20.01, kT0 + kHour / 2), 2U);
  EXPECT_EQ(grid.vessels_received(10.01, 20.01, kT0 + 3 * kHour), 0U);  // hour 3: nobody

  // A vessel is never evidence of coverage for itself, but is for others.
  CoverageGrid lone;
  lone.add_vessel(1, chatty);
  EXPECT_FALSE(lone.received_other(10.01, 20.01, kT0, 1, 1));
  EXPECT_TRUE(lone.received_other(10.01, 20.01, kT0, 7, 1));
}

TEST(Coverage, BlocksWrapAtTheAntimeridianAndStopAtThePoles) {
  CoverageGrid grid;
  grid.add_vessel(1, std::vector<Fix>{at_hours(0, 0.1, 179.95)});
  EXPECT_TRUE(grid.received_other(0.1, -179.95, kT0, 2, 1));
  EXPECT_FALSE(grid.received_other(0.1, -179.95, kT0, 2, 0));  // not in the cell itself
  grid.add_vessel(3, std::vector<Fix>{at_hours(0, 90.0, 0.0), at_hours(0, -90.0, 180.0)});
  EXPECT_TRUE(grid.received_other(89.99, 10.0, kT0, 2, 40));
  EXPECT_TRUE(grid.received_other(-90.0, -180.0, kT0, 2, 1));
}

TEST(Coverage, BadInputIsNeverSuspected) {
  CoverageGrid grid;
  add_traffic(grid, everywhere);
  const std::vector<Fix> fixes{at_hours(0, 3.05, 3.05), at_hours(12, 3.05, 3.05)};
  Gap g;
  g.before = 0;
  g.after = 5;  // out of range
  EXPECT_EQ(grid.assess(g, fixes, kSubject).samples, 0U);
  EXPECT_FALSE(grid.assess(g, fixes, kSubject).suspected_disabling);
  g.after = 0;  // zero duration
  EXPECT_FALSE(grid.assess(g, fixes, kSubject).suspected_disabling);
  g.after = 1;
  EXPECT_TRUE(grid.assess(g, fixes, kSubject).suspected_disabling);
  CoverageParams nan;
  nan.min_path_fraction = std::numeric_limits<double>::quiet_NaN();
  EXPECT_FALSE(grid.assess(g, fixes, kSubject, nan).suspected_disabling);

  std::vector<Fix> broken{at_hours(0, std::nan(""), 3.0), at_hours(1, 3.0, std::nan(""))};
  grid.add_vessel(5, broken);  // skipped, no crash
  CoverageGrid empty;
  empty.add_vessel(6, {});
  EXPECT_EQ(empty.cell_hours(), 0U);
}

}  // namespace
}  // namespace tidewatch::detect
