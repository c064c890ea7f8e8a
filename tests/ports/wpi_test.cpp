// The bundled default port list (data/ports/wpi.csv, from the NGA World Port
// Index by scripts/gen-ports.py) and the WPI file it came from.

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "support/data.h"
#include "tidewatch/ports/port.h"

using namespace tidewatch::ports;

namespace {

const PortList& bundled() {
  static const PortList list = load_default_ports();
  return list;
}

const Port& by_wpi(const PortList& list, std::uint32_t wpi) {
  for (const auto& p : list.ports) {
    if (p.wpi == wpi) return p;
  }
  ADD_FAILURE() << "WPI " << wpi << " not in the list";
  static const Port none;
  return none;
}

}  // namespace

TEST(PortWpi, BundledListHasEveryWpiPortAndDunai) {
  const PortList& list = bundled();
  EXPECT_TRUE(list.rejects.empty()) << list.rejects.front().line << " " << list.rejects.front().detail;
  EXPECT_TRUE(list.notes.empty());
  ASSERT_EQ(list.ports.size(), 3768u + 1u);
  std::size_t from_wpi = 0;
  for (const auto& p : list.ports) from_wpi += p.position == "wpi";
  EXPECT_EQ(from_wpi, 3768u);
  EXPECT_EQ(list.ports.back().name, "Dunai");
  EXPECT_EQ(list.ports.back().position, "settlement");
}

TEST(PortWpi, NorthKoreanAndRussianFarEastTargets) {
  const PortList& list = bundled();
  const Port& najin = by_wpi(list, 60510);
  EXPECT_EQ(najin.name, "Najin");
  EXPECT_EQ(najin.alternate_name, "Rashin");
  EXPECT_EQ(najin.locode, "KPRJN");
  EXPECT_EQ(najin.country, "North Korea");
  EXPECT_DOUBLE_EQ(najin.lat, 42.233333);
  EXPECT_DOUBLE_EQ(najin.lon, 130.3);
  EXPECT_EQ(najin.harbor_size, "Small");
  EXPECT_DOUBLE_EQ(najin.radius_m, 5000);

  const Port& vladivostok = by_wpi(list, 60610);
  EXPECT_EQ(vladivostok.name, "Vladivostok");
  EXPECT_EQ(vladivostok.locode, "RUVVO");
  EXPECT_EQ(vladivostok.harbor_size, "Large");
  EXPECT_DOUBLE_EQ(vladivostok.radius_m, 7500);  // the port spans several km of bays

  const Port& vostochny = by_wpi(list, 60725);
  EXPECT_EQ(vostochny.locode, "RUVYP");
  EXPECT_DOUBLE_EQ(vostochny.radius_m, 3000);  // "Very Small": GFW's 3 km

  EXPECT_EQ(by_wpi(list, 60730).locode, "RUNJK");  // Nakhodka
  EXPECT_EQ(by_wpi(list, 62535).locode, "RUSKA");  // Slavyanka
  EXPECT_EQ(by_wpi(list, 60520).name, "Senbong");  // Sonbong, no locode
  EXPECT_EQ(by_wpi(list, 60520).locode, "");

  std::map<std::string, int> by_country;
  for (const auto& p : list.ports) ++by_country[p.country];
  EXPECT_EQ(by_country["North Korea"], 10);
  EXPECT_EQ(by_country["Russia"], 67 + 1);  // + Dunai

  const Port& dunai = list.ports.back();
  EXPECT_DOUBLE_EQ(dunai.lat, 42.88028);
  EXPECT_DOUBLE_EQ(dunai.lon, 132.3375);
  EXPECT_EQ(dunai.wpi, 0u);
  EXPECT_EQ(dunai.locode, "");
}

TEST(PortWpi, RadiusFollowsHarborSize) {
  const PortListParams p;
  std::map<std::string, std::size_t> counts;
  for (const auto& port : bundled().ports) {
    if (port.position != "wpi") continue;
    ++counts[port.harbor_size];
    EXPECT_DOUBLE_EQ(port.radius_m, p.wpi_radius_m(port.harbor_size)) << port.name;
  }
  // NGA's distribution (Pub 150, 2023): most ports are small.
  EXPECT_EQ(counts["Very Small"], 2134u);
  EXPECT_EQ(counts["Small"], 1026u);
  EXPECT_EQ(counts["Medium"], 366u);
  EXPECT_EQ(counts["Large"], 171u);
  EXPECT_EQ(counts[""], 71u);
}

// The C++ reader of the original Pub 150 file gives the same ports as the
// Python generator wrote: the bundled file is not stale and the two readers
// (and their radius tables) agree.
TEST(PortWpi, BundledListMatchesTheWorldPortIndexFile) {
  const auto source = tidewatch::test::shared_data("ports/nga-wpi/UpdatedPub150.csv");
  TIDEWATCH_REQUIRE_SHARED(source);
  const PortList wpi = load_ports(source);
  EXPECT_EQ(wpi.format, PortFormat::wpi_pub150);
  EXPECT_TRUE(wpi.rejects.empty());
  ASSERT_EQ(wpi.ports.size(), 3768u);
  // The two known WPI typos, kept with a note.
  ASSERT_EQ(wpi.notes.size(), 2u);
  EXPECT_NE(wpi.notes[0].detail.find("GB ME"), std::string::npos);
  EXPECT_NE(wpi.notes[1].detail.find("49454.5"), std::string::npos);

  const PortList& ours = bundled();
  ASSERT_EQ(ours.ports.size(), wpi.ports.size() + 1);
  for (std::size_t i = 0; i < wpi.ports.size(); ++i) {
    const Port& a = wpi.ports[i];
    const Port& b = ours.ports[i];
    ASSERT_EQ(a.name, b.name) << "row " << i;
    EXPECT_EQ(a.locode, b.locode) << a.name;
    EXPECT_EQ(a.country, b.country) << a.name;
    EXPECT_EQ(a.lat, b.lat) << a.name;
    EXPECT_EQ(a.lon, b.lon) << a.name;
    EXPECT_EQ(a.radius_m, b.radius_m) << a.name;
    EXPECT_EQ(a.wpi, b.wpi) << a.name;
    EXPECT_EQ(a.harbor_size, b.harbor_size) << a.name;
    EXPECT_EQ(a.alternate_name, b.alternate_name) << a.name;
  }
}
