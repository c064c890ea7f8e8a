#include "tidewatch/match/assignment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

namespace tidewatch::match {
namespace {

/// Total cost of a pairing under the function's rules.
double total(const std::vector<double>& c, std::size_t cols, const std::vector<int>& a, double unpaired) {
  double t = 0;
  for (std::size_t i = 0; i < a.size(); ++i) t += a[i] < 0 ? unpaired : c[i * cols + static_cast<std::size_t>(a[i])];
  return t;
}

/// The best total by trying every injective partial map (small sizes only).
double brute_force(const std::vector<double>& c, std::size_t rows, std::size_t cols, double unpaired) {
  double best = std::numeric_limits<double>::infinity();
  std::vector<int> a(rows, -1);
  std::vector<char> used(cols, 0);
  auto rec = [&](auto&& self, std::size_t i, double acc) -> void {
    if (acc >= best) return;
    if (i == rows) {
      best = acc;
      return;
    }
    self(self, i + 1, acc + unpaired);
    for (std::size_t j = 0; j < cols; ++j) {
      const double v = c[i * cols + j];
      if (used[j] || v == kForbidden) continue;
      used[j] = 1;
      self(self, i + 1, acc + v);
      used[j] = 0;
    }
  };
  rec(rec, 0, 0.0);
  return best;
}

TEST(Assignment, TheGreedyChoiceIsNotTheBestOne) {
  // Row 0 is closest to column 0, but giving column 0 to row 1 is cheaper overall.
  const std::vector<double> c = {1, 2,   //
                                 2, 100};
  EXPECT_EQ(assign_min_cost(c, 2, 2, 1000), (std::vector<int>{1, 0}));
}

TEST(Assignment, ForbiddenPairsAreNeverMadeAndRowsMayStayAlone) {
  const std::vector<double> c = {kForbidden, 50,  //
                                 kForbidden, 10,  //
                                 3, kForbidden};
  const auto a = assign_min_cost(c, 3, 2, 1000);
  EXPECT_EQ(a, (std::vector<int>{-1, 1, 0}));
  // A pair dearer than leaving its row alone is not made.
  EXPECT_EQ(assign_min_cost(std::vector<double>{30}, 1, 1, 20), (std::vector<int>{-1}));
  EXPECT_EQ(assign_min_cost(std::vector<double>{10}, 1, 1, 20), (std::vector<int>{0}));
}

TEST(Assignment, EmptySidesAndBadShapes) {
  EXPECT_TRUE(assign_min_cost({}, 0, 5, 1).empty());
  EXPECT_EQ(assign_min_cost({}, 3, 0, 1), (std::vector<int>{-1, -1, -1}));
  const std::vector<double> c = {1, 2, 3};
  EXPECT_THROW((void)assign_min_cost(c, 2, 2, 1), std::invalid_argument);
  EXPECT_THROW((void)assign_min_cost(c, 1, 3, kForbidden), std::invalid_argument);
}

TEST(Assignment, MatchesBruteForceOnRandomGatedProblems) {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 400; ++trial) {
    const std::size_t rows = 1 + rng() % 6, cols = 1 + rng() % 6;
    std::vector<double> c(rows * cols);
    for (auto& v : c) v = (rng() % 4 == 0) ? kForbidden : static_cast<double>(rng() % 50);
    const double unpaired = static_cast<double>(10 + rng() % 60);
    const auto a = assign_min_cost(c, rows, cols, unpaired);
    ASSERT_EQ(a.size(), rows);
    std::vector<char> used(cols, 0);
    for (std::size_t i = 0; i < rows; ++i) {
      if (a[i] < 0) continue;
      const auto j = static_cast<std::size_t>(a[i]);
      ASSERT_LT(j, cols);
      ASSERT_FALSE(used[j]) << "column used twice";
      used[j] = 1;
      ASSERT_NE(c[i * cols + j], kForbidden);
    }
    EXPECT_DOUBLE_EQ(total(c, cols, a, unpaired), brute_force(c, rows, cols, unpaired)) << "trial " << trial;
  }
}

TEST(Assignment, LargeUnpairedCostPairsAsManyAsTheGatesAllow) {
  // xView3 scoring: distances within 200 m, maximal matching first.
  const std::vector<double> c = {10, 190, kForbidden,  //
                                 kForbidden, 5, kForbidden};
  const auto a = assign_min_cost(c, 2, 3, 1e9);
  EXPECT_EQ(a, (std::vector<int>{0, 1}));
}

}  // namespace
}  // namespace tidewatch::match
