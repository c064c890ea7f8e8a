#pragma once
// possible_port_visit: during an AIS gap, every port the vessel could have
// reached and left again (contract `possible_port_visit` events).
//
//   geo::SeaRouter router(mask);                       // geo/sea_route.h
//   const double top = observed_top_speed_kn(fixes);   // optional
//   PossiblePortVisits r = possible_port_visits(fixes[g.before], fixes[g.after],
//                                               ports, &router, params, top);
//   for (const PossiblePortVisit& v : r.visits) emit(ports_by_index[v.port], ...);
//
// The rule.  The vessel went dark at (lat0, lon0) at t0 and reappeared at
// (lat1, lon1) at t1.  At speed v (below) it can cover
//     budget = v * (t1 - t0 - min_port_stay_h)
// nautical miles and still spend min_port_stay_h in port.  A port is listed
// when
//     route(start -> port) + route(port -> end) <= budget,
// where route is the shortest sea distance (geo::SeaRouter: around land, a
// port connected through the water within 3 km of it, or the nearest water
// within 25 km).  Equivalently the vessel could arrive at
//     earliest_arrival = t0 + route(start -> port) / v
// and leave at
//     latest_departure = t1 - route(port -> end) / v,
// at least min_port_stay_h later.  A port out of reach is never listed; a
// port in reach is listed whatever the evidence that it was visited (that
// is for the analyst: the list is what the gap leaves possible).
//
// Speed.  v = max_speed_kn, or the vessel's own observed top speed when that
// is higher (use_observed_speed; observed_top_speed_kn gives a robust one),
// never more than max_observed_speed_kn.
//
// Cost.  Each port is first tested with great-circle distances (the ellipse
// gc(start, port) + gc(port, end) <= budget; haversine with 1 % slack, so
// nothing reachable is dropped): microseconds for the ~3,800 ports of the
// World Port Index.  Only survivors are routed: one grid over the ellipse
// (geo::SeaRouter::grid_for) and two searches, from the start and from the
// end, each pruned to the ellipse.  Measured (docs/geo.md, 2 cores, 'h'):
// 7 ms for a 6 h gap, ~0.1 s for 24-30 h, ~0.3-0.4 s for 48-72 h; a gap whose
// ellipse holds no port costs only the prefilter (under 1 ms for 3,800).
//
// Without a router (nullptr: no shoreline installed) the routes are the
// geodesics, across land too, so the list can only be longer.
//
// Bad input never crashes: a NaN position or time, or t1 <= t0, gives
// outcome bad_input and no visits.  Routing parameters out of range are a
// configuration error: std::invalid_argument (geo::SeaRouter::check).
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "tidewatch/core/time.h"
#include "tidewatch/detect/fix.h"
#include "tidewatch/geo/sea_route.h"

