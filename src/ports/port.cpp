// Port list readers: the contract CSV, GeoJSON polygons, the NGA World Port
// Index CSV (docs/ports.md).

#include "tidewatch/ports/port.h"

#include <s2/s2latlng.h>

#include <nlohmann/json.hpp>

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <unordered_map>

#include "csv_records.h"
#include "geometry.h"
#include "tidewatch/ingest/csv.h"
#include "tidewatch/ingest/line_reader.h"

namespace tidewatch::ports {

using detail::CsvRecord;
using detail::CsvRecords;
using ingest::InputError;

double PortListParams::wpi_radius_m(std::string_view size) const noexcept {
  while (!size.empty() && size.front() == ' ') size.remove_prefix(1);
  while (!size.empty() && size.back() == ' ') size.remove_suffix(1);
  if (size == "Very Small") return wpi_radius_very_small_m;
  if (size == "Small") return wpi_radius_small_m;
  if (size == "Medium") return wpi_radius_medium_m;
  if (size == "Large") return wpi_radius_large_m;
  return wpi_radius_unknown_m;
}

std::string_view port_format_name(PortFormat f) noexcept {
  switch (f) {
    case PortFormat::csv: return "csv";
    case PortFormat::geojson: return "geojson";
    case PortFormat::wpi_pub150: return "wpi_pub150";
  }
  return "?";
}

namespace {

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// A short, printable quote of a field for messages.
std::string quote(std::string_view s) {
  std::string out = "'";
  for (std::size_t i = 0; i < s.size() && i < 40; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    out += (c < 0x20 || c == 0x7F) ? '?' : static_cast<char>(c);
  }
  if (s.size() > 40) out += "...";
  return out + "'";
}

std::optional<double> parse_double(std::string_view s) noexcept {
  s = trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<std::uint32_t> parse_u32(std::string_view s) noexcept {
  s = trim(s);
  std::uint32_t v = 0;
  if (s.empty()) return std::nullopt;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string fmt(double v) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc{} ? std::string(buf, end) : std::string("?");
}

/// Why a field of a row cannot be used.
struct FieldError {
  RejectReason reason;
  std::string detail;
};

std::optional<FieldError> read_coordinate(std::string_view text, const char* what, double lo,
                                          double hi, double& out) {
  if (trim(text).empty()) return FieldError{RejectReason::missing_field, std::string(what) + " is empty"};
  const auto v = parse_double(text);
  if (!v) return FieldError{RejectReason::bad_number, std::string(what) + " " + quote(text) + " is not a number"};
  if (*v < lo || *v > hi) {
    return FieldError{RejectReason::bad_number, std::string(what) + " " + fmt(*v) + " is outside " +
                                                    fmt(lo) + ".." + fmt(hi)};
  }
  out = *v;
  return std::nullopt;
}

std::optional<FieldError> read_radius(std::string_view text, const PortListParams& p, double& out) {
  if (trim(text).empty()) return FieldError{RejectReason::missing_field, "radius_m is empty"};
  const auto v = parse_double(text);
  if (!v) return FieldError{RejectReason::bad_number, "radius_m " + quote(text) + " is not a number"};
  if (!(*v > 0) || *v > p.max_radius_m) {
    return FieldError{RejectReason::bad_number, "radius_m " + fmt(*v) + " is not in (0, " +
                                                    fmt(p.max_radius_m) + "] m"};
  }
  out = *v;
  return std::nullopt;
}

void set_locode(Port& port, std::string_view raw, std::uint64_t line, PortList& list) {
  raw = trim(raw);
  if (raw.empty()) return;
  if (auto code = normalise_locode(raw)) {
    port.locode = std::move(*code);
  } else {
    list.notes.push_back({line, "locode " + quote(raw) + " is not a UN/LOCODE; left empty"});
  }
}

void reject(PortList& list, std::uint64_t line, RejectReason reason, std::string detail) {
  list.rejects.push_back({line, reason, std::move(detail)});
}

std::string where(const std::string& source, std::uint64_t line) {
  return (source.empty() ? std::string("ports") : source) + ":" + std::to_string(line);
}

/// The header's columns, lower-cased and trimmed -> index.
std::unordered_map<std::string, std::size_t> header_columns(const ingest::CsvSplitter& csv,
                                                            bool lowercase) {
  std::unordered_map<std::string, std::size_t> cols;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    std::string key = lowercase ? lower(trim(csv[i])) : std::string(trim(csv[i]));
    cols.emplace(std::move(key), i);
  }
  return cols;
}

/// First physical line of `text` (after a BOM), for delimiter detection.
std::string_view first_line(std::string_view text) {
  text = ingest::strip_bom(text);
  return text.substr(0, text.find('\n'));
}

/// Common loop over the data records of a CSV: skips blank lines, rejects
/// unclosed quotes and unsplittable rows, hands the split row to `row`.
template <typename RowFn>
void for_each_row(CsvRecords& records, ingest::CsvSplitter& csv, PortList& list, RowFn&& row) {
  while (auto r = records.next()) {
    if (trim(r->text).empty()) {
      list.blank += r->lines;
      continue;
    }
    ++list.records;
    if (r->unclosed) {
      reject(list, r->line, RejectReason::bad_csv_row, "quoted field not closed");
      continue;
    }
    if (!csv.split(r->text)) {
      reject(list, r->line, RejectReason::bad_csv_row, "text after a closing quote");
      continue;
    }
    row(*r);
  }
}

}  // namespace

std::optional<std::string> normalise_locode(std::string_view text) {
  std::string code;
  for (char c : text) {
    if (c == ' ') continue;
    code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (code.size() != 5) return std::nullopt;
  for (std::size_t i = 0; i < 5; ++i) {
    const auto c = static_cast<unsigned char>(code[i]);
    const bool ok = i < 2 ? (c >= 'A' && c <= 'Z') : ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
    if (!ok) return std::nullopt;
  }
  return code;
}

// ---- the contract CSV -------------------------------------------------------

PortList parse_port_csv(std::string_view text, std::string source, const PortListParams& p) {
  PortList list;
  list.format = PortFormat::csv;
  list.source = std::move(source);
  const char delim = ingest::detect_delimiter(first_line(text));
  CsvRecords records(text, delim);
  ingest::CsvSplitter csv(delim);

  std::optional<CsvRecord> header;
  while ((header = records.next()) && trim(header->text).empty()) list.blank += header->lines;
  if (!header) throw InputError(where(list.source, 1) + ": empty port list (no header line)");
  if (header->unclosed || !csv.split(header->text)) {
    throw InputError(where(list.source, header->line) + ": port list header cannot be split");
  }
  const auto cols = header_columns(csv, true);
  const auto col = [&](const char* name) -> std::optional<std::size_t> {
    const auto it = cols.find(name);
    return it == cols.end() ? std::nullopt : std::optional<std::size_t>(it->second);
  };
  const auto c_name = col("name"), c_lat = col("lat"), c_lon = col("lon"), c_radius = col("radius_m");
  for (const auto& [need, label] : {std::pair{c_name, "name"}, std::pair{c_lat, "lat"},
                                    std::pair{c_lon, "lon"}, std::pair{c_radius, "radius_m"}}) {
    if (!need) {
      throw InputError(where(list.source, header->line) + ": port list header has no column " + label +
                       " (expected name,locode,lat,lon,radius_m)");
    }
  }
  const auto c_locode = col("locode"), c_country = col("country"), c_wpi = col("wpi"),
             c_size = col("harbor_size"), c_alt = col("alternate_name"), c_pos = col("position");
  const std::size_t needed = std::max({*c_name, *c_lat, *c_lon, *c_radius}) + 1;

  for_each_row(records, csv, list, [&](const CsvRecord& r) {
    if (csv.size() < needed) {
      reject(list, r.line, RejectReason::bad_csv_row,
             std::to_string(csv.size()) + " fields, the header has " + std::to_string(cols.size()));
      return;
    }
    Port port;
    port.line = r.line;
    port.name = std::string(trim(csv[*c_name]));
    if (port.name.empty()) return reject(list, r.line, RejectReason::missing_field, "name is empty");
    if (auto e = read_coordinate(csv[*c_lat], "lat", -90, 90, port.lat)) return reject(list, r.line, e->reason, e->detail);
    if (auto e = read_coordinate(csv[*c_lon], "lon", -180, 180, port.lon)) return reject(list, r.line, e->reason, e->detail);
    if (auto e = read_radius(csv[*c_radius], p, port.radius_m)) return reject(list, r.line, e->reason, e->detail);
    if (c_locode) set_locode(port, csv.get(*c_locode), r.line, list);
    if (c_country) port.country = std::string(trim(csv.get(*c_country)));
    if (c_size) port.harbor_size = std::string(trim(csv.get(*c_size)));
    if (c_alt) port.alternate_name = std::string(trim(csv.get(*c_alt)));
    if (c_pos) port.position = std::string(trim(csv.get(*c_pos)));
    if (c_wpi && !trim(csv.get(*c_wpi)).empty()) {
      if (auto n = parse_u32(csv.get(*c_wpi))) {
        port.wpi = *n;
      } else {
        list.notes.push_back({r.line, "wpi " + quote(csv.get(*c_wpi)) + " is not a whole number; 0"});
      }
    }
    list.ports.push_back(std::move(port));
  });
  return list;
}

// ---- NGA World Port Index (Pub 150) -----------------------------------------

PortList parse_wpi_pub150(std::string_view text, std::string source, const PortListParams& p) {
  PortList list;
  list.format = PortFormat::wpi_pub150;
  list.source = std::move(source);
  CsvRecords records(text, ',');
  ingest::CsvSplitter csv(',');
  std::optional<CsvRecord> header;
  while ((header = records.next()) && trim(header->text).empty()) list.blank += header->lines;
  if (!header || header->unclosed || !csv.split(header->text)) {
    throw InputError(where(list.source, 1) + ": World Port Index header missing or cannot be split");
  }
  const auto cols = header_columns(csv, false);
  std::size_t idx[8] = {};
  const char* names[8] = {"World Port Index Number", "Main Port Name", "Alternate Port Name",
                          "UN/LOCODE", "Country Code", "Harbor Size", "Latitude", "Longitude"};
  std::size_t needed = 0;
  for (int k = 0; k < 8; ++k) {
    const auto it = cols.find(names[k]);
    if (it == cols.end()) {
      throw InputError(where(list.source, header->line) + ": World Port Index header has no column '" +
                       names[k] + "'");
    }
    idx[k] = it->second;
    needed = std::max(needed, it->second + 1);
  }
  for_each_row(records, csv, list, [&](const CsvRecord& r) {
    if (csv.size() < needed) {
      reject(list, r.line, RejectReason::bad_csv_row,
             std::to_string(csv.size()) + " fields, the header has " + std::to_string(cols.size()));
      return;
    }
    Port port;
    port.line = r.line;
    port.position = "wpi";
    port.name = std::string(trim(csv[idx[1]]));
    if (port.name.empty()) return reject(list, r.line, RejectReason::missing_field, "Main Port Name is empty");
    if (auto e = read_coordinate(csv[idx[6]], "Latitude", -90, 90, port.lat)) return reject(list, r.line, e->reason, e->detail);
    if (auto e = read_coordinate(csv[idx[7]], "Longitude", -180, 180, port.lon)) return reject(list, r.line, e->reason, e->detail);
    if (auto n = parse_u32(csv[idx[0]])) {
      port.wpi = *n;
    } else {
      list.notes.push_back({r.line, "World Port Index Number " + quote(csv[idx[0]]) +
                                        " is not a whole number; wpi 0"});
    }
    port.alternate_name = std::string(trim(csv[idx[2]]));
    set_locode(port, csv[idx[3]], r.line, list);
    port.country = std::string(trim(csv[idx[4]]));
    port.harbor_size = std::string(trim(csv[idx[5]]));
    port.radius_m = p.wpi_radius_m(port.harbor_size);
    list.ports.push_back(std::move(port));
  });
  return list;
}

// ---- GeoJSON ----------------------------------------------------------------

namespace {

std::uint64_t line_of_offset(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<std::uint64_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

/// The line where each element of the root object's "features" array starts.
/// `text` is valid JSON (it parsed); this only tracks strings and nesting.
std::vector<std::uint64_t> feature_lines(std::string_view text) {
  std::vector<std::uint64_t> lines;
  int depth = 0;
  std::uint64_t line = 1;
  bool in_features = false, expect = false, done = false;
  std::string last_key;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') ++line;
    if (expect && !std::isspace(static_cast<unsigned char>(c)) && c != ']') {
      lines.push_back(line);
      expect = false;
    }
    if (c == '"') {
      const std::size_t start = i + 1;
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
      if (depth == 1 && !done) {
        std::size_t j = i + 1;
        while (j < text.size() && std::isspace(static_cast<unsigned char>(text[j]))) ++j;
        if (j < text.size() && text[j] == ':') last_key.assign(text.substr(start, i - start));
      }
      continue;
    }
    if (c == '{' || c == '[') {
      ++depth;
      if (c == '[' && depth == 2 && !done && last_key == "features") in_features = expect = true;
    } else if (c == '}' || c == ']') {
      if (in_features && depth == 2) {
        in_features = expect = false;
        done = true;
      }
      --depth;
    } else if (c == ',' && in_features && depth == 2) {
      expect = true;
    }
  }
  return lines;
}

using json = nlohmann::json;

/// [lon, lat] -> LonLat; false when not an array of >= 2 numbers.
bool read_position(const json& pos, LonLat& out) {
  if (!pos.is_array() || pos.size() < 2 || !pos[0].is_number() || !pos[1].is_number()) return false;
  out.lon = pos[0].get<double>();
  out.lat = pos[1].get<double>();
  return true;
}

/// Appends the rings of a GeoJSON Polygon's coordinates; error text on failure.
bool read_rings(const json& coords, std::vector<Ring>& rings, std::string& error,
                RejectReason& reason) {
  reason = RejectReason::bad_json;
  if (!coords.is_array() || coords.empty()) {
    error = "Polygon coordinates are not a non-empty array of rings";
    return false;
  }
  for (const auto& ring_json : coords) {
    if (!ring_json.is_array()) {
      error = "ring " + std::to_string(rings.size() + 1) + " is not an array of positions";
      return false;
    }
    Ring ring;
    for (const auto& pos : ring_json) {
      LonLat ll;
      if (!read_position(pos, ll)) {
        error = "ring " + std::to_string(rings.size() + 1) + " position " +
                std::to_string(ring.size() + 1) + " is not [lon, lat]";
        return false;
      }
      if (!(ll.lat >= -90 && ll.lat <= 90 && ll.lon >= -180 && ll.lon <= 180)) {
        error = "ring " + std::to_string(rings.size() + 1) + " position " +
                std::to_string(ring.size() + 1) + " [" + fmt(ll.lon) + ", " + fmt(ll.lat) +
                "] is out of range";
        reason = RejectReason::bad_number;
        return false;
      }
      ring.push_back(ll);
    }
    rings.push_back(std::move(ring));
  }
  return true;
}

}  // namespace

PortList parse_port_geojson(std::string_view text, std::string source, const PortListParams& p) {
  PortList list;
  list.format = PortFormat::geojson;
  list.source = std::move(source);
  text = ingest::strip_bom(text);
  json root;
  try {
    root = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    const std::size_t byte = e.byte > 0 ? e.byte - 1 : 0;
    throw InputError(where(list.source, line_of_offset(text, byte)) + ": not JSON: " + e.what());
  } catch (const json::exception& e) {  // e.g. out_of_range 406: a number too large for a double
    throw InputError(where(list.source, 1) + ": not usable JSON: " + e.what());
  }
  if (!root.is_object() || root.value("type", json()) != "FeatureCollection" ||
      !root.contains("features") || !root["features"].is_array()) {
    throw InputError(where(list.source, 1) +
                     ": not a GeoJSON FeatureCollection with a \"features\" array");
  }
  const auto lines = feature_lines(text);
  const auto& features = root["features"];
  for (std::size_t k = 0; k < features.size(); ++k) {
    const std::uint64_t line = k < lines.size() ? lines[k] : 1;
    const std::string tag = "feature " + std::to_string(k + 1) + ": ";
    ++list.records;
    const json& f = features[k];
    if (!f.is_object()) {
      reject(list, line, RejectReason::bad_json, tag + "not an object");
      continue;
    }
    const json props = f.contains("properties") && f["properties"].is_object() ? f["properties"] : json::object();
    Port port;
    port.line = line;
    if (props.contains("name") && props["name"].is_string()) port.name = std::string(trim(props["name"].get<std::string>()));
    if (port.name.empty()) {
      reject(list, line, RejectReason::missing_field, tag + "no \"name\" property");
      continue;
    }
    if (props.contains("locode") && !props["locode"].is_null()) {
      if (props["locode"].is_string()) {
        set_locode(port, props["locode"].get<std::string>(), line, list);
      } else {
        list.notes.push_back({line, tag + "locode is not a string; left empty"});
      }
    }
    if (props.contains("country") && props["country"].is_string()) port.country = props["country"].get<std::string>();
    const json geom = f.contains("geometry") && f["geometry"].is_object() ? f["geometry"] : json();
    const std::string type = geom.is_object() && geom.contains("type") && geom["type"].is_string()
                                 ? geom["type"].get<std::string>() : std::string();
    if (type.empty() || !geom.contains("coordinates")) {
      reject(list, line, RejectReason::missing_field, tag + "no geometry with a type and coordinates");
      continue;
    }
    const json& coords = geom["coordinates"];
    std::string error;
    if (type == "Point") {
      LonLat ll;
      if (!read_position(coords, ll)) {
        reject(list, line, RejectReason::bad_json, tag + "Point coordinates are not [lon, lat]");
        continue;
      }
      if (!(ll.lat >= -90 && ll.lat <= 90 && ll.lon >= -180 && ll.lon <= 180)) {
        reject(list, line, RejectReason::bad_number, tag + "Point [" + fmt(ll.lon) + ", " + fmt(ll.lat) + "] is out of range");
        continue;
      }
      if (!props.contains("radius_m") || !props["radius_m"].is_number()) {
        reject(list, line, RejectReason::missing_field, tag + "a Point port needs a numeric radius_m property");
        continue;
      }
      const double r = props["radius_m"].get<double>();
      if (!(r > 0) || r > p.max_radius_m) {
        reject(list, line, RejectReason::bad_number,
               tag + "radius_m " + fmt(r) + " is not in (0, " + fmt(p.max_radius_m) + "] m");
        continue;
      }
      port.lat = ll.lat;
      port.lon = ll.lon;
      port.radius_m = r;
      list.ports.push_back(std::move(port));
      continue;
    }
    std::vector<Ring> rings;
    bool ok = true;
    RejectReason why = RejectReason::bad_json;
    if (type == "Polygon") {
      ok = read_rings(coords, rings, error, why);
    } else if (type == "MultiPolygon") {
      if (!coords.is_array() || coords.empty()) {
        ok = false;
        error = "MultiPolygon coordinates are not a non-empty array of polygons";
      }
      for (std::size_t i = 0; ok && i < coords.size(); ++i) ok = read_rings(coords[i], rings, error, why);
    } else {
      reject(list, line, RejectReason::bad_json,
             tag + "geometry type " + quote(type) + " is not a port area (Polygon, MultiPolygon, or Point with radius_m)");
      continue;
    }
    if (!ok) {
      reject(list, line, why, tag + error);
      continue;
    }
    const auto polygon = detail::make_polygon(rings, &error);
    if (!polygon) {
      reject(list, line, RejectReason::bad_json, tag + error);
      continue;
    }
    const S2LatLng centroid(polygon->GetCentroid());  // S2LatLng normalises the vector
    port.lat = centroid.lat().degrees();
    port.lon = centroid.lng().degrees();
    port.radius_m = 0;
    port.polygon = std::move(rings);
    list.ports.push_back(std::move(port));
  }
  return list;
}

// ---- files and the default list ---------------------------------------------

PortFormat detect_port_format(std::string_view text) noexcept {
  text = ingest::strip_bom(text);
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '{') return PortFormat::geojson;
  if (first_line(text).find("World Port Index Number") != std::string_view::npos) return PortFormat::wpi_pub150;
  return PortFormat::csv;
}

PortList load_ports(const std::filesystem::path& file, const PortListParams& p) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  std::ifstream in(file, std::ios::binary);
  if (ec || !in) throw InputError("cannot open port list " + file.string());
  std::string text(static_cast<std::size_t>(size), '\0');
  if (!in.read(text.data(), static_cast<std::streamsize>(size))) {
    throw InputError("cannot read port list " + file.string());
  }
  switch (detect_port_format(text)) {
    case PortFormat::geojson: return parse_port_geojson(text, file.string(), p);
    case PortFormat::wpi_pub150: return parse_wpi_pub150(text, file.string(), p);
    case PortFormat::csv: break;
  }
  return parse_port_csv(text, file.string(), p);
}

