// The application messages of binary messages 6 and 8 (DAC/FI subtypes):
// the typed records, and the JSON against gpsd 3.22's `gpsdecode`.
//
// Real sentences first (gpsd's daemon test logs, gpsd's sample, the Danish
// Maritime Authority log).  The subtypes nobody has published a real sentence
// of are built here from chosen field values: the builder's sentence is
// checked against the literal that was fed once to Debian 12's gpsdecode
// 3.22 (`gpsdecode -u -j` and `gpsdecode -j`).  Every JSON line below is
// gpsdecode 3.22's output for the test's sentence, pasted as printed;
// expect_gpsdecode() drops its "device":"stdin", which tidewatch does not
// print.

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "support/data.h"

namespace tidewatch::test {
namespace {

using Lines = std::vector<std::string>;

// ---- building sentences --------------------------------------------------------

/// A message written field by field, MSB first, then armoured into
/// !AIVDM sentences of at most 60 payload characters.
class MessageBuilder {
 public:
  MessageBuilder& u(std::uint64_t value, unsigned width) {
    for (unsigned k = width; k-- > 0;) bits_.push_back(((value >> k) & 1U) != 0 ? '1' : '0');
    return *this;
  }
  /// Two's complement.
  MessageBuilder& s(std::int64_t value, unsigned width) {
    return u(static_cast<std::uint64_t>(value) & ((std::uint64_t{1} << width) - 1), width);
  }
  /// Six-bit text of exactly `chars` characters, padded with '@'.
  MessageBuilder& text(std::string_view s, std::size_t chars) {
    for (std::size_t k = 0; k < chars; ++k) {
      const char c = k < s.size() ? s[k] : '@';
      u(static_cast<unsigned char>(c) >= 64 ? static_cast<unsigned char>(c) - 64U
                                            : static_cast<unsigned char>(c),
        6);
    }
    return *this;
  }
  MessageBuilder& zeros(std::size_t n) {
    bits_.append(n, '0');
    return *this;
  }
  [[nodiscard]] std::size_t size() const { return bits_.size(); }

  /// The sentences; `fill` is what the fill bits carry (zeros by default).
  [[nodiscard]] Lines sentences(std::string fill = "", int sequence_id = 1) const {
    const std::size_t fill_count = (6 - bits_.size() % 6) % 6;
    if (fill.empty()) fill.assign(fill_count, '0');
    EXPECT_EQ(fill.size(), fill_count);
    const std::string all = bits_ + fill;
    std::string payload;
    for (std::size_t k = 0; k + 6 <= all.size(); k += 6) {
      const auto v = static_cast<char>(std::stoi(all.substr(k, 6), nullptr, 2));
      payload.push_back(static_cast<char>(v < 40 ? v + 48 : v + 56));
    }
    const std::size_t parts = (payload.size() + 59) / 60;
    Lines out;
    for (std::size_t k = 0; k < parts; ++k) {
      std::string body = "AIVDM," + std::to_string(parts) + "," + std::to_string(k + 1) + ",";
      if (parts > 1) body += std::to_string(sequence_id);
      body += ",A," + payload.substr(k * 60, 60) + ",";
      body += std::to_string(k + 1 == parts ? fill_count : 0);
      unsigned sum = 0;
      for (char c : body) sum ^= static_cast<unsigned char>(c);
      constexpr char hex[] = "0123456789ABCDEF";
      out.push_back("!" + body + "*" + hex[sum >> 4] + hex[sum & 15]);
    }
    return out;
  }

