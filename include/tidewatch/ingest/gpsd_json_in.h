#pragma once
// gpsd-style JSON Lines (`tidewatch decode --json`, `gpsdecode -j` / `-u -j`
// plus tidewatch's provenance fields) to Observations.
//
// - Each line is one object with "class":"AIS", "type" and "mmsi".  Scaled
//   or unscaled is read per line from "scaled" (absent = unscaled, as
//   `gpsdecode -u`): scaled lat/lon in degrees, speed in knots ("nan" = n/a,
//   "fast" = 102.2), course in degrees, draught in metres; unscaled the wire
//   integers (1/10000 min, 1/10 kn, 1/10 degree, 1/10 m; type 27: 1/10 min,
//   knots, degrees), with the wire's sentinels (181/91 degrees, 1023, 3600,
//   511) meaning not available.
// - Time comes from "rxtime" (ISO 8601).  A line without rxtime, or with one
//   that does not parse, is rejected bad_time (checked for every line,
//   before the type).
// - Types as in nmea_in.h: 1-3, 18, 27 positions; 19 position + static;
//   5, 24 statics (24 "part":"A"/"B", absent = joined AB); all other types
//   are counted in IngestStats::ignored_messages.
// - Rejects: bad_json (not a JSON object, class not "AIS", type missing or
//   not 1..27), bad_time, missing_field (no mmsi), bad_number (a field of the
//   wrong JSON kind, e.g. "lat":"x").  Blank lines are skipped.
// - Observation::ref is the line in the JSON file (not the NMEA line the JSON
//   records in "line").  Parsing uses nlohmann::json (one DOM per line).

#include <cstdint>
#include <string_view>

#include "tidewatch/ingest/observation_sink.h"

namespace tidewatch::ingest {

class GpsdJsonReader {
 public:
  explicit GpsdJsonReader(ObservationSink& sink, std::uint32_t source = 0);

  void feed_line(std::string_view text, std::uint64_t line);
  void reject_line(std::string_view text, std::uint64_t line, RejectReason reason);
  [[nodiscard]] const IngestStats& stats() const noexcept { return stats_; }

 private:
  ObservationSink& sink_;
  std::uint32_t source_;
  IngestStats stats_;
};

}  // namespace tidewatch::ingest
