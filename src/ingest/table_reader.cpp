#include "table_reader.h"

#include <cmath>
#include <cstring>

#include "tidewatch/core/ids.h"
#include "tidewatch/ingest/dma.h"
#include "tidewatch/ingest/line_reader.h"
#include "tidewatch/ingest/marinecadastre.h"

namespace tidewatch::ingest {

std::optional<std::uint8_t> dma_ship_type(std::string_view text) noexcept {
  using detail::iequals;
  text = detail::trim(text);
  if (detail::not_available(text)) return std::nullopt;
  std::uint64_t code = 0;
  if (detail::parse_uint(text, code) == detail::Parse::ok) {
    if (code >= 1 && code <= 99) return static_cast<std::uint8_t>(code);
    return std::nullopt;
  }
  struct Entry {
    std::string_view name;
    std::uint8_t code;
  };
  static constexpr Entry table[] = {
      {"WIG", 20},           {"Fishing", 30},        {"Towing", 31},
      {"Towing long/wide", 32}, {"Dredging", 33},    {"Diving", 34},
      {"Military", 35},      {"Sailing", 36},        {"Pleasure", 37},
      {"HSC", 40},           {"Pilot", 50},          {"SAR", 51},
      {"Tug", 52},           {"Port tender", 53},    {"Anti-pollution", 54},
      {"Law enforcement", 55}, {"Medical", 58},      {"Not party to conflict", 59},
      {"Passenger", 60},     {"Cargo", 70},          {"Tanker", 80},
      {"Other", 90}};
  for (const auto& e : table) {
    if (iequals(text, e.name)) return e.code;
  }
  return std::nullopt;  // Undefined, Reserved, Spare 1/2, anything unknown
}

}  // namespace tidewatch::ingest

namespace tidewatch::ingest::detail {

namespace {

int find_column(const CsvSplitter& csv, std::string_view name) {
  if (name.empty()) return Columns::none;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    if (iequals(trim(csv[i]), trim(name))) return static_cast<int>(i);
  }
  return Columns::none;
}

int find_any(const CsvSplitter& csv, std::initializer_list<std::string_view> names) {
  for (auto n : names) {
    const int c = find_column(csv, n);
    if (c != Columns::none) return c;
  }
  return Columns::none;
}

std::string_view field(const CsvSplitter& csv, int col) {
  return col < 0 ? std::string_view{} : trim(csv.get(static_cast<std::size_t>(col)));
}

Transponder transponder_from_text(std::string_view s) {
  s = trim(s);
  if (iequals(s, "Class A") || iequals(s, "A")) return Transponder::class_a;
  if (iequals(s, "Class B") || iequals(s, "B")) return Transponder::class_b;
  if (iequals(s, "Base Station") || iequals(s, "AtoN") || iequals(s, "SAR Airborne") ||
      iequals(s, "SAR"))
    return Transponder::other;
  return Transponder::unknown;
}

std::uint32_t fnv1a32(std::string_view s) {
  std::uint32_t h = 2166136261U;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619U;
  }
  return h == 0 ? 1 : h;
}

}  // namespace

TableReader::TableReader(Flavor flavor, ObservationSink& sink, std::uint32_t source,
                         GenericCsvOptions generic)
    : flavor_(flavor), em_{sink, source, {}}, generic_(std::move(generic)) {}

void TableReader::feed_line(std::string_view text, std::uint64_t line) {
  ++em_.stats.lines;
  std::string_view t = text;
  if (!have_header_) t = strip_bom(t);
  if (trim(t).empty()) {
    em_.skip(SkipReason::blank);
    return;
  }
  if (!have_header_) {
    if (flavor_ != Flavor::dma && t.front() == '#') {
      em_.skip(SkipReason::comment);
      return;
    }
    header(t);
    ++em_.stats.header_lines;
    return;
  }
  row(text, line);
}

