#pragma once
// The batch pipeline behind `tidewatch tracks` and `tidewatch analyze`
// (docs/analyze.md):
//
//   inputs ─► ingest (any format) ─► order ─► per MMSI: segment, identity,
//   data quality [, gaps, port visits, loitering, draught, possible port
//   visits; coverage and encounter candidates] ─► cross-vessel: gap
//   reception (suspected_disabling), encounters ─► writers
//
// Order: `sort` (default) puts observations in (mmsi, time, source, line)
// order with ingest::ExternalSorter, in bounded memory with spill to disk;
// `window` streams a nearly time-ordered feed through ingest::ReorderWindow
// (strict: records later than the window are rejected unsorted_input) and
// groups it by MMSI in memory, with no disk: faster for feeds that fit in
// memory, and gives the same results when no record is late.
//
// Memory: one vessel's observations at a time plus the sorter's budget;
// tracks.geojson and vessels.csv are streamed to disk; events are held
// until the end (they are sorted by start).
//
// Output files (into out_dir): tracks.geojson, vessels.csv, events.jsonl,
// summary.json (../shared/contracts/results.md; docs/tracks.md).  Everything
// is a function of the inputs, their names as given and the parameters.

#include <cstdint>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "tidewatch/analyze/config.h"
#include "tidewatch/ingest/format.h"
#include "tidewatch/ingest/observation_sink.h"

namespace tidewatch::analyze {

enum class Order : std::uint8_t { sort, window };

struct PipelineOptions {
  std::vector<std::string> inputs;  ///< paths; "-" reads standard input
  ingest::ReadOptions read;         ///< format / generic CSV mapping (source is set per input)
  Order order = Order::sort;
  std::string out_dir;
  std::string rejects_path;         ///< JSON Lines of rejected lines; "" = none
  /// Run the behaviour detectors of `analyze` (gaps, port visits, encounters,
  /// loitering, draught changes); false for `tracks` (data quality only).
  bool behaviour = false;
  std::string ports_path;           ///< port list (CSV or GeoJSON); "" = the bundled WPI list
  /// Sanctions lists (watchlist/readers.h formats): every vessel is screened
  /// and each match becomes a watchlist_match event.
  std::vector<std::string> watchlists;
  std::string program = "tidewatch tracks";  ///< summary.json "program"
  /// The embedded store (docs/store.md): every vessel's positions, tracks and
  /// identity history and every event are added to this SQLite file
  /// (created when missing; a re-run adds without duplicating).  "" = none.
  std::string store_path;
  /// Satellite ship detections (imagery/detection_readers.h formats), matched
  /// to the AIS vessels: matches.csv, dark_vessel and not_detected events
  /// (docs/matching.md).  Empty: no matching.
  std::vector<std::string> detections;
  /// SAR scene geometry files (Sentinel-1 annotation XML, SNAP metadata XML)
  /// for the azimuth-shift correction of moving ships (docs/matching.md §2).
  std::vector<std::string> scene_geometry;
  Config config;
};

struct PipelineResult {
  ingest::IngestStats ingest;
  std::uint64_t vessels = 0;
  std::uint64_t track_segments = 0;
  std::map<std::string, std::uint64_t> events;  ///< by type
  int status = 0;                               ///< 0, or 2 when an input could not be read
};

/// Runs the pipeline; progress and warnings go to `log` (nullptr: silent).
/// Throws std::runtime_error for unusable options (unreadable port list,
/// output directory that cannot be created).
PipelineResult run_pipeline(const PipelineOptions& options, std::ostream* log);

}  // namespace tidewatch::analyze
