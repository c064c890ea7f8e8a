// Framing and reassembly on short fixtures written here, and on the pyais
// sample files: checksums, talkers, VDO, several sentences on a line, other
// NMEA, tag blocks (groups, checksums, the `*00` placeholder, c: in seconds
// and milliseconds), $PGHP, USCG receiver fields, empty channels, multipart
// keys, missing parts, bounded pending memory.
//
// Payloads are real sentences: type 1 "15N1u<PP1FJuvSRHOE6QIwwh0HQ6"
// (libais typeexamples, MMSI 367033650), type 1 "15NTES0P00J>tC4@@FOhMgvD0D0M"
// (GFW ais-tools tests, MMSI 367596940), and two-part type 5s from the DMA
// feed (AisLib stream_example.txt: PASSAAT 246901005, SKAWLINK I 219001849).
// Checksums are computed here, so a fixture can change channel or talker.

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "support/data.h"
#include "support/run.h"
#include "support/scratch.h"

namespace tidewatch::test {
namespace {

namespace ais = tidewatch::ais;

// ---- fixtures ------------------------------------------------------------------

std::string hex2(unsigned v) {
  char buf[3];
  std::snprintf(buf, sizeof buf, "%02X", v & 0xFFU);
  return buf;
}

unsigned xor_of(std::string_view s) {
  unsigned x = 0;
  for (char c : s) x ^= static_cast<unsigned char>(c);
  return x;
}

/// "!" + body + "*hh" with the right checksum ("AIVDM,1,1,,A,...,0").
std::string vdm(const std::string& body) { return "!" + body + "*" + hex2(xor_of(body)); }
/// A tag block "\fields*hh\" with the right checksum.
std::string tag(const std::string& fields) {
  return "\\" + fields + "*" + hex2(xor_of(fields)) + "\\";
}

const std::string kType1 = "15N1u<PP1FJuvSRHOE6QIwwh0HQ6";       // MMSI 367033650
const std::string kType1b = "15NTES0P00J>tC4@@FOhMgvD0D0M";      // MMSI 367596940
const std::string kPassaat1 = "53cMa3@000010WSW?V105=<45B2222222222220t388151:9e2UiDm851DTh";
const std::string kPassaat2 = "j1C32CQp888";                      // fill 2; MMSI 246901005
const std::string kSkawlink1 = "53@nkv@00000uHT:3:1<d5LhTpf0V2222222220l0P83240006DjhEp88888";
const std::string kSkawlink2 = "88888888880";                     // fill 2; MMSI 219001849

std::string single(const std::string& payload, char channel = 'A', const std::string& talker = "AI") {
  return vdm(talker + "VDM,1,1,," + std::string(channel ? 1 : 0, channel) + "," + payload + ",0");
}
std::string part(int count, int number, const std::string& seq, char channel,
                 const std::string& payload, int fill) {
  return vdm("AIVDM," + std::to_string(count) + "," + std::to_string(number) + "," + seq + "," +
             std::string(channel ? 1 : 0, channel) + "," + payload + "," + std::to_string(fill));
}

// ---- a sink that keeps everything -------------------------------------------------

struct Got {
  ais::Message message;
  std::string talker;
  std::string station;
  char channel = '\0';
  bool own_ship = false;
  bool checksum_ok = true;
  std::optional<UnixMillis> rxtime;
  std::uint32_t source = 0;
  std::uint64_t first = 0;
  std::uint64_t last = 0;
  int fragments = 0;
};

struct Capture final : ais::DecodeSink {
  std::vector<Got> got;
  std::vector<RejectedLine> rejects;
  std::vector<std::string> reject_texts;
  void on_message(const ais::Message& m, const ais::MessageMeta& meta) override {
    Got g;
    g.message = m;
    g.talker = std::string(meta.talker);
    g.station = std::string(meta.station);
    g.channel = meta.channel;
    g.own_ship = meta.own_ship;
    g.checksum_ok = meta.checksum_ok;
    g.rxtime = meta.rxtime;
    g.source = meta.first.source;
    g.first = meta.first.line;
    g.last = meta.last_line;
    g.fragments = meta.fragments;
    got.push_back(std::move(g));
  }
  void on_reject(const RejectedLine& r) override {
    rejects.push_back(r);
    reject_texts.emplace_back(r.text);
  }
};

struct Result {
  Capture out;
  ais::DecodeStats stats;
  [[nodiscard]] std::uint64_t rejected(RejectReason r) const {
    return stats.rejected[static_cast<std::size_t>(r)];
  }
  [[nodiscard]] std::uint64_t skipped(SkipReason r) const {
    return stats.skipped[static_cast<std::size_t>(r)];
  }
};

Result run(const std::vector<std::string>& lines, ais::DecoderOptions options = {}) {
  Result r;
  ais::StreamDecoder d(options, r.out);
  d.begin_source(0);
  std::uint64_t n = 0;
  for (const auto& l : lines) d.feed_line(l, ++n);
  d.end_source();
  r.stats = d.stats();
  return r;
}

std::uint32_t mmsi(const Got& g) { return g.message.mmsi; }

// ---- checksums ------------------------------------------------------------------

TEST(Framing, BadChecksumRejectedByDefaultAcceptedAndMarkedOnRequest) {
  // GFW ais-tools test_aivdm.py: fill 1 instead of 0 breaks the checksum.
  const std::string bad = "!AIVDM,1,1,,A,13`el0gP000H=3JN9jb>4?wb0>`<,1*7B";
  const std::string missing = "!AIVDM,1,1,,A," + kType1 + ",0";
  const std::string good = single(kType1);
  std::string lower = good;  // hex digits in lower case are accepted
  for (auto i = lower.size() - 2; i < lower.size(); ++i)
    lower[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower[i])));

