// Distance to the GSHHG shoreline from cached 1-degree tiles; see shore.h and
// docs/geo.md.
#include "tidewatch/geo/shore.h"

#include <algorithm>
#include <atomic>
#include <climits>
#include <cmath>
#include <future>
#include <limits>
#include <list>
#include <mutex>
#include <stdexcept>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tidewatch/geo/distance.h"
#include "constants.h"

namespace tidewatch::geo {

namespace {

/// Tiles with |latitude| beyond this are answered by the LandMask directly.
constexpr int kPolarLatitude = 84;
/// A node's value is measured against the segments of the nearest seed cell
/// and the cells up to this many cells around it.
constexpr int kRefine = 2;

/// A shoreline segment in tile node units: y = (lat - tile south) / cell,
/// x = (lon - tile west) / cell (the longitude unwrapped next to the tile).
struct Seg {
  float y0, x0, y1, x1;
  unsigned char level;
};

/// Squared distance from the origin to segment a-b (plane).
double point_segment2(double ax, double ay, double bx, double by) noexcept {
  const double dx = bx - ax;
  const double dy = by - ay;
  const double len2 = dx * dx + dy * dy;
  double t = 0.0;
  if (len2 > 0.0) t = std::clamp(-(ax * dx + ay * dy) / len2, 0.0, 1.0);
  const double ex = ax + t * dx;
  const double ey = ay + t * dy;
  return ex * ex + ey * ey;
}

/// Distance from the origin to segment a-b (plane).
double point_segment_km(double ax, double ay, double bx, double by) noexcept {
  return std::sqrt(point_segment2(ax, ay, bx, by));
}

struct Tile {
  enum class Kind : unsigned char { constant, grid, polar };
  Kind kind = Kind::constant;
  ShoreLevel constant_level = ShoreLevel::ocean;
  // Per node, the shoreline segment nearest to it (index into `nearest_segs`,
  // UINT32_MAX when none is within the cap).
  std::vector<std::uint32_t> nearest;  // (n+1)^2
  std::vector<Seg> nearest_segs;
  std::vector<ShoreLevel> level;  // (n+1)^2 node levels
  std::vector<unsigned char> crossed;  // n^2 cells (corners = nodes): 1 when shoreline may cross it
  // Shoreline segments near the tile, bucketed by node-centred cell: cell
  // (r, c) (node rows/cols, may be negative) is bucket (r - r0) * bc + (c - c0).
  int r0 = 0, c0 = 0, br = 0, bc = 0;
  std::vector<std::uint32_t> offset;  // br * bc + 1
  std::vector<std::uint32_t> items;
  std::vector<Seg> segs;

  [[nodiscard]] std::size_t bytes() const noexcept {
    return nearest.size() * 4 + nearest_segs.size() * sizeof(Seg) + level.size() +
           crossed.size() + offset.size() * 4 + items.size() * 4 + segs.size() * sizeof(Seg);
  }
};

std::atomic<std::uint64_t> g_next_owner{1};

struct LastTile {
  std::uint64_t owner = 0;
  int key = INT_MIN;
  std::shared_ptr<const Tile> tile;
};
thread_local LastTile t_last;

}  // namespace

struct ShoreDistance::Impl {
  std::shared_ptr<const LandMask> mask;
  ShoreDistanceParams params;
  std::uint64_t owner = 0;
  int n = 120;           // cells per tile side
  double cell = 1.0 / 120;
  double cell_km = 0;    // cell * kKmPerDegree
  double cap_km = 0;     // internal cap: params.cap_km + 2 cells
  double near_km = 0;    // below this, a cell may hold shoreline: exact path

  mutable std::mutex mutex;
  struct Entry {
    std::shared_future<std::shared_ptr<const Tile>> tile;
    std::list<int>::iterator lru;
  };
  mutable std::list<int> lru;  // most recent first
  mutable std::unordered_map<int, Entry> cache;

