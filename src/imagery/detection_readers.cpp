// Readers of satellite ship-detection files and the project CSV writer
// (imagery/detection_readers.h; formats and derivations: docs/detections.md).

#include "tidewatch/imagery/detection_readers.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <utility>

#include "../ingest/fields.h"  // parse_double, parse_iso8601, trim, iequals (same library)
#include "tidewatch/ingest/csv.h"
#include "tidewatch/report/text.h"

namespace tidewatch::imagery {

std::string_view format_name(DetectionFormat f) noexcept {
  switch (f) {
    case DetectionFormat::project_csv: return "project_csv";
    case DetectionFormat::geojson: return "geojson";
    case DetectionFormat::xview3_csv: return "xview3_csv";
    case DetectionFormat::skylight_csv: return "skylight_csv";
    case DetectionFormat::ksat_csv: return "ksat_csv";
    case DetectionFormat::unknown: break;
  }
  return "unknown";
}

namespace {

using ingest::detail::Parse;
using ingest::detail::trim;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_blank(std::string_view line) noexcept {
  for (char c : line)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\x1a') return false;
  return true;
}

/// Lines of a text: views without the line end; `\r\n` and `\n` both end a line.
/// `f` returns false to stop.
template <typename F>
void for_each_line(std::string_view text, F&& f) {
  std::uint64_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++line_no;
    if (!f(line_no, line)) break;
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
}

/// The first non-blank line (BOM removed).
std::string_view first_line(std::string_view text) noexcept {
  std::string_view out;
  for_each_line(text, [&out](std::uint64_t, std::string_view line) {
    if (is_blank(line)) return true;
    out = line;
    return false;
  });
  return out;
}

/// Column names of a header line, lower case and trimmed.
std::vector<std::string> header_names(std::string_view header) {
  header = ingest::strip_bom(header);
  ingest::CsvSplitter csv(ingest::detect_delimiter(header));
  std::vector<std::string> names;
  if (!csv.split(header)) return names;
  names.reserve(csv.size());
  for (std::string_view f : csv.fields()) names.push_back(lower(trim(f)));
  return names;
}

struct Columns {
  std::vector<std::string> names;
  /// Index of the first column named `name` (lower case), -1 when absent.
  [[nodiscard]] int find(std::string_view name) const noexcept {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == name) return static_cast<int>(i);
    return -1;
  }
  [[nodiscard]] int find_any(std::initializer_list<std::string_view> alts) const noexcept {
    for (std::string_view a : alts)
      if (const int i = find(a); i >= 0) return i;
    return -1;
  }
  [[nodiscard]] bool has(std::string_view name) const noexcept { return find(name) >= 0; }
};

DetectionFormat format_of_columns(const Columns& c) noexcept {
  if (c.has("detect_lat") && c.has("detect_lon")) return DetectionFormat::xview3_csv;
  if (c.has("heading_bucket_0") ||
      (c.has("score") && c.has("vessel_length_m") && c.has("detect_id") && c.has("lat") && c.has("lon")))
    return DetectionFormat::skylight_csv;
  if (c.has("productstarttime") ||
      (c.has("probability") && c.has("detectionid") && (c.has("lon") || c.has("x"))))
    return DetectionFormat::ksat_csv;
  if (c.has("id") && c.has("time") && c.has("lat") && c.has("lon")) return DetectionFormat::project_csv;
  return DetectionFormat::unknown;
}

// ---- field parsing -----------------------------------------------------------

/// A row that cannot be used: the reason and a detail.
struct RowError {
  const char* reason;
  std::string detail;
};

/// Latitude / longitude: missing_field when empty, bad_number when not a
/// number, out_of_range outside -90..90 / -180..180.
std::optional<RowError> parse_coord(std::string_view s, std::string_view what, double limit, double& out) {
  const Parse p = ingest::detail::parse_double(s, out);
  if (p == Parse::na) return RowError{"missing_field", std::string(what) + " is empty"};
  if (p == Parse::bad) return RowError{"bad_number", std::string(what) + " '" + std::string(trim(s)) + "'"};
  if (out < -limit || out > limit)
    return RowError{"out_of_range", std::string(what) + " " + std::string(trim(s)) + " outside -" +
                                         std::to_string(static_cast<int>(limit)) + ".." +
                                         std::to_string(static_cast<int>(limit))};
  return std::nullopt;
}

/// An optional size in metres: empty / n/a / 0 -> unknown; negative or not a number -> bad_number.
std::optional<RowError> parse_size(std::string_view s, std::string_view what, std::optional<double>& out) {
  double v = 0;
  const Parse p = ingest::detail::parse_double(s, v);
  if (p == Parse::na) return std::nullopt;
  if (p == Parse::bad || v < 0) return RowError{"bad_number", std::string(what) + " '" + std::string(trim(s)) + "'"};
  if (v > 0) out = v;
  return std::nullopt;
}

/// An optional heading in degrees 0..360 (360 -> 0); outside -> bad_number.
std::optional<RowError> parse_heading(std::string_view s, std::string_view what, std::optional<double>& out) {
  double v = 0;
  const Parse p = ingest::detail::parse_double(s, v);
  if (p == Parse::na) return std::nullopt;
  if (p == Parse::bad || v < 0 || v > 360)
    return RowError{"bad_number", std::string(what) + " '" + std::string(trim(s)) + "'"};
  out = v == 360 ? 0.0 : v;
  return std::nullopt;
}

/// An optional number scaled by 1/`scale` into 0..1; outside -> bad_number.
std::optional<RowError> parse_unit(std::string_view s, std::string_view what, double scale, std::optional<double>& out) {
  double v = 0;
  const Parse p = ingest::detail::parse_double(s, v);
  if (p == Parse::na) return std::nullopt;
  v /= scale;
  if (p == Parse::bad || v < 0 || v > 1)
    return RowError{"bad_number", std::string(what) + " '" + std::string(trim(s)) + "'"};
  out = v;
  return std::nullopt;
}

bool digits_at(std::string_view s, std::size_t i, std::size_t n) noexcept {
  if (i + n > s.size()) return false;
  for (std::size_t k = i; k < i + n; ++k)
    if (s[k] < '0' || s[k] > '9') return false;
  return true;
}

int num_at(std::string_view s, std::size_t i, std::size_t n) noexcept {
  int v = 0;
  for (std::size_t k = i; k < i + n; ++k) v = v * 10 + (s[k] - '0');
  return v;
}

/// `YYYYMMDD` + sep + `HHMMSS` at s[i] (sep 'T' for Sentinel, '_' for RADARSAT-2).
std::optional<UnixMillis> compact_time_at(std::string_view s, std::size_t i, char sep) noexcept {
  if (!digits_at(s, i, 8) || i + 8 >= s.size() || s[i + 8] != sep || !digits_at(s, i + 9, 6)) return std::nullopt;
  return utc_millis(num_at(s, i, 4), num_at(s, i + 4, 2), num_at(s, i + 6, 2), num_at(s, i + 9, 2),
                    num_at(s, i + 11, 2), num_at(s, i + 13, 2));
}

/// The `_`-separated tokens of a scene id that are compact times (`YYYYMMDDTHHMMSS`).
std::vector<UnixMillis> sentinel_times(std::string_view scene) {
  std::vector<UnixMillis> out;
  std::size_t pos = 0;
  while (pos <= scene.size()) {
    std::size_t end = scene.find_first_of("_.", pos);
    if (end == std::string_view::npos) end = scene.size();
    const std::string_view tok = scene.substr(pos, end - pos);
    if (tok.size() == 15)
      if (auto t = compact_time_at(tok, 0, 'T')) out.push_back(*t);
    pos = end + 1;
  }
  return out;
}

/// The acquisition time of a Sentinel product name:
/// - Sentinel-1 (`S1A_IW_GRDH_1SDV_<start>_<stop>_<orbit>_<datatake>_<crc>`): the
///   midpoint of start and stop (a GRD slice is about 25 s);
/// - Sentinel-2 (`S2B_MSIL1C_<datatake sensing start>_N...._R..._T....._<discriminator>`):
///   the datatake sensing start (the second time is the processing baseline's
///   discriminator, not a sensing time);
/// nullopt for any other name (xView3's opaque scene ids).
std::optional<UnixMillis> sentinel_scene_time(std::string_view scene) {
  scene = trim(scene);
  if (scene.size() < 3 || scene[0] != 'S' || (scene[1] != '1' && scene[1] != '2')) return std::nullopt;
  const std::vector<UnixMillis> t = sentinel_times(scene);
  if (t.empty()) return std::nullopt;
  if (scene[1] == '1' && t.size() >= 2 && t[1] >= t[0] && t[1] - t[0] <= 3600 * 1000) return t[0] + (t[1] - t[0]) / 2;
  return t[0];
}

/// `RS2_YYYYMMDD_HHMMSS_...` (the product start) -> time.
std::optional<UnixMillis> rs2_scene_time(std::string_view scene) noexcept {
  scene = trim(scene);
  if (scene.size() < 4 || scene.substr(0, 4) != "RS2_") return std::nullopt;
  return compact_time_at(scene, 4, '_');
}

// ---- the CSV driver ------------------------------------------------------------

/// Reads one CSV table: the header, then each row through `row(csv, line, d)`,
/// which fills `d` or returns the error.  A repeated id is rejected duplicate_id.
template <typename Setup, typename Row>
DetectionSet read_table(std::string_view text, const std::string& source, Setup&& setup, Row&& row) {
  DetectionSet set;
  ingest::CsvSplitter csv;
  bool have_header = false;
  std::size_t ncols = 0;
  std::unordered_set<std::string> ids;
  auto reject = [&set, &source](std::uint64_t line, std::string reason, std::string detail) {
    set.rejects.push_back(DetectionReject{source, line, std::move(reason), std::move(detail)});
  };
  for_each_line(text, [&](std::uint64_t line_no, std::string_view line) {
    if (!have_header) {
      line = ingest::strip_bom(line);
      if (is_blank(line)) return true;
      have_header = true;
      csv.set_delimiter(ingest::detect_delimiter(line));
      Columns cols;
      if (csv.split(line)) {
        for (std::string_view f : csv.fields()) cols.names.push_back(lower(trim(f)));
      }
      ncols = cols.names.size();
      std::string missing = setup(cols);
      if (ncols == 0 || !missing.empty()) {
        reject(line_no, "bad_header", missing.empty() ? std::string("header cannot be read") : "no column " + missing);
        return false;
      }
      return true;
    }
    if (is_blank(line)) return true;
    ++set.rows;
    if (!csv.split(line)) {
      reject(line_no, "bad_csv_row", "unclosed quote or text after a closing quote");
      return true;
    }
    if (csv.size() != ncols) {
      reject(line_no, "bad_csv_row", std::to_string(csv.size()) + " fields, the header has " + std::to_string(ncols));
      return true;
    }
    Detection d;
    d.source = source;
    d.line = line_no;
    if (std::optional<RowError> e = row(csv, line_no, d)) {
      reject(line_no, e->reason, std::move(e->detail));
      return true;
    }
    if (d.id.empty()) d.id = std::to_string(line_no);
    if (!ids.insert(d.id).second) {
      reject(line_no, "duplicate_id", "id '" + d.id + "' already used");
      return true;
    }
    set.detections.push_back(std::move(d));
    return true;
  });
  return set;
}

/// A column index or -1; get() gives "" for -1.
std::string_view cell(const ingest::CsvSplitter& csv, int i) noexcept {
  return i < 0 ? std::string_view{} : trim(csv.get(static_cast<std::size_t>(i)));
}

// ---- project CSV ---------------------------------------------------------------

DetectionSet read_project_csv(std::string_view text, const std::string& source) {
  struct Idx {
    int id = -1, time = -1, lat = -1, lon = -1, length = -1, scene = -1, width = -1, heading = -1, conf = -1;
  } ix;
  auto setup = [&ix](const Columns& c) -> std::string {
    ix.id = c.find("id");
    ix.time = c.find("time");
    ix.lat = c.find("lat");
    ix.lon = c.find("lon");
    ix.length = c.find("length_m");
    ix.scene = c.find("scene");
    ix.width = c.find("width_m");
    ix.heading = c.find("heading_deg");
    ix.conf = c.find("confidence");
    if (ix.id < 0) return "id";
    if (ix.time < 0) return "time";
    if (ix.lat < 0) return "lat";
    if (ix.lon < 0) return "lon";
    return {};
  };
  auto row = [&ix](const ingest::CsvSplitter& csv, std::uint64_t, Detection& d) -> std::optional<RowError> {
    if (auto e = parse_coord(cell(csv, ix.lat), "lat", 90, d.lat)) return e;
    if (auto e = parse_coord(cell(csv, ix.lon), "lon", 180, d.lon)) return e;
    const std::string_view t = cell(csv, ix.time);
    if (!t.empty()) {
      const auto ms = ingest::detail::parse_iso8601(t);
      if (!ms) return RowError{"bad_time", "time '" + std::string(t) + "'"};
      d.time = *ms;
    }
    if (auto e = parse_size(cell(csv, ix.length), "length_m", d.length_m)) return e;
    if (auto e = parse_size(cell(csv, ix.width), "width_m", d.width_m)) return e;
    if (auto e = parse_heading(cell(csv, ix.heading), "heading_deg", d.heading_deg)) return e;
    if (auto e = parse_unit(cell(csv, ix.conf), "confidence", 1.0, d.confidence)) return e;
    d.id = std::string(cell(csv, ix.id));
    d.scene = std::string(cell(csv, ix.scene));
    return std::nullopt;
  };
  return read_table(text, source, setup, row);
}

// ---- Skylight (AI2 vessel-detection-sentinels) ----------------------------------

/// Skylight's heading buckets: 16 classes of 22.5 degrees; bucket k covers
/// [k*22.5, (k+1)*22.5) clockwise from north, its centre is k*22.5 + 11.25.
constexpr int kSkylightBuckets = 16;
constexpr double kSkylightBucketDeg = 360.0 / kSkylightBuckets;

DetectionSet read_skylight_csv(std::string_view text, const std::string& source) {
  struct Idx {
    int lat = -1, lon = -1, score = -1, length = -1, width = -1, id = -1, scene = -1;
    std::array<int, kSkylightBuckets> bucket{};
  } ix;
  auto setup = [&ix](const Columns& c) -> std::string {
    ix.lat = c.find("lat");
    ix.lon = c.find("lon");
    ix.score = c.find("score");
    ix.length = c.find("vessel_length_m");
    ix.width = c.find("vessel_width_m");
    ix.id = c.find("detect_id");
    ix.scene = c.find("scene_id");
    for (int k = 0; k < kSkylightBuckets; ++k) ix.bucket[static_cast<std::size_t>(k)] = c.find("heading_bucket_" + std::to_string(k));
    if (ix.lat < 0) return "lat";
    if (ix.lon < 0) return "lon";
    return {};
  };
  auto row = [&ix](const ingest::CsvSplitter& csv, std::uint64_t, Detection& d) -> std::optional<RowError> {
    if (auto e = parse_coord(cell(csv, ix.lat), "lat", 90, d.lat)) return e;
    if (auto e = parse_coord(cell(csv, ix.lon), "lon", 180, d.lon)) return e;
    if (auto e = parse_size(cell(csv, ix.length), "vessel_length_m", d.length_m)) return e;
    if (auto e = parse_size(cell(csv, ix.width), "vessel_width_m", d.width_m)) return e;
    if (auto e = parse_unit(cell(csv, ix.score), "score", 1.0, d.confidence)) return e;
    // Heading: the centre of the most probable bucket (the first on ties);
    // unknown when no bucket column has a number.
    double best = -1;
    int best_k = -1;
    for (int k = 0; k < kSkylightBuckets; ++k) {
      const int col = ix.bucket[static_cast<std::size_t>(k)];
      if (col < 0) continue;
      double p = 0;
      const Parse r = ingest::detail::parse_double(cell(csv, col), p);
      if (r == Parse::na) continue;
      if (r == Parse::bad || p < 0)
        return RowError{"bad_number", "heading_bucket_" + std::to_string(k) + " '" + std::string(cell(csv, col)) + "'"};
      if (p > best) {
        best = p;
        best_k = k;
      }
    }
    if (best_k >= 0) d.heading_deg = best_k * kSkylightBucketDeg + kSkylightBucketDeg / 2;
    d.id = std::string(cell(csv, ix.id));
    d.scene = std::string(cell(csv, ix.scene));
    if (d.scene.empty()) return RowError{"missing_field", "scene_id is empty (the time comes from it)"};
    const auto t = sentinel_scene_time(d.scene);
    if (!t) return RowError{"bad_time", "no acquisition time in scene_id '" + d.scene + "'"};
    d.time = *t;
    return std::nullopt;
  };
  return read_table(text, source, setup, row);
}

// ---- GFW / KSAT RADARSAT-2 ---------------------------------------------------------

DetectionSet read_ksat_csv(std::string_view text, const std::string& source) {
  struct Idx {
    int lat = -1, lon = -1, prob = -1, id = -1, start = -1, stop = -1, beam = -1, length = -1, heading = -1,
        scene = -1, footprint = -1;
  } ix;
  auto setup = [&ix](const Columns& c) -> std::string {
    ix.lat = c.find_any({"lat", "y"});
    ix.lon = c.find_any({"lon", "x"});
    ix.prob = c.find("probability");
    ix.id = c.find("detectionid");
    ix.start = c.find("productstarttime");
    ix.stop = c.find("productstoptime");
    ix.beam = c.find("beam");
    ix.length = c.find("length");
    ix.heading = c.find("heading");
    ix.scene = c.find_any({"scene_id", "productid"});
    ix.footprint = c.find("footprint");
    if (ix.lat < 0) return "lat (or Y)";
    if (ix.lon < 0) return "lon (or X)";
    if (ix.start < 0 && ix.scene < 0) return "ProductStartTime (or scene_id)";
    return {};
  };
  auto row = [&ix](const ingest::CsvSplitter& csv, std::uint64_t, Detection& d) -> std::optional<RowError> {
    if (auto e = parse_coord(cell(csv, ix.lat), "lat", 90, d.lat)) return e;
    if (auto e = parse_coord(cell(csv, ix.lon), "lon", 180, d.lon)) return e;
    if (auto e = parse_size(cell(csv, ix.length), "Length", d.length_m)) return e;
    if (auto e = parse_size(cell(csv, ix.beam), "Beam", d.width_m)) return e;
    if (auto e = parse_heading(cell(csv, ix.heading), "Heading", d.heading_deg)) return e;
    if (auto e = parse_unit(cell(csv, ix.prob), "Probability", 100.0, d.confidence)) return e;
    d.id = std::string(cell(csv, ix.id));
    d.scene = std::string(cell(csv, ix.scene));
    d.footprint_wkt = std::string(cell(csv, ix.footprint));
    // Time: the midpoint of ProductStartTime and ProductStopTime (GFW's scene
    // time); the start alone when there is no stop; else the start in the name.
    const std::string_view start = cell(csv, ix.start);
    if (!start.empty()) {
      const auto t0 = ingest::detail::parse_iso8601(start);
      if (!t0) return RowError{"bad_time", "ProductStartTime '" + std::string(start) + "'"};
      d.time = *t0;
      const std::string_view stop = cell(csv, ix.stop);
      if (!stop.empty()) {
        const auto t1 = ingest::detail::parse_iso8601(stop);
        if (!t1 || *t1 < *t0) return RowError{"bad_time", "ProductStopTime '" + std::string(stop) + "'"};
        d.time = *t0 + (*t1 - *t0) / 2;
      }
    } else {
      const auto t = rs2_scene_time(d.scene);
      if (!t) return RowError{d.scene.empty() ? "missing_field" : "bad_time", "no ProductStartTime and no time in scene '" + d.scene + "'"};
      d.time = *t;
    }
    return std::nullopt;
  };
  return read_table(text, source, setup, row);
}

// ---- xView3-SAR labels -------------------------------------------------------------

DetectionSet read_xview3_csv(std::string_view text, const std::string& source) {
  struct Idx {
    int lat = -1, lon = -1, length = -1, scene = -1, id = -1, conf = -1, is_vessel = -1;
  } ix;
  auto setup = [&ix](const Columns& c) -> std::string {
    ix.lat = c.find("detect_lat");
    ix.lon = c.find("detect_lon");
    ix.length = c.find("vessel_length_m");
    ix.scene = c.find("scene_id");
    ix.id = c.find("detect_id");
    ix.conf = c.find("confidence");
    ix.is_vessel = c.find("is_vessel");
    if (ix.lat < 0) return "detect_lat";
    if (ix.lon < 0) return "detect_lon";
    return {};
  };
  auto row = [&ix](const ingest::CsvSplitter& csv, std::uint64_t, Detection& d) -> std::optional<RowError> {
    if (auto e = parse_coord(cell(csv, ix.lat), "detect_lat", 90, d.lat)) return e;
    if (auto e = parse_coord(cell(csv, ix.lon), "detect_lon", 180, d.lon)) return e;
    const std::string_view v = cell(csv, ix.is_vessel);
    if (ingest::detail::iequals(v, "false") || v == "0")
      return RowError{"not_vessel", "is_vessel " + std::string(v) + " (an object that is not a vessel)"};
    if (auto e = parse_size(cell(csv, ix.length), "vessel_length_m", d.length_m)) return e;
    // confidence: the labellers' HIGH / MEDIUM / LOW -> 1 / 0.75 / 0.5 (as
    // KSAT's probabilities 100 / 75 / 50), or a number 0..1 (predictions).
    const std::string_view c = cell(csv, ix.conf);
    if (ingest::detail::iequals(c, "high")) d.confidence = 1.0;
    else if (ingest::detail::iequals(c, "medium")) d.confidence = 0.75;
    else if (ingest::detail::iequals(c, "low")) d.confidence = 0.5;
    else if (auto e = parse_unit(c, "confidence", 1.0, d.confidence)) return e;
    d.id = std::string(cell(csv, ix.id));
    d.scene = std::string(cell(csv, ix.scene));
    if (auto t = sentinel_scene_time(d.scene)) d.time = *t;  // opaque ids: unknown (0)
    return std::nullopt;
  };
  return read_table(text, source, setup, row);
}

// ---- GeoJSON -------------------------------------------------------------------------

/// A property as text: a string as is, a number in shortest form, "" for null / absent.
std::string prop_text(const nlohmann::json& props, const char* key) {
  if (!props.is_object()) return {};
  const auto it = props.find(key);
  if (it == props.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
  if (it->is_number_unsigned()) return std::to_string(it->get<std::uint64_t>());
  if (it->is_number_float()) {
    char b[64];
    const double v = it->get<double>();
    return std::string(b, std::to_chars(b, b + sizeof b, v).ptr);
  }
  return it->dump();
}

DetectionSet read_geojson(std::string_view text, const std::string& source) {
  DetectionSet set;
  auto reject = [&set, &source](std::uint64_t line, std::string reason, std::string detail) {
    set.rejects.push_back(DetectionReject{source, line, std::move(reason), std::move(detail)});
  };
  const nlohmann::json doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded()) {
    reject(1, "bad_json", "not valid JSON");
    return set;
  }
  const nlohmann::json* features = nullptr;
  if (doc.is_object()) {
    const auto it = doc.find("features");
    if (it != doc.end() && it->is_array()) features = &*it;
  }
  if (features == nullptr) {
    reject(1, "bad_json", "not a GeoJSON FeatureCollection (no \"features\" array)");
    return set;
  }
  std::unordered_set<std::string> ids;
  std::uint64_t index = 0;
  for (const nlohmann::json& f : *features) {
    ++index;
    ++set.rows;
    if (!f.is_object()) {
      reject(index, "bad_json", "feature is not an object");
      continue;
    }
    const auto g = f.find("geometry");
    if (g == f.end() || !g->is_object()) {
      reject(index, "missing_field", "feature has no geometry");
      continue;
    }
    const auto type = g->find("type");
    const auto coords = g->find("coordinates");
    if (type == g->end() || !type->is_string() || type->get<std::string>() != "Point" || coords == g->end() ||
        !coords->is_array() || coords->size() < 2 || !(*coords)[0].is_number() || !(*coords)[1].is_number()) {
      reject(index, "bad_json", "geometry is not a Point with numeric coordinates");
      continue;
    }
    Detection d;
    d.source = source;
    d.line = index;
    static const nlohmann::json kNoProps = nlohmann::json::object();
    const auto pit = f.find("properties");
    const nlohmann::json& props = pit != f.end() ? *pit : kNoProps;
    const double lon = (*coords)[0].get<double>();
    const double lat = (*coords)[1].get<double>();
    auto one = [&](Detection& det) -> std::optional<RowError> {
      if (!std::isfinite(lat) || lat < -90 || lat > 90) return RowError{"out_of_range", "lat " + std::to_string(lat) + " outside -90..90"};
      if (!std::isfinite(lon) || lon < -180 || lon > 180) return RowError{"out_of_range", "lon " + std::to_string(lon) + " outside -180..180"};
      det.lat = lat;
      det.lon = lon;
      const std::string t = prop_text(props, "time");
      if (!t.empty()) {
        const auto ms = ingest::detail::parse_iso8601(t);
        if (!ms) return RowError{"bad_time", "time '" + t + "'"};
        det.time = *ms;
      }
      if (auto e = parse_size(prop_text(props, "length_m"), "length_m", det.length_m)) return e;
      if (auto e = parse_size(prop_text(props, "width_m"), "width_m", det.width_m)) return e;
      if (auto e = parse_heading(prop_text(props, "heading_deg"), "heading_deg", det.heading_deg)) return e;
      if (auto e = parse_unit(prop_text(props, "confidence"), "confidence", 1.0, det.confidence)) return e;
      det.id = prop_text(props, "id");
      if (det.id.empty()) det.id = prop_text(f, "id");
      det.scene = prop_text(props, "scene");
      det.footprint_wkt = prop_text(props, "footprint_wkt");
      return std::nullopt;
    };
    if (auto e = one(d)) {
      reject(index, e->reason, std::move(e->detail));
      continue;
    }
    if (d.id.empty()) d.id = std::to_string(index);
    if (!ids.insert(d.id).second) {
      reject(index, "duplicate_id", "id '" + d.id + "' already used");
      continue;
    }
    set.detections.push_back(std::move(d));
  }
  return set;
}

}  // namespace

