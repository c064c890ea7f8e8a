#pragma once
// Shortest distances by sea: around land, not across it.
//
//   geo::SeaRouter router(geo::LandMask::open('h'));
//   std::vector<geo::LatLon> ports = {{42.233, 130.3}, {43.109, 131.888}};
//   std::vector<double> nm = router.route_nm(42.75, 133.08, ports, 400.0);
//   // nm[k]: sea distance to ports[k] in nautical miles, +infinity when no
//   // sea route of at most 400 nm exists.
//
// Method (docs/geo.md): a latitude/longitude grid of cells over the area a
// route of at most max_nm can reach; a cell is water when the GSHHG level at
// its centre is even (ocean, lake, pond: LandMask::level_grid).  Dijkstra's
// algorithm from the start over water cells, 16-connected (the 8 neighbours
// and the 8 knight moves), each move costing the WGS 84 geodesic length
// between the cell centres (GeographicLib).  A move may not cut a corner: a
// diagonal needs both cells beside it to be water, a knight move the two
// cells its straight line passes through.  Each target's path is then
// shortened by line of sight over water cells (string pulling), so on open
// water a route is within a fraction of a percent of the geodesic instead of
// the 16-connected grid's up to 2.7 % longer.
//
// Ends of a route.  Ports sit on the coast and GSHHG often draws a harbour
// basin or a river as land, so neither the start nor a target has to be in
// a water cell: each connects to every water cell whose centre is within
// snap_km (GFW's port entry distance, 3 km), and, when there is none, to the
// nearest water cells within max_snap_km; the leg from the position to the
// cell is its geodesic length and counts in the route.  A position farther
// than max_snap_km from any water cell of the grid has no route (infinity).
//
// Canals.  GSHHG does not draw canals, and draws the Bosporus (0.7 km)
// narrower than a cell: the built-in passages (builtin_passages(): Suez,
// Panama, Kiel, Corinth, Bosporus) are burned into every grid as
// 4-connected lines of water cells (SeaRouteParams::passages).
//
// Resolution.  Cells are min_cell_deg (0.01 degree of latitude, 1.1 km; the
// longitude step is chosen so cells are square at the grid's middle
// latitude) unless the area would need more than max_cells cells; then they
// grow to fit (a 600 nm radius gives 0.019 degree).  Water narrower than
// about a cell may be closed: the Little Belt at Middelfart (0.7 km) is, so
// a route from Fredericia south goes round Funen (115 nm for 15); the
// Bosporus without its passage opens only below 0.003 degree.  The Great
// Belt, the Oresund, the Dardanelles, the Kerch Strait, Hormuz and Singapore
// stay open at 0.01 degree.  A route's length is good to about a cell per
// turn around land, plus the shortening's approximation (legs are geodesics
// between cell centres whose straight line on the grid is all water).
//
// Costs (measured on 2 cores, 'h', docs/geo.md): a grid of 1.5 million
// cells (600 nm radius) builds in ~70 ms including decoding the bins, and a
// search over it takes ~100 ms; 300 nm: 33 + 22 ms; 100 nm: 9 + 5 ms.  A
// search visits each water cell within reach (and, when pruned toward the
// other end, within the ellipse) once.
//
// Bad input never crashes: NaN positions or a NaN/negative max_nm give
// infinity for every target.  Thread safety: const member functions may run
// in parallel; a SeaGrid is immutable once built.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <vector>

#include "tidewatch/geo/land_mask.h"

