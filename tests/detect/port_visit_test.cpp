// port_visit, told as situations on the real port list (data/ports/wpi.csv):
// each test sails a ship with a small voyage builder and reads the visits.

#include "tidewatch/detect/port_visit.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "support/data.h"
#include "support/fixtures.h"
#include "tidewatch/core/time.h"
#include "tidewatch/geo/distance.h"
#include "tidewatch/ports/port.h"

using tidewatch::UnixMillis;
using tidewatch::detect::detect_port_visits;
using tidewatch::detect::Fix;
using tidewatch::detect::PortVisit;
using tidewatch::detect::PortVisitParams;
using tidewatch::geo::haversine_m;
using tidewatch::geo::kEarthRadiusM;
using tidewatch::ports::Port;
using tidewatch::ports::PortIndex;

namespace {

using tidewatch::test::kHour;
using tidewatch::test::kPi;
using tidewatch::test::world;

constexpr double kKnot = 1852.0 / 3600.0;  // m/s
constexpr UnixMillis kMinute = 60'000;

std::pair<double, double> destination(double lat, double lon, double bearing_deg, double dist_m) {
  const double d = dist_m / kEarthRadiusM, b = bearing_deg * kPi / 180;
  const double p1 = lat * kPi / 180, l1 = lon * kPi / 180;
  const double p2 = std::asin(std::sin(p1) * std::cos(d) + std::cos(p1) * std::sin(d) * std::cos(b));
  const double l2 = l1 + std::atan2(std::sin(b) * std::sin(d) * std::cos(p1),
                                    std::cos(d) - std::sin(p1) * std::sin(p2));
  return {p2 * 180 / kPi, l2 * 180 / kPi};
}

/// A ship's AIS track, built leg by leg.  Fix k carries input line k + 1.
class Voyage {
 public:
  Voyage(double lat, double lon, UnixMillis start = *tidewatch::utc_millis(2023, 10, 1, 0, 0, 0))
      : lat_(lat), lon_(lon), t_(start) {}

  /// Sails in a straight line to (lat, lon) at `knots`, reporting every
  /// `every` (and on arrival).
  Voyage& sail_to(double lat, double lon, double knots, UnixMillis every = 10 * kMinute) {
    const double dist = haversine_m(lat_, lon_, lat, lon);
    const auto duration = static_cast<UnixMillis>(dist / (knots * kKnot) * 1000);
    const double lat0 = lat_, lon0 = lon_;
    const UnixMillis t0 = t_;
    for (UnixMillis dt = every; dt < duration; dt += every) {
      const double f = static_cast<double>(dt) / static_cast<double>(duration);
      report(lat0 + f * (lat - lat0), lon0 + f * (lon - lon0), t0 + dt, knots);
    }
    report(lat, lon, t0 + duration, knots);
    return *this;
  }
  /// Stays where it is for `hours` at `sog` knots, reporting every `every`.
  Voyage& wait(double hours, double sog = 0.0, UnixMillis every = 10 * kMinute) {
    const auto end = t_ + static_cast<UnixMillis>(hours * static_cast<double>(kHour));
    for (UnixMillis t = t_ + every; t <= end; t += every) report(lat_, lon_, t, sog);
    return *this;
  }
  /// No reports for `hours` (transponder off or out of coverage).
  Voyage& silent(double hours) {
    t_ += static_cast<UnixMillis>(hours * static_cast<double>(kHour));
    return *this;
  }
  /// One report at (lat, lon), `after` the previous one.
  Voyage& at(double lat, double lon, double sog, UnixMillis after = 10 * kMinute) {
    report(lat, lon, t_ + after, sog);
    return *this;
  }
  /// One report `dist_m` from (lat, lon) on `bearing`.
  Voyage& at_distance(double lat, double lon, double bearing, double dist_m, double sog,
                      UnixMillis after = 10 * kMinute) {
    const auto [la, lo] = destination(lat, lon, bearing, dist_m);
    return at(la, lo, sog, after);
  }

  const std::vector<Fix>& fixes() const { return fixes_; }
  std::size_t size() const { return fixes_.size(); }

