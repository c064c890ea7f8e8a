#include "tidewatch/imagery/cfar.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>
#include <stdexcept>

namespace tidewatch::imagery {

const char* threshold_model_name(ThresholdModel m) noexcept {
  switch (m) {
    case ThresholdModel::gaussian: return "gaussian";
    case ThresholdModel::gamma: return "gamma";
    case ThresholdModel::k: return "k";
  }
  return "gaussian";
}

ThresholdModel parse_threshold_model(const std::string& name) {
  if (name == "gaussian") return ThresholdModel::gaussian;
  if (name == "gamma") return ThresholdModel::gamma;
  if (name == "k" || name == "K") return ThresholdModel::k;
  throw std::invalid_argument("sar.threshold_model: expected gaussian, gamma or k, got '" + name + "'");
}

CfarWindows cfar_windows(const CfarParams& p, double dx_m, double dy_m) {
  if (!(dx_m > 0) || !(dy_m > 0)) throw std::invalid_argument("pixel size must be positive");
  if (!(p.target_window_m >= 0) || !(p.guard_window_m > 0) || !(p.background_window_m > 0))
    throw std::invalid_argument("sar window sizes must be positive");
  const double s = (dx_m + dy_m) / 2.0;
  auto n = [s](double m) {
    const double v = std::floor(m / s) + 1.0;
    if (v > 1e6) throw std::invalid_argument("sar window larger than 10^6 pixels");
    return static_cast<int>(v);
  };
  CfarWindows w;
  w.half_target = std::max(1, n(p.target_window_m)) / 2;
  w.half_guard = n(p.guard_window_m) / 2;
  w.half_background = (n(p.background_window_m) - 1) / 2;
  if (w.half_guard < w.half_target || w.half_background <= w.half_guard)
    throw std::invalid_argument(
        "sar windows: need target <= guard < background (in pixels: target half " +
        std::to_string(w.half_target) + ", guard half " + std::to_string(w.half_guard) +
        ", background half " + std::to_string(w.half_background) + ")");
  return w;
}

double gaussian_threshold_factor(double pfa_exponent) {
  const double p = std::pow(10.0, -pfa_exponent);
  double lo = -40, hi = 40;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (0.5 * std::erfc(mid / std::sqrt(2.0)) > p) lo = mid; else hi = mid;
  }
  return 0.5 * (lo + hi);
}

double gamma_q(double a, double x) {
  if (!(a > 0) || x <= 0) return 1.0;
  if (!std::isfinite(x)) return 0.0;
  const double log_front = a * std::log(x) - x - std::lgamma(a);
  if (x < a + 1.0) {
    // Series for P(a, x).
    double sum = 1.0 / a, term = sum, ap = a;
    for (int n = 0; n < 1000; ++n) {
      ap += 1.0;
      term *= x / ap;
      sum += term;
      if (std::fabs(term) < std::fabs(sum) * 1e-16) break;
    }
    return std::clamp(1.0 - sum * std::exp(log_front), 0.0, 1.0);
  }
  // Continued fraction for Q(a, x) (modified Lentz).
  const double tiny = 1e-300;
  double b = x + 1.0 - a, c = 1.0 / tiny, d = 1.0 / b, h = d;
  for (int i = 1; i < 1000; ++i) {
    const double an = -i * (i - a);
    b += 2.0;
    d = an * d + b;
    if (std::fabs(d) < tiny) d = tiny;
    c = b + an / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1.0) < 1e-16) break;
  }
  return std::clamp(std::exp(log_front) * h, 0.0, 1.0);
}

namespace {

/// x with sf(x) = p for a decreasing survival function, by bisection on log x.
template <typename Sf>
double invert_sf(Sf sf, double p, int iterations) {
  double hi = 2.0;
  while (sf(hi) > p && hi < 1e12) hi *= 2.0;
  double lo = hi / 2.0;
  while (sf(lo) < p && lo > 1e-12) lo /= 2.0;
  double llo = std::log(lo), lhi = std::log(hi);
  for (int i = 0; i < iterations; ++i) {
    const double mid = 0.5 * (llo + lhi);
    if (sf(std::exp(mid)) > p) llo = mid; else lhi = mid;
  }
  return std::exp(0.5 * (llo + lhi));
}

/// Survival function of a unit-mean K-distributed intensity: speckle
/// Gamma(L, 1/L) times texture Gamma(nu, 1/nu), integrated over the texture
/// on a log grid (trapezoid).
double k_sf(double x, double looks, double nu) {
  const double tau_max = 60.0 / nu + 60.0;
  const double u0 = std::log(1e-9), u1 = std::log(tau_max);
  constexpr int kSteps = 1500;
  const double du = (u1 - u0) / kSteps;
  const double log_norm = nu * std::log(nu) - std::lgamma(nu);
  double sum = 0;
  for (int i = 0; i <= kSteps; ++i) {
    const double u = u0 + i * du;
    const double tau = std::exp(u);
    const double w = std::exp(log_norm + nu * u - nu * tau);  // f(tau) * tau
    const double f = w * gamma_q(looks, looks * x / tau);
    sum += (i == 0 || i == kSteps) ? 0.5 * f : f;
  }
  return sum * du;
}

}  // namespace

