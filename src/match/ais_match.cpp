// Matching satellite detections to AIS (include/tidewatch/match/ais_match.h,
// docs/matching.md).

#include "tidewatch/match/ais_match.h"

#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/GeodesicLine.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <map>
#include <numeric>

#include "tidewatch/match/assignment.h"
#include "plane.h"

namespace tidewatch::match {
namespace {

const GeographicLib::Geodesic& wgs84() { return GeographicLib::Geodesic::WGS84(); }

using P2 = std::array<double, 2>;

double cross(const P2& o, const P2& a, const P2& b) {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/// Convex hull (Andrew's monotone chain), counter-clockwise, no repeated point.
std::vector<P2> convex_hull(std::vector<P2> pts) {
  std::sort(pts.begin(), pts.end());
  pts.erase(std::unique(pts.begin(), pts.end()), pts.end());
  if (pts.size() < 3) return pts;
  std::vector<P2> h(2 * pts.size());
  std::size_t k = 0;
  for (const auto& p : pts) {
    while (k >= 2 && cross(h[k - 2], h[k - 1], p) <= 0) --k;
    h[k++] = p;
  }
  for (std::size_t i = pts.size() - 1, t = k + 1; i-- > 0;) {
    while (k >= t && cross(h[k - 2], h[k - 1], pts[i]) <= 0) --k;
    h[k++] = pts[i];
  }
  h.resize(k - 1);
  return h;
}

double segment_distance(const P2& p, const P2& a, const P2& b) {
  const double dx = b[0] - a[0], dy = b[1] - a[1];
  const double l2 = dx * dx + dy * dy;
  double t = l2 > 0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2 : 0.0;
  t = std::clamp(t, 0.0, 1.0);
  return std::hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/// Point in polygon (even-odd), or within `margin` of its boundary.
bool inside_or_near(const std::vector<P2>& poly, const P2& p, double margin) {
  bool in = false;
  const std::size_t n = poly.size();
  if (n >= 3) {
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
      if (((poly[i][1] > p[1]) != (poly[j][1] > p[1])) &&
          (p[0] < (poly[j][0] - poly[i][0]) * (p[1] - poly[i][1]) / (poly[j][1] - poly[i][1]) + poly[i][0]))
        in = !in;
    }
  }
  if (in) return true;
  if (n == 0) return false;
  if (n == 1) return std::hypot(p[0] - poly[0][0], p[1] - poly[0][1]) <= margin;
  for (std::size_t i = 0; i < n; ++i)
    if (segment_distance(p, poly[i], poly[(i + 1) % n]) <= margin) return true;
  return false;
}

double wrap360(double a) {
  a = std::fmod(a, 360.0);
  return a < 0 ? a + 360.0 : a;
}

struct Dsu {
  std::vector<std::size_t> parent;
  explicit Dsu(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), std::size_t{0}); }
  std::size_t find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(std::size_t a, std::size_t b) {
    a = find(a), b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

/// A vessel's prediction at one time with the SAR shift applied.
struct Placed {
  Prediction pred;
  double lat = 0, lon = 0;  // shifted
  double shift_m = 0;
  double gate_m = 0;
};

}  // namespace

std::vector<std::pair<double, double>> parse_wkt_polygon(std::string_view wkt) {
  std::vector<std::pair<double, double>> out;
  const auto open = wkt.find("((");
  if (open == std::string_view::npos) return out;
  std::size_t i = open;
  while (i < wkt.size() && wkt[i] == '(') ++i;
  const auto close = wkt.find(')', i);
  if (close == std::string_view::npos) return out;
  const std::string ring(wkt.substr(i, close - i));
  const char* s = ring.c_str();
  const char* end = s + ring.size();
  while (s < end) {
    char* e1 = nullptr;
    const double lon = std::strtod(s, &e1);
    if (e1 == s) break;
    char* e2 = nullptr;
    const double lat = std::strtod(e1, &e2);
    if (e2 == e1) break;
    if (std::isfinite(lat) && std::isfinite(lon)) out.emplace_back(lat, lon);
    s = e2;
    while (s < end && (*s == ',' || *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) ++s;
  }
  if (out.size() >= 2 && out.front() == out.back()) out.pop_back();
  if (out.size() < 3) out.clear();
  return out;
}

UnixMillis MatchParams::window_ms() const noexcept {
  const double m = std::max(max_interpolation_gap_min, max_extrapolation_min);
  return static_cast<UnixMillis>(std::llround(std::max(0.0, m) * 60000.0));
}

std::optional<Prediction> predict_position(const AisVessel& v, UnixMillis t, const MatchParams& p) {
  const auto& f = v.fixes;
  if (f.empty()) return std::nullopt;
  const auto it = std::lower_bound(f.begin(), f.end(), t, [](const AisFix& a, UnixMillis x) { return a.time < x; });
  const AisFix* after = it == f.end() ? nullptr : &*it;
  const AisFix* before = it == f.begin() ? nullptr : &*std::prev(it);
  const auto gap_ms = static_cast<UnixMillis>(std::llround(p.max_interpolation_gap_min * 60000.0));
  const auto ext_ms = static_cast<UnixMillis>(std::llround(p.max_extrapolation_min * 60000.0));
  Prediction out;
  if (after != nullptr && after->time == t) before = nullptr;  // a fix at t itself
  if (before != nullptr && after != nullptr && after->time - before->time <= gap_ms) {
    const double span = static_cast<double>(after->time - before->time);
    const double frac = static_cast<double>(t - before->time) / span;
    const GeographicLib::GeodesicLine line = wgs84().InverseLine(before->lat, before->lon, after->lat, after->lon);
    double lat = 0, lon = 0, azi = 0;
    line.Position(frac * line.Distance(), lat, lon, azi);
    out.lat = lat;
    out.lon = lon;
    out.method = Method::interpolated;
    const bool nearer_before = t - before->time <= after->time - t;
    const AisFix& near = nearer_before ? *before : *after;
    out.dt_s = static_cast<double>(t - near.time) / 1000.0;
    // Velocity: the reported SOG/COG (nearer fix; the other when it has none),
    // the implied one from the two positions when neither reports it.
    const AisFix& far = nearer_before ? *after : *before;
    const AisFix* rep = !std::isnan(near.sog_kn) ? &near : (!std::isnan(far.sog_kn) ? &far : nullptr);
    const double implied_kn = span > 0 ? line.Distance() / (span / 1000.0) / kKnot : 0.0;
    out.speed_kn = rep != nullptr ? rep->sog_kn : implied_kn;
    out.cog_deg = rep != nullptr && !std::isnan(rep->cog_deg) ? rep->cog_deg : (implied_kn > 0 ? wrap360(azi) : std::nan(""));
    out.refs = {before->ref, after->ref};
  } else {
    const AisFix* near = before;
    if (near == nullptr || (after != nullptr && after->time - t < t - before->time)) near = after;
    if (near == nullptr) return std::nullopt;  // not reached: fixes is not empty
    const UnixMillis dt = t - near->time;
    if ((dt < 0 ? -dt : dt) > ext_ms) return std::nullopt;
    out.dt_s = static_cast<double>(dt) / 1000.0;
    out.method = Method::dead_reckoned;
    out.lat = near->lat;
    out.lon = near->lon;
    out.cog_deg = near->cog_deg;
    if (!std::isnan(near->sog_kn)) {
      out.speed_kn = near->sog_kn;
      if (!std::isnan(near->cog_deg) && near->sog_kn > 0 && dt != 0) {
        double lat = 0, lon = 0;
        wgs84().Direct(near->lat, near->lon, near->cog_deg, near->sog_kn * kKnot * out.dt_s, lat, lon);
        out.lat = lat;
        out.lon = lon;
      }
    } else {
      // No SOG: stay at the fix; the uncertainty uses the speed implied by the
      // neighbouring fix when there is one.
      const AisFix* other = near == before ? after : before;
      if (other != nullptr && other->time != near->time) {
        const double s = distance_m(near->lat, near->lon, other->lat, other->lon);
        out.speed_kn = s / (std::fabs(static_cast<double>(other->time - near->time)) / 1000.0) / kKnot;
      }
    }
    out.refs = {near->ref};
  }
  out.uncertainty_m = out.speed_kn * kKnot * std::fabs(out.dt_s);
  return out;
}

MatchOutput match_detections(std::span<const imagery::Detection> dets, std::span<const AisVessel> vessels,
                             const MatchParams& p, std::span<const SceneGeometry> geometry) {
  MatchOutput result;
  result.matches.resize(dets.size());
  for (std::size_t i = 0; i < dets.size(); ++i) result.matches[i].detection = i;

  // Vessels by MMSI (ties by input order) so results never depend on input order.
  std::vector<std::size_t> vorder(vessels.size());
  std::iota(vorder.begin(), vorder.end(), std::size_t{0});
  std::stable_sort(vorder.begin(), vorder.end(),
                   [&vessels](std::size_t a, std::size_t b) { return vessels[a].mmsi < vessels[b].mmsi; });

  // Scenes: by name, or by time when a detection has none.
  std::map<std::string, std::vector<std::size_t>> scenes;
  for (std::size_t i = 0; i < dets.size(); ++i) {
    if (dets[i].time == 0) continue;  // no acquisition time: nothing to predict AIS at
    scenes[dets[i].scene.empty() ? "@" + std::to_string(dets[i].time) : dets[i].scene].push_back(i);
  }
  std::vector<const std::vector<std::size_t>*> scene_list;
  for (const auto& kv : scenes) scene_list.push_back(&kv.second);
  std::stable_sort(scene_list.begin(), scene_list.end(), [&dets](const auto* a, const auto* b) {
    return dets[a->front()].time < dets[b->front()].time;
  });
  result.scenes = scene_list.size();
  const double ln_max_ratio = std::log(std::max(1.0001, p.max_length_ratio));

  for (const auto* members : scene_list) {
    const auto& first = dets[members->front()];
    std::vector<UnixMillis> times;
    for (auto i : *members) times.push_back(dets[i].time);
    std::sort(times.begin(), times.end());
    const UnixMillis scene_time = times[times.size() / 2];
    // Geometry: same scene name, else the acquisition window around the time.
    const SceneGeometry* geo = nullptr;
    for (const auto& g : geometry)
      if (!first.scene.empty() && g.scene == first.scene) geo = &g;
    if (geo == nullptr)
      for (const auto& g : geometry)
        if (scene_time >= g.start - 60000 && scene_time <= g.stop + 60000) {
          geo = &g;
          break;
        }
    const bool correct = geo != nullptr && p.azimuth_correction;
    if (geo != nullptr) ++result.scenes_with_geometry;

    // Predictions, per vessel and distinct detection time.
    auto place = [&](const AisVessel& v, UnixMillis t) -> std::optional<Placed> {
      auto pred = predict_position(v, t, p);
      if (!pred) return std::nullopt;
      Placed pl;
      pl.lat = pred->lat;
      pl.lon = pred->lon;
      const double speed_ms = pred->speed_kn * kKnot;
      pl.gate_m = p.gate_base_m + speed_ms * std::fabs(pred->dt_s) * p.gate_speed_factor;
      if (correct) {
        pl.shift_m = geo->azimuth_shift_m(pred->lat, pred->lon, pred->speed_kn, pred->cog_deg);
        if (pl.shift_m != 0) {
          const auto moved = move_along(pred->lat, pred->lon, geo->platform_heading_deg, pl.shift_m);
          pl.lat = moved.first;
          pl.lon = moved.second;
        }
      } else {
        pl.gate_m += speed_ms * p.no_geometry_shift_s;
      }
      pl.pred = std::move(*pred);
      return pl;
    };
    std::vector<UnixMillis> distinct = times;
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    // placed[v][k]: vessel vorder[v] at distinct[k]
    std::vector<std::vector<std::optional<Placed>>> placed(vorder.size());
    for (std::size_t v = 0; v < vorder.size(); ++v) {
      placed[v].resize(distinct.size());
      for (std::size_t k = 0; k < distinct.size(); ++k) placed[v][k] = place(vessels[vorder[v]], distinct[k]);
    }
    auto time_index = [&distinct](UnixMillis t) {
      return static_cast<std::size_t>(std::lower_bound(distinct.begin(), distinct.end(), t) - distinct.begin());
    };

    // Candidate pairs inside the gates.
    struct Pair {
      std::size_t d, v;  // index in members, index in vorder
      double dist, cost;
    };
    std::vector<Pair> pairs;
    const std::size_t nd = members->size();
    for (std::size_t a = 0; a < nd; ++a) {
      const auto& det = dets[(*members)[a]];
      const std::size_t k = time_index(det.time);
      const Plane pl(det.lat, det.lon);
      for (std::size_t v = 0; v < vorder.size(); ++v) {
        const auto& pv = placed[v][k];
        if (!pv) continue;
        const P2 xy = pl.xy(pv->lat, pv->lon);
        if (std::hypot(xy[0], xy[1]) > 1.5 * pv->gate_m + 1000.0) continue;  // cheap prefilter
        const double d = distance_m(det.lat, det.lon, pv->lat, pv->lon);
        if (d > pv->gate_m) continue;
        double length_term = 0;
        const auto& ves = vessels[vorder[v]];
        if (det.length_m && ves.length_m && *det.length_m > 0 && *ves.length_m > 0) {
          const double ratio = std::max(*det.length_m, *ves.length_m) / std::min(*det.length_m, *ves.length_m);
          if (ratio > p.max_length_ratio) continue;
          length_term = std::log(ratio) / ln_max_ratio;
        }
        pairs.push_back(Pair{a, v, d, d / pv->gate_m + p.length_weight * length_term});
        ++result.matches[(*members)[a]].candidates;
      }
    }
    result.candidate_pairs += pairs.size();

    // Components of the gate graph; each one assigned on its own.
    Dsu dsu(nd + vorder.size());
    for (const auto& pr : pairs) dsu.unite(pr.d, nd + pr.v);
    std::map<std::size_t, std::vector<std::size_t>> comp_pairs;  // root -> pair indices
    for (std::size_t i = 0; i < pairs.size(); ++i) comp_pairs[dsu.find(pairs[i].d)].push_back(i);
    std::vector<int> vessel_matched(vorder.size(), 0);
    for (const auto& kv : comp_pairs) {
      ++result.components;
      std::vector<std::size_t> rows, cols;
      for (auto i : kv.second) {
        rows.push_back(pairs[i].d);
        cols.push_back(pairs[i].v);
      }
      std::sort(rows.begin(), rows.end());
      rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
      std::sort(cols.begin(), cols.end());
      cols.erase(std::unique(cols.begin(), cols.end()), cols.end());
      std::vector<double> cost(rows.size() * cols.size(), kForbidden);
      auto pos = [](const std::vector<std::size_t>& xs, std::size_t x) {
        return static_cast<std::size_t>(std::lower_bound(xs.begin(), xs.end(), x) - xs.begin());
      };
      for (auto i : kv.second)
        cost[pos(rows, pairs[i].d) * cols.size() + pos(cols, pairs[i].v)] = pairs[i].cost;
      const double unpaired = (1.0 + p.length_weight) * static_cast<double>(rows.size() + 1) + 1.0;
      const auto assigned = assign_min_cost(cost, rows.size(), cols.size(), unpaired);
      for (std::size_t r = 0; r < rows.size(); ++r) {
        if (assigned[r] < 0) continue;
        const std::size_t v = cols[static_cast<std::size_t>(assigned[r])];
        const std::size_t di = (*members)[rows[r]];
        const auto& det = dets[di];
        const auto& pv = *placed[v][time_index(det.time)];
        const auto& ves = vessels[vorder[v]];
        auto& m = result.matches[di];
        m.mmsi = ves.mmsi;
        m.distance_m = distance_m(det.lat, det.lon, pv.lat, pv.lon);
        m.dt_s = pv.pred.dt_s;
        m.predicted_lat = pv.lat;
        m.predicted_lon = pv.lon;
        m.shift_m = pv.shift_m;
        m.gate_m = pv.gate_m;
        m.ais_length_m = ves.length_m;
        m.method = pv.pred.method;
        m.refs = pv.pred.refs;
        // Score: Gaussian in distance (sigma = gate / 2) times length agreement.
        const double z = m.distance_m / pv.gate_m;
        double score = std::exp(-2.0 * z * z);
        if (det.length_m && ves.length_m && *det.length_m > 0 && *ves.length_m > 0) {
          const double ratio = std::max(*det.length_m, *ves.length_m) / std::min(*det.length_m, *ves.length_m);
          score *= 1.0 - 0.5 * std::min(1.0, std::log(ratio) / ln_max_ratio);
        }
        m.score = std::clamp(score, 0.0, 1.0);
        vessel_matched[v] = 1;
      }
    }

    // Dark detections: the nearest predicted AIS vessel, for the analyst.
    for (std::size_t a = 0; a < nd; ++a) {
      auto& m = result.matches[(*members)[a]];
      if (m.mmsi) continue;
      const auto& det = dets[(*members)[a]];
      const std::size_t k = time_index(det.time);
      const Plane pl(det.lat, det.lon);
      double best = std::numeric_limits<double>::infinity();  // plane metres: a ranking only
      const Placed* nearest = nullptr;
      for (std::size_t v = 0; v < vorder.size(); ++v) {
        const auto& pv = placed[v][k];
        if (!pv) continue;
        const P2 xy = pl.xy(pv->lat, pv->lon);
        const double d = std::hypot(xy[0], xy[1]);
        if (d < best) {
          best = d;
          nearest = &*pv;
          m.nearest_mmsi = vessels[vorder[v]].mmsi;
        }
      }
      if (nearest != nullptr) m.nearest_m = distance_m(det.lat, det.lon, nearest->lat, nearest->lon);
    }

    // Not detected: vessels predicted inside the footprint at the scene time.
    const Plane plane(first.lat, first.lon);
    std::vector<P2> poly;
    double margin = 0;
    std::vector<std::pair<double, double>> wkt;
    for (auto i : *members)
      if (wkt.empty() && !dets[i].footprint_wkt.empty()) wkt = parse_wkt_polygon(dets[i].footprint_wkt);
    if (geo != nullptr && geo->footprint.size() >= 3) {
      for (const auto& c : geo->footprint) poly.push_back(plane.xy(c.first, c.second));
    } else if (!wkt.empty()) {
      for (const auto& c : wkt) poly.push_back(plane.xy(c.first, c.second));
    } else {
      std::vector<P2> pts;
      for (auto i : *members) pts.push_back(plane.xy(dets[i].lat, dets[i].lon));
      poly = convex_hull(std::move(pts));
      margin = p.footprint_margin_m;
    }
    const std::size_t ks = time_index(scene_time);
    for (std::size_t v = 0; v < vorder.size(); ++v) {
      if (vessel_matched[v] != 0) continue;
      const auto& pv = placed[v][ks];
      if (!pv) continue;
      if (!inside_or_near(poly, plane.xy(pv->lat, pv->lon), margin)) continue;
      NotDetected nd_;
      const auto& ves = vessels[vorder[v]];
      nd_.mmsi = ves.mmsi;
      nd_.scene = first.scene;
      nd_.time = scene_time;
      nd_.lat = pv->lat;
      nd_.lon = pv->lon;
      nd_.dt_s = pv->pred.dt_s;
      nd_.speed_kn = pv->pred.speed_kn;
      nd_.ais_length_m = ves.length_m;
      nd_.refs = pv->pred.refs;
      const Plane around(pv->lat, pv->lon);  // plane metres rank; the nearest gets a geodesic
      double best = std::numeric_limits<double>::infinity();
      std::size_t nearest = members->front();
      for (auto i : *members) {
        const P2 xy = around.xy(dets[i].lat, dets[i].lon);
        if (std::hypot(xy[0], xy[1]) < best) best = std::hypot(xy[0], xy[1]), nearest = i;
      }
      nd_.nearest_detection_m = distance_m(dets[nearest].lat, dets[nearest].lon, pv->lat, pv->lon);
      result.not_detected.push_back(std::move(nd_));
    }
  }
  std::stable_sort(result.not_detected.begin(), result.not_detected.end(),
                   [](const NotDetected& a, const NotDetected& b) {
                     if (a.time != b.time) return a.time < b.time;
                     if (a.scene != b.scene) return a.scene < b.scene;
                     return a.mmsi < b.mmsi;
                   });
  return result;
}

FixWindows::FixWindows(std::span<const imagery::Detection> detections, const MatchParams& p) {
  const UnixMillis w = p.window_ms();
  std::vector<UnixMillis> times;
  for (const auto& d : detections) times.push_back(d.time);
  std::sort(times.begin(), times.end());
  for (auto t : times) {
    if (!windows_.empty() && t - w <= windows_.back().second) {
      windows_.back().second = std::max(windows_.back().second, t + w);
    } else {
      windows_.emplace_back(t - w, t + w);
    }
  }
}

bool FixWindows::wanted(UnixMillis t) const noexcept {
  auto it = std::upper_bound(windows_.begin(), windows_.end(), t,
                             [](UnixMillis x, const std::pair<UnixMillis, UnixMillis>& w) { return x < w.first; });
  if (it == windows_.begin()) return false;
  return t <= std::prev(it)->second;
}

void FixWindows::add(std::uint32_t mmsi, std::optional<double> length_m, std::span<const AisFix> fixes) {
  AisVessel v;
  v.mmsi = mmsi;
  v.length_m = length_m;
  for (const auto& f : fixes)
    if (wanted(f.time)) v.fixes.push_back(f);
  if (!v.fixes.empty()) vessels_.push_back(std::move(v));
}

}  // namespace tidewatch::match
