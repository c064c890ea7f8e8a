#pragma once
// Minimum-cost assignment between two sets (the "Hungarian" problem), used to
// pair SAR detections with AIS vessels (match/) and detections with truth
// ships when a detector is scored the xView3 way (imagery/).
//
// The algorithm is the shortest-augmenting-path method of Jonker & Volgenant
// (1987) in the form of Crouse, "On implementing 2D rectangular assignment
// algorithms", IEEE TAES 52(4), 2016 -- the one behind
// scipy.optimize.linear_sum_assignment, which xView3's scorer calls.
// O(rows^2 * cols) time, O(rows * cols) memory.

#include <cstddef>
#include <limits>
#include <span>
#include <vector>

namespace tidewatch::match {

/// A pair that must never be assigned (outside a gate).
inline constexpr double kForbidden = std::numeric_limits<double>::infinity();

/// The pairing of rows with columns that minimises the total cost, where
/// leaving a row unpaired costs `unpaired_cost` and leaving a column unpaired
/// costs nothing.  `cost` is rows x cols, row-major; entries equal to
/// kForbidden (or any non-finite value) are never paired.  So a pair is only
/// made when it is cheaper than leaving its row alone, and with a large
/// `unpaired_cost` (more than rows times the largest finite cost) the result
/// pairs as many rows as the gates allow, then at least total cost.
/// Returns, for each row, its column or -1.  Deterministic (the same input gives
/// the same pairing).  Throws std::invalid_argument if cost.size() != rows * cols.
std::vector<int> assign_min_cost(std::span<const double> cost, std::size_t rows, std::size_t cols,
                                 double unpaired_cost);

}  // namespace tidewatch::match
