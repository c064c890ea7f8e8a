#include "support/observations.h"
#include "tidewatch/ingest/dma.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "tidewatch/core/time.h"
#include "tidewatch/ingest/format.h"
#include "tidewatch/track/identity.h"

namespace {

using namespace tidewatch;
using namespace tidewatch::ingest;

using Collector = test::ObservationCollector;

const std::vector<std::string> kHeader = {
    "Timestamp", "Type of mobile", "MMSI", "Latitude", "Longitude", "Navigational status",
    "ROT", "SOG", "COG", "Heading", "IMO", "Callsign", "Name", "Ship type", "Cargo type",
    "Width", "Length", "Type of position fixing device", "Draught", "Destination", "ETA",
    "Data source type", "A", "B", "C", "D"};

std::string row(const std::map<std::string, std::string>& v) {
  std::string out;
  for (std::size_t i = 0; i < kHeader.size(); ++i) {
    if (i) out += ',';
    auto it = v.find(kHeader[i]);
    if (it != v.end()) out += it->second;
  }
  return out;
}

std::vector<std::string> fixture() {
  std::string header = "\xEF\xBB\xBF# ";
  for (std::size_t i = 0; i < kHeader.size(); ++i) header += (i ? "," : "") + kHeader[i];
  const std::map<std::string, std::string> alpha = {
      {"Type of mobile", "Class A"}, {"MMSI", "219000001"}, {"Navigational status", "Under way using engine"},
      {"IMO", "9571492"}, {"Callsign", "OXAB2"}, {"Name", "ALPHA"}, {"Ship type", "Cargo"},
      {"Width", "20"}, {"Length", "100"}, {"Draught", "7.5"}, {"Destination", "AARHUS"},
      {"A", "80"}, {"B", "20"}, {"C", "10"}, {"D", "10"}};
  auto with = [](std::map<std::string, std::string> m,
                 const std::map<std::string, std::string>& extra) {
    for (const auto& [k, v] : extra) m[k] = v;
    return m;
  };
  return {
      header,
      // 2: full row: position + first static
      row(with(alpha, {{"Timestamp", "31/12/2015 23:59:59"}, {"Latitude", "55.123456"},
                       {"Longitude", "12.5"}, {"SOG", "10.5"}, {"COG", "123.4"}, {"Heading", "120"}})),
      // 3: same static tuple: position only
      row(with(alpha, {{"Timestamp", "01/01/2016 00:00:05"}, {"Latitude", "55.2"},
                       {"Longitude", "12.6"}, {"SOG", "10.6"}, {"COG", "124"}, {"Heading", "121"}})),
      // 4: every not-available convention; static with a quoted name
      row({{"Timestamp", "01/01/2016 00:01:00"}, {"Type of mobile", "Class B"}, {"MMSI", "219000002"},
           {"Latitude", "91"}, {"Longitude", "181"}, {"Navigational status", "Unknown value"},
           {"SOG", "102.3"}, {"COG", "360"}, {"Heading", "511"}, {"IMO", "Unknown"},
           {"Callsign", "Unknown"}, {"Name", R"("BRAVO, ""B""")"}, {"Ship type", "Undefined"},
           {"Destination", "Unknown"}}),
      // 5: decimal comma inside quotes, empty SOG/COG/heading, static changed (name, type)
      row(with(alpha, {{"Timestamp", "01/01/2016 00:02:00"}, {"Latitude", "\"55,5\""},
                       {"Longitude", "\"12,25\""}, {"Navigational status", "Moored"},
                       {"Name", "ALPHA II"}, {"Ship type", "Tanker"}})),
      // 6: base station, no static fields at all
      row({{"Timestamp", "01/01/2016 00:03:00"}, {"Type of mobile", "Base Station"},
           {"MMSI", "2190047"}, {"Latitude", "55.0"}, {"Longitude", "12.0"}}),
      "",  // 7: blank
      // 8..12: one bad row of each kind
      "01/01/2016 00:04:00,Class A,219000001,\"55.1,12.0",
      row({{"Timestamp", "2016-01-01 00:04:00"}, {"MMSI", "219000001"}, {"Latitude", "55"}, {"Longitude", "12"}}),
      row({{"Timestamp", "01/01/2016 00:04:00"}, {"MMSI", "219000001"}, {"Latitude", "abc"}, {"Longitude", "12"}}),
      row({{"Timestamp", "01/01/2016 00:04:00"}, {"MMSI", ""}, {"Latitude", "55"}, {"Longitude", "12"}}),
      "01/01/2016 00:04:00,Class A,219000001,55,12",
  };
}

}  // namespace

TEST(Dma, FixtureGivesPositionsStaticsAndRejects) {
  Collector sink;
  DmaCsvReader reader(sink, 3);
  const auto lines = fixture();
  for (std::size_t i = 0; i < lines.size(); ++i) reader.feed_line(lines[i], i + 1);

  const auto pos = sink.of(Observation::Kind::position);
  const auto st = sink.of(Observation::Kind::static_info);
  ASSERT_EQ(pos.size(), 4u);
  ASSERT_EQ(st.size(), 3u);
  const IngestStats& s = reader.stats();
  EXPECT_EQ(s.lines, 12u);
  EXPECT_EQ(s.header_lines, 1u);
  EXPECT_EQ(s.positions, 4u);
  EXPECT_EQ(s.statics, 3u);
  EXPECT_EQ(s.no_position, 1u);
  EXPECT_EQ(s.skipped[static_cast<std::size_t>(SkipReason::blank)], 1u);
  EXPECT_EQ(s.rejected_for(RejectReason::bad_csv_row), 2u);
  EXPECT_EQ(s.rejected_for(RejectReason::bad_time), 1u);
  EXPECT_EQ(s.rejected_for(RejectReason::bad_number), 1u);
  EXPECT_EQ(s.rejected_for(RejectReason::missing_field), 1u);
  ASSERT_EQ(sink.rejects.size(), 5u);
  EXPECT_EQ(sink.rejects[0].where.line, 8u);
  EXPECT_EQ(sink.rejects[0].where.source, 3u);
  EXPECT_EQ(sink.rejects[0].reason, RejectReason::bad_csv_row);
  EXPECT_EQ(sink.reject_texts[0], lines[7]);
  EXPECT_EQ(sink.rejects[1].reason, RejectReason::bad_time);
  EXPECT_EQ(sink.rejects[2].reason, RejectReason::bad_number);
  EXPECT_EQ(sink.rejects[3].reason, RejectReason::missing_field);
  EXPECT_EQ(sink.rejects[4].reason, RejectReason::bad_csv_row);
  EXPECT_EQ(sink.rejects[4].where.line, 12u);

  const Observation& p = pos[0];
  EXPECT_EQ(p.mmsi, 219000001u);
  EXPECT_EQ(p.time, *utc_millis(2015, 12, 31, 23, 59, 59));
  EXPECT_EQ(p.ref.source, 3u);
  EXPECT_EQ(p.ref.line, 2u);
  EXPECT_EQ(p.transponder, Transponder::class_a);
  EXPECT_EQ(p.position.lat_e7, 551234560);
  EXPECT_EQ(p.position.lon_e7, 125000000);
  EXPECT_EQ(p.position.sog, 105);
  EXPECT_EQ(p.position.cog, 1234);
  EXPECT_EQ(p.position.heading, 120);
  EXPECT_EQ(p.position.status, 0);

  EXPECT_EQ(pos[2].position.lat_e7, 555000000);  // "55,5"
  EXPECT_EQ(pos[2].position.lon_e7, 122500000);
  EXPECT_FALSE(pos[2].position.sog);
  EXPECT_FALSE(pos[2].position.cog);
  EXPECT_FALSE(pos[2].position.heading);
  EXPECT_EQ(pos[2].position.status, 5);
  EXPECT_EQ(pos[3].transponder, Transponder::other);
  EXPECT_EQ(pos[3].mmsi, 2190047u);

  const StaticInfo& a = st[0].info;
  EXPECT_EQ(st[0].ref.line, 2u);
  EXPECT_EQ(a.name, "ALPHA");
  EXPECT_EQ(a.callsign, "OXAB2");
  EXPECT_EQ(a.imo, 9571492u);
  EXPECT_EQ(a.shiptype, 70);
  EXPECT_EQ(a.dimensions.to_bow, 80);
  EXPECT_EQ(a.dimensions.to_stern, 20);
  EXPECT_EQ(a.dimensions.to_port, 10);
  EXPECT_EQ(a.dimensions.to_starboard, 10);
  EXPECT_EQ(a.draught, 75);
  EXPECT_EQ(a.destination, "AARHUS");

  EXPECT_EQ(st[1].ref.line, 4u);
  EXPECT_EQ(st[1].mmsi, 219000002u);
  EXPECT_EQ(st[1].transponder, Transponder::class_b);
  EXPECT_EQ(st[1].info.name, R"(BRAVO, "B")");
  EXPECT_TRUE(st[1].info.callsign.empty());
  EXPECT_FALSE(st[1].info.imo);
  EXPECT_FALSE(st[1].info.shiptype);
  EXPECT_TRUE(st[1].info.destination.empty());

  EXPECT_EQ(st[2].ref.line, 5u);
  EXPECT_EQ(st[2].info.name, "ALPHA II");
  EXPECT_EQ(st[2].info.shiptype, 80);
}

TEST(Dma, HeaderWithoutHashOtherOrderAndSemicolons) {
  Collector sink;
  DmaCsvReader reader(sink);
  reader.feed_line("MMSI;Timestamp;Longitude;Latitude;Type of mobile", 1);
  reader.feed_line("219000001;31/12/2015 23:59:59;12.5;55.5;Class A", 2);
  ASSERT_EQ(sink.obs.size(), 1u);
  EXPECT_EQ(sink.obs[0].position.lat_e7, 555000000);
  EXPECT_EQ(sink.obs[0].position.lon_e7, 125000000);
}

TEST(Dma, HeaderWithoutRequiredColumnsThrows) {
  Collector sink;
  DmaCsvReader reader(sink);
  EXPECT_THROW(reader.feed_line("# Timestamp,Type of mobile,MMSI", 1), InputError);
}

TEST(Dma, ShipTypeWords) {
  EXPECT_EQ(dma_ship_type("Fishing"), 30);
  EXPECT_EQ(dma_ship_type("passenger"), 60);
  EXPECT_EQ(dma_ship_type("Tug"), 52);
  EXPECT_EQ(dma_ship_type("71"), 71);
  EXPECT_FALSE(dma_ship_type("Undefined"));
  EXPECT_FALSE(dma_ship_type("Spare 1"));
  EXPECT_FALSE(dma_ship_type("Reserved"));
}

TEST(Dma, RenameAndNewDraughtInCsvRowsAreConfirmedLikeNmea) {
  // A cargo ship reported every minute for 20 minutes, every row with its
  // static fields: ALPHA at 6.0 m for 10 minutes, then BRAVO at 9.5 m.  Rows
  // give a static observation on change and again every 6 minutes (the Class A
  // static interval), so the new name has its confirming second sighting.
  Collector sink;
  DmaCsvReader reader(sink, 0);
  std::string header = "# ";
  for (std::size_t i = 0; i < kHeader.size(); ++i) header += (i ? "," : "") + kHeader[i];
  reader.feed_line(header, 1);
  for (int m = 0; m < 20; ++m) {
    const bool renamed = m >= 10;
    char ts[32];
    std::snprintf(ts, sizeof ts, "01/06/2024 10:%02d:00", m);
    reader.feed_line(row({{"Timestamp", ts}, {"Type of mobile", "Class A"}, {"MMSI", "219000001"},
                          {"Latitude", "55.5"}, {"Longitude", std::to_string(11.0 + m * 0.003)},
                          {"SOG", "10"}, {"IMO", "9571492"}, {"Callsign", "OXAB2"},
                          {"Name", renamed ? "BRAVO" : "ALPHA"}, {"Ship type", "Cargo"},
                          {"Draught", renamed ? "9.5" : "6.0"}}),
                     static_cast<std::uint64_t>(m) + 2);
  }
  const auto st = sink.of(Observation::Kind::static_info);
  ASSERT_EQ(st.size(), 4u);  // ALPHA at :00 and :06, BRAVO at :10 and :16
  EXPECT_EQ(st[1].ref.line, 8u);
  EXPECT_EQ(st[2].info.name.view(), "BRAVO");
  EXPECT_EQ(st[2].info.draught, 95);
  EXPECT_EQ(st[3].ref.line, 18u);
  track::IdentityHistory h(219000001);
  for (const auto& o : st) h.add(o);
  ASSERT_EQ(h.changes().size(), 1u);
  EXPECT_EQ(h.changes()[0].fields.at(0).before, "ALPHA");
  EXPECT_EQ(h.changes()[0].fields.at(0).after, "BRAVO");
  EXPECT_EQ(h.changes()[0].end, st[3].time);
}
