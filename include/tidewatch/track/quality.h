#pragma once
// Data-quality detectors over ONE MMSI's segmented track (docs/tracks.md §4):
// `shared_mmsi` (two vessels on one MMSI at once) and `position_jump`
// (1..5 positions that leave the track at an impossible speed and come back).
//
//   track::LabelCollector segs; segs.keep_segments = true;
//   Segmenter s(params, segs); for (p : pings) s.feed(p); s.finish();
//   auto shared = detect_shared_mmsi(pings, segs.labels, segs.segments);
//   auto jumps  = detect_position_jumps(pings, segs.labels, segs.segments);
//
// `pings` are the messages fed to the Segmenter, in feed order (time order);
// `labels` has one Label per ping; `segments` are the emitted segments.  The
// events refer to messages by their feed index; the caller maps indices to
// input lines (LineRef) and segment ids to its own names.
//
// shared_mmsi: for every pair of track segments (kind member) with at least
// min_positions positions each, whose time spans overlap by at least
// min_overlap_h: each position of either segment inside the overlap is paired
// with the other segment's position interpolated (linearly in lat/lon, the
// longitude the short way round) at the same instant.  A pair is "far" when
// the haversine distance exceeds max_knots * dt + buffer_nm, where dt is the
// time from that instant to the other segment's nearest real fix (how far the
// interpolated vessel could have gone unseen).  The pair of segments is one
// event when at least min_far_samples pairs are far.
//
// position_jump: a run of 1..max_run consecutive noise positions (kinds
// noise_bad, noise_discarded, noise_type27; positions out of range or null
// are skipped, as are dropped and info messages) between the last track
// member before it ("last good") and the first track member after it ("next
// good").  Extension [project]: members of track segments with at most
// max_run positions also count as noise, not as good points, because GFW
// gives a spike farther than its match radius (25 kn x hypot(dt, 0.25 h))
// its own short segment instead of making it noise.  The run is a jump when (a) the next good is consistent with the
// last good (GFW metric > 0 with the GFW segmenter's discrepancy and metric,
// "the return to the track"), and (b) some position of the run is at least
// min_distance_km from the last good with implied speed > max_knots.  The
// reported point is the run's position with the highest implied speed.
// A run position within max_knots * dt + buffer_nm of another long track's
// (not the last or next good's; > max_run positions, span widened by GFW max_hours = 24 h, dt = time to
// the track's nearest fix) interpolated position at its time is that vessel's,
// not a jump (shared MMSI: the other vessel's fixes GFW made noise).
// A run longer than max_run is not a jump (the vessel really went there or
// the segmenter lost it).

#include <cstdint>
#include <span>
#include <vector>

#include "tidewatch/track/segmenter.h"

namespace tidewatch::track {

/// Every threshold of the quality detectors, with its unit and source.
struct QualityParams {
  /// positions; each segment of a shared_mmsi pair has at least this many.
  /// GFW matcher.py Matcher.short_seg_threshold (10).
  std::size_t min_positions = 10;
  /// hours; the two segments' time spans overlap by at least this.  [project] (1 h).
  double min_overlap_h = 1.0;
  /// knots; the fastest plausible vessel.  GFW matcher.py Matcher.max_knots (25):
  /// shared_mmsi far threshold and position_jump speed threshold.
  double max_knots = 25.0;
  /// nautical miles; slack added to max_knots * dt.  GFW max_knots *
  /// buffer_hours = 25 kn * 0.25 h (matcher.py compute_metric) = 6.25 nm.
  double buffer_nm = 6.25;
  /// paired samples farther apart than the threshold.  [project] (3).
  std::size_t min_far_samples = 3;
  /// positions; the longest noise run that is a jump.  GFW matcher.py Matcher.lookback (5).
  std::size_t max_run = 5;
  /// kilometres; shorter jumps are GNSS jitter.  [project] (1 km).
  double min_distance_km = 1.0;
  /// seconds; the implied speed divides by at least this (equal timestamps).  [project] (1 s).
  double min_dt_s = 1.0;
  /// The GFW matcher parameters for the return-to-track metric (defaults = GFW v3.0.0).
  SegmenterParams gfw{};
};

struct SharedMmsiEvent {
  std::uint32_t segment_a = 0, segment_b = 0;  ///< Segment::id; a starts first (ties: lower id)
  std::int64_t start_us = 0, end_us = 0;       ///< the overlap of the two time spans
  double lat = 0, lon = 0;  ///< segment a's first position in the overlap
  std::size_t paired = 0;   ///< paired samples compared
  std::size_t far = 0;      ///< of which farther apart than the threshold
  double max_distance_nm = 0;  ///< largest paired distance
  /// Feed indices: first and last of a, first and last of b.
  std::vector<std::uint32_t> evidence;
};

struct PositionJumpEvent {
  std::uint32_t last_good = 0, next_good = 0;  ///< feed indices of the track members around the run
  std::vector<std::uint32_t> run;              ///< feed indices of the jump positions
  std::uint32_t worst = 0;                     ///< feed index of the highest implied speed
  std::int64_t start_us = 0, end_us = 0;       ///< first and last position of the run
  double lat = 0, lon = 0;                     ///< first position of the run
  double implied_speed_kn = 0;  ///< haversine(last good, worst) / time between them
  double distance_km = 0;       ///< haversine(last good, worst)
  /// Feed indices: last good, the run, next good.
  [[nodiscard]] std::vector<std::uint32_t> evidence() const;
};

/// Events ordered by (start, segment_a, segment_b).
std::vector<SharedMmsiEvent> detect_shared_mmsi(std::span<const Ping> pings,
                                                std::span<const Label> labels,
                                                std::span<const Segment> segments,
                                                const QualityParams& params = {});

/// Events in feed order.
std::vector<PositionJumpEvent> detect_position_jumps(std::span<const Ping> pings,
                                                     std::span<const Label> labels,
                                                     std::span<const Segment> segments,
                                                     const QualityParams& params = {});

}  // namespace tidewatch::track
