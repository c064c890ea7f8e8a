// The simulator (sim/): determinism, the decoder reading its output without
// a single reject, ITU report rates, the region boxes being water, and, for
// every scripted scenario, that its truth records say what its messages
// show when the file is decoded by the project's own decoder.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "support/data.h"
#include "support/run.h"
#include "support/scratch.h"
#include "tidewatch/ais/stream.h"
#include "tidewatch/geo/distance.h"
#include "tidewatch/geo/land_mask.h"
#include "tidewatch/sim/scenarios.h"
#include "tidewatch/sim/simulator.h"

namespace tidewatch::test {
namespace {

namespace ais = tidewatch::ais;
namespace sim = tidewatch::sim;
using nlohmann::json;

constexpr double kNm = 1852.0;

// ---- the decoded output ---------------------------------------------------------

struct Pos {
  UnixMillis t = 0;
  double lat = 0, lon = 0;
  double sog = 0;  // knots
  int type = 0;
};
struct Static {
  UnixMillis t = 0;
  std::string name, callsign;
  double draught = 0;  // metres, 0 = none
};

struct Decoded {
  std::map<std::uint32_t, std::vector<Pos>> pos;       // by MMSI, in time order
  std::map<std::uint32_t, std::vector<Static>> statics;
  ais::DecodeStats stats;
  std::uint64_t without_time = 0, without_station = 0, out_of_order = 0;
};

class Collector final : public ais::DecodeSink {
 public:
  explicit Collector(Decoded& d) : d_(d) {}
  void on_message(const ais::Message& m, const ais::MessageMeta& meta) override {
    if (!meta.rxtime) {
      ++d_.without_time;
      return;
    }
    if (meta.station.empty()) ++d_.without_station;
    const UnixMillis t = *meta.rxtime;
    if (t < last_) ++d_.out_of_order;
    last_ = t;
    if (const auto* a = std::get_if<ais::PositionReportA>(&m.body)) {
      d_.pos[m.mmsi].push_back({t, ais::degrees(*a->lat), ais::degrees(*a->lon), *a->speed / 10.0, m.type});
    } else if (const auto* b = std::get_if<ais::PositionReportB>(&m.body)) {
      d_.pos[m.mmsi].push_back({t, ais::degrees(*b->lat), ais::degrees(*b->lon), *b->speed / 10.0, m.type});
    } else if (const auto* s = std::get_if<ais::StaticAndVoyage>(&m.body)) {
      d_.statics[m.mmsi].push_back({t, std::string(s->shipname.view()), std::string(s->callsign.view()),
                                    s->draught ? *s->draught / 10.0 : 0.0});
    }
  }
  void on_reject(const RejectedLine&) override {}

 private:
  Decoded& d_;
  UnixMillis last_ = 0;
};

Decoded decode_text(const std::string& text) {
  Decoded d;
  Collector c(d);
  ais::StreamDecoder decoder({}, c);
  decoder.begin_source(0);
  std::uint64_t n = 0;
  std::size_t from = 0;
  while (from < text.size()) {
    const std::size_t nl = text.find('\n', from);
    decoder.feed_line(std::string_view(text).substr(from, nl - from), ++n);
    from = nl + 1;
  }
  decoder.end_source();
  d.stats = decoder.stats();
  return d;
}

// ---- one full run shared by the scenario tests ------------------------------------

struct FullRun {
  sim::SimOptions options;
  sim::SimResult result;
  std::string nmea;
  Decoded decoded;
  std::vector<json> truth;  // truth.jsonl, parsed back

