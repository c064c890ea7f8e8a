// track/quality.h: shared_mmsi and position_jump on short fixtures and on the
// GFW gpsdio-segment v3.0.0 regression files; identity flapping on
// regr_416070900.
#include "tidewatch/track/quality.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <variant>
#include <vector>

#include "support/data.h"
#include "support/fixtures.h"
#include "tidewatch/geo/distance.h"
#include "tidewatch/ingest/format.h"
#include "tidewatch/ingest/gfw_json.h"
#include "tidewatch/track/identity.h"
#include "tidewatch/track/segmenter.h"

namespace tidewatch::track {
namespace {

using test::kMinUs;

constexpr std::int64_t kT0 = 1700000000LL * 1000000;  // microseconds

struct Fixture {
  std::vector<Ping> pings;
  LabelCollector segs;
  std::vector<SharedMmsiEvent> shared;
  std::vector<PositionJumpEvent> jumps;
};

void segment_and_detect(Fixture& r) {
  r.segs.keep_segments = true;
  Segmenter s(SegmenterParams{}, r.segs);
  for (const auto& p : r.pings) s.feed(p);
  s.finish();
  r.shared = detect_shared_mmsi(r.pings, r.segs.labels, r.segs.segments);
  r.jumps = detect_position_jumps(r.pings, r.segs.labels, r.segs.segments);
}

Ping ping(std::int64_t t_us, double lat, double lon, double speed, double course) {
  static std::uint64_t msgid = 0;
  Ping p;
  p.mmsi = 219000123;
  p.time_us = t_us;
  p.msgid = ++msgid;
  p.lat = lat;
  p.lon = lon;
  p.speed = speed;
  p.course = course;
  p.msg_type = 1;
  return p;
}

/// A vessel steaming north at `kn` knots from (lat, lon), one fix every `step` minutes.
Ping north(double lat0, double lon, double kn, std::int64_t minute) {
  const double lat = lat0 + kn * static_cast<double>(minute) / 60.0 / 60.0;
  return ping(kT0 + minute * kMinUs, lat, lon, kn, 0.0);
}

TEST(QualitySharedMmsi, TwoShipsFarApartForHoursAreOneEvent) {
  Fixture r;
  for (std::int64_t m = 0; m < 4 * 60; m += 5) {
    r.pings.push_back(north(10.0, 0.0, 10, m));       // ship A
    r.pings.push_back(north(20.0, 5.0, 10, m + 2));   // ship B, ~660 nm away
  }
  segment_and_detect(r);
  ASSERT_EQ(r.shared.size(), 1U);
  const auto& e = r.shared[0];
  EXPECT_NE(e.segment_a, e.segment_b);
  EXPECT_EQ(e.start_us, kT0 + 2 * kMinUs);             // the overlap
  EXPECT_EQ(e.end_us, kT0 + 235 * kMinUs);
  EXPECT_GE(e.far, 3U);
  EXPECT_EQ(e.far, e.paired);
  EXPECT_GT(e.max_distance_nm, 600.0);
  EXPECT_EQ(e.evidence.size(), 4U);
  EXPECT_TRUE(r.jumps.empty());
}

TEST(QualitySharedMmsi, OneShipIsNone) {
  Fixture r;
  for (std::int64_t m = 0; m < 6 * 60; m += 3) r.pings.push_back(north(10.0, 0.0, 12, m));
  segment_and_detect(r);
  EXPECT_TRUE(r.shared.empty());
  EXPECT_TRUE(r.jumps.empty());
}

TEST(QualitySharedMmsi, ShortOverlapIsNone) {
  // Two far-apart ships overlapping for only 30 min.
  Fixture r;
  for (std::int64_t m = 0; m < 120; m += 2) r.pings.push_back(north(10.0, 0.0, 10, m));
  for (std::int64_t m = 90; m < 240; m += 2) r.pings.push_back(north(30.0, 30.0, 10, m + 1));
  std::stable_sort(r.pings.begin(), r.pings.end(),
                   [](const Ping& a, const Ping& b) { return a.time_us < b.time_us; });
  segment_and_detect(r);
  EXPECT_TRUE(r.shared.empty());
}

void spike_case(double offset_deg_lon) {
  Fixture r;
  for (std::int64_t m = 0; m < 60; ++m) r.pings.push_back(north(10.0, 0.0, 12, m));
  // Minute 30 jumps east and minute 31 is back on the track.
  Ping& s = r.pings[30];
  s.lon += offset_deg_lon;
  segment_and_detect(r);
  ASSERT_EQ(r.jumps.size(), 1U) << offset_deg_lon;
  const auto& j = r.jumps[0];
  EXPECT_EQ(j.run, std::vector<std::uint32_t>{30});
  EXPECT_EQ(j.last_good, 29U);
  EXPECT_EQ(j.next_good, 31U);
  const double km = geo::haversine_m(r.pings[29].lat, r.pings[29].lon, s.lat, s.lon) / 1000.0;
  EXPECT_NEAR(j.distance_km, km, 1e-9);
  EXPECT_NEAR(j.implied_speed_kn, km * 1000.0 / geo::kMetresPerNm * 60.0, 1e-6);  // over 1 min
  EXPECT_EQ(j.start_us, s.time_us);
  EXPECT_EQ(j.evidence(), (std::vector<std::uint32_t>{29, 30, 31}));
  EXPECT_TRUE(r.shared.empty());
}

TEST(QualityPositionJump, SpikeOutAndBackInsideGfwRadiusIsDiscardedAndOneJump) {
  spike_case(0.05);  // ~5.5 km: GFW appends it, then discards it
}

TEST(QualityPositionJump, SpikeBeyondGfwRadiusIsOneJump) {
  spike_case(0.5);  // ~55 km: GFW opens a 1-position segment for it
}

TEST(QualityPositionJump, RealMoveAt20KnotsIsNone) {
  Fixture r;
  for (std::int64_t m = 0; m < 180; m += 2) r.pings.push_back(north(10.0, 0.0, 20, m));
  segment_and_detect(r);
  EXPECT_TRUE(r.jumps.empty());
  EXPECT_TRUE(r.shared.empty());
}

TEST(QualityPositionJump, JitterUnderOneKmIsNone) {
  Fixture r;
  for (std::int64_t m = 0; m < 60; ++m) r.pings.push_back(north(10.0, 0.0, 12, m));
  r.pings[30].lon += 0.005;  // ~550 m in one minute: > 25 kn but GNSS jitter
  segment_and_detect(r);
  EXPECT_TRUE(r.jumps.empty());
}

TEST(QualityPositionJump, NoReturnIsNone) {
  // The vessel "jumps" and the track never comes back: not a spike.
  Fixture r;
  for (std::int64_t m = 0; m < 30; ++m) r.pings.push_back(north(10.0, 0.0, 12, m));
  for (std::int64_t m = 30; m < 33; ++m) r.pings.push_back(north(10.0, 0.5, 12, m));
  segment_and_detect(r);
  EXPECT_TRUE(r.jumps.empty());
}

// ---- GFW regression files ---------------------------------------------------------------

std::filesystem::path gfw_file(const std::string& name) {
  return test::shared_data("tracks/gfw-gpsdio-segment-v3.0.0/" + name);
}

Fixture run_gfw(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string line;
  Fixture r;
  std::uint64_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto parsed = ingest::parse_gfw_line(line, LineRef{0, n});
    if (auto* m = std::get_if<ingest::GfwMessage>(&parsed)) r.pings.push_back(Ping::from_gfw(*m));
  }
  segment_and_detect(r);
  return r;
}

TEST(QualityGfw, Regr412331088HasSharedMmsi) {
  const auto path = gfw_file("regr_412331088.json");
  TIDEWATCH_REQUIRE_SHARED(path);
  const Fixture r = run_gfw(path);
  EXPECT_GE(r.shared.size(), 1U);
  std::cout << "regr_412331088: shared_mmsi " << r.shared.size() << ", position_jump "
            << r.jumps.size() << '\n';
}

TEST(QualityGfw, Regr273444660HasNoSharedMmsi) {
  const auto path = gfw_file("regr_273444660.json");
  TIDEWATCH_REQUIRE_SHARED(path);
  const Fixture r = run_gfw(path);
  EXPECT_TRUE(r.shared.empty()) << r.shared.size();
  std::cout << "regr_273444660: shared_mmsi " << r.shared.size() << ", position_jump "
            << r.jumps.size() << '\n';
}

/// The identity history of a file read as the `tracks` command reads it.
IdentityHistory history_of(const std::filesystem::path& path, std::uint32_t mmsi) {
  struct Sink final : ingest::ObservationSink {
    std::vector<ingest::Observation> obs;
    void on_observation(const ingest::Observation& o) override { obs.push_back(o); }
    void on_reject(const RejectedLine&) override {}
  } sink;
  ingest::ReadOptions opt;
  opt.format = ingest::InputFormat::gfw_json;
  ingest::read_observations(path.string(), opt, sink);
  std::stable_sort(sink.obs.begin(), sink.obs.end(),
                   [](const ingest::Observation& a, const ingest::Observation& b) {
                     return a.time < b.time;
                   });
  IdentityHistory h(mmsi);
  for (const auto& o : sink.obs)
    if (o.mmsi == mmsi) h.add(o);
  return h;
}

TEST(IdentityFlapping, Regr416070900SpellingsAreOneIdentity) {
  const auto path = gfw_file("regr_416070900.json");
  TIDEWATCH_REQUIRE_SHARED(path);
  const IdentityHistory h = history_of(path, 416070900);
  // Both spellings stay in the history...
  bool dot = false, nodot = false;
  for (const auto& v : h.value_counts(IdentityField::name)) {
    dot = dot || v.value == "PEI YUH NO.6";
    nodot = nodot || v.value == "PEI YUH NO6";
  }
  EXPECT_TRUE(dot);
  EXPECT_TRUE(nodot);
  // ...but they alternate without being changes (436 before the flapping rules).
  EXPECT_LE(h.changes().size(), 5U);
  std::cout << "regr_416070900: identity_change " << h.changes().size() << '\n';
}

}  // namespace
}  // namespace tidewatch::track
