// tidewatch tracks INPUT... --out DIR [--format F] [--columns MAP] [--time-format F] [--rejects FILE]
//
// Reads AIS observations in any supported format, orders them by (mmsi, time,
// source, line) with ingest::ExternalSorter, runs one track::Segmenter (the
// GFW v3.0.0 port) per MMSI, builds each vessel's identity history, runs the
// data-quality detectors (track/quality.h: shared_mmsi, position_jump) and
// writes tracks.geojson, vessels.csv, events.jsonl and summary.json into DIR.
// Everything written is a function of the inputs (and their names as given):
// no wall clock, numbers formatted with std::to_chars, all lists sorted.

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "tidewatch/core/ids.h"
#include "tidewatch/core/time.h"
#include "tidewatch/geo/land_mask.h"
#include "tidewatch/ingest/external_sort.h"
#include "tidewatch/ingest/format.h"
#include "tidewatch/report/out_buffer.h"
#include "tidewatch/report/rejects.h"
#include "tidewatch/track/identity.h"
#include "tidewatch/track/quality.h"
#include "tidewatch/track/segmenter.h"
#include "tidewatch/version.h"

namespace tidewatch::app {
namespace {

namespace fs = std::filesystem;
using ingest::Observation;
using track::IdentityField;

struct Settings {
  std::vector<std::string> inputs;
  std::string out;
  std::string format = "auto";
  std::string columns;
  std::string time_format;
  std::string rejects;
  bool quiet = false;
  /// GSHHG resolution for position_on_land: c, l, i, h (DEFAULT, about 200 m) or f;
  /// "off" disables the check.
  std::string shoreline = "h";
  /// A position counts as on land only this far inside the shoreline, metres.
  /// DEFAULT 1000 [project]: GSHHG h is accurate to about 200 m, and ships at
  /// berth sit within a few hundred metres of the coastline.
  double land_margin_m = 1000.0;
};

// ---- text helpers ---------------------------------------------------------------

void put_u(std::string& s, std::uint64_t v) {
  char b[24];
  s.append(b, std::to_chars(b, b + sizeof b, v).ptr);
}

/// Degrees x 1e7 as a decimal without trailing zeros ("12.5", "-0.0000001").
void put_e7(std::string& s, std::int64_t v) {
  if (v < 0) {
    s.push_back('-');
    v = -v;
  }
  const auto u = static_cast<std::uint64_t>(v);
  put_u(s, u / 10000000U);
  std::uint64_t frac = u % 10000000U;
  if (frac == 0) return;
  char d[7];
  for (int k = 6; k >= 0; --k) {
    d[k] = static_cast<char>('0' + frac % 10U);
    frac /= 10U;
  }
  int n = 7;
  while (n > 0 && d[n - 1] == '0') --n;
  s.push_back('.');
  s.append(d, static_cast<std::size_t>(n));
}

/// Degrees as put_e7 writes them (rounded to 1e-7).
void put_deg(std::string& s, double v) { put_e7(s, std::llround(v * 1e7)); }

/// A finite double with `digits` decimals ("12.3"); null when not finite.
void put_fixed(std::string& s, double v, int digits) {
  if (!std::isfinite(v)) {
    s.append("null");
    return;
  }
  char b[64];
  s.append(b, std::to_chars(b, b + sizeof b, v, std::chars_format::fixed, digits).ptr);
}

/// ISO 8601 to the second, "YYYY-MM-DDTHH:MM:SSZ" (milliseconds truncated).
std::string iso(UnixMillis t) {
  const UnixMillis sec = t >= 0 ? t / 1000 * 1000 : (t - 999) / 1000 * 1000;
  char b[kIso8601Max];
  return std::string(b, format_iso8601(sec, b));
}

void put_json_str(std::string& s, std::string_view v) {
  s.push_back('"');
  for (char c : v) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      s.push_back('\\');
      s.push_back(c);
    } else if (u < 0x20) {
      constexpr char hex[] = "0123456789abcdef";
      s.append("\\u00");
      s.push_back(hex[u >> 4]);
      s.push_back(hex[u & 15]);
    } else {
      s.push_back(c);
    }
  }
  s.push_back('"');
}

