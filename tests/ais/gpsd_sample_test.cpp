// Field-for-field agreement with gpsd 3.22 on its own regression sample
// (test/sample.aivdm): every message gpsdecode prints, tidewatch prints with
// the same fields, in the same order, with the same values, in both the
// unscaled (`gpsdecode -u -j`) and the scaled (`gpsdecode -j`) form.
//
// Expected output is gpsd's checked-in .ju.chk / .js.chk of release 3.22,
// which Debian 12's gpsdecode reproduces byte for byte.  Two documented
// differences, each checked here rather than hidden:
//  1. Type 24: gpsdecode prints only part B joined with its part A; tidewatch
//     also prints each unjoined part ("part":"A"/"B") so nothing is lost.
//  2. Type 26: gpsd 3.22 never decodes the communication state and prints
//     "radio":0; tidewatch decodes it (checked against libais below).

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "support/data.h"

namespace tidewatch::test {
namespace {

std::vector<std::string> read_lines(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

/// gpsd's line for a type 26 message has "radio":0; put ours in its place.
std::string with_our_radio(std::string gpsd, std::uint32_t radio) {
  return std::regex_replace(gpsd, std::regex("\"radio\":0\\}$"),
                            "\"radio\":" + std::to_string(radio) + "}");
}

bool is_unjoined_type24(const Decoded::Item& item) {
  if (item.message.type != 24) return false;
  return std::get<ais::StaticDataReport>(item.message.body).part !=
         ais::StaticDataReport::Part::AB;
}

void compare_with(const std::filesystem::path& chk, bool scaled) {
  const auto sample = shared_data("ais/gpsd-release-3.22/test/sample.aivdm");
  TIDEWATCH_REQUIRE_SHARED(sample);
  TIDEWATCH_REQUIRE_SHARED(chk);
  const Decoded ours = decode_file(sample);
  const auto expected = read_lines(chk);
  ASSERT_EQ(expected.size(), 97U);

  std::size_t k = 0;
  std::size_t unjoined = 0;
  for (const std::string& line : expected) {
    while (k < ours.messages.size() && is_unjoined_type24(ours.messages[k])) {
      ++unjoined;
      ++k;
    }
    ASSERT_LT(k, ours.messages.size()) << "tidewatch printed fewer messages than gpsd";
    const auto& item = ours.messages[k++];
    std::string want = without_device(line);
    if (!want.empty() && want.back() == '\r') want.pop_back();  // gpsd ends lines with \r\n
    if (item.message.type == 26)
      want = with_our_radio(want, std::get<ais::MultipleSlotBinary>(item.message.body).radio);
    EXPECT_EQ(scaled ? item.scaled : item.unscaled, want)
        << "message " << k << " (input line " << item.meta.first.line << ")";
  }
  while (k < ours.messages.size() && is_unjoined_type24(ours.messages[k])) {
    ++unjoined;
    ++k;
  }
  EXPECT_EQ(k, ours.messages.size()) << "tidewatch printed messages gpsd did not";
  // The sample holds 7 type 24 parts; 2 part-B/part-A pairs join.
  EXPECT_EQ(unjoined, 5U);
  EXPECT_EQ(ours.stats.type24_joined, 2U);
}

TEST(GpsdSample, UnscaledJsonMatchesGpsdecode) {
  compare_with(shared_data("ais/gpsd-release-3.22/test/sample.aivdm.ju.chk"), false);
}

TEST(GpsdSample, ScaledJsonMatchesGpsdecode) {
  compare_with(shared_data("ais/gpsd-release-3.22/test/sample.aivdm.js.chk"), true);
}

TEST(GpsdSample, Type26CommunicationStateAsLibaisDecodesIt) {
  // !AIVDM,1,1,,A,JB3R0GO7p>vQL8tjw0b5hqpd0706kh9d3lR2vbl0400,2*40: libais 0.17
  // gives sync_state 0, slot_offset 4096 (selector 0), so the 20 bits are 4096.
  const Decoded d = decode_lines({"!AIVDM,1,1,,A,JB3R0GO7p>vQL8tjw0b5hqpd0706kh9d3lR2vbl0400,2*40"});
  ASSERT_EQ(d.messages.size(), 1U);
  EXPECT_EQ(std::get<ais::MultipleSlotBinary>(d.messages[0].message.body).radio, 4096U);
}

TEST(GpsdSample, EveryNonCommentLineIsAccountedFor) {
  const auto sample = shared_data("ais/gpsd-release-3.22/test/sample.aivdm");
  TIDEWATCH_REQUIRE_SHARED(sample);
  const Decoded d = decode_file(sample);
  // The one invalid sentence the sample keeps on purpose ("That fragment
  // misses part 1"): it has no leading '!' and is rejected as bad framing.
  ASSERT_EQ(d.rejects.size(), 1U);
  EXPECT_EQ(d.rejects[0].reason, RejectReason::bad_framing);
  EXPECT_EQ(d.rejects[0].where.line, 978U);
  EXPECT_EQ(d.stats.lines, 1121U);
  EXPECT_EQ(d.stats.skipped[static_cast<std::size_t>(SkipReason::comment)] +
                d.stats.skipped[static_cast<std::size_t>(SkipReason::blank)],
            1002U);
}

}  // namespace
}  // namespace tidewatch::test
