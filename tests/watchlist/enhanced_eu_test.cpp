// OFAC ENHANCED_XML and EU FSF XML readers: the real OFAC IRGC export
// (../shared/data/watchlists/ofac/hebbd5-xml_parse/Datasets/IRGC_sanctions.xml),
// its cross-check with the OFAC sdn.csv of 2024-05-03, vessels in the
// ENHANCED layout written here from that sdn.csv (the real export has none),
// and the EU fixtures of tests/data/watchlist/eu/ (no real EU file is stored).

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
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

using test::kUn2026;
using test::must_find;

const fs::path kIrgc = fs::path(TIDEWATCH_SHARED_DATA) / "watchlists/ofac/hebbd5-xml_parse/Datasets/IRGC_sanctions.xml";
const fs::path kSdn2024 = fs::path(TIDEWATCH_SHARED_DATA) / "watchlists/ofac/jackdwyer-sdn-history/2024-05-03/sdn.csv";
const fs::path kEu = fs::path(TIDEWATCH_TEST_DATA) / "watchlist/eu";

std::size_t count_reason(const WatchList& wl, const std::string& reason) {
  return static_cast<std::size_t>(
      std::count_if(wl.rejects.begin(), wl.rejects.end(), [&](const ListReject& r) { return r.reason == reason; }));
}

// ---- OFAC ENHANCED_XML: the real IRGC export ------------------------------------

TEST(EnhancedXml, RealIrgcExport) {
  if (!fs::exists(kIrgc)) GTEST_SKIP() << "shared list not found: " << kIrgc.string();
  const std::string text = read_file_text(kIrgc);
  EXPECT_EQ(detect_list_format("IRGC_sanctions.xml", std::string_view(text).substr(0, 4096)), ListFormat::ofac_enhanced_xml);
  const WatchList wl = load_watchlist(kIrgc);
  EXPECT_EQ(wl.source, "ofac_sdn");
  EXPECT_EQ(wl.list_date, "2024-08-28");
  // PROVENANCE.md: 293 entities, 165 individuals, 84 entities, 44 aircraft and
  // no vessels (a program-filtered IRGC export).
  EXPECT_EQ(wl.rows, 293U);
  EXPECT_EQ(wl.entries.size(), 293U);
  EXPECT_TRUE(wl.rejects.empty()) << wl.rejects.front().line << " " << wl.rejects.front().reason << " "
                                  << wl.rejects.front().detail;
  EXPECT_EQ(wl.count(EntryKind::individual), 165U);
  EXPECT_EQ(wl.count(EntryKind::entity), 84U);
  EXPECT_EQ(wl.count(EntryKind::aircraft), 44U);
  EXPECT_EQ(wl.count(EntryKind::vessel), 0U);
  std::size_t with_imo = 0, company_imos = 0;
  for (const Entry& e : wl.entries) {
    with_imo += e.imo.has_value();
    company_imos += e.company_imos.size();
  }
  EXPECT_EQ(with_imo, 0U);
  EXPECT_EQ(company_imos, 0U);

  const Entry& ground = must_find(wl, "26719");
  EXPECT_EQ(ground.primary_name(), "IRGC GROUND FORCES");
  EXPECT_EQ(ground.kind, EntryKind::entity);
  EXPECT_EQ(ground.programs, (std::vector<std::string>{"FTO", "IRGC"}));
  EXPECT_EQ(ground.listed_on, "2019-04-15");
  ASSERT_EQ(ground.names.size(), 2U);
  EXPECT_EQ(ground.names[1].text, "ISLAMIC REVOLUTION GUARDS CORPS GROUND FORCE");
  EXPECT_EQ(ground.names[1].kind, NameKind::aka);
  EXPECT_EQ(ground.note, "Subject to Secondary Sanctions");

  const Entry& person = must_find(wl, "26526");
  EXPECT_EQ(person.kind, EntryKind::individual);
  EXPECT_EQ(person.primary_name(), "EBRAHIMI, Ayatollah");  // sdn.csv's "LAST, First"

  // An aircraft with its operator as a relationship (entityId = the OFAC uid).
  const Entry& plane = must_find(wl, "24476");
  EXPECT_EQ(plane.kind, EntryKind::aircraft);
  EXPECT_EQ(plane.primary_name(), "EP-PUA");
  ASSERT_FALSE(plane.links.empty());
  EXPECT_EQ(plane.links[0].relation, "owner");
  EXPECT_EQ(plane.links[0].name, "POUYA AIR");
  EXPECT_EQ(plane.links[0].target_id, "13109");

  std::size_t fka = 0, weak = 0, links = 0, links_in_file = 0;
  for (const Entry& e : wl.entries) {
    for (const Name& n : e.names) {
      fka += n.kind == NameKind::fka;
      weak += n.kind == NameKind::weak;
    }
    for (const Link& l : e.links) {
      ++links;
      links_in_file += wl.find(l.target_id) != nullptr;
    }
  }
  std::printf("[ enhanced ] IRGC 2024-08-28: %zu entries, f.k.a. %zu, weak %zu, links %zu (%zu to entries of the file)\n",
              wl.entries.size(), fka, weak, links, links_in_file);
  // 11 F.K.A. alias types in the file, 4 of them low quality (-> weak).
  EXPECT_EQ(fka, 7U);
  EXPECT_EQ(weak, 46U);
  EXPECT_EQ(links, 229U);  // 229 relationship elements, 17 without the related entity's name
  std::size_t unnamed = 0;
  for (const Entry& e : wl.entries)
    for (const Link& l : e.links) unnamed += l.name.empty();
  std::printf("[ enhanced ] links left without a name (related entity not in the file): %zu\n", unnamed);
  EXPECT_EQ(unnamed, 0U);         // the 17 unnamed related entities are all in the file
  EXPECT_EQ(links_in_file, 201U);  // the other 28 point to uids outside this IRGC export
  std::map<std::string, std::size_t> relations;
  for (const Entry& e : wl.entries)
    for (const Link& l : e.links) ++relations[l.relation];
  EXPECT_EQ(relations.count("owner"), 1U);
  EXPECT_EQ(relations.count("acting_for_or_on_behalf_of"), 1U);
}

