#pragma once
// Application-specific messages carried in binary messages 6 and 8, keyed by
// DAC (designated area code) and FI (function identifier): IMO SN.1/Circ.236
// and 289, EU inland AIS (DAC 200), UK/IE GLA AtoN monitoring (DAC 235/250).
// The raw data always stays in AddressedBinary::data / BroadcastBinary::data;
// these records are the decoded form of the subtypes tidewatch knows.
//
// Which subtypes are decoded, and when a message counts as one of them, is
// exactly gpsd 3.22's rule (ais_binary_decode), so that tidewatch decodes the
// messages gpsd decodes and prints the same JSON:
//   type 6  DAC 200 FI 21 (248 bits), 22 (232 bits), 55 (168 bits);
//           DAC 235/250 FI 10 (136 bits);
//           DAC 1 FI 12, 14, 15, 16, 18, 20, 25, 28, 30, 32 (any length);
//   type 8  DAC 1 FI 11, 13, 15, 17, 19, 27, 29, 31 (any length),
//           FI 16 (136 or 72 bits of application data);
//           DAC 200 FI 10 (168 bits, hazard 0..5), 23 (256 bits),
//           24 (168 bits), 40 (168 bits).
// Not decoded (gpsd neither): type 6 DAC 1 FI 23; type 8 DAC 1 FI 21, 22, 24,
// 25, 26.  Bit offsets below are from the start of the whole message.
//
// Conventions (see messages.h): every field keeps its wire integer, with the
// unit and the standard's "not available" value in its comment.  Unlike the
// core reports, sentinels are NOT turned into std::optional here: the
// subtypes disagree on them (and on offsets and signs), and a reader of these
// rare messages wants the value as transmitted.  Text is six-bit ASCII cut at
// the first `@` with trailing spaces removed.  Positions are in 1/1000 minute
// (IMO 289 style, 25/24 bits) unless a field says otherwise.  Repeated
// elements are bounded arrays sized for the longest message (1008 bits) plus
// a count (gpsd's own arrays are smaller and it writes past them, yet prints
// every element; so do we); fields read past the end of a short message read
// the fill bits, then zeros (as gpsd does).

#include <array>
#include <cstdint>
#include <variant>

#include "tidewatch/ais/text.h"