  const Result strict = run({bad, missing, good, lower});
  ASSERT_EQ(strict.out.got.size(), 2U);
  EXPECT_TRUE(strict.out.got[0].checksum_ok);
  ASSERT_EQ(strict.out.rejects.size(), 2U);
  EXPECT_EQ(strict.out.rejects[0].reason, RejectReason::bad_checksum);
  EXPECT_EQ(strict.out.rejects[0].where.line, 1U);
  EXPECT_EQ(strict.out.reject_texts[0], bad);
  EXPECT_EQ(strict.out.rejects[1].reason, RejectReason::missing_checksum);
  EXPECT_EQ(strict.out.rejects[1].where.line, 2U);

  ais::DecoderOptions accept;
  accept.accept_bad_checksum = true;
  const Result lenient = run({bad, missing, good}, accept);
  ASSERT_EQ(lenient.out.got.size(), 3U);
  EXPECT_TRUE(lenient.out.rejects.empty());
  EXPECT_FALSE(lenient.out.got[0].checksum_ok);
  EXPECT_EQ(mmsi(lenient.out.got[0]), 244020226U);  // decoded all the same
  EXPECT_FALSE(lenient.out.got[1].checksum_ok);
  EXPECT_TRUE(lenient.out.got[2].checksum_ok);
  EXPECT_EQ(lenient.stats.bad_checksum_accepted, 2U);
}

// ---- talkers, VDO, channels ----------------------------------------------------

TEST(Framing, AnyTalkerVdmAndVdoAndEmptyChannel) {
  std::vector<std::string> lines;
  for (const std::string t : {"AI", "AB", "BS", "SA", "AN", "--"}) lines.push_back(single(kType1, 'B', t));
  lines.push_back(vdm("AIVDO,1,1,,," + kType1b + ",0"));  // own ship, empty channel
  lines.push_back(vdm("ABVDO,1,1,,A," + kType1b + ",0"));
  const Result r = run(lines);
  ASSERT_EQ(r.out.got.size(), 8U);
  EXPECT_TRUE(r.out.rejects.empty());
  const char* talkers[] = {"AI", "AB", "BS", "SA", "AN", "--", "AI", "AB"};
  for (std::size_t i = 0; i < 8; ++i) EXPECT_EQ(r.out.got[i].talker, talkers[i]);
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_FALSE(r.out.got[i].own_ship);
    EXPECT_EQ(r.out.got[i].channel, 'B');
    EXPECT_EQ(mmsi(r.out.got[i]), 367033650U);
  }
  EXPECT_TRUE(r.out.got[6].own_ship);
  EXPECT_EQ(r.out.got[6].channel, '\0');
  EXPECT_TRUE(r.out.got[7].own_ship);
  EXPECT_EQ(mmsi(r.out.got[7]), 367596940U);
}

TEST(Framing, EmptyChannelMultipartReassembles) {
  // DMA's "!AIVDM,2,1,1,,...": no channel, sequence id 1.
  const Result r = run({part(2, 1, "1", '\0', kPassaat1, 0), part(2, 2, "1", '\0', kPassaat2, 2)});
  ASSERT_EQ(r.out.got.size(), 1U);
  EXPECT_EQ(mmsi(r.out.got[0]), 246901005U);
  EXPECT_EQ(r.out.got[0].channel, '\0');
  EXPECT_EQ(r.out.got[0].fragments, 2);
  EXPECT_EQ(std::get<ais::StaticAndVoyage>(r.out.got[0].message.body).shipname, "PASSAAT");
}

// ---- several sentences on one line; other NMEA ------------------------------------

TEST(Framing, SeveralSentencesOnOneLine) {
  const std::string a = single(kType1), b = single(kType1b, 'B');
  const std::string t1 = tag("s:rMT2083,c:1698785948"), t2 = tag("s:rMT2083,c:1698785947");
  const Result r = run({
      a + b,                                                                    // two singles
      part(2, 1, "8", 'A', kPassaat1, 0) + part(2, 2, "8", 'A', kPassaat2, 2),  // GFW-joined parts
      t1 + part(2, 1, "9", 'B', kSkawlink1, 0) + t2 + part(2, 2, "9", 'B', kSkawlink2, 2),
      a + ",d-109,S2105,r003669946,1325394060" + b,                             // receiver fields between
  });
  EXPECT_TRUE(r.out.rejects.empty());
  ASSERT_EQ(r.out.got.size(), 6U);
  EXPECT_EQ(mmsi(r.out.got[0]), 367033650U);
  EXPECT_EQ(mmsi(r.out.got[1]), 367596940U);
  EXPECT_EQ(r.out.got[0].first, 1U);
  EXPECT_EQ(r.out.got[1].first, 1U);
  EXPECT_EQ(mmsi(r.out.got[2]), 246901005U);
  EXPECT_EQ(r.out.got[2].first, 2U);
  EXPECT_EQ(r.out.got[2].last, 2U);
  EXPECT_EQ(mmsi(r.out.got[3]), 219001849U);
  EXPECT_EQ(r.out.got[3].station, "rMT2083");
  EXPECT_EQ(r.out.got[3].rxtime, 1698785948000);  // the first part's c:
  // The receiver fields after the first sentence belong to it only.
  EXPECT_EQ(r.out.got[4].rxtime, 1325394060000);
  EXPECT_EQ(r.out.got[4].station, "r003669946");
  EXPECT_FALSE(r.out.got[5].rxtime);
  EXPECT_EQ(r.stats.ais_sentences, 8U);
}