// Every entity of the ENHANCED export that the sdn.csv of 2024-05-03 also has
// (same uid = ent_num) carries the same primary name; the others were
// designated between the two dates (after 2024-05-03).
TEST(EnhancedXml, CrossCheckWithSdnCsv20240503) {
  if (!fs::exists(kIrgc) || !fs::exists(kSdn2024)) GTEST_SKIP() << "shared lists not found";
  const WatchList enh = load_watchlist(kIrgc);
  const WatchList csv = load_watchlist(kSdn2024);
  std::size_t both = 0, same_name = 0, same_kind = 0, only_enhanced = 0, later = 0;
  std::vector<std::string> diffs;
  for (const Entry& e : enh.entries) {
    const Entry* c = csv.find(e.id);
    if (c == nullptr) {
      ++only_enhanced;
      later += e.listed_on > "2024-05-03";
      if (e.listed_on <= "2024-05-03") diffs.push_back("missing in sdn.csv: " + e.id + " " + e.primary_name() + " " + e.listed_on);
      continue;
    }
    ++both;
    same_kind += c->kind == e.kind;
    if (c->primary_name() == e.primary_name()) ++same_name;
    else diffs.push_back(e.id + " '" + e.primary_name() + "' vs sdn.csv '" + c->primary_name() + "'");
  }
  std::printf("[ enhanced ] in both %zu, same primary name %zu, same kind %zu; only in ENHANCED %zu (%zu listed after 2024-05-03)\n",
              both, same_name, same_kind, only_enhanced, later);
  for (const std::string& d : diffs) std::printf("[ enhanced ]   %s\n", d.c_str());
  // All 293 IRGC-programme entries of 2024-08-28 were already on the list of
  // 2024-05-03, under the same names and kinds.
  EXPECT_EQ(both, 293U);
  EXPECT_EQ(same_name, both);
  EXPECT_EQ(same_kind, both);
  EXPECT_EQ(only_enhanced, later) << "an entity missing from sdn.csv was listed before it";
}

