#pragma once
// S2 geometry of a port, shared by the readers (to validate a polygon when it
// is read, so a bad one is rejected with its line) and PortIndex.

#include <s2/s1chord_angle.h>
#include <s2/s2latlng.h>
#include <s2/s2point.h>
#include <s2/s2polygon.h>

#include <memory>
#include <string>
#include <vector>

#include "tidewatch/geo/distance.h"
#include "tidewatch/ports/port.h"

namespace tidewatch::ports::detail {

inline S2Point to_point(double lat, double lon) {
  return S2LatLng::FromDegrees(lat, lon).ToPoint();
}

/// Metres on the sphere of geo::kEarthRadiusM -> S1ChordAngle, clamped to
/// [0, 180 degrees].
inline S1ChordAngle chord_from_m(double m) {
  const double rad = m / geo::kEarthRadiusM;
  if (!(rad > 0)) return S1ChordAngle::Zero();
  if (rad >= M_PI) return S1ChordAngle::Straight();
  return S1ChordAngle(S1Angle::Radians(rad));
}

inline double metres(S1ChordAngle a) { return a.ToAngle().radians() * geo::kEarthRadiusM; }
inline double metres(S1Angle a) { return a.radians() * geo::kEarthRadiusM; }

/// The S2 polygon of GeoJSON rings (shells and holes in any orientation; the
/// nesting tells them apart).  nullptr, with `error` set, when a ring has
/// fewer than 3 distinct vertices, a vertex is out of range, or S2 finds the
/// polygon invalid (self-intersecting ring, crossing rings, ...).
std::unique_ptr<S2Polygon> make_polygon(const std::vector<Ring>& rings, std::string* error);

}  // namespace tidewatch::ports::detail
