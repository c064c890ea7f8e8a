// Reading port lists: the contract CSV, GeoJSON polygons, the World Port
// Index CSV; bad rows are counted with their line numbers, never dropped.

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "support/data.h"
#include "support/scratch.h"
#include "tidewatch/ingest/line_reader.h"
#include "tidewatch/ports/port.h"

using tidewatch::RejectReason;
using tidewatch::ingest::InputError;
using namespace tidewatch::ports;

namespace {

/// "line: reason" for every reject, to compare a whole list at once.
std::vector<std::string> reject_summary(const PortList& list) {
  std::vector<std::string> out;
  for (const auto& r : list.rejects) {
    out.push_back(std::to_string(r.line) + ": " + std::string(tidewatch::reject_reason_name(r.reason)));
  }
  return out;
}

const Port* find_port(const PortList& list, std::string_view name) {
  for (const auto& p : list.ports) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

}  // namespace

TEST(PortList, NormalisesUnLocodes) {
  EXPECT_EQ(normalise_locode("RU VVO"), "RUVVO");
  EXPECT_EQ(normalise_locode("kp rjn"), "KPRJN");
  EXPECT_EQ(normalise_locode(" VG RAD"), "VGRAD");
  EXPECT_EQ(normalise_locode("US2XY"), "US2XY");       // digits allowed after the country
  EXPECT_EQ(normalise_locode("GB ME\"\""), std::nullopt);  // a real WPI typo
  EXPECT_EQ(normalise_locode("XX"), std::nullopt);
  EXPECT_EQ(normalise_locode("1UVVO"), std::nullopt);  // the country is two letters
}

TEST(PortList, UserCsvKeepsGoodRowsAndCountsBadOnesByLine) {
  const auto list = load_ports(tidewatch::test::test_data("ports/user_ports.csv"));
  EXPECT_EQ(list.format, PortFormat::csv);

  ASSERT_EQ(list.ports.size(), 5u);
  EXPECT_EQ(list.ports[0].name, "Najin");
  EXPECT_EQ(list.ports[0].locode, "KPRJN");  // "KP RJN" in the file
  EXPECT_DOUBLE_EQ(list.ports[0].lat, 42.233333);
  EXPECT_DOUBLE_EQ(list.ports[0].lon, 130.3);
  EXPECT_DOUBLE_EQ(list.ports[0].radius_m, 5000);
  EXPECT_EQ(list.ports[0].line, 2u);
  EXPECT_FALSE(list.ports[0].is_polygon());
  // Quoted name with a comma and doubled quotes.
  EXPECT_EQ(list.ports[1].name, "Vladivostok, Golden Horn \"Zolotoy Rog\"");
  // A quoted name holding a line break: one record over lines 11-12.
  EXPECT_EQ(list.ports[2].name, "Slavyanka, shipyard\nquay");
  EXPECT_EQ(list.ports[2].locode, "RUSKA");
  EXPECT_EQ(list.ports[2].line, 11u);
  // A locode that is not a UN/LOCODE: the port stays, the locode is cleared, a note says so.
  EXPECT_EQ(list.ports[3].name, "Odd Locode");
  EXPECT_EQ(list.ports[3].locode, "");
  ASSERT_EQ(list.notes.size(), 1u);
  EXPECT_EQ(list.notes[0].line, 13u);
  // The row after an unclosed quote is still read.
  EXPECT_EQ(list.ports[4].name, "Zarubino");
  EXPECT_EQ(list.ports[4].line, 18u);

  EXPECT_EQ(reject_summary(list),
            (std::vector<std::string>{"4: bad_number", "5: missing_field", "6: bad_number",
                                      "7: missing_field", "8: bad_number", "9: bad_csv_row",
                                      "14: bad_csv_row", "15: bad_number", "16: bad_number",
                                      "17: bad_csv_row"}));
  EXPECT_NE(list.rejects[0].detail.find("lat 95 is outside -90..90"), std::string::npos)
      << list.rejects[0].detail;
  EXPECT_NE(list.rejects[1].detail.find("radius_m is empty"), std::string::npos);
  EXPECT_NE(list.rejects[3].detail.find("name is empty"), std::string::npos);
  EXPECT_NE(list.rejects[9].detail.find("not closed"), std::string::npos);
  // Nothing disappears: every non-blank data row is a port or a reject.
  EXPECT_EQ(list.records, list.ports.size() + list.rejects.size());
  EXPECT_EQ(list.blank, 1u);
}

TEST(PortList, CsvColumnsInAnyOrderAndOtherDelimiters) {
  const auto list = parse_port_csv("radius_m;LAT;lon;name\n3000;42.75;133.083333;Vostochnyy\n");
  ASSERT_EQ(list.ports.size(), 1u);
  EXPECT_EQ(list.ports[0].name, "Vostochnyy");
  EXPECT_DOUBLE_EQ(list.ports[0].lat, 42.75);
  EXPECT_EQ(list.ports[0].locode, "");  // no locode column: allowed
}

TEST(PortList, CsvWithoutRequiredColumnIsAConfigurationError) {
  try {
    (void)parse_port_csv("name,locode,lat,lon\nNajin,KPRJN,42.2,130.3\n", "mine.csv");
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("mine.csv:1"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("radius_m"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)parse_port_csv(""), InputError);
}

TEST(PortList, GeoJsonPolygonsMultiPolygonsAndPoints) {
  const auto list = load_ports(tidewatch::test::test_data("ports/harbours.geojson"));
  EXPECT_EQ(list.format, PortFormat::geojson);
  ASSERT_EQ(list.ports.size(), 4u);

  const Port& horn = list.ports[0];
  EXPECT_EQ(horn.name, "Golden Horn Bay (sketch)");
  EXPECT_EQ(horn.locode, "RUVVO");
  EXPECT_EQ(horn.line, 4u);
  ASSERT_TRUE(horn.is_polygon());
  EXPECT_EQ(horn.polygon->size(), 2u);  // shell + hole
  EXPECT_EQ(horn.radius_m, 0);
  // The label point is the centroid: inside the 131.87..131.93 x 43.10..43.125 box.
  EXPECT_GT(horn.lat, 43.10);
  EXPECT_LT(horn.lat, 43.125);
  EXPECT_GT(horn.lon, 131.87);
  EXPECT_LT(horn.lon, 131.93);

  const Port& nakhodka = list.ports[1];
  EXPECT_EQ(nakhodka.line, 15u);
  ASSERT_TRUE(nakhodka.is_polygon());
  EXPECT_EQ(nakhodka.polygon->size(), 2u);  // two shells of a MultiPolygon

  const Port& berth = list.ports[2];
  EXPECT_EQ(berth.name, "Vostochny coal berth");
  EXPECT_FALSE(berth.is_polygon());
  EXPECT_DOUBLE_EQ(berth.radius_m, 1500);
  EXPECT_DOUBLE_EQ(berth.lat, 42.7507146);

  EXPECT_EQ(list.ports[3].name, "Posyet (sketch)");
  EXPECT_EQ(list.ports[3].locode, "");
  ASSERT_EQ(list.notes.size(), 1u);
  EXPECT_EQ(list.notes[0].line, 24u);

  EXPECT_EQ(reject_summary(list),
            (std::vector<std::string>{"17: missing_field", "18: bad_json", "19: bad_json",
                                      "20: bad_number", "21: missing_field", "22: bad_json",
                                      "23: bad_json", "25: missing_field"}));
  EXPECT_NE(list.rejects[1].detail.find("LineString"), std::string::npos) << list.rejects[1].detail;
  EXPECT_NE(list.rejects[2].detail.find("not a valid"), std::string::npos) << list.rejects[2].detail;
  EXPECT_NE(list.rejects[6].detail.find("fewer than 3"), std::string::npos) << list.rejects[6].detail;
  EXPECT_EQ(list.records, 12u);
  EXPECT_EQ(list.records, list.ports.size() + list.rejects.size());
}

TEST(PortList, GeoJsonThatIsNotAFeatureCollectionIsAConfigurationError) {
  try {
    (void)parse_port_geojson("{\n  \"type\": \"FeatureCollection\",\n  \"features\": [,]\n}", "p.geojson");
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("p.geojson:3"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)parse_port_geojson(R"({"type": "Feature", "geometry": null})"), InputError);
}

TEST(PortList, WorldPortIndexWithBomCrlfAndMultiLineField) {
  // Five real Pub 150 rows; the file starts with a UTF-8 BOM, ends lines with
  // CRLF, and Vladivostok's chart list holds a line break inside quotes.
  const auto list = load_ports(tidewatch::test::test_data("ports/pub150_excerpt.csv"));
  EXPECT_EQ(list.format, PortFormat::wpi_pub150);
  EXPECT_TRUE(list.rejects.empty());
  ASSERT_EQ(list.ports.size(), 5u);
  EXPECT_EQ(list.ports[0].name, "Najin");
  EXPECT_EQ(list.ports[0].wpi, 60510u);
  EXPECT_EQ(list.ports[0].locode, "KPRJN");
  EXPECT_EQ(list.ports[0].alternate_name, "Rashin");
  EXPECT_EQ(list.ports[0].harbor_size, "Small");
  EXPECT_EQ(list.ports[0].radius_m, PortListParams{}.wpi_radius_small_m);
  EXPECT_EQ(list.ports[0].country, "North Korea");
  EXPECT_EQ(list.ports[1].name, "Vladivostok");
  EXPECT_EQ(list.ports[1].line, 3u);
  EXPECT_DOUBLE_EQ(list.ports[1].lat, 43.10888889);
  EXPECT_DOUBLE_EQ(list.ports[1].lon, 131.8883333);  // the last column, after the line break
  EXPECT_EQ(list.ports[2].name, "Vostochnyy");
  EXPECT_EQ(list.ports[2].line, 5u);                 // line 3 spans two lines
  EXPECT_EQ(list.ports[2].radius_m, PortListParams{}.wpi_radius_very_small_m);
  // Two WPI typos: kept, with a note each.
  EXPECT_EQ(list.ports[3].name, "Portsmouth Harbour");
  EXPECT_EQ(list.ports[3].locode, "");
  EXPECT_EQ(list.ports[4].name, "Kattupalli Port");
  EXPECT_EQ(list.ports[4].wpi, 0u);  // "49454.5"
  ASSERT_EQ(list.notes.size(), 2u);
  EXPECT_EQ(list.notes[0].line, 6u);
  EXPECT_EQ(list.notes[1].line, 7u);
}

TEST(PortList, FormatDetection) {
  EXPECT_EQ(detect_port_format("\xEF\xBB\xBF  {\"type\":1}"), PortFormat::geojson);
  EXPECT_EQ(detect_port_format("World Port Index Number,Region Name\n"), PortFormat::wpi_pub150);
  EXPECT_EQ(detect_port_format("name,locode,lat,lon,radius_m\n"), PortFormat::csv);
}

TEST(PortList, MissingFileThrows) {
  EXPECT_THROW((void)load_ports("/nonexistent/ports.csv"), InputError);
}

TEST(PortList, DefaultListIsFoundInExplicitDirThenEnvironment) {
  namespace fs = std::filesystem;
  const char* saved = std::getenv("TIDEWATCH_DATA_DIR");
  const std::string saved_value = saved ? saved : "";
  ::unsetenv("TIDEWATCH_DATA_DIR");
  const tidewatch::test::ScratchDir scratch("ports");
  const fs::path& dir = scratch.path();
  fs::create_directories(dir / "ports");
  {
    std::ofstream(dir / "ports" / "wpi.csv") << "name,locode,lat,lon,radius_m\nTest Port,,1,2,3000\n";
  }
  // An explicit data directory wins and has no fallback.
  EXPECT_EQ(find_default_port_list(dir), dir / "ports" / "wpi.csv");
  EXPECT_EQ(find_default_port_list(dir / "missing"), std::nullopt);
  // $TIDEWATCH_DATA_DIR comes before the source tree.
  ::setenv("TIDEWATCH_DATA_DIR", dir.c_str(), 1);
  const auto list = load_default_ports();
  ::unsetenv("TIDEWATCH_DATA_DIR");
  ASSERT_EQ(list.ports.size(), 1u);
  EXPECT_EQ(list.ports[0].name, "Test Port");
  // Without it, the source tree's data/ (TIDEWATCH_SOURCE_DATA_DIR).
  std::vector<fs::path> searched;
  const auto found = find_default_port_list({}, &searched);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(fs::weakly_canonical(*found),
            fs::weakly_canonical(fs::path(TIDEWATCH_TEST_DATA) / ".." / ".." / "data" / "ports" / "wpi.csv"));
  if (saved) ::setenv("TIDEWATCH_DATA_DIR", saved_value.c_str(), 1);
}