namespace tidewatch::geo {

/// A position, degrees WGS 84.
struct LatLon {
  double lat = 0;
  double lon = 0;
};

/// Every threshold of the sea router, with its unit and source.
struct SeaRouteParams {
  /// degrees of latitude; the finest cell.  [project] 0.01 (1.1 km): keeps
  /// the Danish straits and most harbour approaches open while a 200 nm
  /// search stays under a million cells.
  double min_cell_deg = 0.01;
  /// cells; a grid never holds more (a larger area gets coarser cells).
  /// [project] 1,500,000: ~25 MB of search state, a full search in well
  /// under a second.
  std::size_t max_cells = 1'500'000;
  /// kilometres; the start and each target connect to the water cells
  /// within this.  GFW's port entry distance (anchorages pipeline
  /// anchorage_cfg.yaml anchorage_entry_distance_km: 3.0).
  double snap_km = 3.0;
  /// kilometres; when no water cell is within snap_km, the nearest water
  /// cells within this are used.  [project] 25 km: 97.9 % of the 3,768 World
  /// Port Index positions are on GSHHG water or within 25 km of it (river
  /// ports upstream are not).
  double max_snap_km = 25.0;
  /// Shorten each target's path by line of sight (string pulling).
  /// [project] on: the grid alone overestimates open-water legs by up to
  /// 2.7 % (16-connected).
  bool smooth = true;
  /// Burn builtin_passages() (canals GSHHG does not draw, straits narrower
  /// than a cell) into every grid as lines of water cells.  [project] on:
  /// without them the Suez and Panama canals, the Kiel Canal, the Corinth
  /// Canal and the Bosporus are land, and the Black Sea, say, has no way out.
  bool passages = true;
};

/// A waterway burned into the routing grid: its centre line, degrees, ends
/// in open water.
struct Passage {
  const char* name;
  std::vector<LatLon> line;
};

/// The built-in passages (docs/geo.md §3): the Suez Canal, the Panama
/// Canal, the Kiel Canal, the Corinth Canal and the Bosporus.  Waypoints are
/// World Port Index positions of the ports on them where they lie on the
/// water (Ismailia, Cristobal, Balboa, Brunsbuttel, Rendsburg) and
/// otherwise approximate centre-line points [project] (+-1-2 km: the line
/// only has to connect the two seas with about the right length).
const std::vector<Passage>& builtin_passages();

/// A latitude/longitude box; lon_east may exceed 180 (a box across the
/// antimeridian: 170..190 is 170E..170W); lon_east - lon_west <= 360.
struct GeoBox {
  double lat_south = 0, lat_north = 0;
  double lon_west = 0, lon_east = 0;
};

/// A water/land raster over a box, and searches on it.  Immutable.
class SeaGrid {
 public:
  /// Cells of `cell_lat_deg` in latitude and cell_lat_deg / cos(middle
  /// latitude) in longitude covering `box` (latitudes clamped to +-89.9).
  /// Throws std::invalid_argument when the box or cell is not finite or
  /// empty, or the grid would exceed 50 million cells.
  SeaGrid(const LandMask& mask, const GeoBox& box, double cell_lat_deg,
          const SeaRouteParams& params = {});

  /// Sea distance in nautical miles from `from` to each target (same
  /// order); +infinity when the target is unreachable, outside the grid, or
  /// farther than max_nm.  When `toward` is given, the search skips cells p
  /// with route(from, p) + geodesic(p, toward) > max_nm: only routes that
  /// can still continue to `toward` within max_nm are exact, others may come
  /// back longer or infinite (the possible-port-visit search, whose routes
  /// must reach the gap's other end, prunes this way).
  [[nodiscard]] std::vector<double> route_nm(LatLon from, std::span<const LatLon> targets,
                                             double max_nm,
                                             const LatLon* toward = nullptr) const;

  /// As route_nm, with each target's path: from, the turning points, the
  /// target (empty when unreachable).
  struct Routes {
    std::vector<double> nm;
    std::vector<std::vector<LatLon>> paths;
  };
  [[nodiscard]] Routes routes(LatLon from, std::span<const LatLon> targets, double max_nm,
                              const LatLon* toward = nullptr) const;

  [[nodiscard]] int rows() const noexcept { return rows_; }
  [[nodiscard]] int cols() const noexcept { return cols_; }
  [[nodiscard]] double cell_lat_deg() const noexcept { return dlat_; }
  [[nodiscard]] double cell_lon_deg() const noexcept { return dlon_; }
  [[nodiscard]] const GeoBox& box() const noexcept { return box_; }
  /// Fraction of cells that are water.
  [[nodiscard]] double water_fraction() const noexcept;
  /// True when (lat, lon) is inside the grid and its cell is water.
  [[nodiscard]] bool is_water(LatLon p) const noexcept;

