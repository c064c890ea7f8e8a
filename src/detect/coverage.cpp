#include "tidewatch/detect/coverage.h"

#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/GeodesicLine.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "fix_util.h"

namespace tidewatch::detect {
namespace {

constexpr std::int64_t kMsPerHourInt = 3600LL * 1000;
constexpr std::size_t kMaxSamples = 8784;  // coverage.h: a leap year of hours

/// UTC hour index of t (floor, also before 1970).
std::int64_t hour_of(UnixMillis t) noexcept {
  return t >= 0 ? t / kMsPerHourInt : -((-t + kMsPerHourInt - 1) / kMsPerHourInt);
}

double clamp_cell(double deg) noexcept {
  if (!std::isfinite(deg)) return CoverageParams{}.cell_deg;
  return std::clamp(deg, 0.01, 90.0);
}

}  // namespace

CoverageGrid::CoverageGrid(const CoverageParams& params)
    : cell_deg_(clamp_cell(params.cell_deg)),
      rows_(static_cast<int>(std::ceil(180.0 / cell_deg_))),
      cols_(static_cast<int>(std::ceil(360.0 / cell_deg_))) {}

int CoverageGrid::row_of(double lat) const noexcept {
  const int r = static_cast<int>(std::floor((lat + 90.0) / cell_deg_));
  return std::clamp(r, 0, rows_ - 1);
}

int CoverageGrid::col_of(double lon) const noexcept {
  // Longitude into [-180, 180) first, so 180 and -180 share a column.
  double x = std::fmod(lon + 180.0, 360.0);
  if (x < 0) x += 360.0;
  const int c = static_cast<int>(std::floor(x / cell_deg_));
  return std::clamp(c, 0, cols_ - 1);
}

std::uint64_t CoverageGrid::key(int row, int col, std::int64_t hour) const noexcept {
  // cell index < 18000 * 36000 < 2^32; the hour, clamped to 32 bits, above it.
  const auto cell = static_cast<std::uint64_t>(row) * static_cast<std::uint64_t>(cols_) +
                    static_cast<std::uint64_t>(col);
  const auto h32 = static_cast<std::int32_t>(
      std::clamp<std::int64_t>(hour, std::numeric_limits<std::int32_t>::min(),
                               std::numeric_limits<std::int32_t>::max()));
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(h32)) << 32) | cell;
}

void CoverageGrid::add_vessel(std::uint32_t mmsi, std::span<const Fix> fixes) {
  std::vector<std::uint64_t> keys;
  keys.reserve(std::min<std::size_t>(fixes.size(), 4096));
  for (const Fix& f : fixes) {
    if (!usable(f)) continue;
    const std::uint64_t k = key(row_of(f.lat), col_of(f.lon), hour_of(f.time));
    if (keys.empty() || keys.back() != k) keys.push_back(k);  // cheap first pass
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  for (const std::uint64_t k : keys) {
    Entry& e = cells_[k];
    if (e.vessels == 0) e.example = mmsi;
    if (e.vessels < std::numeric_limits<std::uint32_t>::max()) ++e.vessels;
  }
}

std::uint32_t CoverageGrid::vessels_received(double lat, double lon, UnixMillis t) const {
  if (!std::isfinite(lat) || !std::isfinite(lon)) return 0;
  const auto it = cells_.find(key(row_of(lat), col_of(lon), hour_of(t)));
  return it == cells_.end() ? 0 : it->second.vessels;
}

bool CoverageGrid::received_other(double lat, double lon, UnixMillis t, std::uint32_t mmsi,
                                  int radius_cells) const {
  if (!std::isfinite(lat) || !std::isfinite(lon)) return false;
  const int radius = std::clamp(radius_cells, 0, cols_ / 2);
  const int row = row_of(lat);
  const int col = col_of(lon);
  const std::int64_t hour = hour_of(t);
  for (int r = std::max(0, row - radius); r <= std::min(rows_ - 1, row + radius); ++r) {
    for (int dc = -radius; dc <= radius; ++dc) {
      const int c = ((col + dc) % cols_ + cols_) % cols_;  // wraps at the antimeridian
      const auto it = cells_.find(key(r, c, hour));
      if (it == cells_.end()) continue;
      const Entry& e = it->second;
      if (e.vessels >= 2 || (e.vessels == 1 && e.example != mmsi)) return true;
    }
  }
  return false;
}

Reception CoverageGrid::assess(const Gap& gap, std::span<const Fix> fixes, std::uint32_t mmsi,
                               const CoverageParams& params) const {
  Reception r;
  if (gap.before >= fixes.size() || gap.after >= fixes.size()) return r;
  const Fix& s = fixes[gap.before];
  const Fix& e = fixes[gap.after];
  if (!usable(s) || !usable(e) || e.time <= s.time) return r;

  const double span_ms = static_cast<double>(e.time - s.time);
  const auto n = static_cast<std::size_t>(std::clamp(
      std::ceil(span_ms / static_cast<double>(kMsPerHourInt)), 1.0, static_cast<double>(kMaxSamples)));
  const GeographicLib::GeodesicLine path =
      GeographicLib::Geodesic::WGS84().InverseLine(s.lat, s.lon, e.lat, e.lon);
  const int radius = params.block_radius_cells;

  for (std::size_t k = 0; k < n; ++k) {
    const double frac = (static_cast<double>(k) + 0.5) / static_cast<double>(n);
    const auto t = s.time + static_cast<UnixMillis>(std::llround(frac * span_ms));
    double plat = s.lat;
    double plon = s.lon;
    path.Position(frac * path.Distance(), plat, plon);
    if (received_other(s.lat, s.lon, t, mmsi, radius)) ++r.start_received;
    if (received_other(e.lat, e.lon, t, mmsi, radius)) ++r.end_received;
    if (received_other(plat, plon, t, mmsi, radius)) ++r.path_received;
  }
  r.samples = n;
  const auto total = static_cast<double>(n);
  r.start_fraction = static_cast<double>(r.start_received) / total;
  r.end_fraction = static_cast<double>(r.end_received) / total;
  r.path_fraction = static_cast<double>(r.path_received) / total;
  r.suspected_disabling = r.start_fraction >= params.min_start_fraction &&
                          r.end_fraction >= params.min_end_fraction &&
                          r.path_fraction >= params.min_path_fraction;
  return r;
}

}  // namespace tidewatch::detect
