#pragma once
// Readers of satellite ship-detection files into imagery::DetectionSet, and the
// writer of the project's detections CSV (contract: ../shared/contracts/results.md,
// `--detections`).  Formats, columns and how time, heading and confidence are
// derived: docs/detections.md.
//
//   auto set = read_detections("ksat-detections-ind-v20200110.csv");
//   for (const Detection& d : set.detections) ...;   // set.rejects: (line, reason)
//
// - project_csv: `id,time,lat,lon,length_m[,scene]` + optional `width_m,
//   heading_deg,confidence` (any column order after the header).
// - geojson: a FeatureCollection of Point features (properties id/time/length_m/...).
// - skylight_csv: AI2 Skylight (vessel-detection-sentinels) predictions.
// - ksat_csv: GFW/KSAT RADARSAT-2 vessel detections (`ksat-detections-*.csv` and
//   the per-scene `RS2_*_VD.csv`).
// - xview3_csv: xView3-SAR label CSVs (`train.csv`, `validation.csv`).
// A row that cannot be used is a DetectionReject (line, reason, detail), never
// an exception.

#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "tidewatch/imagery/detection.h"

namespace tidewatch::imagery {

enum class DetectionFormat { project_csv, geojson, xview3_csv, skylight_csv, ksat_csv, unknown };

/// "project_csv", "geojson", "xview3_csv", "skylight_csv", "ksat_csv", "unknown".
[[nodiscard]] std::string_view format_name(DetectionFormat f) noexcept;

/// From the first bytes of a file (header line / JSON start).
DetectionFormat detect_detection_format(std::string_view head) noexcept;

/// Reads a whole file's text; `source` is the file name recorded in each Detection and reject.
/// f == unknown: detected from the text.  Bad rows counted in rejects (line, reason), never thrown.
/// Text in no known format gives one reject `bad_header` at line 1.
DetectionSet read_detections_text(std::string_view text, std::string source,
                                  DetectionFormat f = DetectionFormat::unknown);

/// Reads a file (plain or gzip, recognised from the content).  Throws std::runtime_error
/// when it cannot be read or its format is not recognised.  `source` is the file name
/// (without directories).
DetectionSet read_detections(const std::filesystem::path& path);

/// The project CSV (results.md): header `id,time,lat,lon,length_m,scene,width_m,heading_deg,confidence`
/// (the first five/six are the contract's columns in its order; empty cells for unknown values),
/// time ISO 8601 UTC `YYYY-MM-DDTHH:MM:SSZ`, coordinates with 6 decimals.  Deterministic.
/// Lengths, widths and headings are written with 2 decimals, confidence with 4; an
/// unknown time (0) is written as an empty cell.
void write_detections_csv(std::ostream& out, const std::vector<Detection>& detections);

}  // namespace tidewatch::imagery
