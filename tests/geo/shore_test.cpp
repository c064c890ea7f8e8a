// geo::ShoreDistance (and the two LandMask queries it is built on,
// level_grid and shorelines) on the real GSHHG 2.3.7 shoreline.
//
// The reference is LandMask itself: level() for land or water, and
// distance_to_shore_m, which measures every shoreline segment within its
// radius (exact, slow).  ShoreDistance must agree with it to 0.5 km.
#include "tidewatch/geo/shore.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "support/land_mask.h"
#include "tidewatch/geo/land_mask.h"

namespace fs = std::filesystem;
using tidewatch::geo::LandMask;
using tidewatch::geo::ShoreDistance;
using tidewatch::geo::ShoreDistanceParams;
using tidewatch::geo::ShoreLevel;
using tidewatch::geo::ShoreLines;

namespace {

/// The reference: 0 on land, else LandMask's exact distance in km
/// (infinity beyond max_km).
double exact_km(const LandMask& mask, double lat, double lon, double max_km) {
  if (mask.is_land(lat, lon)) return 0.0;
  return mask.distance_to_shore_m(lat, lon, max_km * 1000.0) / 1000.0;
}

struct Region {
  const char* name;
  double lat0, lat1, lon0, lon1;
};

// Coasts of every kind: straits and islands, a fjord coast, an archipelago,
// an open coast with a continental shelf, the tropics, a large lake.
const Region kRegions[] = {
    {"Danish straits", 54.0, 58.0, 8.0, 13.0},
    {"Korea and Primorye", 40.0, 44.0, 128.0, 134.0},
    {"Norwegian fjords", 59.5, 63.0, 4.0, 7.5},
    {"Aegean islands", 36.0, 40.0, 23.0, 27.0},
    {"Gulf of Guinea", 3.0, 6.5, 1.0, 7.0},
    {"Caspian Sea (lake)", 40.0, 44.0, 49.0, 53.0},
};

}  // namespace

// ---- LandMask::level_grid and LandMask::shorelines ---------------------------

TEST(ShoreLandMask, LevelGridIsLevelAtEveryPoint) {
  OPEN_OR_SKIP(mask, 'h');
  struct Grid {
    double lat0, lon0, step_lat, step_lon;
    int rows, cols;
  };
  // Korea's east coast and Rajin at 0.01 degree; Denmark at odd steps
  // crossing bin edges; a grid across the antimeridian (Wrangel Island).
  const Grid grids[] = {
      {41.5, 129.5, 0.01, 0.01, 150, 200},
      {54.3, 8.1, 0.0137, 0.0191, 160, 120},
      {70.6, 178.3, 0.02, 0.05, 60, 70},
  };
  for (const Grid& g : grids) {
    const std::vector<ShoreLevel> levels =
        mask->level_grid(g.lat0, g.lon0, g.step_lat, g.step_lon, g.rows, g.cols);
    ASSERT_EQ(levels.size(), static_cast<std::size_t>(g.rows * g.cols));
    std::size_t land = 0, differ = 0;
    for (int i = 0; i < g.rows; ++i) {
      for (int j = 0; j < g.cols; ++j) {
        const double lat = g.lat0 + i * g.step_lat;
        const double lon = g.lon0 + j * g.step_lon;
        const ShoreLevel got = levels[static_cast<std::size_t>(i * g.cols + j)];
        if (got != mask->level(lat, lon)) ++differ;
        if (is_land_level(got)) ++land;
      }
    }
    EXPECT_EQ(differ, 0U) << "grid at " << g.lat0 << ", " << g.lon0;
    // Each grid holds both land and sea, so the comparison means something.
    EXPECT_GT(land, 0U);
    EXPECT_LT(land, levels.size());
  }
  EXPECT_TRUE(mask->level_grid(0, 0, 0.1, 0.1, 0, 10).empty());
  EXPECT_TRUE(mask->level_grid(std::nan(""), 0, 0.1, 0.1, 3, 3).empty());
}

