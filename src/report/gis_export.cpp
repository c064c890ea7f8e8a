// GIS exports through GDAL/OGR (GeoPackage, GeoJSON, CSV) and pugixml (KML);
// include/tidewatch/report/gis_export.h, docs/exports.md.

#include "tidewatch/report/gis_export.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogr_feature.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <system_error>

#include "tidewatch/report/text.h"

namespace tidewatch::report {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kMsPerDay = 86'400'000;

struct Civil {
  int y, m, d, hh, mm, ss, ms;
};

/// Howard Hinnant's civil_from_days, with the time of day.
Civil civil(UnixMillis t) {
  std::int64_t days = t >= 0 ? t / kMsPerDay : -((-t + kMsPerDay - 1) / kMsPerDay);
  std::int64_t rest = t - days * kMsPerDay;
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  Civil c{};
  c.y = static_cast<int>(y + (m <= 2));
  c.m = static_cast<int>(m);
  c.d = static_cast<int>(d);
  c.hh = static_cast<int>(rest / 3'600'000);
  rest %= 3'600'000;
  c.mm = static_cast<int>(rest / 60'000);
  rest %= 60'000;
  c.ss = static_cast<int>(rest / 1000);
  c.ms = static_cast<int>(rest % 1000);
  return c;
}

/// ISO 8601 with the milliseconds only when not zero (time.h's format).
std::string iso(UnixMillis t) {
  char buf[kIso8601Max];
  const std::size_t n = format_iso8601(t, buf);
  return std::string(buf, n);
}

/// "YYYY-MM-DDTHH:MM:SS[.fff]Z" -> instant; nullopt when malformed.
std::optional<UnixMillis> parse_iso(std::string_view s) {
  auto num = [&](std::size_t pos, std::size_t len, int& out) {
    if (pos + len > s.size()) return false;
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
  };
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0, ms = 0;
  if (s.size() < 20 || !num(0, 4, y) || s[4] != '-' || !num(5, 2, mo) || s[7] != '-' || !num(8, 2, d) ||
      (s[10] != 'T' && s[10] != ' ') || !num(11, 2, h) || s[13] != ':' || !num(14, 2, mi) || s[16] != ':' ||
      !num(17, 2, se))
    return std::nullopt;
  std::size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    int digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (digits < 3) ms = ms * 10 + (s[i] - '0');
      ++digits;
      ++i;
    }
    for (; digits < 3; ++digits) ms *= 10;
  }
  if (i + 1 != s.size() || s[i] != 'Z') return std::nullopt;
  return utc_millis(y, mo, d, h, mi, se, ms);
}

std::string ref_text(const GisData& data, const LineRef& r) {
  std::string s = r.source < data.inputs.size() ? data.inputs[r.source].name : std::string("?");
  s.push_back(':');
  put_u(s, r.line);
  return s;
}

std::string deg_text(double v) {
  std::string s;
  put_deg(s, v);
  return s;
}

// ---- GDAL plumbing --------------------------------------------------------------

void register_gdal() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

/// Captures GDAL's messages (never printed) and sets OGR_CURRENT_DATE for this
/// thread while an export runs.
class GdalScope {
 public:
  explicit GdalScope(const std::string& date) {
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
    const char* old = CPLGetThreadLocalConfigOption("OGR_CURRENT_DATE", nullptr);
    if (old != nullptr) old_ = std::string(old);
    CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", date.c_str());
  }
  ~GdalScope() {
    CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", old_ ? old_->c_str() : nullptr);
    CPLPopErrorHandler();
  }
  GdalScope(const GdalScope&) = delete;
  GdalScope& operator=(const GdalScope&) = delete;

 private:
  std::optional<std::string> old_;
};

[[noreturn]] void fail(const std::string& what) {
  std::string msg = what;
  const char* gdal = CPLGetLastErrorMsg();
  if (gdal != nullptr && *gdal != '\0') msg += std::string(": ") + gdal;
  throw GisExportError(msg);
}