/// The fields every event starts with (../shared/contracts/results.md):
/// {"type":T,"mmsi":M,"start":ISO,"end":ISO
void event_head(std::string& s, std::string_view type, std::uint32_t mmsi, UnixMillis start,
                UnixMillis end) {
  s.append("{\"type\":");
  put_json_str(s, type);
  s.append(",\"mmsi\":");
  put_u(s, mmsi);
  s.append(",\"start\":");
  put_json_str(s, iso(start));
  s.append(",\"end\":");
  put_json_str(s, iso(end));
}

void put_csv(std::string& s, std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
    s.append(v);
    return;
  }
  s.push_back('"');
  for (char c : v) {
    if (c == '"') s.push_back('"');
    s.push_back(c);
  }
  s.push_back('"');
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) throw std::runtime_error("cannot create " + path.string());
  f.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!f) throw std::runtime_error("cannot write " + path.string());
}

// ---- reading ---------------------------------------------------------------------

class Collect final : public ingest::ObservationSink {
 public:
  Collect(ingest::ExternalSorter& sorter, report::OutBuffer* rejects)
      : sorter_(sorter), rejects_(rejects) {}
  std::string source_name;
  void on_observation(const Observation& o) override { sorter_.push(o); }
  void on_reject(const RejectedLine& r) override {
    if (rejects_ != nullptr) report::write_reject_json(*rejects_, r, source_name);
  }

 private:
  ingest::ExternalSorter& sorter_;
  report::OutBuffer* rejects_;
};

// ---- per-vessel work ----------------------------------------------------------------

struct Event {
  UnixMillis start = 0;
  std::uint32_t mmsi = 0;
  std::string json;  // the whole line
};

struct Totals {
  std::uint64_t vessels = 0, features = 0, track_segments = 0, noise = 0, dropped = 0;
  std::map<std::string, std::uint64_t> events;
};

class Output {
 public:
  Output(const std::vector<std::string>& names) : names_(names) {
    csv_ =
        "mmsi,mmsi_class,flag,first_seen,last_seen,n_positions,n_segments,n_noise,names,"
        "callsigns,imos,shiptypes,shared_mmsi,dimensions,draughts,destinations\n";
  }

  void vessel(std::uint32_t mmsi, const std::vector<Observation>& pos,
              const track::IdentityHistory& hist, UnixMillis first, UnixMillis last);
  void finish(const fs::path& dir, std::string summary_head);
  /// Enables position_on_land (null: off).
  void set_land(const geo::LandMask* land, double margin_m) {
    land_ = land;
    land_margin_m_ = margin_m;
  }
  Totals totals;

 private:
  void put_ref(std::string& s, const LineRef& r) {
    s.append("{\"source\":");
    put_json_str(s, r.source < names_.size() ? std::string_view(names_[r.source]) : "");
    s.append(",\"line\":");
    put_u(s, r.line);
    s.push_back('}');
  }
  void feature(const track::Segment& seg, std::size_t n, const std::vector<Observation>& pos,
               const track::IdentityHistory& hist);

  void positions_on_land(std::uint32_t mmsi, const std::vector<Observation>& pos,
                         const track::IdentityHistory& hist);

  const std::vector<std::string>& names_;
  const geo::LandMask* land_ = nullptr;
  double land_margin_m_ = 1000.0;
  std::string geo_;
  bool first_feature_ = true;
  std::string csv_;
  std::vector<Event> events_;
};

