// UK sanctions list readers: the FCDO UK Sanctions List (CSV, XML, ODS) and
// the OFSI Consolidated List (CSV 2022format and <= 2020, XML).
//
// Real data: the only UK copy in ../shared/data is the FCDO's 8-column summary
// spreadsheet "FCDO_SL_Mon_Aug 11 2025.ods" (PROVENANCE.md): names, ids,
// regimes, types, dates and measures, but no IMO, flag or owner columns.  The
// fixtures in tests/data/watchlist/uk/ were written by us from the documented
// layouts and real rows of that sheet (README.md there).

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>

#include "tidewatch/watchlist/match.h"
#include "tidewatch/watchlist/readers.h"
#include "watchlist/lists.h"

namespace tidewatch::watchlist {
namespace {

namespace fs = std::filesystem;

using test::must_find;

const fs::path kRealOds =
    fs::path(TIDEWATCH_SHARED_DATA) / "watchlists/uk/JachymSRB-GitMatch/FCDO_SL_Mon_Aug 11 2025.ods";
const fs::path kOfac20240503 =
    fs::path(TIDEWATCH_SHARED_DATA) / "watchlists/ofac/jackdwyer-sdn-history/2024-05-03/sdn.csv";
const fs::path kFixtures = fs::path(TIDEWATCH_TEST_DATA) / "watchlist/uk";

std::map<std::string, std::size_t> rejects_by_reason(const WatchList& wl) {
  std::map<std::string, std::size_t> out;
  for (const ListReject& r : wl.rejects) ++out[r.reason];
  return out;
}

std::string names_of(const Entry& e) {
  std::string s;
  for (const Name& n : e.names) s += n.text + "(" + std::string(name_kind_name(n.kind)) + ");";
  return s;
}

std::string links_of(const Entry& e) {
  std::string s;
  for (const Link& l : e.links) s += l.relation + ":" + l.name + "->" + l.target_id + ";";
  return s;
}

/// Every field the UK readers fill, as one comparable string.
std::string fields_of(const Entry& e) {
  std::string s = e.source + "|" + e.id + "|" + std::string(entry_kind_name(e.kind)) + "|" + names_of(e) + "|";
  s += (e.imo ? std::to_string(*e.imo) : "-") + "|";
  for (auto b : e.bad_imos) s += std::to_string(b) + ",";
  s += "|" + e.flag + "|";
  for (const auto& f : e.other_flags) s += f + ",";
  s += "|" + e.vessel_type + "|" + e.tonnage + "|" + (e.build_year ? std::to_string(*e.build_year) : "-") + "|";
  for (const auto& r : e.registrations) s += r + ",";
  s += "|" + links_of(e) + "|";
  for (const auto& p : e.programs) s += p + ",";
  s += "|" + e.listed_on + "|" + e.list_date + "|" + e.note;
  return s;
}

// ---- the real FCDO spreadsheet -------------------------------------------------

TEST(UkFcdoOds, RealSpreadsheetCountsAndRows) {
  SKIP_IF_ABSENT(kRealOds);
  EXPECT_EQ(detect_list_format(kRealOds.filename().string(), read_file_text(kRealOds).substr(0, 4096)),
            ListFormat::uk_fcdo_ods);
  const WatchList wl = load_watchlist(kRealOds);
  EXPECT_EQ(wl.source, "uk_fcdo");
  // PROVENANCE.md: 5 302 rows: 3 754 Individual, 1 087 Entity, 461 Ship
  // (424 Russia regime / UK source, 37 DPRK / UN source).  One row per
  // designation in this summary: every Unique ID appears once.  The reader
  // was run on the file, these are its counts.
  EXPECT_EQ(wl.rows, 5302U);
  // Two Individual rows have an empty Name cell (BEL0174 at sheet row 649,
  // RUS1467 at row 3524): rejected missing_field, not kept nameless.
  ASSERT_EQ(wl.rejects.size(), 2U);
  EXPECT_EQ(wl.rejects[0].reason, "missing_field");
  EXPECT_EQ(wl.rejects[0].line, 649U);
  EXPECT_NE(wl.rejects[0].detail.find("BEL0174"), std::string::npos);
  EXPECT_EQ(wl.rejects[1].reason, "missing_field");
  EXPECT_EQ(wl.rejects[1].line, 3524U);
  EXPECT_NE(wl.rejects[1].detail.find("RUS1467"), std::string::npos);
  EXPECT_EQ(wl.rejects[0].file, "content.xml");
  EXPECT_EQ(wl.entries.size(), 5300U);
  EXPECT_EQ(wl.count(EntryKind::vessel), 461U);
  EXPECT_EQ(wl.count(EntryKind::individual), 3752U);
  EXPECT_EQ(wl.count(EntryKind::entity), 1087U);
  std::size_t with_imo = 0, russia_uk = 0, dprk_un = 0;
  for (const Entry& e : wl.entries) {
    if (e.kind != EntryKind::vessel) continue;
    if (e.imo) ++with_imo;
    ASSERT_EQ(e.programs.size(), 1U) << e.id;
    if (e.programs[0] == "Russia" && e.id.rfind("RUS", 0) == 0) ++russia_uk;
    if (e.programs[0] == "Democratic People's Republic of Korea" && e.id.rfind("DPR", 0) == 0) ++dprk_un;
    EXPECT_EQ(e.listed_on.size(), 10U) << e.id << " " << e.listed_on;
  }
  // The summary has no IMO column: not one ship carries an IMO.
  EXPECT_EQ(with_imo, 0U);
  EXPECT_EQ(russia_uk, 424U);
  EXPECT_EQ(dprk_un, 37U);

  const Entry& angara = must_find(wl, "RUS2183");
  EXPECT_EQ(angara.kind, EntryKind::vessel);
  EXPECT_EQ(angara.primary_name(), "ANGARA");
  EXPECT_EQ(angara.listed_on, "2024-07-31");
  EXPECT_EQ(angara.programs, std::vector<std::string>{"Russia"});
  EXPECT_EQ(angara.note, "Shipping sanctions: (see \"Other information\")");
  EXPECT_FALSE(angara.imo.has_value());
  const Entry& petrel = must_find(wl, "DPR0075");
  EXPECT_EQ(petrel.primary_name(), "Petrel 8");
  EXPECT_EQ(petrel.listed_on, "2017-10-03");
  EXPECT_EQ(petrel.note, "Prohibition of port entry");
  EXPECT_EQ(must_find(wl, "DPR0076").note, "De-flag, Prohibition of port entry");  // Hao Fan 6

  // Owners named in PROVENANCE.md are there as entities; a person as individual.
  for (const char* id : {"RUS1850", "RUS1852", "RUS2091", "RUS1707", "RUS1851", "DPR0144"})
    EXPECT_EQ(must_find(wl, id).kind, EntryKind::entity) << id;
  EXPECT_EQ(must_find(wl, "RUS1850").primary_name(), "M Leasing");
  EXPECT_EQ(must_find(wl, "RUS1707").primary_name(), "OBORONLOGISTICS LLC");
  const Entry& prusakova = must_find(wl, "RUS0278");
  EXPECT_EQ(prusakova.kind, EntryKind::individual);
  EXPECT_EQ(prusakova.primary_name(), "PRUSAKOVA Maria Nikolaevna");
  EXPECT_EQ(prusakova.listed_on, "2022-03-11");
}

// ANGARA is on the UK list; MARIA and MAIA-1 (OFAC 46773, 37098) are not,
// under any spelling that normalises to theirs (PROVENANCE.md agrees).
TEST(UkFcdoOds, AnchorShipsOnTheUkList) {
  SKIP_IF_ABSENT(kRealOds);
  const WatchList wl = load_watchlist(kRealOds);
  auto vessels_named = [&wl](const std::string& name) {
    std::vector<std::string> ids;
    const NormalName want = normalize_name(name);
    for (const Entry& e : wl.entries)
      if (e.kind == EntryKind::vessel)
        for (const Name& n : e.names)
          if (normalize_name(n.text).compact == want.compact) ids.push_back(e.id);
    return ids;
  };
  EXPECT_EQ(vessels_named("ANGARA"), std::vector<std::string>{"RUS2183"});
  EXPECT_TRUE(vessels_named("MARIA").empty());
  EXPECT_TRUE(vessels_named("MAIA-1").empty());
  EXPECT_TRUE(vessels_named("MAYA-1").empty());

  // Screened as AIS would give them (name + IMO): ANGARA is found on the UK
  // list by its exact name only (the UK summary has no IMO), so not strong.
  Screener s;
  s.add(wl);
  VesselIdentity angara;
  angara.names = {"ANGARA"};
  angara.imos = {9179842};
  const auto m = s.screen(angara);
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].entry->id, "RUS2183");
  EXPECT_EQ(m[0].basis, std::vector<std::string>{"name"});
  EXPECT_FALSE(m[0].strong);
  for (auto [name, imo] : {std::pair<const char*, std::uint32_t>{"MARIA", 8517839}, {"MAIA-1", 9358010}}) {
    VesselIdentity v;
    v.names = {name};
    v.imos = {imo};
    const auto r = s.screen(v);
    for (const Match& x : r) EXPECT_NE(x.entry->kind, EntryKind::vessel) << name << " " << x.entry->id;
  }
}

