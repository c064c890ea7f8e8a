// tidewatch export INPUT... --format gpkg|geojson|kml|csv --out PATH
//                  [--events EVENTS.jsonl] [--detections FILE [--matches matches.csv]]
//
// GIS exports for QGIS and Google Earth (docs/exports.md).  Tracks come from
// the AIS inputs, read again with the ingest library and segmented exactly as
// `tracks`/`analyze` do (per MMSI in (time, source, line) order through
// track::Segmenter with the same parameters, identity from
// track::IdentityHistory), so segment_id matches tracks.geojson of a run on
// the same inputs.  Unlike the pipeline, this holds every observation in
// memory (no external sort): fine for a day of a regional feed; the store
// (`tidewatch export STORE`, later) is the way for big runs.  Events come
// from an events.jsonl, detections from any detections file with the AIS
// matches of matches.csv.  The writing is report::export_gis.

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "commands.h"
#include "tidewatch/analyze/config.h"
#include "tidewatch/core/sha256.h"
#include "tidewatch/imagery/detection_readers.h"
#include "tidewatch/ingest/csv.h"
#include "tidewatch/ingest/format.h"
#include "tidewatch/report/gis_export.h"
#include "tidewatch/track/identity.h"
#include "tidewatch/track/segmenter.h"

namespace tidewatch::app {
namespace {

using ingest::Observation;

struct ExportSettings {
  std::vector<std::string> inputs;
  std::string format;
  std::string out;
  std::string events;
  std::string detections;
  std::string matches;
  std::string input_format = "auto";
  std::string config;
  bool quiet = false;
};

class Gather final : public ingest::ObservationSink {
 public:
  std::unordered_map<std::uint32_t, std::vector<Observation>> by_mmsi;
  std::uint64_t rejected = 0;
  void on_observation(const Observation& o) override { by_mmsi[o.mmsi].push_back(o); }
  void on_reject(const RejectedLine&) override { ++rejected; }
};

/// One vessel's observations (time order) -> its track segments, as VesselWriter does.
void vessel_tracks(std::uint32_t mmsi, const std::vector<Observation>& obs, const analyze::Config& cfg,
                   std::vector<report::Track>& out) {
  std::vector<Observation> pos;
  track::IdentityHistory hist(mmsi, cfg.identity);
  for (const auto& o : obs) {
    if (o.kind == Observation::Kind::position) pos.push_back(o);
    else hist.add(o);
  }
  track::LabelCollector segs;
  segs.keep_segments = true;
  {
    track::Segmenter segmenter(cfg.segmenter, segs);
    for (const auto& o : pos) segmenter.feed(track::Ping::from(o));
    segmenter.finish();
  }
  std::vector<const track::Segment*> tracks;
  for (const auto& s : segs.segments)
    if (s.kind == track::Label::Kind::member) tracks.push_back(&s);
  std::sort(tracks.begin(), tracks.end(), [](const track::Segment* a, const track::Segment* b) {
    if (a->first_us != b->first_us) return a->first_us < b->first_us;
    return a->id < b->id;
  });
  for (std::size_t n = 0; n < tracks.size(); ++n) {
    const auto& seg = *tracks[n];
    report::Track t;
    t.mmsi = mmsi;
    t.segment_id = std::to_string(mmsi) + "-" + std::to_string(n);
    t.flag = std::string(hist.flag());
    for (auto m : seg.members) {
      const auto& o = pos[m];
      report::TrackPoint p;
      p.t = o.time;
      p.lat = o.position.lat_e7 / 1e7;
      p.lon = o.position.lon_e7 / 1e7;
      if (o.position.sog) p.sog = *o.position.sog / 10.0;
      if (o.position.cog) p.cog = *o.position.cog / 10.0;
      p.ref = o.ref;
      t.points.push_back(p);
    }
    const UnixMillis t0 = t.points.front().t, t1 = t.points.back().t;
    // The same identity as tracks.geojson shows for this segment.
    const ingest::Transponder cls = track::majority_transponder(pos, seg.members);
    auto ident = [&hist, t0, t1, cls](track::IdentityField f) {
      return track::segment_identity(hist, f, t0, t1, cls);
    };
    t.name = ident(track::IdentityField::name);
    t.callsign = ident(track::IdentityField::callsign);
    const std::string imo = ident(track::IdentityField::imo);
    if (!imo.empty()) {
      try {
        t.imo = static_cast<std::uint32_t>(std::stoul(imo));
      } catch (const std::exception&) {
      }
    }
    out.push_back(std::move(t));
  }
}

void read_tracks(const ExportSettings& s, const analyze::Config& cfg, report::GisData& data) {
  Gather g;
  ingest::ReadOptions ro;
  if (s.input_format != "auto") {
    ro.format = ingest::parse_input_format(s.input_format);
    if (!ro.format) throw std::runtime_error("unknown --input-format " + s.input_format);
  }
  for (std::uint32_t i = 0; i < s.inputs.size(); ++i) {
    ro.source = static_cast<std::uint32_t>(data.inputs.size());
    const std::string& in = s.inputs[i];
    report::GisInput gi{in == "-" ? "stdin" : in, ""};
    if (in != "-") gi.sha256 = sha256_file(in);
    data.inputs.push_back(gi);
    ingest::read_observations(in, ro, g);
  }
  std::vector<std::uint32_t> mmsis;
  mmsis.reserve(g.by_mmsi.size());
  for (const auto& kv : g.by_mmsi) mmsis.push_back(kv.first);
  std::sort(mmsis.begin(), mmsis.end());
  for (auto mmsi : mmsis) {
    auto& obs = g.by_mmsi[mmsi];
    // The pipeline's order: (time, source, line); equal keys keep reading order.
    std::stable_sort(obs.begin(), obs.end(), [](const Observation& a, const Observation& b) {
      if (a.time != b.time) return a.time < b.time;
      if (a.ref.source != b.ref.source) return a.ref.source < b.ref.source;
      return a.ref.line < b.ref.line;
    });
    vessel_tracks(mmsi, obs, cfg, data.tracks);
    std::vector<Observation>().swap(obs);
  }
}

void read_events(const std::string& path, report::GisData& data) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::string line;
  std::uint64_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      data.events.push_back(report::parse_event_json(line, data.inputs));
    } catch (const report::GisExportError& e) {
      throw std::runtime_error(path + " line " + std::to_string(n) + ": " + e.what());
    }
  }
}

