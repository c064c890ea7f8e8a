// PortIndex against brute force (haversine over every port), polygon
// queries, and the query rate.

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <iostream>
#include <limits>
#include <random>

#include "support/data.h"
#include "support/fixtures.h"
#include "tidewatch/geo/distance.h"
#include "tidewatch/ports/port.h"

using tidewatch::geo::haversine_m;
using tidewatch::geo::kEarthRadiusM;
using namespace tidewatch::ports;

namespace {

using tidewatch::test::kPi;
using tidewatch::test::world;

/// The point `dist_m` from (lat, lon) on initial bearing `bearing_deg`
/// (great circle on the haversine sphere).
std::pair<double, double> destination_wrapped(double lat, double lon, double bearing_deg, double dist_m) {
  const double d = dist_m / kEarthRadiusM, b = bearing_deg * kPi / 180;
  const double p1 = lat * kPi / 180, l1 = lon * kPi / 180;
  const double p2 = std::asin(std::sin(p1) * std::cos(d) + std::cos(p1) * std::sin(d) * std::cos(b));
  const double l2 = l1 + std::atan2(std::sin(b) * std::sin(d) * std::cos(p1),
                                    std::cos(d) - std::sin(p1) * std::sin(p2));
  double lon2 = l2 * 180 / kPi;
  lon2 = std::fmod(lon2 + 540.0, 360.0) - 180.0;
  return {p2 * 180 / kPi, lon2};
}

/// Random test points: half near a random port (0..15 km), half anywhere.
std::vector<std::pair<double, double>> random_points(std::span<const Port> ports, std::size_t n,
                                                     std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<std::pair<double, double>> out;
  out.reserve(n);
  for (std::size_t k = 0; k < n; ++k) {
    if (k % 2 == 0) {
      const Port& p = ports[static_cast<std::size_t>(u(rng) * static_cast<double>(ports.size())) % ports.size()];
      out.push_back(destination_wrapped(p.lat, p.lon, 360 * u(rng), 15000 * u(rng)));
    } else {
      out.emplace_back(std::asin(2 * u(rng) - 1) * 180 / kPi, 360 * u(rng) - 180);
    }
  }
  return out;
}

}  // namespace

TEST(PortIndex, ContainingAndWithinAgreeWithBruteForceOnTheWorldList) {
  const PortIndex& index = world();
  const auto ports = index.ports();
  ASSERT_EQ(ports.size(), 3769u);
  const auto points = random_points(ports, 4000, 20231001);
  constexpr double kMax = 12000;   // within() radius, metres
  constexpr double kEdge = 1e-3;   // closer than 1 mm to a boundary: either answer is right
  std::size_t inside = 0, listed = 0, checked = 0;
  for (const auto& [lat, lon] : points) {
    // Brute force.
    std::optional<std::uint32_t> best;
    double best_d = std::numeric_limits<double>::infinity();
    bool ambiguous = false;
    std::vector<std::pair<std::uint32_t, double>> near;
    for (std::uint32_t i = 0; i < ports.size(); ++i) {
      const double d = haversine_m(lat, lon, ports[i].lat, ports[i].lon);
      if (std::abs(d - ports[i].radius_m) < kEdge || std::abs(d - kMax) < kEdge) ambiguous = true;
      if (d <= ports[i].radius_m && d < best_d) {
        best_d = d;
        best = i;
      }
      if (d <= kMax) near.emplace_back(i, d);
    }
    if (ambiguous) continue;
    ++checked;
    std::sort(near.begin(), near.end(), [](auto& a, auto& b) {
      return a.second != b.second ? a.second < b.second : a.first < b.first;
    });
    // Index.
    const auto got = index.containing_index(lat, lon);
    ASSERT_EQ(got, best) << lat << ", " << lon;
    EXPECT_EQ(index.in_port(lat, lon), best.has_value());
    if (best) {
      ++inside;
      EXPECT_EQ(index.containing(lat, lon), &ports[*best]);
    }
    const auto within = index.within(lat, lon, kMax);
    ASSERT_EQ(within.size(), near.size()) << lat << ", " << lon;
    for (std::size_t k = 0; k < near.size(); ++k) {
      EXPECT_EQ(within[k].first, near[k].first);
      EXPECT_NEAR(within[k].second, near[k].second, 1e-3);
      EXPECT_NEAR(index.distance_m(within[k].first, lat, lon), near[k].second, 1e-3);
    }
    listed += near.size();
  }
  // The test is not vacuous: many points fell inside ports and near several.
  EXPECT_GT(checked, 3990u);
  EXPECT_GT(inside, 400u);
  EXPECT_GT(listed, 2000u);
}

TEST(PortIndex, NearestPortWinsWhereCirclesOverlap) {
  // Two 5 km circles 6 km apart on the same parallel.
  const auto east = destination_wrapped(42.0, 131.0, 90, 6000);
  PortIndex index({Port{.name = "West", .lat = 42.0, .lon = 131.0, .radius_m = 5000},
                   Port{.name = "East", .lat = east.first, .lon = east.second, .radius_m = 5000}});
  const auto p2k = destination_wrapped(42.0, 131.0, 90, 2000);  // 2 km from West, 4 km from East
  const auto p4k = destination_wrapped(42.0, 131.0, 90, 4000);  // 4 km from West, 2 km from East
  EXPECT_EQ(index.containing(p2k.first, p2k.second)->name, "West");
  EXPECT_EQ(index.containing(p4k.first, p4k.second)->name, "East");
  const auto both = index.within(p2k.first, p2k.second, 10000);
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].first, 0u);
  EXPECT_NEAR(both[0].second, 2000, 0.01);
  EXPECT_NEAR(both[1].second, 4000, 0.01);
  EXPECT_TRUE(index.within(p2k.first, p2k.second, 1000).empty());
}