namespace tidewatch::detect {

/// A candidate port: `index` is the caller's (the pipeline maps it back to
/// its port list); lat/lon WGS 84 degrees, the port's reference position.
struct PortPoint {
  std::uint32_t index = 0;
  double lat = 0;
  double lon = 0;
};

/// Every threshold of the detector, with its unit and source.
struct PossiblePortVisitParams {
  /// knots; the speed the vessel is assumed able to keep up during the gap.
  /// [project] 15 kn: the service speed of the tankers, bulk carriers and
  /// general cargo ships of sanctions cases is 12-15 kn (their average voyage
  /// speeds are 9-11 kn, Statista figures quoted by casualnavigation.com;
  /// "bulk carriers and tankers ... 13 to 19 knots, container ships 20 to
  /// 25", us.ok.com); a faster vessel raises it through its observed speed.
  double max_speed_kn = 15.0;
  /// Use the vessel's observed top speed when it is above max_speed_kn.
  /// [project] on.
  bool use_observed_speed = true;
  /// knots; an observed speed is believed up to this.  GFW segmenter
  /// Matcher.max_knots (25), the fastest plausible vessel (also
  /// track::QualityParams::max_knots).
  double max_observed_speed_kn = 25.0;
  /// quantile of a vessel's reported speeds over ground taken as its
  /// observed top speed (observed_top_speed_kn).  [project] 0.95: ignores
  /// the odd corrupt report.
  double observed_speed_quantile = 0.95;
  /// hours; the shortest port call.  GFW port visits: "restricted port visit
  /// durations to a minimum of three hours" (GFW FAQ, How are port visits in
  /// the carrier vessel portal defined).
  double min_port_stay_h = 3.0;
  /// hours; longer gaps are not searched (outcome gap_too_long).  [project]
  /// 72 h: beyond three days at 15 kn the reachable ellipse is over 1,000 nm
  /// across and holds hundreds of ports, so the list stops being evidence,
  /// and the routing grid gets coarse (~0.02 degree).
  double max_gap_h = 72.0;
  /// Routing grid, snapping and passages (geo/sea_route.h, each field with
  /// its source): min_cell_deg 0.01, max_cells 1.5 M, snap_km 3,
  /// max_snap_km 25, smooth on, passages on.
  geo::SeaRouteParams routing{};
};

/// One port the vessel could have visited.
struct PossiblePortVisit {
  std::uint32_t port = 0;           ///< PortPoint::index
  double route_nm = 0;              ///< to_port_nm + from_port_nm: the shortest way via the port
  double to_port_nm = 0;            ///< sea route start -> port
  double from_port_nm = 0;          ///< sea route port -> end
  double great_circle_nm = 0;       ///< WGS 84 geodesic start -> port + port -> end
  UnixMillis earliest_arrival = 0;  ///< t0 + to_port_nm / speed, UTC ms
  UnixMillis latest_departure = 0;  ///< t1 - from_port_nm / speed, UTC ms
  double max_stay_h = 0;            ///< latest_departure - earliest_arrival, hours (>= min_port_stay_h)
};

enum class PortSearchOutcome : unsigned char {
  searched,       ///< the ports were searched (visits may still be empty)
  gap_too_short,  ///< the gap is not longer than min_port_stay_h: no port call fits
  gap_too_long,   ///< longer than max_gap_h: not searched
  bad_input,      ///< NaN or infinite position or time, t1 <= t0, or bad parameters
};

/// Text of an outcome ("searched", "gap_too_short", ...).
const char* to_string(PortSearchOutcome outcome) noexcept;

struct PossiblePortVisits {
  PortSearchOutcome outcome = PortSearchOutcome::searched;
  double gap_h = 0;             ///< t1 - t0, hours
  double speed_kn = 0;          ///< the speed used
  double budget_nm = 0;         ///< speed_kn * (gap_h - min_port_stay_h)
  std::size_t candidates = 0;   ///< ports inside the great-circle ellipse (routed)
  std::vector<PossiblePortVisit> visits;  ///< by route_nm, then port index
};

/// The ports of `ports` the vessel could have visited between `before` (the
/// last fix before the gap) and `after` (the first fix after it).
/// `router` may be null (geodesic distances).  `observed_top_kn` is the
/// vessel's observed top speed (NaN: unknown).
PossiblePortVisits possible_port_visits(
    const Fix& before, const Fix& after, std::span<const PortPoint> ports,
    const geo::SeaRouter* router, const PossiblePortVisitParams& params = {},
    double observed_top_kn = std::numeric_limits<double>::quiet_NaN());

/// The observed_speed_quantile of the fixes' reported speeds over ground
/// (fixes without one are skipped), or NaN when no fix has one.  Speeds
/// above max_observed_speed_kn are kept here (the caller's cap applies in
/// possible_port_visits), so a corrupt 102 kn report moves only the top 5 %.
double observed_top_speed_kn(std::span<const Fix> fixes,
                             const PossiblePortVisitParams& params = {});

}  // namespace tidewatch::detect