TEST(Framing, OtherNmeaSentencesAreSkippedAndCounted) {
  const Result r = run({
      "$GPGGA,184353.07,1929.045,S,02410.506,E,1,04,2.6,100.00,M,-33.9,M,,0000*6D",
      single(kType1),
      "$GPRMC,195719,A,5310.8115,N,00525.7025,E,0.0,0.0,010115,,*1E",
      "$IIMWV,271.0,R,000.2,N,A*3B",
      "",
      "# a comment",
      "!GPXXX,1,2*00",  // a '!' sentence that is not VDM/VDO
  });
  ASSERT_EQ(r.out.got.size(), 1U);
  EXPECT_TRUE(r.out.rejects.empty());
  EXPECT_EQ(r.skipped(SkipReason::other_nmea), 4U);
  EXPECT_EQ(r.skipped(SkipReason::blank), 1U);
  EXPECT_EQ(r.skipped(SkipReason::comment), 1U);
  EXPECT_EQ(r.stats.lines, 7U);
}

// ---- tag blocks ---------------------------------------------------------------------

TEST(Framing, TagBlockGroupsReassembleOutOfOrderAndInterleaved) {
  // Part 2 first; two groups interleaved on the same channel and sequence id:
  // only the g: id tells them apart.
  const Result r = run({
      tag("g:2-2-17") + part(2, 2, "3", 'A', kPassaat2, 2),
      tag("g:1-2-18,s:rEV02,c:1334337318") + part(2, 1, "3", 'A', kSkawlink1, 0),
      tag("g:1-2-17,s:rEV01,c:1334337317") + part(2, 1, "3", 'A', kPassaat1, 0),
      single(kType1),
      tag("g:2-2-18") + part(2, 2, "3", 'A', kSkawlink2, 2),
  });
  EXPECT_TRUE(r.out.rejects.empty());
  ASSERT_EQ(r.out.got.size(), 3U);
  EXPECT_EQ(mmsi(r.out.got[0]), 246901005U);  // complete at line 3
  EXPECT_EQ(r.out.got[0].first, 1U);
  EXPECT_EQ(r.out.got[0].last, 3U);
  EXPECT_EQ(r.out.got[0].station, "rEV01");  // from part 1's tag block
  EXPECT_EQ(r.out.got[0].rxtime, 1334337317000);
  EXPECT_EQ(mmsi(r.out.got[1]), 367033650U);
  EXPECT_EQ(mmsi(r.out.got[2]), 219001849U);
  EXPECT_EQ(r.out.got[2].first, 2U);
  EXPECT_EQ(r.out.got[2].last, 5U);
  EXPECT_EQ(r.out.got[2].station, "rEV02");
}

TEST(Framing, TagBlockChecksumAndTheAmsaPlaceholder) {
  const std::string fields = "c:1420030801";
  const std::string wrong = "\\" + fields + "*7F\\" + single(kType1);
  const std::string placeholder = "\\" + fields + "*00\\" + single(kType1);  // AMSA writes *00
  const std::string no_star = "\\" + fields + "\\" + single(kType1);
  const std::string unclosed = "\\" + fields + "*" + hex2(xor_of(fields)) + single(kType1);
  const std::string right = tag(fields) + single(kType1);

  const Result r = run({wrong, placeholder, no_star, unclosed, right});
  ASSERT_EQ(r.out.rejects.size(), 3U);
  EXPECT_EQ(r.out.rejects[0].reason, RejectReason::bad_tagblock_checksum);
  EXPECT_EQ(r.out.rejects[0].where.line, 1U);
  EXPECT_EQ(r.out.rejects[1].reason, RejectReason::bad_tagblock);  // no *hh at all
  EXPECT_EQ(r.out.rejects[1].where.line, 3U);
  EXPECT_EQ(r.out.rejects[2].reason, RejectReason::bad_tagblock);  // never closed
  EXPECT_EQ(r.out.rejects[2].where.line, 4U);
  ASSERT_EQ(r.out.got.size(), 2U);
  EXPECT_EQ(r.out.got[0].first, 2U);
  EXPECT_TRUE(r.out.got[0].checksum_ok);  // a placeholder is not a bad checksum
  EXPECT_EQ(r.out.got[0].rxtime, 1420030801000);
  EXPECT_EQ(r.stats.tagblock_checksum_placeholder, 1U);

  ais::DecoderOptions accept;
  accept.accept_bad_checksum = true;
  const Result lenient = run({wrong}, accept);
  ASSERT_EQ(lenient.out.got.size(), 1U);
  EXPECT_FALSE(lenient.out.got[0].checksum_ok);
  EXPECT_EQ(lenient.out.got[0].rxtime, 1420030801000);
}

