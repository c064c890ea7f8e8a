#include "tidewatch/report/gpsd_json.h"

#include <array>
#include <cstdio>
#include <type_traits>

#include "tidewatch/core/time.h"

namespace tidewatch::report {

using namespace tidewatch::ais;

// ---- legends (ITU-R M.1371-5 tables, worded as gpsd 3.22 prints them) --------

std::string_view navigation_status_text(unsigned status) noexcept {
  static constexpr std::array<std::string_view, 16> legends{
      "Under way using engine", "At anchor", "Not under command",
      "Restricted manoeuverability", "Constrained by her draught", "Moored", "Aground",
      "Engaged in fishing", "Under way sailing", "Reserved for HSC", "Reserved for WIG",
      "Reserved", "Reserved", "Reserved", "Reserved", "Not defined"};
  return legends[status & 15U];
}

std::string_view epfd_text(unsigned epfd) noexcept {
  static constexpr std::array<std::string_view, 9> legends{
      "Undefined", "GPS",  "GLONASS", "Combined GPS/GLONASS", "Loran-C",
      "Chayka",    "Integrated navigation system", "Surveyed", "Galileo"};
  return epfd < legends.size() ? legends[epfd] : "INVALID EPFD";
}

std::string_view ship_type_text(unsigned type) noexcept {
  static constexpr std::string_view reserved = "Reserved for future use";
  if (type == 0) return "Not available";
  if (type < 20) return reserved;
  if (type >= 100) return "INVALID SHIP TYPE";
  static constexpr std::array<std::string_view, 10> special{
      "Fishing", "Towing", "Towing: length exceeds 200m or breadth exceeds 25m",
      "Dredging or underwater ops", "Diving ops", "Military ops", "Sailing", "Pleasure Craft",
      "Reserved", "Reserved"};
  static constexpr std::array<std::string_view, 10> services{
      "Pilot Vessel", "Search and Rescue vessel", "Tug", "Port Tender",
      "Anti-pollution equipment", "Law Enforcement", "Spare - Local Vessel",
      "Spare - Local Vessel", "Medical Transport", "Ship according to RR Resolution No. 18"};
  if (type >= 30 && type < 40) return special[type - 30];
  if (type >= 50 && type < 60) return services[type - 50];
  // 20-29 WIG, 40-49 HSC, 60-69 passenger, 70-79 cargo, 80-89 tanker, 90-99 other
  static constexpr std::array<std::array<std::string_view, 10>, 6> family{{
      {"Wing in ground (WIG) - all ships of this type",
       "Wing in ground (WIG) - Hazardous category A",
       "Wing in ground (WIG) - Hazardous category B",
       "Wing in ground (WIG) - Hazardous category C",
       "Wing in ground (WIG) - Hazardous category D",
       "Wing in ground (WIG) - Reserved for future use",
       "Wing in ground (WIG) - Reserved for future use",
       "Wing in ground (WIG) - Reserved for future use",
       "Wing in ground (WIG) - Reserved for future use",
       "Wing in ground (WIG) - Reserved for future use"},
      {"High speed craft (HSC) - all ships of this type",
       "High speed craft (HSC) - Hazardous category A",
       "High speed craft (HSC) - Hazardous category B",
       "High speed craft (HSC) - Hazardous category C",
       "High speed craft (HSC) - Hazardous category D",
       "High speed craft (HSC) - Reserved for future use",
       "High speed craft (HSC) - Reserved for future use",
       "High speed craft (HSC) - Reserved for future use",
       "High speed craft (HSC) - Reserved for future use",
       "High speed craft (HSC) - No additional information"},
      {"Passenger - all ships of this type", "Passenger - Hazardous category A",
       "Passenger - Hazardous category B", "Passenger - Hazardous category C",
       "Passenger - Hazardous category D", "Passenger - Reserved for future use",
       "Passenger - Reserved for future use", "Passenger - Reserved for future use",
       "Passenger - Reserved for future use", "Passenger - No additional information"},
      {"Cargo - all ships of this type", "Cargo - Hazardous category A",
       "Cargo - Hazardous category B", "Cargo - Hazardous category C",
       "Cargo - Hazardous category D", "Cargo - Reserved for future use",
       "Cargo - Reserved for future use", "Cargo - Reserved for future use",
       "Cargo - Reserved for future use", "Cargo - No additional information"},
      {"Tanker - all ships of this type", "Tanker - Hazardous category A",
       "Tanker - Hazardous category B", "Tanker - Hazardous category C",
       "Tanker - Hazardous category D", "Tanker - Reserved for future use",
       "Tanker - Reserved for future use", "Tanker - Reserved for future use",
       "Tanker - Reserved for future use", "Tanker - No additional information"},
      {"Other Type - all ships of this type", "Other Type - Hazardous category A",
       "Other Type - Hazardous category B", "Other Type - Hazardous category C",
       "Other Type - Hazardous category D", "Other Type - Reserved for future use",
       "Other Type - Reserved for future use", "Other Type - Reserved for future use",
       "Other Type - Reserved for future use", "Other Type - no additional information"},
  }};
  const unsigned decade = type / 10;
  const unsigned row = decade == 2 ? 0 : decade == 4 ? 1 : decade - 4;  // 6..9 -> 2..5
  return family[row][type % 10];
}

std::string_view station_type_text(unsigned type) noexcept {
  static constexpr std::array<std::string_view, 16> legends{
      "All types of mobiles", "Reserved for future use",
      "All types of Class B mobile stations", "SAR airborne mobile station",
      "Aid to Navigation station", "Class B shipborne mobile station",
      "Regional use and inland waterways", "Regional use and inland waterways",
      "Regional use and inland waterways", "Regional use and inland waterways",
      "Reserved for future use", "Reserved for future use", "Reserved for future use",
      "Reserved for future use", "Reserved for future use", "Reserved for future use"};
  return type < legends.size() ? legends[type] : "INVALID STATION TYPE";
}

std::string_view aid_type_text(unsigned type) noexcept {
  static constexpr std::array<std::string_view, 32> legends{
      "Unspecified", "Reference point", "RACON", "Fixed offshore structure",
      "Spare, Reserved for future use.", "Light, without sectors", "Light, with sectors",
      "Leading Light Front", "Leading Light Rear", "Beacon, Cardinal N", "Beacon, Cardinal E",
      "Beacon, Cardinal S", "Beacon, Cardinal W", "Beacon, Port hand", "Beacon, Starboard hand",
      "Beacon, Preferred Channel port hand", "Beacon, Preferred Channel starboard hand",
      "Beacon, Isolated danger", "Beacon, Safe water", "Beacon, Special mark",
      "Cardinal Mark N", "Cardinal Mark E", "Cardinal Mark S", "Cardinal Mark W",
      "Port hand Mark", "Starboard hand Mark", "Preferred Channel Port hand",
      "Preferred Channel Starboard hand", "Isolated danger", "Safe Water", "Special Mark",
      "Light Vessel / LANBY / Rigs"};
  return type < legends.size() ? legends[type] : "INVALID NAVAID TYPE";
}

namespace {

template <typename T, typename S>
constexpr auto raw(const std::optional<T>& v, S sentinel) noexcept {
  return v ? *v : static_cast<T>(sentinel);
}

/// lon/lat: "%d" raw or "%.6f" degrees.
void latlon(JsonOut& j, std::string_view key, std::int32_t v, bool scaled) {
  j.raw(key);
  if (scaled) {
    j.fixed(v / 600000.0, 6);
  } else {
    j.i(v);
  }
}

void dims(JsonOut& j, const Dimensions& d) {
  j.raw(",\"to_bow\":").u(d.to_bow).raw(",\"to_stern\":").u(d.to_stern);
  j.raw(",\"to_port\":").u(d.to_port).raw(",\"to_starboard\":").u(d.to_starboard);
}

void epfd(JsonOut& j, unsigned v) {
  j.raw(",\"epfd\":").u(v).raw(",\"epfd_text\":\"").raw(epfd_text(v)).ch('"');
}

void shiptype(JsonOut& j, unsigned v) {
  j.raw(",\"shiptype\":").u(v).raw(",\"shiptype_text\":\"").raw(ship_type_text(v)).ch('"');
}

void data_field(JsonOut& j, const BinaryData& d) {
  j.raw(",\"data\":\"").u(d.bits).ch(':').hex(d.bytes.data(), (d.bits + 7U) / 8U).ch('"');
}

void write_body(JsonOut& j, const Message& m, const PositionReportA& r, bool scaled) {
  j.raw(",\"status\":").u(r.status).raw(",\"status_text\":\"");
  j.raw(navigation_status_text(r.status)).ch('"');
  const int turn = raw(r.turn, kTurnNotAvailable);
  const unsigned speed = raw(r.speed, kSpeedNotAvailable);
  if (scaled) {
    j.raw(",\"turn\":");
    if (turn == -128) {
      j.raw("\"nan\"");
    } else if (turn == -127) {
      j.raw("\"fastleft\"");
    } else if (turn == 127) {
      j.raw("\"fastright\"");
    } else {
      const double rot = turn / 4.733;  // gpsd prints the square, without its sign
      j.fixed(rot * rot, 0);
    }
    j.raw(",\"speed\":");
    if (speed == kSpeedNotAvailable) {
      j.raw("\"nan\"");
    } else if (speed == 1022) {
      j.raw("\"fast\"");
    } else {
      j.fixed(speed / 10.0, 1);
    }
  } else {
    j.raw(",\"turn\":").i(turn).raw(",\"speed\":").u(speed);
  }
  j.raw(",\"accuracy\":").boolean(r.accuracy);
  latlon(j, ",\"lon\":", raw(r.lon, kLonNotAvailable), scaled);
  latlon(j, ",\"lat\":", raw(r.lat, kLatNotAvailable), scaled);
  const unsigned course = raw(r.course, kCourseNotAvailable);
  j.raw(",\"course\":");
  if (scaled) {
    j.fixed(course / 10.0, 1);
  } else {
    j.u(course);
  }
  j.raw(",\"heading\":").u(raw(r.heading, kHeadingNotAvailable));
  j.raw(",\"second\":").u(raw(r.second, kSecondNotAvailable));
  j.raw(",\"maneuver\":").u(r.maneuver).raw(",\"raim\":").boolean(r.raim);
  j.raw(",\"radio\":").u(r.radio);
  (void)m;
}

void write_body(JsonOut& j, const Message&, const BaseStationReport& r, bool scaled) {
  // "%04u-%02u-%02uT%02u:%02u:%02uZ" of the raw fields
  j.raw(",\"timestamp\":\"").u_pad(raw(r.year, 0), 4).ch('-').u_pad(raw(r.month, 0), 2);
  j.ch('-').u_pad(raw(r.day, 0), 2).ch('T').u_pad(raw(r.hour, 24), 2).ch(':');
  j.u_pad(raw(r.minute, 60), 2).ch(':').u_pad(raw(r.second, 60), 2).raw("Z\"");
  j.raw(",\"accuracy\":").boolean(r.accuracy);
  latlon(j, ",\"lon\":", raw(r.lon, kLonNotAvailable), scaled);
  latlon(j, ",\"lat\":", raw(r.lat, kLatNotAvailable), scaled);
  epfd(j, r.epfd);
  j.raw(",\"raim\":").boolean(r.raim).raw(",\"radio\":").u(r.radio);
}

void eta(JsonOut& j, std::string_view key, const Eta& e) {
  j.raw(key).u_pad(raw(e.month, 0), 2).ch('-').u_pad(raw(e.day, 0), 2).ch('T');
  j.u_pad(raw(e.hour, 24), 2).ch(':').u_pad(raw(e.minute, 60), 2).raw("Z\"");
}

void write_body(JsonOut& j, const Message&, const StaticAndVoyage& r, bool scaled) {
  j.raw(",\"imo\":").u(raw(r.imo, 0)).raw(",\"ais_version\":").u(r.ais_version);
  j.raw(",\"callsign\":").str(r.callsign.view()).raw(",\"shipname\":").str(r.shipname.view());
  shiptype(j, r.shiptype);
  dims(j, r.dimensions);
  epfd(j, r.epfd);
  eta(j, ",\"eta\":\"", r.eta);
  const unsigned draught = raw(r.draught, 0);
  j.raw(",\"draught\":");
  if (scaled) {
    j.fixed(draught / 10.0, 1);
  } else {
    j.u(draught);
  }
  j.raw(",\"destination\":").str(r.destination.view()).raw(",\"dte\":").u(r.dte);
}

void write_body(JsonOut& j, const Message&, const AddressedBinary& r, bool scaled) {
  j.raw(",\"seqno\":").u(r.seqno).raw(",\"dest_mmsi\":").u(r.dest_mmsi);
  j.raw(",\"retransmit\":").boolean(r.retransmit).raw(",\"dac\":").u(r.dac);
  j.raw(",\"fid\":").u(r.fid);
  if (!write_gpsd_application(j, r.decoded, scaled)) data_field(j, r.data);
}

void write_body(JsonOut& j, const Message&, const Acknowledge& r, bool) {
  j.raw(",\"mmsi1\":").u(r.mmsi[0]).raw(",\"mmsi2\":").u(r.mmsi[1]);
  j.raw(",\"mmsi3\":").u(r.mmsi[2]).raw(",\"mmsi4\":").u(r.mmsi[3]);
}

void write_body(JsonOut& j, const Message&, const BroadcastBinary& r, bool scaled) {
  j.raw(",\"dac\":").u(r.dac).raw(",\"fid\":").u(r.fid);
  if (!write_gpsd_application(j, r.decoded, scaled)) data_field(j, r.data);
}

void write_body(JsonOut& j, const Message&, const SarAircraftPosition& r, bool scaled) {
  const unsigned alt = raw(r.alt, kAltitudeNotAvailable);
  const unsigned speed = raw(r.speed, kSpeedNotAvailable);
  if (scaled) {
    j.raw(",\"alt\":");
    if (alt == kAltitudeNotAvailable) {
      j.raw("\"nan\"");
    } else if (alt == 4094) {
      j.raw("\"high\"");
    } else {
      j.u(alt);
    }
    j.raw(",\"speed\":");
    if (speed == kSpeedNotAvailable) {
      j.raw("\"nan\"");
    } else if (speed == 1022) {
      j.raw("\"fast\"");
    } else {
      j.u(speed);
    }
  } else {
    j.raw(",\"alt\":").u(alt).raw(",\"speed\":").u(speed);
  }
  j.raw(",\"accuracy\":").boolean(r.accuracy);
  latlon(j, ",\"lon\":", raw(r.lon, kLonNotAvailable), scaled);
  latlon(j, ",\"lat\":", raw(r.lat, kLatNotAvailable), scaled);
  const unsigned course = raw(r.course, kCourseNotAvailable);
  j.raw(",\"course\":");
  if (scaled) {
    j.fixed(course / 10.0, 1);
  } else {
    j.u(course);
  }
  j.raw(",\"second\":").u(raw(r.second, kSecondNotAvailable));
  j.raw(",\"regional\":").u(r.regional).raw(",\"dte\":").u(r.dte);
  j.raw(",\"raim\":").boolean(r.raim).raw(",\"radio\":").u(r.radio);
}

void write_body(JsonOut& j, const Message&, const UtcInquiry& r, bool) {
  j.raw(",\"dest_mmsi\":").u(r.dest_mmsi);
}

void write_body(JsonOut& j, const Message&, const AddressedSafety& r, bool) {
  j.raw(",\"seqno\":").u(r.seqno).raw(",\"dest_mmsi\":").u(r.dest_mmsi);
  j.raw(",\"retransmit\":").boolean(r.retransmit).raw(",\"text\":").str(r.text.view());
}

void write_body(JsonOut& j, const Message&, const SafetyBroadcast& r, bool) {
  j.raw(",\"text\":").str(r.text.view());
}

void write_body(JsonOut& j, const Message&, const Interrogation& r, bool) {
  j.raw(",\"mmsi1\":").u(r.mmsi1).raw(",\"type1_1\":").u(r.type1_1);
  j.raw(",\"offset1_1\":").u(r.offset1_1).raw(",\"type1_2\":").u(r.type1_2);
  j.raw(",\"offset1_2\":").u(r.offset1_2).raw(",\"mmsi2\":").u(r.mmsi2);
  j.raw(",\"type2_1\":").u(r.type2_1).raw(",\"offset2_1\":").u(r.offset2_1);
}

void write_body(JsonOut& j, const Message&, const AssignedModeCommand& r, bool) {
  j.raw(",\"mmsi1\":").u(r.mmsi1).raw(",\"offset1\":").u(r.offset1);
  j.raw(",\"increment1\":").u(r.increment1).raw(",\"mmsi2\":").u(r.mmsi2);
  j.raw(",\"offset2\":").u(r.offset2).raw(",\"increment2\":").u(r.increment2);
}

void write_body(JsonOut& j, const Message&, const GnssBroadcast& r, bool scaled) {
  if (scaled) {
    j.raw(",\"lon\":").fixed(r.lon / 600.0, 1).raw(",\"lat\":").fixed(r.lat / 600.0, 1);
  } else {
    j.raw(",\"lon\":").i(r.lon).raw(",\"lat\":").i(r.lat);
  }
  data_field(j, r.data);
}

template <typename R>
void class_b_position(JsonOut& j, const R& r, bool scaled) {
  j.raw(",\"reserved\":").u(r.reserved);
  const unsigned speed = raw(r.speed, kSpeedNotAvailable);
  const unsigned course = raw(r.course, kCourseNotAvailable);
  j.raw(",\"speed\":");
  if (scaled) {
    j.fixed(speed / 10.0, 1);
  } else {
    j.u(speed);
  }
  j.raw(",\"accuracy\":").boolean(r.accuracy);
  latlon(j, ",\"lon\":", raw(r.lon, kLonNotAvailable), scaled);
  latlon(j, ",\"lat\":", raw(r.lat, kLatNotAvailable), scaled);
  j.raw(",\"course\":");
  if (scaled) {
    j.fixed(course / 10.0, 1);
  } else {
    j.u(course);
  }
  j.raw(",\"heading\":").u(raw(r.heading, kHeadingNotAvailable));
  j.raw(",\"second\":").u(raw(r.second, kSecondNotAvailable));
  j.raw(",\"regional\":").u(r.regional);
}

void write_body(JsonOut& j, const Message&, const PositionReportB& r, bool scaled) {
  class_b_position(j, r, scaled);
  j.raw(",\"cs\":").boolean(r.cs).raw(",\"display\":").boolean(r.display);
  j.raw(",\"dsc\":").boolean(r.dsc).raw(",\"band\":").boolean(r.band);
  j.raw(",\"msg22\":").boolean(r.msg22).raw(",\"raim\":").boolean(r.raim);
  j.raw(",\"radio\":").u(r.radio);
}

void write_body(JsonOut& j, const Message&, const ExtendedPositionReportB& r, bool scaled) {
  class_b_position(j, r, scaled);
  j.raw(",\"shipname\":").str(r.shipname.view());
  shiptype(j, r.shiptype);
  dims(j, r.dimensions);
  epfd(j, r.epfd);
  j.raw(",\"raim\":").boolean(r.raim).raw(",\"dte\":").u(r.dte);
  j.raw(",\"assigned\":").boolean(r.assigned);
}

void write_body(JsonOut& j, const Message&, const DataLinkManagement& r, bool) {
  for (std::size_t i = 0; i < 4; ++i) {
    const char n = static_cast<char>('1' + i);
    const auto& s = r.reservations[i];
    j.raw(",\"offset").ch(n).raw("\":").u(s.offset);
    j.raw(",\"number").ch(n).raw("\":").u(s.number);
    j.raw(",\"timeout").ch(n).raw("\":").u(s.timeout);
    j.raw(",\"increment").ch(n).raw("\":").u(s.increment);
  }
}

void write_body(JsonOut& j, const Message&, const AidToNavigationReport& r, bool scaled) {
  j.raw(",\"aid_type\":").u(r.aid_type).raw(",\"aid_type_text\":\"");
  j.raw(aid_type_text(r.aid_type)).ch('"');
  j.raw(",\"name\":").str(r.name.view());
  const std::int32_t lon = raw(r.lon, kLonNotAvailable);
  const std::int32_t lat = raw(r.lat, kLatNotAvailable);
  if (scaled) {  // gpsd 3.22 orders these differently in the two modes
    latlon(j, ",\"lon\":", lon, true);
    latlon(j, ",\"lat\":", lat, true);
    j.raw(",\"accuracy\":").boolean(r.accuracy);
  } else {
    j.raw(",\"accuracy\":").boolean(r.accuracy);
    latlon(j, ",\"lon\":", lon, false);
    latlon(j, ",\"lat\":", lat, false);
  }
  dims(j, r.dimensions);
  epfd(j, r.epfd);
  j.raw(",\"second\":").u(raw(r.second, kSecondNotAvailable));
  j.raw(",\"regional\":").u(r.regional);
  j.raw(",\"off_position\":").boolean(r.off_position).raw(",\"raim\":").boolean(r.raim);
  j.raw(",\"virtual_aid\":").boolean(r.virtual_aid);
}

/// gpsd prints area corners in scaled mode as quoted "%f" strings.
void corner(JsonOut& j, std::string_view key, std::int32_t v, bool scaled) {
  j.raw(key);
  if (scaled) {
    j.ch('"').fixed(v / 600.0, 6).ch('"');
  } else {
    j.i(v);
  }
}

void write_body(JsonOut& j, const Message&, const ChannelManagement& r, bool scaled) {
  j.raw(",\"channel_a\":").u(r.channel_a).raw(",\"channel_b\":").u(r.channel_b);
  j.raw(",\"txrx\":").u(r.txrx).raw(",\"power\":").boolean(r.power);
  if (r.addressed) {
    j.raw(",\"dest1\":").u(r.dest1).raw(",\"dest2\":").u(r.dest2);
  } else {
    corner(j, ",\"ne_lon\":", r.ne_lon, scaled);
    corner(j, ",\"ne_lat\":", r.ne_lat, scaled);
    corner(j, ",\"sw_lon\":", r.sw_lon, scaled);
    corner(j, ",\"sw_lat\":", r.sw_lat, scaled);
  }
  j.raw(",\"addressed\":").boolean(r.addressed).raw(",\"band_a\":").boolean(r.band_a);
  j.raw(",\"band_b\":").boolean(r.band_b).raw(",\"zonesize\":").u(r.zonesize);
}

void write_body(JsonOut& j, const Message&, const GroupAssignment& r, bool scaled) {
  corner(j, ",\"ne_lon\":", r.ne_lon, scaled);
  corner(j, ",\"ne_lat\":", r.ne_lat, scaled);
  corner(j, ",\"sw_lon\":", r.sw_lon, scaled);
  corner(j, ",\"sw_lat\":", r.sw_lat, scaled);
  j.raw(",\"stationtype\":").u(r.stationtype).raw(",\"stationtype_text\":\"");
  j.raw(station_type_text(r.stationtype)).ch('"');
  shiptype(j, r.shiptype);
  j.raw(",\"interval\":").u(r.interval).raw(",\"quiet\":").u(r.quiet);
}

void write_body(JsonOut& j, const Message& m, const StaticDataReport& r, bool) {
  using Part = StaticDataReport::Part;
  if (r.part == Part::A) j.raw(",\"part\":\"A\"");
  if (r.part == Part::B) j.raw(",\"part\":\"B\"");
  if (r.part != Part::B) j.raw(",\"shipname\":").str(r.shipname.view());
  if (r.part != Part::A) {
    shiptype(j, r.shiptype);
    j.raw(",\"vendorid\":").str(r.vendorid.view()).raw(",\"model\":").u(r.model);
    j.raw(",\"serial\":").u(r.serial).raw(",\"callsign\":").str(r.callsign.view());
    if (m.mmsi / 10000000 == 98) {
      j.raw(",\"mothership_mmsi\":").u(r.mothership_mmsi);
    } else {
      dims(j, r.dimensions);
    }
  }
}

template <typename R>
void binary_slot(JsonOut& j, const R& r) {
  j.raw(",\"addressed\":").boolean(r.addressed).raw(",\"structured\":").boolean(r.structured);
  j.raw(",\"dest_mmsi\":").u(r.dest_mmsi).raw(",\"app_id\":").u(r.app_id);
  data_field(j, r.data);
}

void write_body(JsonOut& j, const Message&, const SingleSlotBinary& r, bool) { binary_slot(j, r); }

void write_body(JsonOut& j, const Message&, const MultipleSlotBinary& r, bool) {
  binary_slot(j, r);
  j.raw(",\"radio\":").u(r.radio);
}

void write_body(JsonOut& j, const Message&, const LongRangePosition& r, bool scaled) {
  const std::int32_t lon = raw(r.lon, kLongRangeLonNotAvailable);
  const std::int32_t lat = raw(r.lat, kLongRangeLatNotAvailable);
  if (scaled) {
    j.raw(",\"status\":\"").raw(navigation_status_text(r.status)).ch('"');
    j.raw(",\"accuracy\":").boolean(r.accuracy);
    j.raw(",\"lon\":").fixed(lon / 600.0, 1).raw(",\"lat\":").fixed(lat / 600.0, 1);
  } else {
    j.raw(",\"status\":").u(r.status).raw(",\"accuracy\":").boolean(r.accuracy);
    j.raw(",\"lon\":").i(lon).raw(",\"lat\":").i(lat);
  }
  j.raw(",\"speed\":").u(raw(r.speed, kLongRangeSpeedNotAvailable));
  j.raw(",\"course\":").u(raw(r.course, kLongRangeCourseNotAvailable));
  j.raw(",\"raim\":").boolean(r.raim).raw(",\"gnss\":").boolean(r.gnss);
}

}  // namespace

void write_gpsd_json(OutBuffer& out, const Message& message, const MessageMeta& meta,
                     std::string_view source_name, const GpsdJsonOptions& options) {
  out.reserve(source_name.size() * 6 + 64);
  JsonOut j(out, 8192);
  j.raw("{\"class\":\"AIS\",\"type\":").u(message.type).raw(",\"repeat\":").u(message.repeat);
  j.raw(",\"mmsi\":").u(message.mmsi).raw(",\"scaled\":").boolean(options.scaled);
  std::visit([&](const auto& body) { write_body(j, message, body, options.scaled); },
             message.body);
  if (options.provenance) {
    if (meta.rxtime) {
      char iso[kIso8601Max];
      const std::size_t n = format_iso8601(*meta.rxtime, iso);
      j.raw(",\"rxtime\":\"").raw(std::string_view(iso, n)).ch('"');
    }
    if (!meta.station.empty()) j.raw(",\"station\":").str(meta.station);
    j.raw(",\"source\":").str(source_name).raw(",\"line\":").u(meta.first.line);
    if (meta.last_line != meta.first.line) j.raw(",\"line_last\":").u(meta.last_line);
    if (!meta.checksum_ok) j.raw(",\"checksum_ok\":false");
  }
  j.raw("}\n");
}

}  // namespace tidewatch::report
