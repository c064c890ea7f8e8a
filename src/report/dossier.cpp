// The vessel dossier: building it from an analyze run, and the HTML page
// (docs/dossier.md).  The map and the timeline are in svg_map.cpp.

#include "tidewatch/report/dossier.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <tuple>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

#include "tidewatch/core/ids.h"
#include "tidewatch/core/sha256.h"
#include "tidewatch/ingest/csv.h"
#include "tidewatch/ingest/format.h"
#include "tidewatch/ingest/line_reader.h"
#include "tidewatch/report/text.h"
#include "dossier_build.h"

namespace tidewatch::report {

namespace fs = std::filesystem;
using nlohmann::json;

// ---- escaping -------------------------------------------------------------------

namespace {

/// Length of the valid UTF-8 sequence at s[i], or 0 when it is not one.
std::size_t utf8_len(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t n;
  std::uint32_t cp;
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (d & 0x3F);
  }
  if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
      cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return n;
}

}  // namespace

void append_html_escaped(std::string& out, std::string_view text) {
  constexpr char hex[] = "0123456789ABCDEF";
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '&': out += "&amp;"; ++i; continue;
      case '<': out += "&lt;"; ++i; continue;
      case '>': out += "&gt;"; ++i; continue;
      case '"': out += "&quot;"; ++i; continue;
      case '\'': out += "&#39;"; ++i; continue;
      default: break;
    }
    if ((u < 0x20 && c != '\t') || u == 0x7F) {
      out += "\\x";
      out.push_back(hex[u >> 4]);
      out.push_back(hex[u & 15]);
      ++i;
      continue;
    }
    const std::size_t n = utf8_len(text, i);
    if (n == 0) {
      out += "\\x";
      out.push_back(hex[u >> 4]);
      out.push_back(hex[u & 15]);
      ++i;
      continue;
    }
    out.append(text.substr(i, n));
    i += n;
  }
}

namespace {

std::string fixed(double v, int digits) {
  std::string s;
  put_fixed(s, v, digits);
  return s;
}

std::string u64(std::uint64_t v) {
  std::string s;
  put_u(s, v);
  return s;
}

/// "12 345 678" (thin grouping for sizes).
std::string grouped(std::uint64_t v) {
  std::string d = u64(v), o;
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (i > 0 && (d.size() - i) % 3 == 0) o += "&#8201;";
    o.push_back(d[i]);
  }
  return o;
}

/// "32 h 0 min", "2 d 4 h", "45 s".
std::string duration_text(UnixMillis ms) {
  if (ms <= 0) return "instant";
  const std::int64_t s = ms / 1000;
  if (s < 60) return std::to_string(s) + " s";
  const std::int64_t m = s / 60;
  if (m < 60) return std::to_string(m) + " min";
  const std::int64_t h = m / 60;
  if (h < 48) return std::to_string(h) + " h " + std::to_string(m % 60) + " min";
  return std::to_string(h / 24) + " d " + std::to_string(h % 24) + " h";
}

