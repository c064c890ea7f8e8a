// geo::SeaRouter and geo::SeaGrid on the real GSHHG 2.3.7 shoreline.
//
// Routes must go around land where it matters (Korea, Jutland), stay close
// to the geodesic where the way is open, and never reach water that is not
// connected to the start.
#include "tidewatch/geo/sea_route.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "support/land_mask.h"
#include "tidewatch/geo/land_mask.h"

namespace fs = std::filesystem;
using tidewatch::geo::geodesic_nm;
using tidewatch::geo::LandMask;
using tidewatch::geo::LatLon;
using tidewatch::geo::SeaGrid;
using tidewatch::geo::SeaRouteParams;
using tidewatch::geo::SeaRouter;

namespace {

double min_lat(const std::vector<LatLon>& path) {
  double m = 90;
  for (const LatLon& p : path) m = std::min(m, p.lat);
  return m;
}

double max_lon(const std::vector<LatLon>& path) {
  double m = -180;
  for (const LatLon& p : path) m = std::max(m, p.lon);
  return m;
}

}  // namespace

TEST(SeaRoute, AroundKoreaNotAcrossIt) {
  OPEN_OR_SKIP(mask, 'h');
  SeaRouter router(mask);
  // Sea of Japan east of Korea to the Yellow Sea west of it.
  const LatLon east{36.0, 130.0}, west{36.0, 125.5};
  const double direct = geodesic_nm(east, west);  // 219 nm, across the peninsula
  const SeaGrid grid = router.grid_for(east, east, 2 * 600.0);
  const std::vector<LatLon> targets{west};
  const SeaGrid::Routes r = grid.routes(east, targets, 600.0);
  ASSERT_TRUE(std::isfinite(r.nm[0]));
  std::cout << "[ route    ] Sea of Japan -> Yellow Sea: " << r.nm[0] << " nm by sea, " << direct
            << " nm direct; cell " << grid.cell_lat_deg() << " deg, southernmost "
            << min_lat(r.paths[0]) << "N\n";
  EXPECT_GT(r.nm[0], 1.5 * direct);
  EXPECT_LT(r.nm[0], 2.5 * direct);
  // Around the south of Korea (its southern tip is at 34.3N).
  EXPECT_LT(min_lat(r.paths[0]), 34.6);
  // The convenience call gives the same distance.
  const std::vector<double> nm = router.route_nm(east.lat, east.lon, targets, 600.0);
  EXPECT_NEAR(nm[0], r.nm[0], 0.01 * r.nm[0]);
  // And the route is symmetric.
  const std::vector<LatLon> back{east};
  const std::vector<double> nm_back = router.route_nm(west.lat, west.lon, back, 600.0);
  EXPECT_NEAR(nm_back[0], r.nm[0], 0.02 * r.nm[0]);
  // With a budget below the sea route, the Yellow Sea is out of reach.
  EXPECT_TRUE(std::isinf(router.route_nm(east.lat, east.lon, targets, 0.9 * r.nm[0])[0]));
}

TEST(SeaRoute, AroundJutlandNotAcrossIt) {
  OPEN_OR_SKIP(mask, 'h');
  SeaRouter router(mask);
  // Skagerrak to Kiel Bay: north round Skagen, down the Kattegat and
  // through the Great Belt (the Kiel Canal is land in GSHHG).
  const LatLon skagerrak{57.9, 9.0}, kiel_bay{54.6, 10.4};
  const double direct = geodesic_nm(skagerrak, kiel_bay);
  const SeaGrid grid = router.grid_for(skagerrak, skagerrak, 2 * 400.0);
  const std::vector<LatLon> targets{kiel_bay};
  const SeaGrid::Routes r = grid.routes(skagerrak, targets, 400.0);
  ASSERT_TRUE(std::isfinite(r.nm[0]));
  std::cout << "[ route    ] Skagerrak -> Kiel Bay: " << r.nm[0] << " nm by sea, " << direct
            << " nm direct; easternmost " << max_lon(r.paths[0]) << "E\n";
  // About 250 nm: 40 nm more than straight across Jutland.
  EXPECT_GT(r.nm[0], 1.15 * direct);
  EXPECT_LT(r.nm[0], 1.5 * direct);
  EXPECT_GT(max_lon(r.paths[0]), 10.5);  // round Skagen (10.6E)
  // Without the Great Belt and the Oresund (a budget too small to go round
  // by sea), Kiel Bay is out of reach: the straight line is not a route.
  EXPECT_TRUE(std::isinf(router.route_nm(skagerrak.lat, skagerrak.lon, targets, 1.1 * direct)[0]));
}

