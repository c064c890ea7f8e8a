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
                  "UN consolidated XML, OpenSanctions FtM JSON, or the own CSV "
                  "name,imo,mmsi,callsign,note); repeatable; matches become watchlist_match events")
      ->check(CLI::ExistingFile);
  cmd->callback([settings]() {
    analyze::PipelineOptions opt = pipeline_options(*settings);
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
