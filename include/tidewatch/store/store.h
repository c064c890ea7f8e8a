#pragma once
// The embedded store (issue 7; docs/store.md): one SQLite file with every
// run's positions, tracks, vessels and identity history, events (with an
// R*Tree over their place and time), satellite detections and their AIS
// matches, sanctions-list matches, and the inputs they came from.
//
//   auto s = store::Store::open("fleet.sqlite", store::Mode::create);
//   s.begin_run("tidewatch analyze");
//   auto in = s.add_input("feed.nmea", size, sha256);   // in.id for Position::source
//   s.add_positions(mmsi, positions);                    // merged into day chunks
//   s.add_event_json(line);                              // keyed by a deterministic id
//   s.finish_run();
//   s.vessel_track(mmsi, from, to);  s.events_in(bbox, from, to, {"gap"});
//
// Re-running adds without duplicating: an input is keyed by its sha256, a
// position is merged into its (vessel, day) chunk with exact duplicates
// dropped, an event is keyed by a hash of its type, vessel, times and the
// fields that identify it (event_id()).  Nothing reads the wall clock: "when"
// an input was added is the run counter.
//
// Writes go in transactions: the first write opens one, commit() (or
// vessel_done() every `batch_vessels` vessels, or finish_run()) ends it.
// Not thread-safe; one writer per file (SQLite's WAL lets readers run beside it).

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tidewatch/core/time.h"
#include "tidewatch/store/chunk_codec.h"

namespace tidewatch::store {

enum class Mode : std::uint8_t {
  read_only,   ///< the file must exist; no writes
  read_write,  ///< the file must exist
  create,      ///< opened, or created with the schema when missing
};

struct InputRow {
  std::uint32_t id = 0;
  std::string name;
  std::uint64_t size = 0;
  std::string sha256;
  std::int64_t first_run = 0;   ///< the run that first added it
  bool complete = false;        ///< a run that added it finished
};

struct AddedInput {
  std::uint32_t id = 0;        ///< for Position::source
  bool already_stored = false;  ///< a finished earlier run holds it: its data are there
  std::int64_t first_run = 0;
};

struct VesselRow {
  std::uint32_t mmsi = 0;
  std::string mmsi_class, flag;
  UnixMillis first_seen = 0, last_seen = 0;
};

struct TrackRow {
  std::uint32_t mmsi = 0;
  UnixMillis start = 0, end = 0;
  std::uint64_t positions = 0;
  std::int32_t min_lat_e7 = 0, min_lon_e7 = 0, max_lat_e7 = 0, max_lon_e7 = 0;
  std::string segment_id;  ///< the run's "mmsi-n" (tracks.geojson)
};

/// One run of equal values of an identity field (track/identity.h HistoryEntry).
struct IdentityRow {
  std::uint32_t mmsi = 0;
  std::string field;  ///< name, callsign, imo, shiptype, draught, destination, dimensions
  std::string value;
  UnixMillis first_seen = 0, last_seen = 0;
  std::uint64_t count = 0;
  bool valid = true;
};

struct EventRow {
  std::int64_t rowid = 0;
  std::string id;  ///< event_id(): 32 hex digits
  std::string type;
  std::uint32_t mmsi = 0;
  UnixMillis start = 0, end = 0;
  std::optional<double> lat, lon;
  std::string port_name, port_locode;  ///< port visits
  std::int64_t run = 0;                ///< the run that added it
  std::string json;                    ///< the events.jsonl object (no newline)
};

/// A satellite detection (imagery/detection.h) as plain values.
struct DetectionRow {
  std::string source;  ///< file it was read from
  std::string id;      ///< unique within source
  UnixMillis time = 0;
  double lat = 0, lon = 0;
  std::optional<double> length_m, width_m, heading_deg, confidence;
  std::string scene;
  std::uint64_t line = 0;
};

/// A detection's AIS match (matches.csv); no mmsi = a dark vessel.
struct MatchRow {
  std::string detection_source, detection_id;
  std::optional<std::uint32_t> mmsi;
  std::optional<double> distance_m, score;
};

/// A sanctions-list entry a vessel matched (from its watchlist_match event).
struct ListMatchRow {
  std::uint32_t mmsi = 0;
  std::string list_source, list_id, list_name, program, basis;  ///< basis joined by ','
  double score = 0;
  std::string event_id;
};

struct BBox {
  double west = -180, south = -90, east = 180, north = 90;  ///< west > east crosses the antimeridian
};

struct Counts {
  std::uint64_t runs = 0, inputs = 0, vessels = 0, chunks = 0, positions = 0, tracks = 0,
                identity = 0, events = 0, evidence = 0, list_matches = 0, detections = 0,
                matches = 0;
};

struct VesselSummary {
  VesselRow vessel;
  std::uint64_t positions = 0;
  std::vector<IdentityRow> identity;  ///< by field, first_seen
  std::vector<TrackRow> tracks;       ///< by start
  std::vector<EventRow> events;       ///< by start, type, id
  std::vector<ListMatchRow> list_matches;
};

/// The deterministic id of an event line (32 hex digits of sha256 over type,
/// mmsi, start, end and the type's identifying fields; docs/store.md §4).
/// Throws std::invalid_argument when the line is not an event object.
[[nodiscard]] std::string event_id(std::string_view json);

class Store {
 public:
  /// Opens (or creates) the file; WAL journal, synchronous=NORMAL.  Throws
  /// std::runtime_error (missing file, not a tidewatch store, newer schema).
  static Store open(const std::string& path, Mode mode);
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();  ///< commits an open transaction

