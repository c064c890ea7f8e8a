#include "tidewatch/sim/simulator.h"

#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/GeodesicLine.hpp>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <queue>
#include <stdexcept>
#include <string>

#include "tidewatch/ais/encode.h"
#include "tidewatch/geo/distance.h"
#include "tidewatch/report/out_buffer.h"
#include "tidewatch/sim/random.h"
#include "tidewatch/sim/scenarios.h"
#include "tidewatch/version.h"
#include "geodesic.h"

namespace tidewatch::sim {
namespace {

constexpr double kRad = std::numbers::pi / 180.0;
constexpr double kMetresPerDegreeLat = 111320.0;  // for GNSS noise only (metres to degrees)
constexpr std::size_t kFlushAt = 1 << 20;

/// A report a scenario vessel's receiver log keeps.
struct Received {
  UnixMillis t = 0;
  bool position = false;       ///< position report; otherwise static
  double lat = 0, lon = 0;     ///< as encoded (what a decoder reads), position reports
  double sog_kn = 0;           ///< as encoded
  bool spoofed = false;
  std::uint16_t static_index = 0;  ///< VesselSpec::statics index, static reports
};

/// A vessel while the simulation runs.
struct Runtime {
  const VesselSpec* spec = nullptr;
  SplitMix64 rng;
  std::size_t leg = 0;               ///< index into spec->legs (scripted vessels)
  Leg roam_leg;                      ///< current leg (roaming vessels)
  bool roam_started = false;
  GeographicLib::GeodesicLine line;  ///< the current moving leg's geodesic
  bool line_ok = false;
  int spoof_left = 0;
  std::uint8_t channel = 0;
  // Gap bookkeeping: the last received position and what happened since.
  bool has_rx = false;
  UnixMillis last_rx = 0;
  double last_lat = 0, last_lon = 0;
  bool off_since = false, hole_since = false;
  std::vector<Received> log;
};

struct Event {
  UnixMillis t;
  std::uint32_t vessel;
  std::uint8_t kind;  // 0 position, 1 static
};
struct Later {
  bool operator()(const Event& a, const Event& b) const noexcept {
    if (a.t != b.t) return a.t > b.t;
    if (a.vessel != b.vessel) return a.vessel > b.vessel;
    return a.kind > b.kind;
  }
};

/// The next roaming leg: to a waypoint chosen uniformly in the box, at
/// least 20 km away; legs longer than 400 km are cut there, so the geodesic
/// stays within a few km of the box (which has a wide water margin).
void next_roam_leg(Runtime& v, UnixMillis start, LatLon from) {
  const VesselSpec& s = *v.spec;
  double s12 = 0, azi1 = 0, azi2 = 0;
  LatLon to;
  for (int tries = 0; tries < 100; ++tries) {
    const double u_lat = uniform01(v.rng);
    to = point_in_box(*s.roam, u_lat, uniform01(v.rng));
    wgs84().Inverse(from.lat, from.lon, to.lat, to.lon, s12, azi1, azi2);
    if (s12 >= 20000) break;
  }
  s12 = std::min(s12, 400000.0);
  Leg& l = v.roam_leg;
  l.start = start;
  l.end = start + std::max<UnixMillis>(1000, hours_ms(s12 / (s.roam_speed_kn * kMetresPerNm)));
  l.from = from;
  l.azimuth = azi1;
  l.speed_kn = s.roam_speed_kn;
  l.status = kUnderWay;
  v.line_ok = false;
}

/// The leg the vessel is on at `t` (t never decreases for one vessel).
const Leg& leg_at(Runtime& v, UnixMillis t) {
  const VesselSpec& s = *v.spec;
  if (s.roam) {
    if (!v.roam_started) {
      next_roam_leg(v, s.active_start, s.roam_start);
      v.roam_started = true;
    }
    while (t >= v.roam_leg.end) next_roam_leg(v, v.roam_leg.end, position_on(v.roam_leg, v.roam_leg.end).position);
    return v.roam_leg;
  }
  while (v.leg + 1 < s.legs.size() && t >= s.legs[v.leg].end) {
    ++v.leg;
    v.line_ok = false;
  }
  return s.legs[v.leg];
}

Motion motion_at(Runtime& v, UnixMillis t) {
  const Leg& l = leg_at(v, t);
  Motion m;
  m.status = l.status;
  m.speed_kn = l.speed_kn;
  if (l.speed_kn <= 0) {
    m.position = l.from;
    m.course = l.azimuth;
    return m;
  }
  if (!v.line_ok) {
    v.line = wgs84().Line(l.from.lat, l.from.lon, l.azimuth,
                          GeographicLib::Geodesic::LATITUDE | GeographicLib::Geodesic::LONGITUDE |
                              GeographicLib::Geodesic::AZIMUTH | GeographicLib::Geodesic::DISTANCE_IN);
    v.line_ok = true;
  }
  const double s = l.speed_kn * kMetresPerNm * static_cast<double>(t - l.start) / 3.6e6;
  v.line.Position(s, m.position.lat, m.position.lon, m.course);
  return m;
}

/// ITU-R M.1371-5 Annex 1 Table 1 (Class A) and the Class B CS rates, in ms.
UnixMillis report_interval(const SimOptions& o, bool class_b, const Motion& m) {
  if (o.interval_s) return static_cast<UnixMillis>(*o.interval_s * 1000);
  if (class_b) return m.speed_kn > 2 ? 30000 : 180000;
  if ((m.status == kAtAnchor || m.status == kMoored) && m.speed_kn <= 3) return 180000;
  if (m.speed_kn <= 14) return 10000;
  if (m.speed_kn <= 23) return 6000;
  return 2000;
}

std::size_t static_index_at(const VesselSpec& s, UnixMillis t) {
  std::size_t i = 0;
  while (i + 1 < s.statics.size() && t >= s.statics[i + 1].from) ++i;
  return i;
}

void copy_text(std::string_view from, auto& to) {
  to.clear();
  for (char c : from) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    to.push_back(c);
  }
}

ais::Eta eta_of(UnixMillis eta) {
  ais::Eta e;
  if (eta == 0) return e;
  char iso[kIso8601Max];
  format_iso8601(eta, iso);  // YYYY-MM-DDTHH:MM:SSZ
  auto two = [&](int at) { return static_cast<std::uint8_t>((iso[at] - '0') * 10 + (iso[at + 1] - '0')); };
  e.month = two(5);
  e.day = two(8);
  e.hour = two(11);
  e.minute = two(14);
  return e;
}

class Engine {
 public:
  Engine(const SimOptions& o, World& w, ByteSink& sink) : o_(o), w_(w), sink_(sink), out_(kFlushAt + 4096) {
    gap_ms_ = hours_ms(o.truth_gap_hours);
    vessels_.resize(w.vessels.size());
    for (std::size_t i = 0; i < w.vessels.size(); ++i) {
      Runtime& v = vessels_[i];
      v.spec = &w.vessels[i];
      v.rng = SplitMix64(derive_seed(o.seed, 0x200000000ULL + v.spec->mmsi * 16ULL + i));
      if (v.spec->spoof) v.spoof_left = v.spec->spoof->count;
      if (v.spec->active_end <= v.spec->active_start) continue;
      // First reports at a random phase of their interval.
      const auto first_pos = v.spec->active_start + static_cast<UnixMillis>(uniform(v.rng, 0, 10000));
      const auto first_static = v.spec->active_start +
          static_cast<UnixMillis>(uniform(v.rng, 0, o.static_interval_s * 1000));
      queue_.push({first_pos, static_cast<std::uint32_t>(i), 0});
      queue_.push({first_static, static_cast<std::uint32_t>(i), 1});
    }
  }

