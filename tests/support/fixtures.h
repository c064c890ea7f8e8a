#pragma once
// Constants and stand-ins that several tests share (one definition each, so
// that the unity build, which compiles several test files as one, sees no
// two of them).  A test takes what it uses with using-declarations:
//
//   namespace tidewatch::detect {
//   namespace {
//   using test::kHour;
//   using test::kT0;

#include <cstdint>
#include <filesystem>
#include <limits>

#include "tidewatch/core/time.h"
#include "tidewatch/detect/fix.h"
#include "tidewatch/ports/port.h"

namespace tidewatch::test {

inline constexpr UnixMillis kMin = 60 * 1000;
inline constexpr UnixMillis kHour = 60 * kMin;
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
inline constexpr double kPi = 3.14159265358979323846;
/// Microseconds per minute (the unit of track::Ping::time_us).
inline constexpr std::int64_t kMinUs = 60'000'000;

/// 2024-03-01T00:00:00Z: where the detector tests' fixes start.
inline constexpr UnixMillis kT0 = 1709251200000;

/// The real Sentinel-1 subset off Mumbai with three ships (shared data; the SAR tests skip without it).
inline const std::filesystem::path kMumbai =
    std::filesystem::path(TIDEWATCH_SHARED_DATA) / "imagery/sar_geotiff/s1_mumbai_subset_3ships.tif";

/// A detector's InPortFn for the open sea: no position is in a port.
inline const detect::InPortFn kNoPorts = [](double, double) { return false; };

/// The index of the bundled port list (data/ports), built once.
inline const ports::PortIndex& world() {
  static const ports::PortIndex index(ports::load_default_ports().ports);
  return index;
}

}  // namespace tidewatch::test