 private:
  std::string bits_;
};

/// Type 6 header: repeat 0, sequence 0, no retransmit.
MessageBuilder addressed(std::uint32_t mmsi, std::uint32_t dest, unsigned dac, unsigned fid) {
  MessageBuilder m;
  m.u(6, 6).u(0, 2).u(mmsi, 30).u(0, 2).u(dest, 30).u(0, 1).u(0, 1).u(dac, 10).u(fid, 6);
  return m;
}

/// Type 8 header: repeat 0.
MessageBuilder broadcast(std::uint32_t mmsi, unsigned dac, unsigned fid) {
  MessageBuilder m;
  m.u(8, 6).u(0, 2).u(mmsi, 30).u(0, 2).u(dac, 10).u(fid, 6);
  return m;
}

/// Degrees as 1/1000 minute (IMO 289 positions) and 1/10000 minute.
constexpr std::int64_t milli_minutes(double degrees) {
  return static_cast<std::int64_t>(degrees * 60000.0 + (degrees < 0 ? -0.5 : 0.5));
}
constexpr std::int64_t ten_thousandth_minutes(double degrees) {
  return static_cast<std::int64_t>(degrees * 600000.0 + (degrees < 0 ? -0.5 : 0.5));
}

// ---- reading results --------------------------------------------------------------

const ais::ApplicationData& application(const Decoded::Item& item) {
  if (const auto* t6 = std::get_if<ais::AddressedBinary>(&item.message.body)) return t6->decoded;
  if (const auto* t8 = std::get_if<ais::BroadcastBinary>(&item.message.body)) return t8->decoded;
  static const ais::ApplicationData none;
  ADD_FAILURE() << "message type " << int{item.message.type} << " is not binary";
  return none;
}

/// The record of the one message decoded, or nullptr (with a failure).
template <typename Record>
const Record* record_of(const Decoded& d) {
  if (d.messages.size() != 1) {
    ADD_FAILURE() << "decoded " << d.messages.size() << " messages, rejected "
                  << d.rejects.size() << " lines; expected one message";
    return nullptr;
  }
  const auto& app = application(d.messages[0]);
  const auto* r = std::get_if<Record>(&app);
  if (r == nullptr) ADD_FAILURE() << "decoded as alternative " << app.index();
  return r;
}

/// The one message's JSON equals gpsdecode 3.22's lines for it (unscaled,
/// scaled; their "device" field removed).
void expect_gpsdecode(const Decoded& d, const std::string& unscaled, const std::string& scaled) {
  ASSERT_EQ(d.messages.size(), 1U);
  EXPECT_EQ(d.messages[0].unscaled, without_device(unscaled));
  EXPECT_EQ(d.messages[0].scaled, without_device(scaled));
}

/// For subtypes gpsd prints alike in both modes: only "scaled" differs.
std::string as_scaled(std::string unscaled) {
  const std::string from = "\"scaled\":false";
  if (auto pos = unscaled.find(from); pos != std::string::npos)
    unscaled.replace(pos, from.size(), "\"scaled\":true");
  return unscaled;
}

// ---- real data ------------------------------------------------------------------------

/// gpsd's daemon regression logs (current gpsd; its type 6 and 8 lines are
/// byte-identical to what gpsdecode 3.22 prints for these logs).  The daemon
/// repeats reports, so the sets of distinct lines are compared.
TEST(BinaryMessagesRealData, GpsdDaemonLogsMatchGpsd) {
  struct Log {
    const char* name;
    std::size_t distinct;  // distinct type 6/8 lines gpsd printed
    std::size_t decoded;   // of which decoded into a subtype (no "data")
  };
  for (const Log& log : {Log{"ais-nmea-type6-fid55", 106, 85}, Log{"ais-nmea", 6, 6}}) {
    SCOPED_TRACE(log.name);
    const auto input = shared_data(std::string("ais/gpsd/test/daemon/") + log.name + ".log");
    const auto chk = shared_data(std::string("ais/gpsd/test/daemon/") + log.name + ".log.chk");
    TIDEWATCH_REQUIRE_SHARED(input);
    TIDEWATCH_REQUIRE_SHARED(chk);
    const auto binary = [](const std::string& l) {
      return l.rfind("{\"class\":\"AIS\",\"type\":6,", 0) == 0 ||
             l.rfind("{\"class\":\"AIS\",\"type\":8,", 0) == 0;
    };
    std::set<std::string> expected;
    std::ifstream in(chk);
    for (std::string l; std::getline(in, l);) {
      if (!l.empty() && l.back() == '\r') l.pop_back();
      if (binary(l)) expected.insert(l);
    }
    std::set<std::string> ours;
    for (const auto& item : decode_file(input).messages)
      if (binary(item.unscaled)) ours.insert(item.unscaled);
    EXPECT_EQ(expected.size(), log.distinct);
    EXPECT_EQ(ours, expected);
    std::size_t decoded = 0;
    for (const auto& l : ours) decoded += l.find("\"data\":\"") == std::string::npos ? 1 : 0;
    EXPECT_EQ(decoded, log.decoded);
  }
}

TEST(BinaryMessagesRealData, GlaAtonMonitoringFromTheDanishLog) {
  // DMA log, 2010-06-11: an Irish (DAC 250) lighthouse reports 13.65 V, no
  // RACON, light off.  Only non-zero analogue readings are scaled.
  const Decoded d = decode_lines({"!AIVDM,1,1,,A,6NjQME00V:C0?`a4@000P00,2*5A"});
  const auto* r = record_of<ais::AtonMonitoring>(d);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->ana_int, 273U);
  EXPECT_EQ(r->ana_ext1, 0U);
  EXPECT_EQ(r->racon, 0U);
  EXPECT_EQ(r->light, 2U);
  EXPECT_FALSE(r->alarm);
  EXPECT_FALSE(r->off_pos);
  expect_gpsdecode(
      d,
      R"({"class":"AIS","device":"stdin","type":6,"repeat":1,"mmsi":992501076,"scaled":false,"seqno":0,"dest_mmsi":2500912,"retransmit":false,"dac":250,"fid":10,"off_pos":false,"alarm":false,"stat_ext":0,"ana_int":273,"ana_ext1":0,"ana_ext2":0,"racon":0,"racon_text":"No RACON installed","light":2,"light_text":"Light OFF"})",
      R"({"class":"AIS","device":"stdin","type":6,"repeat":1,"mmsi":992501076,"scaled":true,"seqno":0,"dest_mmsi":2500912,"retransmit":false,"dac":250,"fid":10,"off_pos":false,"alarm":false,"stat_ext":0,"ana_int":13.65,"ana_ext1":0,"ana_ext2":0,"racon":0,"racon_text":"No RACON installed","light":2,"light_text":"Light OFF"})");
}

TEST(BinaryMessagesRealData, MetHydro31RecordHoldsTheWireValues) {
  // gpsd sample (two fragments): a Polish station, day 20 18:28 UTC.  The
  // values are gpsd 3.22's (its .ju.chk), with what they mean.
  const Decoded d = decode_lines(
      {"!AIVDM,2,1,9,B,8>j`;MP0GhRHI1S`CrTW2?u2Ot1owwnews0F003wwwwwww0001wwwwwwwwh0,0*02",
       "!AIVDM,2,2,9,B,00,4*18"});
  const auto* r = record_of<ais::MetHydro31>(d);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(d.messages[0].message.mmsi, 992611190U);
  EXPECT_EQ(r->lon, 1126600);  // 18.7767 deg E in 1/1000 min
  EXPECT_EQ(r->lat, 3264671);  // 54.4112 deg N
  EXPECT_FALSE(r->accuracy);
  EXPECT_EQ(r->day, 20U);
  EXPECT_EQ(r->hour, 18U);
  EXPECT_EQ(r->minute, 28U);
  EXPECT_EQ(r->wspeed, 17U);     // knots
  EXPECT_EQ(r->wgust, 127U);     // n/a
  EXPECT_EQ(r->wdir, 132U);
  EXPECT_EQ(r->wgustdir, 511U);  // out of range (360 is n/a)
  EXPECT_EQ(r->airtemp, 14);     // 1.4 deg C
  EXPECT_EQ(r->humidity, 127U);
  EXPECT_EQ(r->dewpoint, -1);    // -0.1 deg C: a signed field
  EXPECT_EQ(r->pressure, 214U);  // 1013 hPa
  EXPECT_EQ(r->pressuretend, 3U);
  EXPECT_TRUE(r->visgreater);
  EXPECT_EQ(r->visibility, 127U);
  EXPECT_EQ(r->waterlevel, 1538U);  // +5.38 m
  EXPECT_EQ(r->leveltrend, 3U);
  EXPECT_EQ(r->cspeed, 0U);
  EXPECT_EQ(r->cdir, 0U);
  EXPECT_EQ(r->cspeed2, 255U);
  EXPECT_EQ(r->cdir2, 511U);
  EXPECT_EQ(r->cdepth2, 31U);
  EXPECT_EQ(r->cspeed3, 255U);
  EXPECT_EQ(r->cdir3, 511U);
  EXPECT_EQ(r->cdepth3, 31U);
  EXPECT_EQ(r->waveheight, 0U);
  EXPECT_EQ(r->waveperiod, 0U);
  EXPECT_EQ(r->wavedir, 0U);
  EXPECT_EQ(r->swellheight, 255U);
  EXPECT_EQ(r->swellperiod, 63U);
  EXPECT_EQ(r->swelldir, 511U);
  EXPECT_EQ(r->seastate, 15U);
  EXPECT_EQ(r->watertemp, -1);  // -0.1 deg C
  EXPECT_EQ(r->preciptype, 7U);
  EXPECT_EQ(r->salinity, 511U);
  EXPECT_EQ(r->ice, 3U);
}

TEST(BinaryMessagesRealData, MetHydro31NotAvailableValuesAreSigned) {
  // gpsd sample, an Irish test station sending "not available" everywhere:
  // air temperature -1024, dew point and water temperature 501, level 4001.
  const Decoded d = decode_lines(
      {"!AIVDO,1,1,5,A,8>jR06@0Gwli:QQUP3en?wvlFR06EuOwgwl?wnSwe7wvlOwwsAwwnSGmwvh0,0*51"});
  const auto* r = record_of<ais::MetHydro31>(d);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->airtemp, -1024);
  EXPECT_EQ(r->dewpoint, 501);
  EXPECT_EQ(r->watertemp, 501);
  EXPECT_EQ(r->waterlevel, 4001U);
  EXPECT_EQ(r->humidity, 101U);
  EXPECT_EQ(r->wdir, 360U);
  EXPECT_EQ(r->salinity, 510U);
  EXPECT_EQ(r->seastate, 13U);
}

// ---- type 6 subtypes, built ---------------------------------------------------------

