#include "support/observations.h"
#include "tidewatch/ingest/nmea_in.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "support/data.h"

namespace {

using namespace tidewatch;
using namespace tidewatch::ingest;

using Collector = test::ObservationCollector;

std::string tag(long long unix_seconds) {
  const std::string body = "c:" + std::to_string(unix_seconds) + ",s:test";
  unsigned x = 0;
  for (char c : body) x ^= static_cast<unsigned char>(c);
  char hex[4];
  std::snprintf(hex, sizeof hex, "%02X", x);
  return "\\" + body + "*" + hex + "\\";
}

}  // namespace

// Shared with gpsd_json_in_test.cpp through this accessor.
std::vector<std::string> nmea_fixture() {
  const long long t0 = 1600000000;
  return {
      tag(t0) + "!AIVDM,1,1,,B,19NWuLhuRb5QHfCpPcwj`26B0<02,0*5F",             // 1: type 1
      tag(t0 + 1) + "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C",
      "!AIVDM,2,2,1,A,88888888880,2*25",                                       // 2-3: type 5
      tag(t0 + 2) + "!AIVDM,1,1,,B,B5MtfS0005konQ5J7oF=wwb5oP06,0*52",         // 4: type 18
      tag(t0 + 3) + "!AIVDM,1,1,,B,H5NCRS0L4DhHu8<D00000000000,2*7F",          // 5: type 24 A
      tag(t0 + 4) + "!AIVDM,1,1,,B,Kq2Qm7R2JNtjVq52,0*7C",                   // 6: type 27
      tag(t0 + 5) + "!AIVDM,1,1,6,A,C5MtL4eP0FK?P@4I96hG`urH@2fF0000000000000000?P000020,0*4D",  // 7: 19
      tag(t0 + 6) + "!AIVDM,1,1,,A,402u=TiuaA000r5UJ`H4`?7000S:,0*75",         // 8: type 4
      "!AIVDM,1,1,,A,15MrVH0000KH<:V:NtBLoqFP2H9:,0*2F",                       // 9: no time
      "!AIVDM,1,1,,A,15MrVH0000KH<:V:NtBLoqFP2H9:,0*2E",                       // 10: bad checksum
  };
}

TEST(NmeaIn, TypesBecomeObservationsAsDocumented) {
  const auto lines = nmea_fixture();
  Collector sink;
  NmeaReader reader(sink, 2);
  for (std::size_t i = 0; i < lines.size(); ++i) reader.feed_line(lines[i], i + 1);
  reader.finish();
  const IngestStats& s = reader.stats();
  EXPECT_EQ(s.lines, 10u);
  EXPECT_EQ(s.no_time, 1u);
  EXPECT_EQ(s.ignored_messages, 1u);  // type 4
  EXPECT_EQ(s.rejected_for(RejectReason::bad_checksum), 1u);
  ASSERT_EQ(sink.rejects.size(), 1u);
  EXPECT_EQ(sink.rejects[0].where.line, 10u);
  EXPECT_EQ(sink.rejects[0].where.source, 2u);

  // Independent decode of the same lines: every observation matches its message.
  const test::Decoded d = test::decode_lines(lines);
  std::size_t expected_positions = 0, expected_statics = 0;
  for (const auto& item : d.messages) {
    const ais::Message& m = item.message;
    if (!item.meta.rxtime) continue;
    const bool pos_type = m.type <= 3 || m.type == 18 || m.type == 19 || m.type == 27;
    const bool static_type = m.type == 5 || m.type == 19 || m.type == 24;
    std::vector<const Observation*> mine;
    for (const auto& o : sink.obs)
      if (o.ref.line == item.meta.first.line) mine.push_back(&o);
    std::size_t n = 0;
    for (const Observation* o : mine) {
      EXPECT_EQ(o->mmsi, m.mmsi);
      EXPECT_EQ(o->msg_type, m.type);
      EXPECT_EQ(o->time, *item.meta.rxtime);
      EXPECT_EQ(o->ref.source, 2u);
      if (o->kind == Observation::Kind::position) {
        ++n;
        ++expected_positions;
        EXPECT_TRUE(pos_type) << int(m.type);
        std::optional<std::int32_t> lat, lon;
        double per = 600000.0;
        std::visit(
            [&](const auto& b) {
              if constexpr (requires { b.lat; b.lon; }) {
                lat = b.lat;
                lon = b.lon;
              }
            },
            m.body);
        if (m.type == 27) per = 600.0;
        ASSERT_TRUE(lat && lon);
        EXPECT_EQ(o->position.lat_e7, std::llround(*lat / per * 1e7));
        EXPECT_EQ(o->position.lon_e7, std::llround(*lon / per * 1e7));
      } else {
        ++n;
        ++expected_statics;
        EXPECT_TRUE(static_type) << int(m.type);
      }
    }
    if (m.type == 19) { EXPECT_EQ(n, 2u); }
    if (m.type == 5 || m.type == 24) { EXPECT_EQ(n, 1u); }
    if (m.type == 4) { EXPECT_EQ(n, 0u); }
  }
  EXPECT_EQ(s.positions, expected_positions);
  EXPECT_EQ(s.statics, expected_statics);
  EXPECT_EQ(s.positions + s.no_position, 4u);  // types 1, 18, 27, 19
  EXPECT_EQ(s.statics, 3u);                    // types 5, 24, 19

  for (const auto& o : sink.obs) {
    if (o.msg_type == 5) {
      EXPECT_EQ(o.kind, Observation::Kind::static_info);
      EXPECT_EQ(o.transponder, Transponder::class_a);
      EXPECT_EQ(o.ref.line, 2u);
      EXPECT_FALSE(o.info.name.empty());
    }
    if (o.msg_type == 18) { EXPECT_EQ(o.transponder, Transponder::class_b); }
    if (o.msg_type == 27) { EXPECT_EQ(o.transponder, Transponder::class_a); }
  }
}