void TableReader::header(std::string_view text) {
  if (flavor_ == Flavor::dma) {
    while (!text.empty() && (text.front() == '#' || text.front() == ' ')) text.remove_prefix(1);
  }
  csv_.set_delimiter(detect_delimiter(text));
  if (!csv_.split(text)) throw InputError("CSV header has an unclosed quote");
  ncols_ = csv_.size();
  Columns& c = c_;
  std::string_view required;
  switch (flavor_) {
    case Flavor::dma:
      c.time = find_column(csv_, "Timestamp");
      c.mmsi = find_column(csv_, "MMSI");
      c.lat = find_column(csv_, "Latitude");
      c.lon = find_column(csv_, "Longitude");
      c.mobile = find_column(csv_, "Type of mobile");
      c.status = find_column(csv_, "Navigational status");
      c.sog = find_column(csv_, "SOG");
      c.cog = find_column(csv_, "COG");
      c.heading = find_column(csv_, "Heading");
      c.imo = find_column(csv_, "IMO");
      c.callsign = find_column(csv_, "Callsign");
      c.name = find_column(csv_, "Name");
      c.shiptype = find_column(csv_, "Ship type");
      c.draught = find_column(csv_, "Draught");
      c.destination = find_column(csv_, "Destination");
      c.size_a = find_any(csv_, {"A", "Size A"});
      c.size_b = find_any(csv_, {"B", "Size B"});
      c.size_c = find_any(csv_, {"C", "Size C"});
      c.size_d = find_any(csv_, {"D", "Size D"});
      required = "Timestamp, MMSI, Latitude, Longitude";
      break;
    case Flavor::marinecadastre:
      c.mmsi = find_column(csv_, "MMSI");
      c.time = find_column(csv_, "BaseDateTime");
      c.lat = find_column(csv_, "LAT");
      c.lon = find_column(csv_, "LON");
      c.sog = find_column(csv_, "SOG");
      c.cog = find_column(csv_, "COG");
      c.heading = find_column(csv_, "Heading");
      c.name = find_column(csv_, "VesselName");
      c.imo = find_column(csv_, "IMO");
      c.callsign = find_column(csv_, "CallSign");
      c.shiptype = find_column(csv_, "VesselType");
      c.status = find_column(csv_, "Status");
      c.length = find_column(csv_, "Length");
      c.width = find_column(csv_, "Width");
      c.draught = find_column(csv_, "Draft");
      c.transceiver = find_column(csv_, "TransceiverClass");
      required = "MMSI, BaseDateTime, LAT, LON";
      break;
    case Flavor::generic: {
      const ColumnMapping& m = generic_.columns;
      auto need = [&](const std::string& name) {
        if (name.empty()) return Columns::none;
        const int col = find_column(csv_, name);
        if (col == Columns::none)
          throw InputError("CSV header has no column \"" + name + "\" named in the column mapping");
        return col;
      };
      c.mmsi = need(m.mmsi);
      c.id = need(m.id);
      c.time = need(m.time);
      c.lat = need(m.lat);
      c.lon = need(m.lon);
      c.sog = need(m.sog);
      c.cog = need(m.cog);
      c.heading = need(m.heading);
      c.name = need(m.name);
      c.imo = need(m.imo);
      c.callsign = need(m.callsign);
      c.shiptype = need(m.shiptype);
      required = "the mapped key, time, lat and lon";
      break;
    }
  }
  if ((c.mmsi == Columns::none && c.id == Columns::none) || c.time == Columns::none ||
      c.lat == Columns::none || c.lon == Columns::none) {
    throw InputError("CSV header lacks a required column (" + std::string(required) + ")");
  }
  has_static_ = c.name != Columns::none || c.callsign != Columns::none ||
                c.imo != Columns::none || c.shiptype != Columns::none;
  have_header_ = true;
}

