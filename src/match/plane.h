#pragma once
// Units and the local plane shared by the matcher and the SAR geometry
// (src/match/*.cpp only).

#include <array>
#include <cmath>

namespace tidewatch::match {

inline constexpr double kPi = 3.14159265358979323846;
inline constexpr double kDeg = kPi / 180.0;
inline constexpr double kKnot = 1852.0 / 3600.0;  // m/s per knot

/// Local plane (metres) around a reference point, longitude differences wrapped.
struct Plane {
  double lat0 = 0, lon0 = 0, kx = 0, ky = 110574.0;
  Plane(double lat, double lon) : lat0(lat), lon0(lon), kx(111320.0 * std::cos(lat * kDeg)) {}
  [[nodiscard]] std::array<double, 2> xy(double lat, double lon) const {
    double dl = lon - lon0;
    if (dl > 180) dl -= 360;
    if (dl < -180) dl += 360;
    return {dl * kx, (lat - lat0) * ky};
  }
};

}  // namespace tidewatch::match