// ---- OFAC ENHANCED_XML: vessels --------------------------------------------------
// The real export has no vessel, so vessels are checked on entities written
// here in the ENHANCED layout of that file (element names as in
// IRGC_sanctions.xml, feature and document types from its referenceValues /
// featureTypes) with the data of OFAC sdn.csv 2024-05-03: ARTAVIL (15036),
// NATIONAL IRANIAN TANKER COMPANY (15117), ANGARA (37059), M LEASING LLC (37065).
// Entities 990001..990003 are made up to be rejected or to test edge cases.
constexpr const char* kEnhancedVessels = R"(<?xml version="1.0" encoding="utf-8"?>
<sanctionsData xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML">
  <publicationInfo><dataAsOf>2024-05-03T00:00:00</dataAsOf></publicationInfo>
  <entities>
    <entity id="15036">
      <generalInfo><identityId>1</identityId><entityType refId="602">Vessel</entityType></generalInfo>
      <sanctionsLists><sanctionsList refId="1550" id="1" datePublished="2012-07-12">SDN List</sanctionsList></sanctionsLists>
      <sanctionsPrograms><sanctionsProgram refId="1" id="2">IRAN</sanctionsProgram></sanctionsPrograms>
      <names>
        <name id="1"><isPrimary>true</isPrimary><isLowQuality>false</isLowQuality>
          <translations><translation id="1"><isPrimary>true</isPrimary><script refId="20122">Latin</script>
            <formattedFullName>ARTAVIL</formattedFullName></translation></translations></name>
        <name id="2"><isPrimary>false</isPrimary><aliasType refId="1401">F.K.A.</aliasType><isLowQuality>false</isLowQuality>
          <translations><translation id="2"><isPrimary>true</isPrimary><formattedFullName>ALPHA</formattedFullName></translation></translations></name>
        <name id="3"><isPrimary>false</isPrimary><aliasType refId="1400">A.K.A.</aliasType><isLowQuality>true</isLowQuality>
          <translations><translation id="3"><isPrimary>true</isPrimary><formattedFullName>ARTA</formattedFullName></translation></translations></name>
      </names>
      <features>
        <feature id="1"><type featureTypeId="1">Vessel Call Sign</type><value>t2eu4</value><isPrimary>true</isPrimary></feature>
        <feature id="2"><type featureTypeId="2">VESSEL TYPE</type><value>Crude/Oil Products Tanker</value></feature>
        <feature id="3"><type featureTypeId="3">Vessel Flag</type><value>Iran</value></feature>
        <feature id="4"><type featureTypeId="24">Former Vessel Flag</type><value>Malta</value></feature>
        <feature id="5"><type featureTypeId="24">Former Vessel Flag</type><value>Tuvalu</value></feature>
        <feature id="6"><type featureTypeId="5">Vessel Tonnage</type><value>99,144</value></feature>
        <feature id="7"><type featureTypeId="6">Vessel Gross Registered Tonnage</type><value>56,068</value></feature>
        <feature id="8"><type featureTypeId="967">Vessel Year of Build</type><value>1999</value></feature>
        <feature id="9"><type featureTypeId="125">Additional Sanctions Information -</type><value>Subject to Secondary Sanctions</value></feature>
      </features>
      <identityDocuments>
        <identityDocument id="1"><type refId="1626">Vessel Registration Identification</type><documentNumber>IMO 9187629</documentNumber></identityDocument>
        <identityDocument id="2"><type refId="91264">MMSI</type><documentNumber>572469210</documentNumber></identityDocument>
      </identityDocuments>
      <relationships>
        <relationship id="1"><type refId="1">Linked To</type><relatedEntity entityId="15117">NATIONAL IRANIAN TANKER COMPANY</relatedEntity></relationship>
      </relationships>
    </entity>
    <entity id="15117">
      <generalInfo><entityType refId="601">Entity</entityType></generalInfo>
      <sanctionsPrograms><sanctionsProgram>IRAN</sanctionsProgram><sanctionsProgram>SDGT</sanctionsProgram></sanctionsPrograms>
      <names><name id="4"><isPrimary>true</isPrimary><translations><translation id="4"><isPrimary>true</isPrimary>
        <formattedFullName>NATIONAL IRANIAN TANKER COMPANY</formattedFullName></translation></translations></name></names>
    </entity>
    <entity id="37059">
      <generalInfo><entityType refId="602">Vessel</entityType></generalInfo>
      <sanctionsPrograms><sanctionsProgram>RUSSIA-EO14024</sanctionsProgram></sanctionsPrograms>
      <names><name id="5"><isPrimary>true</isPrimary><translations>
        <translation id="5"><isPrimary>true</isPrimary><script refId="20122">Latin</script><formattedFullName>ANGARA</formattedFullName></translation>
        <translation id="6"><isPrimary>false</isPrimary><script refId="20124">Cyrillic</script><formattedFullName>АНГАРА</formattedFullName></translation>
      </translations></name></names>
      <features>
        <feature id="10"><type featureTypeId="3">Vessel Flag</type><value>Russia</value></feature>
        <feature id="11"><type featureTypeId="2">VESSEL TYPE</type><value>Roll-on Roll-off</value></feature>
        <feature id="12"><type featureTypeId="4">Vessel Owner</type><value>M LEASING LLC</value></feature>
      </features>
      <identityDocuments>
        <identityDocument id="3"><type refId="1626">Vessel Registration Identification</type><documentNumber>IMO 9179842</documentNumber></identityDocument>
      </identityDocuments>
    </entity>
    <entity id="37065">
      <generalInfo><entityType refId="601">Entity</entityType></generalInfo>
      <names><name id="7"><isPrimary>true</isPrimary><translations><translation id="7"><isPrimary>true</isPrimary>
        <formattedFullName>M LEASING LLC</formattedFullName></translation></translations></name></names>
      <identityDocuments>
        <identityDocument id="4"><type refId="1608">Identification Number</type><documentNumber>IMO 6246853</documentNumber></identityDocument>
        <identityDocument id="5"><type refId="1596">Tax ID No.</type><documentNumber>9701173086</documentNumber></identityDocument>
      </identityDocuments>
    </entity>
    <entity id="990001">
      <generalInfo><entityType refId="602">Vessel</entityType></generalInfo>
      <names><name id="8"><isPrimary>true</isPrimary><translations><translation id="8"><isPrimary>true</isPrimary>
        <formattedFullName>BAD CHECK DIGIT</formattedFullName></translation></translations></name></names>
      <identityDocuments>
        <identityDocument id="6"><type refId="1626">Vessel Registration Identification</type><documentNumber>IMO 9179843</documentNumber></identityDocument>
        <identityDocument id="7"><type refId="91264">MMSI</type><documentNumber>12345</documentNumber></identityDocument>
      </identityDocuments>
    </entity>
    <entity id="990002">
      <generalInfo><entityType refId="602">Vessel</entityType></generalInfo>
      <names></names>
    </entity>
    <entity>
      <generalInfo><entityType refId="601">Entity</entityType></generalInfo>
      <names><name id="9"><isPrimary>true</isPrimary><translations><translation id="9"><isPrimary>true</isPrimary>
        <formattedFullName>NO ID</formattedFullName></translation></translations></name></names>
    </entity>
  </entities>
