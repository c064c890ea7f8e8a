// geo::LandMask on GSHHG 2.3.7 (Debian gmt-gshhg-low / gmt-gshhg-high).
// Every expected level below was also checked with GMT 6's own reader:
//   gmt select pts -D<r> -N<ocean>/<land>/<lake>/<island>/<pond> -fg
// and 20000 random points per resolution (c, l global; i, h around Denmark,
// Rajin and Lake Victoria) gave the same level as LandMask in every case.
#include "support/land_mask.h"
#include "tidewatch/geo/land_mask.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "tidewatch/ais/messages.h"
#include "tidewatch/ais/stream.h"

namespace fs = std::filesystem;
using tidewatch::geo::LandMask;
using tidewatch::geo::ShoreLevel;

namespace {

struct Point {
  const char* name;
  double lat;
  double lon;
  ShoreLevel level;
};

void expect_levels(const LandMask& mask, const std::vector<Point>& points) {
  for (const Point& p : points) {
    EXPECT_EQ(static_cast<int>(mask.level(p.lat, p.lon)), static_cast<int>(p.level))
        << p.name << " (" << p.lat << ", " << p.lon << ") at resolution " << mask.resolution();
  }
}

}  // namespace

TEST(LandMask, NotAvailableIsReported) {
  if (LandMask::available()) {
    EXPECT_THROW((void)LandMask::open('x'), std::runtime_error);
    EXPECT_THROW((void)LandMask::open('c', "/nonexistent-gshhg"), std::runtime_error);
  } else {
    EXPECT_THROW((void)LandMask::open('c'), std::runtime_error);
  }
}

TEST(LandMask, OpensCrudeFile) {
  OPEN_OR_SKIP(mask, 'c');
  EXPECT_EQ(mask->resolution(), 'c');
  EXPECT_DOUBLE_EQ(mask->bin_size_degrees(), 20.0);
  EXPECT_EQ(mask->version(), "2.3.7");
}

TEST(LandMask, KnownPointsCrude) {
  OPEN_OR_SKIP(mask, 'c');
  expect_levels(*mask, {
      {"North Atlantic", 40.0, -40.0, ShoreLevel::ocean},
      {"inland Denmark (Jutland)", 56.0, 9.2, ShoreLevel::land},
      {"Caspian Sea", 42.0, 51.0, ShoreLevel::lake},
      {"Lake Victoria", -1.0, 33.0, ShoreLevel::lake},
      {"Lake Superior", 48.0, -88.9, ShoreLevel::lake},  // Isle Royale too small for c
      {"Wrangel Island, 179.99E", 71.2, 179.99, ShoreLevel::land},
      {"Wrangel Island, 179.99W", 71.2, -179.99, ShoreLevel::land},
      {"Chukotka 179.9E", 68.5, 179.9, ShoreLevel::land},
      {"Chukotka 179.9W", 68.0, -179.9, ShoreLevel::land},
      {"Pacific on the equator, 179.99E", 0.0, 179.99, ShoreLevel::ocean},
      {"Pacific on the equator, 180W", 0.0, -180.0, ShoreLevel::ocean},
      {"Pacific on the equator, 540E", 0.0, 540.0, ShoreLevel::ocean},
      {"North Pole", 90.0, 0.0, ShoreLevel::ocean},
      {"near the North Pole", 89.99, 123.0, ShoreLevel::ocean},
      {"South Pole", -90.0, 0.0, ShoreLevel::land},
      {"near the South Pole", -89.99, -45.0, ShoreLevel::land},
      {"Ross Ice Shelf (ice front = coast)", -80.0, -170.0, ShoreLevel::land},
  });
  EXPECT_TRUE(mask->is_land(56.0, 9.2));
  EXPECT_FALSE(mask->is_land(40.0, -40.0));
  EXPECT_FALSE(mask->is_land(42.0, 51.0));
  EXPECT_FALSE(mask->is_land(std::nan(""), 0.0));
}

