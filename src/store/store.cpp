// The embedded store (include/tidewatch/store/store.h, docs/store.md).

#include "tidewatch/store/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <tuple>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>

#include "tidewatch/core/sha256.h"

namespace tidewatch::store {
namespace {

using nlohmann::json;

constexpr int kSchemaVersion = 1;

const char* const kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS runs(
  run INTEGER PRIMARY KEY, program TEXT NOT NULL, inputs_new INTEGER NOT NULL DEFAULT 0,
  inputs_stored INTEGER NOT NULL DEFAULT 0, positions_added INTEGER NOT NULL DEFAULT 0,
  events_added INTEGER NOT NULL DEFAULT 0, finished INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS inputs(
  id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, name TEXT NOT NULL, size INTEGER NOT NULL,
  first_run INTEGER NOT NULL, complete INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS vessels(
  mmsi INTEGER PRIMARY KEY, mmsi_class TEXT NOT NULL, flag TEXT NOT NULL,
  first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS position_chunks(
  mmsi INTEGER NOT NULL, bucket_start INTEGER NOT NULL, n INTEGER NOT NULL,
  t_min INTEGER NOT NULL, t_max INTEGER NOT NULL, data BLOB NOT NULL,
  PRIMARY KEY(mmsi, bucket_start)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tracks(
  mmsi INTEGER NOT NULL, start INTEGER NOT NULL, end_time INTEGER NOT NULL, n INTEGER NOT NULL,
  min_lat_e7 INTEGER NOT NULL, min_lon_e7 INTEGER NOT NULL, max_lat_e7 INTEGER NOT NULL,
  max_lon_e7 INTEGER NOT NULL, segment_id TEXT NOT NULL,
  PRIMARY KEY(mmsi, start, end_time, n)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS identity(
  mmsi INTEGER NOT NULL, field TEXT NOT NULL, first_seen INTEGER NOT NULL, value TEXT NOT NULL,
  last_seen INTEGER NOT NULL, count INTEGER NOT NULL, valid INTEGER NOT NULL,
  PRIMARY KEY(mmsi, field, first_seen, value)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS identity_by_value ON identity(field, value, mmsi);
CREATE TABLE IF NOT EXISTS events(
  rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, mmsi INTEGER NOT NULL,
  start INTEGER NOT NULL, end_time INTEGER NOT NULL, lat REAL, lon REAL,
  port_name TEXT, port_locode TEXT, run INTEGER NOT NULL, json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_by_vessel ON events(mmsi, start);
CREATE INDEX IF NOT EXISTS events_by_type ON events(type, start);
CREATE INDEX IF NOT EXISTS events_by_port ON events(port_locode, start);
CREATE VIRTUAL TABLE IF NOT EXISTS events_rtree USING rtree(
  id, min_lon, max_lon, min_lat, max_lat, min_t, max_t);
CREATE TABLE IF NOT EXISTS event_evidence(
  event INTEGER NOT NULL, ord INTEGER NOT NULL, source TEXT NOT NULL, line INTEGER NOT NULL,
  PRIMARY KEY(event, ord)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS list_matches(
  mmsi INTEGER NOT NULL, list_source TEXT NOT NULL, list_id TEXT NOT NULL, list_name TEXT NOT NULL,
  program TEXT NOT NULL, basis TEXT NOT NULL, score REAL NOT NULL, event_id TEXT NOT NULL,
  PRIMARY KEY(mmsi, list_source, list_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS detections(
  source TEXT NOT NULL, id TEXT NOT NULL, time INTEGER NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
  length_m REAL, width_m REAL, heading_deg REAL, confidence REAL, scene TEXT NOT NULL,
  line INTEGER NOT NULL, PRIMARY KEY(source, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS matches(
  detection_source TEXT NOT NULL, detection_id TEXT NOT NULL, mmsi INTEGER, distance_m REAL,
  score REAL, PRIMARY KEY(detection_source, detection_id)) WITHOUT ROWID;
)sql";

[[noreturn]] void fail(sqlite3* db, const std::string& what) {
  throw std::runtime_error("store: " + what + ": " + (db != nullptr ? sqlite3_errmsg(db) : "?"));
}

/// A prepared statement, reset after each use.
class Stmt {
 public:
  Stmt() = default;
  Stmt(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s_, nullptr) != SQLITE_OK)
      fail(db, std::string("prepare ") + sql);
  }
  Stmt(Stmt&& o) noexcept : db_(o.db_), s_(std::exchange(o.s_, nullptr)) {}
  Stmt& operator=(Stmt&& o) noexcept {
    std::swap(db_, o.db_);
    std::swap(s_, o.s_);
    return *this;
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() { sqlite3_finalize(s_); }

  Stmt& bind(int i, std::int64_t v) {
    check(sqlite3_bind_int64(s_, i, v));
    return *this;
  }
  Stmt& bind_d(int i, double v) {
    check(sqlite3_bind_double(s_, i, v));
    return *this;
  }
  Stmt& bind_opt(int i, const std::optional<double>& v) {
    check(v ? sqlite3_bind_double(s_, i, *v) : sqlite3_bind_null(s_, i));
    return *this;
  }
  Stmt& bind_null(int i) {
    check(sqlite3_bind_null(s_, i));
    return *this;
  }
  Stmt& bind(int i, std::string_view v) {
    check(sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
    return *this;
  }
  Stmt& blob(int i, std::string_view v) {
    check(sqlite3_bind_blob(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
    return *this;
  }
  /// true: a row is ready.
  bool step() {
    const int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_, "step");
  }
  void run() {
    while (step()) {
    }
    reset();
  }
  void reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  [[nodiscard]] std::int64_t i64(int c) const { return sqlite3_column_int64(s_, c); }
  [[nodiscard]] double d(int c) const { return sqlite3_column_double(s_, c); }
  [[nodiscard]] bool null(int c) const { return sqlite3_column_type(s_, c) == SQLITE_NULL; }
  [[nodiscard]] std::optional<double> opt_d(int c) const {
    if (null(c)) return std::nullopt;
    return d(c);
  }
  [[nodiscard]] std::string text(int c) const {
    const auto* p = sqlite3_column_text(s_, c);
    return p == nullptr ? std::string()
                        : std::string(reinterpret_cast<const char*>(p),
                                      static_cast<std::size_t>(sqlite3_column_bytes(s_, c)));
  }
  [[nodiscard]] std::string_view blob_view(int c) const {
    const void* p = sqlite3_column_blob(s_, c);
    const int n = sqlite3_column_bytes(s_, c);
    return p == nullptr ? std::string_view() : std::string_view(static_cast<const char*>(p), static_cast<std::size_t>(n));
  }

 private:
  void check(int rc) const {
    if (rc != SQLITE_OK) fail(db_, "bind");
  }
  sqlite3* db_ = nullptr;
  sqlite3_stmt* s_ = nullptr;
};

/// "YYYY-MM-DDTHH:MM:SS[.fff]Z" -> ms; nullopt otherwise.
std::optional<UnixMillis> parse_iso(const std::string& s) {
  auto num = [&](std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0, ms = 0;
  if (s.size() < 20 || !num(0, 4, y) || s[4] != '-' || !num(5, 2, mo) || s[7] != '-' ||
      !num(8, 2, d) || s[10] != 'T' || !num(11, 2, h) || s[13] != ':' || !num(14, 2, mi) ||
      s[16] != ':' || !num(17, 2, se))
    return std::nullopt;
  std::size_t p = 19;
  if (p < s.size() && s[p] == '.') {
    if (!num(20, 3, ms)) return std::nullopt;
    p = 23;
  }
  if (p + 1 != s.size() || s[p] != 'Z') return std::nullopt;
  return utc_millis(y, mo, d, h, mi, se, ms);
}

UnixMillis time_field(const json& e, const char* key) {
  if (!e.contains(key) || !e[key].is_string()) throw std::invalid_argument(std::string("event without ") + key);
  auto t = parse_iso(e[key].get<std::string>());
  if (!t) throw std::invalid_argument(std::string("event with a bad ") + key);
  return *t;
}

/// The fields beyond type, mmsi, start and end that tell two events apart.
std::vector<const char*> identifying_fields(const std::string& type) {
  if (type == "port_visit" || type == "possible_port_visit") return {"port"};
  if (type == "encounter") return {"other_mmsi"};
  if (type == "identity_change" || type == "draught_change") return {"before", "after"};
  if (type == "shared_mmsi") return {"tracks"};
  if (type == "watchlist_match") return {"list.source", "list.id"};
  if (type == "gap" || type == "loitering" || type == "position_jump" || type == "position_on_land")
    return {};
  return {"lat", "lon"};  // a type this version does not know
}

std::string id_of(const json& e) {
  if (!e.is_object() || !e.contains("type") || !e["type"].is_string() || !e.contains("mmsi") ||
      !e["mmsi"].is_number_unsigned())
    throw std::invalid_argument("not an event object");
  const auto type = e["type"].get<std::string>();
  std::string key = type;
  key.push_back('\n');
  key += std::to_string(e["mmsi"].get<std::uint64_t>());
  key.push_back('\n');
  key += std::to_string(time_field(e, "start"));
  key.push_back('\n');
  key += std::to_string(time_field(e, "end"));
  for (const char* f : identifying_fields(type)) {
    key.push_back('\n');
    const std::string name(f);
    const json* v = &e;
    std::size_t from = 0;
    while (v != nullptr) {
      const auto dot = name.find('.', from);
      const std::string part = name.substr(from, dot == std::string::npos ? std::string::npos : dot - from);
      v = v->is_object() && v->contains(part) ? &(*v)[part] : nullptr;
      if (dot == std::string::npos) break;
      from = dot + 1;
    }
    key += name;
    key.push_back('=');
    key += v == nullptr ? "null" : v->dump();
  }
  Sha256 h;
  h.update(key);
  return h.hex().substr(0, 32);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string event_id(std::string_view line) {
  json e;
  try {
    e = json::parse(line);
  } catch (const json::exception& x) {
    throw std::invalid_argument(std::string("event line is not JSON: ") + x.what());
  }
  return id_of(e);
}

struct Store::Impl {
  sqlite3* db = nullptr;
  bool read_only = false;
  bool in_tx = false;
  std::int64_t run = 0;
  std::uint32_t vessels_in_tx = 0;
  std::uint64_t positions_added = 0, events_added = 0, inputs_new = 0, inputs_stored = 0;
  mutable std::uint64_t corrupt = 0;
  std::vector<std::uint32_t> run_inputs;
  // statements, prepared once
  Stmt chunk_get, chunk_put, vessel_put, track_put, ident_put, event_put, rtree_put, evidence_put,
      list_put, det_put, match_put, input_get, input_put, chunk_range;

  ~Impl() {
    if (db != nullptr) {
      if (in_tx) sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
      chunk_get = Stmt();
      chunk_put = Stmt();
      vessel_put = Stmt();
      track_put = Stmt();
      ident_put = Stmt();
      event_put = Stmt();
      rtree_put = Stmt();
      evidence_put = Stmt();
      list_put = Stmt();
      det_put = Stmt();
      match_put = Stmt();
      input_get = Stmt();
      input_put = Stmt();
      chunk_range = Stmt();
      sqlite3_close_v2(db);
    }
  }
  void exec(const char* sql) const {
    char* msg = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
      std::string m = msg != nullptr ? msg : "?";
      sqlite3_free(msg);
      throw std::runtime_error(std::string("store: ") + sql + ": " + m);
    }
  }
  void write() {
    if (read_only) throw std::logic_error("store opened read-only");
    if (!in_tx) {
      exec("BEGIN IMMEDIATE");
      in_tx = true;
    }
  }
  void commit() {
    if (in_tx) {
      exec("COMMIT");
      in_tx = false;
    }
    vessels_in_tx = 0;
  }
  std::int64_t scalar(const char* sql) const {
    Stmt s(db, sql);
    return s.step() ? s.i64(0) : 0;
  }
  EventRow event_row(const Stmt& s) const {
    // rowid, id, type, mmsi, start, end_time, lat, lon, port_name, port_locode, run, json
    EventRow e;
    e.rowid = s.i64(0);
    e.id = s.text(1);
    e.type = s.text(2);
    e.mmsi = static_cast<std::uint32_t>(s.i64(3));
    e.start = s.i64(4);
    e.end = s.i64(5);
    e.lat = s.opt_d(6);
    e.lon = s.opt_d(7);
    e.port_name = s.text(8);
    e.port_locode = s.text(9);
    e.run = s.i64(10);
    e.json = s.text(11);
    return e;
  }
};

#define EVENT_COLUMNS "rowid, id, type, mmsi, start, end_time, lat, lon, port_name, port_locode, run, json"

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Store Store::open(const std::string& path, Mode mode) {
  auto impl = std::make_unique<Impl>();
  int flags = mode == Mode::read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (mode == Mode::create) flags |= SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2(path.c_str(), &impl->db, flags, nullptr) != SQLITE_OK) {
    const std::string msg = impl->db != nullptr ? sqlite3_errmsg(impl->db) : "out of memory";
    throw std::runtime_error("store: cannot open " + path + ": " + msg);
  }
  impl->read_only = mode == Mode::read_only;
  sqlite3_busy_timeout(impl->db, 10000);
  if (!impl->read_only) {
    impl->exec("PRAGMA journal_mode=WAL");
    impl->exec("PRAGMA synchronous=NORMAL");
  }
  // A tidewatch store, or an empty file to become one.
  bool has_meta = false;
  {
    Stmt s(impl->db, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'");
    has_meta = s.step() && s.i64(0) > 0;
  }
  if (!has_meta) {
    if (impl->read_only || impl->scalar("SELECT count(*) FROM sqlite_master") != 0)
      throw std::runtime_error("store: " + path + " is not a tidewatch store");
    impl->exec("BEGIN");
    impl->exec(kSchema);
    impl->exec(("INSERT INTO meta VALUES('schema_version','" + std::to_string(kSchemaVersion) +
                "'),('chunk_codec','1'),('bucket_ms','86400000')")
                   .c_str());
    impl->exec("COMMIT");
  }
  {
    Stmt s(impl->db, "SELECT value FROM meta WHERE key='schema_version'");
    if (!s.step() || s.text(0) != std::to_string(kSchemaVersion))
      throw std::runtime_error("store: " + path + " has an unknown schema version");
  }
  impl->run = impl->scalar("SELECT coalesce(max(run),0) FROM runs");
  auto* db = impl->db;
  impl->chunk_get = Stmt(db, "SELECT data FROM position_chunks WHERE mmsi=?1 AND bucket_start=?2");
  impl->chunk_range = Stmt(db,
                           "SELECT bucket_start, data FROM position_chunks WHERE mmsi=?1 AND "
                           "bucket_start>=?2 AND bucket_start<=?3 ORDER BY bucket_start");
  impl->input_get = Stmt(db, "SELECT id, first_run, complete FROM inputs WHERE sha256=?1");
  if (!impl->read_only) {
    impl->chunk_put = Stmt(db, "INSERT OR REPLACE INTO position_chunks VALUES(?1,?2,?3,?4,?5,?6)");
    impl->vessel_put = Stmt(db,
                            "INSERT INTO vessels VALUES(?1,?2,?3,?4,?5) ON CONFLICT(mmsi) DO UPDATE SET "
                            "first_seen=min(first_seen,excluded.first_seen),"
                            "last_seen=max(last_seen,excluded.last_seen)");
    impl->track_put = Stmt(db, "INSERT OR IGNORE INTO tracks VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)");
    impl->ident_put = Stmt(db,
                           "INSERT INTO identity VALUES(?1,?2,?3,?4,?5,?6,?7) "
                           "ON CONFLICT(mmsi,field,first_seen,value) DO UPDATE SET "
                           "last_seen=max(last_seen,excluded.last_seen),count=max(count,excluded.count)");
    impl->event_put = Stmt(db,
                           "INSERT OR IGNORE INTO events(id,type,mmsi,start,end_time,lat,lon,port_name,"
                           "port_locode,run,json) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)");
    impl->rtree_put = Stmt(db, "INSERT INTO events_rtree VALUES(?1,?2,?3,?4,?5,?6,?7)");
    impl->evidence_put = Stmt(db, "INSERT OR IGNORE INTO event_evidence VALUES(?1,?2,?3,?4)");
    impl->list_put = Stmt(db, "INSERT OR IGNORE INTO list_matches VALUES(?1,?2,?3,?4,?5,?6,?7,?8)");
    impl->det_put = Stmt(db, "INSERT OR REPLACE INTO detections VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)");
    impl->match_put = Stmt(db, "INSERT OR REPLACE INTO matches VALUES(?1,?2,?3,?4,?5)");
    impl->input_put = Stmt(db, "INSERT INTO inputs(sha256,name,size,first_run,complete) VALUES(?1,?2,?3,?4,0)");
  }
  return Store(std::move(impl));
}

std::int64_t Store::current_run() const noexcept { return impl_->run; }
std::uint64_t Store::corrupt_chunks() const noexcept { return impl_->corrupt; }

std::int64_t Store::begin_run(std::string_view program) {
  impl_->write();
  Stmt s(impl_->db, "INSERT INTO runs(program) VALUES(?1)");
  s.bind(1, program).run();
  impl_->run = sqlite3_last_insert_rowid(impl_->db);
  impl_->positions_added = impl_->events_added = impl_->inputs_new = impl_->inputs_stored = 0;
  impl_->run_inputs.clear();
  return impl_->run;
}

AddedInput Store::add_input(std::string_view name, std::uint64_t size, std::string_view sha256) {
  impl_->write();
  AddedInput r;
  auto& g = impl_->input_get;
  g.bind(1, sha256);
  if (g.step()) {
    r.id = static_cast<std::uint32_t>(g.i64(0));
    r.first_run = g.i64(1);
    r.already_stored = g.i64(2) != 0;
    g.reset();
  } else {
    g.reset();
    impl_->input_put.bind(1, sha256).bind(2, name).bind(3, static_cast<std::int64_t>(size)).bind(4, impl_->run).run();
    r.id = static_cast<std::uint32_t>(sqlite3_last_insert_rowid(impl_->db));
    r.first_run = impl_->run;
  }
  if (r.already_stored) ++impl_->inputs_stored; else ++impl_->inputs_new;
  impl_->run_inputs.push_back(r.id);
  return r;
}

void Store::finish_run() {
  impl_->write();
  Stmt done(impl_->db, "UPDATE inputs SET complete=1 WHERE id=?1");
  for (auto id : impl_->run_inputs) done.bind(1, std::int64_t{id}).run();
  Stmt s(impl_->db,
         "UPDATE runs SET inputs_new=?2, inputs_stored=?3, positions_added=?4, events_added=?5, "
         "finished=1 WHERE run=?1");
  s.bind(1, impl_->run)
      .bind(2, static_cast<std::int64_t>(impl_->inputs_new))
      .bind(3, static_cast<std::int64_t>(impl_->inputs_stored))
      .bind(4, static_cast<std::int64_t>(impl_->positions_added))
      .bind(5, static_cast<std::int64_t>(impl_->events_added))
      .run();
  impl_->commit();
}

void Store::put_vessel(const VesselRow& v) {
  impl_->write();
  impl_->vessel_put.bind(1, std::int64_t{v.mmsi})
      .bind(2, v.mmsi_class)
      .bind(3, v.flag)
      .bind(4, v.first_seen)
      .bind(5, v.last_seen)
      .run();
}

std::uint64_t Store::add_positions(std::uint32_t mmsi, std::span<const Position> positions) {
  if (positions.empty()) return 0;
  impl_->write();
  std::vector<Position> fresh(positions.begin(), positions.end());
  normalize(fresh);
  std::uint64_t added = 0;
  std::vector<Position> merged;
  for (std::size_t i = 0; i < fresh.size();) {
    const UnixMillis bucket = bucket_of(fresh[i].time);
    std::size_t j = i;
    while (j < fresh.size() && bucket_of(fresh[j].time) == bucket) ++j;
    merged.clear();
    auto& g = impl_->chunk_get;
    g.bind(1, std::int64_t{mmsi}).bind(2, bucket);
    if (g.step()) {
      std::string err;
      if (!decode_chunk(g.blob_view(0), bucket, merged, &err)) {
        g.reset();
        throw std::runtime_error("store: corrupt position chunk of " + std::to_string(mmsi) + ": " + err);
      }
    }
    g.reset();
    const std::size_t before = merged.size();
    merged.insert(merged.end(), fresh.begin() + static_cast<std::ptrdiff_t>(i), fresh.begin() + static_cast<std::ptrdiff_t>(j));
    normalize(merged);
    if (merged.size() != before) {
      added += merged.size() - before;
      impl_->chunk_put.bind(1, std::int64_t{mmsi})
          .bind(2, bucket)
          .bind(3, static_cast<std::int64_t>(merged.size()))
          .bind(4, merged.front().time)
          .bind(5, merged.back().time)
          .blob(6, encode_chunk(bucket, merged))
          .run();
    }
    i = j;
  }
  impl_->positions_added += added;
  return added;
}

void Store::add_track(const TrackRow& t) {
  impl_->write();
  impl_->track_put.bind(1, std::int64_t{t.mmsi})
      .bind(2, t.start)
      .bind(3, t.end)
      .bind(4, static_cast<std::int64_t>(t.positions))
      .bind(5, std::int64_t{t.min_lat_e7})
      .bind(6, std::int64_t{t.min_lon_e7})
      .bind(7, std::int64_t{t.max_lat_e7})
      .bind(8, std::int64_t{t.max_lon_e7})
      .bind(9, t.segment_id)
      .run();
}

void Store::add_identity(const IdentityRow& r) {
  impl_->write();
  impl_->ident_put.bind(1, std::int64_t{r.mmsi})
      .bind(2, r.field)
      .bind(3, r.first_seen)
      .bind(4, r.value)
      .bind(5, r.last_seen)
      .bind(6, static_cast<std::int64_t>(r.count))
      .bind(7, std::int64_t{r.valid ? 1 : 0})
      .run();
}

bool Store::add_event_json(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  json e;
  try {
    e = json::parse(line);
  } catch (const json::exception& x) {
    throw std::invalid_argument(std::string("event line is not JSON: ") + x.what());
  }
  const std::string id = id_of(e);
  const auto type = e["type"].get<std::string>();
  const auto mmsi = e["mmsi"].get<std::uint64_t>();
  const UnixMillis start = time_field(e, "start"), end = time_field(e, "end");
  std::optional<double> lat, lon;
  if (e.contains("lat") && e["lat"].is_number()) lat = e["lat"].get<double>();
  if (e.contains("lon") && e["lon"].is_number()) lon = e["lon"].get<double>();
  std::string port_name, port_locode;
  if (e.contains("port") && e["port"].is_object()) {
    const auto& p = e["port"];
    if (p.contains("name") && p["name"].is_string()) port_name = p["name"].get<std::string>();
    if (p.contains("locode") && p["locode"].is_string()) port_locode = p["locode"].get<std::string>();
  }
  impl_->write();
  auto& s = impl_->event_put;
  s.bind(1, id).bind(2, type).bind(3, static_cast<std::int64_t>(mmsi)).bind(4, start).bind(5, end);
  s.bind_opt(6, lat).bind_opt(7, lon);
  if (port_name.empty() && port_locode.empty()) {
    s.bind_null(8).bind_null(9);
  } else {
    s.bind(8, port_name).bind(9, port_locode);
  }
  s.bind(10, impl_->run).bind(11, std::string_view(line));
  s.run();
  if (sqlite3_changes(impl_->db) == 0) return false;
  const std::int64_t rowid = sqlite3_last_insert_rowid(impl_->db);
  ++impl_->events_added;
  if (lat && lon && std::isfinite(*lat) && std::isfinite(*lon)) {
    impl_->rtree_put.bind(1, rowid)
        .bind_d(2, *lon)
        .bind_d(3, *lon)
        .bind_d(4, *lat)
        .bind_d(5, *lat)
        .bind_d(6, static_cast<double>(start))
        .bind_d(7, static_cast<double>(std::max(start, end)))
        .run();
  }
  if (e.contains("evidence") && e["evidence"].is_array()) {
    std::int64_t ord = 0;
    for (const auto& r : e["evidence"]) {
      if (!r.is_object()) continue;
      const std::string src = r.contains("source") && r["source"].is_string() ? r["source"].get<std::string>() : "";
      const std::int64_t ln = r.contains("line") && r["line"].is_number_integer() ? r["line"].get<std::int64_t>() : 0;
      impl_->evidence_put.bind(1, rowid).bind(2, ord++).bind(3, src).bind(4, ln).run();
    }
  }
  if (type == "watchlist_match" && e.contains("list") && e["list"].is_object()) {
    const auto& l = e["list"];
    auto str = [](const json& o, const char* k) {
      return o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : std::string();
    };
    std::string basis;
    if (e.contains("basis") && e["basis"].is_array())
      for (const auto& b : e["basis"])
        if (b.is_string()) basis += (basis.empty() ? "" : ",") + b.get<std::string>();
    const double score = e.contains("score") && e["score"].is_number() ? e["score"].get<double>() : 0.0;
    impl_->list_put.bind(1, static_cast<std::int64_t>(mmsi))
        .bind(2, str(l, "source"))
        .bind(3, str(l, "id"))
        .bind(4, str(l, "name"))
        .bind(5, str(l, "program"))
        .bind(6, basis)
        .bind_d(7, score)
        .bind(8, id)
        .run();
  }
  return true;
}

void Store::add_detection(const DetectionRow& d) {
  impl_->write();
  impl_->det_put.bind(1, d.source).bind(2, d.id).bind(3, d.time).bind_d(4, d.lat).bind_d(5, d.lon);
  impl_->det_put.bind_opt(6, d.length_m).bind_opt(7, d.width_m).bind_opt(8, d.heading_deg).bind_opt(9, d.confidence);
  impl_->det_put.bind(10, d.scene).bind(11, static_cast<std::int64_t>(d.line)).run();
}

void Store::add_match(const MatchRow& m) {
  impl_->write();
  impl_->match_put.bind(1, m.detection_source).bind(2, m.detection_id);
  if (m.mmsi) impl_->match_put.bind(3, std::int64_t{*m.mmsi}); else impl_->match_put.bind_null(3);
  impl_->match_put.bind_opt(4, m.distance_m).bind_opt(5, m.score).run();
}

void Store::vessel_done(std::uint32_t batch) {
  if (++impl_->vessels_in_tx >= std::max<std::uint32_t>(batch, 1)) impl_->commit();
}

void Store::commit() { impl_->commit(); }

std::vector<Position> Store::vessel_track(std::uint32_t mmsi, UnixMillis from, UnixMillis to) const {
  std::vector<Position> out;
  if (to < from) return out;
  auto& s = impl_->chunk_range;
  s.bind(1, std::int64_t{mmsi}).bind(2, bucket_of(from)).bind(3, to);
  std::vector<Position> day;
  while (s.step()) {
    day.clear();
    if (!decode_chunk(s.blob_view(1), s.i64(0), day)) {
      ++impl_->corrupt;
      continue;
    }
    for (const auto& p : day)
      if (p.time >= from && p.time <= to) out.push_back(p);
  }
  s.reset();
  return out;
}

std::vector<EventRow> Store::events_in(const BBox& box, UnixMillis from, UnixMillis to,
                                       const std::vector<std::string>& types) const {
  std::vector<EventRow> out;
  // West > east crosses the antimeridian: two boxes.
  std::vector<std::pair<double, double>> lons;
  if (box.west <= box.east) lons.emplace_back(box.west, box.east);
  else {
    lons.emplace_back(box.west, 180.0);
    lons.emplace_back(-180.0, box.east);
  }
  Stmt s(impl_->db,
         "SELECT " EVENT_COLUMNS " FROM events WHERE rowid IN (SELECT id FROM events_rtree WHERE "
         "max_lon>=?1 AND min_lon<=?2 AND max_lat>=?3 AND min_lat<=?4 AND max_t>=?5 AND min_t<=?6) "
         "AND lon>=?1 AND lon<=?2 AND lat>=?3 AND lat<=?4 AND end_time>=?7 AND start<=?8");
  std::vector<std::int64_t> seen;
  for (const auto& lr : lons) {
    s.bind_d(1, lr.first).bind_d(2, lr.second).bind_d(3, box.south).bind_d(4, box.north);
    s.bind_d(5, static_cast<double>(from)).bind_d(6, static_cast<double>(to)).bind(7, from).bind(8, to);
    while (s.step()) {
      EventRow e = impl_->event_row(s);
      if (!types.empty() && std::find(types.begin(), types.end(), e.type) == types.end()) continue;
      if (std::find(seen.begin(), seen.end(), e.rowid) != seen.end()) continue;
      seen.push_back(e.rowid);
      out.push_back(std::move(e));
    }
    s.reset();
  }
  std::sort(out.begin(), out.end(), [](const EventRow& a, const EventRow& b) {
    return std::tie(a.start, a.mmsi, a.type, a.id) < std::tie(b.start, b.mmsi, b.type, b.id);
  });
  return out;
}

std::vector<EventRow> Store::port_events(std::string_view port, UnixMillis from, UnixMillis to) const {
  std::vector<EventRow> out;
  Stmt s(impl_->db,
         "SELECT " EVENT_COLUMNS " FROM events WHERE type IN ('port_visit','possible_port_visit') AND "
         "(lower(port_name)=?1 OR upper(port_locode)=upper(?2)) AND end_time>=?3 AND start<=?4 "
         "ORDER BY start, mmsi, type, id");
  s.bind(1, lower(port)).bind(2, port).bind(3, from).bind(4, to);
  while (s.step()) out.push_back(impl_->event_row(s));
  return out;
}

std::vector<EventRow> Store::vessel_events(std::uint32_t mmsi) const {
  std::vector<EventRow> out;
  Stmt s(impl_->db, "SELECT " EVENT_COLUMNS " FROM events WHERE mmsi=?1 ORDER BY start, type, id");
  s.bind(1, std::int64_t{mmsi});
  while (s.step()) out.push_back(impl_->event_row(s));
  return out;
}

std::optional<VesselSummary> Store::vessel_summary(std::uint32_t mmsi) const {
  VesselSummary v;
  {
    Stmt s(impl_->db, "SELECT mmsi, mmsi_class, flag, first_seen, last_seen FROM vessels WHERE mmsi=?1");
    s.bind(1, std::int64_t{mmsi});
    if (!s.step()) return std::nullopt;
    v.vessel = VesselRow{mmsi, s.text(1), s.text(2), s.i64(3), s.i64(4)};
  }
  {
    Stmt s(impl_->db, "SELECT coalesce(sum(n),0) FROM position_chunks WHERE mmsi=?1");
    s.bind(1, std::int64_t{mmsi});
    if (s.step()) v.positions = static_cast<std::uint64_t>(s.i64(0));
  }
  {
    Stmt s(impl_->db,
           "SELECT field, value, first_seen, last_seen, count, valid FROM identity WHERE mmsi=?1 "
           "ORDER BY field, first_seen, value");
    s.bind(1, std::int64_t{mmsi});
    while (s.step())
      v.identity.push_back(IdentityRow{mmsi, s.text(0), s.text(1), s.i64(2), s.i64(3),
                                       static_cast<std::uint64_t>(s.i64(4)), s.i64(5) != 0});
  }
  {
    Stmt s(impl_->db,
           "SELECT start, end_time, n, min_lat_e7, min_lon_e7, max_lat_e7, max_lon_e7, segment_id FROM "
           "tracks WHERE mmsi=?1 ORDER BY start, end_time, n");
    s.bind(1, std::int64_t{mmsi});
    while (s.step()) {
      TrackRow t;
      t.mmsi = mmsi;
      t.start = s.i64(0);
      t.end = s.i64(1);
      t.positions = static_cast<std::uint64_t>(s.i64(2));
      t.min_lat_e7 = static_cast<std::int32_t>(s.i64(3));
      t.min_lon_e7 = static_cast<std::int32_t>(s.i64(4));
      t.max_lat_e7 = static_cast<std::int32_t>(s.i64(5));
      t.max_lon_e7 = static_cast<std::int32_t>(s.i64(6));
      t.segment_id = s.text(7);
      v.tracks.push_back(std::move(t));
    }
  }
  v.events = vessel_events(mmsi);
  {
    Stmt s(impl_->db,
           "SELECT list_source, list_id, list_name, program, basis, score, event_id FROM list_matches "
           "WHERE mmsi=?1 ORDER BY list_source, list_id");
    s.bind(1, std::int64_t{mmsi});
    while (s.step())
      v.list_matches.push_back(ListMatchRow{mmsi, s.text(0), s.text(1), s.text(2), s.text(3), s.text(4),
                                            s.d(5), s.text(6)});
  }
  return v;
}

std::vector<std::uint32_t> Store::mmsis_by_imo(std::uint32_t imo) const {
  std::vector<std::uint32_t> out;
  Stmt s(impl_->db, "SELECT DISTINCT mmsi FROM identity WHERE field='imo' AND value=?1 ORDER BY mmsi");
  s.bind(1, std::to_string(imo));
  while (s.step()) out.push_back(static_cast<std::uint32_t>(s.i64(0)));
  return out;
}

std::vector<std::uint32_t> Store::mmsis_with_events() const {
  std::vector<std::uint32_t> out;
  Stmt s(impl_->db, "SELECT DISTINCT mmsi FROM events ORDER BY mmsi");
  while (s.step()) out.push_back(static_cast<std::uint32_t>(s.i64(0)));
  return out;
}

std::vector<std::string> Store::run_programs() const {
  std::vector<std::string> out;
  Stmt s(impl_->db, "SELECT program FROM runs ORDER BY run");
  while (s.step()) {
    std::string p = s.text(0);
    if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(std::move(p));
  }
  return out;
}

std::vector<InputRow> Store::inputs() const {
  std::vector<InputRow> out;
  Stmt s(impl_->db, "SELECT id, name, size, sha256, first_run, complete FROM inputs ORDER BY id");
  while (s.step())
    out.push_back(InputRow{static_cast<std::uint32_t>(s.i64(0)), s.text(1), static_cast<std::uint64_t>(s.i64(2)),
                           s.text(3), s.i64(4), s.i64(5) != 0});
  return out;
}

std::vector<DetectionRow> Store::detections() const {
  std::vector<DetectionRow> out;
  Stmt s(impl_->db,
         "SELECT source, id, time, lat, lon, length_m, width_m, heading_deg, confidence, scene, line FROM "
         "detections ORDER BY source, id");
  while (s.step()) {
    DetectionRow d;
    d.source = s.text(0);
    d.id = s.text(1);
    d.time = s.i64(2);
    d.lat = s.d(3);
    d.lon = s.d(4);
    d.length_m = s.opt_d(5);
    d.width_m = s.opt_d(6);
    d.heading_deg = s.opt_d(7);
    d.confidence = s.opt_d(8);
    d.scene = s.text(9);
    d.line = static_cast<std::uint64_t>(s.i64(10));
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<MatchRow> Store::matches() const {
  std::vector<MatchRow> out;
  Stmt s(impl_->db,
         "SELECT detection_source, detection_id, mmsi, distance_m, score FROM matches ORDER BY "
         "detection_source, detection_id");
  while (s.step()) {
    MatchRow m;
    m.detection_source = s.text(0);
    m.detection_id = s.text(1);
    if (!s.null(2)) m.mmsi = static_cast<std::uint32_t>(s.i64(2));
    m.distance_m = s.opt_d(3);
    m.score = s.opt_d(4);
    out.push_back(std::move(m));
  }
  return out;
}

Counts Store::counts() const {
  Counts c;
  auto n = [&](const char* sql) { return static_cast<std::uint64_t>(impl_->scalar(sql)); };
  c.runs = n("SELECT count(*) FROM runs");
  c.inputs = n("SELECT count(*) FROM inputs");
  c.vessels = n("SELECT count(*) FROM vessels");
  c.chunks = n("SELECT count(*) FROM position_chunks");
  c.positions = n("SELECT coalesce(sum(n),0) FROM position_chunks");
  c.tracks = n("SELECT count(*) FROM tracks");
  c.identity = n("SELECT count(*) FROM identity");
  c.events = n("SELECT count(*) FROM events");
  c.evidence = n("SELECT count(*) FROM event_evidence");
  c.list_matches = n("SELECT count(*) FROM list_matches");
  c.detections = n("SELECT count(*) FROM detections");
  c.matches = n("SELECT count(*) FROM matches");
  return c;
}

}  // namespace tidewatch::store
