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

std::string iso(UnixMillis t) { return iso_seconds(t); }

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

std::string flag_text(std::uint32_t mmsi) {
  // MID: the first three digits of a 9-digit ship MMSI.
  if (mmsi < 100000000U || mmsi > 999999999U) return "";
  const auto f = flag_of_mid(mmsi / 1000000U);
  if (!f) return "";
  return std::string(f->alpha2) + " " + std::string(f->name);
}

std::string json_text(const json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_null()) return "";
  return j.dump();
}

std::string event_label(const json& e) {
  const std::string type = e.value("type", "");
  std::string s;
  auto num = [&e](const char* k, int digits) -> std::string {
    if (!e.contains(k) || !e[k].is_number()) return "";
    return fixed(e[k].get<double>(), digits);
  };
  if (e.contains("port") && e["port"].is_object()) {
    s = json_text(e["port"].value("name", json(""))) ;
    const std::string lo = json_text(e["port"].value("locode", json("")));
    if (!lo.empty()) s += " (" + lo + ")";
  }
  if (type == "gap") {
    s = num("duration_h", 1) + " h";
    if (e.contains("distance_km")) s += ", " + num("distance_km", 1) + " km";
    if (e.contains("suspected_disabling") && e["suspected_disabling"].is_boolean())
      s += e["suspected_disabling"].get<bool>() ? ", suspected disabling" : ", coverage may explain it";
  } else if (type == "possible_port_visit") {
    if (e.contains("route_nm")) s += ", " + num("route_nm", 1) + " nm by sea";
    if (e.contains("max_stay_h")) s += ", stay up to " + num("max_stay_h", 1) + " h";
  } else if (type == "encounter") {
    if (e.contains("other_mmsi")) s = "with MMSI " + json_text(e["other_mmsi"]);
    if (e.contains("median_distance_m")) s += ", median " + num("median_distance_m", 0) + " m";
  } else if (type == "loitering") {
    if (e.contains("mean_speed_kn")) s = "mean " + num("mean_speed_kn", 2) + " kn";
    if (e.contains("min_shore_km")) s += ", " + num("min_shore_km", 1) + " km from shore";
  } else if (type == "identity_change" || type == "draught_change") {
    s = json_text(e.value("before", json(nullptr))) + " \xE2\x86\x92 " +
        json_text(e.value("after", json(nullptr)));
  } else if (type == "position_jump") {
    s = num("distance_km", 1) + " km at " + num("implied_speed_kn", 0) + " kn";
  } else if (type == "watchlist_match") {
    if (e.contains("list") && e["list"].is_object())
      s = json_text(e["list"].value("source", json(""))) + " " +
          json_text(e["list"].value("id", json(""))) + " " + json_text(e["list"].value("name", json("")));
    s += ", score " + num("score", 3);
  } else if (type == "shared_mmsi") {
    if (e.contains("tracks") && e["tracks"].is_array()) s = std::to_string(e["tracks"].size()) + " tracks";
  } else if (type == "position_on_land") {
    if (e.contains("positions")) s = json_text(e["positions"]) + " positions";
  }
  return s;
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

bool parse_u64(std::string_view s, std::uint64_t& v) {
  if (s.empty() || s.size() > 19) return false;
  v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return true;
}

UnixMillis parse_iso(const json& j) {
  if (!j.is_string()) return 0;
  const std::string s = j.get<std::string>();
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (std::sscanf(s.c_str(), "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &se) != 6) return 0;
  return utc_millis(y, mo, d, h, mi, se).value_or(0);
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

int field_rank(const std::string& f) {
  static const char* order[] = {"flag", "name", "callsign", "imo", "shiptype", "dimensions_m", "draught_m", "destination"};
  for (int i = 0; i < 8; ++i)
    if (f == order[i]) return i;
  return 99;
}

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
  std::vector<bool> used(req.inputs.size(), false);
  for (auto& in : inputs)
    for (std::size_t k = 0; k < req.inputs.size(); ++k)
      if (!used[k] && req.inputs[k] == in.name) {
        in.path = req.inputs[k];
        used[k] = true;
        break;
      }
  for (auto& in : inputs) {
    if (!in.path.empty()) continue;
    for (std::size_t k = 0; k < req.inputs.size(); ++k)
      if (!used[k] && fs::path(req.inputs[k]).filename() == fs::path(in.name).filename()) {
        in.path = req.inputs[k];
        used[k] = true;
        break;
      }
  }
  if (req.inputs.size() == inputs.size())
    for (std::size_t k = 0; k < inputs.size(); ++k)
      if (inputs[k].path.empty() && !used[k]) {
        inputs[k].path = req.inputs[k];
        used[k] = true;
      }
  for (std::size_t k = 0; k < req.inputs.size(); ++k)
    if (!used[k] && log) *log << "tidewatch report: " << req.inputs[k] << " is not an input of the run; ignored\n";
  for (auto& in : inputs) {
    if (in.path.empty()) {
      if (log) *log << "tidewatch report: input " << in.name << " not given (--inputs): no positions or raw lines from it\n";
      continue;
    }
    in.sha256_now = sha256_file(in.path);
    if (!in.sha256.empty() && in.sha256 != in.sha256_now && log)
      *log << "tidewatch report: WARNING " << in.path << " has sha256 " << in.sha256_now
           << ", the run read " << in.sha256 << ": the file changed since the run\n";
  }

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
      if (!parse_u64(csv.get(0), m) || m > 0xFFFFFFFFULL) continue;
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
      std::string s = v;
      bool as_imo = false;
      if (s.rfind("imo:", 0) == 0 || s.rfind("IMO:", 0) == 0 || s.rfind("IMO", 0) == 0) {
        s = s.substr(s[3] == ':' ? 4 : 3);
        as_imo = true;
      }
      std::uint64_t n = 0;
      if (!parse_u64(s, n) || n > 999999999ULL) throw std::runtime_error("--vessel " + v + ": not an MMSI or IMO number");
      const auto id = static_cast<std::uint32_t>(n);
      if (!as_imo && s.size() == 7 && imo_check_digit_ok(id) && !vessel_row.count(id)) as_imo = true;
      if (as_imo) {
        std::vector<std::uint32_t> ms;
        for (const auto& [m, list] : imos_of)
          if (std::find(list.begin(), list.end(), id) != list.end()) ms.push_back(m);
        if (ms.empty()) throw std::runtime_error("--vessel " + v + ": no vessel of the run broadcast IMO " + s);
        add_dossier(ms, "imo-" + s, id);
      } else {
        if (!vessel_row.count(id)) throw std::runtime_error("--vessel " + v + ": MMSI not in the run's vessels.csv");
        add_dossier({id}, std::to_string(id), std::nullopt);
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
      DossierEvent ev;
      ev.type = e.value("type", "");
      ev.mmsi = e["mmsi"].get<std::uint32_t>();
      ev.start = parse_iso(e.value("start", json(nullptr)));
      ev.end = parse_iso(e.value("end", json(nullptr)));
      if (e.contains("lat") && e["lat"].is_number()) ev.lat = e["lat"].get<double>();
      if (e.contains("lon") && e["lon"].is_number()) ev.lon = e["lon"].get<double>();
      if (e.contains("end_lat") && e["end_lat"].is_number()) ev.end_lat = e["end_lat"].get<double>();
      if (e.contains("end_lon") && e["end_lon"].is_number()) ev.end_lon = e["end_lon"].get<double>();
      if (e.contains("other_mmsi") && e["other_mmsi"].is_number_unsigned()) ev.other_mmsi = e["other_mmsi"].get<std::uint32_t>();
      ev.label = event_label(e);
      ev.json = event_lines[i];
      if (e.contains("evidence") && e["evidence"].is_array())
        for (const auto& r : e["evidence"]) {
          if (!r.is_object() || !r.contains("line") || !r["line"].is_number_unsigned()) continue;
          ev.evidence.push_back({ref_source(r.value("source", ""), d.inputs), r["line"].get<std::uint64_t>()});
        }
      if (ev.type == "watchlist_match") {
        DossierMatch m;
        m.mmsi = ev.mmsi;
        if (e.contains("list") && e["list"].is_object()) {
          const json& l = e["list"];
          m.list_source = json_text(l.value("source", json("")));
          m.list_id = json_text(l.value("id", json("")));
          m.list_name = json_text(l.value("name", json("")));
          m.program = json_text(l.value("program", json("")));
          m.list_date = json_text(l.value("date", json("")));
        }
        if (e.contains("basis") && e["basis"].is_array())
          for (const auto& b : e["basis"]) m.basis += (m.basis.empty() ? "" : ", ") + json_text(b);
        if (e.contains("score") && e["score"].is_number()) m.score = e["score"].get<double>();
        if (e.contains("strong") && e["strong"].is_boolean()) m.strong = e["strong"].get<bool>();
        m.matched_name = json_text(e.value("matched_name", json("")));
        m.reasons = json_text(e.value("reasons", json("")));
        m.note = json_text(e.value("note", json("")));
        if (e.contains("owners") && e["owners"].is_array())
          for (const auto& o : e["owners"]) {
            std::string s = json_text(o.value("relation", json(""))) + ": " + json_text(o.value("name", json("")));
            const std::string id = json_text(o.value("id", json("")));
            if (!id.empty()) s += " (" + id + ")";
            m.owners += (m.owners.empty() ? "" : "; ") + s;
          }
        if (e.contains("owner_entries") && e["owner_entries"].is_array())
          for (const auto& o : e["owner_entries"]) {
            std::string s = "listed: " + json_text(o.value("source", json(""))) + " " + json_text(o.value("id", json(""))) +
                            " " + json_text(o.value("name", json("")));
            m.owners += (m.owners.empty() ? "" : "; ") + s;
          }
        m.json = event_lines[i];
        d.matches.push_back(std::move(m));
      }
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
      s.id = json_text(pr.value("segment_id", json("")));
      s.mmsi = static_cast<std::uint32_t>(m);
      s.start = parse_iso(pr.value("start", json(nullptr)));
      s.end = parse_iso(pr.value("end", json(nullptr)));
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

  // Raw lines: every (source, line) shown, read in one pass per input.
  std::vector<std::set<std::uint64_t>> want_lines(inputs.size());
  for (Dossier& d : out) {
    for (DossierEvent& ev : d.events) {
      std::vector<DossierEvent::Ref> refs;
      for (const auto& r : ev.evidence) {
        bool dup = false;
        for (const auto& q : refs) dup = dup || (q.source == r.source && q.line == r.line);
        if (!dup) refs.push_back(r);
      }
      std::vector<DossierEvent::Ref> shown;
      const std::size_t cap = std::max<std::size_t>(req.max_raw_lines, 2);
      if (refs.size() <= cap) {
        shown = refs;
      } else {
        shown.assign(refs.begin(), refs.begin() + static_cast<std::ptrdiff_t>(cap - 1));
        shown.push_back(refs.back());
      }
      for (const auto& r : shown) {
        EvidenceLine l;
        l.source = r.source;
        l.line = r.line;
        ev.raw.push_back(l);
        if (r.source < want_lines.size()) want_lines[r.source].insert(r.line);
      }
    }
  }
  std::map<std::pair<std::uint32_t, std::uint64_t>, std::string> texts;
  for (std::uint32_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].path.empty() || want_lines[i].empty()) continue;
    ingest::LineReader reader(inputs[i].path);
    const std::uint64_t last = *want_lines[i].rbegin();
    while (auto l = reader.next()) {
      if (want_lines[i].count(l->number)) texts.emplace(std::make_pair(i, l->number), std::string(l->text));
      if (l->number >= last) break;
    }
  }

  for (std::size_t di = 0; di < out.size(); ++di) {
    Dossier& d = out[di];
    for (DossierEvent& ev : d.events)
      for (EvidenceLine& l : ev.raw) {
        auto it = texts.find({l.source, l.line});
        if (it != texts.end()) {
          l.found = true;
          l.text = it->second;
        }
      }
    std::sort(d.track.begin(), d.track.end(), [](const DossierPoint& a, const DossierPoint& b) {
      return std::tie(a.t, a.mmsi, a.source, a.line) < std::tie(b.t, b.mmsi, b.source, b.line);
    });
    for (DossierPoint& p : d.track) {
      auto it = seg_of_pos[di].find({std::llround(p.lat * 1e7), std::llround(p.lon * 1e7)});
      if (it != seg_of_pos[di].end()) p.segment = it->second;
    }
    // Identity rows, plus the flag of each MMSI's MID.
    for (auto& kv : col.identity[di]) d.identity.push_back(kv.second);
    for (std::uint32_t m : d.mmsis) {
      const std::string f = flag_text(m);
      if (f.empty()) continue;
      if (!d.flag.empty()) d.flag += ", ";
      d.flag += f;
      IdentityRow r;
      r.mmsi = m;
      r.field = "flag";
      r.value = f;
      r.note = "from the MMSI's MID (ITU maritime identification digits)";
      bool any = false;
      for (const DossierPoint& p : d.track) {
        if (p.mmsi != m) continue;
        if (!any) {
          r.first_seen = p.t;
          r.source = p.source;
          r.first_line = p.line;
        }
        any = true;
        r.last_seen = p.t;
        ++r.count;
      }
      if (any) d.identity.push_back(r);
    }
    std::sort(d.identity.begin(), d.identity.end(), [](const IdentityRow& a, const IdentityRow& b) {
      const int ra = field_rank(a.field), rb = field_rank(b.field);
      return std::tie(a.mmsi, ra, a.field, a.first_seen, a.value) < std::tie(b.mmsi, rb, b.field, b.first_seen, b.value);
    });
    for (const IdentityRow& r : d.identity)
      if (r.field == "imo" && r.note.empty()) {
        const auto v = static_cast<std::uint32_t>(std::stoul(r.value));
        if (std::find(d.imos.begin(), d.imos.end(), v) == d.imos.end()) d.imos.push_back(v);
      }
    // Title: the most reported name.
    std::string name;
    std::uint64_t best = 0;
    for (const IdentityRow& r : d.identity)
      if (r.field == "name" && r.count > best) {
        best = r.count;
        name = r.value;
      }
    std::string ids;
    for (std::uint32_t m : d.mmsis) ids += (ids.empty() ? "MMSI " : ", ") + std::to_string(m);
    d.title = name.empty() ? ids : name + " (" + ids + ")";
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
  h += ". From the run <code>";
  append_html_escaped(h, d.run);
  h += "</code> (";
  append_html_escaped(h, d.program);
  h += " ";
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
    h += "<tr><td>First / last position</td><td>" + iso(d.track.front().t) + " / " + iso(d.track.back().t) + " (" +
         duration_text(d.track.back().t - d.track.front().t) + ")</td></tr>\n";
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
       "columns), with the first and last report and how many reports carried it; the first report's input line "
       "is given. The flag is that of the MMSI's maritime identification digits, not a registry's.</p>\n";
  h += "<table id=\"identity-table\">\n<tr><th>MMSI</th><th>field</th><th>value</th><th>first seen</th><th>last seen</th>"
       "<th>reports</th><th>first report</th><th>note</th></tr>\n";
  for (const IdentityRow& r : d.identity) {
    h += "<tr><td class=\"num\">" + u64(r.mmsi) + "</td><td>";
    append_html_escaped(h, r.field);
    h += "</td><td class=\"value\">";
    append_html_escaped(h, r.value);
    h += "</td><td class=\"t\">" + iso(r.first_seen) + "</td><td class=\"t\">" + iso(r.last_seen) +
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
    h += "<p class=\"note\" id=\"no-matches\">No <code>watchlist_match</code> event for this vessel in the run";
    h += " (the run screens vessels only when <code>analyze --watchlist</code> was given).</p>\n";
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
  if (d.events.empty()) h += "<p class=\"note\">No events for this vessel in the run.</p>\n";
  h += "<table id=\"event-table\">\n<tr><th>#</th><th>type</th><th>MMSI</th><th>start (UTC)</th><th>end (UTC)</th>"
       "<th>duration</th><th>lat, lon</th><th>detail</th><th>evidence</th></tr>\n";
  for (std::size_t i = 0; i < d.events.size(); ++i) {
    const DossierEvent& e = d.events[i];
    const std::string n = u64(i + 1);
    h += "<tr class=\"event\" id=\"event-" + n + "\" data-type=\"";
    append_html_escaped(h, e.type);
    h += "\"><td class=\"num\">" + n + "</td><td>";
    append_html_escaped(h, e.type);
    h += "</td><td class=\"num\">" + u64(e.mmsi) + "</td><td class=\"t\">" + iso(e.start) + "</td><td class=\"t\">" +
         iso(e.end) + "</td><td class=\"t\">" + duration_text(e.end - e.start) + "</td><td class=\"num\">" +
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
    h += " " + iso(e.start);
    if (e.end != e.start) h += " \xE2\x80\x93 " + iso(e.end);
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
  h += "<footer><p class=\"note\">Made by tidewatch report from the run's events.jsonl, summary.json, vessels.csv, "
       "tracks.geojson and the input files. The page has no scripts and loads nothing.</p></footer>\n";
  h += "</body>\n</html>\n";
  return h;
}

std::string render_index_html(const std::vector<Dossier>& ds, const DossierOptions& opt) {
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Vessel dossiers</title>\n<style>";
  h += kCss;
  h += "</style>\n</head>\n<body>\n<h1>Vessel dossiers</h1>\n";
  if (!ds.empty()) {
    h += "<p class=\"sub\">Run <code>";
    append_html_escaped(h, ds.front().run);
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
