// Decoding the application messages of binary messages 6 and 8 (DAC/FI).
//
// Offsets, widths and the rules for when a message counts as a subtype are
// gpsd 3.22's (drivers/driver_ais.c), including its oddities, so that the
// JSON matches gpsdecode; each oddity is named where it is reproduced.

#include <algorithm>

#include "tidewatch/ais/decode.h"

namespace tidewatch::ais {
namespace {

/// Reads fields of the whole message.  Past the end it reads the fill bits,
/// then zeros (as gpsd does); reads that start beyond the fill bits return 0
/// without touching memory, so any BitView honouring its padding contract is
/// safe however far a malformed count points.
class Fields {
 public:
  explicit Fields(BitView b) noexcept : b_(b) {}

  [[nodiscard]] std::size_t size() const noexcept { return b_.size(); }

  [[nodiscard]] std::uint64_t u64(std::size_t at, unsigned len) const noexcept {
    return beyond(at) ? 0 : b_.u(at, len);
  }
  [[nodiscard]] std::uint32_t u(std::size_t at, unsigned len) const noexcept {
    return static_cast<std::uint32_t>(u64(at, len));
  }
  [[nodiscard]] std::uint8_t u8(std::size_t at, unsigned len) const noexcept {
    return static_cast<std::uint8_t>(u64(at, len));
  }
  [[nodiscard]] std::uint16_t u16(std::size_t at, unsigned len) const noexcept {
    return static_cast<std::uint16_t>(u64(at, len));
  }
  [[nodiscard]] std::int32_t s(std::size_t at, unsigned len) const noexcept {
    return beyond(at) ? 0 : b_.s32(at, len);
  }
  [[nodiscard]] std::int16_t s16(std::size_t at, unsigned len) const noexcept {
    return static_cast<std::int16_t>(s(at, len));
  }
  [[nodiscard]] bool bit(std::size_t at) const noexcept { return u64(at, 1) != 0; }

  /// gpsd's UCHARS: as many characters as the field holds.
  template <std::size_t N>
  void text(std::size_t at, FixedText<N>& out) const noexcept {
    text(at, N, out);
  }
  /// gpsd's ENDCHARS: every whole character to the end of the message.  When
  /// the message ends before `at`, gpsd's unsigned count wraps to a negative
  /// int and it reads nothing; so do we.
  template <std::size_t N>
  void text_to_end(std::size_t at, FixedText<N>& out) const noexcept {
    text(at, b_.size() >= at ? (b_.size() - at) / 6 : 0, out);
  }

 private:
  // Fill bits are at most 5; everything after them is zero.
  [[nodiscard]] bool beyond(std::size_t at) const noexcept { return at >= b_.size() + 6; }

  template <std::size_t N>
  void text(std::size_t at, std::size_t count, FixedText<N>& out) const noexcept {
    if (beyond(at)) {
      out.clear();  // a zero character is '@', which ends the text
      return;
    }
    read_sixbit_text(b_, at, std::min(count, N), out);
  }