struct DatasetCloser {
  void operator()(GDALDataset* ds) const noexcept { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

struct FeatureDeleter {
  void operator()(OGRFeature* f) const noexcept { OGRFeature::DestroyFeature(f); }
};

/// Closes a dataset and reports a failure raised while flushing it.
void close_dataset(DatasetPtr& ds, const fs::path& path) {
  CPLErrorReset();
  GDALClose(ds.release());
  if (CPLGetLastErrorType() >= CE_Failure) fail("cannot finish " + path.string());
}

enum class Kind : std::uint8_t { str, integer, real, time, boolean };

struct FieldDef {
  const char* name;
  Kind kind;
};

/// A layer being written: fields by name in definition order.
class LayerWriter {
 public:
  LayerWriter(GDALDataset& ds, const char* name, OGRwkbGeometryType type, std::vector<FieldDef> fields,
              GisFormat format, CSLConstList options)
      : fields_(std::move(fields)), format_(format) {
    OGRSpatialReference srs;
    srs.importFromEPSG(4326);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    layer_ = ds.CreateLayer(name, &srs, type, const_cast<char**>(options));
    if (layer_ == nullptr) fail(std::string("cannot create layer ") + name);
    for (const auto& f : fields_) {
      OGRFieldType t = OFTString;
      OGRFieldSubType sub = OFSTNone;
      switch (f.kind) {
        case Kind::str: t = OFTString; break;
        case Kind::integer: t = OFTInteger64; break;
        case Kind::real: t = OFTReal; break;
        // CSV: ISO 8601 text (GDAL's CSV writes "YYYY/MM/DD hh:mm:ss+00").
        case Kind::time: t = format == GisFormat::csv ? OFTString : OFTDateTime; break;
        case Kind::boolean:
          t = OFTInteger;
          sub = OFSTBoolean;
          break;
      }
      OGRFieldDefn def(f.name, t);
      def.SetSubType(sub);
      if (layer_->CreateField(&def) != OGRERR_NONE) fail(std::string("cannot create field ") + f.name);
    }
  }

  void begin() {
    feature_.reset(OGRFeature::CreateFeature(layer_->GetLayerDefn()));
  }
  void str(int i, std::string_view v) { feature_->SetField(i, std::string(v).c_str()); }
  void integer(int i, std::int64_t v) { feature_->SetField(i, static_cast<GIntBig>(v)); }
  void real(int i, std::optional<double> v) {
    if (v && std::isfinite(*v)) feature_->SetField(i, *v);
    else feature_->SetFieldNull(i);
  }
  void boolean(int i, bool v) { feature_->SetField(i, v ? 1 : 0); }
  void time(int i, UnixMillis t) {
    if (format_ == GisFormat::csv) {
      str(i, iso(t));
      return;
    }
    const Civil c = civil(t);
    feature_->SetField(i, c.y, c.m, c.d, c.hh, c.mm, static_cast<float>(c.ss) + static_cast<float>(c.ms) / 1000.0F,
                       100);
  }
  void null(int i) { feature_->SetFieldNull(i); }
  void geometry(OGRGeometry* g) { feature_->SetGeometryDirectly(g); }
  void end() {
    if (layer_->CreateFeature(feature_.get()) != OGRERR_NONE) fail("cannot write a feature");
    feature_.reset();
    ++count_;
  }
  [[nodiscard]] std::uint64_t count() const noexcept { return count_; }
  [[nodiscard]] OGRLayer* layer() const noexcept { return layer_; }

 private:
  std::vector<FieldDef> fields_;
  GisFormat format_;
  OGRLayer* layer_ = nullptr;
  std::unique_ptr<OGRFeature, FeatureDeleter> feature_;
  std::uint64_t count_ = 0;
};

OGRGeometry* point(double lon, double lat) { return new OGRPoint(lon, lat); }

/// The track as a LineString, or a MultiLineString when cut at the antimeridian
/// (always a MultiLineString when `multi`, for GeoPackage's typed column).
OGRGeometry* track_geometry(const Track& t, bool multi) {
  const auto parts = track_parts(t);
  auto line = [](const std::vector<std::pair<double, double>>& part) {
    auto* l = new OGRLineString();
    l->setNumPoints(static_cast<int>(part.size()));
    for (std::size_t i = 0; i < part.size(); ++i) l->setPoint(static_cast<int>(i), part[i].first, part[i].second);
    return l;
  };
  if (parts.size() == 1 && !multi) return line(parts[0]);
  auto* m = new OGRMultiLineString();
  for (const auto& p : parts) m->addGeometryDirectly(line(p));
  return m;
}

const std::vector<FieldDef> kTrackFields = {
    {"segment_id", Kind::str}, {"mmsi", Kind::integer},     {"name", Kind::str},
    {"callsign", Kind::str},   {"imo", Kind::integer},      {"flag", Kind::str},
    {"start", Kind::time},     {"end", Kind::time},         {"n_positions", Kind::integer},
    {"evidence_first", Kind::str}, {"evidence_last", Kind::str}};
const std::vector<FieldDef> kPositionFields = {
    {"segment_id", Kind::str}, {"mmsi", Kind::integer}, {"time", Kind::time}, {"sog", Kind::real},
    {"cog", Kind::real},       {"source", Kind::str},   {"line", Kind::integer}};
const std::vector<FieldDef> kEventFields = {
    {"type", Kind::str},          {"mmsi", Kind::integer},         {"start", Kind::time},
    {"end", Kind::time},          {"end_lat", Kind::real},         {"end_lon", Kind::real},
    {"evidence_first", Kind::str}, {"evidence_last", Kind::str},   {"n_evidence", Kind::integer},
    {"json", Kind::str}};
const std::vector<FieldDef> kDetectionFields = {
    {"id", Kind::str},          {"time", Kind::time},         {"length_m", Kind::real},
    {"width_m", Kind::real},    {"heading_deg", Kind::real},  {"confidence", Kind::real},
    {"scene", Kind::str},       {"source", Kind::str},        {"line", Kind::integer},
    {"mmsi", Kind::integer},    {"distance_m", Kind::real},   {"score", Kind::real},
    {"dark", Kind::boolean}};

void write_tracks(LayerWriter& w, const GisData& data, bool multi) {
  for (const auto& t : data.tracks) {
    if (t.points.empty()) continue;
    w.begin();
    w.str(0, t.segment_id);
    w.integer(1, t.mmsi);
    w.str(2, t.name);
    w.str(3, t.callsign);
    if (t.imo) w.integer(4, *t.imo);
    else w.null(4);
    w.str(5, t.flag);
    w.time(6, t.points.front().t);
    w.time(7, t.points.back().t);
    w.integer(8, static_cast<std::int64_t>(t.points.size()));
    w.str(9, ref_text(data, t.points.front().ref));
    w.str(10, ref_text(data, t.points.back().ref));
    w.geometry(track_geometry(t, multi));
    w.end();
  }
}

void write_positions(LayerWriter& w, const GisData& data) {
  for (const auto& t : data.tracks) {
    for (const auto& p : t.points) {
      w.begin();
      w.str(0, t.segment_id);
      w.integer(1, t.mmsi);
      w.time(2, p.t);
      w.real(3, p.sog);
      w.real(4, p.cog);
      w.str(5, p.ref.source < data.inputs.size() ? data.inputs[p.ref.source].name : std::string());
      w.integer(6, static_cast<std::int64_t>(p.ref.line));
      w.geometry(point(p.lon, p.lat));
      w.end();
    }
  }
}

void write_events(LayerWriter& w, const GisData& data) {
  for (const auto& e : data.events) {
    w.begin();
    w.str(0, e.type);
    w.integer(1, e.mmsi);
    w.time(2, e.start);
    w.time(3, e.end);
    w.real(4, e.end_lat);
    w.real(5, e.end_lon);
    if (e.evidence.empty()) {
      w.null(6);
      w.null(7);
    } else {
      w.str(6, ref_text(data, e.evidence.front()));
      w.str(7, ref_text(data, e.evidence.back()));
    }
    w.integer(8, static_cast<std::int64_t>(e.evidence.size()));
    w.str(9, e.json);
    w.geometry(point(e.lon, e.lat));
    w.end();
  }
}

void write_detections(LayerWriter& w, const GisData& data) {
  for (const auto& x : data.detections) {
    const auto& d = x.detection;
    w.begin();
    w.str(0, d.id);
    if (d.time != 0) w.time(1, d.time);
    else w.null(1);
    w.real(2, d.length_m);
    w.real(3, d.width_m);
    w.real(4, d.heading_deg);
    w.real(5, d.confidence);
    w.str(6, d.scene);
    w.str(7, d.source);
    w.integer(8, static_cast<std::int64_t>(d.line));
    if (x.mmsi) w.integer(9, *x.mmsi);
    else w.null(9);
    w.real(10, x.distance_m);
    w.real(11, x.score);
    w.boolean(12, !x.mmsi.has_value());
    w.geometry(point(d.lon, d.lat));
    w.end();
  }
}

enum class LayerId : std::uint8_t { tracks, positions, events, detections };
constexpr const char* kLayerNames[] = {"tracks", "positions", "events", "detections"};

OGRwkbGeometryType layer_type(LayerId id, GisFormat f) {
  if (id != LayerId::tracks) return wkbPoint;
  // GeoPackage types its geometry column: every track is a MultiLineString there.
  return f == GisFormat::gpkg ? wkbMultiLineString : wkbUnknown;
}

const std::vector<FieldDef>& layer_fields(LayerId id) {
  switch (id) {
    case LayerId::tracks: return kTrackFields;
    case LayerId::positions: return kPositionFields;
    case LayerId::events: return kEventFields;
    case LayerId::detections: return kDetectionFields;
  }
  return kTrackFields;
}

std::uint64_t write_layer(GDALDataset& ds, LayerId id, const GisData& data, GisFormat f, CSLConstList options) {
  LayerWriter w(ds, kLayerNames[static_cast<int>(id)], layer_type(id, f), layer_fields(id), f, options);
  const bool txn = f == GisFormat::gpkg;
  if (txn && ds.StartTransaction() != OGRERR_NONE) fail("cannot start a transaction");
  switch (id) {
    case LayerId::tracks: write_tracks(w, data, f == GisFormat::gpkg); break;
    case LayerId::positions: write_positions(w, data); break;
    case LayerId::events: write_events(w, data); break;
    case LayerId::detections: write_detections(w, data); break;
  }
  if (txn && ds.CommitTransaction() != OGRERR_NONE) fail("cannot commit");
  return w.count();
}

GDALDriver* driver(const char* name) {
  register_gdal();
  GDALDriver* d = GetGDALDriverManager()->GetDriverByName(name);
  if (d == nullptr) throw GisExportError(std::string("GDAL has no ") + name + " driver");
  return d;
}

void remove_existing(const fs::path& p) {
  std::error_code ec;
  if (fs::is_directory(p, ec)) throw GisExportError(p.string() + " is a directory");
  fs::remove(p, ec);
  if (ec) throw GisExportError("cannot replace " + p.string() + ": " + ec.message());
}

void make_dir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) throw GisExportError("cannot create directory " + dir.string());
}

