// detect::possible_port_visits on the real GSHHG shoreline and real World
// Port Index positions (NGA Pub 150, ../shared/data/ports/nga-wpi; the
// coordinates below are copied from it, WPI number in the comment).
#include "tidewatch/detect/possible_port_visit.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "support/fixtures.h"
#include "support/land_mask.h"
#include "tidewatch/geo/land_mask.h"
#include "tidewatch/geo/sea_route.h"

namespace fs = std::filesystem;
using tidewatch::UnixMillis;
using tidewatch::detect::Fix;
using tidewatch::detect::observed_top_speed_kn;
using tidewatch::detect::PortPoint;
using tidewatch::detect::PortSearchOutcome;
using tidewatch::detect::possible_port_visits;
using tidewatch::detect::PossiblePortVisit;
using tidewatch::detect::PossiblePortVisitParams;
using tidewatch::detect::PossiblePortVisits;
using tidewatch::geo::LandMask;
using tidewatch::geo::SeaRouter;

namespace {

using tidewatch::test::kHour;

constexpr UnixMillis kT0 = 1700000000000;  // 2023-11-14T22:13:20Z

Fix fix_at(UnixMillis t, double lat, double lon) {
  Fix f;
  f.time = t;
  f.lat = lat;
  f.lon = lon;
  return f;
}

struct NamedPort {
  const char* name;
  double lat, lon;
};

// Ports around the Sea of Japan and the Yellow Sea (WPI Pub 150).
const NamedPort kPorts[] = {
    {"Najin", 42.233333, 130.3},              // 60510
    {"Senbong", 42.333333, 130.4},            // 60520
    {"Ch'ongjin", 41.766667, 129.816667},     // 60500
    {"Kimch'aek", 40.666667, 129.2},          // 60480
    {"Hungnam", 39.833333, 127.616667},       // 60450
    {"Wonsan", 39.166667, 127.45},            // 60440
    {"Pos'yet", 42.65, 130.8},                // 60540
    {"Zarubino", 42.633333, 131.083333},      // 60582
    {"Slavyanka", 42.866667, 131.383333},     // 62535
    {"Vladivostok", 43.10888889, 131.8883333},  // 60610
    {"Bukhta Gaydamak", 42.866667, 132.683333},  // 60720
    {"Nakhodka", 42.8, 132.883333},           // 60730
    {"Vostochnyy", 42.75, 133.083333},        // 60725
    {"Sokch'o Hang", 38.2, 128.6},            // 60435
    {"Tonghae", 37.533333, 129.15},           // 60431
    {"Pohang", 36.05, 129.383333},            // 60410
    {"Ulsan", 35.45, 129.4},                  // 60400
    {"Busan", 35.1, 129.033333},              // 60390
    {"Kunsan", 35.983333, 126.616667},        // 60330
    {"Mokpo", 34.783333, 126.383333},         // 60340
    {"Inchon", 37.466667, 126.616667},        // 60320
    {"Otaru Ko", 43.2, 141.016667},           // 61230
    {"Wakkanai", 43.416667, 141.683333},      // 61260
    {"Rumoi Ko", 43.95, 141.633333},          // 61250
    {"Hakodate Ko", 41.783333, 140.716667},   // 61190
    {"Akita-Funakawa Ko", 39.78138889, 140.015},  // 61910
    {"Niigata Ko", 37.916667, 139.05},        // 61870
    {"Maizuru Ko", 35.516667, 135.333333},    // 61800
    {"Sakaiminato", 35.533333, 133.233333},   // 61760
};
constexpr std::size_t kNumPorts = sizeof(kPorts) / sizeof(kPorts[0]);

std::vector<PortPoint> port_points() {
  std::vector<PortPoint> out;
  for (std::size_t k = 0; k < kNumPorts; ++k) {
    out.push_back({static_cast<std::uint32_t>(k), kPorts[k].lat, kPorts[k].lon});
  }
  return out;
}

std::uint32_t index_of(const char* name) {
  for (std::size_t k = 0; k < kNumPorts; ++k) {
    if (std::string(kPorts[k].name) == name) return static_cast<std::uint32_t>(k);
  }
  ADD_FAILURE() << "no port " << name;
  return 0;
}

const PossiblePortVisit* find_visit(const PossiblePortVisits& r, const char* name) {
  const std::uint32_t k = index_of(name);
  for (const PossiblePortVisit& v : r.visits) {
    if (v.port == k) return &v;
  }
  return nullptr;
}

std::string listed(const PossiblePortVisits& r) {
  std::string s;
  for (const PossiblePortVisit& v : r.visits) {
    s += std::string(kPorts[v.port].name) + " (" + std::to_string(static_cast<int>(v.route_nm)) +
         " nm) ";
  }
  return s;
}

/// Every listed visit is consistent: the times fit inside the gap with the
/// minimum stay, and no sea route is shorter than the geodesic.
void expect_consistent(const PossiblePortVisits& r, const Fix& before, const Fix& after,
                       const PossiblePortVisitParams& p) {
  for (const PossiblePortVisit& v : r.visits) {
    EXPECT_LE(v.route_nm, r.budget_nm) << kPorts[v.port].name;
    EXPECT_NEAR(v.route_nm, v.to_port_nm + v.from_port_nm, 1e-9);
    EXPECT_GE(v.route_nm, v.great_circle_nm * 0.999) << kPorts[v.port].name;
    EXPECT_GE(v.earliest_arrival, before.time);
    EXPECT_LE(v.latest_departure, after.time);
    EXPECT_GE(v.max_stay_h, p.min_port_stay_h - 1e-3) << kPorts[v.port].name;
    EXPECT_NEAR(v.max_stay_h,
                static_cast<double>(v.latest_departure - v.earliest_arrival) / kHour, 1e-9);
  }
  EXPECT_TRUE(std::is_sorted(r.visits.begin(), r.visits.end(),
                             [](const PossiblePortVisit& a, const PossiblePortVisit& b) {
                               return a.route_nm < b.route_nm;
                             }));
}

}  // namespace