CfarDetector::CfarDetector(const CfarParams& p) : p_(p), model_(parse_threshold_model(p.threshold_model)) {
  if (!(p.pfa_exponent > 0) || p.pfa_exponent > 30)
    throw std::invalid_argument("sar.pfa: expected 0 < pfa <= 30 (PFA = 10^-pfa)");
  t_ = gaussian_threshold_factor(p.pfa_exponent);
  const double pfa = std::pow(10.0, -p.pfa_exponent);
  if (model_ == ThresholdModel::gamma) {
    // Unit-mean gamma of shape k: Gamma(k, 1/k); quantile x solves Q(k, k x) = pfa.
    log_lo_ = std::log(0.02);
    const double log_hi = std::log(2000.0);
    constexpr int kEntries = 281;
    log_step_ = (log_hi - log_lo_) / (kEntries - 1);
    table_.resize(kEntries);
    for (int i = 0; i < kEntries; ++i) {
      const double k = std::exp(log_lo_ + i * log_step_);
      table_[i] = invert_sf([k](double x) { return gamma_q(k, k * x); }, pfa, 60);
    }
  } else if (model_ == ThresholdModel::k) {
    if (!(p.looks > 0)) throw std::invalid_argument("sar.looks must be positive");
    log_lo_ = std::log(0.1);
    const double log_hi = std::log(100.0);
    constexpr int kEntries = 41;
    log_step_ = (log_hi - log_lo_) / (kEntries - 1);
    table_.resize(kEntries);
    const double looks = p.looks;
    for (int i = 0; i < kEntries; ++i) {
      const double nu = std::exp(log_lo_ + i * log_step_);
      table_[i] = invert_sf([looks, nu](double x) { return k_sf(x, looks, nu); }, pfa, 40);
    }
  }
}

double CfarDetector::threshold(double mean_b, double std_b) const noexcept {
  if (model_ == ThresholdModel::gaussian || table_.empty()) return mean_b + t_ * std_b;
  if (!(mean_b > 0) || !(std_b > 0)) return mean_b + t_ * std_b;
  const double r = (std_b * std_b) / (mean_b * mean_b);  // squared coefficient of variation
  double shape;
  if (model_ == ThresholdModel::gamma) {
    shape = 1.0 / r;
  } else {
    // K intensity: E[I^2]/E[I]^2 = (1 + 1/L)(1 + 1/nu).
    const double inv_nu = (r + 1.0) / (1.0 + 1.0 / p_.looks) - 1.0;
    shape = inv_nu > 1e-9 ? 1.0 / inv_nu : 1e9;
  }
  const double x = (std::log(shape) - log_lo_) / log_step_;
  const double last = static_cast<double>(table_.size() - 1);
  const double xc = std::clamp(x, 0.0, last);
  const auto i = static_cast<std::size_t>(std::min(xc, last - 1.0));
  const double f = xc - static_cast<double>(i);
  return mean_b * (table_[i] * (1.0 - f) + table_[i + 1] * f);
}

