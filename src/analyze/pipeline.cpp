// The batch pipeline (include/tidewatch/analyze/pipeline.h, docs/analyze.md).

#include "tidewatch/analyze/pipeline.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <unordered_map>

#include "behaviour.h"
#include "tidewatch/core/sha256.h"
#include "tidewatch/geo/sea_route.h"
#include "tidewatch/geo/shore.h"
#include "tidewatch/ports/port.h"
#include "tidewatch/geo/land_mask.h"
#include "tidewatch/ingest/external_sort.h"
#include "tidewatch/ingest/reorder.h"
#include "tidewatch/match/detection_run.h"
#include "tidewatch/report/event_json.h"
#include "tidewatch/report/out_buffer.h"
#include "tidewatch/report/rejects.h"
#include "tidewatch/report/text.h"
#include "tidewatch/store/pipeline_store.h"
#include "tidewatch/track/identity.h"
#include "tidewatch/track/quality.h"
#include "tidewatch/track/segmenter.h"
#include "tidewatch/version.h"
#include "tidewatch/watchlist/readers.h"
#include "vessel_out.h"

namespace tidewatch::analyze {
namespace {

namespace fs = std::filesystem;
using ingest::Observation;
using report::put_fixed;
using report::put_json_str;
using report::put_u;

// ---- ordering --------------------------------------------------------------------

/// Per-vessel batches in (mmsi, time, source, line) order, from either mode.
class VesselSource {
 public:
  virtual ~VesselSource() = default;
  virtual void push(const Observation& o) = 0;
  /// Next vessel's observations in time order; false at the end.
  virtual bool next_vessel(std::vector<Observation>& out) = 0;
};

class SortedSource final : public VesselSource {
 public:
  void push(const Observation& o) override { sorter_.push(o); }
  bool next_vessel(std::vector<Observation>& out) override {
    out.clear();
    if (!started_) {
      started_ = true;
      have_ = sorter_.next(o_);
    }
    if (!have_) return false;
    const std::uint32_t mmsi = o_.mmsi;
    while (have_ && o_.mmsi == mmsi) {
      out.push_back(o_);
      have_ = sorter_.next(o_);
    }
    return true;
  }

 private:
  ingest::ExternalSorter sorter_;
  Observation o_;
  bool started_ = false, have_ = false;
};

/// --order window: the reorder window's time-ordered output grouped by MMSI in memory.
class WindowSource final : public VesselSource, private ingest::ReorderSink {
 public:
  WindowSource(const OrderParams& p, ingest::ObservationSink& rejects)
      : window_(options(p), *this), rejects_(rejects) {}
  void push(const Observation& o) override { window_.push(o); }
  bool next_vessel(std::vector<Observation>& out) override {
    if (!flushed_) {
      window_.flush();
      flushed_ = true;
      order_.reserve(by_mmsi_.size());
      for (const auto& [mmsi, v] : by_mmsi_) order_.push_back(mmsi);
      std::sort(order_.begin(), order_.end());
    }
    if (next_ >= order_.size()) return false;
    auto it = by_mmsi_.find(order_[next_++]);
    out = std::move(it->second);
    by_mmsi_.erase(it);
    // Equal times keep arrival order; make ties (source, line) like the sort.
    std::stable_sort(out.begin(), out.end(), [](const Observation& a, const Observation& b) {
      if (a.time != b.time) return a.time < b.time;
      if (a.ref.source != b.ref.source) return a.ref.source < b.ref.source;
      return a.ref.line < b.ref.line;
    });
    return true;
  }

 private:
  static ingest::ReorderOptions options(const OrderParams& p) {
    ingest::ReorderOptions o;
    o.window_ms = static_cast<UnixMillis>(std::llround(p.window_min * 60000.0));
    o.max_records = static_cast<std::size_t>(std::max<std::int64_t>(1, p.window_max_records));
    o.strict = true;
    return o;
  }
  void on_observation(const Observation& o) override { by_mmsi_[o.mmsi].push_back(o); }
  void on_reject(const RejectedLine& r) override { rejects_.on_reject(r); }