  void run() {
    while (!queue_.empty()) {
      const Event e = queue_.top();
      queue_.pop();
      Runtime& v = vessels_[e.vessel];
      if (e.t >= v.spec->active_end || e.t >= w_.end) continue;
      if (e.kind == 0) {
        position(v, e);
      } else {
        statics(v, e);
      }
      if (out_.size() >= kFlushAt) flush();
    }
    flush();
  }

  std::vector<TruthEvent> gaps;
  SimStats stats;
  std::vector<Runtime>& vessels() { return vessels_; }

 private:
  void flush() {
    if (out_.size() == 0) return;
    sink_.write(out_.view());
    stats.bytes += out_.size();
    out_.clear();
  }

  /// Where the message is received, or nullptr when it is not.
  const std::string* reception(Runtime& v, LatLon where, UnixMillis t, bool forced) {
    for (const CoverageHole& h : w_.holes) {
      if (h.covers(where.lat, where.lon, t)) {
        ++stats.lost_hole;
        v.hole_since = true;
        return nullptr;
      }
    }
    const bool lost = chance(v.rng, o_.loss);
    if (lost && !forced) {
      ++stats.lost_random;
      return nullptr;
    }
    for (const Station& s : w_.stations) {
      // A degree of latitude is at least 110.5 km: most messages are far
      // from every station and need no trigonometry.
      if (std::fabs(where.lat - s.position.lat) * 110500.0 > s.range_m) continue;
      if (geo::haversine_m(where.lat, where.lon, s.position.lat, s.position.lon) <= s.range_m) return &s.id;
    }
    return &w_.satellite_id;
  }