</sanctionsData>
)";

TEST(EnhancedXml, VesselsInTheEnhancedLayout) {
  EXPECT_EQ(detect_list_format("x.xml", kEnhancedVessels), ListFormat::ofac_enhanced_xml);
  const WatchList wl = read_ofac_enhanced_xml(kEnhancedVessels);
  EXPECT_EQ(wl.list_date, "2024-05-03");
  EXPECT_EQ(wl.rows, 7U);
  EXPECT_EQ(wl.entries.size(), 5U);
  EXPECT_EQ(wl.count(EntryKind::vessel), 3U);

  const Entry& artavil = must_find(wl, "15036");
  EXPECT_EQ(artavil.imo, 9187629U);
  EXPECT_EQ(artavil.mmsis, std::vector<std::uint32_t>{572469210U});
  EXPECT_EQ(artavil.callsigns, std::vector<std::string>{"T2EU4"});
  EXPECT_EQ(artavil.flag, "Iran");
  EXPECT_EQ(artavil.other_flags, (std::vector<std::string>{"Malta", "Tuvalu"}));
  EXPECT_EQ(artavil.vessel_type, "Crude/Oil Products Tanker");
  EXPECT_EQ(artavil.tonnage, "99,144");
  EXPECT_EQ(artavil.gross_tonnage, "56,068");
  EXPECT_EQ(artavil.build_year, 1999);
  EXPECT_EQ(artavil.listed_on, "2012-07-12");
  EXPECT_EQ(artavil.note, "Subject to Secondary Sanctions");
  ASSERT_EQ(artavil.names.size(), 3U);
  EXPECT_EQ(artavil.names[0].kind, NameKind::primary);
  EXPECT_EQ(artavil.names[1].text, "ALPHA");
  EXPECT_EQ(artavil.names[1].kind, NameKind::fka);
  EXPECT_EQ(artavil.names[2].kind, NameKind::weak);
  ASSERT_EQ(artavil.links.size(), 1U);
  EXPECT_EQ(artavil.links[0].relation, "linked_to");
  EXPECT_EQ(artavil.links[0].target_id, "15117");
  EXPECT_EQ(wl.find("15117")->kind, EntryKind::entity);

  const Entry& angara = must_find(wl, "37059");
  EXPECT_EQ(angara.imo, 9179842U);
  ASSERT_EQ(angara.names.size(), 2U);
  EXPECT_EQ(angara.names[1].text, "АНГАРА");  // the Cyrillic translation, as an alias
  ASSERT_EQ(angara.links.size(), 1U);
  EXPECT_EQ(angara.links[0].relation, "owner");
  EXPECT_EQ(angara.links[0].target_id, "37065") << "Vessel Owner resolved by name";
  // The company's IMO number is a company number, never a ship IMO.
  const Entry& leasing = must_find(wl, "37065");
  EXPECT_FALSE(leasing.imo.has_value());
  EXPECT_EQ(leasing.company_imos, std::vector<std::uint32_t>{6246853U});

  const Entry& bad = must_find(wl, "990001");
  EXPECT_FALSE(bad.imo.has_value());
  EXPECT_EQ(bad.bad_imos, std::vector<std::uint32_t>{9179843U});
  EXPECT_EQ(count_reason(wl, "bad_imo"), 1U);
  EXPECT_EQ(count_reason(wl, "bad_number"), 1U);  // MMSI 12345
  EXPECT_EQ(count_reason(wl, "missing_field"), 2U);  // no names; no id

  // Screening: ARTAVIL by IMO, with NITC as the resolved owner.
  Screener s;
  s.add(wl);
  VesselIdentity v;
  v.names = {"ALPHA"};
  v.imos = {9187629U};
  const auto ms = s.screen(v);
  ASSERT_FALSE(ms.empty());
  EXPECT_EQ(ms[0].entry->id, "15036");
  EXPECT_EQ(ms[0].basis, (std::vector<std::string>{"imo", "former_name"}));
  ASSERT_EQ(ms[0].owner_entries.size(), 1U);
  EXPECT_EQ(ms[0].owner_entries[0]->id, "15117");
}

