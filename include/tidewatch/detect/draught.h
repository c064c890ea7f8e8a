#pragma once
// Draught changes: the static draught a vessel broadcasts (AIS message 5,
// "maximum present static draught") changed, a sign of loading or
// unloading (contract `draught_change` events; docs/detect.md §4).
//
//   std::vector<DraughtReport> reports;   // one vessel's draughts, time order
//   auto changes = detect_draught_changes(reports, DraughtParams{});
//
// Rules, like the identity confirmations of track/identity.h:
//  - A value counts once it is seen in `confirmations` consecutive reports
//    (2 by default): a single wrong report between equal ones (a bit error,
//    a typo corrected at once) is not a change.  Values "equal" within
//    tolerance_m.
//  - The first confirmed value establishes the draught; that is not a change.
//  - A newly confirmed value at least min_change_m from the established one
//    is a change (before = the established value, after = the new one) and
//    becomes the established value.  A newly confirmed value closer than
//    that replaces the established value silently: small corrections are
//    followed, and the next change is measured from the value the crew last
//    kept.  (So a draught raised 0.3 m twice is two silent corrections, not
//    a 0.6 m change: a limit of comparing consecutive confirmed values.)
//  - Evidence: the last report of the old value before the change, the first
//    report of the new value, and the report that confirmed it.
// Reports whose draught is not finite or not above 0 are "not available"
// (AIS sends 0) and skipped: they neither confirm nor interrupt a value.
// Reports should be in time order; they are taken in the order given.

#include <cstdint>
#include <span>
#include <vector>

#include "tidewatch/core/reject.h"
#include "tidewatch/core/time.h"

namespace tidewatch::detect {

/// One broadcast draught.
struct DraughtReport {
  UnixMillis time = 0;    ///< UTC ms
  double draught_m = 0;   ///< metres (AIS: 0.1 m steps, 0 = not available, 25.5 = 25.5 m or more)
  LineRef ref;            ///< the input line (evidence)
};

/// Every threshold of the draught detector, with its unit and source.
struct DraughtParams {
  /// metres; the smallest change reported.  DEFAULT 0.5 (the project's issue 4).
  double min_change_m = 0.5;
  /// reports; consecutive reports of a value that confirm it (values below 1
  /// count as 1).  DEFAULT 2, as IdentityParams::confirmations
  /// (track/identity.h, docs/tracks.md §4: bit-error suppression).
  std::uint32_t confirmations = 2;
  /// metres; two draughts closer than this are the same value.  DEFAULT 0.05:
  /// half the 0.1 m resolution of message 5 (ITU-R M.1371-5, "draught").
  double tolerance_m = 0.05;
};

/// One confirmed change.
struct DraughtChange {
  UnixMillis start = 0;      ///< time of the first report of the new value, UTC ms
  UnixMillis end = 0;        ///< time of the confirming report, UTC ms
  UnixMillis last_before = 0;  ///< time of the last report of the old value, UTC ms
  double before_m = 0;       ///< metres; the established value
  double after_m = 0;        ///< metres; the new value (as first reported)
  /// Last report of the old value, first report of the new value, and the
  /// confirming report (only two entries when confirmations is 1).
  std::vector<LineRef> evidence;
};

/// Changes in the order they were confirmed.  Never throws for bad input.
std::vector<DraughtChange> detect_draught_changes(std::span<const DraughtReport> reports,
                                                  const DraughtParams& params = {});

}  // namespace tidewatch::detect