std::string trim_text(std::string_view v) {
  while (!v.empty() && (v.back() == ' ' || v.back() == '@')) v.remove_suffix(1);
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  return std::string(v);
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Parses "9851622(132)|9851623(4,invalid)" into the numbers.
std::vector<std::uint32_t> imos_of_cell(std::string_view cell) {
  std::vector<std::uint32_t> out;
  std::size_t i = 0;
  while (i < cell.size()) {
    std::uint64_t v = 0;
    std::size_t k = i;
    while (k < cell.size() && cell[k] >= '0' && cell[k] <= '9') v = v * 10 + static_cast<std::uint64_t>(cell[k++] - '0');
    if (k > i && v <= 0xFFFFFFFFULL) out.push_back(static_cast<std::uint32_t>(v));
    const std::size_t bar = cell.find('|', i);
    if (bar == std::string_view::npos) break;
    i = bar + 1;
  }
  return out;
}

struct Collector final : ingest::ObservationSink {
  const std::unordered_map<std::uint32_t, std::vector<std::size_t>>* wanted = nullptr;
  std::vector<Dossier>* out = nullptr;
  struct Key {
    std::uint32_t mmsi;
    std::string field, value;
    bool operator<(const Key& o) const { return std::tie(mmsi, field, value) < std::tie(o.mmsi, o.field, o.value); }
  };
  std::vector<std::map<Key, IdentityRow>> identity;  // per dossier

  void add(std::size_t di, const ingest::Observation& o, const char* field, std::string value,
           std::string note = {}) {
    if (value.empty()) return;
    Key k{o.mmsi, field, value};
    auto [it, fresh] = identity[di].try_emplace(k);
    IdentityRow& r = it->second;
    if (fresh || o.time < r.first_seen) {
      r.mmsi = o.mmsi;
      r.field = field;
      r.value = std::move(value);
      r.first_seen = o.time;
      r.source = o.ref.source;
      r.first_line = o.ref.line;
      r.note = std::move(note);
      if (fresh) r.last_seen = o.time;
    }
    r.last_seen = std::max(r.last_seen, o.time);
    ++r.count;
  }

  void on_observation(const ingest::Observation& o) override {
    auto it = wanted->find(o.mmsi);
    if (it == wanted->end()) return;
    for (std::size_t di : it->second) {
      Dossier& d = (*out)[di];
      if (o.kind == ingest::Observation::Kind::position) {
        DossierPoint p;
        p.t = o.time;
        p.lat = o.position.lat();
        p.lon = o.position.lon();
        p.mmsi = o.mmsi;
        p.source = o.ref.source;
        p.line = o.ref.line;
        d.track.push_back(p);
        continue;
      }
      const ingest::StaticInfo& s = o.info;
      add(di, o, "name", trim_text(s.name.view()));
      add(di, o, "callsign", trim_text(s.callsign.view()));
      if (s.imo && *s.imo != 0)
        add(di, o, "imo", std::to_string(*s.imo), imo_check_digit_ok(*s.imo) ? "" : "check digit invalid");
      if (s.shiptype) add(di, o, "shiptype", std::to_string(*s.shiptype));
      add(di, o, "destination", trim_text(s.destination.view()));
      if (s.draught && *s.draught != 0) add(di, o, "draught_m", fixed(*s.draught / 10.0, 1));
      const ais::Dimensions& dm = s.dimensions;
      if (dm.to_bow + dm.to_stern > 0)
        add(di, o, "dimensions_m",
            std::to_string(dm.to_bow + dm.to_stern) + " x " + std::to_string(dm.to_port + dm.to_starboard));
    }
  }
  void on_reject(const RejectedLine&) override {}
};

}  // namespace

// ---- from a run ------------------------------------------------------------------

