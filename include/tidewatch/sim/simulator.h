#pragma once
// Plays a World: every vessel reports on its own schedule, the reports that
// are received become AIS NMEA lines in time order, and the ground truth is
// collected.
//
//   sim::SimOptions options;             // seed, hours, vessels, ...
//   MySink nmea;                         // receives the text in large blocks
//   sim::SimResult r = sim::simulate(options, nmea);
//   for (auto& e : r.truth) ... sim::truth_json(e) ...
//
// Each line is one sentence behind an NMEA 4.0 tag block with the station
// and the receive time in Unix seconds:
//   \s:sat,c:1717200003*5E\!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26
// Type 5 takes two lines (same channel, sequence id 0..9); a type 24 part A
// is followed by its part B.  Messages are ordered by send time (ties: by
// vessel, then position before static), and the tag-block second is the
// send time's.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tidewatch/sim/options.h"
#include "tidewatch/sim/truth.h"
#include "tidewatch/sim/world.h"

namespace tidewatch::sim {

/// Receives the NMEA text, in blocks of about 1 MiB ending at a line end.
class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual void write(std::string_view bytes) = 0;
};

/// Appends everything to a string (tests, small runs).
class StringSink final : public ByteSink {
 public:
  void write(std::string_view bytes) override { text.append(bytes); }
  std::string text;
};

struct SimStats {
  std::uint64_t reports = 0;          ///< reports due while vessels were active (positions and statics)
  std::uint64_t not_sent = 0;         ///< of which the transmitter was off
  std::uint64_t lost_hole = 0;        ///< sent inside a coverage hole
  std::uint64_t lost_random = 0;      ///< lost by chance (SimOptions::loss)
  std::uint64_t messages = 0;         ///< messages written (a type 24 part counts once)
  std::array<std::uint64_t, 28> by_type{};  ///< messages written by type
  std::uint64_t lines = 0;            ///< lines written (type 5 is two)
  std::uint64_t bytes = 0;            ///< bytes written
};

struct SimResult {
  World world;
  std::vector<TruthEvent> truth;  ///< sorted (sort_truth)
  SimStats stats;
};

/// Builds the world (build_world) and plays it; the NMEA goes to `nmea`.
/// Throws std::invalid_argument for bad options.
SimResult simulate(const SimOptions& options, ByteSink& nmea);

/// scenario.json: the options, the region and boxes, stations, holes, every
/// scenario with its vessels and parameters, and the counts.  Deterministic.
std::string scenario_json(const SimOptions& options, const SimResult& result);

}  // namespace tidewatch::sim