 private:
  void report(double lat, double lon, UnixMillis t, double sog) {
    Fix f;
    f.time = t;
    f.lat = lat;
    f.lon = lon;
    f.sog_kn = sog;
    f.ref.line = fixes_.size() + 1;
    fixes_.push_back(f);
    lat_ = lat;
    lon_ = lon;
    t_ = t;
  }
  double lat_, lon_;
  UnixMillis t_;
  std::vector<Fix> fixes_;
};

std::uint32_t port_named(const PortIndex& index, const std::string& name) {
  for (std::uint32_t i = 0; i < index.size(); ++i) {
    if (index[i].name == name) return i;
  }
  ADD_FAILURE() << name << " not in the port list";
  return 0;
}

// Vostochnyy (WPI 60725, "Very Small": 3 km) and a berth 1.0 km west of the
// WPI position, one of GFW's VOSTOCHNYY anchorage points (s2id 5fb122a1).
constexpr double kVostochnyLat = 42.75, kVostochnyLon = 133.083333;
constexpr double kBerthLat = 42.750714680650042, kBerthLon = 133.07056995515754;
// Open water 17 km south of the port.
constexpr double kSeaLat = 42.60, kSeaLon = 133.10;

}  // namespace

TEST(PortVisit, BulkCarrierArrivesAtVostochnyStopsTenHoursAndLeaves) {
  Voyage ship(kSeaLat, kSeaLon);
  ship.sail_to(kBerthLat, kBerthLon, 11.0);  // inbound at 11 kn
  const std::size_t alongside = ship.size();  // the first report at SOG 0
  ship.wait(10.0, 0.0)                        // alongside, SOG 0, ten hours
      .sail_to(kSeaLat, kSeaLon, 11.0);       // outbound
  const auto visits = detect_port_visits(ship.fixes(), world());
  ASSERT_EQ(visits.size(), 1u);
  const PortVisit& v = visits[0];
  EXPECT_EQ(world()[v.port].name, "Vostochnyy");
  EXPECT_EQ(world()[v.port].locode, "RUVYP");
  EXPECT_TRUE(v.stopped);
  EXPECT_FALSE(v.gap);
  EXPECT_FALSE(v.open);
  EXPECT_EQ(v.confidence, 4);
  // Stopped from the first SOG-0 report (10 minutes after arriving) to the
  // first 11 kn report, which is still inside the 4 km exit distance (10
  // minutes at 11 kn = 3.4 km from a berth ~1 km in): 10 hours.
  EXPECT_NEAR(v.stop_hours, 10.0, 1e-9);
  // Entry: the first report within 3 km of the WPI position; exit: the first beyond 4 km.
  const auto& f = ship.fixes();
  EXPECT_LE(haversine_m(f[v.first].lat, f[v.first].lon, kVostochnyLat, kVostochnyLon), 3000);
  EXPECT_GT(haversine_m(f[v.first - 1].lat, f[v.first - 1].lon, kVostochnyLat, kVostochnyLon), 3000);
  EXPECT_LE(haversine_m(f[v.last].lat, f[v.last].lon, kVostochnyLat, kVostochnyLon), 4000);
  EXPECT_GT(haversine_m(f[v.exit].lat, f[v.exit].lon, kVostochnyLat, kVostochnyLon), 4000);
  EXPECT_EQ(v.exit, v.last + 1);
  EXPECT_EQ(v.arrival, f[v.first].time);
  EXPECT_EQ(v.departure, f[v.last].time);
  // Evidence: entry, stop begin, stop end (here also the last fix inside).
  EXPECT_EQ(v.evidence, (std::vector<std::size_t>{v.first, alongside, alongside + 60}));
  EXPECT_EQ(v.last, alongside + 60);
  EXPECT_EQ(f[v.last].sog_kn, 11.0);
}

TEST(PortVisit, ShipPassingNajinAtTwelveKnotsIsNotAVisit) {
  // Najin (WPI 60510, "Small": 5 km).  The ship steams east along a line
  // that passes 2 km south of the port's position without slowing down
  // (Senbong, 14 km north-east, stays more than 5 km away).
  const Port& najin = world()[port_named(world(), "Najin")];
  const auto [a_lat, a_lon] = destination(najin.lat, najin.lon, 180, 2000);  // closest point
  const auto [s_lat, s_lon] = destination(a_lat, a_lon, 270, 30000);
  const auto [e_lat, e_lon] = destination(a_lat, a_lon, 90, 30000);
  Voyage ship(s_lat, s_lon);
  ship.sail_to(e_lat, e_lon, 12.0, 5 * kMinute);
  EXPECT_TRUE(detect_port_visits(ship.fixes(), world()).empty());
  // It did go through Najin's entry region: with passes reported, there is
  // exactly one, GFW confidence 1 (entry and exit, no stop, no gap).
  PortVisitParams all;
  all.require_stop_or_gap = false;
  const auto passes = detect_port_visits(ship.fixes(), world(), all);
  ASSERT_EQ(passes.size(), 1u);
  EXPECT_EQ(world()[passes[0].port].name, "Najin");
  EXPECT_EQ(passes[0].confidence, 1);
  EXPECT_FALSE(passes[0].stopped);
  EXPECT_GT(passes[0].last, passes[0].first);
}

