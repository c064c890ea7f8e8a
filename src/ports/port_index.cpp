// PortIndex: S2 cells for "which port contains this point", S2 closest-point
// and closest-edge queries for "which ports are within d" (docs/ports.md).

// GCC 12 reports a false -Wmaybe-uninitialized inside Abseil's InlinedVector
// (the priority queue of S2's closest-point and closest-edge queries).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <s2/mutable_s2shape_index.h>
#include <s2/s1angle.h>
#include <s2/s2cap.h>
#include <s2/s2closest_edge_query.h>
#include <s2/s2closest_point_query.h>
#include <s2/s2latlng_rect.h>
#include <s2/s2point_index.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "geometry.h"
#include "tidewatch/ports/port.h"

namespace tidewatch::ports {

namespace {

/// Containment is looked up in lat/lon buckets of 0.1 x 0.1 degree (11 km x
/// <= 11 km): each bucket lists the ports whose entry region's S2 bounding
/// rectangle reaches it.  A point's bucket is two multiplications away, so a
/// point far from every port (most of the sea, all inland) is answered
/// without trigonometry; otherwise the few candidates are tested exactly on
/// the sphere.  (A first version keyed the table by level-12 S2 cells; the
/// S2CellId of a lat/lon costs ~150-200 ns here, three times the rest.)
constexpr int kBucketsPerDegree = 10;
constexpr int kBucketRows = 180 * kBucketsPerDegree;
constexpr int kBucketCols = 360 * kBucketsPerDegree;
/// A port whose bounding rectangle covers more buckets than this (about 1000
/// square degrees: a user polygon the size of a sea) is not put in the table
/// but tested on every query against its rectangle first.
constexpr std::uint64_t kMaxBucketsPerPort = 100'000;

int bucket_row(double lat) noexcept {
  return std::clamp(static_cast<int>(std::floor((lat + 90.0) * kBucketsPerDegree)), 0, kBucketRows - 1);
}
int bucket_col(double lon) noexcept {
  return std::clamp(static_cast<int>(std::floor((lon + 180.0) * kBucketsPerDegree)), 0, kBucketCols - 1);
}
std::uint32_t bucket_of(int row, int col) noexcept {
  return static_cast<std::uint32_t>(row) * kBucketCols + static_cast<std::uint32_t>(col);
}

/// Column ranges [c0, c1] of a rectangle's longitudes (two across the antimeridian).
std::vector<std::pair<int, int>> column_ranges(const S2LatLngRect& rect) {
  if (rect.lng().is_full()) return {{0, kBucketCols - 1}};
  const int c0 = bucket_col(rect.lng_lo().degrees()), c1 = bucket_col(rect.lng_hi().degrees());
  if (rect.lng().is_inverted()) return {{c0, kBucketCols - 1}, {0, c1}};
  return {{c0, c1}};
}

bool valid_position(double lat, double lon) noexcept {
  return std::isfinite(lat) && std::isfinite(lon) && lat >= -90 && lat <= 90 && lon >= -180 &&
         lon <= 180;
}

}  // namespace

struct PortIndex::Impl {
  std::vector<Port> ports;
  std::vector<S2Point> centres;                    // per port
  std::vector<S1ChordAngle> radius;                // per port; circle entry radius
  std::vector<std::unique_ptr<S2Polygon>> polys;   // per port; null for circles
  // Bucket table: open addressing (linear probing, power-of-two size, load
  // <= 1/2) from bucket + 1 (0 = empty slot) to its candidate ports
  // bucket_ports[begin .. end), in increasing order.
  struct Slot {
    std::uint32_t key = 0;
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
  };
  std::vector<Slot> table;
  int table_shift = 32;
  std::vector<std::uint32_t> bucket_ports;
  std::vector<std::uint32_t> big;                  // ports tested on every query
  std::vector<S2LatLngRect> big_bounds;
  // within(): circle ports by position, polygon ports by edges.
  S2PointIndex<std::uint32_t> point_index;
  MutableS2ShapeIndex shape_index;
  std::vector<std::uint32_t> shape_port;           // shape id -> port

  std::size_t slot_of(std::uint32_t key) const noexcept {
    return static_cast<std::size_t>((key * 0x9E3779B1U) >> table_shift);
  }
  const Slot* find(std::uint32_t key) const noexcept {
    if (table.empty()) return nullptr;
    const std::size_t mask = table.size() - 1;
    for (std::size_t k = slot_of(key);; k = (k + 1) & mask) {
      const Slot& s = table[k];
      if (s.key == key) return &s;
      if (s.key == 0) return nullptr;
    }
  }

