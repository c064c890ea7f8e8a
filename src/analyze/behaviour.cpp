#include "behaviour.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "tidewatch/detect/concurrent_gaps.h"
#include "tidewatch/detect/loitering.h"
#include "tidewatch/detect/port_visit.h"
#include "tidewatch/detect/possible_port_visit.h"
#include "tidewatch/geo/sea_route.h"
#include "tidewatch/geo/shore.h"
#include "tidewatch/ports/port.h"
#include "tidewatch/report/event_json.h"

namespace tidewatch::analyze {

namespace {

void put_port(report::EventJson& e, const ports::Port& p) {
  e.key("port").raw("{\"name\":").str(p.name).raw(",\"locode\":").str(p.locode);
  if (p.wpi != 0) e.raw(",\"wpi\":").u(p.wpi);
  e.raw("}");
}

}  // namespace

std::vector<std::string> Behaviour::event_types() {
  return {"draught_change", "encounter", "gap", "loitering", "port_visit", "possible_port_visit"};
}

Behaviour::Behaviour(const Config& config, const std::vector<std::string>& names,
                     const ports::PortIndex& ports, const geo::ShoreDistance* shore,
                     const geo::SeaRouter* router, EventOut out)
    : cfg_(config),
      names_(names),
      ports_(ports),
      shore_(shore),
      router_(router),
      out_(std::move(out)),
      coverage_(config.coverage) {
  // Without a shoreline every position counts as far from shore (documented:
  // loitering and encounters then ignore the distance-from-shore rule).
  if (shore_ != nullptr) {
    shore_fn_ = [s = shore_](double lat, double lon) { return s->km(lat, lon); };
  } else {
    shore_fn_ = [](double, double) { return std::numeric_limits<double>::infinity(); };
  }
  in_port_fn_ = [p = &ports_](double lat, double lon) { return p->in_port(lat, lon); };
  encounters_ = std::make_unique<detect::EncounterDetector>(cfg_.encounter, shore_fn_, in_port_fn_);
  const auto list = ports_.ports();
  port_points_.reserve(list.size());
  for (std::uint32_t i = 0; i < list.size(); ++i)
    port_points_.push_back(detect::PortPoint{i, list[i].lat, list[i].lon});
}

/// possible_port_visit: one event per port the vessel could have reached and
/// left again during the gap (sea routes around land when the shoreline is
/// available, great circles otherwise).
void Behaviour::possible_port_visits(std::uint32_t mmsi, const PendingGap& g, double observed_top_kn) {
  const auto found = detect::possible_port_visits(g.ends[0], g.ends[1], port_points_, router_,
                                                  cfg_.possible_port_visit, observed_top_kn);
  for (const auto& v : found.visits) {
    const ports::Port& port = ports_[v.port];
    report::EventJson e(names_);
    const LineRef refs[2] = {g.ends[0].ref, g.ends[1].ref};
    e.head("possible_port_visit", mmsi, g.gap.start, g.gap.end).at(port.lat, port.lon).evidence(refs);
    put_port(e, port);
    e.key("gap_start").time(g.gap.start);
    e.key("gap_end").time(g.gap.end);
    e.key("route_nm").fixed(v.route_nm, 1);
    e.key("great_circle_nm").fixed(v.great_circle_nm, 1);
    e.key("speed_kn").fixed(found.speed_kn, 1);
    e.key("earliest_arrival").time(v.earliest_arrival);
    e.key("latest_departure").time(v.latest_departure);
    e.key("max_stay_h").fixed(v.max_stay_h, 1);
    e.key("routing").str(router_ != nullptr ? "sea" : "great_circle");
    out_(g.gap.start, mmsi, "possible_port_visit", e.finish());
  }
}

Behaviour::~Behaviour() = default;

void Behaviour::vessel(std::uint32_t mmsi, std::span<const detect::Fix> fixes,
                       std::span<const detect::DraughtReport> draughts) {
  coverage_.add_vessel(mmsi, fixes);
  encounters_->add_vessel(mmsi, fixes);

  const auto gaps = detect::detect_gaps(fixes, cfg_.gap);
  const double top_kn =
      gaps.empty() ? 0.0 : detect::observed_top_speed_kn(fixes, cfg_.possible_port_visit);
  for (const auto& g : gaps) {
    PendingGap p;
    p.mmsi = mmsi;
    p.ends[0] = fixes[g.before];
    p.ends[1] = fixes[g.after];
    p.gap = g;
    p.gap.before = 0;
    p.gap.after = 1;
    possible_port_visits(mmsi, p, top_kn);
    gaps_.push_back(p);
  }

  for (const auto& v : detect::detect_port_visits(fixes, ports_, cfg_.port_visit)) {
    report::EventJson e(names_);
    std::vector<LineRef> refs;
    for (auto i : v.evidence) refs.push_back(fixes[i].ref);
    if (refs.empty()) refs = {fixes[v.first].ref, fixes[v.last].ref};
    e.head("port_visit", mmsi, v.arrival, v.departure).at(fixes[v.first].lat, fixes[v.first].lon).evidence(refs);
    put_port(e, ports_[v.port]);
    e.key("stop_hours").fixed(v.stop_hours, 2);
    e.key("gap_hours").fixed(v.gap_hours, 2);
    e.key("stopped").boolean(v.stopped);
    e.key("open").boolean(v.open);
    out_(v.arrival, mmsi, "port_visit", e.finish());
  }

  for (const auto& l : detect::detect_loitering(fixes, shore_fn_, in_port_fn_, cfg_.loitering)) {
    report::EventJson e(names_);
    const LineRef refs[2] = {fixes[l.first].ref, fixes[l.last].ref};
    e.head("loitering", mmsi, l.start, l.end).at(l.lat, l.lon).evidence(refs);
    e.key("duration_h").fixed(l.duration_h, 2);
    e.key("mean_speed_kn").fixed(l.mean_speed_kn, 2);
    e.key("min_shore_km").fixed(l.min_shore_km, 1);
    e.key("positions").u(l.fixes);
    out_(l.start, mmsi, "loitering", e.finish());
  }

  for (const auto& d : detect::detect_draught_changes(draughts, cfg_.draught)) {
    report::EventJson e(names_);
    e.head("draught_change", mmsi, d.start, d.end);
    // Where: the track position nearest in time to the first new report.
    if (!fixes.empty()) {
      auto it = std::lower_bound(fixes.begin(), fixes.end(), d.start,
                                 [](const detect::Fix& f, UnixMillis t) { return f.time < t; });
      if (it == fixes.end()) --it;
      if (it != fixes.begin() && d.start - std::prev(it)->time < it->time - d.start) --it;
      e.at(it->lat, it->lon);
    }
    e.evidence(d.evidence);
    e.key("before").fixed(d.before_m, 1);
    e.key("after").fixed(d.after_m, 1);
    e.key("last_before").time(d.last_before);
    out_(d.start, mmsi, "draught_change", e.finish());
  }
}

void Behaviour::finish() {
  std::vector<detect::GapEnds> ends;
  ends.reserve(gaps_.size());
  for (const auto& p : gaps_)
    ends.push_back(detect::GapEnds{p.mmsi, p.gap.start, p.gap.end, p.ends[0].lat, p.ends[0].lon,
                                   p.ends[1].lat, p.ends[1].lon});
  const auto concurrent = detect::count_concurrent_gaps(ends, cfg_.concurrent_gaps);
  for (std::size_t i = 0; i < gaps_.size(); ++i) {
    const auto& p = gaps_[i];
    const detect::Reception r = coverage_.assess(p.gap, p.ends, p.mmsi, cfg_.coverage);
    // Suspected: the area kept receiving others AND few others fell silent with it.
    const bool suspected = r.suspected_disabling && concurrent[i] <= cfg_.concurrent_gaps.max_others;
    report::EventJson e(names_);
    const LineRef refs[2] = {p.ends[0].ref, p.ends[1].ref};
    e.head("gap", p.mmsi, p.gap.start, p.gap.end).at(p.ends[0].lat, p.ends[0].lon).evidence(refs);
    e.key("end_lat").deg(p.ends[1].lat);
    e.key("end_lon").deg(p.ends[1].lon);
    e.key("suspected_disabling").boolean(suspected);
    e.key("duration_h").fixed(p.gap.duration_h, 2);
    e.key("distance_km").fixed(p.gap.distance_km, 3);
    e.key("implied_speed_kn").fixed(p.gap.implied_speed_kn, 2);
    e.key("reception").raw("{\"samples\":").u(r.samples);
    e.raw(",\"start_fraction\":").fixed(r.start_fraction, 3);
    e.raw(",\"end_fraction\":").fixed(r.end_fraction, 3);
    e.raw(",\"path_fraction\":").fixed(r.path_fraction, 3);
    e.raw(",\"concurrent_gaps\":").u(concurrent[i]).raw("}");
    out_(p.gap.start, p.mmsi, "gap", e.finish());
  }
  gaps_.clear();

  for (const auto& m : encounters_->finish()) {
    for (int side = 0; side < 2; ++side) {
      const std::uint32_t self = side == 0 ? m.mmsi_a : m.mmsi_b;
      const std::uint32_t other = side == 0 ? m.mmsi_b : m.mmsi_a;
      report::EventJson e(names_);
      const auto refs = m.evidence();
      e.head("encounter", self, m.start, m.end).at(m.lat, m.lon).evidence(refs);
      e.key("other_mmsi").u(other);
      e.key("median_distance_m").fixed(m.median_distance_m, 1);
      e.key("duration_h").fixed(m.duration_h, 2);
      e.key("median_speed_kn").fixed(side == 0 ? m.median_speed_a_kn : m.median_speed_b_kn, 2);
      e.key("other_median_speed_kn").fixed(side == 0 ? m.median_speed_b_kn : m.median_speed_a_kn, 2);
      out_(m.start, self, "encounter", e.finish());
    }
  }
}

}  // namespace tidewatch::analyze
