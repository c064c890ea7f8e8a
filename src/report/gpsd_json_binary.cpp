// The application messages of types 6 and 8 as gpsd 3.22 prints them
// (gpsd/gpsd_json.c, json_aivdm_dump), byte for byte.  gpsd's output has
// quirks that tools reading it may depend on; they are reproduced on purpose
// and each is named where it happens:
//  - some text is printed with "%s", without JSON escaping (DAC 200 strings),
//    the rest escaped (json_stringify, JsonOut::str);
//  - positions use different divisors: 1/1000 min ("%.4f" of /60000) for most
//    IMO messages, 1/10000 min ("%.6f" of /600000) for waypoints and DAC 200;
//  - type 8 FI 16 prints "persons":0 whatever was sent (gpsd reads the type 6
//    union member); FI 19 prints its position scaled even in unscaled mode
//    and has no comma before "nextsignal_text"; DAC 200 FI 23 prints the
//    start time as year-month-hour T minute:day; FI 31's scaled water level
//    is computed in unsigned arithmetic (levels below 0 m wrap).

#include <array>
#include <string_view>
#include <type_traits>
#include <variant>

#include "tidewatch/report/gpsd_json.h"

namespace tidewatch::report {

using namespace tidewatch::ais;

namespace {

// ---- legends, worded as gpsd 3.22 prints them -----------------------------------

constexpr std::array<std::string_view, 4> kTrends{"steady", "increasing", "decreasing", "N/A"};

// WMO 306, code table 4.201
constexpr std::array<std::string_view, 8> kPrecipTypes{
    "reserved", "rain", "thunderstorm", "freezing rain", "mixed/ice", "snow", "reserved", "N/A"};

constexpr std::array<std::string_view, 4> kIce{"no", "yes", "reserved", "N/A"};

constexpr std::array<std::string_view, 4> kRaconStatus{
    "No RACON installed", "RACON not monitored", "RACON operational", "RACON ERROR"};

constexpr std::array<std::string_view, 4> kLightStatus{
    "No light or no monitoring", "Light ON", "Light OFF", "Light ERROR"};

constexpr std::array<std::string_view, 4> kRtaStatus{
    "Operational", "Limited operation", "Out of order", "N/A"};

constexpr std::array<std::string_view, 8> kMooringPositions{
    "Not available", "Port-side to", "Starboard-side to", "Mediterranean (end-on) mooring",
    "Mooring buoy", "Anchorage", "Reserved for future use", "Reserved for future use"};

constexpr std::array<std::string_view, 4> kIdTypes{"mmsi", "imo", "callsign", "other"};

std::string_view route_type_text(unsigned type) noexcept {
  static constexpr std::array<std::string_view, 6> named{
      "Undefined (default)", "Mandatory", "Recommended", "Alternative",
      "Recommended route through ice", "Ship route plan"};
  if (type < named.size()) return named[type];
  if (type == 31) return "Cancel route identified by message linkage";
  return "Reserved for future use.";
}

std::string_view signal_text(unsigned signal) noexcept {
  // Entry 1 has an en dash (UTF-8), printed as it is.
  static constexpr std::array<std::string_view, 15> legends{
      "N/A",
      "Serious emergency \xE2\x80\x93 stop or divert according to instructions.",
      "Vessels shall not proceed.",
      "Vessels may proceed. One way traffic.",
      "Vessels may proceed. Two way traffic.",
      "Vessels shall proceed on specific orders only.",
      "Vessels in main channel shall not proceed.",
      "Vessels in main channel shall proceed on specific orders only.",
      "Vessels in main channel shall proceed on specific orders only.",
      "I = \"in-bound\" only acceptable.",
      "O = \"out-bound\" only acceptable.",
      "F = both \"in- and out-bound\" acceptable.",
      "XI = Code will shift to \"I\" in due time.",
      "XO = Code will shift to \"O\" in due time.",
      "X = Vessels shall proceed only on direction."};
  return signal < legends.size() ? legends[signal] : "INVALID SIGNAL TYPE";
}

/// Inland ship types: gpsd matches either the ERI code or the IMO type it maps
/// to, first match wins, and falls back to the last entry.
std::string_view inland_ship_type_text(unsigned type) noexcept {
  struct Entry {
    unsigned eri;
    unsigned imo;
    std::string_view legend;
  };
  static constexpr std::array<Entry, 42> table{{
      {8000, 99, "Vessel, type unknown"},
      {8010, 79, "Motor freighter"},
      {8020, 89, "Motor tanker"},
      {8021, 80, "Motor tanker, liquid cargo, type N"},
      {8022, 80, "Motor tanker, liquid cargo, type C"},
      {8023, 89, "Motor tanker, dry cargo as if liquid (e.g. cement)"},
      {8030, 79, "Container vessel"},
      {8040, 80, "Gas tanker"},
      {8050, 79, "Motor freighter, tug"},
      {8060, 89, "Motor tanker, tug"},
      {8070, 79, "Motor freighter with one or more ships alongside"},
      {8080, 89, "Motor freighter with tanker"},
      {8090, 79, "Motor freighter pushing one or more freighters"},
      {8100, 89, "Motor freighter pushing at least one tank-ship"},
      {8110, 79, "Tug, freighter"},
      {8120, 89, "Tug, tanker"},
      {8130, 31, "Tug freighter, coupled"},
      {8140, 31, "Tug, freighter/tanker, coupled"},
      {8150, 99, "Freightbarge"},
      {8160, 99, "Tankbarge"},
      {8161, 90, "Tankbarge, liquid cargo, type N"},
      {8162, 90, "Tankbarge, liquid cargo, type C"},
      {8163, 99, "Tankbarge, dry cargo as if liquid (e.g. cement)"},
      {8170, 99, "Freightbarge with containers"},
      {8180, 90, "Tankbarge, gas"},
      {8210, 79, "Pushtow, one cargo barge"},
      {8220, 79, "Pushtow, two cargo barges"},
      {8230, 79, "Pushtow, three cargo barges"},
      {8240, 79, "Pushtow, four cargo barges"},
      {8250, 79, "Pushtow, five cargo barges"},
      {8260, 79, "Pushtow, six cargo barges"},
      {8270, 79, "Pushtow, seven cargo barges"},
      {8280, 79, "Pushtow, eigth cargo barges"},
      {8290, 79, "Pushtow, nine or more barges"},
      {8310, 80, "Pushtow, one tank/gas barge"},
      {8320, 80, "Pushtow, two barges at least one tanker or gas barge"},
      {8330, 80, "Pushtow, three barges at least one tanker or gas barge"},
      {8340, 80, "Pushtow, four barges at least one tanker or gas barge"},
      {8350, 80, "Pushtow, five barges at least one tanker or gas barge"},
      {8360, 80, "Pushtow, six barges at least one tanker or gas barge"},
      {8370, 80, "Pushtow, seven barges at least one tanker or gas barg"},
      {0, 0, "Illegal ship type value."},
  }};
  for (const Entry& e : table)
    if (e.eri == type || e.imo == type || e.eri == 0) return e.legend;
  return table.back().legend;
}

template <std::size_t N>
std::string_view legend(const std::array<std::string_view, N>& legends, unsigned v,
                        std::string_view invalid) noexcept {
  return v < N ? legends[v] : invalid;
}

std::string_view hazard_text(unsigned v) noexcept {
  static constexpr std::array<std::string_view, 6> legends{
      "0 blue cones/lights", "1 blue cone/light", "2 blue cones/lights",
      "3 blue cones/lights", "4 B-Flag", "Unknown"};
  return legend(legends, v, "INVALID HAZARD TYPE");
}

std::string_view load_status_text(unsigned v) noexcept {
  static constexpr std::array<std::string_view, 3> legends{"N/A (default)", "Unloaded", "Loaded"};
  return legend(legends, v, "INVALID LOAD STATUS");
}

std::string_view emma_type_text(unsigned v) noexcept {
  static constexpr std::array<std::string_view, 10> legends{
      "Not Available", "Wind", "Rain", "Snow and ice", "Thunderstorm", "Fog",
      "Low temperature", "High temperature", "Flood", "Forest Fire"};
  return legend(legends, v, "INVALID EMMA TYPE");
}

std::string_view emma_class_text(unsigned v) noexcept {
  static constexpr std::array<std::string_view, 3> legends{"Slight", "Medium", "Strong"};
  return legend(legends, v, "INVALID EMMA TYPE");  // sic: gpsd's text
}

std::string_view emma_wind_text(unsigned v) noexcept {
  static constexpr std::array<std::string_view, 9> legends{
      "N/A", "North", "North East", "East", "South East", "South", "South West", "West",
      "North West"};
  return legend(legends, v, "INVALID EMMA WIND DIRECTION");
}

std::string_view direction_text(unsigned v) noexcept {
  static constexpr std::array<std::string_view, 5> legends{
      "Unknown", "Upstream", "Downstream", "To left bank", "To right bank"};
  return legend(legends, v, "INVALID DIRECTION");
}

std::string_view light_status_text(unsigned v) noexcept {
  static constexpr std::array<std::string_view, 8> legends{
      "Unknown", "No light", "White", "Yellow", "Green", "Red", "White flashing",
      "Yellow flashing."};
  return legend(legends, v, "INVALID STATUS");
}

// ---- formatting helpers ----------------------------------------------------------

/// `,"key":"text"` with the text as it is ("%s", no escaping).
void unescaped(JsonOut& j, std::string_view key, std::string_view text) {
  j.raw(key).ch('"').raw(text).ch('"');
}

/// "%02u-%02uT%02u:%02u", then "Z" when `zulu`.
void month_day_time(JsonOut& j, unsigned month, unsigned day, unsigned hour, unsigned minute,
                    bool zulu) {
  j.u_pad(month, 2).ch('-').u_pad(day, 2).ch('T').u_pad(hour, 2).ch(':').u_pad(minute, 2);
  if (zulu) j.ch('Z');
}

/// "%u-%uT%u:%u"
void month_day_time_unpadded(JsonOut& j, unsigned month, unsigned day, unsigned hour,
                             unsigned minute) {
  j.u(month).ch('-').u(day).ch('T').u(hour).ch(':').u(minute);
}

/// A position in 1/1000 minute: "%.4f" degrees, or "%d".
void milli_minutes(JsonOut& j, std::int32_t v, bool scaled) {
  if (scaled) {
    j.fixed(v / 60000.0, 4);
  } else {
    j.i(v);
  }
}

/// A position in 1/10000 minute: "%.6f" degrees, or "%d".
void ten_thousandth_minutes(JsonOut& j, std::int32_t v, bool scaled) {
  if (scaled) {
    j.fixed(v / 600000.0, 6);
  } else {
    j.i(v);
  }
}

/// "%.1f" of v / 10 when scaled, else "%u".
void tenths(JsonOut& j, unsigned v, bool scaled) {
  if (scaled) {
    j.fixed(v / 10.0, 1);
  } else {
    j.u(v);
  }
}

/// Currents, waves and swell: the same fields, in the same order, in the
/// IMO236 (FI 11) and IMO289 (FI 31) meteorological and hydrological messages.
template <typename MetHydro>
void currents_and_waves(JsonOut& j, const MetHydro& r, bool scaled) {
  j.raw(",\"cspeed\":");
  tenths(j, r.cspeed, scaled);
  j.raw(",\"cdir\":").u(r.cdir).raw(",\"cspeed2\":");
  tenths(j, r.cspeed2, scaled);
  j.raw(",\"cdir2\":").u(r.cdir2).raw(",\"cdepth2\":").u(r.cdepth2).raw(",\"cspeed3\":");
  tenths(j, r.cspeed3, scaled);
  j.raw(",\"cdir3\":").u(r.cdir3).raw(",\"cdepth3\":").u(r.cdepth3).raw(",\"waveheight\":");
  tenths(j, r.waveheight, scaled);
  j.raw(",\"waveperiod\":").u(r.waveperiod).raw(",\"wavedir\":").u(r.wavedir);
  j.raw(",\"swellheight\":");
  tenths(j, r.swellheight, scaled);
  j.raw(",\"swellperiod\":").u(r.swellperiod).raw(",\"swelldir\":").u(r.swelldir);
}

// ---- type 6 ------------------------------------------------------------------

void lock_place(JsonOut& j, const InlandLockTime& r) {
  unescaped(j, ",\"country\":", r.country.view());
  unescaped(j, ",\"locode\":", r.locode.view());
  unescaped(j, ",\"section\":", r.section.view());
  unescaped(j, ",\"terminal\":", r.terminal.view());
  unescaped(j, ",\"hectometre\":", r.hectometre.view());
  j.raw(",\"eta\":\"");
  month_day_time_unpadded(j, r.month, r.day, r.hour, r.minute);
  j.ch('"');
}

void write(JsonOut& j, const InlandLockEta& r, bool) {
  lock_place(j, r);
  j.raw(",\"tugs\":").u(r.tugs).raw(",\"airdraught\":").u(r.airdraught);
}

void write(JsonOut& j, const InlandLockRta& r, bool) {
  lock_place(j, r);  // gpsd calls the RTA "eta" too
  j.raw(",\"status\":").u(r.status);
  unescaped(j, ",\"status_text\":", kRtaStatus[r.status & 3U]);
}

void write(JsonOut& j, const InlandPersonsOnBoard& r, bool) {
  j.raw(",\"crew\":").u(r.crew).raw(",\"passengers\":").u(r.passengers);
  j.raw(",\"personnel\":").u(r.personnel);
}

/// Analogue readings: "%.2f" volts when scaled and not zero, else "%u".
void analogue(JsonOut& j, std::string_view key, unsigned v, bool scaled) {
  j.raw(key);
  if (scaled && v != 0) {
    j.fixed(v * 0.05, 2);
  } else {
    j.u(v);
  }
}

void write(JsonOut& j, const AtonMonitoring& r, bool scaled) {
  j.raw(",\"off_pos\":").boolean(r.off_pos).raw(",\"alarm\":").boolean(r.alarm);
  j.raw(",\"stat_ext\":").u(r.stat_ext);
  analogue(j, ",\"ana_int\":", r.ana_int, scaled);
  analogue(j, ",\"ana_ext1\":", r.ana_ext1, scaled);
  analogue(j, ",\"ana_ext2\":", r.ana_ext2, scaled);
  j.raw(",\"racon\":").u(r.racon);
  unescaped(j, ",\"racon_text\":", kRaconStatus[r.racon & 3U]);
  j.raw(",\"light\":").u(r.light);
  unescaped(j, ",\"light_text\":", kLightStatus[r.light & 3U]);
}

void write(JsonOut& j, const DangerousCargo236& r, bool) {
  j.raw(",\"lastport\":").str(r.lastport.view()).raw(",\"departure\":\"");
  month_day_time(j, r.lmonth, r.lday, r.lhour, r.lminute, true);
  j.raw("\",\"nextport\":").str(r.nextport.view()).raw(",\"eta\":\"");
  month_day_time(j, r.nmonth, r.nday, r.nhour, r.nminute, true);
  j.raw("\",\"dangerous\":").str(r.dangerous.view()).raw(",\"imdcat\":").str(r.imdcat.view());
  j.raw(",\"unid\":").u(r.unid).raw(",\"amount\":").u(r.amount).raw(",\"unit\":").u(r.unit);
}

/// FI 14 and 32 print alike; FI 14's positions are divided as 1/1000 minute
/// too (as gpsd does, although its fields are wider).
void write(JsonOut& j, const TidalWindow& r, bool scaled) {
  j.raw(",\"month\":").u(r.month).raw(",\"day\":").u(r.day).raw(",\"tidals\":[");
  for (std::size_t k = 0; k < r.count; ++k) {
    const auto& w = r.windows[k];
    if (k > 0) j.ch(',');
    j.raw("{\"lon\":");
    milli_minutes(j, w.lon, scaled);
    j.raw(",\"lat\":");
    milli_minutes(j, w.lat, scaled);
    j.raw(",\"from_hour\":").u(w.from_hour).raw(",\"from_min\":").u(w.from_min);
    j.raw(",\"to_hour\":").u(w.to_hour).raw(",\"to_min\":").u(w.to_min);
    j.raw(",\"cdir\":").u(w.cdir).raw(",\"cspeed\":");
    tenths(j, w.cspeed, scaled);
    j.ch('}');
  }
  j.ch(']');
}

void write(JsonOut& j, const ClearanceTime& r, bool scaled) {
  j.raw(",\"linkage\":").u(r.linkage).raw(",\"arrival\":\"");
  month_day_time(j, r.month, r.day, r.hour, r.minute, true);
  j.raw("\",\"portname\":").str(r.portname.view());
  j.raw(",\"destination\":").str(r.destination.view());
  j.raw(",\"lon\":");
  milli_minutes(j, r.lon, scaled);
  j.raw(",\"lat\":");
  milli_minutes(j, r.lat, scaled);
}

void write(JsonOut& j, const BerthingData& r, bool scaled) {
  j.raw(",\"linkage\":").u(r.linkage).raw(",\"berth_length\":").u(r.berth_length);
  j.raw(",\"position\":").u(r.position);
  unescaped(j, ",\"position_text\":", kMooringPositions[r.position & 7U]);
  j.raw(",\"arrival\":\"");
  month_day_time_unpadded(j, r.month, r.day, r.hour, r.minute);
  j.raw("\",\"availability\":").u(r.availability ? 1U : 0U);
  const auto& s = r.services;
  j.raw(",\"agent\":").u(s.agent).raw(",\"fuel\":").u(s.fuel);
  j.raw(",\"chandler\":").u(s.chandler).raw(",\"stevedore\":").u(s.stevedore);
  j.raw(",\"electrical\":").u(s.electrical).raw(",\"water\":").u(s.water);
  j.raw(",\"customs\":").u(s.customs).raw(",\"cartage\":").u(s.cartage);
  j.raw(",\"crane\":").u(s.crane).raw(",\"lift\":").u(s.lift);
  j.raw(",\"medical\":").u(s.medical).raw(",\"navrepair\":").u(s.navrepair);
  j.raw(",\"provisions\":").u(s.provisions).raw(",\"shiprepair\":").u(s.shiprepair);
  j.raw(",\"surveyor\":").u(s.surveyor).raw(",\"steam\":").u(s.steam);
  j.raw(",\"tugs\":").u(s.tugs).raw(",\"solidwaste\":").u(s.solidwaste);
  j.raw(",\"liquidwaste\":").u(s.liquidwaste).raw(",\"hazardouswaste\":").u(s.hazardouswaste);
  j.raw(",\"ballast\":").u(s.ballast).raw(",\"additional\":").u(s.additional);
  j.raw(",\"regional1\":").u(s.regional1).raw(",\"regional2\":").u(s.regional2);
  j.raw(",\"future1\":").u(s.future1).raw(",\"future2\":").u(s.future2);
  j.raw(",\"berth_name\":").str(r.berth_name.view());
  j.raw(",\"berth_lon\":");
  milli_minutes(j, r.berth_lon, scaled);
  j.raw(",\"berth_lat\":");
  milli_minutes(j, r.berth_lat, scaled);
  j.raw(",\"berth_depth\":");
  if (scaled) {
    j.fixed(r.berth_depth * 0.1, 1);
  } else {
    j.u(r.berth_depth);
  }
}

void write(JsonOut& j, const DangerousCargo289& r, bool) {
  j.raw(",\"unit\":").u(r.unit).raw(",\"amount\":").u(r.amount).raw(",\"cargos\":[");
  for (std::size_t k = 0; k < r.count; ++k) {
    if (k > 0) j.ch(',');
    j.raw("{\"code\":").u(r.cargos[k].code).raw(",\"subtype\":").u(r.cargos[k].subtype);
    j.ch('}');
  }
  j.ch(']');
}

// ---- types 6 and 8 ---------------------------------------------------------------

void write(JsonOut& j, const ExtendedShipStatic& r, bool) {
  j.raw(",\"airdraught\":").u(r.airdraught);
}

void write(JsonOut& j, const PersonsOnBoard& r, bool) {
  // gpsd 3.22 prints type 8's count from the type 6 union member: always 0.
  j.raw(",\"persons\":").u(r.addressed ? r.persons : 0U);
}

void write(JsonOut& j, const RouteInformation& r, bool scaled) {
  j.raw(",\"linkage\":").u(r.linkage).raw(",\"sender\":").u(r.sender);
  j.raw(",\"rtype\":").u(r.rtype);
  unescaped(j, ",\"rtype_text\":", route_type_text(r.rtype));
  j.raw(",\"start\":\"");
  month_day_time(j, r.month, r.day, r.hour, r.minute, true);
  j.raw("\",\"duration\":").u(r.duration).raw(",\"waypoints\":[");
  for (std::size_t k = 0; k < r.count; ++k) {
    if (k > 0) j.ch(',');
    j.raw("{\"lon\":");
    ten_thousandth_minutes(j, r.waypoints[k].lon, scaled);
    j.raw(",\"lat\":");
    ten_thousandth_minutes(j, r.waypoints[k].lat, scaled);
    j.ch('}');
  }
  j.ch(']');
}

void write(JsonOut& j, const TextDescription& r, bool) {
  j.raw(",\"linkage\":").u(r.linkage).raw(",\"text\":").str(r.text.view());
}

// ---- type 8 ------------------------------------------------------------------

void write(JsonOut& j, const MetHydro11& r, bool scaled) {
  j.raw(",\"lat\":");
  milli_minutes(j, r.lat, scaled);
  j.raw(",\"lon\":");
  milli_minutes(j, r.lon, scaled);
  j.raw(",\"timestamp\":\"").u_pad(r.day, 2).ch('T').u_pad(r.hour, 2).ch(':');
  j.u_pad(r.minute, 2).raw("Z\"");
  j.raw(",\"wspeed\":").u(r.wspeed).raw(",\"wgust\":").u(r.wgust);
  j.raw(",\"wdir\":").u(r.wdir).raw(",\"wgustdir\":").u(r.wgustdir);
  j.raw(",\"humidity\":").u(r.humidity);
  if (scaled) {
    j.raw(",\"airtemp\":").fixed((r.airtemp - 600) / 10.0, 1);
    j.raw(",\"dewpoint\":").fixed((r.dewpoint - 200) / 10.0, 1);
    j.raw(",\"pressure\":").u(r.pressure + 800U);
    unescaped(j, ",\"pressuretend\":", kTrends[r.pressuretend & 3U]);
    j.raw(",\"visibility\":").fixed(r.visibility / 10.0, 1);
    j.raw(",\"waterlevel\":").fixed((r.waterlevel - 100) / 10.0, 1);
    unescaped(j, ",\"leveltrend\":", kTrends[r.leveltrend & 3U]);
  } else {
    j.raw(",\"airtemp\":").u(r.airtemp).raw(",\"dewpoint\":").u(r.dewpoint);
    j.raw(",\"pressure\":").u(r.pressure).raw(",\"pressuretend\":").u(r.pressuretend);
    j.raw(",\"visibility\":").u(r.visibility).raw(",\"waterlevel\":").u(r.waterlevel);
    j.raw(",\"leveltrend\":").u(r.leveltrend);
  }
  currents_and_waves(j, r, scaled);
  j.raw(",\"seastate\":").u(r.seastate).raw(",\"watertemp\":");
  if (scaled) {
    j.fixed((r.watertemp - 100) / 10.0, 1);
  } else {
    j.u(r.watertemp);
  }
  j.raw(",\"preciptype\":").u(r.preciptype);
  unescaped(j, ",\"preciptype_text\":", kPrecipTypes[r.preciptype & 7U]);
  j.raw(",\"salinity\":");
  tenths(j, r.salinity, scaled);
  j.raw(",\"ice\":").u(r.ice);
  unescaped(j, ",\"ice_text\":", kIce[r.ice & 3U]);
}

void write(JsonOut& j, const FairwayClosed& r, bool) {
  j.raw(",\"reason\":").str(r.reason.view()).raw(",\"closefrom\":").str(r.closefrom.view());
  j.raw(",\"closeto\":").str(r.closeto.view());
  j.raw(",\"radius\":").u(r.radius).raw(",\"extunit\":").u(r.extunit);
  j.raw(",\"from\":\"");
  month_day_time(j, r.fmonth, r.fday, r.fhour, r.fminute, false);
  j.raw("\",\"to\":\"");
  month_day_time(j, r.tmonth, r.tday, r.thour, r.tminute, false);
  j.ch('"');
}

void write(JsonOut& j, const VtsTargets& r, bool scaled) {
  j.raw(",\"targets\":[");
  for (std::size_t k = 0; k < r.count; ++k) {
    const auto& t = r.targets[k];
    if (k > 0) j.ch(',');
    const std::string_view idtype = kIdTypes[t.idtype & 3U];
    j.raw("{\"idtype\":").u(t.idtype);
    unescaped(j, ",\"idtype_text\":", idtype);
    j.raw(",\"").raw(idtype).raw("\":");
    if (t.idtype <= 1) {
      // gpsd keeps the 42-bit number in an unsigned int and prints it quoted
      j.ch('"').u(static_cast<std::uint32_t>(t.id)).ch('"');
    } else {
      j.str(t.id_text.view());
    }
    j.raw(",\"lat\":");
    milli_minutes(j, t.lat, scaled);
    j.raw(",\"lon\":");
    milli_minutes(j, t.lon, scaled);
    j.raw(",\"course\":").u(t.course).raw(",\"second\":").u(t.second);
    j.raw(",\"speed\":").u(t.speed).ch('}');
  }
  j.ch(']');
}

void write(JsonOut& j, const MarineTrafficSignal& r, bool) {
  j.raw(",\"linkage\":").u(r.linkage).raw(",\"station\":").str(r.station.view());
  // gpsd prints the position in degrees in both modes.
  j.raw(",\"lon\":");
  milli_minutes(j, r.lon, true);
  j.raw(",\"lat\":");
  milli_minutes(j, r.lat, true);
  j.raw(",\"status\":").u(r.status).raw(",\"signal\":").u(r.signal);
  unescaped(j, ",\"signal_text\":", signal_text(r.signal));
  j.raw(",\"hour\":").u(r.hour).raw(",\"minute\":").u(r.minute);
  j.raw(",\"nextsignal\":").u(r.nextsignal);
  unescaped(j, "\"nextsignal_text\":", signal_text(r.nextsignal));  // sic: no comma
}

void write(JsonOut& j, const MetHydro31& r, bool scaled) {
  j.raw(",\"lat\":");
  milli_minutes(j, r.lat, scaled);
  j.raw(",\"lon\":");
  milli_minutes(j, r.lon, scaled);
  j.raw(",\"accuracy\":").boolean(r.accuracy);
  j.raw(",\"timestamp\":\"").u_pad(r.day, 2).ch('T').u_pad(r.hour, 2).ch(':');
  j.u_pad(r.minute, 2).raw("Z\"");
  j.raw(",\"wspeed\":").u(r.wspeed).raw(",\"wgust\":").u(r.wgust);
  j.raw(",\"wdir\":").u(r.wdir).raw(",\"wgustdir\":").u(r.wgustdir);
  j.raw(",\"humidity\":").u(r.humidity);
  if (scaled) {
    j.raw(",\"airtemp\":").fixed(r.airtemp / 10.0, 1);
    j.raw(",\"dewpoint\":").fixed(r.dewpoint / 10.0, 1);
    j.raw(",\"pressure\":").u(r.pressure + 799U);
    unescaped(j, ",\"pressuretend\":", kTrends[r.pressuretend & 3U]);
    j.raw(",\"visgreater\":").boolean(r.visgreater);
    j.raw(",\"visibility\":").fixed(r.visibility / 10.0, 1);
    // gpsd: ((unsigned int)waterlevel - 1000) / 100.0: levels below 0 m wrap
    const std::uint32_t level = static_cast<std::uint32_t>(r.waterlevel) - 1000U;
    j.raw(",\"waterlevel\":").fixed(level / 100.0, 1);
    unescaped(j, ",\"leveltrend\":", kTrends[r.leveltrend & 3U]);
  } else {
    j.raw(",\"airtemp\":").i(r.airtemp).raw(",\"dewpoint\":").i(r.dewpoint);
    j.raw(",\"pressure\":").u(r.pressure).raw(",\"pressuretend\":").u(r.pressuretend);
    j.raw(",\"visgreater\":").boolean(r.visgreater);
    j.raw(",\"visibility\":").u(r.visibility).raw(",\"waterlevel\":").u(r.waterlevel);
    j.raw(",\"leveltrend\":").u(r.leveltrend);
  }
  currents_and_waves(j, r, scaled);
  j.raw(",\"seastate\":").u(r.seastate);
  if (scaled) {  // the legends replace the codes
    j.raw(",\"watertemp\":").fixed(r.watertemp / 10.0, 1);
    unescaped(j, ",\"preciptype\":", kPrecipTypes[r.preciptype & 7U]);
    j.raw(",\"salinity\":").fixed(r.salinity / 10.0, 1);
    unescaped(j, ",\"ice\":", kIce[r.ice & 3U]);
  } else {
    j.raw(",\"watertemp\":").i(r.watertemp).raw(",\"preciptype\":").u(r.preciptype);
    j.raw(",\"salinity\":").u(r.salinity).raw(",\"ice\":").u(r.ice);
  }
}

void write(JsonOut& j, const InlandShipStatic& r, bool) {
  j.raw(",\"vin\":").str(r.vin.view());
  j.raw(",\"length\":").u(r.length).raw(",\"beam\":").u(r.beam);
  j.raw(",\"shiptype\":").u(r.shiptype);
  unescaped(j, ",\"shiptype_text\":", inland_ship_type_text(r.shiptype));
  j.raw(",\"hazard\":").u(r.hazard);
  unescaped(j, ",\"hazard_text\":", hazard_text(r.hazard));
  j.raw(",\"draught\":").u(r.draught).raw(",\"loaded\":").u(r.loaded);
  unescaped(j, ",\"loaded_text\":", load_status_text(r.loaded));
  j.raw(",\"speed_q\":").boolean(r.speed_q).raw(",\"course_q\":").boolean(r.course_q);
  j.raw(",\"heading_q\":").boolean(r.heading_q);
}

void write(JsonOut& j, const EmmaWarning& r, bool scaled) {
  // "%4u-%02u-%02uT%02u:%02u"; gpsd passes the start as year, month, hour,
  // minute, day (sic), the end in the right order.
  j.raw(",\"start\":\"").u(r.start_year + 2000U).ch('-').u_pad(r.start_month, 2).ch('-');
  j.u_pad(r.start_hour, 2).ch('T').u_pad(r.start_minute, 2).ch(':').u_pad(r.start_day, 2);
  j.raw("\",\"end\":\"").u(r.end_year + 2000U).ch('-').u_pad(r.end_month, 2).ch('-');
  j.u_pad(r.end_day, 2).ch('T').u_pad(r.end_hour, 2).ch(':').u_pad(r.end_minute, 2).ch('"');
  j.raw(",\"start_lon\":");
  ten_thousandth_minutes(j, r.start_lon, scaled);
  j.raw(",\"start_lat\":");
  ten_thousandth_minutes(j, r.start_lat, scaled);
  j.raw(",\"end_lon\":");
  ten_thousandth_minutes(j, r.end_lon, scaled);
  j.raw(",\"end_lat\":");
  ten_thousandth_minutes(j, r.end_lat, scaled);
  j.raw(",\"type\":").u(r.type);
  unescaped(j, ",\"type_text\":", emma_type_text(r.type));
  j.raw(",\"min\":").i(r.min).raw(",\"max\":").i(r.max);
  j.raw(",\"class\":").u(r.intensity);
  unescaped(j, ",\"class_text\":", emma_class_text(r.intensity));
  j.raw(",\"wind\":").u(r.wind);
  unescaped(j, ",\"wind_text\":", emma_wind_text(r.wind));
}

void write(JsonOut& j, const WaterLevels& r, bool) {
  unescaped(j, ",\"country\":", r.country.view());
  j.raw(",\"gauges\":[");
  for (std::size_t k = 0; k < r.count; ++k) {
    if (k > 0) j.ch(',');
    j.raw("{\"id\":").u(r.gauges[k].id).raw(",\"level\":").i(r.gauges[k].level).ch('}');
  }
  j.ch(']');
}

void write(JsonOut& j, const SignalStatus& r, bool scaled) {
  j.raw(",\"lon\":");
  ten_thousandth_minutes(j, r.lon, scaled);
  j.raw(",\"lat\":");
  ten_thousandth_minutes(j, r.lat, scaled);
  j.raw(",\"form\":").u(r.form).raw(",\"facing\":").u(r.facing);
  j.raw(",\"direction\":").u(r.direction);
  unescaped(j, ",\"direction_text\":", direction_text(r.direction));
  j.raw(",\"status\":").u(r.status);
  unescaped(j, ",\"status_text\":", light_status_text(r.status));
}

}  // namespace

bool write_gpsd_application(JsonOut& j, const ais::ApplicationData& data, bool scaled) {
  return std::visit(
      [&](const auto& record) {
        if constexpr (std::is_same_v<std::decay_t<decltype(record)>, std::monostate>) {
          return false;
        } else {
          write(j, record, scaled);
          return true;
        }
      },
      data);
}

}  // namespace tidewatch::report
