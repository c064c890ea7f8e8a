#pragma once
// port_visit: the vessel stopped in a port (docs/ports.md §4).
//
// The rules are Global Fishing Watch's anchorages pipeline
// (pipe_anchorages/transforms/create_in_out_events.py and
// create_port_visits.py; defaults from its port-visits configuration),
// applied to the project's ports instead of GFW's anchorage points:
//
//  - Entry and exit with hysteresis.  A vessel enters a port at a fix within
//    the port's entry distance and stays in it until a fix beyond the exit
//    distance.  Circle port (WPI or user CSV): entry = radius_m, exit =
//    radius_m + exit_margin_m, so a 3 km port gives GFW's 3 km / 4 km rule.
//    Polygon port: entry = inside, exit = more than exit_margin_m outside.
//    Between the two (the band), the vessel stays in the port it was in; a
//    fix in the band of port A that is inside the entry region of another
//    port B moves the vessel to B (A's visit ends at the fix before).
//  - Stops with hysteresis (GFW port_stop): stopped from a fix with SOG <=
//    stop_begin_kn until a fix with SOG >= stop_end_kn; a fix without SOG
//    leaves the state as it was.
//  - Gaps (GFW port_gap): two consecutive fixes of the visit at least
//    min_gap_hours apart, both inside the visit (GFW also counts a gap whose
//    later fix is outside; here that is the gap detector's business).
//  - A visit is reported only when the vessel stopped or had a gap inside
//    (GFW confidence >= 2); passing through is not a visit.
//  - A visit still in progress at the last fix is reported with open = true.
//
// Input: one vessel's fixes in time order (detect::Fix).  A fix with a
// non-finite or out-of-range position is skipped (the readers reject such
// lines before; nothing here throws).  A fix older than the one before it
// is used for position but never counted as a gap.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "tidewatch/core/time.h"
#include "tidewatch/detect/fix.h"
#include "tidewatch/ports/port.h"

namespace tidewatch::detect {

struct PortVisitParams {
  /// Exit distance beyond the entry distance, metres.  DEFAULT 1000 m.
  /// GFW anchorages_pipeline: anchorage_exit_dist_km 4.0 - anchorage_entry_dist_km 3.0.
  double exit_margin_m = 1000;
  /// A stop begins at a fix with SOG <= this, knots.  DEFAULT 0.2 kn.
  /// GFW anchorages_pipeline stopping_speed_knots (stopped_begin_speed_knots) 0.2.
  double stop_begin_kn = 0.2;
  /// A stop ends at a fix with SOG >= this, knots.  DEFAULT 0.5 kn.
  /// GFW anchorages_pipeline starting_speed_knots (stopped_end_speed_knots) 0.5.
  double stop_end_kn = 0.5;
  /// Shortest interval between two fixes inside a port that counts as a port
  /// gap, hours.  DEFAULT 4 h.  GFW anchorages_pipeline
  /// min_anchorage_gap_minutes 240.
  double min_gap_hours = 4.0;
  /// Report only visits with a stop or a gap inside.  DEFAULT true.  GFW
  /// port visits: confidence 1 (entry/exit only) is not a visit of interest;
  /// [project] the contract's port_visit means "the vessel stopped in a port".
  bool require_stop_or_gap = true;
  /// Most fix indices kept in PortVisit::evidence, the first half and the
  /// last half.  DEFAULT 200.  GFW create_port_visits MAX_EMITTED_EVENTS 200.
  std::size_t max_evidence = 200;
};

struct PortVisit {
  std::uint32_t port = 0;    ///< index into PortIndex::ports()
  std::size_t first = 0;     ///< index in the fixes of the entry fix (first inside)
  std::size_t last = 0;      ///< index of the last fix inside
  /// Index of the fix that ended the visit (beyond the exit distance, or in
  /// another port's entry region); == last when open.
  std::size_t exit = 0;
  UnixMillis arrival = 0;    ///< time of fixes[first], UTC ms
  UnixMillis departure = 0;  ///< time of fixes[last], UTC ms
  double stop_hours = 0;     ///< total time stopped inside, hours (see below)
  double gap_hours = 0;      ///< longest port gap inside, hours; 0 when none
  bool stopped = false;      ///< at least one stop began inside
  bool gap = false;          ///< at least one port gap inside
  bool open = false;         ///< the fixes ended while the vessel was inside
  /// GFW's confidence: 4 = stop or gap, entry and exit; 3 = stop or gap and
  /// one of entry / exit; 2 = stop or gap only; 1 = entry / exit only.  Here
  /// every visit has an entry fix, so 4 (closed) or 3 (open) for a reported
  /// visit, 1 for a pass-through (require_stop_or_gap = false).
  int confidence = 1;
  /// Indices of the fixes that support the visit, increasing: the entry fix,
  /// each stop's first and ending fix, both fixes of each gap, the last fix
  /// inside (at most max_evidence, first and last halves kept).
  std::vector<std::size_t> evidence;
};

/// Port visits in one vessel's fixes (see above), in time order.
///
/// Stop time: a stop lasts from its first stopped fix to the fix that ends it
/// (SOG >= stop_end_kn), or to the last fix inside when the vessel leaves or
/// the data ends stopped; a fix beyond the exit distance never extends it.
[[nodiscard]] std::vector<PortVisit> detect_port_visits(std::span<const Fix> fixes,
                                                        const ports::PortIndex& ports,
                                                        const PortVisitParams& p = {});

}  // namespace tidewatch::detect
