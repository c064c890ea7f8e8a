#include "support/observations.h"
#include "tidewatch/ingest/generic_csv.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/data.h"
#include "tidewatch/core/time.h"
#include "tidewatch/ingest/format.h"
#include "tidewatch/ingest/line_reader.h"

namespace {

using namespace tidewatch;
using namespace tidewatch::ingest;

using Collector = test::ObservationCollector;

void feed(GenericCsvReader& r, const std::vector<std::string>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i) r.feed_line(lines[i], i + 1);
}

}  // namespace

TEST(GenericCsv, MappingAndTimeFormatParsing) {
  const ColumnMapping m = ColumnMapping::parse("mmsi=MMSI, time=t,lat=y,lon=x,sog=speed,type=st");
  EXPECT_EQ(m.mmsi, "MMSI");
  EXPECT_EQ(m.time, "t");
  EXPECT_EQ(m.sog, "speed");
  EXPECT_EQ(m.shiptype, "st");
  EXPECT_THROW(ColumnMapping::parse("time=t,lat=y,lon=x"), InputError);          // no key
  EXPECT_THROW(ColumnMapping::parse("mmsi=a,lat=y,lon=x"), InputError);          // no time
  EXPECT_THROW(ColumnMapping::parse("mmsi=a,time=t,lat=y,lon=x,foo=z"), InputError);
  EXPECT_THROW(ColumnMapping::parse("mmsi=a,id=b,time=t,lat=y,lon=x"), InputError);
  EXPECT_THROW(ColumnMapping::parse("mmsi,time=t,lat=y,lon=x"), InputError);
  EXPECT_EQ(TimeFormat::parse("").kind, TimeFormat::Kind::iso8601);
  EXPECT_EQ(TimeFormat::parse("unix").kind, TimeFormat::Kind::unix_seconds);
  EXPECT_EQ(TimeFormat::parse("unix_ms").kind, TimeFormat::Kind::unix_millis);
  EXPECT_EQ(TimeFormat::parse("%Y%m%d %H%M%S").kind, TimeFormat::Kind::pattern);
  EXPECT_THROW(TimeFormat::parse("%Y-%j"), InputError);
  EXPECT_THROW(TimeFormat::parse("garbage"), InputError);
}

TEST(GenericCsv, FixtureIsoTimeWithNotAvailableAndRejects) {
  GenericCsvOptions opt;
  opt.columns = ColumnMapping::parse(
      "mmsi=vessel,time=when,lat=y,lon=x,sog=kn,cog=crs,heading=hdg,name=nm,imo=imo,"
      "callsign=cs,shiptype=st");
  Collector sink;
  GenericCsvReader reader(opt, sink);
  feed(reader, {
                   "\xEF\xBB\xBF# exported by hand",                                 // 1 comment
                   "\xEF\xBB\xBFwhen;vessel;y;x;kn;crs;hdg;nm;imo;cs;st",              // 2 header
                   "2021-03-20T00:22:00Z;244000001;31.4386;32.32925;5.5;90;91;SEA;9571492;PA;70",
                   "2021-03-20 00:23:00.500;244000001;91;181;102.3;360;511;SEA;9571492;PA;70",
                   "2021-03-20T02:23:00+02:00;244000002;-1;-2;;;;Unknown;;;",
                   "2021-03-20T00:24:00;244000002;\"1;2;3;4;;;;;;",                 // 6 bad_csv_row
                   "20/03/2021;244000002;1;2;;;;;;;",                               // 7 bad_time
                   "2021-03-20T00:24:00;244000002;1;east;;;;;;;",                   // 8 bad_number
                   "2021-03-20T00:24:00;;1;2;;;;;;;",                               // 9 missing
                   ";244000002;1;2;;;;;;;",                                         // 10 missing
               });
  const IngestStats& s = reader.stats();
  EXPECT_EQ(s.skipped[static_cast<std::size_t>(SkipReason::comment)], 1u);
  EXPECT_EQ(s.header_lines, 1u);
  EXPECT_EQ(s.positions, 2u);
  EXPECT_EQ(s.statics, 1u);
  EXPECT_EQ(s.no_position, 1u);
  EXPECT_EQ(s.rejected_for(RejectReason::bad_csv_row), 1u);
  EXPECT_EQ(s.rejected_for(RejectReason::bad_time), 1u);
  EXPECT_EQ(s.rejected_for(RejectReason::bad_number), 1u);
  EXPECT_EQ(s.rejected_for(RejectReason::missing_field), 2u);
  ASSERT_EQ(sink.obs.size(), 3u);
  EXPECT_EQ(sink.obs[0].kind, Observation::Kind::position);
  EXPECT_EQ(sink.obs[0].time, *utc_millis(2021, 3, 20, 0, 22, 0));
  EXPECT_EQ(sink.obs[0].position.sog, 55);
  EXPECT_EQ(sink.obs[0].position.cog, 900);
  EXPECT_EQ(sink.obs[0].position.heading, 91);
  EXPECT_EQ(sink.obs[1].kind, Observation::Kind::static_info);
  EXPECT_EQ(sink.obs[1].info.name, "SEA");
  EXPECT_EQ(sink.obs[1].info.imo, 9571492u);
  EXPECT_EQ(sink.obs[1].info.shiptype, 70);
  EXPECT_EQ(sink.obs[2].mmsi, 244000002u);
  EXPECT_EQ(sink.obs[2].time, *utc_millis(2021, 3, 20, 0, 23, 0));  // +02:00 applied
  EXPECT_EQ(sink.obs[2].position.lat_e7, -10000000);
  EXPECT_FALSE(sink.obs[2].position.sog);
}