TEST(PossiblePortVisit, DarkOffNajinBackOffVostochny) {
  OPEN_OR_SKIP(mask, 'h');
  SeaRouter router(mask);
  // Last position just off Rajin (Najin), first one 30 h later off
  // Vostochny.
  const Fix before = fix_at(kT0, 42.20, 130.35);
  const Fix after = fix_at(kT0 + 30 * kHour, 42.70, 133.10);
  const PossiblePortVisitParams params;
  const std::vector<PortPoint> ports = port_points();
  const auto t0 = std::chrono::steady_clock::now();
  const PossiblePortVisits r = possible_port_visits(before, after, ports, &router, params);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "[ ppv      ] " << r.candidates << " candidates inside the ellipse, budget "
            << r.budget_nm << " nm at " << r.speed_kn << " kn, " << ms << " ms: " << listed(r)
            << "\n";
  ASSERT_EQ(r.outcome, PortSearchOutcome::searched);
  EXPECT_DOUBLE_EQ(r.gap_h, 30.0);
  EXPECT_DOUBLE_EQ(r.speed_kn, 15.0);
  EXPECT_DOUBLE_EQ(r.budget_nm, 15.0 * 27.0);
  // The brief's ports, and the ones in between.
  for (const char* name : {"Najin", "Vladivostok", "Nakhodka", "Vostochnyy", "Senbong", "Zarubino",
                           "Pos'yet", "Slavyanka", "Bukhta Gaydamak"}) {
    EXPECT_NE(find_visit(r, name), nullptr) << name << " should be listed";
  }
  // Too far: South Korea and the Japanese ports across the sea.
  for (const char* name : {"Busan", "Ulsan", "Pohang", "Tonghae", "Sokch'o Hang", "Otaru Ko",
                           "Wakkanai", "Rumoi Ko", "Niigata Ko", "Akita-Funakawa Ko",
                           "Hakodate Ko", "Maizuru Ko", "Kunsan", "Inchon", "Wonsan"}) {
    EXPECT_EQ(find_visit(r, name), nullptr) << name << " should not be listed";
  }
  expect_consistent(r, before, after, params);
  // Najin is where the vessel went dark.
  const PossiblePortVisit* najin = find_visit(r, "Najin");
  ASSERT_NE(najin, nullptr);
  EXPECT_LT(najin->to_port_nm, 10.0);
  // Vladivostok lies up Peter the Great Bay: the sea route is longer than
  // the geodesics but well within the budget.
  const PossiblePortVisit* vladivostok = find_visit(r, "Vladivostok");
  ASSERT_NE(vladivostok, nullptr);
  EXPECT_GT(vladivostok->route_nm, vladivostok->great_circle_nm);
}

