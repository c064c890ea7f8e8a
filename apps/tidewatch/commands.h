#pragma once
// The subcommands of the tidewatch program.  Each registers its options on
// the CLI11 app and runs when chosen; main() only wires them.

#include <CLI/CLI.hpp>

namespace tidewatch::app {

/// `tidewatch decode`: AIS NMEA to JSON Lines (gpsd fields) or CSV.
void register_decode(CLI::App& app);

/// `tidewatch tracks`: tracks, vessels, identity events from AIS in any supported format.
void register_tracks(CLI::App& app);
/// `tidewatch analyze`: behaviour events (../shared/contracts/results.md).
void register_analyze(CLI::App& app);
/// `tidewatch config`: the effective thresholds (--print), from defaults and a TOML file.
void register_config(CLI::App& app);
/// `tidewatch simulate`: AIS NMEA and ground truth for scripted situations.
void register_simulate(CLI::App& app);
void register_screen(CLI::App& app);  ///< `tidewatch screen`: vessels against sanctions lists (docs/screening.md).
void register_lists(CLI::App& app);  ///< `tidewatch lists diff OLD NEW`: vessels added, removed, changed.
void register_query(CLI::App& app);  ///< `tidewatch query STORE ...`: answers from a store (docs/store.md).
void register_report(CLI::App& app);  ///< `tidewatch report`: the vessel dossier, HTML (+ PDF) (docs/dossier.md).
void register_export(CLI::App& app);  ///< `tidewatch export`: GeoPackage/GeoJSON/KML/CSV for QGIS, Google Earth (docs/exports.md).
void register_detect_ships(CLI::App& app);  ///< `tidewatch detect-ships IMAGE`: ships in a SAR image (docs/imagery.md).

}  // namespace tidewatch::app