// The ENHANCED vessels screened against the sdn.csv of 2024-05-03: each is
// found by its IMO as the entry with the same uid, with the same primary name.
TEST(EnhancedXml, VesselsScreenedAgainstSdnCsv) {
  if (!fs::exists(kSdn2024)) GTEST_SKIP() << "shared list not found";
  const WatchList enh = read_ofac_enhanced_xml(kEnhancedVessels);
  Screener s;
  s.add(load_watchlist(kSdn2024));
  std::size_t vessels = 0, by_imo = 0, same_id = 0;
  for (const Entry& e : enh.entries) {
    if (e.kind != EntryKind::vessel || !e.imo) continue;
    ++vessels;
    VesselIdentity v;
    v.names = {e.primary_name()};
    v.imos = {*e.imo};
    v.mmsi = e.mmsis.empty() ? 0 : e.mmsis.front();
    v.callsigns = e.callsigns;
    const auto ms = s.screen(v);
    ASSERT_FALSE(ms.empty()) << e.id;
    by_imo += std::find(ms[0].basis.begin(), ms[0].basis.end(), "imo") != ms[0].basis.end();
    same_id += ms[0].entry->id == e.id && ms[0].entry->primary_name() == e.primary_name();
  }
  EXPECT_EQ(vessels, 2U);
  EXPECT_EQ(by_imo, 2U);
  EXPECT_EQ(same_id, 2U);
}

