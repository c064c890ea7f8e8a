#include "tidewatch/sim/truth.h"

#include "tidewatch/sim/world.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <tuple>

namespace tidewatch::sim {
namespace json {

void time(std::string& out, UnixMillis t) {
  char buf[kIso8601Max];
  t -= ((t % 1000) + 1000) % 1000;  // whole seconds, toward the past
  const std::size_t n = format_iso8601(t, buf);
  out += '"';
  out.append(buf, n);
  out += '"';
}

void number(std::string& out, double v, int decimals) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  if (v == 0) v = 0;  // no "-0.0"
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  out.append(buf, r.ptr);
}

void string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[u >> 4];
      out += kHex[u & 15U];
    } else {
      out += c;
    }
  }
  out += '"';
}

}  // namespace json

namespace {

void key(std::string& s, std::string_view k) {
  s += ",\"";
  s += k;
  s += "\":";
}

void fields(std::string& s, const std::vector<std::pair<std::string, std::string>>& f) {
  s += '{';
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (i > 0) s += ',';
    json::string(s, f[i].first);
    s += ':';
    json::string(s, f[i].second);
  }
  s += '}';
}

}  // namespace

void sort_truth(std::vector<TruthEvent>& events) {
  std::stable_sort(events.begin(), events.end(), [](const TruthEvent& a, const TruthEvent& b) {
    return std::tie(a.start, a.type, a.mmsi, a.end) < std::tie(b.start, b.type, b.mmsi, b.end);
  });
}

std::string truth_json(const TruthEvent& e) {
  std::string s = "{\"type\":";
  json::string(s, e.type);
  s += ",\"mmsi\":";
  s += std::to_string(e.mmsi);
  key(s, "start");
  json::time(s, e.start);
  key(s, "end");
  json::time(s, e.end);
  key(s, "lat");
  json::number(s, e.lat, 6);
  key(s, "lon");
  json::number(s, normalize_lon(e.lon), 6);
  if (e.end_lat) {
    key(s, "end_lat");
    json::number(s, *e.end_lat, 6);
  }
  if (e.end_lon) {
    key(s, "end_lon");
    json::number(s, normalize_lon(*e.end_lon), 6);
  }
  if (e.suspected_disabling) {
    key(s, "suspected_disabling");
    s += *e.suspected_disabling ? "true" : "false";
  }
  if (!e.port_name.empty()) {
    key(s, "port");
    s += "{\"name\":";
    json::string(s, e.port_name);
    s += ",\"locode\":";
    json::string(s, e.port_locode);
    s += '}';
  }
  if (e.gap_start) {
    key(s, "gap_start");
    json::time(s, *e.gap_start);
  }
  if (e.gap_end) {
    key(s, "gap_end");
    json::time(s, *e.gap_end);
  }
  if (e.other_mmsi) s += ",\"other_mmsi\":" + std::to_string(*e.other_mmsi);
  if (e.median_distance_m) {
    key(s, "median_distance_m");
    json::number(s, *e.median_distance_m, 1);
  }
  if (!e.before.empty() || !e.after.empty()) {
    key(s, "before");
    fields(s, e.before);
    key(s, "after");
    fields(s, e.after);
  } else if (e.draught_before_m || e.draught_after_m) {
    key(s, "before");
    json::number(s, e.draught_before_m.value_or(NAN), 1);
    key(s, "after");
    json::number(s, e.draught_after_m.value_or(NAN), 1);
  }
  if (e.implied_speed_kn) {
    key(s, "implied_speed_kn");
    json::number(s, *e.implied_speed_kn, 1);
  }
  if (e.distance_km) {
    key(s, "distance_km");
    json::number(s, *e.distance_km, 3);
  }
  if (e.positions) s += ",\"positions\":" + std::to_string(*e.positions);
  if (!e.tracks.empty()) {
    key(s, "tracks");
    s += '[';
    for (std::size_t i = 0; i < e.tracks.size(); ++i) {
      if (i > 0) s += ',';
      s += "{\"role\":";
      json::string(s, e.tracks[i].role);
      s += ",\"lat\":";
      json::number(s, e.tracks[i].lat, 6);
      s += ",\"lon\":";
      json::number(s, normalize_lon(e.tracks[i].lon), 6);
      s += '}';
    }
    s += ']';
  }
  if (e.min_distance_nm) {
    key(s, "min_distance_nm");
    json::number(s, *e.min_distance_nm, 1);
  }
  if (e.arrival) {
    key(s, "arrival");
    json::time(s, *e.arrival);
  }
  if (e.departure) {
    key(s, "departure");
    json::time(s, *e.departure);
  }
  if (e.last_before) {
    key(s, "last_before");
    json::time(s, *e.last_before);
  }
  if (!e.cause.empty()) {
    key(s, "cause");
    json::string(s, e.cause);
  }
  key(s, "scenario");
  json::string(s, e.scenario);
  s += '}';
  return s;
}

}  // namespace tidewatch::sim