TEST(BinaryMessagesType6, InlandEtaAtLockOnlyAt248Bits) {
  // A barge announces its ETA at a Rotterdam lock: 15 June 14:30, one tug,
  // air draught 12.50 m.
  MessageBuilder m = addressed(244670316, 2442000, 200, 21);
  m.text("NL", 2).text("RTM", 3).text("00451", 5).text("00001", 5).text("01234", 5);
  m.u(6, 4).u(15, 5).u(14, 5).u(30, 6).u(1, 3).u(1250, 12).zeros(5);
  ASSERT_EQ(m.size(), 248U);
  const Lines lines = m.sentences();
  EXPECT_EQ(lines, Lines{"!AIVDM,1,1,,A,63aEOK00U@i0<QDpi9@o33CG73333737;?AWfN:L@0,4*51"});
  const Decoded d = decode_lines(lines);
  const auto* r = record_of<ais::InlandLockEta>(d);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->country, "NL");
  EXPECT_EQ(r->locode, "RTM");
  EXPECT_EQ(r->section, "00451");
  EXPECT_EQ(r->terminal, "00001");
  EXPECT_EQ(r->hectometre, "01234");
  EXPECT_EQ(r->month, 6U);
  EXPECT_EQ(r->day, 15U);
  EXPECT_EQ(r->hour, 14U);
  EXPECT_EQ(r->minute, 30U);
  EXPECT_EQ(r->tugs, 1U);
  EXPECT_EQ(r->airdraught, 1250U);
  // gpsdecode 3.22: "%u-%uT%u:%u", no padding.
  const std::string gpsdecode =
      R"json({"class":"AIS","device":"stdin","type":6,"repeat":0,"mmsi":244670316,"scaled":false,"seqno":0,"dest_mmsi":2442000,"retransmit":false,"dac":200,"fid":21,"country":"NL","locode":"RTM","section":"00451","terminal":"00001","hectometre":"01234","eta":"6-15T14:30","tugs":1,"airdraught":1250})json";
  expect_gpsdecode(d, gpsdecode, as_scaled(gpsdecode));

  // One bit more and gpsd no longer takes it for an ETA: raw data.
  m.zeros(1);
  const Decoded longer = decode_lines(m.sentences());
  ASSERT_EQ(longer.messages.size(), 1U);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(application(longer.messages[0])));
  EXPECT_NE(longer.messages[0].unscaled.find(",\"fid\":21,\"data\":\"161:"), std::string::npos)
      << longer.messages[0].unscaled;
}

TEST(BinaryMessagesType6, InlandRtaPrintsItsTextUnescaped) {
  // The lock answers: arrival 15:00, limited operation.  gpsd prints the
  // DAC 200 strings with "%s", so a backslash in the terminal code goes out
  // as it is (gpsd's json_stringify would double it).
  MessageBuilder m = addressed(2442000, 244670316, 200, 22);
  m.text("NL", 2).text("RTM", 3).text("00451", 5).text("T\\1", 5).text("01234", 5);
  m.u(6, 4).u(15, 5).u(15, 5).u(0, 6).u(1, 2).zeros(2);
  ASSERT_EQ(m.size(), 232U);
  const Lines lines = m.sentences();
  EXPECT_EQ(lines, Lines{"!AIVDM,1,1,,A,602E340rEGnh<QHpi9@o33CG5Ak40337;?AWg0@,2*13"});
  const Decoded d = decode_lines(lines);
  const auto* r = record_of<ais::InlandLockRta>(d);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->terminal, "T\\1");
  EXPECT_EQ(r->hour, 15U);
  EXPECT_EQ(r->minute, 0U);
  EXPECT_EQ(r->status, 1U);
  const std::string gpsdecode =
      R"json({"class":"AIS","device":"stdin","type":6,"repeat":0,"mmsi":2442000,"scaled":false,"seqno":0,"dest_mmsi":244670316,"retransmit":false,"dac":200,"fid":22,"country":"NL","locode":"RTM","section":"00451","terminal":"T\1","hectometre":"01234","eta":"6-15T15:0","status":1,"status_text":"Limited operation"})json";
  expect_gpsdecode(d, gpsdecode, as_scaled(gpsdecode));
}

TEST(BinaryMessagesType6, ExtendedShipStaticAirDraughtIsReadInsideTheDestination) {
  // IMO 236 puts the air draught (12.3 m) after the FI, at bit 88; gpsd reads
  // it at bit 56, i.e. bits 16..26 of the destination MMSI.  So do we.
  constexpr std::uint32_t dest = 211234560;
  MessageBuilder m = addressed(244670316, dest, 1, 15);
  m.u(123, 11).zeros(5);
  const Lines lines = m.sentences();
  EXPECT_EQ(lines, Lines{"!AIVDM,1,1,,A,63aEOK0jG;h004t?H0,4*4E"});
  const Decoded d = decode_lines(lines);
  const auto* r = record_of<ais::ExtendedShipStatic>(d);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->airdraught, (dest >> 3) & 0x7FFU);
  EXPECT_NE(r->airdraught, 123U);
  const std::string gpsdecode =
      R"json({"class":"AIS","device":"stdin","type":6,"repeat":0,"mmsi":244670316,"scaled":false,"seqno":0,"dest_mmsi":211234560,"retransmit":false,"dac":1,"fid":15,"airdraught":1504})json";
  expect_gpsdecode(d, gpsdecode, as_scaled(gpsdecode));
}

TEST(BinaryMessagesType8, ExtendedShipStaticAirDraught) {
  MessageBuilder m = broadcast(244670316, 1, 15);
  m.u(452, 11).zeros(5);  // 45.2 m
  const Lines lines = m.sentences();
  EXPECT_EQ(lines, Lines{"!AIVDM,1,1,,A,83aEOK00CkR0,0*47"});
  const Decoded d = decode_lines(lines);
  const auto* r = record_of<ais::ExtendedShipStatic>(d);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->airdraught, 452U);
  const std::string gpsdecode =
      R"json({"class":"AIS","device":"stdin","type":8,"repeat":0,"mmsi":244670316,"scaled":false,"dac":1,"fid":15,"airdraught":452})json";
  expect_gpsdecode(d, gpsdecode, as_scaled(gpsdecode));
}

TEST(BinaryMessagesType6, PersonsOnBoardOffsetDependsOnLength) {
  constexpr std::uint32_t dest = 211234560;
  // 136 bits of data (IMO 289): the count, 17, at bit 88.
  MessageBuilder full = addressed(244670316, dest, 1, 16);
  full.u(17, 13).zeros(136 - 13);
  const Lines lines = full.sentences();
  EXPECT_EQ(lines, Lines{"!AIVDM,1,1,,A,63aEOK0jG;h00500R000000000000000000000,4*1E"});
  const Decoded d = decode_lines(lines);
  const auto* r = record_of<ais::PersonsOnBoard>(d);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->persons, 17U);
  EXPECT_TRUE(r->addressed);
  const std::string gpsdecode =
      R"json({"class":"AIS","device":"stdin","type":6,"repeat":0,"mmsi":244670316,"scaled":false,"seqno":0,"dest_mmsi":211234560,"retransmit":false,"dac":1,"fid":16,"persons":17})json";
  expect_gpsdecode(d, gpsdecode, as_scaled(gpsdecode));

  // Any other length: gpsd reads 13 bits at 55, inside the destination MMSI.
  MessageBuilder other = addressed(244670316, dest, 1, 16);
  other.u(17, 13).zeros(3);
  const Decoded o = decode_lines(other.sentences());
  const auto* ro = record_of<ais::PersonsOnBoard>(o);
  ASSERT_NE(ro, nullptr);
  EXPECT_EQ(ro->persons, (dest >> 2) & 0x1FFFU);
}

TEST(BinaryMessagesType8, PersonsOnBoardIsPrintedAsZero) {
  // gpsd 3.22 decodes the count of a type 8 but prints the type 6 member of
  // its union, which is zero: "persons":0.  The record keeps the count.
  MessageBuilder full = broadcast(244670316, 1, 16);
  full.zeros(32).u(250, 13).zeros(136 - 45);  // 136 bits: count at bit 88
  const Lines lines = full.sentences();
  EXPECT_EQ(lines, Lines{"!AIVDM,1,1,,A,83aEOK00D0000007l000000000000000,0*22"});
  const Decoded d = decode_lines(lines);
  const auto* r = record_of<ais::PersonsOnBoard>(d);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->persons, 250U);
  EXPECT_FALSE(r->addressed);
  const std::string gpsdecode =
      R"json({"class":"AIS","device":"stdin","type":8,"repeat":0,"mmsi":244670316,"scaled":false,"dac":1,"fid":16,"persons":0})json";
  expect_gpsdecode(d, gpsdecode, as_scaled(gpsdecode));

  // 72 bits: read at bit 55, the FI's last bit (0) and 12 bits of the count.
  MessageBuilder shorter = broadcast(244670316, 1, 16);
  shorter.u(250, 13).zeros(72 - 13);
  const Decoded s = decode_lines(shorter.sentences());
  const auto* rs = record_of<ais::PersonsOnBoard>(s);
  ASSERT_NE(rs, nullptr);
  EXPECT_EQ(rs->persons, 125U);
  EXPECT_NE(s.messages[0].unscaled.find(",\"fid\":16,\"persons\":0}"), std::string::npos);

  // Any other length is not decoded.
  MessageBuilder odd = broadcast(244670316, 1, 16);
  odd.u(250, 13).zeros(3);
  const Decoded o = decode_lines(odd.sentences());
  ASSERT_EQ(o.messages.size(), 1U);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(application(o.messages[0])));
  EXPECT_NE(o.messages[0].unscaled.find(",\"fid\":16,\"data\":\"16:07d0\""), std::string::npos)
      << o.messages[0].unscaled;
}

