#include "tidewatch/ais/decode.h"

#include <cstring>

#include "mmsi_util.h"

namespace tidewatch::ais {
namespace {

template <typename T, typename R>
constexpr std::optional<T> unless(R raw, R sentinel) noexcept {
  if (raw == sentinel) return std::nullopt;
  return static_cast<T>(raw);
}

std::optional<std::int32_t> lon28(BitView b, std::size_t at) noexcept {
  return unless<std::int32_t>(b.s32(at, 28), kLonNotAvailable);
}
std::optional<std::int32_t> lat27(BitView b, std::size_t at) noexcept {
  return unless<std::int32_t>(b.s32(at, 27), kLatNotAvailable);
}
std::optional<std::uint16_t> speed10(BitView b, std::size_t at) noexcept {
  return unless<std::uint16_t>(b.u32(at, 10), std::uint32_t{kSpeedNotAvailable});
}
std::optional<std::uint16_t> course12(BitView b, std::size_t at) noexcept {
  return unless<std::uint16_t>(b.u32(at, 12), std::uint32_t{kCourseNotAvailable});
}
std::optional<std::uint16_t> heading9(BitView b, std::size_t at) noexcept {
  return unless<std::uint16_t>(b.u32(at, 9), std::uint32_t{kHeadingNotAvailable});
}
std::optional<std::uint8_t> second6(BitView b, std::size_t at) noexcept {
  return unless<std::uint8_t>(b.u32(at, 6), std::uint32_t{kSecondNotAvailable});
}
std::uint8_t u8(BitView b, std::size_t at, unsigned len) noexcept {
  return static_cast<std::uint8_t>(b.u(at, len));
}
std::uint16_t u16(BitView b, std::size_t at, unsigned len) noexcept {
  return static_cast<std::uint16_t>(b.u(at, len));
}

Dimensions dimensions(BitView b, std::size_t at) noexcept {
  return {u16(b, at, 9), u16(b, at + 9, 9), u8(b, at + 18, 6), u8(b, at + 24, 6)};
}

void decode_position_a(BitView b, PositionReportA& m) noexcept {
  m.status = u8(b, 38, 4);
  m.turn = unless<std::int8_t>(b.s32(42, 8), std::int32_t{kTurnNotAvailable});
  m.speed = speed10(b, 50);
  m.accuracy = b.bit(60);
  m.lon = lon28(b, 61);
  m.lat = lat27(b, 89);
  m.course = course12(b, 116);
  m.heading = heading9(b, 128);
  m.second = second6(b, 137);
  m.maneuver = u8(b, 143, 2);
  m.raim = b.bit(148);
  // Some transmitters send 163..167 bits: gpsd reads what there is.
  m.radio = b.size() >= 168 ? b.u32(149, 19) : b.u32(149, static_cast<unsigned>(b.size() - 149));
}

void decode_base_station(BitView b, BaseStationReport& m) noexcept {
  m.year = unless<std::uint16_t>(b.u32(38, 14), 0U);
  m.month = unless<std::uint8_t>(b.u32(52, 4), 0U);
  m.day = unless<std::uint8_t>(b.u32(56, 5), 0U);
  m.hour = unless<std::uint8_t>(b.u32(61, 5), 24U);
  m.minute = unless<std::uint8_t>(b.u32(66, 6), 60U);
  m.second = unless<std::uint8_t>(b.u32(72, 6), 60U);
  m.accuracy = b.bit(78);
  m.lon = lon28(b, 79);
  m.lat = lat27(b, 107);
  m.epfd = u8(b, 134, 4);
  m.raim = b.bit(148);
  m.radio = b.u32(149, 19);
}

Eta eta(BitView b, std::size_t at) noexcept {
  return {unless<std::uint8_t>(b.u32(at, 4), 0U), unless<std::uint8_t>(b.u32(at + 4, 5), 0U),
          unless<std::uint8_t>(b.u32(at + 9, 5), 24U),
          unless<std::uint8_t>(b.u32(at + 14, 6), 60U)};
}

void decode_static_voyage(BitView b, StaticAndVoyage& m) noexcept {
  m.ais_version = u8(b, 38, 2);
  m.imo = unless<std::uint32_t>(b.u32(40, 30), 0U);
  read_sixbit_text(b, 70, 7, m.callsign);
  read_sixbit_text(b, 112, 20, m.shipname);
  m.shiptype = u8(b, 232, 8);
  m.dimensions = dimensions(b, 240);
  m.epfd = u8(b, 270, 4);
  m.eta = eta(b, 274);
  m.draught = unless<std::uint8_t>(b.u32(294, 8), 0U);
  read_sixbit_text(b, 302, 20, m.destination);
  m.dte = b.size() >= 423 ? u8(b, 422, 1) : 0;
}

void decode_acknowledge(BitView b, Acknowledge& m) noexcept {
  m.count = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    if (b.size() > 40 + 32 * i) {
      m.mmsi[i] = b.u32(40 + 32 * i, 30);
      m.seqno[i] = u8(b, 70 + 32 * i, 2);
      ++m.count;
    } else {
      m.mmsi[i] = 0;
      m.seqno[i] = 0;
    }
  }
}

void decode_sar(BitView b, SarAircraftPosition& m) noexcept {
  m.alt = unless<std::uint16_t>(b.u32(38, 12), std::uint32_t{kAltitudeNotAvailable});
  m.speed = speed10(b, 50);
  m.accuracy = b.bit(60);
  m.lon = lon28(b, 61);
  m.lat = lat27(b, 89);
  m.course = course12(b, 116);
  m.second = second6(b, 128);
  m.regional = u8(b, 134, 8);
  m.dte = u8(b, 142, 1);
  m.assigned = b.bit(146);
  m.raim = b.bit(147);
  m.radio = b.u32(148, 20);
}

template <std::size_t N>
void read_text_to_end(BitView b, std::size_t start, FixedText<N>& out) noexcept {
  read_sixbit_text(b, start, (b.size() - start) / 6, out);
}

void decode_interrogation(BitView b, Interrogation& m) noexcept {
  m = Interrogation{};
  m.mmsi1 = b.u32(40, 30);
  m.type1_1 = u8(b, 70, 6);
  m.offset1_1 = u16(b, 76, 12);
  if (b.size() > 90) {
    m.type1_2 = u8(b, 90, 6);
    m.offset1_2 = u16(b, 96, 12);
    if (b.size() > 110) {
      m.mmsi2 = b.u32(110, 30);
      m.type2_1 = u8(b, 140, 6);
      m.offset2_1 = u16(b, 146, 12);
    }
  }
}

void decode_assigned_mode(BitView b, AssignedModeCommand& m) noexcept {
  m.mmsi1 = b.u32(40, 30);
  m.offset1 = u16(b, 70, 12);
  m.increment1 = u16(b, 82, 10);
  if (b.size() < 144) {
    m.mmsi2 = 0;
    m.offset2 = 0;
    m.increment2 = 0;
  } else {
    m.mmsi2 = b.u32(92, 30);
    m.offset2 = u16(b, 122, 12);
    m.increment2 = u16(b, 134, 10);
  }
}

void decode_position_b(BitView b, PositionReportB& m) noexcept {
  m.reserved = u8(b, 38, 8);
  m.speed = speed10(b, 46);
  m.accuracy = b.bit(56);
  m.lon = lon28(b, 57);
  m.lat = lat27(b, 85);
  m.course = course12(b, 112);
  m.heading = heading9(b, 124);
  m.second = second6(b, 133);
  m.regional = u8(b, 139, 2);
  m.cs = b.bit(141);
  m.display = b.bit(142);
  m.dsc = b.bit(143);
  m.band = b.bit(144);
  m.msg22 = b.bit(145);
  m.assigned = b.bit(146);
  m.raim = b.bit(147);
  m.radio = b.u32(148, 20);
}

void decode_extended_b(BitView b, ExtendedPositionReportB& m) noexcept {
  m.reserved = u8(b, 38, 8);
  m.speed = speed10(b, 46);
  m.accuracy = b.bit(56);
  m.lon = lon28(b, 57);
  m.lat = lat27(b, 85);
  m.course = course12(b, 112);
  m.heading = heading9(b, 124);
  m.second = second6(b, 133);
  m.regional = u8(b, 139, 4);
  read_sixbit_text(b, 143, 20, m.shipname);
  m.shiptype = u8(b, 263, 8);
  m.dimensions = dimensions(b, 271);
  m.epfd = u8(b, 301, 4);
  m.raim = b.bit(305);
  m.dte = u8(b, 306, 1);
  m.assigned = b.bit(307);
}

void decode_data_link(BitView b, DataLinkManagement& m) noexcept {
  for (std::size_t i = 0; i < 4; ++i) {
    const std::size_t at = 40 + 30 * i;
    m.reservations[i] = {u16(b, at, 12), u8(b, at + 12, 4), u8(b, at + 16, 3),
                         u16(b, at + 19, 11)};
  }
}

void decode_aid_to_navigation(BitView b, AidToNavigationReport& m) noexcept {
  m.aid_type = u8(b, 38, 5);
  // The name: 20 characters cut at the first '@' (not yet trimmed), then, when
  // all 20 are used, the name extension after the fixed fields; then trimmed.
  m.name.clear();
  for (std::size_t i = 0; i < 20; ++i) {
    const char c = sixbit_ascii(static_cast<unsigned>(b.u(43 + 6 * i, 6)));
    if (c == '@') break;
    m.name.push_back(c);
  }
  m.accuracy = b.bit(163);
  m.lon = lon28(b, 164);
  m.lat = lat27(b, 192);
  m.dimensions = dimensions(b, 219);
  m.epfd = u8(b, 249, 4);
  m.second = second6(b, 253);
  m.off_position = b.bit(259);
  m.regional = u8(b, 260, 8);
  m.raim = b.bit(268);
  m.virtual_aid = b.bit(269);
  m.assigned = b.bit(270);
  if (m.name.size() == 20 && b.size() > 272) {
    FixedText<16> extension;
    read_text_to_end(b, 272, extension);
    for (char c : extension.view()) m.name.push_back(c);
  }
  std::size_t n = m.name.size();
  while (n > 0 && (m.name.view()[n - 1] == ' ' || m.name.view()[n - 1] == '@')) --n;
  m.name.resize(n);
}

void decode_channel_management(BitView b, ChannelManagement& m) noexcept {
  m.channel_a = u16(b, 40, 12);
  m.channel_b = u16(b, 52, 12);
  m.txrx = u8(b, 64, 4);
  m.power = b.bit(68);
  m.addressed = b.bit(139);
  if (!m.addressed) {
    m.ne_lon = b.s32(69, 18);
    m.ne_lat = b.s32(87, 17);
    m.sw_lon = b.s32(104, 18);
    m.sw_lat = b.s32(122, 17);
    m.dest1 = m.dest2 = 0;
  } else {
    m.dest1 = b.u32(69, 30);
    m.dest2 = b.u32(104, 30);
    m.ne_lon = m.ne_lat = m.sw_lon = m.sw_lat = 0;
  }
  m.band_a = b.bit(140);
  m.band_b = b.bit(141);
  m.zonesize = u8(b, 142, 3);
}

void decode_group_assignment(BitView b, GroupAssignment& m) noexcept {
  m.ne_lon = b.s32(40, 18);
  m.ne_lat = b.s32(58, 17);
  m.sw_lon = b.s32(75, 18);
  m.sw_lat = b.s32(93, 17);
  m.stationtype = u8(b, 110, 4);
  m.shiptype = u8(b, 114, 8);
  m.txrx = u8(b, 144, 2);  // ITU-R M.1371-5: 2 bits (gpsd 3.22 reads 4 and never prints it)
  m.interval = u8(b, 146, 4);
  m.quiet = u8(b, 150, 4);
}

void decode_binary_tail(BitView b, std::size_t header_bits, std::size_t trailer_bits,
                        bool addressed, bool structured, std::uint32_t& dest_mmsi,
                        std::uint16_t& app_id, BinaryData& data) noexcept {
  dest_mmsi = addressed ? b.u32(40, 30) : 0;
  app_id = structured ? u16(b, 40 + (addressed ? 30 : 0), 16) : 0;
  // gpsd copies from bit 40 (+16 when structured) and then shifts the
  // destination MMSI out; the result is the same as starting 30 bits later.
  const std::size_t start = header_bits + (structured ? 16 : 0);
  const std::size_t count = b.size() - start - trailer_bits;
  copy_binary_data(b, start, count, false, data);
  if (addressed) {
    // shift the copied bytes left by 30 bits, zeros entering from the right
    const std::size_t nbytes = (count + 7) / 8;
    std::array<std::uint8_t, 144> tmp{};
    std::memcpy(tmp.data(), data.bytes.data(), nbytes);
    const BitView v(tmp.data(), count);
    const std::size_t out_bits = count - 30;
    data.bytes.fill(0);
    for (std::size_t i = 0; i < (out_bits + 7) / 8; ++i)
      data.bytes[i] = static_cast<std::uint8_t>(v.u(30 + 8 * i, 8));
    data.bits = static_cast<std::uint16_t>(out_bits);
  }
}

}  // namespace

