#pragma once
// Track segmentation: a C++ port of Global Fishing Watch's gpsdio-segment
// v3.0.0 (docs/tracks.md §1).  One Segmenter handles the messages of ONE
// MMSI in time order, as GFW does (run one per MMSI; messages of another
// MMSI are labelled dropped_other_mmsi).  Each fed message ends up in exactly
// one emitted Segment (a track segment or a singleton: bad, info, type-27
// noise, discarded) or is dropped (duplicate msgid, already-seen position,
// other MMSI, unsorted time).
//
// Ported exactly: message classes with the v3.0.0 range and course rules, duplicate msgid
// and already-seen drops (Python round-half-even keys), 24 h close, the
// 100-open-segment cap, the matcher (lookback 5, lookback factor, existing
// metric guard, transponder weight, ambiguity close, the `valid_segs` alpha
// quirk, type-27 noise), drop marking and discarded singletons at close.
// Not ported: the identity/destination minute buckets (`_store_info`,
// `add_info_to_msg`); they do not change segment membership.
// Deviations [project]: unsorted input is dropped with a label instead of
// GFW's ValueError; msgid 0 ("none") is never a duplicate; with no AIS type
// (msg_type 0) the transponder set comes from Ping::transponder.
// Where docs/tracks.md §1.3 and the code differ, this follows the code: the
// type-3 bound uses the penalized hours, and a lookback candidate's existing
// metric is that of the oldest message it would drop.
//
// Memory: per message only the open segment's entry (40 bytes), plus GFW's
// run-long msgid and location-key sets (as upstream, they never expire: one
// Segmenter per MMSI per run).  Emitting a segment formats its gfw_id.
// Measured against GFW's oracle: docs/tracks.md §1.4 "Measured".

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <unordered_set>
#include <vector>

#include "tidewatch/core/time.h"
#include "tidewatch/ingest/observation.h"

namespace tidewatch::ingest {
struct GfwMessage;
}

namespace tidewatch::track {

/// Every threshold of the GFW segmenter, with its upstream source.
struct SegmenterParams {
  /// hours; segments whose last message is older are closed, and lookback
  /// candidates older than this stop the walk.  matcher.py Matcher.max_hours,
  /// segmenter.py Segmenter.__init__(max_hours) and _finalize_old_segments.
  double max_hours = 24;
  /// hours; penalized hours = h / (1 + (h/penalty_hours)^(1-hours_exp)).
  /// matcher.py Matcher.penalty_hours, compute_penalized_hours.
  double penalty_hours = 4;
  /// dimensionless exponent of the same.  matcher.py Matcher.hours_exp.
  double hours_exp = 0.5;
  /// hours added in quadrature to the time gap.  matcher.py Matcher.buffer_hours, compute_metric.
  double buffer_hours = 0.25;
  /// messages compared at the end of a segment.  matcher.py Matcher.lookback, _compute_segment_match.
  int lookback = 5;
  /// dimensionless; the k-th lookback metric is divided by max(1, k*factor).
  /// matcher.py Matcher.lookback_factor.
  double lookback_factor = 2;
  /// knots; max discrepancy = max_knots * hypot(h, buffer_hours).  matcher.py Matcher.max_knots.
  double max_knots = 25;
  /// dimensionless; another match within best/ambiguity_factor is ambiguous.
  /// matcher.py Matcher.ambiguity_factor, compute_best_match.
  double ambiguity_factor = 10;
  /// messages; alpha = msg_count/short_seg_threshold down-weights short segments.
  /// matcher.py Matcher.short_seg_threshold, compute_best_match.
  double short_seg_threshold = 10;
  /// dimensionless weight when the segment's transponder types do not
  /// intersect the message's.  matcher.py Matcher.transponder_mismatch_weight.
  double transponder_mismatch_weight = 0.1;
  /// knots; alpha_0 = max_knots/penalty_speed.  matcher.py Matcher.penalty_speed, compute_metric.
  double penalty_speed = 5;
  /// hours; an AIS.27 matching at less than this is noise.  matcher.py
  /// Matcher.min_type_27_hours, compute_best_match.
  double min_type_27_hours = 1;
  /// knots; a null course is allowed (as speed 0, course 0) at or below this.
  /// discrepancy.py DiscrepancyCalculator.very_slow, msg_processor.py _message_type.
  double very_slow = 0.35;
  /// dimensionless penalty on discrepancy types 2 and 3.  discrepancy.py
  /// DiscrepancyCalculator.shape_factor.
  double shape_factor = 4;
  /// segments; the one with the oldest last message is closed before a new
  /// one is opened when this many are open.  segmenter.py Segmenter.__init__(max_open_segments),
  /// _remove_excess_segments.
  std::size_t max_open_segments = 100;
  /// v3.0.0 range rule (found from the data, docs/tracks.md §1.1.4): a
  /// position with |lat| > 90 or |lon| > 180 is BAD.
  bool range_rule = true;
  /// v3.0.0 course rule (found from the data): a course >= 360 ("not
  /// available") is null, so the message is BAD above very_slow and dead
  /// reckons with speed 0 at or below it.  In the stored code 360 is a valid
  /// course; in the oracle all 11 messages with course >= 360 and speed >
  /// 0.35 kn (course 360 or 511) are singletons.  The already-seen key keeps
  /// the raw course.
  bool course_360_is_null = true;
};

/// One message as the segmenter sees it: GFW's doubles, NaN = null.
struct Ping {
  static constexpr double kNull = std::numeric_limits<double>::quiet_NaN();
  std::uint32_t mmsi = 0;
  std::int64_t time_us = 0;   ///< microseconds since 1970 UTC
  std::uint64_t msgid = 0;    ///< 0 = none
  double lon = kNull, lat = kNull, speed = kNull, course = kNull, heading = kNull;
  std::uint8_t msg_type = 0;  ///< AIS type 1..27, 0 unknown
  ingest::Transponder transponder = ingest::Transponder::unknown;  ///< used when msg_type == 0