TEST(ShoreLandMask, ShorelinesComeBackInTheBoxLongitudes) {
  OPEN_OR_SKIP(mask, 'i');
  // Wrangel Island straddles 180: asked as 179..181, its eastern half comes
  // back at longitudes above 180, not near -180.
  ShoreLines lines;
  mask->shorelines(70.5, 71.8, 179.0, 181.0, lines);
  ASSERT_GT(lines.pieces(), 0U);
  ASSERT_EQ(lines.start.size(), lines.pieces() + 1);
  ASSERT_EQ(lines.lat.size(), lines.start.back());
  const auto [lo, hi] = std::minmax_element(lines.lon.begin(), lines.lon.end());
  EXPECT_GE(*lo, 178.0);  // whole pieces, so a little beyond the box
  EXPECT_GT(*hi, 180.5);
  EXPECT_LE(*hi, 183.0);
  // Open ocean: nothing.
  ShoreLines none;
  mask->shorelines(39.0, 41.0, -41.0, -39.0, none);
  EXPECT_EQ(none.pieces(), 0U);
}

// ---- ShoreDistance -----------------------------------------------------------

TEST(ShoreDistance, AgreesWithExactDistanceOnRandomPoints) {
  OPEN_OR_SKIP(mask, 'h');
  ShoreDistance shore(mask);
  const double cap = shore.params().cap_km;
  std::mt19937_64 rng(20261201);
  double worst = 0.0;
  std::size_t compared = 0, land = 0, beyond = 0;
  std::vector<double> errors;
  for (const Region& r : kRegions) {
    std::uniform_real_distribution<double> lat(r.lat0, r.lat1), lon(r.lon0, r.lon1);
    double region_worst = 0.0;
    for (int k = 0; k < 250; ++k) {
      const double la = lat(rng), lo = lon(rng);
      const double want = exact_km(*mask, la, lo, cap + 10.0);
      const double got = shore.km(la, lo);
      if (want == 0.0) {
        EXPECT_EQ(got, 0.0) << r.name << " land at " << la << ", " << lo;
        ++land;
        continue;
      }
      if (want >= cap) {
        EXPECT_GE(got, cap - 0.5) << r.name << " at " << la << ", " << lo;
        ++beyond;
        continue;
      }
      const double err = std::abs(got - want);
      EXPECT_LE(err, 0.5) << r.name << " at " << la << ", " << lo << ": " << got << " km, exact "
                          << want;
      region_worst = std::max(region_worst, err);
      errors.push_back(err);
      ++compared;
    }
    worst = std::max(worst, region_worst);
    std::cout << "[ shore    ] " << r.name << ": worst error " << region_worst * 1000 << " m\n";
  }
  std::sort(errors.begin(), errors.end());
  const double median = errors.empty() ? 0 : errors[errors.size() / 2];
  const double p99 = errors.empty() ? 0 : errors[errors.size() * 99 / 100];
  std::cout << "[ shore    ] " << compared << " sea points compared, " << land << " on land, "
            << beyond << " beyond the cap; error median " << median * 1000 << " m, p99 "
            << p99 * 1000 << " m, worst " << worst * 1000 << " m\n";
  EXPECT_GT(compared, 600U);
  EXPECT_GT(land, 100U);
}

TEST(ShoreDistance, NearTheShoreAgreesToTheMetre) {
  OPEN_OR_SKIP(mask, 'h');
  ShoreDistance shore(mask);
  // Within 2 km of the shore (ports, anchorages, coastal traffic).
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> lat(54.5, 57.5), lon(9.5, 12.5);
  int near = 0;
  while (near < 300) {
    const double la = lat(rng), lo = lon(rng);
    const double want = exact_km(*mask, la, lo, 2.0);
    if (want == 0.0 || std::isinf(want)) continue;
    ++near;
    EXPECT_NEAR(shore.km(la, lo), want, 1e-3) << la << ", " << lo;
  }
}

