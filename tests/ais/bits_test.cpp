// The six-bit armour and bit fields, against values worked out by hand from
// ITU-R M.1371-5 Annex 8.

#include <gtest/gtest.h>

#include "tidewatch/ais/bits.h"

namespace tidewatch::ais {
namespace {

TEST(Bits, ArmourAlphabet) {
  EXPECT_EQ(dearmor('0'), 0);
  EXPECT_EQ(dearmor('W'), 39);
  EXPECT_EQ(dearmor('`'), 40);
  EXPECT_EQ(dearmor('w'), 63);
  EXPECT_EQ(dearmor('X'), 0xFF);  // 88..95 are not in the alphabet
  EXPECT_EQ(dearmor('x'), 0xFF);
  EXPECT_EQ(dearmor(','), 0xFF);
  EXPECT_EQ(sixbit_ascii(0), '@');
  EXPECT_EQ(sixbit_ascii(32), ' ');
  EXPECT_EQ(sixbit_ascii(48), '0');
}

TEST(Bits, FieldsOfAPositionReport) {
  // gpsd sample: type 1, MMSI 371798000, SOG 12.3 kn, lon -123.395383 deg
  BitBuffer b;
  bool bad = false;
  ASSERT_TRUE(b.append("15RTgt0PAso;90TKcjM8h6g208CQ", 0, bad));
  EXPECT_EQ(b.size(), 168U);
  const BitView v = b.view();
  EXPECT_EQ(v.u32(0, 6), 1U);
  EXPECT_EQ(v.u32(8, 30), 371798000U);
  EXPECT_EQ(v.u32(50, 10), 123U);
  EXPECT_EQ(v.s32(61, 28), -74037230);
  EXPECT_EQ(v.s32(42, 8), -127);
}

TEST(Bits, FillBitsShortenTheMessageAcrossAppends) {
  BitBuffer b;
  bool bad = false;
  ASSERT_TRUE(b.append("55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8", 0, bad));
  ASSERT_TRUE(b.append("88888888880", 2, bad));
  EXPECT_EQ(b.size(), 60U * 6 + 11 * 6 - 2);  // 424: a type 5
  EXPECT_EQ(b.view().u32(0, 6), 5U);
}

TEST(Bits, BadCharacterIsReported) {
  BitBuffer b;
  bool bad = false;
  EXPECT_FALSE(b.append("15RT,gt", 0, bad));
  EXPECT_TRUE(bad);
}

TEST(Bits, TooLongIsReportedWithoutOverflow) {
  BitBuffer b;
  bool bad = false;
  const std::string payload(400, '0');  // 2400 bits > 2048
  EXPECT_FALSE(b.append(payload, 0, bad));
  EXPECT_FALSE(bad);
}

}  // namespace
}  // namespace tidewatch::ais
