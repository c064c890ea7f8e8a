#pragma once
// Input formats, their detection, and the one entry point that reads a file
// (plain or gzip, "-" = standard input) in any of them into Observations.
//
//   ReadOptions opt;                           // format: auto-detect
//   IngestStats st = read_observations("aisdk-2024-01-01.csv.gz", opt, sink);
//
// Detection (docs/tracks.md §2) looks at the first non-empty line, after a
// UTF-8 BOM (gzip is handled by LineReader):
//   `!`, `\` or `$`                          -> nmea
//   `# Timestamp,Type of mobile,MMSI` (also without "# "; any of , ; tab)
//                                            -> dma_csv
//   `MMSI,BaseDateTime,LAT,LON`              -> marinecadastre_csv
//   `{"class":"AIS"` (blanks allowed)        -> gpsd_json
//   `{` with keys "ssvid" and "timestamp"    -> gfw_json
//   anything else                            -> unknown (nullopt); generic_csv
//                                               is used only when asked for
//                                               (ReadOptions::format or a
//                                               column mapping given).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tidewatch/ais/stream.h"
#include "tidewatch/ingest/generic_csv.h"
#include "tidewatch/ingest/line_reader.h"  // InputError
#include "tidewatch/ingest/observation_sink.h"

namespace tidewatch::ingest {

enum class InputFormat : std::uint8_t {
  nmea,
  dma_csv,
  marinecadastre_csv,
  gfw_json,
  gpsd_json,
  generic_csv
};

/// Stable names: "nmea", "dma", "marinecadastre", "gfw", "gpsd", "csv".
std::string_view input_format_name(InputFormat f) noexcept;
/// The format of a name above (also the enum spelling, e.g. "dma_csv").
std::optional<InputFormat> parse_input_format(std::string_view name) noexcept;

/// The format of an input from its first non-empty line; nullopt when not
/// recognised (generic CSV is never detected).
std::optional<InputFormat> detect_format(std::string_view first_line) noexcept;

struct ReadOptions {
  std::optional<InputFormat> format;  ///< nullopt: detect (generic_csv when columns are set)
  std::optional<GenericCsvOptions> generic;  ///< needed for generic_csv
  ais::DecoderOptions nmea;                  ///< NMEA decoder options
  std::uint32_t source = 0;                  ///< LineRef::source of this input
};

/// Reads the whole file and hands every observation and reject to `sink`;
/// returns the counts.  Lines longer than LineReader's limit are rejected
/// line_too_long.  Throws InputError when the file cannot be read, its format
/// is not recognised (and none was given), generic_csv lacks its options, a
/// CSV header lacks a required column, or the format is gfw_json and
/// ingest/gfw_json.h is absent from the build ("not yet supported"); when it
/// is present, each GFW line goes through parse_gfw_line (its Observation;
/// GfwMessage's raw doubles are not passed on by this entry point).
IngestStats read_observations(const std::string& path, const ReadOptions& options,
                              ObservationSink& sink);

}  // namespace tidewatch::ingest
