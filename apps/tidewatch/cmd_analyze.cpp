// tidewatch analyze INPUT... --out DIR: the behaviour events of
// ../shared/contracts/results.md (gaps, possible port visits, port visits,
// encounters, loitering, draught changes) with the data-quality events of
// `tracks`; docs/analyze.md.  The work is analyze::run_pipeline.

#include <iostream>
#include <memory>

#include "commands.h"
#include "common_options.h"
#include "tidewatch/analyze/pipeline.h"

namespace tidewatch::app {

void register_analyze(CLI::App& app) {
  auto settings = std::make_shared<PipelineSettings>();
  CLI::App* cmd = app.add_subcommand(
      "analyze",
      "Detect what sanctions evasion looks like in AIS: gaps (suspected disabling), possible "
      "and actual port visits, encounters, loitering, draught, identity and data-quality events; "
      "writes events.jsonl and summary.json (plus tracks.geojson and vessels.csv) into --out.");
  add_pipeline_options(*cmd, *settings);
  cmd->add_option("--watchlist", settings->watchlists,
                  "Sanctions list (OFAC sdn.csv with add/alt/sdn_comments beside it, OFAC SDN XML, "
                  "UN consolidated XML, UK FCDO CSV/XML/.ods, UK OFSI CSV/XML, OpenSanctions FtM JSON, or the own CSV "
                  "name,imo,mmsi,callsign,note); repeatable; matches become watchlist_match events")
      ->check(CLI::ExistingFile);
  auto store_path = std::make_shared<std::string>();
  cmd->add_option("--store", *store_path,
                  "Also add the vessels, positions, tracks, identity history and events to this SQLite store "
                  "(created when missing; re-runs add without duplicating; docs/store.md)");
  auto detections = std::make_shared<std::vector<std::string>>();
  cmd->add_option("--detections", *detections,
                  "Satellite ship detections (CSV id,time,lat,lon,length_m[,scene], GeoJSON, Skylight, "
                  "GFW/KSAT, xView3); repeatable; matched to AIS: matches.csv, dark_vessel and "
                  "not_detected events (docs/matching.md)")
      ->check(CLI::ExistingFile);
  auto geometry = std::make_shared<std::vector<std::string>>();
  cmd->add_option("--scene-geometry", *geometry,
                  "SAR scene geometry for --detections: Sentinel-1 annotation XML or SNAP metadata XML "
                  "(azimuth-shift correction of moving ships); repeatable")
      ->check(CLI::ExistingFile);
  cmd->callback([settings, store_path, detections, geometry]() {
    analyze::PipelineOptions opt = pipeline_options(*settings);
    opt.store_path = *store_path;
    opt.detections = *detections;
    opt.scene_geometry = *geometry;
    opt.program = "tidewatch analyze";
    opt.behaviour = true;
    const auto r = analyze::run_pipeline(opt, &std::cerr);
    if (!settings->quiet) {
      print_run_summary(std::cerr, opt.program, r);
      std::string line = "tidewatch analyze: events";
      const char* sep = " ";
      for (const auto& [type, n] : r.events) {
        if (n == 0) continue;
        line += sep + type + " " + std::to_string(n);
        sep = ", ";
      }
      std::cerr << line << '\n';
    }
    if (r.status != 0) throw CLI::RuntimeError(r.status);
  });
}

}  // namespace tidewatch::app
