#pragma once
// A bounded reorder window for nearly time-ordered feeds (docs/tracks.md §3):
// NMEA tag-block times, satellite batches, a provider file sorted by the
// minute.  Observations are held in a min-heap on (time, arrival sequence)
// and released once their time is at least `window_ms` behind the newest time
// seen, so the output is in time order as long as no record arrives more than
// the window late.  Memory is bounded: at `max_records` the oldest record is
// released early.
//
// A record older than the last released time can no longer be put in order:
// it is "late".  Late records are counted; in strict mode (`--order=window`)
// they are rejected as RejectReason::unsorted_input through the sink,
// otherwise they are passed on at once (out of order) so that nothing is lost
// and `--order=auto` can decide from the count to fall back to the external
// sort.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "tidewatch/core/reject.h"
#include "tidewatch/core/time.h"
#include "tidewatch/ingest/observation.h"

namespace tidewatch::ingest {

/// Width of the reorder window: a record is released once it is this much
/// older than the newest record seen.  UNIT milliseconds.  DEFAULT 15 min.
/// REASON: tag-block feeds and satellite batches are rarely more than a few
/// minutes out of order; 15 min covers them with margin while keeping the
/// output latency and the held set small.
inline constexpr UnixMillis kDefaultReorderWindowMs = 15 * 60 * 1000;

/// Most records held at once.  UNIT records.  DEFAULT 1,000,000.
/// REASON: bounds memory whatever the feed does, to max_records heap entries
/// of sizeof(Observation) + 8 = 184 bytes (about 184 MB at the cap; the
/// 40 MB of docs/tracks.md §3 assumes packed 40-byte records); a busy national
/// feed has far fewer than 1 M records in 15 min.
inline constexpr std::size_t kDefaultReorderMaxRecords = 1'000'000;

struct ReorderOptions {
  UnixMillis window_ms = kDefaultReorderWindowMs;    ///< see kDefaultReorderWindowMs
  std::size_t max_records = kDefaultReorderMaxRecords;  ///< see kDefaultReorderMaxRecords (min 1)
  /// Reject late records (unsorted_input) instead of passing them on.
  /// DEFAULT false (`--order=auto`); true for `--order=window`.
  bool strict = false;
};

struct ReorderStats {
  std::uint64_t pushed = 0;          ///< records given to push()
  std::uint64_t released = 0;        ///< records handed to on_observation (incl. late, non-strict)
  std::uint64_t released_early = 0;  ///< released before the window passed, because of the cap
  std::uint64_t late = 0;            ///< older than the last released time
  std::uint64_t rejected = 0;        ///< late records rejected (strict mode)
  UnixMillis max_lateness_ms = 0;    ///< largest (last released time - time) of a late record
  std::size_t peak_held = 0;         ///< most records held at once
};

/// Receives the window's output.
class ReorderSink {
 public:
  virtual ~ReorderSink() = default;
  virtual void on_observation(const Observation& obs) = 0;
  virtual void on_reject(const RejectedLine& rejected) = 0;
};

class ReorderWindow {
 public:
  ReorderWindow(ReorderOptions options, ReorderSink& sink);

  /// Adds one record; releases every record the window has passed.
  void push(const Observation& obs);
  /// End of input: releases everything held, in order.
  void flush();

  [[nodiscard]] const ReorderStats& stats() const noexcept { return stats_; }
  [[nodiscard]] std::size_t held() const noexcept { return heap_.size(); }
  [[nodiscard]] const ReorderOptions& options() const noexcept { return options_; }

 private:
  struct Entry {
    Observation obs;
    std::uint64_t seq = 0;
  };
  void release_top();

  ReorderOptions options_;
  ReorderSink& sink_;
  std::vector<Entry> heap_;
  ReorderStats stats_;
  std::uint64_t seq_ = 0;
  UnixMillis max_seen_ = 0;
  UnixMillis last_released_ = 0;
  bool any_seen_ = false;
  bool any_released_ = false;
};

}  // namespace tidewatch::ingest