// Cross-list: the FCDO's ships screened through the Screener against OFAC
// 2024-05-03.  The UK summary has no IMO, so no ship can match by IMO; the
// ships that match are those OFAC lists under the same name.
TEST(UkFcdoOds, CrossListWithOfac20240503) {
  SKIP_IF_ABSENT(kRealOds);
  SKIP_IF_ABSENT(kOfac20240503);
  const WatchList uk = load_watchlist(kRealOds);
  Screener s;
  s.add(load_watchlist(kOfac20240503));
  std::size_t by_imo = 0, by_exact_name = 0, reported = 0;
  std::set<std::string> matched;
  for (const Entry& e : uk.entries) {
    if (e.kind != EntryKind::vessel) continue;
    VesselIdentity v;
    for (const Name& n : e.names) v.names.push_back(n.text);
    if (e.imo) v.imos.push_back(*e.imo);
    const auto ms = s.screen(v);
    bool any_vessel = false, name_hit = false, imo_hit = false;
    for (const Match& m : ms) {
      if (m.entry->kind != EntryKind::vessel) continue;
      any_vessel = true;
      if (std::find(m.basis.begin(), m.basis.end(), "imo") != m.basis.end()) imo_hit = true;
      if (m.score >= 0.59 && std::find(m.basis.begin(), m.basis.end(), "name") != m.basis.end()) name_hit = true;
    }
    if (any_vessel) ++reported;
    if (imo_hit) ++by_imo;
    if (name_hit) {
      ++by_exact_name;
      matched.insert(e.primary_name());
    }
  }
  std::printf("FCDO ships vs OFAC 2024-05-03: %zu reported, %zu by exact name, %zu by IMO\n", reported, by_exact_name,
              by_imo);
  EXPECT_EQ(by_imo, 0U);
  // Measured: 42 FCDO ships share their exact name with an OFAC vessel (the
  // count of equal upper-cased names is 42 too); floor a little below.
  EXPECT_GE(by_exact_name, 40U);
  EXPECT_LE(by_exact_name, 60U);
  for (const char* n : {"ANGARA", "LADY R", "SKIF-V", "GEORGY MASLOV", "Chon Ma San", "Ji Song 6"})
    EXPECT_TRUE(matched.count(n)) << n;
}

