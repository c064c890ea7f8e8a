#include "tidewatch/detect/loitering.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "tidewatch/geo/distance.h"
#include "fix_util.h"

namespace tidewatch::detect {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double implied_kn(const Fix& a, const Fix& b) noexcept {
  const double h = static_cast<double>(b.time - a.time) / kMsPerHour;
  if (!(h > 0)) return kNaN;
  return geo::haversine_nm(a.lat, a.lon, b.lat, b.lon) / h;
}

/// Sum of unit vectors: the mean position on the sphere (antimeridian-safe).
struct VectorSum {
  double x = 0, y = 0, z = 0;
  std::size_t n = 0;
  void add(double lat, double lon) noexcept {
    const double p = lat * kDegToRad;
    const double l = lon * kDegToRad;
    x += std::cos(p) * std::cos(l);
    y += std::cos(p) * std::sin(l);
    z += std::sin(p);
    ++n;
  }
  void add(const VectorSum& o) noexcept {
    x += o.x;
    y += o.y;
    z += o.z;
    n += o.n;
  }
  void mean(double& lat, double& lon) const noexcept {
    lat = std::atan2(z, std::hypot(x, y)) / kDegToRad;
    lon = std::atan2(y, x) / kDegToRad;
  }
};

struct Block {
  std::size_t b = 0, e = 0;     // [b, e) in `use`
  bool break_before = false;    // a gap longer than max_gap_h precedes it
  bool qualifies = false;
  double shore_km = std::numeric_limits<double>::infinity();
  double speed_sum = 0;
  std::size_t speed_n = 0;
  VectorSum pos;
};

}  // namespace

std::vector<Loitering> detect_loitering(std::span<const Fix> fixes,
                                        const ShoreDistanceFn& shore_km,
                                        const InPortFn& in_port,
                                        const LoiteringParams& p) {
  std::vector<Loitering> out;
  if (!(p.block_h > 0) || !std::isfinite(p.block_h) || std::isnan(p.max_speed_kn) ||
      std::isnan(p.min_duration_h) || std::isnan(p.min_shore_nm) || std::isnan(p.max_gap_h)) {
    return out;
  }
  const auto block_ms =
      std::max<std::int64_t>(1, static_cast<std::int64_t>(std::llround(p.block_h * kMsPerHour)));
  const double min_shore_km = p.min_shore_nm * geo::kMetresPerNm / 1000.0;
  // at least 1 ms, so an implied speed never divides by zero
  const double min_dt_ms =
      std::isfinite(p.implied_min_dt_s) ? std::max(1.0, p.implied_min_dt_s * 1000.0) : 1.0;

  // Usable fixes, time never going backwards.
  std::vector<std::size_t> use;
  use.reserve(fixes.size());
  for (std::size_t i = 0; i < fixes.size(); ++i) {
    if (!usable(fixes[i])) continue;
    if (!use.empty() && fixes[i].time < fixes[use.back()].time) continue;
    use.push_back(i);
  }
  if (use.empty()) return out;

  // 1. Speed of each fix.
  std::vector<double> speed(use.size(), kNaN);
  std::size_t back = 0;  // candidate earlier fix (index into use)
  std::size_t ahead = 0; // candidate later fix
  for (std::size_t k = 0; k < use.size(); ++k) {
    const Fix& f = fixes[use[k]];
    if (std::isfinite(f.sog_kn) && f.sog_kn >= 0) {
      speed[k] = f.sog_kn;
      continue;
    }
    // latest earlier fix with t <= f.time - min_dt
    while (back + 1 < k &&
           static_cast<double>(f.time - fixes[use[back + 1]].time) >= min_dt_ms) {
      ++back;
    }
    if (back < k && static_cast<double>(f.time - fixes[use[back]].time) >= min_dt_ms) {
      speed[k] = implied_kn(fixes[use[back]], f);
      continue;
    }
    // start of the track: earliest later fix with t >= f.time + min_dt
    if (ahead <= k) ahead = k + 1;
    while (ahead < use.size() &&
           static_cast<double>(fixes[use[ahead]].time - f.time) < min_dt_ms) {
      ++ahead;
    }
    if (ahead < use.size()) {
      speed[k] = implied_kn(f, fixes[use[ahead]]);
    }
  }

  // 2. Blocks.
  const double max_gap_ms = p.max_gap_h * kMsPerHour;
  std::vector<Block> blocks;
  for (std::size_t k = 0; k < use.size(); ++k) {
    const Fix& f = fixes[use[k]];
    const bool gap_before =
        k > 0 && static_cast<double>(f.time - fixes[use[k - 1]].time) > max_gap_ms;
    const bool new_block =
        k == 0 || gap_before ||
        floor_div(f.time, block_ms) != floor_div(fixes[use[k - 1]].time, block_ms);
    if (new_block) {
      Block b;
      b.b = k;
      b.break_before = gap_before;
      blocks.push_back(b);
    }
    Block& b = blocks.back();
    b.e = k + 1;
    b.pos.add(f.lat, f.lon);
    if (!std::isnan(speed[k])) {
      b.speed_sum += speed[k];
      ++b.speed_n;
    }
  }
  for (Block& b : blocks) {
    if (b.speed_n == 0) continue;
    if (!(b.speed_sum / static_cast<double>(b.speed_n) < p.max_speed_kn)) continue;
    double lat = 0;
    double lon = 0;
    b.pos.mean(lat, lon);
    if (in_port && in_port(lat, lon)) continue;
    b.shore_km = shore_km ? shore_km(lat, lon) : std::numeric_limits<double>::infinity();
    if (!(b.shore_km >= min_shore_km)) continue;
    b.qualifies = true;
  }

  // 3./4. Runs of qualifying blocks.
  auto close_run = [&](std::size_t first_block, std::size_t end_block) {
    if (first_block >= end_block) return;
    const Block& fb = blocks[first_block];
    const Block& lb = blocks[end_block - 1];
    Loitering ev;
    ev.first = use[fb.b];
    ev.last = use[lb.e - 1];
    ev.start = fixes[ev.first].time;
    ev.end = fixes[ev.last].time;
    ev.duration_h = static_cast<double>(ev.end - ev.start) / kMsPerHour;
    if (!(ev.duration_h >= p.min_duration_h)) return;
    VectorSum pos;
    double speed_sum = 0;
    std::size_t speed_n = 0;
    ev.min_shore_km = std::numeric_limits<double>::infinity();
    for (std::size_t i = first_block; i < end_block; ++i) {
      pos.add(blocks[i].pos);
      speed_sum += blocks[i].speed_sum;
      speed_n += blocks[i].speed_n;
      ev.min_shore_km = std::min(ev.min_shore_km, blocks[i].shore_km);
    }
    pos.mean(ev.lat, ev.lon);
    ev.mean_speed_kn = speed_n > 0 ? speed_sum / static_cast<double>(speed_n) : 0.0;
    ev.fixes = lb.e - fb.b;
    ev.blocks = end_block - first_block;
    out.push_back(ev);
  };
  std::size_t run_start = 0;
  bool in_run = false;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& b = blocks[i];
    if (in_run && (!b.qualifies || b.break_before)) {
      close_run(run_start, i);
      in_run = false;
    }
    if (b.qualifies && !in_run) {
      run_start = i;
      in_run = true;
    }
  }
  if (in_run) close_run(run_start, blocks.size());
  return out;
}

}  // namespace tidewatch::detect