  ingest::ReorderWindow window_;
  ingest::ObservationSink& rejects_;
  std::unordered_map<std::uint32_t, std::vector<Observation>> by_mmsi_;
  std::vector<std::uint32_t> order_;
  std::size_t next_ = 0;
  bool flushed_ = false;
};

/// Reader output: observations to the orderer, rejects counted and written.
class Collect final : public ingest::ObservationSink {
 public:
  explicit Collect(report::OutBuffer* rejects) : rejects_(rejects) {}
  VesselSource* target = nullptr;
  const std::string* source_name = nullptr;
  std::uint64_t late_rejected = 0;  // unsorted_input from the reorder window
  void on_observation(const Observation& o) override { target->push(o); }
  void on_reject(const RejectedLine& r) override {
    if (rejects_ != nullptr) report::write_reject_json(*rejects_, r, *source_name);
  }

 private:
  report::OutBuffer* rejects_;
};

/// Window-mode rejects (late records) carry their own source index.
class LateRejects final : public ingest::ObservationSink {
 public:
  LateRejects(report::OutBuffer* out, const std::vector<std::string>& names, ingest::IngestStats& stats)
      : out_(out), names_(names), stats_(stats) {}
  void on_observation(const Observation&) override {}
  void on_reject(const RejectedLine& r) override {
    ++stats_.rejected[static_cast<std::size_t>(r.reason)];
    if (out_ != nullptr)
      report::write_reject_json(*out_, r, r.where.source < names_.size() ? names_[r.where.source] : "");
  }

