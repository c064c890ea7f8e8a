// ExternalSorter: packing round trips, in-memory and spilled sorts equal
// std::sort for any permutation, multi-pass merges, temp dir cleanup.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "tidewatch/ingest/external_sort.h"
#include "support/scratch.h"

namespace tidewatch::ingest {
namespace {

namespace fs = std::filesystem;

class ExternalSortTest : public ::testing::Test {
 protected:
  bool parent_is_empty() const { return fs::is_empty(parent_); }

  ExternalSortOptions tiny(std::size_t budget_bytes, std::size_t fan_in = kDefaultMergeFanIn) const {
    ExternalSortOptions o;
    o.memory_budget = budget_bytes;
    o.max_merge_fan_in = fan_in;
    o.temp_parent = parent_.string();
    return o;
  }

  tidewatch::test::ScratchDir scratch_{"xs"};
  fs::path parent_ = scratch_.path();
};

Observation make_position(std::mt19937_64& rng, std::uint64_t line) {
  Observation o;
  o.kind = Observation::Kind::position;
  o.mmsi = static_cast<std::uint32_t>(200000000 + rng() % 50);
  o.time = static_cast<UnixMillis>(1'700'000'000'000LL + static_cast<std::int64_t>(rng() % 100000));
  o.ref = LineRef{static_cast<std::uint32_t>(rng() % 3), line};
  o.msg_type = static_cast<std::uint8_t>(1 + rng() % 27);
  o.transponder = static_cast<Transponder>(rng() % 4);
  o.msgid = rng();
  o.position.lat_e7 = static_cast<std::int32_t>(static_cast<std::int64_t>(rng() % 1'800'000'001ULL) - 900'000'000);
  o.position.lon_e7 = static_cast<std::int32_t>(static_cast<std::int64_t>(rng() % 3'600'000'001ULL) - 1'800'000'000);
  if (rng() % 2) o.position.sog = static_cast<std::uint16_t>(rng() % 1023);
  if (rng() % 2) o.position.cog = static_cast<std::uint16_t>(rng() % 3600);
  if (rng() % 2) o.position.heading = static_cast<std::uint16_t>(rng() % 360);
  if (rng() % 2) o.position.status = static_cast<std::uint8_t>(rng() % 16);
  return o;
}

Observation make_static(std::mt19937_64& rng, std::uint64_t line) {
  Observation o = make_position(rng, line);
  o.kind = Observation::Kind::static_info;
  o.position = PositionFix{};
  const std::string letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ @0123456789";
  auto text = [&](std::size_t max) {
    std::string s;
    const std::size_t n = rng() % (max + 1);
    for (std::size_t i = 0; i < n; ++i) s.push_back(letters[rng() % letters.size()]);
    return s;
  };
  o.info.name.assign(text(20));
  o.info.callsign.assign(text(7));
  o.info.destination.assign(text(20));
  if (rng() % 2) o.info.imo = static_cast<std::uint32_t>(rng() % 10'000'000);
  if (rng() % 2) o.info.shiptype = static_cast<std::uint8_t>(rng() % 100);
  if (rng() % 2) o.info.draught = static_cast<std::uint8_t>(rng() % 256);
  o.info.dimensions = ais::Dimensions{static_cast<std::uint16_t>(rng() % 512),
                                      static_cast<std::uint16_t>(rng() % 512),
                                      static_cast<std::uint8_t>(rng() % 64),
                                      static_cast<std::uint8_t>(rng() % 64)};
  return o;
}

void expect_same(const Observation& a, const Observation& b) {
  EXPECT_EQ(a.mmsi, b.mmsi);
  EXPECT_EQ(a.time, b.time);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.msg_type, b.msg_type);
  EXPECT_EQ(a.transponder, b.transponder);
  EXPECT_EQ(a.ref.source, b.ref.source);
  EXPECT_EQ(a.ref.line, b.ref.line);
  EXPECT_EQ(a.msgid, b.msgid);
  EXPECT_EQ(a.position.lat_e7, b.position.lat_e7);
  EXPECT_EQ(a.position.lon_e7, b.position.lon_e7);
  EXPECT_EQ(a.position.sog, b.position.sog);
  EXPECT_EQ(a.position.cog, b.position.cog);
  EXPECT_EQ(a.position.heading, b.position.heading);
  EXPECT_EQ(a.position.status, b.position.status);
  EXPECT_EQ(a.info.name.view(), b.info.name.view());
  EXPECT_EQ(a.info.callsign.view(), b.info.callsign.view());
  EXPECT_EQ(a.info.destination.view(), b.info.destination.view());
  EXPECT_EQ(a.info.imo, b.info.imo);
  EXPECT_EQ(a.info.shiptype, b.info.shiptype);
  EXPECT_EQ(a.info.draught, b.info.draught);
  EXPECT_EQ(a.info.dimensions.to_bow, b.info.dimensions.to_bow);
  EXPECT_EQ(a.info.dimensions.to_stern, b.info.dimensions.to_stern);
  EXPECT_EQ(a.info.dimensions.to_port, b.info.dimensions.to_port);
  EXPECT_EQ(a.info.dimensions.to_starboard, b.info.dimensions.to_starboard);
}

/// Records with distinct (source, line): the key order is unambiguous.
std::vector<Observation> make_input(std::size_t n, std::uint64_t seed, double static_share) {
  std::mt19937_64 rng(seed);
  std::vector<Observation> v;
  v.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const bool st = static_cast<double>(rng() % 1000) < static_share * 1000.0;
    v.push_back(st ? make_static(rng, i + 1) : make_position(rng, i + 1));
  }
  return v;
}

std::vector<Observation> expected_order(std::vector<Observation> v) {
  std::sort(v.begin(), v.end(), [](const Observation& a, const Observation& b) {
    return std::tie(a.mmsi, a.time, a.ref.source, a.ref.line) <
           std::tie(b.mmsi, b.time, b.ref.source, b.ref.line);
  });
  return v;
}

std::vector<Observation> drain(ExternalSorter& s) {
  std::vector<Observation> out;
  for (Observation o; s.next(o);) out.push_back(o);
  return out;
}

void expect_all_same(const std::vector<Observation>& got, const std::vector<Observation>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    SCOPED_TRACE(i);
    expect_same(got[i], want[i]);
    if (::testing::Test::HasFailure()) return;
  }
}

TEST(ExternalSortPack, RecordSizes) {
  EXPECT_EQ(sizeof(PositionRec), 56U);
  EXPECT_EQ(sizeof(StaticRec), 96U);
  EXPECT_EQ(ExternalSortOptions{}.memory_budget, std::size_t{768} << 20);
  EXPECT_EQ(ExternalSortOptions{}.max_merge_fan_in, 256U);
}

TEST(ExternalSortPack, PositionsRoundTripAllFields) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 2000; ++i) {
    const Observation o = make_position(rng, static_cast<std::uint64_t>(i) + (1ULL << 40));
    Observation back;
    unpack(pack_position(o), back);
    expect_same(back, o);
  }
  Observation none;  // every optional empty
  none.position.lat_e7 = -900000000;
  Observation back;
  unpack(pack_position(none), back);
  expect_same(back, none);
}

