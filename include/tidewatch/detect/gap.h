#pragma once
// AIS gaps: stretches of time in which no position of a vessel was received
// (contract `gap` events; docs/detect.md §1).
//
//   auto gaps = detect_gaps(fixes);              // one vessel, time order
//   for (const Gap& g : gaps) {
//     const Fix& before = fixes[g.before];       // last position before the gap
//     const Fix& after  = fixes[g.after];        // first position after it
//     Reception r = coverage.assess(g, fixes, mmsi, coverage_params);  // coverage.h
//   }
//
// A gap is a pair of consecutive fixes at least min_gap_h apart.  Whether the
// vessel went dark on purpose is a separate question, answered by
// CoverageGrid::assess (coverage.h) with every vessel's receptions.
//
// Fixes are one MMSI's track members in time order (detect/fix.h).  Fixes
// whose time goes backwards or repeats, or whose position is not finite, are
// stepped over: the gap is measured from the last usable fix, so bad input
// can neither crash the detector nor invent a gap.  Fixes of different track
// segments are compared like any other (a gap is about the MMSI: "no position
// received from the vessel", docs/contracts results.md); `crosses_segments`
// says when the two ends belong to different segments, because then the
// distance and implied speed may join two different ships (shared MMSI).

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "tidewatch/core/time.h"
#include "tidewatch/detect/fix.h"

namespace tidewatch::detect {

/// Every threshold of the gap detector, with its unit and source.
struct GapParams {
  /// hours; consecutive fixes at least this far apart are a gap.
  /// DEFAULT 6: the project's issue, and Global Fishing Watch's gap events
  /// table (proto_ais_gap_events: "AIS gap events of 6+ hours", GFW technical
  /// documentation, "Gaps").  GFW's published disabling events and Welch et
  /// al. 2022 (Sci. Adv. 8, eabq2109) use 12 h; set 12 to match them.
  double min_gap_h = 6.0;
};

/// One gap between two consecutive usable fixes of a vessel.
struct Gap {
  std::size_t before = 0;   ///< index in `fixes` of the last fix before the gap
  std::size_t after = 0;    ///< index in `fixes` of the first fix after the gap
  UnixMillis start = 0;     ///< fixes[before].time, UTC ms
  UnixMillis end = 0;       ///< fixes[after].time, UTC ms
  double duration_h = 0;    ///< hours, (end - start), > 0
  double distance_km = 0;   ///< great-circle (haversine) distance between the two fixes, km
  double implied_speed_kn = 0;  ///< distance / duration, knots (nautical miles per hour)
  bool crosses_segments = false;  ///< the two fixes belong to different track segments
};

/// Gaps in time order.  `fixes` should be in time order; see the file comment
/// for what happens when it is not.  Never throws for bad input: a NaN
/// min_gap_h finds no gap; zero or a negative value reports every pair of
/// usable fixes with a positive time step.
std::vector<Gap> detect_gaps(std::span<const Fix> fixes, const GapParams& params = {});

}  // namespace tidewatch::detect
