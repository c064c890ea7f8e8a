// detect/encounter.h: two vessels within 500 m, slow, away from shore and
// ports, for at least 2 hours (Global Fishing Watch's definition).
#include "tidewatch/detect/encounter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <set>
#include <utility>
#include <vector>

#include "tidewatch/geo/distance.h"
#include "support/fixtures.h"

namespace tidewatch::detect {
namespace {

using test::kHour;
using test::kMin;
using test::kNaN;
using test::kNoPorts;
using test::kT0;

constexpr double kMetresPerDegree = 6371008.8 * 3.141592653589793 / 180.0;  // of latitude

const ShoreDistanceFn kOffshore = [](double, double) { return 100.0; };  // km

/// Where a vessel is at `h` hours after 2024-03-01T00:00Z.
using Course = std::function<std::pair<double, double>(double h)>;

/// A vessel on `course`, reporting every `every_min` minutes from minute
/// `from_min` to minute `to_min` (inclusive), its SOG `sog`; report k comes
/// from line k + 1 of input `source`.
std::vector<Fix> reports(const Course& course, double from_min, double to_min,
                         double every_min = 2, double sog = 0.3, std::uint32_t source = 0) {
  std::vector<Fix> fixes;
  for (double m = from_min; m <= to_min + 1e-9; m += every_min) {
    const auto [lat, lon] = course(m / 60.0);
    Fix f;
    f.time = kT0 + static_cast<UnixMillis>(std::llround(m * 60000.0));
    f.lat = lat;
    f.lon = lon;
    f.sog_kn = sog;
    f.ref = {source, fixes.size() + 1};
    fixes.push_back(f);
  }
  return fixes;
}

/// Drifting north at `kn` knots from (lat, lon), `north_m` metres further north.
Course drifting(double lat, double lon, double kn, double north_m = 0) {
  return [=](double h) {
    return std::pair{lat + (kn * 1852.0 * h + north_m) / kMetresPerDegree, lon};
  };
}

std::vector<Encounter> run(const std::vector<std::pair<std::uint32_t, std::vector<Fix>>>& vessels,
                           const EncounterParams& p = {}, ShoreDistanceFn shore = kOffshore,
                           InPortFn port = kNoPorts) {
  EncounterDetector d(p, std::move(shore), std::move(port));
  for (const auto& [mmsi, fixes] : vessels) d.add_vessel(mmsi, fixes);
  return d.finish();
}

TEST(Encounter, TwoTankersAlongsideForThreeHoursAreOneEncounter) {
  // Drifting at 0.3 kn, 100 m apart, both reporting every 2 minutes from
  // 01:01 to 04:01.  The higher MMSI is added first; a is the lower.
  const auto a = reports(drifting(25.0, 55.0, 0.3), 61, 241, 2, 0.3, 0);
  const auto b = reports(drifting(25.0, 55.0, 0.3, 100), 61, 241, 2, 0.3, 1);
  const auto e = run({{538000002, a}, {538000001, b}});
  ASSERT_EQ(e.size(), 1U);
  const Encounter& x = e[0];
  EXPECT_EQ(x.mmsi_a, 538000001U);
  EXPECT_EQ(x.mmsi_b, 538000002U);
  // 10-minute bins inside the reports: 01:10 to 04:00.
  EXPECT_EQ(x.start, kT0 + 70 * kMin);
  EXPECT_EQ(x.end, kT0 + 240 * kMin);
  EXPECT_NEAR(x.duration_h, 170.0 / 60.0, 1e-12);
  EXPECT_EQ(x.bins, 18U);
  EXPECT_NEAR(x.median_distance_m, 100.0, 0.5);
  EXPECT_NEAR(x.median_speed_a_kn, 0.3, 0.01);
  EXPECT_NEAR(x.median_speed_b_kn, 0.3, 0.01);
  EXPECT_NEAR(x.lon, 55.0, 1e-9);
  const double mid_h = 155.0 / 60.0;  // the middle of 01:10..04:00
  EXPECT_NEAR(x.lat, 25.0 + (0.3 * 1852.0 * mid_h + 50.0) / kMetresPerDegree, 1e-6);
  // Evidence: the raw reports nearest to 01:10 (01:09, line 5; a tie with
  // 01:11 goes to the earlier) and to 04:00 (03:59, line 90), of each vessel.
  EXPECT_EQ(x.a_first.source, 1U);  // mmsi_a is the vessel read from input 1
  EXPECT_EQ(x.a_first.line, 5U);
  EXPECT_EQ(x.a_last.line, 90U);
  EXPECT_EQ(x.b_first.source, 0U);
  EXPECT_EQ(x.b_first.line, 5U);
  EXPECT_EQ(x.b_last.line, 90U);
  ASSERT_EQ(x.evidence().size(), 4U);
}

TEST(Encounter, AnHourAndAHalfAlongsideIsTooShort) {
  const auto a = reports(drifting(25.0, 55.0, 0.3), 0, 90);
  const auto b = reports(drifting(25.0, 55.0, 0.3, 100), 0, 90);
  EXPECT_TRUE(run({{1, a}, {2, b}}).empty());
}

TEST(Encounter, SevenHundredMetresApartIsNotAnEncounter) {
  const auto a = reports(drifting(25.0, 55.0, 0.3), 0, 240);
  EXPECT_TRUE(run({{1, a}, {2, reports(drifting(25.0, 55.0, 0.3, 700), 0, 240)}}).empty());
  EXPECT_EQ(run({{1, a}, {2, reports(drifting(25.0, 55.0, 0.3, 480), 0, 240)}}).size(), 1U);
}

TEST(Encounter, NearTheCoastOrInPortIsNot) {
  const auto a = reports(drifting(25.0, 55.0, 0.3), 0, 240);
  const auto b = reports(drifting(25.0, 55.0, 0.3, 100), 0, 240);
  const ShoreDistanceFn five_km = [](double, double) { return 5.0; };
  const InPortFn port = [](double, double) { return true; };
  EXPECT_TRUE(run({{1, a}, {2, b}}, {}, five_km, kNoPorts).empty());
  EXPECT_TRUE(run({{1, a}, {2, b}}, {}, kOffshore, port).empty());
  // Without shoreline and port data, everywhere is open sea.
  EXPECT_EQ(run({{1, a}, {2, b}}, {}, {}, {}).size(), 1U);
}

TEST(Encounter, AConvoyUnderWayIsNotAnEncounterAndCostsNoMemory) {
  const auto a = reports(drifting(25.0, 55.0, 8), 0, 240, 2, 8);
  const auto b = reports(drifting(25.0, 55.0, 8, 200), 0, 240, 2, 8);
  EncounterDetector d({}, kOffshore, kNoPorts);
  d.add_vessel(1, a);
  d.add_vessel(2, b);
  EXPECT_EQ(d.candidate_bins(), 0U);
  EXPECT_TRUE(d.finish().empty());
}

TEST(Encounter, TheMedianSpeedMustBeBelowTwoKnots) {
  // Side by side at 3 kn for 4 hours: close, long enough, too fast.
  const auto a = reports(drifting(25.0, 55.0, 3), 0, 240, 2, 3);
  const auto b = reports(drifting(25.0, 55.0, 3, 150), 0, 240, 2, 3);
  EXPECT_TRUE(run({{1, a}, {2, b}}).empty());
  EncounterParams four;
  four.max_median_speed_kn = 4;
  const auto e = run({{1, a}, {2, b}}, four);
  ASSERT_EQ(e.size(), 1U);
  EXPECT_NEAR(e[0].median_speed_a_kn, 3.0, 0.01);
}

TEST(Encounter, DriftingApartForAnHourIsStillOneEncounter) {
  // Alongside 00:01-02:29, 800 m apart 02:31-03:29, alongside again until 06:01.
  const Course b_course = [](double h) {
    const double apart = (h > 2.5 && h < 3.5) ? 800.0 : 100.0;
    return drifting(25.0, 55.0, 0.3, apart)(h);
  };
  const auto a = reports(drifting(25.0, 55.0, 0.3), 1, 361);
  const auto b = reports(b_course, 1, 361);
  const auto e = run({{1, a}, {2, b}});
  ASSERT_EQ(e.size(), 1U);
  EXPECT_EQ(e[0].start, kT0 + 10 * kMin);
  EXPECT_EQ(e[0].end, kT0 + 360 * kMin);
  // 00:10-02:30 and 03:30-06:00 (the bins at 02:30 and 03:30 are halfway, 450 m).
  EXPECT_EQ(e[0].bins, 15U + 16U);
  EXPECT_NEAR(e[0].median_distance_m, 100.0, 0.5);
}

TEST(Encounter, MeetingsFiveHoursApartAreTwoEncounters) {
  const Course b_course = [](double h) {
    const double apart = (h > 3.0 && h < 8.0) ? 5000.0 : 100.0;
    return drifting(25.0, 55.0, 0.3, apart)(h);
  };
  const auto a = reports(drifting(25.0, 55.0, 0.3), 1, 11 * 60 + 1);
  const auto b = reports(b_course, 1, 11 * 60 + 1);
  const auto e = run({{1, a}, {2, b}});
  ASSERT_EQ(e.size(), 2U);
  // The bins at 03:00 and 08:00 fall halfway through the moves (2.5 km
  // apart); the one at 08:10 carries the speed of the move back (2.45 km in
  // 10 minutes), too fast for a candidate.
  EXPECT_EQ(e[0].end, kT0 + 170 * kMin);
  EXPECT_EQ(e[1].start, kT0 + 500 * kMin);
}

TEST(Encounter, NoPositionsAreInventedAcrossSilencesOfAnHourOrMore) {
  // Both heard only every 70 minutes: GFW does not interpolate across 1 h.
  const auto a = reports(drifting(25.0, 55.0, 0.3), 0, 8 * 60, 70);
  const auto b = reports(drifting(25.0, 55.0, 0.3, 100), 0, 8 * 60, 70);
  EncounterDetector d({}, kOffshore, kNoPorts);
  d.add_vessel(1, a);
  d.add_vessel(2, b);
  EXPECT_EQ(d.candidate_bins(), 0U);
  EXPECT_TRUE(d.finish().empty());
  // Every 50 minutes is close enough to interpolate.
  EXPECT_EQ(run({{1, reports(drifting(25.0, 55.0, 0.3), 0, 8 * 60, 50)},
                 {2, reports(drifting(25.0, 55.0, 0.3, 100), 0, 8 * 60, 50)}})
                .size(),
            1U);
}

TEST(Encounter, ThreeVesselsRaftedTogetherAreThreePairs) {
  const auto a = reports(drifting(-5.0, 10.0, 0.2), 0, 180);
  const auto b = reports(drifting(-5.0, 10.0, 0.2, 150), 0, 180);
  const auto c = reports(drifting(-5.0, 10.0, 0.2, 300), 0, 180);
  const auto e = run({{30, c}, {10, a}, {20, b}});
  ASSERT_EQ(e.size(), 3U);
  EXPECT_EQ(std::pair(e[0].mmsi_a, e[0].mmsi_b), std::pair(10U, 20U));
  EXPECT_EQ(std::pair(e[1].mmsi_a, e[1].mmsi_b), std::pair(10U, 30U));
  EXPECT_EQ(std::pair(e[2].mmsi_a, e[2].mmsi_b), std::pair(20U, 30U));
  EXPECT_NEAR(e[1].median_distance_m, 300.0, 0.5);
}

TEST(Encounter, AcrossTheAntimeridian) {
  // 0.002 degrees of longitude apart on the equator: 222 m.
  const auto a = reports([](double) { return std::pair{0.0, 179.999}; }, 0, 180, 2, 0);
  const auto b = reports([](double) { return std::pair{0.0, -179.999}; }, 0, 180, 2, 0);
  const auto e = run({{1, a}, {2, b}});
  ASSERT_EQ(e.size(), 1U);
  EXPECT_NEAR(e[0].median_distance_m, 222.4, 0.5);
  EXPECT_GT(std::fabs(e[0].lon), 179.999);
}

/// `n` vessels anchored at pseudo-random points of a `side_deg` square
/// centred on (lat, lon), each reporting every 5 minutes for 3 hours; checks
/// that the encounters are exactly the pairs within 500 m by brute force.
void expect_all_close_pairs(double lat, double lon, double side_deg, int n) {
  std::uint64_t state = 12345;
  auto uniform = [&state]() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / 9007199254740992.0;  // [0, 1)
  };
  std::vector<std::pair<double, double>> at;
  std::vector<std::pair<std::uint32_t, std::vector<Fix>>> vessels;
  for (int i = 0; i < n; ++i) {
    const double la = lat + (uniform() - 0.5) * side_deg;
    const double lo = lon + (uniform() - 0.5) * side_deg;
    at.emplace_back(la, lo);
    vessels.emplace_back(static_cast<std::uint32_t>(i + 1),
                         reports([=](double) { return std::pair{la, lo}; }, 0, 180, 5, 0));
  }
  std::set<std::pair<std::uint32_t, std::uint32_t>> expected;
  for (int i = 0; i < n; ++i) {
    for (int j = i + 1; j < n; ++j) {
      if (geo::haversine_m(at[i].first, at[i].second, at[j].first, at[j].second) <= 500.0) {
        expected.emplace(i + 1, j + 1);
      }
    }
  }
  std::set<std::pair<std::uint32_t, std::uint32_t>> found;
  for (const Encounter& e : run(vessels)) found.emplace(e.mmsi_a, e.mmsi_b);
  EXPECT_GT(expected.size(), 50U);  // the square is crowded enough to matter
  EXPECT_EQ(found, expected);
}

TEST(Encounter, TheSpatialIndexFindsEveryPairWithinReach) {
  expect_all_close_pairs(10.0, -20.0, 0.1, 300);    // open sea
  expect_all_close_pairs(0.0, 45.0, 0.1, 300);      // on an edge of S2's cube (two faces)
  expect_all_close_pairs(35.26439, 45.0, 0.1, 300); // at a corner of the cube (three faces)
}

TEST(Encounter, MemoryFollowsCandidateBinsNotMessages) {
  // Six hours at anchor offshore: 37 ten-minute bins, whether the vessel
  // reported every 15 seconds or every 5 minutes.
  EncounterDetector chatty({}, kOffshore, kNoPorts);
  chatty.add_vessel(1, reports(drifting(25.0, 55.0, 0.1), 0, 360, 0.25, 0.1));
  EncounterDetector quiet({}, kOffshore, kNoPorts);
  quiet.add_vessel(1, reports(drifting(25.0, 55.0, 0.1), 0, 360, 5, 0.1));
  EXPECT_EQ(chatty.candidate_bins(), 37U);
  EXPECT_EQ(quiet.candidate_bins(), 37U);
  // An hour at anchor and then under way: too short to hold an encounter.
  EncounterDetector brief({}, kOffshore, kNoPorts);
  brief.add_vessel(1, reports(drifting(25.0, 55.0, 0.1), 0, 60, 2, 0.1));
  EXPECT_EQ(brief.candidate_bins(), 0U);
}

TEST(Encounter, BadInputNeverCrashesAndFinishEmptiesTheDetector) {
  EncounterDetector d({}, kOffshore, kNoPorts);
  d.add_vessel(1, {});
  d.add_vessel(2, reports(drifting(25.0, 55.0, 0.3), 0, 0));  // one report
  // A real pair, with garbage mixed in: repeated and backward times, NaN
  // positions and speeds.
  auto a = reports(drifting(25.0, 55.0, 0.3), 0, 240);
  auto b = reports(drifting(25.0, 55.0, 0.3, 100), 0, 240);
  a.insert(a.begin() + 10, a[10]);                 // the same report twice
  a.insert(a.begin() + 20, a[3]);                  // a report from the past
  b[30].lat = kNaN;
  b[31].lon = std::numeric_limits<double>::infinity();
  b[40].sog_kn = kNaN;
  b[50].lat = 95.0;
  d.add_vessel(3, a);
  d.add_vessel(4, b);
  d.add_vessel(3, a);  // the same MMSI again: never paired with itself
  const auto e = d.finish();
  ASSERT_EQ(e.size(), 1U);
  EXPECT_EQ(std::pair(e[0].mmsi_a, e[0].mmsi_b), std::pair(3U, 4U));
  EXPECT_TRUE(d.finish().empty());
  EXPECT_EQ(d.candidate_bins(), 0U);

  EncounterParams nonsense;
  nonsense.bin_minutes = kNaN;
  nonsense.max_distance_m = -1;
  EXPECT_TRUE(run({{3, a}, {4, b}}, nonsense).empty());
}

}  // namespace
}  // namespace tidewatch::detect