TEST(SeaRoute, OpenWaterIsCloseToTheGeodesic) {
  OPEN_OR_SKIP(mask, 'h');
  struct Case {
    const char* name;
    LatLon a, b;
  };
  const Case cases[] = {
      {"North Atlantic", {45.0, -30.0}, {48.0, -22.0}},
      {"Sea of Japan", {40.0, 133.0}, {38.5, 136.0}},
      {"Bay of Bengal (diagonal)", {15.0, 86.0}, {12.0, 89.0}},
  };
  SeaRouteParams grid_only;
  grid_only.smooth = false;
  SeaRouter router(mask), rough(mask, grid_only);
  for (const Case& c : cases) {
    const double direct = geodesic_nm(c.a, c.b);
    const std::vector<LatLon> targets{c.b};
    const double smooth = router.route_nm(c.a.lat, c.a.lon, targets, 1.2 * direct)[0];
    const double grid = rough.route_nm(c.a.lat, c.a.lon, targets, 1.2 * direct)[0];
    std::cout << "[ route    ] " << c.name << ": geodesic " << direct << " nm, route " << smooth
              << " nm (" << 100.0 * (smooth / direct - 1) << " %), grid only " << grid << " nm ("
              << 100.0 * (grid / direct - 1) << " %)\n";
    EXPECT_GE(smooth, direct * 0.999) << c.name;
    EXPECT_LE(smooth, direct * 1.01) << c.name;
    EXPECT_LE(grid, direct * 1.03) << c.name;  // 16-connected: at most 2.75 %
    EXPECT_GE(grid, smooth - 1e-6) << c.name;
  }
}

TEST(SeaRoute, WaterNotConnectedToTheSeaIsUnreachable) {
  OPEN_OR_SKIP(mask, 'h');
  SeaRouter router(mask);
  const LatLon kattegat{57.3, 11.5};
  const std::vector<LatLon> targets{
      {58.4, 14.55},  // Lake Vattern: a lake, no GSHHG waterway to the sea
      {57.9, 11.4},   // the Swedish west coast: reachable
      {50.0, 10.0},   // central Germany: no water within 25 km
  };
  const std::vector<double> nm = router.route_nm(kattegat.lat, kattegat.lon, targets, 300.0);
  EXPECT_TRUE(std::isinf(nm[0]));
  EXPECT_TRUE(std::isfinite(nm[1]));
  EXPECT_TRUE(std::isinf(nm[2]));
}

TEST(SeaRoute, PortsOnLandAreReachedFromTheNearestWater) {
  OPEN_OR_SKIP(mask, 'h');
  SeaRouter router(mask);
  // World Port Index positions (Pub 150): Najin and Vladivostok.  Whether or
  // not GSHHG puts them on land, a route ends there, a little beyond the
  // last water cell.
  const std::vector<LatLon> ports{{42.233333, 130.3}, {43.10888889, 131.8883333}};
  const std::vector<double> nm = router.route_nm(42.75, 133.08, ports, 400.0);
  for (std::size_t k = 0; k < ports.size(); ++k) {
    ASSERT_TRUE(std::isfinite(nm[k])) << k;
    EXPECT_GE(nm[k], geodesic_nm({42.75, 133.08}, ports[k]) * 0.999) << k;
  }
}

TEST(SeaRoute, CanalsAndTheBosporusAreOpen) {
  OPEN_OR_SKIP(mask, 'h');
  // GSHHG draws no canals, and the Bosporus (0.7 km) is narrower than a
  // 0.01 degree cell: without the built-in passages these seas do not meet.
  struct Case {
    const char* name;
    LatLon a, b;
    double min_nm, max_nm;  // the passage's length plus the approaches
  };
  const Case cases[] = {
      // 193 km (104 nm) of canal from Port Said to Suez.
      {"Suez Canal", {31.45, 32.35}, {29.75, 32.55}, 100.0, 120.0},
      // 82 km (44 nm) from Colon to Balboa.
      {"Panama Canal", {9.45, -79.95}, {8.85, -79.5}, 44.0, 60.0},
      // 98 km (53 nm) from Brunsbuttel to Kiel-Holtenau.
      {"Kiel Canal", {53.9, 8.95}, {54.45, 10.25}, 56.5, 75.0},
      {"Bosporus", {41.35, 29.2}, {40.95, 28.9}, 27.6, 35.0},
  };
  SeaRouteParams closed;
  closed.passages = false;
  SeaRouter router(mask), without(mask, closed);
  for (const Case& c : cases) {
    const std::vector<LatLon> targets{c.b};
    const double nm = router.route_nm(c.a.lat, c.a.lon, targets, 200.0)[0];
    std::cout << "[ route    ] " << c.name << ": " << nm << " nm\n";
    EXPECT_GE(nm, c.min_nm) << c.name;
    EXPECT_LE(nm, c.max_nm) << c.name;
    EXPECT_TRUE(std::isinf(without.route_nm(c.a.lat, c.a.lon, targets, 200.0)[0])) << c.name;
  }
}

