#pragma once
// Constants shared by the geo sources (src/geo/*.cpp only).

#include <limits>

#include "tidewatch/geo/distance.h"

namespace tidewatch::geo {

inline constexpr double kPi = 3.14159265358979323846;  // the double of Python's math.pi
inline constexpr double kInf = std::numeric_limits<double>::infinity();
/// Kilometres per degree of a great circle on the sphere of kEarthRadiusM (111.195).
inline constexpr double kKmPerDegree = kEarthRadiusM * kPi / 180.0 / 1000.0;

}  // namespace tidewatch::geo