TEST(EnhancedXml, PrefixedNamespaceAndBrokenXml) {
  std::string prefixed = kEnhancedVessels;
  // The same document with a prefix: <e:sanctionsData xmlns:e="..."> ... </e:...>.
  std::string out;
  for (std::size_t i = 0; i < prefixed.size(); ++i) {
    out.push_back(prefixed[i]);
    if (prefixed[i] == '<' && i + 1 < prefixed.size() && prefixed[i + 1] != '?' && prefixed[i + 1] != '!') {
      if (prefixed[i + 1] == '/') {
        out.push_back('/');
        ++i;
      }
      out += "e:";
    }
  }
  const auto ns = out.find("xmlns=");
  ASSERT_NE(ns, std::string::npos);
  out.replace(ns, 6, "xmlns:e=");
  const WatchList wl = read_ofac_enhanced_xml(out);
  EXPECT_EQ(wl.entries.size(), 5U);
  EXPECT_EQ(must_find(wl, "15036").imo, 9187629U);
  EXPECT_EQ(must_find(wl, "15036").mmsis.size(), 1U);

  // Cut in the middle of the fourth entity: the first three are kept, one bad_xml with its line.
  const std::string text = kEnhancedVessels;
  const std::string cut = text.substr(0, text.find("<entity id=\"37065\">") + 40);
  const WatchList part = read_ofac_enhanced_xml(cut);
  ASSERT_FALSE(part.rejects.empty());
  EXPECT_EQ(part.rejects.front().reason, "bad_xml");
  EXPECT_GT(part.rejects.front().line, 50U);
  EXPECT_GE(part.entries.size(), 3U);
  EXPECT_EQ(read_ofac_enhanced_xml("").rejects.size(), 1U);
  EXPECT_EQ(read_ofac_enhanced_xml("<other/>").rejects.at(0).detail, "no sanctionsData element");
}

// Cut and mangled ENHANCED and EU files: rejects, never a crash (the fuzz
// target fuzz/fuzz_inputs.cpp does the same at length, cases 9 and 10).
TEST(EnhancedXml, MangledInputNeverCrashes) {
  std::mt19937 rng(9);
  const std::string eu = read_file_text(kEu / "fsf_sample.xml");
  for (const std::string& base : {std::string(kEnhancedVessels), eu}) {
    for (int round = 0; round < 400; ++round) {
      std::string s = base.substr(0, rng() % (base.size() + 1));
      for (int k = 0; k < 4 && !s.empty(); ++k) s[rng() % s.size()] = static_cast<char>(rng() % 256);
      for (const WatchList& wl : {read_ofac_enhanced_xml(s), read_eu_fsf_xml(s)}) {
        EXPECT_LE(wl.entries.size(), wl.rows);
        Screener sc;
        sc.add(wl);
        VesselIdentity v;
        v.names = {"ARTAVIL", "M LEASING LLC"};
        v.imos = {9187629U, 1790183U};
        (void)sc.screen(v);
      }
    }
  }
}

// ---- EU FSF XML 1.1 ---------------------------------------------------------------