DetectionFormat detect_detection_format(std::string_view head) noexcept {
  try {
    head = ingest::strip_bom(head);
    std::size_t i = 0;
    while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) ++i;
    if (i < head.size() && (head[i] == '{' || head[i] == '[')) return DetectionFormat::geojson;
    Columns c;
    c.names = header_names(first_line(head));
    return format_of_columns(c);
  } catch (...) {  // allocation failure only
    return DetectionFormat::unknown;
  }
}

DetectionSet read_detections_text(std::string_view text, std::string source, DetectionFormat f) {
  if (f == DetectionFormat::unknown) f = detect_detection_format(text);
  switch (f) {
    case DetectionFormat::project_csv: return read_project_csv(text, source);
    case DetectionFormat::geojson: return read_geojson(text, source);
    case DetectionFormat::xview3_csv: return read_xview3_csv(text, source);
    case DetectionFormat::skylight_csv: return read_skylight_csv(text, source);
    case DetectionFormat::ksat_csv: return read_ksat_csv(text, source);
    case DetectionFormat::unknown: break;
  }
  DetectionSet set;
  if (!is_blank(first_line(text)))
    set.rejects.push_back(DetectionReject{std::move(source), 1, "bad_header", "detections format not recognised"});
  return set;
}

DetectionSet read_detections(const std::filesystem::path& path) {
  // gzread reads plain files unchanged, so one path serves both.
  gzFile gz = gzopen(path.c_str(), "rb");
  if (gz == nullptr) throw std::runtime_error(path.string() + ": cannot open");
  std::string text;
  std::array<char, 1 << 16> buf{};
  for (;;) {
    const int n = gzread(gz, buf.data(), static_cast<unsigned>(buf.size()));
    if (n < 0) {
      gzclose(gz);
      throw std::runtime_error(path.string() + ": cannot read");
    }
    if (n == 0) break;
    text.append(buf.data(), static_cast<std::size_t>(n));
  }
  gzclose(gz);
  const DetectionFormat f = detect_detection_format(text);
  if (f == DetectionFormat::unknown)
    throw std::runtime_error(path.string() + ": detections format not recognised (docs/detections.md)");
  return read_detections_text(text, path.filename().string(), f);
}

