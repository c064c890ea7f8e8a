#pragma once
// Encounters: two vessels close together at low speed, away from shore and
// ports, for hours: a possible ship-to-ship transfer (contract `encounter`
// events; docs/detect.md §5).
//
//   EncounterDetector enc(EncounterParams{}, shore_km, in_port);
//   for each MMSI in order: enc.add_vessel(mmsi, fixes);   // keeps candidate bins only
//   std::vector<Encounter> all = enc.finish();             // one per pair and meeting
//
// Definition: Global Fishing Watch's encounters (GFW technical documentation
// "Encounters"; Miller et al. 2018, Front. Mar. Sci. 5:240; the code of
// GlobalFishingWatch/encounters_pipeline): two vessels within 500 m of each
// other for at least 2 hours, median speed below 2 knots, at least 10 km from
// a coastal anchorage, positions interpolated to 10-minute intervals.  The
// steps, with what GFW's pipeline does and where tidewatch differs:
//
//  1. Resample (add_vessel; GFW resample.py): each vessel's fixes are
//     interpolated linearly (lat, lon; longitude the short way round) onto
//     UTC times that are multiples of bin_minutes, but only between two
//     consecutive fixes less than max_interp_gap_h apart (GFW: Resample with
//     max_gap_s = 1 h, "gaps longer than max_gap_s are not fully interpolated
//     across").  GFW also extrapolates up to 1 h past the ends of a day's
//     track by dead reckoning; tidewatch does not invent positions.
//  2. Speed of a bin: the speed implied by its position and the previous
//     bin's (the next bin's for the first of a stretch; the bracketing fixes'
//     for a lone bin).  GFW's median speed is also of implied speeds between
//     consecutive resampled points (compute_encounters.py).
//  3. Candidate bins (tidewatch, so memory grows with them and not with
//     messages): a bin is kept when its speed is at most
//     candidate_max_speed_kn, it is at least min_shore_km from shore and not
//     in a port; then only stretches of consecutive kept bins lasting at
//     least min_duration_h are kept (a shorter stretch cannot hold a long
//     enough encounter).  Shore and port are asked only for slow bins.
//  4. Pairs (finish; GFW compute_adjacency.py): per time bin, vessels within
//     max_distance_m (haversine), found with S2 cells, as GFW does: every bin
//     is filed under its S2 cell at the finest level whose cells are all at
//     least max_distance_m wide (S2::kMinWidth; level 13, >= 733 m, for
//     500 m; GFW uses level 12, ~2 km), and compared only with the bins of
//     its own cell and of the cells touching it, where anything within reach
//     must lie (checked on 42 million random pairs, on the cube's edges and
//     corners, near a pole and across the antimeridian).  S2 cells rather
//     than a latitude/longitude hash grid: no special case at the
//     antimeridian or the poles.  No S2PointIndex either: per 10-minute bin a
//     sort by cell id and a few binary searches per bin are enough, and the
//     work is near-linear in vessels.  A vessel may meet several others at
//     once (GFW since 2021).
//  5. Runs: maximal consecutive time bins in which a pair is within the
//     distance, kept when lasting at least min_duration_h (last bin time
//     minus first; GFW raw encounters).
//  6. Merge (GFW merge_encounters.py, min_hours_between_encounters = 4):
//     runs of the same pair less than merge_gap_h apart (next start minus
//     previous end) are one encounter.  Medians are of all the merged bins
//     (GFW takes the median of the runs' medians, noting it is not the true
//     median).
//  7. Speed filter (GFW published encounter events: median_speed_knots < 2):
//     each vessel's median bin speed below max_median_speed_kn.  GFW's merged
//     median speed is the median of both vessels' run medians (for one run
//     each, their mean); tidewatch asks it of both vessels, which is stricter
//     only when one vessel is at 2 kn or more.
// GFW applies the 10 km port distance once, to the encounter's mean
// position; tidewatch applies shore distance and ports per bin (step 3).
//
// Fixes: one MMSI's track members in time order (detect/fix.h).  Fixes with
// positions out of range or not finite are skipped, and so are fixes whose
// time repeats or goes backwards.  An empty ShoreDistanceFn means no
// shoreline (everywhere is far enough); an empty InPortFn, no ports.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "tidewatch/core/reject.h"
#include "tidewatch/core/time.h"
#include "tidewatch/detect/fix.h"

