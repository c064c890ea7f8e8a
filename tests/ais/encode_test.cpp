// The AIS encoder (ais/encode.h) against the project's own decoder:
//  - records built here come back field by field through StreamDecoder,
//    framed as the simulator frames them (tag block, two-part type 5,
//    type 24 A then B);
//  - values the decoder would read differently are refused;
//  - real sentences from ../shared/data/ais, decoded and encoded again,
//    give the same payload, except in bits the record does not keep
//    (spare bits, the padding after a text), which the test checks are the
//    only places they differ.

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "support/data.h"
#include "tidewatch/ais/decode.h"
#include "tidewatch/ais/encode.h"
#include "tidewatch/ais/nmea.h"

namespace tidewatch::test {
namespace {

namespace ais = tidewatch::ais;

constexpr UnixMillis kT = 1717200003000;  // 2024-06-01T00:00:03Z

ais::Message position_a() {
  ais::Message m;
  m.type = 1;
  m.repeat = 1;
  m.mmsi = 273680260;
  auto& a = m.body.emplace<ais::PositionReportA>();
  a.status = 5;
  a.turn = -7;
  a.speed = 123;
  a.accuracy = true;
  a.lon = static_cast<std::int32_t>(133.068 * 600000);
  a.lat = static_cast<std::int32_t>(-42.7525 * 600000);  // a negative field, too
  a.course = 2245;
  a.heading = 359;
  a.second = 33;
  a.maneuver = 2;
  a.raim = true;
  a.radio = 0x5A5A5;
  return m;
}

ais::Message static_voyage() {
  ais::Message m;
  m.type = 5;
  m.mmsi = 667907259;
  auto& s = m.body.emplace<ais::StaticAndVoyage>();
  s.ais_version = 2;
  s.imo = 9074729;
  s.callsign.assign("9LB2X");
  s.shipname.assign("GOLDEN HORIZON 7");
  s.shiptype = 70;
  s.dimensions = {120, 30, 11, 12};
  s.epfd = 1;
  s.eta = {6, 2, 14, 41};
  s.draught = 112;
  s.destination.assign("NAKHODKA");
  s.dte = 0;
  return m;
}

/// Decodes lines with the project's decoder; fails the test on any reject.
Decoded decode_clean(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t from = 0;
  while (from < text.size()) {
    const std::size_t nl = text.find('\n', from);
    lines.push_back(text.substr(from, nl - from));
    from = nl == std::string::npos ? text.size() : nl + 1;
  }
  Decoded d = decode_lines(lines);
  EXPECT_EQ(d.stats.total_rejected(), 0U) << text;
  return d;
}

TEST(EncodeTest, PositionReportARoundTripsFieldByField) {
  ais::SentenceOptions o;
  o.channel = 'B';
  o.station = "rVVO";
  o.time = kT + 999;  // milliseconds are cut: c:1717200003
  for (std::uint8_t type : {1, 2, 3}) {
    ais::Message m = position_a();
    m.type = type;
    const auto text = ais::encode_nmea(m, o);
    ASSERT_TRUE(text);
    EXPECT_EQ(text->find("\\s:rVVO,c:1717200003*"), 0U) << *text;
    EXPECT_NE(text->find("\\!AIVDM,1,1,,B,"), std::string::npos) << *text;
    const Decoded d = decode_clean(*text);
    ASSERT_EQ(d.messages.size(), 1U);
    const ais::Message& got = d.messages[0].message;
    EXPECT_EQ(got.type, type);
    EXPECT_EQ(got.repeat, 1);
    EXPECT_EQ(got.mmsi, 273680260U);
    const auto& a = std::get<ais::PositionReportA>(got.body);
    const auto& want = std::get<ais::PositionReportA>(m.body);
    EXPECT_EQ(a.status, want.status);
    EXPECT_EQ(a.turn, want.turn);
    EXPECT_EQ(a.speed, want.speed);
    EXPECT_EQ(a.accuracy, want.accuracy);
    EXPECT_EQ(a.lon, want.lon);
    EXPECT_EQ(a.lat, want.lat);
    EXPECT_EQ(a.course, want.course);
    EXPECT_EQ(a.heading, want.heading);
    EXPECT_EQ(a.second, want.second);
    EXPECT_EQ(a.maneuver, want.maneuver);
    EXPECT_EQ(a.raim, want.raim);
    EXPECT_EQ(a.radio, want.radio);
    EXPECT_EQ(d.messages[0].meta.rxtime, std::optional<UnixMillis>(kT));
    EXPECT_EQ(d.messages[0].station, "rVVO");
    EXPECT_EQ(d.messages[0].meta.channel, 'B');
  }
}

TEST(EncodeTest, NotAvailableFieldsBecomeTheirSentinels) {
  ais::Message m = position_a();
  auto& a = std::get<ais::PositionReportA>(m.body);
  a.turn.reset();
  a.speed.reset();
  a.lon.reset();
  a.lat.reset();
  a.course.reset();
  a.heading.reset();
  a.second.reset();
  const auto text = ais::encode_nmea(m);
  ASSERT_TRUE(text);
  const Decoded d = decode_clean(*text);
  ASSERT_EQ(d.messages.size(), 1U);
  const auto& got = std::get<ais::PositionReportA>(d.messages[0].message.body);
  EXPECT_FALSE(got.turn);
  EXPECT_FALSE(got.speed);
  EXPECT_FALSE(got.lon);
  EXPECT_FALSE(got.lat);
  EXPECT_FALSE(got.course);
  EXPECT_FALSE(got.heading);
  EXPECT_FALSE(got.second);
  // gpsd's unscaled JSON shows the wire's sentinels.
  EXPECT_NE(d.messages[0].unscaled.find("\"lon\":108600000"), std::string::npos) << d.messages[0].unscaled;
  EXPECT_NE(d.messages[0].unscaled.find("\"speed\":1023"), std::string::npos);
  EXPECT_NE(d.messages[0].unscaled.find("\"heading\":511"), std::string::npos);
}

TEST(EncodeTest, StaticAndVoyageIsTwoSentencesThatReassemble) {
  ais::SentenceOptions o;
  o.channel = 'A';
  o.sequence_id = 7;
  o.station = "sat";
  o.time = kT;
  const auto text = ais::encode_nmea(static_voyage(), o);
  ASSERT_TRUE(text);
  // 424 bits = 71 characters with 2 fill bits: 60 + 11, fill on the last only.
  const std::size_t nl = text->find('\n');
  ASSERT_NE(nl, std::string::npos);
  const std::string first = text->substr(0, nl), second = text->substr(nl + 1);
  EXPECT_NE(first.find("!AIVDM,2,1,7,A,"), std::string::npos) << first;
  EXPECT_NE(first.find(",0*"), std::string::npos) << first;
  EXPECT_NE(second.find("!AIVDM,2,2,7,A,"), std::string::npos) << second;
  EXPECT_NE(second.find(",2*"), std::string::npos) << second;
  ais::Sentence s1, s2;
  ASSERT_FALSE(ais::parse_vdm(first.substr(first.find('!')), s1));
  ASSERT_FALSE(ais::parse_vdm(second.substr(second.find('!'), second.size() - second.find('!') - 1), s2));
  EXPECT_EQ(s1.payload.size(), 60U);
  EXPECT_EQ(s2.payload.size(), 11U);
  EXPECT_TRUE(s1.checksum_ok);
  EXPECT_TRUE(s2.checksum_ok);
  EXPECT_LE(first.size() - first.find('!'), 82U);  // NMEA's longest sentence

  const Decoded d = decode_clean(*text);
  ASSERT_EQ(d.messages.size(), 1U);
  EXPECT_EQ(d.messages[0].meta.fragments, 2);
  const auto& got = std::get<ais::StaticAndVoyage>(d.messages[0].message.body);
  const ais::Message want_message = static_voyage();  // kept alive: want refers into it
  const auto& want = std::get<ais::StaticAndVoyage>(want_message.body);
  EXPECT_EQ(got.ais_version, want.ais_version);
  EXPECT_EQ(got.imo, want.imo);
  EXPECT_EQ(got.callsign.view(), "9LB2X");
  EXPECT_EQ(got.shipname.view(), "GOLDEN HORIZON 7");
  EXPECT_EQ(got.shiptype, 70);
  EXPECT_EQ(got.dimensions.to_bow, 120);
  EXPECT_EQ(got.dimensions.to_stern, 30);
  EXPECT_EQ(got.dimensions.to_port, 11);
  EXPECT_EQ(got.dimensions.to_starboard, 12);
  EXPECT_EQ(got.epfd, 1);
  EXPECT_EQ(got.eta.month, want.eta.month);
  EXPECT_EQ(got.eta.day, want.eta.day);
  EXPECT_EQ(got.eta.hour, want.eta.hour);
  EXPECT_EQ(got.eta.minute, want.eta.minute);
  EXPECT_EQ(got.draught, std::optional<std::uint8_t>(112));
  EXPECT_EQ(got.destination.view(), "NAKHODKA");
  EXPECT_EQ(got.dte, 0);
}

TEST(EncodeTest, PositionReportBRoundTrips) {
  ais::Message m;
  m.type = 18;
  m.mmsi = 412345678;
  auto& b = m.body.emplace<ais::PositionReportB>();
  b.reserved = 3;
  b.speed = 87;
  b.lon = static_cast<std::int32_t>(-170.5 * 600000);  // west of the antimeridian
  b.lat = static_cast<std::int32_t>(35.25 * 600000);
  b.course = 1234;
  b.second = 12;
  b.regional = 2;
  b.cs = b.dsc = b.band = b.msg22 = true;
  b.radio = 917510;
  const auto text = ais::encode_nmea(m);
  ASSERT_TRUE(text);
  const Decoded d = decode_clean(*text);
  ASSERT_EQ(d.messages.size(), 1U);
  const auto& got = std::get<ais::PositionReportB>(d.messages[0].message.body);
  EXPECT_EQ(got.reserved, 3);
  EXPECT_EQ(got.speed, b.speed);
  EXPECT_EQ(got.lon, b.lon);
  EXPECT_EQ(got.lat, b.lat);
  EXPECT_EQ(got.course, b.course);
  EXPECT_FALSE(got.heading);
  EXPECT_EQ(got.second, b.second);
  EXPECT_EQ(got.regional, 2);
  EXPECT_TRUE(got.cs && got.dsc && got.band && got.msg22);
  EXPECT_FALSE(got.display || got.assigned || got.raim);
  EXPECT_EQ(got.radio, 917510U);
}

TEST(EncodeTest, StaticDataReportPartsJoinInTheDecoder) {
  ais::Message a;
  a.type = 24;
  a.mmsi = 412345678;
  auto& pa = a.body.emplace<ais::StaticDataReport>();
  pa.part = ais::StaticDataReport::Part::A;
  pa.shipname.assign("LUCKY DAWN");
  ais::Message b = a;
  auto& pb = b.body.emplace<ais::StaticDataReport>();
  pb.part = ais::StaticDataReport::Part::B;
  pb.shiptype = 30;
  pb.vendorid.assign("SRT");
  pb.model = 1;
  pb.serial = 345678;
  pb.callsign.assign("BQAB1");
  pb.dimensions = {20, 5, 3, 3};
  ais::Payload p;
  ASSERT_FALSE(ais::encode_payload(a, p));
  EXPECT_EQ(p.bits, 160U);  // ITU-R M.1371-5 part A
  EXPECT_EQ(p.size, 27U);
  EXPECT_EQ(p.fill_bits, 2);
  ASSERT_FALSE(ais::encode_payload(b, p));
  EXPECT_EQ(p.bits, 168U);
  const auto text = *ais::encode_nmea(a) + *ais::encode_nmea(b);
  const Decoded d = decode_clean(text);
  ASSERT_EQ(d.messages.size(), 2U);
  EXPECT_EQ(std::get<ais::StaticDataReport>(d.messages[0].message.body).shipname.view(), "LUCKY DAWN");
  const auto& joined = std::get<ais::StaticDataReport>(d.messages[1].message.body);
  EXPECT_EQ(joined.part, ais::StaticDataReport::Part::AB);
  EXPECT_EQ(joined.shipname.view(), "LUCKY DAWN");
  EXPECT_EQ(joined.shiptype, 30);
  EXPECT_EQ(joined.model, 1);
  EXPECT_EQ(joined.serial, 345678U);
  // The 7-character (M.1371-3) vendor id starts with the 3-character one.
  EXPECT_EQ(joined.vendorid.view().substr(0, 3), "SRT");
  EXPECT_EQ(joined.callsign.view(), "BQAB1");
  EXPECT_EQ(joined.dimensions.to_bow, 20);
  EXPECT_EQ(joined.dimensions.to_starboard, 3);
}

TEST(EncodeTest, AuxiliaryCraftCarryTheirMothership) {
  ais::Message m;
  m.type = 24;
  m.mmsi = 982736001;  // 98MIDxxxx: craft associated with a parent ship
  auto& b = m.body.emplace<ais::StaticDataReport>();
  b.part = ais::StaticDataReport::Part::B;
  b.shiptype = 52;
  b.callsign.assign("ABC");
  b.mothership_mmsi = 273680260;
  const Decoded d = decode_clean(*ais::encode_nmea(m));
  ASSERT_EQ(d.messages.size(), 1U);
  EXPECT_EQ(std::get<ais::StaticDataReport>(d.messages[0].message.body).mothership_mmsi, 273680260U);
}

TEST(EncodeTest, RefusesWhatWouldNotComeBack) {
  ais::Payload p;
  auto with = [](auto change) {
    ais::Message m = position_a();
    change(std::get<ais::PositionReportA>(m.body));
    return m;
  };
  using E = ais::EncodeError;
  EXPECT_EQ(ais::encode_payload(with([](auto& a) { a.speed = 1023; }), p), E::out_of_range);  // the sentinel
  EXPECT_EQ(ais::encode_payload(with([](auto& a) { a.speed = 1024; }), p), E::out_of_range);  // 11 bits
  EXPECT_EQ(ais::encode_payload(with([](auto& a) { a.lat = ais::kLatNotAvailable; }), p), E::out_of_range);
  EXPECT_EQ(ais::encode_payload(with([](auto& a) { a.lat = 1 << 26; }), p), E::out_of_range);
  EXPECT_EQ(ais::encode_payload(with([](auto& a) { a.turn = -128; }), p), E::out_of_range);
  EXPECT_EQ(ais::encode_payload(with([](auto& a) { a.second = 60; }), p), E::out_of_range);
  EXPECT_EQ(ais::encode_payload(with([](auto& a) { a.status = 16; }), p), E::out_of_range);
  EXPECT_FALSE(ais::encode_payload(with([](auto& a) { a.second = 63; }), p));  // "inoperative" is a value
  ais::Message m = position_a();
  m.mmsi = 1U << 30;
  EXPECT_EQ(ais::encode_payload(m, p), E::out_of_range);

  ais::Message s = static_voyage();
  std::get<ais::StaticAndVoyage>(s.body).shipname.assign("lower case");
  EXPECT_EQ(ais::encode_payload(s, p), E::bad_text);
  s = static_voyage();
  std::get<ais::StaticAndVoyage>(s.body).draught = 0;  // 0 means "not available"
  EXPECT_EQ(ais::encode_payload(s, p), E::out_of_range);
  s = static_voyage();
  std::get<ais::StaticAndVoyage>(s.body).eta.hour = 24;
  EXPECT_EQ(ais::encode_payload(s, p), E::out_of_range);

  m = position_a();
  m.type = 4;
  EXPECT_EQ(ais::encode_payload(m, p), E::unsupported_type);
  m.type = 5;  // a PositionReportA body
  EXPECT_EQ(ais::encode_payload(m, p), E::body_mismatch);
  ais::Message ab;
  ab.type = 24;
  ab.body.emplace<ais::StaticDataReport>().part = ais::StaticDataReport::Part::AB;
  EXPECT_EQ(ais::encode_payload(ab, p), E::unsupported_type);
  ais::EncodeOptions short_5;
  short_5.total_bits = 419;  // the decoder needs 420
  EXPECT_EQ(ais::encode_payload(static_voyage(), p, short_5), E::bad_length);
  EXPECT_EQ(ais::encode_error_name(E::bad_text), "bad_text");
}

TEST(EncodeTest, ArmourAndChecksumMatchAKnownSentence) {
  // gpsd test/sample.aivdm, first sentence (Kurt Schwehr's type 1).
  const std::string line = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";
  const Decoded d = decode_lines({line});
  ASSERT_EQ(d.messages.size(), 1U);
  ais::SentenceOptions o;
  o.channel = 'A';
  EXPECT_EQ(*ais::encode_nmea(d.messages[0].message, o), line + "\n");
}

// ---- real sentences: decode, encode, compare the payload bit by bit ------------

struct BitRange {
  std::size_t from, to;  // [from, to)
};

/// Bits the decoded record does not keep: spare bits, and text after the
/// decoded text's end (padding with '@' or spaces, or what follows an '@').
std::vector<BitRange> not_kept(const ais::Message& m, std::size_t bits) {
  std::vector<BitRange> r;
  auto text = [&](std::size_t at, std::size_t chars, std::size_t decoded) {
    r.push_back({at + 6 * decoded, at + 6 * chars});
  };
  switch (m.type) {
    case 1: case 2: case 3:
      r.push_back({145, 148});
      r.push_back({168, bits});  // over-long reports
      break;
    case 18:
      r.push_back({168, bits});
      break;
    case 5: {
      const auto& s = std::get<ais::StaticAndVoyage>(m.body);
      text(70, 7, s.callsign.size());
      text(112, 20, s.shipname.size());
      text(302, 20, s.destination.size());
      r.push_back({423, bits});
      break;
    }
    case 24: {
      const auto& s = std::get<ais::StaticDataReport>(m.body);
      if (s.part == ais::StaticDataReport::Part::A) {
        text(40, 20, s.shipname.size());
        r.push_back({160, bits});
      } else {
        text(48, 3, std::min<std::size_t>(3, s.vendorid.size()));
        text(90, 7, s.callsign.size());
        r.push_back({162, bits});
      }
      break;
    }
    default:
      break;
  }
  return r;
}

struct Tally {
  std::size_t messages = 0, same_payload = 0, differ_in_unkept_bits = 0;
  std::map<int, std::size_t> by_type;
};

/// One message's payload (one or two sentences) from a file, decoded and
/// encoded again.
void check_payload(const std::string& armoured, unsigned fill, const std::string& where, Tally& tally) {
  ais::BitBuffer bits;
  bool bad = false;
  if (!bits.append(armoured, fill, bad)) return;
  ais::Message m;
  if (ais::decode_message(bits.view(), m)) return;  // not decodable: not our business here
  if (m.type != 1 && m.type != 2 && m.type != 3 && m.type != 5 && m.type != 18 && m.type != 24) return;
  ais::EncodeOptions eo;
  eo.total_bits = bits.size();
  ais::Payload p;
  const auto err = ais::encode_payload(m, p, eo);
  ASSERT_FALSE(err) << where << ": " << ais::encode_error_name(*err);
  ++tally.messages;
  ++tally.by_type[m.type];
  if (p.view() == armoured && p.fill_bits == fill) {
    ++tally.same_payload;
    return;
  }
  // Same record back, and differences only where the record keeps nothing.
  ais::BitBuffer again;
  ASSERT_TRUE(again.append(p.view(), p.fill_bits, bad));
  ASSERT_EQ(again.size(), bits.size()) << where;
  ais::Message m2;
  ASSERT_FALSE(ais::decode_message(again.view(), m2)) << where;
  const auto ranges = not_kept(m, bits.size());
  for (std::size_t i = 0; i < bits.size(); ++i) {
    if (bits.view().bit(i) == again.view().bit(i)) continue;
    bool explained = false;
    for (const auto& range : ranges) explained = explained || (i >= range.from && i < range.to);
    ASSERT_TRUE(explained) << where << ": type " << int(m.type) << " bit " << i << " differs\n  in:  "
                           << armoured << "\n  out: " << p.view();
  }
  ++tally.differ_in_unkept_bits;
}

/// Every single sentence, and every two-part message whose parts are on
/// consecutive lines, of a file.
Tally reencode_file(const std::filesystem::path& path) {
  Tally tally;
  std::ifstream in(path);
  std::string line, pending;
  unsigned pending_seq = 1000;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::size_t bang = line.find('!');
    if (bang == std::string::npos) continue;
    ais::Sentence s;
    std::size_t used = 0;
    if (ais::parse_vdm(std::string_view(line).substr(bang), s, used) || !s.checksum_ok) continue;
    const std::string where = path.filename().string() + ":" + std::to_string(n);
    if (s.fragment_count == 1) {
      check_payload(std::string(s.payload), s.fill_bits, where, tally);
    } else if (s.fragment_count == 2 && s.fragment_number == 1) {
      pending = std::string(s.payload);
      pending_seq = static_cast<unsigned>(s.sequence_id);
      continue;
    } else if (s.fragment_count == 2 && s.fragment_number == 2 && !pending.empty() &&
               static_cast<unsigned>(s.sequence_id) == pending_seq) {
      check_payload(pending + std::string(s.payload), s.fill_bits, where, tally);
    }
    pending.clear();
  }
  return tally;
}

TEST(EncodeTest, RealSentencesEncodeToTheSamePayload) {
  const std::vector<std::string> files = {
      "ais/gpsd-release-3.22/test/sample.aivdm",
      "ais/gpsd/test/daemon/ais-18-27.log",
      "ais/gpsd/test/daemon/ais_unpack_sixbit.log",
      "ais/real-logs/dma-ais-AisLib/stream_example.txt",
      "ais/real-logs/SignalK-signalk-server/nais400-merrimac.log",
      "ais/pyais/tests/nmea_data_sample.txt",
  };
  Tally total;
  for (const auto& f : files) {
    const auto path = shared_data(f);
    TIDEWATCH_REQUIRE_SHARED(path);
    const Tally t = reencode_file(path);
    if (HasFatalFailure()) return;
    EXPECT_GT(t.messages, 0U) << f;
    total.messages += t.messages;
    total.same_payload += t.same_payload;
    total.differ_in_unkept_bits += t.differ_in_unkept_bits;
    for (auto [type, count] : t.by_type) total.by_type[type] += count;
  }
  std::string types;
  for (auto [type, count] : total.by_type) types += " " + std::to_string(type) + ":" + std::to_string(count);
  std::cout << "[ re-encoded ] " << total.messages << " real messages (by type" << types << "): "
            << total.same_payload << " with the same payload, " << total.differ_in_unkept_bits
            << " differing only in spare bits or text padding\n";
  EXPECT_EQ(total.same_payload + total.differ_in_unkept_bits, total.messages);
  // Most transmitters pad with '@' and send zero spare bits.
  EXPECT_GT(total.same_payload, total.messages * 8 / 10);
  for (int type : {1, 3, 5, 18, 24}) EXPECT_GT(total.by_type[type], 0U) << "no type " << type;
}

}  // namespace
}  // namespace tidewatch::test
