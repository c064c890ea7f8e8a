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
/// IMO, ship type) so that rows carrying static fields with every position
/// (DMA, MarineCadastre) give a static observation only when it changes.
/// Memory: one entry per MMSI seen with static data.
class StaticDeduper {
 public:
  /// True when `info` differs from the last tuple seen for `mmsi` (or is the
  /// first), and remembers it.  An all-empty tuple is never "changed".
  bool changed(std::uint32_t mmsi, const StaticInfo& info);

 private:
  std::unordered_map<std::uint32_t, std::uint64_t> last_;
};

}  // namespace tidewatch::ingest