/// The geometry of one segment: Point, LineString, or MultiLineString when it
/// crosses the antimeridian (RFC 7946 §3.1.9).
void put_geometry(std::string& s, const std::vector<const Observation*>& pts) {
  if (pts.size() == 1) {
    s.append("{\"type\":\"Point\",\"coordinates\":[");
    put_e7(s, pts[0]->position.lon_e7);
    s.push_back(',');
    put_e7(s, pts[0]->position.lat_e7);
    s.append("]}");
    return;
  }
  std::vector<std::string> parts(1);
  auto add = [](std::string& part, const std::string& coord) {
    if (!part.empty()) part.push_back(',');
    part.append(coord);
  };
  auto coord_e7 = [](std::int64_t lon, std::int64_t lat) {
    std::string c = "[";
    put_e7(c, lon);
    c.push_back(',');
    put_e7(c, lat);
    c.push_back(']');
    return c;
  };
  for (std::size_t i = 0; i < pts.size(); ++i) {
    const auto& p = pts[i]->position;
    if (i > 0) {
      const auto& q = pts[i - 1]->position;
      const double dlon = p.lon() - q.lon();
      if (std::fabs(dlon) > 180) {
        // Crossing: interpolate the latitude at +-180 on the short way round.
        const double side = q.lon() > 0 ? 180.0 : -180.0;
        const double lon2 = p.lon() + (side > 0 ? 360.0 : -360.0);
        const double f = (side - q.lon()) / (lon2 - q.lon());
        const double lat = q.lat() + f * (p.lat() - q.lat());
        const auto lat_e7 = std::llround(lat * 1e7);
        add(parts.back(), coord_e7(side > 0 ? 1800000000LL : -1800000000LL, lat_e7));
        parts.emplace_back();
        add(parts.back(), coord_e7(side > 0 ? -1800000000LL : 1800000000LL, lat_e7));
      }
    }
    add(parts.back(), coord_e7(p.lon_e7, p.lat_e7));
  }
  if (parts.size() == 1) {
    s.append("{\"type\":\"LineString\",\"coordinates\":[").append(parts[0]).append("]}");
    return;
  }
  s.append("{\"type\":\"MultiLineString\",\"coordinates\":[");
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) s.push_back(',');
    s.push_back('[');
    s.append(parts[i]);
    s.push_back(']');
  }
  s.append("]}");
}

void Output::feature(const track::Segment& seg, std::size_t n, const std::vector<Observation>& pos,
                     const track::IdentityHistory& hist) {
  std::vector<const Observation*> pts;
  pts.reserve(seg.members.size());
  for (auto m : seg.members) pts.push_back(&pos[m]);
  std::string& s = geo_;
  s.append(first_feature_ ? "\n" : ",\n");
  first_feature_ = false;
  s.append("{\"type\":\"Feature\",\"geometry\":");
  put_geometry(s, pts);
  s.append(",\"properties\":{\"segment_id\":\"");
  put_u(s, hist.mmsi());
  s.push_back('-');
  put_u(s, n);
  s.append("\",\"gfw_style_id\":");
  put_json_str(s, seg.gfw_id);
  s.append(",\"mmsi\":");
  put_u(s, hist.mmsi());
  s.append(",\"mmsi_class\":");
  put_json_str(s, hist.mmsi_class());
  s.append(",\"flag\":");
  put_json_str(s, hist.flag());
  const UnixMillis t0 = pts.front()->time, t1 = pts.back()->time;
  s.append(",\"start\":");
  put_json_str(s, iso(t0));
  s.append(",\"end\":");
  put_json_str(s, iso(t1));
  s.append(",\"n_positions\":");
  put_u(s, pts.size());
  // Identity in the segment's time span, widened by GFW's 15 min info interval;
  // the vessel's most frequent value when the span has none.
  constexpr UnixMillis kInfoWindow = 15 * 60 * 1000;
  for (auto f : {IdentityField::name, IdentityField::callsign, IdentityField::imo,
                 IdentityField::shiptype}) {
    std::string v = hist.most_frequent(f, t0 - kInfoWindow, t1 + kInfoWindow);
    if (v.empty())
      v = hist.most_frequent(f, std::numeric_limits<UnixMillis>::min(),
                             std::numeric_limits<UnixMillis>::max());
    s.append(",\"").append(track::identity_field_name(f)).append("\":");
    if (v.empty()) {
      s.append("null");
    } else if (f == IdentityField::imo || f == IdentityField::shiptype) {
      s.append(v);
    } else {
      put_json_str(s, v);
    }
  }
  s.append(",\"evidence_first\":");
  put_ref(s, pts.front()->ref);
  s.append(",\"evidence_last\":");
  put_ref(s, pts.back()->ref);
  s.append("}}");
}

