#pragma once
// Small helpers shared by the detectors (src/detect/*.cpp only).

#include <cmath>
#include <cstdint>

#include "tidewatch/detect/fix.h"

namespace tidewatch::detect {

inline constexpr double kMsPerHour = 3600.0 * 1000.0;
inline constexpr double kDegToRad = 3.141592653589793 / 180.0;

/// A fix with a finite position and a latitude in [-90, 90] (the longitude
/// is not range-checked: the detectors wrap it).
inline bool usable(const Fix& f) noexcept {
  return std::isfinite(f.lat) && std::isfinite(f.lon) && f.lat >= -90 && f.lat <= 90;
}

/// a / b rounded towards minus infinity (b != 0).
inline std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

}  // namespace tidewatch::detect