GisExportResult export_gpkg(const GisData& data, const fs::path& out) {
  GDALDriver* drv = driver("GPKG");
  if (out.has_parent_path()) make_dir(out.parent_path());
  remove_existing(out);
  DatasetPtr ds(drv->Create(out.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds) fail("cannot create " + out.string());
  GisExportResult r;
  CPLStringList opt;
  opt.SetNameValue("SPATIAL_INDEX", "YES");
  opt.SetNameValue("GEOMETRY_NAME", "geom");
  opt.SetNameValue("FID", "fid");
  for (auto id : {LayerId::tracks, LayerId::positions, LayerId::events, LayerId::detections})
    r.features[kLayerNames[static_cast<int>(id)]] = write_layer(*ds, id, data, GisFormat::gpkg, opt.List());
  close_dataset(ds, out);
  r.files.push_back(out);
  return r;
}

/// GeoJSON and CSV: one file per layer in a directory.
GisExportResult export_per_layer(const GisData& data, GisFormat f, const fs::path& dir) {
  GDALDriver* drv = driver(f == GisFormat::geojson ? "GeoJSON" : "CSV");
  make_dir(dir);
  GisExportResult r;
  for (auto id : {LayerId::tracks, LayerId::positions, LayerId::events, LayerId::detections}) {
    const char* name = kLayerNames[static_cast<int>(id)];
    const fs::path path = dir / (std::string(name) + (f == GisFormat::geojson ? ".geojson" : ".csv"));
    remove_existing(path);
    DatasetPtr ds(drv->Create(path.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) fail("cannot create " + path.string());
    CPLStringList opt;
    if (f == GisFormat::geojson) {
      opt.SetNameValue("RFC7946", "YES");
      opt.SetNameValue("COORDINATE_PRECISION", "7");
      opt.SetNameValue("WRITE_NAME", "YES");
    } else {
      opt.SetNameValue("GEOMETRY", id == LayerId::tracks ? "AS_WKT" : "AS_XY");
      opt.SetNameValue("LINEFORMAT", "LF");
      opt.SetNameValue("SEPARATOR", "COMMA");
      opt.SetNameValue("CREATE_CSVT", "NO");
      opt.SetNameValue("WRITE_BOM", "NO");
      opt.SetNameValue("STRING_QUOTING", "IF_NEEDED");
    }
    r.features[name] = write_layer(*ds, id, data, f, opt.List());
    close_dataset(ds, path);
    r.files.push_back(path);
  }
  return r;
}

// ---- KML ------------------------------------------------------------------------

/// aabbggrr colours per event type (KML order), for Google Earth's icons.
std::string event_colour(std::string_view type) {
  if (type == "gap") return "ff0000ff";                   // red
  if (type == "possible_port_visit") return "ff0080ff";   // orange
  if (type == "port_visit") return "ffff8000";            // blue
  if (type == "encounter") return "ffff00ff";             // magenta
  if (type == "loitering") return "ff00ffff";             // yellow
  if (type == "identity_change") return "ff00ff80";       // green
  if (type == "shared_mmsi") return "ff8000ff";           // pink
  if (type == "position_jump") return "ff008080";         // olive
  if (type == "position_on_land") return "ff004080";      // brown
  if (type == "draught_change") return "ffffff00";        // cyan
  if (type == "watchlist_match") return "ff000080";       // dark red
  return "ffffffff";
}

std::string style_id(std::string_view type) {
  std::string s = "event-";
  for (char c : type) s.push_back((std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_') ? c : '_');
  return s;
}

/// XML 1.0 allows no control characters but tab and line ends: provider
/// files can carry them in names; they become '?'.
std::string xml_clean(std::string v) {
  for (char& c : v)
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') c = '?';
  return v;
}

void text_child(pugi::xml_node parent, const char* name, const std::string& value) {
  parent.append_child(name).append_child(pugi::node_pcdata).set_value(xml_clean(value).c_str());
}

std::string html_escape(std::string_view v) {
  std::string s;
  for (char c : v) {
    switch (c) {
      case '&': s += "&amp;"; break;
      case '<': s += "&lt;"; break;
      case '>': s += "&gt;"; break;
      case '"': s += "&quot;"; break;
      default: s.push_back(c);
    }
  }
  return s;
}

/// A description table: <table> of rows (key, value), HTML-escaped.
class Table {
 public:
  void row(std::string_view k, std::string_view v) {
    s_ += "<tr><th align=\"left\">" + html_escape(k) + "</th><td>" + html_escape(v) + "</td></tr>";
  }
  [[nodiscard]] std::string html() const { return "<table>" + s_ + "</table>"; }

 private:
  std::string s_;
};

void description(pugi::xml_node pm, const std::string& html) {
  pm.append_child("description").append_child(pugi::node_cdata).set_value(xml_clean(html).c_str());
}

void time_primitive(pugi::xml_node pm, UnixMillis start, UnixMillis end) {
  if (start == end) {
    text_child(pm.append_child("TimeStamp"), "when", iso(start));
  } else {
    auto span = pm.append_child("TimeSpan");
    text_child(span, "begin", iso(start));
    text_child(span, "end", iso(end));
  }
}

void extended(pugi::xml_node pm, const std::vector<std::pair<std::string, std::string>>& data) {
  auto ext = pm.append_child("ExtendedData");
  for (const auto& kv : data) {
    auto d = ext.append_child("Data");
    d.append_attribute("name").set_value(xml_clean(kv.first).c_str());
    text_child(d, "value", kv.second);
  }
}

std::string coord(double lon, double lat) {
  return deg_text(lon) + "," + deg_text(lat);
}

std::string json_value_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

void add_style(pugi::xml_node doc, const std::string& id, const std::string& colour, const char* icon,
               double scale) {
  auto st = doc.append_child("Style");
  st.append_attribute("id").set_value(id.c_str());
  auto is = st.append_child("IconStyle");
  text_child(is, "color", colour);
  std::string sc;
  put_fixed(sc, scale, 1);
  text_child(is, "scale", sc);
  text_child(is.append_child("Icon"), "href", icon);
}

GisExportResult export_kml(const GisData& data, const fs::path& out) {
  if (out.has_parent_path()) make_dir(out.parent_path());
  {
    std::error_code ec;
    if (fs::is_directory(out, ec)) throw GisExportError(out.string() + " is a directory");
  }
  pugi::xml_document xml;
  auto decl = xml.append_child(pugi::node_declaration);
  decl.append_attribute("version").set_value("1.0");
  decl.append_attribute("encoding").set_value("UTF-8");
  auto kml = xml.append_child("kml");
  kml.append_attribute("xmlns").set_value("http://www.opengis.net/kml/2.2");
  kml.append_attribute("xmlns:gx").set_value("http://www.google.com/kml/ext/2.2");
  auto doc = kml.append_child("Document");
  text_child(doc, "name", "tidewatch export");
  text_child(doc, "open", "1");

  constexpr const char* kCircle = "http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png";
  constexpr const char* kArrow = "http://earth.google.com/images/kml-icons/track-directional/track-0.png";
  constexpr const char* kSquare = "http://maps.google.com/mapfiles/kml/shapes/placemark_square.png";
  {
    auto st = doc.append_child("Style");
    st.append_attribute("id").set_value("track");
    auto is = st.append_child("IconStyle");
    text_child(is, "scale", "0.6");
    text_child(is.append_child("Icon"), "href", kArrow);
    auto ls = st.append_child("LineStyle");
    text_child(ls, "color", "ff00aaff");
    text_child(ls, "width", "2");
  }
  std::map<std::string, std::vector<const ExportEvent*>> by_type;
  for (const auto& e : data.events) by_type[e.type].push_back(&e);
  for (const auto& [type, list] : by_type) add_style(doc, style_id(type), event_colour(type), kCircle, 1.1);
  add_style(doc, "detection-dark", "ff0000ff", kSquare, 1.0);
  add_style(doc, "detection-matched", "ff00ff00", kSquare, 0.8);
  {
    // Per-fix values of a gx:Track (Google Earth's elevation profile shows them).
    auto schema = doc.append_child("Schema");
    schema.append_attribute("id").set_value("fix");
    for (const auto* f : {"sog", "cog", "evidence"}) {
      auto field = schema.append_child("gx:SimpleArrayField");
      field.append_attribute("name").set_value(f);
      field.append_attribute("type").set_value(std::string_view(f) == "evidence" ? "string" : "float");
      text_child(field, "displayName",
                 std::string_view(f) == "sog"   ? "Speed over ground (kn)"
                 : std::string_view(f) == "cog" ? "Course over ground (deg)"
                                                : "Input line");
    }
  }

  GisExportResult r;
  // ---- tracks: a folder per vessel, one gx:Track per segment
  std::map<std::uint32_t, std::vector<const Track*>> by_vessel;
  std::uint64_t ntracks = 0;
  for (const auto& t : data.tracks)
    if (!t.points.empty()) by_vessel[t.mmsi].push_back(&t);
  auto tracks_folder = doc.append_child("Folder");
  text_child(tracks_folder, "name", "tracks");
  for (const auto& [mmsi, list] : by_vessel) {
    auto vf = tracks_folder.append_child("Folder");
    std::string fname;
    put_u(fname, mmsi);
    if (!list.front()->name.empty()) fname += " " + list.front()->name;
    text_child(vf, "name", fname);
    for (const Track* t : list) {
      auto pm = vf.append_child("Placemark");
      text_child(pm, "name", t->segment_id);
      Table tab;
      std::string m;
      put_u(m, t->mmsi);
      tab.row("segment_id", t->segment_id);
      tab.row("mmsi", m);
      tab.row("name", t->name);
      tab.row("callsign", t->callsign);
      tab.row("imo", t->imo ? std::to_string(*t->imo) : std::string());
      tab.row("flag", t->flag);
      tab.row("start", iso(t->points.front().t));
      tab.row("end", iso(t->points.back().t));
      tab.row("positions", std::to_string(t->points.size()));
      tab.row("evidence_first", ref_text(data, t->points.front().ref));
      tab.row("evidence_last", ref_text(data, t->points.back().ref));
      description(pm, tab.html());
      time_primitive(pm, t->points.front().t, t->points.back().t);
      text_child(pm, "styleUrl", "#track");
      extended(pm, {{"segment_id", t->segment_id},
                    {"mmsi", m},
                    {"name", t->name},
                    {"callsign", t->callsign},
                    {"imo", t->imo ? std::to_string(*t->imo) : std::string()},
                    {"flag", t->flag}});
      auto tr = pm.append_child("gx:Track");
      for (const auto& p : t->points) text_child(tr, "when", iso(p.t));
      for (const auto& p : t->points) text_child(tr, "gx:coord", deg_text(p.lon) + " " + deg_text(p.lat) + " 0");
      auto sd = tr.append_child("ExtendedData").append_child("SchemaData");
      sd.append_attribute("schemaUrl").set_value("#fix");
      auto array = [&sd](const char* name) {
        auto a = sd.append_child("gx:SimpleArrayData");
        a.append_attribute("name").set_value(name);
        return a;
      };
      auto sog = array("sog");
      auto cog = array("cog");
      auto evid = array("evidence");
      for (const auto& p : t->points) {
        std::string v;
        if (p.sog) put_fixed(v, *p.sog, 1);
        text_child(sog, "gx:value", v);
        v.clear();
        if (p.cog) put_fixed(v, *p.cog, 1);
        text_child(cog, "gx:value", v);
        text_child(evid, "gx:value", ref_text(data, p.ref));
      }
      ++ntracks;
    }
  }
  r.features["tracks"] = ntracks;

  // ---- events: a folder per type
  auto events_folder = doc.append_child("Folder");
  text_child(events_folder, "name", "events");
  std::uint64_t nevents = 0;
  for (const auto& [type, list] : by_type) {
    auto tf = events_folder.append_child("Folder");
    text_child(tf, "name", type);
    for (const ExportEvent* e : list) {
      auto pm = tf.append_child("Placemark");
      std::string m;
      put_u(m, e->mmsi);
      text_child(pm, "name", e->type + " " + m);
      Table tab;
      std::vector<std::pair<std::string, std::string>> ext;
      const auto j = nlohmann::json::parse(e->json, nullptr, false);
      if (j.is_object()) {
        for (const auto& item : j.items()) {
          if (item.key() == "evidence") continue;
          const std::string v = json_value_text(item.value());
          tab.row(item.key(), v);
          ext.emplace_back(item.key(), v);
        }
      }
      std::string ev;
      for (const auto& ref : e->evidence) {
        if (!ev.empty()) ev += "; ";
        ev += ref_text(data, ref);
      }
      tab.row("evidence", ev);
      ext.emplace_back("evidence", ev);
      description(pm, tab.html());
      time_primitive(pm, e->start, e->end);
      std::string url = "#";
      url += style_id(e->type);  // not "#" + ...: GCC 12 -Wrestrict false positive (PR 105651)
      text_child(pm, "styleUrl", url);
      extended(pm, ext);
      text_child(pm.append_child("Point"), "coordinates", coord(e->lon, e->lat));
      ++nevents;
    }
  }
  r.features["events"] = nevents;

  // ---- detections
  auto det_folder = doc.append_child("Folder");
  text_child(det_folder, "name", "detections");
  for (const auto& x : data.detections) {
    const auto& d = x.detection;
    auto pm = det_folder.append_child("Placemark");
    text_child(pm, "name", d.id);
    Table tab;
    auto opt = [](std::optional<double> v, int digits) {
      std::string s;
      if (v) put_fixed(s, *v, digits);
      return s;
    };
    tab.row("id", d.id);
    tab.row("time", d.time != 0 ? iso(d.time) : std::string());
    tab.row("length_m", opt(d.length_m, 1));
    tab.row("confidence", opt(d.confidence, 3));
    tab.row("scene", d.scene);
    tab.row("mmsi", x.mmsi ? std::to_string(*x.mmsi) : std::string("dark (no AIS match)"));
    tab.row("distance_m", opt(x.distance_m, 1));
    tab.row("score", opt(x.score, 3));
    tab.row("evidence", d.source + ":" + std::to_string(d.line));
    description(pm, tab.html());
    if (d.time != 0) time_primitive(pm, d.time, d.time);
    text_child(pm, "styleUrl", x.mmsi ? "#detection-matched" : "#detection-dark");
    text_child(pm.append_child("Point"), "coordinates", coord(d.lon, d.lat));
  }
  r.features["detections"] = data.detections.size();

  remove_existing(out);
  if (!xml.save_file(out.string().c_str(), "  ", pugi::format_default, pugi::encoding_utf8))
    throw GisExportError("cannot write " + out.string());
  r.files.push_back(out);
  return r;
}

}  // namespace

std::string_view gis_format_name(GisFormat f) noexcept {
  switch (f) {
    case GisFormat::gpkg: return "gpkg";
    case GisFormat::geojson: return "geojson";
    case GisFormat::kml: return "kml";
    case GisFormat::csv: return "csv";
  }
  return "gpkg";
}

std::optional<GisFormat> parse_gis_format(std::string_view name) noexcept {
  for (auto f : {GisFormat::gpkg, GisFormat::geojson, GisFormat::kml, GisFormat::csv})
    if (gis_format_name(f) == name) return f;
  if (name == "geopackage") return GisFormat::gpkg;
  return std::nullopt;
}

std::string gis_fixed_date(const GisData& data) {
  UnixMillis latest = 0;
  for (const auto& t : data.tracks)
    for (const auto& p : t.points) latest = std::max(latest, p.t);
  for (const auto& e : data.events) latest = std::max({latest, e.start, e.end});
  for (const auto& d : data.detections) latest = std::max(latest, d.detection.time);
  const Civil c = civil(latest);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", c.y, c.m, c.d, c.hh, c.mm, c.ss, c.ms);
  return buf;
}

std::vector<std::vector<std::pair<double, double>>> track_parts(const Track& track) {
  std::vector<std::vector<std::pair<double, double>>> parts(1);
  const auto& pts = track.points;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (i > 0) {
      const auto& q = pts[i - 1];
      const auto& p = pts[i];
      if (std::fabs(p.lon - q.lon) > 180) {
        // Crossing: the latitude at +-180 on the short way round.
        const double side = q.lon > 0 ? 180.0 : -180.0;
        const double lon2 = p.lon + (side > 0 ? 360.0 : -360.0);
        const double f = (side - q.lon) / (lon2 - q.lon);
        const double lat = q.lat + f * (p.lat - q.lat);
        if (parts.back().back() != std::make_pair(side, lat)) parts.back().emplace_back(side, lat);
        parts.emplace_back();
        parts.back().emplace_back(-side, lat);
      }
    }
    parts.back().emplace_back(pts[i].lon, pts[i].lat);
  }
  // A line needs two points: a lone fix (or a part that is only the crossing
  // point) is repeated.
  for (auto& part : parts)
    if (part.size() == 1) part.push_back(part.front());
  if (pts.empty()) parts.clear();
  return parts;
}

ExportEvent parse_event_json(std::string_view line, std::vector<GisInput>& inputs) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  const auto j = nlohmann::json::parse(line, nullptr, false);
  if (!j.is_object()) throw GisExportError("not a JSON object");
  ExportEvent e;
  auto need = [&j](const char* key) -> const nlohmann::json& {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) throw GisExportError(std::string("event without ") + key);
    return *it;
  };
  auto number = [&need](const char* key) {
    const auto& v = need(key);
    if (!v.is_number()) throw GisExportError(std::string("event ") + key + " is not a number");
    return v.get<double>();
  };
  auto instant = [&need](const char* key) {
    const auto& v = need(key);
    const auto t = v.is_string() ? parse_iso(v.get<std::string>()) : std::nullopt;
    if (!t) throw GisExportError(std::string("event ") + key + " is not an ISO 8601 UTC time");
    return *t;
  };
  const auto& type = need("type");
  if (!type.is_string()) throw GisExportError("event type is not a string");
  e.type = type.get<std::string>();
  const auto& mmsi = need("mmsi");
  if (!mmsi.is_number_unsigned() || mmsi.get<std::uint64_t>() > std::numeric_limits<std::uint32_t>::max())
    throw GisExportError("event mmsi is not an unsigned integer");
  e.mmsi = mmsi.get<std::uint32_t>();
  e.start = instant("start");
  e.end = instant("end");
  e.lat = number("lat");
  e.lon = number("lon");
  if (auto it = j.find("end_lat"); it != j.end() && it->is_number()) e.end_lat = it->get<double>();
  if (auto it = j.find("end_lon"); it != j.end() && it->is_number()) e.end_lon = it->get<double>();
  if (auto it = j.find("evidence"); it != j.end() && it->is_array()) {
    for (const auto& ref : *it) {
      if (!ref.is_object()) continue;
      auto s = ref.find("source");
      auto l = ref.find("line");
      if (s == ref.end() || !s->is_string() || l == ref.end() || !l->is_number_unsigned()) continue;
      const std::string name = s->get<std::string>();
      std::size_t idx = 0;
      while (idx < inputs.size() && inputs[idx].name != name) ++idx;
      if (idx == inputs.size()) inputs.push_back(GisInput{name, ""});
      e.evidence.push_back(LineRef{static_cast<std::uint32_t>(idx), l->get<std::uint64_t>()});
    }
  }
  e.json = std::string(line);
  return e;
}

GisExportResult export_gis(const GisData& data, GisFormat format, const std::filesystem::path& out) {
  if (out.empty()) throw GisExportError("no output path");
  register_gdal();
  GdalScope scope(gis_fixed_date(data));
  switch (format) {
    case GisFormat::gpkg: return export_gpkg(data, out);
    case GisFormat::geojson:
    case GisFormat::csv: return export_per_layer(data, format, out);
    case GisFormat::kml: return export_kml(data, out);
  }
  throw GisExportError("unknown format");
}

}  // namespace tidewatch::report
