// analyze --detections (include/tidewatch/match/detection_run.h, docs/matching.md §4).

#include "tidewatch/match/detection_run.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "tidewatch/imagery/detection_readers.h"
#include "tidewatch/report/event_json.h"
#include "tidewatch/report/text.h"

namespace tidewatch::match {
namespace {

using report::put_csv;
using report::put_json_str;
using report::put_u;

/// A CSV number: `digits` decimals, empty when unknown.
void put_num(std::string& s, double v, int digits) {
  if (std::isfinite(v)) report::put_fixed(s, v, digits);
}

const char* method_name(Method m) { return m == Method::interpolated ? "interpolated" : "dead_reckoned"; }

}  // namespace

DetectionRun::DetectionRun(std::vector<std::string> detection_paths, const std::vector<std::string>& geometry_paths,
                           const MatchParams& params)
    : params_(params), paths_(std::move(detection_paths)), windows_(std::span<const imagery::Detection>{}, params) {
  for (std::size_t f = 0; f < paths_.size(); ++f) {
    imagery::DetectionSet set = imagery::read_detections(paths_[f]);
    rows_.push_back(set.rows);
    used_.push_back(set.detections.size());
    for (auto& d : set.detections) {
      detections_.push_back(std::move(d));
      file_of_.push_back(static_cast<std::uint32_t>(f));
    }
    for (auto& r : set.rejects) rejects_.push_back(std::move(r));
  }
  for (const auto& g : geometry_paths) {
    geometry_.push_back(read_scene_geometry(g));
    geometry_paths_.push_back(g);
  }
  for (const auto& d : detections_)
    if (d.time == 0) ++no_time_;
  windows_ = FixWindows(detections_, params_);
}

void DetectionRun::vessel(std::uint32_t mmsi, std::optional<double> length_m, std::span<const AisFix> fixes) {
  const std::size_t before = windows_.vessels().size();
  windows_.add(mmsi, length_m, fixes);
  if (windows_.vessels().size() > before) fixes_kept_ += windows_.vessels().back().fixes.size();
}

std::vector<DetectionRun::Event> DetectionRun::finish(const std::filesystem::path& dir,
                                                      const std::vector<std::string>& ais_names) {
  output_ = match_detections(detections_, windows_.vessels(), params_, geometry_);
  finished_ = true;

  // matches.csv: the contract's four columns first, one row per detection in input order.
  std::string csv =
      "detection_id,mmsi,distance_m,score,dt_s,time,lat,lon,length_m,ais_length_m,predicted_lat,"
      "predicted_lon,azimuth_shift_m,gate_m,method,candidates,scene,source,line,ais_evidence\n";
  for (std::size_t i = 0; i < detections_.size(); ++i) {
    const auto& d = detections_[i];
    const auto& m = output_.matches[i];
    put_csv(csv, d.id);
    csv.push_back(',');
    if (m.mmsi) put_u(csv, *m.mmsi);
    csv.push_back(',');
    if (m.mmsi) put_num(csv, m.distance_m, 1);
    csv.push_back(',');
    if (m.mmsi) put_num(csv, m.score, 4);
    csv.push_back(',');
    if (m.mmsi) put_num(csv, m.dt_s, 1);
    csv.push_back(',');
    if (d.time != 0) csv.append(report::iso_seconds(d.time));
    csv.push_back(',');
    report::put_deg(csv, d.lat);
    csv.push_back(',');
    report::put_deg(csv, d.lon);
    csv.push_back(',');
    if (d.length_m) put_num(csv, *d.length_m, 1);
    csv.push_back(',');
    if (m.ais_length_m) put_num(csv, *m.ais_length_m, 1);
    csv.push_back(',');
    if (m.mmsi) report::put_deg(csv, m.predicted_lat);
    csv.push_back(',');
    if (m.mmsi) report::put_deg(csv, m.predicted_lon);
    csv.push_back(',');
    if (m.mmsi) put_num(csv, m.shift_m, 1);
    csv.push_back(',');
    if (m.mmsi) put_num(csv, m.gate_m, 1);
    csv.push_back(',');
    if (m.mmsi) csv.append(method_name(m.method));
    csv.push_back(',');
    put_u(csv, m.candidates);
    csv.push_back(',');
    put_csv(csv, d.scene);
    csv.push_back(',');
    put_csv(csv, paths_[file_of_[i]]);
    csv.push_back(',');
    put_u(csv, d.line);
    csv.push_back(',');
    std::string ev;  // "source:line|source:line"
    for (const auto& r : m.refs) {
      if (!ev.empty()) ev.push_back('|');
      ev.append(r.source < ais_names.size() ? ais_names[r.source] : "").push_back(':');
      put_u(ev, r.line);
    }
    put_csv(csv, ev);
    csv.push_back('\n');
  }
  report::write_text_file((dir / "matches.csv").string(), csv);

  // Events.  Evidence of a dark vessel is the detection's own row: its file is
  // named after the AIS inputs in the evidence list's name table.
  std::vector<std::string> names = ais_names;
  const auto det_base = static_cast<std::uint32_t>(names.size());
  for (const auto& p : paths_) names.push_back(p);
  std::vector<Event> events;
  for (std::size_t i = 0; i < detections_.size(); ++i) {
    const auto& d = detections_[i];
    const auto& m = output_.matches[i];
    if (m.mmsi || d.time == 0) continue;
    report::EventJson e(names);
    const LineRef ref{det_base + file_of_[i], d.line};
    e.head("dark_vessel", 0, d.time, d.time).at(d.lat, d.lon).evidence(std::span<const LineRef>(&ref, 1));
    e.key("detection_id").str(d.id);
    e.key("scene").str(d.scene);
    e.key("length_m");
    if (d.length_m) e.fixed(*d.length_m, 1); else e.raw("null");
    e.key("candidates").u(m.candidates);
    e.key("nearest_ais_mmsi");
    if (m.nearest_mmsi) e.u(*m.nearest_mmsi); else e.raw("null");
    e.key("nearest_ais_m");
    if (std::isfinite(m.nearest_m)) e.fixed(m.nearest_m, 1); else e.raw("null");
    events.push_back(Event{d.time, 0, "dark_vessel", e.finish()});
  }
  for (const auto& n : output_.not_detected) {
    report::EventJson e(names);
    e.head("not_detected", n.mmsi, n.time, n.time).at(n.lat, n.lon).evidence(n.refs);
    e.key("scene").str(n.scene);
    e.key("reason").str("position possibly spoofed or vessel too small");
    e.key("dt_s").fixed(n.dt_s, 1);
    e.key("speed_kn").fixed(n.speed_kn, 1);
    e.key("ais_length_m");
    if (n.ais_length_m) e.fixed(*n.ais_length_m, 1); else e.raw("null");
    e.key("nearest_detection_m");
    if (std::isfinite(n.nearest_detection_m)) e.fixed(n.nearest_detection_m, 1); else e.raw("null");
    events.push_back(Event{n.time, n.mmsi, "not_detected", e.finish()});
  }
  return events;
}

std::string DetectionRun::reject_summary() const {
  if (rejects_.empty()) return "";
  std::map<std::string, std::uint64_t> by_reason;
  for (const auto& r : rejects_) ++by_reason[r.reason];
  std::string s = std::to_string(rejects_.size()) + " detection rows rejected (";
  const char* sep = "";
  for (const auto& kv : by_reason) {
    s.append(sep).append(kv.first).push_back(' ');
    s.append(std::to_string(kv.second));
    sep = ", ";
  }
  s.push_back(')');
  return s;
}

std::string DetectionRun::summary_json() const {
  std::string s = "{\"files\":[";
  for (std::size_t f = 0; f < paths_.size(); ++f) {
    if (f > 0) s.push_back(',');
    s.append("{\"name\":");
    put_json_str(s, paths_[f]);
    s.append(",\"rows\":");
    put_u(s, rows_[f]);
    s.append(",\"detections\":");
    put_u(s, used_[f]);
    s.push_back('}');
  }
  s.append("],\"scene_geometry\":[");
  for (std::size_t g = 0; g < geometry_.size(); ++g) {
    if (g > 0) s.push_back(',');
    s.append("{\"name\":");
    put_json_str(s, geometry_paths_[g]);
    s.append(",\"scene\":");
    put_json_str(s, geometry_[g].scene);
    s.append(",\"platform_heading_deg\":");
    report::put_fixed(s, geometry_[g].platform_heading_deg, 2);
    s.append(",\"satellite_speed_m_s\":");
    report::put_fixed(s, geometry_[g].satellite_speed_m_s, 1);
    s.push_back('}');
  }
  s.append("],\"read\":");
  put_u(s, detections_.size());
  s.append(",\"rejected\":");
  put_u(s, rejects_.size());
  s.append(",\"rejected_by_reason\":{");
  std::map<std::string, std::uint64_t> by_reason;
  for (const auto& r : rejects_) ++by_reason[r.reason];
  const char* sep = "";
  for (const auto& kv : by_reason) {
    s.append(sep);
    sep = ",";
    put_json_str(s, kv.first);
    s.push_back(':');
    put_u(s, kv.second);
  }
  std::uint64_t matched = 0, dark = 0;
  for (std::size_t i = 0; i < output_.matches.size(); ++i) {
    if (output_.matches[i].mmsi) ++matched;
    else if (detections_[i].time != 0) ++dark;
  }
  s.append("},\"no_time\":");
  put_u(s, no_time_);
  s.append(",\"matched\":");
  put_u(s, matched);
  s.append(",\"dark\":");
  put_u(s, dark);
  s.append(",\"not_detected\":");
  put_u(s, output_.not_detected.size());
  s.append(",\"scenes\":");
  put_u(s, output_.scenes);
  s.append(",\"scenes_with_geometry\":");
  put_u(s, output_.scenes_with_geometry);
  s.append(",\"ais_vessels_near\":");
  put_u(s, windows_.vessels().size());
  s.append(",\"ais_fixes_kept\":");
  put_u(s, fixes_kept_);
  s.append(",\"candidate_pairs\":");
  put_u(s, output_.candidate_pairs);
  s.append(",\"components\":");
  put_u(s, output_.components);
  s.push_back('}');
  return s;
}

}  // namespace tidewatch::match
