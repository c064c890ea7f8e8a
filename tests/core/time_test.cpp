// UTC instants as the data carries them, and their ISO 8601 text.

#include <gtest/gtest.h>

#include "tidewatch/core/time.h"

namespace tidewatch {
namespace {

std::string iso(UnixMillis t) {
  char buf[kIso8601Max];
  return std::string(buf, format_iso8601(t, buf));
}

TEST(Time, CalendarToUnixAndBack) {
  // The DMA sample's first $PGHP: 2010-06-11 11:46:11.390
  const auto t = utc_millis(2010, 6, 11, 11, 46, 11, 390);
  ASSERT_TRUE(t);
  EXPECT_EQ(*t, 1276256771390);
  EXPECT_EQ(iso(*t), "2010-06-11T11:46:11.390Z");
  EXPECT_EQ(iso(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(iso(951782400000), "2000-02-29T00:00:00Z");  // leap day
  EXPECT_EQ(iso(-1000), "1969-12-31T23:59:59Z");
}

TEST(Time, RejectsImpossibleCalendarFields) {
  EXPECT_FALSE(utc_millis(2010, 13, 1, 0, 0, 0));
  EXPECT_FALSE(utc_millis(2010, 6, 0, 0, 0, 0));
  EXPECT_FALSE(utc_millis(2010, 6, 1, 24, 0, 0));
  EXPECT_FALSE(utc_millis(2010, 6, 1, 0, 60, 0));
}

TEST(Time, TagBlockTimesInSecondsOrMilliseconds) {
  EXPECT_EQ(parse_unix_time("1334337317"), 1334337317000);      // exactEarth, seconds
  EXPECT_EQ(parse_unix_time("1599239526500"), 1599239526500);   // SDR receiver, ms
  EXPECT_FALSE(parse_unix_time(""));
  EXPECT_FALSE(parse_unix_time("12a4"));
}

}  // namespace
}  // namespace tidewatch
