#pragma once
// Shared silence: how many OTHER vessels fell silent near the same place at
// the same time as a gap.  When several vessels' gaps start or end near a
// gap's own start or end while it lasts, the receivers lost the area (a
// coverage hole: the edge of a terrestrial station's range, a satellite
// pass missing), and the gap is not suspected disabling.  A lone vessel
// going dark while others stay visible is.
//
// Why this is needed besides reception (coverage.h): a vessel that sails
// into a hole falls silent at the hole's EDGE, where the blocks around its
// last and first positions straddle the covered side and keep receiving
// other vessels, so reception alone calls it suspected.  In the simulated
// coverage_hole scenario (docs/simulate.md) every gap in the hole has 6-20
// concurrent gaps within 60 km, the dark port visit 0 (docs/analyze.md §3).
// Limit: two vessels that go dark together (a covert ship-to-ship transfer)
// count one concurrent gap each, so max_others defaults to 1 to keep them
// suspected.
//
// Cost: endpoints are bucketed in 1-degree cells; each gap looks only at the
// endpoints in the cells around its own, so the work is near-linear in gaps.

#include <cstdint>
#include <span>
#include <vector>

#include "tidewatch/core/time.h"

namespace tidewatch::detect {

struct ConcurrentGapParams {
  /// kilometres; another gap's start or end this close to this gap's start
  /// or end counts.  DEFAULT 60 [project]: the span of coverage.h's 3 x 3
  /// block of 0.25-degree cells (~0.75 deg), about a terrestrial AIS range.
  double radius_km = 60.0;
  /// other vessels; a gap with more concurrent gaps of other vessels than
  /// this is explained by coverage.  DEFAULT 1 [project]: see the limit above.
  std::uint32_t max_others = 1;
};

/// One gap as this check sees it: the vessel, the silent interval and the
/// positions before and after it (degrees).
struct GapEnds {
  std::uint32_t mmsi = 0;
  UnixMillis start = 0, end = 0;
  double start_lat = 0, start_lon = 0;
  double end_lat = 0, end_lon = 0;
};

/// For each gap, the number of distinct other MMSIs with a gap overlapping
/// it in time whose start or end lies within radius_km of its start or end.
std::vector<std::uint32_t> count_concurrent_gaps(std::span<const GapEnds> gaps,
                                                 const ConcurrentGapParams& params = {});

}  // namespace tidewatch::detect
