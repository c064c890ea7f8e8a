#pragma once
// Generic CSV: any table with an MMSI (or other vessel key), a time and a
// position, given a column mapping and a time format.
//
//   GenericCsvOptions opt;
//   opt.columns = ColumnMapping::parse("id=ID,time=ais_pos_timestamp,lat=latitude,lon=longitude");
//   opt.time = TimeFormat::parse("%d/%m/%Y %H:%M");
//   GenericCsvReader reader(opt, sink);
//   for each line: reader.feed_line(text, number);
//
// - Mapping keys: mmsi, id (a vessel key that is NOT an MMSI), time, lat, lon
//   (required: time, lat, lon and one of mmsi/id), and optional sog (knots),
//   cog (degrees), heading (degrees), name, imo, callsign, shiptype (alias
//   type; ITU code 1..99).  Values are header names, matched without regard
//   to case or surrounding blanks.  A bad mapping or a header lacking a mapped
//   column throws InputError (configuration, not data).
// - `id=`: a numeric key that fits 32 bits is used as Observation::mmsi as is;
//   any other text is hashed (FNV-1a 32 bits).  Observation has no field
//   saying "this is not an MMSI" yet: callers that mix id= inputs with real
//   MMSIs must keep them apart (open point for the lead).
// - Time formats: "iso8601" (default; "YYYY-MM-DD[T ]HH:MM[:SS[.fff]]" with
//   optional Z or +HH:MM, UTC when no zone), "unix" (seconds, fraction
//   allowed), "unix_ms", or a strptime subset: %Y %m %d %H %M %S %f
//   (fraction of a second) and %%; other characters match themselves; numeric
//   fields take 1..N digits; missing date/time parts default to 1970-01-01
//   00:00:00.  All times are UTC.
// - The delimiter (`,` `;` tab) is detected from the header; a UTF-8 BOM on
//   the first line is removed; lines starting with '#' before the header are
//   skipped as comments.  Not-available values as in the other readers
//   (empty, Unknown, lat 91, lon 181, SOG 102.3, COG 360, heading 511).
// - Rejects: bad_csv_row (unclosed quote, fewer fields than the header),
//   missing_field (empty key or time), bad_time, bad_number (a mapped number
//   that does not parse, or a lat/lon out of range).  A row whose position is
//   not available is counted (IngestStats::no_position), not rejected.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "tidewatch/ingest/line_reader.h"  // InputError
#include "tidewatch/ingest/observation_sink.h"

namespace tidewatch::ingest {

namespace detail {
class TableReader;
}

struct TimeFormat {
  enum class Kind : std::uint8_t { iso8601, unix_seconds, unix_millis, pattern };
  Kind kind = Kind::iso8601;
  std::string pattern;  ///< for Kind::pattern

  /// "iso8601" / "" / "unix" / "unix_ms" / a pattern with at least one '%'.
  /// Throws InputError on an unknown name or an unsupported % specifier.
  static TimeFormat parse(std::string_view spec);
};

struct ColumnMapping {
  std::string mmsi, id, time, lat, lon, sog, cog, heading, name, imo, callsign, shiptype;

  /// "key=COLUMN,key=COLUMN,...".  Throws InputError on an unknown key, a
  /// missing '=', or when time, lat, lon or both mmsi and id are missing.
  static ColumnMapping parse(std::string_view spec);
};

struct GenericCsvOptions {
  ColumnMapping columns;
  TimeFormat time;
};

class GenericCsvReader {
 public:
  GenericCsvReader(GenericCsvOptions options, ObservationSink& sink, std::uint32_t source = 0);
  ~GenericCsvReader();
  GenericCsvReader(const GenericCsvReader&) = delete;
  GenericCsvReader& operator=(const GenericCsvReader&) = delete;

  /// One line without its line end; the first non-blank line is the header.
  void feed_line(std::string_view text, std::uint64_t line);
  /// A line the LineReader had to cut: rejected with `reason`.
  void reject_line(std::string_view text, std::uint64_t line, RejectReason reason);
  [[nodiscard]] const IngestStats& stats() const noexcept;

 private:
  std::unique_ptr<detail::TableReader> impl_;
};

}  // namespace tidewatch::ingest