 private:
  struct Snap {
    std::uint32_t cell;
    double nm;  // geodesic from the position to the cell centre
  };
  struct Entry {  // a target's snap cell
    std::uint32_t cell;
    std::uint32_t target;
    double nm;
  };
  void search(const std::vector<Snap>& sources, std::vector<Entry>& entries,
              std::size_t reachable, double max_nm, const LatLon* toward, LatLon from,
              std::span<const LatLon> targets, Routes& out) const;
  [[nodiscard]] bool cell_of(LatLon p, int& row, int& col) const noexcept;
  [[nodiscard]] LatLon centre(std::uint32_t cell) const noexcept;
  [[nodiscard]] std::vector<Snap> snap(LatLon p) const;
  [[nodiscard]] bool line_of_sight(std::uint32_t a, std::uint32_t b) const noexcept;
  void burn(LatLon a, LatLon b) noexcept;  // a line of water cells

  SeaRouteParams params_;
  GeoBox box_;
  int rows_ = 0, cols_ = 0;
  double dlat_ = 0, dlon_ = 0;
  std::vector<unsigned char> water_;  // rows_ * cols_, row 0 south
  std::vector<double> move_nm_;       // per row, 16 moves (infinity off the grid)
};

class SeaRouter {
 public:
  /// Throws std::invalid_argument when mask is null or a parameter is out
  /// of range (min_cell_deg not in [0.001, 1], max_cells < 10,000, snap_km
  /// or max_snap_km negative, max_snap_km < snap_km).
  explicit SeaRouter(std::shared_ptr<const LandMask> mask, SeaRouteParams params = {});

  /// Sea distances from (lat, lon) to each target, nautical miles; +infinity
  /// when unreachable or farther than max_nm.  Builds a grid over the circle
  /// of radius max_nm (plus max_snap_km) around the start, so the cost
  /// grows with max_nm (the cell size too, beyond ~300 nm at 0.01 degree).
  [[nodiscard]] std::vector<double> route_nm(double lat, double lon,
                                             std::span<const LatLon> targets,
                                             double max_nm) const;

  /// The grid that holds every route from `a` to `b` (either may equal the
  /// other) of at most budget_nm, via any point: the box around the ellipse
  /// geodesic(a, p) + geodesic(p, b) <= budget_nm, plus max_snap_km.
  /// Throws std::invalid_argument for NaN input or a negative budget.
  [[nodiscard]] SeaGrid grid_for(LatLon a, LatLon b, double budget_nm) const;
  /// The same with other routing parameters (cell size, snapping) on this
  /// router's land mask.  Throws std::invalid_argument as the constructor.
  [[nodiscard]] SeaGrid grid_for(LatLon a, LatLon b, double budget_nm,
                                 const SeaRouteParams& params) const;

  /// The cell size (degrees of latitude) a box gets: min_cell_deg, or more
  /// to stay within max_cells.
  [[nodiscard]] double cell_for(const GeoBox& box) const noexcept;
  [[nodiscard]] static double cell_for(const GeoBox& box, const SeaRouteParams& params) noexcept;

  /// Throws std::invalid_argument when a parameter is out of range (see the
  /// constructor).
  static void check(const SeaRouteParams& params);

  [[nodiscard]] const SeaRouteParams& params() const noexcept { return params_; }
  [[nodiscard]] const LandMask& mask() const noexcept { return *mask_; }

 private:
  std::shared_ptr<const LandMask> mask_;
  SeaRouteParams params_;
};

/// WGS 84 geodesic distance (GeographicLib), nautical miles.
[[nodiscard]] double geodesic_nm(LatLon a, LatLon b) noexcept;

}  // namespace tidewatch::geo
