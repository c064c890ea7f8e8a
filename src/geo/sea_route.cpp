// Sea routes on a water grid from the GSHHG land mask; see sea_route.h and
// docs/geo.md.
#include "tidewatch/geo/sea_route.h"

#include <GeographicLib/Geodesic.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <queue>
#include <stdexcept>
#include <string>
#include <utility>

#include "tidewatch/geo/distance.h"
#include "constants.h"

namespace tidewatch::geo {

namespace {

/// The sphere of kEarthRadiusM overstates a WGS 84 geodesic by at most
/// 0.56 % (north-south at the equator); lower bounds from haversine are
/// scaled by this to stay below the geodesic.
constexpr double kSphereLowerBound = 0.99;
/// A 16-connected grid path is at most 1/cos(13.28 deg) = 2.75 % longer than
/// the straight line; searches run this much past max_nm so that routes
/// shortened by line of sight are not lost.
constexpr double kGridSlack = 1.03;

/// The 16 moves, and the cells (relative to the start cell) their straight
/// line passes through, which must be water too.
struct Move {
  int di, dj;
  int ai, aj, bi, bj;
  bool checked;
};
constexpr Move kMoves[16] = {
    {0, 1, 0, 0, 0, 0, false},     {0, -1, 0, 0, 0, 0, false},   {1, 0, 0, 0, 0, 0, false},
    {-1, 0, 0, 0, 0, 0, false},    {1, 1, 1, 0, 0, 1, true},     {1, -1, 1, 0, 0, -1, true},
    {-1, 1, -1, 0, 0, 1, true},    {-1, -1, -1, 0, 0, -1, true}, {1, 2, 0, 1, 1, 1, true},
    {1, -2, 0, -1, 1, -1, true},   {-1, 2, 0, 1, -1, 1, true},   {-1, -2, 0, -1, -1, -1, true},
    {2, 1, 1, 0, 1, 1, true},      {2, -1, 1, 0, 1, -1, true},   {-2, 1, -1, 0, -1, 1, true},
    {-2, -1, -1, 0, -1, -1, true},
};

bool finite(LatLon p) noexcept { return std::isfinite(p.lat) && std::isfinite(p.lon); }

/// p.lon shifted by a multiple of 360 into [west, west + 360).
double unwrap(double lon, double west) noexcept {
  double d = std::fmod(lon - west, 360.0);
  if (d < 0) d += 360.0;
  return west + d;
}

}  // namespace

double geodesic_nm(LatLon a, LatLon b) noexcept {
  if (!finite(a) || !finite(b)) return std::numeric_limits<double>::quiet_NaN();
  double s12 = 0;
  GeographicLib::Geodesic::WGS84().Inverse(std::clamp(a.lat, -90.0, 90.0), a.lon,
                                           std::clamp(b.lat, -90.0, 90.0), b.lon, s12);
  return s12 / kMetresPerNm;
}

const std::vector<Passage>& builtin_passages() {
  static const std::vector<Passage> passages = {
      // Port Said (WPI 45140 is on land at 32.30E; the entrance is at
      // 32.31-32.32E), El Qantara, Ismailia (WPI 48050, Lake Timsah),
      // Deversoir, the Great and Little Bitter Lakes, Port Tewfik / Suez
      // (WPI 48040), the Gulf of Suez.
      {"Suez Canal",
       {{31.32, 32.33}, {31.2667, 32.315}, {30.85, 32.32}, {30.5833, 32.2833}, {30.43, 32.35},
        {30.33, 32.40}, {30.22, 32.47}, {30.05, 32.56}, {29.94, 32.56}, {29.90, 32.57}}},
      // Limon Bay, Cristobal (WPI 9860), Gatun Locks, Gatun Lake, Gamboa,
      // the Culebra Cut, Pedro Miguel, Miraflores, Balboa (WPI 15410).
      {"Panama Canal",
       {{9.40, -79.92}, {9.35, -79.9167}, {9.27, -79.92}, {9.17, -79.84}, {9.12, -79.69},
        {9.05, -79.65}, {9.02, -79.61}, {8.997, -79.59}, {8.95, -79.5667}, {8.88, -79.52}}},
      // The Elbe off Brunsbuttel (WPI 30720), Rendsburg (WPI 30730), Kiel-
      // Holtenau on the Kiel Fjord.
      {"Kiel Canal",
       {{53.87, 9.12}, {53.90, 9.15}, {54.00, 9.26}, {54.10, 9.38}, {54.20, 9.53}, {54.30, 9.6833},
        {54.34, 9.80}, {54.36, 9.95}, {54.37, 10.15}}},
      {"Corinth Canal", {{37.955, 22.945}, {37.9484, 22.9578}, {37.9165, 23.0029}, {37.912, 23.010}}},
      // The Black Sea entrance, Rumeli Hisari, Ortakoy, the Golden Horn's
      // mouth (Istanbul WPI 43420), the Sea of Marmara.
      {"Bosporus",
       {{41.25, 29.13}, {41.20, 29.11}, {41.17, 29.08}, {41.12, 29.07}, {41.085, 29.056},
        {41.045, 29.03}, {41.015, 29.00}, {40.98, 29.00}}},
  };
  return passages;
}

// ---- SeaGrid -------------------------------------------------------------------

SeaGrid::SeaGrid(const LandMask& mask, const GeoBox& box, double cell_lat_deg,
                 const SeaRouteParams& params)
    : params_(params) {
  if (!std::isfinite(box.lat_south) || !std::isfinite(box.lat_north) ||
      !std::isfinite(box.lon_west) || !std::isfinite(box.lon_east) ||
      !std::isfinite(cell_lat_deg) || !(cell_lat_deg > 0)) {
    throw std::invalid_argument("SeaGrid: box and cell must be finite, cell > 0");
  }
  const double lat_s = std::clamp(box.lat_south, -89.9, 89.9);
  const double lat_n = std::clamp(box.lat_north, -89.9, 89.9);
  const double lon_w = box.lon_west;
  const double lon_e = std::min(box.lon_east, box.lon_west + 360.0);
  if (!(lat_n > lat_s) || !(lon_e > lon_w)) throw std::invalid_argument("SeaGrid: empty box");
  dlat_ = cell_lat_deg;
  const double mid = 0.5 * (lat_s + lat_n);
  dlon_ = std::min(dlat_ / std::max(std::cos(mid * kPi / 180.0), 0.05), 360.0);
  const double r = std::ceil((lat_n - lat_s) / dlat_ - 1e-9);
  const double c = std::ceil((lon_e - lon_w) / dlon_ - 1e-9);
  if (r * c > 50e6) throw std::invalid_argument("SeaGrid: more than 50 million cells");
  rows_ = std::max(1, static_cast<int>(r));
  cols_ = std::max(1, static_cast<int>(c));
  box_ = {lat_s, lat_s + rows_ * dlat_, lon_w, lon_w + cols_ * dlon_};
  const std::vector<ShoreLevel> levels =
      mask.level_grid(lat_s + 0.5 * dlat_, lon_w + 0.5 * dlon_, dlat_, dlon_, rows_, cols_);
  water_.resize(levels.size());
  for (std::size_t k = 0; k < levels.size(); ++k) water_[k] = is_land_level(levels[k]) ? 0 : 1;
  if (params_.passages) {
    for (const Passage& p : builtin_passages()) {
      for (std::size_t k = 0; k + 1 < p.line.size(); ++k) burn(p.line[k], p.line[k + 1]);
    }
  }
  // Move lengths per row (geodesics depend on latitude only).
  move_nm_.assign(static_cast<std::size_t>(rows_) * 16, kInf);
  for (int i = 0; i < rows_; ++i) {
    const double lat = lat_s + (i + 0.5) * dlat_;
    for (int m = 0; m < 16; ++m) {
      const int ni = i + kMoves[m].di;
      if (ni < 0 || ni >= rows_) continue;
      move_nm_[static_cast<std::size_t>(i) * 16 + static_cast<std::size_t>(m)] =
          geodesic_nm({lat, 0.0}, {lat_s + (ni + 0.5) * dlat_, kMoves[m].dj * dlon_});
    }
  }
}

void SeaGrid::burn(LatLon a, LatLon b) noexcept {
  // Cell (r, c) covers [r, r + 1) x [c, c + 1) in these units; every step
  // of the walk changes the row or the column, so the line is 4-connected.
  const double y0 = (a.lat - box_.lat_south) / dlat_;
  const double x0 = (unwrap(a.lon, box_.lon_west) - box_.lon_west) / dlon_;
  const double y1 = (b.lat - box_.lat_south) / dlat_;
  const double x1 = x0 + (unwrap(b.lon, a.lon - 180.0) - a.lon) / dlon_;
  if (std::max(y0, y1) < 0 || std::min(y0, y1) >= rows_ || std::max(x0, x1) < 0 ||
      std::min(x0, x1) >= cols_) {
    return;
  }
  int r = static_cast<int>(std::floor(y0)), c = static_cast<int>(std::floor(x0));
  const int r1 = static_cast<int>(std::floor(y1)), c1 = static_cast<int>(std::floor(x1));
  const double dy = y1 - y0, dx = x1 - x0;
  const int sr = dy > 0 ? 1 : -1, sc = dx > 0 ? 1 : -1;
  const double step_y = dy != 0 ? 1.0 / std::abs(dy) : kInf;
  const double step_x = dx != 0 ? 1.0 / std::abs(dx) : kInf;
  double ty = dy != 0 ? (sr > 0 ? r + 1 - y0 : y0 - r) * step_y : kInf;
  double tx = dx != 0 ? (sc > 0 ? c + 1 - x0 : x0 - c) * step_x : kInf;
  for (int n = std::abs(r1 - r) + std::abs(c1 - c) + 2; n > 0; --n) {
    if (r >= 0 && r < rows_ && c >= 0 && c < cols_) {
      water_[static_cast<std::size_t>(r) * static_cast<std::size_t>(cols_) +
             static_cast<std::size_t>(c)] = 1;
    }
    if (r == r1 && c == c1) break;
    if (ty < tx) {
      r += sr;
      ty += step_y;
    } else {
      c += sc;
      tx += step_x;
    }
  }
}

double SeaGrid::water_fraction() const noexcept {
  if (water_.empty()) return 0.0;
  std::size_t n = 0;
  for (const unsigned char w : water_) n += w;
  return static_cast<double>(n) / static_cast<double>(water_.size());
}

bool SeaGrid::cell_of(LatLon p, int& row, int& col) const noexcept {
  if (!finite(p)) return false;
  const double y = (p.lat - box_.lat_south) / dlat_;
  const double x = (unwrap(p.lon, box_.lon_west) - box_.lon_west) / dlon_;
  if (y < 0 || x < 0 || y >= rows_ || x >= cols_) return false;
  row = static_cast<int>(y);
  col = static_cast<int>(x);
  return true;
}

LatLon SeaGrid::centre(std::uint32_t cell) const noexcept {
  const auto ucols = static_cast<std::uint32_t>(cols_);
  return {box_.lat_south + (cell / ucols + 0.5) * dlat_,
          box_.lon_west + (cell % ucols + 0.5) * dlon_};
}

bool SeaGrid::is_water(LatLon p) const noexcept {
  int r = 0, c = 0;
  if (!cell_of(p, r, c)) return false;
  return water_[static_cast<std::size_t>(r) * static_cast<std::size_t>(cols_) +
                static_cast<std::size_t>(c)] != 0;
}

std::vector<SeaGrid::Snap> SeaGrid::snap(LatLon p) const {
  std::vector<Snap> out;
  if (!finite(p)) return out;
  const double lon = unwrap(p.lon, box_.lon_west);
  const double y = (p.lat - box_.lat_south) / dlat_ - 0.5;  // in cell-centre units
  const double x = (lon - box_.lon_west) / dlon_ - 0.5;
  const double reach = std::max(params_.snap_km, params_.max_snap_km);
  const double coslat = std::max(std::cos(p.lat * kPi / 180.0), 0.01);
  const int dr = static_cast<int>(std::ceil(reach / (dlat_ * kKmPerDegree))) + 1;
  const int dc = static_cast<int>(std::ceil(reach / (dlon_ * kKmPerDegree * coslat))) + 1;
  const int r0 = std::max(0, static_cast<int>(std::floor(y)) - dr);
  const int r1 = std::min(rows_ - 1, static_cast<int>(std::ceil(y)) + dr);
  const int c0 = std::max(0, static_cast<int>(std::floor(x)) - dc);
  const int c1 = std::min(cols_ - 1, static_cast<int>(std::ceil(x)) + dc);
  struct Near {
    std::uint32_t cell;
    double km;
  };
  std::vector<Near> near;
  double nearest = kInf;
  for (int r = r0; r <= r1; ++r) {
    for (int c = c0; c <= c1; ++c) {
      const auto cell = static_cast<std::uint32_t>(r * cols_ + c);
      if (!water_[cell]) continue;
      const LatLon q = centre(cell);
      const double km = haversine_m(p.lat, lon, q.lat, q.lon) / 1000.0;
      if (km > reach) continue;
      near.push_back({cell, km});
      nearest = std::min(nearest, km);
    }
  }
  if (near.empty()) return out;
  // Within snap_km; else the nearest water (and its ties within a cell).
  double limit = params_.snap_km;
  if (nearest > limit) {
    const double diag_km = std::hypot(dlat_, dlon_ * coslat) * kKmPerDegree;
    limit = std::min(reach, nearest + diag_km);
  }
  for (const Near& n : near) {
    if (n.km <= limit) out.push_back({n.cell, geodesic_nm(p, centre(n.cell))});
  }
  return out;
}

bool SeaGrid::line_of_sight(std::uint32_t a, std::uint32_t b) const noexcept {
  const auto ucols = static_cast<std::uint32_t>(cols_);
  int r = static_cast<int>(a / ucols), c = static_cast<int>(a % ucols);
  const int r1 = static_cast<int>(b / ucols), c1 = static_cast<int>(b % ucols);
  const int dr = r1 - r, dc = c1 - c;
  const int sr = dr > 0 ? 1 : -1, sc = dc > 0 ? 1 : -1;
  const double step_r = dr != 0 ? 1.0 / std::abs(dr) : kInf;
  const double step_c = dc != 0 ? 1.0 / std::abs(dc) : kInf;
  double tr = 0.5 * step_r, tc = 0.5 * step_c;  // next row / column boundary
  auto water = [&](int rr, int cc) {
    return water_[static_cast<std::size_t>(rr) * static_cast<std::size_t>(cols_) +
                  static_cast<std::size_t>(cc)] != 0;
  };
  while (r != r1 || c != c1) {
    if (std::abs(tr - tc) < 1e-12) {  // through a corner: both cells beside it
      if (!water(r + sr, c) || !water(r, c + sc)) return false;
      r += sr;
      c += sc;
      tr += step_r;
      tc += step_c;
    } else if (tr < tc) {
      r += sr;
      tr += step_r;
    } else {
      c += sc;
      tc += step_c;
    }
    if (!water(r, c)) return false;
  }
  return true;
}

void SeaGrid::search(const std::vector<Snap>& sources, std::vector<Entry>& entries,
                     std::size_t reachable, double max_nm, const LatLon* toward, LatLon from,
                     std::span<const LatLon> targets, Routes& out) const {
  const double limit = max_nm * (params_.smooth ? kGridSlack : 1.0) + 1e-9;
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.cell < b.cell; });
  const std::size_t cells = water_.size();
  std::vector<unsigned char> is_target(cells, 0);
  for (const Entry& e : entries) is_target[e.cell] = 1;

  std::vector<double> dist(cells, kInf);
  std::vector<std::int32_t> parent(cells, -1);
  // A lower bound of the rest of the way to `toward`: the chord (never
  // longer than the arc) on the sphere, scaled below the WGS 84 geodesic.
  // Unit vectors from per-row and per-column sines and cosines.
  std::vector<double> row_cos, row_sin, col_cos, col_sin;
  double tx = 0, ty = 0, tz = 0;
  constexpr double kRadiusNm = kEarthRadiusM / kMetresPerNm;
  if (toward) {
    row_cos.resize(static_cast<std::size_t>(rows_));
    row_sin.resize(static_cast<std::size_t>(rows_));
    for (int r = 0; r < rows_; ++r) {
      const double phi = (box_.lat_south + (r + 0.5) * dlat_) * kPi / 180.0;
      row_cos[static_cast<std::size_t>(r)] = std::cos(phi);
      row_sin[static_cast<std::size_t>(r)] = std::sin(phi);
    }
    col_cos.resize(static_cast<std::size_t>(cols_));
    col_sin.resize(static_cast<std::size_t>(cols_));
    for (int c = 0; c < cols_; ++c) {
      const double lam = (box_.lon_west + (c + 0.5) * dlon_) * kPi / 180.0;
      col_cos[static_cast<std::size_t>(c)] = std::cos(lam);
      col_sin[static_cast<std::size_t>(c)] = std::sin(lam);
    }
    const double phi = toward->lat * kPi / 180.0, lam = toward->lon * kPi / 180.0;
    tx = std::cos(phi) * std::cos(lam);
    ty = std::cos(phi) * std::sin(lam);
    tz = std::sin(phi);
  }
  auto rest = [&](int r, int c) -> double {
    const double cp = row_cos[static_cast<std::size_t>(r)];
    const double x = cp * col_cos[static_cast<std::size_t>(c)] - tx;
    const double y = cp * col_sin[static_cast<std::size_t>(c)] - ty;
    const double z = row_sin[static_cast<std::size_t>(r)] - tz;
    return kSphereLowerBound * kRadiusNm * std::sqrt(x * x + y * y + z * z);
  };
  using Item = std::pair<double, std::uint32_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  for (const Snap& s : sources) {
    if (s.nm < dist[s.cell]) {
      dist[s.cell] = s.nm;
      queue.emplace(s.nm, s.cell);
    }
  }
  std::vector<double> best(targets.size(), kInf);
  std::vector<std::int64_t> best_cell(targets.size(), -1);
  std::size_t reached = 0;
  const auto ucols = static_cast<std::uint32_t>(cols_);
  auto water = [&](int r, int c) {
    return r >= 0 && r < rows_ && c >= 0 && c < cols_ &&
           water_[static_cast<std::size_t>(r) * static_cast<std::size_t>(cols_) +
                  static_cast<std::size_t>(c)] != 0;
  };
  while (!queue.empty()) {
    const auto [d, cell] = queue.top();
    queue.pop();
    if (d > dist[cell]) continue;  // stale
    if (d > limit) break;
    if (is_target[cell]) {
      auto it = std::lower_bound(entries.begin(), entries.end(), cell,
                                 [](const Entry& e, std::uint32_t c) { return e.cell < c; });
      for (; it != entries.end() && it->cell == cell; ++it) {
        const double v = d + it->nm;
        if (v < best[it->target]) {
          if (std::isinf(best[it->target])) ++reached;
          best[it->target] = v;
          best_cell[it->target] = cell;
        }
      }
      if (reached == reachable) {
        // Farther cells cannot improve a target whose best is <= d.
        double worst = 0;
        for (std::size_t t = 0; t < targets.size(); ++t) {
          if (!std::isinf(best[t])) worst = std::max(worst, best[t]);
        }
        if (d >= worst) break;
      }
    }
    const int r = static_cast<int>(cell / ucols);
    const int c = static_cast<int>(cell % ucols);
    const double* cost = move_nm_.data() + static_cast<std::size_t>(r) * 16;
    for (int m = 0; m < 16; ++m) {
      const Move& mv = kMoves[m];
      const int nr = r + mv.di, nc = c + mv.dj;
      if (!water(nr, nc)) continue;
      if (mv.checked && (!water(r + mv.ai, c + mv.aj) || !water(r + mv.bi, c + mv.bj))) continue;
      const double nd = d + cost[m];
      const auto next = static_cast<std::uint32_t>(nr * cols_ + nc);
      if (nd >= dist[next]) continue;
      if (nd > limit) continue;
      if (toward && nd + rest(nr, nc) > limit) continue;
      dist[next] = nd;
      parent[next] = static_cast<std::int32_t>(cell);
      queue.emplace(nd, next);
    }
  }

  // Paths, shortened by line of sight, and their geodesic lengths.
  std::vector<std::uint32_t> chain;
  std::vector<std::uint32_t> anchors;
  for (std::size_t t = 0; t < targets.size(); ++t) {
    if (best_cell[t] < 0) continue;
    chain.clear();
    for (std::int64_t k = best_cell[t]; k >= 0; k = parent[static_cast<std::size_t>(k)]) {
      chain.push_back(static_cast<std::uint32_t>(k));
    }
    std::reverse(chain.begin(), chain.end());
    anchors.clear();
    anchors.push_back(chain.front());
    if (params_.smooth) {
      std::size_t i = 0;
      while (i + 1 < chain.size()) {
        std::size_t k = i + 1;
        while (k + 1 < chain.size() && line_of_sight(chain[i], chain[k + 1])) ++k;
        anchors.push_back(chain[k]);
        i = k;
      }
    } else {
      anchors.assign(chain.begin(), chain.end());
    }
    std::vector<LatLon>& path = out.paths[t];
    path.push_back(from);
    for (const std::uint32_t a : anchors) path.push_back(centre(a));
    path.push_back(targets[t]);
    double nm = 0;
    for (std::size_t k = 0; k + 1 < path.size(); ++k) nm += geodesic_nm(path[k], path[k + 1]);
    if (nm <= max_nm) {
      out.nm[t] = nm;
    } else {
      path.clear();
    }
  }
}