TEST(EuFsf, FixtureFields) {
  const fs::path path = kEu / "fsf_sample.xml";
  const std::string text = read_file_text(path);
  EXPECT_EQ(detect_list_format("fsf.xml", text), ListFormat::eu_fsf_xml);
  const WatchList wl = load_watchlist(path);
  EXPECT_EQ(wl.source, "eu_fsf");
  EXPECT_EQ(wl.list_date, "2026-01-15");
  EXPECT_EQ(wl.rows, 7U);
  ASSERT_EQ(wl.entries.size(), 5U);
  EXPECT_EQ(wl.count(EntryKind::vessel), 0U) << "the FSF has no vessel subject type";
  EXPECT_EQ(wl.count(EntryKind::entity), 4U);
  EXPECT_EQ(wl.count(EntryKind::individual), 1U);
  EXPECT_EQ(count_reason(wl, "missing_field"), 2U);

  const Entry& omm = must_find(wl, "900001");
  EXPECT_EQ(omm.primary_name(), "OCEAN MARITIME MANAGEMENT COMPANY, LIMITED (OMM)");
  ASSERT_EQ(omm.names.size(), 4U);
  EXPECT_EQ(omm.names[1].kind, NameKind::aka);
  EXPECT_EQ(omm.names[3].text, "OMM");
  EXPECT_EQ(omm.names[3].kind, NameKind::weak);
  EXPECT_EQ(omm.company_imos, std::vector<std::uint32_t>{1790183U});
  EXPECT_FALSE(omm.imo.has_value());
  EXPECT_EQ(omm.programs, std::vector<std::string>{"PRK"});
  EXPECT_EQ(omm.listed_on, "2014-07-28");
  EXPECT_EQ(omm.note, "EU reference EU.TW.001; UN KPe.020");
  // IMO company numbers from a remark, an identification remark, a number text.
  EXPECT_EQ(must_find(wl, "900002").company_imos, std::vector<std::uint32_t>{5342883U});
  EXPECT_EQ(must_find(wl, "900003").company_imos, std::vector<std::uint32_t>{5434358U});
  const Entry& leasing = must_find(wl, "900004");
  EXPECT_EQ(leasing.company_imos, std::vector<std::uint32_t>{6246853U});
  EXPECT_EQ(leasing.registrations, std::vector<std::string>{"tax 9701173086"}) << "a tax number is not an IMO";
  const Entry& yun = must_find(wl, "900005");
  EXPECT_EQ(yun.kind, EntryKind::individual);
  EXPECT_EQ(yun.primary_name(), "Yun Ho-Jin");
  EXPECT_EQ(yun.names.at(1).kind, NameKind::weak);
}

TEST(EuFsf, PrefixedNamespace) {
  const WatchList wl = load_watchlist(kEu / "fsf_prefixed.xml");
  EXPECT_EQ(wl.list_date, "2026-01-16");
  ASSERT_EQ(wl.entries.size(), 2U);
  EXPECT_TRUE(wl.rejects.empty());
  EXPECT_EQ(must_find(wl, "900001").company_imos, std::vector<std::uint32_t>{1790183U});
  EXPECT_EQ(must_find(wl, "900005").kind, EntryKind::individual);
}

TEST(EuFsf, Rejects) {
  EXPECT_EQ(read_eu_fsf_xml("").rejects.at(0).reason, "bad_xml");
  EXPECT_EQ(read_eu_fsf_xml("<export/>").rejects.size(), 0U);
  EXPECT_EQ(read_eu_fsf_xml("<sanctions/>").rejects.at(0).detail, "no export element");
  const WatchList cut = read_eu_fsf_xml(
      "<export xmlns=\"http://eu.europa.ec/fpi/fsd/export\">\n"
      "<sanctionEntity logicalId=\"1\"><subjectType code=\"enterprise\"/><nameAlias wholeName=\"A B\"/></sanctionEntity>\n"
      "<sanctionEntity logicalId=\"2\"><nameAlias wholeName=\"C\n");
  ASSERT_FALSE(cut.rejects.empty());
  EXPECT_EQ(cut.rejects[0].reason, "bad_xml");
  EXPECT_EQ(cut.rejects[0].line, 3U);
  ASSERT_GE(cut.entries.size(), 1U);  // pugixml keeps what it read before the error
  EXPECT_EQ(cut.entries[0].primary_name(), "A B");
}

// The EU fixture's companies meet the same companies of the UN list by IMO
// company number (OMM: EU 900001 = UN KPe.020 = OFAC 17068, number 1790183).
TEST(EuFsf, CompaniesMeetOtherListsByCompanyNumber) {
  if (!fs::exists(kUn2026)) GTEST_SKIP() << "shared list not found";
  Screener s;
  s.add(load_watchlist(kUn2026));
  s.add(load_watchlist(kEu / "fsf_sample.xml"));
  std::set<std::string> ids;
  for (const Entry* e : s.parties_named("East Sea Shipping Company")) ids.insert(e->source + ":" + e->id);
  EXPECT_TRUE(ids.count("eu_fsf:900001")) << "named";
  EXPECT_TRUE(ids.count("un_sc:KPe.020")) << "by company number 1790183";
}

}  // namespace
}  // namespace tidewatch::watchlist
