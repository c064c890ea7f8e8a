// Micro-benchmarks of the decode stage on the bundled real sample (DMA
// 2010-06-11, 8,551 lines: $PGHP wrappers and VDM/VDO of all common types),
// held in memory so that only decoding is measured.
//   build/bench/tidewatch_bench --benchmark_filter=Decode

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tidewatch/ais/stream.h"
#include "tidewatch/report/gpsd_json.h"

namespace {

using namespace tidewatch;

std::vector<std::string> sample_lines() {
  std::ifstream in(TIDEWATCH_SAMPLE);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

class CountSink final : public ais::DecodeSink {
 public:
  void on_message(const ais::Message& m, const ais::MessageMeta&) override { mmsi_sum += m.mmsi; }
  void on_reject(const RejectedLine&) override {}
  std::uint64_t mmsi_sum = 0;
};

class JsonSink final : public ais::DecodeSink {
 public:
  explicit JsonSink(bool scaled) { opt.scaled = scaled; }
  void on_message(const ais::Message& m, const ais::MessageMeta& meta) override {
    report::write_gpsd_json(out, m, meta, "bench.nmea", opt);
    if (out.size() > (1 << 20)) out.clear();
  }
  void on_reject(const RejectedLine&) override {}
  report::OutBuffer out{2 << 20};
  report::GpsdJsonOptions opt;
};

template <typename Sink>
void run(benchmark::State& state, Sink& sink) {
  const auto lines = sample_lines();
  ais::StreamDecoder decoder({}, sink);
  std::uint64_t n = 0;
  for (auto _ : state) {
    decoder.begin_source(0);
    std::uint64_t line = 0;
    for (const auto& l : lines) decoder.feed_line(l, ++line);
    decoder.end_source();
    n += lines.size();
  }
  state.counters["lines/s"] = benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsRate);
}

void BM_DecodeOnly(benchmark::State& state) {
  CountSink sink;
  run(state, sink);
  benchmark::DoNotOptimize(sink.mmsi_sum);
}
BENCHMARK(BM_DecodeOnly);

void BM_DecodeToJsonUnscaled(benchmark::State& state) {
  JsonSink sink(false);
  run(state, sink);
}
BENCHMARK(BM_DecodeToJsonUnscaled);

void BM_DecodeToJsonScaled(benchmark::State& state) {
  JsonSink sink(true);
  run(state, sink);
}
BENCHMARK(BM_DecodeToJsonScaled);

}  // namespace