TEST(BinaryMessagesType6, BerthingData) {
  // Berth "EUROPAHAVEN 8", 250 m long, 12.5 m deep, port side to, arrival
  // 14 March 08:30; agent available (1), fuel (2), chandler (3).
  MessageBuilder m = addressed(2442000, 244670316, 1, 20);
  m.u(7, 10).u(250, 9).u(125, 8).u(1, 3).u(3, 4).u(14, 5).u(8, 5).u(30, 6).u(1, 1);
  m.u(1, 2).u(2, 2).u(3, 2).zeros(2 * 23);
  m.text("EUROPAHAVEN 8", 20).s(milli_minutes(4.0333), 25).s(milli_minutes(51.95), 24);
  ASSERT_EQ(m.size(), 360U);
  const Lines lines = m.sentences();
  EXPECT_EQ(lines,
            Lines{"!AIVDM,1,1,,A,602E340rEGnh05@1olvTo8NeP0000000:bTNP2@2d:M1h00000000s5>;pw8,0*3B"});
  const Decoded d = decode_lines(lines);
  const auto* r = record_of<ais::BerthingData>(d);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->linkage, 7U);
  EXPECT_EQ(r->berth_length, 250U);
  EXPECT_EQ(r->berth_depth, 125U);
  EXPECT_EQ(r->position, 1U);
  EXPECT_EQ(r->month, 3U);
  EXPECT_EQ(r->day, 14U);
  EXPECT_TRUE(r->availability);
  EXPECT_EQ(r->services.agent, 1U);
  EXPECT_EQ(r->services.fuel, 2U);
  EXPECT_EQ(r->services.chandler, 3U);
  EXPECT_EQ(r->services.stevedore, 0U);
  EXPECT_EQ(r->berth_name, "EUROPAHAVEN 8");
  EXPECT_EQ(r->berth_lon, 241998);
  EXPECT_EQ(r->berth_lat, 3117000);
  expect_gpsdecode(
      d,
      R"json({"class":"AIS","device":"stdin","type":6,"repeat":0,"mmsi":2442000,"scaled":false,"seqno":0,"dest_mmsi":244670316,"retransmit":false,"dac":1,"fid":20,"linkage":7,"berth_length":250,"position":1,"position_text":"Port-side to","arrival":"3-14T8:30","availability":1,"agent":1,"fuel":2,"chandler":3,"stevedore":0,"electrical":0,"water":0,"customs":0,"cartage":0,"crane":0,"lift":0,"medical":0,"navrepair":0,"provisions":0,"shiprepair":0,"surveyor":0,"steam":0,"tugs":0,"solidwaste":0,"liquidwaste":0,"hazardouswaste":0,"ballast":0,"additional":0,"regional1":0,"regional2":0,"future1":0,"future2":0,"berth_name":"EUROPAHAVEN 8","berth_lon":241998,"berth_lat":3117000,"berth_depth":125})json",
      R"json({"class":"AIS","device":"stdin","type":6,"repeat":0,"mmsi":2442000,"scaled":true,"seqno":0,"dest_mmsi":244670316,"retransmit":false,"dac":1,"fid":20,"linkage":7,"berth_length":250,"position":1,"position_text":"Port-side to","arrival":"3-14T8:30","availability":1,"agent":1,"fuel":2,"chandler":3,"stevedore":0,"electrical":0,"water":0,"customs":0,"cartage":0,"crane":0,"lift":0,"medical":0,"navrepair":0,"provisions":0,"shiprepair":0,"surveyor":0,"steam":0,"tugs":0,"solidwaste":0,"liquidwaste":0,"hazardouswaste":0,"ballast":0,"additional":0,"regional1":0,"regional2":0,"future1":0,"future2":0,"berth_name":"EUROPAHAVEN 8","berth_lon":4.0333,"berth_lat":51.9500,"berth_depth":12.5})json");
}

TEST(BinaryMessagesType6, DangerousCargoCountsEveryStartBeforeTheEnd) {
  // Amount 350 (unit 1) of three cargos.  gpsd counts a 17-bit cargo for
  // every start before the end of the message.
  MessageBuilder m = addressed(244670316, 2442000, 1, 25);
  m.u(1, 2).u(350, 10).u(1, 4).u(2301, 13).u(2, 4).u(1203, 13).u(3, 4).u(100, 13);
  ASSERT_EQ(m.size(), 151U);
  const Lines lines = m.sentences();
  EXPECT_EQ(lines, Lines{"!AIVDM,1,1,,A,63aEOK00U@i005UEpDOa4dk0j0,5*14"});
  const Decoded d = decode_lines(lines);
  const auto* r = record_of<ais::DangerousCargo289>(d);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->unit, 1U);
  EXPECT_EQ(r->amount, 350U);
  ASSERT_EQ(r->count, 3U);
  EXPECT_EQ(r->cargos[0].code, 1U);
  EXPECT_EQ(r->cargos[0].subtype, 2301U);
  EXPECT_EQ(r->cargos[2].code, 3U);
  EXPECT_EQ(r->cargos[2].subtype, 100U);
  const std::string gpsdecode =
      R"json({"class":"AIS","device":"stdin","type":6,"repeat":0,"mmsi":244670316,"scaled":false,"seqno":0,"dest_mmsi":2442000,"retransmit":false,"dac":1,"fid":25,"unit":1,"amount":350,"cargos":[{"code":1,"subtype":2301},{"code":2,"subtype":1203},{"code":3,"subtype":100}]})json";
  expect_gpsdecode(d, gpsdecode, as_scaled(gpsdecode));

  // Two spare bits after the last cargo make a fourth, from fill and zeros.
  m.u(3, 2);
  const Decoded more = decode_lines(m.sentences());
  const auto* r4 = record_of<ais::DangerousCargo289>(more);
  ASSERT_NE(r4, nullptr);
  ASSERT_EQ(r4->count, 4U);
  EXPECT_EQ(r4->cargos[3].code, 12U);  // 0b11 then zero fill bits
  EXPECT_EQ(r4->cargos[3].subtype, 0U);
}

