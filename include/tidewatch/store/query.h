#pragma once
// The answers of `tidewatch query STORE ...` (docs/store.md §6) as text, so
// the program and the tests share them.  Every answer is in a deterministic
// order; the same store gives the same bytes.
//
//   port-visits  port_visit and possible_port_visit events at a port (name or LOCODE)
//   events       events in a box and time window, optionally of some types
//   vessel       everything about one MMSI (or every MMSI that sent an IMO)
//   track        a vessel's positions in a time window

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tidewatch/store/store.h"

namespace tidewatch::store::query {

enum class Format : std::uint8_t { jsonl, csv, geojson };

/// "jsonl", "json" (= jsonl), "csv", "geojson"; nullopt otherwise.
std::optional<Format> parse_format(std::string_view s);

/// "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS[Z]" (UTC).  A bare date is the day's
/// first millisecond, or its last when `end_of_day`.
std::optional<UnixMillis> parse_time(std::string_view s, bool end_of_day);

/// "W,S,E,N" in degrees; nullopt when malformed or out of range.
std::optional<BBox> parse_bbox(std::string_view s);

/// JSON Lines: the stored event lines.  CSV: mmsi,type,port,locode,start,end,lat,lon,id.
std::string port_visits(const Store& s, std::string_view port, UnixMillis from, UnixMillis to, Format f);
/// JSON Lines: the stored event lines.  CSV: type,mmsi,start,end,lat,lon,id.
std::string events(const Store& s, const BBox& box, UnixMillis from, UnixMillis to,
                   const std::vector<std::string>& types, Format f);
/// `id`: an MMSI (9 digits) or an IMO (7 digits, optionally "IMO" before).
/// JSON Lines: one object per vessel (vessel, positions, identity, tracks,
/// events, list_matches).  CSV: record,mmsi,type,value,start,end,count,detail.
/// Empty when nothing is stored for it.  Throws std::invalid_argument for a bad id.
std::string vessel(const Store& s, std::string_view id, Format f);
/// CSV: mmsi,time,lat,lon,sog,cog,heading,source,line.  JSON Lines: one object per
/// position.  GeoJSON: a FeatureCollection of one LineString (Point for one
/// position) with the times in the properties.
std::string track(const Store& s, std::uint32_t mmsi, UnixMillis from, UnixMillis to, Format f);

}  // namespace tidewatch::store::query