std::vector<Dossier> dossiers_from_run(const RunRequest& req, std::ostream* log) {
  const fs::path run(req.run_dir);
  for (const char* f : {"events.jsonl", "summary.json", "vessels.csv"})
    if (!fs::exists(run / f)) throw std::runtime_error((run / f).string() + " missing: is " + req.run_dir + " an analyze --out directory?");

  // summary.json: the inputs as the run named them, with their sha256.
  const json summary = json::parse(read_file(run / "summary.json"));
  std::vector<DossierInput> inputs;
  std::unordered_map<std::string, std::uint32_t> input_index;
  if (summary.contains("inputs"))
    for (const auto& in : summary["inputs"]) {
      DossierInput d;
      d.name = in.value("name", "");
      d.size = in.value("size", std::uint64_t{0});
      d.sha256 = in.value("sha256", "");
      input_index.emplace(d.name, static_cast<std::uint32_t>(inputs.size()));
      inputs.push_back(std::move(d));
    }
  // Match the given files to the run's names: same text, else same file name,
  // else same position.
  dossier_build::match_input_files(inputs, req.inputs, "the run", "no positions or raw lines from it", log);

  // vessels.csv: rows by MMSI, IMOs per MMSI.
  std::vector<std::string> vessel_lines;
  std::string vessels_header;
  std::map<std::uint32_t, std::string> vessel_row;
  std::map<std::uint32_t, std::vector<std::uint32_t>> imos_of;
  {
    std::ifstream in(run / "vessels.csv", std::ios::binary);
    ingest::CsvSplitter csv;
    std::size_t imo_col = 10;
    bool first = true;
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!csv.split(line)) continue;
      if (first) {
        first = false;
        vessels_header = line;
        for (std::size_t i = 0; i < csv.size(); ++i)
          if (csv[i] == "imos") imo_col = i;
        continue;
      }
      std::uint64_t m = 0;
      if (!dossier_build::parse_u64(csv.get(0), m) || m > 0xFFFFFFFFULL) continue;
      vessel_row[static_cast<std::uint32_t>(m)] = line;
      imos_of[static_cast<std::uint32_t>(m)] = imos_of_cell(csv.get(imo_col));
    }
  }

  // events.jsonl
  std::vector<json> events;
  std::vector<std::string> event_lines;
  {
    std::ifstream in(run / "events.jsonl", std::ios::binary);
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      events.push_back(json::parse(line));
      event_lines.push_back(line);
    }
  }

  // Which vessels.
  std::vector<Dossier> out;
  std::unordered_map<std::uint32_t, std::vector<std::size_t>> wanted;
  auto add_dossier = [&](std::vector<std::uint32_t> mmsis, std::string key, std::optional<std::uint32_t> imo) {
    Dossier d;
    d.key = std::move(key);
    d.mmsis = std::move(mmsis);
    if (imo) d.imos.push_back(*imo);
    for (std::uint32_t m : d.mmsis) wanted[m].push_back(out.size());
    out.push_back(std::move(d));
  };
  if (req.vessels.empty()) {
    std::set<std::uint32_t> with_events;
    for (const auto& e : events)
      if (e.contains("mmsi") && e["mmsi"].is_number_unsigned()) with_events.insert(e["mmsi"].get<std::uint32_t>());
    for (std::uint32_t m : with_events) add_dossier({m}, std::to_string(m), std::nullopt);
  } else {
    for (const std::string& v : req.vessels) {
      const dossier_build::VesselAsk a =
          dossier_build::parse_vessel_ask(v, [&vessel_row](std::uint32_t id) { return vessel_row.count(id) > 0; });
      if (a.by_imo) {
        std::vector<std::uint32_t> ms;
        for (const auto& [m, list] : imos_of)
          if (std::find(list.begin(), list.end(), a.id) != list.end()) ms.push_back(m);
        if (ms.empty()) throw std::runtime_error("--vessel " + v + ": no vessel of the run broadcast IMO " + a.digits);
        add_dossier(ms, a.key(), a.id);
      } else {
        if (!vessel_row.count(a.id)) throw std::runtime_error("--vessel " + v + ": MMSI not in the run's vessels.csv");
        add_dossier({a.id}, a.key(), std::nullopt);
      }
    }
  }

  for (Dossier& d : out) {
    d.inputs = inputs;
    d.program = summary.value("program", "");
    d.version = summary.value("version", "");
    d.run = req.run_dir;
    d.vessel_rows.push_back(vessels_header);
    for (std::uint32_t m : d.mmsis) {
      auto it = vessel_row.find(m);
      if (it != vessel_row.end()) d.vessel_rows.push_back(it->second);
    }
  }

  // Events of each dossier, with their evidence refs.
  auto ref_source = [&](const std::string& name, std::vector<DossierInput>& ins) -> std::uint32_t {
    for (std::uint32_t i = 0; i < ins.size(); ++i)
      if (ins[i].name == name) return i;
    DossierInput extra;
    extra.name = name;
    ins.push_back(extra);
    return static_cast<std::uint32_t>(ins.size() - 1);
  };
  for (std::size_t i = 0; i < events.size(); ++i) {
    const json& e = events[i];
    if (!e.contains("mmsi") || !e["mmsi"].is_number_unsigned()) continue;
    auto it = wanted.find(e["mmsi"].get<std::uint32_t>());
    if (it == wanted.end()) continue;
    for (std::size_t di : it->second) {
      Dossier& d = out[di];
      DossierEvent ev = dossier_build::event_from_json(
          e, event_lines[i], [&](const std::string& name) { return ref_source(name, d.inputs); });
      if (ev.type == "watchlist_match") d.matches.push_back(dossier_build::match_from_json(e, event_lines[i]));
      d.events.push_back(std::move(ev));
    }
  }

  // Segments (tracks.geojson, one feature per line): id, times, and the
  // positions of each, to tell which segment a position belongs to.
  std::vector<std::map<std::pair<std::int64_t, std::int64_t>, int>> seg_of_pos(out.size());
  if (fs::exists(run / "tracks.geojson")) {
    std::ifstream in(run / "tracks.geojson", std::ios::binary);
    for (std::string line; std::getline(in, line);) {
      const auto p = line.find("\"properties\":{\"segment_id\":");
      if (p == std::string::npos) continue;
      const auto mp = line.find("\"mmsi\":", p);
      if (mp == std::string::npos) continue;
      std::uint64_t m = 0;
      std::size_t k = mp + 7;
      while (k < line.size() && line[k] >= '0' && line[k] <= '9') m = m * 10 + static_cast<std::uint64_t>(line[k++] - '0');
      auto it = wanted.find(static_cast<std::uint32_t>(m));
      if (it == wanted.end()) continue;
      while (!line.empty() && (line.back() == ',' || line.back() == '\r')) line.pop_back();
      json f;
      try {
        f = json::parse(line);
      } catch (const json::exception&) {
        continue;
      }
      const json& pr = f["properties"];
      TrackSegment s;
      s.id = dossier_build::json_text(pr.value("segment_id", json("")));
      s.mmsi = static_cast<std::uint32_t>(m);
      s.start = dossier_build::parse_json_time(pr.value("start", json(nullptr)));
      s.end = dossier_build::parse_json_time(pr.value("end", json(nullptr)));
      s.n_positions = pr.value("n_positions", std::uint64_t{0});
      std::vector<std::pair<std::int64_t, std::int64_t>> coords;
      auto add_coord = [&coords](const json& c) {
        if (c.is_array() && c.size() >= 2 && c[0].is_number() && c[1].is_number())
          coords.emplace_back(std::llround(c[1].get<double>() * 1e7), std::llround(c[0].get<double>() * 1e7));
      };
      const json& g = f["geometry"];
      const std::string gt = g.value("type", "");
      if (gt == "Point") add_coord(g["coordinates"]);
      if (gt == "LineString")
        for (const auto& c : g["coordinates"]) add_coord(c);
      if (gt == "MultiLineString")
        for (const auto& ls : g["coordinates"])
          for (const auto& c : ls) add_coord(c);
      for (std::size_t di : it->second) {
        const int idx = static_cast<int>(out[di].segments.size());
        out[di].segments.push_back(s);
        for (const auto& c : coords) seg_of_pos[di].emplace(c, idx);
      }
    }
  }

  // The AIS inputs: positions and statics of the wanted MMSIs.
  Collector col;
  col.wanted = &wanted;
  col.out = &out;
  col.identity.resize(out.size());
  for (std::uint32_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].path.empty()) continue;
    ingest::ReadOptions ro;
    ro.source = i;
    ingest::read_observations(inputs[i].path, ro, col);
  }

  dossier_build::fill_raw_lines(out, req.max_raw_lines);
  for (std::size_t di = 0; di < out.size(); ++di) {
    Dossier& d = out[di];
    for (auto& kv : col.identity[di]) d.identity.push_back(kv.second);
    dossier_build::finish_dossier(d);
    // The segment of each position: the tracks.geojson geometry with its coordinates.
    for (DossierPoint& p : d.track) {
      auto it = seg_of_pos[di].find({std::llround(p.lat * 1e7), std::llround(p.lon * 1e7)});
      if (it != seg_of_pos[di].end()) p.segment = it->second;
    }
  }
  return out;
}

