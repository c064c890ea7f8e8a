// GSHHG binned shoreline reader and point-in-land test; see land_mask.h.
#include "tidewatch/geo/land_mask.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <list>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tidewatch/geo/distance.h"
#include "constants.h"

#ifdef TIDEWATCH_HAVE_NETCDF
#include <netcdf.h>
#endif
#ifdef TIDEWATCH_HAVE_HDF5
#include <hdf5.h>
#endif

namespace tidewatch::geo {

#ifdef TIDEWATCH_HAVE_NETCDF
namespace {

constexpr double kMetresPerDegree = kEarthRadiusM * kPi / 180.0;
constexpr double kMaxDelta = 65535.0;  // GSHHS_MAX_DELTA: bin side in point units
/// A position exactly on a bin's side is moved this far (point units; half
/// a unit is 1.7 m at 'h') into the bin: a path from a corner along the side
/// would run through the shoreline's entry points without counting them.
constexpr double kEdgeInset = 0.5;

/// One decoded bin: corner levels and its shoreline pieces, points in u16
/// offsets from the SW corner.
struct Bin {
  double lon_sw = 0;  // 0..360
  double lat_sw = 0;
  std::array<unsigned char, 4> corner{};  // SW, SE, NE, NW
  struct Piece {
    unsigned char level = 0;  // 1..4
    std::uint32_t first = 0;  // index into x/y
    std::uint32_t count = 0;
    std::uint16_t xmin = 0, xmax = 0, ymin = 0, ymax = 0;  // bounding box
  };
  std::vector<Piece> pieces;
  std::vector<std::uint16_t> x;
  std::vector<std::uint16_t> y;
};

double wrap360(double lon) noexcept {
  double w = std::fmod(lon, 360.0);
  if (w < 0) w += 360.0;
  if (w >= 360.0) w = 0.0;
  return w;
}

double wrap180(double d) noexcept {
  double w = std::fmod(d + 180.0, 360.0);
  if (w < 0) w += 360.0;
  return w - 180.0;
}

/// Level at (u, v) in bin units (0..65535 from the SW corner): start from
/// the level of the nearest bin corner and count, per level k, the crossings
/// of level-k pieces by the straight path corner -> point.  Inside a level-k
/// polygon at the point = (inside at the corner) XOR (odd crossings); the
/// level is the deepest k inside.  Order-independent; pieces whose bounding
/// box misses the path's are skipped, so the cost is O(points near the path).
unsigned level_in_bin(const Bin& bin, double u, double v) noexcept {
  const bool east = u > kMaxDelta / 2;
  const bool north = v > kMaxDelta / 2;
  // Corners in GMT's order: 0 SW, 1 SE, 2 NE, 3 NW.
  const unsigned corner = north ? (east ? 2U : 3U) : (east ? 1U : 0U);
  const double cx = east ? kMaxDelta : 0.0;
  const double cy = north ? kMaxDelta : 0.0;
  const unsigned start = bin.corner[corner];
  const double pu = u - cx;  // the path, relative to the corner
  const double pv = v - cy;
  const double pp = pu * pu + pv * pv;
  if (bin.pieces.empty() || pp == 0.0) return start;
  const double box_x0 = std::min(u, cx), box_x1 = std::max(u, cx);
  const double box_y0 = std::min(v, cy), box_y1 = std::max(v, cy);
  std::array<unsigned, 8> crossings{};
  for (const Bin::Piece& piece : bin.pieces) {
    if (piece.xmax < box_x0 || piece.xmin > box_x1 || piece.ymax < box_y0 ||
        piece.ymin > box_y1) {
      continue;  // cannot cross the path
    }
    unsigned n = 0;
    const std::uint16_t* xs = bin.x.data() + piece.first;
    const std::uint16_t* ys = bin.y.data() + piece.first;
    double ax = xs[0] - cx;
    double ay = ys[0] - cy;
    double sa = pu * ay - pv * ax;  // side of a w.r.t. the line corner->point
    for (std::uint32_t i = 1; i < piece.count; ++i) {
      const double bx = xs[i] - cx;
      const double by = ys[i] - cy;
      const double sb = pu * by - pv * bx;
      if ((sa > 0) != (sb > 0)) {
        // Where the edge meets the line; keep it if on the path.
        const double lambda = sa / (sa - sb);
        const double ix = ax + (bx - ax) * lambda;
        const double iy = ay + (by - ay) * lambda;
        const double t = (ix * pu + iy * pv) / pp;
        if (t > 0.0 && t <= 1.0) ++n;
      }
      ax = bx;
      ay = by;
      sa = sb;
    }
    crossings[piece.level & 7U] += n;
  }
  unsigned level = 0;
  for (unsigned k = 1; k <= 4; ++k) {
    const bool inside = (k <= start) != ((crossings[k] & 1U) != 0);
    if (inside) level = k;
  }
  return level;
}

double point_segment_m(double px, double py, double ax, double ay, double bx,
                       double by) noexcept {
  const double dx = bx - ax;
  const double dy = by - ay;
  const double len2 = dx * dx + dy * dy;
  double t = 0.0;
  if (len2 > 0.0) t = std::clamp(((px - ax) * dx + (py - ay) * dy) / len2, 0.0, 1.0);
  const double ex = ax + t * dx - px;
  const double ey = ay + t * dy - py;
  return std::sqrt(ex * ex + ey * ey);
}

}  // namespace
#endif

bool LandMask::available() noexcept {
#ifdef TIDEWATCH_HAVE_NETCDF
  return true;
#else
  return false;
#endif
}

#ifdef TIDEWATCH_HAVE_NETCDF

namespace {

/// netCDF-C is not thread-safe, even across files.
std::mutex& netcdf_mutex() {
  static std::mutex m;
  return m;
}

/// netCDF 4.9.0 with HDF5 1.10 prints HDF5's error stack for attributes it
/// merely probes (`_QuantizeBitGroom...`); silence HDF5's automatic printing
/// while we call netCDF (errors still come back as status codes).
class QuietHdf5 {
 public:
#ifdef TIDEWATCH_HAVE_HDF5
  QuietHdf5() {
    H5Eget_auto2(H5E_DEFAULT, &func_, &data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ~QuietHdf5() { H5Eset_auto2(H5E_DEFAULT, func_, data_); }
#else
  QuietHdf5() = default;
  ~QuietHdf5() = default;
#endif
  QuietHdf5(const QuietHdf5&) = delete;
  QuietHdf5& operator=(const QuietHdf5&) = delete;

 private:
#ifdef TIDEWATCH_HAVE_HDF5
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
#endif
};

void check(int status, const std::string& path, const char* what) {
  if (status != NC_NOERR) {
    throw std::runtime_error("GSHHG " + path + ": " + what + ": " + nc_strerror(status));
  }
}

}  // namespace

struct LandMask::Impl {
  char resolution = 'c';
  std::string path;
  std::string version;
  int ncid = -1;
  int bin_size_minutes = 0;
  int nx = 0;  // bins per latitude band
  int ny = 0;  // latitude bands
  double bsize = 0;  // degrees
  int var_seg_info = -1, var_seg_start = -1, var_ant_flag = -1, var_dx = -1, var_dy = -1;
  std::vector<short> bin_info;
  std::vector<short> bin_nseg;
  std::vector<int> bin_firstseg;