  mutable std::atomic<std::uint64_t> queries{0}, exact_queries{0}, tiles_built{0},
      polar_queries{0}, tile_bytes{0};

  static int key_of(int a, int b) noexcept { return (a + 90) * 360 + (b + 180); }

  std::shared_ptr<const Tile> tile(int a, int b) const {
    const int key = key_of(a, b);
    if (t_last.owner == owner && t_last.key == key) return t_last.tile;
    std::shared_future<std::shared_ptr<const Tile>> future;
    std::promise<std::shared_ptr<const Tile>> promise;
    bool build = false;
    {
      std::lock_guard<std::mutex> lock(mutex);
      auto it = cache.find(key);
      if (it != cache.end()) {
        lru.splice(lru.begin(), lru, it->second.lru);
        future = it->second.tile;
      } else {
        future = promise.get_future().share();
        lru.push_front(key);
        cache.emplace(key, Entry{future, lru.begin()});
        while (cache.size() > params.cache_tiles) {
          cache.erase(lru.back());
          lru.pop_back();
        }
        build = true;
      }
    }
    if (build) {
      try {
        std::shared_ptr<const Tile> built = build_tile(a, b);
        tile_bytes.fetch_add(sizeof(Tile) + built->bytes(), std::memory_order_relaxed);
        tiles_built.fetch_add(1, std::memory_order_relaxed);
        promise.set_value(std::move(built));
      } catch (...) {
        promise.set_exception(std::current_exception());
        std::lock_guard<std::mutex> lock(mutex);
        auto it = cache.find(key);
        if (it != cache.end()) {
          lru.erase(it->second.lru);
          cache.erase(it);
        }
      }
    }
    std::shared_ptr<const Tile> t = future.get();  // rethrows a failed build
    t_last.owner = owner;
    t_last.key = key;
    t_last.tile = t;
    return t;
  }

