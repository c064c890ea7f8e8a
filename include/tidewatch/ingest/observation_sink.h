#pragma once
// What every provider reader (DMA, MarineCadastre, gpsd JSON, generic CSV,
// NMEA) hands its results to, and what it counts.  Like ais::DecodeSink: a
// line that cannot be used goes to on_reject with its reason; nothing is
// thrown for bad data (only for I/O and configuration: InputError).

#include <array>
#include <cstdint>
#include <unordered_map>

#include "tidewatch/core/reject.h"
#include "tidewatch/ingest/observation.h"

namespace tidewatch::ingest {

class ObservationSink {
 public:
  virtual ~ObservationSink() = default;
  /// One observation; `o` is valid during the call only.
  virtual void on_observation(const Observation& o) = 0;
  /// One rejected line; its text is valid during the call only.
  virtual void on_reject(const RejectedLine& r) = 0;
};

/// Counts of one reader.  Every input line ends up in exactly one of
/// header/skipped/rejected/"used"; a used line gives 0, 1 or 2 observations.
struct IngestStats {
  std::uint64_t lines = 0;        ///< input lines fed (header and blank lines included)
  std::uint64_t header_lines = 0; ///< CSV header lines
  std::uint64_t positions = 0;    ///< position observations emitted
  std::uint64_t statics = 0;      ///< static observations emitted
  /// Rows/messages whose position is "not available" (lat 91 / lon 181,
  /// empty): no position observation, not a reject (the line is valid).
  std::uint64_t no_position = 0;
  /// NMEA only: decoded messages of a used type without a receive time (no
  /// tag block c:, $PGHP or receiver time): they cannot become observations.
  /// Counted here, not rejected (the sentence itself is valid).
  std::uint64_t no_time = 0;
  /// NMEA / gpsd JSON: valid messages of types that give no observation
  /// (4, 6-17, 20-23, 25, 26, ...).
  std::uint64_t ignored_messages = 0;
  std::array<std::uint64_t, kRejectReasonCount> rejected{};
  std::array<std::uint64_t, kSkipReasonCount> skipped{};

  [[nodiscard]] std::uint64_t total_rejected() const noexcept {
    std::uint64_t n = 0;
    for (auto v : rejected) n += v;
    return n;
  }
  [[nodiscard]] std::uint64_t rejected_for(RejectReason r) const noexcept {
    return rejected[static_cast<std::size_t>(r)];
  }
};

/// Remembers, per MMSI, a hash of the last static tuple (name, call sign,
/// IMO, ship type, dimensions, draught, destination) so that rows carrying
/// static fields with every position (DMA, MarineCadastre, generic CSV) give
/// a static observation when the tuple changes and, while it stays the same,
/// again once every `repeat_ms` of data time.  The repeat gives CSV input
/// sightings as NMEA has them: a rename or a new draught is confirmed by its
/// second sighting (identity.confirmations, draught.confirmations), which an
/// emit-on-change-only rule never gave.
/// Memory: one entry per MMSI seen with static data.
class StaticDeduper {
 public:
  /// milliseconds (6 min): a Class A unit's static and voyage report interval
  /// (ITU-R M.1371-5: static and voyage related data every 6 min; as
  /// sim::Options::static_interval_s).
  static constexpr UnixMillis kDefaultRepeatMs = 6LL * 60 * 1000;

  explicit StaticDeduper(UnixMillis repeat_ms = kDefaultRepeatMs) noexcept : repeat_ms_(repeat_ms) {}

  /// True when `info` differs from the last tuple of `mmsi` (or is the
  /// first), or equals it and the last emission was at least repeat_ms away
  /// from `time` (either direction: rows need not be in time order); then it
  /// remembers the tuple and `time`.  An all-empty tuple is never emitted.
  bool emit(std::uint32_t mmsi, const StaticInfo& info, UnixMillis time);

 private:
  struct Last {
    std::uint64_t hash;
    UnixMillis time;
  };
  UnixMillis repeat_ms_;
  std::unordered_map<std::uint32_t, Last> last_;
};

}  // namespace tidewatch::ingest