void copy_binary_data(BitView bits, std::size_t start, std::size_t bit_count, bool mask_tail,
                      BinaryData& out) noexcept {
  if (bit_count > out.bytes.size() * 8) bit_count = out.bytes.size() * 8;
  const std::size_t nbytes = (bit_count + 7) / 8;
  out.bytes.fill(0);
  out.bits = static_cast<std::uint16_t>(bit_count);
  if (start % 8 == 0) {
    std::memcpy(out.bytes.data(), bits.bytes() + start / 8, nbytes);
  } else {
    for (std::size_t i = 0; i < nbytes; ++i)
      out.bytes[i] = static_cast<std::uint8_t>(bits.u(start + 8 * i, 8));
  }
  if (mask_tail && bit_count % 8 != 0)
    out.bytes[nbytes - 1] &= static_cast<std::uint8_t>(0xFF00U >> (bit_count % 8));
}

std::optional<RejectReason> decode_message(BitView b, Message& out) noexcept {
  const std::size_t n = b.size();
  if (n < 38) return n < 6 ? RejectReason::wrong_bit_count
                            : (b.u32(0, 6) >= 1 && b.u32(0, 6) <= 27
                                   ? RejectReason::wrong_bit_count
                                   : RejectReason::unknown_message_type);
  out.type = u8(b, 0, 6);
  out.repeat = u8(b, 6, 2);
  out.mmsi = b.u32(8, 30);
  const auto too_short = [n](std::size_t min) { return n < min; };
  const auto outside = [n](std::size_t min, std::size_t max) { return n < min || n > max; };
  constexpr auto wrong = RejectReason::wrong_bit_count;

  switch (out.type) {
    case 1:
    case 2:
    case 3:
      if (too_short(163)) return wrong;
      decode_position_a(b, out.body.emplace<PositionReportA>());
      return std::nullopt;
    case 4:
    case 11:
      if (too_short(168)) return wrong;
      decode_base_station(b, out.body.emplace<BaseStationReport>());
      return std::nullopt;
    case 5:
      // 424 bits by the standard; many transmitters send 420 or 422.
      if (too_short(420)) return wrong;
      decode_static_voyage(b, out.body.emplace<StaticAndVoyage>());
      return std::nullopt;
    case 6: {
      if (outside(88, 1008)) return wrong;
      auto& m = out.body.emplace<AddressedBinary>();
      m.seqno = u8(b, 38, 2);
      m.dest_mmsi = b.u32(40, 30);
      m.retransmit = b.bit(70);
      m.dac = u16(b, 72, 10);
      m.fid = u8(b, 82, 6);
      copy_binary_data(b, 88, n - 88, false, m.data);
      m.decoded = decode_application(b, true, m.dac, m.fid);
      return std::nullopt;
    }
    case 7:
    case 13:
      if (outside(72, 168)) return wrong;
      decode_acknowledge(b, out.body.emplace<Acknowledge>());
      return std::nullopt;
    case 8: {
      if (outside(56, 1008)) return wrong;
      auto& m = out.body.emplace<BroadcastBinary>();
      m.dac = u16(b, 40, 10);
      m.fid = u8(b, 50, 6);
      copy_binary_data(b, 56, n - 56, true, m.data);
      m.decoded = decode_application(b, false, m.dac, m.fid);
      return std::nullopt;
    }
    case 9:
      if (too_short(168)) return wrong;
      decode_sar(b, out.body.emplace<SarAircraftPosition>());
      return std::nullopt;
    case 10:
      if (too_short(72)) return wrong;
      out.body.emplace<UtcInquiry>().dest_mmsi = b.u32(40, 30);
      return std::nullopt;
    case 12: {
      if (outside(72, 1008)) return wrong;
      auto& m = out.body.emplace<AddressedSafety>();
      m.seqno = u8(b, 38, 2);
      m.dest_mmsi = b.u32(40, 30);
      m.retransmit = b.bit(70);
      read_text_to_end(b, 72, m.text);
      return std::nullopt;
    }
    case 14:
      if (outside(40, 1008)) return wrong;
      read_text_to_end(b, 40, out.body.emplace<SafetyBroadcast>().text);
      return std::nullopt;
    case 15:
      if (outside(88, 168)) return wrong;
      decode_interrogation(b, out.body.emplace<Interrogation>());
      return std::nullopt;
    case 16:
      if (outside(96, 168)) return wrong;
      decode_assigned_mode(b, out.body.emplace<AssignedModeCommand>());
      return std::nullopt;
    case 17: {
      if (outside(80, 816)) return wrong;
      auto& m = out.body.emplace<GnssBroadcast>();
      m.lon = b.s32(40, 18);
      m.lat = b.s32(58, 17);
      copy_binary_data(b, 80, n - 80, false, m.data);
      return std::nullopt;
    }
    case 18:
      if (too_short(168)) return wrong;
      decode_position_b(b, out.body.emplace<PositionReportB>());
      return std::nullopt;
    case 19:
      if (too_short(312)) return wrong;
      decode_extended_b(b, out.body.emplace<ExtendedPositionReportB>());
      return std::nullopt;
    case 20:
      if (outside(72, 186)) return wrong;
      decode_data_link(b, out.body.emplace<DataLinkManagement>());
      return std::nullopt;
    case 21:
      if (outside(272, 368)) return wrong;
      decode_aid_to_navigation(b, out.body.emplace<AidToNavigationReport>());
      return std::nullopt;
    case 22:
      if (too_short(168)) return wrong;
      decode_channel_management(b, out.body.emplace<ChannelManagement>());
      return std::nullopt;
    case 23:
      if (too_short(160)) return wrong;
      decode_group_assignment(b, out.body.emplace<GroupAssignment>());
      return std::nullopt;
    case 24: {
      const auto part = b.u32(38, 2);
      if (part == 0) {
        if (outside(160, 168)) return wrong;
        auto& m = out.body.emplace<StaticDataReport>();
        m.part = StaticDataReport::Part::A;
        read_sixbit_text(b, 40, 20, m.shipname);
        return std::nullopt;
      }
      if (part == 1) {
        if (too_short(168)) return wrong;
        auto& m = out.body.emplace<StaticDataReport>();
        m.part = StaticDataReport::Part::B;
        m.shipname.clear();
        m.shiptype = u8(b, 40, 8);
        read_sixbit_text(b, 48, 7, m.vendorid);
        m.model = u8(b, 66, 4);
        m.serial = b.u32(70, 20);
        read_sixbit_text(b, 90, 7, m.callsign);
        if (is_auxiliary_mmsi(out.mmsi)) {
          m.mothership_mmsi = b.u32(132, 30);
          m.dimensions = {};
        } else {
          m.dimensions = dimensions(b, 132);
          m.mothership_mmsi = 0;
        }
        return std::nullopt;
      }
      return RejectReason::unknown_message_type;  // parts 2 and 3 are not defined
    }
    case 25: {
      if (outside(40, 168)) return wrong;
      const bool addressed = b.bit(38);
      const bool structured = b.bit(39);
      if (n < 40 + (structured ? 16U : 0U) + (addressed ? 30U : 0U)) return wrong;
      auto& m = out.body.emplace<SingleSlotBinary>();
      m.addressed = addressed;
      m.structured = structured;
      decode_binary_tail(b, 40, 0, addressed, structured, m.dest_mmsi, m.app_id, m.data);
      return std::nullopt;
    }
    case 26: {
      if (outside(60, 1004)) return wrong;
      const bool addressed = b.bit(38);
      const bool structured = b.bit(39);
      if (n < 40 + (structured ? 16U : 0U) + (addressed ? 30U : 0U) + 20) return wrong;
      auto& m = out.body.emplace<MultipleSlotBinary>();
      m.addressed = addressed;
      m.structured = structured;
      decode_binary_tail(b, 40, 20, addressed, structured, m.dest_mmsi, m.app_id, m.data);
      m.radio = b.u32(n - 20, 20);
      return std::nullopt;
    }
    case 27: {
      if (n != 96 && n != 168) return wrong;  // 168: a full slot, seen in the wild
      auto& m = out.body.emplace<LongRangePosition>();
      m.accuracy = b.bit(38);
      m.raim = b.bit(39);
      m.status = u8(b, 40, 4);
      m.lon = unless<std::int32_t>(b.s32(44, 18), kLongRangeLonNotAvailable);
      m.lat = unless<std::int32_t>(b.s32(62, 17), kLongRangeLatNotAvailable);
      m.speed = unless<std::uint8_t>(b.u32(79, 6), std::uint32_t{kLongRangeSpeedNotAvailable});
      m.course = unless<std::uint16_t>(b.u32(85, 9), std::uint32_t{kLongRangeCourseNotAvailable});
      m.gnss = b.bit(94);
      return std::nullopt;
    }
    default:
      return RejectReason::unknown_message_type;
  }
}

}  // namespace tidewatch::ais
