#pragma once
// The vessel dossier (issue 7, docs/dossier.md): one self-contained HTML page
// per vessel for an investigator (no external resources, no JavaScript; inline
// CSS and inline SVG): identity history, sanctions matches with their reasons,
// a map of the track (GSHHG coastline, gaps dashed, events marked), a
// timeline, the event table, for each event the raw input lines it rests on,
// and the sha256 of every input.
//
// `Dossier` is a neutral model: the command fills it from an analyze run
// (`dossiers_from_run`: events.jsonl, summary.json, vessels.csv,
// tracks.geojson, and the AIS inputs themselves) or from the SQLite store
// (`dossiers_from_store`: its vessels, positions, tracks, identity runs,
// events and inputs; the input files only for the raw lines).
// `render_dossier_html` is a pure function of the Dossier and the options:
// the same model gives the same bytes (no clock, stable order, numbers
// through std::to_chars).
//
//   RunRequest req{"out/run", {"feed.nmea"}, {{"667907259"}}};
//   std::vector<Dossier> ds = dossiers_from_run(req, &std::cerr);
//   std::string html = render_dossier_html(ds[0], DossierOptions{});

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tidewatch/core/time.h"

namespace tidewatch::report {

/// One input file of the run.
struct DossierInput {
  std::string name;     ///< as the run names it (evidence "source")
  std::uint64_t size = 0;
  std::string sha256;   ///< hex, as recorded by the run (summary.json)
  std::string path;     ///< where its lines were read from ("" when not given)
  /// sha256 of the file at `path` now, "" when not read; differs from
  /// `sha256` when the file changed since the run (the page says so).
  std::string sha256_now;
};

/// One value of one identity field (name, call sign, IMO, ship type, ...),
/// with when it was broadcast.
struct IdentityRow {
  std::uint32_t mmsi = 0;
  std::string field;    ///< "name", "callsign", "imo", "shiptype", "destination", "draught_m", "flag"
  std::string value;    ///< as broadcast (text fields trimmed)
  UnixMillis first_seen = 0;
  UnixMillis last_seen = 0;
  std::uint64_t count = 0;
  std::string note;     ///< e.g. "check digit invalid", "from the MMSI's MID"
  std::uint32_t source = 0;      ///< first report: input index
  std::uint64_t first_line = 0;  ///< first report: line (0 = none)
};

/// One sanctions-list match (a watchlist_match event's fields).
struct DossierMatch {
  std::uint32_t mmsi = 0;
  std::string list_source, list_id, list_name, program, list_date;
  std::string basis;      ///< joined by ", "
  double score = 0;
  bool strong = false;
  std::string matched_name;
  std::string reasons;
  std::string owners;     ///< "relation: name (id)" joined by "; "
  std::string note;
  std::string json;       ///< the whole event line
};

/// One received position.
struct DossierPoint {
  UnixMillis t = 0;
  double lat = 0, lon = 0;
  std::uint32_t mmsi = 0;
  std::uint32_t source = 0;  ///< input index (Dossier::inputs)
  std::uint64_t line = 0;
  int segment = -1;          ///< index into Dossier::segments, -1 = in none (noise)
};

/// A track segment as the run built it (tracks.geojson).
struct TrackSegment {
  std::string id;            ///< "667907259-0"
  std::uint32_t mmsi = 0;
  UnixMillis start = 0, end = 0;
  std::uint64_t n_positions = 0;
};

/// One raw input line an event rests on.
struct EvidenceLine {
  std::uint32_t source = 0;  ///< input index
  std::uint64_t line = 0;
  bool found = false;        ///< false: the input was not given or is shorter
  std::string text;          ///< the line as stored (without its line end), unescaped
};

struct DossierEvent {
  std::string type;
  std::uint32_t mmsi = 0;
  UnixMillis start = 0, end = 0;
  double lat = 0, lon = 0;
  std::optional<double> end_lat, end_lon;   ///< gap
  std::optional<std::uint32_t> other_mmsi;  ///< encounter
  std::string label;        ///< short description: port name, other MMSI, ...
  std::string json;         ///< the events.jsonl line (without its '\n')
  struct Ref {
    std::uint32_t source = 0;  ///< input index
    std::uint64_t line = 0;
  };
  std::vector<Ref> evidence;       ///< every ref of the event
  std::vector<EvidenceLine> raw;   ///< the lines shown (bounded, see kMaxRawLinesPerEvent)
};

struct Dossier {
  std::string key;                    ///< file stem: the MMSI or "imo-N"
  std::vector<std::uint32_t> mmsis;   ///< the vessel's MMSIs (one unless asked by IMO)
  std::vector<std::uint32_t> imos;    ///< IMOs it broadcast
  std::string title;                  ///< e.g. "STAR DAWN 19 (MMSI 667907259)"
  std::string flag;                   ///< flags of its MMSIs' MIDs ("SL Sierra Leone")
  std::vector<IdentityRow> identity;  ///< ordered by mmsi, field, first_seen, value
  std::vector<std::string> vessel_rows;  ///< the run's vessels.csv rows (header first)
  std::vector<DossierMatch> matches;
  std::vector<DossierPoint> track;      ///< ordered by (t, source, line)
  std::vector<TrackSegment> segments; ///< in tracks.geojson order
  std::vector<DossierEvent> events;   ///< ordered as events.jsonl (by start)
  std::vector<DossierInput> inputs;   ///< index = evidence source
  std::string program;                ///< the run's "program" and "version"
  std::string version;
  std::string run;                    ///< the run directory as given ("" from a store)
  std::string store;                  ///< the store file as given ("" from a run)
};

/// Raw lines shown per event by default: the first (N - 1) evidence refs
/// and the last one; the page counts the others.
inline constexpr std::size_t kMaxRawLinesPerEvent = 12;

struct DossierOptions {
  /// Coastline from GSHHG (geo::LandMask): directory of binned_GSHHS_*.nc.
  std::string gshhg_dir = "/usr/share/gmt-gshhg";
  bool coastline = true;
  /// GSHHG resolution 'c','l','i','h','f', or 0: chosen from the map's span.
  char shoreline = 0;
  int map_width = 960;         ///< SVG pixels
  int timeline_width = 960;
  /// Track points closer than this (SVG pixels) to the last drawn one are
  /// not drawn (first and last of each segment always are).
  double min_point_spacing_px = 0.75;
  std::string page_link_prefix;  ///< for index links ("" = same directory)
};

/// The page.  Pure: same Dossier and options, same bytes.
std::string render_dossier_html(const Dossier& d, const DossierOptions& opt);

/// The map alone (an <svg> element): projection of the track's bounding box
/// plus a margin, GSHHG land as run-length rectangles, segments as paths,
/// gaps dashed, event markers, legend, scale bar in nautical miles.
/// `note` receives a line about the coastline (resolution, or why absent).
std::string render_map_svg(const Dossier& d, const DossierOptions& opt, std::string* note);

/// The timeline alone (an <svg> element).
std::string render_timeline_svg(const Dossier& d, const DossierOptions& opt);

/// An index page linking one dossier per vessel (file `<key>.html`).
std::string render_index_html(const std::vector<Dossier>& ds, const DossierOptions& opt);

// ---- building dossiers from an analyze run ------------------------------------

struct RunRequest {
  std::string run_dir;               ///< the analyze --out directory
  std::vector<std::string> inputs;   ///< the AIS input files (paths)
  /// "MMSI" (9 digits or fewer) or "IMO" / "imo:N" (7 digits with a valid
  /// check digit, looked up in vessels.csv); empty = every vessel with events.
  std::vector<std::string> vessels;
  std::size_t max_raw_lines = kMaxRawLinesPerEvent;
};

/// Reads the run and the inputs; throws std::runtime_error when the run's
/// files are missing or a vessel is not in it.  Warnings (an input not given,
/// a sha256 that differs) go to `log`.
std::vector<Dossier> dossiers_from_run(const RunRequest& req, std::ostream* log);

// ---- building dossiers from the store (analyze --store) ------------------------

struct StoreRequest {
  std::string store_path;            ///< the SQLite file of analyze|tracks --store
  /// The AIS input files, only for the raw evidence lines (matched to the
  /// store's input names as for a run); empty: the page says they were not given.
  std::vector<std::string> inputs;
  /// As RunRequest::vessels; an IMO is looked up with Store::mmsis_by_imo.
  /// Empty = every vessel with events.
  std::vector<std::string> vessels;
  std::size_t max_raw_lines = kMaxRawLinesPerEvent;
};

/// The same Dossier as dossiers_from_run gives for the run that filled the
/// store, but read from the store (docs/dossier.md lists what differs: no
/// vessels.csv row, no input line of a static report, segments of positions
/// by time and box).  Throws std::runtime_error when the file is not a store
/// or a vessel is not in it.  Warnings go to `log`.
std::vector<Dossier> dossiers_from_store(const StoreRequest& req, std::ostream* log);

/// HTML text escaping (& < > " '), with invalid UTF-8 and control bytes
/// shown as \xNN so every page is valid UTF-8.
void append_html_escaped(std::string& out, std::string_view text);

}  // namespace tidewatch::report