// ---- the page ----------------------------------------------------------------------

namespace {

constexpr const char* kCss = R"css(
:root{--ink:#1b2430;--muted:#5b6673;--line:#d5dbe2;--bg:#ffffff;--soft:#f4f6f8;--red:#c0392b}
*{box-sizing:border-box}
body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;color:var(--ink);background:var(--bg);margin:0 auto;max-width:1000px;padding:16px 20px;font-size:13px;line-height:1.4}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:17px;margin:22px 0 8px;border-bottom:2px solid var(--ink);padding-bottom:2px}
h3{font-size:14px;margin:14px 0 4px}
p.sub,p.note,figcaption{color:var(--muted);margin:4px 0}
nav{margin:8px 0;font-size:12px}
nav a{margin-right:10px}
table{border-collapse:collapse;width:100%;margin:6px 0}
th,td{border:1px solid var(--line);padding:3px 5px;text-align:left;vertical-align:top}
th{background:var(--soft)}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.t{white-space:nowrap}
code,pre{font-family:"DejaVu Sans Mono",monospace;font-size:11px}
pre{white-space:pre-wrap;word-break:break-all;background:var(--soft);padding:4px 6px;margin:4px 0}
table.raw td code{white-space:pre-wrap;word-break:break-all}
.kv td:first-child{width:190px;color:var(--muted)}
.strong{color:var(--red);font-weight:bold}
figure{margin:6px 0}
svg{display:block;max-width:100%;height:auto}
.ev{break-inside:avoid;page-break-inside:avoid}
#event-table{font-size:11.5px}
#event-table td.detail{min-width:180px}
@page{size:A4;margin:12mm}
@media print{body{max-width:none;padding:0}h2{break-after:avoid}tr{break-inside:avoid}}
)css";