TEST(BinaryMessagesType6, RouteInformationWaypointsInTenThousandthsOfAMinute) {
  // A recommended route from the authority, starting 1 July 06:00 for 6 h.
  MessageBuilder m = addressed(2442000, 244670316, 1, 28);
  m.u(12, 10).u(1, 3).u(2, 5).u(7, 4).u(1, 5).u(6, 5).u(0, 6).u(360, 18).u(2, 5);
  m.s(ten_thousandth_minutes(4.2), 28).s(ten_thousandth_minutes(52.0), 27);
  m.s(ten_thousandth_minutes(4.1), 28).s(ten_thousandth_minutes(52.1), 27);
  const Lines lines = m.sentences();
  EXPECT_EQ(lines, Lines{"!AIVDM,1,1,,A,602E340rEGnh05h329hV005`41<qp1o1<00URF0sWrh0,5*39"});
  const Decoded d = decode_lines(lines);
  const auto* r = record_of<ais::RouteInformation>(d);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->linkage, 12U);
  EXPECT_EQ(r->sender, 1U);
  EXPECT_EQ(r->rtype, 2U);
  EXPECT_EQ(r->duration, 360U);
  ASSERT_EQ(r->count, 2U);
  EXPECT_EQ(r->waypoints[0].lon, 2520000);
  EXPECT_EQ(r->waypoints[0].lat, 31200000);
  EXPECT_EQ(r->waypoints[1].lat, 31260000);
  expect_gpsdecode(
      d,
      R"json({"class":"AIS","device":"stdin","type":6,"repeat":0,"mmsi":2442000,"scaled":false,"seqno":0,"dest_mmsi":244670316,"retransmit":false,"dac":1,"fid":28,"linkage":12,"sender":1,"rtype":2,"rtype_text":"Recommended","start":"07-01T06:00Z","duration":360,"waypoints":[{"lon":2520000,"lat":31200000},{"lon":2460000,"lat":31260000}]})json",
      R"json({"class":"AIS","device":"stdin","type":6,"repeat":0,"mmsi":2442000,"scaled":true,"seqno":0,"dest_mmsi":244670316,"retransmit":false,"dac":1,"fid":28,"linkage":12,"sender":1,"rtype":2,"rtype_text":"Recommended","start":"07-01T06:00Z","duration":360,"waypoints":[{"lon":4.200000,"lat":52.000000},{"lon":4.100000,"lat":52.100000}]})json");
}

TEST(BinaryMessagesType6, TextDescription) {
  MessageBuilder m = addressed(2442000, 244670316, 1, 30);
  m.u(3, 10).text("PILOT BOARDING AT BUOY \"3\"", 26);
  const Lines lines = m.sentences();
  EXPECT_EQ(lines, Lines{"!AIVDM,1,1,,A,602E340rEGnh05p0l2C3m80ShDQ2CQp0E80UCnH8dpP,4*53"});
  const Decoded d = decode_lines(lines);
  const auto* r = record_of<ais::TextDescription>(d);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->linkage, 3U);
  EXPECT_EQ(r->text, "PILOT BOARDING AT BUOY \"3\"");
  const std::string gpsdecode =
      R"json({"class":"AIS","device":"stdin","type":6,"repeat":0,"mmsi":2442000,"scaled":false,"seqno":0,"dest_mmsi":244670316,"retransmit":false,"dac":1,"fid":30,"linkage":3,"text":"PILOT BOARDING AT BUOY \"3\""})json";  // escaped, unlike DAC 200 text
  expect_gpsdecode(d, gpsdecode, as_scaled(gpsdecode));
}

TEST(BinaryMessagesType6, TidalWindowCountsAWindowStartingAtTheEnd) {
  // Two windows of 88 bits; gpsd counts every window starting at or before
  // the end of the message, so a third, all zeros, is printed.
  MessageBuilder m = addressed(2442000, 244670316, 1, 32);
  m.u(5, 4).u(20, 5);
  m.s(milli_minutes(8.5), 25).s(milli_minutes(53.5), 24).u(6, 5).u(0, 6).u(9, 5).u(30, 6);
  m.u(270, 9).u(15, 8);
  m.s(milli_minutes(8.6), 25).s(milli_minutes(53.6), 24).u(18, 5).u(0, 6).u(20, 5).u(0, 6);
  m.u(360, 9).u(255, 8);
  ASSERT_EQ(m.size(), 273U);
  const Lines lines = m.sentences();
  EXPECT_EQ(lines, Lines{"!AIVDM,1,1,,A,602E340rEGnh061J0O8<33s4309NQhN1uvP<A:0T1@2lOp,3*06"});
  const Decoded d = decode_lines(lines);
  const auto* r = record_of<ais::TidalWindow>(d);
  ASSERT_NE(r, nullptr);
  EXPECT_FALSE(r->imo236);
  EXPECT_EQ(r->month, 5U);
  EXPECT_EQ(r->day, 20U);
  ASSERT_EQ(r->count, 3U);
  EXPECT_EQ(r->windows[0].lon, 510000);
  EXPECT_EQ(r->windows[0].lat, 3210000);
  EXPECT_EQ(r->windows[0].cdir, 270U);
  EXPECT_EQ(r->windows[0].cspeed, 15U);
  EXPECT_EQ(r->windows[1].from_hour, 18U);
  EXPECT_EQ(r->windows[2].lon, 0);
  EXPECT_EQ(r->windows[2].cdir, 0U);
  expect_gpsdecode(
      d,
      R"json({"class":"AIS","device":"stdin","type":6,"repeat":0,"mmsi":2442000,"scaled":false,"seqno":0,"dest_mmsi":244670316,"retransmit":false,"dac":1,"fid":32,"month":5,"day":20,"tidals":[{"lon":510000,"lat":3210000,"from_hour":6,"from_min":0,"to_hour":9,"to_min":30,"cdir":270,"cspeed":15},{"lon":516000,"lat":3216000,"from_hour":18,"from_min":0,"to_hour":20,"to_min":0,"cdir":360,"cspeed":255},{"lon":0,"lat":0,"from_hour":0,"from_min":0,"to_hour":0,"to_min":0,"cdir":0,"cspeed":0}]})json",
      R"json({"class":"AIS","device":"stdin","type":6,"repeat":0,"mmsi":2442000,"scaled":true,"seqno":0,"dest_mmsi":244670316,"retransmit":false,"dac":1,"fid":32,"month":5,"day":20,"tidals":[{"lon":8.5000,"lat":53.5000,"from_hour":6,"from_min":0,"to_hour":9,"to_min":30,"cdir":270,"cspeed":1.5},{"lon":8.6000,"lat":53.6000,"from_hour":18,"from_min":0,"to_hour":20,"to_min":0,"cdir":360,"cspeed":25.5},{"lon":0.0000,"lat":0.0000,"from_hour":0,"from_min":0,"to_hour":0,"to_min":0,"cdir":0,"cspeed":0.0}]})json");
}

TEST(BinaryMessagesType6, SubtypesGpsdDoesNotDecodeKeepTheirData) {
  // Area notice (FI 23) and an inland ETA of the wrong length: raw data only.
  MessageBuilder notice = addressed(2442000, 244670316, 1, 23);
  notice.u(0xABC, 12);
  MessageBuilder eta = addressed(2442000, 244670316, 200, 21);
  eta.u(0xABC, 12);
  for (const MessageBuilder* m : {&notice, &eta}) {
    const Decoded d = decode_lines(m->sentences());
    ASSERT_EQ(d.messages.size(), 1U);
    EXPECT_TRUE(std::holds_alternative<std::monostate>(application(d.messages[0])));
    EXPECT_NE(d.messages[0].unscaled.find(",\"data\":\"12:abc0\"}"), std::string::npos)
        << d.messages[0].unscaled;
  }
}

// ---- type 8 subtypes, built ---------------------------------------------------------

