#pragma once
// Distance from a position to the nearest GSHHG shoreline, fast enough to ask
// for every position a detector looks at (loitering: >= 20 nm = 37.04 km from
// shore; encounters: >= 10 km; Global Fishing Watch's definitions).
//
//   auto mask = geo::LandMask::open('h');
//   geo::ShoreDistance shore(std::move(mask));
//   double km = shore.km(55.04, 13.03);        // 31.39 (Baltic, south of Sweden)
//   detect::ShoreDistanceFn fn = std::cref(shore);  // or a lambda calling km()
//
// What it computes: the same quantity as LandMask::distance_to_shore_m
// (nearest shoreline of any GSHHG level: sea coast, lake shore, island in a
// lake, pond; the ice-shelf front in Antarctica), in kilometres, with two
// differences: a position on land (odd level) gives 0, and distances beyond
// the cap are not searched (any value >= cap_km means "at least cap_km").
// Distances use LandMask's metric: a local equirectangular projection
// around the position on the sphere of kEarthRadiusM (metres per degree
// 111,195; under 1% error within 50 km except near the poles).
//
// How (docs/geo.md): the globe is cut into 1 x 1 degree tiles.  A tile is
// built on first use and kept in an LRU cache.  It holds a grid of nodes
// every cell_deg (0.5 arc-minute by default: 121 x 121 nodes) with, per node,
//   (a) its GSHHG level (LandMask::level_grid);
//   (b) for sea nodes, the shoreline segment nearest to it, found by a
//       Euclidean distance transform over the tile plus a margin of cap_km
//       on every side (Felzenszwalb and Huttenlocher 2012, with the
//       longitude scale of each node's own row, so the transform uses
//       LandMask's metric), measured exactly against the segments of the 5 x
//       5 cells around the nearest shoreline cell, then improved by trying
//       the neighbouring nodes' segments (two forward and backward passes);
// and, per cell, whether a shoreline segment may cross it, plus the
// shoreline segments near the tile bucketed per cell.  A query
//   - in a cell no shoreline crosses, at least one cell (0.93 km) from the
//     shore: 0 on land (the cell has one level), else the exact distance to
//     the nearest of the 4 corner nodes' segments;
//   - otherwise (near the shore): exact.  The level is the nearest node's
//     flipped by the shoreline segments the straight path node -> position
//     crosses (they all lie in that node's cell); the distance is the
//     minimum over every segment within the corners' bound.
// Measured against the exact LandMask::distance_to_shore_m on 1,500 random
// points around six coasts (tests/geo/shore_test.cpp, docs/geo.md): median
// error 1 mm, worst 15 m; land always 0.
//
// Speed (2-core machine, 'h'): a tile builds in ~5-8 ms (first query in it;
// ~175 kB on a coast like the Danish straits); warm queries take ~120 ns
// when consecutive positions share a tile, ~190 ns in random order.
//
// Tiles whose |latitude| reaches 84 degrees are not rasterised (the
// longitude margin would span the globe): there a query asks the LandMask
// directly (exact, slow; land first, which is all of it south of 84S).
//
// Memory: a coastal tile holds 60-300 kB (nodes plus 16 bytes per shoreline
// segment near it); tiles with no shoreline within the cap cost a few bytes.
// The cache keeps cache_tiles tiles (default 1024: under ~200 MB on coasts).
//
// Thread safety: all queries are const and may run in parallel.  Each
// thread remembers its last tile, so consecutive queries in one tile take
// no lock; a tile is built once even when several threads ask for it.  (A
// thread's remembered tile outlives the ShoreDistance until that thread's
// next query or exit.)
//
// Bad input: NaN latitude or longitude gives NaN; latitudes are clamped to
// [-90, 90], longitudes wrapped.  LandMask I/O errors (a corrupt file) throw
// std::runtime_error from the query that first needs the bin.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "tidewatch/geo/land_mask.h"

namespace tidewatch::geo {

/// Every threshold of ShoreDistance, with its unit and source.
struct ShoreDistanceParams {
  /// kilometres; distances beyond are not searched and come back as a value
  /// >= cap_km.  [project] 100 km: above GFW's loitering minimum (20 nm =
  /// 37.04 km) and encounter minimum (10 km) with room for other uses; the
  /// tile build cost grows with the square of the cap.
  double cap_km = 100.0;
  /// degrees; node spacing of a tile, must divide 1 degree (1/N, N integer
  /// 30..480).  [project] 1/120 (0.5', 0.93 km north-south): fine enough
  /// that the 4 corners' nearest segments almost always include the
  /// position's own, coarse enough that a tile builds in a few ms.
  double cell_deg = 1.0 / 120.0;
  /// tiles kept (1 x 1 degree each).  [project] 1024: a regional data set
  /// touches a few hundred coastal tiles (the world's coasts ~20,000); at
  /// ~175 kB per coastal tile the cache stays under ~200 MB.
  std::size_t cache_tiles = 1024;
};

class ShoreDistance {
 public:
  /// `mask` is the shoreline (any resolution; 'h' is the documented choice:
  /// ~0.2 km between points, so its shoreline is within ~0.1 km of GSHHG's
  /// full one).  Throws std::invalid_argument when a parameter is out of
  /// range (cap_km not in (0, 1000], cell_deg not 1/N with N in 30..480,
  /// cache_tiles 0) or mask is null.
  explicit ShoreDistance(std::shared_ptr<const LandMask> mask, ShoreDistanceParams params = {});
  ~ShoreDistance();
  ShoreDistance(const ShoreDistance&) = delete;
  ShoreDistance& operator=(const ShoreDistance&) = delete;

  /// Kilometres from (lat, lon) (degrees WGS 84) to the nearest shoreline:
  /// 0 on land, a value >= cap_km when nothing is within cap_km, NaN for NaN
  /// input.  Thread-safe.
  [[nodiscard]] double km(double lat, double lon) const;

  /// km(lat, lon): lets a ShoreDistance be a detect::ShoreDistanceFn.
  double operator()(double lat, double lon) const { return km(lat, lon); }

  [[nodiscard]] const ShoreDistanceParams& params() const noexcept;
  [[nodiscard]] const LandMask& mask() const noexcept;

  /// Counters since construction (relaxed atomics: approximate under threads).
  struct Stats {
    std::uint64_t queries = 0;
    std::uint64_t exact_queries = 0;   ///< answered by the near-shore exact path
    std::uint64_t tiles_built = 0;     ///< including rebuilds after eviction
    std::uint64_t polar_queries = 0;   ///< answered by LandMask directly
    std::uint64_t tile_bytes = 0;      ///< bytes of the tiles built (evicted ones too)
  };
  [[nodiscard]] Stats stats() const noexcept;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace tidewatch::geo