TEST(Framing, TagBlockReceiveTimeInSecondsAndMilliseconds) {
  const Result r = run({
      tag("s:rORBCOMM104,c:1418172113") + single(kType1),
      // GFW ais-tools README: 13 digits are milliseconds.
      tag("c:1577762601537,s:sdr-experiments,T:2019-12-30 22.23.21") + single(kType1b),
      tag("c:12415440354") + single(kType1),  // year 2363: implausible, ignored
  });
  ASSERT_EQ(r.out.got.size(), 3U);
  EXPECT_EQ(r.out.got[0].rxtime, 1418172113000);
  EXPECT_EQ(r.out.got[0].station, "rORBCOMM104");
  EXPECT_EQ(r.out.got[1].rxtime, 1577762601537);
  EXPECT_EQ(r.out.got[1].station, "sdr-experiments");
  EXPECT_FALSE(r.out.got[2].rxtime);
  EXPECT_EQ(r.stats.with_rxtime, 2U);
}

TEST(Framing, MalformedTagBlockGroupIsRejected) {
  const Result r = run({
      tag("g:1-2--001,c:1326055296") + part(2, 1, "3", 'A', kPassaat1, 0),  // GFW issue 40
      tag("g:2-1-1") + part(2, 2, "3", 'A', kPassaat2, 2),                 // sentence 2 of 1
      tag("g:0-2-5") + single(kType1),                                      // sentence 0
  });
  EXPECT_TRUE(r.out.got.empty());
  ASSERT_EQ(r.out.rejects.size(), 3U);
  for (const auto& rej : r.out.rejects) EXPECT_EQ(rej.reason, RejectReason::bad_tagblock);
}

// ---- receiver wrappers --------------------------------------------------------------

TEST(Framing, GatehouseTimeAppliesToTheNextSentenceOnly) {
  const std::string pghp1 = "$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B";  // DMA
  const std::string pghp2 = vdm("PGHP,1,2010,6,11,11,46,12,386,219,24,992190924,1,12");
  const std::string pghp2_dollar = "$" + pghp2.substr(1);
  const Result r = run({
      pghp1,
      single(kType1),                               // 11:46:11.390, station 992190934
      single(kType1b),                              // no stamp of its own
      pghp2_dollar,
      "!AIVDM,1,1,,A," + kType1 + ",0*00",         // bad checksum: consumes the stamp
      single(kType1),                               // so no time here
      pghp1,
      "$GPGGA,184353.07,1929.045,S,02410.506,E,1,04,2.6,100.00,M,-33.9,M,,0000*6D",
      tag("c:1420030801") + single(kType1b),        // the tag block's time wins
      "$PGHP,1,2009,5,9,0,0,0,10,338,2,,1,09*17",   // pyais: wrong checksum
  });
  ASSERT_EQ(r.out.got.size(), 4U);
  EXPECT_EQ(r.out.got[0].rxtime, *utc_millis(2010, 6, 11, 11, 46, 11, 390));
  EXPECT_EQ(r.out.got[0].station, "992190934");
  EXPECT_FALSE(r.out.got[1].rxtime);
  EXPECT_TRUE(r.out.got[1].station.empty());
  EXPECT_EQ(r.out.got[2].first, 6U);
  EXPECT_FALSE(r.out.got[2].rxtime) << "the stamp of line 4 belonged to the rejected line 5";
  EXPECT_EQ(r.out.got[3].rxtime, 1420030801000);
  EXPECT_EQ(r.stats.gatehouse, 3U);
  ASSERT_EQ(r.out.rejects.size(), 2U);
  EXPECT_EQ(r.out.rejects[0].reason, RejectReason::bad_checksum);
  EXPECT_EQ(r.out.rejects[0].where.line, 5U);
  EXPECT_EQ(r.out.rejects[1].reason, RejectReason::bad_checksum);
  EXPECT_EQ(r.out.rejects[1].where.line, 10U);
}

TEST(Framing, GatehouseTimeOfAMultipartMessageComesFromItsFirstPart) {
  const Result r = run({
      "$PGHP,1,2010,6,11,11,46,11,929,244,0,,1,72*21",  // DMA line 15
      "!AIVDM,2,1,1,,53cMa3@000010WSW?V105=<45B2222222222220t388151:9e2UiDm851DTh,0*65",
      "!AIVDM,2,2,1,,j1C32CQp888,2*17",
  });
  ASSERT_EQ(r.out.got.size(), 1U);
  EXPECT_EQ(r.out.got[0].rxtime, *utc_millis(2010, 6, 11, 11, 46, 11, 929));
  EXPECT_TRUE(r.out.got[0].station.empty());  // this stamp names no station MMSI
}