/// The position nearest in time to t (positions are in time order).
const Observation* nearest(const std::vector<Observation>& pos, UnixMillis t) {
  if (pos.empty()) return nullptr;
  auto it = std::lower_bound(pos.begin(), pos.end(), t,
                             [](const Observation& o, UnixMillis v) { return o.time < v; });
  if (it == pos.end()) return &pos.back();
  if (it == pos.begin()) return &*it;
  const auto prev = std::prev(it);
  return (t - prev->time <= it->time - t) ? &*prev : &*it;
}

/// position_on_land: consecutive positions of a ship station more than the
/// margin inside GSHHG land (levels 1 and 3) make one event.  Base stations,
/// AtoN and other non-ship MMSIs sit on land legitimately and are not checked.
/// Known limitation: ports and canals that GSHHG draws as land (Antwerp, the
/// Kiel Canal) give events until a port list excludes them (issue 4).
void Output::positions_on_land(std::uint32_t mmsi, const std::vector<Observation>& pos,
                               const track::IdentityHistory& hist) {
  if (land_ == nullptr || hist.mmsi_class() != "ship") return;
  auto emit = [&](std::size_t from, std::size_t to) {  // [from, to)
    Event e;
    e.start = pos[from].time;
    e.mmsi = mmsi;
    std::string& s = e.json;
    event_head(s, "position_on_land", mmsi, pos[from].time, pos[to - 1].time);
    s.append(",\"lat\":");
    put_e7(s, pos[from].position.lat_e7);
    s.append(",\"lon\":");
    put_e7(s, pos[from].position.lon_e7);
    s.append(",\"evidence\":[");
    put_ref(s, pos[from].ref);  // first and last (the same line for one position)
    s.push_back(',');
    put_ref(s, pos[to - 1].ref);
    s.append("],\"positions\":");
    put_u(s, to - from);
    s.append("}\n");
    events_.push_back(std::move(e));
    ++totals.events["position_on_land"];
  };
  std::size_t run_start = pos.size();  // pos.size(): no open run
  for (std::size_t i = 0; i < pos.size(); ++i) {
    const auto& p = pos[i].position;
    const bool inland = land_->is_inland(p.lat(), p.lon(), land_margin_m_);
    if (inland && run_start == pos.size()) run_start = i;
    if (!inland && run_start != pos.size()) {
      emit(run_start, i);
      run_start = pos.size();
    }
  }
  if (run_start != pos.size()) emit(run_start, pos.size());
}

