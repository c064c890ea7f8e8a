// track::Segmenter: one short fixture per GFW rule (docs/tracks.md §1.1-§1.3).
#include <gtest/gtest.h>

#include <cmath>
#include <variant>
#include <vector>

#include "support/fixtures.h"

#include "tidewatch/ingest/gfw_json.h"
#include "tidewatch/track/segmenter.h"

namespace tidewatch::track {
namespace {

using K = Label::Kind;
constexpr double kNaN = Ping::kNull;
using test::kMinUs;
constexpr double kNm = 1.0 / 60;           // degrees of latitude per nautical mile

// A position message: minutes from start, lat, lon, speed, course, AIS type.
Ping pos(double minutes, double lat, double lon, double speed = 0, double course = 0,
         std::uint8_t type = 1) {
  static std::uint64_t next_msgid = 1000;
  Ping p;
  p.mmsi = 123456789;
  p.time_us = static_cast<std::int64_t>(minutes * static_cast<double>(kMinUs));
  p.msgid = ++next_msgid;
  p.lat = lat;
  p.lon = lon;
  p.speed = speed;
  p.course = course;
  p.heading = kNaN;
  p.msg_type = type;
  return p;
}

std::vector<Label> run(const std::vector<Ping>& pings, SegmenterParams params = {}) {
  LabelCollector sink;
  Segmenter s(params, sink);
  for (const auto& p : pings) s.feed(p);
  s.finish();
  EXPECT_EQ(sink.labels.size(), pings.size());
  return sink.labels;
}

TEST(SegmenterRules, OneTrackForAStraightRun) {
  // 10 kn north, a fix every 6 minutes (1 nm apart)
  std::vector<Ping> v;
  for (int k = 0; k < 8; ++k) v.push_back(pos(6.0 * k, k * kNm, 0, 10, 0));
  const auto l = run(v);
  for (const auto& x : l) {
    EXPECT_EQ(x.kind, K::member);
    EXPECT_EQ(x.segment, l[0].segment);
  }
}

TEST(SegmenterRules, DuplicateMsgidIsDropped) {
  auto a = pos(0, 0, 0);
  auto b = pos(5, 0.01, 0);
  b.msgid = a.msgid;
  const auto l = run({a, b, pos(10, 0, 0)});
  EXPECT_EQ(l[0].kind, K::member);
  EXPECT_EQ(l[1].kind, K::dropped_duplicate);
  EXPECT_EQ(l[1].segment, Label::kNone);
  EXPECT_EQ(l[2].kind, K::member);
}

TEST(SegmenterRules, AlreadySeenMovingPositionIsDropped) {
  // same lat/lon/course/speed/heading: dropped when speed > 0 ...
  const auto l = run({pos(0, 1, 1, 5, 90), pos(10, 1, 1, 5, 90), pos(20, 1, 1, 0, 90),
                      pos(30, 1, 1, 0, 90)});
  EXPECT_EQ(l[0].kind, K::member);
  EXPECT_EQ(l[1].kind, K::dropped_seen);
  // ... but never when speed == 0
  EXPECT_EQ(l[2].kind, K::member);
  EXPECT_EQ(l[3].kind, K::member);
  // the key rounds to 1/60000 degree: 1e-6 degree away is the same key
  const auto m = run({pos(0, 1, 1, 5, 90), pos(10, 1 + 1e-6, 1, 5, 90)});
  EXPECT_EQ(m[1].kind, K::dropped_seen);
}

TEST(SegmenterRules, BadMessagesAreSingletons) {
  // lat 91 / lon 181 "not available" (v3.0.0 range rule), a null course when
  // moving, a null speed, and course 360 when moving (v3.0.0 course rule)
  const auto l = run({pos(0, 0, 0), pos(1, 91, 181, 102.3, 360), pos(2, 0, 0, 5, kNaN),
                      pos(3, 0, 0, kNaN, 10), pos(4, 0, 0, 0.5, 360), pos(5, 0, 0)});
  EXPECT_EQ(l[0].kind, K::member);
  for (int k = 1; k <= 4; ++k) {
    EXPECT_EQ(l[k].kind, K::noise_bad) << k;
    EXPECT_NE(l[k].segment, l[0].segment);
  }
  EXPECT_EQ(l[5].kind, K::member);
  EXPECT_EQ(l[5].segment, l[0].segment);
  // all singletons are distinct
  EXPECT_NE(l[1].segment, l[2].segment);
}

TEST(SegmenterRules, NullCourseAtVerySlowSpeedIsAPosition) {
  const auto l = run({pos(0, 0, 0), pos(10, 0, 0.0001, 0.35, kNaN), pos(20, 0, 0, 0.3, 360)});
  EXPECT_EQ(l[1].kind, K::member);
  EXPECT_EQ(l[2].kind, K::member);
  EXPECT_EQ(l[1].segment, l[0].segment);
}

TEST(SegmenterRules, RangeRuleCanBeTurnedOff) {
  SegmenterParams p;
  p.range_rule = false;
  const auto l = run({pos(0, 91, 181, 0, 0)}, p);
  EXPECT_EQ(l[0].kind, K::member);
}

TEST(SegmenterRules, InfoMessageIsASingletonAndNeverJoins) {
  Ping info = pos(1, 0, 0);
  info.lat = info.lon = info.speed = info.course = kNaN;
  info.msg_type = 5;
  const auto l = run({pos(0, 0, 0), info, pos(2, 0, 0)});
  EXPECT_EQ(l[1].kind, K::info);
  EXPECT_NE(l[1].segment, l[0].segment);
  EXPECT_EQ(l[2].segment, l[0].segment);
}

TEST(SegmenterRules, SegmentClosesAfter24Hours) {
  const auto l = run({pos(0, 0, 0), pos(23 * 60, 0, 0), pos(23 * 60 + 24 * 60 + 1, 0, 0)});
  EXPECT_EQ(l[1].segment, l[0].segment);
  EXPECT_NE(l[2].segment, l[0].segment);
}

TEST(SegmenterRules, TooFastForTheBoundStartsANewSegment) {
  // 60 nm in 1 h at speed 10: over 25 kn * hypot(1, 0.25) = 25.8 nm
  const auto l = run({pos(0, 0, 0, 10, 0), pos(60, 60 * kNm, 0, 10, 0), pos(66, 61 * kNm, 0, 10, 0)});
  EXPECT_NE(l[1].segment, l[0].segment);
  EXPECT_EQ(l[2].segment, l[1].segment);
  // the zero-time slack is 6.25 nm: 6 nm away at the same instant matches, 7 does not
  const auto m = run({pos(0, 0, 0), pos(0, 6 * kNm, 0), pos(0, 13.5 * kNm, 0)});
  EXPECT_EQ(m[1].segment, m[0].segment);
  EXPECT_NE(m[2].segment, m[0].segment);
}

TEST(SegmenterRules, LookbackDropsASpike) {
  // 10 kn north, 1 nm every 6 minutes; the 4th fix jumps 4 nm east, the next
  // fixes are back on the line: the spike is discarded from the segment.
  std::vector<Ping> v;
  for (int k = 0; k < 8; ++k) v.push_back(pos(6.0 * k, k * kNm, k == 3 ? 4 * kNm : 0, 10, 0));
  const auto l = run(v);
  EXPECT_EQ(l[3].kind, K::noise_discarded);
  EXPECT_NE(l[3].segment, l[0].segment);
  for (int k : {0, 1, 2, 4, 5, 6, 7}) {
    EXPECT_EQ(l[k].kind, K::member) << k;
    EXPECT_EQ(l[k].segment, l[0].segment) << k;
  }
}

TEST(SegmenterRules, AmbiguousMatchClosesBothSegments) {
  // two stationary segments 30 nm apart; 2 h later a fix half-way (15 nm from
  // each, within 25 * hypot(2, 0.25) = 50.4 nm): equally good -> both close,
  // a new segment opens, and the next fix there joins the new one.
  const auto l = run({pos(0, 0, 0), pos(1, 30 * kNm, 0), pos(121, 15 * kNm, 0),
                      pos(122, 15 * kNm, 0.0001), pos(123, 0, 0)});
  EXPECT_NE(l[0].segment, l[1].segment);
  EXPECT_NE(l[2].segment, l[0].segment);
  EXPECT_NE(l[2].segment, l[1].segment);
  EXPECT_EQ(l[3].segment, l[2].segment);
  // segment 0 was closed by the ambiguity: a fix back at its place starts anew
  EXPECT_NE(l[4].segment, l[0].segment);
}

TEST(SegmenterRules, TransponderMismatchIsDownWeighted) {
  // as above but the right-hand segment is Class B (type 18) and the new fix
  // is Class B, slightly closer to it: the Class A segment's metric * 0.1
  // is no longer within the ambiguity factor, so the fix joins the B segment.
  const auto same = run({pos(0, 0, 0, 0, 0, 1), pos(1, 30 * kNm, 0, 0, 0, 1),
                         pos(121, 16 * kNm, 0, 0, 0, 1)});
  EXPECT_NE(same[2].segment, same[0].segment);  // ambiguous: new segment
  EXPECT_NE(same[2].segment, same[1].segment);
  const auto l = run({pos(0, 0, 0, 0, 0, 1), pos(1, 30 * kNm, 0, 0, 0, 18),
                      pos(121, 16 * kNm, 0, 0, 0, 18)});
  EXPECT_EQ(l[2].segment, l[1].segment);
  // a lone segment of the other class still matches (weight, not exclusion)
  const auto m = run({pos(0, 0, 0, 0, 0, 1), pos(10, 0.5 * kNm, 0, 0, 0, 18)});
  EXPECT_EQ(m[1].segment, m[0].segment);
}

TEST(SegmenterRules, Type27CloseInTimeIsNoise) {
  const auto l = run({pos(0, 0, 0), pos(30, 0.1 * kNm, 0, 0, 0, 27), pos(150, 0.2 * kNm, 0, 0, 0, 27)});
  EXPECT_EQ(l[1].kind, K::noise_type27);
  EXPECT_NE(l[1].segment, l[0].segment);
  EXPECT_EQ(l[2].kind, K::member);  // 2.5 h after the last fix: joins
  EXPECT_EQ(l[2].segment, l[0].segment);
}

TEST(SegmenterRules, AtMost100OpenSegments) {
  LabelCollector sink;
  Segmenter s(SegmenterParams{}, sink);
  for (int k = 0; k < 101; ++k) s.feed(pos(k, k * 0.5, 0));  // 30 nm apart: never match
  EXPECT_EQ(s.open_segments(), 100U);
  ASSERT_GE(sink.labels.size(), 1U);  // the oldest was emitted before the 101st opened
  EXPECT_EQ(sink.labels[0].kind, K::member);
  s.finish();
  EXPECT_EQ(s.open_segments(), 0U);
  ASSERT_EQ(sink.labels.size(), 101U);
  EXPECT_NE(sink.labels[0].segment, sink.labels[100].segment);
}

TEST(SegmenterRules, ValidSegsAlphaQuirk) {
  // Open segments in order: S0 (20 fixes, far away), S1 (1 fix), S2 (1 fix,
  // 14 nm north of S1).  A fix 5 nm north of S1 two hours later matches S1
  // (5 nm) and S2 (9 nm), metric ratio ~0.57.  GFW scales the two matches with
  // the alphas of the FIRST two open segments (S0: 20/10, S1: 1/10), so S1's
  // match is not within the ambiguity factor of... S2's: no ambiguity, the fix
  // joins S1.  With the matched segments' own alphas it would be ambiguous.
  std::vector<Ping> v;
  for (int k = 0; k < 20; ++k) v.push_back(pos(k, 10, 0));
  v.push_back(pos(20, 0, 0));
  v.push_back(pos(21, 14 * kNm, 0));
  v.push_back(pos(141, 5 * kNm, 0));
  const auto l = run(v);
  EXPECT_NE(l[20].segment, l[21].segment);
  EXPECT_EQ(l[22].segment, l[20].segment);
}

TEST(SegmenterRules, UnsortedAndOtherMmsiAreDropped) {
  auto other = pos(20, 0, 0);
  other.mmsi = 987654321;
  const auto l = run({pos(10, 0, 0), pos(5, 0, 0), other});
  EXPECT_EQ(l[1].kind, K::dropped_unsorted);
  EXPECT_EQ(l[2].kind, K::dropped_other_mmsi);
}

TEST(SegmenterRules, SegmentIdsAreGfwStrings) {
  LabelCollector sink;
  sink.keep_segments = true;
  Segmenter s(SegmenterParams{}, sink);
  auto p = pos(0, 0, 0);
  p.mmsi = 567000000;
  p.time_us = 1609497840LL * 1000000;  // 2021-01-01T10:44:00Z
  s.feed(p);
  s.finish();
  ASSERT_EQ(sink.segments.size(), 1U);
  EXPECT_EQ(sink.segments[0].gfw_id, "567000000-2021-01-01T10:44:00.000000Z");
}

TEST(SegmenterRules, PingFromObservationUsesDegreesAndKnots) {
  ingest::Observation o;
  o.mmsi = 1;
  o.time = 1000;
  o.position.lat_e7 = 123456789;
  o.position.lon_e7 = -10000000;
  o.position.sog = 93;
  o.position.cog = 3599;
  const Ping p = Ping::from(o);
  EXPECT_EQ(p.time_us, 1000000);
  EXPECT_DOUBLE_EQ(p.lat, 12.3456789);
  EXPECT_DOUBLE_EQ(p.lon, -1.0);
  EXPECT_DOUBLE_EQ(p.speed, 9.3);
  EXPECT_DOUBLE_EQ(p.course, 359.9);
  EXPECT_TRUE(std::isnan(p.heading));
}

// ---- the GFW JSON reader -------------------------------------------------------

using ingest::GfwMessage;
using ingest::parse_gfw_line;

TEST(SegmenterGfwJson, ReadsAV3LineWithNaN) {
  const auto r = parse_gfw_line(
      R"({"Index": 1, "msgid": "88d4-77", "source": "orbcomm", "type": "AIS.18", "ssvid": "412331088", )"
      R"("timestamp": "2021-01-01T00:04:22+00:00", "lon": -67.0347016667, "lat": -51.4232183333, )"
      R"("speed": 9.3000001907, "course": 37.0, "heading": NaN, "shipname": null, "length": NaN, )"
      R"x("identities": {"(\"A\", {1: 2})": [1, {"x": "}"}]}, "destinations": {}, "expected": "412331088-2021-01-01T00:04:22.000000Z"})x",
      LineRef{0, 7});
  ASSERT_TRUE(std::holds_alternative<GfwMessage>(r));
  const auto& m = std::get<GfwMessage>(r);
  EXPECT_EQ(m.obs.mmsi, 412331088U);
  EXPECT_EQ(m.time_us, 1609459462LL * 1000000);
  EXPECT_EQ(m.obs.time, 1609459462000LL);
  EXPECT_EQ(m.obs.msg_type, 18);
  EXPECT_EQ(m.obs.transponder, ingest::Transponder::class_b);
  EXPECT_EQ(m.obs.kind, ingest::Observation::Kind::position);
  EXPECT_EQ(m.raw.speed, 9.3000001907);
  EXPECT_EQ(m.raw.lat, -51.4232183333);
  EXPECT_TRUE(std::isnan(m.raw.heading));
  EXPECT_EQ(m.obs.position.lat_e7, -514232183);
  EXPECT_EQ(m.obs.position.sog, 93);
  EXPECT_EQ(m.obs.position.cog, 370);
  EXPECT_FALSE(m.obs.position.heading);
  EXPECT_EQ(m.obs.ref.line, 7U);
  EXPECT_EQ(m.msgid, "88d4-77");
  EXPECT_NE(m.obs.msgid, 0U);
  ASSERT_TRUE(m.expected);
  EXPECT_EQ(*m.expected, "412331088-2021-01-01T00:04:22.000000Z");
}