 private:
  report::OutBuffer* out_;
  const std::vector<std::string>& names_;
  ingest::IngestStats& stats_;
};

void add_stats(ingest::IngestStats& total, const ingest::IngestStats& s) {
  total.lines += s.lines;
  total.header_lines += s.header_lines;
  total.positions += s.positions;
  total.statics += s.statics;
  total.no_position += s.no_position;
  total.no_time += s.no_time;
  total.ignored_messages += s.ignored_messages;
  for (std::size_t k = 0; k < kRejectReasonCount; ++k) total.rejected[k] += s.rejected[k];
  for (std::size_t k = 0; k < kSkipReasonCount; ++k) total.skipped[k] += s.skipped[k];
}

std::string counts_json(const ingest::IngestStats& total) {
  std::string s = "{\"lines\":";
  put_u(s, total.lines);
  s.append(",\"header_lines\":");
  put_u(s, total.header_lines);
  s.append(",\"observations\":");
  put_u(s, total.positions + total.statics);
  s.append(",\"positions\":");
  put_u(s, total.positions);
  s.append(",\"statics\":");
  put_u(s, total.statics);
  s.append(",\"no_position\":");
  put_u(s, total.no_position);
  s.append(",\"no_time\":");
  put_u(s, total.no_time);
  s.append(",\"ignored_messages\":");
  put_u(s, total.ignored_messages);
  s.append(",\"rejected\":");
  put_u(s, total.total_rejected());
  s.append(",\"rejected_by_reason\":{");
  const char* sep = "";
  for (std::size_t k = 0; k < kRejectReasonCount; ++k) {
    if (total.rejected[k] == 0) continue;
    s.append(sep);
    sep = ",";
    put_json_str(s, reject_reason_name(static_cast<RejectReason>(k)));
    s.push_back(':');
    put_u(s, total.rejected[k]);
  }
  s.append("},\"skipped_by_reason\":{");
  sep = "";
  for (std::size_t k = 0; k < kSkipReasonCount; ++k) {
    if (total.skipped[k] == 0) continue;
    s.append(sep);
    sep = ",";
    put_json_str(s, skip_reason_name(static_cast<SkipReason>(k)));
    s.push_back(':');
    put_u(s, total.skipped[k]);
  }
  s.append("}}");
  return s;
}

}  // namespace

PipelineResult run_pipeline(const PipelineOptions& opt, std::ostream* log) {
  PipelineResult result;
  Config cfg = opt.config;  // ParamTable needs a mutable Config
  const fs::path dir(opt.out_dir);
  fs::create_directories(dir);

  std::vector<std::string> names;
  for (const auto& in : opt.inputs) names.push_back(in == "-" ? "stdin" : in);

  std::unique_ptr<report::OutBuffer> rejects;
  if (!opt.rejects_path.empty()) rejects = std::make_unique<report::OutBuffer>();
  ingest::IngestStats total;
  LateRejects late(rejects.get(), names, total);
  std::unique_ptr<VesselSource> source;
  if (opt.order == Order::window) {
    source = std::make_unique<WindowSource>(cfg.order, late);
  } else {
    source = std::make_unique<SortedSource>();
  }

  // ---- read every input
  Collect collect(rejects.get());
  collect.target = source.get();
  std::string inputs_json = "[";
  for (std::uint32_t i = 0; i < opt.inputs.size(); ++i) {
    const std::string& in = opt.inputs[i];
    collect.source_name = &names[i];
    ingest::ReadOptions ro = opt.read;
    ro.source = i;
    ingest::IngestStats s;
    try {
      s = ingest::read_observations(in, ro, collect);
    } catch (const ingest::InputError& e) {
      if (log != nullptr) *log << opt.program << ": " << e.what() << '\n';
      result.status = 2;
    }
    add_stats(total, s);
    if (i > 0) inputs_json.push_back(',');
    inputs_json.append("{\"name\":");
    put_json_str(inputs_json, names[i]);
    std::error_code ec;
    const auto size = in == "-" ? 0 : fs::file_size(in, ec);
    inputs_json.append(",\"size\":");
    if (ec || in == "-") {
      inputs_json.append("null,\"sha256\":null");
    } else {
      put_u(inputs_json, size);
      inputs_json.append(",\"sha256\":");
      try {
        put_json_str(inputs_json, sha256_file(in));
      } catch (const std::exception&) {
        inputs_json.append("null");
      }
    }
    inputs_json.push_back('}');
  }
  inputs_json.push_back(']');

  // ---- shoreline for position_on_land
  std::unique_ptr<geo::LandMask> land;
  std::shared_ptr<const geo::LandMask> land_shared;  // analyze: shared with shore and router
  std::string land_status = "off";
  if (cfg.land.shoreline != "off") {
    try {
      if (cfg.land.shoreline.size() != 1) throw std::runtime_error("unknown GSHHG resolution " + cfg.land.shoreline);
      land = geo::LandMask::open(cfg.land.shoreline[0]);
      land_status = "GSHHG " + cfg.land.shoreline;
    } catch (const std::exception& e) {
      land_status = std::string("not available: ") + e.what();
      if (log != nullptr) *log << opt.program << ": position_on_land off (" << e.what() << ")\n";
    }
  }

  // ---- ports: the bundled World Port Index list or the user's file
  ports::PortList port_list;
  std::string ports_status;
  try {
    port_list = opt.ports_path.empty() ? ports::load_default_ports()
                                       : ports::load_ports(opt.ports_path);
    ports_status = port_list.source;
  } catch (const std::exception& e) {
    if (!opt.ports_path.empty() || opt.behaviour) throw;
    ports_status = std::string("not available: ") + e.what();
    if (log != nullptr) *log << opt.program << ": no port list (" << e.what() << ")\n";
  }
  if (log != nullptr && !port_list.rejects.empty())
    *log << opt.program << ": " << port_list.rejects.size() << " port rows rejected in "
         << port_list.source << " (first: line " << port_list.rejects.front().line << ", "
         << port_list.rejects.front().detail << ")\n";
  const std::size_t port_count = port_list.ports.size();
  const std::size_t port_rejects = port_list.rejects.size();
  ports::PortIndex port_index(std::move(port_list.ports));

  // ---- sanctions lists
  std::unique_ptr<watchlist::Screener> screener;
  std::string lists_json = "[";
  if (!opt.watchlists.empty()) {
    screener = std::make_unique<watchlist::Screener>(cfg.watchlist);
    for (std::size_t i = 0; i < opt.watchlists.size(); ++i) {
      watchlist::WatchList list = watchlist::load_watchlist(opt.watchlists[i]);
      if (log != nullptr && !list.rejects.empty())
        *log << opt.program << ": " << list.rejects.size() << " rows rejected in " << opt.watchlists[i]
             << "\n";
      if (i > 0) lists_json.push_back(',');
      lists_json.append("{\"name\":");
      put_json_str(lists_json, opt.watchlists[i]);
      lists_json.append(",\"entries\":");
      put_u(lists_json, list.entries.size());
      lists_json.append(",\"rejected_rows\":");
      put_u(lists_json, list.rejects.size());
      lists_json.append(",\"sha256\":");
      try {
        put_json_str(lists_json, sha256_file(opt.watchlists[i]));
      } catch (const std::exception&) {
        lists_json.append("null");
      }
      lists_json.push_back('}');
      screener->add(std::move(list));
    }
  }
  lists_json.push_back(']');

  // ---- satellite detections (--detections), matched after the per-vessel pass,
  // which hands over only the AIS fixes near a detection time (docs/matching.md)
  std::unique_ptr<match::DetectionRun> detections;
  if (!opt.detections.empty())
    detections = std::make_unique<match::DetectionRun>(opt.detections, opt.scene_geometry, cfg.match);
  if (detections && log != nullptr && !detections->reject_summary().empty())
    *log << opt.program << ": " << detections->reject_summary() << '\n';

  // ---- the store (--store): this run's inputs, then every vessel and event
  std::unique_ptr<store::PipelineStore> stored;
  if (!opt.store_path.empty()) {
    stored = std::make_unique<store::PipelineStore>(opt.store_path, opt.program);
    stored->add_inputs(opt.inputs, names, log);
  }

  // ---- per vessel
  VesselWriter out(dir, names, cfg);
  out.set_store(stored.get());
  out.set_screener(screener.get());
  out.set_land(land.get());
  out.set_ports(&port_index);
  out.set_detections(detections.get());
  std::unique_ptr<geo::ShoreDistance> shore;
  std::unique_ptr<geo::SeaRouter> router;
  std::unique_ptr<Behaviour> behaviour;
  if (opt.behaviour) {
    if (land) {
      std::shared_ptr<const geo::LandMask> mask = std::move(land);
      land_shared = mask;
      shore = std::make_unique<geo::ShoreDistance>(mask);
      router = std::make_unique<geo::SeaRouter>(mask, cfg.possible_port_visit.routing);
    }
    behaviour = std::make_unique<Behaviour>(
        cfg, names, port_index, shore.get(), router.get(),
        [&out](UnixMillis start, std::uint32_t mmsi, const std::string& type, std::string json) {
          out.add_event(start, mmsi, type, std::move(json));
        });
    out.set_behaviour(behaviour.get());
  }
  std::vector<Observation> batch;
  while (source->next_vessel(batch)) out.vessel(batch);
  out.finish_cross_vessel();
  if (detections)
    for (auto& e : detections->finish(dir, names)) out.add_event(e.start, e.mmsi, e.type, std::move(e.json));

  // ---- summary.json
  ParamTable table(cfg);
  std::string summary = "{\"program\":";
  put_json_str(summary, opt.program);
  summary.append(",\"version\":");
  put_json_str(summary, kVersion);
  summary.append(",\"inputs\":").append(inputs_json);
  summary.append(",\"counts\":").append(counts_json(total));
  summary.append(",\"parameters\":{\"order\":");
  put_json_str(summary, opt.order == Order::window ? "window" : "sort");
  summary.append(",\"shoreline\":");
  put_json_str(summary, land_status);
  summary.append(",\"ports\":{\"source\":");
  put_json_str(summary, ports_status);
  summary.append(",\"ports\":");
  put_u(summary, port_count);
  summary.append(",\"rejected_rows\":");
  put_u(summary, port_rejects);
  summary.append("}");
  summary.append(",\"watchlists\":").append(lists_json);
  summary.append(",\"values\":").append(table.to_json()).append("}");
  if (detections) summary.append(",\"detections\":").append(detections->summary_json());
  out.finish(summary);
  if (stored && detections) {  // the detections and their AIS matches (matches.csv's rows)
    const auto& ds = detections->detections();
    for (std::size_t i = 0; i < ds.size(); ++i) {
      const imagery::Detection& d = ds[i];
      store::DetectionRow row{detections->path_of(i), d.id, d.time, d.lat, d.lon, d.length_m, d.width_m,
                              d.heading_deg, d.confidence, d.scene, d.line};
      stored->store().add_detection(row);
    }
    for (const match::DetectionMatch& m : detections->output().matches) {
      if (m.detection >= ds.size()) continue;
      store::MatchRow row;
      row.detection_source = detections->path_of(m.detection);
      row.detection_id = ds[m.detection].id;
      row.mmsi = m.mmsi;
      if (m.mmsi) {
        row.distance_m = m.distance_m;
        row.score = m.score;
      }
      stored->store().add_match(row);
    }
  }
  if (stored) stored->finish(log);
  if (rejects) report::write_text_file(opt.rejects_path, rejects->view());

  result.ingest = total;
  result.vessels = out.totals().vessels;
  result.track_segments = out.totals().track_segments;
  result.events = out.totals().events;
  return result;
}

}  // namespace tidewatch::analyze
