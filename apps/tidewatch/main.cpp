// tidewatch: evidence of sanctions evasion at sea from AIS, satellite
// detections and sanctions lists.  This file only wires the subcommands.

#include <exception>
#include <iostream>

#include "commands.h"
#include "tidewatch/version.h"

int main(int argc, char** argv) {
  CLI::App app{
      "tidewatch: evidence of sanctions evasion at sea from AIS ship tracking, satellite "
      "ship detections and sanctions lists."};
  app.set_version_flag("--version", tidewatch::kVersion);
  app.require_subcommand(1);
  tidewatch::app::register_decode(app);
  tidewatch::app::register_tracks(app);
  tidewatch::app::register_analyze(app);
  tidewatch::app::register_config(app);
  tidewatch::app::register_simulate(app);
  tidewatch::app::register_screen(app);
  tidewatch::app::register_lists(app);
  tidewatch::app::register_query(app);
  tidewatch::app::register_report(app);
  tidewatch::app::register_export(app);
  tidewatch::app::register_detect_ships(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::cerr << "tidewatch: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