  BitView b_;
};

// ---- type 6 ------------------------------------------------------------------

void inland_lock_time(const Fields& f, InlandLockTime& m) noexcept {
  f.text(88, m.country);
  f.text(100, m.locode);
  f.text(118, m.section);
  f.text(148, m.terminal);
  f.text(178, m.hectometre);
  m.month = f.u8(208, 4);
  m.day = f.u8(212, 5);
  m.hour = f.u8(217, 5);
  m.minute = f.u8(222, 6);
}

InlandLockEta inland_eta(const Fields& f) noexcept {
  InlandLockEta m;
  inland_lock_time(f, m);
  m.tugs = f.u8(228, 3);
  m.airdraught = f.u16(231, 12);
  return m;
}

InlandLockRta inland_rta(const Fields& f) noexcept {
  InlandLockRta m;
  inland_lock_time(f, m);
  m.status = f.u8(228, 2);
  return m;
}

InlandPersonsOnBoard inland_persons(const Fields& f) noexcept {
  return {f.u8(88, 8), f.u16(96, 13), f.u8(109, 8)};
}

AtonMonitoring aton_monitoring(const Fields& f) noexcept {
  AtonMonitoring m;
  m.ana_int = f.u16(88, 10);
  m.ana_ext1 = f.u16(98, 10);
  m.ana_ext2 = f.u16(108, 10);
  m.racon = f.u8(118, 2);
  m.light = f.u8(120, 2);
  m.alarm = f.bit(122);
  m.stat_ext = f.u8(123, 8);
  m.off_pos = f.bit(131);
  return m;
}

DangerousCargo236 dangerous_cargo_236(const Fields& f) noexcept {
  DangerousCargo236 m;
  f.text(88, m.lastport);
  m.lmonth = f.u8(118, 4);
  m.lday = f.u8(122, 5);
  m.lhour = f.u8(127, 5);
  m.lminute = f.u8(132, 6);
  f.text(138, m.nextport);
  m.nmonth = f.u8(168, 4);
  m.nday = f.u8(172, 5);
  m.nhour = f.u8(177, 5);
  m.nminute = f.u8(182, 6);
  f.text(188, m.dangerous);
  f.text(308, m.imdcat);
  m.unid = f.u16(332, 13);
  m.amount = f.u16(345, 10);
  m.unit = f.u8(355, 2);
  return m;
}

/// FI 14 (IMO 236) and FI 32 (IMO 289).  gpsd counts every window that
/// starts at or before the end of the message (`<=`), so a window starting
/// exactly at the end is decoded from fill/zero bits.
TidalWindow tidal_window(const Fields& f, bool imo236) noexcept {
  TidalWindow m;
  m.imo236 = imo236;
  m.month = f.u8(88, 4);
  m.day = f.u8(92, 5);
  const std::size_t element = imo236 ? 93 : 88;
  std::size_t k = 0;
  for (std::size_t a = 97; a <= f.size() && k < m.windows.size(); a += element, ++k) {
    auto& w = m.windows[k];
    if (imo236) {
      w.lat = f.s(a, 27);
      w.lon = f.s(a + 27, 28);
      w.from_hour = f.u8(a + 55, 5);
      w.from_min = f.u8(a + 60, 6);
      w.to_hour = f.u8(a + 66, 5);
      w.to_min = f.u8(a + 71, 6);
      w.cdir = f.u16(a + 77, 9);
      w.cspeed = f.u8(a + 86, 7);
    } else {
      w.lon = f.s(a, 25);
      w.lat = f.s(a + 25, 24);
      w.from_hour = f.u8(a + 49, 5);
      w.from_min = f.u8(a + 54, 6);
      w.to_hour = f.u8(a + 60, 5);
      w.to_min = f.u8(a + 65, 6);
      w.cdir = f.u16(a + 71, 9);
      w.cspeed = f.u8(a + 80, 8);
    }
  }
  m.count = static_cast<std::uint8_t>(k);
  return m;
}

ClearanceTime clearance_time(const Fields& f) noexcept {
  ClearanceTime m;
  m.linkage = f.u16(88, 10);
  m.month = f.u8(98, 4);
  m.day = f.u8(102, 5);
  m.hour = f.u8(107, 5);
  m.minute = f.u8(112, 6);
  f.text(118, m.portname);
  f.text(238, m.destination);
  m.lon = f.s(268, 25);
  m.lat = f.s(293, 24);
  return m;
}

BerthingData berthing_data(const Fields& f) noexcept {
  BerthingData m;
  m.linkage = f.u16(88, 10);
  m.berth_length = f.u16(98, 9);
  m.berth_depth = f.u8(107, 8);
  m.position = f.u8(115, 3);
  m.month = f.u8(118, 4);
  m.day = f.u8(122, 5);
  m.hour = f.u8(127, 5);
  m.minute = f.u8(132, 6);
  m.availability = f.bit(138);
  auto& s = m.services;
  std::uint8_t* const in_order[] = {
      &s.agent,      &s.fuel,       &s.chandler,   &s.stevedore,      &s.electrical,
      &s.water,      &s.customs,    &s.cartage,    &s.crane,          &s.lift,
      &s.medical,    &s.navrepair,  &s.provisions, &s.shiprepair,     &s.surveyor,
      &s.steam,      &s.tugs,       &s.solidwaste, &s.liquidwaste,    &s.hazardouswaste,
      &s.ballast,    &s.additional, &s.regional1,  &s.regional2,      &s.future1,
      &s.future2};
  std::size_t at = 139;
  for (std::uint8_t* service : in_order) {
    *service = f.u8(at, 2);
    at += 2;
  }
  f.text(191, m.berth_name);
  m.berth_lon = f.s(311, 25);
  m.berth_lat = f.s(336, 24);
  return m;
}

/// gpsd counts a 17-bit cargo for every start before the end (`<`), the last
/// possibly cut short.
DangerousCargo289 dangerous_cargo_289(const Fields& f) noexcept {
  DangerousCargo289 m;
  m.unit = f.u8(88, 2);
  m.amount = f.u16(90, 10);
  std::size_t k = 0;
  for (std::size_t a = 100; a < f.size() && k < m.cargos.size(); a += 17, ++k) {
    m.cargos[k].code = f.u8(a, 4);
    m.cargos[k].subtype = f.u16(a + 4, 13);
  }
  m.count = static_cast<std::uint8_t>(k);
  return m;
}

/// Type 6 FI 28 from bit 88, type 8 FI 27 from bit 56.  The waypoint count is
/// believed as sent (up to 31), whatever the message length.
RouteInformation route_information(const Fields& f, std::size_t at) noexcept {
  RouteInformation m;
  m.linkage = f.u16(at, 10);
  m.sender = f.u8(at + 10, 3);
  m.rtype = f.u8(at + 13, 5);
  m.month = f.u8(at + 18, 4);
  m.day = f.u8(at + 22, 5);
  m.hour = f.u8(at + 27, 5);
  m.minute = f.u8(at + 32, 6);
  m.duration = f.u(at + 38, 18);
  m.count = f.u8(at + 56, 5);
  for (std::size_t k = 0; k < m.count; ++k) {
    const std::size_t a = at + 61 + 55 * k;
    m.waypoints[k] = {f.s(a, 28), f.s(a + 28, 27)};
  }
  return m;
}

TextDescription text_description(const Fields& f, std::size_t at) noexcept {
  TextDescription m;
  m.linkage = f.u16(at, 10);
  f.text_to_end(at + 10, m.text);
  return m;
}

// ---- type 8 ------------------------------------------------------------------

MetHydro11 met_hydro_11(const Fields& f) noexcept {
  MetHydro11 m;
  m.lat = f.s(56, 24);
  m.lon = f.s(80, 25);
  m.day = f.u8(105, 5);
  m.hour = f.u8(110, 5);
  m.minute = f.u8(115, 6);
  m.wspeed = f.u8(121, 7);
  m.wgust = f.u8(128, 7);
  m.wdir = f.u16(135, 9);
  m.wgustdir = f.u16(144, 9);
  m.airtemp = f.u16(153, 11);
  m.humidity = f.u8(164, 7);
  m.dewpoint = f.u16(171, 10);
  m.pressure = f.u16(181, 9);
  m.pressuretend = f.u8(190, 2);
  m.visibility = f.u8(192, 8);
  m.waterlevel = f.u16(200, 9);
  m.leveltrend = f.u8(209, 2);
  m.cspeed = f.u8(211, 8);
  m.cdir = f.u16(219, 9);
  m.cspeed2 = f.u8(228, 8);
  m.cdir2 = f.u16(236, 9);
  m.cdepth2 = f.u8(245, 5);
  m.cspeed3 = f.u8(250, 8);
  m.cdir3 = f.u16(258, 9);
  m.cdepth3 = f.u8(267, 5);
  m.waveheight = f.u8(272, 8);
  m.waveperiod = f.u8(280, 6);
  m.wavedir = f.u16(286, 9);
  m.swellheight = f.u8(295, 8);
  m.swellperiod = f.u8(303, 6);
  m.swelldir = f.u16(309, 9);
  m.seastate = f.u8(318, 4);
  m.watertemp = f.u16(322, 10);
  m.preciptype = f.u8(332, 3);
  m.salinity = f.u16(335, 9);
  m.ice = f.u8(344, 2);
  return m;
}

FairwayClosed fairway_closed(const Fields& f) noexcept {
  FairwayClosed m;
  f.text(56, m.reason);
  f.text(176, m.closefrom);
  f.text(296, m.closeto);
  m.radius = f.u16(416, 10);
  m.extunit = f.u8(426, 2);
  m.fday = f.u8(428, 5);
  m.fmonth = f.u8(433, 4);
  m.fhour = f.u8(437, 5);
  m.fminute = f.u8(442, 6);
  m.tday = f.u8(448, 5);
  m.tmonth = f.u8(453, 4);
  m.thour = f.u8(457, 5);
  m.tminute = f.u8(462, 6);
  return m;
}

/// gpsd counts every 122-bit target that starts at or before the end (`<=`).
VtsTargets vts_targets(const Fields& f) noexcept {
  VtsTargets m;
  std::size_t k = 0;
  for (std::size_t a = 56; a <= f.size() && k < m.targets.size(); a += 122, ++k) {
    auto& t = m.targets[k];
    t.idtype = f.u8(a, 2);
    t.id = f.u64(a + 2, 42);
    f.text(a + 2, t.id_text);
    t.lat = f.s(a + 48, 24);
    t.lon = f.s(a + 72, 25);
    t.course = f.u16(a + 97, 9);
    t.second = f.u8(a + 106, 6);
    t.speed = f.u16(a + 112, 10);
  }
  m.count = static_cast<std::uint8_t>(k);
  return m;
}

MarineTrafficSignal marine_traffic_signal(const Fields& f) noexcept {
  MarineTrafficSignal m;
  m.linkage = f.u16(56, 10);
  f.text(66, m.station);
  m.lon = f.s(186, 25);
  m.lat = f.s(211, 24);
  m.status = f.u8(235, 2);
  m.signal = f.u8(237, 5);
  m.hour = f.u8(242, 5);
  m.minute = f.u8(247, 6);
  m.nextsignal = f.u8(253, 5);
  return m;
}

MetHydro31 met_hydro_31(const Fields& f) noexcept {
  MetHydro31 m;
  m.lon = f.s(56, 25);
  m.lat = f.s(81, 24);
  m.accuracy = f.bit(105);
  m.day = f.u8(106, 5);
  m.hour = f.u8(111, 5);
  m.minute = f.u8(116, 6);
  m.wspeed = f.u8(122, 7);
  m.wgust = f.u8(129, 7);
  m.wdir = f.u16(136, 9);
  m.wgustdir = f.u16(145, 9);
  m.airtemp = f.s16(154, 11);
  m.humidity = f.u8(165, 7);
  m.dewpoint = f.s16(172, 10);
  m.pressure = f.u16(182, 9);
  m.pressuretend = f.u8(191, 2);
  m.visgreater = f.bit(193);
  m.visibility = f.u8(194, 7);
  m.waterlevel = f.u16(201, 12);
  m.leveltrend = f.u8(213, 2);
  m.cspeed = f.u8(215, 8);
  m.cdir = f.u16(223, 9);
  m.cspeed2 = f.u8(232, 8);
  m.cdir2 = f.u16(240, 9);
  m.cdepth2 = f.u8(249, 5);
  m.cspeed3 = f.u8(254, 8);
  m.cdir3 = f.u16(262, 9);
  m.cdepth3 = f.u8(271, 5);
  m.waveheight = f.u8(276, 8);
  m.waveperiod = f.u8(284, 6);
  m.wavedir = f.u16(290, 9);
  m.swellheight = f.u8(299, 8);
  m.swellperiod = f.u8(307, 6);
  m.swelldir = f.u16(313, 9);
  m.seastate = f.u8(322, 4);
  m.watertemp = f.s16(326, 10);
  m.preciptype = f.u8(336, 3);
  m.salinity = f.u16(339, 9);
  m.ice = f.u8(348, 2);
  return m;
}

InlandShipStatic inland_ship_static(const Fields& f) noexcept {
  InlandShipStatic m;
  f.text(56, m.vin);
  m.length = f.u16(104, 13);
  m.beam = f.u16(117, 10);
  m.shiptype = f.u16(127, 14);
  m.hazard = f.u8(141, 3);
  m.draught = f.u16(144, 11);
  m.loaded = f.u8(155, 2);
  m.speed_q = f.bit(157);
  m.course_q = f.bit(158);
  m.heading_q = f.bit(159);
  return m;
}

EmmaWarning emma_warning(const Fields& f) noexcept {
  EmmaWarning m;
  m.start_year = f.u8(56, 8);
  m.start_month = f.u8(64, 4);
  m.start_day = f.u8(68, 5);
  m.end_year = f.u8(73, 8);
  m.end_month = f.u8(81, 4);
  m.end_day = f.u8(85, 5);
  m.start_hour = f.u8(90, 5);
  m.start_minute = f.u8(95, 6);
  m.end_hour = f.u8(101, 5);
  m.end_minute = f.u8(106, 6);
  m.start_lon = f.s(112, 28);
  m.start_lat = f.s(140, 27);
  m.end_lon = f.s(167, 28);
  m.end_lat = f.s(195, 27);
  m.type = f.u8(222, 4);
  m.min = f.s16(226, 9);
  m.max = f.s16(235, 9);
  m.intensity = f.u8(244, 2);
  m.wind = f.u8(246, 4);
  return m;
}

WaterLevels water_levels(const Fields& f) noexcept {
  WaterLevels m;
  f.text(56, m.country);
  std::size_t k = 0;
  for (std::size_t a = 68; a < f.size() && k < m.gauges.size(); a += 25, ++k)
    m.gauges[k] = {f.u16(a, 11), f.s16(a + 11, 14)};
  m.count = static_cast<std::uint8_t>(k);
  return m;
}

SignalStatus signal_status(const Fields& f) noexcept {
  SignalStatus m;
  m.lon = f.s(56, 28);
  m.lat = f.s(84, 27);
  m.form = f.u8(111, 4);
  m.facing = f.u16(115, 9);
  m.direction = f.u8(124, 3);
  m.status = f.u(127, 30);
  return m;
}

ApplicationData decode_addressed(const Fields& f, std::uint16_t dac, std::uint8_t fid) noexcept {
  const std::size_t n = f.size();
  switch (dac) {
    case 200:  // EU inland AIS: exact lengths only
      if (fid == 21 && n == 248) return inland_eta(f);
      if (fid == 22 && n == 232) return inland_rta(f);
      if (fid == 55 && n == 168) return inland_persons(f);
      break;
    case 235:
    case 250:  // UK, Ireland
      if (fid == 10 && n == 136) return aton_monitoring(f);
      break;
    case 1:  // IMO: any length
      switch (fid) {
        case 12: return dangerous_cargo_236(f);
        case 14: return tidal_window(f, true);
        // gpsd reads the air draught at bit 56, inside the destination MMSI.
        case 15: return ExtendedShipStatic{f.u16(56, 11)};
        // 136 bits of application data: IMO 289 layout; anything else is
        // read at gpsd's IMO 236 offset, bit 55 (inside the destination MMSI).
        case 16: return PersonsOnBoard{f.u16(n == 88 + 136 ? 88 : 55, 13), true};
        case 18: return clearance_time(f);
        case 20: return berthing_data(f);
        case 25: return dangerous_cargo_289(f);
        case 28: return route_information(f, 88);
        case 30: return text_description(f, 88);
        case 32: return tidal_window(f, false);
        default: break;  // FI 23 (area notice) is not decoded
      }
      break;
    default: break;
  }
  return std::monostate{};
}

ApplicationData decode_broadcast(const Fields& f, std::uint16_t dac, std::uint8_t fid) noexcept {
  const std::size_t n = f.size();
  if (dac == 1) {
    switch (fid) {
      case 11: return met_hydro_11(f);
      case 13: return fairway_closed(f);
      case 15: return ExtendedShipStatic{f.u16(56, 11)};
      case 16:
        if (n == 56 + 136) return PersonsOnBoard{f.u16(88, 13), false};
        if (n == 56 + 72) return PersonsOnBoard{f.u16(55, 13), false};
        break;
      case 17: return vts_targets(f);
      case 19: return marine_traffic_signal(f);
      case 27: return route_information(f, 56);
      case 29: return text_description(f, 56);
      case 31: return met_hydro_31(f);
      default: break;  // FI 21, 22, 24, 25, 26 are not decoded
    }
  } else if (dac == 200) {
    switch (fid) {
      case 10:
        if (n != 168) break;
        // gpsd's guard against other messages under this DAC/FI: a hazard
        // code above 5.  (Its other test, an ASCII first VIN character, always
        // passes for six-bit text.)
        if (auto m = inland_ship_static(f); m.hazard <= 5) return m;
        break;
      case 23:
        if (n == 256) return emma_warning(f);
        break;
      case 24:
        if (n == 168) return water_levels(f);
        break;
      case 40:
        if (n == 168) return signal_status(f);
        break;
      default: break;
    }
  }
  return std::monostate{};
}

}  // namespace

ApplicationData decode_application(BitView bits, bool addressed, std::uint16_t dac,
                                   std::uint8_t fid) noexcept {
  const Fields f(bits);
  return addressed ? decode_addressed(f, dac, fid) : decode_broadcast(f, dac, fid);
}

}  // namespace tidewatch::ais
