#pragma once
// The behaviour detectors of `tidewatch analyze` (private to src/analyze):
// per vessel, gaps (with their possible port visits), port visits,
// loitering and draught changes; across vessels, reception coverage (for
// suspected_disabling) and encounters.  Events come out as JSON lines through
// an EventOut callback; docs/analyze.md lists their fields.

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "tidewatch/analyze/config.h"
#include "tidewatch/detect/coverage.h"
#include "tidewatch/detect/draught.h"
#include "tidewatch/detect/encounter.h"
#include "tidewatch/detect/fix.h"
#include "tidewatch/detect/gap.h"
#include "tidewatch/detect/possible_port_visit.h"

namespace tidewatch::ports {
class PortIndex;
}
namespace tidewatch::geo {
class ShoreDistance;
class SeaRouter;
}

namespace tidewatch::analyze {

/// Receives one finished event line: (start, mmsi, type, json line).
using EventOut = std::function<void(UnixMillis, std::uint32_t, const std::string&, std::string)>;

class Behaviour {
 public:
  Behaviour(const Config& config, const std::vector<std::string>& names, const ports::PortIndex& ports,
            const geo::ShoreDistance* shore, const geo::SeaRouter* router, EventOut out);
  ~Behaviour();

  /// One vessel: its track fixes (time order) and its draught reports.
  void vessel(std::uint32_t mmsi, std::span<const detect::Fix> fixes,
              std::span<const detect::DraughtReport> draughts);
  /// After the last vessel: gap reception and encounters.
  void finish();

  /// Event types this stage can write (for zero counts in summary.json).
  static std::vector<std::string> event_types();

 private:
  struct PendingGap {
    std::uint32_t mmsi = 0;
    detect::Fix ends[2];
    detect::Gap gap;
  };
  void possible_port_visits(std::uint32_t mmsi, const PendingGap& g, double observed_top_kn);

  const Config& cfg_;
  const std::vector<std::string>& names_;
  const ports::PortIndex& ports_;
  const geo::ShoreDistance* shore_;
  const geo::SeaRouter* router_;
  EventOut out_;
  detect::ShoreDistanceFn shore_fn_;
  detect::InPortFn in_port_fn_;
  detect::CoverageGrid coverage_;
  std::unique_ptr<detect::EncounterDetector> encounters_;
  std::vector<PendingGap> gaps_;
  std::vector<detect::PortPoint> port_points_;
};

}  // namespace tidewatch::analyze