std::optional<std::filesystem::path> find_default_port_list(const std::filesystem::path& data_dir,
                                                            std::vector<std::filesystem::path>* searched) {
  namespace fs = std::filesystem;
  const auto try_dir = [&](const fs::path& dir) -> std::optional<fs::path> {
    fs::path candidate = dir / kDefaultPortList;
    if (searched) searched->push_back(candidate);
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) return candidate;
    return std::nullopt;
  };
  if (!data_dir.empty()) return try_dir(data_dir);
  if (const char* env = std::getenv("TIDEWATCH_DATA_DIR"); env && *env) {
    if (auto f = try_dir(env)) return f;
  }
#ifdef TIDEWATCH_SOURCE_DATA_DIR
  if (auto f = try_dir(TIDEWATCH_SOURCE_DATA_DIR)) return f;
#endif
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && exe.has_parent_path()) {
    if (auto f = try_dir(exe.parent_path().parent_path() / "share" / "tidewatch")) return f;
  }
  return std::nullopt;
}

PortList load_default_ports(const std::filesystem::path& data_dir, const PortListParams& p) {
  std::vector<std::filesystem::path> searched;
  const auto file = find_default_port_list(data_dir, &searched);
  if (!file) {
    std::string msg = "bundled port list not found; searched:";
    for (const auto& s : searched) {
      msg += ' ';
      msg += s.string();
    }
    throw InputError(msg + " (set TIDEWATCH_DATA_DIR or pass --ports)");
  }
  return load_ports(*file, p);
}

}  // namespace tidewatch::ports
