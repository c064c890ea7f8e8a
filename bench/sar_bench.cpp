// SAR ship detector throughput (docs/imagery.md §5): the two-parameter CFAR
// (SNAP defaults: 50/500/800 m windows at a 10 m pixel, PFA 10^-6.5) on a
// 4000 x 4000 synthetic image of K-distributed clutter (ENL 4.4, shape 4) with
// 200 ships, Mpixel/s; then the same plus clustering and discrimination, and
// the gamma threshold model.
//
//   build/bench/tidewatch_bench --benchmark_filter=Sar

#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "tidewatch/imagery/cfar.h"

namespace {

using namespace tidewatch::imagery;

constexpr int kSide = 4000;

const std::vector<float>& image() {
  static const std::vector<float> v = [] {
    std::mt19937_64 rng(42);
    std::gamma_distribution<double> speckle(4.4, 1.0 / 4.4), texture(4.0, 0.25);
    std::vector<float> out(static_cast<std::size_t>(kSide) * kSide);
    for (auto& x : out) x = static_cast<float>(30.0 * texture(rng) * speckle(rng));
    std::uniform_int_distribution<int> pos(20, kSide - 40);
    for (int s = 0; s < 200; ++s) {
      const int r0 = pos(rng), c0 = pos(rng);
      for (int r = r0; r < r0 + 15; ++r)
        for (int c = c0; c < c0 + 4; ++c) out[static_cast<std::size_t>(r) * kSide + c] = 800.0F;
    }
    return out;
  }();
  return v;
}

ImageView view() {
  ImageView iv;
  iv.values = image().data();
  iv.rows = iv.cols = kSide;
  iv.dx_m = iv.dy_m = 10.0;
  return iv;
}

void run_cfar(benchmark::State& state, const std::string& model) {
  CfarParams p;
  p.threshold_model = model;
  const CfarDetector det(p);
  const ImageView iv = view();
  std::vector<CfarHit> hits;
  hits.reserve(1 << 20);
  for (auto _ : state) {
    hits.clear();
    benchmark::DoNotOptimize(det.run(iv, hits));
  }
  state.counters["Mpixel/s"] = benchmark::Counter(static_cast<double>(kSide) * kSide / 1e6,
                                                  benchmark::Counter::kIsIterationInvariantRate);
  state.counters["hits"] = static_cast<double>(hits.size());
}

void BM_SarCfarGaussian(benchmark::State& state) { run_cfar(state, "gaussian"); }
void BM_SarCfarGamma(benchmark::State& state) { run_cfar(state, "gamma"); }

void BM_SarDetectShips(benchmark::State& state) {
  const CfarParams p;
  const ImageView iv = view();
  std::size_t kept = 0;
  for (auto _ : state) {
    const ShipDetections d = detect_ships(iv, p);
    kept = d.kept_count();
    benchmark::DoNotOptimize(kept);
  }
  state.counters["Mpixel/s"] = benchmark::Counter(static_cast<double>(kSide) * kSide / 1e6,
                                                  benchmark::Counter::kIsIterationInvariantRate);
  state.counters["ships"] = static_cast<double>(kept);
}

}  // namespace

BENCHMARK(BM_SarCfarGaussian)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_SarCfarGamma)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_SarDetectShips)->Unit(benchmark::kMillisecond)->MinTime(2.0);