  bool transmitting(const VesselSpec& s, UnixMillis t) const {
    for (const Window& w : s.ais_off)
      if (w.contains(t)) return false;
    return true;
  }

  void write(const ais::Message& m, const std::string& station, UnixMillis t, char channel,
             std::uint8_t seq) {
    ais::Payload p;
    if (const auto err = ais::encode_payload(m, p))  // a bug in the simulator, not bad input
      throw std::logic_error("simulate: cannot encode a type " + std::to_string(m.type) +
                             " message of MMSI " + std::to_string(m.mmsi) + ": " +
                             std::string(ais::encode_error_name(*err)));
    ais::SentenceOptions so;
    so.channel = channel;
    so.sequence_id = seq;
    so.station = station;
    so.time = t;
    out_.reserve(ais::sentences_max_size(p, so));
    char* c = out_.cursor();
    const std::size_t n = ais::write_sentences(p, so, c);
    out_.advance_to(c + n);
    ++stats.messages;
    ++stats.by_type[m.type];
    stats.lines += p.size > so.max_payload_chars ? (p.size + so.max_payload_chars - 1) / so.max_payload_chars : 1;
  }

  void position(Runtime& v, const Event& e) {
    const VesselSpec& s = *v.spec;
    const UnixMillis t = e.t;
    ++stats.reports;
    const Motion m = motion_at(v, t);
    const auto interval = static_cast<double>(report_interval(o_, s.class_b, m));
    queue_.push({t + static_cast<UnixMillis>(interval * uniform(v.rng, 0.97, 1.03)), e.vessel, 0});
    if (!transmitting(s, t)) {
      ++stats.not_sent;
      v.off_since = true;
      return;
    }
    // The reported position: the true one plus GNSS noise, or a false one.
    LatLon rep = m.position;
    bool spoofed = false;
    if (s.spoof && v.spoof_left > 0 && t >= s.spoof->start) {
      rep = destination(m.position, s.spoof->azimuth, s.spoof->distance_m);
      spoofed = true;
      --v.spoof_left;
    }
    const auto [n_lat, n_lon] = normal_pair(v.rng);
    rep.lat += n_lat * o_.gnss_noise_m / kMetresPerDegreeLat;
    rep.lon += n_lon * o_.gnss_noise_m / (kMetresPerDegreeLat * std::cos(rep.lat * kRad));
    rep.lon = normalize_lon(rep.lon);
    const bool moving = m.speed_kn > 0;
    const auto [sog_noise, cog_noise] = normal_pair(v.rng);
    const double hdg_noise = normal(v.rng);
    const double still_cog = uniform(v.rng, 0, 3600);
    const bool still_tenth = chance(v.rng, 0.2);
    const std::string* station = reception(v, m.position, t, spoofed);
    if (station == nullptr) return;

    const auto lat = static_cast<std::int32_t>(std::lround(rep.lat * 600000.0));
    const auto lon = static_cast<std::int32_t>(std::lround(rep.lon * 600000.0));
    std::uint16_t sog = 0;
    if (moving) {
      sog = static_cast<std::uint16_t>(std::clamp<long>(std::lround((m.speed_kn + 0.05 * sog_noise) * 10), 0, 1022));
    } else {
      sog = still_tenth ? 1 : 0;
    }
    double course = moving ? m.course + 0.5 * cog_noise : still_cog / 10.0;
    course = std::fmod(course, 360.0);
    if (course < 0) course += 360.0;
    auto cog = static_cast<std::uint16_t>(std::lround(course * 10) % 3600);
    double hdg = moving ? m.course + 1.5 * hdg_noise : m.course;
    hdg = std::fmod(std::round(hdg), 360.0);
    if (hdg < 0) hdg += 360.0;
    const auto second = static_cast<std::uint8_t>((t / 1000) % 60);

    ais::Message msg;
    msg.mmsi = s.mmsi;
    if (s.class_b) {
      msg.type = 18;
      auto& b = msg.body.emplace<ais::PositionReportB>();
      b.speed = sog;
      b.lon = lon;
      b.lat = lat;
      b.course = cog;
      b.second = second;
      b.cs = true;
      b.dsc = true;
      b.band = true;
      b.msg22 = true;
      b.radio = 917510;  // CS units: selector 1, fixed state 1100000000000000110
    } else {
      msg.type = 1;
      auto& a = msg.body.emplace<ais::PositionReportA>();
      a.status = m.status;
      a.turn = 0;
      a.speed = sog;
      a.lon = lon;
      a.lat = lat;
      a.course = cog;
      a.heading = static_cast<std::uint16_t>(hdg);
      a.second = second;
      // SOTDMA communication state: UTC direct, slot time-out 0..7, slot number.
      const auto slot = static_cast<std::uint32_t>((t % 60000) * 2250 / 60000);
      a.radio = (static_cast<std::uint32_t>((t / 60000) % 8) << 14) | slot;
    }
    const char channel = v.channel++ % 2 == 0 ? 'A' : 'B';
    write(msg, *station, t, channel, 0);

    // What a decoder sees: the encoded position and the tag block's second.
    const double lat_deg = lat / 600000.0, lon_deg = lon / 600000.0;
    const UnixMillis rx = t - t % 1000;
    if (s.log) v.log.push_back({rx, true, lat_deg, lon_deg, sog / 10.0, spoofed, 0});
    if (v.has_rx && rx - v.last_rx >= gap_ms_) {
      TruthEvent g;
      g.type = "gap";
      g.scenario = s.scenario;
      g.mmsi = s.mmsi;
      g.start = v.last_rx;
      g.end = rx;
      g.lat = v.last_lat;
      g.lon = v.last_lon;
      g.end_lat = lat_deg;
      g.end_lon = lon_deg;
      g.cause = v.off_since ? "ais_off" : v.hole_since ? "coverage_hole" : "reception_loss";
      g.suspected_disabling = v.off_since;
      gaps.push_back(std::move(g));
    }
    v.has_rx = true;
    v.last_rx = rx;
    v.last_lat = lat_deg;
    v.last_lon = lon_deg;
    v.off_since = v.hole_since = false;
  }

