#include "support/observations.h"
#include "tidewatch/ingest/marinecadastre.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tidewatch/core/time.h"
#include "tidewatch/ingest/line_reader.h"

namespace {

using namespace tidewatch;
using namespace tidewatch::ingest;

using Collector = test::ObservationCollector;

const std::vector<std::string> kLines = {
    "\xEF\xBB\xBF" "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,"
    "Status,Length,Width,Draft,Cargo,TransceiverClass",
    // 2: full row
    "367000001,2020-01-01T00:00:00,29.5,-94.75,12.3,45.6,47,OCEAN STAR,IMO9571492,WDA1234,70,0,"
    "100,21,8.5,70,A",
    // 3: SOG 102.3, COG 360, heading 511; same static tuple
    "367000001,2020-01-01T00:01:00,29.51,-94.74,102.3,360,511,OCEAN STAR,IMO9571492,WDA1234,70,0,"
    "100,21,8.5,70,A",
    // 4: lat 91 / lon 181, IMO with a bad check digit, everything else empty
    "367000002,2020-01-01T00:02:00,91,181,,,,,IMO9571493,,,,,,,,B",
    // 5: quoted name with a comma, NAIS vessel type, 2015 text status
    "367000003,2020-01-01T00:03:00,30.0,-95.0,0,0,0,\"TUG, ONE\",,WXY9,1025,moored,,,,,B",
    // 6: name changed
    "367000001,2020-01-01T00:04:00,29.52,-94.73,12.0,45.0,47,OCEAN STAR II,IMO9571492,WDA1234,70,"
    "0,100,21,8.5,70,A",
    // 7..10: bad rows
    "367000001,2020-01-01T00:05:00,\"29.5,-94.75,12.3,45.6,47,X,,,,,,,,,A",
    "367000001,2020/01/01 00:05:00,29.5,-94.75,12.3,45.6,47,X,,,,,,,,,A",
    "367000001,2020-01-01T00:05:00,29.5,-94.75,fast,45.6,47,X,,,,,,,,,A",
    ",2020-01-01T00:05:00,29.5,-94.75,12.3,45.6,47,X,,,,,,,,,A",
};

}  // namespace

TEST(MarineCadastre, FixtureGivesPositionsStaticsAndRejects) {
  Collector sink;
  MarineCadastreReader reader(sink);
  for (std::size_t i = 0; i < kLines.size(); ++i) reader.feed_line(kLines[i], i + 1);
  const auto pos = sink.of(Observation::Kind::position);
  const auto st = sink.of(Observation::Kind::static_info);
  ASSERT_EQ(pos.size(), 4u);
  ASSERT_EQ(st.size(), 3u);
  const IngestStats& s = reader.stats();
  EXPECT_EQ(s.no_position, 1u);
  EXPECT_EQ(s.rejected_for(RejectReason::bad_csv_row), 1u);
  EXPECT_EQ(s.rejected_for(RejectReason::bad_time), 1u);
  EXPECT_EQ(s.rejected_for(RejectReason::bad_number), 1u);
  EXPECT_EQ(s.rejected_for(RejectReason::missing_field), 1u);
  ASSERT_EQ(sink.rejects.size(), 4u);
  EXPECT_EQ(sink.rejects[0].where.line, 7u);
  EXPECT_EQ(sink.rejects[3].where.line, 10u);

  EXPECT_EQ(pos[0].mmsi, 367000001u);
  EXPECT_EQ(pos[0].time, *utc_millis(2020, 1, 1, 0, 0, 0));
  EXPECT_EQ(pos[0].transponder, Transponder::class_a);
  EXPECT_EQ(pos[0].position.lat_e7, 295000000);
  EXPECT_EQ(pos[0].position.lon_e7, -947500000);
  EXPECT_EQ(pos[0].position.sog, 123);
  EXPECT_EQ(pos[0].position.cog, 456);
  EXPECT_EQ(pos[0].position.heading, 47);
  EXPECT_EQ(pos[0].position.status, 0);
  EXPECT_FALSE(pos[1].position.sog);
  EXPECT_FALSE(pos[1].position.cog);
  EXPECT_FALSE(pos[1].position.heading);
  EXPECT_EQ(pos[2].mmsi, 367000003u);
  EXPECT_EQ(pos[2].transponder, Transponder::class_b);
  EXPECT_EQ(pos[2].position.status, 5);
  EXPECT_EQ(pos[2].position.sog, 0);
  EXPECT_EQ(pos[2].position.heading, 0);

  EXPECT_EQ(st[0].info.name, "OCEAN STAR");
  EXPECT_EQ(st[0].info.imo, 9571492u);
  EXPECT_EQ(st[0].info.callsign, "WDA1234");
  EXPECT_EQ(st[0].info.shiptype, 70);
  EXPECT_EQ(st[0].info.draught, 85);
  EXPECT_EQ(st[0].info.dimensions.to_bow + st[0].info.dimensions.to_stern, 100);
  EXPECT_EQ(st[0].info.dimensions.to_port + st[0].info.dimensions.to_starboard, 21);
  EXPECT_EQ(st[1].mmsi, 367000003u);
  EXPECT_EQ(st[1].info.name, "TUG, ONE");
  EXPECT_FALSE(st[1].info.shiptype);  // NAIS 1025
  EXPECT_FALSE(st[1].info.imo);
  EXPECT_EQ(st[2].ref.line, 6u);
  EXPECT_EQ(st[2].info.name, "OCEAN STAR II");
}

TEST(MarineCadastre, WithoutTransceiverClassColumn) {
  Collector sink;
  MarineCadastreReader reader(sink);
  reader.feed_line("MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,"
                   "Status,Length,Width,Draft,Cargo", 1);
  reader.feed_line("367000001,2015-06-01T12:00:00,29.5,-94.75,1,2,3,A,IMO0000000,,,"
                   "under way using engine,,,,", 2);
  ASSERT_EQ(sink.obs.size(), 2u);
  EXPECT_EQ(sink.obs[0].transponder, Transponder::unknown);
  EXPECT_EQ(sink.obs[0].position.status, 0);
  EXPECT_FALSE(sink.obs[1].info.imo);
}