TEST(PortVisit, JitterAcrossTheThreeToFourKilometreBandIsOneVisit) {
  // Anchored south of Vostochnyy (3 km entry, 4 km exit) with GNSS jitter
  // that keeps crossing 3 km but never 4 km; then it drifts out to 4.2 km,
  // back to 3.5 km (not re-entry: 3.5 > 3), and finally anchors at 2.5 km.
  Voyage ship(kSeaLat, kSeaLon);
  ship.at_distance(kVostochnyLat, kVostochnyLon, 180, 6000, 6.0);
  for (double km : {2.8, 3.3, 3.9, 2.9, 3.95, 3.1, 3.6, 2.95, 3.8}) {
    ship.at_distance(kVostochnyLat, kVostochnyLon, 180, km * 1000, 0.1);
  }
  const std::size_t last_inside = ship.size() - 1;
  ship.at_distance(kVostochnyLat, kVostochnyLon, 180, 4200, 0.1);
  const std::size_t exit = ship.size() - 1;
  ship.at_distance(kVostochnyLat, kVostochnyLon, 180, 3500, 0.1);
  ship.at_distance(kVostochnyLat, kVostochnyLon, 180, 3900, 0.1);
  ship.at_distance(kVostochnyLat, kVostochnyLon, 180, 2500, 0.1);
  const std::size_t second_entry = ship.size() - 1;
  ship.wait(2.0, 0.0);

  const auto visits = detect_port_visits(ship.fixes(), world());
  ASSERT_EQ(visits.size(), 2u);
  EXPECT_EQ(visits[0].first, 1u);
  EXPECT_EQ(visits[0].last, last_inside);
  EXPECT_EQ(visits[0].exit, exit);
  EXPECT_NEAR(visits[0].stop_hours, 8 * 10.0 / 60.0, 1e-9);  // 2.8 km fix to 3.8 km fix
  EXPECT_EQ(visits[1].first, second_entry);
  EXPECT_TRUE(visits[1].open);
  EXPECT_EQ(world()[visits[0].port].name, "Vostochnyy");
  EXPECT_EQ(visits[1].port, visits[0].port);
}

TEST(PortVisit, DataEndsWhileShipIsInVladivostok) {
  const Port& vvo = world()[port_named(world(), "Vladivostok")];
  // From Amur Bay, west of the port, to a GFW VLADIVOSTOK anchorage point
  // 0.44 km from the WPI position; still at anchor when the data ends.
  Voyage ship(43.10, 131.70);
  ship.sail_to(43.105350116555506, 131.89084701225326, 9.0).wait(5.0, 0.1);
  const auto visits = detect_port_visits(ship.fixes(), world());
  ASSERT_EQ(visits.size(), 1u);
  const PortVisit& v = visits[0];
  EXPECT_EQ(world()[v.port].locode, "RUVVO");
  EXPECT_TRUE(v.open);
  EXPECT_EQ(v.confidence, 3);
  EXPECT_EQ(v.last, ship.size() - 1);
  EXPECT_EQ(v.exit, v.last);
  EXPECT_EQ(v.departure, ship.fixes().back().time);
  EXPECT_NEAR(v.stop_hours, 5.0 - 1.0 / 6.0, 1e-9);  // first to last report at anchor
  // Entered at the first report within 7.5 km ("Large").
  EXPECT_LE(haversine_m(ship.fixes()[v.first].lat, ship.fixes()[v.first].lon, vvo.lat, vvo.lon), 7500);
  EXPECT_GT(haversine_m(ship.fixes()[v.first - 1].lat, ship.fixes()[v.first - 1].lon, vvo.lat, vvo.lon), 7500);
}

