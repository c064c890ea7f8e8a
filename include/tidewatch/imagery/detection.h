#pragma once
// A ship detected in a satellite image, from our own SAR detector
// (imagery/cfar.h, `tidewatch detect-ships`) or an external one (Skylight,
// Global Fishing Watch / KSAT, xView3 labels, the project's CSV).  One model
// for all of them, so matching to AIS (match/) never cares where it came from.
// Readers: imagery/detection_readers.h.  Contract: ../shared/contracts/results.md
// (`--detections`: `id,time,lat,lon,length_m[,scene]`).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tidewatch/core/time.h"

namespace tidewatch::imagery {

struct Detection {
  std::string id;        ///< unique within its file (the file's own id, or "<line>" when it has none)
  UnixMillis time = 0;   ///< acquisition time of the image, UTC ms; 0 when the file does not give one
  double lat = 0;        ///< WGS 84 degrees, -90..90
  double lon = 0;        ///< WGS 84 degrees, -180..180
  std::optional<double> length_m;     ///< estimated ship length, metres (> 0)
  std::optional<double> width_m;      ///< estimated beam, metres (> 0)
  std::optional<double> heading_deg;  ///< 0..360, clockwise from true north
  std::optional<double> confidence;   ///< 0..1, the detector's own score rescaled
  std::string scene;                  ///< image / scene identifier, "" when unknown
  std::string source;                 ///< the file name it was read from (evidence)
  std::uint64_t line = 0;             ///< 1-based line (or feature index) in that file
  /// The footprint of the scene, WKT POLYGON in lon/lat, "" when the file does not
  /// give it (GFW/KSAT files do): lets the matcher know which AIS vessels should
  /// have been seen.  Not written by write_detections_csv.
  std::string footprint_wkt;
};

/// A row of a detections file that could not be used: counted, never dropped silently.
struct DetectionReject {
  std::string source;  ///< file name
  std::uint64_t line = 0;
  std::string reason;  ///< snake_case: bad_csv_row, bad_time, bad_number, missing_field, bad_json, bad_header,
                       ///< out_of_range (lat/lon), duplicate_id, not_vessel (docs/detections.md)
  std::string detail;
};

struct DetectionSet {
  std::vector<Detection> detections;
  std::vector<DetectionReject> rejects;
  std::uint64_t rows = 0;  ///< data rows seen (used + rejected)
};

}  // namespace tidewatch::imagery