// With an IMO (the full FCDO export has one; here the fixture, whose IMOs are
// OFAC's), the same ships match OFAC by IMO, strong; LADY R, whose IMO fails
// its check digit, only by name.
TEST(UkFcdo, FixtureShipsMatchOfacByImo) {
  SKIP_IF_ABSENT(kOfac20240503);
  const WatchList uk = load_watchlist(kFixtures / "fcdo_uk_sanctions_list.csv");
  Screener s;
  s.add(load_watchlist(kOfac20240503));
  std::map<std::string, std::string> got;  // UK id -> OFAC id + basis
  for (const Entry& e : uk.entries) {
    if (e.kind != EntryKind::vessel) continue;
    VesselIdentity v;
    v.names = {e.primary_name()};
    if (e.imo) v.imos = {*e.imo};
    const auto ms = s.screen(v);
    if (ms.empty()) continue;
    got[e.id] = ms[0].entry->id + (ms[0].strong ? " strong " : " ") + ms[0].basis[0];
  }
  EXPECT_EQ(got["RUS2183"], "37059 strong imo");  // ANGARA
  EXPECT_EQ(got["RUS2331"], "46991 strong imo");  // GEORGY MASLOV
  EXPECT_EQ(got["RUS2213"], "47719 strong imo");  // SKIF-V
  EXPECT_EQ(got["DPR0105"], "23729 strong imo");  // CHON MA SAN
  EXPECT_EQ(got["RUS2185"], "37095 name");        // LADY R: bad IMO, name only
}