TEST(BinaryMessagesType8, FairwayClosed) {
  MessageBuilder m = broadcast(2111240, 1, 13);
  m.text("ICE", 20).text("KIEL HOLTENAU", 20).text("BRUNSBUETTEL", 20);
  m.u(5, 10).u(2, 2).u(10, 5).u(1, 4).u(6, 5).u(0, 6).u(12, 5).u(1, 4).u(18, 5).u(0, 6);
  m.zeros(4);
  ASSERT_EQ(m.size(), 472U);
  const Lines lines = m.sentences();
  EXPECT_EQ(lines,
            (Lines{"!AIVDM,2,1,1,A,8020o200CB@i@00000000000000002jAC823k51CPE@0000000TUCThUAE51,0*2A",
                   "!AIVDM,2,2,1,A,C0000000005U2H1Pj00,2*77"}));
  const Decoded d = decode_lines(lines);
  const auto* r = record_of<ais::FairwayClosed>(d);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->reason, "ICE");
  EXPECT_EQ(r->closefrom, "KIEL HOLTENAU");
  EXPECT_EQ(r->closeto, "BRUNSBUETTEL");
  EXPECT_EQ(r->radius, 5U);
  EXPECT_EQ(r->extunit, 2U);
  EXPECT_EQ(r->fday, 10U);
  EXPECT_EQ(r->fmonth, 1U);
  EXPECT_EQ(r->thour, 18U);
  // "from"/"to" are month-day, without the "Z" of the other dates
  const std::string gpsdecode =
      R"json({"class":"AIS","device":"stdin","type":8,"repeat":0,"mmsi":2111240,"scaled":false,"dac":1,"fid":13,"reason":"ICE","closefrom":"KIEL HOLTENAU","closeto":"BRUNSBUETTEL","radius":5,"extunit":2,"from":"01-10T06:00","to":"01-12T18:00"})json";
  expect_gpsdecode(d, gpsdecode, as_scaled(gpsdecode));
}

TEST(BinaryMessagesType8, VtsTargetsCountATargetStartingAtTheEnd) {
  // Two synthetic targets from a VTS: one by MMSI, one by call sign.  As with
  // the tidal window, gpsd counts a third target starting exactly at the end.
  MessageBuilder m = broadcast(2111240, 1, 17);
  m.u(0, 2).u(211234560, 42).zeros(4).s(milli_minutes(54.3), 24).s(milli_minutes(10.15), 25);
  m.u(95, 9).u(30, 6).u(12, 10);
  m.u(2, 2).text("DCBA", 7).zeros(4).s(milli_minutes(54.35), 24).s(milli_minutes(10.2), 25);
  m.u(360, 9).u(60, 6).u(255, 10);
  ASSERT_EQ(m.size(), 300U);
  const Lines lines = m.sentences();
  EXPECT_EQ(lines, Lines{"!AIVDM,1,1,,A,8020o200D@00jG;h036nT0BUM1ON0j43210000ihTP4bm1J?3w,0*3E"});
  const Decoded d = decode_lines(lines);
  const auto* r = record_of<ais::VtsTargets>(d);
  ASSERT_NE(r, nullptr);
  ASSERT_EQ(r->count, 3U);
  EXPECT_EQ(r->targets[0].idtype, 0U);
  EXPECT_EQ(r->targets[0].id, 211234560U);
  EXPECT_EQ(r->targets[0].lat, 3258000);
  EXPECT_EQ(r->targets[0].lon, 609000);
  EXPECT_EQ(r->targets[0].course, 95U);
  EXPECT_EQ(r->targets[0].speed, 12U);
  EXPECT_EQ(r->targets[1].idtype, 2U);
  EXPECT_EQ(r->targets[1].id_text, "DCBA");
  EXPECT_EQ(r->targets[1].second, 60U);
  EXPECT_EQ(r->targets[2].id, 0U);
  expect_gpsdecode(
      d,
      R"json({"class":"AIS","device":"stdin","type":8,"repeat":0,"mmsi":2111240,"scaled":false,"dac":1,"fid":17,"targets":[{"idtype":0,"idtype_text":"mmsi","mmsi":"211234560","lat":3258000,"lon":609000,"course":95,"second":30,"speed":12},{"idtype":2,"idtype_text":"callsign","callsign":"DCBA","lat":3261000,"lon":612000,"course":360,"second":60,"speed":255},{"idtype":0,"idtype_text":"mmsi","mmsi":"0","lat":0,"lon":0,"course":0,"second":0,"speed":0}]})json",
      R"json({"class":"AIS","device":"stdin","type":8,"repeat":0,"mmsi":2111240,"scaled":true,"dac":1,"fid":17,"targets":[{"idtype":0,"idtype_text":"mmsi","mmsi":"211234560","lat":54.3000,"lon":10.1500,"course":95,"second":30,"speed":12},{"idtype":2,"idtype_text":"callsign","callsign":"DCBA","lat":54.3500,"lon":10.2000,"course":360,"second":60,"speed":255},{"idtype":0,"idtype_text":"mmsi","mmsi":"0","lat":0.0000,"lon":0.0000,"course":0,"second":0,"speed":0}]})json");
}

TEST(BinaryMessagesType8, MarineTrafficSignalAsGpsdMisprintsIt) {
  // Kiel Canal east: vessels shall not proceed; next signal at 14:45 will be
  // "serious emergency".  gpsd prints the position in degrees in both modes,
  // the legend's en dash as UTF-8, and no comma before "nextsignal_text".
  MessageBuilder m = broadcast(2111240, 1, 19);
  m.u(1, 10).text("KIEL CANAL EAST", 20).s(milli_minutes(10.15), 25).s(milli_minutes(54.36), 24);
  m.u(1, 2).u(2, 5).u(14, 5).u(45, 6).u(1, 5).zeros(102);
  ASSERT_EQ(m.size(), 360U);
  const Lines lines = m.sentences();
  EXPECT_EQ(lines,
            Lines{"!AIVDM,1,1,,A,8020o200Dh1;95<P31>1<P51CD000001:El6>9@8WFQ00000000000000000,0*7E"});
  const Decoded d = decode_lines(lines);
  const auto* r = record_of<ais::MarineTrafficSignal>(d);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->station, "KIEL CANAL EAST");
  EXPECT_EQ(r->lon, 609000);
  EXPECT_EQ(r->lat, 3261600);
  EXPECT_EQ(r->status, 1U);
  EXPECT_EQ(r->signal, 2U);
  EXPECT_EQ(r->nextsignal, 1U);
  const std::string gpsdecode =
      R"json({"class":"AIS","device":"stdin","type":8,"repeat":0,"mmsi":2111240,"scaled":false,"dac":1,"fid":19,"linkage":1,"station":"KIEL CANAL EAST","lon":10.1500,"lat":54.3600,"status":1,"signal":2,"signal_text":"Vessels shall not proceed.","hour":14,"minute":45,"nextsignal":1"nextsignal_text":"Serious emergency – stop or divert according to instructions."})json";
  expect_gpsdecode(d, gpsdecode, as_scaled(gpsdecode));
}

TEST(BinaryMessagesType8, RouteInformationBroadcast) {
  MessageBuilder m = broadcast(2111240, 1, 27);
  m.u(12, 10).u(1, 3).u(2, 5).u(7, 4).u(1, 5).u(6, 5).u(0, 6).u(360, 18).u(2, 5);
  m.s(ten_thousandth_minutes(-4.2), 28).s(ten_thousandth_minutes(52.0), 27);
  m.s(ten_thousandth_minutes(-4.1), 28).s(ten_thousandth_minutes(-52.1), 27);
  const Lines lines = m.sentences();
  EXPECT_EQ(lines, Lines{"!AIVDM,1,1,,A,8020o200Fh<8W2H00FPGs<HP7L4h3uan`<APE0,1*27"});
  const Decoded d = decode_lines(lines);
  const auto* r = record_of<ais::RouteInformation>(d);
  ASSERT_NE(r, nullptr);
  ASSERT_EQ(r->count, 2U);
  EXPECT_EQ(r->waypoints[0].lon, -2520000);
  EXPECT_EQ(r->waypoints[1].lat, -31260000);
  expect_gpsdecode(
      d,
      R"json({"class":"AIS","device":"stdin","type":8,"repeat":0,"mmsi":2111240,"scaled":false,"dac":1,"fid":27,"linkage":12,"sender":1,"rtype":2,"rtype_text":"Recommended","start":"07-01T06:00Z","duration":360,"waypoints":[{"lon":-2520000,"lat":31200000},{"lon":-2460000,"lat":-31260000}]})json",
      R"json({"class":"AIS","device":"stdin","type":8,"repeat":0,"mmsi":2111240,"scaled":true,"dac":1,"fid":27,"linkage":12,"sender":1,"rtype":2,"rtype_text":"Recommended","start":"07-01T06:00Z","duration":360,"waypoints":[{"lon":-4.200000,"lat":52.000000},{"lon":-4.100000,"lat":-52.100000}]})json");
}

