// Shared silence: gaps of other vessels near the same place at the same time.

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "tidewatch/detect/concurrent_gaps.h"
#include "support/fixtures.h"

namespace tidewatch::detect {
namespace {

using test::kHour;

GapEnds gap(std::uint32_t mmsi, double h0, double h1, double lat, double lon, double lat2, double lon2) {
  return GapEnds{mmsi, static_cast<UnixMillis>(h0 * kHour), static_cast<UnixMillis>(h1 * kHour),
                 lat, lon, lat2, lon2};
}

TEST(ConcurrentGaps, ALoneDarkShipHasNone) {
  const std::vector<GapEnds> g = {gap(1, 0, 30, 41.3, 131.5, 41.2, 131.4),
                                  // far away (> 60 km) at the same time
                                  gap(2, 0, 10, 40.0, 135.5, 40.2, 135.5),
                                  // near, but silent a day later
                                  gap(3, 40, 50, 41.3, 131.6, 41.3, 131.6)};
  const auto n = count_concurrent_gaps(g);
  EXPECT_EQ(n[0], 0U);
  EXPECT_EQ(n[1], 0U);
  EXPECT_EQ(n[2], 0U);
}

TEST(ConcurrentGaps, VesselsEnteringACoverageHoleCountEachOther) {
  // Five ships fall silent along the west edge of a hole (lon 135.5) over a
  // few hours, 20-40 km apart, and reappear on its far side.
  std::vector<GapEnds> g;
  for (std::uint32_t i = 0; i < 5; ++i)
    g.push_back(gap(100 + i, i, 10 + i, 40.0 + 0.25 * i, 135.5, 40.2, 137.5));
  const auto n = count_concurrent_gaps(g);
  for (auto v : n) EXPECT_GE(v, 2U);  // more than max_others: coverage
  // Every one of them ends near the others' ends (all at 40.2N 137.5E).
  EXPECT_EQ(n[0], 4U);
}

TEST(ConcurrentGaps, TheVesselItselfAndDuplicatesCountOnce) {
  const std::vector<GapEnds> g = {gap(7, 0, 10, 40, 135, 40, 135.1), gap(7, 11, 20, 40, 135, 40, 135.1),
                                  gap(8, 0, 5, 40.01, 135, 40.0, 135.1), gap(8, 6, 9, 40.0, 135, 40, 135.1)};
  const auto n = count_concurrent_gaps(g);
  EXPECT_EQ(n[0], 1U);  // vessel 8 (twice) counts once; its own next gap not at all
  EXPECT_EQ(n[2], 1U);
}

TEST(ConcurrentGaps, WorksAcrossTheAntimeridianAndIgnoresBadPositions) {
  const std::vector<GapEnds> g = {gap(1, 0, 10, 10, 179.9, 10, 179.9), gap(2, 0, 10, 10, -179.9, 10, -179.9),
                                  gap(3, 0, 10, std::nan(""), 0, 95, 0)};
  const auto n = count_concurrent_gaps(g);
  EXPECT_EQ(n[0], 1U);
  EXPECT_EQ(n[1], 1U);
  EXPECT_EQ(n[2], 0U);
}

}  // namespace
}  // namespace tidewatch::detect
