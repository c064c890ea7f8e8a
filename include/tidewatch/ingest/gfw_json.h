#pragma once
// Global Fishing Watch message JSON lines (gpsdio-segment test data,
// docs/tracks.md §1.4): one flat JSON object per line, with bare `NaN`
// tokens meaning null.  Two layouts are read:
//   - v3 regression files: msgid, source, type ("AIS.1"), ssvid (string),
//     timestamp "2021-01-01T10:44:00+00:00", lon, lat, speed, course, heading,
//     shipname, callsign, destination, imo, receiver_type, length, width,
//     status, expected, ...
//   - the old 416000000.json: ssvid (int), timestamp "2014-01-01 01:14:25.000000",
//     lat, lon, course, speed (no type, no msgid).
//
// Each line gives an ingest::Observation plus a GfwMessage with the raw
// double values.  Why both: Observation keeps wire units (1e-7 degree,
// 1/10 kn, 1/10 degree), which round GFW's floats (speed 9.3000001907 ->
// 93), and the segmenter's already-seen key (round(lat*60000), round(speed*10))
// and discrepancy must see GFW's exact doubles to reproduce the oracle.  The
// segmenter is therefore fed from `raw` for GFW input (track::Ping::from_gfw).
//
// Bad lines are values, never exceptions: `parse_gfw_line` returns a
// RejectReason (bad_json, missing_field for ssvid/timestamp, bad_time).

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "tidewatch/core/reject.h"
#include "tidewatch/ingest/observation.h"

namespace tidewatch::ingest {

/// The GFW fields that Observation cannot hold exactly.  NaN = null / absent.
struct GfwRaw {
  static constexpr double kNull = std::numeric_limits<double>::quiet_NaN();
  double lon = kNull;
  double lat = kNull;
  double speed = kNull;    ///< knots
  double course = kNull;   ///< degrees (360 = n/a is kept as 360: GFW keeps it too)
  double heading = kNull;  ///< degrees (511 kept)
};

struct GfwMessage {
  Observation obs;            ///< units as in observation.h; msgid = FNV-1a 64 of the msgid text
  GfwRaw raw;
  std::string msgid;          ///< "" when absent
  std::string type;           ///< "AIS.1" ... "" when absent
  std::string source;         ///< "orbcomm"
  std::string receiver_type;  ///< "satellite" | "terrestrial" | ""
  std::optional<std::string> expected;  ///< GFW v3.0.0 segment id; nullopt for null/absent
  bool has_expected_field = false;      ///< the line has an "expected" key
  std::int64_t time_us = 0;   ///< timestamp in microseconds (GFW keeps %f)
};

/// FNV-1a 64-bit hash of a msgid text (0 is mapped to 1: 0 means "no msgid").
std::uint64_t gfw_msgid_hash(std::string_view text) noexcept;

/// Parses one line.  `ref` is stored in the Observation.  Blank lines are
/// bad_json here (the caller skips blank lines before).
std::variant<GfwMessage, RejectReason> parse_gfw_line(std::string_view line, LineRef ref);

/// Reads a GFW timestamp: "YYYY-MM-DDTHH:MM:SS[.ffffff][+00:00|Z]" or with a space
/// instead of T.  Returns microseconds since 1970 UTC; nullopt when malformed
/// or an offset other than +00:00 / Z.
std::optional<std::int64_t> parse_gfw_timestamp(std::string_view text) noexcept;

}  // namespace tidewatch::ingest
