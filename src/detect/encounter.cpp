#include "tidewatch/detect/encounter.h"

#include <s2/s2cell_id.h>
#include <s2/s2latlng.h>
#include <s2/s2metrics.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tidewatch/geo/distance.h"
#include "fix_util.h"

namespace tidewatch::detect {
namespace {

std::int64_t ceil_div(std::int64_t a, std::int64_t b) noexcept { return -floor_div(-a, b); }

double wrap_lon(double lon) noexcept {
  if (lon >= 180.0 || lon < -180.0) {
    lon = std::fmod(lon + 180.0, 360.0);
    if (lon < 0) lon += 360.0;
    lon -= 180.0;
  }
  return lon;
}

/// Python statistics.median: the middle value, or the mean of the two middle ones.
double median(std::vector<double>& v) {
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  const std::size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  const double hi = v[mid];
  if (v.size() % 2 == 1) return hi;
  const double lo = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid));
  return (lo + hi) / 2;
}

/// One resampled position of the vessel being added.
struct Sample {
  std::int64_t t = 0;
  double lat = 0, lon = 0;
  double pair_kn = 0;  ///< implied speed of the two bracketing fixes
  double speed_kn = 0;
  LineRef ref;
  bool keep = false;
};

/// A pair close together in one time bin: indices into the sorted bins.
struct Close {
  std::uint32_t a = 0, b = 0;  ///< MMSIs, a < b
  std::int64_t t = 0;
  double distance_m = 0;
  std::size_t ia = 0, ib = 0;  ///< bins of a and b
};

}  // namespace

EncounterDetector::EncounterDetector(EncounterParams params, ShoreDistanceFn shore_km,
                                     InPortFn in_port)
    : p_(params), shore_km_(std::move(shore_km)), in_port_(std::move(in_port)) {
  // The finest level whose cells are all at least max_distance wide: a pair
  // within max_distance is then in one cell or in two neighbouring ones.
  if (p_.max_distance_m > 0 && std::isfinite(p_.max_distance_m)) {
    const int level = S2::kMinWidth.GetLevelForMinValue(p_.max_distance_m / geo::kEarthRadiusM);
    level_ = std::clamp(level, 0, S2CellId::kMaxLevel - 1);
  }
}

void EncounterDetector::add_vessel(std::uint32_t mmsi, std::span<const Fix> fixes) {
  const EncounterParams& p = p_;
  if (!(p.bin_minutes > 0) || !std::isfinite(p.bin_minutes) || std::isnan(p.max_interp_gap_h) ||
      std::isnan(p.min_duration_h)) {
    return;
  }
  const auto bin_ms = std::max<std::int64_t>(
      1, static_cast<std::int64_t>(std::llround(p.bin_minutes * 60.0 * 1000.0)));
  const double bin_h = static_cast<double>(bin_ms) / kMsPerHour;
  const double max_gap_ms = p.max_interp_gap_h * kMsPerHour;

  // 1. Resample between consecutive usable fixes less than max_gap apart.
  std::vector<Sample> s;
  const Fix* prev = nullptr;
  for (const Fix& f : fixes) {
    if (!usable(f)) continue;
    if (prev != nullptr && f.time <= prev->time) continue;  // repeated or backwards
    if (prev != nullptr) {
      const Fix& a = *prev;
      const Fix& b = f;
      const std::int64_t dt = b.time - a.time;
      if (static_cast<double>(dt) < max_gap_ms) {
        double dlon = b.lon - a.lon;
        if (dlon > 180.0) dlon -= 360.0;
        if (dlon < -180.0) dlon += 360.0;
        const double pair_kn = geo::haversine_nm(a.lat, a.lon, b.lat, b.lon) /
                               (static_cast<double>(dt) / kMsPerHour);
        for (std::int64_t k = ceil_div(a.time, bin_ms); k <= floor_div(b.time, bin_ms); ++k) {
          if (!s.empty() && s.back().t >= k) continue;  // bin at a shared fix time
          const std::int64_t t = k * bin_ms;
          const double mix = static_cast<double>(t - a.time) / static_cast<double>(dt);
          Sample x;
          x.t = k;
          x.lat = a.lat + mix * (b.lat - a.lat);
          x.lon = wrap_lon(a.lon + mix * dlon);
          x.pair_kn = pair_kn;
          x.ref = (t - a.time <= b.time - t) ? a.ref : b.ref;
          s.push_back(x);
        }
      }
    }
    prev = &f;
  }
  if (s.empty()) return;

  // 2. Speed of each bin from its neighbour in the same stretch.
  for (std::size_t k = 0; k < s.size(); ++k) {
    const Sample* other = nullptr;
    if (k > 0 && s[k - 1].t + 1 == s[k].t) {
      other = &s[k - 1];
    } else if (k + 1 < s.size() && s[k + 1].t == s[k].t + 1) {
      other = &s[k + 1];
    }
    s[k].speed_kn = other != nullptr
                        ? geo::haversine_nm(other->lat, other->lon, s[k].lat, s[k].lon) / bin_h
                        : s[k].pair_kn;
  }

  // 3. Candidates: slow first (cheap), then only stretches long enough ask
  // for ports and shore, then the stretches are measured again.
  const double min_span_ms = std::max(0.0, p.min_duration_h) * kMsPerHour;
  auto keep_long_stretches = [&]() {
    std::size_t i = 0;
    while (i < s.size()) {
      if (!s[i].keep) {
        ++i;
        continue;
      }
      std::size_t j = i + 1;
      while (j < s.size() && s[j].keep && s[j].t == s[j - 1].t + 1) ++j;
      const double span_ms = static_cast<double>(s[j - 1].t - s[i].t) * static_cast<double>(bin_ms);
      if (span_ms < min_span_ms) {
        for (std::size_t k = i; k < j; ++k) s[k].keep = false;
      }
      i = j;
    }
  };
  for (Sample& x : s) x.keep = x.speed_kn <= p.candidate_max_speed_kn;
  keep_long_stretches();
  bool any = false;
  for (Sample& x : s) {
    if (!x.keep) continue;
    if (in_port_ && in_port_(x.lat, x.lon)) {
      x.keep = false;
      continue;
    }
    if (shore_km_) {
      const double d = shore_km_(x.lat, x.lon);
      if (!(d >= p.min_shore_km)) {
        x.keep = false;
        continue;
      }
    }
    any = true;
  }
  if (!any) return;
  keep_long_stretches();

  for (const Sample& x : s) {
    if (!x.keep) continue;
    Bin b;
    b.t = x.t;
    b.lat = x.lat;
    b.lon = x.lon;
    b.speed_kn = static_cast<float>(x.speed_kn);
    b.mmsi = mmsi;
    b.ref = x.ref;
    b.cell = S2CellId(S2LatLng::FromDegrees(x.lat, x.lon)).parent(level_).id();
    bins_.push_back(b);
  }
}

