#pragma once
// The regions, ports and scripted scenarios of the simulator, and
// build_world(), which places them (docs/simulate.md has the scripts).
//
// Scenario vessels sail the Sea of Japan and the Russian Far East, at real
// port positions (NGA World Port Index, Pub. 150) and at open-sea points
// checked against the GSHHG shoreline (tests/sim/simulate_test.cpp):
//
//   dark_port_visit  AIS off > 6 h before Najin, many hours there, back on at sea deeper
//   port_visit       AIS on, 10 h stopped at Vostochnyy
//   sts_transfer     two ships drift 100-300 m apart at < 1 kn for 5 h, > 100 km from shore
//   loitering        one ship at 0.5-1.5 kn for 8 h, far from shore, alone
//   spoofing         1-3 false positions 80-250 km off the track, then back
//   identity_change  new name and call sign halfway
//   shared_mmsi      two ships > 100 nm apart on one MMSI for 10 h
//   coverage_hole    a 2 x 2 degree box without reception for 24 h; a ship crosses it
//   crossing         two ships pass within ~300 m at 12 kn (no event: a control)

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tidewatch/sim/options.h"
#include "tidewatch/sim/world.h"

namespace tidewatch::sim {

/// A region where background vessels can roam: its box is water, more than
/// 50 km from any GSHHG shoreline (checked by the tests).
struct Region {
  std::string name;
  Box box;
  std::vector<Station> stations;  ///< terrestrial receivers
  std::string satellite_id;       ///< receives everything else
};

/// "sea_of_japan": 39.0-41.6N 131.0-138.0E (the deep Japan Basin; terrestrial
/// receivers at Vladivostok and Nakhodka).  "north_pacific": 30-44N,
/// 152E-170W (north of the Hawaiian chain, south-east of the Kurils;
/// satellite only).
std::span<const Region> regions();
const Region* find_region(std::string_view name);

/// The ports the scenarios use (WPI names and LOCODEs): Najin, Vostochnyy,
/// Nakhodka, Vladivostok.
std::span<const Port> ports();
const Port& port(std::string_view name);

/// Scripted scenarios in the order "all" runs them.
std::span<const std::string_view> scenario_names();

/// Hours from the start that the chosen scenarios need (0 for none).
double required_hours(const std::vector<std::string>& scenarios);

/// The scenario names `requested` stands for ("all", "none", names; 
/// "background" is accepted and ignored: background traffic comes from
/// SimOptions::vessels).  Throws std::invalid_argument for unknown names.
std::vector<std::string> resolve_scenarios(const std::vector<std::string>& requested);

/// The box background vessels roam: the region's, or with a density the
/// region's box shrunk about its centre (same shape) to the area
/// vessels / density * 10 000 km^2.
/// Throws std::invalid_argument when that does not fit in the region.
Box background_box(const Region& region, std::size_t vessels, std::optional<double> density);

/// Places every vessel: scenario vessels (own MMSIs, scripts) and
/// background vessels.  Throws std::invalid_argument for bad options
/// (unknown region or scenario, hours shorter than the scenarios need, ...).
World build_world(const SimOptions& options);

}  // namespace tidewatch::sim