std::vector<double> SeaGrid::route_nm(LatLon from, std::span<const LatLon> targets,
                                      double max_nm, const LatLon* toward) const {
  return routes(from, targets, max_nm, toward).nm;
}

SeaGrid::Routes SeaGrid::routes(LatLon from, std::span<const LatLon> targets, double max_nm,
                                const LatLon* toward) const {
  Routes out;
  out.nm.assign(targets.size(), kInf);
  out.paths.resize(targets.size());
  if (targets.empty() || !finite(from) || !(max_nm >= 0) || (toward && !finite(*toward))) {
    return out;
  }
  const std::vector<Snap> sources = snap(from);

  // Target cells: (cell, target, leg nm).
  std::vector<Entry> entries;
  std::size_t reachable = 0;
  for (std::size_t t = 0; t < targets.size(); ++t) {
    const std::vector<Snap> s = snap(targets[t]);
    if (!s.empty()) ++reachable;
    for (const Snap& x : s) entries.push_back({x.cell, static_cast<std::uint32_t>(t), x.nm});
  }
  if (reachable > 0 && !sources.empty()) search(sources, entries, reachable, max_nm, toward, from, targets, out);
  // A target within snap_km of the start (the same harbour) is reached
  // directly, without the detour through cell centres.
  for (std::size_t t = 0; t < targets.size(); ++t) {
    const double direct = geodesic_nm(from, targets[t]);
    if (direct * kMetresPerNm <= params_.snap_km * 1000.0 && direct <= max_nm &&
        !(out.nm[t] <= direct)) {
      out.nm[t] = direct;
      out.paths[t] = {from, targets[t]};
    }
  }
  return out;
}

