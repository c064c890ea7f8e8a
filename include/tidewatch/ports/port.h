#pragma once
// Ports: the list of places where a ship is "in port", how it is read, and
// the spatial index the detectors ask (docs/ports.md).
//
//   ports::PortList list = ports::load_ports("ports.csv");      // or load_default_ports()
//   for (const auto& r : list.rejects) warn(r.line, r.reason, r.detail);
//   ports::PortIndex index(std::move(list.ports));
//   if (const ports::Port* p = index.containing(43.1, 131.9)) use(p->name);
//
// A port is a circle (a position and an entry radius) or a polygon.
//
// Formats read (load_ports() tells them apart by content):
//  - the contract's CSV: header `name,locode,lat,lon,radius_m` (any order,
//    extra columns ignored; `,` `;` or tab).  The bundled data/ports/wpi.csv
//    is this format with the extra columns `country,wpi,harbor_size,
//    alternate_name,position`, which are read when present.
//  - a GeoJSON FeatureCollection (RFC 7946) of Polygon / MultiPolygon
//    features with `name` and `locode` properties; a Point feature with a
//    `radius_m` property is a circle port.
//  - the NGA World Port Index CSV itself (Pub 150 "UpdatedPub150.csv", 107
//    columns, recognised by its `World Port Index Number` column), with the
//    radius taken from its Harbor Size (PortListParams).
// CSV records may hold quoted fields with line breaks (RFC 4180) and may start
// with a UTF-8 byte-order mark.
//
// Bad input is a value: a row that cannot be used is returned in
// PortList::rejects with its line number and reason, never thrown and never
// dropped silently.  A row kept with a field cleared (a locode that is not a
// UN/LOCODE, a WPI number that is not whole) is listed in PortList::notes.
// Only a file that cannot be used at all throws ingest::InputError (a
// configuration error): it cannot be read, the CSV header lacks a required
// column, the GeoJSON does not parse (the message gives the line) or is not
// a FeatureCollection.
//
// Units: lat/lon WGS 84 degrees (lat -90..90, lon -180..180); distances in
// metres on a sphere of radius geo::kEarthRadiusM (the same as
// geo::haversine_m).

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tidewatch/core/reject.h"

namespace tidewatch::ports {

/// One vertex of a polygon ring, GeoJSON order (longitude first), degrees.
struct LonLat {
  double lon = 0;
  double lat = 0;
};
/// A closed ring; the closing vertex (equal to the first) may be present or not.
using Ring = std::vector<LonLat>;

struct Port {
  std::string name;     ///< e.g. "Vladivostok" (WPI Main Port Name)
  std::string locode;   ///< UN/LOCODE without the space ("RUVVO"); empty when none
  std::string country;  ///< WPI country name ("Russia"); empty when not given
  double lat = 0;       ///< degrees; for a polygon, its centroid (a label point)
  double lon = 0;       ///< degrees
  /// Entry radius around (lat, lon), metres, > 0 for a circle port; 0 for a
  /// polygon port.
  double radius_m = 0;
  /// Outer rings and holes of a polygon port (a MultiPolygon's rings are all
  /// listed; nesting tells holes from shells).  Empty optional: a circle port.
  std::optional<std::vector<Ring>> polygon;
  std::uint32_t wpi = 0;       ///< World Port Index number, 0 if none
  std::string harbor_size;     ///< WPI Harbor Size ("Very Small" .. "Large"), or empty
  std::string alternate_name;  ///< WPI Alternate Port Name, or empty
  /// What (lat, lon) is: "wpi" (the WPI port position), "settlement" (a
  /// town's coordinate, not a surveyed berth: Dunai), or empty (user lists).
  std::string position;
  std::uint64_t line = 0;      ///< line of the source file the port was read from (1-based)

  [[nodiscard]] bool is_polygon() const noexcept { return polygon.has_value(); }
};

/// Thresholds of the port list readers.
struct PortListParams {
  /// Largest accepted radius_m, metres.  DEFAULT 100 km.  [project] Larger
  /// than any harbour (the WPI-derived radii are at most 7.5 km); a larger
  /// value is a unit or typing mistake that would swallow a whole sea.
  double max_radius_m = 100'000;
  /// Radius of a World Port Index port by its Harbor Size, metres.
  /// [project] The median, over ports, of the median distance between the WPI
  /// position and Global Fishing Watch's named anchorage points of the same
  /// port (GFW anchorages_pipeline anchorage_overrides.csv; measured by
  /// `scripts/gen-ports.py --stats`): Very Small 3.3 km (240 ports), Small
  /// 4.9 km (180), Medium 6.5 km (105), Large 7.3 km (60), rounded to 0.5 km;
  /// Very Small and unknown keep GFW's 3 km anchorage entry distance
  /// (anchorages_pipeline anchorage_entry_dist_km = 3.0).
  double wpi_radius_very_small_m = 3000;
  double wpi_radius_small_m = 5000;    ///< see wpi_radius_very_small_m
  double wpi_radius_medium_m = 6500;   ///< see wpi_radius_very_small_m
  double wpi_radius_large_m = 7500;    ///< see wpi_radius_very_small_m
  double wpi_radius_unknown_m = 3000;  ///< Harbor Size blank; see wpi_radius_very_small_m