TEST(ExternalSortPack, StaticsRoundTripAllFields) {
  std::mt19937_64 rng(8);
  for (int i = 0; i < 2000; ++i) {
    const Observation o = make_static(rng, static_cast<std::uint64_t>(i));
    Observation back;
    unpack(pack_static(o), back);
    expect_same(back, o);
  }
  Observation full;
  full.kind = Observation::Kind::static_info;
  full.info.name.assign("ABCDEFGHIJKLMNOPQRST");
  full.info.callsign.assign("ABCDEFG");
  full.info.destination.assign("ROTTERDAM@@@@@@@@@@@");
  full.info.imo = 9999999;
  full.ref = LineRef{0xFFFFFFFFU, ~0ULL};
  Observation back;
  unpack(pack_static(full), back);
  expect_same(back, full);
}

TEST_F(ExternalSortTest, InMemoryTouchesNoDisk) {
  const auto in = make_input(5000, 1, 0.05);
  ExternalSorter s(tiny(std::size_t{64} << 20));
  for (const auto& o : in) s.push(o);
  const auto out = drain(s);
  expect_all_same(out, expected_order(in));
  EXPECT_EQ(s.stats().runs, 0U);
  EXPECT_EQ(s.stats().bytes_spilled, 0U);
  EXPECT_TRUE(s.temp_dir().empty());
  EXPECT_TRUE(parent_is_empty());
}

TEST_F(ExternalSortTest, TinyBudgetManyRuns) {
  const auto in = make_input(20000, 2, 0.05);
  // Run buffer = 2/3 of 12,000 B = 8,000 B: about 140 positions per run.
  ExternalSorter s(tiny(12000));
  for (const auto& o : in) s.push(o);
  EXPECT_GE(s.stats().runs, 100U);
  EXPECT_FALSE(s.temp_dir().empty());
  EXPECT_TRUE(fs::is_directory(s.temp_dir()));
  const auto out = drain(s);
  expect_all_same(out, expected_order(in));
  EXPECT_EQ(s.stats().records, in.size());
  EXPECT_GT(s.stats().bytes_spilled, 0U);
}

TEST_F(ExternalSortTest, MoreThan256RunsMergeInPasses) {
  const auto in = make_input(30000, 3, 0.03);
  ExternalSorter s(tiny(6000));  // 4,000 B runs: about 70 records, > 400 runs
  for (const auto& o : in) s.push(o);
  EXPECT_GT(s.stats().runs, 256U);
  const auto out = drain(s);
  EXPECT_GE(s.stats().merge_passes, 1U);
  expect_all_same(out, expected_order(in));
}

