#include "tidewatch/ingest/format.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tidewatch/ingest/line_reader.h"
#include "support/scratch.h"

std::vector<std::string> nmea_fixture();  // nmea_in_test.cpp

namespace {

using namespace tidewatch;
using namespace tidewatch::ingest;

struct ReasonCollector final : ObservationSink {
  std::vector<Observation> obs;
  std::vector<RejectReason> rejects;
  void on_observation(const Observation& o) override { obs.push_back(o); }
  void on_reject(const RejectedLine& r) override { rejects.push_back(r.reason); }
};

/// A file of the given content in a scratch directory of its own.
class TempFile {
 public:
  explicit TempFile(const std::string& content) { std::ofstream(path_, std::ios::binary) << content; }
  [[nodiscard]] std::string path() const { return path_.string(); }

 private:
  tidewatch::test::ScratchDir dir_{"format"};
  std::filesystem::path path_ = dir_.path() / "input.txt";
};

}  // namespace

TEST(Format, DetectsEachFormatFromItsFirstLine) {
  EXPECT_EQ(detect_format("!AIVDM,1,1,,A,15MrVH0000KH<:V:NtBLoqFP2H9:,0*2E"), InputFormat::nmea);
  EXPECT_EQ(detect_format("\\s:rEV02,c:1334337317*58\\!AIVDM,1,1,,B,1,0*5F"), InputFormat::nmea);
  EXPECT_EQ(detect_format("$PGHP,1,2020,1,1,0,0,0,0,219,,,1,*2A"), InputFormat::nmea);
  EXPECT_EQ(detect_format("# Timestamp,Type of mobile,MMSI,Latitude,Longitude"),
            InputFormat::dma_csv);
  EXPECT_EQ(detect_format("\xEF\xBB\xBFTimestamp,Type of mobile,MMSI,Latitude"),
            InputFormat::dma_csv);
  EXPECT_EQ(detect_format("Timestamp;Type of mobile;MMSI;Latitude"), InputFormat::dma_csv);
  EXPECT_EQ(detect_format("MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName"),
            InputFormat::marinecadastre_csv);
  EXPECT_EQ(detect_format("\xEF\xBB\xBFmmsi,basedatetime,lat,lon"), InputFormat::marinecadastre_csv);
  EXPECT_EQ(detect_format("{\"class\":\"AIS\",\"type\":1,\"mmsi\":1}"), InputFormat::gpsd_json);
  EXPECT_EQ(detect_format("{ \"class\" : \"AIS\", \"type\":1}"), InputFormat::gpsd_json);
  EXPECT_EQ(detect_format("{\"msgid\":\"x\",\"ssvid\":\"1\",\"timestamp\":\"2021-01-01T00:00:00+00:00\"}"),
            InputFormat::gfw_json);
  EXPECT_EQ(detect_format("ID,ais_pos_timestamp,longitude,latitude"), std::nullopt);
  EXPECT_EQ(detect_format("{\"foo\":1}"), std::nullopt);
  EXPECT_EQ(detect_format(""), std::nullopt);
}

TEST(Format, NamesRoundTrip) {
  for (auto f : {InputFormat::nmea, InputFormat::dma_csv, InputFormat::marinecadastre_csv,
                 InputFormat::gfw_json, InputFormat::gpsd_json, InputFormat::generic_csv}) {
    EXPECT_EQ(parse_input_format(input_format_name(f)), f);
  }
  EXPECT_EQ(parse_input_format("dma_csv"), InputFormat::dma_csv);
  EXPECT_EQ(parse_input_format("nope"), std::nullopt);
}

