#pragma once
// Ground truth of a simulation: the events a perfect detector would report,
// in the field names of the analysis contract (../shared/contracts/results.md):
// type, mmsi, start, end, lat, lon and each type's own fields.
//
// Times and places are what the received messages show, so a detector can
// reach them: a gap runs from the last received position before it to the
// first after it; a position jump from the first to the last false position
// received.  Fields beyond the contract (add, never rename) say where the
// event came from: `scenario`, `cause`, the scripted times.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tidewatch/core/time.h"

namespace tidewatch::sim {

struct TruthEvent {
  std::string type;       ///< gap, possible_port_visit, port_visit, encounter, loitering, ...
  std::string scenario;   ///< scenario name, or "background"
  std::uint32_t mmsi = 0;
  UnixMillis start = 0, end = 0;
  double lat = 0, lon = 0;  ///< degrees, where the event starts

  // gap
  std::optional<double> end_lat, end_lon;
  std::optional<bool> suspected_disabling;
  std::string cause;  ///< gap: "ais_off", "coverage_hole" or "reception_loss"

  // possible_port_visit, port_visit
  std::string port_name, port_locode;
  std::optional<UnixMillis> gap_start, gap_end;   ///< possible_port_visit
  std::optional<UnixMillis> arrival, departure;   ///< the scripted stay in port

  // encounter
  std::optional<std::uint32_t> other_mmsi;
  std::optional<double> median_distance_m;  ///< of the two true positions, sampled each minute

  // identity_change: changed fields (contract names: "name", "callsign", ...)
  std::vector<std::pair<std::string, std::string>> before, after;
  // draught_change, metres
  std::optional<double> draught_before_m, draught_after_m;
  std::optional<UnixMillis> last_before;  ///< last report with the old value (identity, draught)

  // position_jump
  std::optional<double> implied_speed_kn, distance_km;
  std::optional<std::uint32_t> positions;

  // shared_mmsi: where each vessel on the MMSI was at `start`
  struct Track {
    std::string role;
    double lat = 0, lon = 0;
  };
  std::vector<Track> tracks;
  std::optional<double> min_distance_nm;  ///< closest approach of the vessels on the MMSI
};

/// Small JSON writers shared by truth.jsonl and scenario.json.
namespace json {
/// "YYYY-MM-DDTHH:MM:SSZ", quoted: whole seconds (milliseconds cut toward
/// the past), the resolution of the tag blocks' `c:` times.
void time(std::string& out, UnixMillis t);
/// %.Nf; a non-finite value is written as null.
void number(std::string& out, double v, int decimals);
/// A quoted, escaped string.
void string(std::string& out, std::string_view s);
}  // namespace json

/// Orders events by (start, type, mmsi, end): the order of truth.jsonl.
void sort_truth(std::vector<TruthEvent>& events);

/// One JSON object (no newline).  Times ISO 8601 UTC, degrees with 6
/// decimals, only the fields that apply.
std::string truth_json(const TruthEvent& e);

}  // namespace tidewatch::sim