long CfarDetector::run(const ImageView& im, std::vector<CfarHit>& out) const {
  if (im.rows <= 0 || im.cols <= 0 || im.values == nullptr) return 0;
  const CfarWindows w = cfar_windows(p_, im.dx_m, im.dy_m);
  const int rows = im.rows, cols = im.cols;
  const int ht = w.half_target, hg = w.half_guard, hb = w.half_background;
  const double min_ring = p_.min_background_fraction * static_cast<double>(w.ring_pixels());
  const auto ncols = static_cast<std::size_t>(cols);

  // Vertical running sums per column over [r - h, r + h] for the three windows:
  // target (x, n), guard (x, x^2, n), background (x, x^2, n); then their
  // horizontal prefix sums (the row of the integral image).
  enum { tS, tN, gS, gS2, gN, bS, bS2, bN, kArrays };
  std::vector<double> col(kArrays * ncols, 0.0);
  std::vector<double> pre(kArrays * (ncols + 1), 0.0);
  auto colp = [&col, ncols](int a) { return col.data() + static_cast<std::size_t>(a) * ncols; };
  auto prep = [&pre, ncols](int a) { return pre.data() + static_cast<std::size_t>(a) * (ncols + 1); };

  auto valid = [&im](std::size_t i) {
    const float v = im.values[i];
    return std::isfinite(v) && (im.excluded == nullptr || im.excluded[i] == 0);
  };
  // Adds (sign +1) or removes (-1) image row r to/from the column sums of one window.
  auto update = [&](int r, double sign, int aS, int aS2, int aN) {
    if (r < 0 || r >= rows) return;
    double* s = colp(aS);
    double* s2 = aS2 >= 0 ? colp(aS2) : nullptr;
    double* n = colp(aN);
    const std::size_t base = static_cast<std::size_t>(r) * ncols;
    for (std::size_t c = 0; c < ncols; ++c) {
      if (!valid(base + c)) continue;
      const double v = im.values[base + c];
      s[c] += sign * v;
      if (s2 != nullptr) s2[c] += sign * v * v;
      n[c] += sign;
    }
  };
  // Rows [0, h - 1] before the first row; each row r then adds r + h and drops r - h - 1.
  for (int r = 0; r < ht; ++r) update(r, 1.0, tS, -1, tN);
  for (int r = 0; r < hg; ++r) update(r, 1.0, gS, gS2, gN);
  for (int r = 0; r < hb; ++r) update(r, 1.0, bS, bS2, bN);

  long tested = 0;
  for (int r = 0; r < rows; ++r) {
    update(r + ht, 1.0, tS, -1, tN);
    update(r - ht - 1, -1.0, tS, -1, tN);
    update(r + hg, 1.0, gS, gS2, gN);
    update(r - hg - 1, -1.0, gS, gS2, gN);
    update(r + hb, 1.0, bS, bS2, bN);
    update(r - hb - 1, -1.0, bS, bS2, bN);
    for (int a = 0; a < kArrays; ++a) {
      const double* c = colp(a);
      double* q = prep(a);
      q[0] = 0;
      for (std::size_t j = 0; j < ncols; ++j) q[j + 1] = q[j] + c[j];
    }
    const double *PtS = prep(tS), *PtN = prep(tN), *PgS = prep(gS), *PgS2 = prep(gS2),
                 *PgN = prep(gN), *PbS = prep(bS), *PbS2 = prep(bS2), *PbN = prep(bN);
    const std::size_t base = static_cast<std::size_t>(r) * ncols;
    for (int c = 0; c < cols; ++c) {
      if (!valid(base + static_cast<std::size_t>(c))) continue;
      const auto b0 = static_cast<std::size_t>(std::max(0, c - hb));
      const auto b1 = static_cast<std::size_t>(std::min(cols - 1, c + hb)) + 1;
      const auto g0 = static_cast<std::size_t>(std::max(0, c - hg));
      const auto g1 = static_cast<std::size_t>(std::min(cols - 1, c + hg)) + 1;
      const double n = (PbN[b1] - PbN[b0]) - (PgN[g1] - PgN[g0]);
      if (n < min_ring || n < 2) continue;
      ++tested;
      const auto t0 = static_cast<std::size_t>(std::max(0, c - ht));
      const auto t1 = static_cast<std::size_t>(std::min(cols - 1, c + ht)) + 1;
      const double nt = PtN[t1] - PtN[t0];
      const double stat = (PtS[t1] - PtS[t0]) / std::max(nt, 1.0);
      const double s = (PbS[b1] - PbS[b0]) - (PgS[g1] - PgS[g0]);
      const double s2 = (PbS2[b1] - PbS2[b0]) - (PgS2[g1] - PgS2[g0]);
      const double mean = s / n;
      if (stat <= mean) continue;  // every model's threshold is above the mean
      const double sd = std::sqrt(std::max(0.0, s2 / n - mean * mean));
      const double thr = threshold(mean, sd);
      if (stat > thr) {
        out.push_back(CfarHit{r, c, im.values[base + static_cast<std::size_t>(c)],
                              static_cast<float>(stat), static_cast<float>(mean),
                              static_cast<float>(sd), static_cast<float>(thr)});
      }
    }
  }
  return tested;
}