// ---- the fixtures: every field, and the same Entry from every form ------------

void expect_fcdo_fixture(const WatchList& wl, const char* form) {
  SCOPED_TRACE(form);
  EXPECT_EQ(wl.source, "uk_fcdo");
  EXPECT_EQ(wl.list_date, "2025-08-11");
  EXPECT_EQ(wl.entries.size(), 9U);
  EXPECT_EQ(wl.count(EntryKind::vessel), 5U);
  EXPECT_EQ(wl.count(EntryKind::entity), 3U);
  EXPECT_EQ(wl.count(EntryKind::individual), 1U);
  // LADY R's IMO 9161004 has its last digit changed from OFAC's 9161003.
  ASSERT_EQ(wl.rejects.size(), 1U) << (wl.rejects.empty() ? std::string("none") : wl.rejects.back().reason + " " + wl.rejects.back().detail);
  EXPECT_EQ(wl.rejects[0].reason, "bad_imo");
  EXPECT_NE(wl.rejects[0].detail.find("RUS2185"), std::string::npos);

  const Entry& a = must_find(wl, "RUS2183");
  EXPECT_EQ(a.kind, EntryKind::vessel);
  EXPECT_EQ(names_of(a), "ANGARA(primary);");
  EXPECT_EQ(a.imo, 9179842U);
  EXPECT_EQ(a.flag, "Russia");
  EXPECT_EQ(a.vessel_type, "Roll-on Roll-off");
  EXPECT_EQ(a.tonnage, "8811");
  EXPECT_EQ(links_of(a), "owner:M Leasing->RUS1850;");
  EXPECT_EQ(a.programs, std::vector<std::string>{"Russia"});
  EXPECT_EQ(a.listed_on, "2024-07-31");
  EXPECT_EQ(a.list_date, "2025-08-11");
  EXPECT_EQ(a.note, "Shipping sanctions: (see \"Other information\")");

  const Entry& g = must_find(wl, "RUS2331");
  EXPECT_EQ(g.imo, 9610793U);
  EXPECT_EQ(g.flag, "Gabon");
  EXPECT_EQ(g.other_flags, std::vector<std::string>{"Liberia"});
  EXPECT_EQ(g.vessel_type, "Crude Oil Tanker");
  EXPECT_EQ(links_of(g), "owner:PUBLIC JOINT STOCK COMPANY SOVCOMFLOT->RUS1097;");

  const Entry& k = must_find(wl, "RUS2213");
  EXPECT_EQ(k.primary_name(), "SKIF-V");
  EXPECT_EQ(k.imo, 8858087U);
  EXPECT_EQ(k.build_year, 1984);
  EXPECT_EQ(k.tonnage, "2463");
  // The owner is not on the UK list: a link without a target.
  EXPECT_EQ(links_of(k), "owner:LADOGA SHIPPING COMPANY LIMITED LIABILITY COMPANY->;");

  const Entry& l = must_find(wl, "RUS2185");
  EXPECT_FALSE(l.imo.has_value());
  EXPECT_EQ(l.bad_imos, std::vector<std::uint32_t>{9161004});

  const Entry& c = must_find(wl, "DPR0105");
  EXPECT_EQ(c.primary_name(), "Chon Ma San");
  EXPECT_EQ(c.imo, 8660313U);
  EXPECT_EQ(c.flag, "Democratic People's Republic of Korea");
  EXPECT_EQ(links_of(c), "owner:KOREA ACHIM SHIPPING CO->DPR0144;");
  EXPECT_EQ(c.listed_on, "2018-03-30");

  const Entry& m = must_find(wl, "RUS1850");
  EXPECT_EQ(m.kind, EntryKind::entity);
  EXPECT_EQ(names_of(m), "M Leasing(primary);M LEASING LLC(aka);");
  const Entry& p = must_find(wl, "RUS0278");
  EXPECT_EQ(p.kind, EntryKind::individual);
  EXPECT_EQ(p.primary_name(), "PRUSAKOVA Maria Nikolaevna");
}