  /// The radius for a WPI Harbor Size text ("Very Small", "Small", "Medium",
  /// "Large"; anything else: unknown).
  [[nodiscard]] double wpi_radius_m(std::string_view harbor_size) const noexcept;
};

enum class PortFormat : std::uint8_t { csv, geojson, wpi_pub150 };
[[nodiscard]] std::string_view port_format_name(PortFormat f) noexcept;

/// A row or feature that was not used.  `reason` is one of bad_csv_row,
/// bad_number, missing_field, bad_json; `detail` says which field and why.
struct PortReject {
  std::uint64_t line = 0;  ///< 1-based line where the row or feature starts
  RejectReason reason = RejectReason::bad_csv_row;
  std::string detail;
};

/// A row kept with a field cleared.
struct PortNote {
  std::uint64_t line = 0;
  std::string detail;
};

struct PortList {
  std::vector<Port> ports;
  std::vector<PortReject> rejects;
  std::vector<PortNote> notes;
  std::uint64_t records = 0;  ///< data rows / features read (= ports + rejects)
  std::uint64_t blank = 0;    ///< blank lines skipped (CSV)
  std::string source;         ///< the path or name given to the reader
  PortFormat format = PortFormat::csv;
};

/// The UN/LOCODE in `text` without its space, upper case ("ru vvo" ->
/// "RUVVO"), or nullopt when it is not 2 letters + 3 letters or digits.
[[nodiscard]] std::optional<std::string> normalise_locode(std::string_view text);

/// Reads a port file of any supported format (see above).  Throws
/// ingest::InputError when the file cannot be used at all (see above).
[[nodiscard]] PortList load_ports(const std::filesystem::path& file, const PortListParams& p = {});

/// The format of a port file's text: GeoJSON when it starts with `{`
/// (after a byte-order mark and white space), Pub 150 when the first line
/// holds `World Port Index Number`, else the contract CSV.
[[nodiscard]] PortFormat detect_port_format(std::string_view text) noexcept;

/// The readers, on text already in memory.  `source` names it in messages.
[[nodiscard]] PortList parse_port_csv(std::string_view text, std::string source = "",
                                      const PortListParams& p = {});
[[nodiscard]] PortList parse_port_geojson(std::string_view text, std::string source = "",
                                          const PortListParams& p = {});
[[nodiscard]] PortList parse_wpi_pub150(std::string_view text, std::string source = "",
                                        const PortListParams& p = {});

/// Relative path of the bundled port list inside a data directory.
inline constexpr std::string_view kDefaultPortList = "ports/wpi.csv";

/// Where the bundled port list is, searched in this order:
///  1. `data_dir` / ports/wpi.csv when `data_dir` is not empty (an explicit
///     data directory; not found there = nullopt, no fallback);
///  2. $TIDEWATCH_DATA_DIR / ports/wpi.csv;
///  3. the source tree's data/ (compile definition TIDEWATCH_SOURCE_DATA_DIR);
///  4. <prefix>/share/tidewatch/ports/wpi.csv, <prefix> being the parent of
///     the running program's directory (/proc/self/exe).
/// `searched`, when given, receives every path tried.
[[nodiscard]] std::optional<std::filesystem::path> find_default_port_list(
    const std::filesystem::path& data_dir = {},
    std::vector<std::filesystem::path>* searched = nullptr);

/// load_ports(find_default_port_list(data_dir)).  Throws ingest::InputError
/// naming the paths searched when none exists.
[[nodiscard]] PortList load_default_ports(const std::filesystem::path& data_dir = {},
                                          const PortListParams& p = {});

/// The spatial index over a port list.  Immutable once built; every query is
/// const and safe to call from several threads.
///
/// Distance to a port: to its position for a circle port; to the polygon for
/// a polygon port (0 inside).  A port *contains* a point when that distance is
/// <= radius_m (circle) or the point is inside the polygon.
///
/// Implementation (docs/ports.md): containing()/in_port() look the point's
/// 0.1-degree lat/lon bucket up in a hash table of the buckets that each
/// port's entry region reaches (its S2LatLngRect bound), so a point far from
/// every port costs no trigonometry; the few candidates are tested exactly on
/// the sphere (S1ChordAngle to the centre, S2Polygon::Contains).  within()
/// runs an S2ClosestPointQuery over an S2PointIndex of the circle ports and
/// an S2ClosestEdgeQuery over the polygons' MutableS2ShapeIndex.
class PortIndex {
 public:
  PortIndex();  ///< no ports
  /// Throws std::invalid_argument for a port that a reader would have
  /// rejected (position out of range, radius not > 0 for a circle, invalid
  /// polygon).
  explicit PortIndex(std::vector<Port> ports);
  PortIndex(PortIndex&&) noexcept;
  PortIndex& operator=(PortIndex&&) noexcept;
  ~PortIndex();

  [[nodiscard]] std::span<const Port> ports() const noexcept;
  [[nodiscard]] std::size_t size() const noexcept;
  [[nodiscard]] const Port& operator[](std::uint32_t i) const noexcept;

  /// The port containing (lat, lon); when several do, the nearest (ties: the
  /// lower index).  nullptr when none, or when lat/lon are not finite or out
  /// of range.
  [[nodiscard]] const Port* containing(double lat, double lon) const noexcept;
  /// containing() as an index into ports().
  [[nodiscard]] std::optional<std::uint32_t> containing_index(double lat, double lon) const noexcept;
  /// containing() != nullptr.
  [[nodiscard]] bool in_port(double lat, double lon) const noexcept;

  /// Ports at distance <= max_m from (lat, lon), as (index, distance in
  /// metres), nearest first (ties: lower index).  Empty for max_m < 0, NaN,
  /// or a bad position.
  [[nodiscard]] std::vector<std::pair<std::uint32_t, double>> within(double lat, double lon,
                                                                     double max_m) const;

  /// Distance in metres from (lat, lon) to port i (see above); NaN for a bad
  /// position or index.
  [[nodiscard]] double distance_m(std::uint32_t i, double lat, double lon) const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tidewatch::ports