TEST(Framing, UscgTrailingUnixTimeAndStation) {
  // libais typeexamples.nmea line 2.
  const Result r = run({
      "!AIVDM,1,1,,A,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0*30,d-080,S2118,t050056.00,T56.4837741,"
      "r003669946,1325394060,1325394001",
      "!AIVDM,1,1,,A,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0*30,s28089,d-098,T15.30366230,x3826,"
      "r08ACERDC,1218153593",
  });
  ASSERT_EQ(r.out.got.size(), 2U);
  EXPECT_EQ(r.out.got[0].rxtime, 1325394060000);  // the first 10-digit field
  EXPECT_EQ(r.out.got[0].station, "r003669946");
  EXPECT_EQ(r.out.got[1].rxtime, 1218153593000);
  EXPECT_EQ(r.out.got[1].station, "r08ACERDC");
}

// ---- multipart keys, missing parts, bounded memory ------------------------------------

TEST(Framing, MultipartKeyedByChannelAndSequenceIdWithInterleavedMessages) {
  const Result r = run({
      part(2, 1, "3", 'A', kPassaat1, 0),
      part(2, 1, "4", 'A', kSkawlink1, 0),  // same channel, another sequence id
      single(kType1, 'A'),                  // a single-sentence message in between
      part(2, 1, "3", 'B', kSkawlink1, 0),  // same sequence id, other channel
      part(2, 2, "3", 'A', kPassaat2, 2),
      part(2, 2, "3", 'B', kSkawlink2, 2),
      part(2, 2, "4", 'A', kSkawlink2, 2),
  });
  EXPECT_TRUE(r.out.rejects.empty());
  ASSERT_EQ(r.out.got.size(), 4U);
  EXPECT_EQ(mmsi(r.out.got[0]), 367033650U);
  EXPECT_EQ(mmsi(r.out.got[1]), 246901005U);
  EXPECT_EQ(r.out.got[1].first, 1U);
  EXPECT_EQ(r.out.got[1].last, 5U);
  EXPECT_EQ(mmsi(r.out.got[2]), 219001849U);
  EXPECT_EQ(r.out.got[2].channel, 'B');
  EXPECT_EQ(r.out.got[2].first, 4U);
  EXPECT_EQ(mmsi(r.out.got[3]), 219001849U);
  EXPECT_EQ(r.out.got[3].channel, 'A');
  EXPECT_EQ(r.out.got[3].first, 2U);
  EXPECT_EQ(r.out.got[3].last, 7U);
}

TEST(Framing, GpsdLosesOrCorruptsInterleavedMultipartTidewatchDoesNot) {
  // The behaviour behind the real-logs category "multipart interleaved on
  // its channel", observed on gpsdecode itself: gpsd keeps one fragment
  // buffer per channel and restarts it on any fragment 1.
  if (!std::filesystem::exists("/usr/bin/gpsdecode"))
    GTEST_SKIP() << "/usr/bin/gpsdecode not found (Debian: gpsd-clients 3.22)";
  const std::vector<std::string> lines = {
      part(2, 1, "3", 'A', kPassaat1, 0),   // PASSAAT part 1
      single(kType1, 'A'),                  // gpsd: "expected #2", restarts
      part(2, 2, "3", 'A', kPassaat2, 2),   // gpsd: fragment 2 with nothing before: dropped
      part(2, 1, "4", 'B', kSkawlink1, 0),  // SKAWLINK part 1
      part(2, 1, "5", 'B', kPassaat1, 0),   // PASSAAT again, part 1
      part(2, 2, "4", 'B', kSkawlink2, 2),  // gpsd appends this to PASSAAT's part 1
      part(2, 2, "5", 'B', kPassaat2, 2),
  };
  const Result r = run(lines);
  EXPECT_TRUE(r.out.rejects.empty());
  ASSERT_EQ(r.out.got.size(), 4U);
  EXPECT_EQ(mmsi(r.out.got[0]), 367033650U);
  EXPECT_EQ(mmsi(r.out.got[1]), 246901005U);
  EXPECT_EQ(mmsi(r.out.got[2]), 219001849U);
  EXPECT_EQ(mmsi(r.out.got[3]), 246901005U);

  const ScratchDir scratch("gpsdecode");
  const auto& dir = scratch.path();
  const auto file = dir / "interleaved.nmea";
  {
    std::ofstream f(file);
    for (const auto& l : lines) f << l << "\n";
  }
  const RunResult g = run_command("/usr/bin/gpsdecode -u -j < '" + file.string() + "'", dir);
  // gpsd prints the type 1 and one type 5 made of PASSAAT's part 1 and
  // SKAWLINK's part 2 (MMSI 246901005, PASSAAT's); the two real type 5 of
  // channel A and the second of channel B are lost.
  std::size_t type1 = 0, type5 = 0;
  for (std::size_t pos = 0; (pos = g.out.find("\"type\":", pos)) != std::string::npos; ++pos) {
    if (g.out.compare(pos, 9, "\"type\":1,") == 0) ++type1;
    if (g.out.compare(pos, 9, "\"type\":5,") == 0) ++type5;
  }
  EXPECT_EQ(type1, 1U) << g.out;
  EXPECT_EQ(type5, 1U) << g.out;
  EXPECT_NE(g.out.find("\"mmsi\":246901005"), std::string::npos) << g.out;
  EXPECT_EQ(g.out.find("\"mmsi\":219001849"), std::string::npos) << g.out;
}

