#pragma once
// Reception coverage: was the area still receiving other vessels while a
// vessel was silent?  The answer is the `suspected_disabling` flag of a `gap`
// event (docs/contracts results.md; docs/detect.md §2).
//
//   CoverageGrid grid;                                   // built from ALL vessels
//   for each MMSI: grid.add_vessel(mmsi, fixes);         // once per vessel
//   for each gap g of a vessel:
//     Reception r = grid.assess(g, fixes, mmsi, params);
//     r.suspected_disabling                              // the event's flag
//
// Why: most AIS gaps are lost reception (no terrestrial station in range, a
// satellite not overhead, too many ships in a satellite footprint), not a
// transponder switched off.  Global Fishing Watch keeps a gap as suspected
// disabling only where reception is good: it uses a modelled satellite
// reception quality per 1-degree cell and month (GFW technical documentation,
// "Gaps": gfw_research.sat_reception_smoothed_one_degree; Welch et al. 2022,
// Sci. Adv. 8, eabq2109, "areas with adequate signal reception").  tidewatch
// has no such model, so it measures reception from the data itself: the
// other vessels received near the silent vessel, hour by hour, during its gap.
//
// The grid: the Earth cut into cells of cell_deg x cell_deg (latitude and
// longitude degrees, rows from -90, columns from -180) and time cut into UTC
// hours.  For each (cell, hour) that received any vessel the grid keeps how
// many distinct vessels were received there and one example MMSI: 8 bytes in
// a hash map.  A vessel's many messages in one cell-hour count once, so the
// memory grows with the area x time covered by traffic, never with the number
// of messages: about 40 bytes per (cell, hour) entry with the hash map's own
// overhead, so 1,000 busy cells (a sea the size of the Baltic at 0.25 deg)
// for 30 days are 720,000 entries, ~30 MB.
//
// The question (assess): the gap from fix `before` (position S, time t0) to
// fix `after` (E, t1) is sampled hour by hour: n = ceil(duration in hours)
// samples (at most 8784, a leap year; longer gaps are sampled more sparsely)
// at t_k = t0 + (k + 1/2)(t1 - t0)/n.  At each sample three places
// are looked at, each as the block of (2 block_radius_cells + 1)^2 cells
// around it, in the sample's UTC hour:
//   start: the block around S        (the area where the vessel fell silent)
//   end:   the block around E        (the area where it came back)
//   path:  the block around P_k, the point at fraction (k + 1/2)/n of the
//          geodesic from S to E (GeographicLib, WGS 84): where a vessel
//          sailing straight at constant speed would have been
// A place "received" in that hour when a cell of its block received some
// vessel other than this one (a cell that received only this MMSI is not
// evidence of coverage).  The fractions of samples that received, at each
// place, are compared with the thresholds:
//   suspected_disabling = start_fraction >= min_start_fraction
//                     AND end_fraction   >= min_end_fraction
//                     AND path_fraction  >= min_path_fraction
// so a vessel that goes quiet where others keep being received is suspected,
// and one that sails into a coverage hole is not: where nobody is received
// for hours (a 2 x 2 degree hole, an outage of a shore station), the blocks
// inside it stay empty and the fractions fall.  The path condition catches
// the vessel that leaves on the hole's near side and reappears on its far
// side, where the start and end blocks still see traffic outside the hole.
//
// Limits (docs/detect.md): reception is inferred from traffic, so an empty
// ocean looks like a hole (not suspected: the cautious side); a vessel that
// leaves coverage and returns to the same place looks like one that stayed
// (straight-line path); cells narrow towards the poles (a block is
// cell_deg x cell_deg in degrees, not in km).

#include <cstddef>
#include <cstdint>
#include <span>
#include <unordered_map>

#include "tidewatch/core/time.h"
#include "tidewatch/detect/fix.h"
#include "tidewatch/detect/gap.h"

