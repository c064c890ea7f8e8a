#pragma once
// Ship detection in a SAR amplitude/intensity image (issue 6, docs/imagery.md):
//
//   1. pre-screening: a two-parameter CFAR as ESA SNAP's "AdaptiveThresholding"
//      operator (s1tbx / microwave-toolbox, after Crisp, DSTO-RR-0272, 2004):
//      a pixel is a target when the mean x_T of its target window exceeds the
//      threshold computed from the background ring (between the guard and the
//      background window): Gaussian model x_T > mu_B + t * sigma_B with
//      t = Phi^-1(1 - 10^-pfa); optional distribution-aware models (gamma /
//      K quantiles from the ring's fitted shape);
//   2. clustering of target pixels (8-connectivity) and discrimination as SNAP's
//      "Object-Discrimination" (cluster bounding-box size sqrt(L^2 + W^2) between
//      a minimum and a maximum), plus the project's sidelobe / streak rule: a
//      cluster whose peak contrast is at least `ghost_ratio_db` below a brighter
//      cluster within `ghost_radius_m` is energy of that target (impulse-response
//      sidelobes, azimuth smearing), not a ship.
//
// Everything here works on a plain float grid with pixel sizes in metres, so it
// is testable on synthetic arrays without files; imagery/raster.h reads images.
// The running sums are "integral images" of x, x^2 and the valid-pixel count:
// vertical running sums per column (one add and one subtract per row) and a
// horizontal prefix sum per row, so any window sum is two lookups; O(pixels),
// O(columns) memory, no allocation inside the per-row loop.

#include <cstdint>
#include <string>
#include <vector>

namespace tidewatch::imagery {

/// How the threshold follows from the background ring's mean and variance.
enum class ThresholdModel : std::uint8_t {
  gaussian,  ///< SNAP: mu + t * sigma, t = Phi^-1(1 - pfa)
  gamma,     ///< quantile 1 - pfa of the gamma law with the ring's mean and variance
  k,         ///< quantile 1 - pfa of the K law (ENL `looks`, shape from the ring's moments)
};

/// "gaussian", "gamma", "k"; parse_threshold_model throws std::invalid_argument otherwise.
const char* threshold_model_name(ThresholdModel m) noexcept;
ThresholdModel parse_threshold_model(const std::string& name);

/// Every parameter of the detector; keys "sar.*" in analyze::ParamTable.
struct CfarParams {
  /// m; side of the target window (its mean is tested).  DEFAULT 50
  /// [SNAP AdaptiveThresholdingOp targetWindowSizeInMeter].
  double target_window_m = 50.0;
  /// m; side of the guard window (excluded from the background).  DEFAULT 500
  /// [SNAP guardWindowSizeInMeter].
  double guard_window_m = 500.0;
  /// m; side of the background window.  DEFAULT 800 [SNAP backgroundWindowSizeInMeter].
  double background_window_m = 800.0;
  /// -log10 of the probability of false alarm.  DEFAULT 6.5 (PFA 10^-6.5) [SNAP pfa].
  double pfa_exponent = 6.5;
  /// "gaussian" (SNAP), "gamma" or "k".  DEFAULT "gaussian" [SNAP].
  std::string threshold_model = "gaussian";
  /// looks; equivalent number of looks of the intensity, for the "k" model.
  /// DEFAULT 4.4 [S1 IW GRDH ENL, Sentinel-1 product definition; METHODS_NOTES §9].
  double looks = 4.4;
  /// fraction; a pixel is tested only when at least this fraction of its
  /// (unclipped) background ring is valid sea.  DEFAULT 0.2 [project]: SNAP
  /// refuses any no-data in the window, which blinds it for 400 m along every
  /// coast; 0.2 still keeps > 700 background pixels at the SNAP windows and a
  /// 10 m pixel, and keeps image corners (about 25 %) testable as SNAP does.
  double min_background_fraction = 0.2;
  /// m; a cluster is kept when its size sqrt(L^2 + W^2) (bounding box: rows x
  /// azimuth spacing, columns x range spacing) is at least this.  DEFAULT 50
  /// [SNAP ObjectDiscriminationOp minTargetSizeInMeter].
  double min_size_m = 50.0;
  /// m; and at most this.  DEFAULT 600 [SNAP maxTargetSizeInMeter].
  double max_size_m = 600.0;
  /// dB; a cluster whose peak contrast (peak - mu_B) is at least this far below
  /// that of a cluster within ghost_radius_m is that target's sidelobe or streak.
  /// DEFAULT 13 [project]: the first sidelobe of an unweighted sinc impulse
  /// response is -13.3 dB (weighted responses, as Sentinel-1's, are lower still),
  /// so a real echo next to a bright ship is never brighter than this.
  double ghost_ratio_db = 13.0;
  /// m; centroid distance within which ghost_ratio_db applies; 0 disables the
  /// rule.  DEFAULT 500 [project]: SNAP's guard window, the extent assumed to hold
  /// a target's own energy; the streak below ship 3 of the real subset lies 250 m
  /// from it.
  double ghost_radius_m = 500.0;
  /// bool; the image holds amplitude (ratios in dB are 20 log10), not intensity
  /// (10 log10).  DEFAULT true [Sentinel-1 GRD measurement TIFFs hold amplitude DN].
  bool amplitude = true;
  /// GSHHG resolution of the land mask applied before detection (c, l, i, h, f;
  /// "off": none); only georeferenced images.  DEFAULT "h" [project, as land.shoreline].
  std::string land_mask = "h";
  /// m; sea within this distance of GSHHG land is masked too.  DEFAULT 1000
  /// [GFW, Paolo et al. 2024: ocean mask with a 1 km shore buffer; METHODS_NOTES §2].
  double land_buffer_m = 1000.0;
  /// GCP transformer for images georeferenced by GCPs only: "polynomial"
  /// (GDAL GCP_POLYNOMIAL) or "tps".  DEFAULT "polynomial" [GDAL gdalwarp default].
  std::string gcp_method = "polynomial";
};

/// Window half-sizes in pixels, as SNAP derives them: n = floor(size / s) + 1
/// with s the mean pixel spacing (dx + dy) / 2; half target n_T / 2, half guard
/// n_G / 2, half background (n_B - 1) / 2.  The target window is at least 1 pixel.
struct CfarWindows {
  int half_target = 0;
  int half_guard = 0;
  int half_background = 0;
  /// Pixels of the full (unclipped) ring: (2 hb + 1)^2 - (2 hg + 1)^2.
  [[nodiscard]] long ring_pixels() const noexcept {
    const long b = 2L * half_background + 1, g = 2L * half_guard + 1;
    return b * b - g * g;
  }
};
/// Throws std::invalid_argument when the sizes are not positive or the
/// background window is not larger than the guard window larger than the target.
CfarWindows cfar_windows(const CfarParams& p, double dx_m, double dy_m);

/// t with P(Z > t) = 10^-pfa_exponent for a standard normal Z (SNAP's detector
/// design parameter; 6.5 gives 4.9787).
double gaussian_threshold_factor(double pfa_exponent);

/// Regularised upper incomplete gamma function Q(a, x) = Gamma(a, x) / Gamma(a).
double gamma_q(double a, double x);

/// An image to detect in: row-major values and an optional exclusion mask
/// (nonzero = land or no data: never a target, never background).  Non-finite
/// values are excluded too.
struct ImageView {
  const float* values = nullptr;
  const std::uint8_t* excluded = nullptr;  ///< may be null
  int rows = 0;
  int cols = 0;
  double dx_m = 10.0;  ///< column (range) spacing, metres
  double dy_m = 10.0;  ///< row (azimuth) spacing, metres
};

/// One pixel above the threshold.
struct CfarHit {
  int row = 0;
  int col = 0;
  float value = 0;      ///< the pixel's own value
  float statistic = 0;  ///< mean of its target window (the tested value)
  float mean_b = 0;     ///< background ring mean
  float std_b = 0;      ///< background ring standard deviation (population)
  float threshold = 0;  ///< the threshold the statistic exceeded (data units)
};

/// The pre-screening detector: thresholds from the parameters precomputed once
/// (the quantile tables of the gamma / K models), then `run` any number of images.
class CfarDetector {
 public:
  explicit CfarDetector(const CfarParams& p);
  /// Appends the hits of `image` to `out` in row-major order; returns the number
  /// of pixels tested (valid, with enough background).
  long run(const ImageView& image, std::vector<CfarHit>& out) const;
  [[nodiscard]] const CfarParams& params() const noexcept { return p_; }
  [[nodiscard]] ThresholdModel model() const noexcept { return model_; }
  /// Threshold of a pixel with this background mean and standard deviation.
  [[nodiscard]] double threshold(double mean_b, double std_b) const noexcept;

