// possible_port_visit; see possible_port_visit.h.
#include "tidewatch/detect/possible_port_visit.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "tidewatch/geo/distance.h"

namespace tidewatch::detect {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kMillisPerHour = 3600000.0;
/// haversine overstates a WGS 84 geodesic by at most 0.56 %: the prefilter
/// scales it by this so that no port within the budget is dropped.
constexpr double kSphereLowerBound = 0.99;

bool finite(const Fix& f) noexcept { return std::isfinite(f.lat) && std::isfinite(f.lon); }

bool params_ok(const PossiblePortVisitParams& p) noexcept {
  return p.max_speed_kn > 0 && std::isfinite(p.max_speed_kn) && p.max_observed_speed_kn > 0 &&
         p.min_port_stay_h >= 0 && std::isfinite(p.min_port_stay_h) && p.max_gap_h > 0;
}

}  // namespace

const char* to_string(PortSearchOutcome outcome) noexcept {
  switch (outcome) {
    case PortSearchOutcome::searched:
      return "searched";
    case PortSearchOutcome::gap_too_short:
      return "gap_too_short";
    case PortSearchOutcome::gap_too_long:
      return "gap_too_long";
    case PortSearchOutcome::bad_input:
      return "bad_input";
  }
  return "bad_input";
}

double observed_top_speed_kn(std::span<const Fix> fixes, const PossiblePortVisitParams& params) {
  std::vector<double> sog;
  sog.reserve(fixes.size());
  for (const Fix& f : fixes) {
    if (std::isfinite(f.sog_kn) && f.sog_kn >= 0) sog.push_back(f.sog_kn);
  }
  if (sog.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double q = std::clamp(params.observed_speed_quantile, 0.0, 1.0);
  const auto k = static_cast<std::size_t>(std::floor(q * static_cast<double>(sog.size() - 1)));
  std::nth_element(sog.begin(), sog.begin() + static_cast<std::ptrdiff_t>(k), sog.end());
  return sog[k];
}

PossiblePortVisits possible_port_visits(const Fix& before, const Fix& after,
                                        std::span<const PortPoint> ports,
                                        const geo::SeaRouter* router,
                                        const PossiblePortVisitParams& params,
                                        double observed_top_kn) {
  PossiblePortVisits out;
  if (!finite(before) || !finite(after) || after.time <= before.time || !params_ok(params)) {
    out.outcome = PortSearchOutcome::bad_input;
    return out;
  }
  out.gap_h = static_cast<double>(after.time - before.time) / kMillisPerHour;
  double speed = params.max_speed_kn;
  if (params.use_observed_speed && std::isfinite(observed_top_kn)) {
    speed = std::max(speed, std::min(observed_top_kn, params.max_observed_speed_kn));
  }
  out.speed_kn = speed;
  if (out.gap_h > params.max_gap_h) {
    out.outcome = PortSearchOutcome::gap_too_long;
    return out;
  }
  if (out.gap_h <= params.min_port_stay_h) {
    out.outcome = PortSearchOutcome::gap_too_short;
    return out;
  }
  const double budget = speed * (out.gap_h - params.min_port_stay_h);
  out.budget_nm = budget;

  // Great-circle ellipse: cheap, never drops a reachable port.
  std::vector<PortPoint> survivors;
  for (const PortPoint& p : ports) {
    if (!std::isfinite(p.lat) || !std::isfinite(p.lon)) continue;
    const double gc = geo::haversine_nm(before.lat, before.lon, p.lat, p.lon) +
                      geo::haversine_nm(p.lat, p.lon, after.lat, after.lon);
    if (kSphereLowerBound * gc <= budget) survivors.push_back(p);
  }
  out.candidates = survivors.size();
  if (survivors.empty()) return out;

  const geo::LatLon start{before.lat, before.lon}, end{after.lat, after.lon};
  std::vector<geo::LatLon> targets;
  targets.reserve(survivors.size());
  for (const PortPoint& p : survivors) targets.push_back({p.lat, p.lon});
  std::vector<double> to(survivors.size()), from(survivors.size());
  if (router != nullptr) {
    const geo::SeaGrid grid = router->grid_for(start, end, budget, params.routing);
    to = grid.route_nm(start, targets, budget, &end);
    from = grid.route_nm(end, targets, budget, &start);
  } else {
    for (std::size_t k = 0; k < targets.size(); ++k) {
      to[k] = geo::geodesic_nm(start, targets[k]);
      from[k] = geo::geodesic_nm(targets[k], end);
    }
  }
  for (std::size_t k = 0; k < survivors.size(); ++k) {
    const double total = to[k] + from[k];
    if (!(total <= budget)) continue;  // also drops infinity (unreachable)
    PossiblePortVisit v;
    v.port = survivors[k].index;
    v.to_port_nm = to[k];
    v.from_port_nm = from[k];
    v.route_nm = total;
    v.great_circle_nm = geo::geodesic_nm(start, targets[k]) + geo::geodesic_nm(targets[k], end);
    v.earliest_arrival =
        before.time + static_cast<UnixMillis>(std::llround(to[k] / speed * kMillisPerHour));
    v.latest_departure =
        after.time - static_cast<UnixMillis>(std::llround(from[k] / speed * kMillisPerHour));
    v.max_stay_h = static_cast<double>(v.latest_departure - v.earliest_arrival) / kMillisPerHour;
    out.visits.push_back(v);
  }
  std::sort(out.visits.begin(), out.visits.end(),
            [](const PossiblePortVisit& a, const PossiblePortVisit& b) {
              return a.route_nm != b.route_nm ? a.route_nm < b.route_nm : a.port < b.port;
            });
  return out;
}

}  // namespace tidewatch::detect
