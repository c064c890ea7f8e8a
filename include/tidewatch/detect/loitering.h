#pragma once
// Loitering: one vessel at low speed, far from shore and outside ports, for
// hours (contract `loitering` events; docs/detect.md §3).  A loitering vessel
// may be meeting one that does not broadcast AIS.
//
//   auto events = detect_loitering(fixes, shore_km, in_port, LoiteringParams{});
//
// Definition (Global Fishing Watch, GFW technical documentation "Loitering",
// updates in 2021, and the RFMO transshipment reports' definition quoted
// there): "the loitering query groups data by hour by vessel.  It gets the
// average speed of an hour block of time, and then identifies consecutive
// hour blocks where the average implied speed is < 2 knots"; an event counts when
// it lasts at least 4 hours at least 20 nautical miles from shore (Miller et
// al. 2018 used 8 h for carriers; the RFMO reports changed it to 4 h; GFW's
// carrier portal shows events from 1 h).  tidewatch follows it so:
//
//  1. Speed of a fix: its broadcast SOG when available (finite, >= 0; GFW
//     uses implied speed only, but SOG is what the ship measured and is not
//     fooled by position noise or sparse reports); else
//     the speed implied by the positions, from the latest earlier fix at
//     least implied_min_dt_s before it (or, at the start of the track, the
//     earliest later fix at least that far after it), so GNSS jitter between
//     reports seconds apart does not read as speed.  A fix with neither has
//     no speed and does not count in its block's average.
//  2. Blocks: consecutive fixes in the same UTC block of block_h hours.  A
//     block qualifies when its fixes' average speed is below max_speed_kn,
//     and its mean position is at least min_shore_nm from shore and not in a
//     port.  (Checked once per block at its mean position: a vessel below
//     2 kn moves under 2 nm in an hour, and a shoreline lookup per message
//     would cost more than the rest of the analysis.)
//  3. A run is consecutive qualifying blocks; it ends at a block that does
//     not qualify, and between two fixes more than max_gap_h apart (the gap
//     detector reports that silence; nobody knows what the vessel did).
//  4. An event is a run lasting at least min_duration_h from its first fix to
//     its last.
// GFW measures the distance from shore as the event's average; here every
// block of the event must be far enough (stricter, and well defined with a
// ShoreDistanceFn that returns a capped value beyond its cap).
//
// Fixes: one MMSI's track members in time order (detect/fix.h).  Fixes with a
// position out of range or not finite are skipped; fixes whose time goes
// backwards are skipped; repeated times are harmless.  An empty
// ShoreDistanceFn means "no shoreline": every position is far enough; an
// empty InPortFn means no position is in a port.

#include <cstddef>
#include <span>
#include <vector>

#include "tidewatch/core/time.h"
#include "tidewatch/detect/fix.h"

namespace tidewatch::detect {

/// Every threshold of the loitering detector, with its unit and source.
struct LoiteringParams {
  /// knots; a block's average speed must be below this.  DEFAULT 2 (GFW
  /// "Loitering": consecutive hour blocks of average speed < 2 knots).
  double max_speed_kn = 2.0;
  /// hours; the shortest event, first fix to last.  DEFAULT 4 (GFW RFMO
  /// transshipment reports: "at least 4 hours"; Miller et al. 2018 used 8 h,
  /// GFW's carrier portal shows loitering from 1 h; 4 h is the middle
  /// ground that the published GFW analyses use).
  double min_duration_h = 4.0;
  /// nautical miles; every block's mean position at least this far from
  /// shore.  DEFAULT 20 (GFW published_events_loitering:
  /// avg_distance_from_shore_nm >= 20).
  double min_shore_nm = 20.0;
  /// hours; two consecutive fixes further apart than this end a run.
  /// DEFAULT 6 [project]: the gap detector's threshold (gap.h), so no
  /// loitering event spans a reported gap.
  double max_gap_h = 6.0;
  /// hours; the length of a block.  DEFAULT 1 (GFW: "groups data by hour").
  double block_h = 1.0;
  /// seconds; an implied speed is measured over at least this long.
  /// DEFAULT 600 [project]: 10 m of GNSS jitter over 10 min is 0.03 kn.
  double implied_min_dt_s = 600.0;
};

/// One loitering event.
struct Loitering {
  std::size_t first = 0;     ///< index in `fixes` of the first fix of the event
  std::size_t last = 0;      ///< index in `fixes` of the last fix of the event
  UnixMillis start = 0;      ///< fixes[first].time, UTC ms
  UnixMillis end = 0;        ///< fixes[last].time, UTC ms
  double duration_h = 0;     ///< hours, end - start
  double mean_speed_kn = 0;  ///< knots; mean of the speeds (step 1) of the event's fixes
  double lat = 0, lon = 0;   ///< degrees; mean position of the event's fixes (on the sphere)
  /// km; the smallest block distance from shore (ShoreDistanceFn's value;
  /// +infinity without a ShoreDistanceFn)
  double min_shore_km = 0;
  std::size_t fixes = 0;     ///< fixes in the event
  std::size_t blocks = 0;    ///< blocks (hours) in the event
};

/// Loitering events in time order.  Never throws for bad input; NaN
/// thresholds find nothing.
std::vector<Loitering> detect_loitering(std::span<const Fix> fixes,
                                        const ShoreDistanceFn& shore_km,
                                        const InPortFn& in_port,
                                        const LoiteringParams& params = {});

}  // namespace tidewatch::detect