  std::shared_ptr<const Tile> build_tile(int a, int b) const;
  double query(double lat, double lon) const;
};

std::shared_ptr<const Tile> ShoreDistance::Impl::build_tile(int a, int b) const {
  auto t = std::make_shared<Tile>();
  if (a >= kPolarLatitude || a + 1 <= -kPolarLatitude) {
    t->kind = Tile::Kind::polar;
    return t;
  }
  const int nodes = n + 1;
  const double lat_s = a;
  const double lon_w = b;
  // Margins (in cells) that hold every shoreline within cap_km of the tile.
  const int mlat = static_cast<int>(std::ceil(cap_km / cell_km)) + 2;
  const double lat_far = std::min(
      89.9, std::max(std::abs(lat_s - mlat * cell), std::abs(lat_s + 1.0 + mlat * cell)));
  const int mlon =
      static_cast<int>(std::ceil(cap_km / (cell_km * std::cos(lat_far * kPi / 180.0)))) + 2;
  // Extended grid: node (i, j) is ext (i + mlat, j + mlon).
  const int cols = nodes + 2 * mlon;

  ShoreLines lines;
  mask->shorelines(lat_s - (mlat + 1) * cell, lat_s + 1.0 + (mlat + 1) * cell,
                   lon_w - (mlon + 1) * cell, lon_w + 1.0 + (mlon + 1) * cell, lines);
  std::vector<Seg> segs;
  const double ylo = -mlat - 1.0, yhi = n + mlat + 1.0;
  const double xlo = -mlon - 1.0, xhi = n + mlon + 1.0;
  for (std::size_t k = 0; k < lines.pieces(); ++k) {
    const auto level = static_cast<unsigned char>(lines.level[k]);
    for (std::uint32_t i = lines.start[k]; i + 1 < lines.start[k + 1]; ++i) {
      const double y0 = (lines.lat[i] - lat_s) * n, x0 = (lines.lon[i] - lon_w) * n;
      const double y1 = (lines.lat[i + 1] - lat_s) * n, x1 = (lines.lon[i + 1] - lon_w) * n;
      if (std::max(y0, y1) < ylo || std::min(y0, y1) > yhi || std::max(x0, x1) < xlo ||
          std::min(x0, x1) > xhi) {
        continue;
      }
      segs.push_back({static_cast<float>(y0), static_cast<float>(x0), static_cast<float>(y1),
                      static_cast<float>(x1), level});
    }
  }
  if (segs.empty()) {
    t->kind = Tile::Kind::constant;
    t->constant_level = mask->level(lat_s + 0.5, lon_w + 0.5);
    return t;
  }

  // Buckets: every node-centred cell a segment passes through (conservatively:
  // the cells of the bounding box of each piece of at most one cell).
  auto visit_cells = [&](const Seg& s, int rlo, int rhi, int clo, int chi, auto&& f) {
    const double dy = s.y1 - s.y0, dx = s.x1 - s.x0;
    const int steps = std::max(1, static_cast<int>(std::ceil(std::max(std::abs(dy), std::abs(dx)))));
    int last_r0 = INT_MIN, last_r1 = INT_MIN, last_c0 = INT_MIN, last_c1 = INT_MIN;
    for (int p = 0; p < steps; ++p) {
      const double t0 = static_cast<double>(p) / steps, t1 = static_cast<double>(p + 1) / steps;
      const double ya = s.y0 + dy * t0, yb = s.y0 + dy * t1;
      const double xa = s.x0 + dx * t0, xb = s.x0 + dx * t1;
      const int r0 = std::max(rlo, static_cast<int>(std::lround(std::min(ya, yb))));
      const int r1 = std::min(rhi, static_cast<int>(std::lround(std::max(ya, yb))));
      const int c0 = std::max(clo, static_cast<int>(std::lround(std::min(xa, xb))));
      const int c1 = std::min(chi, static_cast<int>(std::lround(std::max(xa, xb))));
      for (int r = r0; r <= r1; ++r) {
        for (int c = c0; c <= c1; ++c) {
          if (r >= last_r0 && r <= last_r1 && c >= last_c0 && c <= last_c1) continue;  // done
          f(r, c);
        }
      }
      last_r0 = r0, last_r1 = r1, last_c0 = c0, last_c1 = c1;
    }
  };
  auto bucket = [&](int rlo, int rhi, int clo, int chi, std::vector<std::uint32_t>& offset,
                    std::vector<std::uint32_t>& items, const std::vector<std::uint32_t>* only) {
    const int bcols = chi - clo + 1;
    const std::size_t cells = static_cast<std::size_t>(rhi - rlo + 1) * static_cast<std::size_t>(bcols);
    offset.assign(cells + 1, 0);
    auto index = [&](int r, int c) {
      return static_cast<std::size_t>(r - rlo) * static_cast<std::size_t>(bcols) +
             static_cast<std::size_t>(c - clo);
    };
    const std::size_t count = only ? only->size() : segs.size();
    for (std::size_t k = 0; k < count; ++k) {
      const Seg& s = segs[only ? (*only)[k] : k];
      visit_cells(s, rlo, rhi, clo, chi, [&](int r, int c) { ++offset[index(r, c) + 1]; });
    }
    for (std::size_t i = 1; i <= cells; ++i) offset[i] += offset[i - 1];
    items.resize(offset[cells]);
    std::vector<std::uint32_t> fill(offset.begin(), offset.end() - 1);
    for (std::size_t k = 0; k < count; ++k) {
      const auto id = static_cast<std::uint32_t>(k);
      const Seg& s = segs[only ? (*only)[k] : k];
      visit_cells(s, rlo, rhi, clo, chi, [&](int r, int c) { items[fill[index(r, c)]++] = id; });
    }
  };
  // The extended grid, in node rows -mlat..n+mlat and cols -mlon..n+mlon.
  std::vector<std::uint32_t> ext_offset, ext_items;
  bucket(-mlat, n + mlat, -mlon, n + mlon, ext_offset, ext_items, nullptr);
  auto ext_index = [&](int r, int c) {  // r, c in node units
    return static_cast<std::size_t>(r + mlat) * static_cast<std::size_t>(cols) +
           static_cast<std::size_t>(c + mlon);
  };

  // Pass 1 (along latitude, uniform scale): for every extended column and
  // every tile row, the nearest seed (cell holding shoreline) row.
  const auto ucols = static_cast<std::size_t>(cols);
  std::vector<int> below(ucols, INT_MIN), nearest(static_cast<std::size_t>(nodes) * ucols, INT_MIN);
  for (int r = -mlat; r <= n; ++r) {
    const std::size_t base = ext_index(r, -mlon);
    for (std::size_t c = 0; c < ucols; ++c) {
      if (ext_offset[base + c + 1] > ext_offset[base + c]) below[c] = r;
    }
    if (r >= 0) {
      std::copy(below.begin(), below.end(), nearest.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(r) * ucols));
    }
  }
  std::vector<int> above(ucols, INT_MAX);
  for (int r = n + mlat; r >= 0; --r) {
    const std::size_t base = ext_index(r, -mlon);
    for (std::size_t c = 0; c < ucols; ++c) {
      if (ext_offset[base + c + 1] > ext_offset[base + c]) above[c] = r;
    }
    if (r <= n) {
      int* row = nearest.data() + static_cast<std::size_t>(r) * ucols;
      for (std::size_t c = 0; c < ucols; ++c) {
        if (above[c] == INT_MAX) continue;
        if (row[c] == INT_MIN || above[c] - r < r - row[c]) row[c] = above[c];
      }
    }
  }

