#include "vessel_out.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "behaviour.h"
#include "tidewatch/geo/land_mask.h"
#include "tidewatch/match/detection_run.h"
#include "tidewatch/ports/port.h"
#include "tidewatch/report/event_json.h"
#include "tidewatch/report/text.h"
#include "tidewatch/store/pipeline_store.h"
#include "tidewatch/track/quality.h"
#include "tidewatch/watchlist/format.h"
#include "tidewatch/watchlist/match.h"

namespace tidewatch::analyze {
namespace {

namespace fs = std::filesystem;
using ingest::Observation;
using report::put_csv;
using report::put_e7;
using report::put_json_str;
using report::put_u;
using track::IdentityField;

std::ofstream open_out(const fs::path& p) {
  std::ofstream f(p, std::ios::binary | std::ios::trunc);
  if (!f) throw std::runtime_error("cannot create " + p.string());
  return f;
}

void put_ref(std::string& s, const std::vector<std::string>& names, const LineRef& r) {
  s.append("{\"source\":");
  put_json_str(s, r.source < names.size() ? std::string_view(names[r.source]) : "");
  s.append(",\"line\":");
  put_u(s, r.line);
  s.push_back('}');
}

/// The geometry of one segment: Point, LineString, or MultiLineString when it
/// crosses the antimeridian (RFC 7946 §3.1.9).
void put_geometry(std::string& s, const std::vector<const Observation*>& pts) {
  auto coord_e7 = [](std::string& c, std::int64_t lon, std::int64_t lat) {
    c.push_back('[');
    put_e7(c, lon);
    c.push_back(',');
    put_e7(c, lat);
    c.push_back(']');
  };
  if (pts.size() == 1) {
    s.append("{\"type\":\"Point\",\"coordinates\":");
    coord_e7(s, pts[0]->position.lon_e7, pts[0]->position.lat_e7);
    s.push_back('}');
    return;
  }
  std::vector<std::string> parts(1);
  auto add = [&](std::string& part, std::int64_t lon, std::int64_t lat) {
    if (!part.empty()) part.push_back(',');
    coord_e7(part, lon, lat);
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
        add(parts.back(), side > 0 ? 1800000000LL : -1800000000LL, lat_e7);
        parts.emplace_back();
        add(parts.back(), side > 0 ? -1800000000LL : 1800000000LL, lat_e7);
      }
    }
    add(parts.back(), p.lon_e7, p.lat_e7);
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

UnixMillis us_to_ms(std::int64_t us) { return us >= 0 ? us / 1000 : (us - 999) / 1000; }

}  // namespace

VesselWriter::VesselWriter(const fs::path& dir, const std::vector<std::string>& names,
                           const Config& config)
    : dir_(dir), names_(names), cfg_(config) {
  geo_ = open_out(dir / "tracks.geojson");
  csv_ = open_out(dir / "vessels.csv");
  geo_ << "{\"type\":\"FeatureCollection\",\"features\":[";
  csv_ << "mmsi,mmsi_class,flag,first_seen,last_seen,n_positions,n_segments,n_noise,names,"
          "callsigns,imos,shiptypes,shared_mmsi,dimensions,draughts,destinations\n";
  for (const char* type : {"identity_change", "position_jump", "position_on_land", "shared_mmsi"})
    totals_.events[type] = 0;
}

void VesselWriter::set_behaviour(Behaviour* b) {
  behaviour_ = b;
  if (b != nullptr)
    for (const auto& type : Behaviour::event_types()) totals_.events[type] += 0;
}

void VesselWriter::set_screener(const watchlist::Screener* s) {
  screener_ = s;
  if (s != nullptr) totals_.events["watchlist_match"] += 0;
}

/// watchlist_match: the vessel's broadcast identity (every name, call sign and
/// IMO it sent, its MMSI and flag) against the sanctions lists.  The event
/// spans the vessel's time in the data; its evidence is the first and last
/// report of the identifier the match rests on (the IMO, call sign or name
/// sent; the first and last reports of the MMSI for an MMSI match).
void VesselWriter::screen(std::uint32_t mmsi, const std::vector<Observation>& obs,
                          const std::vector<Observation>& pos, const track::IdentityHistory& hist) {
  watchlist::VesselIdentity id;
  id.mmsi = mmsi;
  id.flag = std::string(hist.flag());
  for (const auto& v : hist.value_counts(IdentityField::name)) id.names.push_back(v.value);
  for (const auto& v : hist.value_counts(IdentityField::callsign)) id.callsigns.push_back(v.value);
  for (const auto& v : hist.value_counts(IdentityField::imo)) {
    std::uint32_t n = 0;
    const auto r = std::from_chars(v.value.data(), v.value.data() + v.value.size(), n);
    if (r.ec == std::errc() && r.ptr == v.value.data() + v.value.size()) id.imos.push_back(n);
  }
  const auto matches = screener_->screen(id);
  if (matches.empty()) return;
  for (const auto& m : matches) {
    // Evidence: the reports of the identifier the match rests on.
    std::vector<LineRef> refs;
    auto add_field = [&](IdentityField f, const std::string& want) {
      for (const auto& e : hist.entries(f)) {
        if (!want.empty() && e.value != want) continue;
        if (refs.empty()) refs.push_back(e.first_ref);
        if (refs.size() == 1) refs.push_back(e.last_ref); else refs.back() = e.last_ref;
      }
    };
    for (const auto& b : m.basis) {
      if (!refs.empty()) break;
      if (b == "imo" && m.entry->imo) add_field(IdentityField::imo, std::to_string(*m.entry->imo));
      else if (b == "callsign") add_field(IdentityField::callsign, "");
      else if (b != "mmsi") add_field(IdentityField::name, "");
    }
    if (refs.empty()) refs = {obs.front().ref, obs.back().ref};
    report::EventJson e(names_);
    e.head("watchlist_match", mmsi, obs.front().time, obs.back().time);
    if (!pos.empty()) {
      e.at(pos.front().position.lat(), pos.front().position.lon());
    } else {
      e.key("lat").raw("null").key("lon").raw("null");
    }
    e.evidence(refs);
    std::string fields;
    watchlist::append_match_json_fields(fields, m);
    e.raw(",").raw(fields);
    add_event(obs.front().time, mmsi, "watchlist_match", e.finish());
  }
}

void VesselWriter::set_detections(match::DetectionRun* d) {
  detections_ = d;
  if (d != nullptr)
    for (const auto& type : match::DetectionRun::event_types()) totals_.events[type] += 0;
}

/// analyze --detections: the vessel's track fixes (noise excluded) within the
/// time windows of the detections, with its length from the static reports.
void VesselWriter::detection_fixes(std::uint32_t mmsi, const std::vector<const track::Segment*>& tracks,
                                   const std::vector<Observation>& pos, const track::IdentityHistory& hist) {
  std::vector<match::AisFix> fixes;
  for (const auto* t : tracks)
    for (auto m : t->members) {
      const auto& o = pos[m];
      if (!detections_->wanted(o.time)) continue;
      match::AisFix f;
      f.time = o.time;
      f.lat = o.position.lat();
      f.lon = o.position.lon();
      if (o.position.sog && *o.position.sog < 1023) f.sog_kn = *o.position.sog / 10.0;
      if (o.position.cog && *o.position.cog < 3600) f.cog_deg = *o.position.cog / 10.0;
      f.ref = o.ref;
      fixes.push_back(f);
    }
  if (fixes.empty()) return;
  std::stable_sort(fixes.begin(), fixes.end(), [](const match::AisFix& a, const match::AisFix& b) {
    if (a.time != b.time) return a.time < b.time;
    if (a.ref.source != b.ref.source) return a.ref.source < b.ref.source;
    return a.ref.line < b.ref.line;
  });
  std::optional<double> length;
  const std::string dims = hist.most_frequent(IdentityField::dimensions, std::numeric_limits<UnixMillis>::min(),
                                              std::numeric_limits<UnixMillis>::max());
  unsigned l = 0;
  const auto r = std::from_chars(dims.data(), dims.data() + dims.size(), l);
  if (r.ec == std::errc() && l > 0) length = static_cast<double>(l);
  detections_->vessel(mmsi, length, fixes);
}

void VesselWriter::add_event(UnixMillis start, std::uint32_t mmsi, const std::string& type,
                             std::string json) {
  events_.push_back(PendingEvent{start, mmsi, std::move(json)});
  ++totals_.events[type];
}

void VesselWriter::feature(const track::Segment& seg, std::size_t n, const std::vector<Observation>& pos,
                           const track::IdentityHistory& hist) {
  std::vector<const Observation*> pts;
  pts.reserve(seg.members.size());
  for (auto m : seg.members) pts.push_back(&pos[m]);
  std::string& s = buf_;
  s.clear();
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
  put_json_str(s, report::iso_seconds(t0));
  s.append(",\"end\":");
  put_json_str(s, report::iso_seconds(t1));
  s.append(",\"n_positions\":");
  put_u(s, pts.size());
  // Identity broadcast by the segment's transponder class in its time span
  // (track::segment_identity: GFW's 15 min info interval, then wider).
  const ingest::Transponder cls = track::majority_transponder(pos, seg.members);
  for (auto f : {IdentityField::name, IdentityField::callsign, IdentityField::imo,
                 IdentityField::shiptype}) {
    const std::string v = track::segment_identity(hist, f, t0, t1, cls);
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
  put_ref(s, names_, pts.front()->ref);
  s.append(",\"evidence_last\":");
  put_ref(s, names_, pts.back()->ref);
  s.append("}}");
  geo_.write(s.data(), static_cast<std::streamsize>(s.size()));
}

/// position_on_land: consecutive positions of a ship station more than the
/// margin inside GSHHG land (levels 1 and 3) make one event.  Base stations,
/// AtoN and other non-ship MMSIs sit on land legitimately and are not checked.
void VesselWriter::positions_on_land(std::uint32_t mmsi, const std::vector<Observation>& pos,
                                     const track::IdentityHistory& hist) {
  if (land_ == nullptr || hist.mmsi_class() != "ship") return;
  auto emit = [&](std::size_t from, std::size_t to) {  // [from, to)
    report::EventJson e(names_);
    const LineRef refs[2] = {pos[from].ref, pos[to - 1].ref};
    e.head("position_on_land", mmsi, pos[from].time, pos[to - 1].time)
        .at(pos[from].position.lat(), pos[from].position.lon())
        .evidence(refs);
    e.key("positions").u(to - from);
    add_event(pos[from].time, mmsi, "position_on_land", e.finish());
  };
  std::size_t run_start = pos.size();  // pos.size(): no open run
  for (std::size_t i = 0; i < pos.size(); ++i) {
    const auto& p = pos[i].position;
    const bool inland = land_->is_inland(p.lat(), p.lon(), cfg_.land.margin_m) &&
                        (ports_ == nullptr ||
                         ports_->within(p.lat(), p.lon(), cfg_.land.port_buffer_m).empty());
    if (inland && run_start == pos.size()) run_start = i;
    if (!inland && run_start != pos.size()) {
      emit(run_start, i);
      run_start = pos.size();
    }
  }
  if (run_start != pos.size()) emit(run_start, pos.size());
}

void VesselWriter::vessel(const std::vector<Observation>& obs) {
  if (obs.empty()) return;
  const std::uint32_t mmsi = obs.front().mmsi;
  ++totals_.vessels;
  std::vector<Observation> pos;
  track::IdentityHistory hist(mmsi, cfg_.identity);
  for (const auto& o : obs) {
    if (o.kind == Observation::Kind::position) {
      pos.push_back(o);
    } else {
      hist.add(o);
    }
  }
  const UnixMillis first = obs.front().time, last = obs.back().time;

  // Segment the positions (statics go to the identity history, never to tracks).
  track::LabelCollector segs;
  segs.keep_segments = true;
  {
    track::Segmenter segmenter(cfg_.segmenter, segs);
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
  if (store_ != nullptr) store_->vessel(mmsi, pos, tracks, hist, first, last);
  totals_.features += tracks.size();
  totals_.track_segments += tracks.size();
  totals_.noise += noise;
  totals_.dropped += pos.size() - members - noise;

  // Data-quality detectors (track/quality.h) over this MMSI's segmentation.
  std::vector<track::Ping> pings;
  pings.reserve(pos.size());
  for (const auto& o : pos) pings.push_back(track::Ping::from(o));
  track::QualityParams qp = cfg_.quality;
  qp.gfw = cfg_.segmenter;
  const auto shared = track::detect_shared_mmsi(pings, segs.labels, segs.segments, qp);
  const auto jumps = track::detect_position_jumps(pings, segs.labels, segs.segments, qp);
  // Segment::id -> the "mmsi-n" segment_id of tracks.geojson.
  std::vector<std::size_t> feature_of;
  for (std::size_t i = 0; i < tracks.size(); ++i) {
    if (feature_of.size() <= tracks[i]->id) feature_of.resize(tracks[i]->id + 1U, 0);
    feature_of[tracks[i]->id] = i;
  }
  auto segment_name = [&](std::uint32_t id) {
    return std::to_string(mmsi) + "-" + std::to_string(id < feature_of.size() ? feature_of[id] : 0);
  };
  for (const auto& q : shared) {
    report::EventJson e(names_);
    std::vector<LineRef> refs;
    for (auto i : q.evidence) refs.push_back(pos[i].ref);
    const UnixMillis start = us_to_ms(q.start_us);
    e.head("shared_mmsi", mmsi, start, us_to_ms(q.end_us)).at(q.lat, q.lon).evidence(refs);
    e.key("tracks").raw("[").str(segment_name(q.segment_a)).raw(",").str(segment_name(q.segment_b)).raw("]");
    e.key("paired_samples").u(q.paired);
    e.key("far_samples").u(q.far);
    e.key("max_distance_nm").fixed(q.max_distance_nm, 1);
    add_event(start, mmsi, "shared_mmsi", e.finish());
  }
  for (const auto& j : jumps) {
    report::EventJson e(names_);
    std::vector<LineRef> refs;
    for (auto i : j.evidence()) refs.push_back(pos[i].ref);
    const UnixMillis start = us_to_ms(j.start_us);
    const auto& p0 = pos[j.run.front()].position;
    e.head("position_jump", mmsi, start, us_to_ms(j.end_us)).at(p0.lat(), p0.lon()).evidence(refs);
    e.key("implied_speed_kn").fixed(j.implied_speed_kn, 1);
    e.key("distance_km").fixed(j.distance_km, 3);
    e.key("positions").u(j.run.size());
    add_event(start, mmsi, "position_jump", e.finish());
  }
  positions_on_land(mmsi, pos, hist);
  if (detections_ != nullptr) detection_fixes(mmsi, tracks, pos, hist);
  if (screener_ != nullptr) screen(mmsi, obs, pos, hist);

  if (behaviour_ != nullptr) {
    // Track members only (noise is not where the vessel was), in time order.
    std::vector<detect::Fix> fixes;
    fixes.reserve(members);
    for (std::size_t i = 0; i < tracks.size(); ++i) {
      for (auto m : tracks[i]->members) {
        const auto& o = pos[m];
        detect::Fix f;
        f.time = o.time;
        f.lat = o.position.lat();
        f.lon = o.position.lon();
        if (o.position.sog && *o.position.sog < 1023) f.sog_kn = *o.position.sog / 10.0;
        f.ref = o.ref;
        f.segment = static_cast<std::uint32_t>(i);
        fixes.push_back(f);
      }
    }
    std::stable_sort(fixes.begin(), fixes.end(), [](const detect::Fix& a, const detect::Fix& b) {
      if (a.time != b.time) return a.time < b.time;
      if (a.ref.source != b.ref.source) return a.ref.source < b.ref.source;
      return a.ref.line < b.ref.line;
    });
    std::vector<detect::DraughtReport> draughts;
    for (const auto& o : obs)
      if (o.kind == Observation::Kind::static_info && o.info.draught && *o.info.draught > 0)
        draughts.push_back(detect::DraughtReport{o.time, *o.info.draught / 10.0, o.ref});
    behaviour_->vessel(mmsi, fixes, draughts);
  }

  // vessels.csv
  std::string& c = buf_;
  c.clear();
  put_u(c, mmsi);
  c.push_back(',');
  put_csv(c, hist.mmsi_class());
  c.push_back(',');
  put_csv(c, hist.flag());
  c.push_back(',');
  c.append(report::iso_seconds(first)).push_back(',');
  c.append(report::iso_seconds(last)).push_back(',');
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
  csv_.write(c.data(), static_cast<std::streamsize>(c.size()));

  // identity_change events
  for (const auto& ch : hist.changes()) {
    report::EventJson e(names_);
    e.head("identity_change", mmsi, ch.start, ch.end);
    if (const auto* p = nearest(pos, ch.start)) e.at(p->position.lat(), p->position.lon());
    e.evidence(ch.evidence);
    for (int side = 0; side < 2; ++side) {
      e.key(side == 0 ? "before" : "after").raw("{");
      for (std::size_t i = 0; i < ch.fields.size(); ++i) {
        const auto& f = ch.fields[i];
        if (i > 0) e.raw(",");
        e.str(track::identity_field_name(f.field)).raw(":");
        const std::string& v = side == 0 ? f.before : f.after;
        if (f.field == IdentityField::imo || f.field == IdentityField::shiptype) {
          e.raw(v);
        } else {
          e.str(v);
        }
      }
      e.raw("}");
    }
    add_event(ch.start, mmsi, "identity_change", e.finish());
  }
}

void VesselWriter::finish_cross_vessel() {
  if (behaviour_ != nullptr) behaviour_->finish();
}

void VesselWriter::finish(std::string summary) {
  geo_ << (first_feature_ ? "]}\n" : "\n]}\n");
  geo_.close();
  csv_.close();
  if (!geo_ || !csv_) throw std::runtime_error("cannot write " + dir_.string());
  std::stable_sort(events_.begin(), events_.end(), [](const PendingEvent& a, const PendingEvent& b) {
    if (a.start != b.start) return a.start < b.start;
    return a.mmsi < b.mmsi;
  });
  if (store_ != nullptr)
    for (const auto& e : events_) store_->event(e.json);
  {
    auto ev = open_out(dir_ / "events.jsonl");
    for (const auto& e : events_) ev.write(e.json.data(), static_cast<std::streamsize>(e.json.size()));
    if (!ev) throw std::runtime_error("cannot write events.jsonl");
  }
  summary.append(",\"vessels\":");
  put_u(summary, totals_.vessels);
  summary.append(",\"segments\":{\"tracks\":");
  put_u(summary, totals_.track_segments);
  summary.append(",\"features\":");
  put_u(summary, totals_.features);
  summary.append(",\"noise_positions\":");
  put_u(summary, totals_.noise);
  summary.append(",\"dropped_positions\":");
  put_u(summary, totals_.dropped);
  summary.append("},\"events\":{");
  const char* sep = "";
  for (const auto& [type, n] : totals_.events) {
    summary.append(sep);
    sep = ",";
    put_json_str(summary, type);
    summary.push_back(':');
    put_u(summary, n);
  }
  summary.append("}}\n");
  report::write_text_file((dir_ / "summary.json").string(), summary);
}

}  // namespace tidewatch::analyze