TEST(Framing, MissingPartsAreIncompleteOrOrphan) {
  const Result r = run({
      part(2, 1, "1", 'A', kPassaat1, 0),   // part 2 never comes
      part(2, 2, "2", 'B', kSkawlink2, 2),  // part 1 never came
      part(3, 1, "5", 'A', kSkawlink1, 0),  // a 3-part message missing its middle
      part(3, 3, "5", 'A', kSkawlink2, 2),
      single(kType1),
  });
  ASSERT_EQ(r.out.got.size(), 1U);
  ASSERT_EQ(r.out.rejects.size(), 4U);
  std::map<std::uint64_t, RejectReason> by_line;
  for (const auto& rej : r.out.rejects) by_line[rej.where.line] = rej.reason;
  EXPECT_EQ(by_line[1], RejectReason::incomplete_message);
  EXPECT_EQ(by_line[2], RejectReason::orphan_fragment);
  EXPECT_EQ(by_line[3], RejectReason::incomplete_message);
  EXPECT_EQ(by_line[4], RejectReason::incomplete_message);
}

TEST(Framing, FragmentsDoNotJoinAcrossSources) {
  Capture out;
  ais::StreamDecoder d({}, out);
  d.begin_source(0);
  d.feed_line(part(2, 1, "1", 'A', kPassaat1, 0), 1);
  d.end_source();
  d.begin_source(1);
  d.feed_line(part(2, 2, "1", 'A', kPassaat2, 2), 1);
  d.feed_line(part(2, 1, "2", 'A', kPassaat1, 0), 2);
  d.feed_line(part(2, 2, "2", 'A', kPassaat2, 2), 3);
  d.end_source();
  ASSERT_EQ(out.got.size(), 1U);
  EXPECT_EQ(out.got[0].source, 1U);
  EXPECT_EQ(out.got[0].first, 2U);
  ASSERT_EQ(out.rejects.size(), 2U);
  EXPECT_EQ(out.rejects[0].where.source, 0U);
  EXPECT_EQ(out.rejects[0].reason, RejectReason::incomplete_message);
  EXPECT_EQ(out.rejects[1].where.source, 1U);
  EXPECT_EQ(out.rejects[1].reason, RejectReason::orphan_fragment);
}

TEST(Framing, DuplicateAndRestartedFragments) {
  const Result r = run({
      part(2, 1, "7", 'A', kPassaat1, 0),
      part(2, 1, "7", 'A', kSkawlink1, 0),  // a new part 1 on the key: the old one is given up
      part(2, 2, "7", 'A', kSkawlink2, 2),
      part(2, 2, "7", 'A', kSkawlink2, 2),  // its message is complete: this one is an orphan
      part(3, 1, "8", 'B', kSkawlink1, 0),
      part(3, 2, "8", 'B', kSkawlink2, 0),
      part(3, 2, "8", 'B', kSkawlink2, 0),  // the same part twice
      part(3, 3, "8", 'B', "0", 2),          // 360 + 66 + 4 = 430 bits: a type 5 (>= 420)
  });
  ASSERT_EQ(r.out.got.size(), 2U);
  EXPECT_EQ(mmsi(r.out.got[0]), 219001849U);
  EXPECT_EQ(r.out.got[0].first, 2U);
  EXPECT_EQ(r.out.got[0].last, 3U);
  EXPECT_EQ(r.out.got[1].first, 5U);  // the duplicate did not stop the 3-part message
  EXPECT_EQ(r.out.got[1].last, 8U);
  EXPECT_EQ(r.out.got[1].fragments, 3);
  std::map<std::uint64_t, RejectReason> by_line;
  for (const auto& rej : r.out.rejects) by_line[rej.where.line] = rej.reason;
  const std::map<std::uint64_t, RejectReason> want = {
      {1, RejectReason::incomplete_message},
      {4, RejectReason::orphan_fragment},
      {7, RejectReason::duplicate_fragment}};
  EXPECT_EQ(by_line, want);
}

TEST(Framing, PendingMemoryIsBoundedOldestGivenUp) {
  ais::DecoderOptions small;
  small.max_pending_messages = 2;
  const Result r = run(
      {
          part(2, 1, "1", 'A', kPassaat1, 0),
          part(2, 1, "2", 'A', kSkawlink1, 0),
          part(2, 1, "3", 'A', kPassaat1, 0),   // a third pending: line 1 is given up
          part(2, 2, "2", 'A', kSkawlink2, 2),
          part(2, 2, "3", 'A', kPassaat2, 2),
          part(2, 2, "1", 'A', kPassaat2, 2),   // too late: held as an orphan to the end
      },
      small);
  ASSERT_EQ(r.out.got.size(), 2U);
  EXPECT_EQ(r.out.got[0].first, 2U);
  EXPECT_EQ(r.out.got[1].first, 3U);
  ASSERT_EQ(r.out.rejects.size(), 2U);
  EXPECT_EQ(r.out.rejects[0].where.line, 1U);
  EXPECT_EQ(r.out.rejects[0].reason, RejectReason::incomplete_message);
  EXPECT_EQ(r.out.rejects[1].where.line, 6U);
  EXPECT_EQ(r.out.rejects[1].reason, RejectReason::orphan_fragment);

  // An orphan holds a slot too (its part 1 may still come, out of order): with
  // one slot, each new fragment evicts the one before.
  ais::DecoderOptions one;
  one.max_pending_messages = 1;
  const Result o = run({part(2, 2, "1", 'A', kPassaat2, 2), part(2, 1, "2", 'A', kPassaat1, 0),
                     part(2, 2, "2", 'A', kPassaat2, 2)},
                    one);
  ASSERT_EQ(o.out.got.size(), 1U);
  EXPECT_EQ(o.out.got[0].first, 2U);
  ASSERT_EQ(o.out.rejects.size(), 1U);
  EXPECT_EQ(o.out.rejects[0].reason, RejectReason::orphan_fragment);
}