  void statics(Runtime& v, const Event& e) {
    const VesselSpec& s = *v.spec;
    const UnixMillis t = e.t;
    ++stats.reports;
    queue_.push({t + static_cast<UnixMillis>(o_.static_interval_s * 1000 * uniform(v.rng, 0.99, 1.01)),
                 e.vessel, 1});
    if (!transmitting(s, t)) {
      ++stats.not_sent;
      return;
    }
    const Motion m = motion_at(v, t);
    const std::string* station = reception(v, m.position, t, false);
    if (station == nullptr) return;
    const std::size_t index = static_index_at(s, t);
    const StaticInfo& info = s.statics[index];
    const char channel = v.channel++ % 2 == 0 ? 'A' : 'B';
    ais::Message msg;
    msg.mmsi = s.mmsi;
    if (s.class_b) {
      msg.type = 24;
      auto& a = msg.body.emplace<ais::StaticDataReport>();
      a.part = ais::StaticDataReport::Part::A;
      copy_text(info.name, a.shipname);
      write(msg, *station, t, channel, 0);
      auto& b = msg.body.emplace<ais::StaticDataReport>();
      b.part = ais::StaticDataReport::Part::B;
      b.shiptype = info.shiptype;
      copy_text("SRT", b.vendorid);
      b.model = 1;
      b.serial = s.mmsi % 1000000;
      copy_text(info.callsign, b.callsign);
      b.dimensions = info.dimensions;
      write(msg, *station, t, channel, 0);
    } else {
      msg.type = 5;
      auto& a = msg.body.emplace<ais::StaticAndVoyage>();
      a.ais_version = 2;
      if (info.imo != 0) a.imo = info.imo;
      copy_text(info.callsign, a.callsign);
      copy_text(info.name, a.shipname);
      a.shiptype = info.shiptype;
      a.dimensions = info.dimensions;
      a.epfd = 1;  // GPS
      a.eta = eta_of(info.eta);
      if (info.draught_m > 0) a.draught = static_cast<std::uint8_t>(std::lround(info.draught_m * 10));
      copy_text(info.destination, a.destination);
      a.dte = 0;
      write(msg, *station, t, channel, seq_);
      seq_ = static_cast<std::uint8_t>((seq_ + 1) % 10);
    }
    if (s.log) {
      Received r;
      r.t = t - t % 1000;  // the tag block's second
      r.static_index = static_cast<std::uint16_t>(index);
      v.log.push_back(r);
    }
  }