std::vector<Encounter> EncounterDetector::finish() {
  std::vector<Encounter> out;
  std::vector<Bin> bins = std::move(bins_);
  bins_.clear();
  const EncounterParams& p = p_;
  if (bins.empty() || !(p.max_distance_m >= 0) || !(p.bin_minutes > 0) ||
      !std::isfinite(p.bin_minutes)) {
    return out;
  }
  const auto bin_ms = std::max<std::int64_t>(
      1, static_cast<std::int64_t>(std::llround(p.bin_minutes * 60.0 * 1000.0)));

  // 4. Pairs per time bin: bins sorted by (time, cell, mmsi); for each bin,
  // the later bins of its own cell and the bins of its larger-id neighbour
  // cells, so every pair is looked at once.
  std::sort(bins.begin(), bins.end(), [](const Bin& x, const Bin& y) {
    return std::tie(x.t, x.cell, x.mmsi) < std::tie(y.t, y.cell, y.mmsi);
  });
  std::vector<Close> close;
  // Neighbours with a larger id of each cell met, computed once per cell
  // (slow vessels stay in a cell for many bins).
  struct Larger {
    std::array<std::uint64_t, 8> id{};
    std::uint8_t n = 0;
  };
  std::unordered_map<std::uint64_t, Larger> larger;
  std::vector<S2CellId> nbrs;
  // The great-circle distance is at least the latitude difference's arc.
  const double max_dlat_deg = p.max_distance_m / (geo::kEarthRadiusM * kDegToRad) * (1 + 1e-9);
  auto compare = [&](std::size_t i, std::size_t j) {
    const Bin& x = bins[i];
    const Bin& y = bins[j];
    if (x.mmsi == y.mmsi || std::fabs(x.lat - y.lat) > max_dlat_deg) return;
    const double d = geo::haversine_m(x.lat, x.lon, y.lat, y.lon);
    if (!(d <= p.max_distance_m)) return;
    Close c;
    c.t = x.t;
    c.distance_m = d;
    if (x.mmsi < y.mmsi) {
      c.a = x.mmsi, c.b = y.mmsi, c.ia = i, c.ib = j;
    } else {
      c.a = y.mmsi, c.b = x.mmsi, c.ia = j, c.ib = i;
    }
    close.push_back(c);
  };
  std::size_t lo = 0;
  while (lo < bins.size()) {
    std::size_t hi = lo + 1;
    while (hi < bins.size() && bins[hi].t == bins[lo].t) ++hi;
    if (hi - lo >= 2) {
      auto cell_less = [](const Bin& x, std::uint64_t c) { return x.cell < c; };
      for (std::size_t i = lo; i < hi; ++i) {
        const std::uint64_t cell = bins[i].cell;
        for (std::size_t j = i + 1; j < hi && bins[j].cell == cell; ++j) compare(i, j);
        auto [entry, fresh] = larger.try_emplace(cell);
        if (fresh) {
          nbrs.clear();
          S2CellId(cell).AppendAllNeighbors(level_, &nbrs);
          std::sort(nbrs.begin(), nbrs.end());
          nbrs.erase(std::unique(nbrs.begin(), nbrs.end()), nbrs.end());
          for (const S2CellId& n : nbrs) {
            // a smaller neighbour finds the pair from its side
            if (n.id() > cell && entry->second.n < entry->second.id.size()) {
              entry->second.id[entry->second.n++] = n.id();
            }
          }
        }
        const Larger& nb = entry->second;
        for (std::size_t q = 0; q < nb.n; ++q) {
          auto it = std::lower_bound(bins.begin() + static_cast<std::ptrdiff_t>(lo),
                                     bins.begin() + static_cast<std::ptrdiff_t>(hi), nb.id[q],
                                     cell_less);
          for (; it != bins.begin() + static_cast<std::ptrdiff_t>(hi) && it->cell == nb.id[q];
               ++it) {
            compare(i, static_cast<std::size_t>(it - bins.begin()));
          }
        }
      }
    }
    lo = hi;
  }
  if (close.empty()) return out;

  // 5. Runs per pair: consecutive time bins.
  std::sort(close.begin(), close.end(), [](const Close& x, const Close& y) {
    return std::tie(x.a, x.b, x.t, x.distance_m) < std::tie(y.a, y.b, y.t, y.distance_m);
  });
  close.erase(std::unique(close.begin(), close.end(),
                          [](const Close& x, const Close& y) {
                            return x.a == y.a && x.b == y.b && x.t == y.t;
                          }),
              close.end());

  const double min_span_ms = std::max(0.0, p.min_duration_h) * kMsPerHour;
  const double merge_ms = p.merge_gap_h * kMsPerHour;
  struct Run {
    std::size_t b = 0, e = 0;  // [b, e) in close
  };

  std::vector<double> dist, sa, sb;  // reused by emit
  auto emit = [&](const std::vector<Run>& runs) {
    if (runs.empty()) return;
    dist.clear();
    sa.clear();
    sb.clear();
    for (const Run& r : runs) {
      for (std::size_t k = r.b; k < r.e; ++k) {
        const Close& c = close[k];
        dist.push_back(c.distance_m);
        sa.push_back(bins[c.ia].speed_kn);
        sb.push_back(bins[c.ib].speed_kn);
      }
    }
    Encounter e;
    e.median_speed_a_kn = median(sa);
    e.median_speed_b_kn = median(sb);
    // 7. Both vessels slow.
    if (!(e.median_speed_a_kn < p.max_median_speed_kn) ||
        !(e.median_speed_b_kn < p.max_median_speed_kn)) {
      return;
    }
    e.median_distance_m = median(dist);
    e.bins = dist.size();
    const Close& first = close[runs.front().b];
    const Close& last = close[runs.back().e - 1];
    e.mmsi_a = first.a;
    e.mmsi_b = first.b;
    e.start = first.t * bin_ms;
    e.end = last.t * bin_ms;
    e.duration_h = static_cast<double>(e.end - e.start) / kMsPerHour;
    // Mean position of both vessels: slow vessels within metres of each other
    // stay within a few km, so a plain mean is exact enough; longitudes are
    // taken relative to the first one, so the antimeridian does not split it.
    const double ref_lon = bins[first.ia].lon;
    double sum_lat = 0;
    double sum_dlon = 0;
    for (const Run& r : runs) {
      for (std::size_t k = r.b; k < r.e; ++k) {
        for (const std::size_t bi : {close[k].ia, close[k].ib}) {
          sum_lat += bins[bi].lat;
          double d = bins[bi].lon - ref_lon;
          if (d > 180.0) d -= 360.0;
          if (d < -180.0) d += 360.0;
          sum_dlon += d;
        }
      }
    }
    const auto count = static_cast<double>(2 * dist.size());
    e.lat = sum_lat / count;
    e.lon = wrap_lon(ref_lon + sum_dlon / count);
    e.a_first = bins[first.ia].ref;
    e.b_first = bins[first.ib].ref;
    e.a_last = bins[last.ia].ref;
    e.b_last = bins[last.ib].ref;
    out.push_back(e);
  };

  std::size_t i = 0;
  while (i < close.size()) {
    // one pair: [i, j)
    std::size_t j = i + 1;
    while (j < close.size() && close[j].a == close[i].a && close[j].b == close[i].b) ++j;
    std::vector<Run> group;  // runs being merged (6.)
    std::size_t k = i;
    while (k < j) {
      std::size_t m = k + 1;
      while (m < j && close[m].t == close[m - 1].t + 1) ++m;
      const double span_ms =
          static_cast<double>(close[m - 1].t - close[k].t) * static_cast<double>(bin_ms);
      if (span_ms >= min_span_ms) {
        if (!group.empty()) {
          const double apart_ms = static_cast<double>(close[k].t - close[group.back().e - 1].t) *
                                  static_cast<double>(bin_ms);
          if (!(apart_ms < merge_ms)) {
            emit(group);
            group.clear();
          }
        }
        group.push_back({k, m});
      }
      k = m;
    }
    emit(group);
    i = j;
  }

  std::sort(out.begin(), out.end(), [](const Encounter& x, const Encounter& y) {
    return std::tie(x.start, x.mmsi_a, x.mmsi_b) < std::tie(y.start, y.mmsi_a, y.mmsi_b);
  });
  return out;
}

}  // namespace tidewatch::detect
