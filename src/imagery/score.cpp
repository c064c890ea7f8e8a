#include "tidewatch/imagery/score.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "tidewatch/geo/distance.h"
#include "tidewatch/match/assignment.h"

namespace tidewatch::imagery {

DetectionScore score_detections(const std::vector<ScorePoint>& predictions,
                                const std::vector<ScorePoint>& truth, double max_distance_m) {
  DetectionScore s;
  const std::size_t np = predictions.size(), nt = truth.size();
  s.truth_of.assign(np, -1);
  s.pair_distance_m.assign(np, -1.0);
  if (np > 0 && nt > 0) {
    std::vector<double> cost(np * nt, match::kForbidden);
    for (std::size_t i = 0; i < np; ++i)
      for (std::size_t j = 0; j < nt; ++j) {
        const double d = std::hypot(predictions[i].x_m - truth[j].x_m, predictions[i].y_m - truth[j].y_m);
        if (d < max_distance_m) cost[i * nt + j] = d;
      }
    // Unpairing costs more than every finite pairing together: most pairs, then least distance.
    const double unpaired = (max_distance_m + 1.0) * static_cast<double>(np + 1) * 4.0;
    const std::vector<int> a = match::assign_min_cost(cost, np, nt, unpaired);
    for (std::size_t i = 0; i < np; ++i) {
      if (a[i] < 0) continue;
      s.truth_of[i] = a[i];
      s.pair_distance_m[i] = cost[i * nt + static_cast<std::size_t>(a[i])];
    }
  }
  double dsum = 0, dmax = 0, esum = 0;
  std::size_t elen = 0;
  for (std::size_t i = 0; i < np; ++i) {
    if (s.truth_of[i] < 0) continue;
    ++s.tp;
    dsum += s.pair_distance_m[i];
    dmax = std::max(dmax, s.pair_distance_m[i]);
    const ScorePoint& t = truth[static_cast<std::size_t>(s.truth_of[i])];
    if (t.length_m && predictions[i].length_m && *t.length_m > 0) {
      const double lt = std::min(*t.length_m, 500.0), lp = std::min(*predictions[i].length_m, 500.0);
      esum += std::fabs(lp - lt) / lt;
      ++elen;
    }
  }
  s.fp = np - s.tp;
  s.fn = nt - s.tp;
  s.precision = np > 0 ? static_cast<double>(s.tp) / static_cast<double>(np) : 0.0;
  s.recall = nt > 0 ? static_cast<double>(s.tp) / static_cast<double>(nt) : 0.0;
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0.0;
  if (s.tp > 0) {
    s.mean_distance_m = dsum / static_cast<double>(s.tp);
    s.max_distance_m = dmax;
  }
  if (elen > 0) {
    s.mean_length_error = esum / static_cast<double>(elen);
    s.pe_l = 1.0 - std::min(1.0, *s.mean_length_error);
  }
  return s;
}

ScorePoint local_metres(double lat, double lon, double lat0, double lon0) {
  const double rad = std::numbers::pi / 180.0;
  double dlon = lon - lon0;
  if (dlon > 180) dlon -= 360;
  if (dlon < -180) dlon += 360;
  ScorePoint p;
  p.x_m = dlon * rad * geo::kEarthRadiusM * std::cos(0.5 * (lat + lat0) * rad);
  p.y_m = (lat - lat0) * rad * geo::kEarthRadiusM;
  return p;
}

}  // namespace tidewatch::imagery