  /// Ordering key of port i's distance to p when i contains p; nullopt if not.
  std::optional<double> contains(std::uint32_t i, const S2Point& p) const {
    if (polys[i]) {
      if (polys[i]->Contains(p)) return 0.0;
      return std::nullopt;
    }
    const S1ChordAngle d(p, centres[i]);
    if (d <= radius[i]) return d.length2();
    return std::nullopt;
  }

  std::optional<std::uint32_t> containing(double lat, double lon) const {
    if (!valid_position(lat, lon) || ports.empty()) return std::nullopt;
    const Slot* slot = find(bucket_of(bucket_row(lat), bucket_col(lon)) + 1);
    if (!slot && big.empty()) return std::nullopt;
    const S2LatLng ll = S2LatLng::FromDegrees(lat, lon);
    const S2Point p = ll.ToPoint();
    std::optional<std::uint32_t> best;
    double best_d = std::numeric_limits<double>::infinity();
    const auto consider = [&](std::uint32_t i) {
      if (auto d = contains(i, p); d && (*d < best_d || (*d == best_d && i < *best))) {
        best_d = *d;
        best = i;
      }
    };
    if (slot) {
      for (std::uint32_t j = slot->begin; j < slot->end; ++j) consider(bucket_ports[j]);
    }
    for (std::size_t b = 0; b < big.size(); ++b) {
      if (big_bounds[b].Contains(ll)) consider(big[b]);
    }
    return best;
  }
};

PortIndex::PortIndex() : impl_(std::make_unique<Impl>()) {}
PortIndex::PortIndex(PortIndex&&) noexcept = default;
PortIndex& PortIndex::operator=(PortIndex&&) noexcept = default;
PortIndex::~PortIndex() = default;

PortIndex::PortIndex(std::vector<Port> ports) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  if (ports.size() >= std::numeric_limits<std::uint32_t>::max()) {
    throw std::invalid_argument("PortIndex: too many ports");
  }
  m.ports = std::move(ports);
  const auto n = static_cast<std::uint32_t>(m.ports.size());
  m.centres.resize(n);
  m.radius.resize(n);
  m.polys.resize(n);

  std::vector<std::pair<std::uint32_t, std::uint32_t>> cells;  // (bucket + 1, port)

  for (std::uint32_t i = 0; i < n; ++i) {
    const Port& port = m.ports[i];
    const std::string who = "PortIndex: port " + std::to_string(i) + " '" + port.name + "': ";
    if (!valid_position(port.lat, port.lon)) throw std::invalid_argument(who + "position out of range");
    m.centres[i] = detail::to_point(port.lat, port.lon);
    const S2Region* region = nullptr;
    S2Cap cap;
    if (port.polygon) {
      std::string error;
      m.polys[i] = detail::make_polygon(*port.polygon, &error);
      if (!m.polys[i]) throw std::invalid_argument(who + error);
      region = m.polys[i].get();
      const int shape = m.shape_index.Add(std::make_unique<S2Polygon::Shape>(m.polys[i].get()));
      if (static_cast<std::size_t>(shape) >= m.shape_port.size()) m.shape_port.resize(static_cast<std::size_t>(shape) + 1);
      m.shape_port[static_cast<std::size_t>(shape)] = i;
    } else {
      if (!(port.radius_m > 0) || !std::isfinite(port.radius_m)) {
        throw std::invalid_argument(who + "radius_m must be > 0 for a circle port");
      }
      m.radius[i] = detail::chord_from_m(port.radius_m);
      cap = S2Cap(m.centres[i], m.radius[i]);
      region = &cap;
      m.point_index.Add(m.centres[i], i);
    }
    // S2's rectangle bound is conservative (it includes the bulge of
    // geodesic edges and the whole cap); widen it a little against rounding.
    const S2LatLngRect rect = region->GetRectBound().ExpandedByDistance(S1Angle::Degrees(1e-7));
    const int r0 = bucket_row(rect.lat_lo().degrees()), r1 = bucket_row(rect.lat_hi().degrees());
    const auto cols = column_ranges(rect);
    std::uint64_t count = 0;
    for (const auto& [c0, c1] : cols) count += static_cast<std::uint64_t>(r1 - r0 + 1) * static_cast<std::uint64_t>(c1 - c0 + 1);
    if (count > kMaxBucketsPerPort) {
      m.big.push_back(i);
      m.big_bounds.push_back(rect);
      continue;
    }
    for (int r = r0; r <= r1; ++r) {
      for (const auto& [c0, c1] : cols) {
        for (int c = c0; c <= c1; ++c) cells.emplace_back(bucket_of(r, c) + 1, i);
      }
    }
  }
  std::sort(cells.begin(), cells.end());
  std::size_t distinct = 0;
  for (std::size_t k = 0; k < cells.size(); ++k) distinct += k == 0 || cells[k].first != cells[k - 1].first;
  if (distinct > 0) {
    std::size_t size = 16;
    m.table_shift = 28;
    while (size < 2 * distinct) {  // load factor <= 1/2
      size *= 2;
      --m.table_shift;
    }
    m.table.assign(size, {});
  }
  m.bucket_ports.reserve(cells.size());
  for (std::size_t k = 0; k < cells.size();) {
    const std::uint32_t key = cells[k].first;
    Impl::Slot slot{key, static_cast<std::uint32_t>(m.bucket_ports.size()), 0};
    for (; k < cells.size() && cells[k].first == key; ++k) m.bucket_ports.push_back(cells[k].second);
    slot.end = static_cast<std::uint32_t>(m.bucket_ports.size());
    std::size_t at = m.slot_of(key);
    while (m.table[at].key != 0) at = (at + 1) & (m.table.size() - 1);
    m.table[at] = slot;
  }
  m.shape_index.ForceBuild();
}