void Output::vessel(std::uint32_t mmsi, const std::vector<Observation>& pos,
                    const track::IdentityHistory& hist, UnixMillis first, UnixMillis last) {
  ++totals.vessels;
  // Segment the positions (statics go to the identity history, never to tracks).
  track::LabelCollector segs;
  segs.keep_segments = true;
  {
    track::Segmenter segmenter(track::SegmenterParams{}, segs);
    for (const auto& o : pos) segmenter.feed(track::Ping::from(o));
    segmenter.finish();
  }
  std::vector<const track::Segment*> tracks;
  std::uint64_t noise = 0, members = 0;
  for (const auto& s : segs.segments) {
    if (s.kind == track::Label::Kind::member) {
      tracks.push_back(&s);
      members += s.members.size();
    } else if (s.noise()) {
      noise += s.members.size();
    }
  }
  std::sort(tracks.begin(), tracks.end(), [](const track::Segment* a, const track::Segment* b) {
    if (a->first_us != b->first_us) return a->first_us < b->first_us;
    return a->id < b->id;
  });
  for (std::size_t i = 0; i < tracks.size(); ++i) feature(*tracks[i], i, pos, hist);
  totals.features += tracks.size();
  totals.track_segments += tracks.size();
  totals.noise += noise;
  totals.dropped += pos.size() - members - noise;

  // Data-quality detectors (track/quality.h) over this MMSI's segmentation.
  std::vector<track::Ping> pings;
  pings.reserve(pos.size());
  for (const auto& o : pos) pings.push_back(track::Ping::from(o));
  const track::QualityParams qp{};
  const auto shared = track::detect_shared_mmsi(pings, segs.labels, segs.segments, qp);
  const auto jumps = track::detect_position_jumps(pings, segs.labels, segs.segments, qp);
  // Segment::id -> the "mmsi-n" segment_id of tracks.geojson.
  std::vector<std::size_t> feature_of;
  for (std::size_t i = 0; i < tracks.size(); ++i) {
    if (feature_of.size() <= tracks[i]->id) feature_of.resize(tracks[i]->id + 1U, 0);
    feature_of[tracks[i]->id] = i;
  }
  auto segment_name = [&](std::string& s, std::uint32_t id) {
    std::string v = std::to_string(mmsi) + "-" +
                    std::to_string(id < feature_of.size() ? feature_of[id] : 0);
    put_json_str(s, v);
  };
  auto us_to_ms = [](std::int64_t us) -> UnixMillis { return us >= 0 ? us / 1000 : (us - 999) / 1000; };
  for (const auto& q : shared) {
    Event e;
    e.start = us_to_ms(q.start_us);
    e.mmsi = mmsi;
    std::string& s = e.json;
    event_head(s, "shared_mmsi", mmsi, e.start, us_to_ms(q.end_us));
    s.append(",\"lat\":");
    put_deg(s, q.lat);
    s.append(",\"lon\":");
    put_deg(s, q.lon);
    s.append(",\"evidence\":[");
    for (std::size_t i = 0; i < q.evidence.size(); ++i) {
      if (i > 0) s.push_back(',');
      put_ref(s, pos[q.evidence[i]].ref);
    }
    s.append("],\"tracks\":[");
    segment_name(s, q.segment_a);
    s.push_back(',');
    segment_name(s, q.segment_b);
    s.append("],\"paired_samples\":");
    put_u(s, q.paired);
    s.append(",\"far_samples\":");
    put_u(s, q.far);
    s.append(",\"max_distance_nm\":");
    put_fixed(s, q.max_distance_nm, 1);
    s.append("}\n");
    events_.push_back(std::move(e));
    ++totals.events["shared_mmsi"];
  }
  for (const auto& j : jumps) {
    Event e;
    e.start = us_to_ms(j.start_us);
    e.mmsi = mmsi;
    std::string& s = e.json;
    event_head(s, "position_jump", mmsi, e.start, us_to_ms(j.end_us));
    s.append(",\"lat\":");
    put_e7(s, pos[j.run.front()].position.lat_e7);
    s.append(",\"lon\":");
    put_e7(s, pos[j.run.front()].position.lon_e7);
    s.append(",\"evidence\":[");
    const auto ev = j.evidence();
    for (std::size_t i = 0; i < ev.size(); ++i) {
      if (i > 0) s.push_back(',');
      put_ref(s, pos[ev[i]].ref);
    }
    s.append("],\"implied_speed_kn\":");
    put_fixed(s, j.implied_speed_kn, 1);
    s.append(",\"distance_km\":");
    put_fixed(s, j.distance_km, 3);
    s.append(",\"positions\":");
    put_u(s, j.run.size());
    s.append("}\n");
    events_.push_back(std::move(e));
    ++totals.events["position_jump"];
  }
  positions_on_land(mmsi, pos, hist);

  // vessels.csv
  std::string& c = csv_;
  put_u(c, mmsi);
  c.push_back(',');
  put_csv(c, hist.mmsi_class());
  c.push_back(',');
  put_csv(c, hist.flag());
  c.push_back(',');
  c.append(iso(first)).push_back(',');
  c.append(iso(last)).push_back(',');
  put_u(c, pos.size());
  c.push_back(',');
  put_u(c, tracks.size());
  c.push_back(',');
  put_u(c, noise);
  auto history_list = [&](IdentityField f) {
    std::string list;
    for (const auto& v : hist.value_counts(f)) {
      if (!list.empty()) list.push_back('|');
      list.append(v.value).push_back('(');
      put_u(list, v.count);
      if (!v.valid) list.append(",invalid");
      list.push_back(')');
    }
    c.push_back(',');
    put_csv(c, list);
  };
  for (auto f : {IdentityField::name, IdentityField::callsign, IdentityField::imo,
                 IdentityField::shiptype})
    history_list(f);
  c.append(shared.empty() ? ",0" : ",1");
  for (auto f : {IdentityField::dimensions, IdentityField::draught, IdentityField::destination})
    history_list(f);
  c.push_back('\n');

  // identity_change events
  for (const auto& ch : hist.changes()) {
    Event e;
    e.start = ch.start;
    e.mmsi = mmsi;
    std::string& s = e.json;
    event_head(s, "identity_change", mmsi, ch.start, ch.end);
    if (const auto* p = nearest(pos, ch.start)) {
      s.append(",\"lat\":");
      put_e7(s, p->position.lat_e7);
      s.append(",\"lon\":");
      put_e7(s, p->position.lon_e7);
    }
    s.append(",\"evidence\":[");
    for (std::size_t i = 0; i < ch.evidence.size(); ++i) {
      if (i > 0) s.push_back(',');
      put_ref(s, ch.evidence[i]);
    }
    s.push_back(']');
    for (int side = 0; side < 2; ++side) {
      s.append(side == 0 ? ",\"before\":{" : ",\"after\":{");
      for (std::size_t i = 0; i < ch.fields.size(); ++i) {
        const auto& f = ch.fields[i];
        if (i > 0) s.push_back(',');
        put_json_str(s, track::identity_field_name(f.field));
        s.push_back(':');
        const std::string& v = side == 0 ? f.before : f.after;
        if (f.field == IdentityField::imo || f.field == IdentityField::shiptype) {
          s.append(v);
        } else {
          put_json_str(s, v);
        }
      }
      s.push_back('}');
    }
    s.append("}\n");
    events_.push_back(std::move(e));
    ++totals.events["identity_change"];
  }
}