namespace {

struct UnionFind {
  std::vector<int> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  int find(int x) {
    while (parent[static_cast<std::size_t>(x)] != x) {
      auto& p = parent[static_cast<std::size_t>(x)];
      p = parent[static_cast<std::size_t>(p)];
      x = p;
    }
    return x;
  }
  void unite(int a, int b) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    if (a < b) parent[static_cast<std::size_t>(b)] = a; else parent[static_cast<std::size_t>(a)] = b;
  }
};

}  // namespace

std::vector<ShipCandidate> cluster_hits(const std::vector<CfarHit>& hits, const CfarParams& p,
                                        double dx_m, double dy_m) {
  const std::size_t n = hits.size();
  UnionFind uf(n);
  // 8-connectivity on row-major hits: the left neighbour and the three above.
  std::size_t prev_begin = 0, prev_end = 0, row_begin = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (i == 0 || hits[i].row != hits[i - 1].row) {
      if (i > 0 && hits[i].row == hits[i - 1].row + 1) {
        prev_begin = row_begin;
        prev_end = i;
      } else {
        prev_begin = prev_end = i;
      }
      row_begin = i;
    }
    const CfarHit& h = hits[i];
    if (i > row_begin && hits[i - 1].col == h.col - 1) uf.unite(static_cast<int>(i), static_cast<int>(i - 1));
    while (prev_begin < prev_end && hits[prev_begin].col < h.col - 1) ++prev_begin;
    for (std::size_t k = prev_begin; k < prev_end && hits[k].col <= h.col + 1; ++k)
      uf.unite(static_cast<int>(i), static_cast<int>(k));
  }

  // Group by root, in order of first pixel.
  std::vector<int> cluster_of(n, -1);
  std::vector<int> root_cluster(n, -1);
  int clusters = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto r = static_cast<std::size_t>(uf.find(static_cast<int>(i)));
    if (root_cluster[r] < 0) root_cluster[r] = clusters++;
    cluster_of[i] = root_cluster[r];
  }
  struct Acc {
    double w = 0, wr = 0, wc = 0;           // weighted centroid (core)
    double aw = 0, awr = 0, awc = 0;        // weighted centroid (all), fallback
    double m = 0, mx = 0, my = 0, mxx = 0, myy = 0, mxy = 0;  // core moments, metres
    double am = 0, amx = 0, amy = 0, amxx = 0, amyy = 0, amxy = 0;
  };
  std::vector<Acc> acc(static_cast<std::size_t>(clusters));
  std::vector<ShipCandidate> out(static_cast<std::size_t>(clusters));
  for (auto& c : out) {
    c.min_row = c.min_col = std::numeric_limits<int>::max();
    c.max_row = c.max_col = std::numeric_limits<int>::min();
    c.peak_contrast = -std::numeric_limits<double>::infinity();
    c.excess = -std::numeric_limits<double>::infinity();
    c.peak_value = -std::numeric_limits<double>::infinity();
  }
  for (std::size_t i = 0; i < n; ++i) {
    const CfarHit& h = hits[i];
    const auto k = static_cast<std::size_t>(cluster_of[i]);
    ShipCandidate& c = out[k];
    Acc& a = acc[k];
    ++c.pixels;
    c.min_row = std::min(c.min_row, h.row);
    c.max_row = std::max(c.max_row, h.row);
    c.min_col = std::min(c.min_col, h.col);
    c.max_col = std::max(c.max_col, h.col);
    c.peak_value = std::max(c.peak_value, static_cast<double>(h.value));
    c.peak_contrast = std::max(c.peak_contrast, static_cast<double>(h.value) - h.mean_b);
    const double ex = h.std_b > 0 ? (static_cast<double>(h.statistic) - h.threshold) / h.std_b
                                  : static_cast<double>(h.statistic) - h.threshold;
    c.excess = std::max(c.excess, ex);
    const double x = h.col * dx_m, y = h.row * dy_m;
    const double aw = std::max(static_cast<double>(h.statistic) - h.mean_b, 1e-12);
    a.aw += aw;
    a.awr += aw * h.row;
    a.awc += aw * h.col;
    a.am += 1;
    a.amx += x;
    a.amy += y;
    a.amxx += x * x;
    a.amyy += y * y;
    a.amxy += x * y;
    if (h.value > h.threshold) {
      ++c.core_pixels;
      const double wv = static_cast<double>(h.value) - h.mean_b;
      a.w += wv;
      a.wr += wv * h.row;
      a.wc += wv * h.col;
      a.m += 1;
      a.mx += x;
      a.my += y;
      a.mxx += x * x;
      a.myy += y * y;
      a.mxy += x * y;
    }
  }
  const double pix = std::sqrt(dx_m * dy_m);
  for (std::size_t k = 0; k < out.size(); ++k) {
    ShipCandidate& c = out[k];
    const Acc& a = acc[k];
    const bool core = a.m > 0 && a.w > 0;
    c.row = core ? a.wr / a.w : a.awr / a.aw;
    c.col = core ? a.wc / a.w : a.awc / a.aw;
    const double m = core ? a.m : a.am;
    const double mx = (core ? a.mx : a.amx) / m, my = (core ? a.my : a.amy) / m;
    const double sxx = std::max(0.0, (core ? a.mxx : a.amxx) / m - mx * mx);
    const double syy = std::max(0.0, (core ? a.myy : a.amyy) / m - my * my);
    const double sxy = (core ? a.mxy : a.amxy) / m - mx * my;
    const double tr = sxx + syy, det = sxx * syy - sxy * sxy;
    const double disc = std::sqrt(std::max(0.0, tr * tr / 4.0 - det));
    const double l1 = std::max(0.0, tr / 2.0 + disc), l2 = std::max(0.0, tr / 2.0 - disc);
    c.length_m = std::sqrt(12.0 * l1 + pix * pix);
    c.width_m = std::sqrt(12.0 * l2 + pix * pix);
    const double theta = 0.5 * std::atan2(2.0 * sxy, sxx - syy);  // from +col toward +row
    double phi = std::atan2(std::cos(theta), -std::sin(theta));   // clockwise from "up"
    phi = std::fmod(phi + 2.0 * std::numbers::pi, std::numbers::pi);
    if (phi >= std::numbers::pi) phi -= std::numbers::pi;
    c.axis_angle = phi;
    c.confidence = 1.0 - std::exp(-std::max(0.0, c.excess));
    const double len = (c.max_row - c.min_row + 1) * dy_m, wid = (c.max_col - c.min_col + 1) * dx_m;
    c.size_m = std::sqrt(len * len + wid * wid);
    if (c.size_m < p.min_size_m) c.rejected = "too_small";
    else if (c.size_m > p.max_size_m) c.rejected = "too_large";
  }
  // Sidelobes and streaks: much dimmer than a cluster close by.
  if (p.ghost_radius_m > 0 && out.size() > 1) {
    const double ratio = std::pow(10.0, p.ghost_ratio_db / (p.amplitude ? 20.0 : 10.0));
    std::vector<std::size_t> order(out.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&out](std::size_t a, std::size_t b) { return out[a].row < out[b].row; });
    const double r2 = p.ghost_radius_m * p.ghost_radius_m;
    std::vector<char> ghost(out.size(), 0);
    for (std::size_t ii = 0; ii < order.size(); ++ii) {
      const ShipCandidate& c = out[order[ii]];
      for (std::size_t jj = ii + 1; jj < order.size(); ++jj) {
        const ShipCandidate& d = out[order[jj]];
        const double dy = (d.row - c.row) * dy_m;
        if (dy > p.ghost_radius_m) break;
        const double dx = (d.col - c.col) * dx_m;
        if (dx * dx + dy * dy > r2) continue;
        if (c.peak_contrast >= ratio * d.peak_contrast) ghost[order[jj]] = 1;
        if (d.peak_contrast >= ratio * c.peak_contrast) ghost[order[ii]] = 1;
      }
    }
    for (std::size_t k = 0; k < out.size(); ++k)
      if (ghost[k] && out[k].rejected.empty()) out[k].rejected = "sidelobe";
  }
  std::stable_sort(out.begin(), out.end(), [](const ShipCandidate& a, const ShipCandidate& b) {
    if (a.row != b.row) return a.row < b.row;
    return a.col < b.col;
  });
  return out;
}

std::vector<ShipCandidate> ShipDetections::kept() const {
  std::vector<ShipCandidate> k;
  for (const auto& c : clusters)
    if (c.rejected.empty()) k.push_back(c);
  return k;
}

std::size_t ShipDetections::kept_count() const {
  return static_cast<std::size_t>(std::count_if(clusters.begin(), clusters.end(),
                                                [](const ShipCandidate& c) { return c.rejected.empty(); }));
}

ShipDetections detect_ships(const ImageView& image, const CfarParams& p) {
  ShipDetections r;
  const CfarDetector det(p);
  std::vector<CfarHit> hits;
  r.tested_pixels = det.run(image, hits);
  r.hit_pixels = hits.size();
  r.clusters = cluster_hits(hits, p, image.dx_m, image.dy_m);
  return r;
}

}  // namespace tidewatch::imagery
