// `tidewatch decode` as a user runs it: formats, rejects file, statistics,
// gzip and standard input, exit status.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/run.h"
#include "support/scratch.h"

namespace tidewatch::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Three good sentences (a 2-part type 5, a type 1), one with a bad checksum,
// a GPS sentence, a comment.
const char* kFeed =
    "# a comment\n"
    "\\s:rEV02,c:1334337317*58\\!AIVDM,1,1,,B,19NWuLhuRb5QHfCpPcwj`26B0<02,0*5F\n"
    "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C\n"
    "!AIVDM,2,2,1,A,88888888880,2*25\n"
    "!AIVDM,1,1,,A,15MrVH0000KH<:V:NtBLoqFP2H9:,0*2E\n"
    "$GPGGA,184353.07,1929.045,S,02410.506,E,1,04,2.6,100.00,M,-33.9,M,,0000*6D\n";

class DecodeCli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_ / "feed.nmea") << kFeed;
  }
  RunResult tw(const std::string& args) { return run_command(tidewatch_binary() + " " + args, dir_); }
  static std::vector<json> jsonl(const std::string& text) {
    std::vector<json> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) out.push_back(json::parse(l));
    return out;
  }
  test::ScratchDir scratch_{"decode"};
  fs::path dir_ = scratch_.path();
};

TEST_F(DecodeCli, JsonHasGpsdFieldsAndProvenance) {
  const auto r = tw("decode feed.nmea");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto msgs = jsonl(r.out);
  ASSERT_EQ(msgs.size(), 2U);
  EXPECT_EQ(msgs[0]["class"], "AIS");
  EXPECT_EQ(msgs[0]["type"], 1);
  EXPECT_EQ(msgs[0]["scaled"], true);
  EXPECT_EQ(msgs[0]["rxtime"], "2012-04-13T17:15:17Z");
  EXPECT_EQ(msgs[0]["station"], "rEV02");
  EXPECT_EQ(msgs[0]["source"], "feed.nmea");
  EXPECT_EQ(msgs[0]["line"], 2);
  EXPECT_EQ(msgs[1]["type"], 5);
  EXPECT_EQ(msgs[1]["line"], 3);
  EXPECT_EQ(msgs[1]["line_last"], 4);
  EXPECT_EQ(msgs[1]["shipname"], "EVER DIADEM");
  EXPECT_FALSE(msgs[1].contains("rxtime"));  // no time in the input: none invented
}

TEST_F(DecodeCli, RejectsAreCountedOnStandardErrorAndWrittenWithLineNumbers) {
  const auto r = tw("decode feed.nmea --rejects rejects.jsonl");
  ASSERT_EQ(r.status, 0);  // rejected lines do not make the run fail
  EXPECT_NE(r.err.find("rejected 1: bad_checksum 1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("other_nmea 1"), std::string::npos) << r.err;
  std::ifstream in(dir_ / "rejects.jsonl");
  std::stringstream ss;
  ss << in.rdbuf();
  const auto rejects = jsonl(ss.str());
  ASSERT_EQ(rejects.size(), 1U);
  EXPECT_EQ(rejects[0]["line"], 5);
  EXPECT_EQ(rejects[0]["reason"], "bad_checksum");
  EXPECT_EQ(rejects[0]["source"], "feed.nmea");
  EXPECT_EQ(rejects[0]["text"], "!AIVDM,1,1,,A,15MrVH0000KH<:V:NtBLoqFP2H9:,0*2E");
}

TEST_F(DecodeCli, AcceptBadChecksumMarksTheMessage) {
  const auto r = tw("decode --accept-bad-checksum feed.nmea");
  const auto msgs = jsonl(r.out);
  ASSERT_EQ(msgs.size(), 3U);
  EXPECT_EQ(msgs[2]["checksum_ok"], false);
  EXPECT_FALSE(msgs[0].contains("checksum_ok"));
}

TEST_F(DecodeCli, UnscaledJsonKeepsWireIntegers) {
  const auto r = tw("decode -f json-unscaled feed.nmea");
  const auto msgs = jsonl(r.out);
  ASSERT_GE(msgs.size(), 1U);
  EXPECT_EQ(msgs[0]["scaled"], false);
  EXPECT_TRUE(msgs[0]["lon"].is_number_integer());
}

TEST_F(DecodeCli, CsvIsOneFlatTable) {
  const auto r = tw("decode -f csv feed.nmea");
  ASSERT_EQ(r.status, 0);
  std::istringstream in(r.out);
  std::string header, row1, row2, extra;
  std::getline(in, header);
  std::getline(in, row1);
  std::getline(in, row2);
  EXPECT_FALSE(std::getline(in, extra));
  EXPECT_EQ(header.rfind("source,line,rxtime,station,type,repeat,mmsi,lat,lon,speed", 0), 0U);
  EXPECT_EQ(row1.rfind("feed.nmea,2,2012-04-13T17:15:17Z,rEV02,1,0,", 0), 0U) << row1;
  EXPECT_NE(row2.find(",EVER DIADEM,"), std::string::npos) << row2;
}

TEST_F(DecodeCli, StatsCountsWithoutPrintingMessages) {
  const auto r = tw("decode --stats -q feed.nmea");
  ASSERT_EQ(r.status, 0);
  const auto stats = json::parse(r.out);
  EXPECT_EQ(stats["lines"], 6);
  EXPECT_EQ(stats["messages"], 2);
  EXPECT_EQ(stats["by_type"]["1"], 1);
  EXPECT_EQ(stats["by_type"]["5"], 1);
  EXPECT_EQ(stats["rejected"]["bad_checksum"], 1);
  EXPECT_EQ(stats["skipped"]["comment"], 1);
  EXPECT_TRUE(r.err.empty());  // -q
}

TEST_F(DecodeCli, StandardInputAndGzipGiveTheSameMessages) {
  {
    gzFile g = gzopen((dir_ / "feed.gz").c_str(), "wb");
    gzputs(g, kFeed);
    gzclose(g);
  }
  const auto plain = tw("decode -q feed.nmea");
  const auto gz = tw("decode -q feed.gz");
  const auto in = tw("decode -q - < feed.nmea");
  EXPECT_EQ(jsonl(gz.out).size(), 2U);
  // same messages; only "source" differs
  auto strip = [](std::vector<json> v) {
    for (auto& m : v) m.erase("source");
    return v;
  };
  EXPECT_EQ(strip(jsonl(plain.out)), strip(jsonl(gz.out)));
  EXPECT_EQ(strip(jsonl(plain.out)), strip(jsonl(in.out)));
  EXPECT_EQ(jsonl(in.out)[0]["source"], "stdin");
}

TEST_F(DecodeCli, MissingInputIsAnErrorButOtherInputsAreStillDecoded) {
  const auto r = tw("decode -q nope.nmea feed.nmea");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("cannot open nope.nmea"), std::string::npos) << r.err;
  EXPECT_EQ(jsonl(r.out).size(), 2U);
}

TEST_F(DecodeCli, SameInputGivesByteIdenticalOutput) {
  const auto a = tw("decode feed.nmea feed.nmea");
  const auto b = tw("decode feed.nmea feed.nmea");
  EXPECT_EQ(a.out, b.out);
  EXPECT_EQ(jsonl(a.out).size(), 4U);
}

}  // namespace
}  // namespace tidewatch::test
