#include "support/observations.h"
#include "tidewatch/ingest/gpsd_json_in.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "support/data.h"
#include "tidewatch/core/time.h"
#include "tidewatch/ingest/nmea_in.h"
#include "tidewatch/report/gpsd_json.h"

std::vector<std::string> nmea_fixture();  // nmea_in_test.cpp

namespace {

using namespace tidewatch;
using namespace tidewatch::ingest;

using Collector = test::ObservationCollector;

/// The NMEA fixture as `tidewatch decode --json` lines (scaled or not).
std::vector<std::string> as_json(bool scaled) {
  const test::Decoded d = test::decode_lines(nmea_fixture());
  std::vector<std::string> out;
  for (const auto& item : d.messages) {
    report::OutBuffer buf(8192);
    report::GpsdJsonOptions opt;
    opt.scaled = scaled;
    report::write_gpsd_json(buf, item.message, item.meta, "fixture.nmea", opt);
    out.emplace_back(buf.view().substr(0, buf.size() - 1));
  }
  return out;
}

void same_as_nmea(bool scaled) {
  const auto nmea = nmea_fixture();
  Collector want;
  NmeaReader nr(want);
  for (std::size_t i = 0; i < nmea.size(); ++i) nr.feed_line(nmea[i], i + 1);
  nr.finish();

  const auto lines = as_json(scaled);
  Collector got;
  GpsdJsonReader reader(got);
  for (std::size_t i = 0; i < lines.size(); ++i) reader.feed_line(lines[i], i + 1);
  // The message without rxtime (NMEA's no_time) is a bad_time reject here.
  EXPECT_EQ(reader.stats().rejected_for(RejectReason::bad_time), 1u);
  EXPECT_EQ(reader.stats().ignored_messages, 1u);
  ASSERT_EQ(got.obs.size(), want.obs.size());
  for (std::size_t i = 0; i < got.obs.size(); ++i) {
    const Observation& a = got.obs[i];
    const Observation& b = want.obs[i];
    SCOPED_TRACE(::testing::Message() << "observation " << i << " type " << int(b.msg_type));
    EXPECT_EQ(a.mmsi, b.mmsi);
    EXPECT_EQ(a.time, b.time);
    EXPECT_EQ(a.kind, b.kind);
    EXPECT_EQ(a.msg_type, b.msg_type);
    EXPECT_EQ(a.transponder, b.transponder);
    if (a.kind == Observation::Kind::position) {
      if (scaled && a.msg_type == 27) {  // gpsd prints type 27 degrees with one decimal
        EXPECT_LE(std::abs(a.position.lat_e7 - b.position.lat_e7), 500000);
        EXPECT_LE(std::abs(a.position.lon_e7 - b.position.lon_e7), 500000);
      } else {
        EXPECT_EQ(a.position.lat_e7, b.position.lat_e7);
        EXPECT_EQ(a.position.lon_e7, b.position.lon_e7);
      }
      EXPECT_EQ(a.position.sog, b.position.sog);
      EXPECT_EQ(a.position.cog, b.position.cog);
      EXPECT_EQ(a.position.heading, b.position.heading);
      EXPECT_EQ(a.position.status, b.position.status);
    } else {
      EXPECT_EQ(a.info.name.view(), b.info.name.view());
      EXPECT_EQ(a.info.callsign.view(), b.info.callsign.view());
      EXPECT_EQ(a.info.imo, b.info.imo);
      EXPECT_EQ(a.info.shiptype, b.info.shiptype);
      EXPECT_EQ(a.info.dimensions.to_bow, b.info.dimensions.to_bow);
      EXPECT_EQ(a.info.dimensions.to_stern, b.info.dimensions.to_stern);
      EXPECT_EQ(a.info.draught, b.info.draught);
      EXPECT_EQ(a.info.destination.view(), b.info.destination.view());
    }
  }
}

}  // namespace

TEST(GpsdJsonIn, ScaledRoundTripEqualsNmea) { same_as_nmea(true); }
TEST(GpsdJsonIn, UnscaledRoundTripEqualsNmea) { same_as_nmea(false); }