 private:
  CfarParams p_;
  ThresholdModel model_ = ThresholdModel::gaussian;
  double t_ = 0;
  // Quantile table of the unit-mean law against log(shape): q = table[i] at
  // log_shape = log_lo + i * log_step.
  std::vector<double> table_;
  double log_lo_ = 0, log_step_ = 1;
};

/// One cluster of hits and its measurements.
struct ShipCandidate {
  double row = 0, col = 0;  ///< centroid weighted by (x - mu_B) over core pixels, pixel indices
  double length_m = 0;      ///< sqrt(12 lambda_1 + s^2): major principal axis of the core pixels
  double width_m = 0;       ///< the same for the minor axis
  /// Major axis direction in the image, radians clockwise from "up" (decreasing
  /// row) toward increasing column, in metres (dx, dy applied); in [0, pi).
  double axis_angle = 0;
  double peak_value = 0;     ///< brightest pixel
  double peak_contrast = 0;  ///< max over pixels of value - mu_B
  double excess = 0;         ///< max over pixels of (statistic - threshold) / sigma_B
  double confidence = 0;     ///< 1 - exp(-excess)
  double size_m = 0;         ///< SNAP: sqrt((rows x dy)^2 + (cols x dx)^2) of the bounding box
  int pixels = 0;            ///< hits in the cluster
  int core_pixels = 0;       ///< hits whose own value exceeds their threshold
  int min_row = 0, max_row = 0, min_col = 0, max_col = 0;
  /// "" when kept, else "too_small", "too_large" or "sidelobe".
  std::string rejected;
};

/// Clusters hits (row-major, as CfarDetector::run gives them) with 8-connectivity,
/// measures each cluster and applies the discrimination rules; returns every
/// cluster (rejected ones with their reason), ordered by centroid row, then column.
std::vector<ShipCandidate> cluster_hits(const std::vector<CfarHit>& hits, const CfarParams& p,
                                        double dx_m, double dy_m);

struct ShipDetections {
  long tested_pixels = 0;
  std::size_t hit_pixels = 0;
  std::vector<ShipCandidate> clusters;  ///< all clusters; `kept()` filters
  [[nodiscard]] std::vector<ShipCandidate> kept() const;
  [[nodiscard]] std::size_t kept_count() const;
};

/// run + cluster_hits.
ShipDetections detect_ships(const ImageView& image, const CfarParams& p);

}  // namespace tidewatch::imagery
