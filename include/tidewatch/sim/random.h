#pragma once
// Random numbers for the simulator, identical on every platform and library.
//
// The standard library fixes its engines' sequences (std::mt19937_64's
// 10000th output is 9981545732273789042) but not its distributions, whose
// algorithms differ between libstdc++, libc++ and MSVC.  So the simulator
// uses engines only through the distributions below, written out here:
//
//   - std::mt19937_64 builds the world (vessels, routes, scenario choices);
//   - SplitMix64 (Steele, Lea and Flood 2014; 8 bytes of state) gives every
//     vessel its own stream for noise, report jitter and message loss, so a
//     vessel's reports do not depend on the other vessels, and 100 000
//     vessels cost 0.8 MB of state instead of 250 MB of Mersenne Twisters.
//
// Same seed and options, same draws, same bytes out.

#include <cmath>
#include <cstdint>
#include <numbers>
#include <utility>

namespace tidewatch::sim {

/// SplitMix64: a 64-bit counter passed through a fixed mixing function.
class SplitMix64 {
 public:
  using result_type = std::uint64_t;
  explicit constexpr SplitMix64(std::uint64_t seed = 0) noexcept : state_(seed) {}
  static constexpr result_type min() noexcept { return 0; }
  static constexpr result_type max() noexcept { return ~result_type{0}; }
  constexpr result_type operator()() noexcept { return mix(state_ += 0x9E3779B97F4A7C15ULL); }
  /// The mixing function alone: a well-spread hash of `x`.
  static constexpr std::uint64_t mix(std::uint64_t z) noexcept {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

 private:
  std::uint64_t state_;
};

/// A seed for stream `stream` derived from the run's seed (a hash of both).
constexpr std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream) noexcept {
  return SplitMix64::mix(SplitMix64::mix(seed ^ 0x6A09E667F3BCC908ULL) + stream);
}

/// Uniform in [0, 1): the top 53 bits of one 64-bit draw.
template <typename Engine>
double uniform01(Engine& e) {
  return static_cast<double>(e() >> 11) * 0x1.0p-53;
}

/// Uniform in [a, b).
template <typename Engine>
double uniform(Engine& e, double a, double b) {
  return a + (b - a) * uniform01(e);
}

/// The high 64 bits of the 128-bit product a * b.
constexpr std::uint64_t mul_high(std::uint64_t a, std::uint64_t b) noexcept {
  const std::uint64_t a_lo = a & 0xFFFFFFFFULL, a_hi = a >> 32;
  const std::uint64_t b_lo = b & 0xFFFFFFFFULL, b_hi = b >> 32;
  const std::uint64_t lo_lo = a_lo * b_lo, hi_lo = a_hi * b_lo, lo_hi = a_lo * b_hi;
  const std::uint64_t cross = (lo_lo >> 32) + (hi_lo & 0xFFFFFFFFULL) + lo_hi;
  return a_hi * b_hi + (hi_lo >> 32) + (cross >> 32);
}

/// Uniform integer in [0, n), n >= 1: the high half of draw * n (Lemire's
/// multiply-shift without the rejection step; the bias, n / 2^64, is
/// below 1e-13 for the n used here).
template <typename Engine>
std::uint64_t uniform_index(Engine& e, std::uint64_t n) {
  return mul_high(e(), n);
}

/// Standard normal by the Box-Muller transform (two uniforms per draw; the
/// second value is not kept, so the stream has no hidden state).
template <typename Engine>
double normal(Engine& e) {
  const double u1 = 1.0 - uniform01(e);  // (0, 1]
  const double u2 = uniform01(e);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

/// Two independent standard normals from one Box-Muller draw (cosine and sine).
template <typename Engine>
std::pair<double, double> normal_pair(Engine& e) {
  const double u1 = 1.0 - uniform01(e);  // (0, 1]
  const double u2 = uniform01(e);
  const double r = std::sqrt(-2.0 * std::log(u1));
  const double a = 2.0 * std::numbers::pi * u2;
  return {r * std::cos(a), r * std::sin(a)};
}

/// True with probability p.
template <typename Engine>
bool chance(Engine& e, double p) {
  return uniform01(e) < p;
}

}  // namespace tidewatch::sim
