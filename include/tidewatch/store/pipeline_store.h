#pragma once
// The store's side of `tidewatch tracks|analyze --store FILE` (docs/store.md §5):
// the pipeline hands each vessel's positions, track segments and identity
// history, then every event line, and this writes them to the store in
// transactions of `batch_vessels` vessels.
//
// Inputs are registered by sha256 before the first vessel: an input a
// finished earlier run stored is reported ("already stored") and its
// positions are not merged again (they are there); its events and tracks
// are still offered and deduplicated by key.  Standard input has no
// sha256: it is registered as "stdin" keyed by the run ("stdin:run:N").

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "tidewatch/ingest/observation.h"
#include "tidewatch/store/store.h"
#include "tidewatch/track/identity.h"
#include "tidewatch/track/segmenter.h"

namespace tidewatch::store {

class PipelineStore {
 public:
  PipelineStore(const std::string& path, std::string_view program, std::uint32_t batch_vessels = 500);

  /// Registers the run's inputs (`paths` as opened, "-" = stdin; `names` as the run calls them).
  void add_inputs(const std::vector<std::string>& paths, const std::vector<std::string>& names,
                  std::ostream* log);
  /// One vessel: its positions (time order), its track segments (members index
  /// `positions`, in the order of tracks.geojson) and identity history.
  void vessel(std::uint32_t mmsi, const std::vector<ingest::Observation>& positions,
              const std::vector<const track::Segment*>& tracks, const track::IdentityHistory& hist,
              UnixMillis first_seen, UnixMillis last_seen);
  /// One events.jsonl line.
  void event(std::string_view json_line);
  /// Ends the run (commits); a line of counts to `log`.
  void finish(std::ostream* log);

  [[nodiscard]] Store& store() noexcept { return store_; }

 private:
  Store store_;
  std::uint32_t batch_;
  std::vector<std::uint32_t> input_id_;  // run source index -> store input id
  std::vector<bool> stored_before_;      // run source index -> already stored
  std::uint64_t positions_ = 0, events_new_ = 0, events_known_ = 0;
};

}  // namespace tidewatch::store