TEST_F(ExternalSortTest, SmallFanInManyPassesAnyPermutation) {
  const auto in = make_input(6000, 4, 0.1);
  const auto want = expected_order(in);
  std::mt19937_64 rng(99);
  for (int perm = 0; perm < 4; ++perm) {
    SCOPED_TRACE(perm);
    auto shuffled = in;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    ExternalSorter s(tiny(3000, 3));  // ~35 records a run, fan-in 3
    for (const auto& o : shuffled) s.push(o);
    const auto out = drain(s);
    EXPECT_GE(s.stats().merge_passes, 3U);
    expect_all_same(out, want);
  }
  EXPECT_TRUE(parent_is_empty());
}

TEST_F(ExternalSortTest, DuplicateKeysGiveIdenticalOutputForEveryPermutation) {
  // Same (mmsi, time, source, line) with different contents: the order falls
  // back to the record bytes, so every permutation gives the same sequence.
  std::mt19937_64 rng(5);
  std::vector<Observation> in;
  for (int i = 0; i < 3000; ++i) {
    Observation o = (i % 7 == 0) ? make_static(rng, 1) : make_position(rng, 1);
    o.mmsi = 1 + static_cast<std::uint32_t>(i % 3);
    o.time = i % 5;
    o.ref = LineRef{0, static_cast<std::uint64_t>(i % 2)};
    in.push_back(o);
  }
  std::vector<Observation> first;
  for (int perm = 0; perm < 3; ++perm) {
    std::shuffle(in.begin(), in.end(), rng);
    ExternalSorter s(tiny(perm == 0 ? (std::size_t{64} << 20) : 5000, 4));
    for (const auto& o : in) s.push(o);
    auto out = drain(s);
    ASSERT_EQ(out.size(), in.size());
    if (perm == 0) {
      first = out;
    } else {
      expect_all_same(out, first);
    }
  }
}

TEST_F(ExternalSortTest, EmptyInput) {
  ExternalSorter s(tiny(1000));
  Observation o;
  EXPECT_FALSE(s.next(o));
  EXPECT_FALSE(s.next(o));
}

TEST_F(ExternalSortTest, TempDirRemovedAfterDestruction) {
  std::string dir;
  {
    const auto in = make_input(3000, 6, 0.05);
    ExternalSorter s(tiny(4000));
    for (const auto& o : in) s.push(o);
    dir = s.temp_dir();
    ASSERT_FALSE(dir.empty());
    EXPECT_EQ(fs::path(dir).parent_path(), parent_);
    EXPECT_EQ(fs::path(dir).filename().string().rfind("tidewatch-", 0), 0U);
    Observation o;
    ASSERT_TRUE(s.next(o));  // destroyed part-way through the merge
  }
  EXPECT_FALSE(fs::exists(dir));
  EXPECT_TRUE(parent_is_empty());
}

TEST_F(ExternalSortTest, TempDirRemovedWhenAnExceptionUnwinds) {
  std::string dir;
  EXPECT_THROW(
      {
        const auto in = make_input(3000, 7, 0.05);
        ExternalSorter s(tiny(4000));
        for (std::size_t i = 0; i < in.size(); ++i) {
          s.push(in[i]);
          if (i == 2000) {
            dir = s.temp_dir();
            throw std::runtime_error("caller fails mid-way");
          }
        }
      },
      std::runtime_error);
  ASSERT_FALSE(dir.empty());
  EXPECT_FALSE(fs::exists(dir));
  EXPECT_TRUE(parent_is_empty());
}

TEST_F(ExternalSortTest, IoErrorThrowsInputErrorAndCleansUp) {
  {
    const auto in = make_input(3000, 8, 0.0);
    ExternalSorter s(tiny(4000));
    std::size_t i = 0;
    for (; s.temp_dir().empty(); ++i) s.push(in[i]);
    fs::remove_all(s.temp_dir());  // the spill directory vanishes under the sorter
    EXPECT_THROW(
        {
          for (; i < in.size(); ++i) s.push(in[i]);
        },
        InputError);
  }
  EXPECT_TRUE(parent_is_empty());
}

TEST_F(ExternalSortTest, MissingTempParentThrowsInputError) {
  auto opt = tiny(4000);
  opt.temp_parent = (parent_ / "does-not-exist").string();
  ExternalSorter s(opt);
  const auto in = make_input(1000, 9, 0.0);
  EXPECT_THROW(
      {
        for (const auto& o : in) s.push(o);
      },
      InputError);
}

TEST_F(ExternalSortTest, PushAfterNextIsALogicError) {
  ExternalSorter s(tiny(1 << 20));
  s.push(Observation{});
  Observation o;
  ASSERT_TRUE(s.next(o));
  EXPECT_THROW(s.push(o), std::logic_error);
}

}  // namespace
}  // namespace tidewatch::ingest