TEST(SeaRoute, BadInputGivesInfinity) {
  OPEN_OR_SKIP(mask, 'i');
  SeaRouter router(mask);
  const std::vector<LatLon> targets{{42.0, 131.0}, {std::nan(""), 131.0}};
  for (const double nm : router.route_nm(std::nan(""), 130.0, targets, 100.0)) {
    EXPECT_TRUE(std::isinf(nm));
  }
  for (const double nm : router.route_nm(42.1, 131.2, targets, -5.0)) EXPECT_TRUE(std::isinf(nm));
  for (const double nm : router.route_nm(42.1, 131.2, targets, std::nan(""))) {
    EXPECT_TRUE(std::isinf(nm));
  }
  const std::vector<double> ok = router.route_nm(42.1, 131.2, targets, 100.0);
  EXPECT_TRUE(std::isfinite(ok[0]));
  EXPECT_TRUE(std::isinf(ok[1]));  // the NaN target only
  EXPECT_TRUE(router.route_nm(42.1, 131.2, {}, 100.0).empty());
  // Zero budget: only a target at the start itself.
  const std::vector<LatLon> here{{42.1, 131.2}};
  EXPECT_NEAR(router.route_nm(42.1, 131.2, here, 0.0)[0], 0.0, 1e-9);
  SeaRouteParams bad;
  bad.min_cell_deg = 0;
  EXPECT_THROW(SeaRouter(mask, bad), std::invalid_argument);
  EXPECT_THROW(SeaRouter(nullptr), std::invalid_argument);
  EXPECT_THROW((void)router.grid_for({std::nan(""), 0}, {0, 0}, 10), std::invalid_argument);
}

TEST(SeaRoute, AcrossTheAntimeridian) {
  OPEN_OR_SKIP(mask, 'i');
  SeaRouter router(mask);
  // Bering Sea, 179E to 179W: open water, 2 degrees of longitude at 58N.
  const LatLon a{58.0, 179.0}, b{58.0, -179.0};
  const std::vector<LatLon> targets{b};
  const double nm = router.route_nm(a.lat, a.lon, targets, 200.0)[0];
  EXPECT_NEAR(nm, geodesic_nm(a, b), 0.01 * geodesic_nm(a, b));
}

TEST(SeaRoute, Speed) {
  OPEN_OR_SKIP(mask, 'h');
  SeaRouter router(mask);
  using Clock = std::chrono::steady_clock;
  const LatLon start{42.75, 133.08};  // off Vostochny
  // Nakhodka (12 nm), Vladivostok (~70 nm), Najin (~150 nm), Busan (~480 nm).
  const std::vector<LatLon> targets{{42.8, 132.883333}, {43.10888889, 131.8883333},
                                    {42.233333, 130.3}, {35.1, 129.033333}};
  for (const double radius : {100.0, 300.0, 600.0}) {
    auto t0 = Clock::now();
    const SeaGrid grid = router.grid_for(start, start, 2 * radius);
    const double build_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    t0 = Clock::now();
    const std::vector<double> nm = grid.route_nm(start, targets, radius);
    const double search_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    std::cout << "[ route    ] radius " << radius << " nm: grid " << grid.rows() << " x "
              << grid.cols() << " cells of " << grid.cell_lat_deg() << " deg ("
              << 100 * grid.water_fraction() << " % water) built in " << build_ms
              << " ms; search " << search_ms << " ms\n";
    EXPECT_LE(static_cast<double>(grid.rows()) * grid.cols(), 1.5e6 * 1.05);
    EXPECT_TRUE(std::isfinite(nm[0]));  // Nakhodka is within every radius
    EXPECT_EQ(std::isfinite(nm[3]), radius >= 600.0);  // Busan only within 600 nm
  }
}
