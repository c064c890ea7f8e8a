#pragma once
// Scoring a ship detector against truth the xView3-SAR way (DIUx-xView/
// xview3-reference, reference/metric.py; METHODS_NOTES §5): predictions and
// truth ships are paired by minimum-cost assignment (match::assign_min_cost,
// the algorithm of scipy's linear_sum_assignment) on their distance, pairs
// farther than `max_distance_m` (xView3: 200 m) forbidden; a pair is a true
// positive, an unpaired prediction a false positive, an unpaired truth ship a
// false negative.  Length error as xView3's PE_L:
// 1 - min(1, mean(|L_pred - L_true| / L_true)) over the pairs with a true length,
// lengths capped at 500 m.

#include <cstddef>
#include <optional>
#include <vector>

namespace tidewatch::imagery {

/// A position in a planar frame in metres (pixel index x pixel size for chips,
/// local east/north for georeferenced scenes: local_metres).
struct ScorePoint {
  double x_m = 0;
  double y_m = 0;
  std::optional<double> length_m;
};

struct DetectionScore {
  std::size_t tp = 0, fp = 0, fn = 0;
  double precision = 0, recall = 0, f1 = 0;
  /// Mean |L_pred - L_true| / L_true over pairs with both lengths; nullopt when none.
  std::optional<double> mean_length_error;
  std::optional<double> pe_l;  ///< xView3 1 - min(1, mean_length_error) (lengths capped at 500 m)
  std::vector<int> truth_of;          ///< per prediction: its truth index or -1
  std::vector<double> pair_distance_m;  ///< per prediction: distance to its truth ship, or -1
  std::optional<double> mean_distance_m;  ///< over the pairs
  std::optional<double> max_distance_m;
};

DetectionScore score_detections(const std::vector<ScorePoint>& predictions,
                                const std::vector<ScorePoint>& truth, double max_distance_m = 200.0);

/// (lat, lon) to metres east/north of (lat0, lon0) on the sphere of
/// geo::kEarthRadiusM (equirectangular; good to well under 0.1 % within 10 km).
ScorePoint local_metres(double lat, double lon, double lat0, double lon0);

}  // namespace tidewatch::imagery