std::optional<UnixMillis> TableReader::time(std::string_view f) const {
  switch (flavor_) {
    case Flavor::dma: return parse_dmy(f);
    case Flavor::marinecadastre: return parse_iso8601(f);
    case Flavor::generic: break;
  }
  switch (generic_.time.kind) {
    case TimeFormat::Kind::iso8601: return parse_iso8601(f);
    case TimeFormat::Kind::unix_seconds: {
      double v = 0;
      if (parse_double(f, v) != Parse::ok || v < 0 || v > 1e11) return std::nullopt;
      return static_cast<UnixMillis>(std::llround(v * 1000));
    }
    case TimeFormat::Kind::unix_millis: {
      std::uint64_t v = 0;
      if (parse_uint(f, v) != Parse::ok || v > 100000000000000ULL) return std::nullopt;
      return static_cast<UnixMillis>(v);
    }
    case TimeFormat::Kind::pattern: return parse_pattern(f, generic_.time.pattern);
  }
  return std::nullopt;
}

void TableReader::row(std::string_view text, std::uint64_t line) {
  auto reject = [&](RejectReason r) { em_.reject(text, line, r); };
  if (!csv_.split(text) || csv_.size() < ncols_) return reject(RejectReason::bad_csv_row);
  const Columns& c = c_;

  // Vessel key.
  std::uint32_t mmsi = 0;
  if (c.mmsi != Columns::none) {
    std::uint64_t v = 0;
    const Parse p = parse_uint(field(csv_, c.mmsi), v);
    if (p == Parse::na) return reject(RejectReason::missing_field);
    if (p == Parse::bad || v > 0xFFFFFFFFULL) return reject(RejectReason::bad_number);
    mmsi = static_cast<std::uint32_t>(v);
  } else {
    const std::string_view id = field(csv_, c.id);
    if (id.empty()) return reject(RejectReason::missing_field);
    std::uint64_t v = 0;
    if (parse_uint(id, v) == Parse::ok && v <= 0xFFFFFFFFULL) {
      mmsi = static_cast<std::uint32_t>(v);
    } else {
      mmsi = fnv1a32(id);
    }
  }

  // Time.
  const std::string_view tf = field(csv_, c.time);
  if (tf.empty()) return reject(RejectReason::missing_field);
  const auto t = time(tf);
  if (!t) return reject(RejectReason::bad_time);

  Observation o;
  o.mmsi = mmsi;
  o.time = *t;
  o.ref = LineRef{em_.source, line};
  if (c.mobile != Columns::none) o.transponder = transponder_from_text(field(csv_, c.mobile));
  if (c.transceiver != Columns::none)
    o.transponder = transponder_from_text(field(csv_, c.transceiver));

  // Position.
  PositionFix& fix = o.position;
  const Parse plat = parse_lat(field(csv_, c.lat), fix.lat_e7);
  const Parse plon = parse_lon(field(csv_, c.lon), fix.lon_e7);
  if (plat == Parse::bad || plon == Parse::bad) return reject(RejectReason::bad_number);
  if (c.sog != Columns::none && parse_sog(field(csv_, c.sog), fix.sog) == Parse::bad)
    return reject(RejectReason::bad_number);
  if (c.cog != Columns::none && parse_cog(field(csv_, c.cog), fix.cog) == Parse::bad)
    return reject(RejectReason::bad_number);
  if (c.heading != Columns::none &&
      parse_heading(field(csv_, c.heading), fix.heading) == Parse::bad)
    return reject(RejectReason::bad_number);
  if (c.status != Columns::none) {
    const std::string_view s = field(csv_, c.status);
    std::uint64_t code = 0;
    const Parse p = parse_uint(s, code);
    if (p == Parse::ok) {
      if (code < 15) fix.status = static_cast<std::uint8_t>(code);
    } else if (p == Parse::bad) {
      fix.status = nav_status_from_text(s);
    }
  }

  // Static fields.
  StaticInfo& info = o.info;
  if (has_static_) {
    if (!not_available(field(csv_, c.name))) info.name.assign(field(csv_, c.name));
    if (!not_available(field(csv_, c.callsign))) info.callsign.assign(field(csv_, c.callsign));
    if (c.imo != Columns::none) {
      std::string_view s = field(csv_, c.imo);
      if (flavor_ == Flavor::marinecadastre && s.size() >= 3 && iequals(s.substr(0, 3), "IMO"))
        s.remove_prefix(3);
      std::uint64_t v = 0;
      const Parse p = parse_uint(s, v);
      if (p == Parse::bad) {
        // MarineCadastre carries free text here at times: n/a, not a bad row.
        if (flavor_ != Flavor::marinecadastre) return reject(RejectReason::bad_number);
      } else if (p == Parse::ok && v > 0 && v <= 0xFFFFFFFFULL) {
        const auto imo = static_cast<std::uint32_t>(v);
        if (flavor_ != Flavor::marinecadastre || imo_check_digit_ok(imo)) info.imo = imo;
      }
    }
    if (c.shiptype != Columns::none) {
      const std::string_view s = field(csv_, c.shiptype);
      if (flavor_ == Flavor::dma) {
        info.shiptype = dma_ship_type(s);
      } else {
        std::uint64_t v = 0;
        const Parse p = parse_uint(s, v);
        if (p == Parse::bad) {
          if (flavor_ == Flavor::marinecadastre) return reject(RejectReason::bad_number);
          info.shiptype = dma_ship_type(s);  // generic: accept the DMA words
        } else if (p == Parse::ok && v >= 1 && v <= 99) {
          info.shiptype = static_cast<std::uint8_t>(v);
        }
      }
    }
  }
  if (c.draught != Columns::none && parse_draught(field(csv_, c.draught), info.draught) == Parse::bad)
    return reject(RejectReason::bad_number);
  if (c.destination != Columns::none && !not_available(field(csv_, c.destination)))
    info.destination.assign(field(csv_, c.destination));
  auto metres = [&](int col, std::uint32_t max, std::uint32_t& out) {
    out = 0;
    if (col == Columns::none) return true;
    double v = 0;
    const Parse p = parse_double(field(csv_, col), v);
    if (p == Parse::bad || (p == Parse::ok && v < 0)) return false;
    if (p == Parse::ok) {
      const auto m = static_cast<std::uint32_t>(std::llround(v));
      out = m > max ? max : m;
    }
    return true;
  };
  std::uint32_t a = 0, b = 0, cc = 0, d = 0, len = 0, wid = 0;
  if (!metres(c.size_a, 511, a) || !metres(c.size_b, 511, b) || !metres(c.size_c, 63, cc) ||
      !metres(c.size_d, 63, d) || !metres(c.length, 1022, len) || !metres(c.width, 126, wid))
    return reject(RejectReason::bad_number);
  if (c.length != Columns::none || c.width != Columns::none) {
    a = len - len / 2;
    b = len / 2;
    cc = wid - wid / 2;
    d = wid / 2;
  }
  info.dimensions.to_bow = static_cast<std::uint16_t>(a);
  info.dimensions.to_stern = static_cast<std::uint16_t>(b);
  info.dimensions.to_port = static_cast<std::uint8_t>(cc);
  info.dimensions.to_starboard = static_cast<std::uint8_t>(d);

  // Emit: the row is valid.
  if (plat == Parse::ok && plon == Parse::ok) {
    o.kind = Observation::Kind::position;
    em_.emit(o);
  } else {
    ++em_.stats.no_position;
  }
  if (has_static_ && dedupe_.emit(mmsi, info, o.time)) {
    o.kind = Observation::Kind::static_info;
    em_.emit(o);
  }
}

}  // namespace tidewatch::ingest::detail

