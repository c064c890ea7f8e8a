#include "tidewatch/ingest/gpsd_json_in.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "fields.h"
#include "tidewatch/ingest/csv.h"
#include "tidewatch/ingest/nmea_in.h"

namespace tidewatch::ingest {

namespace {

using nlohmann::json;

/// Thrown inside the conversion when a field has the wrong kind; caught
/// per line and turned into a bad_number reject (never leaves this file).
struct BadField {};

const json* member(const json& j, const char* key) {
  const auto it = j.find(key);
  return it == j.end() || it->is_null() ? nullptr : &*it;
}

/// A number field; nullopt when absent or "nan".
std::optional<double> number(const json& j, const char* key) {
  const json* v = member(j, key);
  if (v == nullptr) return std::nullopt;
  if (v->is_number()) return v->get<double>();
  if (v->is_string()) {
    const auto& s = v->get_ref<const std::string&>();
    if (s == "nan") return std::nullopt;
    if (s == "fast") return 102.2;
    if (s == "fastleft" || s == "fastright") return std::nullopt;
  }
  throw BadField{};
}

template <std::size_t N>
void text(const json& j, const char* key, ais::FixedText<N>& out) {
  const json* v = member(j, key);
  if (v == nullptr) return;
  if (!v->is_string()) throw BadField{};
  out.assign(v->get_ref<const std::string&>());
}

template <typename T>
std::optional<T> raw_int(const json& j, const char* key, double sentinel_at_or_above) {
  const auto v = number(j, key);
  if (!v || *v >= sentinel_at_or_above || *v < 0) return std::nullopt;
  return static_cast<T>(std::llround(*v));
}

/// lat/lon into the wire unit `per_degree` (600000 or 600); sentinel -> nullopt.
std::optional<std::int32_t> coord(const json& j, const char* key, bool scaled, double per_degree,
                                  double sentinel_deg) {
  const auto v = number(j, key);
  if (!v) return std::nullopt;
  const double raw = scaled ? *v * per_degree : *v;
  if (std::fabs(raw - sentinel_deg * per_degree) < 0.5) return std::nullopt;
  if (std::fabs(raw) > 2e9) throw BadField{};
  return static_cast<std::int32_t>(std::llround(raw));
}

std::optional<std::uint16_t> tenths(const json& j, const char* key, bool scaled,
                                    double sentinel_raw) {
  const auto v = number(j, key);
  if (!v) return std::nullopt;
  const double raw = scaled ? *v * 10 : *v;
  if (raw < 0 || raw >= sentinel_raw - 0.5) return std::nullopt;
  return static_cast<std::uint16_t>(std::llround(raw));
}

std::uint8_t u8(const json& j, const char* key) {
  const auto v = number(j, key);
  if (!v || *v < 0 || *v > 255) return 0;
  return static_cast<std::uint8_t>(std::llround(*v));
}

ais::Dimensions dims(const json& j) {
  ais::Dimensions d;
  const auto bow = number(j, "to_bow"), stern = number(j, "to_stern");
  if (bow && *bow >= 0 && *bow <= 511) d.to_bow = static_cast<std::uint16_t>(*bow);
  if (stern && *stern >= 0 && *stern <= 511) d.to_stern = static_cast<std::uint16_t>(*stern);
  d.to_port = u8(j, "to_port");
  d.to_starboard = u8(j, "to_starboard");
  return d;
}

template <typename R>
void class_b(const json& j, bool scaled, R& r) {
  r.speed = tenths(j, "speed", scaled, 1023);
  r.course = tenths(j, "course", scaled, 3600);
  r.lon = coord(j, "lon", scaled, 600000.0, 181);
  r.lat = coord(j, "lat", scaled, 600000.0, 91);
  r.heading = raw_int<std::uint16_t>(j, "heading", 511);
}

/// Fills m.body from the JSON of a used type; false for other types.
bool to_message(const json& j, bool scaled, ais::Message& m) {
  switch (m.type) {
    case 1:
    case 2:
    case 3: {
      ais::PositionReportA r;
      r.status = u8(j, "status");
      if (!member(j, "status")) r.status = 15;
      r.speed = tenths(j, "speed", scaled, 1023);
      r.course = tenths(j, "course", scaled, 3600);
      r.lon = coord(j, "lon", scaled, 600000.0, 181);
      r.lat = coord(j, "lat", scaled, 600000.0, 91);
      r.heading = raw_int<std::uint16_t>(j, "heading", 511);
      m.body = r;
      return true;
    }
    case 18: {
      ais::PositionReportB r;
      class_b(j, scaled, r);
      m.body = r;
      return true;
    }
    case 19: {
      ais::ExtendedPositionReportB r;
      class_b(j, scaled, r);
      text(j, "shipname", r.shipname);
      r.shiptype = u8(j, "shiptype");
      r.dimensions = dims(j);
      m.body = r;
      return true;
    }
    case 27: {
      ais::LongRangePosition r;
      r.status = 15;
      if (const json* s = member(j, "status")) {
        if (s->is_string()) {
          r.status = detail::nav_status_from_text(s->get_ref<const std::string&>()).value_or(15);
        } else {
          r.status = u8(j, "status");
        }
      }
      r.lon = coord(j, "lon", scaled, 600.0, 181);
      r.lat = coord(j, "lat", scaled, 600.0, 91);
      r.speed = raw_int<std::uint8_t>(j, "speed", 63);
      r.course = raw_int<std::uint16_t>(j, "course", 511);
      m.body = r;
      return true;
    }
    case 5: {
      ais::StaticAndVoyage r;
      const auto imo = number(j, "imo");
      if (imo && *imo > 0 && *imo < 4294967296.0) r.imo = static_cast<std::uint32_t>(*imo);
      text(j, "callsign", r.callsign);
      text(j, "shipname", r.shipname);
      r.shiptype = u8(j, "shiptype");
      r.dimensions = dims(j);
      const auto dr = number(j, "draught");
      if (dr && *dr > 0) {
        const double t = scaled ? *dr * 10 : *dr;
        r.draught = static_cast<std::uint8_t>(t > 255 ? 255 : std::llround(t));
      }
      text(j, "destination", r.destination);
      m.body = r;
      return true;
    }
    case 24: {
      ais::StaticDataReport r;
      r.part = ais::StaticDataReport::Part::AB;
      if (const json* p = member(j, "part")) {
        if (!p->is_string()) throw BadField{};
        const auto& s = p->get_ref<const std::string&>();
        if (s == "A") r.part = ais::StaticDataReport::Part::A;
        if (s == "B") r.part = ais::StaticDataReport::Part::B;
      }
      text(j, "shipname", r.shipname);
      text(j, "callsign", r.callsign);
      r.shiptype = u8(j, "shiptype");
      r.dimensions = dims(j);
      m.body = r;
      return true;
    }
    default: return false;
  }
}

}  // namespace

GpsdJsonReader::GpsdJsonReader(ObservationSink& sink, std::uint32_t source)
    : sink_(sink), source_(source) {}

void GpsdJsonReader::reject_line(std::string_view text, std::uint64_t line, RejectReason reason) {
  ++stats_.lines;
  ++stats_.rejected[static_cast<std::size_t>(reason)];
  sink_.on_reject(RejectedLine{LineRef{source_, line}, reason, text});
}

void GpsdJsonReader::feed_line(std::string_view text, std::uint64_t line) {
  auto reject = [&](RejectReason r) {
    ++stats_.rejected[static_cast<std::size_t>(r)];
    sink_.on_reject(RejectedLine{LineRef{source_, line}, r, text});
  };
  ++stats_.lines;
  const std::string_view body = detail::trim(strip_bom(text));
  if (body.empty()) {
    ++stats_.skipped[static_cast<std::size_t>(SkipReason::blank)];
    return;
  }
  const json j = json::parse(body.begin(), body.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return reject(RejectReason::bad_json);
  const json* cls = member(j, "class");
  if (cls == nullptr || !cls->is_string() || cls->get_ref<const std::string&>() != "AIS")
    return reject(RejectReason::bad_json);
  const json* type = member(j, "type");
  if (type == nullptr || !type->is_number_integer() || type->get<std::int64_t>() < 1 ||
      type->get<std::int64_t>() > 27)
    return reject(RejectReason::bad_json);
  const json* rx = member(j, "rxtime");
  if (rx == nullptr || !rx->is_string()) return reject(RejectReason::bad_time);
  const auto time = detail::parse_iso8601(rx->get_ref<const std::string&>());
  if (!time) return reject(RejectReason::bad_time);
  const json* mmsi = member(j, "mmsi");
  if (mmsi == nullptr) return reject(RejectReason::missing_field);
  if (!mmsi->is_number_unsigned() || mmsi->get<std::uint64_t>() > 0xFFFFFFFFULL)
    return reject(RejectReason::bad_number);
  const json* sc = member(j, "scaled");
  const bool scaled = sc != nullptr && sc->is_boolean() && sc->get<bool>();

  ais::Message m;
  m.type = static_cast<std::uint8_t>(type->get<std::int64_t>());
  m.mmsi = static_cast<std::uint32_t>(mmsi->get<std::uint64_t>());
  try {
    if (!to_message(j, scaled, m)) {
      ++stats_.ignored_messages;
      return;
    }
  } catch (const BadField&) {
    return reject(RejectReason::bad_number);
  } catch (const json::exception&) {
    return reject(RejectReason::bad_number);
  }
  const MessageObservations obs = observations_from_message(m, *time, LineRef{source_, line});
  if (obs.no_position) ++stats_.no_position;
  for (std::size_t i = 0; i < obs.count; ++i) {
    if (obs.items[i].kind == Observation::Kind::position) {
      ++stats_.positions;
    } else {
      ++stats_.statics;
    }
    sink_.on_observation(obs.items[i]);
  }
}

}  // namespace tidewatch::ingest