void Output::finish(const fs::path& dir, std::string summary) {
  write_file(dir / "tracks.geojson",
             "{\"type\":\"FeatureCollection\",\"features\":[" + geo_ + (first_feature_ ? "]}\n" : "\n]}\n"));
  write_file(dir / "vessels.csv", csv_);
  std::stable_sort(events_.begin(), events_.end(), [](const Event& a, const Event& b) {
    if (a.start != b.start) return a.start < b.start;
    return a.mmsi < b.mmsi;
  });
  std::string ev;
  for (const auto& e : events_) ev.append(e.json);
  write_file(dir / "events.jsonl", ev);
  summary.append(",\"vessels\":");
  put_u(summary, totals.vessels);
  summary.append(",\"segments\":{\"tracks\":");
  put_u(summary, totals.track_segments);
  summary.append(",\"features\":");
  put_u(summary, totals.features);
  summary.append(",\"noise_positions\":");
  put_u(summary, totals.noise);
  summary.append(",\"dropped_positions\":");
  put_u(summary, totals.dropped);
  summary.append("},\"events\":{");
  const char* sep = "";
  for (const char* type : {"identity_change", "position_jump", "position_on_land", "shared_mmsi"}) {
    summary.append(sep);
    sep = ",";
    put_json_str(summary, type);
    summary.push_back(':');
    put_u(summary, totals.events[type]);
  }
  summary.append("}}\n");
  write_file(dir / "summary.json", summary);
}

// ---- the command ---------------------------------------------------------------------

