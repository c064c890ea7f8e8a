// tidewatch config --print [--config FILE]: the effective parameters as TOML,
// every line with its unit and the source of its default (analyze/config.h).

#include <iostream>
#include <memory>
#include <string>

#include "commands.h"
#include "tidewatch/analyze/config.h"

namespace tidewatch::app {

void register_config(CLI::App& app) {
  struct Settings {
    bool print = false;
    std::string config;
  };
  auto s = std::make_shared<Settings>();
  CLI::App* cmd = app.add_subcommand(
      "config",
      "Show the effective thresholds of tracks/analyze: defaults, overridden by a TOML file.");
  cmd->add_flag("--print,-p", s->print, "Print the effective parameters as TOML (the default action)");
  cmd->add_option("--config", s->config, "TOML file with overrides, checked as analyze would");
  cmd->callback([s]() {
    analyze::Config c;
    analyze::ParamTable table(c);
    if (!s->config.empty()) table.apply_toml_file(s->config);
    std::cout << table.to_toml();
  });
}

}  // namespace tidewatch::app
