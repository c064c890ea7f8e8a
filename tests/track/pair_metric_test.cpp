// The Rand index from a contingency table (O(n)) against the O(n^2) pair loop.
#include <gtest/gtest.h>

#include <random>

#include "track/pair_metric.h"

namespace tidewatch::test {
namespace {

std::uint64_t pair_loop(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  std::uint64_t agree = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = i + 1; j < a.size(); ++j)
      agree += (a[i] == a[j]) == (b[i] == b[j]) ? 1 : 0;
  return agree;
}

TEST(PairMetric, ContingencyEqualsPairLoopOnRandomLabels) {
  std::mt19937_64 rng(12345);
  for (int round = 0; round < 50; ++round) {
    const std::size_t n = 1 + rng() % 400;
    const std::uint64_t ka = 1 + rng() % 30, kb = 1 + rng() % 30;
    std::vector<std::uint64_t> a(n), b(n);
    for (std::size_t i = 0; i < n; ++i) {
      a[i] = rng() % ka;
      b[i] = (rng() % 4 == 0) ? a[i] : rng() % kb;  // correlated
    }
    const RandResult r = rand_index(a, b);
    EXPECT_EQ(r.pairs, n * (n - 1) / 2);
    EXPECT_EQ(r.agree, pair_loop(a, b)) << "round " << round;
  }
}

TEST(PairMetric, HandExamples) {
  EXPECT_EQ(rand_index({1, 1, 2}, {5, 5, 6}).index(), 1.0);
  // {0,0,0} vs {0,1,2}: 3 pairs, all disagree
  EXPECT_EQ(rand_index({0, 0, 0}, {0, 1, 2}).agree, 0U);
  // {0,0,1,1} vs {0,0,0,1}: pairs 01 same/same, 23 same/diff, 02 03 12 13 diff/?:
  // 02 diff/same, 03 diff/diff, 12 diff/same, 13 diff/diff -> agree 3 of 6
  EXPECT_EQ(rand_index({0, 0, 1, 1}, {0, 0, 0, 1}).agree, 3U);
  EXPECT_EQ(rand_index({7}, {8}).index(), 1.0);
}

TEST(PairMetric, InternedStrings) {
  const auto v = intern({"a", "b", "a", "c"});
  EXPECT_EQ(v, (std::vector<std::uint64_t>{0, 1, 0, 2}));
}

}  // namespace
}  // namespace tidewatch::test
