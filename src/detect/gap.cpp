#include "tidewatch/detect/gap.h"

#include <cmath>
#include <optional>

#include "tidewatch/geo/distance.h"
#include "fix_util.h"

namespace tidewatch::detect {

std::vector<Gap> detect_gaps(std::span<const Fix> fixes, const GapParams& params) {
  std::vector<Gap> gaps;
  if (std::isnan(params.min_gap_h)) return gaps;
  std::optional<std::size_t> last;  // the last usable fix
  for (std::size_t i = 0; i < fixes.size(); ++i) {
    const Fix& f = fixes[i];
    if (!usable(f)) continue;
    if (!last) {
      last = i;
      continue;
    }
    const Fix& p = fixes[*last];
    if (f.time <= p.time) continue;  // repeated or backwards time: keep measuring from p
    const double hours = static_cast<double>(f.time - p.time) / kMsPerHour;
    if (hours >= params.min_gap_h) {
      Gap g;
      g.before = *last;
      g.after = i;
      g.start = p.time;
      g.end = f.time;
      g.duration_h = hours;
      g.distance_km = geo::haversine_m(p.lat, p.lon, f.lat, f.lon) / 1000.0;
      g.implied_speed_kn = g.distance_km * 1000.0 / geo::kMetresPerNm / hours;
      g.crosses_segments = p.segment != f.segment;
      gaps.push_back(g);
    }
    last = i;
  }
  return gaps;
}

}  // namespace tidewatch::detect
