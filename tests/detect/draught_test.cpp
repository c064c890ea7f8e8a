// detect/draught.h: confirmed changes of the broadcast static draught.
// Fixtures are written as the sequence of draughts a vessel broadcast, one
// report an hour, line numbers 1, 2, 3, ...
#include "tidewatch/detect/draught.h"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <vector>

#include "support/fixtures.h"

namespace tidewatch::detect {
namespace {

using test::kHour;
using test::kNaN;
using test::kT0;

/// Report k (0-based) is at kT0 + k hours, from line k + 1.
std::vector<DraughtReport> reports(std::initializer_list<double> metres) {
  std::vector<DraughtReport> out;
  for (const double m : metres) {
    const auto k = static_cast<UnixMillis>(out.size());
    out.push_back({kT0 + k * kHour, m, {0, static_cast<std::uint64_t>(k + 1)}});
  }
  return out;
}

std::vector<std::uint64_t> lines(const DraughtChange& c) {
  std::vector<std::uint64_t> v;
  for (const LineRef& r : c.evidence) v.push_back(r.line);
  return v;
}

TEST(Draught, LoadingIsOneChangeWithItsEvidence) {
  const auto r = reports({7.5, 7.5, 7.5, 12.0, 12.0, 12.0});
  const auto c = detect_draught_changes(r);
  ASSERT_EQ(c.size(), 1U);
  EXPECT_DOUBLE_EQ(c[0].before_m, 7.5);
  EXPECT_DOUBLE_EQ(c[0].after_m, 12.0);
  EXPECT_EQ(c[0].last_before, kT0 + 2 * kHour);
  EXPECT_EQ(c[0].start, kT0 + 3 * kHour);
  EXPECT_EQ(c[0].end, kT0 + 4 * kHour);
  // last 7.5 (line 3), first 12.0 (line 4), the confirming 12.0 (line 5)
  EXPECT_EQ(lines(c[0]), (std::vector<std::uint64_t>{3, 4, 5}));
}

TEST(Draught, ASingleWrongReportBetweenEqualOnesIsNotAChange) {
  EXPECT_TRUE(detect_draught_changes(reports({7.5, 7.5, 12.0, 7.5, 7.5})).empty());
  // Nor are two different wrong values in a row.
  EXPECT_TRUE(detect_draught_changes(reports({7.5, 7.5, 12.0, 3.1, 7.5})).empty());
}

TEST(Draught, TheFirstValueIsEstablishedNotChanged) {
  EXPECT_TRUE(detect_draught_changes(reports({7.5, 7.5, 7.5})).empty());
  // A lone first report is not established either: 3.0 then 7.5, 7.5 is no change.
  EXPECT_TRUE(detect_draught_changes(reports({3.0, 7.5, 7.5})).empty());
}

TEST(Draught, LessThanHalfAMetreIsACorrectionNotAChange) {
  EXPECT_TRUE(detect_draught_changes(reports({7.5, 7.5, 7.8, 7.8})).empty());
  // Exactly 0.5 m counts, despite 7.7 - 7.2 not being 0.5 in binary.
  const auto c = detect_draught_changes(reports({7.2, 7.2, 7.7, 7.7}));
  ASSERT_EQ(c.size(), 1U);
  EXPECT_DOUBLE_EQ(c[0].after_m, 7.7);
}

TEST(Draught, ChangesAreMeasuredFromTheValueLastKept) {
  // Loaded to 12.0, corrected to 12.2, discharged to 7.0.
  const auto c = detect_draught_changes(reports({12.0, 12.0, 12.2, 12.2, 7.0, 7.0, 7.0}));
  ASSERT_EQ(c.size(), 1U);
  EXPECT_DOUBLE_EQ(c[0].before_m, 12.2);
  EXPECT_DOUBLE_EQ(c[0].after_m, 7.0);
  EXPECT_EQ(lines(c[0]), (std::vector<std::uint64_t>{4, 5, 6}));
}

TEST(Draught, LoadAndDischargeAreTwoChanges) {
  const auto c = detect_draught_changes(reports({6.0, 6.0, 11.5, 11.5, 6.1, 6.1}));
  ASSERT_EQ(c.size(), 2U);
  EXPECT_DOUBLE_EQ(c[0].before_m, 6.0);
  EXPECT_DOUBLE_EQ(c[0].after_m, 11.5);
  EXPECT_DOUBLE_EQ(c[1].before_m, 11.5);
  EXPECT_DOUBLE_EQ(c[1].after_m, 6.1);
}

TEST(Draught, NotAvailableReportsNeitherConfirmNorInterrupt) {
  // AIS sends 0 for "not available"; NaN and negative values are garbage.
  const auto c = detect_draught_changes(reports({7.5, 0.0, 7.5, kNaN, 12.0, 0.0, -1.0, 12.0}));
  ASSERT_EQ(c.size(), 1U);
  EXPECT_EQ(lines(c[0]), (std::vector<std::uint64_t>{3, 5, 8}));
  EXPECT_TRUE(detect_draught_changes(reports({0.0, 0.0, kNaN, kNaN})).empty());
  EXPECT_TRUE(detect_draught_changes({}).empty());
}

TEST(Draught, ConfirmationsAreAParameter) {
  const auto r = reports({7.5, 7.5, 12.0, 12.0, 7.5});
  DraughtParams three;
  three.confirmations = 3;
  EXPECT_TRUE(detect_draught_changes(r, three).empty());

  DraughtParams one;  // every differing report is a change
  one.confirmations = 1;
  const auto c = detect_draught_changes(r, one);
  ASSERT_EQ(c.size(), 2U);
  EXPECT_EQ(lines(c[0]), (std::vector<std::uint64_t>{2, 3}));  // first = confirming
  DraughtParams zero;  // counts as 1
  zero.confirmations = 0;
  EXPECT_EQ(detect_draught_changes(r, zero).size(), 2U);
}

TEST(Draught, NaNThresholdsFindNothing) {
  DraughtParams p;
  p.min_change_m = kNaN;
  EXPECT_TRUE(detect_draught_changes(reports({7.5, 7.5, 12.0, 12.0}), p).empty());
}

}  // namespace
}  // namespace tidewatch::detect