  // Pass 2 (along longitude, with the scale of the node's own row): lower
  // envelope of parabolas (Felzenszwalb and Huttenlocher 2012), then the
  // exact distance to the segments around the nearest seed.
  t->kind = Tile::Kind::grid;
  // Land nodes need no distance: a position in a cell with a land corner is
  // on land (0) or in a cell the shoreline crosses (exact path).
  t->level = mask->level_grid(lat_s, lon_w, cell, cell, nodes, nodes);
  auto land_node = [&](int i, int j) {
    return is_land_level(t->level[static_cast<std::size_t>(i) * static_cast<std::size_t>(nodes) +
                                  static_cast<std::size_t>(j)]);
  };
  // The segment that gave each node its value, for the propagation below.
  std::vector<std::uint32_t> best_seg(static_cast<std::size_t>(nodes) * static_cast<std::size_t>(nodes),
                                      UINT32_MAX);
  std::vector<int> v(ucols);
  std::vector<double> z(ucols + 1), f(ucols);
  std::vector<double> best_dist(best_seg.size(), kInf);
  std::vector<double> coslat_of(static_cast<std::size_t>(nodes));
  for (int i = 0; i <= n; ++i) {
    coslat_of[static_cast<std::size_t>(i)] = std::cos((lat_s + i * cell) * kPi / 180.0);
  }
  for (int i = 0; i <= n; ++i) {
    const double sx = cell_km * coslat_of[static_cast<std::size_t>(i)];
    const double sx2 = sx * sx;
    const int* near_row = nearest.data() + static_cast<std::size_t>(i) * ucols;
    int k = -1;
    for (int q = 0; q < cols; ++q) {
      const int rr = near_row[q];
      if (rr == INT_MIN) continue;
      const double dy = (i - rr) * cell_km;
      f[static_cast<std::size_t>(q)] = dy * dy;
      const double fq = f[static_cast<std::size_t>(q)] + sx2 * q * q;
      while (k >= 0) {
        const int p = v[static_cast<std::size_t>(k)];
        const double s = (fq - (f[static_cast<std::size_t>(p)] + sx2 * p * p)) / (2.0 * sx2 * (q - p));
        if (s <= z[static_cast<std::size_t>(k)]) {
          --k;
        } else {
          ++k;
          v[static_cast<std::size_t>(k)] = q;
          z[static_cast<std::size_t>(k)] = s;
          z[static_cast<std::size_t>(k) + 1] = kInf;
          break;
        }
      }
      if (k < 0) {
        k = 0;
        v[0] = q;
        z[0] = -kInf;
        z[1] = kInf;
      }
    }
    if (k < 0) continue;  // no shoreline in the extended grid's columns: cap
    int e = 0;
    for (int j = 0; j <= n; ++j) {
      const double xq = j + mlon;  // ext column of the node
      while (z[static_cast<std::size_t>(e) + 1] < xq) ++e;
      if (land_node(i, j)) continue;
      const int sc = v[static_cast<std::size_t>(e)];  // ext column of the seed
      const int sr = near_row[sc];                    // node row of the seed
      const int snc = sc - mlon;                      // node col of the seed
      double best = kInf;
      std::uint32_t best_k = UINT32_MAX;
      for (int dr = -kRefine; dr <= kRefine; ++dr) {
        const int r = sr + dr;
        if (r < -mlat || r > n + mlat) continue;
        for (int dc = -kRefine; dc <= kRefine; ++dc) {
          const int c = snc + dc;
          if (c < -mlon || c > n + mlon) continue;
          const std::size_t idx = ext_index(r, c);
          for (std::uint32_t m = ext_offset[idx]; m < ext_offset[idx + 1]; ++m) {
            const Seg& s = segs[ext_items[m]];
            const double d2 = point_segment2((double{s.x0} - j) * sx, (double{s.y0} - i) * cell_km,
                                             (double{s.x1} - j) * sx, (double{s.y1} - i) * cell_km);
            if (d2 < best) {
              best = d2;
              best_k = ext_items[m];
            }
          }
        }
      }
      const std::size_t at = static_cast<std::size_t>(i) * static_cast<std::size_t>(nodes) +
                             static_cast<std::size_t>(j);
      best_dist[at] = std::sqrt(best);
      best_seg[at] = best_k;
    }
  }
  // The nearest seed cell's centre is not always next to the nearest
  // segment (ties within a cell diagonal): let every node try its
  // neighbours' segments, in a forward and a backward raster pass, twice.
  auto try_seg = [&](int i, int j, std::uint32_t k) {
    if (k == UINT32_MAX || land_node(i, j)) return;
    const std::size_t at = static_cast<std::size_t>(i) * static_cast<std::size_t>(nodes) +
                           static_cast<std::size_t>(j);
    if (best_seg[at] == k) return;
    const double sx = cell_km * coslat_of[static_cast<std::size_t>(i)];
    const Seg& s = segs[k];
    const double d = point_segment_km((double{s.x0} - j) * sx, (double{s.y0} - i) * cell_km,
                                      (double{s.x1} - j) * sx, (double{s.y1} - i) * cell_km);
    if (d < best_dist[at]) {
      best_dist[at] = d;
      best_seg[at] = k;
    }
  };
  auto seg_at = [&](int i, int j) {
    return best_seg[static_cast<std::size_t>(i) * static_cast<std::size_t>(nodes) + static_cast<std::size_t>(j)];
  };
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i <= n; ++i) {
      for (int j = 0; j <= n; ++j) {
        if (j > 0) try_seg(i, j, seg_at(i, j - 1));
        if (i > 0) {
          for (int dj = -1; dj <= 1; ++dj) {
            if (j + dj >= 0 && j + dj <= n) try_seg(i, j, seg_at(i - 1, j + dj));
          }
        }
      }
    }
    for (int i = n; i >= 0; --i) {
      for (int j = n; j >= 0; --j) {
        if (j < n) try_seg(i, j, seg_at(i, j + 1));
        if (i < n) {
          for (int dj = -1; dj <= 1; ++dj) {
            if (j + dj >= 0 && j + dj <= n) try_seg(i, j, seg_at(i + 1, j + dj));
          }
        }
      }
    }
  }
  // Keep each node's segment (deduplicated); beyond the cap, none.
  {
    std::vector<std::uint32_t> remap(segs.size(), UINT32_MAX);
    t->nearest.assign(best_seg.size(), UINT32_MAX);
    for (std::size_t at = 0; at < best_seg.size(); ++at) {
      const std::uint32_t k = best_seg[at];
      if (k == UINT32_MAX || !(best_dist[at] < cap_km)) continue;
      if (remap[k] == UINT32_MAX) {
        remap[k] = static_cast<std::uint32_t>(t->nearest_segs.size());
        t->nearest_segs.push_back(segs[k]);
      }
      t->nearest[at] = remap[k];
    }
  }
  // Cells (between nodes) a segment may cross (bounding boxes of pieces of
  // at most one cell): only there can a position's level differ from its
  // corners'.
  t->crossed.assign(static_cast<std::size_t>(n) * static_cast<std::size_t>(n), 0);
  for (const Seg& s : segs) {
    if (std::max(s.y0, s.y1) < 0.0F || std::min(s.y0, s.y1) > static_cast<float>(n) ||
        std::max(s.x0, s.x1) < 0.0F || std::min(s.x0, s.x1) > static_cast<float>(n)) {
      continue;
    }
    const double dy = s.y1 - s.y0, dx = s.x1 - s.x0;
    const int steps = std::max(1, static_cast<int>(std::ceil(std::max(std::abs(dy), std::abs(dx)))));
    for (int p = 0; p < steps; ++p) {
      const double t0 = static_cast<double>(p) / steps, t1 = static_cast<double>(p + 1) / steps;
      const double ya = s.y0 + dy * t0, yb = s.y0 + dy * t1;
      const double xa = s.x0 + dx * t0, xb = s.x0 + dx * t1;
      const int r0 = std::max(0, static_cast<int>(std::floor(std::min(ya, yb))));
      const int r1 = std::min(n - 1, static_cast<int>(std::floor(std::max(ya, yb))));
      const int c0 = std::max(0, static_cast<int>(std::floor(std::min(xa, xb))));
      const int c1 = std::min(n - 1, static_cast<int>(std::floor(std::max(xa, xb))));
      for (int r = r0; r <= r1; ++r) {
        for (int c = c0; c <= c1; ++c) {
          t->crossed[static_cast<std::size_t>(r) * static_cast<std::size_t>(n) +
                     static_cast<std::size_t>(c)] = 1;
        }
      }
    }
  }

  // Keep the segments within reach of the exact near-shore search.
  const double reach_km = near_km + 2.0 * cell_km;
  const double lat_edge = std::min(89.9, std::max(std::abs(lat_s), std::abs(lat_s + 1.0)));
  const int my = static_cast<int>(std::ceil(reach_km / cell_km)) + 1;
  const int mx =
      static_cast<int>(std::ceil(reach_km / (cell_km * std::cos(lat_edge * kPi / 180.0)))) + 1;
  std::vector<std::uint32_t> keep;
  {
    std::vector<unsigned char> used(segs.size(), 0);
    for (int r = -my; r <= n + my; ++r) {
      for (int c = -mx; c <= n + mx; ++c) {
        const std::size_t idx = ext_index(r, c);
        for (std::uint32_t m = ext_offset[idx]; m < ext_offset[idx + 1]; ++m) used[ext_items[m]] = 1;
      }
    }
    for (std::size_t k = 0; k < segs.size(); ++k) {
      if (used[k]) keep.push_back(static_cast<std::uint32_t>(k));
    }
  }
  t->r0 = -my;
  t->c0 = -mx;
  t->br = n + 1 + 2 * my;
  t->bc = n + 1 + 2 * mx;
  bucket(-my, n + my, -mx, n + mx, t->offset, t->items, &keep);
  t->segs.reserve(keep.size());
  for (const std::uint32_t k : keep) t->segs.push_back(segs[k]);
  return t;
}

