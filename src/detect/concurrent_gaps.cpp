#include "tidewatch/detect/concurrent_gaps.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "tidewatch/geo/distance.h"

namespace tidewatch::detect {
namespace {

struct End {
  std::uint32_t gap;
  double lat, lon;
};

std::int64_t cell_key(double lat, double lon) {
  const auto r = static_cast<std::int64_t>(std::floor(lat + 90.0));
  auto c = static_cast<std::int64_t>(std::floor(lon + 180.0));
  c = ((c % 360) + 360) % 360;
  return r * 360 + c;
}

bool usable_lat_lon(double lat, double lon) {
  return std::isfinite(lat) && std::isfinite(lon) && std::fabs(lat) <= 90 && std::fabs(lon) <= 180;
}

}  // namespace

std::vector<std::uint32_t> count_concurrent_gaps(std::span<const GapEnds> gaps,
                                                 const ConcurrentGapParams& p) {
  std::vector<std::uint32_t> out(gaps.size(), 0);
  if (gaps.size() < 2) return out;
  const double radius_km = std::clamp(p.radius_km, 0.0, 1000.0);
  std::unordered_map<std::int64_t, std::vector<End>> cells;
  for (std::uint32_t i = 0; i < gaps.size(); ++i) {
    const auto& g = gaps[i];
    if (usable_lat_lon(g.start_lat, g.start_lon)) cells[cell_key(g.start_lat, g.start_lon)].push_back({i, g.start_lat, g.start_lon});
    if (usable_lat_lon(g.end_lat, g.end_lon)) cells[cell_key(g.end_lat, g.end_lon)].push_back({i, g.end_lat, g.end_lon});
  }
  // Cells to search around a point: radius in degrees of latitude, widened
  // for longitude by 1/cos(lat) (capped near the poles).
  const int dlat = static_cast<int>(std::ceil(radius_km / 111.0));
  std::vector<std::uint32_t> others;
  for (std::uint32_t i = 0; i < gaps.size(); ++i) {
    const auto& g = gaps[i];
    others.clear();
    for (int side = 0; side < 2; ++side) {
      const double lat = side == 0 ? g.start_lat : g.end_lat;
      const double lon = side == 0 ? g.start_lon : g.end_lon;
      if (!usable_lat_lon(lat, lon)) continue;
      const double coslat = std::max(0.05, std::cos(lat * M_PI / 180.0));
      const int dlon = std::min(180, static_cast<int>(std::ceil(radius_km / (111.0 * coslat))));
      for (int dr = -dlat; dr <= dlat; ++dr) {
        for (int dc = -dlon; dc <= dlon; ++dc) {
          const double clat = lat + dr, clon = lon + dc;
          if (clat < -90 || clat > 90) continue;
          auto it = cells.find(cell_key(clat, clon > 180 ? clon - 360 : (clon < -180 ? clon + 360 : clon)));
          if (it == cells.end()) continue;
          for (const End& e : it->second) {
            const auto& h = gaps[e.gap];
            if (h.mmsi == g.mmsi || h.start > g.end || h.end < g.start) continue;
            if (geo::haversine_m(lat, lon, e.lat, e.lon) > radius_km * 1000.0) continue;
            others.push_back(h.mmsi);
          }
        }
      }
    }
    std::sort(others.begin(), others.end());
    out[i] = static_cast<std::uint32_t>(std::unique(others.begin(), others.end()) - others.begin());
  }
  return out;
}

}  // namespace tidewatch::detect
