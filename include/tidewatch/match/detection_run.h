#pragma once
// `tidewatch analyze --detections FILE` (docs/matching.md §4): the glue between
// the batch pipeline (analyze/pipeline.h) and the matcher (match/ais_match.h).
//
//   DetectionRun run(detection_files, geometry_files, params);  // reads them first
//   ... for every vessel, in the per-vessel pass:
//       if (run.wanted(t)) ...; run.vessel(mmsi, length, fixes);  // keeps fixes near detections
//   auto events = run.finish(out_dir, ais_input_names);           // matches.csv + events
//   summary += run.summary_json();
//
// Memory: the detections, and the AIS fixes within MatchParams::window_ms() of
// some detection time; never the whole input.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tidewatch/imagery/detection.h"
#include "tidewatch/match/ais_match.h"

namespace tidewatch::match {

class DetectionRun {
 public:
  /// Reads every detections file (imagery::read_detections) and scene-geometry
  /// file (read_scene_geometry).  Throws std::runtime_error when one cannot be read.
  DetectionRun(std::vector<std::string> detection_paths, const std::vector<std::string>& geometry_paths,
               const MatchParams& params);

  /// True when an AIS fix at t can matter to some detection.
  [[nodiscard]] bool wanted(UnixMillis t) const noexcept { return windows_.wanted(t); }
  /// One vessel's fixes (time order; only the wanted ones are kept).
  void vessel(std::uint32_t mmsi, std::optional<double> length_m, std::span<const AisFix> fixes);

  struct Event {
    UnixMillis start = 0;
    std::uint32_t mmsi = 0;
    std::string type;  ///< dark_vessel, not_detected
    std::string json;  ///< the events.jsonl line with '\n'
  };
  /// Matches, writes `dir/matches.csv` and returns the events.  `ais_names`
  /// are the AIS inputs' names indexed by LineRef::source (evidence).
  std::vector<Event> finish(const std::filesystem::path& dir, const std::vector<std::string>& ais_names);

  /// {"files":[...],"read":N,"rejected":K,"rejected_by_reason":{..},"matched":..,...}
  [[nodiscard]] std::string summary_json() const;

  /// "" or "N detection rows rejected (bad_time 1, ...)" for standard error.
  [[nodiscard]] std::string reject_summary() const;

  [[nodiscard]] static std::vector<std::string> event_types() { return {"dark_vessel", "not_detected"}; }

  /// After finish(): the detections read, the file each came from (as given)
  /// and each one's match (same order), for the store.
  [[nodiscard]] const std::vector<imagery::Detection>& detections() const noexcept { return detections_; }
  [[nodiscard]] const std::string& path_of(std::size_t detection) const { return paths_.at(file_of_.at(detection)); }
  [[nodiscard]] const MatchOutput& output() const noexcept { return output_; }

 private:
  MatchParams params_;
  std::vector<std::string> paths_;
  std::vector<imagery::Detection> detections_;
  std::vector<std::uint32_t> file_of_;  ///< detection -> index in paths_
  std::vector<imagery::DetectionReject> rejects_;
  std::vector<std::uint64_t> rows_, used_;  ///< per file
  std::vector<SceneGeometry> geometry_;
  std::vector<std::string> geometry_paths_;
  FixWindows windows_;
  MatchOutput output_;
  std::uint64_t fixes_kept_ = 0, no_time_ = 0;
  bool finished_ = false;
};

}  // namespace tidewatch::match
