// Agreement with libais on its own expectations: test/data/typeexamples.{nmea,json}
// (one message of most types, USCG receiver fields after the checksum) and
// test/data/tagblock.{nmea,json} (NMEA 4.0 tag blocks, a two-part type 5
// whose parts are separated by another message).
//
// The .json files are libais dicts passed through libais's gpsd "Mangler"
// (ais/compatibility/gpsd.py): gpsd's names where it has one (lon, course,
// shipname ...), libais's own names otherwise (slot_timeout, sync_state,
// received_stations, spare, tagblock_*).  Every key of every dict is either
// compared with tidewatch's typed record (messages.h) or MessageMeta, or
// listed with the reason tidewatch does not keep it; Fields::done() fails on
// any key left over, so a new key in the data cannot pass unnoticed.
// libais floats are float32: they are compared to 1e-5.
//
// The communication state that tidewatch keeps whole in `radio` is unpacked
// here (ITU-R M.1371-5 Annex 2, 3.3.7.2.2 SOTDMA and 3.3.7.3.2 ITDMA) and its
// parts compared; so is the application data of the type 6 (DAC 1 FI 0) and
// type 8 (DAC 1 FI 22) messages, which tidewatch keeps as raw bits (as gpsd,
// it does not decode those two).

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/data.h"
#include "tidewatch/ais/decode.h"

namespace tidewatch::test {
namespace {

using nlohmann::json;
namespace ais = tidewatch::ais;

constexpr double kTolerance = 1e-5;  // libais floats are float32

std::vector<json> read_json_lines(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<json> out;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(json::parse(line));
  return out;
}

/// Checks the keys of one libais dict, and that none is forgotten.
class Fields {
 public:
  Fields(const json& expected, std::string where)
      : expected_(expected), where_(std::move(where)) {}

  [[nodiscard]] bool has(const std::string& key) const { return expected_.contains(key); }

  void integer(const std::string& key, std::int64_t ours) {
    if (!take(key)) return;
    const json& v = expected_[key];
    if (v.is_boolean()) {
      EXPECT_EQ(v.get<bool>() ? 1 : 0, ours) << where_ << " " << key;
    } else {
      ASSERT_TRUE(v.is_number_integer()) << where_ << " " << key << " = " << v;
      EXPECT_EQ(v.get<std::int64_t>(), ours) << where_ << " " << key;
    }
  }
  void flag(const std::string& key, bool ours) {
    if (!take(key)) return;
    const json& v = expected_[key];
    const bool want = v.is_boolean() ? v.get<bool>() : v.get<std::int64_t>() != 0;
    EXPECT_EQ(want, ours) << where_ << " " << key;
  }
  void real(const std::string& key, double ours) {
    if (!take(key)) return;
    const json& v = expected_[key];
    ASSERT_TRUE(v.is_number()) << where_ << " " << key << " = " << v;
    EXPECT_NEAR(v.get<double>(), ours, kTolerance) << where_ << " " << key;
  }
  /// A float that libais writes as null when out of range.
  void real_or_null(const std::string& key, std::optional<double> ours) {
    if (!take(key)) return;
    const json& v = expected_[key];
    if (!ours) {
      EXPECT_TRUE(v.is_null()) << where_ << " " << key << " = " << v;
    } else {
      ASSERT_TRUE(v.is_number()) << where_ << " " << key << " = " << v;
      EXPECT_NEAR(v.get<double>(), *ours, kTolerance) << where_ << " " << key;
    }
  }
  void text(const std::string& key, std::string_view ours) {
    if (!take(key)) return;
    EXPECT_EQ(expected_[key].get<std::string>(), ours) << where_ << " " << key;
  }
  /// Six-bit text.  libais's character table (ais_bitset.cpp,
  /// bits_to_char_tbl_) prints value 31 as '-' and 39 as '`' where ITU-R
  /// M.1371-5 Table 47, gpsd 3.22 and tidewatch have '_' and '\''; tidewatch's
  /// text is put through libais's table before comparing.
  void sixbit(const std::string& key, std::string_view ours) {
    std::string as_libais(ours);
    for (char& c : as_libais) {
      if (c == '_') c = '-';
      if (c == '\'') c = '`';
    }
    text(key, as_libais);
  }
  /// A label of a code compared elsewhere, against tidewatch's own label
  /// (gpsd's wording).  libais's tables write "Tanker, all ships of this
  /// type" where gpsd writes "Tanker - all ships of this type".
  void label(const std::string& key, const json& ours_json) {
    if (!take(key)) return;
    ASSERT_TRUE(ours_json.contains(key)) << where_ << " tidewatch writes no " << key;
    std::string want = expected_[key].get<std::string>();
    if (key == "shiptype_text")
      if (auto comma = want.find(", "); comma != std::string::npos) want.replace(comma, 2, " - ");
    EXPECT_EQ(want, ours_json[key].get<std::string>()) << where_ << " " << key;
  }
  /// A key tidewatch does not keep; `reason` says why.  It must be present.
  void not_kept(const std::string& key, const char* reason) {
    ASSERT_TRUE(take(key)) << where_ << ": listed as not kept but absent: " << key;
    not_kept_[key] = reason;
  }
  /// Consumes a key checked by hand.
  bool take(const std::string& key) {
    EXPECT_TRUE(expected_.contains(key)) << where_ << ": libais gives no " << key;
    if (!expected_.contains(key)) return false;
    EXPECT_TRUE(done_keys_.insert(key).second) << where_ << ": " << key << " checked twice";
    return true;
  }
  [[nodiscard]] const json& operator[](const std::string& key) const { return expected_[key]; }