  std::size_t capacity = 1024;
  mutable std::mutex cache_mutex;
  mutable std::list<int> lru;  // most recent first
  mutable std::unordered_map<int, std::pair<std::shared_ptr<const Bin>, std::list<int>::iterator>>
      cache;

  ~Impl() {
    if (ncid >= 0) {
      std::lock_guard<std::mutex> lock(netcdf_mutex());
      nc_close(ncid);
    }
  }

  int bin_index(int row, int col) const noexcept { return row * nx + col; }

  int row_of(double lat) const noexcept {
    const double r = std::floor((90.0 - lat) / bsize);
    return static_cast<int>(std::clamp(r, 0.0, static_cast<double>(ny - 1)));
  }
  int col_of(double lon360) const noexcept {
    const double c = std::floor(lon360 / bsize);
    return static_cast<int>(std::clamp(c, 0.0, static_cast<double>(nx - 1)));
  }

  std::shared_ptr<const Bin> decode(int b) const {
    auto bin = std::make_shared<Bin>();
    bin->lon_sw = (b % nx) * bsize;
    bin->lat_sw = 90.0 - (b / nx + 1) * bsize;
    const auto info = static_cast<unsigned short>(bin_info[static_cast<std::size_t>(b)]);
    for (unsigned k = 0; k < 4; ++k) {
      bin->corner[k] = static_cast<unsigned char>((info >> (9U - 3U * k)) & 7U);
    }
    const auto nseg = static_cast<std::size_t>(bin_nseg[static_cast<std::size_t>(b)]);
    if (nseg == 0) return bin;
    std::vector<int> seg_info(nseg);
    std::vector<int> seg_start(nseg);
    std::vector<signed char> ant(nseg, 0);
    std::lock_guard<std::mutex> lock(netcdf_mutex());
    [[maybe_unused]] const QuietHdf5 quiet;
    const std::size_t start = static_cast<std::size_t>(bin_firstseg[static_cast<std::size_t>(b)]);
    const std::size_t count = nseg;
    check(nc_get_vara_int(ncid, var_seg_info, &start, &count, seg_info.data()), path,
          "segment info");
    check(nc_get_vara_int(ncid, var_seg_start, &start, &count, seg_start.data()), path,
          "segment start");
    if (var_ant_flag >= 0) {
      check(nc_get_vara_schar(ncid, var_ant_flag, &start, &count, ant.data()), path,
            "Antarctica flag");
    }
    std::vector<short> buf;
    for (std::size_t s = 0; s < nseg; ++s) {
      const auto word = static_cast<std::uint32_t>(seg_info[s]);
      unsigned level = (word >> 6U) & 7U;
      if (ant[s] != 0) level = 5;    // Antarctica ice-shelf front
      if (level == 6) continue;      // Antarctica grounding line: GMT skips it by default
      if (level == 5) level = 1;
      if (level < 1 || level > 4) continue;
      const std::uint32_t np = word >> 9U;
      if (np < 2) continue;
      Bin::Piece piece;
      piece.level = static_cast<unsigned char>(level);
      piece.first = static_cast<std::uint32_t>(bin->x.size());
      piece.count = np;
      buf.resize(np);
      const std::size_t pstart = static_cast<std::size_t>(seg_start[s]);
      const std::size_t pcount = np;
      check(nc_get_vara_short(ncid, var_dx, &pstart, &pcount, buf.data()), path, "longitudes");
      for (short d : buf) bin->x.push_back(static_cast<std::uint16_t>(d));
      check(nc_get_vara_short(ncid, var_dy, &pstart, &pcount, buf.data()), path, "latitudes");
      for (short d : buf) bin->y.push_back(static_cast<std::uint16_t>(d));
      const auto xb = bin->x.begin() + piece.first;
      const auto yb = bin->y.begin() + piece.first;
      const auto [xlo, xhi] = std::minmax_element(xb, bin->x.end());
      const auto [ylo, yhi] = std::minmax_element(yb, bin->y.end());
      piece.xmin = *xlo;
      piece.xmax = *xhi;
      piece.ymin = *ylo;
      piece.ymax = *yhi;
      bin->pieces.push_back(piece);
    }
    return bin;
  }