TEST(LandMask, KnownPointsLow) {
  OPEN_OR_SKIP(mask, 'l');
  expect_levels(*mask, {
      {"North Atlantic", 40.0, -40.0, ShoreLevel::ocean},
      {"inland Denmark (Jutland)", 56.0, 9.2, ShoreLevel::land},
      {"Caspian Sea", 42.0, 51.0, ShoreLevel::lake},
      {"Lake Victoria", -1.0, 33.0, ShoreLevel::lake},
      {"Ukerewe Island, Lake Victoria", -2.05, 33.0, ShoreLevel::island_in_lake},
      {"Isle Royale, Lake Superior", 48.0, -88.9, ShoreLevel::island_in_lake},
      {"Rajin (Najin) town", 42.27, 130.27, ShoreLevel::land},
      {"Rajin hinterland", 42.30, 130.30, ShoreLevel::land},
      {"Rajin, Sea of Japan offshore", 42.20, 130.35, ShoreLevel::ocean},
      {"Rajin, further offshore", 42.15, 130.40, ShoreLevel::ocean},
      {"Taveuni, Fiji, 179.9W", -16.8, -179.9, ShoreLevel::land},
      {"Wrangel Island, 179.99W", 71.2, -179.99, ShoreLevel::land},
      {"South Pole", -90.0, 0.0, ShoreLevel::land},
      {"North Pole", 90.0, 0.0, ShoreLevel::ocean},
  });
  EXPECT_TRUE(mask->is_land(-2.05, 33.0));  // island in a lake is land
}

TEST(LandMask, PondOnIslandInLakeHigh) {
  OPEN_OR_SKIP(mask, 'h');
  // Siskiwit Lake on Isle Royale: a pond (level 4), water.
  EXPECT_EQ(mask->level(48.0, -88.8), ShoreLevel::pond);
  EXPECT_FALSE(mask->is_land(48.0, -88.8));
  EXPECT_EQ(mask->level(48.0, -88.9), ShoreLevel::island_in_lake);
  EXPECT_EQ(mask->level(42.27, 130.27), ShoreLevel::land);
  EXPECT_EQ(mask->level(42.20, 130.35), ShoreLevel::ocean);
}

TEST(LandMask, DistanceToShore) {
  OPEN_OR_SKIP(mask, 'i');
  // Reference: GMT 6 `mapproject -L<gmt coast -Di -W -M>+ue` on a sphere
  // (PROJ_ELLIPSOID=Sphere): 9188.9 m, 31294.3 m, 1549.2 m.
  EXPECT_NEAR(mask->distance_to_shore_m(57.17985, 14.51949, 50000), 9188.9, 30.0);
  EXPECT_NEAR(mask->distance_to_shore_m(55.04068, 13.02757, 50000), 31294.3, 100.0);
  EXPECT_NEAR(mask->distance_to_shore_m(56.89235, 8.70592, 50000), 1549.2, 10.0);
  // Mid-ocean: nothing within 10 km.
  EXPECT_TRUE(std::isinf(mask->distance_to_shore_m(40.0, -40.0)));
  // Inland Jutland is more than 1 km from any shore; the open sea is not land.
  EXPECT_TRUE(mask->is_inland(56.0, 9.2));
  EXPECT_FALSE(mask->is_inland(40.0, -40.0));
  // Across the antimeridian: Wrangel Island's shore is found from both sides.
  const double east = mask->distance_to_shore_m(71.2, 179.99, 100000);
  const double west = mask->distance_to_shore_m(71.2, -179.99, 100000);
  EXPECT_LT(east, 100000);
  EXPECT_LT(west, 100000);
  EXPECT_NEAR(east, west, 1000.0);
  // Near the poles the search covers every longitude.
  EXPECT_TRUE(std::isinf(mask->distance_to_shore_m(90.0, 0.0, 5000)));
}

TEST(LandMask, ConcurrentQueriesAgree) {
  OPEN_OR_SKIP(mask, 'l');
  std::vector<int> results(8, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      int land = 0;
      for (int i = 0; i < 2000; ++i) {
        const double lat = -80.0 + 0.08 * i;
        const double lon = -180.0 + 0.18 * i;
        if (mask->is_land(lat, lon)) ++land;
      }
      results[static_cast<std::size_t>(t)] = land;
    });
  }
  for (auto& th : threads) th.join();
  for (int r : results) EXPECT_EQ(r, results[0]);
}

