#pragma once
// Internal to src/report: the steps of building a vessel dossier that
// dossiers_from_run (dossier.cpp, from an analyze run directory) and
// dossiers_from_store (dossier_store.cpp, from the SQLite store) share, so
// the two give the same Dossier from the same data (docs/dossier.md).
// Defined in dossier_build.cpp.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tidewatch/core/time.h"
#include "tidewatch/report/dossier.h"

namespace tidewatch::report::dossier_build {

/// A JSON value as page text: a string as it is, null as "", else its dump.
std::string json_text(const nlohmann::json& j);

/// "YYYY-MM-DDTHH:MM:SS..." (events.jsonl, tracks.geojson) as UTC ms; 0 when not one.
UnixMillis parse_json_time(const nlohmann::json& j);

/// Decimal digits only, at most 19.
bool parse_u64(std::string_view s, std::uint64_t& v);

/// "SL Sierra Leone": the flag of a 9-digit ship MMSI's MID, "" otherwise.
std::string flag_text(std::uint32_t mmsi);

/// One --vessel argument: an MMSI, or an IMO ("imo:N", "IMO:N", "IMON", or 7
/// digits with a valid check digit that `is_mmsi` says is no MMSI of the data).
struct VesselAsk {
  bool by_imo = false;
  std::uint32_t id = 0;
  std::string digits;  ///< as given, without the IMO prefix
  /// The page's file stem: the MMSI, or "imo-" + digits.
  [[nodiscard]] std::string key() const;
};
/// Throws std::runtime_error when `v` is no number.
VesselAsk parse_vessel_ask(const std::string& v, const std::function<bool(std::uint32_t)>& is_mmsi);

/// Matches the given --inputs files to `inputs` by name: same text, else same
/// file name, else same position (when the counts are equal), and sets
/// `path` and `sha256_now` of each matched one.  Logs a file that matches
/// none ("is not an input of <owner>"), a sha256 that differs from the
/// recorded one, and, when `missing_note` is not null, every input left
/// without a file ("input X not given (--inputs): <missing_note>").
void match_input_files(std::vector<DossierInput>& inputs, const std::vector<std::string>& files,
                       std::string_view owner, const char* missing_note, std::ostream* log);

/// An event of events.jsonl (`e` parsed from `line`): type, times, place,
/// label, the line itself and its evidence refs; `source_index` gives the
/// Dossier::inputs index of an evidence source name.
DossierEvent event_from_json(const nlohmann::json& e, const std::string& line,
                             const std::function<std::uint32_t(const std::string&)>& source_index);

/// A watchlist_match event's list entry, basis, score, reasons and owners.
DossierMatch match_from_json(const nlohmann::json& e, const std::string& line);

/// For every event of every dossier: the raw lines shown (the first
/// max_raw_lines - 1 distinct evidence refs and the last), read from the
/// files at Dossier::inputs[source].path, one pass per file.
void fill_raw_lines(std::vector<Dossier>& ds, std::size_t max_raw_lines);

/// The common end of a dossier whose track, identity rows (without the flag)
/// and mmsis are filled: track sorted by (t, mmsi, source, line); a "flag"
/// identity row per MMSI from its MID and positions; identity sorted by
/// (mmsi, field rank, field, first seen, value); the valid IMOs added to
/// `imos`; `flag`; `title` from the most reported name.
void finish_dossier(Dossier& d);

}  // namespace tidewatch::report::dossier_build
