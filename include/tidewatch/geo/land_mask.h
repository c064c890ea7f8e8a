#pragma once
// Land or water at a position, from the GSHHG shoreline database (Global
// Self-consistent, Hierarchical, High-resolution Geography, P. Wessel and
// W. H. F. Smith, version 2.3.7, LGPL-3.0-or-later).  The data come from the
// Debian 12 packages `gmt-gshhg-low` (resolutions c, l, i) and
// `gmt-gshhg-high` (h) [`gmt-gshhg-full`: f], installed in /usr/share/gmt-gshhg
// as GMT's *binned* netCDF-4 files `binned_GSHHS_<r>.nc`; they are read with
// libnetcdf, an optional dependency: without it LandMask::available() is
// false and open() throws "not available".
//
// The binned format (verified against GMT's src/gmt_shore.c, gmt_init_shore
// and gmt_get_shore_bin, and the files themselves; docs/tracks.md §4):
//   - the globe is cut into square bins of Bin_size_in_minutes (c 1200 = 20°,
//     l 600 = 10°, i 300 = 5°, h 120 = 2°, f 60 = 1°), numbered row by row
//     from the north pole, west to east from longitude 0;
//   - each bin stores the GSHHG level of its 4 corners, 3 bits each in
//     Embedded_node_levels_in_a_bin (SW bits 9-11, SE 6-8, NE 3-5, NW 0-2),
//     and its shoreline pieces: polygons wholly inside the bin, or lines
//     that enter and leave it through its sides;
//   - a piece's info word packs exit side (bits 0-2), entry side (3-5,
//     4 = closed), level (6-8) and number of points (9-31); points are u16
//     offsets from the SW corner in units of bin_size/65535;
//   - Antarctica: pieces flagged in Embedded_ANT_flag are the ice-shelf
//     front (used here as level 1, GMT's default); level-6 pieces are the
//     grounding line and are skipped, as GMT does by default.
//
// Levels: 0 ocean, 1 land, 2 lake, 3 island in a lake, 4 pond on such an
// island.  A position is land when its level is odd.  Lakes include the
// Caspian Sea and the riverlakes GSHHG draws as double-lined rivers.
//
// Precision: the shoreline is the chosen resolution's (c ~25 km, l ~5 km,
// i ~1 km, h ~0.2 km, f ~0.04 km between points); near the coast `is_land`
// is only as good as that, which is why `position_on_land` also asks for a
// distance from the shore.  A position exactly on a bin's side (a multiple
// of the bin size in latitude or longitude) is read half a point unit inside
// its bin (1.7 m at 'h'): a path from a corner along the side would miss the
// shoreline's entry points there.
//
// Thread safety: all query functions are const and may be called from many
// threads at once.  Bins are decoded lazily on first use and kept in a small
// LRU cache guarded by a mutex (netCDF-C itself is not thread-safe, so every
// netCDF call is serialised process-wide).
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace tidewatch::geo {

/// GSHHG hierarchy level of a position.
enum class ShoreLevel : unsigned char {
  ocean = 0,
  land = 1,
  lake = 2,
  island_in_lake = 3,
  pond = 4,
};

/// True for land and island_in_lake (odd levels).
constexpr bool is_land_level(ShoreLevel level) noexcept {
  return (static_cast<unsigned>(level) & 1U) != 0;
}

/// Shoreline pieces as LandMask::shorelines returns them: piece k has the
/// points [start[k], start[k+1]) of `lat`/`lon` (degrees) and encloses an
/// area of level `level[k]` (land, lake, island_in_lake or pond).  Pieces are
/// GSHHG's binned pieces: closed polygons inside one bin, or lines that end
/// on a bin's sides; consecutive points are joined by straight segments in
/// degrees (the GSHHG convention).
struct ShoreLines {
  std::vector<double> lat;
  std::vector<double> lon;
  std::vector<std::uint32_t> start{0};  ///< size = pieces + 1
  std::vector<ShoreLevel> level;        ///< size = pieces

  [[nodiscard]] std::size_t pieces() const noexcept { return level.size(); }
  void clear() {
    lat.clear();
    lon.clear();
    start.assign(1, 0);
    level.clear();
  }
};

class LandMask {
 public:
  /// Where Debian puts the files.
  static constexpr const char* kDefaultDirectory = "/usr/share/gmt-gshhg";

  /// False when tidewatch was built without libnetcdf; open() then throws.
  [[nodiscard]] static bool available() noexcept;

  /// Opens `<directory>/binned_GSHHS_<resolution>.nc`; resolution is one of
  /// 'c', 'l', 'i', 'h', 'f'.  Reads only the per-bin index (a few kB to
  /// 200 kB); shorelines are read on demand.  `cache_bins` is how many
  /// decoded bins are kept (at least 4); a decoded bin costs 4 bytes per
  /// shoreline point, so even every bin of h (2.0 M points) is ~8 MB.  Keep
  /// it above the number of bins a workload touches: the DMA sample touches
  /// 109 bins of h, and with a 64-bin cache re-decoding made queries 13x
  /// slower (190 us against 15 us).  Throws std::runtime_error with a
  /// readable message (missing package, bad file, not available).
  static std::unique_ptr<LandMask> open(char resolution,
                                        const std::string& directory = kDefaultDirectory,
                                        std::size_t cache_bins = 1024);

  ~LandMask();
  LandMask(const LandMask&) = delete;
  LandMask& operator=(const LandMask&) = delete;

  /// GSHHG level at (lat, lon), degrees WGS 84; any longitude (wrapped),
  /// latitude clamped to [-90, 90].  NaN gives ocean.
  [[nodiscard]] ShoreLevel level(double lat, double lon) const;

  /// level() is land or island in a lake.
  [[nodiscard]] bool is_land(double lat, double lon) const {
    return is_land_level(level(lat, lon));
  }

  /// Metres from (lat, lon) to the nearest GSHHG shoreline of any level
  /// (sea coast, lake shore, island in lake, pond), or +infinity when there
  /// is none within `max_m` (searching costs grow with max_m; keep it a few
  /// km).  Distances use a local equirectangular projection around the
  /// position on the sphere of kEarthRadiusM: good to well under 1% within
  /// 50 km except within a degree of the poles.
  [[nodiscard]] double distance_to_shore_m(double lat, double lon,
                                           double max_m = 10000.0) const;

  /// The `position_on_land` test of docs/tracks.md §4: land (odd level) and
  /// more than `margin_m` from every shoreline.
  [[nodiscard]] bool is_inland(double lat, double lon, double margin_m = 1000.0) const {
    return is_land(lat, lon) && distance_to_shore_m(lat, lon, margin_m) > margin_m;
  }

  /// GSHHG levels on a regular grid, row-major: element i * cols + j is
  /// level(lat0 + i * step_lat, lon0 + j * step_lon) for i < rows, j < cols
  /// (row 0 is lat0).  The same answer as calling level() at every point,
  /// but a scanline over each bin's shoreline: the cost is one level() per
  /// grid row and bin plus the shoreline edges the row meets, so a 1000 x
  /// 1000 grid of 'h' takes tens of milliseconds instead of seconds.  Empty
  /// when rows or cols <= 0 or a step is not finite.
  [[nodiscard]] std::vector<ShoreLevel> level_grid(double lat0, double lon0, double step_lat,
                                                   double step_lon, int rows, int cols) const;

  /// Appends to `out` every shoreline piece (all levels, Antarctica's
  /// ice-shelf front as land, as level() sees them) whose bounding box meets
  /// the box lat_s..lat_n, lon_w..lon_e (degrees; lon_w <= lon_e, at most
  /// 360 degrees apart, any multiple of 360: longitudes come back shifted
  /// into the box's range, so a box across the antimeridian, e.g. 179..181,
  /// gets Wrangel Island's east coast at 180.5 rather than -179.5).  Whole
  /// pieces are returned, not clipped.  Decodes the bins it touches.
  void shorelines(double lat_s, double lat_n, double lon_w, double lon_e, ShoreLines& out) const;

  /// 'c', 'l', 'i', 'h' or 'f'.
  [[nodiscard]] char resolution() const noexcept;
  /// Bin size in degrees (20, 10, 5, 2, 1).
  [[nodiscard]] double bin_size_degrees() const noexcept;
  /// The file opened.
  [[nodiscard]] const std::string& path() const noexcept;
  /// The file's GSHHG version attribute, e.g. "2.3.7".
  [[nodiscard]] const std::string& version() const noexcept;

  struct Impl;

 private:
  explicit LandMask(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tidewatch::geo
