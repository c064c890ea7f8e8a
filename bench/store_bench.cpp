// The store (docs/store.md §7): the chunk codec, and at scale a store of
// 100 million synthetic positions with the time to fetch one vessel's month.
//
//   build/bench/tidewatch_bench --benchmark_filter=Store
//       codec only (the scale benchmark is skipped)
//   TIDEWATCH_STORE_SCALE_DIR=/tmp/x build/bench/tidewatch_bench --benchmark_filter=StoreScale
//       builds DIR/store.sqlite (TIDEWATCH_STORE_VESSELS x TIDEWATCH_STORE_POSITIONS,
//       default 10,000 x 10,000 over 2023) unless it is there, then times
//       vessel_track() for one calendar month of random vessels
//       (bench/store-scale.sh runs this and deletes the file).
//
// The positions are generated directly into the store API (Store::add_positions),
// not through AIS decoding: a random walk per vessel, a report every ~52.6
// minutes (a year / 10,000) with 0-120 s of jitter, whole seconds, 0-20 kn,
// course drifting, one input, line numbers growing as in a feed of many vessels.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <ctime>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "tidewatch/store/store.h"

namespace {

using tidewatch::UnixMillis;
using tidewatch::store::Position;

constexpr UnixMillis kYear2023 = 1672531200000;  // 2023-01-01T00:00:00Z
constexpr UnixMillis kYearMs = 365LL * 86'400'000;

/// One vessel's synthetic year (deterministic per MMSI).
std::vector<Position> synthetic_vessel(std::uint32_t mmsi, std::size_t n) {
  std::mt19937_64 rng(mmsi);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<Position> v;
  v.reserve(n);
  double lat = -60 + 120 * u(rng), lon = -180 + 360 * u(rng), cog = 360 * u(rng), sog = 20 * u(rng);
  const UnixMillis step = kYearMs / static_cast<UnixMillis>(n);
  std::uint64_t line = 1 + (rng() % 1000);
  for (std::size_t i = 0; i < n; ++i) {
    Position p;
    p.time = kYear2023 + static_cast<UnixMillis>(i) * step + static_cast<UnixMillis>(rng() % 120) * 1000;
    p.time -= p.time % 1000;
    sog = std::clamp(sog + (u(rng) - 0.5), 0.0, 20.0);
    cog = std::fmod(cog + (u(rng) - 0.5) * 10 + 360, 360);
    const double nm = sog * static_cast<double>(step) / 3'600'000.0;
    lat = std::clamp(lat + nm / 60 * std::cos(cog * M_PI / 180), -85.0, 85.0);
    lon += nm / 60 * std::sin(cog * M_PI / 180) / std::max(0.05, std::cos(lat * M_PI / 180));
    if (lon > 180) lon -= 360;
    if (lon < -180) lon += 360;
    p.lat_e7 = static_cast<std::int32_t>(std::llround(lat * 1e7));
    p.lon_e7 = static_cast<std::int32_t>(std::llround(lon * 1e7));
    p.sog = static_cast<std::uint16_t>(std::lround(sog * 10));
    p.cog = static_cast<std::uint16_t>(std::lround(cog * 10) % 3600);
    p.heading = static_cast<std::uint16_t>(std::lround(cog) % 360);
    p.source = 1;
    p.line = line;
    line += 1 + rng() % 20000;
    v.push_back(p);
  }
  return v;
}

std::vector<Position> one_day() {
  std::vector<Position> v;
  for (int i = 0; i < 8640; ++i) {  // a report every 10 s
    Position p;
    p.time = kYear2023 + i * 10'000LL;
    p.lat_e7 = 550'000'000 + i * 617;
    p.lon_e7 = 120'000'000 + i * 300;
    p.sog = static_cast<std::uint16_t>(120 + i % 3);
    p.cog = 450;
    p.heading = 45;
    p.source = 1;
    p.line = 1000ULL + static_cast<std::uint64_t>(i) * 37;
    v.push_back(p);
  }
  return v;
}

void BM_StoreChunkEncode(benchmark::State& state) {
  const auto v = one_day();
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto blob = tidewatch::store::encode_chunk(kYear2023, v);
    bytes = blob.size();
    benchmark::DoNotOptimize(blob);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * v.size()));
  state.counters["bytes_per_position"] = static_cast<double>(bytes) / static_cast<double>(v.size());
}
BENCHMARK(BM_StoreChunkEncode);