TEST(SegmenterGfwJson, StaticAndNullExpected) {
  const auto r = parse_gfw_line(
      R"({"msgid": "a", "type": "AIS.5", "ssvid": "416070900", "timestamp": "2021-01-01T00:06:13+00:00", )"
      R"("lon": NaN, "lat": NaN, "speed": NaN, "course": NaN, "shipname": "PEI YUH NO.6\u0040", )"
      R"("callsign": "BI2528", "imo": "0", "length": 30.0, "expected": null})",
      LineRef{});
  ASSERT_TRUE(std::holds_alternative<GfwMessage>(r));
  const auto& m = std::get<GfwMessage>(r);
  EXPECT_EQ(m.obs.kind, ingest::Observation::Kind::static_info);
  EXPECT_EQ(m.obs.info.name.view(), "PEI YUH NO.6@");
  EXPECT_EQ(m.obs.info.callsign.view(), "BI2528");
  EXPECT_EQ(m.obs.info.dimensions.to_bow, 30);
  EXPECT_TRUE(m.has_expected_field);
  EXPECT_FALSE(m.expected);
  const Ping p = Ping::from_gfw(m);
  EXPECT_TRUE(std::isnan(p.lat) && std::isnan(p.speed));
}

TEST(SegmenterGfwJson, OldFormat) {
  const auto r = parse_gfw_line(
      R"({"ssvid": 416000000, "lat": 22.568214416503906, "lon": 120.31088256835938, "timestamp": "2014-01-01 01:14:25.000000", "course": 0, "speed": 0})",
      LineRef{});
  ASSERT_TRUE(std::holds_alternative<GfwMessage>(r));
  const auto& m = std::get<GfwMessage>(r);
  EXPECT_EQ(m.obs.mmsi, 416000000U);
  EXPECT_EQ(m.time_us, 1388538865LL * 1000000);
  EXPECT_EQ(m.obs.msgid, 0U);
  EXPECT_EQ(m.obs.msg_type, 0);
  EXPECT_FALSE(m.has_expected_field);
}