TEST(ShoreDistance, MatchesGmtAtIntermediateResolution) {
  OPEN_OR_SKIP(mask, 'i');
  ShoreDistance shore(mask);
  // GMT 6 `mapproject -L<gmt coast -Di -W -M>+ue` on a sphere, as in
  // tests/geo/land_mask_test.cpp: 31294.3 m in the Baltic south of Sweden,
  // 1549.2 m in the Limfjord (a lake at 'i').  The third point of that test
  // (9188.9 m) is inland Sweden: on land ShoreDistance says 0.
  EXPECT_NEAR(shore.km(55.04068, 13.02757), 31.2943, 0.1);
  EXPECT_NEAR(shore.km(56.89235, 8.70592), 1.5492, 0.01);
  EXPECT_EQ(shore.km(57.17985, 14.51949), 0.0);
}

TEST(ShoreDistance, LandLakesAndOpenSea) {
  OPEN_OR_SKIP(mask, 'h');
  ShoreDistance shore(mask);
  EXPECT_EQ(shore.km(56.0, 9.2), 0.0);      // inland Jutland
  EXPECT_EQ(shore.km(42.27, 130.27), 0.0);  // Rajin town
  EXPECT_EQ(shore.km(48.0, -88.9), 0.0);    // Isle Royale: island in a lake is land
  EXPECT_GT(shore.km(48.0, -88.8), 0.0);    // Siskiwit Lake on it: a pond, water
  EXPECT_GT(shore.km(42.0, 51.0), 50.0);    // mid-Caspian: a lake, far from its shores
  EXPECT_GT(shore.km(42.20, 130.35), 0.0);  // off Rajin
  // Mid-Atlantic: beyond the cap.
  EXPECT_GE(shore.km(40.0, -40.0), 100.0);
  // Loitering needs >= 37.04 km (20 nm): the Skagerrak's middle is, the
  // Great Belt is not.
  EXPECT_GT(shore.km(58.0, 9.0), 37.04);
  EXPECT_LT(shore.km(55.5, 10.95), 10.0);
}

TEST(ShoreDistance, AntimeridianPolesAndBadInput) {
  OPEN_OR_SKIP(mask, 'h');
  ShoreDistance shore(mask);
  // Wrangel Island from both sides of 180.
  const double east = shore.km(71.0, 179.99);
  const double west = shore.km(71.0, -179.99);
  EXPECT_LT(east, 100.0);
  EXPECT_NEAR(east, west, 1.0);
  EXPECT_NEAR(shore.km(71.0, 179.99 - 360.0), east, 1e-9);  // longitude wrapped
  EXPECT_EQ(shore.km(-90.0, 0.0), 0.0);  // South Pole: land (polar path)
  EXPECT_EQ(shore.km(-95.0, 0.0), 0.0);  // latitude clamped
  EXPECT_GE(shore.km(89.5, 0.0), 100.0);  // Arctic Ocean (polar path)
  EXPECT_TRUE(std::isnan(shore.km(std::nan(""), 10.0)));
  EXPECT_TRUE(std::isnan(shore.km(10.0, std::nan(""))));
  EXPECT_TRUE(std::isnan(shore.km(10.0, INFINITY)));
}

TEST(ShoreDistance, RejectsBadParameters) {
  OPEN_OR_SKIP(mask, 'c');
  EXPECT_THROW(ShoreDistance(nullptr), std::invalid_argument);
  ShoreDistanceParams p;
  p.cell_deg = 0.007;  // not 1/N
  EXPECT_THROW(ShoreDistance(mask, p), std::invalid_argument);
  p = {};
  p.cap_km = -1;
  EXPECT_THROW(ShoreDistance(mask, p), std::invalid_argument);
  p = {};
  p.cache_tiles = 0;
  EXPECT_THROW(ShoreDistance(mask, p), std::invalid_argument);
}