TEST(GpsdJsonIn, NotAvailableConventionsBomAndRejects) {
  const std::vector<std::string> lines = {
      // 1: BOM, scaled, all n/a: no position
      "\xEF\xBB\xBF{\"class\":\"AIS\",\"type\":1,\"repeat\":0,\"mmsi\":244670316,\"scaled\":true,"
      "\"status\":15,\"turn\":\"nan\",\"speed\":\"nan\",\"accuracy\":false,\"lon\":181.000000,"
      "\"lat\":91.000000,\"course\":360.0,\"heading\":511,\"rxtime\":\"2021-01-01T00:00:00Z\"}",
      // 2: unscaled, position present, speed/course/heading n/a
      "{\"class\":\"AIS\",\"type\":18,\"mmsi\":244670317,\"scaled\":false,\"speed\":1023,"
      "\"lon\":3000000,\"lat\":-1200000,\"course\":3600,\"heading\":511,"
      "\"rxtime\":\"2021-01-01T00:00:01.250Z\"}",
      // 3: scaled "fast"
      "{\"class\":\"AIS\",\"type\":1,\"mmsi\":1,\"scaled\":true,\"status\":0,\"speed\":\"fast\","
      "\"lon\":1.5,\"lat\":2.5,\"course\":12.3,\"heading\":7,\"rxtime\":\"2021-01-01T00:00:02Z\"}",
      "",                                                                            // 4: blank
      "not json",                                                                    // 5
      "{\"class\":\"TPV\",\"type\":1,\"mmsi\":1,\"rxtime\":\"2021-01-01T00:00:00Z\"}",  // 6 bad_json
      "{\"class\":\"AIS\",\"type\":1,\"mmsi\":1,\"scaled\":true,\"lat\":1,\"lon\":1}",  // 7 bad_time
      "{\"class\":\"AIS\",\"type\":1,\"mmsi\":1,\"rxtime\":\"yesterday\"}",             // 8 bad_time
      "{\"class\":\"AIS\",\"type\":1,\"rxtime\":\"2021-01-01T00:00:00Z\"}",             // 9 missing
      "{\"class\":\"AIS\",\"type\":1,\"mmsi\":1,\"scaled\":true,\"lat\":\"x\",\"lon\":1,"
      "\"rxtime\":\"2021-01-01T00:00:00Z\"}",                                        // 10 bad_number
  };
  Collector sink;
  GpsdJsonReader reader(sink, 4);
  for (std::size_t i = 0; i < lines.size(); ++i) reader.feed_line(lines[i], i + 1);
  const IngestStats& s = reader.stats();
  EXPECT_EQ(s.no_position, 1u);
  EXPECT_EQ(s.positions, 2u);
  EXPECT_EQ(s.skipped[static_cast<std::size_t>(SkipReason::blank)], 1u);
  EXPECT_EQ(s.rejected_for(RejectReason::bad_json), 2u);
  EXPECT_EQ(s.rejected_for(RejectReason::bad_time), 2u);
  EXPECT_EQ(s.rejected_for(RejectReason::missing_field), 1u);
  EXPECT_EQ(s.rejected_for(RejectReason::bad_number), 1u);
  ASSERT_EQ(sink.obs.size(), 2u);
  const Observation& b = sink.obs[0];
  EXPECT_EQ(b.ref.line, 2u);
  EXPECT_EQ(b.ref.source, 4u);
  EXPECT_EQ(b.time, *utc_millis(2021, 1, 1, 0, 0, 1, 250));
  EXPECT_EQ(b.transponder, Transponder::class_b);
  EXPECT_EQ(b.position.lon_e7, 50000000);   // 3000000 / 600000 = 5 degrees
  EXPECT_EQ(b.position.lat_e7, -20000000);  // -2 degrees
  EXPECT_FALSE(b.position.sog);
  EXPECT_FALSE(b.position.cog);
  EXPECT_FALSE(b.position.heading);
  const Observation& f = sink.obs[1];
  EXPECT_EQ(f.position.sog, 1022);
  EXPECT_EQ(f.position.cog, 123);
  EXPECT_EQ(f.position.heading, 7);
  EXPECT_EQ(f.position.status, 0);
  EXPECT_EQ(f.position.lat_e7, 25000000);
}
