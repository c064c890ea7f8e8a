#include "tidewatch/ingest/csv.h"

#include <gtest/gtest.h>

#include <string>

using tidewatch::ingest::CsvSplitter;
using tidewatch::ingest::detect_delimiter;
using tidewatch::ingest::strip_bom;

TEST(Csv, PlainFields) {
  CsvSplitter csv;
  ASSERT_TRUE(csv.split("a,b,,d"));
  ASSERT_EQ(csv.size(), 4u);
  EXPECT_EQ(csv[0], "a");
  EXPECT_EQ(csv[1], "b");
  EXPECT_EQ(csv[2], "");
  EXPECT_EQ(csv[3], "d");
  ASSERT_TRUE(csv.split("x,"));
  ASSERT_EQ(csv.size(), 2u);
  EXPECT_EQ(csv[1], "");
  ASSERT_TRUE(csv.split(""));
  EXPECT_EQ(csv.size(), 1u);
  EXPECT_EQ(csv.get(7), "");
}

TEST(Csv, QuotedFieldsAndDoubledQuotes) {
  CsvSplitter csv;
  const std::string line = R"("a,b","say ""hi""",plain,"","""","x ""y"" z""")";
  ASSERT_TRUE(csv.split(line));
  ASSERT_EQ(csv.size(), 6u);
  EXPECT_EQ(csv[0], "a,b");
  EXPECT_EQ(csv[1], R"(say "hi")");
  EXPECT_EQ(csv[2], "plain");
  EXPECT_EQ(csv[3], "");
  EXPECT_EQ(csv[4], R"(")");
  EXPECT_EQ(csv[5], R"(x "y" z")");
  // A field without "" is a view into the line itself (no copy).
  EXPECT_GE(csv[0].data(), line.data());
  EXPECT_LT(csv[0].data(), line.data() + line.size());
  // A quote inside an unquoted field is kept as text.
  ASSERT_TRUE(csv.split(R"(ab"c,d)"));
  EXPECT_EQ(csv[0], R"(ab"c)");
}

TEST(Csv, RejectsUnclosedQuoteAndTextAfterQuote) {
  CsvSplitter csv;
  EXPECT_FALSE(csv.split(R"(a,"unclosed,b)"));
  EXPECT_FALSE(csv.split(R"(a,"ab"c,d)"));
  EXPECT_FALSE(csv.split(R"(")"));
  EXPECT_TRUE(csv.split(R"(a,"ok")"));
}

TEST(Csv, DelimiterDetectionAndBom) {
  EXPECT_EQ(detect_delimiter("a,b,c"), ',');
  EXPECT_EQ(detect_delimiter("a;b;c"), ';');
  EXPECT_EQ(detect_delimiter("a\tb\tc"), '\t');
  EXPECT_EQ(detect_delimiter("\"x,y\";b;c"), ';');  // commas inside quotes do not count
  EXPECT_EQ(detect_delimiter("single"), ',');
  EXPECT_EQ(strip_bom("\xEF\xBB\xBFID,x"), "ID,x");
  EXPECT_EQ(strip_bom("ID,x"), "ID,x");
  CsvSplitter csv(';');
  ASSERT_TRUE(csv.split("1;\"2;3\";4"));
  ASSERT_EQ(csv.size(), 3u);
  EXPECT_EQ(csv[1], "2;3");
  csv.set_delimiter('\t');
  ASSERT_TRUE(csv.split("1\t2,3"));
  EXPECT_EQ(csv[1], "2,3");
}

TEST(Csv, ScratchViewsStayValidWithinARow) {
  CsvSplitter csv;
  std::string line;
  for (int i = 0; i < 50; ++i) line += R"("a""b""c",)";
  line += R"("end""")";
  ASSERT_TRUE(csv.split(line));
  ASSERT_EQ(csv.size(), 51u);
  for (int i = 0; i < 50; ++i) EXPECT_EQ(csv[static_cast<std::size_t>(i)], R"(a"b"c)");
  EXPECT_EQ(csv[50], R"(end")");
  // A shorter row reuses the buffer.
  ASSERT_TRUE(csv.split(R"("q""",1)"));
  EXPECT_EQ(csv[0], R"(q")");
}