double ShoreDistance::Impl::query(double lat, double lon) const {
  queries.fetch_add(1, std::memory_order_relaxed);
  if (std::isnan(lat) || std::isnan(lon)) return std::numeric_limits<double>::quiet_NaN();
  lat = std::clamp(lat, -90.0, 90.0);
  if (!std::isfinite(lon)) return std::numeric_limits<double>::quiet_NaN();
  lon = std::fmod(lon + 180.0, 360.0);
  if (lon < 0) lon += 360.0;
  lon -= 180.0;  // [-180, 180)
  const int a = std::clamp(static_cast<int>(std::floor(lat)), -90, 89);
  const int b = std::clamp(static_cast<int>(std::floor(lon)), -180, 179);
  const std::shared_ptr<const Tile> tp = tile(a, b);
  const Tile& t = *tp;
  if (t.kind == Tile::Kind::constant) {
    return is_land_level(t.constant_level) ? 0.0 : cap_km;
  }
  if (t.kind == Tile::Kind::polar) {
    polar_queries.fetch_add(1, std::memory_order_relaxed);
    if (mask->is_land(lat, lon)) return 0.0;
    const double m = mask->distance_to_shore_m(lat, lon, params.cap_km * 1000.0);
    return std::isinf(m) ? cap_km : m / 1000.0;
  }
  const int nodes = n + 1;
  const double y = (lat - a) * n;
  const double x = (lon - b) * n;
  const int i = std::min(static_cast<int>(y), n - 1);
  const int j = std::min(static_cast<int>(x), n - 1);
  auto node = [&](int r, int c) {
    return static_cast<std::size_t>(r) * static_cast<std::size_t>(nodes) + static_cast<std::size_t>(c);
  };
  // The distance to the segments nearest to the cell's 4 corners: an upper
  // bound, and exact unless the nearest segment is nearest to no corner.
  const double sx = cell_km * std::cos(lat * kPi / 180.0);
  const double sy = cell_km;
  auto seg_km = [&](const Seg& s) {
    return point_segment_km((double{s.x0} - x) * sx, (double{s.y0} - y) * sy,
                            (double{s.x1} - x) * sx, (double{s.y1} - y) * sy);
  };
  double corners = kInf;
  for (int di = 0; di <= 1; ++di) {
    for (int dj = 0; dj <= 1; ++dj) {
      const std::uint32_t k = t.nearest[node(i + di, j + dj)];
      if (k != UINT32_MAX) corners = std::min(corners, seg_km(t.nearest_segs[k]));
    }
  }
  const bool crossed =
      t.crossed[static_cast<std::size_t>(i) * static_cast<std::size_t>(n) + static_cast<std::size_t>(j)] != 0;
  if (!crossed && corners >= near_km) {
    // No shoreline crosses this cell: one level.
    if (is_land_level(t.level[node(i, j)])) return 0.0;
    return std::min(corners, cap_km);
  }
  exact_queries.fetch_add(1, std::memory_order_relaxed);
  auto segs_of = [&](int r, int c, auto&& f) {
    if (r < t.r0 || r >= t.r0 + t.br || c < t.c0 || c >= t.c0 + t.bc) return;
    const std::size_t idx = static_cast<std::size_t>(r - t.r0) * static_cast<std::size_t>(t.bc) +
                            static_cast<std::size_t>(c - t.c0);
    for (std::uint32_t m = t.offset[idx]; m < t.offset[idx + 1]; ++m) f(t.segs[t.items[m]]);
  };
  // Level: the nearest node's, flipped per level by the shoreline crossed on
  // the way from the node (all such segments are in the node's cell).
  const int ni = static_cast<int>(std::lround(y));
  const int nj = static_cast<int>(std::lround(x));
  const double pu = x - nj, pv = y - ni;  // path node -> position
  const double pp = pu * pu + pv * pv;
  const auto start = static_cast<unsigned>(t.level[node(ni, nj)]);
  unsigned crossings[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  if (pp > 0.0) {
    segs_of(ni, nj, [&](const Seg& s) {
      const double ax = double{s.x0} - nj, ay = double{s.y0} - ni;
      const double bx = double{s.x1} - nj, by = double{s.y1} - ni;
      const double sa = pu * ay - pv * ax;
      const double sb = pu * by - pv * bx;
      if ((sa > 0) == (sb > 0)) return;
      const double lambda = sa / (sa - sb);
      const double ix = ax + (bx - ax) * lambda, iy = ay + (by - ay) * lambda;
      const double tt = (ix * pu + iy * pv) / pp;
      if (tt > 0.0 && tt <= 1.0) ++crossings[s.level & 7U];
    });
  }
  unsigned level = 0;
  for (unsigned k = 1; k <= 4; ++k) {
    if ((k <= start) != ((crossings[k] & 1U) != 0)) level = k;
  }
  if (is_land_level(static_cast<ShoreLevel>(level))) return 0.0;
  // Distance: every segment within the corners' bound.
  const double reach = std::min(corners, near_km + 2.0 * cell_km);
  const int r_lo = static_cast<int>(std::lround(y - reach / sy));
  const int r_hi = static_cast<int>(std::lround(y + reach / sy));
  const int c_lo = static_cast<int>(std::lround(x - reach / sx));
  const int c_hi = static_cast<int>(std::lround(x + reach / sx));
  double best = reach;
  for (int r = r_lo; r <= r_hi; ++r) {
    for (int c = c_lo; c <= c_hi; ++c) {
      segs_of(r, c, [&](const Seg& s) { best = std::min(best, seg_km(s)); });
    }
  }
  return best;
}

ShoreDistance::ShoreDistance(std::shared_ptr<const LandMask> mask, ShoreDistanceParams params)
    : impl_(std::make_unique<Impl>()) {
  if (!mask) throw std::invalid_argument("ShoreDistance: no land mask");
  if (!(params.cap_km > 0.0 && params.cap_km <= 1000.0)) {
    throw std::invalid_argument("ShoreDistance: cap_km must be in (0, 1000]");
  }
  const double cells = 1.0 / params.cell_deg;
  const long n = std::lround(cells);
  if (!std::isfinite(cells) || n < 30 || n > 480 || std::abs(cells - static_cast<double>(n)) > 1e-6) {
    throw std::invalid_argument("ShoreDistance: cell_deg must be 1/N degree, N in 30..480");
  }
  if (params.cache_tiles == 0) throw std::invalid_argument("ShoreDistance: cache_tiles must be > 0");
  Impl& m = *impl_;
  m.mask = std::move(mask);
  m.params = params;
  m.owner = g_next_owner.fetch_add(1);
  m.n = static_cast<int>(n);
  m.cell = 1.0 / static_cast<double>(n);
  m.cell_km = m.cell * kKmPerDegree;
  m.cap_km = params.cap_km + 2.0 * m.cell_km;
  // Closer than 3 cells the distance is measured exactly (interpolation
  // near the shore would be off by up to half a cell); cells crossed by the
  // shoreline always take the exact path.
  m.near_km = 1.0 * m.cell_km;
}

ShoreDistance::~ShoreDistance() = default;

double ShoreDistance::km(double lat, double lon) const { return impl_->query(lat, lon); }

const ShoreDistanceParams& ShoreDistance::params() const noexcept { return impl_->params; }
const LandMask& ShoreDistance::mask() const noexcept { return *impl_->mask; }

ShoreDistance::Stats ShoreDistance::stats() const noexcept {
  Stats s;
  s.queries = impl_->queries.load(std::memory_order_relaxed);
  s.exact_queries = impl_->exact_queries.load(std::memory_order_relaxed);
  s.tiles_built = impl_->tiles_built.load(std::memory_order_relaxed);
  s.polar_queries = impl_->polar_queries.load(std::memory_order_relaxed);
  s.tile_bytes = impl_->tile_bytes.load(std::memory_order_relaxed);
  return s;
}

}  // namespace tidewatch::geo
