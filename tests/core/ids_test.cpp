// Vessel identifiers: MMSI formats (ITU-R M.585-9), MID -> flag, IMO ship
// number check digit.  The MID table is checked against the bundled JSON it is
// generated from, and every source MMSI of two real samples is classified.

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "support/data.h"
#include "tidewatch/core/ids.h"

namespace tidewatch {
namespace {

/// A file of the repository itself (data/..., beside tests/).
std::filesystem::path repo_file(const std::string& relative) {
  return (std::filesystem::path(TIDEWATCH_TEST_DATA) / ".." / ".." / relative).lexically_normal();
}

MmsiInfo valid(MmsiKind kind, std::uint16_t mid, bool allocated = true) {
  return {kind, mid, allocated, MmsiFault::none};
}

MmsiInfo invalid(MmsiFault fault, std::uint16_t mid = 0, bool allocated = false) {
  return {MmsiKind::invalid, mid, allocated, fault};
}

std::string describe(const MmsiInfo& i) {
  return std::string(mmsi_kind_name(i.kind)) + " mid " + std::to_string(i.mid) +
         (i.mid_allocated ? " allocated " : " unallocated ") +
         std::string(mmsi_fault_name(i.fault));
}

#define EXPECT_MMSI(mmsi, expected) \
  EXPECT_EQ(describe(classify_mmsi(mmsi)), describe(expected)) << "MMSI " << (mmsi)

// ---- MMSI kinds ---------------------------------------------------------------

TEST(IdsMmsi, EveryKindWithARealLookingExample) {
  EXPECT_MMSI(273353180U, valid(MmsiKind::ship, 273));                // Russian ship
  EXPECT_MMSI(24466031U, valid(MmsiKind::group, 244));                // 024466031, DMA sample
  EXPECT_MMSI(2190047U, valid(MmsiKind::coast_station, 219));         // 002190047, Danish base station
  EXPECT_MMSI(2194005U, valid(MmsiKind::coast_station, 219));         // 00MID4XXX, repeater
  EXPECT_MMSI(111232501U, valid(MmsiKind::sar_aircraft, 232));        // UK SAR, 111MID5XX helicopter
  EXPECT_MMSI(111265591U, valid(MmsiKind::sar_aircraft, 265));        // Sweden, gpsd sample
  EXPECT_MMSI(841632906U, valid(MmsiKind::handheld, 416));            // 8MIDXXXXX, DMA sample
  EXPECT_MMSI(982191234U, valid(MmsiKind::craft_associated, 219));    // tender of a Danish ship
  EXPECT_MMSI(992191500U, valid(MmsiKind::aid_to_navigation, 219));   // Danish AtoN, DMA sample
  EXPECT_MMSI(992356001U, valid(MmsiKind::aid_to_navigation, 235));   // 99MID6XXX virtual AtoN
  EXPECT_MMSI(970012345U, valid(MmsiKind::sart, 0, false));           // AIS-SART, maker 01
  EXPECT_MMSI(972158237U, valid(MmsiKind::mob, 0, false));            // MOB device, gpsd sample
  EXPECT_MMSI(974031234U, valid(MmsiKind::epirb, 0, false));          // EPIRB-AIS
}

TEST(IdsMmsi, ShipStationMidIsTheFlag) {
  const MmsiInfo info = classify_mmsi(445123000U);
  EXPECT_EQ(info.kind, MmsiKind::ship);
  ASSERT_EQ(info.mid, 445);
  EXPECT_EQ(flag_of_mid(info.mid)->alpha3, "PRK");
}

TEST(IdsMmsi, DefaultAndTestNumbersAreInvalid) {
  EXPECT_MMSI(0U, invalid(MmsiFault::default_number));
  EXPECT_MMSI(123456789U, invalid(MmsiFault::default_number));
  EXPECT_MMSI(987654321U, invalid(MmsiFault::default_number));
  EXPECT_MMSI(1193046U, invalid(MmsiFault::default_number));  // 0x123456
  for (std::uint32_t d = 1; d <= 9; ++d)
    EXPECT_MMSI(111111111U * d, invalid(MmsiFault::repeated_digit));  // 111111111 is not SAR
}

TEST(IdsMmsi, MidFollowedByZerosIsInvalid) {
  EXPECT_MMSI(412000000U, invalid(MmsiFault::mid_then_zeros, 412, true));
  EXPECT_MMSI(273000000U, invalid(MmsiFault::mid_then_zeros, 273, true));  // DMA sample
  EXPECT_MMSI(273000001U, valid(MmsiKind::ship, 273));
}

TEST(IdsMmsi, ShipWithUnallocatedMidIsInvalid) {
  ASSERT_FALSE(flag_of_mid(200).has_value());
  ASSERT_FALSE(flag_of_mid(221).has_value());
  EXPECT_MMSI(200123456U, invalid(MmsiFault::unallocated_mid, 200));
  EXPECT_MMSI(221219001U, invalid(MmsiFault::unallocated_mid, 221));  // DMA sample
  EXPECT_MMSI(439952844U, invalid(MmsiFault::unallocated_mid, 439));  // gpsd sample
}

TEST(IdsMmsi, OtherFormatsKeepTheirKindWithAnUnallocatedMid) {
  EXPECT_MMSI(2001234U, valid(MmsiKind::coast_station, 200, false));    // 002001234
  EXPECT_MMSI(20012345U, valid(MmsiKind::group, 200, false));         // 020012345
  EXPECT_MMSI(992001000U, valid(MmsiKind::aid_to_navigation, 200, false));
}

TEST(IdsMmsi, FewerThanNineDigitsOrMoreAreInvalid) {
  EXPECT_MMSI(412345U, invalid(MmsiFault::too_short));     // 000412345
  EXPECT_MMSI(3638U, invalid(MmsiFault::too_short));       // 000003638, DMA sample
  EXPECT_MMSI(1806011U, invalid(MmsiFault::too_short));    // 001806011: MID cannot start with 1
  EXPECT_MMSI(16777280U, invalid(MmsiFault::too_short));   // 016777280, gpsd sample
  EXPECT_MMSI(84148325U, invalid(MmsiFault::too_short));   // 084148325: MID cannot start with 8
  EXPECT_MMSI(1000000000U, invalid(MmsiFault::too_long));  // 30 bits reach 1073741823
}

TEST(IdsMmsi, NineDigitsOfNoFormatAreInvalid) {
  EXPECT_MMSI(150834090U, invalid(MmsiFault::unknown_format));  // 1 but not 111
  EXPECT_MMSI(111012345U, invalid(MmsiFault::unknown_format));  // 111 + MID starting with 0
  EXPECT_MMSI(804870766U, invalid(MmsiFault::unknown_format));  // 8 + MID starting with 0
  EXPECT_MMSI(971012345U, invalid(MmsiFault::unknown_format));  // 971 is not a SART/MOB/EPIRB
  EXPECT_MMSI(999999993U, invalid(MmsiFault::unknown_format));  // 99 + 999: no MID; DMA sample
}

// ---- MID -> flag ---------------------------------------------------------------

TEST(IdsMid, KoreaIs440And441AndDprkIs445) {
  for (unsigned mid : {440U, 441U}) {
    const auto flag = flag_of_mid(mid);
    ASSERT_TRUE(flag.has_value()) << mid;
    EXPECT_EQ(flag->alpha2, "KR") << mid;
    EXPECT_EQ(flag->alpha3, "KOR") << mid;
  }
  const auto dprk = flag_of_mid(445);
  ASSERT_TRUE(dprk.has_value());
  EXPECT_EQ(dprk->alpha2, "KP");
  EXPECT_EQ(dprk->alpha3, "PRK");
  EXPECT_EQ(dprk->name, "Democratic People's Republic of Korea");
}

TEST(IdsMid, CommonFlags) {
  EXPECT_EQ(flag_of_mid(273)->alpha3, "RUS");
  EXPECT_EQ(flag_of_mid(273)->name, "Russia");
  EXPECT_EQ(flag_of_mid(219)->alpha2, "DK");
  EXPECT_EQ(flag_of_mid(366)->alpha2, "US");
  EXPECT_EQ(flag_of_mid(422)->alpha3, "IRN");
  EXPECT_EQ(flag_of_mid(636)->alpha3, "LBR");
  for (unsigned mid : {351U, 352U, 353U, 354U, 355U, 356U, 357U, 370U, 371U, 372U, 373U})
    EXPECT_EQ(flag_of_mid(mid)->alpha2, "PA") << mid;
}

TEST(IdsMid, HondurasIs334AsTheItuAllocates) {
  // The upstream table's typo (335) is corrected in the bundled copy.
  ASSERT_TRUE(flag_of_mid(334));
  EXPECT_EQ(flag_of_mid(334)->alpha2, "HN");
  EXPECT_FALSE(flag_of_mid(335));
  EXPECT_EQ(classify_mmsi(334377000U).kind, MmsiKind::ship);
}

TEST(IdsMid, TerritoriesCarryASubdivision) {
  const auto azores = flag_of_mid(204);
  ASSERT_TRUE(azores.has_value());
  EXPECT_EQ(azores->alpha2, "PT");
  EXPECT_EQ(azores->subdivision, "PT-20");
  EXPECT_EQ(azores->name, "Azores");
  EXPECT_EQ(flag_of_mid(263)->subdivision, "");  // mainland Portugal
}

TEST(IdsMid, NoFlagOutsideTheTable) {
  for (unsigned mid : {0U, 1U, 199U, 200U, 217U, 800U, 999U, 1000U, 65535U})
    EXPECT_FALSE(flag_of_mid(mid).has_value()) << mid;
}

/// The compiled table (src/core/mid_table.inc) equals data/identity/mids.json:
/// rerun scripts/gen-mid-table.py when this fails.
TEST(IdsMid, TableMatchesBundledJson) {
  std::ifstream in(repo_file("data/identity/mids.json"));
  ASSERT_TRUE(in) << repo_file("data/identity/mids.json");
  const auto json = nlohmann::json::parse(in);
  ASSERT_EQ(json.size(), 290U);
  EXPECT_EQ(mid_table_size(), json.size());

  std::set<unsigned> in_json;
  for (const auto& [key, value] : json.items()) {
    const auto mid = static_cast<unsigned>(std::stoul(key));
    in_json.insert(mid);
    const auto flag = flag_of_mid(mid);
    ASSERT_TRUE(flag.has_value()) << key;
    ASSERT_EQ(value.size(), 4U) << key;
    EXPECT_EQ(flag->alpha2, value[0].get<std::string>()) << key;
    EXPECT_EQ(flag->alpha3, value[1].get<std::string>()) << key;
    EXPECT_EQ(flag->subdivision, value[2].get<std::string>()) << key;
    EXPECT_EQ(flag->name, value[3].get<std::string>()) << key;
  }
  for (unsigned mid = 0; mid < 1000; ++mid)
    if (!in_json.count(mid)) EXPECT_FALSE(flag_of_mid(mid).has_value()) << mid;
}

// ---- IMO ship numbers ------------------------------------------------------------

static_assert(imo_check_digit_ok(9179842U));  // usable at compile time

TEST(IdsImo, SanctionedShipsPass) {
  EXPECT_TRUE(imo_check_digit_ok(9179842U));  // ANGARA: 172 -> 2
  EXPECT_TRUE(imo_check_digit_ok(8517839U));  // MARIA: 149 -> 9
  EXPECT_TRUE(imo_check_digit_ok(9358010U));  // MAIA-1: 140 -> 0
}

TEST(IdsImo, AChangedDigitFails) {
  for (std::uint32_t imo : {9179842U, 8517839U, 9358010U}) {
    const std::uint32_t check = imo % 10;
    for (std::uint32_t other = 0; other <= 9; ++other)  // every wrong check digit
      if (other != check) EXPECT_FALSE(imo_check_digit_ok(imo - check + other)) << imo - check + other;
  }
  EXPECT_FALSE(imo_check_digit_ok(9179852U));  // d6 4 -> 5 (weight 2)
  EXPECT_FALSE(imo_check_digit_ok(8527839U));  // d3 1 -> 2 (weight 5)
  EXPECT_FALSE(imo_check_digit_ok(9358011U));
}

TEST(IdsImo, CheckDigitDoesNotCatchEveryTypo) {
  // Weights 2, 4, 5, 6 share a factor with 10: ANGARA's d3 (weight 5) raised
  // by 2 adds 10 to the sum.  The check digit is a filter, not a proof.
  EXPECT_TRUE(imo_check_digit_ok(9199842U));
}

TEST(IdsImo, OnlySevenDigitNumbers) {
  EXPECT_FALSE(imo_check_digit_ok(0U));
  EXPECT_FALSE(imo_check_digit_ok(917984U));    // six digits
  EXPECT_FALSE(imo_check_digit_ok(91798420U));  // eight digits
  EXPECT_FALSE(imo_check_digit_ok(1000000U));   // sum 7, check digit 0
  EXPECT_TRUE(imo_check_digit_ok(1000007U));    // the smallest 7-digit number that passes
  EXPECT_FALSE(imo_check_digit_ok(10000007U));  // 8 digits, even if the last seven would pass
}

TEST(IdsImo, CompanyNumbersAreNotShipNumbers) {
  // OFAC "Identification Number IMO 6246853", UN "IMO Number: 5342883":
  // company numbers carry no check digit (these two happen to fail; about one
  // in ten passes by chance, so passing proves nothing either).
  EXPECT_FALSE(imo_check_digit_ok(6246853U));
  EXPECT_FALSE(imo_check_digit_ok(5342883U));
}

// ---- every source MMSI of two real samples -----------------------------------------

std::map<std::string, std::size_t> kinds_of_distinct_mmsis(const test::Decoded& d) {
  std::set<std::uint32_t> mmsis;
  for (const auto& item : d.messages) mmsis.insert(item.message.mmsi);
  std::map<std::string, std::size_t> counts;
  for (std::uint32_t m : mmsis) ++counts[std::string(mmsi_kind_name(classify_mmsi(m).kind))];
  return counts;
}

/// gpsd 3.22's regression sample: a mix of real traffic and hand-made test
/// messages.  87 distinct source MMSIs among the decoded messages, counted
/// by hand from the sentences (first fragments, bits 8..37) with an
/// independent script, which finds 93: six ship MMSIs (245188000, 202571901,
/// 538734172, 366961220, 512000285, 431200386) appear only in sentences the
/// decoder rejects or never completes (type 0/29/41, missing fragments), as
/// gpsdecode does.  Of the 87:
///   42 ships; 28 coast stations (002053501 Portugal ... 004000003 Korea);
///   3 AtoN (992509976/77 Ireland, 992611190 Poland); 2 SAR aircraft
///   (111232511 UK, 111265591 Sweden); 1 handheld (875794037); 1 MOB
///   (972158237); 10 invalid: 123456789 and 999999999 (defaults), 016777280,
///   084148325 (too short), 017419965 (too short), 137920605, 150834090,
///   804870766 (no format), 439952844 and 537411077 (unallocated MID).
TEST(IdsSamples, GpsdSampleMmsis) {
  const auto sample = test::shared_data("ais/gpsd-release-3.22/test/sample.aivdm");
  TIDEWATCH_REQUIRE_SHARED(sample);
  const auto counts = kinds_of_distinct_mmsis(test::decode_file(sample));
  const std::map<std::string, std::size_t> expected{
      {"ship", 42},         {"coast_station", 28}, {"aid_to_navigation", 3},
      {"sar_aircraft", 2},  {"handheld", 1},       {"mob", 1},
      {"invalid", 10}};
  EXPECT_EQ(counts, expected);
}

/// The Danish Maritime Authority feed of 2010-06-11 (bundled): 1933 distinct
/// source MMSIs, counted by hand the same way.  1730 ships (two of Honduras,
/// MID 334: 334377000, 334610000).  The 152 coast stations are
/// the 00MIDXXXX base stations of Denmark (002190047 ...), Sweden, Norway,
/// Germany, Finland, Poland ...; 34 AtoN are 99MIDXXXX (mostly 992191xxx
/// Denmark, 992351xxx UK); 2 groups (024466031, 032310738), 1 SAR aircraft
/// (111232501), 1 handheld (841632906).  13 invalid: 0, 111111111, 222222222,
/// 123456789 (defaults); 000000001, 000000117, 000003638, 001806011 (too
/// short); 999999993/6/7 (no format); 273000000 (MID then zeros); 221219001
/// (MID 221 unallocated).
TEST(IdsSamples, DmaSampleMmsis) {
  const auto decoded = test::decode_file(repo_file("data/samples/dma-2010-06-11.nmea"));
  ASSERT_FALSE(decoded.messages.empty());
  const auto counts = kinds_of_distinct_mmsis(decoded);
  const std::map<std::string, std::size_t> expected{
      {"ship", 1730},         {"coast_station", 152}, {"aid_to_navigation", 34},
      {"group", 2},           {"sar_aircraft", 1},    {"handheld", 1},
      {"invalid", 13}};
  EXPECT_EQ(counts, expected);

  // Every base station's MID is allocated, and type 4 (base station report)
  // comes from coast stations, except one Norwegian ship MMSI that sends it
  // (257049000, three times): a station misconfigured in the wild.
  std::set<std::uint32_t> type4_not_coast;
  for (const auto& item : decoded.messages) {
    const MmsiInfo info = classify_mmsi(item.message.mmsi);
    if (info.kind == MmsiKind::coast_station) {
      EXPECT_TRUE(info.mid_allocated) << item.message.mmsi;
    }
    if (item.message.type == 4 && info.kind != MmsiKind::coast_station)
      type4_not_coast.insert(item.message.mmsi);
  }
  EXPECT_EQ(type4_not_coast, (std::set<std::uint32_t>{257049000U}));
}

}  // namespace
}  // namespace tidewatch
