// Global Fishing Watch's ais-tools sample files (../shared/data/ais/
// gfw-ais-tools/sample): bad input from commercial feeds (MarineTraffic,
// Spire, exactEarth).  One test per file says which lines are rejected and
// why, and which messages decode.
//
// What "right" means was read from GFW's own code and tests:
//  - ais_tools/nmea.py expand_nmea / split_multipart: several tag-blocked
//    sentences on one line are the parts of one message; checksums are not
//    verified unless asked (tidewatch verifies by default, and decodes with
//    --accept-bad-checksum, marking the message);
//  - ais_tools/ais_1_2_3.py decodes types 1-3 from the first 28 characters
//    (extra bits ignored), ais5.py a type 5 body of 71 or 72 characters;
//  - tests/test_edge_cases.py (issue 40): "g:1-2--001" is a malformed group
//    field that GFW tolerates (strtok folds the "--");
//  - tests/test_ais.py test_ais8 / test_ais24_part_b / test_aivdm.py
//    test_bad_bitcount_type_24: expected values for type8.nmea and sample.nmea.
// Where tidewatch decides otherwise the test says so and why.

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "support/data.h"
#include "tidewatch/ais/nmea.h"

namespace tidewatch::test {
namespace {

namespace ais = tidewatch::ais;

std::filesystem::path gfw(const std::string& name) {
  return shared_data("ais/gfw-ais-tools/sample/" + name);
}

using Rejects = std::map<std::uint64_t, std::vector<RejectReason>>;

Rejects rejects_by_line(const Decoded& d) {
  Rejects out;
  for (const auto& r : d.rejects) out[r.where.line].push_back(r.reason);
  return out;
}

std::string hex_bytes(const ais::BinaryData& data) {
  std::string s;
  char buf[3];
  for (std::size_t i = 0; i < (data.bits + 7U) / 8U; ++i) {
    std::snprintf(buf, sizeof buf, "%02x", data.bytes[i]);
    s += buf;
  }
  return s;
}

TEST(GfwSamples, BadTagBlockGroupIsRejected) {
  const auto path = gfw("bad-tagblock-group.nmea");
  TIDEWATCH_REQUIRE_SHARED(path);
  const Decoded d = decode_file(path);
  // "\g:1-2--001,c:1326055296*3C\" and "\g:2-2--001*41\": the tag blocks'
  // checksums are right but the group id is "-001", not a number
  // (IEC 61162-1: g:<sentence>-<total>-<id>, unsigned).  GFW's C parser
  // reads it with strtok, which folds the "--" into one separator, and takes
  // group 1; tidewatch does not guess what a corrupt group field meant (the
  // example in RejectReason::bad_tagblock's comment is this very field).
  // The type 21 inside is lost, and both lines are in the rejects with the reason.
  EXPECT_TRUE(d.messages.empty());
  const Rejects want = {{1, {RejectReason::bad_tagblock}}, {2, {RejectReason::bad_tagblock}}};
  EXPECT_EQ(rejects_by_line(d), want);
  // Line 2 has no line end: it is read all the same.
  EXPECT_EQ(d.stats.lines, 2U);
}

TEST(GfwSamples, BadType5LengthsAndBarePayloads) {
  const auto path = gfw("bad-type5.nmea");
  TIDEWATCH_REQUIRE_SHARED(path);
  const Decoded d = decode_file(path);
  // Lines 1-3: a two-part type 5 on one line each, two tag-blocked sentences
  // (MarineTraffic).  Lines 5-7: their payloads alone, without NMEA framing.
  //  line 1: 448 bits (24 more than ITU-R M.1371-5's 424): IVER ACTION,
  //          a real tanker; the parts even have different talkers (!ABVDM,
  //          !AIVDM) and times (c: ...948, ...947): joined on channel A,
  //          sequence 8, timed by the first part.
  //  line 2: 400 bits, too short for a type 5: wrong_bit_count, one record
  //          for the line although both fragments were on it.
  //  line 3: 444 bits: BELLEZA.
  // tidewatch, like gpsd 3.22, decodes a type 5 of 420 bits or more and
  // ignores bits past 424; GFW's ais5.py would give lines 1 and 3 up too
  // (it only takes 71- or 72-character bodies, libais wants exactly 424 bits).
  ASSERT_EQ(d.messages.size(), 2U);
  const auto& iver = d.messages[0];
  EXPECT_EQ(iver.message.mmsi, 255917000U);
  EXPECT_EQ(std::get<ais::StaticAndVoyage>(iver.message.body).shipname, "IVER ACTION");
  EXPECT_EQ(std::get<ais::StaticAndVoyage>(iver.message.body).imo, 9507984U);
  EXPECT_EQ(iver.meta.first.line, 1U);
  EXPECT_EQ(iver.meta.last_line, 1U);
  EXPECT_EQ(iver.meta.fragments, 2U);
  EXPECT_EQ(iver.meta.rxtime, 1698785948000);
  EXPECT_EQ(iver.station, "rMT2083");
  const auto& belleza = d.messages[1];
  EXPECT_EQ(belleza.message.mmsi, 211265330U);
  EXPECT_EQ(std::get<ais::StaticAndVoyage>(belleza.message.body).shipname, "BELLEZA");
  EXPECT_EQ(belleza.meta.first.line, 3U);
  EXPECT_EQ(belleza.station, "rMT6214");

  const Rejects want = {{2, {RejectReason::wrong_bit_count}},
                        {5, {RejectReason::bad_framing}},
                        {6, {RejectReason::bad_framing}},
                        {7, {RejectReason::bad_framing}}};
  EXPECT_EQ(rejects_by_line(d), want);
  EXPECT_EQ(d.stats.skipped[static_cast<std::size_t>(SkipReason::blank)], 1U);  // line 4
}

TEST(GfwSamples, ExactEarthMultilineGroups) {
  const auto path = gfw("ee-multiline.nmea");
  TIDEWATCH_REQUIRE_SHARED(path);
  const Decoded d = decode_file(path);
  // Ten lines, nothing wrong: six single sentences and two two-part type 5
  // grouped by g:1-2-1278 / g:2-2-1278 and g:1-2-1279 / g:2-2-1279 on
  // consecutive lines.  Only the first part's tag block names the station
  // ("s:66") and time.
  EXPECT_TRUE(d.rejects.empty());
  ASSERT_EQ(d.messages.size(), 8U);
  int type5 = 0;
  for (const auto& m : d.messages) {
    EXPECT_EQ(m.station, "66");
    EXPECT_TRUE(m.meta.rxtime);
    if (m.message.type != 5) continue;
    ++type5;
    EXPECT_EQ(m.meta.fragments, 2U);
    EXPECT_EQ(m.meta.last_line, m.meta.first.line + 1);
  }
  EXPECT_EQ(type5, 2);
  EXPECT_EQ(d.messages[1].message.mmsi, 417178141U);
  EXPECT_EQ(d.messages[1].meta.rxtime, 1661782369000);
}

TEST(GfwSamples, ErrorsTruncatedPayloadsKeepTheirChecksum) {
  const auto path = gfw("errors.nmea");
  TIDEWATCH_REQUIRE_SHARED(path);
  const Decoded d = decode_file(path);
  // Lines 2 and 4 are lines 1 and 3 with the payload cut to 28 characters
  // but the checksum left as it was: bad_checksum.  Lines 1 and 3 carry 186
  // bits (31 characters) for a type 3 and a type 1: decoded from their
  // first 168 bits, as gpsd does and as GFW's ais_1_2_3.py does (it cuts
  // the body to 28 characters).  Line 5 (no line end) is a plain type 1.
  const Rejects want = {{2, {RejectReason::bad_checksum}}, {4, {RejectReason::bad_checksum}}};
  EXPECT_EQ(rejects_by_line(d), want);
  ASSERT_EQ(d.messages.size(), 3U);
  EXPECT_EQ(d.messages[0].meta.first.line, 1U);
  EXPECT_EQ(d.messages[0].message.type, 3);
  EXPECT_EQ(d.messages[1].meta.first.line, 3U);
  EXPECT_EQ(d.messages[2].meta.first.line, 5U);
  EXPECT_EQ(d.messages[2].station, "rMT694");

  // Accepted anyway, the truncated lines decode to the same vessels and the
  // same fields as the lines they were cut from: a checksum is the only way
  // to tell.  They are marked.
  ais::DecoderOptions accept;
  accept.accept_bad_checksum = true;
  const Decoded a = decode_file(path, accept);
  EXPECT_TRUE(a.rejects.empty());
  ASSERT_EQ(a.messages.size(), 5U);
  EXPECT_FALSE(a.messages[1].meta.checksum_ok);
  EXPECT_FALSE(a.messages[3].meta.checksum_ok);
  EXPECT_EQ(a.messages[1].unscaled, a.messages[0].unscaled);
  EXPECT_EQ(a.messages[3].unscaled, a.messages[2].unscaled);
}

TEST(GfwSamples, MixedTypesAllDecode) {
  const auto path = gfw("mixed_types.nmea");
  TIDEWATCH_REQUIRE_SHARED(path);
  const Decoded d = decode_file(path);
  // 109 lines (the last without a line end): five messages of each of 20
  // types, except four of type 8; ten of them in two parts.
  EXPECT_TRUE(d.rejects.empty());
  EXPECT_EQ(d.stats.lines, 109U);
  ASSERT_EQ(d.messages.size(), 99U);
  std::map<int, int> by_type;
  int two_part = 0;
  for (const auto& m : d.messages) {
    ++by_type[m.message.type];
    if (m.meta.fragments == 2) ++two_part;
  }
  EXPECT_EQ(by_type.size(), 20U);
  for (const auto& [type, n] : by_type) EXPECT_EQ(n, type == 8 ? 4 : 5) << "type " << type;
  EXPECT_EQ(two_part, 10);
}

TEST(GfwSamples, MultiPartAllReassemble) {
  const auto path = gfw("multi-part.nmea");
  TIDEWATCH_REQUIRE_SHARED(path);
  const Decoded d = decode_file(path);
  // 93 lines: 36 two-part and 7 three-part messages (types 5, 6, 8, 12, 14,
  // 17), sequence ids reused on both channels; every part finds its message.
  EXPECT_TRUE(d.rejects.empty());
  ASSERT_EQ(d.messages.size(), 43U);
  int two = 0, three = 0;
  for (const auto& m : d.messages) {
    EXPECT_EQ(m.meta.last_line - m.meta.first.line + 1, m.meta.fragments);
    two += m.meta.fragments == 2;
    three += m.meta.fragments == 3;
  }
  EXPECT_EQ(two, 36);
  EXPECT_EQ(three, 7);
  EXPECT_EQ(d.stats.ais_sentences, 93U);
}

TEST(GfwSamples, SampleTagBlocksInMillisecondsAndType24) {
  const auto path = gfw("sample.nmea");
  TIDEWATCH_REQUIRE_SHARED(path);
  const Decoded d = decode_file(path);
  // Line 1 ends "...0*73'": a stray quote after the checksum, ignored.
  // Line 2 is a type 24 part A sent with fill 0 instead of 2 (162 bits);
  // GFW's test_bad_bitcount_type_24 wants its name, DAKUWAQA.
  // Line 3 is its part B, joined (GFW test_ais24_part_b: vendor "GRMD@@E",
  // model 1, serial 5; tidewatch cuts text at the first '@' as gpsd does).
  EXPECT_TRUE(d.rejects.empty());
  ASSERT_EQ(d.messages.size(), 3U);
  EXPECT_EQ(d.messages[0].message.type, 18);
  EXPECT_EQ(d.messages[0].meta.rxtime, 1599239526500);  // c: in milliseconds
  EXPECT_EQ(d.messages[0].station, "sdr-experiments");
  const auto& a = std::get<ais::StaticDataReport>(d.messages[1].message.body);
  EXPECT_EQ(a.part, ais::StaticDataReport::Part::A);
  EXPECT_EQ(a.shipname, "DAKUWAQA");
  const auto& b = std::get<ais::StaticDataReport>(d.messages[2].message.body);
  EXPECT_EQ(b.part, ais::StaticDataReport::Part::AB);
  EXPECT_EQ(b.shipname, "DAKUWAQA");
  EXPECT_EQ(b.vendorid, "GRMD");
  EXPECT_EQ(b.model, 1U);
  EXPECT_EQ(b.serial, 5U);
  EXPECT_EQ(d.stats.type24_joined, 1U);
}

TEST(GfwSamples, SingleType5ChecksumOfAnotherFillValue) {
  const auto path = gfw("single-message-type-5.nmea");
  TIDEWATCH_REQUIRE_SHARED(path);
  // "...1hCQp8888880,2*60": the XOR of the sentence is 0x62; 0x60 is the
  // checksum of the same sentence with fill "0" (0x30 ^ 0x32 = 0x02): the
  // fill was changed after the checksum was made.  The tag block is right.
  const Decoded d = decode_file(path);
  EXPECT_TRUE(d.messages.empty());
  const Rejects want = {{1, {RejectReason::bad_checksum}}};
  EXPECT_EQ(rejects_by_line(d), want);
  // GFW does not check NMEA checksums by default; tidewatch decodes it on
  // request, marked.
  ais::DecoderOptions accept;
  accept.accept_bad_checksum = true;
  const Decoded a = decode_file(path, accept);
  ASSERT_EQ(a.messages.size(), 1U);
  EXPECT_EQ(a.messages[0].message.type, 5);
  EXPECT_EQ(a.messages[0].message.mmsi, 413352710U);
  EXPECT_FALSE(a.messages[0].meta.checksum_ok);
  EXPECT_EQ(a.messages[0].station, "terrestrial");
  EXPECT_EQ(a.stats.bad_checksum_accepted, 1U);
}

TEST(GfwSamples, SpireTwoSentencesPerLineAndAnImpossibleGroup) {
  const auto path = gfw("spire-test.nmea");
  TIDEWATCH_REQUIRE_SHARED(path);
  const Decoded d = decode_file(path);
  // Line 1: both parts of a type 5, each behind "\c:1662052384,s:FM112*00\"
  // (the *00 placeholder): one message.
  // Line 2: the same, but the second part's tag block is "\g:2-1-1*00\",
  // sentence 2 of a 1-sentence group: bad_tagblock; the first part is then
  // incomplete_message.  (GFW's decoder would join them: it sorts the parts
  // of a line by sentence number and takes the group size from the first.)
  ASSERT_EQ(d.messages.size(), 1U);
  EXPECT_EQ(d.messages[0].message.mmsi, 2424139U);
  EXPECT_EQ(d.messages[0].meta.first.line, 1U);
  EXPECT_EQ(d.messages[0].station, "FM112");
  EXPECT_EQ(d.messages[0].meta.rxtime, 1662052384000);
  EXPECT_EQ(d.stats.tagblock_checksum_placeholder, 3U);  // the fourth tag block is rejected first
  const Rejects want = {{2, {RejectReason::bad_tagblock, RejectReason::incomplete_message}}};
  EXPECT_EQ(rejects_by_line(d), want);
}

TEST(GfwSamples, Type1BadBitCountDecodesLikeItsFirst168Bits) {
  const auto path = gfw("type1-bad-bitcount.nmea");
  TIDEWATCH_REQUIRE_SHARED(path);
  const Decoded d = decode_file(path);
  // Twelve types 1 and 3 of 186 bits (31 characters, 18 more bits than ITU-R
  // M.1371-5's 168), then a blank line.  GFW's ais_1_2_3.py decodes the
  // first 28 characters; gpsd reads the fields where they are.  Each is
  // checked against the decode of the same sentence cut to 28 characters.
  EXPECT_TRUE(d.rejects.empty());
  ASSERT_EQ(d.messages.size(), 12U);
  std::ifstream in(path);
  std::size_t i = 0;
  for (std::string line; std::getline(in, line) && i < d.messages.size();) {
    if (line.empty()) continue;
    // \s:...\!AIVDM,1,1,,A,<31 chars>,0*hh  ->  the same with 28 chars
    const auto bang = line.find('!');
    const auto star = line.rfind('*');
    std::string body = line.substr(bang + 1, star - bang - 1);
    const auto comma = body.rfind(',');
    const auto start = body.rfind(',', comma - 1) + 1;
    ASSERT_EQ(comma - start, 31U);
    body.erase(start + 28, comma - start - 28);
    char hh[3];
    std::snprintf(hh, sizeof hh, "%02X", unsigned{ais::nmea_checksum(body)});
    const Decoded cut = decode_lines({"!" + body + "*" + hh});
    ASSERT_EQ(cut.messages.size(), 1U);
    EXPECT_EQ(d.messages[i].unscaled, cut.messages[0].unscaled) << "line " << i + 1;
    ++i;
  }
  EXPECT_EQ(i, 12U);
}

TEST(GfwSamples, Type8DacZeroApplicationData) {
  const auto path = gfw("type8.nmea");
  TIDEWATCH_REQUIRE_SHARED(path);
  const Decoded d = decode_file(path);
  // GFW test_ais.py test_ais8: MMSI 992151888, application id 0000 (DAC 0,
  // FI 0), and this application data.
  EXPECT_TRUE(d.rejects.empty());
  ASSERT_EQ(d.messages.size(), 1U);
  EXPECT_EQ(d.messages[0].message.mmsi, 992151888U);
  const auto& m = std::get<ais::BroadcastBinary>(d.messages[0].message.body);
  EXPECT_EQ(m.dac, 0U);
  EXPECT_EQ(m.fid, 0U);
  EXPECT_EQ(m.data.bits, 248U);
  EXPECT_EQ(hex_bytes(m.data), "0f3cf0031400440cf3c308a18018410d0411ca0c100310f24a0c1240283700");
}

}  // namespace
}  // namespace tidewatch::test
