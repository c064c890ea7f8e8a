// The shared steps of building a vessel dossier (src/report/dossier_build.h):
// used by dossiers_from_run (dossier.cpp) and dossiers_from_store
// (dossier_store.cpp).  Every name here is in namespace dossier_build, so a
// unity build of src/report sees no clash with other files' helpers.

#include "dossier_build.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <ostream>
#include <set>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "tidewatch/core/ids.h"
#include "tidewatch/core/sha256.h"
#include "tidewatch/ingest/line_reader.h"
#include "tidewatch/report/text.h"

namespace tidewatch::report::dossier_build {

namespace fs = std::filesystem;
using nlohmann::json;

std::string json_text(const json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_null()) return "";
  return j.dump();
}

UnixMillis parse_json_time(const json& j) {
  if (!j.is_string()) return 0;
  const std::string s = j.get<std::string>();
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (std::sscanf(s.c_str(), "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &se) != 6) return 0;
  return utc_millis(y, mo, d, h, mi, se).value_or(0);
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

std::string flag_text(std::uint32_t mmsi) {
  // MID: the first three digits of a 9-digit ship MMSI.
  if (mmsi < 100000000U || mmsi > 999999999U) return "";
  const auto f = flag_of_mid(mmsi / 1000000U);
  if (!f) return "";
  return std::string(f->alpha2) + " " + std::string(f->name);
}

std::string VesselAsk::key() const { return by_imo ? "imo-" + digits : std::to_string(id); }

VesselAsk parse_vessel_ask(const std::string& v, const std::function<bool(std::uint32_t)>& is_mmsi) {
  VesselAsk a;
  std::string s = v;
  if (s.rfind("imo:", 0) == 0 || s.rfind("IMO:", 0) == 0 || s.rfind("IMO", 0) == 0) {
    s = s.substr(s[3] == ':' ? 4 : 3);
    a.by_imo = true;
  }
  std::uint64_t n = 0;
  if (!parse_u64(s, n) || n > 999999999ULL) throw std::runtime_error("--vessel " + v + ": not an MMSI or IMO number");
  a.id = static_cast<std::uint32_t>(n);
  if (!a.by_imo && s.size() == 7 && imo_check_digit_ok(a.id) && !is_mmsi(a.id)) a.by_imo = true;
  a.digits = std::move(s);
  return a;
}

void match_input_files(std::vector<DossierInput>& inputs, const std::vector<std::string>& files,
                       std::string_view owner, const char* missing_note, std::ostream* log) {
  // Same text, else same file name, else same position.
  std::vector<bool> used(files.size(), false);
  for (auto& in : inputs)
    for (std::size_t k = 0; k < files.size(); ++k)
      if (!used[k] && files[k] == in.name) {
        in.path = files[k];
        used[k] = true;
        break;
      }
  for (auto& in : inputs) {
    if (!in.path.empty()) continue;
    for (std::size_t k = 0; k < files.size(); ++k)
      if (!used[k] && fs::path(files[k]).filename() == fs::path(in.name).filename()) {
        in.path = files[k];
        used[k] = true;
        break;
      }
  }
  if (files.size() == inputs.size())
    for (std::size_t k = 0; k < inputs.size(); ++k)
      if (inputs[k].path.empty() && !used[k]) {
        inputs[k].path = files[k];
        used[k] = true;
      }
  for (std::size_t k = 0; k < files.size(); ++k)
    if (!used[k] && log) *log << "tidewatch report: " << files[k] << " is not an input of " << owner << "; ignored\n";
  for (auto& in : inputs) {
    if (in.path.empty()) {
      if (missing_note != nullptr && log)
        *log << "tidewatch report: input " << in.name << " not given (--inputs): " << missing_note << "\n";
      continue;
    }
    in.sha256_now = sha256_file(in.path);
    if (!in.sha256.empty() && in.sha256 != in.sha256_now && log)
      *log << "tidewatch report: WARNING " << in.path << " has sha256 " << in.sha256_now
           << ", the run read " << in.sha256 << ": the file changed since the run\n";
  }
}

namespace {

std::string dossier_build_fixed(double v, int digits) {
  std::string s;
  put_fixed(s, v, digits);
  return s;
}

std::string dossier_build_event_label(const json& e) {
  const std::string type = e.value("type", "");
  std::string s;
  auto num = [&e](const char* k, int digits) -> std::string {
    if (!e.contains(k) || !e[k].is_number()) return "";
    return dossier_build_fixed(e[k].get<double>(), digits);
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

int dossier_build_field_rank(const std::string& f) {
  static const char* order[] = {"flag", "name", "callsign", "imo", "shiptype", "dimensions_m", "draught_m", "destination"};
  for (int i = 0; i < 8; ++i)
    if (f == order[i]) return i;
  return 99;
}

}  // namespace

DossierEvent event_from_json(const json& e, const std::string& line,
                             const std::function<std::uint32_t(const std::string&)>& source_index) {
  DossierEvent ev;
  ev.type = e.value("type", "");
  if (e.contains("mmsi") && e["mmsi"].is_number_unsigned()) ev.mmsi = e["mmsi"].get<std::uint32_t>();
  ev.start = parse_json_time(e.value("start", json(nullptr)));
  ev.end = parse_json_time(e.value("end", json(nullptr)));
  if (e.contains("lat") && e["lat"].is_number()) ev.lat = e["lat"].get<double>();
  if (e.contains("lon") && e["lon"].is_number()) ev.lon = e["lon"].get<double>();
  if (e.contains("end_lat") && e["end_lat"].is_number()) ev.end_lat = e["end_lat"].get<double>();
  if (e.contains("end_lon") && e["end_lon"].is_number()) ev.end_lon = e["end_lon"].get<double>();
  if (e.contains("other_mmsi") && e["other_mmsi"].is_number_unsigned()) ev.other_mmsi = e["other_mmsi"].get<std::uint32_t>();
  ev.label = dossier_build_event_label(e);
  ev.json = line;
  if (e.contains("evidence") && e["evidence"].is_array())
    for (const auto& r : e["evidence"]) {
      if (!r.is_object() || !r.contains("line") || !r["line"].is_number_unsigned()) continue;
      ev.evidence.push_back({source_index(r.value("source", "")), r["line"].get<std::uint64_t>()});
    }
  return ev;
}

DossierMatch match_from_json(const json& e, const std::string& line) {
  DossierMatch m;
  if (e.contains("mmsi") && e["mmsi"].is_number_unsigned()) m.mmsi = e["mmsi"].get<std::uint32_t>();
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
  m.json = line;
  return m;
}

void fill_raw_lines(std::vector<Dossier>& ds, std::size_t max_raw_lines) {
  // Raw lines: every (file, line) shown, read in one pass per file.
  std::map<std::string, std::set<std::uint64_t>> want_lines;
  for (Dossier& d : ds) {
    for (DossierEvent& ev : d.events) {
      std::vector<DossierEvent::Ref> refs;
      for (const auto& r : ev.evidence) {
        bool dup = false;
        for (const auto& q : refs) dup = dup || (q.source == r.source && q.line == r.line);
        if (!dup) refs.push_back(r);
      }
      std::vector<DossierEvent::Ref> shown;
      const std::size_t cap = std::max<std::size_t>(max_raw_lines, 2);
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
        if (r.source < d.inputs.size() && !d.inputs[r.source].path.empty())
          want_lines[d.inputs[r.source].path].insert(r.line);
      }
    }
  }
  std::map<std::pair<std::string, std::uint64_t>, std::string> texts;
  for (const auto& [path, lines] : want_lines) {
    if (lines.empty()) continue;
    ingest::LineReader reader(path);
    const std::uint64_t last = *lines.rbegin();
    while (auto l = reader.next()) {
      if (lines.count(l->number)) texts.emplace(std::make_pair(path, l->number), std::string(l->text));
      if (l->number >= last) break;
    }
  }
  for (Dossier& d : ds)
    for (DossierEvent& ev : d.events)
      for (EvidenceLine& l : ev.raw) {
        if (l.source >= d.inputs.size() || d.inputs[l.source].path.empty()) continue;
        auto it = texts.find({d.inputs[l.source].path, l.line});
        if (it != texts.end()) {
          l.found = true;
          l.text = it->second;
        }
      }
}

void finish_dossier(Dossier& d) {
  std::sort(d.track.begin(), d.track.end(), [](const DossierPoint& a, const DossierPoint& b) {
    return std::tie(a.t, a.mmsi, a.source, a.line) < std::tie(b.t, b.mmsi, b.source, b.line);
  });
  // The flag of each MMSI's MID, as an identity row over its positions.
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
    const int ra = dossier_build_field_rank(a.field), rb = dossier_build_field_rank(b.field);
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

}  // namespace tidewatch::report::dossier_build