TEST(BinaryMessagesType8, TextDescriptionBroadcast) {
  MessageBuilder m = broadcast(2111240, 1, 29);
  m.u(4, 10).text("ICE IN FAIRWAY  ", 16);  // trailing spaces are dropped
  const Lines lines = m.sentences();
  EXPECT_EQ(lines, Lines{"!AIVDM,1,1,,A,8020o200G@4935P9>P619BG1IPP,0*39"});
  const Decoded d = decode_lines(lines);
  const auto* r = record_of<ais::TextDescription>(d);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->linkage, 4U);
  EXPECT_EQ(r->text, "ICE IN FAIRWAY");
  const std::string gpsdecode =
      R"json({"class":"AIS","device":"stdin","type":8,"repeat":0,"mmsi":2111240,"scaled":false,"dac":1,"fid":29,"linkage":4,"text":"ICE IN FAIRWAY"})json";
  expect_gpsdecode(d, gpsdecode, as_scaled(gpsdecode));
}

TEST(BinaryMessagesType8, TextDescriptionShorterThanItsHeader) {
  // 64 bits, the last two fill bits sent as 1: the 10-bit linkage reads 8
  // bits and the two fill bits; gpsd's character count wraps negative, so
  // the text is empty.
  MessageBuilder m = broadcast(2111240, 1, 29);
  m.u(200, 8);
  const Lines lines = m.sentences("11");
  EXPECT_EQ(lines, Lines{"!AIVDM,1,1,,A,8020o200GLS,2*2B"});
  const Decoded d = decode_lines(lines);
  const auto* r = record_of<ais::TextDescription>(d);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->linkage, 803U);  // 200 << 2 | 0b11
  EXPECT_TRUE(r->text.empty());
  const std::string gpsdecode =
      R"json({"class":"AIS","device":"stdin","type":8,"repeat":0,"mmsi":2111240,"scaled":false,"dac":1,"fid":29,"linkage":803,"text":""})json";
  expect_gpsdecode(d, gpsdecode, as_scaled(gpsdecode));
}

TEST(BinaryMessagesType8, MetHydro31NegativeWaterLevelWraps) {
  // A Gulf of Bothnia station on a cold day: -12.5 deg C air, dew point
  // -15.0, water level -0.50 m (raw 950: 1/100 m above -10.00 m).  gpsd
  // subtracts the offset in unsigned arithmetic, so it prints 42949672.5 m.
  MessageBuilder m = broadcast(2300061, 1, 31);
  m.s(milli_minutes(24.4), 25).s(milli_minutes(64.65), 24).u(1, 1).u(20, 5).u(18, 5).u(27, 6);
  m.u(11, 7).u(14, 7).u(162, 9).u(167, 9).s(-125, 11).u(80, 7).s(-150, 10).u(232, 9).u(1, 2);
  m.u(0, 1).u(85, 7).u(950, 12).u(2, 2).u(12, 8).u(45, 9).u(255, 8).u(360, 9).u(31, 5);
  m.u(255, 8).u(360, 9).u(31, 5).u(8, 8).u(5, 6).u(200, 9).u(255, 8).u(63, 6).u(360, 9);
  m.u(3, 4).s(-5, 10).u(5, 3).u(65, 9).u(1, 2).zeros(10);
  ASSERT_EQ(m.size(), 360U);
  const Lines lines = m.sentences();
  EXPECT_EQ(lines,
            Lines{"!AIVDM,1,1,,A,802<HW@0GhdcH1nH;6TViHqA:OhM3JW@banl62owe7wvlO21FAwwnPwsa1@0,0*6B"});
  const Decoded d = decode_lines(lines);
  const auto* r = record_of<ais::MetHydro31>(d);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->lon, 1464000);
  EXPECT_EQ(r->lat, 3879000);
  EXPECT_TRUE(r->accuracy);
  EXPECT_EQ(r->airtemp, -125);
  EXPECT_EQ(r->dewpoint, -150);
  EXPECT_EQ(r->pressure, 232U);
  EXPECT_EQ(r->visibility, 85U);
  EXPECT_EQ(r->waterlevel, 950U);
  EXPECT_EQ(r->leveltrend, 2U);
  EXPECT_EQ(r->cspeed, 12U);
  EXPECT_EQ(r->waveheight, 8U);
  EXPECT_EQ(r->wavedir, 200U);
  EXPECT_EQ(r->seastate, 3U);
  EXPECT_EQ(r->watertemp, -5);
  EXPECT_EQ(r->preciptype, 5U);
  EXPECT_EQ(r->salinity, 65U);
  EXPECT_EQ(r->ice, 1U);
  expect_gpsdecode(
      d,
      R"json({"class":"AIS","device":"stdin","type":8,"repeat":0,"mmsi":2300061,"scaled":false,"dac":1,"fid":31,"lat":3879000,"lon":1464000,"accuracy":true,"timestamp":"20T18:27Z","wspeed":11,"wgust":14,"wdir":162,"wgustdir":167,"humidity":80,"airtemp":-125,"dewpoint":-150,"pressure":232,"pressuretend":1,"visgreater":false,"visibility":85,"waterlevel":950,"leveltrend":2,"cspeed":12,"cdir":45,"cspeed2":255,"cdir2":360,"cdepth2":31,"cspeed3":255,"cdir3":360,"cdepth3":31,"waveheight":8,"waveperiod":5,"wavedir":200,"swellheight":255,"swellperiod":63,"swelldir":360,"seastate":3,"watertemp":-5,"preciptype":5,"salinity":65,"ice":1})json",
      R"json({"class":"AIS","device":"stdin","type":8,"repeat":0,"mmsi":2300061,"scaled":true,"dac":1,"fid":31,"lat":64.6500,"lon":24.4000,"accuracy":true,"timestamp":"20T18:27Z","wspeed":11,"wgust":14,"wdir":162,"wgustdir":167,"humidity":80,"airtemp":-12.5,"dewpoint":-15.0,"pressure":1031,"pressuretend":"increasing","visgreater":false,"visibility":8.5,"waterlevel":42949672.5,"leveltrend":"decreasing","cspeed":1.2,"cdir":45,"cspeed2":25.5,"cdir2":360,"cdepth2":31,"cspeed3":25.5,"cdir3":360,"cdepth3":31,"waveheight":0.8,"waveperiod":5,"wavedir":200,"swellheight":25.5,"swellperiod":63,"swelldir":360,"seastate":3,"watertemp":-0.5,"preciptype":"snow","salinity":6.5,"ice":"yes"})json");
}

