#pragma once
// GIS exports of a GisData (report/gis_model.h) for QGIS and Google Earth;
// layers, fields and formats in docs/exports.md.
//
//   GisExportResult r = export_gis(data, GisFormat::gpkg, "run.gpkg");
//
// Formats (all WGS 84, EPSG:4326, longitude first):
//   gpkg     one GeoPackage file (GDAL's GPKG driver), layers tracks
//            (MultiLineString), positions, events, detections (Point), each
//            with an R-tree spatial index;
//   geojson  a directory with one RFC 7946 FeatureCollection per layer
//            (tracks.geojson, positions.geojson, events.geojson,
//            detections.geojson; GDAL's GeoJSON driver, 7 decimals);
//   kml      one KML 2.2 file for Google Earth written with pugixml: tracks as
//            time-stamped gx:Track in a folder per vessel, events as
//            Placemarks with TimeSpan/TimeStamp in a folder per type, styled
//            per type, detections in their own folder;
//   csv      a directory with one CSV per layer (GDAL's CSV driver; points as
//            X,Y columns, tracks as WKT).
//
// Every layer is written even when empty.  Existing files of the same names
// are replaced.  The same GisData gives byte-identical files: the GeoPackage's
// gpkg_contents.last_change is the data's latest instant (gis_fixed_date),
// set through GDAL's OGR_CURRENT_DATE for the duration of the export.
//
// Antimeridian: a track whose consecutive fixes are more than 180 degrees of
// longitude apart crosses +-180; it is cut there (the crossing latitude
// interpolated linearly in longitude) into a MultiLineString.  gx:Track is
// not cut: Google Earth draws it on the globe.
//
// Errors (a path that cannot be written, a GDAL failure) throw GisExportError;
// GDAL's own messages are captured, not printed.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tidewatch/report/gis_model.h"

namespace tidewatch::report {

enum class GisFormat : std::uint8_t { gpkg, geojson, kml, csv };

/// "gpkg", "geojson", "kml", "csv".
[[nodiscard]] std::string_view gis_format_name(GisFormat f) noexcept;
[[nodiscard]] std::optional<GisFormat> parse_gis_format(std::string_view name) noexcept;

class GisExportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct GisExportResult {
  std::vector<std::filesystem::path> files;         ///< files written, in order
  std::map<std::string, std::uint64_t> features;    ///< features per layer (tracks, positions, events, detections)
};

/// Writes `data` in `format` to `out` (a file for gpkg and kml, a directory
/// for geojson and csv, created when missing).  Throws GisExportError.
GisExportResult export_gis(const GisData& data, GisFormat format, const std::filesystem::path& out);

/// The latest instant of the data (track fixes, event ends, detection times)
/// as "YYYY-MM-DDTHH:MM:SS.sssZ"; "1970-01-01T00:00:00.000Z" for empty data.
[[nodiscard]] std::string gis_fixed_date(const GisData& data);

/// A track's points as lines of (lon, lat), cut at the antimeridian: one part
/// when it does not cross; a single point gives one part of two equal points.
[[nodiscard]] std::vector<std::vector<std::pair<double, double>>> track_parts(const Track& track);

/// One line of events.jsonl as an ExportEvent; evidence names not yet in
/// `inputs` are appended to it (sha256 ""). Throws GisExportError when the
/// line is not a JSON object with type, mmsi, start, end, lat and lon.
[[nodiscard]] ExportEvent parse_event_json(std::string_view line, std::vector<GisInput>& inputs);

}  // namespace tidewatch::report
