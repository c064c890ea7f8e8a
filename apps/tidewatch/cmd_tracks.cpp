// tidewatch tracks INPUT... --out DIR: tracks, vessels and data-quality events
// (docs/tracks.md).  The work is analyze::run_pipeline with the behaviour
// detectors off; this file only maps options.

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "common_options.h"
#include "tidewatch/analyze/pipeline.h"

namespace tidewatch::app {

void register_tracks(CLI::App& app) {
  auto settings = std::make_shared<PipelineSettings>();
  CLI::App* cmd = app.add_subcommand(
      "tracks",
      "Segment AIS positions into tracks per MMSI (Global Fishing Watch gpsdio-segment v3.0.0 "
      "rules) and build each vessel's identity history; writes tracks.geojson, vessels.csv, "
      "events.jsonl and summary.json into --out.");
  add_pipeline_options(*cmd, *settings);
  auto store_path = std::make_shared<std::string>();
  cmd->add_option("--store", *store_path,
                  "Also add the vessels, positions, tracks, identity history and events to this SQLite store "
                  "(created when missing; re-runs add without duplicating; docs/store.md)");
  cmd->callback([settings, store_path]() {
    analyze::PipelineOptions opt = pipeline_options(*settings);
    opt.store_path = *store_path;
    opt.program = "tidewatch tracks";
    opt.behaviour = false;
    const auto r = analyze::run_pipeline(opt, &std::cerr);
    if (!settings->quiet) print_run_summary(std::cerr, opt.program, r);
    if (r.status != 0) throw CLI::RuntimeError(r.status);
  });
}

}  // namespace tidewatch::app