TEST(BinaryMessagesType8, InlandShipStaticWithAnImpossibleHazardIsNotDecoded) {
  // The layout of the sample's inland static report, but 6 blue cones: gpsd
  // takes that for some other message and prints the data.
  MessageBuilder m = broadcast(244650946, 200, 10);
  m.text("02103547", 8).u(390, 13).u(50, 10).u(8010, 14).u(6, 3).u(204, 11).u(1, 2);
  m.u(0, 3).zeros(8);
  ASSERT_EQ(m.size(), 168U);
  const Decoded d = decode_lines(m.sentences());
  ASSERT_EQ(d.messages.size(), 1U);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(application(d.messages[0])));
  EXPECT_NE(d.messages[0].unscaled.find(",\"fid\":10,\"data\":\"112:"), std::string::npos);

  // With hazard 5 ("Unknown") it is decoded.
  MessageBuilder ok = broadcast(244650946, 200, 10);
  ok.text("02103547", 8).u(390, 13).u(50, 10).u(8010, 14).u(5, 3).u(204, 11).u(1, 2);
  ok.u(0, 3).zeros(8);
  const Decoded decoded = decode_lines(ok.sentences());
  const auto* r = record_of<ais::InlandShipStatic>(decoded);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->vin, "02103547");
  EXPECT_EQ(r->hazard, 5U);
  EXPECT_EQ(r->shiptype, 8010U);
}

TEST(BinaryMessagesType8, EmmaWarningStartPrintedInGpsdsOrder) {
  // Wind warning (Beaufort 6 to 9, medium, from the west) on the Rhine from
  // 2024-02-10 06:00 to 2024-02-11 18:30.  gpsd prints the start as
  // year-month-hour T minute:day.
  MessageBuilder m = broadcast(2110000, 200, 23);
  m.u(24, 8).u(2, 4).u(10, 5).u(24, 8).u(2, 4).u(11, 5).u(6, 5).u(0, 6).u(18, 5).u(30, 6);
  m.s(ten_thousandth_minutes(6.1), 28).s(ten_thousandth_minutes(51.8), 27);
  m.s(ten_thousandth_minutes(6.9), 28).s(ten_thousandth_minutes(51.85), 27);
  m.u(1, 4).s(6, 9).s(9, 9).u(1, 2).u(7, 4).zeros(6);
  ASSERT_EQ(m.size(), 256U);
  const Lines lines = m.sentences();
  EXPECT_EQ(lines, Lines{"!AIVDM,1,1,,A,8020j<0j5iPU31;<19p3OHp3e7j01vEt1nc=h430UL0,2*78"});
  const Decoded d = decode_lines(lines);
  const auto* r = record_of<ais::EmmaWarning>(d);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->start_year, 24U);
  EXPECT_EQ(r->start_day, 10U);
  EXPECT_EQ(r->start_hour, 6U);
  EXPECT_EQ(r->end_minute, 30U);
  EXPECT_EQ(r->start_lon, 3660000);
  EXPECT_EQ(r->end_lat, 31110000);
  EXPECT_EQ(r->type, 1U);
  EXPECT_EQ(r->min, 6);
  EXPECT_EQ(r->max, 9);
  EXPECT_EQ(r->intensity, 1U);
  EXPECT_EQ(r->wind, 7U);
  expect_gpsdecode(
      d,
      R"json({"class":"AIS","device":"stdin","type":8,"repeat":0,"mmsi":2110000,"scaled":false,"dac":200,"fid":23,"start":"2024-02-06T00:10","end":"2024-02-11T18:30","start_lon":3660000,"start_lat":31080000,"end_lon":4140000,"end_lat":31110000,"type":1,"type_text":"Wind","min":6,"max":9,"class":1,"class_text":"Medium","wind":7,"wind_text":"West"})json",
      R"json({"class":"AIS","device":"stdin","type":8,"repeat":0,"mmsi":2110000,"scaled":true,"dac":200,"fid":23,"start":"2024-02-06T00:10","end":"2024-02-11T18:30","start_lon":6.100000,"start_lat":51.800000,"end_lon":6.900000,"end_lat":51.850000,"type":1,"type_text":"Wind","min":6,"max":9,"class":1,"class_text":"Medium","wind":7,"wind_text":"West"})json");
}

TEST(BinaryMessagesType8, WaterLevels) {
  // Two German gauges: 5.12 m and -0.35 m; the other two slots unused.
  MessageBuilder m = broadcast(2111240, 200, 24);
  m.text("DE", 2).u(101, 11).s(512, 14).u(102, 11).s(-35, 14).zeros(50);
  ASSERT_EQ(m.size(), 168U);
  const Lines lines = m.sentences();
  EXPECT_EQ(lines, Lines{"!AIVDM,1,1,,A,8020o20j611@jQ00Igul00000000,0*51"});
  const Decoded d = decode_lines(lines);
  const auto* r = record_of<ais::WaterLevels>(d);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->country, "DE");
  ASSERT_EQ(r->count, 4U);
  EXPECT_EQ(r->gauges[0].id, 101U);
  EXPECT_EQ(r->gauges[0].level, 512);
  EXPECT_EQ(r->gauges[1].level, -35);
  EXPECT_EQ(r->gauges[3].id, 0U);
  const std::string gpsdecode =
      R"json({"class":"AIS","device":"stdin","type":8,"repeat":0,"mmsi":2111240,"scaled":false,"dac":200,"fid":24,"country":"DE","gauges":[{"id":101,"level":512},{"id":102,"level":-35},{"id":0,"level":0},{"id":0,"level":0}]})json";
  expect_gpsdecode(d, gpsdecode, as_scaled(gpsdecode));
}

TEST(BinaryMessagesType8, SignalStatus) {
  // A bridge signal at Cologne facing 180 deg, upstream traffic, green.
  MessageBuilder m = broadcast(2111240, 200, 40);
  m.s(ten_thousandth_minutes(6.95), 28).s(ten_thousandth_minutes(50.94), 27);
  m.u(3, 4).u(180, 9).u(1, 3).u(4, 30).zeros(11);
  ASSERT_EQ(m.size(), 168U);
  const Lines lines = m.sentences();
  EXPECT_EQ(lines, Lines{"!AIVDM,1,1,,A,8020o20j:0?r4@>TgD1c@P000200,0*11"});
  const Decoded d = decode_lines(lines);
  const auto* r = record_of<ais::SignalStatus>(d);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->lon, 4170000);
  EXPECT_EQ(r->lat, 30564000);
  EXPECT_EQ(r->form, 3U);
  EXPECT_EQ(r->facing, 180U);
  EXPECT_EQ(r->direction, 1U);
  EXPECT_EQ(r->status, 4U);
  expect_gpsdecode(
      d,
      R"json({"class":"AIS","device":"stdin","type":8,"repeat":0,"mmsi":2111240,"scaled":false,"dac":200,"fid":40,"lon":4170000,"lat":30564000,"form":3,"facing":180,"direction":1,"direction_text":"Upstream","status":4,"status_text":"Green"})json",
      R"json({"class":"AIS","device":"stdin","type":8,"repeat":0,"mmsi":2111240,"scaled":true,"dac":200,"fid":40,"lon":6.950000,"lat":50.940000,"form":3,"facing":180,"direction":1,"direction_text":"Upstream","status":4,"status_text":"Green"})json");
}

TEST(BinaryMessagesType8, SubtypesGpsdDoesNotDecodeKeepTheirData) {
  // IMO 289 area notice (FI 22) and weather observation (FI 21).
  for (unsigned fid : {21U, 22U}) {
    MessageBuilder m = broadcast(2111240, 1, fid);
    m.u(0xABC, 12);
    const Decoded d = decode_lines(m.sentences());
    ASSERT_EQ(d.messages.size(), 1U);
    EXPECT_TRUE(std::holds_alternative<std::monostate>(application(d.messages[0])));
    EXPECT_NE(d.messages[0].unscaled.find(",\"data\":\"12:abc0\"}"), std::string::npos)
        << d.messages[0].unscaled;
  }
}

}  // namespace
}  // namespace tidewatch::test