TEST(Framing, OldFragmentsExpireAfterTheirAge) {
  ais::DecoderOptions opt;
  opt.max_fragment_age_lines = 3;
  const Result r = run(
      {
          part(2, 1, "1", 'A', kPassaat1, 0),
          single(kType1), single(kType1), single(kType1), single(kType1),
          part(2, 2, "1", 'A', kPassaat2, 2),  // line 6: part 1 expired at line 5
      },
      opt);
  EXPECT_EQ(r.out.got.size(), 4U);
  ASSERT_EQ(r.out.rejects.size(), 2U);
  EXPECT_EQ(r.out.rejects[0].where.line, 1U);
  EXPECT_EQ(r.out.rejects[0].reason, RejectReason::incomplete_message);
  EXPECT_EQ(r.out.rejects[1].reason, RejectReason::orphan_fragment);
}

TEST(Framing, BadFramingAndPayloads) {
  const Result r = run({
      "foobar",                                        // pyais mixed.txt
      vdm("AIVDM,0,1,,A," + kType1 + ",0"),            // fragment count 0
      vdm("AIVDM,1,2,,A," + kType1 + ",0"),            // fragment 2 of 1
      vdm("AIVDM,1,1,,A," + kType1 + ",7"),            // fill 7
      vdm("AIVDM,1,1,,A," + kType1),                   // no fill field: too few fields
      "!AIVDM,1,1,,B,,0*25",                           // pyais: empty payload
      vdm("AIVDM,1,1,,A,15N1u<PP1FJuvSRHOE6QIw~h0HQ6,0"),  // '~' is not six-bit armour
      vdm("AIVDM,1,1,,A,w5N1u<PP1FJuvSRHOE6QIwwh0HQ6,0"),  // type 63
      vdm("AIVDM,1,1,,A,15N1u<PP1FJuvSRHOE6QI,0"),      // type 1 of 126 bits
  });
  EXPECT_TRUE(r.out.got.empty());
  const RejectReason want[] = {
      RejectReason::bad_framing,           RejectReason::bad_framing,
      RejectReason::bad_framing,           RejectReason::bad_framing,
      RejectReason::bad_framing,           RejectReason::empty_payload,
      RejectReason::bad_payload_character, RejectReason::unknown_message_type,
      RejectReason::wrong_bit_count};
  ASSERT_EQ(r.out.rejects.size(), std::size(want));
  for (std::size_t i = 0; i < std::size(want); ++i) {
    EXPECT_EQ(r.out.rejects[i].reason, want[i]) << "line " << i + 1;
    EXPECT_EQ(r.out.rejects[i].where.line, i + 1);
  }
}

// ---- the pyais sample files: nothing lost --------------------------------------------

struct Accounting {
  std::size_t content_lines = 0;  // neither blank nor comment
  std::size_t in_message = 0;
  std::size_t rejected = 0;
  std::size_t other_nmea = 0;
  std::size_t gatehouse = 0;
};

/// Every line that is neither blank nor a comment must be part of a decoded
/// message, a rejected line (with its reason), another NMEA sentence
/// (counted as skipped other_nmea) or a $PGHP stamp (used as a time).  The
/// classification of lines is read here, independently of the decoder.
Accounting account(const std::string& relative, Result& r) {
  const auto path = shared_data(relative);
  Accounting a;
  std::vector<std::string> lines;
  {
    std::ifstream in(path, std::ios::binary);
    for (std::string l; std::getline(in, l);) {
      while (!l.empty() && (l.back() == '\r' || l.back() == ' ' || l.back() == '\t')) l.pop_back();
      lines.push_back(l);
    }
  }
  ais::StreamDecoder d({}, r.out);
  ingest::LineReader reader(path.string());
  d.begin_source(0);
  while (auto line = reader.next()) d.feed_line(line->text, line->number);
  d.end_source();
  r.stats = d.stats();

  std::set<std::uint64_t> message_lines, rejected_lines;
  for (const Got& g : r.out.got) {
    message_lines.insert(g.first);
    message_lines.insert(g.last);
    EXPECT_LE(g.fragments, 2) << "a longer message would need its middle lines";
  }
  for (const auto& rej : r.out.rejects) rejected_lines.insert(rej.where.line);
  std::size_t other = 0, pghp = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& l = lines[i];
    const auto first = l.find_first_not_of(" \t");
    if (first == std::string::npos || l[first] == '#') continue;
    ++a.content_lines;
    const std::uint64_t n = i + 1;
    const bool is_pghp = l.compare(first, 6, "$PGHP,") == 0;
    if (message_lines.count(n)) {
      ++a.in_message;
    } else if (rejected_lines.count(n)) {
      ++a.rejected;
    } else if (is_pghp) {
      ++pghp;
    } else if (l[first] == '$' || l[first] == '!') {
      ++other;
    } else {
      ADD_FAILURE() << relative << " line " << n << " is lost: " << l;
    }
  }
  a.other_nmea = other;
  a.gatehouse = pghp;
  // Independently classified lines and the decoder's counters agree.
  EXPECT_EQ(other, r.skipped(SkipReason::other_nmea)) << relative;
  EXPECT_EQ(pghp, r.stats.gatehouse) << relative;
  EXPECT_EQ(a.content_lines, a.in_message + a.rejected + a.other_nmea + a.gatehouse);
  return a;
}