namespace tidewatch::ingest {

namespace {
bool valid_pattern(std::string_view p) {
  bool any = false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] != '%') continue;
    if (i + 1 == p.size()) return false;
    const char s = p[++i];
    if (std::strchr("YmdHMSf%", s) == nullptr) return false;
    any = true;
  }
  return any;
}
}  // namespace

TimeFormat TimeFormat::parse(std::string_view spec) {
  TimeFormat f;
  if (spec.empty() || spec == "iso8601" || spec == "iso") return f;
  if (spec == "unix") {
    f.kind = Kind::unix_seconds;
  } else if (spec == "unix_ms") {
    f.kind = Kind::unix_millis;
  } else if (valid_pattern(spec)) {
    f.kind = Kind::pattern;
    f.pattern = std::string(spec);
  } else {
    throw InputError("unknown time format \"" + std::string(spec) +
                     "\" (iso8601, unix, unix_ms or a pattern of %Y %m %d %H %M %S %f)");
  }
  return f;
}

ColumnMapping ColumnMapping::parse(std::string_view spec) {
  ColumnMapping m;
  while (!spec.empty()) {
    const std::size_t comma = spec.find(',');
    const std::string_view item = spec.substr(0, comma);
    spec = comma == std::string_view::npos ? std::string_view{} : spec.substr(comma + 1);
    if (detail::trim(item).empty()) continue;
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos)
      throw InputError("column mapping item \"" + std::string(item) + "\" has no '='");
    const std::string_view key = detail::trim(item.substr(0, eq));
    const std::string value(detail::trim(item.substr(eq + 1)));
    if (value.empty()) throw InputError("column mapping \"" + std::string(key) + "\" is empty");
    std::string* slot = nullptr;
    if (key == "mmsi") slot = &m.mmsi;
    else if (key == "id") slot = &m.id;
    else if (key == "time") slot = &m.time;
    else if (key == "lat") slot = &m.lat;
    else if (key == "lon") slot = &m.lon;
    else if (key == "sog") slot = &m.sog;
    else if (key == "cog") slot = &m.cog;
    else if (key == "heading") slot = &m.heading;
    else if (key == "name") slot = &m.name;
    else if (key == "imo") slot = &m.imo;
    else if (key == "callsign") slot = &m.callsign;
    else if (key == "shiptype" || key == "type") slot = &m.shiptype;
    else throw InputError("unknown column mapping key \"" + std::string(key) + "\"");
    *slot = value;
  }
  if (m.mmsi.empty() && m.id.empty()) throw InputError("column mapping needs mmsi= or id=");
  if (!m.mmsi.empty() && !m.id.empty()) throw InputError("column mapping takes mmsi= or id=, not both");
  if (m.time.empty() || m.lat.empty() || m.lon.empty())
    throw InputError("column mapping needs time=, lat= and lon=");
  return m;
}