std::string input_name(const Dossier& d, std::uint32_t source) {
  return source < d.inputs.size() ? d.inputs[source].name : "input " + std::to_string(source);
}

}  // namespace

std::string render_dossier_html(const Dossier& d, const DossierOptions& opt) {
  std::string h;
  h.reserve(1 << 20);
  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Vessel dossier: ";
  append_html_escaped(h, d.title);
  h += "</title>\n<meta name=\"generator\" content=\"tidewatch report ";
  append_html_escaped(h, d.version);
  h += "\">\n<style>";
  h += kCss;
  h += "</style>\n</head>\n<body>\n";

  // ---- header and summary
  h += "<header>\n<h1 id=\"title\">Vessel dossier: ";
  append_html_escaped(h, d.title);
  h += "</h1>\n<p class=\"sub\">";
  for (std::size_t i = 0; i < d.mmsis.size(); ++i) h += (i ? ", MMSI " : "MMSI ") + u64(d.mmsis[i]);
  for (std::size_t i = 0; i < d.imos.size(); ++i) h += (i ? ", " : "; IMO ") + u64(d.imos[i]);
  if (!d.flag.empty()) {
    h += "; flag (MID) ";
    append_html_escaped(h, d.flag);
  }
  if (d.store.empty()) {
    h += ". From the run <code>";
    append_html_escaped(h, d.run);
    h += "</code> (";
    append_html_escaped(h, d.program);
    h += " ";
  } else {
    // The store keeps the program of its runs, not their version.
    h += ". From the store <code>";
    append_html_escaped(h, d.store);
    h += "</code> (runs of ";
    append_html_escaped(h, d.program);
    h += "; read by tidewatch ";
  }
  append_html_escaped(h, d.version);
  h += ").</p>\n</header>\n";
  h += "<nav><a href=\"#summary\">Summary</a><a href=\"#identity\">Identity</a><a href=\"#sanctions\">Sanctions</a>"
       "<a href=\"#map\">Map</a><a href=\"#timeline\">Timeline</a><a href=\"#events\">Events</a>"
       "<a href=\"#evidence\">Evidence</a><a href=\"#inputs\">Inputs</a></nav>\n";

  std::map<std::string, std::size_t> by_type;
  for (const auto& e : d.events) ++by_type[e.type];
  h += "<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"kv\" id=\"summary-table\">\n";
  h += "<tr><td>Positions received</td><td>" + grouped(d.track.size()) + "</td></tr>\n";
  if (!d.track.empty()) {
    h += "<tr><td>First / last position</td><td>" + iso_seconds(d.track.front().t) + " / " +
         iso_seconds(d.track.back().t) + " (" + duration_text(d.track.back().t - d.track.front().t) +
         ")</td></tr>\n";
  }
  h += "<tr><td>Track segments</td><td>" + u64(d.segments.size()) + "</td></tr>\n";
  h += "<tr><td>Events</td><td>" + u64(d.events.size());
  if (!by_type.empty()) {
    h += ":";
    const char* sep = " ";
    for (const auto& [t, n] : by_type) {
      h += sep;
      append_html_escaped(h, t);
      h += " " + u64(n);
      sep = ", ";
    }
  }
  h += "</td></tr>\n<tr><td>Sanctions matches</td><td>" + u64(d.matches.size()) + "</td></tr>\n</table>\n</section>\n";

  // ---- identity
  h += "<section id=\"identity\">\n<h2>Identity history</h2>\n";
  h += "<p class=\"note\">Every value the vessel broadcast in its static reports (AIS type 5, 24, provider "
       "columns), with the first and last report and how many reports carried it; ";
  h += d.store.empty() ? "the first report's input line is given."
                       : "the store keeps no input line of a static report, so only the flag's first report (a "
                         "position) names one.";
  h += " The flag is that of the MMSI's maritime identification digits, not a registry's.</p>\n";
  h += "<table id=\"identity-table\">\n<tr><th>MMSI</th><th>field</th><th>value</th><th>first seen</th><th>last seen</th>"
       "<th>reports</th><th>first report</th><th>note</th></tr>\n";
  for (const IdentityRow& r : d.identity) {
    h += "<tr><td class=\"num\">" + u64(r.mmsi) + "</td><td>";
    append_html_escaped(h, r.field);
    h += "</td><td class=\"value\">";
    append_html_escaped(h, r.value);
    h += "</td><td class=\"t\">" + iso_seconds(r.first_seen) + "</td><td class=\"t\">" + iso_seconds(r.last_seen) +
         "</td><td class=\"num\">" + u64(r.count) + "</td><td>";
    if (r.first_line > 0) {
      append_html_escaped(h, input_name(d, r.source));
      h += ":" + u64(r.first_line);
    }
    h += "</td><td>";
    append_html_escaped(h, r.note);
    h += "</td></tr>\n";
  }
  h += "</table>\n";
  if (d.vessel_rows.size() > 1) {
    h += "<p class=\"note\">The run's <code>vessels.csv</code> row:</p>\n<pre id=\"vessels-csv\">";
    for (const std::string& row : d.vessel_rows) {
      append_html_escaped(h, row);
      h += "\n";
    }
    h += "</pre>\n";
  }
  h += "</section>\n";

  // ---- sanctions
  h += "<section id=\"sanctions\">\n<h2>Sanctions matches</h2>\n";
  if (d.matches.empty()) {
    h += "<p class=\"note\" id=\"no-matches\">No <code>watchlist_match</code> event for this vessel in the ";
    h += d.store.empty() ? "run (the run screens" : "store (a run screens";
    h += " vessels only when <code>analyze --watchlist</code> was given).</p>\n";
  } else {
    h += "<table id=\"match-table\">\n<tr><th>list</th><th>entry</th><th>programme</th><th>basis</th><th>score</th>"
         "<th>reasons</th><th>owners and linked parties</th></tr>\n";
    for (const DossierMatch& m : d.matches) {
      h += "<tr><td>";
      append_html_escaped(h, m.list_source);
      if (!m.list_date.empty()) {
        h += " (";
        append_html_escaped(h, m.list_date);
        h += ")";
      }
      h += "</td><td>";
      append_html_escaped(h, m.list_id);
      h += " ";
      append_html_escaped(h, m.list_name);
      if (!m.matched_name.empty() && m.matched_name != m.list_name) {
        h += " (matched ";
        append_html_escaped(h, m.matched_name);
        h += ")";
      }
      h += "</td><td>";
      append_html_escaped(h, m.program);
      h += "</td><td>";
      append_html_escaped(h, m.basis);
      h += std::string("</td><td class=\"num") + (m.strong ? " strong" : "") + "\">" + fixed(m.score, 3) +
           (m.strong ? " strong" : "") + "</td><td>";
      append_html_escaped(h, m.reasons);
      if (!m.note.empty()) {
        h += "<br>";
        append_html_escaped(h, m.note);
      }
      h += "</td><td>";
      append_html_escaped(h, m.owners);
      h += "</td></tr>\n";
    }
    h += "</table>\n";
  }
  h += "</section>\n";

  // ---- map and timeline
  std::string map_note;
  h += "<section id=\"map\">\n<h2>Map</h2>\n<figure>\n";
  h += render_map_svg(d, opt, &map_note);
  h += "<figcaption>";
  append_html_escaped(h, map_note);
  h += "</figcaption>\n</figure>\n</section>\n";
  h += "<section id=\"timeline\">\n<h2>Timeline</h2>\n<figure>\n";
  h += render_timeline_svg(d, opt);
  h += "<figcaption>UTC. Bars: the run's track segments; ticks: positions received; event bars from start to end "
       "(an instant is a diamond). Numbers refer to the event table.</figcaption>\n</figure>\n</section>\n";

  // ---- events
  h += "<section id=\"events\">\n<h2>Events</h2>\n";
  if (d.events.empty())
    h += d.store.empty() ? "<p class=\"note\">No events for this vessel in the run.</p>\n"
                         : "<p class=\"note\">No events for this vessel in the store.</p>\n";
  h += "<table id=\"event-table\">\n<tr><th>#</th><th>type</th><th>MMSI</th><th>start (UTC)</th><th>end (UTC)</th>"
       "<th>duration</th><th>lat, lon</th><th>detail</th><th>evidence</th></tr>\n";
  for (std::size_t i = 0; i < d.events.size(); ++i) {
    const DossierEvent& e = d.events[i];
    const std::string n = u64(i + 1);
    h += "<tr class=\"event\" id=\"event-" + n + "\" data-type=\"";
    append_html_escaped(h, e.type);
    h += "\"><td class=\"num\">" + n + "</td><td>";
    append_html_escaped(h, e.type);
    h += "</td><td class=\"num\">" + u64(e.mmsi) + "</td><td class=\"t\">" + iso_seconds(e.start) + "</td><td class=\"t\">" +
         iso_seconds(e.end) + "</td><td class=\"t\">" + duration_text(e.end - e.start) + "</td><td class=\"num\">" +
         fixed(e.lat, 5) + ", " + fixed(e.lon, 5) + "</td><td class=\"detail\">";
    append_html_escaped(h, e.label);
    h += "</td><td><a href=\"#evidence-" + n + "\">" + u64(e.evidence.size()) + " lines</a></td></tr>\n";
  }
  h += "</table>\n</section>\n";

  // ---- evidence
  h += "<section id=\"evidence\">\n<h2>Evidence: the raw input lines</h2>\n";
  h += "<p class=\"note\">For each event, the input lines its <code>evidence</code> names, read from the input files "
       "and shown exactly as stored (HTML-escaped; control bytes and invalid UTF-8 as \\xNN). At most " +
       u64(kMaxRawLinesPerEvent) +
       " lines per event by default: the first ones and the last. Check a line with "
       "<code>sed -n 'Np' FILE</code>.</p>\n";
  for (std::size_t i = 0; i < d.events.size(); ++i) {
    const DossierEvent& e = d.events[i];
    const std::string n = u64(i + 1);
    h += "<div class=\"ev\" id=\"evidence-" + n + "\">\n<h3>" + n + ". ";
    append_html_escaped(h, e.type);
    h += " " + iso_seconds(e.start);
    if (e.end != e.start) h += " \xE2\x80\x93 " + iso_seconds(e.end);
    h += "</h3>\n<pre class=\"event-json\">";
    append_html_escaped(h, e.json);
    h += "</pre>\n<table class=\"raw\">\n<tr><th>input</th><th>line</th><th>text</th></tr>\n";
    for (const EvidenceLine& l : e.raw) {
      h += "<tr class=\"raw\" data-event=\"" + n + "\" data-source=\"";
      append_html_escaped(h, input_name(d, l.source));
      h += "\" data-line=\"" + u64(l.line) + "\"><td>";
      append_html_escaped(h, input_name(d, l.source));
      h += "</td><td class=\"num\">" + u64(l.line) + "</td><td>";
      if (l.found) {
        h += "<code>";
        append_html_escaped(h, l.text);
        h += "</code>";
      } else {
        h += "<em>not read: the input was not given to the report, or it has fewer lines</em>";
      }
      h += "</td></tr>\n";
    }
    h += "</table>\n";
    std::size_t distinct = 0;
    {
      std::set<std::pair<std::uint32_t, std::uint64_t>> s;
      for (const auto& r : e.evidence) s.emplace(r.source, r.line);
      distinct = s.size();
    }
    if (distinct > e.raw.size())
      h += "<p class=\"note\">" + u64(e.raw.size()) + " of " + u64(distinct) +
           " evidence lines shown; the event JSON above lists them all.</p>\n";
    h += "</div>\n";
  }
  h += "</section>\n";

  // ---- inputs
  h += "<section id=\"inputs\">\n<h2>Inputs</h2>\n<table id=\"input-table\">\n<tr><th>input</th><th>bytes</th>"
       "<th>sha256 (recorded by the run)</th><th>file read for this page</th></tr>\n";
  for (const DossierInput& in : d.inputs) {
    h += "<tr><td>";
    append_html_escaped(h, in.name);
    h += "</td><td class=\"num\">" + grouped(in.size) + "</td><td><code class=\"sha256\">";
    append_html_escaped(h, in.sha256);
    h += "</code></td><td>";
    if (in.path.empty()) {
      h += "not given";
    } else if (in.sha256_now == in.sha256) {
      h += "same sha256";
    } else {
      h += "<span class=\"strong\">DIFFERENT sha256 ";
      append_html_escaped(h, in.sha256_now);
      h += "</span>";
    }
    h += "</td></tr>\n";
  }
  h += "</table>\n<p class=\"note\">Verify with <code>sha256sum FILE</code>. Line numbers are 1-based lines of the "
       "file as stored (a gzip file's decompressed lines).</p>\n</section>\n";
  if (d.store.empty())
    h += "<footer><p class=\"note\">Made by tidewatch report from the run's events.jsonl, summary.json, vessels.csv, "
         "tracks.geojson and the input files. The page has no scripts and loads nothing.</p></footer>\n";
  else
    h += "<footer><p class=\"note\">Made by tidewatch report from the store's vessels, positions, tracks, identity "
         "runs, events and inputs, and the input files. The page has no scripts and loads nothing.</p></footer>\n";
  h += "</body>\n</html>\n";
  return h;
}

