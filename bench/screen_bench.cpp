// Screening throughput (docs/screening.md §7): 100,000 synthetic AIS
// identities against every bundled list a reader has real data for: OFAC
// sdn.csv of 2024-05-03 (851 vessels), OFAC consolidated.xml (SDN.XML schema),
// OFAC ENHANCED_XML IRGC_sanctions.xml and the UN consolidated XML of 2026
// (companies: owner links by company number and name), vessels per second.
// 1 % of the identities are listed ships (IMO, name or MMSI), the rest are
// made-up names built from the list's own name words (so that every vessel
// finds candidates and the fuzzy measures run), random MMSIs and valid IMOs.
//
//   build/bench/tidewatch_bench --benchmark_filter=Screen

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "tidewatch/core/ids.h"
#include "tidewatch/watchlist/match.h"
#include "tidewatch/watchlist/readers.h"

namespace {

using namespace tidewatch::watchlist;

// The shared data beside the checkout: TIDEWATCH_SAMPLE is <source>/data/samples/<file>
// (bench/CMakeLists.txt), so <source>/../shared/data; $TIDEWATCH_SHARED_DATA overrides.
std::filesystem::path shared_data() {
  if (const char* env = std::getenv("TIDEWATCH_SHARED_DATA")) return env;
  return std::filesystem::path(TIDEWATCH_SAMPLE).parent_path().parent_path().parent_path() / "../shared/data";
}
const std::filesystem::path kList =
    shared_data() / "watchlists/ofac/jackdwyer-sdn-history/2024-05-03/sdn.csv";
// The other lists with real copies; missing ones are skipped.
const std::filesystem::path kOtherLists[] = {
    shared_data() / "watchlists/ofac/hebbd5-xml_parse/Datasets/consolidated.xml",
    shared_data() / "watchlists/ofac/hebbd5-xml_parse/Datasets/IRGC_sanctions.xml",
    shared_data() / "watchlists/un/moov-io-watchman/test/testdata/UN_consolidated.xml",
};

std::uint32_t random_valid_imo(std::mt19937& rng) {
  for (;;) {
    const std::uint32_t n = 1000000U + static_cast<std::uint32_t>(rng() % 9000000U);
    if (tidewatch::imo_check_digit_ok(n)) return n;
  }
}

std::vector<VesselIdentity> synthetic_vessels(const WatchList& wl, const std::vector<WatchList>& others, std::size_t n) {
  std::mt19937 rng(42);
  std::vector<const Entry*> vessels;
  std::vector<std::string> words;
  std::vector<std::uint32_t> company_imos;
  for (const WatchList& o : others)
    for (const Entry& e : o.entries) company_imos.insert(company_imos.end(), e.company_imos.begin(), e.company_imos.end());
  for (const Entry& e : wl.entries) {
    company_imos.insert(company_imos.end(), e.company_imos.begin(), e.company_imos.end());
    if (e.kind != EntryKind::vessel) continue;
    vessels.push_back(&e);
    for (const std::string& t : normalize_name(e.primary_name()).tokens) words.push_back(t);
  }
  std::vector<VesselIdentity> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    VesselIdentity v;
    v.mmsi = 200000000U + static_cast<std::uint32_t>(rng() % 500000000U);
    if (i % 1000 == 500 && !company_imos.empty()) {  // a listed company's number broadcast as the IMO
      v.names.push_back(words[rng() % words.size()]);
      v.imos.push_back(company_imos[rng() % company_imos.size()]);
    } else if (i % 100 == 0) {  // a listed ship
      const Entry& e = *vessels[rng() % vessels.size()];
      v.names.push_back(e.primary_name());
      if (e.imo) v.imos.push_back(*e.imo);
    } else {
      std::string name = words[rng() % words.size()];
      if (rng() % 2) name += " " + words[rng() % words.size()];
      if (rng() % 3 == 0) name += " " + std::to_string(rng() % 20);
      v.names.push_back(std::move(name));
      if (rng() % 2) v.imos.push_back(random_valid_imo(rng));
      if (rng() % 2) v.callsigns.push_back("V" + std::to_string(rng() % 100000));
    }
    out.push_back(std::move(v));
  }
  return out;
}

void BM_Screen100k(benchmark::State& state) {
  if (!std::filesystem::exists(kList)) {
    state.SkipWithError("shared OFAC list not found");
    return;
  }
  const WatchList wl = load_watchlist(kList);
  std::vector<WatchList> others;
  for (const std::filesystem::path& p : kOtherLists)
    if (std::filesystem::exists(p)) others.push_back(load_watchlist(p));
  Screener screener;
  screener.add(wl);
  std::size_t entries = wl.entries.size();
  for (const WatchList& o : others) {
    screener.add(o);
    entries += o.entries.size();
  }
  const auto vessels = synthetic_vessels(wl, others, 100000);
  std::size_t matches = 0;
  for (auto _ : state) {
    for (const VesselIdentity& v : vessels) {
      auto ms = screener.screen(v);
      matches += ms.size();
      benchmark::DoNotOptimize(ms.data());
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * vessels.size()));
  state.counters["lists"] = static_cast<double>(1 + others.size());
  state.counters["list_entries"] = static_cast<double>(entries);
  state.counters["matches_per_pass"] =
      static_cast<double>(matches) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Screen100k)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_LoadOfacSdnCsv(benchmark::State& state) {
  if (!std::filesystem::exists(kList)) {
    state.SkipWithError("shared OFAC list not found");
    return;
  }
  const std::string text = read_file_text(kList);
  for (auto _ : state) {
    auto wl = read_ofac_sdn_csv(OfacCsvFiles{text});
    benchmark::DoNotOptimize(wl.entries.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_LoadOfacSdnCsv)->Unit(benchmark::kMillisecond);

}  // namespace
