#include "tidewatch/detect/draught.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace tidewatch::detect {
namespace {

/// Slack for comparisons of decimal metres in binary doubles (7.7 - 7.2).
constexpr double kEps = 1e-9;

}  // namespace

std::vector<DraughtChange> detect_draught_changes(std::span<const DraughtReport> reports,
                                                  const DraughtParams& params) {
  std::vector<DraughtChange> out;
  if (std::isnan(params.min_change_m) || std::isnan(params.tolerance_m)) return out;
  const std::uint32_t needed = std::max<std::uint32_t>(1, params.confirmations);
  const double tol = std::max(0.0, params.tolerance_m) + kEps;
  auto same = [tol](double a, double b) { return std::fabs(a - b) <= tol; };

  std::optional<double> established;
  const DraughtReport* last_old = nullptr;  // last report of the established value
  struct Candidate {
    double value = 0;
    std::uint32_t count = 0;
    const DraughtReport* first = nullptr;
  } cand;

  for (const DraughtReport& r : reports) {
    const double v = r.draught_m;
    if (!std::isfinite(v) || !(v > 0)) continue;  // not available
    if (established && same(v, *established)) {
      last_old = &r;
      cand = {};
      continue;
    }
    if (cand.count > 0 && same(v, cand.value)) {
      ++cand.count;
    } else {
      cand = {v, 1, &r};
    }
    if (cand.count < needed) continue;

    if (established &&
        std::fabs(cand.value - *established) >= params.min_change_m - kEps) {
      DraughtChange c;
      c.start = cand.first->time;
      c.end = r.time;
      c.last_before = last_old->time;
      c.before_m = *established;
      c.after_m = cand.value;
      c.evidence.push_back(last_old->ref);
      c.evidence.push_back(cand.first->ref);
      if (cand.first != &r) c.evidence.push_back(r.ref);
      out.push_back(std::move(c));
    }
    // establishing the first value, a change, or a small correction
    established = cand.value;
    last_old = &r;
    cand = {};
  }
  return out;
}

}  // namespace tidewatch::detect