// ---- SeaRouter -----------------------------------------------------------------

void SeaRouter::check(const SeaRouteParams& params) {
  if (!(params.min_cell_deg >= 0.001 && params.min_cell_deg <= 1.0)) {
    throw std::invalid_argument("SeaRouter: min_cell_deg must be in [0.001, 1]");
  }
  if (params.max_cells < 10000) throw std::invalid_argument("SeaRouter: max_cells < 10000");
  if (!(params.snap_km >= 0) || !(params.max_snap_km >= params.snap_km) ||
      !std::isfinite(params.max_snap_km)) {
    throw std::invalid_argument("SeaRouter: need 0 <= snap_km <= max_snap_km < infinity");
  }
}

SeaRouter::SeaRouter(std::shared_ptr<const LandMask> mask, SeaRouteParams params)
    : mask_(std::move(mask)), params_(params) {
  if (!mask_) throw std::invalid_argument("SeaRouter: no land mask");
  check(params_);
}

double SeaRouter::cell_for(const GeoBox& box) const noexcept { return cell_for(box, params_); }

double SeaRouter::cell_for(const GeoBox& box, const SeaRouteParams& params) noexcept {
  const double mid = 0.5 * (box.lat_south + box.lat_north);
  const double coslat = std::max(std::cos(mid * kPi / 180.0), 0.05);
  const double area = std::max(0.0, box.lat_north - box.lat_south) *
                      std::max(0.0, box.lon_east - box.lon_west) * coslat;  // square degrees
  const double fit = std::sqrt(area / static_cast<double>(params.max_cells)) * 1.01;
  return std::max(params.min_cell_deg, fit);
}

