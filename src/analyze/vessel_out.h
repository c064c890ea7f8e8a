#pragma once
// Per-vessel work of the pipeline and the writers of its output files
// (private to src/analyze; see include/tidewatch/analyze/pipeline.h).

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "tidewatch/analyze/config.h"
#include "tidewatch/ingest/observation.h"
#include "tidewatch/track/identity.h"
#include "tidewatch/track/segmenter.h"

namespace tidewatch::geo {
class LandMask;
}
namespace tidewatch::ports {
class PortIndex;
}
namespace tidewatch::watchlist {
class Screener;
}
namespace tidewatch::store {
class PipelineStore;
}
namespace tidewatch::match {
class DetectionRun;
}

namespace tidewatch::analyze {

struct Totals {
  std::uint64_t vessels = 0, features = 0, track_segments = 0, noise = 0, dropped = 0;
  std::map<std::string, std::uint64_t> events;
};

/// One event line waiting to be sorted by (start, mmsi, arrival).
struct PendingEvent {
  UnixMillis start = 0;
  std::uint32_t mmsi = 0;
  std::string json;  ///< the whole line with '\n'
};

class VesselWriter {
 public:
  VesselWriter(const std::filesystem::path& dir, const std::vector<std::string>& names,
               const Config& config);
  /// Enables position_on_land (nullptr: off).
  void set_land(const geo::LandMask* land) { land_ = land; }
  /// Ports: position_on_land is not reported within land.port_buffer_m of a port.
  void set_ports(const ports::PortIndex* ports) { ports_ = ports; }
  /// Enables the behaviour detectors of analyze (nullptr: tracks only).
  void set_behaviour(class Behaviour* b);
  /// Screens every vessel against the sanctions lists (nullptr: off).
  void set_screener(const watchlist::Screener* s);
  /// Adds every vessel and event to the store (--store; nullptr: off).
  void set_store(store::PipelineStore* s) { store_ = s; }
  /// Hands every vessel's track fixes near a detection time to the matcher
  /// (analyze --detections, docs/matching.md; nullptr: off).
  void set_detections(match::DetectionRun* d);
  /// Adds a finished event line (also used by the behaviour detectors).
  void add_event(UnixMillis start, std::uint32_t mmsi, const std::string& type, std::string json);

  /// One MMSI's observations (positions and statics) in time order.
  void vessel(const std::vector<ingest::Observation>& obs);
  /// After the last vessel: detectors that need every vessel.
  void finish_cross_vessel();
  /// Writes events.jsonl and summary.json (`summary_head` is the summary
  /// object without its closing brace and without vessels/segments/events).
  void finish(std::string summary_head);

  [[nodiscard]] const Totals& totals() const noexcept { return totals_; }

 private:
  void feature(const track::Segment& seg, std::size_t n,
               const std::vector<ingest::Observation>& pos, const track::IdentityHistory& hist);
  void screen(std::uint32_t mmsi, const std::vector<ingest::Observation>& obs,
              const std::vector<ingest::Observation>& pos, const track::IdentityHistory& hist);
  void detection_fixes(std::uint32_t mmsi, const std::vector<const track::Segment*>& tracks,
                        const std::vector<ingest::Observation>& pos, const track::IdentityHistory& hist);
  void positions_on_land(std::uint32_t mmsi, const std::vector<ingest::Observation>& pos,
                         const track::IdentityHistory& hist);

  std::filesystem::path dir_;
  const std::vector<std::string>& names_;
  const Config& cfg_;
  const geo::LandMask* land_ = nullptr;
  const ports::PortIndex* ports_ = nullptr;
  class Behaviour* behaviour_ = nullptr;
  const watchlist::Screener* screener_ = nullptr;
  store::PipelineStore* store_ = nullptr;
  match::DetectionRun* detections_ = nullptr;
  std::ofstream geo_, csv_;
  std::string buf_;
  bool first_feature_ = true;
  std::vector<PendingEvent> events_;
  Totals totals_;
};

}  // namespace tidewatch::analyze
