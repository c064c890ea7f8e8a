// Ordering at scale (docs/tracks.md §3, issue 3): N synthetic position
// observations (default 50,000,000; 100,000 MMSIs, times over 30 days, a
// fixed-seed xoshiro256** PRNG, random order) through ExternalSorter with the
// default 768 MiB budget.  Reports wall time, records/s, peak RSS
// (getrusage ru_maxrss), runs and bytes spilled, and checks that the output is
// sorted, complete and has the same order-independent checksum (XOR and sum
// of record hashes) as the input.  Then the reorder window on a nearly sorted
// stream (jitter +-5 and +-10 min).  Exit status 1 if a check fails or peak RSS >= 1 GiB.
//
//   build/bench/tidewatch_order_bench [records] [window-records]

#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <tuple>

#include "tidewatch/ingest/external_sort.h"
#include "tidewatch/ingest/reorder.h"

namespace {

using namespace tidewatch;
using namespace tidewatch::ingest;

/// xoshiro256** 1.0 (Blackman & Vigna), seeded with splitmix64.
class Xoshiro {
 public:
  explicit Xoshiro(std::uint64_t seed) {
    for (auto& v : s_) v = splitmix(seed);
  }
  std::uint64_t operator()() noexcept {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  std::uint64_t below(std::uint64_t n) noexcept { return (*this)() % n; }
  static std::uint64_t splitmix(std::uint64_t& x) noexcept {
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4]{};
};

constexpr std::uint64_t kMmsis = 100'000;
constexpr UnixMillis kStart = 1'704'067'200'000;  // 2024-01-01T00:00:00Z
constexpr UnixMillis kSpan = 30LL * 24 * 3600 * 1000;

void make(Xoshiro& rng, std::uint64_t i, Observation& o) {
  o.kind = Observation::Kind::position;
  o.mmsi = static_cast<std::uint32_t>(200'000'000 + rng.below(kMmsis) * 7);
  o.time = kStart + static_cast<UnixMillis>(rng.below(static_cast<std::uint64_t>(kSpan)));
  o.ref = LineRef{static_cast<std::uint32_t>(i % 4), i + 1};
  o.msg_type = 1;
  o.transponder = Transponder::class_a;
  const std::uint64_t r = rng();
  o.position.lat_e7 = static_cast<std::int32_t>(static_cast<std::int64_t>(r % 1'800'000'001ULL) - 900'000'000);
  o.position.lon_e7 = static_cast<std::int32_t>(static_cast<std::int64_t>((r >> 20) % 3'600'000'001ULL) - 1'800'000'000);
  o.position.sog = static_cast<std::uint16_t>(r % 1023);
  o.position.cog = static_cast<std::uint16_t>((r >> 11) % 3600);
  o.position.heading = static_cast<std::uint16_t>((r >> 23) % 360);
}

std::uint64_t hash(const Observation& o) noexcept {
  std::uint64_t x = o.mmsi;
  std::uint64_t h = Xoshiro::splitmix(x);
  auto mix = [&h](std::uint64_t v) {
    std::uint64_t y = h ^ v;
    h = Xoshiro::splitmix(y);
  };
  mix(static_cast<std::uint64_t>(o.time));
  mix(o.ref.source);
  mix(o.ref.line);
  mix(static_cast<std::uint32_t>(o.position.lat_e7));
  mix(static_cast<std::uint32_t>(o.position.lon_e7));
  mix(o.position.sog.value_or(0xFFFF) | (std::uint64_t{o.position.cog.value_or(0xFFFF)} << 16) |
      (std::uint64_t{o.position.heading.value_or(0xFFFF)} << 32));
  return h;
}

struct Checksum {
  std::uint64_t x = 0, sum = 0, n = 0;
  void add(const Observation& o) noexcept {
    const std::uint64_t h = hash(o);
    x ^= h;
    sum += h;
    ++n;
  }
  bool operator==(const Checksum&) const = default;
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

long peak_rss_kib() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

class CountSink final : public ReorderSink {
 public:
  void on_observation(const Observation& o) override {
    if (any && o.time < last) ++unsorted;
    last = o.time;
    any = true;
    ++n;
  }
  void on_reject(const RejectedLine&) override { ++rejected; }
  UnixMillis last = 0;
  bool any = false;
  std::uint64_t n = 0, unsorted = 0, rejected = 0;
};

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 50'000'000ULL;
  const std::uint64_t wn = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 20'000'000ULL;
  bool ok = true;

  // Generation alone, to separate its cost from the sort's.
  auto t0 = std::chrono::steady_clock::now();
  Checksum gen_only;
  {
    Xoshiro rng(20260601);
    Observation o;
    for (std::uint64_t i = 0; i < n; ++i) {
      make(rng, i, o);
      gen_only.add(o);
    }
  }
  const double t_gen = seconds_since(t0);

  ExternalSortOptions opt;  // default budget
  Checksum in_sum, out_sum;
  double t_push = 0, t_merge = 0;
  std::uint64_t bad_order = 0;
  ExternalSortStats st;
  t0 = std::chrono::steady_clock::now();
  {
    ExternalSorter sorter(opt);
    Xoshiro rng(20260601);
    Observation o;
    for (std::uint64_t i = 0; i < n; ++i) {
      make(rng, i, o);
      in_sum.add(o);
      sorter.push(o);
    }
    t_push = seconds_since(t0);
    const auto t1 = std::chrono::steady_clock::now();
    Observation prev;
    bool first = true;
    while (sorter.next(o)) {
      if (!first && std::tie(prev.mmsi, prev.time, prev.ref.source, prev.ref.line) >=
                        std::tie(o.mmsi, o.time, o.ref.source, o.ref.line))
        ++bad_order;
      out_sum.add(o);
      prev = o;
      first = false;
    }
    t_merge = seconds_since(t1);
    st = sorter.stats();
  }
  const double t_total = seconds_since(t0);
  const long rss = peak_rss_kib();

  std::printf("external sort: %llu records, budget %zu MiB, %zu-byte PositionRec\n",
              static_cast<unsigned long long>(n), opt.memory_budget >> 20, sizeof(PositionRec));
  std::printf("  generation only        %8.2f s\n", t_gen);
  std::printf("  push (gen+runs+spill)  %8.2f s\n", t_push);
  std::printf("  merge + verify         %8.2f s\n", t_merge);
  std::printf("  total wall             %8.2f s  (%.2f M records/s; %.2f M/s excl. generation)\n",
              t_total, static_cast<double>(n) / t_total / 1e6,
              static_cast<double>(n) / (t_total - t_gen) / 1e6);
  std::printf("  runs %llu, merge passes %llu, bytes spilled %llu (%.2f GiB)\n",
              static_cast<unsigned long long>(st.runs),
              static_cast<unsigned long long>(st.merge_passes),
              static_cast<unsigned long long>(st.bytes_spilled),
              static_cast<double>(st.bytes_spilled) / (1024.0 * 1024.0 * 1024.0));
  std::printf("  peak RSS %ld KiB (%.1f MiB)\n", rss, static_cast<double>(rss) / 1024.0);
  const bool count_ok = out_sum.n == n;
  const bool sum_ok = in_sum == out_sum && gen_only == in_sum;
  std::printf("  sorted: %s (%llu inversions), count: %s (%llu), checksum: %s (xor %016llx sum %016llx)\n",
              bad_order == 0 ? "yes" : "NO", static_cast<unsigned long long>(bad_order),
              count_ok ? "ok" : "WRONG", static_cast<unsigned long long>(out_sum.n),
              sum_ok ? "ok" : "WRONG", static_cast<unsigned long long>(out_sum.x),
              static_cast<unsigned long long>(out_sum.sum));
  const bool rss_ok = rss < 1024L * 1024L;
  std::printf("  peak RSS < 1 GiB: %s\n", rss_ok ? "PASS" : "FAIL");
  ok = ok && bad_order == 0 && count_ok && sum_ok && rss_ok;

  // Reorder window on a nearly sorted stream: one record every 0.13 s, each
  // time displaced by up to +-5 and +-10 min.
  for (const UnixMillis jitter_min : {5, 10}) {
    if (wn == 0) break;
    const UnixMillis jit = jitter_min * 60 * 1000;
    CountSink sink;
    ReorderWindow w({}, sink);
    Xoshiro rng(77);
    Observation o;
    const auto t2 = std::chrono::steady_clock::now();
    for (std::uint64_t i = 0; i < wn; ++i) {
      make(rng, i, o);
      o.time = kStart + static_cast<UnixMillis>(i * 130) +
               static_cast<UnixMillis>(rng.below(static_cast<std::uint64_t>(2 * jit + 1))) - jit;
      w.push(o);
    }
    w.flush();
    const double t_w = seconds_since(t2);
    std::printf("reorder window: %llu records, jitter +-%lld min, W 15 min: %.2f s (%.2f M records/s), "
                "peak held %zu, late %llu (%.2f %%), out of order %llu\n",
                static_cast<unsigned long long>(wn), static_cast<long long>(jitter_min), t_w,
                static_cast<double>(wn) / t_w / 1e6, w.stats().peak_held,
                static_cast<unsigned long long>(w.stats().late),
                100.0 * static_cast<double>(w.stats().late) / static_cast<double>(wn),
                static_cast<unsigned long long>(sink.unsorted));
    // A time jittered by +-10 min can arrive up to 20 min after a later one,
    // so with W = 15 min about 1/4 of the records are late (passed on,
    // counted); with +-5 min none may be.
    ok = ok && sink.n == wn && sink.unsorted <= w.stats().late &&
         (jitter_min > 7 || w.stats().late == 0);
  }
  return ok ? 0 : 1;
}