int run(const Settings& st) {
  ingest::ReadOptions base;
  if (st.format == "generic" || st.format == "csv") {
    base.format = ingest::InputFormat::generic_csv;
  } else if (st.format != "auto") {
    base.format = ingest::parse_input_format(st.format);
    if (!base.format) throw std::runtime_error("unknown --format " + st.format);
  }
  if (!st.columns.empty()) {
    ingest::GenericCsvOptions g;
    g.columns = ingest::ColumnMapping::parse(st.columns);
    if (!st.time_format.empty()) g.time = ingest::TimeFormat::parse(st.time_format);
    base.generic = g;
  }
  const fs::path dir(st.out);
  fs::create_directories(dir);

  std::unique_ptr<report::OutBuffer> rejects;
  if (!st.rejects.empty()) rejects = std::make_unique<report::OutBuffer>();

  std::vector<std::string> names;
  for (const auto& in : st.inputs) names.push_back(in == "-" ? "stdin" : in);

  ingest::ExternalSorter sorter;
  Collect collect(sorter, rejects.get());
  ingest::IngestStats total;
  std::string inputs_json = "[";
  int status = 0;
  for (std::uint32_t i = 0; i < st.inputs.size(); ++i) {
    const std::string& in = st.inputs[i];
    collect.source_name = names[i];
    ingest::ReadOptions opt = base;
    opt.source = i;
    ingest::IngestStats s;
    try {
      s = ingest::read_observations(in, opt, collect);
    } catch (const ingest::InputError& e) {
      std::cerr << "tidewatch tracks: " << e.what() << '\n';
      status = 2;
    }
    total.lines += s.lines;
    total.header_lines += s.header_lines;
    total.positions += s.positions;
    total.statics += s.statics;
    total.no_position += s.no_position;
    total.no_time += s.no_time;
    total.ignored_messages += s.ignored_messages;
    for (std::size_t k = 0; k < kRejectReasonCount; ++k) total.rejected[k] += s.rejected[k];
    for (std::size_t k = 0; k < kSkipReasonCount; ++k) total.skipped[k] += s.skipped[k];
    if (i > 0) inputs_json.push_back(',');
    inputs_json.append("{\"name\":");
    put_json_str(inputs_json, names[i]);
    inputs_json.append(",\"size\":");
    std::error_code ec;
    const auto size = in == "-" ? 0 : fs::file_size(in, ec);
    if (ec || in == "-") {
      inputs_json.append("null");
    } else {
      put_u(inputs_json, size);
    }
    inputs_json.push_back('}');
  }
  inputs_json.push_back(']');

  Output out(names);
  // position_on_land needs the GSHHG shoreline (optional: libnetcdf + gmt-gshhg).
  std::unique_ptr<geo::LandMask> land;
  std::string land_status = "off";
  if (st.shoreline != "off") {
    try {
      land = geo::LandMask::open(st.shoreline[0]);
      land_status = "GSHHG " + st.shoreline;
      out.set_land(land.get(), st.land_margin_m);
    } catch (const std::exception& e) {
      land_status = std::string("not available: ") + e.what();
      if (!st.quiet) std::cerr << "tidewatch tracks: position_on_land off (" << e.what() << ")\n";
    }
  }
  {
    Observation o;
    bool have = sorter.next(o);
    while (have) {
      const std::uint32_t mmsi = o.mmsi;
      std::vector<Observation> pos;
      track::IdentityHistory hist(mmsi);
      const UnixMillis first = o.time;
      UnixMillis last = o.time;
      while (have && o.mmsi == mmsi) {
        last = o.time;
        if (o.kind == Observation::Kind::position) {
          pos.push_back(o);
        } else {
          hist.add(o);
        }
        have = sorter.next(o);
      }
      out.vessel(mmsi, pos, hist, first, last);
    }
  }

  std::string summary = "{\"program\":\"tidewatch tracks\",\"version\":\"";
  summary.append(kVersion).append("\",\"inputs\":").append(inputs_json);
  summary.append(",\"counts\":{\"lines\":");
  put_u(summary, total.lines);
  summary.append(",\"header_lines\":");
  put_u(summary, total.header_lines);
  summary.append(",\"observations\":");
  put_u(summary, total.positions + total.statics);
  summary.append(",\"positions\":");
  put_u(summary, total.positions);
  summary.append(",\"statics\":");
  put_u(summary, total.statics);
  summary.append(",\"no_position\":");
  put_u(summary, total.no_position);
  summary.append(",\"no_time\":");
  put_u(summary, total.no_time);
  summary.append(",\"ignored_messages\":");
  put_u(summary, total.ignored_messages);
  summary.append(",\"rejected\":");
  put_u(summary, total.total_rejected());
  summary.append(",\"rejected_by_reason\":{");
  bool firstr = true;
  for (std::size_t k = 0; k < kRejectReasonCount; ++k) {
    if (total.rejected[k] == 0) continue;
    if (!firstr) summary.push_back(',');
    firstr = false;
    put_json_str(summary, reject_reason_name(static_cast<RejectReason>(k)));
    summary.push_back(':');
    put_u(summary, total.rejected[k]);
  }
  summary.append("},\"skipped_by_reason\":{");
  firstr = true;
  for (std::size_t k = 0; k < kSkipReasonCount; ++k) {
    if (total.skipped[k] == 0) continue;
    if (!firstr) summary.push_back(',');
    firstr = false;
    put_json_str(summary, skip_reason_name(static_cast<SkipReason>(k)));
    summary.push_back(':');
    put_u(summary, total.skipped[k]);
  }
  summary.append("}},\"parameters\":{\"order\":\"sort\",\"segmenter\":\"gpsdio-segment v3.0.0 defaults\","
                 "\"identity_confirmations\":2,\"identity_revert_window_h\":24,"
                 "\"identity_key\":\"name and callsign compared on letters and digits\","
                 "\"quality\":{\"shared_mmsi\":{\"min_positions\":10,\"min_overlap_h\":1,"
                 "\"max_knots\":25,\"buffer_nm\":6.25,\"min_far_samples\":3},"
                 "\"position_jump\":{\"max_run\":5,\"max_knots\":25,\"min_distance_km\":1},"
                 "\"position_on_land\":{\"shoreline\":");
  put_json_str(summary, land_status);
  summary.append(",\"margin_m\":");
  put_fixed(summary, st.land_margin_m, 0);
  summary.append("}}}");
  out.finish(dir, std::move(summary));
  if (rejects) write_file(st.rejects, std::string(rejects->view()));

  if (!st.quiet) {
    std::string line = "tidewatch tracks: " + std::to_string(total.lines) + " lines, " +
                       std::to_string(total.positions) + " positions, " +
                       std::to_string(total.statics) + " statics, " +
                       std::to_string(out.totals.vessels) + " vessels, " +
                       std::to_string(out.totals.track_segments) + " segments; rejected " +
                       std::to_string(total.total_rejected());
    const char* sep = ": ";
    for (std::size_t k = 0; k < kRejectReasonCount; ++k) {
      if (total.rejected[k] == 0) continue;
      line += sep;
      line += reject_reason_name(static_cast<RejectReason>(k));
      line += ' ' + std::to_string(total.rejected[k]);
      sep = ", ";
    }
    std::cerr << line << '\n';
  }
  return status;
}

}  // namespace