SeaGrid SeaRouter::grid_for(LatLon a, LatLon b, double budget_nm) const {
  return grid_for(a, b, budget_nm, params_);
}

SeaGrid SeaRouter::grid_for(LatLon a, LatLon b, double budget_nm,
                            const SeaRouteParams& params) const {
  check(params);
  if (!finite(a) || !finite(b) || !(budget_nm >= 0) || !std::isfinite(budget_nm)) {
    throw std::invalid_argument("SeaRouter::grid_for: positions and budget must be finite");
  }
  b.lon = unwrap(b.lon, a.lon - 180.0);  // the copy of b nearest to a
  const double direct = geodesic_nm(a, b);
  // Every point p of the ellipse is within (budget + direct) / 2 of each end.
  const double radius_nm = 0.5 * (budget_nm + direct);
  const double margin_deg = (params.max_snap_km + 2.0) / kKmPerDegree;
  // Degrees of latitude per nm on the sphere, with 1 % for the ellipsoid.
  const double r_deg = radius_nm * kMetresPerNm / 1000.0 / kKmPerDegree * 1.01 + margin_deg;
  auto circle_box = [&](LatLon p) {
    GeoBox g;
    g.lat_south = std::max(-89.9, p.lat - r_deg);
    g.lat_north = std::min(89.9, p.lat + r_deg);
    const double far = std::max(std::abs(g.lat_south), std::abs(g.lat_north));
    const double dlon = far >= 89.0 ? 180.0 : r_deg / std::cos(far * kPi / 180.0);
    if (dlon >= 180.0) {
      g.lon_west = p.lon - 180.0;
      g.lon_east = p.lon + 180.0;
    } else {
      g.lon_west = p.lon - dlon;
      g.lon_east = p.lon + dlon;
    }
    return g;
  };
  const GeoBox ga = circle_box(a), gb = circle_box(b);
  GeoBox box{std::max(ga.lat_south, gb.lat_south), std::min(ga.lat_north, gb.lat_north),
             std::max(ga.lon_west, gb.lon_west), std::min(ga.lon_east, gb.lon_east)};
  if (!(box.lat_north > box.lat_south) || !(box.lon_east > box.lon_west)) {
    box = ga;  // budget below the direct distance: nothing is reachable anyway
  }
  return SeaGrid(*mask_, box, cell_for(box, params), params);
}

std::vector<double> SeaRouter::route_nm(double lat, double lon, std::span<const LatLon> targets,
                                        double max_nm) const {
  const LatLon from{lat, lon};
  if (!finite(from) || !(max_nm >= 0) || !std::isfinite(max_nm)) {
    return std::vector<double>(targets.size(), kInf);
  }
  // The ellipse with both foci at the start is the circle of radius max_nm.
  const SeaGrid grid = grid_for(from, from, 2.0 * max_nm);
  return grid.route_nm(from, targets, max_nm);
}

}  // namespace tidewatch::geo