  /// From an Observation (integer wire units -> degrees, knots; statics have no position).
  static Ping from(const ingest::Observation& o) noexcept;
  /// From a GFW JSON message, with its exact doubles.
  static Ping from_gfw(const ingest::GfwMessage& m) noexcept;
};

/// What happened to one fed message.
struct Label {
  enum class Kind : std::uint8_t {
    member,             ///< in track segment `segment`
    noise_bad,          ///< BAD message (BadSegment singleton)
    noise_discarded,    ///< dropped from its segment by lookback (DiscardedSegment singleton)
    noise_type27,       ///< AIS.27 matched at < min_type_27_hours (BadSegment singleton)
    info,               ///< static / info-only message (InfoSegment singleton)
    dropped_duplicate,  ///< msgid seen before (no segment)
    dropped_seen,       ///< already-seen moving position (no segment)
    dropped_other_mmsi, ///< not the MMSI of the first message (no segment)
    dropped_unsorted,   ///< older than the previous message (GFW raises; no segment)
  };
  Kind kind = Kind::dropped_duplicate;
  std::uint32_t segment = kNone;  ///< Segment::id for the first five kinds
  static constexpr std::uint32_t kNone = 0xFFFFFFFFU;
};

struct Segment {
  std::uint32_t id = 0;             ///< 0, 1, 2, ... in emission order
  std::uint32_t mmsi = 0;
  std::string gfw_id;               ///< "{ssvid}-{first %Y-%m-%dT%H:%M:%S.%fZ}" (v3.0.0: no -N)
  std::vector<std::uint32_t> members;  ///< indices of the fed messages (feed order, 0-based)
  std::int64_t first_us = 0, last_us = 0;
  Label::Kind kind = Label::Kind::member;  ///< member for track segments, else the singleton kind
  [[nodiscard]] bool noise() const noexcept { return kind != Label::Kind::member && kind != Label::Kind::info; }
};

class SegmentSink {
 public:
  virtual ~SegmentSink() = default;
  virtual void on_segment(const Segment& s) = 0;
  /// A dropped message (dropped_* kinds).
  virtual void on_dropped(std::uint32_t index, Label::Kind why) = 0;
};

/// Collects one Label per fed message (tests, small inputs).
class LabelCollector final : public SegmentSink {
 public:
  std::vector<Label> labels;
  std::vector<Segment> segments;
  bool keep_segments = false;
  void on_segment(const Segment& s) override;
  void on_dropped(std::uint32_t index, Label::Kind why) override;
};

class Segmenter {
 public:
  explicit Segmenter(SegmenterParams params, SegmentSink& sink);
  /// Feeds the next message (index = number of messages fed before).
  void feed(const Ping& p);
  /// Closes every open segment and clears the run state (msgids, locations,
  /// MMSI); message indices keep counting.
  void finish();
  [[nodiscard]] std::uint32_t fed() const noexcept { return next_index_; }
  [[nodiscard]] std::size_t open_segments() const noexcept { return open_.size(); }

 private:
  struct Entry {
    std::uint32_t index;
    std::int64_t time_us;
    double lon, lat, speed, course;
    std::uint8_t tp;   // transponder bits: 1 = AIS-A, 2 = AIS-B
    bool is27;
    bool drop = false;
    double metric = 0;  // msg["metric"], 0 when absent
  };
  struct Open {
    std::int64_t first_us;
    std::uint64_t serial;
    std::vector<Entry> msgs;
  };
  struct LocKey {
    std::int64_t a, b, c, d, e;
    std::uint8_t has;  // bit0 course, bit1 heading
    bool operator==(const LocKey&) const = default;
  };
  struct LocHash {
    std::size_t operator()(const LocKey& k) const noexcept;
  };
  struct Match {
    std::size_t seg;   // index into open_
    double metric;     // NaN = not a candidate
    double hours;
    int ndrop;         // how many most recent kept messages to drop
  };

  void emit_singleton(const Entry& e, std::int64_t t, Label::Kind kind);
  void close(std::size_t i);
  void add_segment(const Entry& e);
  Match segment_match(std::size_t i, const Entry& e) const;

  SegmenterParams p_;
  SegmentSink& sink_;
  std::uint32_t next_index_ = 0;
  std::uint32_t next_segment_ = 0;
  bool have_mmsi_ = false;
  std::uint32_t mmsi_ = 0;
  bool have_prev_ = false;
  std::int64_t prev_us_ = 0;
  std::unordered_set<std::uint64_t> msgids_;
  std::unordered_set<LocKey, LocHash> locations_;
  std::vector<Open> open_;     // insertion order = Python dict order
  std::vector<Match> matches_;  // scratch
  std::vector<std::uint64_t> ambiguous_;  // scratch: serials of the ambiguous segments
  std::uint64_t next_serial_ = 0;
  std::vector<std::pair<double, std::size_t>> scaled_;  // scratch
  Segment out_;                 // scratch for emission
};

}  // namespace tidewatch::track
