#pragma once
// The ellipsoid the simulator moves vessels on (src/sim/*.cpp only).

#include <GeographicLib/Geodesic.hpp>

namespace tidewatch::sim {

inline const GeographicLib::Geodesic& wgs84() { return GeographicLib::Geodesic::WGS84(); }

}  // namespace tidewatch::sim
