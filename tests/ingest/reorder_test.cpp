// ReorderWindow: release order, late records (counted / rejected), the cap.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "tidewatch/ingest/reorder.h"

namespace tidewatch::ingest {
namespace {

constexpr UnixMillis kMin = 60 * 1000;

class Collect final : public ReorderSink {
 public:
  void on_observation(const Observation& o) override { out.push_back(o); }
  void on_reject(const RejectedLine& r) override { rejects.push_back(r); }
  std::vector<Observation> out;
  std::vector<RejectedLine> rejects;
};

Observation obs(UnixMillis t, std::uint64_t line, std::uint32_t mmsi = 1) {
  Observation o;
  o.mmsi = mmsi;
  o.time = t;
  o.ref = LineRef{0, line};
  return o;
}

TEST(ReorderWindow, DefaultsAreDocumentedValues) {
  ReorderOptions o;
  EXPECT_EQ(o.window_ms, 15 * kMin);
  EXPECT_EQ(o.max_records, 1'000'000U);
  EXPECT_FALSE(o.strict);
}

TEST(ReorderWindow, ReleasesOnlyWhenWindowHasPassed) {
  Collect sink;
  ReorderWindow w({10 * kMin, 1000, false}, sink);
  w.push(obs(5 * kMin, 1));
  w.push(obs(0, 2));
  w.push(obs(9 * kMin, 3));
  EXPECT_TRUE(sink.out.empty());  // max_seen - W = -1 min: nothing yet
  w.push(obs(15 * kMin, 4));      // horizon 5 min: releases 0 and 5 min
  ASSERT_EQ(sink.out.size(), 2U);
  EXPECT_EQ(sink.out[0].ref.line, 2U);
  EXPECT_EQ(sink.out[1].ref.line, 1U);
  EXPECT_EQ(w.held(), 2U);
  w.flush();
  ASSERT_EQ(sink.out.size(), 4U);
  EXPECT_EQ(sink.out[2].ref.line, 3U);
  EXPECT_EQ(sink.out[3].ref.line, 4U);
  EXPECT_EQ(w.stats().late, 0U);
  EXPECT_EQ(w.stats().released, 4U);
}

TEST(ReorderWindow, EqualTimesKeepArrivalOrder) {
  Collect sink;
  ReorderWindow w({kMin, 1000, false}, sink);
  for (std::uint64_t i = 1; i <= 5; ++i) w.push(obs(0, i));
  w.flush();
  ASSERT_EQ(sink.out.size(), 5U);
  for (std::uint64_t i = 0; i < 5; ++i) EXPECT_EQ(sink.out[i].ref.line, i + 1);
}

TEST(ReorderWindow, JitterWithinWindowComesOutSorted) {
  Collect sink;
  ReorderWindow w({}, sink);  // 15 min
  std::mt19937_64 rng(42);
  // Times jittered by +-7 min: no record arrives more than 14 min after a
  // later one, so a 15 min window puts everything in order.
  std::uniform_int_distribution<UnixMillis> jitter(-7 * kMin, 7 * kMin);
  std::vector<Observation> in;
  for (std::uint64_t i = 0; i < 20000; ++i) in.push_back(obs(static_cast<UnixMillis>(i) * 1000, i + 1));
  // Arrival order = order of the jittered times.
  std::vector<std::pair<UnixMillis, std::size_t>> keys;
  for (std::size_t i = 0; i < in.size(); ++i) keys.emplace_back(in[i].time + jitter(rng), i);
  std::sort(keys.begin(), keys.end());
  for (const auto& k : keys) w.push(in[k.second]);
  w.flush();
  ASSERT_EQ(sink.out.size(), in.size());
  EXPECT_TRUE(std::is_sorted(sink.out.begin(), sink.out.end(),
                             [](const auto& a, const auto& b) { return a.time < b.time; }));
  EXPECT_EQ(w.stats().late, 0U);
  EXPECT_TRUE(sink.rejects.empty());
}

TEST(ReorderWindow, LateRecordsAreCountedAndPassedOnByDefault) {
  Collect sink;
  ReorderWindow w({10 * kMin, 1000, false}, sink);
  w.push(obs(20 * kMin, 1));
  w.push(obs(40 * kMin, 2));  // releases 20 min
  ASSERT_EQ(sink.out.size(), 1U);
  w.push(obs(5 * kMin, 3));   // older than last released (20 min): late
  EXPECT_EQ(w.stats().late, 1U);
  EXPECT_EQ(w.stats().max_lateness_ms, 15 * kMin);
  EXPECT_EQ(w.stats().rejected, 0U);
  ASSERT_EQ(sink.out.size(), 2U);
  EXPECT_EQ(sink.out[1].ref.line, 3U);
  w.push(obs(20 * kMin, 4));  // equal to the last released time: not late
  EXPECT_EQ(w.stats().late, 1U);
  w.flush();
  EXPECT_EQ(sink.out.size(), 4U);
  EXPECT_TRUE(sink.rejects.empty());
}

TEST(ReorderWindow, StrictModeRejectsLateAsUnsortedInput) {
  Collect sink;
  ReorderWindow w({10 * kMin, 1000, true}, sink);
  w.push(obs(20 * kMin, 1));
  w.push(obs(40 * kMin, 2));
  Observation late = obs(5 * kMin, 3);
  late.ref.source = 7;
  w.push(late);
  w.flush();
  EXPECT_EQ(w.stats().late, 1U);
  EXPECT_EQ(w.stats().rejected, 1U);
  ASSERT_EQ(sink.rejects.size(), 1U);
  EXPECT_EQ(sink.rejects[0].reason, RejectReason::unsorted_input);
  EXPECT_EQ(sink.rejects[0].where.source, 7U);
  EXPECT_EQ(sink.rejects[0].where.line, 3U);
  ASSERT_EQ(sink.out.size(), 2U);
  EXPECT_EQ(sink.out[0].ref.line, 1U);
  EXPECT_EQ(sink.out[1].ref.line, 2U);
}

TEST(ReorderWindow, CapReleasesOldestEarly) {
  Collect sink;
  ReorderWindow w({60 * kMin, 3, false}, sink);
  w.push(obs(4 * kMin, 1));
  w.push(obs(2 * kMin, 2));
  w.push(obs(3 * kMin, 3));
  EXPECT_TRUE(sink.out.empty());
  w.push(obs(1 * kMin, 4));  // 4 held > cap 3: the oldest (1 min) goes early
  ASSERT_EQ(sink.out.size(), 1U);
  EXPECT_EQ(sink.out[0].ref.line, 4U);
  EXPECT_EQ(w.held(), 3U);
  w.push(obs(5 * kMin, 5));  // releases 2 min early
  EXPECT_EQ(sink.out.back().ref.line, 2U);
  EXPECT_EQ(w.stats().released_early, 2U);
  EXPECT_EQ(w.stats().peak_held, 4U);
  w.push(obs(kMin / 2, 6));  // older than the early-released 2 min: late
  EXPECT_EQ(w.stats().late, 1U);
  w.flush();
  EXPECT_EQ(sink.out.size(), 6U);
}

}  // namespace
}  // namespace tidewatch::ingest