std::span<const Port> PortIndex::ports() const noexcept { return impl_->ports; }
std::size_t PortIndex::size() const noexcept { return impl_->ports.size(); }
const Port& PortIndex::operator[](std::uint32_t i) const noexcept { return impl_->ports[i]; }

std::optional<std::uint32_t> PortIndex::containing_index(double lat, double lon) const noexcept {
  return impl_->containing(lat, lon);
}

const Port* PortIndex::containing(double lat, double lon) const noexcept {
  const auto i = impl_->containing(lat, lon);
  return i ? &impl_->ports[*i] : nullptr;
}

bool PortIndex::in_port(double lat, double lon) const noexcept {
  return impl_->containing(lat, lon).has_value();
}

double PortIndex::distance_m(std::uint32_t i, double lat, double lon) const noexcept {
  const Impl& m = *impl_;
  if (i >= m.ports.size() || !valid_position(lat, lon)) return std::numeric_limits<double>::quiet_NaN();
  const S2Point p = detail::to_point(lat, lon);
  if (m.polys[i]) return detail::metres(m.polys[i]->GetDistance(p));
  return detail::metres(S1Angle(p, m.centres[i]));
}

std::vector<std::pair<std::uint32_t, double>> PortIndex::within(double lat, double lon,
                                                                double max_m) const {
  const Impl& m = *impl_;
  std::vector<std::pair<std::uint32_t, double>> out;
  if (!valid_position(lat, lon) || !(max_m >= 0)) return out;
  const S2Point p = detail::to_point(lat, lon);
  // The queries' bound is widened by a micrometre so that rounding in the
  // chord angle never loses a port at exactly max_m; the exact distance below
  // decides.
  const S1ChordAngle bound = detail::chord_from_m(max_m + 1e-6);
  if (m.point_index.num_points() > 0) {
    S2ClosestPointQuery<std::uint32_t> query(&m.point_index);
    query.mutable_options()->set_inclusive_max_distance(bound);
    S2ClosestPointQuery<std::uint32_t>::PointTarget target(p);
    for (const auto& r : query.FindClosestPoints(&target)) {
      const double d = detail::metres(S1Angle(p, r.point()));
      if (d <= max_m) out.emplace_back(r.data(), d);
    }
  }
  if (!m.shape_port.empty()) {
    S2ClosestEdgeQuery query(&m.shape_index);
    query.mutable_options()->set_inclusive_max_distance(bound);
    query.mutable_options()->set_include_interiors(true);
    S2ClosestEdgeQuery::PointTarget target(p);
    std::vector<std::uint32_t> seen;
    for (const auto& r : query.FindClosestEdges(&target)) {
      const std::uint32_t i = m.shape_port[static_cast<std::size_t>(r.shape_id())];
      if (std::find(seen.begin(), seen.end(), i) != seen.end()) continue;
      seen.push_back(i);
      const double d = detail::metres(m.polys[i]->GetDistance(p));
      if (d <= max_m) out.emplace_back(i, d);
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second < b.second : a.first < b.first;
  });
  return out;
}

}  // namespace tidewatch::ports