struct Match {
  std::optional<std::uint32_t> mmsi;
  std::optional<double> distance_m, score;
};

std::map<std::string, Match> read_matches(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::map<std::string, Match> out;
  ingest::CsvSplitter csv;
  std::string line;
  bool header = true;
  int id_col = -1, mmsi_col = -1, dist_col = -1, score_col = -1;
  auto num = [](std::string_view v) -> std::optional<double> {
    if (v.empty()) return std::nullopt;
    try {
      return std::stod(std::string(v));
    } catch (const std::exception&) {
      return std::nullopt;
    }
  };
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || !csv.split(line)) continue;
    if (header) {
      header = false;
      for (std::size_t i = 0; i < csv.size(); ++i) {
        const auto f = csv[i];
        if (f == "detection_id") id_col = static_cast<int>(i);
        if (f == "mmsi") mmsi_col = static_cast<int>(i);
        if (f == "distance_m") dist_col = static_cast<int>(i);
        if (f == "score") score_col = static_cast<int>(i);
      }
      if (id_col < 0 || mmsi_col < 0) throw std::runtime_error(path + ": no detection_id,mmsi header");
      continue;
    }
    Match m;
    if (auto v = num(csv.get(static_cast<std::size_t>(mmsi_col))); v && *v >= 0 && *v <= 4294967295.0)
      m.mmsi = static_cast<std::uint32_t>(*v);
    if (dist_col >= 0) m.distance_m = num(csv.get(static_cast<std::size_t>(dist_col)));
    if (score_col >= 0) m.score = num(csv.get(static_cast<std::size_t>(score_col)));
    out[std::string(csv.get(static_cast<std::size_t>(id_col)))] = m;
  }
  return out;
}