  /// Fails for every key neither compared nor listed.
  void done() const {
    for (const auto& [key, value] : expected_.items())
      EXPECT_TRUE(done_keys_.count(key)) << where_ << ": libais key " << key << " = " << value
                                         << " is not mapped to tidewatch";
  }

 private:
  const json& expected_;
  std::string where_;
  std::set<std::string> done_keys_;
  std::map<std::string, const char*> not_kept_;
};

// ---- units ----------------------------------------------------------------------

// The libais that wrote these files computed positions in float32: the raw
// integer converted to float, then divided by a float (-97128830 gives
// -161.8813934326172, 1.0e-5 from the exact -161.8813833).  The same
// arithmetic on tidewatch's integer is compared to 1e-5.
double libais_float(std::int32_t raw, float divisor) {
  return static_cast<double>(static_cast<float>(raw) / divisor);
}
double degrees_or(std::optional<std::int32_t> v, std::int32_t sentinel) {
  return libais_float(v.value_or(sentinel), 600000.0F);  // 1/10000 minute
}
double tenth_minutes(std::int32_t v) {  // 1/10 minute (types 17, 22, 23, 27)
  return libais_float(v, 600.0F);
}

/// libais's rate of turn: (raw / 4.733)^2 with the sign of raw, null for
/// |raw| > 126 (not available, or more than 5 deg/30 s without a sensor).
std::optional<double> libais_turn(std::optional<std::int8_t> turn) {
  const int raw = turn.value_or(ais::kTurnNotAvailable);
  if (std::abs(raw) > 126) return std::nullopt;
  const double r = (raw / 4.733) * (raw / 4.733);
  return raw < 0 ? -r : r;
}

const char* const kSpare = "spare bits (ITU-R M.1371-5: not used, zero); tidewatch keeps no spare";

// ---- communication state (tidewatch keeps it whole in `radio`) -------------------

/// 19-bit SOTDMA state: sync state (2), slot time-out (3), sub message (14),
/// whose meaning the time-out selects (ITU-R M.1371-5 Annex 2 3.3.7.2.2).
void check_sotdma(Fields& f, std::uint32_t state) {
  const std::uint32_t sync = state >> 17;
  const std::uint32_t timeout = (state >> 14) & 7U;
  const std::uint32_t sub = state & 0x3FFFU;
  f.integer("sync_state", sync);
  // libais's Python dict of type 26 leaves slot_timeout out; the sub message
  // key below still depends on it.
  if (f.has("slot_timeout")) f.integer("slot_timeout", timeout);
  switch (timeout) {
    case 0:
      f.integer("slot_offset", sub);
      break;
    case 1:
      f.integer("utc_hour", sub >> 9);
      f.integer("utc_min", (sub >> 2) & 0x7FU);
      f.integer("utc_spare", sub & 3U);
      break;
    case 2:
    case 4:
    case 6:
      f.integer("slot_number", sub);
      break;
    default:  // 3, 5, 7
      f.integer("received_stations", sub);
      break;
  }
}

/// 19-bit ITDMA state: sync state (2), slot increment (13), number of slots
/// (3), keep flag (1) (ITU-R M.1371-5 Annex 2 3.3.7.3.2).
void check_itdma(Fields& f, std::uint32_t state) {
  f.integer("sync_state", state >> 17);
  f.integer("slot_increment", (state >> 4) & 0x1FFFU);
  f.integer("slots_to_allocate", (state >> 1) & 7U);
  f.flag("keep_flag", (state & 1U) != 0);
}

/// 20 bits: the SOTDMA/ITDMA selector, then the state (types 9, 18, 26).
void check_selected_state(Fields& f, std::uint32_t radio20) {
  const std::uint32_t state = radio20 & 0x7FFFFU;
  if ((radio20 >> 19) != 0) {
    check_itdma(f, state);
  } else {
    check_sotdma(f, state);
  }
}

// ---- the messages -------------------------------------------------------------

void check_position_a(Fields& f, const ais::Message& m, const json& ours) {
  const auto& r = std::get<ais::PositionReportA>(m.body);
  f.integer("status", r.status);
  f.label("status_text", ours);
  f.real_or_null("turn", libais_turn(r.turn));
  f.real("speed", r.speed.value_or(ais::kSpeedNotAvailable) / 10.0);
  f.flag("accuracy", r.accuracy);
  f.real("lon", degrees_or(r.lon, ais::kLonNotAvailable));
  f.real("lat", degrees_or(r.lat, ais::kLatNotAvailable));
  f.real("course", r.course.value_or(ais::kCourseNotAvailable) / 10.0);
  f.integer("heading", r.heading.value_or(ais::kHeadingNotAvailable));
  f.integer("second", r.second.value_or(ais::kSecondNotAvailable));
  f.integer("maneuver", r.maneuver);
  f.not_kept("spare", kSpare);
  f.flag("raim", r.raim);
  if (m.type == 3) {
    check_itdma(f, r.radio);  // type 3: ITDMA (ITU-R M.1371-5 Table 45)
  } else {
    check_sotdma(f, r.radio);
  }
}

std::string base_station_time(const ais::BaseStationReport& r) {
  // The Mangler prints the raw fields, "not available" values included.
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04u-%02u-%02uT%02u:%02u:%02uZ", unsigned{r.year.value_or(0)},
                unsigned{r.month.value_or(0)}, unsigned{r.day.value_or(0)},
                unsigned{r.hour.value_or(24)}, unsigned{r.minute.value_or(60)},
                unsigned{r.second.value_or(60)});
  return buf;
}

void check_base_station(Fields& f, const ais::Message& m, const json& ours) {
  const auto& r = std::get<ais::BaseStationReport>(m.body);
  f.text("timestamp", base_station_time(r));
  f.flag("accuracy", r.accuracy);
  f.real("lon", degrees_or(r.lon, ais::kLonNotAvailable));
  f.real("lat", degrees_or(r.lat, ais::kLatNotAvailable));
  f.integer("epfd", r.epfd);
  f.label("epfd_text", ours);
  f.flag("raim", r.raim);
  f.not_kept("transmission_ctl",
             "bit 138, the long-range transmission control flag of ITU-R M.1371-4; "
             "tidewatch (like gpsd 3.22) counts it among the spare bits");
  f.not_kept("spare", kSpare);
  check_sotdma(f, r.radio);
}

void check_static_voyage(Fields& f, const ais::Message& m, const json& ours) {
  const auto& r = std::get<ais::StaticAndVoyage>(m.body);
  f.integer("ais_version", r.ais_version);
  f.text("imo", std::to_string(r.imo.value_or(0)));  // the Mangler writes it as text
  f.sixbit("callsign", r.callsign.view());
  f.sixbit("shipname", r.shipname.view());
  f.integer("shiptype", r.shiptype);
  f.label("shiptype_text", ours);
  f.integer("to_bow", r.dimensions.to_bow);
  f.integer("to_stern", r.dimensions.to_stern);
  f.integer("to_port", r.dimensions.to_port);
  f.integer("to_starboard", r.dimensions.to_starboard);
  f.integer("epfd", r.epfd);
  f.label("epfd_text", ours);
  f.real("draught", r.draught.value_or(0) / 10.0);
  f.sixbit("destination", r.destination.view());
  f.integer("dte", r.dte);
  f.not_kept("spare", kSpare);
  // No "eta": the Mangler builds a datetime with year 0 and drops it.
  EXPECT_FALSE(f.has("eta"));
}

/// Six-bit characters as libais returns them: untrimmed, '@' kept.
std::string raw_sixbit(ais::BitView v, std::size_t start, std::size_t count) {
  std::string s;
  for (std::size_t i = 0; i < count; ++i)
    s.push_back(ais::sixbit_ascii(static_cast<unsigned>(v.u(start + 6 * i, 6))));
  return s;
}

void check_addressed_binary(Fields& f, const ais::Message& m) {
  const auto& r = std::get<ais::AddressedBinary>(m.body);
  f.integer("seqno", r.seqno);
  f.integer("dest_mmsi", r.dest_mmsi);
  // libais reads the flag inverted (ais6.cpp: `retransmit = !bits[70]`);
  // ITU-R M.1371-5 Table 62 and gpsd read bit 70 as is: 0 = no retransmission.
  f.flag("retransmit", !r.retransmit);
  f.not_kept("spare", kSpare);
  f.integer("dac", r.dac);
  f.integer("fid", r.fid);
  // DAC 1 FI 0, addressed text telegram (IMO SN.1/Circ.236), from the data
  // bits tidewatch keeps (bit 88 on): acknowledge flag, 11-bit sequence,
  // whole six-bit characters, then the left-over bits.
  ASSERT_EQ(r.dac, 1U);
  ASSERT_EQ(r.fid, 0U);
  const ais::BitView v(r.data.bytes.data(), r.data.bits);
  f.flag("ack_required", v.bit(0));
  f.integer("msg_seq", static_cast<std::int64_t>(v.u(1, 11)));
  const std::size_t chars = (r.data.bits - 12) / 6;
  f.text("text", raw_sixbit(v, 12, chars));
  const unsigned left = static_cast<unsigned>(r.data.bits - 12 - 6 * chars);
  f.integer("spare2", left == 0 ? 0 : static_cast<std::int64_t>(v.u(12 + 6 * chars, left)));
}

void check_broadcast_binary(Fields& f, const ais::Message& m) {
  const auto& r = std::get<ais::BroadcastBinary>(m.body);
  f.not_kept("spare", kSpare);
  f.integer("dac", r.dac);
  f.integer("fid", r.fid);
  // DAC 1 FI 22, area notice (IMO SN.1/Circ.289), from the data bits tidewatch
  // keeps (bit 56 on).  The Mangler drops month, day, hour and minute.
  ASSERT_EQ(r.dac, 1U);
  ASSERT_EQ(r.fid, 22U);
  const ais::BitView v(r.data.bytes.data(), r.data.bits);
  f.integer("link_id", static_cast<std::int64_t>(v.u(0, 10)));
  f.integer("notice_type", static_cast<std::int64_t>(v.u(10, 7)));
  f.not_kept("notice_type_str",
             "label of notice_type (compared); tidewatch, like gpsd 3.22, does not decode "
             "area notices and has no label table for them");
  // libais's Python binding writes the minute under "duration_minutes"
  // (ais_py.cpp: DictSafeSetItem(dict, "duration_minutes", msg.minute)); the
  // 18-bit duration at bit 93 is 20 minutes in this message.
  f.integer("duration_minutes", static_cast<std::int64_t>(v.u(31, 6)));
  EXPECT_EQ(v.u(31, 6), 2U);
  EXPECT_EQ(v.u(37, 18), 20U);
  ASSERT_TRUE(f.take("sub_areas"));
  const json& areas = f["sub_areas"];
  const std::size_t n = (r.data.bits - 55) / 87;  // 87-bit sub-areas after 55 header bits
  ASSERT_EQ(areas.size(), n);
  for (std::size_t i = 0; i < n; ++i) {
    Fields a(areas[i], "sub_area " + std::to_string(i));
    const std::size_t at = 55 + 87 * i;
    a.integer("sub_area_type", static_cast<std::int64_t>(v.u(at, 3)));
    ASSERT_EQ(v.u(at, 3), 0U) << "the example holds a circle";
    a.text("sub_area_type_str", "circle");
    constexpr int kScale[4] = {1, 10, 100, 1000};
    const auto scale = kScale[v.u(at + 3, 2)];
    a.real("x", v.s32(at + 5, 25) / 60000.0);  // 1/1000 minute
    a.real("y", v.s32(at + 30, 24) / 60000.0);
    a.integer("precision", static_cast<std::int64_t>(v.u(at + 54, 3)));
    a.integer("radius", static_cast<std::int64_t>(v.u(at + 57, 12)) * scale);
    a.done();
  }
}

void check_message(Fields& f, const ais::Message& m, const json& ours) {
  // The Mangler's envelope: constants, not message data.
  f.text("class", "AIS");
  f.text("device", "stdin");
  f.flag("scaled", true);
  f.integer("type", m.type);
  f.integer("repeat", m.repeat);
  f.integer("mmsi", m.mmsi);
  switch (m.type) {
    case 1:
    case 2:
    case 3:
      check_position_a(f, m, ours);
      break;
    case 4:
    case 11:
      check_base_station(f, m, ours);
      break;
    case 5:
      check_static_voyage(f, m, ours);
      break;
    case 6:
      check_addressed_binary(f, m);
      break;
    case 7:
    case 13: {
      const auto& r = std::get<ais::Acknowledge>(m.body);
      // The Mangler writes mmsi1..4 (0 when absent) and drops the sequence numbers.
      for (std::size_t i = 0; i < 4; ++i) f.integer("mmsi" + std::to_string(i + 1), r.mmsi[i]);
      break;
    }
    case 8:
      check_broadcast_binary(f, m);
      break;
    case 9: {
      const auto& r = std::get<ais::SarAircraftPosition>(m.body);
      f.integer("alt", r.alt.value_or(ais::kAltitudeNotAvailable));
      // The libais of 2016 that wrote this file scaled SAR speed by 1/10 like
      // class A speed (16.8); ITU-R M.1371-5 Table 48 gives 1-knot steps, and
      // libais 0.17 and gpsd give 168, as tidewatch does.
      f.real("speed", r.speed.value_or(ais::kSpeedNotAvailable) / 10.0);
      f.flag("accuracy", r.accuracy);
      f.real("lon", degrees_or(r.lon, ais::kLonNotAvailable));
      f.real("lat", degrees_or(r.lat, ais::kLatNotAvailable));
      f.real("course", r.course.value_or(ais::kCourseNotAvailable) / 10.0);
      f.integer("second", r.second.value_or(ais::kSecondNotAvailable));
      // libais splits the 8 regional bits: altitude sensor (1) and spare (7).
      f.integer("alt_sensor", r.regional >> 7);
      f.integer("spare", r.regional & 0x7F);
      f.integer("dte", r.dte);
      f.not_kept("spare2", kSpare);
      f.flag("assigned", r.assigned);
      f.flag("raim", r.raim);
      check_selected_state(f, r.radio);
      break;
    }
    case 10: {
      const auto& r = std::get<ais::UtcInquiry>(m.body);
      f.integer("dest_mmsi", r.dest_mmsi);
      f.not_kept("spare", kSpare);
      f.not_kept("spare2", kSpare);
      break;
    }
    case 12: {
      const auto& r = std::get<ais::AddressedSafety>(m.body);
      f.integer("seqno", r.seqno);
      f.integer("dest_mmsi", r.dest_mmsi);
      f.flag("retransmit", r.retransmit);
      f.not_kept("spare", kSpare);
      f.sixbit("text", r.text.view());
      break;
    }
    case 14: {
      const auto& r = std::get<ais::SafetyBroadcast>(m.body);
      f.not_kept("spare", kSpare);
      f.sixbit("text", r.text.view());
      f.not_kept("spare2",
                 "the bits after the last whole six-bit character; tidewatch, like gpsd, "
                 "drops them");
      break;
    }
    case 15: {
      const auto& r = std::get<ais::Interrogation>(m.body);
      f.integer("mmsi1", r.mmsi1);
      f.integer("type1_1", r.type1_1);
      f.integer("offset1_1", r.offset1_1);
      f.integer("type1_2", r.type1_2);
      f.integer("offset1_2", r.offset1_2);
      f.integer("mmsi2", r.mmsi2);
      // libais's own names for the second station's request (the Mangler has
      // no rule for them), and the Mangler's zero defaults under gpsd's names.
      f.integer("msg_2", r.type2_1);
      f.integer("slot_offset_2", r.offset2_1);
      f.integer("type2_1", r.type2_1);
      f.integer("offset2_1", r.offset2_1);
      EXPECT_EQ(f["type2_2"], 0);
      EXPECT_EQ(f["offset2_2"], 0);
      f.not_kept("type2_2",
                 "the Mangler's placeholder (0): ITU-R M.1371-5 Table 64 has no second "
                 "request for the second station");
      f.not_kept("offset2_2", "the Mangler's placeholder (0), as type2_2");
      for (const char* s : {"spare", "spare2", "spare3", "spare4"}) f.not_kept(s, kSpare);
      break;
    }
    case 16: {
      const auto& r = std::get<ais::AssignedModeCommand>(m.body);
      f.integer("mmsi1", r.mmsi1);
      f.integer("offset1", r.offset1);
      f.integer("increment1", r.increment1);
      f.integer("mmsi2", r.mmsi2);  // the Mangler's 0: one station commanded
      f.integer("offset2", r.offset2);
      f.integer("increment2", r.increment2);
      f.not_kept("spare", kSpare);
      f.not_kept("spare2", kSpare);
      break;
    }
    case 17: {
      const auto& r = std::get<ais::GnssBroadcast>(m.body);
      f.real("lon", tenth_minutes(r.lon));
      f.real("lat", tenth_minutes(r.lat));
      f.not_kept("spare", kSpare);
      f.not_kept("spare2", kSpare);
      break;
    }
    case 18: {
      const auto& r = std::get<ais::PositionReportB>(m.body);
      f.integer("spare", r.reserved);  // the 8 regional bits after the MMSI
      f.real("speed", r.speed.value_or(ais::kSpeedNotAvailable) / 10.0);
      f.flag("accuracy", r.accuracy);
      f.real("lon", degrees_or(r.lon, ais::kLonNotAvailable));
      f.real("lat", degrees_or(r.lat, ais::kLatNotAvailable));
      f.real("course", r.course.value_or(ais::kCourseNotAvailable) / 10.0);
      f.integer("heading", r.heading.value_or(ais::kHeadingNotAvailable));
      f.integer("second", r.second.value_or(ais::kSecondNotAvailable));
      f.integer("spare2", r.regional);  // the 2 regional bits after the time stamp
      // Names cross here: libais's "unit" is the class B unit flag (gpsd's and
      // tidewatch's `cs`), libais's "cs" the communication state selector,
      // the first of tidewatch's 20 `radio` bits; "mode" is `assigned`.
      f.flag("unit", r.cs);
      f.flag("display", r.display);
      f.flag("dsc", r.dsc);
      f.flag("band", r.band);
      f.flag("msg22", r.msg22);
      f.flag("mode", r.assigned);
      f.flag("raim", r.raim);
      f.flag("cs", (r.radio >> 19) != 0);
      if (r.cs) {
        // A carrier-sense unit sends the fixed fill 1100000000000000110.
        f.integer("commstate_cs_fill", r.radio & 0x7FFFFU);
        EXPECT_EQ(r.radio & 0x7FFFFU, 393222U);
      } else {
        check_selected_state(f, r.radio);
      }
      break;
    }
    case 20: {
      const auto& r = std::get<ais::DataLinkManagement>(m.body);
      f.not_kept("spare", kSpare);
      for (std::size_t i = 0; i < 4; ++i) {
        const std::string n = std::to_string(i + 1);
        // libais lists only the reservations the message holds (two here,
        // 100 of 104 bits); tidewatch's record, like gpsd, also reads slots 3
        // and 4 from what follows (spare and fill bits, then zeros).
        if (!f.has("offset" + n)) continue;
        f.integer("offset" + n, r.reservations[i].offset);
        f.integer("number" + n, r.reservations[i].number);
        f.integer("timeout" + n, r.reservations[i].timeout);
        f.integer("increment" + n, r.reservations[i].increment);
      }
      break;
    }
    case 21: {
      const auto& r = std::get<ais::AidToNavigationReport>(m.body);
      f.integer("aid_type", r.aid_type);
      f.label("aid_type_text", ours);
      f.sixbit("name", r.name.view());
      f.flag("accuracy", r.accuracy);
      f.real("lon", degrees_or(r.lon, ais::kLonNotAvailable));
      f.real("lat", degrees_or(r.lat, ais::kLatNotAvailable));
      f.integer("to_bow", r.dimensions.to_bow);
      f.integer("to_stern", r.dimensions.to_stern);
      f.integer("to_port", r.dimensions.to_port);
      f.integer("to_starboard", r.dimensions.to_starboard);
      f.integer("epfd", r.epfd);
      f.label("epfd_text", ours);
      f.integer("second", r.second.value_or(ais::kSecondNotAvailable));
      f.flag("off_position", r.off_position);
      f.integer("regional", r.regional);  // libais: aton_status
      f.flag("raim", r.raim);
      f.flag("virtual_aid", r.virtual_aid);
      f.flag("assigned", r.assigned);
      f.not_kept("spare", kSpare);
      break;
    }
    case 22: {
      const auto& r = std::get<ais::ChannelManagement>(m.body);
      ASSERT_FALSE(r.addressed) << "the example gives an area";
      f.integer("channel_a", r.channel_a);
      f.integer("channel_b", r.channel_b);
      f.integer("txrx", r.txrx);
      f.flag("power", r.power);
      f.real("ne_lon", tenth_minutes(r.ne_lon));
      f.real("ne_lat", tenth_minutes(r.ne_lat));
      f.real("sw_lon", tenth_minutes(r.sw_lon));
      f.real("sw_lat", tenth_minutes(r.sw_lat));
      f.flag("band_a", r.band_a);
      f.flag("band_b", r.band_b);
      f.integer("zonesize", r.zonesize);
      f.not_kept("spare", kSpare);
      f.not_kept("spare2", kSpare);
      break;
    }
    case 23: {
      const auto& r = std::get<ais::GroupAssignment>(m.body);
      f.real("ne_lon", tenth_minutes(r.ne_lon));
      f.real("ne_lat", tenth_minutes(r.ne_lat));
      f.real("sw_lon", tenth_minutes(r.sw_lon));
      f.real("sw_lat", tenth_minutes(r.sw_lat));
      f.integer("stationtype", r.stationtype);
      f.label("stationtype_text", ours);
      f.integer("shiptype", r.shiptype);
      f.label("shiptype_text", ours);
      f.integer("txrx", r.txrx);
      f.integer("interval", r.interval);
      f.integer("quiet", r.quiet);
      for (const char* s : {"spare", "spare2", "spare3"}) f.not_kept(s, kSpare);
      break;
    }
    case 24: {
      const auto& r = std::get<ais::StaticDataReport>(m.body);
      ASSERT_EQ(r.part, ais::StaticDataReport::Part::A) << "the example is a lone part A";
      f.integer("part_num", 0);
      f.sixbit("shipname", r.shipname.view());
      break;
    }
    case 25: {
      const auto& r = std::get<ais::SingleSlotBinary>(m.body);
      f.integer("dest_mmsi", r.dest_mmsi);
      break;
    }
    case 26: {
      const auto& r = std::get<ais::MultipleSlotBinary>(m.body);
      f.integer("dest_mmsi", r.dest_mmsi);
      f.integer("dac", r.app_id >> 6);
      f.integer("fid", r.app_id & 0x3F);
      check_selected_state(f, r.radio);
      break;
    }
    case 27: {
      const auto& r = std::get<ais::LongRangePosition>(m.body);
      f.flag("accuracy", r.accuracy);
      f.flag("raim", r.raim);
      f.integer("status", r.status);
      f.not_kept("status_text",
                 "label of status (compared); gpsd's JSON, which tidewatch writes, has no "
                 "label for type 27");
      f.real("lon", tenth_minutes(r.lon.value_or(ais::kLongRangeLonNotAvailable)));
      f.real("lat", tenth_minutes(r.lat.value_or(ais::kLongRangeLatNotAvailable)));
      f.integer("speed", r.speed.value_or(ais::kLongRangeSpeedNotAvailable));
      f.integer("course", r.course.value_or(ais::kLongRangeCourseNotAvailable));
      // libais's gnss is "this is the current GNSS position", bit 94 inverted
      // (ais27.cpp: `gnss = !bits[94]`); tidewatch and gpsd keep the bit:
      // 1 = NOT the current GNSS position (ITU-R M.1371-5 Table 84).
      f.flag("gnss", !r.gnss);
      f.not_kept("spare", kSpare);
      break;
    }
    default:
      ADD_FAILURE() << "no mapping for type " << int{m.type};
  }
}

TEST(Libais, TypeExamplesEveryFieldOfEveryMessage) {
  const auto nmea = shared_data("ais/libais/test/data/typeexamples.nmea");
  const auto expected_path = shared_data("ais/libais/test/data/typeexamples.json");
  TIDEWATCH_REQUIRE_SHARED(nmea);
  TIDEWATCH_REQUIRE_SHARED(expected_path);
  const Decoded d = decode_file(nmea);
  const auto expected = read_json_lines(expected_path);
  ASSERT_EQ(expected.size(), 26U);
  EXPECT_TRUE(d.rejects.empty());
  ASSERT_EQ(d.messages.size(), expected.size()) << "one message per line";
  std::set<int> types;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& item = d.messages[i];
    ASSERT_EQ(item.meta.first.line, i + 1);
    Fields f(expected[i], "line " + std::to_string(i + 1) + " type " +
                              std::to_string(int{item.message.type}));
    check_message(f, item.message, json::parse(item.scaled));
    f.done();
    types.insert(item.message.type);
  }
  // Every type but 19 (and 24 part B) appears once.
  EXPECT_EQ(types.size(), 26U);
  EXPECT_EQ(types.count(19), 0U);
}