TEST(Format, ReadObservationsDispatchesOnDetection) {
  {  // NMEA, after two blank lines
    std::string text = "\n\n";
    for (const auto& l : nmea_fixture()) text += l + "\r\n";
    TempFile f(text);
    ReasonCollector sink;
    ReadOptions opt;
    opt.source = 5;
    const IngestStats s = read_observations(f.path(), opt, sink);
    EXPECT_EQ(s.lines, 12u);
    EXPECT_EQ(s.positions + s.no_position, 4u);
    EXPECT_EQ(s.statics, 3u);
    EXPECT_EQ(s.rejected_for(RejectReason::bad_checksum), 1u);
    ASSERT_FALSE(sink.obs.empty());
    EXPECT_EQ(sink.obs[0].ref.source, 5u);
    EXPECT_EQ(sink.obs[0].ref.line, 3u);
  }
  {  // DMA
    TempFile f("\xEF\xBB\xBF# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Name\n"
               "31/12/2015 23:59:59,Class A,219000001,55.5,12.5,ALPHA\n"
               "31/12/2015 23:59:59,Class A,219000001,55.5,12.5,\"ALPHA\n");
    ReasonCollector sink;
    const IngestStats s = read_observations(f.path(), {}, sink);
    EXPECT_EQ(s.positions, 1u);
    EXPECT_EQ(s.statics, 1u);
    ASSERT_EQ(sink.rejects.size(), 1u);
    EXPECT_EQ(sink.rejects[0], RejectReason::bad_csv_row);
  }
  {  // MarineCadastre
    TempFile f("MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,"
               "Status,Length,Width,Draft,Cargo\n"
               "367000001,2020-01-01T00:00:00,29.5,-94.75,12.3,45.6,47,,,,,,,,,\n");
    ReasonCollector sink;
    const IngestStats s = read_observations(f.path(), {}, sink);
    EXPECT_EQ(s.positions, 1u);
    EXPECT_EQ(s.statics, 0u);
  }
  {  // gpsd JSON
    TempFile f("{\"class\":\"AIS\",\"type\":1,\"mmsi\":5,\"scaled\":true,\"lat\":1.0,\"lon\":2.0,"
               "\"rxtime\":\"2020-01-01T00:00:00Z\"}\n");
    ReasonCollector sink;
    const IngestStats s = read_observations(f.path(), {}, sink);
    EXPECT_EQ(s.positions, 1u);
    ASSERT_EQ(sink.obs.size(), 1u);
    EXPECT_EQ(sink.obs[0].mmsi, 5u);
  }
  {  // forced format wins over detection
    TempFile f("MMSI,BaseDateTime,LAT,LON\n1,2020-01-01T00:00:00,1,2\n");
    ReasonCollector sink;
    ReadOptions opt;
    opt.format = InputFormat::generic_csv;
    opt.generic = GenericCsvOptions{ColumnMapping::parse("mmsi=MMSI,time=BaseDateTime,lat=LAT,lon=LON"), {}};
    EXPECT_EQ(read_observations(f.path(), opt, sink).positions, 1u);
  }
}

TEST(Format, UnknownFormatAndMissingMappingThrow) {
  TempFile f("ID,ais_pos_timestamp,longitude,latitude\n1,20/03/2021 00:22,32.3,31.4\n");
  ReasonCollector sink;
  EXPECT_THROW(read_observations(f.path(), {}, sink), InputError);
  ReadOptions opt;
  opt.format = InputFormat::generic_csv;
  EXPECT_THROW(read_observations(f.path(), opt, sink), InputError);
  EXPECT_THROW(read_observations("/nonexistent/file.csv", {}, sink), InputError);
}

TEST(Format, RandomLinesAreAccountedForAndNeverThrow) {
  // Every line after a valid header ends up counted: skipped, rejected or used.
  std::uint64_t seed = 12345;
  auto next = [&] {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<unsigned>(seed >> 33);
  };
  const std::string alphabet = "0123456789,;.\"-/: TZabcAIS{}[]\t";
  std::vector<std::string> lines;
  for (int i = 0; i < 3000; ++i) {
    std::string l;
    const unsigned n = next() % 60;
    for (unsigned k = 0; k < n; ++k) l += alphabet[next() % alphabet.size()];
    lines.push_back(l);
  }
  struct Counter final : ObservationSink {
    std::uint64_t obs = 0, rej = 0;
    void on_observation(const Observation&) override { ++obs; }
    void on_reject(const RejectedLine&) override { ++rej; }
  };
  const std::vector<std::pair<std::string, ReadOptions>> cases = {
      {"# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Name", {}},
      {"MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status", {}},
      {"{\"class\":\"AIS\",\"type\":1,\"mmsi\":1,\"rxtime\":\"2020-01-01T00:00:00Z\",\"lat\":1,\"lon\":2}", {}},
  };
  for (const auto& [header, opt] : cases) {
    std::string text = header + "\n";
    for (const auto& l : lines) text += l + "\n";
    TempFile f(text);
    Counter sink;
    IngestStats s;
    ASSERT_NO_THROW(s = read_observations(f.path(), opt, sink)) << header;
    std::uint64_t skipped = 0;
    for (auto v : s.skipped) skipped += v;
    EXPECT_EQ(s.lines, lines.size() + 1);
    EXPECT_EQ(sink.rej, s.total_rejected());
    EXPECT_EQ(sink.obs, s.positions + s.statics);
    EXPECT_LE(s.header_lines + skipped + s.total_rejected(), s.lines);
  }
}

TEST(Format, GfwJsonGoesThroughParseGfwLine) {
  TempFile f(
      "{\"msgid\":\"a1\",\"ssvid\":\"412331088\",\"timestamp\":\"2021-01-01T00:04:22+00:00\","
      "\"type\":\"AIS.18\",\"lon\":1.5,\"lat\":2.5,\"speed\":1.0,\"course\":2.0}\n"
      "\n"
      "{\"ssvid\": \"1\"}\n");
  ReasonCollector sink;
  const IngestStats s = read_observations(f.path(), {}, sink);
  EXPECT_EQ(s.lines, 3u);
  EXPECT_EQ(s.skipped[static_cast<std::size_t>(SkipReason::blank)], 1u);
  ASSERT_EQ(sink.obs.size(), 1u);
  EXPECT_EQ(sink.obs[0].mmsi, 412331088u);
  EXPECT_EQ(sink.obs[0].position.lat_e7, 25000000);
  ASSERT_EQ(sink.rejects.size(), 1u);
  EXPECT_EQ(sink.rejects[0], RejectReason::missing_field);
}