TEST(PossiblePortVisit, ReachableAcrossKoreaButNotAroundIt) {
  OPEN_OR_SKIP(mask, 'h');
  SeaRouter router(mask);
  // Dark 50 km off Pohang, back 30 h later a little farther north.  Kunsan,
  // on the Yellow Sea, is 340 nm away and back in a straight line across
  // Korea (within the 405 nm budget) but over 700 nm by sea round the south.
  const Fix before = fix_at(kT0, 36.0, 130.0);
  const Fix after = fix_at(kT0 + 30 * kHour, 36.5, 130.2);
  const std::vector<PortPoint> ports = port_points();
  const PossiblePortVisits by_sea = possible_port_visits(before, after, ports, &router);
  const PossiblePortVisits by_air = possible_port_visits(before, after, ports, nullptr);
  std::cout << "[ ppv      ] by sea: " << listed(by_sea) << "\n[ ppv      ] geodesic only: "
            << listed(by_air) << "\n";
  ASSERT_EQ(by_sea.outcome, PortSearchOutcome::searched);
  EXPECT_NE(find_visit(by_air, "Kunsan"), nullptr);  // the great circle alone would list it
  EXPECT_EQ(find_visit(by_sea, "Kunsan"), nullptr);  // by sea it is out of reach
  EXPECT_EQ(find_visit(by_sea, "Mokpo"), nullptr);
  // The east coast stays in reach by sea.
  EXPECT_NE(find_visit(by_sea, "Pohang"), nullptr);
  EXPECT_NE(find_visit(by_sea, "Ulsan"), nullptr);
  EXPECT_LT(by_sea.visits.size(), by_air.visits.size());
  expect_consistent(by_sea, before, after, {});
}

TEST(PossiblePortVisit, ObservedSpeedWidensTheReach) {
  OPEN_OR_SKIP(mask, 'h');
  SeaRouter router(mask);
  const Fix before = fix_at(kT0, 42.20, 130.35);
  const Fix after = fix_at(kT0 + 30 * kHour, 42.70, 133.10);
  const std::vector<PortPoint> ports = port_points();
  // A fast vessel (seen at 24 kn): more ports; Busan still too far
  // (~440 nm each way against 27 h x 24 kn = 648 nm).
  const PossiblePortVisits fast = possible_port_visits(before, after, ports, &router, {}, 24.0);
  EXPECT_DOUBLE_EQ(fast.speed_kn, 24.0);
  const PossiblePortVisits slow = possible_port_visits(before, after, ports, &router, {}, 10.0);
  EXPECT_DOUBLE_EQ(slow.speed_kn, 15.0);  // never below max_speed_kn
  EXPECT_GT(fast.visits.size(), slow.visits.size());
  EXPECT_EQ(find_visit(fast, "Busan"), nullptr);
  // An implausible observed speed is capped at 25 kn.
  const PossiblePortVisits capped = possible_port_visits(before, after, ports, &router, {}, 60.0);
  EXPECT_DOUBLE_EQ(capped.speed_kn, 25.0);
  PossiblePortVisitParams ignore;
  ignore.use_observed_speed = false;
  EXPECT_DOUBLE_EQ(possible_port_visits(before, after, ports, &router, ignore, 24.0).speed_kn, 15.0);
  // The observed top speed of a track: its 95th percentile.
  std::vector<Fix> track;
  for (int k = 0; k < 100; ++k) {
    Fix f = fix_at(kT0 + k * 60000, 42.0, 131.0);
    f.sog_kn = k < 95 ? 12.0 : 102.2;  // five corrupt reports
    track.push_back(f);
  }
  track.push_back(fix_at(kT0, 42.0, 131.0));  // no speed: skipped
  EXPECT_DOUBLE_EQ(observed_top_speed_kn(track), 12.0);
  EXPECT_TRUE(std::isnan(observed_top_speed_kn({})));
}