TEST(ShoreDistance, ConcurrentQueriesAgree) {
  OPEN_OR_SKIP(mask, 'h');
  // A loop through 4 tiles of the Danish straits (55-57N, 10-12E), walked
  // by 4 threads from different starting points with a cache of only 2
  // tiles, so tiles are evicted and rebuilt while other threads use them.
  std::vector<std::pair<double, double>> loop;
  for (int k = 0; k < 2000; ++k) {
    const double a = 2 * 3.14159265358979323846 * k / 2000.0;
    loop.emplace_back(56.0 + 0.8 * std::sin(a), 11.0 + 0.8 * std::cos(a));
  }
  ShoreDistance reference(mask);
  std::vector<double> want;
  for (const auto& [la, lo] : loop) want.push_back(reference.km(la, lo));
  ShoreDistanceParams p;
  p.cache_tiles = 2;
  ShoreDistance shore(mask, p);
  std::vector<std::size_t> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t i = 0; i < loop.size(); ++i) {
        const std::size_t k = (i + static_cast<std::size_t>(t) * 500) % loop.size();
        if (shore.km(loop[k].first, loop[k].second) != want[k]) ++mismatches[static_cast<std::size_t>(t)];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const std::size_t m : mismatches) EXPECT_EQ(m, 0U);
  EXPECT_GT(shore.stats().tiles_built, 4U);  // evictions did happen
  EXPECT_GT(*std::max_element(want.begin(), want.end()), 5.0);  // the loop is at sea in places
}

TEST(ShoreDistance, Speed) {
  OPEN_OR_SKIP(mask, 'h');
  ShoreDistance shore(mask);
  using Clock = std::chrono::steady_clock;
  // Cold: the first query of each tile builds it (20 coastal tiles of the
  // Danish straits and the Sea of Japan).
  std::vector<std::pair<double, double>> firsts;
  for (int a = 54; a < 58; ++a) {
    for (int b = 8; b < 13; ++b) firsts.emplace_back(a + 0.5, b + 0.5);
  }
  auto t0 = Clock::now();
  for (const auto& [la, lo] : firsts) (void)shore.km(la, lo);
  const double cold_ms =
      std::chrono::duration<double, std::milli>(Clock::now() - t0).count() / static_cast<double>(firsts.size());
  // Warm: a million random queries in those tiles.
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> lat(54.0, 58.0), lon(8.0, 13.0);
  std::vector<std::pair<double, double>> pts(1000000);
  for (auto& p : pts) p = {lat(rng), lon(rng)};
  const auto before = shore.stats();
  t0 = Clock::now();
  double sum = 0;
  for (const auto& [la, lo] : pts) sum += shore.km(la, lo);
  const double warm_ns =
      std::chrono::duration<double, std::nano>(Clock::now() - t0).count() / static_cast<double>(pts.size());
  const auto after = shore.stats();
  // A track: consecutive positions close together (one tile at a time).
  std::sort(pts.begin(), pts.end());
  t0 = Clock::now();
  for (const auto& [la, lo] : pts) sum += shore.km(la, lo);
  const double track_ns =
      std::chrono::duration<double, std::nano>(Clock::now() - t0).count() / static_cast<double>(pts.size());
  std::cout << "[ shore    ] cold " << cold_ms << " ms per tile built; warm " << warm_ns
            << " ns/query random, " << track_ns << " ns/query in tile order; "
            << (after.exact_queries - before.exact_queries) * 100.0 / static_cast<double>(pts.size())
            << "% took the exact near-shore path; " << after.tiles_built << " tiles, "
            << after.tile_bytes / 1024.0 / static_cast<double>(after.tiles_built)
            << " kB each on average (checksum " << sum << ")\n";
  EXPECT_EQ(after.tiles_built, before.tiles_built);  // all warm
  EXPECT_LT(warm_ns, 20000.0);  // loose: a loaded machine must not fail it
}
