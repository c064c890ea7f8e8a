#pragma once
// Distances on the Earth, and the flat-earth discrepancy and match metric of
// Global Fishing Watch's segmenter (gpsdio-segment v3, docs/tracks.md §1.3).
//
// The GFW functions are an exact port in double: the same formulas and the
// same order of operations as the Python (`math.radians(x)` = x * (pi/180),
// `a ** b` = std::pow, Python's float `%`), so a position gives the same
// bits here as in gpsdio-segment.  Angles are degrees, speeds knots, hours
// hours, discrepancies nautical miles.

#include <cmath>
#include <limits>
#include <utility>

namespace tidewatch::geo {

/// Mean Earth radius (IUGG R1), metres.
inline constexpr double kEarthRadiusM = 6371008.8;
/// One international nautical mile, metres.
inline constexpr double kMetresPerNm = 1852.0;

/// Great-circle distance by the haversine formula on a sphere of radius
/// kEarthRadiusM; degrees in, metres out.  Longitudes may be on either side
/// of the antimeridian (179.9 and -179.9 are 0.2 degrees apart).
double haversine_m(double lat1, double lon1, double lat2, double lon2) noexcept;

/// haversine_m in nautical miles.
inline double haversine_nm(double lat1, double lon1, double lat2, double lon2) noexcept {
  return haversine_m(lat1, lon1, lat2, lon2) / kMetresPerNm;
}

// ---- GFW gpsdio-segment v3 (discrepancy.py, matcher.py) ----------------------

/// The fields of a position message the discrepancy uses.  `course` is NaN
/// when null (GFW `is_null`): the message is then a POSITION only when
/// speed <= very_slow (0.35 kn), and dead reckoning uses speed 0, course 0.
struct GfwFix {
  double lon = 0;
  double lat = 0;
  double speed = 0;                                         ///< knots
  double course = std::numeric_limits<double>::quiet_NaN();  ///< degrees, NaN = null
};

/// Python's `(x + 180) % 360 - 180` (float modulo takes the divisor's sign).
double gfw_wrap(double x) noexcept;

/// `Matcher.compute_penalized_hours`: h / (1 + (max(h,0)/penalty_hours) ** (1-hours_exp)).
double gfw_penalized_hours(double hours, double penalty_hours = 4.0,
                           double hours_exp = 0.5) noexcept;

/// `DiscrepancyCalculator._compute_expected_position`: (lon, lat) after
/// `hours` (may be negative) of dead reckoning; null course -> speed 0.
std::pair<double, double> gfw_expected_position(const GfwFix& m, double hours) noexcept;

/// `DiscrepancyCalculator.compute_discrepancy(m1, m2, hours)` in nm, where
/// `hours` is what the matcher passes: the *penalized* hours.  It is used both
/// for dead reckoning and for the type-3 tangential bound `speed1 * hours`.
/// min(type 1 mean dead-reckoning miss, type 2 distance*shape, type 3 mean
/// normal offset*shape); type 3 terms outside 0 < tangential <= speed*hours are inf.
double gfw_discrepancy(const GfwFix& m1, const GfwFix& m2, double hours,
                       double shape_factor = 4.0) noexcept;

/// `Matcher.compute_metric(discrepancy, hours)` with raw hours:
/// p = hypot(hours, buffer_hours), max = p * max_knots; 0 when discrepancy > max,
/// else exp(-alpha**2)/p with alpha = (max_knots/penalty_speed) * discrepancy / max.
double gfw_metric(double discrepancy, double hours, double buffer_hours = 0.25,
                  double max_knots = 25.0, double penalty_speed = 5.0) noexcept;

}  // namespace tidewatch::geo
