#include "tidewatch/match/assignment.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace tidewatch::match {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/// A rows x (cols + rows) problem where row i may also take its own "unpaired"
/// column cols + i at `unpaired_cost`: every row can always be assigned, and
/// rows <= columns as the augmenting-path method needs.
struct Problem {
  std::span<const double> cost;
  std::size_t rows, cols;
  double unpaired;
  [[nodiscard]] std::size_t width() const { return cols + rows; }
  [[nodiscard]] double at(std::size_t i, std::size_t j) const {
    if (j < cols) {
      const double c = cost[i * cols + j];
      return std::isfinite(c) ? c : kInf;
    }
    return j - cols == i ? unpaired : kInf;
  }
};

}  // namespace

std::vector<int> assign_min_cost(std::span<const double> cost, std::size_t rows, std::size_t cols,
                                 double unpaired_cost) {
  if (cost.size() != rows * cols) throw std::invalid_argument("assign_min_cost: cost is not rows x cols");
  if (!std::isfinite(unpaired_cost)) throw std::invalid_argument("assign_min_cost: unpaired cost must be finite");
  const Problem p{cost, rows, cols, unpaired_cost};
  const std::size_t nc = p.width();
  std::vector<double> u(rows, 0.0), v(nc, 0.0), shortest(nc);
  std::vector<long> path(nc, -1), col4row(rows, -1), row4col(nc, -1);
  std::vector<char> seen_row(rows), seen_col(nc);
  std::vector<std::size_t> remaining(nc);

  for (std::size_t cur = 0; cur < rows; ++cur) {
    // Dijkstra over reduced costs from row `cur` to the nearest free column.
    double min_val = 0;
    std::size_t i = cur;
    std::size_t n_remaining = nc;
    for (std::size_t it = 0; it < nc; ++it) remaining[it] = nc - it - 1;
    std::fill(seen_row.begin(), seen_row.end(), 0);
    std::fill(seen_col.begin(), seen_col.end(), 0);
    std::fill(shortest.begin(), shortest.end(), kInf);
    long sink = -1;
    while (sink == -1) {
      seen_row[i] = 1;
      std::size_t index = nc;
      double lowest = kInf;
      for (std::size_t it = 0; it < n_remaining; ++it) {
        const std::size_t j = remaining[it];
        const double r = min_val + p.at(i, j) - u[i] - v[j];
        if (r < shortest[j]) {
          path[j] = static_cast<long>(i);
          shortest[j] = r;
        }
        if (shortest[j] < lowest || (shortest[j] == lowest && row4col[j] == -1)) {
          lowest = shortest[j];
          index = it;
        }
      }
      min_val = lowest;
      if (index == nc || !std::isfinite(min_val)) throw std::logic_error("assign_min_cost: no augmenting path");
      const std::size_t j = remaining[index];
      if (row4col[j] == -1)
        sink = static_cast<long>(j);
      else
        i = static_cast<std::size_t>(row4col[j]);
      seen_col[j] = 1;
      remaining[index] = remaining[--n_remaining];
    }
    // Update the dual variables, then augment along the path.
    u[cur] += min_val;
    for (std::size_t r = 0; r < rows; ++r)
      if (seen_row[r] && r != cur) u[r] += min_val - shortest[static_cast<std::size_t>(col4row[r])];
    for (std::size_t c = 0; c < nc; ++c)
      if (seen_col[c]) v[c] -= min_val - shortest[c];
    long j = sink;
    for (;;) {
      const long r = path[static_cast<std::size_t>(j)];
      row4col[static_cast<std::size_t>(j)] = r;
      std::swap(col4row[static_cast<std::size_t>(r)], j);
      if (static_cast<std::size_t>(r) == cur) break;
    }
  }
  std::vector<int> out(rows, -1);
  for (std::size_t r = 0; r < rows; ++r)
    if (col4row[r] >= 0 && static_cast<std::size_t>(col4row[r]) < cols) out[r] = static_cast<int>(col4row[r]);
  return out;
}

}  // namespace tidewatch::match
