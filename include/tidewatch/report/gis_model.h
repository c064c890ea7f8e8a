#pragma once
// What the GIS exports (report/gis_export.h, docs/exports.md) write: small
// value types, independent of where they come from (an AIS run read again by
// `tidewatch export`, or later the SQLite store).  Nothing here knows GDAL.
//
// Evidence: every TrackPoint, ExportEvent and ExportDetection points back to
// input lines with a LineRef whose `source` indexes GisData::inputs, so the
// exported layers can name the file and line a feature rests on.
//
// Units: WGS 84 degrees, knots, degrees clockwise from true north, metres,
// Unix milliseconds UTC.  "Not available" is an empty std::optional.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tidewatch/core/reject.h"
#include "tidewatch/core/time.h"
#include "tidewatch/imagery/detection.h"

namespace tidewatch::report {

/// One fix of a track segment.
struct TrackPoint {
  UnixMillis t = 0;
  double lat = 0;               ///< WGS 84 degrees, -90..90
  double lon = 0;               ///< WGS 84 degrees, -180..180
  std::optional<double> sog;    ///< speed over ground, knots
  std::optional<double> cog;    ///< course over ground, degrees 0..360
  LineRef ref;                  ///< input line (source indexes GisData::inputs)
};

/// One track segment of one vessel (tracks.geojson's segment, same segment_id).
struct Track {
  std::uint32_t mmsi = 0;
  std::string segment_id;       ///< "MMSI-N", N = segment index in time order
  std::string name;             ///< broadcast identity over the segment; "" unknown
  std::optional<std::uint32_t> imo;
  std::string callsign;
  std::string flag;             ///< ISO 3166-1 alpha-2 of the MMSI's MID; "" unknown
  std::vector<TrackPoint> points;  ///< in time order
};

/// One event of events.jsonl (../shared/contracts/results.md).
struct ExportEvent {
  std::string type;
  std::uint32_t mmsi = 0;
  UnixMillis start = 0;
  UnixMillis end = 0;
  double lat = 0;
  double lon = 0;
  std::optional<double> end_lat;  ///< gap: where it ends
  std::optional<double> end_lon;
  std::string json;               ///< the full event JSON object (one line, no '\n')
  std::vector<LineRef> evidence;  ///< source indexes GisData::inputs
};

/// A satellite ship detection with its AIS match (matches.csv).
struct ExportDetection {
  imagery::Detection detection;
  std::optional<std::uint32_t> mmsi;  ///< matched vessel; empty = dark (no AIS match)
  std::optional<double> distance_m;   ///< detection to the matched vessel's position
  std::optional<double> score;        ///< match score 0..1
};

/// An input the data rests on.
struct GisInput {
  std::string name;    ///< as given on the command line (evidence names it)
  std::string sha256;  ///< hex; "" when unknown
};

struct GisData {
  std::vector<Track> tracks;
  std::vector<ExportEvent> events;
  std::vector<ExportDetection> detections;
  std::vector<GisInput> inputs;
};

}  // namespace tidewatch::report