void BM_StoreChunkDecode(benchmark::State& state) {
  const auto v = one_day();
  const auto blob = tidewatch::store::encode_chunk(kYear2023, v);
  std::vector<Position> out;
  for (auto _ : state) {
    out.clear();
    if (!tidewatch::store::decode_chunk(blob, kYear2023, out)) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * v.size()));
}
BENCHMARK(BM_StoreChunkDecode);

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

std::size_t env_size(const char* name, std::size_t def) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? static_cast<std::size_t>(std::strtoull(v, nullptr, 10)) : def;
}

void BM_StoreScaleTrackMonth(benchmark::State& state) {
  const char* dir = std::getenv("TIDEWATCH_STORE_SCALE_DIR");
  if (dir == nullptr || *dir == '\0') {
    state.SkipWithError("set TIDEWATCH_STORE_SCALE_DIR to run (bench/store-scale.sh)");
    return;
  }
  const std::size_t vessels = env_size("TIDEWATCH_STORE_VESSELS", 10000);
  const std::size_t per_vessel = env_size("TIDEWATCH_STORE_POSITIONS", 10000);
  const std::string path = (std::filesystem::path(dir) / "store.sqlite").string();
  double build_s = 0;
  if (!std::filesystem::exists(path)) {
    const auto t0 = std::chrono::steady_clock::now();
    auto s = tidewatch::store::Store::open(path, tidewatch::store::Mode::create);
    s.begin_run("store_bench");
    (void)s.add_input("synthetic", 0, "synthetic");
    for (std::size_t i = 0; i < vessels; ++i) {
      const auto mmsi = static_cast<std::uint32_t>(200000000 + i);
      const auto v = synthetic_vessel(mmsi, per_vessel);
      s.put_vessel({mmsi, "ship", "", v.front().time, v.back().time});
      s.add_positions(mmsi, v);
      s.vessel_done(100);
    }
    s.finish_run();
    build_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  // Checkpoint the WAL so the file size is the store's size.
  auto s = tidewatch::store::Store::open(path, tidewatch::store::Mode::read_write);
  const auto counts = s.counts();
  std::mt19937_64 rng(42);
  std::vector<double> ms, cpu;
  std::uint64_t got = 0;
  for (auto _ : state) {
    const auto mmsi = static_cast<std::uint32_t>(200000000 + rng() % vessels);
    const auto month = static_cast<int>(rng() % 12);
    const UnixMillis from = kYear2023 + month * (kYearMs / 12), to = from + 31LL * 86'400'000 - 1;
    const double c0 = thread_cpu_ms();
    const auto t0 = std::chrono::steady_clock::now();
    const auto track = s.vessel_track(mmsi, from, to);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    cpu.push_back(thread_cpu_ms() - c0);
    got += track.size();
    benchmark::DoNotOptimize(track.data());
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu.begin(), cpu.end());
  state.counters["cpu_mean_ms"] = std::accumulate(cpu.begin(), cpu.end(), 0.0) / static_cast<double>(cpu.size());
  state.counters["cpu_p99_ms"] = cpu[std::min(cpu.size() - 1, cpu.size() * 99 / 100)];
  const double mean = std::accumulate(ms.begin(), ms.end(), 0.0) / static_cast<double>(ms.size());
  state.counters["mean_ms"] = mean;
  state.counters["p50_ms"] = ms[ms.size() / 2];
  state.counters["p99_ms"] = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  state.counters["max_ms"] = ms.back();
  state.counters["positions_per_query"] = static_cast<double>(got) / static_cast<double>(ms.size());
  state.counters["positions"] = static_cast<double>(counts.positions);
  state.counters["chunks"] = static_cast<double>(counts.chunks);
  state.counters["file_bytes"] = static_cast<double>(std::filesystem::file_size(path));
  state.counters["bytes_per_position"] =
      static_cast<double>(std::filesystem::file_size(path)) / static_cast<double>(counts.positions);
  if (build_s > 0) state.counters["build_s"] = build_s;
}
BENCHMARK(BM_StoreScaleTrackMonth)->Iterations(5000)->Unit(benchmark::kMillisecond);

}  // namespace
