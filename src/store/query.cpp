// `tidewatch query` answers (include/tidewatch/store/query.h).

#include "tidewatch/store/query.h"

#include <charconv>
#include <map>
#include <stdexcept>

#include "tidewatch/report/text.h"

namespace tidewatch::store::query {
namespace {

using report::iso_seconds;
using report::put_csv;
using report::put_deg;
using report::put_e7;
using report::put_fixed;
using report::put_json_str;
using report::put_u;

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int num(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

void put_opt_deg(std::string& s, const std::optional<double>& v, bool json) {
  if (v) put_deg(s, *v);
  else if (json) s.append("null");
}

void put_line(std::string& out, const EventRow& e) {
  out.append(e.json);
  out.push_back('\n');
}

std::string source_name(const std::map<std::uint32_t, std::string>& names, std::uint32_t id) {
  auto it = names.find(id);
  return it == names.end() ? std::to_string(id) : it->second;
}

}  // namespace

std::optional<Format> parse_format(std::string_view s) {
  if (s == "jsonl" || s == "json") return Format::jsonl;
  if (s == "csv") return Format::csv;
  if (s == "geojson") return Format::geojson;
  return std::nullopt;
}

std::optional<UnixMillis> parse_time(std::string_view s, bool end_of_day) {
  if (s.size() >= 10 && digits(s.substr(0, 4)) && s[4] == '-' && digits(s.substr(5, 2)) && s[7] == '-' &&
      digits(s.substr(8, 2))) {
    const int y = num(s.substr(0, 4)), mo = num(s.substr(5, 2)), d = num(s.substr(8, 2));
    if (s.size() == 10) {
      auto t = utc_millis(y, mo, d, 0, 0, 0);
      if (t && end_of_day) *t += 86'400'000 - 1;
      return t;
    }
    std::string_view rest = s.substr(10);
    if (!rest.empty() && rest.back() == 'Z') rest.remove_suffix(1);
    if (rest.size() == 9 && (rest[0] == 'T' || rest[0] == ' ') && digits(rest.substr(1, 2)) && rest[3] == ':' &&
        digits(rest.substr(4, 2)) && rest[6] == ':' && digits(rest.substr(7, 2)))
      return utc_millis(y, mo, d, num(rest.substr(1, 2)), num(rest.substr(4, 2)), num(rest.substr(7, 2)));
  }
  return std::nullopt;
}

std::optional<BBox> parse_bbox(std::string_view s) {
  double v[4];
  std::size_t k = 0;
  while (k < 4) {
    const auto comma = s.find(',');
    const std::string_view part = s.substr(0, comma);
    const auto r = std::from_chars(part.data(), part.data() + part.size(), v[k]);
    if (r.ec != std::errc() || r.ptr != part.data() + part.size()) return std::nullopt;
    ++k;
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  if (k != 4 || s.find(',') != std::string_view::npos) return std::nullopt;
  const BBox b{v[0], v[1], v[2], v[3]};
  if (b.west < -180 || b.west > 180 || b.east < -180 || b.east > 180 || b.south < -90 || b.north > 90 ||
      b.south > b.north)
    return std::nullopt;
  return b;
}

std::string port_visits(const Store& s, std::string_view port, UnixMillis from, UnixMillis to, Format f) {
  std::string out;
  const auto rows = s.port_events(port, from, to);
  if (f == Format::csv) out.append("mmsi,type,port,locode,start,end,lat,lon,id\n");
  for (const auto& e : rows) {
    if (f != Format::csv) {
      put_line(out, e);
      continue;
    }
    put_u(out, e.mmsi);
    out.append(",").append(e.type).push_back(',');
    put_csv(out, e.port_name);
    out.push_back(',');
    put_csv(out, e.port_locode);
    out.append(",").append(iso_seconds(e.start)).append(",").append(iso_seconds(e.end)).push_back(',');
    put_opt_deg(out, e.lat, false);
    out.push_back(',');
    put_opt_deg(out, e.lon, false);
    out.append(",").append(e.id).push_back('\n');
  }
  return out;
}

std::string events(const Store& s, const BBox& box, UnixMillis from, UnixMillis to,
                   const std::vector<std::string>& types, Format f) {
  std::string out;
  const auto rows = s.events_in(box, from, to, types);
  if (f == Format::csv) out.append("type,mmsi,start,end,lat,lon,id\n");
  for (const auto& e : rows) {
    if (f != Format::csv) {
      put_line(out, e);
      continue;
    }
    out.append(e.type).push_back(',');
    put_u(out, e.mmsi);
    out.append(",").append(iso_seconds(e.start)).append(",").append(iso_seconds(e.end)).push_back(',');
    put_opt_deg(out, e.lat, false);
    out.push_back(',');
    put_opt_deg(out, e.lon, false);
    out.append(",").append(e.id).push_back('\n');
  }
  return out;
}

std::string vessel(const Store& s, std::string_view id, Format f) {
  std::string_view v = id;
  bool imo = false;
  if (v.size() > 3 && (v.substr(0, 3) == "IMO" || v.substr(0, 3) == "imo")) {
    v.remove_prefix(3);
    imo = true;
  }
  if (!digits(v) || v.size() > 9) throw std::invalid_argument("not an MMSI or IMO number: " + std::string(id));
  std::uint32_t n = 0;
  std::from_chars(v.data(), v.data() + v.size(), n);
  if (v.size() <= 7) imo = true;
  const std::vector<std::uint32_t> mmsis = imo ? s.mmsis_by_imo(n) : std::vector<std::uint32_t>{n};
  std::string out;
  if (f == Format::csv) out.append("record,mmsi,type,value,start,end,count,detail\n");
  for (const auto mmsi : mmsis) {
    const auto sum = s.vessel_summary(mmsi);
    if (!sum) continue;
    if (f == Format::csv) {
      auto row = [&](std::string_view rec, std::string_view type, std::string_view value, UnixMillis a,
                     UnixMillis b, std::uint64_t count, std::string_view detail) {
        out.append(rec).push_back(',');
        put_u(out, mmsi);
        out.push_back(',');
        put_csv(out, type);
        out.push_back(',');
        put_csv(out, value);
        out.append(",").append(iso_seconds(a)).append(",").append(iso_seconds(b)).push_back(',');
        put_u(out, count);
        out.push_back(',');
        put_csv(out, detail);
        out.push_back('\n');
      };
      row("vessel", sum->vessel.mmsi_class, sum->vessel.flag, sum->vessel.first_seen, sum->vessel.last_seen,
          sum->positions, "");
      for (const auto& r : sum->identity)
        row("identity", r.field, r.value, r.first_seen, r.last_seen, r.count, r.valid ? "" : "invalid");
      for (const auto& t : sum->tracks) row("track", "", t.segment_id, t.start, t.end, t.positions, "");
      for (const auto& e : sum->events)
        row("event", e.type, e.port_name.empty() ? e.port_locode : e.port_name, e.start, e.end, 0, e.id);
      for (const auto& l : sum->list_matches)
        row("list_match", l.list_source, l.list_id, sum->vessel.first_seen, sum->vessel.last_seen, 0,
            l.list_name + " (" + l.program + "; " + l.basis + ")");
      continue;
    }
    out.append("{\"mmsi\":");
    put_u(out, mmsi);
    out.append(",\"mmsi_class\":");
    put_json_str(out, sum->vessel.mmsi_class);
    out.append(",\"flag\":");
    put_json_str(out, sum->vessel.flag);
    out.append(",\"first_seen\":");
    put_json_str(out, iso_seconds(sum->vessel.first_seen));
    out.append(",\"last_seen\":");
    put_json_str(out, iso_seconds(sum->vessel.last_seen));
    out.append(",\"positions\":");
    put_u(out, sum->positions);
    out.append(",\"identity\":[");
    for (std::size_t i = 0; i < sum->identity.size(); ++i) {
      const auto& r = sum->identity[i];
      out.append(i ? ",{\"field\":" : "{\"field\":");
      put_json_str(out, r.field);
      out.append(",\"value\":");
      put_json_str(out, r.value);
      out.append(",\"first_seen\":");
      put_json_str(out, iso_seconds(r.first_seen));
      out.append(",\"last_seen\":");
      put_json_str(out, iso_seconds(r.last_seen));
      out.append(",\"count\":");
      put_u(out, r.count);
      out.append(r.valid ? ",\"valid\":true}" : ",\"valid\":false}");
    }
    std::uint64_t in_tracks = 0;
    for (const auto& t : sum->tracks) in_tracks += t.positions;
    out.append("],\"tracks\":{\"segments\":");
    put_u(out, sum->tracks.size());
    out.append(",\"positions\":");
    put_u(out, in_tracks);
    out.append(",\"list\":[");
    for (std::size_t i = 0; i < sum->tracks.size(); ++i) {
      const auto& t = sum->tracks[i];
      out.append(i ? ",{\"segment_id\":" : "{\"segment_id\":");
      put_json_str(out, t.segment_id);
      out.append(",\"start\":");
      put_json_str(out, iso_seconds(t.start));
      out.append(",\"end\":");
      put_json_str(out, iso_seconds(t.end));
      out.append(",\"n_positions\":");
      put_u(out, t.positions);
      out.append(",\"bbox\":[");
      put_e7(out, t.min_lon_e7);
      out.push_back(',');
      put_e7(out, t.min_lat_e7);
      out.push_back(',');
      put_e7(out, t.max_lon_e7);
      out.push_back(',');
      put_e7(out, t.max_lat_e7);
      out.append("]}");
    }
    out.append("]},\"events\":[");
    for (std::size_t i = 0; i < sum->events.size(); ++i) {
      if (i) out.push_back(',');
      out.append(sum->events[i].json);
    }
    out.append("],\"list_matches\":[");
    for (std::size_t i = 0; i < sum->list_matches.size(); ++i) {
      const auto& l = sum->list_matches[i];
      out.append(i ? ",{\"source\":" : "{\"source\":");
      put_json_str(out, l.list_source);
      out.append(",\"id\":");
      put_json_str(out, l.list_id);
      out.append(",\"name\":");
      put_json_str(out, l.list_name);
      out.append(",\"program\":");
      put_json_str(out, l.program);
      out.append(",\"basis\":");
      put_json_str(out, l.basis);
      out.append(",\"score\":");
      put_fixed(out, l.score, 3);
      out.append(",\"event_id\":");
      put_json_str(out, l.event_id);
      out.push_back('}');
    }
    out.append("]}\n");
  }
  return out;
}

std::string track(const Store& s, std::uint32_t mmsi, UnixMillis from, UnixMillis to, Format f) {
  const auto pts = s.vessel_track(mmsi, from, to);
  std::map<std::uint32_t, std::string> names;
  for (const auto& in : s.inputs()) names[in.id] = in.name;
  std::string out;
  auto put_opt16 = [&out](std::uint16_t v, int scale_digits, bool json) {
    if (v == kNotAvailable) {
      if (json) out.append("null");
      return;
    }
    if (scale_digits == 0) put_u(out, v);
    else put_fixed(out, v / 10.0, 1);
  };
  if (f == Format::geojson) {
    out.append("{\"type\":\"FeatureCollection\",\"features\":[");
    if (!pts.empty()) {
      out.append(pts.size() == 1 ? "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":"
                                 : "{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[");
      for (std::size_t i = 0; i < pts.size(); ++i) {
        if (i) out.push_back(',');
        out.push_back('[');
        put_e7(out, pts[i].lon_e7);
        out.push_back(',');
        put_e7(out, pts[i].lat_e7);
        out.push_back(']');
      }
      out.append(pts.size() == 1 ? "}" : "]}");
      out.append(",\"properties\":{\"mmsi\":");
      put_u(out, mmsi);
      out.append(",\"start\":");
      put_json_str(out, iso_seconds(pts.front().time));
      out.append(",\"end\":");
      put_json_str(out, iso_seconds(pts.back().time));
      out.append(",\"n_positions\":");
      put_u(out, pts.size());
      out.append(",\"times\":[");
      for (std::size_t i = 0; i < pts.size(); ++i) {
        if (i) out.push_back(',');
        put_json_str(out, iso_seconds(pts[i].time));
      }
      out.append("]}}");
    }
    out.append("]}\n");
    return out;
  }
  if (f == Format::csv) out.append("mmsi,time,lat,lon,sog,cog,heading,source,line\n");
  for (const auto& p : pts) {
    if (f == Format::csv) {
      put_u(out, mmsi);
      out.append(",").append(iso_seconds(p.time)).push_back(',');
      put_e7(out, p.lat_e7);
      out.push_back(',');
      put_e7(out, p.lon_e7);
      out.push_back(',');
      put_opt16(p.sog, 1, false);
      out.push_back(',');
      put_opt16(p.cog, 1, false);
      out.push_back(',');
      put_opt16(p.heading, 0, false);
      out.push_back(',');
      put_csv(out, source_name(names, p.source));
      out.push_back(',');
      put_u(out, p.line);
      out.push_back('\n');
      continue;
    }
    out.append("{\"mmsi\":");
    put_u(out, mmsi);
    out.append(",\"time\":");
    put_json_str(out, iso_seconds(p.time));
    out.append(",\"lat\":");
    put_e7(out, p.lat_e7);
    out.append(",\"lon\":");
    put_e7(out, p.lon_e7);
    out.append(",\"sog\":");
    put_opt16(p.sog, 1, true);
    out.append(",\"cog\":");
    put_opt16(p.cog, 1, true);
    out.append(",\"heading\":");
    put_opt16(p.heading, 0, true);
    out.append(",\"source\":");
    put_json_str(out, source_name(names, p.source));
    out.append(",\"line\":");
    put_u(out, p.line);
    out.append("}\n");
  }
  return out;
}

}  // namespace tidewatch::store::query
