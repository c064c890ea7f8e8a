#pragma once
// Rand index over message pairs from a contingency table (docs/tracks.md §1.4).
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace tidewatch::test {

inline std::uint64_t choose2(std::uint64_t n) { return n < 2 ? 0 : n * (n - 1) / 2; }

struct PairPairHash {
  std::size_t operator()(const std::pair<std::uint64_t, std::uint64_t>& p) const noexcept {
    return std::hash<std::uint64_t>{}(p.first * 0x9E3779B97F4A7C15ULL ^ p.second);
  }
};

struct RandResult {
  std::uint64_t n = 0, pairs = 0, agree = 0;
  [[nodiscard]] double index() const { return pairs == 0 ? 1.0 : static_cast<double>(agree) / static_cast<double>(pairs); }
};

/// O(n): agree = C(n,2) - sum C(a_i,2) - sum C(b_j,2) + 2 sum C(n_ij,2).
inline RandResult rand_index(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  std::unordered_map<std::pair<std::uint64_t, std::uint64_t>, std::uint64_t, PairPairHash> nij;
  std::unordered_map<std::uint64_t, std::uint64_t> ai, bj;
  for (std::size_t k = 0; k < a.size(); ++k) {
    ++nij[{a[k], b[k]}];
    ++ai[a[k]];
    ++bj[b[k]];
  }
  std::uint64_t s = 0, sa = 0, sb = 0;
  for (const auto& [key, v] : nij) s += choose2(v);
  for (const auto& [key, v] : ai) sa += choose2(v);
  for (const auto& [key, v] : bj) sb += choose2(v);
  RandResult r;
  r.n = a.size();
  r.pairs = choose2(r.n);
  r.agree = r.pairs - sa - sb + 2 * s;
  return r;
}

/// Labels as dense integers from strings (oracle ids).
inline std::vector<std::uint64_t> intern(const std::vector<std::string>& ids) {
  std::unordered_map<std::string, std::uint64_t> m;
  std::vector<std::uint64_t> out;
  out.reserve(ids.size());
  for (const auto& s : ids) out.push_back(m.emplace(s, m.size()).first->second);
  return out;
}

}  // namespace tidewatch::test