TEST(SegmenterGfwJson, BadLinesAreValues) {
  auto reason = [](std::string_view line) {
    const auto r = parse_gfw_line(line, LineRef{});
    return std::holds_alternative<RejectReason>(r) ? std::get<RejectReason>(r)
                                                   : static_cast<RejectReason>(255);
  };
  EXPECT_EQ(reason(""), RejectReason::bad_json);
  EXPECT_EQ(reason("{"), RejectReason::bad_json);
  EXPECT_EQ(reason(R"({"ssvid": "1", "timestamp": "2021-01-01T00:00:00Z"} x)"), RejectReason::bad_json);
  EXPECT_EQ(reason(R"({"ssvid": "1", "timestamp": "2021-01-01T00:00:00Z", "lat": 1.2.3})"), RejectReason::bad_json);
  EXPECT_EQ(reason(R"({"ssvid": "1", "timestamp": "2021-01-01T00:00:00Z", "s": "\q"})"), RejectReason::bad_json);
  EXPECT_EQ(reason(R"([1, 2])"), RejectReason::bad_json);
  EXPECT_EQ(reason(R"({"timestamp": "2021-01-01T00:00:00Z"})"), RejectReason::missing_field);
  EXPECT_EQ(reason(R"({"ssvid": "1"})"), RejectReason::missing_field);
  EXPECT_EQ(reason(R"({"ssvid": "x1", "timestamp": "2021-01-01T00:00:00Z"})"), RejectReason::missing_field);
  EXPECT_EQ(reason(R"({"ssvid": "1", "timestamp": "2021-13-01T00:00:00Z"})"), RejectReason::bad_time);
  EXPECT_EQ(reason(R"({"ssvid": "1", "timestamp": "2021-01-01T00:00:00+02:00"})"), RejectReason::bad_time);
  EXPECT_EQ(reason(R"({"ssvid": "1", "timestamp": 5})"), RejectReason::bad_time);
}

TEST(SegmenterGfwJson, EveryLineOfTheOldFileReads) {
  // robustness: the 2014 file (no type, no msgid) reads and segments without error
  const std::string path = std::string(TIDEWATCH_SHARED_DATA) + "/tracks/gfw-gpsdio-segment-v3.0.0/416000000.json";
  std::FILE* f = std::fopen(path.c_str(), "r");
  if (!f) GTEST_SKIP() << "shared data not found: " << path;
  char buf[4096];
  LabelCollector sink;
  Segmenter s(SegmenterParams{}, sink);
  std::size_t n = 0;
  while (std::fgets(buf, sizeof buf, f)) {
    std::string_view line(buf);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    const auto r = parse_gfw_line(line, LineRef{0, ++n});
    ASSERT_TRUE(std::holds_alternative<GfwMessage>(r)) << n;
    s.feed(Ping::from_gfw(std::get<GfwMessage>(r)));
  }
  std::fclose(f);
  s.finish();
  EXPECT_EQ(n, 1668U);
  EXPECT_EQ(sink.labels.size(), n);
}

}  // namespace
}  // namespace tidewatch::track