  const SimOptions& o_;
  World& w_;
  ByteSink& sink_;
  report::OutBuffer out_;
  std::vector<Runtime> vessels_;
  std::priority_queue<Event, std::vector<Event>, Later> queue_;
  UnixMillis gap_ms_ = 0;
  std::uint8_t seq_ = 0;
};

// ---- scenario truth from the receivers' logs ------------------------------------

const Received* first_position(const std::vector<Received>& log, UnixMillis from, UnixMillis to) {
  for (const Received& r : log)
    if (r.position && !r.spoofed && r.t >= from && r.t < to) return &r;
  return nullptr;
}
const Received* last_position(const std::vector<Received>& log, UnixMillis from, UnixMillis to) {
  for (auto it = log.rbegin(); it != log.rend(); ++it)
    if (it->position && !it->spoofed && it->t >= from && it->t < to) return &*it;
  return nullptr;
}
/// The received true position nearest in time to t.
const Received* nearest_position(const std::vector<Received>& log, UnixMillis t) {
  const Received* best = nullptr;
  for (const Received& r : log) {
    if (!r.position || r.spoofed) continue;
    if (best == nullptr || std::llabs(r.t - t) < std::llabs(best->t - t)) best = &r;
  }
  return best;
}

/// The true position of a scripted vessel at t.
LatLon true_position(const VesselSpec& s, UnixMillis t) {
  for (const Leg& l : s.legs)
    if (t >= l.start && t < l.end) return position_on(l, t).position;
  return position_on(s.legs.back(), std::min(t, s.legs.back().end)).position;
}

TruthEvent head(const char* type, const ScenarioInfo& info, const VesselSpec& v) {
  TruthEvent e;
  e.type = type;
  e.scenario = info.name;
  e.mmsi = v.mmsi;
  return e;
}

/// First static report with statics index >= 1 and the last before it.
std::pair<const Received*, const Received*> static_change(const std::vector<Received>& log) {
  const Received* last_old = nullptr;
  for (const Received& r : log) {
    if (r.position) continue;
    if (r.static_index == 0) last_old = &r;
    if (r.static_index >= 1) return {last_old, &r};
  }
  return {last_old, nullptr};
}

void scenario_truth(const World& w, std::vector<Runtime>& rt, const std::vector<TruthEvent>& gaps,
                    std::vector<TruthEvent>& out) {
  for (const ScenarioInfo& info : w.scenarios) {
    const VesselSpec& a = w.vessels[info.vessels[0]];
    const auto& log_a = rt[info.vessels[0]].log;
    if (info.name == "dark_port_visit") {
      for (const TruthEvent& g : gaps) {
        if (g.mmsi != a.mmsi || g.start > info.start || g.end < info.end) continue;
        TruthEvent e = head("possible_port_visit", info, a);
        e.start = g.start;
        e.end = g.end;
        e.lat = info.port->position.lat;
        e.lon = info.port->position.lon;
        e.port_name = info.port->name;
        e.port_locode = info.port->locode;
        e.gap_start = g.start;
        e.gap_end = g.end;
        e.arrival = info.start;
        e.departure = info.end;
        out.push_back(std::move(e));
      }
      const auto [old_r, new_r] = static_change(log_a);
      if (new_r != nullptr) {
        TruthEvent e = head("draught_change", info, a);
        e.start = e.end = new_r->t;
        if (const Received* p = nearest_position(log_a, new_r->t)) {
          e.lat = p->lat;
          e.lon = p->lon;
        }
        e.draught_before_m = a.statics[0].draught_m;
        e.draught_after_m = a.statics[new_r->static_index].draught_m;
        if (old_r != nullptr) e.last_before = old_r->t;
        out.push_back(std::move(e));
      }
    } else if (info.name == "port_visit") {
      const Received* first = first_position(log_a, info.start, info.end);
      const Received* last = last_position(log_a, info.start, info.end);
      if (first == nullptr) continue;
      TruthEvent e = head("port_visit", info, a);
      e.start = first->t;
      e.end = last->t;
      e.lat = first->lat;
      e.lon = first->lon;
      e.port_name = info.port->name;
      e.port_locode = info.port->locode;
      e.arrival = info.start;
      e.departure = info.end;
      out.push_back(std::move(e));
    } else if (info.name == "sts_transfer" || info.name == "shared_mmsi") {
      const VesselSpec& b = w.vessels[info.vessels[1]];
      const auto& log_b = rt[info.vessels[1]].log;
      const Received* fa = first_position(log_a, info.start, info.end);
      const Received* fb = first_position(log_b, info.start, info.end);
      const Received* la = last_position(log_a, info.start, info.end);
      const Received* lb = last_position(log_b, info.start, info.end);
      if (fa == nullptr || fb == nullptr) continue;
      const UnixMillis start = std::max(fa->t, fb->t), end = std::min(la->t, lb->t);
      const Received* at_a = first_position(log_a, start, info.end);
      const Received* at_b = first_position(log_b, start, info.end);
      std::vector<double> d;
      for (UnixMillis t = info.start; t < info.end; t += 60000)
        d.push_back(distance_m(true_position(a, t), true_position(b, t)));
      std::sort(d.begin(), d.end());
      if (info.name == "sts_transfer") {
        const bool a_first = a.mmsi < b.mmsi;
        TruthEvent e = head("encounter", info, a_first ? a : b);
        e.other_mmsi = a_first ? b.mmsi : a.mmsi;
        e.start = start;
        e.end = end;
        const Received* at = a_first ? at_a : at_b;
        e.lat = at->lat;
        e.lon = at->lon;
        e.median_distance_m = d[d.size() / 2];
        out.push_back(std::move(e));
        // The drift (5 h at 0.3-0.6 kn, over 100 km from shore) also meets
        // GFW's loitering definition (< 2 kn for >= 4 h, >= 20 nm from
        // shore), as GFW reports for carriers: one loitering truth per ship.
        for (int k = 0; k < 2; ++k) {
          const VesselSpec& v = k == 0 ? a : b;
          const auto& log = k == 0 ? log_a : log_b;
          const Received* f = first_position(log, info.start, info.end);
          const Received* l = last_position(log, info.start, info.end);
          TruthEvent lo = head("loitering", info, v);
          lo.start = f->t;
          lo.end = l->t;
          lo.lat = f->lat;
          lo.lon = f->lon;
          out.push_back(std::move(lo));
        }
      } else {
        TruthEvent e = head("shared_mmsi", info, a);
        e.start = start;
        e.end = end;
        e.lat = at_a->lat;
        e.lon = at_a->lon;
        e.tracks.push_back({a.role, at_a->lat, at_a->lon});
        e.tracks.push_back({b.role, at_b->lat, at_b->lon});
        e.min_distance_nm = d.front() / kMetresPerNm;
        out.push_back(std::move(e));
      }
    } else if (info.name == "loitering") {
      const Received* first = first_position(log_a, info.start, info.end);
      const Received* last = last_position(log_a, info.start, info.end);
      if (first == nullptr) continue;
      TruthEvent e = head("loitering", info, a);
      e.start = first->t;
      e.end = last->t;
      e.lat = first->lat;
      e.lon = first->lon;
      out.push_back(std::move(e));
    } else if (info.name == "spoofing") {
      const Received* good = nullptr;
      const Received* first = nullptr;
      const Received* last = nullptr;
      double worst_km = 0, worst_kn = 0;
      std::uint32_t n = 0;
      for (const Received& r : log_a) {
        if (!r.position) continue;
        if (!r.spoofed) {
          if (first != nullptr) break;  // back on the track
          good = &r;
          continue;
        }
        if (first == nullptr) first = &r;
        last = &r;
        ++n;
        if (good != nullptr) {
          const double km = geo::haversine_m(good->lat, good->lon, r.lat, r.lon) / 1000;
          const double hours = std::max<double>(1000, static_cast<double>(r.t - good->t)) / 3.6e6;
          if (km / hours * 1000 / kMetresPerNm > worst_kn) {
            worst_kn = km / hours * 1000 / kMetresPerNm;
            worst_km = km;
          }
        }
      }
      if (first == nullptr) continue;
      TruthEvent e = head("position_jump", info, a);
      e.start = first->t;
      e.end = last->t;
      e.lat = first->lat;
      e.lon = first->lon;
      e.implied_speed_kn = worst_kn;
      e.distance_km = worst_km;
      e.positions = n;
      out.push_back(std::move(e));
    } else if (info.name == "identity_change") {
      const auto [old_r, new_r] = static_change(log_a);
      if (new_r == nullptr) continue;
      TruthEvent e = head("identity_change", info, a);
      e.start = e.end = new_r->t;
      if (const Received* p = nearest_position(log_a, new_r->t)) {
        e.lat = p->lat;
        e.lon = p->lon;
      }
      const StaticInfo& b0 = a.statics[0];
      const StaticInfo& b1 = a.statics[new_r->static_index];
      if (b0.name != b1.name) {
        e.before.emplace_back("name", b0.name);
        e.after.emplace_back("name", b1.name);
      }
      if (b0.callsign != b1.callsign) {
        e.before.emplace_back("callsign", b0.callsign);
        e.after.emplace_back("callsign", b1.callsign);
      }
      if (old_r != nullptr) e.last_before = old_r->t;
      out.push_back(std::move(e));
    }
    // coverage_hole: its gap is among the gaps; crossing: no event by design.
  }
}

void put_box(std::string& s, const Box& b) {
  s += "{\"lat_min\":";
  json::number(s, b.lat_min, 6);
  s += ",\"lat_max\":";
  json::number(s, b.lat_max, 6);
  s += ",\"lon_min\":";
  json::number(s, b.lon_min, 6);
  s += ",\"lon_max\":";
  json::number(s, b.lon_max, 6);
  s += ",\"area_km2\":";
  json::number(s, b.area_km2(), 0);
  s += '}';
}

}  // namespace