TEST(UkFcdoCsv, FixtureFieldsLand) {
  const WatchList wl = read_uk_fcdo_csv(read_file_text(kFixtures / "fcdo_uk_sanctions_list.csv"));
  EXPECT_EQ(wl.rows, 10U);
  expect_fcdo_fixture(wl, "csv");
}

TEST(UkFcdoXml, FixtureFieldsLand) {
  const WatchList wl = read_uk_fcdo_xml(read_file_text(kFixtures / "fcdo_uk_sanctions_list.xml"));
  EXPECT_EQ(wl.rows, 9U);  // one Designation per entry
  expect_fcdo_fixture(wl, "xml");
}

TEST(UkFcdoOds, FixtureFieldsLand) {
  const WatchList wl = load_watchlist(kFixtures / "fcdo_uk_sanctions_list.ods");
  EXPECT_EQ(wl.rows, 10U);
  expect_fcdo_fixture(wl, "ods");
  // Reject lines are sheet rows: LADY R is row 6 (Report Date, header, 3 ships before it).
  EXPECT_EQ(wl.rejects.at(0).line, 6U);
}

TEST(UkFcdo, CsvXmlAndOdsGiveTheSameEntries) {
  const WatchList csv = load_watchlist(kFixtures / "fcdo_uk_sanctions_list.csv");
  const WatchList xml = load_watchlist(kFixtures / "fcdo_uk_sanctions_list.xml");
  const WatchList ods = load_watchlist(kFixtures / "fcdo_uk_sanctions_list.ods");
  ASSERT_EQ(csv.entries.size(), xml.entries.size());
  ASSERT_EQ(csv.entries.size(), ods.entries.size());
  for (std::size_t i = 0; i < csv.entries.size(); ++i) {
    EXPECT_EQ(fields_of(csv.entries[i]), fields_of(xml.entries[i]));
    EXPECT_EQ(fields_of(csv.entries[i]), fields_of(ods.entries[i]));
  }
}

