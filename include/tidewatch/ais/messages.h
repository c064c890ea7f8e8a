#pragma once
// Typed records of the 27 AIS message types (ITU-R M.1371-5, Annex 8).
//
// Conventions, the same for every record:
// - Fields keep the wire's integer units so that nothing is lost and output can
//   match gpsd bit for bit; each field's comment gives the unit and range.
//   Positions are in 1/10000 minute (1/600000 degree) unless stated; speed in
//   1/10 knot; course in 1/10 degree; headings in degrees.
// - A value the standard reserves for "not available" becomes an empty
//   std::optional (the sentinel is named beside the field, for writers that
//   must reproduce it, such as the gpsd-compatible JSON).
// - Text is six-bit ASCII with the `@` padding and trailing spaces removed.
// - Field names follow gpsd's JSON (`gpsdecode -j`), which analysts know.

#include <array>
#include <cstdint>
#include <optional>
#include <variant>

#include "tidewatch/ais/binary_messages.h"
#include "tidewatch/ais/text.h"

namespace tidewatch::ais {

// ---- "not available" sentinels (ITU-R M.1371-5) ------------------------------
inline constexpr std::int32_t kLonNotAvailable = 181 * 600000;  ///< 181 deg in 1/10000 min
inline constexpr std::int32_t kLatNotAvailable = 91 * 600000;   ///< 91 deg in 1/10000 min
inline constexpr std::uint16_t kSpeedNotAvailable = 1023;       ///< 1/10 kn; 1022 = 102.2 kn or more
inline constexpr std::uint16_t kCourseNotAvailable = 3600;      ///< 1/10 degree
inline constexpr std::uint16_t kHeadingNotAvailable = 511;      ///< degrees
inline constexpr std::uint8_t kSecondNotAvailable = 60;  ///< 61 manual, 62 dead reckoning, 63 inoperative
inline constexpr std::int8_t kTurnNotAvailable = -128;   ///< rate-of-turn indicator
inline constexpr std::uint16_t kAltitudeNotAvailable = 4095;  ///< metres; 4094 = 4094 m or higher
inline constexpr std::int32_t kLongRangeLonNotAvailable = 181 * 600;  ///< 1/10 min
inline constexpr std::int32_t kLongRangeLatNotAvailable = 91 * 600;   ///< 1/10 min
inline constexpr std::uint8_t kLongRangeSpeedNotAvailable = 63;       ///< knots
inline constexpr std::uint16_t kLongRangeCourseNotAvailable = 511;    ///< degrees

/// Raw binary data: `bits` bits, MSB first.
struct BinaryData {
  std::uint16_t bits = 0;
  std::array<std::uint8_t, 128> bytes{};
};

/// Types 1, 2, 3: Class A position report (scheduled, assigned, interrogated).
struct PositionReportA {
  std::uint8_t status = 15;            ///< navigational status 0..15 (15 = not defined)
  std::optional<std::int8_t> turn;     ///< ROT indicator -127..127: 4.733*sqrt(deg/min); +-127 = more than 5 deg/30 s without indicator
  std::optional<std::uint16_t> speed;  ///< SOG, 1/10 kn, 0..1022
  bool accuracy = false;               ///< true: DGNSS, < 10 m
  std::optional<std::int32_t> lon;     ///< 1/10000 min
  std::optional<std::int32_t> lat;     ///< 1/10000 min
  std::optional<std::uint16_t> course; ///< COG, 1/10 degree, 0..3599
  std::optional<std::uint16_t> heading;///< true heading, degrees 0..359
  std::optional<std::uint8_t> second;  ///< UTC second of the report 0..59, or 61..63
  std::uint8_t maneuver = 0;           ///< 0 n/a, 1 no special manoeuvre, 2 special
  bool raim = false;
  std::uint32_t radio = 0;             ///< 19-bit communication state (SOTDMA/ITDMA)
};

/// Types 4 and 11: base station report / UTC and date response.
struct BaseStationReport {
  std::optional<std::uint16_t> year;   ///< 1..9999, 0 = n/a
  std::optional<std::uint8_t> month;   ///< 1..12, 0 = n/a
  std::optional<std::uint8_t> day;     ///< 1..31, 0 = n/a
  std::optional<std::uint8_t> hour;    ///< 0..23, 24 = n/a
  std::optional<std::uint8_t> minute;  ///< 0..59, 60 = n/a
  std::optional<std::uint8_t> second;  ///< 0..59, 60 = n/a
  bool accuracy = false;
  std::optional<std::int32_t> lon;     ///< 1/10000 min
  std::optional<std::int32_t> lat;     ///< 1/10000 min
  std::uint8_t epfd = 0;               ///< position fixing device 0..15 (0 undefined, 7 surveyed)
  bool raim = false;
  std::uint32_t radio = 0;             ///< 19-bit SOTDMA communication state
};

/// Estimated time of arrival as broadcast (no year).
struct Eta {
  std::optional<std::uint8_t> month;   ///< 1..12, 0 = n/a
  std::optional<std::uint8_t> day;     ///< 1..31, 0 = n/a
  std::optional<std::uint8_t> hour;    ///< 0..23, 24 = n/a
  std::optional<std::uint8_t> minute;  ///< 0..59, 60 = n/a
};

/// Reference point of the position on the hull, metres from bow, stern, port, starboard.
struct Dimensions {
  std::uint16_t to_bow = 0;       ///< 0..511 (511 = 511 m or more); 0 = n/a
  std::uint16_t to_stern = 0;     ///< 0..511
  std::uint8_t to_port = 0;       ///< 0..63
  std::uint8_t to_starboard = 0;  ///< 0..63
};

/// Type 5: static and voyage related data (Class A).
struct StaticAndVoyage {
  std::uint8_t ais_version = 0;        ///< 0 = ITU-R M.1371-1, 1 = -3, 2 = -5
  std::optional<std::uint32_t> imo;    ///< IMO number, 0 = n/a (not validated here)
  FixedText<7> callsign;
  FixedText<20> shipname;
  std::uint8_t shiptype = 0;           ///< 0 = n/a, 1..99 (ITU-R M.1371-5 Table 53)
  Dimensions dimensions;
  std::uint8_t epfd = 0;
  Eta eta;
  std::optional<std::uint8_t> draught; ///< maximum present static draught, 1/10 m, 0 = n/a
  FixedText<20> destination;
  std::uint8_t dte = 1;                ///< data terminal: 0 ready, 1 not ready
};

/// Type 6: addressed binary message.
struct AddressedBinary {
  std::uint8_t seqno = 0;
  std::uint32_t dest_mmsi = 0;
  bool retransmit = false;
  std::uint16_t dac = 0;  ///< designated area code (1 = international, 200 inland, 235/250 UK/IE, ...)
  std::uint8_t fid = 0;   ///< function identifier
  BinaryData data;        ///< application data after DAC/FI (always kept)
  ApplicationData decoded;///< the decoded application message, when known
};

/// Types 7 and 13: binary / safety acknowledge.
struct Acknowledge {
  std::array<std::uint32_t, 4> mmsi{};  ///< destination MMSIs, 0 where absent
  std::array<std::uint8_t, 4> seqno{};
  std::uint8_t count = 0;               ///< how many were present (1..4)
};

/// Type 8: binary broadcast message.
struct BroadcastBinary {
  std::uint16_t dac = 0;
  std::uint8_t fid = 0;
  BinaryData data;
  ApplicationData decoded;
};

/// Type 9: standard SAR aircraft position report.
struct SarAircraftPosition {
  std::optional<std::uint16_t> alt;    ///< altitude, metres 0..4094
  std::optional<std::uint16_t> speed;  ///< knots (not 1/10), 0..1022
  bool accuracy = false;
  std::optional<std::int32_t> lon;
  std::optional<std::int32_t> lat;
  std::optional<std::uint16_t> course; ///< 1/10 degree
  std::optional<std::uint8_t> second;
  std::uint8_t regional = 0;
  std::uint8_t dte = 1;
  bool assigned = false;
  bool raim = false;
  std::uint32_t radio = 0;             ///< 20 bits: SOTDMA/ITDMA selector + state
};

/// Type 10: UTC and date inquiry.
struct UtcInquiry {
  std::uint32_t dest_mmsi = 0;
};

/// Type 12: addressed safety related message.
struct AddressedSafety {
  std::uint8_t seqno = 0;
  std::uint32_t dest_mmsi = 0;
  bool retransmit = false;
  FixedText<168> text;
};

/// Type 14: safety related broadcast message.
struct SafetyBroadcast {
  FixedText<168> text;
};

/// Type 15: interrogation.
struct Interrogation {
  std::uint32_t mmsi1 = 0;
  std::uint8_t type1_1 = 0;
  std::uint16_t offset1_1 = 0;
  std::uint8_t type1_2 = 0;
  std::uint16_t offset1_2 = 0;
  std::uint32_t mmsi2 = 0;
  std::uint8_t type2_1 = 0;
  std::uint16_t offset2_1 = 0;
};

/// Type 16: assigned mode command.
struct AssignedModeCommand {
  std::uint32_t mmsi1 = 0;
  std::uint16_t offset1 = 0;
  std::uint16_t increment1 = 0;
  std::uint32_t mmsi2 = 0;  ///< 0 when only one station is commanded
  std::uint16_t offset2 = 0;
  std::uint16_t increment2 = 0;
};

/// Type 17: DGNSS broadcast binary message.
struct GnssBroadcast {
  std::int32_t lon = 0;  ///< 1/10 min, 18 bits
  std::int32_t lat = 0;  ///< 1/10 min, 17 bits
  BinaryData data;       ///< DGNSS correction data (RTCM SC-104 words)
};

/// Type 18: standard Class B position report.
struct PositionReportB {
  std::uint8_t reserved = 0;           ///< 8 regional bits
  std::optional<std::uint16_t> speed;  ///< 1/10 kn
  bool accuracy = false;
  std::optional<std::int32_t> lon;
  std::optional<std::int32_t> lat;
  std::optional<std::uint16_t> course;
  std::optional<std::uint16_t> heading;
  std::optional<std::uint8_t> second;
  std::uint8_t regional = 0;
  bool cs = false;       ///< true: carrier-sense (CS) unit, false: SOTDMA unit
  bool display = false;
  bool dsc = false;
  bool band = false;
  bool msg22 = false;
  bool assigned = false;
  bool raim = false;
  std::uint32_t radio = 0;  ///< 20 bits
};

/// Type 19: extended Class B position report.
struct ExtendedPositionReportB {
  std::uint8_t reserved = 0;
  std::optional<std::uint16_t> speed;
  bool accuracy = false;
  std::optional<std::int32_t> lon;
  std::optional<std::int32_t> lat;
  std::optional<std::uint16_t> course;
  std::optional<std::uint16_t> heading;
  std::optional<std::uint8_t> second;
  std::uint8_t regional = 0;
  FixedText<20> shipname;
  std::uint8_t shiptype = 0;
  Dimensions dimensions;
  std::uint8_t epfd = 0;
  bool raim = false;
  std::uint8_t dte = 1;
  bool assigned = false;
};

/// Type 20: data link management (slot reservations).
struct DataLinkManagement {
  struct Reservation {
    std::uint16_t offset = 0;
    std::uint8_t number = 0;
    std::uint8_t timeout = 0;
    std::uint16_t increment = 0;
  };
  std::array<Reservation, 4> reservations{};
};

/// Type 21: aid-to-navigation report.
struct AidToNavigationReport {
  std::uint8_t aid_type = 0;     ///< 0..31 (ITU-R M.1371-5 Table 74)
  FixedText<36> name;            ///< 20 characters plus the extension (14 by the standard, 16 fit)
  bool accuracy = false;
  std::optional<std::int32_t> lon;
  std::optional<std::int32_t> lat;
  Dimensions dimensions;
  std::uint8_t epfd = 0;
  std::optional<std::uint8_t> second;
  bool off_position = false;
  std::uint8_t regional = 0;
  bool raim = false;
  bool virtual_aid = false;
  bool assigned = false;
};

/// Type 22: channel management.
struct ChannelManagement {
  std::uint16_t channel_a = 0;
  std::uint16_t channel_b = 0;
  std::uint8_t txrx = 0;
  bool power = false;
  bool addressed = false;
  // When not addressed: the area's corners in 1/10 min (18/17 bits).
  std::int32_t ne_lon = 0, ne_lat = 0, sw_lon = 0, sw_lat = 0;
  // When addressed: the two stations.
  std::uint32_t dest1 = 0, dest2 = 0;
  bool band_a = false;
  bool band_b = false;
  std::uint8_t zonesize = 0;
};

/// Type 23: group assignment command.
struct GroupAssignment {
  std::int32_t ne_lon = 0, ne_lat = 0, sw_lon = 0, sw_lat = 0;  ///< 1/10 min
  std::uint8_t stationtype = 0;
  std::uint8_t shiptype = 0;
  std::uint8_t txrx = 0;
  std::uint8_t interval = 0;
  std::uint8_t quiet = 0;
};

/// Type 24: Class B static data report, part A (name) or B (the rest).
/// `part == AB` is a part B joined with the part A its MMSI sent just before
/// (as gpsd does), so the record carries both.
struct StaticDataReport {
  enum class Part : std::uint8_t { A, B, AB };
  Part part = Part::A;
  FixedText<20> shipname;            ///< parts A and AB
  std::uint8_t shiptype = 0;         ///< parts B and AB
  FixedText<7> vendorid;             ///< 7 characters (ITU-R M.1371-3 layout)
  std::uint8_t model = 0;            ///< ITU-R M.1371-4 unit model code
  std::uint32_t serial = 0;          ///< ITU-R M.1371-4 serial number
  FixedText<7> callsign;
  Dimensions dimensions;             ///< ship dimensions (not for auxiliary craft)
  std::uint32_t mothership_mmsi = 0; ///< auxiliary craft (MMSI 98xxxxxxx) only
};

/// Type 25: single slot binary message.
struct SingleSlotBinary {
  bool addressed = false;
  bool structured = false;
  std::uint32_t dest_mmsi = 0;
  std::uint16_t app_id = 0;  ///< DAC (10 bits) and FI (6 bits) when structured
  BinaryData data;
};

/// Type 26: multiple slot binary message with communication state.
struct MultipleSlotBinary {
  bool addressed = false;
  bool structured = false;
  std::uint32_t dest_mmsi = 0;
  std::uint16_t app_id = 0;
  BinaryData data;
  std::uint32_t radio = 0;
};

/// Type 27: long-range AIS broadcast (satellite).
struct LongRangePosition {
  bool accuracy = false;
  bool raim = false;
  std::uint8_t status = 15;
  std::optional<std::int32_t> lon;    ///< 1/10 min (18 bits)
  std::optional<std::int32_t> lat;    ///< 1/10 min (17 bits)
  std::optional<std::uint8_t> speed;  ///< knots 0..62
  std::optional<std::uint16_t> course;///< degrees 0..359
  bool gnss = false;                  ///< true: position is NOT the current GNSS position
};

using MessageBody =
    std::variant<PositionReportA, BaseStationReport, StaticAndVoyage, AddressedBinary,
                 Acknowledge, BroadcastBinary, SarAircraftPosition, UtcInquiry, AddressedSafety,
                 SafetyBroadcast, Interrogation, AssignedModeCommand, GnssBroadcast,
                 PositionReportB, ExtendedPositionReportB, DataLinkManagement,
                 AidToNavigationReport, ChannelManagement, GroupAssignment, StaticDataReport,
                 SingleSlotBinary, MultipleSlotBinary, LongRangePosition>;

/// One decoded AIS message.
struct Message {
  std::uint8_t type = 0;    ///< 1..27
  std::uint8_t repeat = 0;  ///< repeat indicator 0..3
  std::uint32_t mmsi = 0;   ///< source MMSI (30 bits; not validated here)
  MessageBody body;
};

/// Position in degrees from a 1/10000-minute field.
constexpr double degrees(std::int32_t ten_thousandths_of_minute) noexcept {
  return ten_thousandths_of_minute / 600000.0;
}

}  // namespace tidewatch::ais
