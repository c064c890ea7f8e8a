// The position chunk codec (include/tidewatch/store/chunk_codec.h): round
// trips, extremes, and corrupt blobs that must be refused without reading
// past their end.

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "support/files.h"
#include "tidewatch/store/chunk_codec.h"

namespace tidewatch::store {
namespace {

using test::kDay;

std::vector<Position> round_trip(UnixMillis bucket, std::vector<Position> v) {
  normalize(v);
  const std::string blob = encode_chunk(bucket, v);
  std::vector<Position> out;
  std::string err;
  EXPECT_TRUE(decode_chunk(blob, bucket, out, &err)) << err;
  EXPECT_EQ(out, v);
  return out;
}

TEST(StoreCodec, Empty) {
  const std::string blob = encode_chunk(kDay, {});
  EXPECT_EQ(blob.size(), 2U);
  std::vector<Position> out;
  EXPECT_TRUE(decode_chunk(blob, kDay, out));
  EXPECT_TRUE(out.empty());
}

TEST(StoreCodec, RandomRoundTrip) {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<Position> v(rng() % 300);
    for (auto& p : v) {
      p.time = kDay + static_cast<UnixMillis>(rng() % kBucketMs);
      if (rng() % 2) p.time -= p.time % 1000;  // whole seconds, as AIS mostly is
      p.lat_e7 = static_cast<std::int32_t>(static_cast<std::int64_t>(rng() % 1'800'000'001ULL) - 900'000'000);
      p.lon_e7 = static_cast<std::int32_t>(static_cast<std::int64_t>(rng() % 3'600'000'001ULL) - 1'800'000'000);
      p.sog = rng() % 5 == 0 ? kNotAvailable : static_cast<std::uint16_t>(rng() % 1023);
      p.cog = rng() % 5 == 0 ? kNotAvailable : static_cast<std::uint16_t>(rng() % 3600);
      p.heading = rng() % 5 == 0 ? kNotAvailable : static_cast<std::uint16_t>(rng() % 360);
      p.source = static_cast<std::uint32_t>(rng() % 4);
      p.line = rng() % 10'000'000;
    }
    round_trip(kDay, v);
  }
}

TEST(StoreCodec, Extremes) {
  std::vector<Position> v;
  Position p;
  // Poles, antimeridian both ways, the first and last millisecond of the day,
  // the largest values of every field.
  p.time = kDay;
  p.lat_e7 = 900'000'000;
  p.lon_e7 = 1'800'000'000;
  v.push_back(p);
  p.time = kDay + 1;
  p.lat_e7 = -900'000'000;
  p.lon_e7 = -1'800'000'000;
  p.sog = 0;
  p.cog = 0;
  p.heading = 0;
  v.push_back(p);
  p.time = kDay + kBucketMs - 1;
  p.lon_e7 = 1'799'999'999;
  p.sog = 0xFFFE;
  p.cog = 0xFFFE;
  p.heading = 0xFFFE;
  p.source = 0xFFFFFFFFU;
  p.line = static_cast<std::uint64_t>(INT64_MAX);
  v.push_back(p);
  p.line = 0;
  p.source = 0;
  v.push_back(p);
  round_trip(kDay, v);
  // Before 1970: buckets floor toward the past.
  EXPECT_EQ(bucket_of(-1), -kBucketMs);
  EXPECT_EQ(bucket_of(0), 0);
  Position q;
  q.time = -5;
  round_trip(bucket_of(-5), {q});
}

TEST(StoreCodec, DuplicatesAndOrder) {
  Position a, b, c;
  a.time = kDay + 5000;
  a.line = 10;
  b = a;
  b.line = 11;
  c.time = kDay + 1000;
  c.line = 12;
  std::vector<Position> v = {b, a, c, a, b};  // out of order, exact duplicates
  normalize(v);
  ASSERT_EQ(v.size(), 3U);
  EXPECT_EQ(v[0], c);
  EXPECT_EQ(v[1], a);
  EXPECT_EQ(v[2], b);
  round_trip(kDay, v);
  // Same time and line but another value is not a duplicate.
  Position d = a;
  d.sog = 100;
  std::vector<Position> w = {a, d};
  normalize(w);
  EXPECT_EQ(w.size(), 2U);
}

TEST(StoreCodec, EncodeRefusesBadInput) {
  Position p;
  p.time = kDay - 1;
  EXPECT_THROW((void)encode_chunk(kDay, std::vector<Position>{p}), std::invalid_argument);
  Position a, b;
  a.time = kDay + 2;
  b.time = kDay + 1;
  EXPECT_THROW((void)encode_chunk(kDay, std::vector<Position>{a, b}), std::invalid_argument);
}

TEST(StoreCodec, CompactForSteadyTracks) {
  // A ship every 10 s at 12 kn on a steady course: a few bytes a position.
  std::vector<Position> v;
  for (int i = 0; i < 8640; ++i) {
    Position p;
    p.time = kDay + i * 10'000LL;
    p.lat_e7 = 550'000'000 + i * 617;
    p.lon_e7 = 120'000'000 + i * 300;
    p.sog = 120;
    p.cog = 450;
    p.heading = 45;
    p.source = 1;
    p.line = 1000ULL + static_cast<std::uint64_t>(i) * 37;
    v.push_back(p);
  }
  const auto blob = encode_chunk(kDay, v);
  EXPECT_LT(static_cast<double>(blob.size()) / static_cast<double>(v.size()), 12.0);
}

TEST(StoreCodec, CorruptBlobsAreRefused) {
  std::vector<Position> v;
  for (int i = 0; i < 20; ++i) {
    Position p;
    p.time = kDay + i * 1500LL;
    p.lat_e7 = i * 1000;
    p.lon_e7 = -i * 1000;
    p.line = static_cast<std::uint64_t>(i + 1);
    v.push_back(p);
  }
  const std::string blob = encode_chunk(kDay, v);
  std::vector<Position> out;
  // Every truncation fails and leaves `out` as it was.
  for (std::size_t n = 0; n < blob.size(); ++n) {
    out.assign(1, Position{});
    EXPECT_FALSE(decode_chunk(std::string_view(blob).substr(0, n), kDay, out)) << n;
    EXPECT_EQ(out.size(), 1U);
  }
  // Trailing bytes, wrong version, a huge count, an overlong varint.
  EXPECT_FALSE(decode_chunk(blob + '\0', kDay, out));
  std::string b2 = blob;
  b2[0] = 2;
  EXPECT_FALSE(decode_chunk(b2, kDay, out));
  EXPECT_FALSE(decode_chunk(std::string("\x01\xff\xff\xff\xff\x0f", 6), kDay, out));
  EXPECT_FALSE(decode_chunk(std::string("\x01\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 13), kDay, out));
  // A latitude beyond the pole.
  EXPECT_FALSE(decode_chunk(std::string("\x01\x01\x00\x82\xa4\xa7\xda\x06\x00\x00\x00\x00\x00\x00", 14), kDay, out));
  // A time beyond the day.
  EXPECT_FALSE(decode_chunk(std::string("\x01\x01\x80\xc6\x0a\x00\x00\x00\x00\x00\x00\x00", 12), kDay, out));
  // Random bytes never crash (ASan checks the reads).
  std::mt19937_64 rng(3);
  for (int trial = 0; trial < 20000; ++trial) {
    std::string junk(rng() % 64, '\0');
    for (auto& c : junk) c = static_cast<char>(rng());
    if (!junk.empty() && rng() % 2) junk[0] = 1;
    out.clear();
    (void)decode_chunk(junk, kDay, out);
  }
  // Every single-byte change of a valid blob: refused or decoded, never a crash.
  for (std::size_t i = 0; i < blob.size(); ++i)
    for (int bit = 0; bit < 8; ++bit) {
      std::string m = blob;
      m[i] = static_cast<char>(m[i] ^ (1 << bit));
      out.clear();
      (void)decode_chunk(m, kDay, out);
    }
}

}  // namespace
}  // namespace tidewatch::store