/// "2014-12-10T00:41:53.000000Z" (tagblock_timestamp, timestamp) or
/// "2014-12-10 00.41.53" (the provider's T: field) as Unix milliseconds.
std::optional<UnixMillis> parse_libais_time(const std::string& s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (std::sscanf(s.c_str(), "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &sec) != 6 &&
      std::sscanf(s.c_str(), "%d-%d-%d %d.%d.%d", &y, &mo, &d, &h, &mi, &sec) != 6)
    return std::nullopt;
  return utc_millis(y, mo, d, h, mi, sec);
}

TEST(Libais, TagBlocksEveryFieldOfEveryMessage) {
  const auto nmea = shared_data("ais/libais/test/data/tagblock.nmea");
  const auto expected_path = shared_data("ais/libais/test/data/tagblock.json");
  TIDEWATCH_REQUIRE_SHARED(nmea);
  TIDEWATCH_REQUIRE_SHARED(expected_path);
  const Decoded d = decode_file(nmea);
  const auto expected = read_json_lines(expected_path);
  EXPECT_TRUE(d.rejects.empty());
  // Five lines, four messages: the type 5's parts (g:1-2-1604 on line 1,
  // g:2-2-1604 on line 3) come apart and join; it is emitted at line 3.
  ASSERT_EQ(expected.size(), 4U);
  ASSERT_EQ(d.messages.size(), expected.size());
  const std::uint64_t first_lines[] = {2, 1, 4, 5};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& item = d.messages[i];
    EXPECT_EQ(item.meta.first.line, first_lines[i]);
    Fields f(expected[i], "message " + std::to_string(i + 1) + " type " +
                              std::to_string(int{item.message.type}));
    check_message(f, item.message, json::parse(item.scaled));
    // Tag block fields: s: is the station, c: the receive time.
    f.text("tagblock_station", item.station);
    ASSERT_TRUE(item.meta.rxtime);
    ASSERT_TRUE(f.take("tagblock_timestamp"));
    EXPECT_EQ(parse_libais_time(f["tagblock_timestamp"].get<std::string>()), item.meta.rxtime);
    // The Mangler copies the tag-block time into "timestamp" when the message has no year.
    ASSERT_TRUE(f.take("timestamp"));
    EXPECT_EQ(parse_libais_time(f["timestamp"].get<std::string>()), item.meta.rxtime);
    // T: is ORBCOMM's human-readable copy of c:; it must agree, and tidewatch
    // keeps c: only.
    EXPECT_EQ(parse_libais_time(f["tagblock_T"].get<std::string>()), item.meta.rxtime);
    f.not_kept("tagblock_T", "ORBCOMM's text copy of c: (checked equal to rxtime above)");
    if (f.has("tagblock_q"))
      f.not_kept("tagblock_q", "ORBCOMM's quality field; not an NMEA 4.0 tag-block parameter");
    if (f.has("tagblock_group")) {
      ASSERT_TRUE(f.take("tagblock_group"));
      const json& g = f["tagblock_group"];
      EXPECT_EQ(g["groupsize"], item.meta.fragments);
      EXPECT_EQ(g["sentence"], 1);  // the first part's tag block, on the message's first line
      EXPECT_EQ(item.meta.first.line, 1U);
      EXPECT_EQ(item.meta.last_line, 3U);
      // g["id"] (1604) keyed the reassembly; MessageMeta does not carry it.
      EXPECT_EQ(g["id"], 1604);
    } else {
      EXPECT_EQ(item.meta.fragments, 1U);
    }
    f.done();
  }
}

}  // namespace
}  // namespace tidewatch::test