namespace tidewatch::ais {

// ---- EU inland AIS (DAC 200) -------------------------------------------------

/// A lock, bridge or terminal on an inland waterway and a time there, the
/// common head of DAC 200 FI 21 and FI 22.
struct InlandLockTime {
  FixedText<2> country;     ///< UN country code
  FixedText<3> locode;      ///< UN/LOCODE of the location
  FixedText<5> section;     ///< fairway section number
  FixedText<5> terminal;    ///< terminal code
  FixedText<5> hectometre;  ///< fairway hectometre
  std::uint8_t month = 0;   ///< time (UTC) 1..12, 0 = n/a
  std::uint8_t day = 0;     ///< 1..31, 0 = n/a
  std::uint8_t hour = 0;    ///< 0..23, 24 = n/a
  std::uint8_t minute = 0;  ///< 0..59, 60 = n/a
};

/// Type 6, DAC 200 FI 21: ETA at lock/bridge/terminal (EU inland AIS).
/// Decoded only at exactly 248 bits.
struct InlandLockEta : InlandLockTime {
  std::uint8_t tugs = 0;         ///< assisting tugboats 0..6, 7 = unknown
  std::uint16_t airdraught = 0;  ///< air draught, 1/100 m, 0..4000, 0 = unknown
};

/// Type 6, DAC 200 FI 22: RTA (requested time of arrival) at lock/bridge/
/// terminal, the answer to FI 21.  Decoded only at exactly 232 bits.
struct InlandLockRta : InlandLockTime {
  std::uint8_t status = 0;  ///< lock/bridge/terminal: 0 operational, 1 limited operation,
                            ///< 2 out of order, 3 n/a
};

/// Type 6, DAC 200 FI 55: number of persons on board (EU inland AIS).
/// Decoded only at exactly 168 bits.
struct InlandPersonsOnBoard {
  std::uint8_t crew = 0;         ///< crew members 0..254, 255 = unknown
  std::uint16_t passengers = 0;  ///< 0..8190, 8191 = unknown
  std::uint8_t personnel = 0;    ///< shipboard personnel 0..254, 255 = unknown
};

/// Type 8, DAC 200 FI 10: inland ship static and voyage related data.
/// Decoded only at exactly 168 bits and with `hazard` 0..5 (gpsd's guard
/// against other messages sent under this DAC/FI).
struct InlandShipStatic {
  FixedText<8> vin;             ///< ENI (European vessel identification number)
  std::uint16_t length = 0;     ///< length of ship/convoy, 1/10 m, 0 = n/a (13 bits)
  std::uint16_t beam = 0;       ///< beam, 1/10 m, 0 = n/a (10 bits)
  std::uint16_t shiptype = 0;   ///< ERI ship or combination type (14 bits), e.g. 8010 motor
                                ///< freighter; gpsd also accepts the IMO type it maps to
  std::uint8_t hazard = 0;      ///< 0..3 blue cones/lights, 4 B-flag, 5 unknown
  std::uint16_t draught = 0;    ///< 1/100 m, 0 = n/a (11 bits)
  std::uint8_t loaded = 0;      ///< 0 n/a, 1 unloaded, 2 loaded
  bool speed_q = false;         ///< speed from a high-quality sensor (not GNSS)
  bool course_q = false;        ///< course likewise
  bool heading_q = false;       ///< heading likewise
};

/// Type 8, DAC 200 FI 23: EMMA weather warning for a fairway stretch.
/// Decoded only at exactly 256 bits.
struct EmmaWarning {
  std::uint8_t start_year = 0;    ///< years after 2000 (8 bits)
  std::uint8_t start_month = 0;   ///< 1..12
  std::uint8_t start_day = 0;     ///< 1..31
  std::uint8_t end_year = 0;      ///< years after 2000
  std::uint8_t end_month = 0;
  std::uint8_t end_day = 0;
  std::uint8_t start_hour = 0;    ///< UTC 0..23
  std::uint8_t start_minute = 0;  ///< 0..59
  std::uint8_t end_hour = 0;
  std::uint8_t end_minute = 0;
  std::int32_t start_lon = 0;     ///< 1/10000 min (28 bits)
  std::int32_t start_lat = 0;     ///< 1/10000 min (27 bits)
  std::int32_t end_lon = 0;
  std::int32_t end_lat = 0;
  std::uint8_t type = 0;          ///< 0 n/a, 1 wind, 2 rain, 3 snow and ice, 4 thunderstorm, 5 fog,
                                  ///< 6 low temperature, 7 high temperature, 8 flood, 9 forest fire
  std::int16_t min = 0;           ///< minimum value of the phenomenon (9 bits signed)
  std::int16_t max = 0;           ///< maximum value (9 bits signed)
  std::uint8_t intensity = 0;     ///< classification 0 slight, 1 medium, 2 strong
  std::uint8_t wind = 0;          ///< wind direction 0 n/a, 1 N, 2 NE ... 8 NW
};

/// Type 8, DAC 200 FI 24: water levels at up to four gauges.
/// Decoded only at exactly 168 bits, which always holds four gauges.
struct WaterLevels {
  struct Gauge {
    std::uint16_t id = 0;  ///< gauge ID 1..2047, 0 = unknown (11 bits)
    std::int16_t level = 0;///< water level, cm, signed 14 bits, 0 = unknown
  };
  FixedText<2> country;    ///< UN country code
  std::array<Gauge, 4> gauges{};
  std::uint8_t count = 0;  ///< gauges present (always 4)
};

/// Type 8, DAC 200 FI 40: signal status (lock and bridge signals).
/// Decoded only at exactly 168 bits.
struct SignalStatus {
  std::int32_t lon = 0;     ///< 1/10000 min (28 bits)
  std::int32_t lat = 0;     ///< 1/10000 min (27 bits)
  std::uint8_t form = 0;    ///< signal form code, 0 = unknown
  std::uint16_t facing = 0; ///< orientation of the signal, degrees 0..359
  std::uint8_t direction = 0;///< direction of impact: 0 unknown, 1 upstream, 2 downstream,
                            ///< 3 to left bank, 4 to right bank
  std::uint32_t status = 0; ///< light status code(s), 30 bits as sent (gpsd's legend covers
                            ///< 0 unknown, 1 no light, 2 white ... 7 yellow flashing)
};

// ---- UK and Ireland GLA (DAC 235 / 250) ---------------------------------------

/// Type 6, DAC 235 or 250 FI 10: AtoN monitoring data (General Lighthouse
/// Authorities).  Decoded only at exactly 136 bits.
struct AtonMonitoring {
  std::uint16_t ana_int = 0;   ///< internal analogue (supply voltage), 0.05 V steps (10 bits)
  std::uint16_t ana_ext1 = 0;  ///< external analogue 1, 0.05 V steps
  std::uint16_t ana_ext2 = 0;  ///< external analogue 2, 0.05 V steps
  std::uint8_t racon = 0;      ///< 0 no RACON, 1 not monitored, 2 operational, 3 error
  std::uint8_t light = 0;      ///< 0 no light or not monitored, 1 on, 2 off, 3 error
  bool alarm = false;          ///< health alarm
  std::uint8_t stat_ext = 0;   ///< external digital status bits
  bool off_pos = false;        ///< off position
};

// ---- International (DAC 1): IMO SN.1/Circ.236 and 289 ----------------------------

/// Type 6, DAC 1 FI 12 (IMO SN.1/Circ.236): dangerous cargo indication.
struct DangerousCargo236 {
  FixedText<5> lastport;   ///< last port of call, UN/LOCODE
  std::uint8_t lmonth = 0; ///< actual time of departure (UTC) 1..12, 0 = n/a
  std::uint8_t lday = 0;   ///< 1..31, 0 = n/a
  std::uint8_t lhour = 0;  ///< 0..23, 24 = n/a
  std::uint8_t lminute = 0;///< 0..59, 60 = n/a
  FixedText<5> nextport;   ///< next port of call, UN/LOCODE
  std::uint8_t nmonth = 0; ///< estimated time of arrival (UTC), as above
  std::uint8_t nday = 0;
  std::uint8_t nhour = 0;
  std::uint8_t nminute = 0;
  FixedText<20> dangerous; ///< main dangerous good
  FixedText<4> imdcat;     ///< IMD category
  std::uint16_t unid = 0;  ///< UN number (13 bits), 0 = n/a
  std::uint16_t amount = 0;///< amount of cargo (10 bits), 0 = n/a
  std::uint8_t unit = 0;   ///< unit of the amount (2 bits), 0 = n/a
};

/// Type 6, DAC 1 FI 14 (IMO SN.1/Circ.236) and FI 32 (IMO SN.1/Circ.289):
/// tidal window.  The two layouts differ only in the element (see `imo236`).
struct TidalWindow {
  struct Window {
    std::int32_t lon = 0;        ///< FI 32: 1/1000 min (25 bits); FI 14: 28 bits as sent
    std::int32_t lat = 0;        ///< FI 32: 1/1000 min (24 bits); FI 14: 27 bits as sent
    std::uint8_t from_hour = 0;  ///< window opens (UTC) 0..23, 24 = n/a
    std::uint8_t from_min = 0;   ///< 0..59, 60 = n/a
    std::uint8_t to_hour = 0;    ///< window closes
    std::uint8_t to_min = 0;
    std::uint16_t cdir = 0;      ///< predicted current direction, degrees 0..359, 360 = n/a
    std::uint8_t cspeed = 0;     ///< predicted current speed, 1/10 kn; FI 32: 8 bits, 255 = n/a;
                                 ///< FI 14: 7 bits, 127 = n/a
  };
  bool imo236 = false;           ///< FI 14 layout (lat 27 + lon 28 bits, 93-bit windows);
                                 ///< otherwise FI 32 (lon 25 + lat 24 bits, 88-bit windows)
  std::uint8_t month = 0;        ///< 1..12, 0 = n/a
  std::uint8_t day = 0;          ///< 1..31, 0 = n/a
  /// Every window that starts at or before the end of the message (gpsd's
  /// count: a window starting exactly at the end is all fill/zero bits).
  std::array<Window, 11> windows{};
  std::uint8_t count = 0;
};

/// Types 6 and 8, DAC 1 FI 15 (IMO SN.1/Circ.236): extended ship static and
/// voyage related data.  As in gpsd, the air draught is read at bit 56 in
/// both types; in type 6 that lies inside the destination MMSI.
struct ExtendedShipStatic {
  std::uint16_t airdraught = 0;  ///< air draught, 1/10 m (11 bits), 0 = n/a
};

/// Types 6 and 8, DAC 1 FI 16 (IMO SN.1/Circ.236 and 289): number of persons
/// on board.  Type 8 is decoded only with 136 or 72 bits of application data.
/// With 136 bits (IMO 289) the count is read at bit 88; otherwise at bit 55
/// (gpsd's IMO 236 offset).
struct PersonsOnBoard {
  std::uint16_t persons = 0;  ///< 1..8191 (8191 = 8191 or more), 0 = n/a (13 bits)
  bool addressed = false;     ///< from a type 6 (gpsd 3.22 prints type 8's count as 0)
};

/// Type 6, DAC 1 FI 18 (IMO SN.1/Circ.289): clearance time to enter port.
struct ClearanceTime {
  std::uint16_t linkage = 0;  ///< message linkage ID (10 bits)
  std::uint8_t month = 0;     ///< clearance time (UTC) 1..12, 0 = n/a
  std::uint8_t day = 0;       ///< 1..31, 0 = n/a
  std::uint8_t hour = 0;      ///< 0..23, 24 = n/a
  std::uint8_t minute = 0;    ///< 0..59, 60 = n/a
  FixedText<20> portname;     ///< name of port and berth
  FixedText<5> destination;   ///< UN/LOCODE
  std::int32_t lon = 0;       ///< 1/1000 min (25 bits), 181 deg = n/a
  std::int32_t lat = 0;       ///< 1/1000 min (24 bits), 91 deg = n/a
};

/// Type 6, DAC 1 FI 20 (IMO SN.1/Circ.289): berthing data.
struct BerthingData {
  /// Availability of each service, 2-bit code (IMO SN.1/Circ.289 FI 20:
  /// 0 = not available / default, 1..3 as the circular defines).
  struct Services {
    std::uint8_t agent = 0, fuel = 0, chandler = 0, stevedore = 0, electrical = 0, water = 0,
                 customs = 0, cartage = 0, crane = 0, lift = 0, medical = 0, navrepair = 0,
                 provisions = 0, shiprepair = 0, surveyor = 0, steam = 0, tugs = 0,
                 solidwaste = 0, liquidwaste = 0, hazardouswaste = 0, ballast = 0,
                 additional = 0, regional1 = 0, regional2 = 0, future1 = 0, future2 = 0;
  };
  std::uint16_t linkage = 0;       ///< message linkage ID (10 bits)
  std::uint16_t berth_length = 0;  ///< metres 1..510, 511 = 511 or more, 0 = n/a
  std::uint8_t berth_depth = 0;    ///< water depth at berth, 1/10 m, 0 = n/a
  std::uint8_t position = 0;       ///< mooring position 0 n/a, 1 port side to, 2 starboard side
                                   ///< to, 3 Mediterranean, 4 mooring buoy, 5 anchorage
  std::uint8_t month = 0;          ///< time of arrival (UTC) 1..12, 0 = n/a
  std::uint8_t day = 0;
  std::uint8_t hour = 0;
  std::uint8_t minute = 0;
  bool availability = false;       ///< services availability flag
  Services services;
  FixedText<20> berth_name;
  std::int32_t berth_lon = 0;      ///< 1/1000 min (25 bits)
  std::int32_t berth_lat = 0;      ///< 1/1000 min (24 bits)
};

/// Type 6, DAC 1 FI 25 (IMO SN.1/Circ.289): dangerous cargo indication.
struct DangerousCargo289 {
  struct Cargo {
    std::uint8_t code = 0;      ///< cargo code (IMDG class, IBC, BC, MARPOL ...), 4 bits
    std::uint16_t subtype = 0;  ///< cargo subtype (13 bits)
  };
  std::uint8_t unit = 0;     ///< unit of the amount (2 bits), 0 = n/a
  std::uint16_t amount = 0;  ///< amount of cargo (10 bits)
  /// One 17-bit element for every position before the end of the message
  /// (gpsd's count; the last may be partly fill/zero bits): at most 54.
  std::array<Cargo, 54> cargos{};
  std::uint8_t count = 0;
};

/// Type 6 DAC 1 FI 28 (addressed) and type 8 DAC 1 FI 27 (broadcast), IMO
/// SN.1/Circ.289: route information.
struct RouteInformation {
  struct Waypoint {
    std::int32_t lon = 0;  ///< 1/10000 min (28 bits)
    std::int32_t lat = 0;  ///< 1/10000 min (27 bits)
  };
  std::uint16_t linkage = 0;   ///< message linkage ID (10 bits)
  std::uint8_t sender = 0;     ///< sender classification 0 ship, 1 authority, 2..7 reserved
  std::uint8_t rtype = 0;      ///< route type 0 undefined, 1 mandatory, 2 recommended,
                               ///< 3 alternative, 4 through ice, 5 ship route plan, 31 cancel
  std::uint8_t month = 0;      ///< start (UTC) 1..12, 0 = n/a
  std::uint8_t day = 0;
  std::uint8_t hour = 0;
  std::uint8_t minute = 0;
  std::uint32_t duration = 0;  ///< minutes, 0 = cancel route, 262143 = n/a (18 bits)
  /// Waypoints as announced (5 bits: 0..16 by the circular, up to 31 read as
  /// sent; waypoints past the end of the message read as zeros).
  std::array<Waypoint, 31> waypoints{};
  std::uint8_t count = 0;
};

/// Type 6 DAC 1 FI 30 (addressed) and type 8 DAC 1 FI 29 (broadcast), IMO
/// SN.1/Circ.289: text description.
struct TextDescription {
  std::uint16_t linkage = 0;  ///< message linkage ID (10 bits)
  FixedText<161> text;        ///< every whole six-bit character to the end of the message
};

/// Type 8, DAC 1 FI 11 (IMO SN.1/Circ.236): meteorological and hydrological
/// data (trial message, replaced by FI 31 from 2013).
struct MetHydro11 {
  std::int32_t lat = 0;          ///< 1/1000 min (24 bits), 0x7FFFFF = n/a
  std::int32_t lon = 0;          ///< 1/1000 min (25 bits), 0xFFFFFF = n/a
  std::uint8_t day = 0;          ///< UTC day 1..31
  std::uint8_t hour = 0;         ///< 0..23
  std::uint8_t minute = 0;       ///< 0..59
  std::uint8_t wspeed = 0;       ///< average wind speed, knots 0..126, 127 = n/a
  std::uint8_t wgust = 0;        ///< gust, knots, 127 = n/a
  std::uint16_t wdir = 0;        ///< wind direction, degrees 0..359, 511 = n/a
  std::uint16_t wgustdir = 0;    ///< gust direction, 511 = n/a
  std::uint16_t airtemp = 0;     ///< 1/10 deg C above -60.0 (11 bits), 2047 = n/a
  std::uint8_t humidity = 0;     ///< relative humidity % 0..100, 127 = n/a
  std::uint16_t dewpoint = 0;    ///< 1/10 deg C above -20.0 (10 bits), 1023 = n/a
  std::uint16_t pressure = 0;    ///< hPa above 800 (9 bits), 511 = n/a
  std::uint8_t pressuretend = 0; ///< tendency code 0..2, 3 = n/a
  std::uint8_t visibility = 0;   ///< 1/10 nautical mile, 255 = n/a
  std::uint16_t waterlevel = 0;  ///< 1/10 m above -10.0 m (9 bits), 511 = n/a
  std::uint8_t leveltrend = 0;   ///< water level trend 0..2, 3 = n/a
  std::uint8_t cspeed = 0;       ///< surface current speed, 1/10 kn, 255 = n/a
  std::uint16_t cdir = 0;        ///< surface current direction, degrees, 511 = n/a
  std::uint8_t cspeed2 = 0;      ///< current 2 speed, 1/10 kn, 255 = n/a
  std::uint16_t cdir2 = 0;       ///< current 2 direction, degrees, 511 = n/a
  std::uint8_t cdepth2 = 0;      ///< current 2 measuring depth, metres, 31 = n/a
  std::uint8_t cspeed3 = 0;      ///< current 3, as current 2
  std::uint16_t cdir3 = 0;
  std::uint8_t cdepth3 = 0;
  std::uint8_t waveheight = 0;   ///< significant wave height, 1/10 m, 255 = n/a
  std::uint8_t waveperiod = 0;   ///< seconds, 63 = n/a
  std::uint16_t wavedir = 0;     ///< degrees, 511 = n/a
  std::uint8_t swellheight = 0;  ///< 1/10 m, 255 = n/a
  std::uint8_t swellperiod = 0;  ///< seconds, 63 = n/a
  std::uint16_t swelldir = 0;    ///< degrees, 511 = n/a
  std::uint8_t seastate = 0;     ///< Beaufort 0..12, 15 = n/a
  std::uint16_t watertemp = 0;   ///< 1/10 deg C above -10.0 (10 bits), 1023 = n/a
  std::uint8_t preciptype = 0;   ///< WMO 306 code table 4.201, 0..6, 7 = n/a
  std::uint16_t salinity = 0;    ///< 1/10 per mille (9 bits), 511 = n/a
  std::uint8_t ice = 0;          ///< 0 no, 1 yes, 3 = n/a
};

/// Type 8, DAC 1 FI 13 (IMO SN.1/Circ.236): fairway closed.
struct FairwayClosed {
  FixedText<20> reason;      ///< reason for closing
  FixedText<20> closefrom;   ///< location of closing from
  FixedText<20> closeto;     ///< location of closing to
  std::uint16_t radius = 0;  ///< extension of the closed area (10 bits), 1001 = n/a
  std::uint8_t extunit = 0;  ///< unit of the extension (2 bits), 0 = n/a
  std::uint8_t fday = 0;     ///< closing from (UTC): day 1..31
  std::uint8_t fmonth = 0;   ///< month 1..12
  std::uint8_t fhour = 0;    ///< hour 0..23
  std::uint8_t fminute = 0;  ///< minute 0..59
  std::uint8_t tday = 0;     ///< closing to (UTC), as above
  std::uint8_t tmonth = 0;
  std::uint8_t thour = 0;
  std::uint8_t tminute = 0;
};

/// Type 8, DAC 1 FI 17 (IMO SN.1/Circ.289): VTS-generated/synthetic targets.
struct VtsTargets {
  struct Target {
    std::uint8_t idtype = 0;  ///< 0 MMSI, 1 IMO number, 2 call sign, 3 other
    std::uint64_t id = 0;     ///< the 42-bit identifier as sent (the number for MMSI/IMO)
    FixedText<7> id_text;     ///< the identifier as six-bit text (call sign/other)
    std::int32_t lat = 0;     ///< 1/1000 min (24 bits)
    std::int32_t lon = 0;     ///< 1/1000 min (25 bits)
    std::uint16_t course = 0; ///< COG, degrees 0..359, 360 = n/a
    std::uint8_t second = 0;  ///< UTC second of the observation 0..59, 60 = n/a
    std::uint16_t speed = 0;  ///< SOG, knots (10 bits), 255 = n/a
  };
  /// Every 122-bit target that starts at or before the end of the message
  /// (gpsd's count; the last may be partly fill/zero bits): at most 8.
  std::array<Target, 8> targets{};
  std::uint8_t count = 0;
};

/// Type 8, DAC 1 FI 19 (IMO SN.1/Circ.289): marine traffic signal.
struct MarineTrafficSignal {
  std::uint16_t linkage = 0;   ///< message linkage ID (10 bits)
  FixedText<20> station;       ///< name of the signal station
  std::int32_t lon = 0;        ///< 1/1000 min (25 bits)
  std::int32_t lat = 0;        ///< 1/1000 min (24 bits)
  std::uint8_t status = 0;     ///< 0 n/a, 1 in regular service, 2 irregular, 3 reserved
  std::uint8_t signal = 0;     ///< signal in service 1..14 (IMO 289 table), 0 = n/a
  std::uint8_t hour = 0;       ///< expected next signal (UTC) 0..23, 24 = n/a
  std::uint8_t minute = 0;     ///< 0..59, 60 = n/a
  std::uint8_t nextsignal = 0; ///< expected next signal, as `signal`
};

/// Type 8, DAC 1 FI 31 (IMO SN.1/Circ.289): meteorological and hydrological data.
struct MetHydro31 {
  std::int32_t lon = 0;          ///< 1/1000 min (25 bits), 181 deg = n/a
  std::int32_t lat = 0;          ///< 1/1000 min (24 bits), 91 deg = n/a
  bool accuracy = false;         ///< position accuracy, true: < 10 m
  std::uint8_t day = 0;          ///< UTC day 1..31, 0 = n/a
  std::uint8_t hour = 0;         ///< 0..23, 24 = n/a
  std::uint8_t minute = 0;       ///< 0..59, 60 = n/a
  std::uint8_t wspeed = 0;       ///< average wind speed (10 min), knots 0..125, 126 = 126 or
                                 ///< more, 127 = n/a
  std::uint8_t wgust = 0;        ///< gust (10 min), knots, as wspeed
  std::uint16_t wdir = 0;        ///< wind direction, degrees 0..359, 360 = n/a
  std::uint16_t wgustdir = 0;    ///< gust direction, 360 = n/a
  std::int16_t airtemp = 0;      ///< 1/10 deg C, -600..600 (11 bits signed), -1024 = n/a
  std::uint8_t humidity = 0;     ///< relative humidity % 0..100, 101 = n/a
  std::int16_t dewpoint = 0;     ///< 1/10 deg C, -200..500 (10 bits signed), 501 = n/a
  std::uint16_t pressure = 0;    ///< hPa above 799 (9 bits): 0 = 799 or less, 402 = 1201 or
                                 ///< more, 511 = n/a
  std::uint8_t pressuretend = 0; ///< tendency code 0..2, 3 = n/a (gpsd's legends: 0 steady,
                                 ///< 1 increasing, 2 decreasing)
  bool visgreater = false;       ///< visibility is "greater than" the value
  std::uint8_t visibility = 0;   ///< 1/10 nautical mile 0..126, 127 = n/a
  std::uint16_t waterlevel = 0;  ///< 1/100 m above -10.00 m (12 bits), 4001 = n/a
  std::uint8_t leveltrend = 0;   ///< water level trend 0..2, 3 = n/a (legends as pressuretend)
  std::uint8_t cspeed = 0;       ///< surface current speed, 1/10 kn 0..250, 255 = n/a
  std::uint16_t cdir = 0;        ///< surface current direction, degrees, 360 = n/a
  std::uint8_t cspeed2 = 0;      ///< current 2 speed, 1/10 kn, 255 = n/a
  std::uint16_t cdir2 = 0;       ///< current 2 direction, degrees, 360 = n/a
  std::uint8_t cdepth2 = 0;      ///< current 2 measuring level, metres 0..30, 31 = n/a
  std::uint8_t cspeed3 = 0;      ///< current 3, as current 2
  std::uint16_t cdir3 = 0;
  std::uint8_t cdepth3 = 0;
  std::uint8_t waveheight = 0;   ///< significant wave height, 1/10 m 0..250, 255 = n/a
  std::uint8_t waveperiod = 0;   ///< seconds 0..60, 63 = n/a
  std::uint16_t wavedir = 0;     ///< degrees, 360 = n/a
  std::uint8_t swellheight = 0;  ///< 1/10 m, 255 = n/a
  std::uint8_t swellperiod = 0;  ///< seconds, 63 = n/a
  std::uint16_t swelldir = 0;    ///< degrees, 360 = n/a
  std::uint8_t seastate = 0;     ///< Beaufort 0..12, 13 = n/a
  std::int16_t watertemp = 0;    ///< 1/10 deg C, -100..500 (10 bits signed), 501 = n/a
  std::uint8_t preciptype = 0;   ///< WMO 306 code table 4.201, 0..6, 7 = n/a
  std::uint16_t salinity = 0;    ///< 1/10 per mille 0..500, 510 = n/a, 511 = sensor n/a
  std::uint8_t ice = 0;          ///< 0 no, 1 yes, 3 = n/a
};

/// The decoded application message; std::monostate when the DAC/FI is not one
/// tidewatch decodes (or its length does not fit the definition).
using ApplicationData =
    std::variant<std::monostate,
                 // type 6
                 InlandLockEta, InlandLockRta, InlandPersonsOnBoard, AtonMonitoring,
                 DangerousCargo236, TidalWindow, ClearanceTime, BerthingData, DangerousCargo289,
                 // types 6 and 8
                 ExtendedShipStatic, PersonsOnBoard, RouteInformation, TextDescription,
                 // type 8
                 MetHydro11, FairwayClosed, VtsTargets, MarineTrafficSignal, MetHydro31,
                 InlandShipStatic, EmmaWarning, WaterLevels, SignalStatus>;

}  // namespace tidewatch::ais