TEST(UkOfsiCsv, FixtureFieldsLand) {
  const WatchList wl = read_uk_ofsi_csv(read_file_text(kFixtures / "ofsi_conlist.csv"));
  EXPECT_EQ(wl.source, "uk_ofsi");
  EXPECT_EQ(wl.list_date, "2025-08-11");
  EXPECT_EQ(wl.rows, 6U);
  EXPECT_TRUE(wl.rejects.empty());
  EXPECT_EQ(wl.entries.size(), 5U);
  const Entry& c = must_find(wl, "13656");
  EXPECT_EQ(c.kind, EntryKind::vessel);
  EXPECT_EQ(c.primary_name(), "Chon Ma San");
  EXPECT_EQ(c.imo, 8660313U);  // from Other Information: the CSV has no ship columns
  EXPECT_EQ(c.programs, std::vector<std::string>{"Democratic People's Republic of Korea"});
  EXPECT_EQ(c.listed_on, "2018-03-30");
  const Entry& m = must_find(wl, "15911");
  EXPECT_EQ(m.kind, EntryKind::entity);
  EXPECT_EQ(names_of(m), "M Leasing(primary);M LEASING LLC(aka);");
  EXPECT_EQ(must_find(wl, "14223").primary_name(), "PRUSAKOVA Maria Nikolaevna");
  EXPECT_EQ(must_find(wl, "14223").kind, EntryKind::individual);
}

TEST(UkOfsiXml, FixtureFieldsLand) {
  const WatchList wl = read_uk_ofsi_xml(read_file_text(kFixtures / "ofsi_conlist.xml"));
  EXPECT_EQ(wl.source, "uk_ofsi");
  EXPECT_EQ(wl.rows, 6U);
  EXPECT_TRUE(wl.rejects.empty());
  ASSERT_EQ(wl.entries.size(), 5U);
  const Entry& c = must_find(wl, "13656");
  EXPECT_EQ(c.kind, EntryKind::vessel);
  EXPECT_EQ(c.imo, 8660313U);
  EXPECT_EQ(c.flag, "Democratic People's Republic of Korea");
  EXPECT_EQ(links_of(c), "owner:KOREA ACHIM SHIPPING CO->13632;");
  EXPECT_EQ(c.listed_on, "2018-03-30");
  // The CSV form gives the same names, kind, IMO, programme and dates.
  const WatchList csv = read_uk_ofsi_csv(read_file_text(kFixtures / "ofsi_conlist.csv"));
  for (const Entry& e : wl.entries) {
    const Entry& o = must_find(csv, e.id);
    EXPECT_EQ(names_of(e), names_of(o));
    EXPECT_EQ(e.kind, o.kind) << e.id;
    EXPECT_EQ(e.imo, o.imo) << e.id;
    EXPECT_EQ(e.programs, o.programs) << e.id;
    EXPECT_EQ(e.listed_on, o.listed_on) << e.id;
  }
}

// OFSI <= 2020: ships were Entity rows, the IMO in Other Information.
TEST(UkOfsiCsv, Old2020EntityRowWithImoIsAShip) {
  const WatchList wl = load_watchlist(kFixtures / "ofsi_conlist_2020.csv");
  EXPECT_EQ(wl.source, "uk_ofsi");
  EXPECT_EQ(wl.list_date, "2020-11-30");
  EXPECT_TRUE(wl.rejects.empty());
  const Entry& j = must_find(wl, "13655");
  EXPECT_EQ(j.kind, EntryKind::vessel);
  EXPECT_EQ(j.primary_name(), "JI SONG 6");
  EXPECT_EQ(j.imo, 8898740U);
  EXPECT_EQ(must_find(wl, "13641").kind, EntryKind::entity);

  // FORMATS.md's own example text: IMO and MMSI both read.
  const std::string head = "Last Updated,30/11/2020\nName 6,Other Information,Group Type,Alias Type,Regime,Group ID\n";
  const WatchList x = read_uk_ofsi_csv(head + "SHIP X,IMO: 8937675. MMSI: 445539000.,Entity,Primary name,DPRK,1\n" +
                                       "KOREA X SHIPPING,IMO number: 5342883,Entity,Primary name,DPRK,2\n");
  ASSERT_EQ(x.entries.size(), 2U);
  EXPECT_EQ(x.entries[0].kind, EntryKind::vessel);
  EXPECT_EQ(x.entries[0].imo, 8937675U);
  EXPECT_EQ(x.entries[0].mmsis, std::vector<std::uint32_t>{445539000});
  // A company's number (no check digit) stays a company number on an entity.
  EXPECT_EQ(x.entries[1].kind, EntryKind::entity);
  EXPECT_FALSE(x.entries[1].imo.has_value());
  EXPECT_EQ(x.entries[1].company_imos, std::vector<std::uint32_t>{5342883});
}