void register_tracks(CLI::App& app) {
  auto settings = std::make_shared<Settings>();
  CLI::App* cmd = app.add_subcommand(
      "tracks",
      "Segment AIS positions into tracks per MMSI (Global Fishing Watch gpsdio-segment v3.0.0 "
      "rules) and build each vessel's identity history; writes tracks.geojson, vessels.csv, "
      "events.jsonl and summary.json into --out.");
  cmd->add_option("inputs", settings->inputs, "Input files (any supported format; - for stdin)")
      ->required();
  cmd->add_option("--out,-o", settings->out, "Output directory (created if needed)")->required();
  cmd->add_option("--format,-f", settings->format,
                  "auto (detect), nmea, dma, marinecadastre, gfw, gpsd or generic")
      ->check(CLI::IsMember({"auto", "nmea", "dma", "marinecadastre", "gfw", "gpsd", "generic"}))
      ->default_str("auto");
  cmd->add_option("--columns", settings->columns,
                  "Generic CSV column mapping, e.g. mmsi=MMSI,time=ts,lat=lat,lon=lon,name=name");
  cmd->add_option("--time-format", settings->time_format,
                  "Generic CSV time format: iso8601, unix, unix_ms or a strptime pattern");
  cmd->add_option("--rejects", settings->rejects,
                  "Write every rejected line here as JSON Lines: source, line, reason, text");
  cmd->add_option("--shoreline", settings->shoreline,
                  "GSHHG resolution for position_on_land: c, l, i, h (default) or f; off to "
                  "disable")
      ->check(CLI::IsMember({"c", "l", "i", "h", "f", "off"}))
      ->default_str("h");
  cmd->add_option("--land-margin", settings->land_margin_m,
                  "Metres inside the shoreline before a position counts as on land (default 1000)")
      ->check(CLI::Range(0.0, 100000.0));
  cmd->add_flag("--quiet,-q", settings->quiet, "Do not print the summary on standard error");
  cmd->callback([settings]() {
    const int status = run(*settings);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace tidewatch::app