SimResult simulate(const SimOptions& options, ByteSink& nmea) {
  if (options.interval_s && !(*options.interval_s >= 0.1))
    throw std::invalid_argument("--interval must be at least 0.1 s");
  if (!(options.static_interval_s >= 1)) throw std::invalid_argument("static interval must be >= 1 s");
  if (!(options.loss >= 0 && options.loss <= 1)) throw std::invalid_argument("--loss must be in 0..1");
  SimResult r;
  r.world = build_world(options);
  Engine engine(options, r.world, nmea);
  engine.run();
  r.stats = engine.stats;
  r.truth = engine.gaps;
  scenario_truth(r.world, engine.vessels(), engine.gaps, r.truth);
  sort_truth(r.truth);
  return r;
}

std::string scenario_json(const SimOptions& o, const SimResult& r) {
  const World& w = r.world;
  std::string s = "{\"program\":\"tidewatch simulate\",\"version\":";
  json::string(s, kVersion);
  s += ",\"options\":{\"seed\":";
  s += std::to_string(o.seed);
  s += ",\"start\":";
  json::time(s, w.start);
  s += ",\"end\":";
  json::time(s, w.end);
  s += ",\"hours\":";
  json::number(s, o.hours, 3);
  s += ",\"vessels\":";
  s += std::to_string(o.vessels);
  s += ",\"density_per_10000km2\":";
  if (o.density) {
    json::number(s, *o.density, 6);
  } else {
    s += "null";
  }
  s += ",\"region\":";
  json::string(s, o.region);
  s += ",\"scenarios\":[";
  const auto names = resolve_scenarios(o.scenarios);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) s += ',';
    json::string(s, names[i]);
  }
  s += "],\"interval_s\":";
  if (o.interval_s) {
    json::number(s, *o.interval_s, 3);
  } else {
    s += "null";
  }
  s += ",\"static_interval_s\":";
  json::number(s, o.static_interval_s, 3);
  s += ",\"loss\":";
  json::number(s, o.loss, 6);
  s += ",\"gnss_noise_m\":";
  json::number(s, o.gnss_noise_m, 3);
  s += ",\"class_b_fraction\":";
  json::number(s, o.class_b_fraction, 6);
  s += ",\"truth_gap_hours\":";
  json::number(s, o.truth_gap_hours, 3);
  s += "},\"region\":{\"name\":";
  json::string(s, w.region);
  s += ",\"box\":";
  put_box(s, w.region_box);
  s += "},\"background_box\":";
  put_box(s, w.background_box);
  s += ",\"stations\":[";
  for (std::size_t i = 0; i < w.stations.size(); ++i) {
    if (i > 0) s += ',';
    s += "{\"id\":";
    json::string(s, w.stations[i].id);
    s += ",\"lat\":";
    json::number(s, w.stations[i].position.lat, 6);
    s += ",\"lon\":";
    json::number(s, w.stations[i].position.lon, 6);
    s += ",\"range_m\":";
    json::number(s, w.stations[i].range_m, 0);
    s += '}';
  }
  s += "],\"satellite\":";
  json::string(s, w.satellite_id);
  s += ",\"holes\":[";
  for (std::size_t i = 0; i < w.holes.size(); ++i) {
    if (i > 0) s += ',';
    s += "{\"box\":";
    put_box(s, w.holes[i].box);
    s += ",\"start\":";
    json::time(s, w.holes[i].start);
    s += ",\"end\":";
    json::time(s, w.holes[i].end);
    s += '}';
  }
  s += "],\"ports\":[";
  for (std::size_t i = 0; i < w.ports.size(); ++i) {
    if (i > 0) s += ',';
    s += "{\"name\":";
    json::string(s, w.ports[i].name);
    s += ",\"locode\":";
    json::string(s, w.ports[i].locode);
    s += ",\"lat\":";
    json::number(s, w.ports[i].position.lat, 6);
    s += ",\"lon\":";
    json::number(s, w.ports[i].position.lon, 6);
    s += '}';
  }
  s += "],\"scenarios\":[";
  for (std::size_t i = 0; i < w.scenarios.size(); ++i) {
    if (i > 0) s += ',';
    s += w.scenarios[i].json;
  }
  const SimStats& st = r.stats;
  s += "],\"counts\":{\"vessels\":";
  s += std::to_string(w.vessels.size());
  s += ",\"reports\":";
  s += std::to_string(st.reports);
  s += ",\"not_sent\":";
  s += std::to_string(st.not_sent);
  s += ",\"lost_hole\":";
  s += std::to_string(st.lost_hole);
  s += ",\"lost_random\":";
  s += std::to_string(st.lost_random);
  s += ",\"messages\":";
  s += std::to_string(st.messages);
  s += ",\"by_type\":{";
  bool first = true;
  for (std::size_t t = 1; t < st.by_type.size(); ++t) {
    if (st.by_type[t] == 0) continue;
    if (!first) s += ',';
    first = false;
    s += '"';
    s += std::to_string(t);
    s += "\":";
    s += std::to_string(st.by_type[t]);
  }
  s += "},\"lines\":";
  s += std::to_string(st.lines);
  s += ",\"bytes\":";
  s += std::to_string(st.bytes);
  s += ",\"truth_events\":";
  s += std::to_string(r.truth.size());
  s += ",\"truth_by_type\":{";
  std::vector<std::pair<std::string, std::size_t>> by;
  for (const TruthEvent& e : r.truth) {
    auto it = std::find_if(by.begin(), by.end(), [&](const auto& p) { return p.first == e.type; });
    if (it == by.end()) {
      by.emplace_back(e.type, 1);
    } else {
      ++it->second;
    }
  }
  std::sort(by.begin(), by.end());
  for (std::size_t i = 0; i < by.size(); ++i) {
    if (i > 0) s += ',';
    json::string(s, by[i].first);
    s += ":";
    s += std::to_string(by[i].second);
  }
  s += "}}}\n";
  return s;
}

}  // namespace tidewatch::sim
