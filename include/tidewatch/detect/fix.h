#pragma once
// A vessel's position as the behaviour detectors (gap, loitering, encounter,
// port visit, ...) see it, and the two geographic questions they ask.
//
// The pipeline (docs/analyze.md) turns each MMSI's time-ordered positions
// that the segmenter kept in a track (noise excluded) into Fixes and hands
// them to every per-vessel detector; tests write Fixes by hand.
//
// Units: time in Unix milliseconds UTC; lat/lon in WGS 84 degrees
// (lat -90..90, lon -180..180); speed over ground in knots, NaN when the
// report had none (provider CSVs without SOG, "not available" 102.3 kn).

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>

#include "tidewatch/core/reject.h"
#include "tidewatch/core/time.h"

namespace tidewatch::detect {

struct Fix {
  UnixMillis time = 0;  ///< UTC, ms
  double lat = 0;       ///< degrees
  double lon = 0;       ///< degrees
  double sog_kn = std::numeric_limits<double>::quiet_NaN();  ///< knots, NaN = not available
  LineRef ref;          ///< the input line this position came from (evidence)
  std::uint32_t segment = 0;  ///< track segment within the MMSI (0, 1, ... in time order)

  [[nodiscard]] bool has_sog() const noexcept { return !std::isnan(sog_kn); }
};

/// Distance in kilometres from (lat, lon) to the nearest shoreline, >= 0.
/// Detectors only compare it with their minimum distance from shore, so an
/// implementation may return any value >= its cap beyond that cap.  The
/// pipeline passes geo::ShoreDistance; tests pass lambdas.
using ShoreDistanceFn = std::function<double(double lat, double lon)>;

/// True when (lat, lon) lies inside a port (ports::PortIndex in the pipeline).
using InPortFn = std::function<bool(double lat, double lon)>;

}  // namespace tidewatch::detect
