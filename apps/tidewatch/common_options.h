#pragma once
// Options shared by `tidewatch tracks` and `tidewatch analyze`.

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <string>
#include <vector>

#include "tidewatch/analyze/pipeline.h"

namespace tidewatch::app {

struct PipelineSettings {
  std::vector<std::string> inputs;
  std::string out;
  std::string format = "auto";
  std::string columns;
  std::string time_format;
  std::string rejects;
  std::string order = "sort";
  std::string config;  ///< TOML file of parameter overrides
  std::vector<std::string> watchlists;  ///< analyze: sanctions lists
  std::string ports;   ///< port list (CSV or GeoJSON); "" = the bundled World Port Index
  std::string shoreline;  ///< overrides land.shoreline when set
  double land_margin_m = -1;  ///< overrides land.margin_m when >= 0
  bool quiet = false;
};

void add_pipeline_options(CLI::App& cmd, PipelineSettings& s);
/// Options -> pipeline options (config file applied); throws on bad values.
analyze::PipelineOptions pipeline_options(const PipelineSettings& s);
/// "tidewatch tracks: N lines, ... rejected K: reason n, ..." on one line.
void print_run_summary(std::ostream& out, const std::string& program,
                       const analyze::PipelineResult& r);

}  // namespace tidewatch::app