void write_detections_csv(std::ostream& out, const std::vector<Detection>& detections) {
  std::string s = "id,time,lat,lon,length_m,scene,width_m,heading_deg,confidence\n";
  auto fixed = [&s](double v, int digits) {
    const double scale = std::pow(10.0, digits);
    double r = std::round(v * scale) / scale;
    if (r == 0) r = 0;  // no "-0.000000"
    report::put_fixed(s, r, digits);
  };
  auto opt = [&](const std::optional<double>& v, int digits) {
    if (v && std::isfinite(*v)) fixed(*v, digits);
  };
  // Text fields on one line: a line break in an id or scene (possible in
  // GeoJSON) becomes a space, since the readers take one row per line.
  auto text = [&s](const std::string& v) {
    if (v.find_first_of("\r\n") == std::string::npos) {
      report::put_csv(s, v);
      return;
    }
    std::string one(v);
    std::replace(one.begin(), one.end(), '\r', ' ');
    std::replace(one.begin(), one.end(), '\n', ' ');
    report::put_csv(s, one);
  };
  for (const Detection& d : detections) {
    text(d.id);
    s.push_back(',');
    if (d.time != 0) s += report::iso_seconds(d.time);
    s.push_back(',');
    fixed(d.lat, 6);
    s.push_back(',');
    fixed(d.lon, 6);
    s.push_back(',');
    opt(d.length_m, 2);
    s.push_back(',');
    text(d.scene);
    s.push_back(',');
    opt(d.width_m, 2);
    s.push_back(',');
    if (d.heading_deg && std::isfinite(*d.heading_deg)) {  // 0 <= h < 360 after rounding
      double h = std::round(*d.heading_deg * 100) / 100;
      h = std::fmod(h, 360.0);
      if (h < 0) h += 360;
      fixed(h, 2);
    }
    s.push_back(',');
    opt(d.confidence, 4);
    s.push_back('\n');
    if (s.size() >= (1U << 16)) {
      out.write(s.data(), static_cast<std::streamsize>(s.size()));
      s.clear();
    }
  }
  out.write(s.data(), static_cast<std::streamsize>(s.size()));
}

}  // namespace tidewatch::imagery