// Name types and alias strengths (hand-written rows, not list data).
TEST(UkFcdoCsv, NameKindsAndGrouping) {
  const std::string text =
      "Unique ID,Name 6,Name 1,Name type,Alias strength,Designation Type,Regime Name,IMO number,Previous flags,"
      "Hull identification number (HIN),Current owner/operator (s),Previous owner/operator (s)\n"
      "XXX0001,OLD NAME,,Alias,Low quality,Ship,Russia,,,,,\n"
      "XXX0001,NEW NAME,,Primary Name,,Ship,Russia,IMO 9179842,Panama; Liberia,HIN-1,A LLC; B LTD,C CORP\n"
      "XXX0001,NEWNAME,,Primary Name Variation,,Ship,Russia,9179842,,,,\n"
      "XXX0001,FORMER ONE,,FKA,,Ship,Russia,,,,,\n"
      "XXX0002,,,Primary Name,,Entity,Russia,,,,,\n"
      ",NO ID,,Primary Name,,Entity,Russia,,,,,\n"
      "XXX0003,SHIP 3,,Primary Name,,Ship,Russia,91798,,,,\n";
  const WatchList wl = read_uk_fcdo_csv(text);
  ASSERT_EQ(wl.entries.size(), 2U);
  const Entry& e = wl.entries[0];
  EXPECT_EQ(names_of(e), "NEW NAME(primary);OLD NAME(weak);NEWNAME(aka);FORMER ONE(fka);");
  EXPECT_EQ(e.imo, 9179842U);
  EXPECT_EQ(e.other_flags, (std::vector<std::string>{"Panama", "Liberia"}));
  EXPECT_EQ(e.registrations, std::vector<std::string>{"HIN HIN-1"});
  EXPECT_EQ(links_of(e), "owner:A LLC->;owner:B LTD->;previous_owner:C CORP->;");
  const auto r = rejects_by_reason(wl);
  EXPECT_EQ(r.at("missing_field"), 2U);  // XXX0002 without a name, a row without a Unique ID
  EXPECT_EQ(r.at("bad_number"), 1U);     // XXX0003's 5-digit IMO (the entry is kept)
  EXPECT_EQ(wl.entries[1].id, "XXX0003");
}

TEST(WatchlistUk, DetectsEachFormat) {
  auto detect_file = [](const char* name) {
    const std::string text = read_file_text(kFixtures / name);
    return detect_list_format(name, std::string_view(text).substr(0, 4096));
  };
  EXPECT_EQ(detect_file("fcdo_uk_sanctions_list.csv"), ListFormat::uk_fcdo_csv);
  EXPECT_EQ(detect_file("fcdo_uk_sanctions_list.xml"), ListFormat::uk_fcdo_xml);
  EXPECT_EQ(detect_file("fcdo_uk_sanctions_list.ods"), ListFormat::uk_fcdo_ods);
  EXPECT_EQ(detect_file("ofsi_conlist.csv"), ListFormat::uk_ofsi_csv);
  EXPECT_EQ(detect_file("ofsi_conlist.xml"), ListFormat::uk_ofsi_xml);
  EXPECT_EQ(detect_file("ofsi_conlist_2020.csv"), ListFormat::uk_ofsi_csv);
  // The summary export as CSV (header first), and no false positives.
  EXPECT_EQ(detect_list_format("x.csv", "Unique ID,OFSI Group ID,Name,Regime Name,Type\n"), ListFormat::uk_fcdo_csv);
  EXPECT_EQ(detect_list_format("x.csv", "name,imo\nANGARA,9179842\n"), ListFormat::own_csv);
  EXPECT_EQ(detect_list_format("x.zip", std::string_view("PK\x03\x04rest", 8)), ListFormat::unknown);
}

