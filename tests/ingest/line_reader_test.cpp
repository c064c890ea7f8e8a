// LineReader: plain and gzip input, line ends, block boundaries, long lines.

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tidewatch/ingest/line_reader.h"
#include "support/scratch.h"

namespace tidewatch::ingest {
namespace {

namespace fs = std::filesystem;

class LineReaderTest : public ::testing::Test {
 protected:
  fs::path write(const std::string& name, const std::string& content) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
  fs::path write_gz(const std::string& name, const std::vector<std::string>& members) {
    const fs::path p = dir_ / name;
    std::FILE* f = std::fopen(p.c_str(), "wb");
    for (const auto& m : members) {  // each member a complete gzip stream
      const fs::path tmp = dir_ / "member.gz";
      gzFile g = gzopen(tmp.c_str(), "wb");
      gzwrite(g, m.data(), static_cast<unsigned>(m.size()));
      gzclose(g);
      std::ifstream in(tmp, std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), {});
      std::fwrite(bytes.data(), 1, bytes.size(), f);
    }
    std::fclose(f);
    return p;
  }
  static std::vector<std::string> all(LineReader& r) {
    std::vector<std::string> out;
    while (auto l = r.next()) out.emplace_back(l->text);
    return out;
  }

  tidewatch::test::ScratchDir scratch_{"lr"};
  fs::path dir_ = scratch_.path();
};

TEST_F(LineReaderTest, LineEndsAndLastLineWithoutNewline) {
  LineReader r(write("a.nmea", "one\r\ntwo\n\nthree").string());
  const auto lines = all(r);
  EXPECT_EQ(lines, (std::vector<std::string>{"one", "two", "", "three"}));
}

TEST_F(LineReaderTest, LineNumbersAcrossSmallBlocks) {
  std::string content;
  for (int i = 1; i <= 1000; ++i) content += "line " + std::to_string(i) + "\n";
  LineReader r(write("b.nmea", content).string(), /*block_size=*/7, /*max_line_length=*/64);
  std::uint64_t n = 0;
  while (auto l = r.next()) {
    ++n;
    EXPECT_EQ(l->number, n);
    EXPECT_EQ(l->text, "line " + std::to_string(n));
  }
  EXPECT_EQ(n, 1000U);
}

TEST_F(LineReaderTest, OverlongLineIsCutAndFlagged) {
  const std::string longline(300, 'x');
  LineReader r(write("c.nmea", "a\n" + longline + "\nb\n").string(), 16, 100);
  auto l1 = r.next();
  auto l2 = r.next();
  auto l3 = r.next();
  ASSERT_TRUE(l1 && l2 && l3);
  EXPECT_FALSE(l1->truncated);
  EXPECT_TRUE(l2->truncated);
  EXPECT_EQ(l2->text.size(), 100U);
  EXPECT_EQ(l2->number, 2U);
  EXPECT_EQ(l3->text, "b");
  EXPECT_EQ(l3->number, 3U);
  EXPECT_FALSE(r.next());
}

TEST_F(LineReaderTest, GzipIsRecognisedFromTheBytesAndMembersConcatenate) {
  const auto p = write_gz("feed.bin", {"!AIVDM,1\nsecond\n", "third\n"});
  LineReader r(p.string(), 5, 64);
  EXPECT_TRUE(r.gzip());
  EXPECT_EQ(all(r), (std::vector<std::string>{"!AIVDM,1", "second", "third"}));
}

TEST_F(LineReaderTest, CorruptGzipIsAnInputError) {
  std::string bytes = "\x1f\x8b\x08\x00garbagegarbagegarbage";
  LineReader r(write("bad.gz", bytes).string());
  EXPECT_THROW(all(r), InputError);
}

TEST_F(LineReaderTest, MissingFileIsAnInputError) {
  EXPECT_THROW(LineReader((dir_ / "nope").string()), InputError);
}

TEST_F(LineReaderTest, EmptyFileHasNoLines) {
  LineReader r(write("empty", "").string());
  EXPECT_FALSE(r.next());
}

}  // namespace
}  // namespace tidewatch::ingest