namespace tidewatch::detect {

/// Every threshold of the encounter detector, with its unit and source.
struct EncounterParams {
  /// metres; the two vessels at most this far apart.  DEFAULT 500 (GFW).
  double max_distance_m = 500.0;
  /// hours; the shortest run of close bins, first to last.  DEFAULT 2 (GFW).
  double min_duration_h = 2.0;
  /// knots; each vessel's median speed over the encounter below this.
  /// DEFAULT 2 (GFW: "median speed less than 2 knots").
  double max_median_speed_kn = 2.0;
  /// kilometres from shore, at least, for every bin.  DEFAULT 10 (GFW: "at
  /// least 10 km from a coastal anchorage"; tidewatch measures from the
  /// shoreline and excludes ports with the InPortFn).
  double min_shore_km = 10.0;
  /// minutes; the resampling step, bins aligned on UTC midnight.  DEFAULT 10
  /// (GFW RESAMPLE_INCREMENT_MINUTES).
  double bin_minutes = 10.0;
  /// hours; interpolate only between fixes less than this apart.  DEFAULT 1
  /// (GFW MAX_GAP_HOURS).
  double max_interp_gap_h = 1.0;
  /// hours; runs of one pair less than this apart are merged.  DEFAULT 4
  /// (GFW merge option min_hours_between_encounters).
  double merge_gap_h = 4.0;
  /// knots; a bin faster than this is not kept as a candidate.  DEFAULT 5
  /// [project]: bounds memory by dropping transit, while keeping the few
  /// faster bins a drifting or manoeuvring pair has (its median stays < 2 kn).
  double candidate_max_speed_kn = 5.0;
};

/// One encounter between two vessels, reported once per pair.
struct Encounter {
  std::uint32_t mmsi_a = 0;   ///< the lower MMSI
  std::uint32_t mmsi_b = 0;   ///< the higher MMSI
  UnixMillis start = 0;       ///< UTC ms, first close bin
  UnixMillis end = 0;         ///< UTC ms, last close bin
  double duration_h = 0;      ///< hours, end - start
  double lat = 0, lon = 0;    ///< degrees; mean position of both vessels over the close bins
  double median_distance_m = 0;  ///< metres; median distance between them over the close bins
  double median_speed_a_kn = 0;  ///< knots; vessel a's median bin speed
  double median_speed_b_kn = 0;  ///< knots; vessel b's median bin speed
  std::size_t bins = 0;       ///< close bins (of merged runs: their total)
  /// The raw fixes of each vessel nearest in time to the first and the last
  /// close bin.
  LineRef a_first, a_last, b_first, b_last;

  /// a_first, b_first, a_last, b_last: first and last of each vessel.
  [[nodiscard]] std::vector<LineRef> evidence() const {
    return {a_first, b_first, a_last, b_last};
  }
};

class EncounterDetector {
 public:
  EncounterDetector(EncounterParams params, ShoreDistanceFn shore_km, InPortFn in_port);

  /// Resamples one vessel and keeps its candidate bins (steps 1-3).  Call
  /// once per MMSI; bins of equal MMSIs are never paired with each other.
  void add_vessel(std::uint32_t mmsi, std::span<const Fix> fixes);

  /// Pairs, runs, merging and the speed filter (steps 4-7).  Encounters
  /// ordered by (start, mmsi_a, mmsi_b).  Releases the bins: a second call
  /// returns nothing.
  std::vector<Encounter> finish();

  /// Candidate bins held: what the memory grows with (~56 bytes each).
  [[nodiscard]] std::size_t candidate_bins() const noexcept { return bins_.size(); }

 private:
  struct Bin {
    std::int64_t t = 0;       ///< bin index: time / bin length
    std::uint64_t cell = 0;   ///< S2 cell id at the pairing level
    double lat = 0, lon = 0;  ///< degrees, interpolated
    float speed_kn = 0;       ///< knots, step 2
    std::uint32_t mmsi = 0;
    LineRef ref;              ///< nearest raw fix
  };

  EncounterParams p_;
  ShoreDistanceFn shore_km_;
  InPortFn in_port_;
  int level_ = 12;
  std::vector<Bin> bins_;
};

}  // namespace tidewatch::detect