TEST(GenericCsv, UnixAndPatternTimesAndTextIds) {
  {
    GenericCsvOptions opt;
    opt.columns = ColumnMapping::parse("id=boat,time=t,lat=lat,lon=lon");
    opt.time = TimeFormat::parse("unix");
    Collector sink;
    GenericCsvReader reader(opt, sink);
    feed(reader, {"boat\tt\tlat\tlon", "SEA WITCH\t1616199720.5\t1\t2", "7\t1616199720\t1\t2"});
    ASSERT_EQ(sink.obs.size(), 2u);
    EXPECT_EQ(sink.obs[0].time, 1616199720500);
    EXPECT_NE(sink.obs[0].mmsi, 0u);  // hashed text key
    EXPECT_EQ(sink.obs[1].mmsi, 7u);
  }
  {
    GenericCsvOptions opt;
    opt.columns = ColumnMapping::parse("mmsi=m,time=t,lat=lat,lon=lon");
    opt.time = TimeFormat::parse("unix_ms");
    Collector sink;
    GenericCsvReader reader(opt, sink);
    feed(reader, {"m,t,lat,lon", "1,1616199720123,1,2", "1,1.5,1,2"});
    ASSERT_EQ(sink.obs.size(), 1u);
    EXPECT_EQ(sink.obs[0].time, 1616199720123);
    EXPECT_EQ(sink.rejects.size(), 1u);
  }
  {
    GenericCsvOptions opt;
    opt.columns = ColumnMapping::parse("mmsi=m,time=t,lat=lat,lon=lon");
    opt.time = TimeFormat::parse("%Y%m%d %H:%M:%S.%f");
    Collector sink;
    GenericCsvReader reader(opt, sink);
    feed(reader, {"m,t,lat,lon", "1,20210320 00:22:05.25,1,2", "1,2021-03-20 00:22:05,1,2"});
    ASSERT_EQ(sink.obs.size(), 1u);
    EXPECT_EQ(sink.obs[0].time, *utc_millis(2021, 3, 20, 0, 22, 5, 250));
    ASSERT_EQ(sink.rejects.size(), 1u);
    EXPECT_EQ(sink.rejects[0].reason, RejectReason::bad_time);
  }
}

TEST(GenericCsv, HeaderMissingMappedColumnThrows) {
  GenericCsvOptions opt;
  opt.columns = ColumnMapping::parse("mmsi=m,time=t,lat=lat,lon=lon,sog=speed");
  Collector sink;
  GenericCsvReader reader(opt, sink);
  EXPECT_THROW(reader.feed_line("m,t,lat,lon", 1), InputError);
}

TEST(GenericCsv, MovingPandasBoatPositions) {
  const auto path = test::shared_data("tracks/movingpandas-examples/boat-positions.csv");
  TIDEWATCH_REQUIRE_SHARED(path);
  ReadOptions opt;
  opt.generic = GenericCsvOptions{
      ColumnMapping::parse("id=ID,time=ais_pos_timestamp,lat=latitude,lon=longitude"),
      TimeFormat::parse("%d/%m/%Y %H:%M")};
  Collector sink;
  const IngestStats s = read_observations(path.string(), opt, sink);
  EXPECT_EQ(s.lines, 22288u);
  EXPECT_EQ(s.header_lines, 1u);
  EXPECT_EQ(s.positions, 22287u);
  EXPECT_EQ(s.statics, 0u);
  EXPECT_EQ(s.total_rejected(), 0u);
  ASSERT_EQ(sink.obs.size(), 22287u);
  UnixMillis lo = sink.obs[0].time, hi = sink.obs[0].time;
  for (const auto& o : sink.obs) {
    lo = std::min(lo, o.time);
    hi = std::max(hi, o.time);
  }
  EXPECT_EQ(lo, *utc_millis(2021, 3, 20, 0, 0, 0));
  EXPECT_EQ(hi, *utc_millis(2021, 3, 24, 12, 52, 0));
  const Observation& first = sink.obs.front();
  EXPECT_EQ(first.mmsi, 1u);
  EXPECT_EQ(first.ref.line, 2u);
  EXPECT_EQ(first.time, *utc_millis(2021, 3, 20, 0, 22, 0));
  EXPECT_EQ(first.position.lon_e7, 323292500);
  EXPECT_EQ(first.position.lat_e7, 314386000);
  const Observation& last = sink.obs.back();
  EXPECT_EQ(last.mmsi, 256u);
  EXPECT_EQ(last.time, *utc_millis(2021, 3, 24, 12, 35, 0));
  EXPECT_EQ(last.position.lat_e7, 311948300);
  // Line 1001 (data row 1000): 12,20/03/2021 09:33,32.40857,30.31927
  const Observation& known = sink.obs[999];
  EXPECT_EQ(known.ref.line, 1001u);
  EXPECT_EQ(known.mmsi, 12u);
  EXPECT_EQ(known.time, *utc_millis(2021, 3, 20, 9, 33, 0));
  EXPECT_EQ(known.position.lon_e7, 324085700);
  EXPECT_EQ(known.position.lat_e7, 303192700);
}