  std::shared_ptr<const Bin> get(int b) const {
    {
      std::lock_guard<std::mutex> lock(cache_mutex);
      auto it = cache.find(b);
      if (it != cache.end()) {
        lru.splice(lru.begin(), lru, it->second.second);
        return it->second.first;
      }
    }
    std::shared_ptr<const Bin> bin = decode(b);  // may run twice under a race: harmless
    std::lock_guard<std::mutex> lock(cache_mutex);
    auto it = cache.find(b);
    if (it != cache.end()) return it->second.first;
    lru.push_front(b);
    cache.emplace(b, std::make_pair(bin, lru.begin()));
    while (cache.size() > capacity) {
      cache.erase(lru.back());
      lru.pop_back();
    }
    return bin;
  }
};

std::unique_ptr<LandMask> LandMask::open(char resolution, const std::string& directory,
                                         std::size_t cache_bins) {
  if (std::string_view("clihf").find(resolution) == std::string_view::npos) {
    throw std::runtime_error(std::string("GSHHG resolution must be one of c, l, i, h, f, not '") +
                             resolution + "'");
  }
  auto impl = std::make_unique<Impl>();
  impl->resolution = resolution;
  impl->capacity = std::max<std::size_t>(cache_bins, 4);
  impl->path = directory + "/binned_GSHHS_" + resolution + ".nc";
  const std::string& path = impl->path;
  std::lock_guard<std::mutex> lock(netcdf_mutex());
  [[maybe_unused]] const QuietHdf5 quiet;
  int ncid = -1;
  const int status = nc_open(path.c_str(), NC_NOWRITE, &ncid);
  if (status != NC_NOERR) {
    throw std::runtime_error("GSHHG " + path + ": cannot open (" + nc_strerror(status) +
                             "); install gmt-gshhg-low (c, l, i), gmt-gshhg-high (h) or "
                             "gmt-gshhg-full (f)");
  }
  impl->ncid = ncid;
  std::size_t len = 0;
  if (nc_inq_attlen(ncid, NC_GLOBAL, "version", &len) == NC_NOERR && len < 256) {
    std::string v(len, '\0');
    if (nc_get_att_text(ncid, NC_GLOBAL, "version", v.data()) == NC_NOERR) {
      impl->version = v.c_str();
    }
  }
  auto var = [&](const char* name) {
    int id = -1;
    check(nc_inq_varid(ncid, name, &id), path, name);
    return id;
  };
  auto scalar = [&](const char* name) {
    int value = 0;
    const std::size_t zero = 0;
    check(nc_get_var1_int(ncid, var(name), &zero, &value), path, name);
    return value;
  };
  impl->bin_size_minutes = scalar("Bin_size_in_minutes");
  impl->nx = scalar("N_bins_in_360_longitude_range");
  impl->ny = scalar("N_bins_in_180_degree_latitude_range");
  const int n_bins = scalar("N_bins_in_file");
  if (impl->bin_size_minutes <= 0 || impl->nx * impl->bin_size_minutes != 360 * 60 ||
      impl->ny * impl->bin_size_minutes != 180 * 60 || n_bins != impl->nx * impl->ny) {
    throw std::runtime_error("GSHHG " + path + ": inconsistent bin layout");
  }
  impl->bsize = impl->bin_size_minutes / 60.0;
  impl->var_seg_info = var("Embedded_npts_levels_exit_entry_for_a_segment");
  impl->var_seg_start = var("Id_of_first_point_in_a_segment");
  impl->var_dx = var("Relative_longitude_from_SW_corner_of_bin");
  impl->var_dy = var("Relative_latitude_from_SW_corner_of_bin");
  int ant = -1;
  if (nc_inq_varid(ncid, "Embedded_ANT_flag", &ant) == NC_NOERR) impl->var_ant_flag = ant;
  const auto nb = static_cast<std::size_t>(n_bins);
  const std::size_t zero = 0;
  impl->bin_info.resize(nb);
  impl->bin_nseg.resize(nb);
  impl->bin_firstseg.resize(nb);
  check(nc_get_vara_short(ncid, var("Embedded_node_levels_in_a_bin"), &zero, &nb,
                          impl->bin_info.data()),
        path, "node levels");
  check(nc_get_vara_short(ncid, var("N_segments_in_a_bin"), &zero, &nb, impl->bin_nseg.data()),
        path, "segments per bin");
  check(nc_get_vara_int(ncid, var("Id_of_first_segment_in_a_bin"), &zero, &nb,
                        impl->bin_firstseg.data()),
        path, "first segment");
  return std::unique_ptr<LandMask>(new LandMask(std::move(impl)));
}

ShoreLevel LandMask::level(double lat, double lon) const {
  if (std::isnan(lat) || std::isnan(lon)) return ShoreLevel::ocean;
  const Impl& m = *impl_;
  lat = std::clamp(lat, -90.0, 90.0);
  const double lon360 = wrap360(lon);
  const int row = m.row_of(lat);
  const int col = m.col_of(lon360);
  const std::shared_ptr<const Bin> bin = m.get(m.bin_index(row, col));
  const double scale = kMaxDelta / m.bsize;
  const double u = std::clamp((lon360 - bin->lon_sw) * scale, kEdgeInset, kMaxDelta - kEdgeInset);
  const double v = std::clamp((lat - bin->lat_sw) * scale, kEdgeInset, kMaxDelta - kEdgeInset);
  return static_cast<ShoreLevel>(level_in_bin(*bin, u, v));
}

double LandMask::distance_to_shore_m(double lat, double lon, double max_m) const {
  if (std::isnan(lat) || std::isnan(lon) || !(max_m > 0)) return kInf;
  const Impl& m = *impl_;
  lat = std::clamp(lat, -90.0, 90.0);
  const double lon360 = wrap360(lon);
  const double dlat = max_m / kMetresPerDegree;
  const double coslat = std::cos(lat * kPi / 180.0);
  const int row_n = m.row_of(std::min(90.0, lat + dlat));
  const int row_s = m.row_of(std::max(-90.0, lat - dlat));
  // Columns: all of them near a pole, else the band lon +- dlon.
  const double far_lat = std::min(89.0, std::abs(lat) + dlat);
  const double dlon = dlat / std::cos(far_lat * kPi / 180.0);
  std::vector<int> cols;
  if (std::abs(lat) + dlat >= 89.0 || 2.0 * dlon >= 360.0 - m.bsize) {
    for (int c = 0; c < m.nx; ++c) cols.push_back(c);
  } else {
    const int c0 = static_cast<int>(std::floor((lon360 - dlon) / m.bsize));
    const int c1 = static_cast<int>(std::floor((lon360 + dlon) / m.bsize));
    for (int c = c0; c <= c1; ++c) cols.push_back(((c % m.nx) + m.nx) % m.nx);
  }
  const double scale = m.bsize / kMaxDelta;
  const double mx = kMetresPerDegree * coslat;  // metres per degree of longitude here
  double best = kInf;
  for (int row = row_n; row <= row_s; ++row) {
    for (int col : cols) {
      const std::shared_ptr<const Bin> bin = m.get(m.bin_index(row, col));
      for (const Bin::Piece& piece : bin->pieces) {
        double ax = 0, ay = 0;
        for (std::uint32_t i = 0; i < piece.count; ++i) {
          const double plon = bin->lon_sw + bin->x[piece.first + i] * scale;
          const double plat = bin->lat_sw + bin->y[piece.first + i] * scale;
          const double bx = wrap180(plon - lon360) * mx;
          const double by = (plat - lat) * kMetresPerDegree;
          if (i > 0) best = std::min(best, point_segment_m(0, 0, ax, ay, bx, by));
          ax = bx;
          ay = by;
        }
      }
    }
  }
  return best <= max_m ? best : kInf;
}

std::vector<ShoreLevel> LandMask::level_grid(double lat0, double lon0, double step_lat,
                                             double step_lon, int rows, int cols) const {
  std::vector<ShoreLevel> out;
  if (rows <= 0 || cols <= 0 || !std::isfinite(lat0) || !std::isfinite(lon0) ||
      !std::isfinite(step_lat) || !std::isfinite(step_lon)) {
    return out;
  }
  const Impl& m = *impl_;
  const auto nrows = static_cast<std::size_t>(rows);
  const auto ncols = static_cast<std::size_t>(cols);
  out.assign(nrows * ncols, ShoreLevel::ocean);
  const double scale = kMaxDelta / m.bsize;

  // Grid columns and rows grouped by the bin column / bin row they fall in,
  // each group sorted west to east / south to north.
  struct Line {
    int bin = 0;       // bin column or bin row
    double coord = 0;  // lon in 0..360 or lat in -90..90
    int index = 0;     // grid column or row
  };
  std::vector<Line> colv(ncols);
  for (int j = 0; j < cols; ++j) {
    const double lon360 = wrap360(lon0 + j * step_lon);
    colv[static_cast<std::size_t>(j)] = {m.col_of(lon360), lon360, j};
  }
  std::vector<Line> rowv(nrows);
  for (int i = 0; i < rows; ++i) {
    const double lat = std::clamp(lat0 + i * step_lat, -90.0, 90.0);
    rowv[static_cast<std::size_t>(i)] = {m.row_of(lat), lat, i};
  }
  auto by_bin = [](const Line& a, const Line& b) {
    return a.bin != b.bin ? a.bin < b.bin : a.coord < b.coord;
  };
  std::sort(colv.begin(), colv.end(), by_bin);
  std::sort(rowv.begin(), rowv.end(), by_bin);

  // Edges of one bin bucketed by latitude (v), so a row only looks at the
  // edges that span its v.
  constexpr int kBuckets = 64;
  constexpr double kBucketHeight = (kMaxDelta + 1.0) / kBuckets;
  std::vector<std::vector<std::uint32_t>> buckets(kBuckets);  // edge = index of its first point
  std::vector<unsigned char> point_level;                    // level of the piece a point starts
  struct Crossing {
    double u;
    unsigned level;
  };
  std::vector<Crossing> crossings;

  for (std::size_t r0 = 0; r0 < rowv.size();) {
    std::size_t r1 = r0;
    while (r1 < rowv.size() && rowv[r1].bin == rowv[r0].bin) ++r1;
    for (std::size_t c0 = 0; c0 < colv.size();) {
      std::size_t c1 = c0;
      while (c1 < colv.size() && colv[c1].bin == colv[c0].bin) ++c1;
      const std::shared_ptr<const Bin> bin = m.get(m.bin_index(rowv[r0].bin, colv[c0].bin));
      const bool plain = bin->pieces.empty();
      if (!plain) {
        for (auto& b : buckets) b.clear();
        point_level.assign(bin->x.size(), 0);
        for (const Bin::Piece& piece : bin->pieces) {
          for (std::uint32_t k = 0; k + 1 < piece.count; ++k) {
            const std::uint32_t a = piece.first + k;
            point_level[a] = piece.level;
            const std::uint16_t ya = bin->y[a];
            const std::uint16_t yb = bin->y[a + 1];
            if (ya == yb) continue;  // never crosses a row
            const int b0 = static_cast<int>(std::min(ya, yb) / kBucketHeight);
            const int b1 = std::min(kBuckets - 1, static_cast<int>(std::max(ya, yb) / kBucketHeight));
            for (int b = b0; b <= b1; ++b) buckets[static_cast<std::size_t>(b)].push_back(a);
          }
        }
      }
      for (std::size_t r = r0; r < r1; ++r) {
        const double v =
            std::clamp((rowv[r].coord - bin->lat_sw) * scale, kEdgeInset, kMaxDelta - kEdgeInset);
        ShoreLevel* row_out = out.data() + static_cast<std::size_t>(rowv[r].index) * ncols;
        auto u_of = [&](std::size_t c) {
          return std::clamp((colv[c].coord - bin->lon_sw) * scale, kEdgeInset,
                            kMaxDelta - kEdgeInset);
        };
        if (plain) {
          for (std::size_t c = c0; c < c1; ++c) {
            row_out[colv[c].index] = static_cast<ShoreLevel>(level_in_bin(*bin, u_of(c), v));
          }
          continue;
        }
        // Where this row meets the bin's edges, west to east.  An edge
        // counts when its ends lie on different sides of the row (y > v
        // against y <= v): the rule level_in_bin applies to any path.
        crossings.clear();
        const int bk = std::min(kBuckets - 1, static_cast<int>(v / kBucketHeight));
        for (const std::uint32_t a : buckets[static_cast<std::size_t>(bk)]) {
          const double ay = bin->y[a];
          const double by = bin->y[a + 1];
          if ((ay > v) == (by > v)) continue;
          const double ax = bin->x[a];
          const double bx = bin->x[a + 1];
          crossings.push_back({ax + (v - ay) * (bx - ax) / (by - ay), point_level[a]});
        }
        std::sort(crossings.begin(), crossings.end(),
                  [](const Crossing& a, const Crossing& b) { return a.u < b.u; });
        // The first point as level() finds it, then walk east toggling
        // "inside level k" at every crossing of a level-k piece.
        const double u_first = u_of(c0);
        const unsigned first = level_in_bin(*bin, u_first, v);
        row_out[colv[c0].index] = static_cast<ShoreLevel>(first);
        std::array<bool, 8> inside{};
        for (unsigned k = 1; k <= 4; ++k) inside[k] = k <= first;
        std::size_t next = static_cast<std::size_t>(
            std::upper_bound(crossings.begin(), crossings.end(), u_first,
                             [](double u, const Crossing& c) { return u < c.u; }) -
            crossings.begin());
        for (std::size_t c = c0 + 1; c < c1; ++c) {
          const double u = u_of(c);
          while (next < crossings.size() && crossings[next].u <= u) {
            inside[crossings[next].level & 7U] = !inside[crossings[next].level & 7U];
            ++next;
          }
          unsigned level = 0;
          for (unsigned k = 1; k <= 4; ++k) {
            if (inside[k]) level = k;
          }
          row_out[colv[c].index] = static_cast<ShoreLevel>(level);
        }
      }
      c0 = c1;
    }
    r0 = r1;
  }
  return out;
}

void LandMask::shorelines(double lat_s, double lat_n, double lon_w, double lon_e,
                          ShoreLines& out) const {
  if (std::isnan(lat_s) || std::isnan(lat_n) || !std::isfinite(lon_w) || !std::isfinite(lon_e) ||
      lat_s > lat_n || lon_w > lon_e) {
    return;
  }
  const Impl& m = *impl_;
  lat_s = std::clamp(lat_s, -90.0, 90.0);
  lat_n = std::clamp(lat_n, -90.0, 90.0);
  lon_e = std::min(lon_e, lon_w + 360.0);
  const int row_n = m.row_of(lat_n);
  const int row_s = m.row_of(lat_s);
  const auto c0 = static_cast<long>(std::floor(lon_w / m.bsize));
  const long c1 = std::min(static_cast<long>(std::floor(lon_e / m.bsize)), c0 + m.nx - 1);
  const double scale = m.bsize / kMaxDelta;
  for (int row = row_n; row <= row_s; ++row) {
    for (long c = c0; c <= c1; ++c) {
      const int col = static_cast<int>(((c % m.nx) + m.nx) % m.nx);
      const std::shared_ptr<const Bin> bin = m.get(m.bin_index(row, col));
      const double west = static_cast<double>(c) * m.bsize;  // unwrapped SW corner
      for (const Bin::Piece& piece : bin->pieces) {
        if (west + piece.xmax * scale < lon_w || west + piece.xmin * scale > lon_e ||
            bin->lat_sw + piece.ymax * scale < lat_s || bin->lat_sw + piece.ymin * scale > lat_n) {
          continue;
        }
        for (std::uint32_t i = 0; i < piece.count; ++i) {
          out.lon.push_back(west + bin->x[piece.first + i] * scale);
          out.lat.push_back(bin->lat_sw + bin->y[piece.first + i] * scale);
        }
        out.start.push_back(static_cast<std::uint32_t>(out.lat.size()));
        out.level.push_back(static_cast<ShoreLevel>(piece.level));
      }
    }
  }
}

char LandMask::resolution() const noexcept { return impl_->resolution; }
double LandMask::bin_size_degrees() const noexcept { return impl_->bsize; }
const std::string& LandMask::path() const noexcept { return impl_->path; }
const std::string& LandMask::version() const noexcept { return impl_->version; }

#else  // !TIDEWATCH_HAVE_NETCDF: compiled out, open() reports it.

struct LandMask::Impl {
  std::string empty;
};

std::unique_ptr<LandMask> LandMask::open(char /*resolution*/, const std::string& /*directory*/,
                                         std::size_t /*cache_bins*/) {
  throw std::runtime_error(
      "GSHHG land mask not available: tidewatch was built without libnetcdf "
      "(install libnetcdf-dev and reconfigure)");
}

ShoreLevel LandMask::level(double, double) const { return ShoreLevel::ocean; }
double LandMask::distance_to_shore_m(double, double, double) const {
  return std::numeric_limits<double>::infinity();
}
std::vector<ShoreLevel> LandMask::level_grid(double, double, double, double, int, int) const {
  return {};
}
void LandMask::shorelines(double, double, double, double, ShoreLines&) const {}
char LandMask::resolution() const noexcept { return '\0'; }
double LandMask::bin_size_degrees() const noexcept { return 0.0; }
const std::string& LandMask::path() const noexcept { return impl_->empty; }
const std::string& LandMask::version() const noexcept { return impl_->empty; }

#endif

LandMask::LandMask(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LandMask::~LandMask() = default;

}  // namespace tidewatch::geo
