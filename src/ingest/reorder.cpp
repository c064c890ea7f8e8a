#include "tidewatch/ingest/reorder.h"

#include <algorithm>
#include <utility>

namespace tidewatch::ingest {

namespace {
// std::push_heap builds a max-heap; "greater" puts the smallest (time, seq) on top.
struct Later {
  template <typename E>
  bool operator()(const E& a, const E& b) const noexcept {
    if (a.obs.time != b.obs.time) return a.obs.time > b.obs.time;
    return a.seq > b.seq;
  }
};
}  // namespace

ReorderWindow::ReorderWindow(ReorderOptions options, ReorderSink& sink)
    : options_(options), sink_(sink) {
  if (options_.max_records == 0) options_.max_records = 1;
  if (options_.window_ms < 0) options_.window_ms = 0;
}

void ReorderWindow::release_top() {
  std::pop_heap(heap_.begin(), heap_.end(), Later{});
  Entry e = std::move(heap_.back());
  heap_.pop_back();
  last_released_ = e.obs.time;
  any_released_ = true;
  ++stats_.released;
  sink_.on_observation(e.obs);
}

void ReorderWindow::push(const Observation& obs) {
  ++stats_.pushed;
  if (any_released_ && obs.time < last_released_) {
    ++stats_.late;
    stats_.max_lateness_ms = std::max(stats_.max_lateness_ms, last_released_ - obs.time);
    if (options_.strict) {
      ++stats_.rejected;
      sink_.on_reject(RejectedLine{obs.ref, RejectReason::unsorted_input, {}});
    } else {
      ++stats_.released;
      sink_.on_observation(obs);
    }
    return;
  }
  if (!any_seen_ || obs.time > max_seen_) max_seen_ = obs.time;
  any_seen_ = true;
  heap_.push_back(Entry{obs, seq_++});
  std::push_heap(heap_.begin(), heap_.end(), Later{});
  stats_.peak_held = std::max(stats_.peak_held, heap_.size());

  const UnixMillis horizon = max_seen_ - options_.window_ms;
  while (!heap_.empty() && heap_.front().obs.time <= horizon) release_top();
  while (heap_.size() > options_.max_records) {
    ++stats_.released_early;
    release_top();
  }
}

void ReorderWindow::flush() {
  while (!heap_.empty()) release_top();
}

}  // namespace tidewatch::ingest