#define TIDEWATCH_PYAIS(file) \
  const std::string rel = "ais/pyais/" file; \
  TIDEWATCH_REQUIRE_SHARED(shared_data(rel)); \
  Result r; \
  const Accounting a = account(rel, r)

TEST(PyaisFiles, AisTestMessagesCommentAndTwoPartMessage) {
  TIDEWATCH_PYAIS("tests/ais_test_messages");
  EXPECT_EQ(a.content_lines, 8U);
  EXPECT_EQ(r.out.got.size(), 7U);  // six singles and one two-part type 5
  EXPECT_EQ(a.rejected, 0U);
  EXPECT_EQ(r.skipped(SkipReason::comment), 1U);
}

TEST(PyaisFiles, MessagesWithCommentsAndBlankLines) {
  TIDEWATCH_PYAIS("tests/messages.ais");
  EXPECT_EQ(r.out.got.size(), 6U);
  EXPECT_EQ(a.rejected, 0U);
  EXPECT_EQ(r.skipped(SkipReason::comment), 2U);
  EXPECT_EQ(r.skipped(SkipReason::blank), 3U);
}

TEST(PyaisFiles, MixedAisGpsTagBlocksAndJunk) {
  TIDEWATCH_PYAIS("tests/mixed.txt");
  EXPECT_EQ(r.out.got.size(), 10U);
  EXPECT_EQ(a.other_nmea, 4U);  // $GPGGA, $GPRTE, $GPR00, $IIMWV
  // Rejected, each for a reason:
  //  14 "foobar" and 21 "IamNotAnAisMessage1111": not NMEA (bad_framing);
  //  23, 26, 27: tag blocks "...*A\" whose checksum is one hex digit, from
  //      pyais's documentation example (bad_tagblock_checksum);
  //  35 "$PGHP,1,2009,...*17": the checksum of the 2008 line (bad_checksum).
  std::map<std::uint64_t, RejectReason> by_line;
  for (const auto& rej : r.out.rejects) by_line[rej.where.line] = rej.reason;
  const std::map<std::uint64_t, RejectReason> want = {
      {14, RejectReason::bad_framing},           {21, RejectReason::bad_framing},
      {23, RejectReason::bad_tagblock_checksum}, {26, RejectReason::bad_tagblock_checksum},
      {27, RejectReason::bad_tagblock_checksum}, {35, RejectReason::bad_checksum}};
  EXPECT_EQ(by_line, want);
  // The !SAVDM two-part type 5 with tag-block groups (lines 24-25) joins.
  bool sa = false;
  for (const Got& g : r.out.got) sa = sa || (g.talker == "SA" && g.first == 24 && g.last == 25);
  EXPECT_TRUE(sa);
}

TEST(PyaisFiles, TimestampedGatehouse) {
  TIDEWATCH_PYAIS("tests/timestamped.ais");
  EXPECT_EQ(r.out.got.size(), 4U);
  ASSERT_EQ(r.out.rejects.size(), 1U);  // the 2009 $PGHP with the 2008 checksum
  EXPECT_EQ(r.out.rejects[0].reason, RejectReason::bad_checksum);
  EXPECT_EQ(a.gatehouse, 3U);
  // The first sentence follows a good $PGHP of 2008-05-09 00:00:00.010.
  EXPECT_EQ(r.out.got[0].rxtime, *utc_millis(2008, 5, 9, 0, 0, 0, 10));
}

TEST(PyaisFiles, GatehouseExample) {
  TIDEWATCH_PYAIS("examples/gatehouse.nmea");
  EXPECT_EQ(r.out.got.size(), 4U);
  EXPECT_EQ(a.rejected, 1U);
}

TEST(PyaisFiles, SampleAis) {
  TIDEWATCH_PYAIS("examples/sample.ais");
  EXPECT_EQ(r.out.got.size(), 9U);
  EXPECT_EQ(a.rejected, 6U);
}

TEST(PyaisFiles, NmeaDataSampleEmptyPayloadsAndLoneFirstParts) {
  TIDEWATCH_PYAIS("tests/nmea_data_sample.txt");
  // 100 "!AIVDM,1,1,,B,,0*25"-style sentences without payload, and 20 first
  // parts of two-part messages whose second parts are not in the file.
  EXPECT_EQ(r.rejected(RejectReason::empty_payload), 100U);
  EXPECT_EQ(r.rejected(RejectReason::incomplete_message), 20U);
  EXPECT_EQ(a.rejected, 120U);
  EXPECT_EQ(r.out.got.size(), 778U);
  EXPECT_EQ(a.in_message, 778U);
}

}  // namespace
}  // namespace tidewatch::test