namespace tidewatch::detect {

/// Every threshold of the reception check, with its unit and source.
struct CoverageParams {
  /// degrees; the side of a grid cell in latitude and longitude (used when
  /// the grid is built; assess uses the grid's).  Clamped to 0.01..90.
  /// DEFAULT 0.25 [project]: with block_radius_cells 1 a block is 0.75 deg
  /// (~45 nm at the equator), about the range of a terrestrial AIS station
  /// (VHF, 20-40 nm) and small enough that a 2 x 2 deg hole has an inside.
  /// GFW's reception model uses 1 deg cells, too coarse to see such a hole.
  double cell_deg = 0.25;
  /// cells; a sample looks at the cells within this many rows and columns of
  /// its own.  DEFAULT 1 (a 3 x 3 block) [project], see cell_deg.
  int block_radius_cells = 1;
  /// fraction 0..1 of the gap's hourly samples whose block around the last
  /// fix before the gap received other vessels.  DEFAULT 0.25 [project]: a
  /// receiver that hears some vessel in at least one hour in four is
  /// working; sparse traffic (the simulated dark port visit off Rajin sees
  /// other ships in 33-39 % of its hours, docs/analyze.md §3) must not hide
  /// a disabling.  A hole's inside sees nobody (fraction 0), and
  /// detect/concurrent_gaps.h catches the hole's edge.
  double min_start_fraction = 0.25;
  /// fraction 0..1, the same around the first fix after the gap.  DEFAULT 0.25 [project].
  double min_end_fraction = 0.25;
  /// fraction 0..1, the same along the straight path from one to the other.
  /// DEFAULT 0.25 [project].
  double min_path_fraction = 0.25;
};

/// The answer for one gap.
struct Reception {
  std::size_t samples = 0;      ///< hourly samples of the gap (ceil of its hours; 0 when not assessed)
  std::size_t start_received = 0;  ///< samples whose start block received another vessel
  std::size_t end_received = 0;    ///< ... end block
  std::size_t path_received = 0;   ///< ... path block
  double start_fraction = 0;    ///< start_received / samples, 0..1
  double end_fraction = 0;      ///< end_received / samples, 0..1
  double path_fraction = 0;     ///< path_received / samples, 0..1
  /// True when the area kept receiving other vessels during the gap, so loss
  /// of coverage does not explain it (the contract's gap field).
  bool suspected_disabling = false;
};

/// Which vessels were received where and when, for every vessel of a run.
class CoverageGrid {
 public:
  /// Takes cell_deg from `params` (the other fields are assess's).
  explicit CoverageGrid(const CoverageParams& params = {});

  /// Records one vessel's receptions: every (cell, hour) of its fixes, once
  /// per vessel however many fixes fall there.  Call once per vessel (a
  /// second call with the same MMSI counts it twice).  Fixes with a position
  /// out of range or not finite are skipped.
  void add_vessel(std::uint32_t mmsi, std::span<const Fix> fixes);

  /// Whether the area around the gap kept receiving vessels other than
  /// `mmsi`.  `fixes` are the vessel's fixes the gap was found in (its
  /// before/after index them).  A gap whose indices are out of range or whose
  /// duration is not positive gives an empty Reception (not suspected).
  [[nodiscard]] Reception assess(const Gap& gap, std::span<const Fix> fixes, std::uint32_t mmsi,
                                 const CoverageParams& params = {}) const;

  /// Distinct vessels received in the cell of (lat, lon) during the UTC hour of `t`.
  [[nodiscard]] std::uint32_t vessels_received(double lat, double lon, UnixMillis t) const;

  /// True when some vessel other than `mmsi` was received in the block of
  /// cells within `radius_cells` of (lat, lon)'s cell, in the UTC hour of `t`.
  [[nodiscard]] bool received_other(double lat, double lon, UnixMillis t, std::uint32_t mmsi,
                                    int radius_cells) const;

  /// Number of (cell, hour) entries held: what the memory grows with.
  [[nodiscard]] std::size_t cell_hours() const noexcept { return cells_.size(); }
  /// degrees; the cell side in use.
  [[nodiscard]] double cell_deg() const noexcept { return cell_deg_; }

 private:
  struct Entry {
    std::uint32_t vessels = 0;  ///< distinct vessels received
    std::uint32_t example = 0;  ///< the first of them (to discount the vessel itself)
  };
  [[nodiscard]] std::uint64_t key(int row, int col, std::int64_t hour) const noexcept;
  [[nodiscard]] int row_of(double lat) const noexcept;
  [[nodiscard]] int col_of(double lon) const noexcept;

  double cell_deg_;
  int rows_;
  int cols_;
  std::unordered_map<std::uint64_t, Entry> cells_;
};

}  // namespace tidewatch::detect