TEST(PortVisit, SixHoursDarkInsideNajinIsAVisitTwoHoursIsNot) {
  const Port& najin = world()[port_named(world(), "Najin")];
  const auto [sea_lat, sea_lon] = destination(najin.lat, najin.lon, 150, 20000);
  const auto [in_lat, in_lon] = destination(najin.lat, najin.lon, 150, 1000);
  for (double dark : {6.0, 2.0}) {
    // Creeps in at 1 kn (never below 0.2 kn: no stop), goes dark, reappears
    // at the same place, leaves.
    Voyage ship(sea_lat, sea_lon);
    ship.sail_to(in_lat, in_lon, 8.0).wait(0.5, 1.0).silent(dark).wait(0.5, 1.0).sail_to(sea_lat, sea_lon, 8.0);
    const auto visits = detect_port_visits(ship.fixes(), world());
    if (dark < 4.0) {
      EXPECT_TRUE(visits.empty()) << dark << " h";
      continue;
    }
    ASSERT_EQ(visits.size(), 1u);
    const PortVisit& v = visits[0];
    EXPECT_EQ(world()[v.port].name, "Najin");
    EXPECT_TRUE(v.gap);
    EXPECT_FALSE(v.stopped);
    EXPECT_EQ(v.stop_hours, 0);
    EXPECT_NEAR(v.gap_hours, dark + 10.0 / 60.0, 1e-9);  // last report before to first after
    EXPECT_EQ(v.confidence, 4);
    // Both ends of the gap are evidence.
    std::size_t gap_end = 0;
    for (std::size_t i = 1; i < ship.size(); ++i) {
      if (ship.fixes()[i].time - ship.fixes()[i - 1].time > kHour) gap_end = i;
    }
    EXPECT_NE(std::find(v.evidence.begin(), v.evidence.end(), gap_end), v.evidence.end());
    EXPECT_NE(std::find(v.evidence.begin(), v.evidence.end(), gap_end - 1), v.evidence.end());
  }
}

TEST(PortVisit, StopStartsAtPointTwoKnotsAndEndsAtPointFiveKnots) {
  Voyage ship(kSeaLat, kSeaLon);
  ship.sail_to(kBerthLat, kBerthLon, 8.0);
  const std::size_t arrived = ship.size() - 1;
  // 0.3 kn does not start a stop; 0.2 does; 0.3 and 0.4 keep it; 0.5 ends it.
  ship.at(kBerthLat, kBerthLon, 0.3).at(kBerthLat, kBerthLon, 0.2);
  const std::size_t begin = ship.size() - 1;
  ship.at(kBerthLat, kBerthLon, 0.3).at(kBerthLat, kBerthLon, 0.4).at(kBerthLat, kBerthLon, 0.5);
  const std::size_t end = ship.size() - 1;
  ship.at(kBerthLat, kBerthLon, 0.3).sail_to(kSeaLat, kSeaLon, 8.0);
  const auto visits = detect_port_visits(ship.fixes(), world());
  ASSERT_EQ(visits.size(), 1u);
  const PortVisit& v = visits[0];
  EXPECT_LT(v.first, arrived);
  EXPECT_TRUE(v.stopped);
  EXPECT_NEAR(v.stop_hours, 0.5, 1e-9);  // three 10-minute steps, begin..end
  EXPECT_EQ(v.evidence, (std::vector<std::size_t>{v.first, begin, end, v.last}));
}

TEST(PortVisit, ReportsWithoutSpeedNeverStartAStop) {
  // A provider CSV without SOG: three hours at the berth, a report every 10
  // minutes (no gap), no speed - nothing says the ship stopped.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Voyage ship(kSeaLat, kSeaLon);
  ship.sail_to(kBerthLat, kBerthLon, 8.0).wait(3.0, nan).sail_to(kSeaLat, kSeaLon, 8.0);
  EXPECT_TRUE(detect_port_visits(ship.fixes(), world()).empty());
  // One report with SOG 0 among them is enough.
  Voyage again(kSeaLat, kSeaLon);
  again.sail_to(kBerthLat, kBerthLon, 8.0).wait(1.5, nan).at(kBerthLat, kBerthLon, 0.0).wait(1.5, nan).sail_to(kSeaLat, kSeaLon, 8.0);
  const auto visits = detect_port_visits(again.fixes(), world());
  ASSERT_EQ(visits.size(), 1u);
  // Stopped from that report until the last report inside (the NaN reports
  // keep the state; leaving at 8 kn ends it at the first moving report).
  EXPECT_GT(visits[0].stop_hours, 1.5);
}

