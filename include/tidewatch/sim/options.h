#pragma once
// The options of one simulation run (`tidewatch simulate`), with their units
// and defaults.  Same options and seed: byte-identical output.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tidewatch/core/time.h"

namespace tidewatch::sim {

struct SimOptions {
  /// Seed of every random choice.  DEFAULT 1.
  std::uint64_t seed = 1;
  /// First instant simulated, UTC.  DEFAULT 2024-06-01T00:00:00Z.
  UnixMillis start = 1717200000000;
  /// Hours simulated, > 0.  DEFAULT 48 (the scripted scenarios need 46).
  double hours = 48;
  /// Background vessels.  DEFAULT 60.
  std::size_t vessels = 60;
  /// Background vessels per 10 000 km^2.  Unset (DEFAULT): the vessels share
  /// the region's whole box.  Set: the background box is the region's box
  /// shrunk about its centre (same shape) to the area this density needs,
  /// so its area grows with `vessels`; it must fit inside the region's box.
  std::optional<double> density;
  /// Where background traffic sails: "sea_of_japan" (DEFAULT) or "north_pacific".
  std::string region = "sea_of_japan";
  /// Scripted scenarios by name (scenarios.h, scenario_names()); DEFAULT all.
  std::vector<std::string> scenarios = {"all"};
  /// Position report interval in seconds for every vessel, overriding the
  /// ITU-R M.1371 rates (Class A 2..10 s under way by speed, 3 min at anchor
  /// or moored; Class B CS 30 s, 3 min at 2 kn or less).  Unset: the ITU rates.
  std::optional<double> interval_s;
  /// Static report interval (types 5 and 24), seconds.  DEFAULT 360 (ITU: 6 min).
  double static_interval_s = 360;
  /// Probability that a message sent within coverage is not received, 0..1.  DEFAULT 0.05.
  double loss = 0.05;
  /// Standard deviation of GNSS noise on reported positions, metres (each
  /// axis).  DEFAULT 5.
  double gnss_noise_m = 5;
  /// Share of background vessels that are Class B (types 18 and 24), 0..1.  DEFAULT 0.2.
  double class_b_fraction = 0.2;
  /// Gaps in any vessel's received positions at least this long (hours) are
  /// ground-truth `gap` events, whatever their cause.  DEFAULT 2.
  double truth_gap_hours = 2;
};

}  // namespace tidewatch::sim
