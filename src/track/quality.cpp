#include "tidewatch/track/quality.h"

#include <algorithm>
#include <cmath>

#include "tidewatch/geo/distance.h"

namespace tidewatch::track {
namespace {

constexpr double kUsPerHour = 3600e6;

bool has_position(const Ping& p) noexcept {
  return !std::isnan(p.lat) && !std::isnan(p.lon) && std::fabs(p.lat) <= 90 &&
         std::fabs(p.lon) <= 180;
}

/// Position of a track (members in time order) at time t within its span,
/// and the hours from t to the nearest real fix.
struct Interp {
  double lat, lon, dt_h;
};

Interp interpolate(std::span<const Ping> pings, const std::vector<std::uint32_t>& members,
                   std::int64_t t) {
  auto it = std::lower_bound(members.begin(), members.end(), t,
                             [&](std::uint32_t i, std::int64_t v) { return pings[i].time_us < v; });
  if (it == members.end()) {
    const Ping& p = pings[members.back()];
    return {p.lat, p.lon, static_cast<double>(t - p.time_us) / kUsPerHour};
  }
  const Ping& b = pings[*it];
  if (it == members.begin() || b.time_us == t) {
    return {b.lat, b.lon, static_cast<double>(b.time_us - t) / kUsPerHour};
  }
  const Ping& a = pings[*std::prev(it)];
  const auto span = static_cast<double>(b.time_us - a.time_us);
  const double f = span > 0 ? static_cast<double>(t - a.time_us) / span : 0.0;
  double dlon = b.lon - a.lon;
  if (dlon > 180) dlon -= 360;
  if (dlon < -180) dlon += 360;
  double lon = a.lon + f * dlon;
  if (lon > 180) lon -= 360;
  if (lon < -180) lon += 360;
  const auto dt_us = std::min(t - a.time_us, b.time_us - t);
  return {a.lat + f * (b.lat - a.lat), lon, static_cast<double>(dt_us) / kUsPerHour};
}

struct TrackRef {
  const Segment* seg;
  std::vector<std::uint32_t> members;  // with a position, in time order
};

}  // namespace

std::vector<SharedMmsiEvent> detect_shared_mmsi(std::span<const Ping> pings,
                                                std::span<const Label> /*labels*/,
                                                std::span<const Segment> segments,
                                                const QualityParams& params) {
  std::vector<TrackRef> tracks;
  for (const auto& s : segments) {
    if (s.kind != Label::Kind::member || s.members.size() < params.min_positions) continue;
    TrackRef t{&s, {}};
    for (auto i : s.members)
      if (i < pings.size() && has_position(pings[i])) t.members.push_back(i);
    std::stable_sort(t.members.begin(), t.members.end(), [&](std::uint32_t a, std::uint32_t b) {
      return pings[a].time_us < pings[b].time_us;
    });
    if (t.members.size() >= params.min_positions) tracks.push_back(std::move(t));
  }
  std::sort(tracks.begin(), tracks.end(), [&](const TrackRef& a, const TrackRef& b) {
    const auto ta = pings[a.members.front()].time_us, tb = pings[b.members.front()].time_us;
    if (ta != tb) return ta < tb;
    return a.seg->id < b.seg->id;
  });
  const auto min_overlap_us = static_cast<std::int64_t>(std::llround(params.min_overlap_h * kUsPerHour));
  std::vector<SharedMmsiEvent> out;
  for (std::size_t i = 0; i < tracks.size(); ++i) {
    const TrackRef& a = tracks[i];
    const auto a0 = pings[a.members.front()].time_us, a1 = pings[a.members.back()].time_us;
    for (std::size_t j = i + 1; j < tracks.size(); ++j) {
      const TrackRef& b = tracks[j];
      const auto b0 = pings[b.members.front()].time_us, b1 = pings[b.members.back()].time_us;
      if (b0 > a1) break;  // sorted by start: no later track overlaps a either
      const auto lo = std::max(a0, b0), hi = std::min(a1, b1);
      if (hi - lo < min_overlap_us) continue;
      SharedMmsiEvent ev;
      ev.segment_a = a.seg->id;
      ev.segment_b = b.seg->id;
      ev.start_us = lo;
      ev.end_us = hi;
      bool have_pos = false;
      auto compare = [&](const TrackRef& self, const TrackRef& other, bool is_a) {
        for (auto k : self.members) {
          const Ping& p = pings[k];
          if (p.time_us < lo) continue;
          if (p.time_us > hi) break;
          if (is_a && !have_pos) {
            ev.lat = p.lat;
            ev.lon = p.lon;
            have_pos = true;
          }
          const Interp q = interpolate(pings, other.members, p.time_us);
          const double d = geo::haversine_nm(p.lat, p.lon, q.lat, q.lon);
          ++ev.paired;
          ev.max_distance_nm = std::max(ev.max_distance_nm, d);
          if (d > params.max_knots * q.dt_h + params.buffer_nm) ++ev.far;
        }
      };
      compare(a, b, true);
      compare(b, a, false);
      if (ev.far < params.min_far_samples) continue;
      ev.evidence = {a.members.front(), a.members.back(), b.members.front(), b.members.back()};
      out.push_back(std::move(ev));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const SharedMmsiEvent& x, const SharedMmsiEvent& y) {
    if (x.start_us != y.start_us) return x.start_us < y.start_us;
    if (x.segment_a != y.segment_a) return x.segment_a < y.segment_a;
    return x.segment_b < y.segment_b;
  });
  return out;
}

std::vector<std::uint32_t> PositionJumpEvent::evidence() const {
  std::vector<std::uint32_t> e;
  e.reserve(run.size() + 2);
  e.push_back(last_good);
  e.insert(e.end(), run.begin(), run.end());
  e.push_back(next_good);
  return e;
}

std::vector<PositionJumpEvent> detect_position_jumps(std::span<const Ping> pings,
                                                     std::span<const Label> labels,
                                                     std::span<const Segment> segments,
                                                     const QualityParams& params) {
  std::vector<PositionJumpEvent> out;
  const std::size_t n = std::min(pings.size(), labels.size());
  // Track segments of at most max_run positions count as noise: a spike
  // farther than GFW's match radius opens its own short segment.
  std::vector<std::size_t> seg_size;
  for (const auto& s : segments) {
    if (s.kind != Label::Kind::member) continue;
    if (seg_size.size() <= s.id) seg_size.resize(s.id + 1U, 0);
    seg_size[s.id] = s.members.size();
  }
  auto short_track = [&](const Label& l) {
    return l.kind == Label::Kind::member && l.segment < seg_size.size() &&
           seg_size[l.segment] <= params.max_run;
  };
  // The long tracks (> max_run positions), to recognise a run position that
  // is another vessel on the same MMSI rather than a jump.
  std::vector<std::pair<std::uint32_t, std::vector<std::uint32_t>>> long_tracks;  // id, members
  for (const auto& s : segments) {
    if (s.kind != Label::Kind::member || s.members.size() <= params.max_run) continue;
    std::vector<std::uint32_t> m;
    for (auto i : s.members)
      if (i < pings.size() && has_position(pings[i])) m.push_back(i);
    std::stable_sort(m.begin(), m.end(), [&](std::uint32_t x, std::uint32_t y) {
      return pings[x].time_us < pings[y].time_us;
    });
    if (!m.empty()) long_tracks.emplace_back(s.id, std::move(m));
  }
  auto on_other_track = [&](const Ping& p, std::uint32_t own_a, std::uint32_t own_b) {
    for (const auto& [id, m] : long_tracks) {
      if (id == own_a || id == own_b) continue;
      // Within GFW's max_hours of the track's span (dt grows the radius outside it).
      const auto margin = static_cast<std::int64_t>(params.gfw.max_hours * kUsPerHour);
      if (p.time_us < pings[m.front()].time_us - margin || p.time_us > pings[m.back()].time_us + margin)
        continue;
      const Interp q = interpolate(pings, m, p.time_us);
      if (geo::haversine_nm(p.lat, p.lon, q.lat, q.lon) <= params.max_knots * q.dt_h + params.buffer_nm)
        return true;
    }
    return false;
  };
  const auto& g = params.gfw;
  auto fix = [&](const Ping& p) {
    double course = p.course;
    if (g.course_360_is_null && !std::isnan(course) && (course >= 360 || course < 0))
      course = Ping::kNull;
    return geo::GfwFix{p.lon, p.lat, p.speed, course};
  };
  bool have_good = false;
  std::uint32_t last_good = 0;
  std::vector<std::uint32_t> run;
  bool run_too_long = false;
  for (std::size_t i = 0; i < n; ++i) {
    const Label::Kind k = labels[i].kind;
    const auto idx = static_cast<std::uint32_t>(i);
    if (k == Label::Kind::member && !short_track(labels[i])) {
      if (have_good && !run.empty() && !run_too_long) {
        const Ping& a = pings[last_good];
        const Ping& b = pings[i];
        const double hours = static_cast<double>(b.time_us - a.time_us) / kUsPerHour;
        const double ph = geo::gfw_penalized_hours(hours, g.penalty_hours, g.hours_exp);
        const double disc = geo::gfw_discrepancy(fix(a), fix(b), ph, g.shape_factor);
        const double metric =
            geo::gfw_metric(disc, hours, g.buffer_hours, g.max_knots, g.penalty_speed);
        if (metric > 0) {
          PositionJumpEvent ev;
          double best = -1;
          for (auto r : run) {
            const Ping& p = pings[r];
            const double km = geo::haversine_m(a.lat, a.lon, p.lat, p.lon) / 1000.0;
            const double dt_s =
                std::max(static_cast<double>(p.time_us - a.time_us) / 1e6, params.min_dt_s);
            const double kn = km * 1000.0 / geo::kMetresPerNm / (dt_s / 3600.0);
            if (km < params.min_distance_km || !(kn > params.max_knots)) continue;
            if (on_other_track(p, labels[last_good].segment, labels[i].segment)) continue;  // another vessel's track (shared MMSI)
            if (kn > best) {
              best = kn;
              ev.worst = r;
              ev.implied_speed_kn = kn;
              ev.distance_km = km;
            }
          }
          if (best > 0) {
            ev.last_good = last_good;
            ev.next_good = idx;
            ev.run = run;
            ev.start_us = pings[run.front()].time_us;
            ev.end_us = pings[run.back()].time_us;
            ev.lat = pings[run.front()].lat;
            ev.lon = pings[run.front()].lon;
            out.push_back(std::move(ev));
          }
        }
      }
      have_good = true;
      last_good = idx;
      run.clear();
      run_too_long = false;
    } else if (k == Label::Kind::member || k == Label::Kind::noise_bad ||
               k == Label::Kind::noise_discarded || k == Label::Kind::noise_type27) {
      if (!has_position(pings[i])) continue;  // BAD by range or null: not a jump
      if (run.size() >= params.max_run) {
        run_too_long = true;
      } else {
        run.push_back(idx);
      }
    }
    // info and dropped_* messages neither join nor break a run
  }
  return out;
}

}  // namespace tidewatch::track