GenericCsvReader::GenericCsvReader(GenericCsvOptions options, ObservationSink& sink,
                                   std::uint32_t source)
    : impl_(std::make_unique<detail::TableReader>(detail::Flavor::generic, sink, source,
                                                  std::move(options))) {}
GenericCsvReader::~GenericCsvReader() = default;
void GenericCsvReader::feed_line(std::string_view text, std::uint64_t line) {
  impl_->feed_line(text, line);
}
void GenericCsvReader::reject_line(std::string_view text, std::uint64_t line, RejectReason r) {
  impl_->reject_line(text, line, r);
}
const IngestStats& GenericCsvReader::stats() const noexcept { return impl_->stats(); }

DmaCsvReader::DmaCsvReader(ObservationSink& sink, std::uint32_t source)
    : impl_(std::make_unique<detail::TableReader>(detail::Flavor::dma, sink, source)) {}
DmaCsvReader::~DmaCsvReader() = default;
void DmaCsvReader::feed_line(std::string_view text, std::uint64_t line) {
  impl_->feed_line(text, line);
}
void DmaCsvReader::reject_line(std::string_view text, std::uint64_t line, RejectReason r) {
  impl_->reject_line(text, line, r);
}
const IngestStats& DmaCsvReader::stats() const noexcept { return impl_->stats(); }

MarineCadastreReader::MarineCadastreReader(ObservationSink& sink, std::uint32_t source)
    : impl_(std::make_unique<detail::TableReader>(detail::Flavor::marinecadastre, sink, source)) {}
MarineCadastreReader::~MarineCadastreReader() = default;
void MarineCadastreReader::feed_line(std::string_view text, std::uint64_t line) {
  impl_->feed_line(text, line);
}
void MarineCadastreReader::reject_line(std::string_view text, std::uint64_t line,
                                       RejectReason r) {
  impl_->reject_line(text, line, r);
}
const IngestStats& MarineCadastreReader::stats() const noexcept { return impl_->stats(); }

}  // namespace tidewatch::ingest