void read_detections(const ExportSettings& s, report::GisData& data) {
  imagery::DetectionSet set = imagery::read_detections(s.detections);
  if (!set.rejects.empty() && !s.quiet)
    std::cerr << "tidewatch export: " << set.rejects.size() << " detection rows rejected in " << s.detections
              << '\n';
  std::map<std::string, Match> matches;
  if (!s.matches.empty()) matches = read_matches(s.matches);
  for (auto& d : set.detections) {
    report::ExportDetection x;
    if (auto it = matches.find(d.id); it != matches.end()) {
      x.mmsi = it->second.mmsi;
      x.distance_m = it->second.distance_m;
      x.score = it->second.score;
    }
    x.detection = std::move(d);
    data.detections.push_back(std::move(x));
  }
}

}  // namespace

void register_export(CLI::App& app) {
  auto s = std::make_shared<ExportSettings>();
  CLI::App* cmd = app.add_subcommand(
      "export",
      "GIS exports for QGIS and Google Earth: tracks (segmented as by `tracks`), positions, events "
      "and satellite detections as GeoPackage, GeoJSON, KML (gx:Track) or CSV (docs/exports.md).");
  cmd->add_option("inputs", s->inputs, "AIS input files (any supported format, plain or .gz; - for stdin)");
  cmd->add_option("--format", s->format, "gpkg, geojson, kml or csv")->required();
  cmd->add_option("--out,-o", s->out,
                  "Output: a file for gpkg and kml, a directory (one file per layer) for geojson and csv")
      ->required();
  cmd->add_option("--events", s->events, "events.jsonl of an analyze or tracks run")->check(CLI::ExistingFile);
  cmd->add_option("--detections", s->detections, "Satellite ship detections (any supported detections format)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--matches", s->matches, "matches.csv of an analyze run (detection_id,mmsi,distance_m,score)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--input-format", s->input_format, "AIS input format: auto, nmea, dma, marinecadastre, gfw, gpsd")
      ->capture_default_str();
  cmd->add_option("--config", s->config, "TOML parameter overrides (segmenter, identity), as for analyze")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--quiet,-q", s->quiet, "No summary on standard error");
  cmd->callback([s]() {
    const auto format = report::parse_gis_format(s->format);
    if (!format) throw std::runtime_error("unknown --format " + s->format + " (gpkg, geojson, kml, csv)");
    if (s->inputs.empty() && s->events.empty() && s->detections.empty())
      throw std::runtime_error("nothing to export: give AIS inputs, --events or --detections");
    const auto t0 = std::chrono::steady_clock::now();
    analyze::Config cfg;
    if (!s->config.empty()) {
      analyze::ParamTable table(cfg);
      table.apply_toml_file(s->config);
    }
    report::GisData data;
    read_tracks(*s, cfg, data);
    if (!s->events.empty()) read_events(s->events, data);
    if (!s->detections.empty()) read_detections(*s, data);
    const auto r = report::export_gis(data, *format, s->out);
    if (!s->quiet) {
      const auto ms =
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
      std::string line = "tidewatch export: " + std::string(report::gis_format_name(*format)) + " " + s->out + ":";
      const char* sep = " ";
      for (const char* layer : {"tracks", "positions", "events", "detections"}) {
        auto it = r.features.find(layer);
        if (it == r.features.end()) continue;
        line += sep + std::string(layer) + " " + std::to_string(it->second);
        sep = ", ";
      }
      std::cerr << line << " (" << ms << " ms)\n";
    }
  });
}

}  // namespace tidewatch::app