std::string render_index_html(const std::vector<Dossier>& ds, const DossierOptions& opt) {
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Vessel dossiers</title>\n<style>";
  h += kCss;
  h += "</style>\n</head>\n<body>\n<h1>Vessel dossiers</h1>\n";
  if (!ds.empty()) {
    h += ds.front().store.empty() ? "<p class=\"sub\">Run <code>" : "<p class=\"sub\">Store <code>";
    append_html_escaped(h, ds.front().store.empty() ? ds.front().run : ds.front().store);
    h += "</code>, " + u64(ds.size()) + " vessels.</p>\n";
  }
  h += "<table id=\"index-table\">\n<tr><th>vessel</th><th>MMSI</th><th>flag</th><th>positions</th><th>events</th>"
       "<th>types</th><th>sanctions matches</th></tr>\n";
  for (const Dossier& d : ds) {
    std::map<std::string, std::size_t> by_type;
    for (const auto& e : d.events) ++by_type[e.type];
    h += "<tr><td><a href=\"";
    append_html_escaped(h, opt.page_link_prefix + d.key + ".html");
    h += "\">";
    append_html_escaped(h, d.title);
    h += "</a></td><td>";
    for (std::size_t i = 0; i < d.mmsis.size(); ++i) h += (i ? ", " : "") + u64(d.mmsis[i]);
    h += "</td><td>";
    append_html_escaped(h, d.flag);
    h += "</td><td class=\"num\">" + u64(d.track.size()) + "</td><td class=\"num\">" + u64(d.events.size()) + "</td><td>";
    const char* sep = "";
    for (const auto& [t, n] : by_type) {
      h += sep;
      append_html_escaped(h, t);
      h += " " + u64(n);
      sep = ", ";
    }
    h += "</td><td class=\"num\">" + u64(d.matches.size()) + "</td></tr>\n";
  }
  h += "</table>\n</body>\n</html>\n";
  return h;
}

}  // namespace tidewatch::report