TEST(PossiblePortVisit, GapsTooShortTooLongOrBad) {
  OPEN_OR_SKIP(mask, 'i');
  SeaRouter router(mask);
  const std::vector<PortPoint> ports = port_points();
  const Fix before = fix_at(kT0, 42.20, 130.35);
  auto outcome = [&](const Fix& after) {
    return possible_port_visits(before, after, ports, &router).outcome;
  };
  EXPECT_EQ(outcome(fix_at(kT0 + 2 * kHour, 42.2, 130.4)), PortSearchOutcome::gap_too_short);
  EXPECT_EQ(outcome(fix_at(kT0 + 80 * kHour, 42.7, 133.1)), PortSearchOutcome::gap_too_long);
  EXPECT_EQ(outcome(fix_at(kT0 - kHour, 42.7, 133.1)), PortSearchOutcome::bad_input);
  EXPECT_EQ(outcome(fix_at(kT0, 42.7, 133.1)), PortSearchOutcome::bad_input);
  EXPECT_EQ(outcome(fix_at(kT0 + 10 * kHour, std::nan(""), 133.1)), PortSearchOutcome::bad_input);
  EXPECT_TRUE(possible_port_visits(before, fix_at(kT0 + 80 * kHour, 42.7, 133.1), ports, &router)
                  .visits.empty());
  PossiblePortVisitParams bad;
  bad.max_speed_kn = -1;
  EXPECT_EQ(possible_port_visits(before, fix_at(kT0 + 10 * kHour, 42.2, 130.4), ports, &router, bad)
                .outcome,
            PortSearchOutcome::bad_input);
  // A port with a NaN position is skipped, the others still searched.
  std::vector<PortPoint> with_nan = ports;
  with_nan.push_back({999, std::nan(""), 130.0});
  const PossiblePortVisits r =
      possible_port_visits(before, fix_at(kT0 + 10 * kHour, 42.2, 130.4), with_nan, &router);
  EXPECT_EQ(r.outcome, PortSearchOutcome::searched);
  EXPECT_NE(find_visit(r, "Najin"), nullptr);
  for (const PossiblePortVisit& v : r.visits) EXPECT_NE(v.port, 999U);
  // No ports at all.
  EXPECT_TRUE(possible_port_visits(before, fix_at(kT0 + 10 * kHour, 42.2, 130.4), {}, &router)
                  .visits.empty());
  EXPECT_STREQ(to_string(PortSearchOutcome::gap_too_long), "gap_too_long");
}

TEST(PossiblePortVisit, PrefilterOverAWorldOfPorts) {
  OPEN_OR_SKIP(mask, 'h');
  SeaRouter router(mask);
  // 3,800 ports: the region's real ones plus random ones all over the globe
  // (as many as the World Port Index holds).  The great-circle prefilter
  // leaves only the nearby ones for routing.
  std::vector<PortPoint> ports = port_points();
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> z(-1.0, 1.0), lon(-180.0, 180.0);
  while (ports.size() < 3800) {
    const double lat = std::asin(z(rng)) * 180.0 / 3.14159265358979323846;
    ports.push_back({static_cast<std::uint32_t>(ports.size()), lat, lon(rng)});
  }
  const Fix before = fix_at(kT0, 42.20, 130.35);
  const Fix after = fix_at(kT0 + 30 * kHour, 42.70, 133.10);
  using Clock = std::chrono::steady_clock;
  // The prefilter and geodesics alone (no router).
  auto t0 = Clock::now();
  const PossiblePortVisits gc = possible_port_visits(before, after, ports, nullptr);
  const double prefilter_us = std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
  t0 = Clock::now();
  const PossiblePortVisits r = possible_port_visits(before, after, ports, &router);
  const double full_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  std::cout << "[ ppv      ] 3,800 ports: prefilter and geodesics " << prefilter_us << " us; with sea routes "
            << full_ms << " ms; " << r.candidates << " candidates, " << r.visits.size()
            << " listed by sea, " << gc.visits.size() << " by geodesic\n";
  EXPECT_EQ(gc.candidates, r.candidates);
  EXPECT_LT(r.candidates, 100U);
  EXPECT_LE(r.visits.size(), gc.visits.size());
  EXPECT_NE(find_visit(r, "Vladivostok"), nullptr);
  for (const PossiblePortVisit& v : r.visits) {
    // Random ports that made it are within the budget of both ends.
    EXPECT_LE(v.great_circle_nm, r.budget_nm);
  }
}