TEST(PortVisit, PolygonPortExitsMoreThanOneKilometreOutside) {
  const auto list = tidewatch::ports::load_ports(tidewatch::test::test_data("ports/harbours.geojson"));
  const PortIndex index(list.ports);
  // Golden Horn sketch: box 43.10..43.125 N, 131.87..131.93 E.
  Voyage ship(43.04, 131.90);
  ship.sail_to(43.105, 131.90, 6.0).wait(4.0, 0.0);
  const std::size_t last_inside = ship.size();
  ship.at(43.0955, 131.90, 3.0);  // 0.5 km south of the box: in the band, still in port
  ship.at(43.0865, 131.90, 6.0);  // 1.5 km south: out
  const std::size_t exit = ship.size() - 1;
  ship.sail_to(43.04, 131.90, 6.0);
  const auto visits = detect_port_visits(ship.fixes(), index);
  ASSERT_EQ(visits.size(), 1u);
  EXPECT_EQ(index[visits[0].port].name, "Golden Horn Bay (sketch)");
  EXPECT_EQ(visits[0].last, last_inside);
  EXPECT_EQ(visits[0].exit, exit);
  EXPECT_GT(ship.fixes()[visits[0].first].lat, 43.10);     // entry = inside the polygon
  EXPECT_LE(ship.fixes()[visits[0].first - 1].lat, 43.10);
}

TEST(PortVisit, MovingIntoANeighbouringPortEndsTheFirstVisit) {
  // Two 3 km ports 5 km apart.  From West's centre the ship moves 3.5 km
  // east: in West's band (3..4 km) but 1.5 km from East, inside East.
  const auto [e_lat, e_lon] = destination(42.0, 131.0, 90, 5000);
  const PortIndex index({Port{.name = "West", .lat = 42.0, .lon = 131.0, .radius_m = 3000},
                         Port{.name = "East", .lat = e_lat, .lon = e_lon, .radius_m = 3000}});
  Voyage ship(42.0, 131.0);
  ship.at(42.0, 131.0, 0.0).wait(3.0, 0.0);
  ship.at_distance(42.0, 131.0, 90, 3500, 0.0);
  const std::size_t moved = ship.size() - 1;
  ship.wait(3.0, 0.0);
  const auto visits = detect_port_visits(ship.fixes(), index);
  ASSERT_EQ(visits.size(), 2u);
  EXPECT_EQ(index[visits[0].port].name, "West");
  EXPECT_EQ(visits[0].exit, moved);
  EXPECT_EQ(index[visits[1].port].name, "East");
  EXPECT_EQ(visits[1].first, moved);
  EXPECT_TRUE(visits[1].open);
}

TEST(PortVisit, BadFixesAreSkippedNotFatal) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Voyage ship(kSeaLat, kSeaLon);
  ship.sail_to(kBerthLat, kBerthLon, 8.0).wait(1.0, 0.0);
  ship.at(nan, kBerthLon, 0.0).at(95.0, kBerthLon, 0.0);  // not positions
  ship.at(kBerthLat, kBerthLon, 0.0, -30 * kMinute);      // older than the one before
  ship.wait(1.0, 0.0).sail_to(kSeaLat, kSeaLon, 8.0);
  const auto visits = detect_port_visits(ship.fixes(), world());
  ASSERT_EQ(visits.size(), 1u);
  EXPECT_FALSE(visits[0].gap);  // the backwards step is not a gap
  for (std::size_t i : visits[0].evidence) EXPECT_TRUE(std::isfinite(ship.fixes()[i].lat));
  EXPECT_TRUE(detect_port_visits({}, world()).empty());
  EXPECT_TRUE(detect_port_visits(ship.fixes(), PortIndex()).empty());
}

TEST(PortVisit, EvidenceIsCappedKeepingBothEnds) {
  // Twenty stop/start cycles: 42 evidence fixes, capped to 6.
  Voyage ship(kSeaLat, kSeaLon);
  ship.sail_to(kBerthLat, kBerthLon, 8.0);
  for (int k = 0; k < 20; ++k) ship.at(kBerthLat, kBerthLon, 0.0).at(kBerthLat, kBerthLon, 1.0);
  ship.sail_to(kSeaLat, kSeaLon, 8.0);
  PortVisitParams p;
  p.max_evidence = 6;
  const auto visits = detect_port_visits(ship.fixes(), world(), p);
  ASSERT_EQ(visits.size(), 1u);
  const auto& ev = visits[0].evidence;
  ASSERT_EQ(ev.size(), 6u);
  EXPECT_EQ(ev.front(), visits[0].first);
  EXPECT_EQ(ev.back(), visits[0].last);
  EXPECT_NEAR(visits[0].stop_hours, 20 * 10.0 / 60.0, 1e-9);
}