TEST(PortIndex, AcrossTheAntimeridian) {
  PortIndex index({Port{.name = "Dateline", .lat = -16.8, .lon = 179.99, .radius_m = 3000}});
  // -179.99 is 0.02 degrees of longitude (~2.1 km at 16.8 S) east of 179.99.
  EXPECT_TRUE(index.in_port(-16.8, -179.99));
  EXPECT_NEAR(index.distance_m(0, -16.8, -179.99), haversine_m(-16.8, 179.99, -16.8, -179.99), 1e-3);
  EXPECT_FALSE(index.in_port(-16.8, -179.9));
  EXPECT_EQ(index.within(-16.8, -179.99, 5000).size(), 1u);
}

TEST(PortIndex, PolygonsHolesAndDistanceOutside) {
  const auto list = load_ports(tidewatch::test::test_data("ports/harbours.geojson"));
  const PortIndex index(list.ports);
  ASSERT_EQ(index.size(), 4u);
  // Inside Golden Horn's box, away from the hole.
  EXPECT_EQ(index.containing_index(43.105, 131.88), 0u);
  EXPECT_EQ(index.distance_m(0, 43.105, 131.88), 0);
  // In the hole (43.110..43.114, 131.895..131.905): not in port; 0.001 deg of
  // latitude (~111 m) from the hole's southern edge.
  EXPECT_FALSE(index.in_port(43.111, 131.900));
  EXPECT_NEAR(index.distance_m(0, 43.111, 131.900), 111.2, 1.0);
  // South of the box by 0.01 degrees of latitude: 1.11 km outside.
  EXPECT_FALSE(index.in_port(43.09, 131.90));
  EXPECT_NEAR(index.distance_m(0, 43.09, 131.90), 1111.9, 2.0);
  const auto near = index.within(43.09, 131.90, 2000);
  ASSERT_EQ(near.size(), 1u);
  EXPECT_EQ(near[0].first, 0u);
  EXPECT_NEAR(near[0].second, 1111.9, 2.0);
  EXPECT_TRUE(index.within(43.09, 131.90, 1000).empty());
  // Both parts of the MultiPolygon.
  EXPECT_EQ(index.containing_index(42.80, 132.88), 1u);
  EXPECT_EQ(index.containing_index(42.77, 132.91), 1u);
  EXPECT_FALSE(index.in_port(42.785, 132.895));  // between the two basins
  // The Point feature with radius_m 1500.
  EXPECT_EQ(index.containing_index(42.7507146, 133.0705699), 2u);
  // Inside a polygon: within() reports distance 0.
  const auto at = index.within(42.80, 132.88, 100);
  ASSERT_EQ(at.size(), 1u);
  EXPECT_EQ(at[0].second, 0);
}

TEST(PortIndex, BadQueriesAndBadPortsNeverCrash) {
  const PortIndex& index = world();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(index.containing(nan, 131.0), nullptr);
  EXPECT_EQ(index.containing(91.0, 131.0), nullptr);
  EXPECT_EQ(index.containing(42.0, 181.0), nullptr);
  EXPECT_TRUE(index.within(42.0, 131.0, -1).empty());
  EXPECT_TRUE(index.within(42.0, 131.0, nan).empty());
  EXPECT_TRUE(std::isnan(index.distance_m(99999, 42.0, 131.0)));
  EXPECT_FALSE(PortIndex().in_port(42.0, 131.0));
  EXPECT_TRUE(PortIndex().within(42.0, 131.0, 1e7).empty());
  // A port a reader would reject is a programming error here.
  EXPECT_THROW(PortIndex({Port{.name = "x", .lat = 95, .lon = 0, .radius_m = 100}}), std::invalid_argument);
  EXPECT_THROW(PortIndex({Port{.name = "x", .lat = 0, .lon = 0, .radius_m = 0}}), std::invalid_argument);
}

// Not a benchmark, a smoke measurement: prints ns per query (docs/ports.md
// records the figures) and checks the answers of the timed loop.
TEST(PortIndex, QueryRate) {
  const PortIndex& index = world();
  const auto points = random_points(index.ports(), 200000, 7);
  using clock = std::chrono::steady_clock;
  std::size_t hits = 0;
  const auto t0 = clock::now();
  for (int rep = 0; rep < 5; ++rep) {
    for (const auto& [lat, lon] : points) hits += index.in_port(lat, lon);
  }
  const auto t1 = clock::now();
  std::size_t listed = 0;
  const std::size_t n_within = 20000;
  for (std::size_t k = 0; k < n_within; ++k) listed += index.within(points[k].first, points[k].second, 10000).size();
  const auto t2 = clock::now();
  const double ns_in_port = std::chrono::duration<double, std::nano>(t1 - t0).count() / (5.0 * points.size());
  const double ns_within = std::chrono::duration<double, std::nano>(t2 - t1).count() / static_cast<double>(n_within);
  std::cout << "[ PortIndex ] in_port: " << ns_in_port << " ns/query (" << 5 * points.size()
            << " queries, " << hits / 5 << " of " << points.size() << " in port); within(10 km): "
            << ns_within << " ns/query\n";
  RecordProperty("in_port_ns", std::to_string(ns_in_port));
  RecordProperty("within_ns", std::to_string(ns_within));
  // Half the points are near ports, half anywhere (mostly open sea or land).
  EXPECT_GT(hits / 5, points.size() / 10);
  EXPECT_LT(hits / 5, points.size() / 2);
  EXPECT_GT(listed, 0u);
}