namespace {

struct PositionCollector : tidewatch::ais::DecodeSink {
  std::vector<std::pair<double, double>> ships;  // types 1-3, 18, 19
  std::vector<std::pair<double, double>> bases;  // type 4
  void on_message(const tidewatch::ais::Message& m, const tidewatch::ais::MessageMeta&) override {
    namespace ais = tidewatch::ais;
    auto add = [](auto& list, const auto& body) {
      if (!body.lat || !body.lon) return;
      const double lat = ais::degrees(*body.lat);
      const double lon = ais::degrees(*body.lon);
      if (std::abs(lat) > 90.0 || std::abs(lon) > 180.0) return;  // 91/181 = not available
      list.emplace_back(lat, lon);
    };
    if (const auto* a = std::get_if<ais::PositionReportA>(&m.body)) add(ships, *a);
    if (const auto* b = std::get_if<ais::PositionReportB>(&m.body)) add(ships, *b);
    if (const auto* e = std::get_if<ais::ExtendedPositionReportB>(&m.body)) add(ships, *e);
    if (const auto* s = std::get_if<ais::BaseStationReport>(&m.body)) {
      if (m.type == 4) add(bases, *s);
    }
  }
  void on_reject(const tidewatch::RejectedLine&) override {}
};

}  // namespace

// The DMA sample (2010-06-11): base stations stand on land, ships are mostly
// at sea.  Measured (GSHHG 2.3.7, identical with GMT's gmtselect):
//   resolution i: 2965 ship positions, 763 on land (25.7%), 106 inland by more
//   than 1 km (3.6%); 125 base-station reports, 114 on land (91.2%);
//   resolution h: 742 on land (25.0%): 419 within 200 m of the shore (ships at
//   berth), 216 within 1 km, the rest in ports and canals GSHHG draws as land
//   (Antwerp, Rotterdam, Amsterdam, the Kiel Canal, the Neva, the Gota alv).
// So the 1 km margin of position_on_land is needed, and waterways still
// give events: the lead should expect them.
TEST(LandMask, DmaSamplePositions) {
  OPEN_OR_SKIP(mask, 'i');
  const fs::path sample = fs::path(TIDEWATCH_TEST_DATA).parent_path().parent_path() /
                          "data/samples/dma-2010-06-11.nmea";
  if (!fs::exists(sample)) GTEST_SKIP() << sample << " missing";
  PositionCollector out;
  tidewatch::ais::StreamDecoder decoder({}, out);
  decoder.begin_source(0);
  std::ifstream in(sample);
  std::string line;
  std::uint64_t n = 0;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    decoder.feed_line(line, ++n);
  }
  decoder.end_source();
  ASSERT_GT(out.ships.size(), 1000U);
  ASSERT_GT(out.bases.size(), 10U);
  std::size_t ships_on_land = 0, ships_inland = 0, bases_on_land = 0;
  for (const auto& [lat, lon] : out.ships) {
    if (mask->is_land(lat, lon)) ++ships_on_land;
    if (mask->is_inland(lat, lon)) ++ships_inland;
  }
  for (const auto& [lat, lon] : out.bases) {
    if (mask->is_land(lat, lon)) ++bases_on_land;
  }
  const double ship_land = static_cast<double>(ships_on_land) / static_cast<double>(out.ships.size());
  const double ship_inland = static_cast<double>(ships_inland) / static_cast<double>(out.ships.size());
  const double base_land = static_cast<double>(bases_on_land) / static_cast<double>(out.bases.size());
  std::cout << "[ DMA i    ] ships " << out.ships.size() << ": on land " << ship_land
            << ", inland >1 km " << ship_inland << "; base station reports " << out.bases.size()
            << ": on land " << base_land << "\n";
  EXPECT_GT(ship_land, 0.20);
  EXPECT_LT(ship_land, 0.30);
  EXPECT_LT(ship_inland, 0.05);
  EXPECT_GT(base_land, 0.85);
}