  [[nodiscard]] const json* event(const std::string& type, const std::string& scenario) const {
    for (const auto& e : truth)
      if (e["type"] == type && e["scenario"] == scenario) return &e;
    return nullptr;
  }
  [[nodiscard]] const sim::ScenarioInfo& scenario(const std::string& name) const {
    for (const auto& s : result.world.scenarios)
      if (s.name == name) return s;
    throw std::runtime_error("no scenario " + name);
  }
  [[nodiscard]] std::uint32_t mmsi(const std::string& scenario, std::size_t role = 0) const {
    return result.world.vessels[this->scenario(scenario).vessels[role]].mmsi;
  }
};

const FullRun& full_run() {
  static const FullRun run = [] {
    FullRun r;
    r.options.seed = 7;
    r.options.vessels = 20;
    sim::StringSink sink;
    r.result = sim::simulate(r.options, sink);
    r.nmea = std::move(sink.text);
    r.decoded = decode_text(r.nmea);
    for (const auto& e : r.result.truth) r.truth.push_back(json::parse(sim::truth_json(e)));
    return r;
  }();
  return run;
}

UnixMillis ms(const json& iso) {
  const std::string s = iso.get<std::string>();  // YYYY-MM-DDTHH:MM:SSZ
  return *utc_millis(std::stoi(s.substr(0, 4)), std::stoi(s.substr(5, 2)), std::stoi(s.substr(8, 2)),
                     std::stoi(s.substr(11, 2)), std::stoi(s.substr(14, 2)), std::stoi(s.substr(17, 2)));
}

double dist_m(double lat1, double lon1, double lat2, double lon2) {
  return geo::haversine_m(lat1, lon1, lat2, lon2);
}

std::vector<Pos> between(const std::vector<Pos>& v, UnixMillis from, UnixMillis to) {
  std::vector<Pos> out;
  for (const auto& p : v)
    if (p.t >= from && p.t <= to) out.push_back(p);
  return out;
}

/// The GSHHG land mask (high resolution), or nullptr when not available.
const geo::LandMask* land() {
  static const std::unique_ptr<geo::LandMask> mask = []() -> std::unique_ptr<geo::LandMask> {
    if (!geo::LandMask::available()) return nullptr;
    try {
      return geo::LandMask::open('h');
    } catch (const std::exception&) {
      return nullptr;
    }
  }();
  return mask.get();
}
#define REQUIRE_LAND_MASK()                                                                   \
  do {                                                                                        \
    if (land() == nullptr) GTEST_SKIP() << "GSHHG land mask not available (libnetcdf, gmt-gshhg-high)"; \
  } while (0)

// ---- whole-file properties ------------------------------------------------------

TEST(SimulateTest, SameSeedGivesIdenticalBytesAnotherSeedDifferent) {
  sim::SimOptions o;
  o.seed = 11;
  o.vessels = 4;
  auto once = [](const sim::SimOptions& opt) {
    sim::StringSink sink;
    const sim::SimResult r = sim::simulate(opt, sink);
    std::string truth;
    for (const auto& e : r.truth) truth += sim::truth_json(e) + "\n";
    return std::vector<std::string>{sink.text, truth, sim::scenario_json(opt, r)};
  };
  const auto a = once(o), b = once(o);
  ASSERT_FALSE(a[0].empty());
  EXPECT_TRUE(a[0] == b[0]) << "ais.nmea differs between two runs with the same seed";
  EXPECT_EQ(a[1], b[1]);
  EXPECT_EQ(a[2], b[2]);
  o.seed = 12;
  const auto c = once(o);
  EXPECT_FALSE(a[0] == c[0]);
  EXPECT_NE(a[1], c[1]);
}

TEST(SimulateTest, BackgroundVesselsDoNotDependOnTheScenarios) {
  // Vessel i of the background is a function of (seed, i): choosing other
  // scenarios does not change it.
  sim::SimOptions o;
  o.vessels = 5;
  o.scenarios = {"none"};
  const sim::World none = sim::build_world(o);
  o.scenarios = {"all"};
  const sim::World all = sim::build_world(o);
  ASSERT_EQ(none.vessels.size(), 5U);
  for (std::size_t i = 0; i < 5; ++i) {
    const auto& a = none.vessels[i];
    const auto& b = all.vessels[all.vessels.size() - 5 + i];
    EXPECT_EQ(a.statics.front().name, b.statics.front().name);
    EXPECT_EQ(a.roam_start.lat, b.roam_start.lat);
  }
}

TEST(SimulateTest, OutputDecodesWithoutRejectsInTimeOrder) {
  const FullRun& r = full_run();
  const auto& s = r.decoded.stats;
  EXPECT_EQ(s.total_rejected(), 0U);
  EXPECT_EQ(s.total_skipped(), 0U);
  EXPECT_EQ(s.lines, r.result.stats.lines);
  EXPECT_EQ(s.messages, r.result.stats.messages);
  EXPECT_EQ(s.with_rxtime, s.messages);
  EXPECT_EQ(r.decoded.without_station, 0U);
  EXPECT_EQ(r.decoded.out_of_order, 0U);
  EXPECT_EQ(s.by_type[1], r.result.stats.by_type[1]);
  EXPECT_EQ(s.by_type[5], r.result.stats.by_type[5]);
  EXPECT_EQ(s.by_type[18], r.result.stats.by_type[18]);
  EXPECT_EQ(s.by_type[24], r.result.stats.by_type[24]);
  EXPECT_GT(s.by_type[18], 0U);
  EXPECT_EQ(s.type24_joined * 2, s.by_type[24]);  // every part B finds its part A
  EXPECT_EQ(r.nmea.back(), '\n');
}

TEST(SimulateTest, ReportIntervalsFollowItuRates) {
  const FullRun& r = full_run();
  // Median interval between received positions per vessel (losses only
  // lengthen some intervals).
  auto median_interval = [&](std::uint32_t mmsi, UnixMillis from, UnixMillis to) {
    const auto v = between(r.decoded.pos.at(mmsi), from, to);
    std::vector<UnixMillis> d;
    for (std::size_t i = 1; i < v.size(); ++i) d.push_back(v[i].t - v[i - 1].t);
    std::sort(d.begin(), d.end());
    return d.empty() ? 0 : d[d.size() / 2];
  };
  const auto& w = r.result.world;
  int class_a = 0, class_b = 0;
  for (const auto& v : w.vessels) {
    if (v.scenario != "background") continue;
    const UnixMillis m = median_interval(v.mmsi, w.start, w.end);
    if (v.class_b) {
      EXPECT_NEAR(m, 30000, 2000) << v.mmsi;  // CS Class B above 2 kn
      ++class_b;
    } else {
      EXPECT_NEAR(m, v.roam_speed_kn <= 14 ? 10000 : 6000, 1000) << v.mmsi;
      ++class_a;
    }
  }
  EXPECT_GT(class_a, 0);
  EXPECT_GT(class_b, 0);
  // Moored: 3 minutes (receive times are whole seconds).
  const auto& pv = r.scenario("port_visit");
  EXPECT_NEAR(median_interval(r.mmsi("port_visit"), pv.start, pv.end), 180000, 6000);
  // Static reports every 6 minutes.
  const auto& st = r.decoded.statics.at(r.mmsi("identity_change"));
  ASSERT_GT(st.size(), 10U);
  EXPECT_NEAR(st[5].t - st[4].t, 360000, 5000);
}

TEST(SimulateTest, IntervalOptionOverridesTheRates) {
  sim::SimOptions o;
  o.scenarios = {"none"};
  o.vessels = 3;
  o.hours = 2;
  o.interval_s = 60;
  o.loss = 0;
  sim::StringSink sink;
  sim::simulate(o, sink);
  const Decoded d = decode_text(sink.text);
  ASSERT_EQ(d.pos.size(), 3U);
  for (const auto& [mmsi, v] : d.pos) {
    EXPECT_NEAR(static_cast<double>(v.size()), 120, 2) << mmsi;
    for (std::size_t i = 1; i < v.size(); ++i) EXPECT_NEAR(v[i].t - v[i - 1].t, 60000, 3000);
  }
}

TEST(SimulateTest, DensityFixesTheBackgroundBoxArea) {
  const sim::Region& pacific = *sim::find_region("north_pacific");
  const sim::Box small = sim::background_box(pacific, 1000, 5.0);
  const sim::Box twice = sim::background_box(pacific, 2000, 5.0);
  EXPECT_NEAR(small.area_km2(), 1000 / 5.0 * 10000, 1.0);
  EXPECT_NEAR(twice.area_km2() / small.area_km2(), 2.0, 1e-6);
  EXPECT_NEAR(small.center().lat, pacific.box.center().lat, 1e-9);
  EXPECT_TRUE(pacific.box.contains(twice.lat_min, twice.lon_min) && pacific.box.contains(twice.lat_max, twice.lon_max));
  // A box the region cannot hold is an error, not a silent clip.
  EXPECT_THROW(sim::background_box(pacific, 100000, 1.0), std::invalid_argument);
  // Without a density the vessels share the region's box.
  EXPECT_EQ(sim::background_box(pacific, 10, std::nullopt).lat_min, pacific.box.lat_min);
}

TEST(SimulateTest, RejectsBadOptions) {
  sim::SimOptions o;
  o.hours = 20;  // dark_port_visit needs 46
  EXPECT_THROW(sim::build_world(o), std::invalid_argument);
  o.scenarios = {"loitering"};
  EXPECT_NO_THROW(sim::build_world(o));
  o.scenarios = {"no_such_scenario"};
  EXPECT_THROW(sim::build_world(o), std::invalid_argument);
  o.scenarios = {"none"};
  o.region = "atlantis";
  EXPECT_THROW(sim::build_world(o), std::invalid_argument);
}

TEST(SimulateTest, RegionBoxesAreOpenWater) {
  REQUIRE_LAND_MASK();
  ASSERT_TRUE(land()->is_land(43.5, 132.5));  // the mask works: inland Primorye
  ASSERT_FALSE(land()->is_land(40.0, 134.0));
  for (const auto& region : sim::regions()) {
    const sim::Box& b = region.box;
    for (double lat = b.lat_min; lat <= b.lat_max + 1e-9; lat += 0.1) {
      for (double lon = b.lon_min; lon <= b.lon_max + 1e-9; lon += 0.1) {
        ASSERT_FALSE(land()->is_land(lat, lon)) << region.name << " " << lat << " " << lon;
        ASSERT_GT(land()->distance_to_shore_m(lat, lon, 50000), 50000) << region.name << " " << lat << " " << lon;
      }
    }
  }
}

// ---- the truth and what the messages show ------------------------------------------

TEST(SimulateTest, TruthHasEveryScenarioWithTheContractFields) {
  const FullRun& r = full_run();
  for (const auto& [type, scenario] : std::vector<std::pair<std::string, std::string>>{
           {"gap", "dark_port_visit"}, {"possible_port_visit", "dark_port_visit"},
           {"draught_change", "dark_port_visit"}, {"port_visit", "port_visit"},
           {"encounter", "sts_transfer"}, {"loitering", "loitering"},
           {"position_jump", "spoofing"}, {"identity_change", "identity_change"},
           {"shared_mmsi", "shared_mmsi"}, {"gap", "coverage_hole"}}) {
    EXPECT_NE(r.event(type, scenario), nullptr) << type << " of " << scenario;
  }
  for (const auto& e : r.truth) {
    for (const char* f : {"type", "mmsi", "start", "end", "lat", "lon"}) ASSERT_TRUE(e.contains(f)) << e;
    EXPECT_LE(ms(e["start"]), ms(e["end"])) << e;
    EXPECT_EQ(e["start"].get<std::string>().size(), 20U) << "YYYY-MM-DDTHH:MM:SSZ: " << e;
    const std::string type = e["type"];
    if (type == "gap") {
      for (const char* f : {"end_lat", "end_lon", "suspected_disabling"}) EXPECT_TRUE(e.contains(f)) << e;
    } else if (type == "possible_port_visit") {
      for (const char* f : {"port", "gap_start", "gap_end"}) EXPECT_TRUE(e.contains(f)) << e;
      EXPECT_TRUE(e["port"].contains("name") && e["port"].contains("locode")) << e;
    } else if (type == "port_visit") {
      EXPECT_TRUE(e["port"].contains("locode")) << e;
    } else if (type == "encounter") {
      EXPECT_TRUE(e.contains("other_mmsi") && e.contains("median_distance_m")) << e;
    } else if (type == "identity_change" || type == "draught_change") {
      EXPECT_TRUE(e.contains("before") && e.contains("after")) << e;
    } else if (type == "position_jump") {
      EXPECT_TRUE(e.contains("implied_speed_kn") && e.contains("distance_km")) << e;
    } else if (type == "shared_mmsi") {
      EXPECT_TRUE(e.contains("tracks")) << e;
    }
  }
  // Ordered by start.
  for (std::size_t i = 1; i < r.truth.size(); ++i) EXPECT_LE(ms(r.truth[i - 1]["start"]), ms(r.truth[i]["start"]));
  // The crossing ships are a control: no event names them.
  for (const auto& e : r.truth) {
    EXPECT_NE(e["mmsi"], r.mmsi("crossing", 0));
    EXPECT_NE(e["mmsi"], r.mmsi("crossing", 1));
  }
}

TEST(SimulateTest, EveryTruthGapIsSilentAndBoundedByPositions) {
  const FullRun& r = full_run();
  int gaps = 0;
  for (const auto& e : r.truth) {
    if (e["type"] != "gap") continue;
    ++gaps;
    const auto& v = r.decoded.pos.at(e["mmsi"].get<std::uint32_t>());
    const UnixMillis a = ms(e["start"]), b = ms(e["end"]);
    const auto inside = between(v, a, b);
    // Shared MMSIs aside, only the two ends are in [start, end].
    ASSERT_EQ(inside.size(), 2U) << e;
    EXPECT_NEAR(inside.front().lat, e["lat"].get<double>(), 1e-6);
    EXPECT_NEAR(inside.back().lon, e["end_lon"].get<double>(), 1e-6);
    EXPECT_GE(b - a, sim::hours_ms(r.options.truth_gap_hours));
    const bool off = e["cause"] == "ais_off";
    EXPECT_EQ(e["suspected_disabling"].get<bool>(), off) << e;
  }
  EXPECT_GE(gaps, 2);
}

TEST(SimulationScenarios, DarkPortVisit) {
  const FullRun& r = full_run();
  const auto* gap = r.event("gap", "dark_port_visit");
  const auto* visit = r.event("possible_port_visit", "dark_port_visit");
  const auto* draught = r.event("draught_change", "dark_port_visit");
  ASSERT_TRUE(gap && visit && draught);
  const std::uint32_t mmsi = r.mmsi("dark_port_visit");
  const sim::Port& najin = sim::port("Najin");
  const UnixMillis a = ms((*gap)["start"]), b = ms((*gap)["end"]);
  const auto& info = r.scenario("dark_port_visit");
  // Dark well before arriving and well after leaving, and far out at sea.
  EXPECT_GT(info.start - a, sim::hours_ms(6));
  EXPECT_GT(b - info.end, sim::hours_ms(6));
  const double out_km = dist_m((*gap)["lat"], (*gap)["lon"], najin.position.lat, najin.position.lon) / 1000;
  const double back_km = dist_m((*gap)["end_lat"], (*gap)["end_lon"], najin.position.lat, najin.position.lon) / 1000;
  EXPECT_GT(out_km, 100);
  EXPECT_GT(back_km, 100);
  // No position from the dark ship in between.
  EXPECT_EQ(between(r.decoded.pos.at(mmsi), a + 1000, b - 1000).size(), 0U);
  // The port visit: same gap, Najin, and reachable at 12 kn there and back.
  EXPECT_EQ((*visit)["port"]["name"], "Najin");
  EXPECT_EQ((*visit)["port"]["locode"], "KPRJN");
  EXPECT_EQ(ms((*visit)["gap_start"]), a);
  EXPECT_EQ(ms((*visit)["gap_end"]), b);
  EXPECT_LT((out_km + back_km) / 1.852 / 12.0, static_cast<double>(b - a) / 3.6e6);
  // suspected_disabling is backed by the data: other vessels were received
  // within 150 km of where the ship went dark, during the gap.
  std::set<std::uint32_t> others;
  for (const auto& [other, v] : r.decoded.pos) {
    if (other == mmsi) continue;
    for (const auto& p : between(v, a, b))
      if (dist_m(p.lat, p.lon, (*gap)["lat"], (*gap)["lon"]) < 150000) others.insert(other);
  }
  EXPECT_GE(others.size(), 3U);
  // Draught: every report before the gap 6.4 m, every one after 11.2 m.
  const auto& st = r.decoded.statics.at(mmsi);
  int before = 0, after = 0;
  for (const auto& s : st) {
    if (s.t <= a) {
      EXPECT_DOUBLE_EQ(s.draught, 6.4);
      ++before;
    } else {
      EXPECT_GE(s.t, b);
      EXPECT_DOUBLE_EQ(s.draught, 11.2);
      ++after;
    }
  }
  EXPECT_GT(before, 10);
  EXPECT_GT(after, 10);
  EXPECT_GE(std::fabs((*draught)["after"].get<double>() - (*draught)["before"].get<double>()), 0.5);
  EXPECT_GE(ms((*draught)["start"]), b);
}

TEST(SimulationScenarios, PortVisit) {
  const FullRun& r = full_run();
  const auto* e = r.event("port_visit", "port_visit");
  ASSERT_TRUE(e);
  EXPECT_EQ((*e)["port"]["name"], "Vostochnyy");
  EXPECT_EQ((*e)["port"]["locode"], "RUVYP");
  const UnixMillis a = ms((*e)["start"]), b = ms((*e)["end"]);
  EXPECT_GT(b - a, sim::hours_ms(9.9));
  const sim::Port& port = sim::port("Vostochnyy");
  const auto in_port = between(r.decoded.pos.at(r.mmsi("port_visit")), a, b);
  ASSERT_GT(in_port.size(), 150U);
  for (const auto& p : in_port) {
    EXPECT_LT(p.sog, 0.2);
    EXPECT_LT(dist_m(p.lat, p.lon, port.position.lat, port.position.lon), 3000);  // data/ports/wpi.csv radius
  }
  // It came from, and went back to, the open sea under way.
  const auto& all = r.decoded.pos.at(r.mmsi("port_visit"));
  EXPECT_GT(all.front().sog, 10);
  EXPECT_GT(all.back().sog, 10);
}

TEST(SimulationScenarios, StsTransfer) {
  const FullRun& r = full_run();
  const auto* e = r.event("encounter", "sts_transfer");
  ASSERT_TRUE(e);
  const std::uint32_t a_mmsi = (*e)["mmsi"], b_mmsi = (*e)["other_mmsi"];
  EXPECT_NE(a_mmsi, b_mmsi);
  const UnixMillis a = ms((*e)["start"]), b = ms((*e)["end"]);
  EXPECT_GE(b - a, sim::hours_ms(4));
  EXPECT_LE(b - a, sim::hours_ms(6));
  const auto pa = between(r.decoded.pos.at(a_mmsi), a, b);
  const auto pb = between(r.decoded.pos.at(b_mmsi), a, b);
  ASSERT_GT(pa.size(), 1000U);
  std::size_t j = 0, pairs = 0;
  for (const auto& p : pa) {
    EXPECT_LT(p.sog, 1.0);
    while (j + 1 < pb.size() && pb[j + 1].t <= p.t) ++j;
    if (std::llabs(pb[j].t - p.t) > 1000) continue;  // the same second
    ++pairs;
    const double d = dist_m(p.lat, p.lon, pb[j].lat, pb[j].lon);
    EXPECT_GE(d, 100);
    EXPECT_LE(d, 300);
  }
  for (const auto& p : pb) EXPECT_LT(p.sog, 1.0);
  EXPECT_GT(pairs, 100U);
  EXPECT_GE((*e)["median_distance_m"].get<double>(), 100);
  EXPECT_LE((*e)["median_distance_m"].get<double>(), 300);
  // Before and after, both were under way.
  EXPECT_GT(r.decoded.pos.at(a_mmsi).front().sog, 8);
  EXPECT_GT(r.decoded.pos.at(b_mmsi).back().sog, 8);
}

TEST(SimulationScenarios, Loitering) {
  const FullRun& r = full_run();
  const auto* e = r.event("loitering", "loitering");
  ASSERT_TRUE(e);
  const UnixMillis a = ms((*e)["start"]), b = ms((*e)["end"]);
  EXPECT_NEAR(static_cast<double>(b - a) / 3.6e6, 8, 0.05);
  const std::uint32_t mmsi = (*e)["mmsi"];
  const auto v = between(r.decoded.pos.at(mmsi), a, b);
  ASSERT_GT(v.size(), 2000U);
  for (const auto& p : v) {
    EXPECT_GE(p.sog, 0.3);  // 0.5..1.5 kn scripted, 0.05 kn noise
    EXPECT_LE(p.sog, 1.7);
  }
  // Alone: no other vessel slow (< 3 kn) within 10 km during the window
  // (background ships may pass at speed).
  for (const auto& [other, ov] : r.decoded.pos) {
    if (other == mmsi) continue;
    for (const auto& p : between(ov, a, b))
      if (p.sog < 3) ASSERT_GT(dist_m(p.lat, p.lon, (*e)["lat"], (*e)["lon"]), 10000) << other;
  }
}

TEST(SimulationScenarios, Spoofing) {
  const FullRun& r = full_run();
  const auto* e = r.event("position_jump", "spoofing");
  ASSERT_TRUE(e);
  const auto& v = r.decoded.pos.at((*e)["mmsi"].get<std::uint32_t>());
  const UnixMillis a = ms((*e)["start"]), b = ms((*e)["end"]);
  std::size_t first = 0;
  while (v[first].t < a) ++first;
  std::size_t last = first;
  while (last + 1 < v.size() && v[last + 1].t <= b) ++last;
  const std::size_t n = last - first + 1;
  EXPECT_GE(n, 1U);
  EXPECT_LE(n, 3U);
  EXPECT_EQ((*e)["positions"].get<std::size_t>(), n);
  ASSERT_GT(first, 0U);
  const Pos& good = v[first - 1];
  const Pos& back = v[last + 1];
  for (std::size_t i = first; i <= last; ++i) {
    const double km = dist_m(good.lat, good.lon, v[i].lat, v[i].lon) / 1000;
    EXPECT_GE(km, 50);
    EXPECT_LE(km, 300);
  }
  // Back on the track: the next position is where the ship could be.
  const double hours = static_cast<double>(back.t - good.t) / 3.6e6;
  EXPECT_LT(dist_m(good.lat, good.lon, back.lat, back.lon) / kNm / hours, 20);
  EXPECT_GT((*e)["implied_speed_kn"].get<double>(), 1000);
}

TEST(SimulationScenarios, IdentityChange) {
  const FullRun& r = full_run();
  const auto* e = r.event("identity_change", "identity_change");
  ASSERT_TRUE(e);
  const UnixMillis at = ms((*e)["start"]);
  const std::string old_name = (*e)["before"]["name"], new_name = (*e)["after"]["name"];
  const std::string old_cs = (*e)["before"]["callsign"], new_cs = (*e)["after"]["callsign"];
  EXPECT_NE(old_name, new_name);
  EXPECT_NE(old_cs, new_cs);
  int before = 0, after = 0;
  for (const auto& s : r.decoded.statics.at((*e)["mmsi"].get<std::uint32_t>())) {
    if (s.t < at) {
      EXPECT_EQ(s.name, old_name);
      EXPECT_EQ(s.callsign, old_cs);
      ++before;
    } else {
      EXPECT_EQ(s.name, new_name);
      EXPECT_EQ(s.callsign, new_cs);
      ++after;
    }
  }
  EXPECT_GT(before, 50);
  EXPECT_GT(after, 50);
}

TEST(SimulationScenarios, SharedMmsi) {
  const FullRun& r = full_run();
  const auto* e = r.event("shared_mmsi", "shared_mmsi");
  ASSERT_TRUE(e);
  const UnixMillis a = ms((*e)["start"]), b = ms((*e)["end"]);
  EXPECT_GE(b - a, sim::hours_ms(9.9));
  const auto v = between(r.decoded.pos.at((*e)["mmsi"].get<std::uint32_t>()), a, b);
  // Two groups (south and north); every position of one is > 100 nm from
  // every position of the other received within the same minute, and both
  // report in every hour of the window.
  std::vector<Pos> south, north;
  for (const auto& p : v) (p.lat < 40.25 ? south : north).push_back(p);
  ASSERT_GT(south.size(), 1000U);
  ASSERT_GT(north.size(), 1000U);
  std::size_t j = 0, pairs = 0;
  for (const auto& p : south) {
    while (j + 1 < north.size() && north[j + 1].t <= p.t) ++j;
    if (std::llabs(north[j].t - p.t) > 60000) continue;
    ++pairs;
    ASSERT_GT(dist_m(p.lat, p.lon, north[j].lat, north[j].lon), 100 * kNm);
  }
  EXPECT_GT(pairs, 1000U);
  for (UnixMillis h = a; h + sim::hours_ms(1) <= b; h += sim::hours_ms(1)) {
    EXPECT_FALSE(between(south, h, h + sim::hours_ms(1)).empty());
    EXPECT_FALSE(between(north, h, h + sim::hours_ms(1)).empty());
  }
  EXPECT_GT((*e)["min_distance_nm"].get<double>(), 100);
}

TEST(SimulationScenarios, CoverageHole) {
  const FullRun& r = full_run();
  ASSERT_EQ(r.result.world.holes.size(), 1U);
  const sim::CoverageHole& hole = r.result.world.holes[0];
  EXPECT_NEAR(hole.box.lat_max - hole.box.lat_min, 2.0, 1e-9);
  EXPECT_NEAR(hole.box.lon_max - hole.box.lon_min, 2.0, 1e-9);
  // Nothing received from inside the box while the hole is open (the
  // tolerance covers GNSS noise across the edge).
  sim::Box inner = hole.box;
  inner.lat_min += 0.001;
  inner.lat_max -= 0.001;
  inner.lon_min += 0.001;
  inner.lon_max -= 0.001;
  std::size_t inside_before = 0;
  for (const auto& [mmsi, v] : r.decoded.pos) {
    for (const auto& p : v) {
      if (!inner.contains(p.lat, p.lon)) continue;
      ASSERT_FALSE(p.t >= hole.start && p.t < hole.end) << mmsi;
      ++inside_before;
    }
  }
  EXPECT_GT(inside_before, 0U);  // the box is received outside the hole's hours
  // The crossing ship's gap: no disabling suspected, and it spans its time inside.
  const auto* e = r.event("gap", "coverage_hole");
  ASSERT_TRUE(e);
  EXPECT_FALSE((*e)["suspected_disabling"].get<bool>());
  EXPECT_EQ((*e)["cause"], "coverage_hole");
  EXPECT_GT(ms((*e)["end"]) - ms((*e)["start"]), sim::hours_ms(12));
  EXPECT_FALSE(hole.box.contains((*e)["lat"], (*e)["lon"]) && hole.box.contains((*e)["end_lat"], (*e)["end_lon"]));
  // Background vessels caught in the hole have truth gaps of the same cause.
  for (const auto& g : r.truth)
    if (g["type"] == "gap" && g["scenario"] == "background") EXPECT_EQ(g["cause"], "coverage_hole") << g;
}

TEST(SimulationScenarios, CrossingShipsPassCloseAtSpeed) {
  const FullRun& r = full_run();
  const auto& a = r.decoded.pos.at(r.mmsi("crossing", 0));
  const auto& b = r.decoded.pos.at(r.mmsi("crossing", 1));
  double closest = 1e18;
  std::size_t j = 0;
  for (const auto& p : a) {
    while (j + 1 < b.size() && b[j + 1].t <= p.t) ++j;
    if (std::llabs(b[j].t - p.t) > 10000) continue;
    closest = std::min(closest, dist_m(p.lat, p.lon, b[j].lat, b[j].lon));
    EXPECT_GT(p.sog, 10);
  }
  EXPECT_LT(closest, 600);
}

TEST(SimulationScenarios, ScenarioPositionsAreAtSeaFarFromShore) {
  REQUIRE_LAND_MASK();
  const FullRun& r = full_run();
  // Every received position of every scenario vessel is water, except in
  // the last kilometres of a port approach (ports GSHHG draws as land).
  for (const auto& info : r.result.world.scenarios) {
    for (std::size_t idx : info.vessels) {
      const auto& v = r.result.world.vessels[idx];
      const auto& ps = r.decoded.pos.at(v.mmsi);
      for (std::size_t i = 0; i < ps.size(); i += 10) {
        const Pos& p = ps[i];
        bool near_port = false;
        for (const auto& port : sim::ports())
          near_port = near_port || dist_m(p.lat, p.lon, port.position.lat, port.position.lon) < 25000;
        if (near_port) continue;
        ASSERT_FALSE(land()->is_land(p.lat, p.lon)) << info.name << " " << p.lat << " " << p.lon;
      }
    }
  }
  // Encounters and loitering: more than 20 nm (and here 30 km) from any coast.
  for (const char* type : {"encounter", "loitering"}) {
    const json* e = nullptr;
    for (const auto& t : r.truth)
      if (t["type"] == type) e = &t;
    ASSERT_TRUE(e);
    const auto v = between(r.decoded.pos.at((*e)["mmsi"].get<std::uint32_t>()), ms((*e)["start"]), ms((*e)["end"]));
    for (std::size_t i = 0; i < v.size(); i += 50)
      ASSERT_GT(land()->distance_to_shore_m(v[i].lat, v[i].lon, 40000), 40000) << type;
  }
}

// ---- the command ----------------------------------------------------------------

TEST(SimulateTest, CommandWritesTheThreeFilesReproducibly) {
  const ScratchDir scratch("simulate");
  const auto& dir = scratch.path();
  const std::string cmd = "'" + tidewatch_binary() + "' simulate --seed 5 --vessels 3 --hours 30 "
                          "--scenarios port_visit,sts_transfer --start 2025-01-02T03:04:05Z --out ";
  const RunResult one = run_command(cmd + "one", dir);
  ASSERT_EQ(one.status, 0) << one.err;
  EXPECT_NE(one.err.find("messages/s"), std::string::npos) << one.err;
  const RunResult two = run_command(cmd + "two -q", dir);
  ASSERT_EQ(two.status, 0) << two.err;
  EXPECT_TRUE(two.err.empty()) << two.err;
  auto slurp = [](const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  for (const char* f : {"ais.nmea", "truth.jsonl", "scenario.json"}) {
    const std::string a = slurp(dir / "one" / f), b = slurp(dir / "two" / f);
    EXPECT_FALSE(a.empty()) << f;
    EXPECT_TRUE(a == b) << f << " differs between two runs";
  }
  const json scenario = json::parse(slurp(dir / "one" / "scenario.json"));
  EXPECT_EQ(scenario["options"]["seed"], 5);
  EXPECT_EQ(scenario["options"]["start"], "2025-01-02T03:04:05Z");
  EXPECT_EQ(scenario["scenarios"].size(), 2U);
  EXPECT_GT(scenario["counts"]["messages"].get<int>(), 10000);
  std::ifstream truth(dir / "one" / "truth.jsonl");
  std::set<std::string> types;
  for (std::string line; std::getline(truth, line);) types.insert(json::parse(line)["type"]);
  EXPECT_EQ(types, (std::set<std::string>{"encounter", "loitering", "port_visit"}));  // the transfer ships loiter too
  // The first line's tag block carries the start time.
  const std::string nmea = slurp(dir / "one" / "ais.nmea");
  EXPECT_EQ(nmea.rfind("\\s:", 0), 0U);
  EXPECT_NE(nmea.substr(0, 40).find("c:17357870"), std::string::npos) << nmea.substr(0, 80);

  const RunResult bad = run_command("'" + tidewatch_binary() + "' simulate --out x --scenarios bogus", dir);
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("unknown scenario 'bogus'"), std::string::npos) << bad.err;
  const RunResult short_run = run_command("'" + tidewatch_binary() + "' simulate --out x --hours 10", dir);
  EXPECT_EQ(short_run.status, 2);
  EXPECT_NE(short_run.err.find("at least 46"), std::string::npos) << short_run.err;
}

}  // namespace
}  // namespace tidewatch::test
