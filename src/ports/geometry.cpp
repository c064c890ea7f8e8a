#include "geometry.h"

#include <s2/s2error.h>
#include <s2/s2loop.h>

#include <cmath>
#include <string>
#include <utility>

namespace tidewatch::ports::detail {

std::unique_ptr<S2Polygon> make_polygon(const std::vector<Ring>& rings, std::string* error) {
  if (rings.empty()) {
    *error = "polygon has no rings";
    return nullptr;
  }
  std::vector<std::unique_ptr<S2Loop>> loops;
  loops.reserve(rings.size());
  for (std::size_t r = 0; r < rings.size(); ++r) {
    std::vector<S2Point> vertices;
    vertices.reserve(rings[r].size());
    for (std::size_t v = 0; v < rings[r].size(); ++v) {
      const LonLat& ll = rings[r][v];
      if (!(std::isfinite(ll.lat) && std::isfinite(ll.lon) && ll.lat >= -90 && ll.lat <= 90 &&
            ll.lon >= -180 && ll.lon <= 180)) {
        *error = "ring " + std::to_string(r + 1) + " vertex " + std::to_string(v + 1) +
                 " is out of range";
        return nullptr;
      }
      const S2Point p = to_point(ll.lat, ll.lon);
      if (vertices.empty() || vertices.back() != p) vertices.push_back(p);
    }
    while (vertices.size() > 1 && vertices.back() == vertices.front()) vertices.pop_back();
    if (vertices.size() < 3) {
      *error = "ring " + std::to_string(r + 1) + " has fewer than 3 distinct vertices";
      return nullptr;
    }
    auto loop = std::make_unique<S2Loop>(vertices, S2Debug::DISABLE);
    S2Error e;
    if (loop->FindValidationError(&e)) {
      *error = "ring " + std::to_string(r + 1) + " is not a valid loop: " + e.text();
      return nullptr;
    }
    loop->Normalize();
    loops.push_back(std::move(loop));
  }
  auto polygon = std::make_unique<S2Polygon>();
  polygon->set_s2debug_override(S2Debug::DISABLE);
  polygon->InitNested(std::move(loops));
  S2Error e;
  if (polygon->FindValidationError(&e)) {
    *error = "not a valid polygon: " + e.text();
    return nullptr;
  }
  return polygon;
}

}  // namespace tidewatch::ports::detail