  // ---- writing
  /// Starts run N+1 and returns N+1.
  std::int64_t begin_run(std::string_view program);
  /// The input's id, added when its sha256 is new.
  AddedInput add_input(std::string_view name, std::uint64_t size, std::string_view sha256);
  /// Marks this run's inputs complete and commits.
  void finish_run();
  void put_vessel(const VesselRow& v);  ///< upsert: first_seen min, last_seen max
  /// Merges positions (any order, any days) into the vessel's day chunks;
  /// exact duplicates are dropped.  Returns how many were new.
  std::uint64_t add_positions(std::uint32_t mmsi, std::span<const Position> positions);
  void add_track(const TrackRow& t);        ///< keyed (mmsi, start, end, positions)
  void add_identity(const IdentityRow& r);  ///< keyed (mmsi, field, first_seen, value); count/last max
  /// Adds an events.jsonl line (evidence, R*Tree, port, list match); false
  /// when an event with its id is stored already.
  bool add_event_json(std::string_view json);
  void add_detection(const DetectionRow& d);  ///< keyed (source, id); replaces
  void add_match(const MatchRow& m);          ///< keyed (detection_source, detection_id); replaces
  /// Counts a finished vessel; commits every `batch` vessels.
  void vessel_done(std::uint32_t batch = 500);
  void commit();

  // ---- reading (deterministic order)
  [[nodiscard]] std::vector<Position> vessel_track(std::uint32_t mmsi, UnixMillis from, UnixMillis to) const;
  /// Events overlapping [from, to] with a position inside the box; `types` empty = all.
  [[nodiscard]] std::vector<EventRow> events_in(const BBox& box, UnixMillis from, UnixMillis to,
                                                const std::vector<std::string>& types) const;
  /// port_visit and possible_port_visit events at a port (name, case-insensitive, or LOCODE)
  /// overlapping [from, to].
  [[nodiscard]] std::vector<EventRow> port_events(std::string_view port, UnixMillis from, UnixMillis to) const;
  [[nodiscard]] std::vector<EventRow> vessel_events(std::uint32_t mmsi) const;
  [[nodiscard]] std::optional<VesselSummary> vessel_summary(std::uint32_t mmsi) const;
  /// MMSIs that broadcast this IMO (identity history), ascending.
  [[nodiscard]] std::vector<std::uint32_t> mmsis_by_imo(std::uint32_t imo) const;
  /// MMSIs with at least one event, ascending.
  [[nodiscard]] std::vector<std::uint32_t> mmsis_with_events() const;
  /// The distinct programs of the runs ("tidewatch analyze", ...), in run order.
  [[nodiscard]] std::vector<std::string> run_programs() const;
  [[nodiscard]] std::vector<InputRow> inputs() const;
  [[nodiscard]] std::vector<DetectionRow> detections() const;
  [[nodiscard]] std::vector<MatchRow> matches() const;
  [[nodiscard]] Counts counts() const;
  [[nodiscard]] std::int64_t current_run() const noexcept;
  /// Chunks that fail to decode are skipped by vessel_track and counted here.
  [[nodiscard]] std::uint64_t corrupt_chunks() const noexcept;

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tidewatch::store