TEST(WatchlistUk, BrokenInputsAreRejectsNotThrows) {
  EXPECT_EQ(rejects_by_reason(read_uk_fcdo_csv("Report Date: 11-Aug-2025\nUnique ID,Name 6\nX1,\"OPEN\n"))
                .count("bad_csv_row"),
            1U);
  EXPECT_EQ(rejects_by_reason(read_uk_fcdo_csv("a,b\n1,2\n")).count("bad_header"), 1U);
  EXPECT_EQ(rejects_by_reason(read_uk_ofsi_csv("")).count("bad_header"), 1U);
  EXPECT_EQ(rejects_by_reason(read_uk_fcdo_xml("<Designations><Designation><UniqueID>X")).count("bad_xml"), 1U);
  EXPECT_EQ(rejects_by_reason(read_uk_ofsi_xml("<nothing/>")).count("bad_xml"), 1U);
  EXPECT_EQ(rejects_by_reason(read_uk_fcdo_ods("not a zip")).count("bad_ods"), 1U);
  EXPECT_EQ(rejects_by_reason(read_uk_fcdo_ods_content("<office:document-content/>")).count("bad_header"), 1U);
  // A cut .ods: a reject from the reader, an exception from load_watchlist.
  const std::string ods = read_file_text(kFixtures / "fcdo_uk_sanctions_list.ods");
  const WatchList cut = read_uk_fcdo_ods(std::string_view(ods).substr(0, ods.size() / 2));
  EXPECT_EQ(rejects_by_reason(cut).count("bad_ods"), 1U);
  const fs::path tmp = fs::temp_directory_path() / "tidewatch_uk_cut.ods";
  {
    std::ofstream out(tmp, std::ios::binary);
    out << ods.substr(0, ods.size() / 2);
  }
  EXPECT_THROW((void)load_watchlist(tmp), std::runtime_error);
  fs::remove(tmp);
}

TEST(WatchlistUk, MangledInputsNeverCrash) {
  std::mt19937 rng(20250811);
  for (const char* name : {"fcdo_uk_sanctions_list.csv", "fcdo_uk_sanctions_list.xml", "ofsi_conlist.csv",
                           "ofsi_conlist.xml", "ofsi_conlist_2020.csv", "fcdo_uk_sanctions_list.ods"}) {
    const std::string base = read_file_text(kFixtures / name);
    for (int i = 0; i < 60; ++i) {
      std::string t = base;
      const int edits = 1 + static_cast<int>(rng() % 8);
      for (int k = 0; k < edits && !t.empty(); ++k) {
        const std::size_t at = rng() % t.size();
        switch (rng() % 3) {
          case 0: t[at] = static_cast<char>(rng() % 256); break;
          case 1: t.erase(at, 1 + rng() % 40); break;
          default: t.insert(at, std::string(1 + rng() % 4, "\"<>,;\n"[rng() % 6])); break;
        }
      }
      (void)read_uk_fcdo_csv(t);
      (void)read_uk_fcdo_xml(t);
      (void)read_uk_ofsi_csv(t);
      (void)read_uk_ofsi_xml(t);
      (void)read_uk_fcdo_ods_content(t);
      if (i < 10) (void)read_uk_fcdo_ods(t);
    }
  }
  SUCCEED();
}

}  // namespace
}  // namespace tidewatch::watchlist
