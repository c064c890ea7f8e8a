#include "tidewatch/geo/distance.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "constants.h"

namespace tidewatch::geo {
namespace {

constexpr double kDegToRad = kPi / 180.0;  // math.radians multiplies by this (kPi: Py_MATH_PI)

double radians(double deg) noexcept { return deg * kDegToRad; }

bool is_null(double v) noexcept { return std::isnan(v); }

// Python float modulo: fmod, then moved to the divisor's sign.
double py_mod(double x, double y) noexcept {
  double m = std::fmod(x, y);
  if (m != 0.0) {
    if ((y < 0) != (m < 0)) m += y;
  } else {
    m = std::copysign(0.0, y);
  }
  return m;
}

}  // namespace

double haversine_m(double lat1, double lon1, double lat2, double lon2) noexcept {
  const double p1 = radians(lat1);
  const double p2 = radians(lat2);
  const double dp = radians(lat2 - lat1);
  const double dl = radians(lon2 - lon1);
  const double s1 = std::sin(dp / 2);
  const double s2 = std::sin(dl / 2);
  double a = s1 * s1 + std::cos(p1) * std::cos(p2) * s2 * s2;
  a = std::clamp(a, 0.0, 1.0);
  return 2 * kEarthRadiusM * std::asin(std::sqrt(a));
}

double gfw_wrap(double x) noexcept { return py_mod(x + 180, 360) - 180; }

double gfw_penalized_hours(double hours, double penalty_hours, double hours_exp) noexcept {
  return hours / (1 + std::pow(std::max(hours, 0.0) / penalty_hours, 1 - hours_exp));
}

std::pair<double, double> gfw_expected_position(const GfwFix& m, double hours) noexcept {
  const double epsilon = 1e-3;
  const double x = m.lon;
  const double y = m.lat;
  double speed = m.speed;
  double course = m.course;
  if (is_null(course)) {
    course = 0;
    speed = 0;
  }
  const double dist = speed * hours;
  course = radians(90.0 - course);
  const double deg_lat_per_nm = 1.0 / 60;
  const double deg_lon_per_nm = deg_lat_per_nm / (std::cos(radians(y)) + epsilon);
  const double dx = std::cos(course) * dist * deg_lon_per_nm;
  const double dy = std::sin(course) * dist * deg_lat_per_nm;
  return {x + dx, y + dy};
}

double gfw_discrepancy(const GfwFix& m1, const GfwFix& m2, double hours,
                       double shape_factor) noexcept {
  constexpr double inf = std::numeric_limits<double>::infinity();
  const double x1 = m1.lon;
  const double y1 = m1.lat;
  const double x2 = m2.lon;
  const double y2 = m2.lat;
  const auto [x2p, y2p] = gfw_expected_position(m1, hours);
  const auto [x1p, y1p] = gfw_expected_position(m2, -hours);

  const double nm_per_deg_lat = 60.0;
  const double y = 0.5 * (y1 + y2);
  const double nm_per_deg_lon = nm_per_deg_lat * std::cos(radians(y));

  // Type 1
  const double discrepancy1 =
      0.5 * (std::hypot(nm_per_deg_lon * gfw_wrap(x1p - x1), nm_per_deg_lat * (y1p - y1)) +
             std::hypot(nm_per_deg_lon * gfw_wrap(x2p - x2), nm_per_deg_lat * (y2p - y2)));
  // Type 2
  const double dist =
      std::hypot(nm_per_deg_lat * (y2 - y1), nm_per_deg_lon * gfw_wrap(x2 - x1));
  const double discrepancy2 = dist * shape_factor;
  // Type 3
  const double rads21 =
      std::atan2(nm_per_deg_lat * (y2 - y1), nm_per_deg_lon * gfw_wrap(x2 - x1));
  const double course1 = is_null(m1.course) ? 0.0 : m1.course;
  const double course2 = is_null(m2.course) ? 0.0 : m2.course;
  const double delta21 = radians(90 - course1) - rads21;
  const double tangential21 = std::cos(delta21) * dist;
  double normal21 = inf;
  if (0 < tangential21 && tangential21 <= m1.speed * hours)
    normal21 = std::fabs(std::sin(delta21)) * dist;
  const double delta12 = radians(90 - course2) - rads21;
  const double tangential12 = std::cos(delta12) * dist;
  double normal12 = inf;
  if (0 < tangential12 && tangential12 <= m2.speed * hours)
    normal12 = std::fabs(std::sin(delta12)) * dist;
  const double discrepancy3 = 0.5 * (normal12 + normal21) * shape_factor;

  // Python's min(a, b, c) keeps the first of equal values; for doubles the
  // value is the same either way.
  return std::min(std::min(discrepancy1, discrepancy2), discrepancy3);
}

double gfw_metric(double discrepancy, double hours, double buffer_hours, double max_knots,
                  double penalty_speed) noexcept {
  const double padded_hours = std::hypot(hours, buffer_hours);
  const double max_allowed_discrepancy = padded_hours * max_knots;
  if (discrepancy > max_allowed_discrepancy) return 0;
  const double alpha_0 = max_knots / penalty_speed;
  const double alpha = alpha_0 * discrepancy / max_allowed_discrepancy;
  return std::exp(-std::pow(alpha, 2)) / padded_hours;
}

}  // namespace tidewatch::geo
