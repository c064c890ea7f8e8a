#include "tidewatch/sim/scenarios.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <random>
#include <stdexcept>
#include <unordered_set>

#include "tidewatch/sim/random.h"
#include "tidewatch/sim/truth.h"

namespace tidewatch::sim {
namespace {

constexpr double kTerrestrialRangeM = 40 * kMetresPerNm;  // a shore station's typical AIS range
// The coverage_hole scenario's box: 2 x 2 degrees of the eastern Japan Basin.
constexpr Box kHoleBox{39.3, 41.3, 135.5, 137.5};

// ---- places ------------------------------------------------------------------

const std::vector<Port>& port_list() {
  // NGA World Port Index (Pub. 150): WPI numbers 60510, 60725, 60730, 60610.
  static const std::vector<Port> kPorts = {
      {"Najin", "KPRJN", {42.233333, 130.3}},
      {"Vostochnyy", "RUVYP", {42.75, 133.083333}},
      {"Nakhodka", "RUNJK", {42.8, 132.883333}},
      {"Vladivostok", "RUVVO", {43.10888889, 131.8883333}},
  };
  return kPorts;
}

const std::vector<Region>& region_list() {
  static const std::vector<Region> kRegions = {
      {"sea_of_japan",
       {39.0, 41.6, 131.0, 138.0},
       {{"rVVO", {43.10888889, 131.8883333}, kTerrestrialRangeM},
        {"rNJK", {42.8, 132.883333}, kTerrestrialRangeM}},
       "sat"},
      {"north_pacific", {30.0, 44.0, 152.0, 190.0}, {}, "sat"},
  };
  return kRegions;
}

// The scenario window lengths: see each builder; checked in build_world.
struct ScenarioSpan {
  std::string_view name;
  double hours;
};
constexpr std::array<ScenarioSpan, 9> kScenarios = {{
    {"dark_port_visit", 46},
    {"port_visit", 28},
    {"sts_transfer", 18},
    {"loitering", 19},
    {"spoofing", 16},
    {"identity_change", 18},
    {"shared_mmsi", 13},
    {"coverage_hole", 28},
    {"crossing", 9},
}};
constexpr std::array<std::string_view, 9> kScenarioNames = {
    "dark_port_visit", "port_visit", "sts_transfer", "loitering", "spoofing",
    "identity_change", "shared_mmsi", "coverage_hole", "crossing"};

/// A point uniformly distributed by area in `box`.
template <typename Engine>
LatLon random_point(Engine& e, const Box& box) {
  const double u_lat = uniform01(e);
  return point_in_box(box, u_lat, uniform01(e));
}

// ---- identities ----------------------------------------------------------------

struct Flag {
  unsigned mid;
  std::string_view callsign_prefix;  // ITU call sign series of the flag state
};
constexpr Flag kRussia{273, "U"}, kSierraLeone{667, "9L"}, kComoros{620, "D6"},
    kNorthKorea{445, "HM"}, kPalau{511, "T8"}, kPanama{352, "3E"}, kBelize{312, "V3"},
    kTanzania{677, "5I"}, kLiberia{636, "A8"}, kMarshall{538, "V7"}, kSingapore{563, "9V"};
constexpr std::array<Flag, 14> kBackgroundFlags = {{{273, "U"},
                                                    {440, "D7"},
                                                    {441, "DS"},
                                                    {431, "7J"},
                                                    {412, "BQ"},
                                                    {413, "BR"},
                                                    {477, "VR"},
                                                    {636, "A8"},
                                                    {538, "V7"},
                                                    {352, "3E"},
                                                    {353, "3F"},
                                                    {563, "9V"},
                                                    {370, "3F"},
                                                    {416, "BL"}}};

constexpr std::array<std::string_view, 24> kNameFirst = {
    "OCEAN", "SEA",    "PACIFIC", "GOLDEN",  "EASTERN", "NORTHERN", "BLUE",  "GREAT",
    "STAR",  "SUN",    "LUCKY",   "GRAND",   "ROYAL",   "ASIA",     "AMUR",  "KING",
    "SILVER", "JADE",  "CORAL",   "ORIENT",  "HAPPY",   "NEW",      "RICH",  "BRIGHT"};
constexpr std::array<std::string_view, 24> kNameSecond = {
    "STAR",    "WAVE",   "GLORY",   "PIONEER", "SPIRIT",  "HARMONY", "FORTUNE", "VENTURE",
    "TRADER",  "CARRIER", "EXPRESS", "PRIDE",  "DRAGON",  "PHOENIX", "HORIZON", "BRIDGE",
    "VOYAGER", "PEARL",  "LINK",    "MOON",    "DAWN",    "OCEAN",   "RIVER",   "HOPE"};
constexpr std::array<std::string_view, 12> kSeaOfJapanDestinations = {
    "VLADIVOSTOK", "NAKHODKA", "VOSTOCHNY", "BUSAN",   "NIIGATA", "TOYAMA",
    "ZARUBINO",    "QINGDAO",  "DALIAN",    "OTARU",   "MAIZURU", "POSYET"};
constexpr std::array<std::string_view, 10> kPacificDestinations = {
    "LONG BEACH", "OAKLAND", "SEATTLE", "VANCOUVER", "TOKYO",
    "YOKOHAMA",   "BUSAN",   "DUTCH HARBOR", "HONOLULU", "TACOMA"};

template <typename Engine>
std::string make_name(Engine& e) {
  std::string name(kNameFirst[uniform_index(e, kNameFirst.size())]);
  name += ' ';
  name += kNameSecond[uniform_index(e, kNameSecond.size())];
  if (chance(e, 0.4)) {
    name += ' ';
    name += std::to_string(1 + uniform_index(e, 19));
  }
  return name;
}

template <typename Engine>
std::string make_callsign(Engine& e, std::string_view prefix) {
  constexpr std::string_view kChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string cs(prefix);
  while (cs.size() < 5) cs += kChars[uniform_index(e, 26)];  // letters
  if (chance(e, 0.5)) cs += kChars[26 + uniform_index(e, 10)];  // often a digit last
  return cs;
}

/// A 7-digit IMO ship number with a valid check digit (SOLAS XI-1/3).
template <typename Engine>
std::uint32_t make_imo(Engine& e) {
  const auto six = static_cast<std::uint32_t>(900000 + uniform_index(e, 99000));
  std::uint32_t sum = 0, v = six;
  for (std::uint32_t w = 2; w <= 7; ++w) {
    sum += (v % 10) * w;
    v /= 10;
  }
  return six * 10 + sum % 10;
}

template <typename Engine>
ais::Dimensions make_dimensions(Engine& e, double length, double beam) {
  ais::Dimensions d;
  const auto stern = static_cast<std::uint16_t>(std::lround(length * uniform(e, 0.15, 0.25)));
  d.to_stern = stern;
  d.to_bow = static_cast<std::uint16_t>(std::min<long>(511, std::lround(length) - stern));
  d.to_port = static_cast<std::uint8_t>(std::min<long>(63, std::lround(beam / 2)));
  d.to_starboard = static_cast<std::uint8_t>(std::min<long>(63, std::lround(beam) - d.to_port));
  return d;
}

/// A Class A merchant ship's identity: cargo (70) or tanker (80).
template <typename Engine>
StaticInfo make_ship(Engine& e, const Flag& flag, std::uint8_t shiptype, UnixMillis start,
                     std::string_view destination) {
  StaticInfo s;
  s.name = make_name(e);
  s.callsign = make_callsign(e, flag.callsign_prefix);
  s.imo = make_imo(e);
  s.shiptype = shiptype;
  const bool tanker = shiptype >= 80 && shiptype <= 89;
  const double length = tanker ? uniform(e, 110, 250) : uniform(e, 100, 190);
  const double beam = tanker ? uniform(e, 18, 44) : uniform(e, 16, 30);
  s.dimensions = make_dimensions(e, length, beam);
  s.draught_m = std::round(uniform(e, 5.0, tanker ? 13.0 : 10.5) * 10) / 10;
  s.destination = destination;
  s.eta = start + hours_ms(std::round(uniform(e, 24, 144)));
  return s;
}

/// Hands out unique MMSIs: MID * 10^6 + six digits.
class MmsiPool {
 public:
  template <typename Engine>
  std::uint32_t take(Engine& e, unsigned mid) {
    for (;;) {
      const auto mmsi = static_cast<std::uint32_t>(mid * 1000000U + uniform_index(e, 1000000));
      if (mmsi % 1000 != 0 && used_.insert(mmsi).second) return mmsi;
    }
  }

 private:
  std::unordered_set<std::uint32_t> used_;
};

// ---- scenario builders -----------------------------------------------------------

struct Builder {
  const SimOptions& options;
  World& world;
  MmsiPool& pool;
  std::mt19937_64 engine;

  [[nodiscard]] UnixMillis at(double hours) const { return world.start + hours_ms(hours); }

  std::size_t add(VesselSpec v) {
    v.log = true;
    if (v.active_start == 0 && v.active_end == 0 && !v.legs.empty()) {
      v.active_start = v.legs.front().start;
      v.active_end = v.legs.back().end;
    }
    world.vessels.push_back(std::move(v));
    return world.vessels.size() - 1;
  }
  VesselSpec vessel(std::string_view scenario, std::string_view role, const Flag& flag,
                    std::uint8_t shiptype, std::string_view destination) {
    VesselSpec v;
    v.mmsi = pool.take(engine, flag.mid);
    v.scenario = scenario;
    v.role = role;
    v.statics.push_back(make_ship(engine, flag, shiptype, world.start, destination));
    return v;
  }
};

void append_point(std::string& s, std::string_view key, LatLon p) {
  s += ",\"";
  s += key;
  s += "\":[";
  json::number(s, p.lat, 6);
  s += ',';
  json::number(s, normalize_lon(p.lon), 6);
  s += ']';
}
void append_time(std::string& s, std::string_view key, UnixMillis t) {
  s += ",\"";
  s += key;
  s += "\":";
  json::time(s, t);
}
void append_number(std::string& s, std::string_view key, double v, int decimals) {
  s += ",\"";
  s += key;
  s += "\":";
  json::number(s, v, decimals);
}

/// The "vessels" list of a scenario's parameters.
std::string vessels_json(const World& w, const ScenarioInfo& info) {
  std::string s = "\"vessels\":[";
  for (std::size_t i = 0; i < info.vessels.size(); ++i) {
    const VesselSpec& v = w.vessels[info.vessels[i]];
    if (i > 0) s += ',';
    s += "{\"role\":";
    json::string(s, v.role);
    s += ",\"mmsi\":";
    s += std::to_string(v.mmsi);
    s += v.class_b ? ",\"class\":\"B\"" : ",\"class\":\"A\"";
    s += ",\"name\":";
    json::string(s, v.statics.front().name);
    s += ",\"callsign\":";
    json::string(s, v.statics.front().callsign);
    s += ",\"imo\":";
    s += std::to_string(v.statics.front().imo);
    s += '}';
  }
  s += ']';
  return s;
}

void finish(Builder& b, ScenarioInfo info, const std::string& params) {
  info.json = "{\"name\":\"" + info.name + "\"," + vessels_json(b.world, info);
  if (info.start != 0 || info.end != 0) {
    append_time(info.json, "window_start", info.start);
    append_time(info.json, "window_end", info.end);
  }
  if (info.port) {
    info.json += ",\"port\":{\"name\":";
    json::string(info.json, info.port->name);
    info.json += ",\"locode\":";
    json::string(info.json, info.port->locode);
    info.json += '}';
  }
  info.json += params;
  info.json += '}';
  b.world.scenarios.push_back(std::move(info));
}

// dark_port_visit: a cargo ship sails for Najin, switches AIS off 8 h before
// arriving (~150 km out), stays 16 h, and switches on again 8 h after leaving,
// loaded: draught 6.4 m -> 11.2 m.
void build_dark_port_visit(Builder& b) {
  const Port& najin = port("Najin");
  const LatLon w1{42.10, 130.36}, w2{42.185, 130.30};  // the bay's approach (GSHHG water)
  const LatLon s0 = destination(w1, 130.0, 11 * kMetresPerNm * 13);
  VesselSpec v = b.vessel("dark_port_visit", "dark", kSierraLeone, 70, "VLADIVOSTOK");
  Plan p(s0, b.at(0));
  p.sail_to(w1, 11).sail_to(w2, 6).sail_to(najin.position, 4);
  const UnixMillis arrival = p.time();
  p.stay(16, kMoored, 160);
  const UnixMillis departure = p.time();
  p.sail_to(w2, 4).sail_to(w1, 6);
  const UnixMillis on = departure + hours_ms(8);
  p.go(135, 11, static_cast<double>(on - p.time()) / kMillisPerHour + 7.0);
  v.legs = p.take();
  v.ais_off.push_back({arrival - hours_ms(8), on});
  StaticInfo& before = v.statics.front();
  before.draught_m = 6.4;
  before.eta = arrival + hours_ms(20);
  StaticInfo after = before;
  after.from = departure;
  after.draught_m = 11.2;
  after.destination = "NAKHODKA";
  after.eta = on + hours_ms(20);
  v.statics.push_back(after);
  ScenarioInfo info;
  info.name = "dark_port_visit";
  info.port = najin;
  info.start = arrival;
  info.end = departure;
  std::string params;
  append_time(params, "ais_off", arrival - hours_ms(8));
  append_time(params, "ais_on", on);
  append_number(params, "draught_before_m", 6.4, 1);
  append_number(params, "draught_after_m", 11.2, 1);
  append_point(params, "start_position", s0);
  info.vessels.push_back(b.add(std::move(v)));
  finish(b, std::move(info), params);
}

// port_visit: a cargo ship enters Vostochnyy with AIS on, lies at a berth
// 1.3 km from the WPI position for 10 h, and leaves.
void build_port_visit(Builder& b) {
  const Port& vostochnyy = port("Vostochnyy");
  const LatLon berth{42.7525, 133.068};
  const LatLon approach[] = {{42.60, 132.95}, {42.70, 132.95}, {42.755, 133.03}};
  VesselSpec v = b.vessel("port_visit", "ship", kRussia, 70, "VOSTOCHNY");
  Plan p({41.40, 133.60}, b.at(1));
  p.sail_to(approach[0], 11).sail_to(approach[1], 8).sail_to(approach[2], 6).sail_to(berth, 3);
  const UnixMillis arrival = p.time();
  p.stay(10, kMoored, 95);
  const UnixMillis departure = p.time();
  p.sail_to(approach[2], 3).sail_to(approach[1], 6).sail_to(approach[0], 8).go(160, 11, 5);
  v.legs = p.take();
  v.statics.front().eta = arrival;
  ScenarioInfo info;
  info.name = "port_visit";
  info.port = vostochnyy;
  info.start = arrival;
  info.end = departure;
  std::string params;
  append_point(params, "berth", berth);
  append_number(params, "berth_to_port_m", distance_m(berth, vostochnyy.position), 0);
  info.vessels.push_back(b.add(std::move(v)));
  finish(b, std::move(info), params);
}

// sts_transfer: two tankers meet 110+ km from any coast, drift together at
// 0.3-0.9 kn, 130-250 m apart, for 5 h, and part.
void build_sts_transfer(Builder& b) {
  const LatLon meet{40.60, 133.60};
  const LatLon meet_b = destination(meet, 90, 200);
  VesselSpec a = b.vessel("sts_transfer", "ship_a", kComoros, 80, "NAMPO");
  VesselSpec c = b.vessel("sts_transfer", "ship_b", kNorthKorea, 80, "CHONGJIN");
  Plan pa(destination(meet, 270, 11 * kMetresPerNm * 6), b.at(2));
  Plan pb(destination(meet_b, 45, 10 * kMetresPerNm * 6), b.at(2));
  pa.sail_to(meet, 11);
  pb.sail_to(meet_b, 10);
  // Both arrive at 8 h (to the millisecond, up to rounding): wait for the later.
  const UnixMillis together = std::max(pa.time(), pb.time());
  if (pa.time() < together) pa.stay(static_cast<double>(together - pa.time()) / kMillisPerHour, kUnderWay, 90);
  if (pb.time() < together) pb.stay(static_cast<double>(together - pb.time()) / kMillisPerHour, kUnderWay, 225);
  for (int k = 0; k < 10; ++k) {
    const double az = 60 + uniform(b.engine, -20, 20);
    const double kn = uniform(b.engine, 0.3, 0.6);
    const LatLon next_a = destination(pa.position(), az, kn * kMetresPerNm * 0.5);
    const double rel_az = 90 + uniform(b.engine, -30, 30);  // b abeam of a, to starboard
    const double rel_m = uniform(b.engine, 150, 250);
    const LatLon next_b = destination(next_a, rel_az, rel_m);
    pa.move_in(next_a, 0.5);
    pb.move_in(next_b, 0.5);
  }
  const UnixMillis parted = pa.time();
  pa.go(200, 11, 5);
  pb.go(20, 10, 5);
  a.legs = pa.take();
  c.legs = pb.take();
  ScenarioInfo info;
  info.name = "sts_transfer";
  info.start = together;
  info.end = parted;
  std::string params;
  append_point(params, "meeting_point", meet);
  info.vessels.push_back(b.add(std::move(a)));
  info.vessels.push_back(b.add(std::move(c)));
  finish(b, std::move(info), params);
}

// loitering: a tanker sails 4 h, wanders for 8 h at 0.5-1.5 kn within ~3 km
// of one point far out at sea, then sails on.
void build_loitering(Builder& b) {
  VesselSpec v = b.vessel("loitering", "ship", kPalau, 80, "FOR ORDERS");
  Plan p({39.70, 131.80}, b.at(3));
  p.go(90, 10, 4);
  const LatLon centre = p.position();
  const UnixMillis from = p.time(), to = from + hours_ms(8);
  while (p.time() < to) {
    double minutes = uniform(b.engine, 20, 40);
    const double left = static_cast<double>(to - p.time()) / 60000.0;
    if (left - minutes < 10) minutes = left;  // no sliver at the end
    const double kn = uniform(b.engine, 0.5, 1.5);
    const double az = distance_m(p.position(), centre) > 3000
                          ? azimuth_deg(p.position(), centre) + uniform(b.engine, -30, 30)
                          : uniform(b.engine, 0, 360);
    p.go(az, kn, minutes / 60.0);
  }
  p.go(60, 10, 4);
  v.legs = p.take();
  ScenarioInfo info;
  info.name = "loitering";
  info.start = from;
  info.end = to;
  std::string params;
  append_point(params, "centre", centre);
  info.vessels.push_back(b.add(std::move(v)));
  finish(b, std::move(info), params);
}

// spoofing: a tanker under way reports 1-3 positions 80-250 km off its
// track (inside the region's water box), then its true track again.
void build_spoofing(Builder& b) {
  VesselSpec v = b.vessel("spoofing", "ship", kPanama, 80, "BUSAN");
  Plan p({39.30, 131.30}, b.at(2));
  p.go(70, 12, 14);
  v.legs = p.take();
  Spoof s;
  s.start = b.at(8) + static_cast<UnixMillis>(uniform_index(b.engine, 60000));
  s.count = 1 + static_cast<int>(uniform_index(b.engine, 3));
  const Motion at = position_on(v.legs.front(), s.start);
  const Box water = find_region("sea_of_japan")->box;
  for (int tries = 0;; ++tries) {
    s.azimuth = uniform(b.engine, 0, 360);
    s.distance_m = uniform(b.engine, 80000, 250000);
    const LatLon fake = destination(at.position, s.azimuth, s.distance_m);
    const bool in_hole = kHoleBox.contains(fake.lat, fake.lon);  // chosen or not: same script
    if ((water.contains(fake.lat, fake.lon) && !in_hole) || tries > 1000) break;
  }
  v.spoof = s;
  ScenarioInfo info;
  info.name = "spoofing";
  info.start = s.start;
  info.end = s.start;
  std::string params;
  params += ",\"false_positions\":";
  params += std::to_string(s.count);
  append_number(params, "offset_azimuth", s.azimuth, 1);
  append_number(params, "offset_km", s.distance_m / 1000, 3);
  info.vessels.push_back(b.add(std::move(v)));
  finish(b, std::move(info), params);
}

// identity_change: a cargo ship takes a new name and call sign (same IMO)
// 9 h into an 18 h passage.
void build_identity_change(Builder& b) {
  VesselSpec v = b.vessel("identity_change", "ship", kBelize, 70, "ZARUBINO");
  Plan p({40.10, 131.20}, b.at(0));
  p.go(80, 10, 18);
  v.legs = p.take();
  StaticInfo after = v.statics.front();
  after.from = b.at(9);
  do {
    after.name = make_name(b.engine);
  } while (after.name == v.statics.front().name);
  do {
    after.callsign = make_callsign(b.engine, kBelize.callsign_prefix);
  } while (after.callsign == v.statics.front().callsign);
  std::string params;
  params += ",\"before\":{\"name\":";
  json::string(params, v.statics.front().name);
  params += ",\"callsign\":";
  json::string(params, v.statics.front().callsign);
  params += "},\"after\":{\"name\":";
  json::string(params, after.name);
  params += ",\"callsign\":";
  json::string(params, after.callsign);
  params += '}';
  v.statics.push_back(after);
  ScenarioInfo info;
  info.name = "identity_change";
  info.start = after.from;
  info.end = after.from;
  info.vessels.push_back(b.add(std::move(v)));
  finish(b, std::move(info), params);
}

// shared_mmsi: two ships with one MMSI (the second a clone of the first's
// identity) sail in parallel 2 degrees of latitude (> 120 nm) apart for 10 h.
void build_shared_mmsi(Builder& b) {
  VesselSpec a = b.vessel("shared_mmsi", "ship_a", kTanzania, 70, "DALIAN");
  VesselSpec c = a;
  c.role = "ship_b";
  Plan pa({39.25, 131.50}, b.at(3));
  Plan pb({41.25, 132.80}, b.at(3));
  pa.go(90, 10, 10);
  pb.go(90, 11, 10);
  a.legs = pa.take();
  c.legs = pb.take();
  ScenarioInfo info;
  info.name = "shared_mmsi";
  info.start = b.at(3);
  info.end = b.at(13);
  info.vessels.push_back(b.add(std::move(a)));
  info.vessels.push_back(b.add(std::move(c)));
  finish(b, std::move(info), "");
}

// coverage_hole: no reception in 39.3-41.3N 135.5-137.5E from 4 h to 28 h;
// a cargo ship crosses the box diagonally at 8 kn (inside for ~18 h).
void build_coverage_hole(Builder& b) {
  const CoverageHole hole = b.world.holes.front();  // placed by build_world
  VesselSpec v = b.vessel("coverage_hole", "ship", kLiberia, 70, "OTARU");
  Plan p({39.00, 135.10}, b.at(2));
  p.sail_to({41.60, 137.90}, 8);
  v.legs = p.take();
  ScenarioInfo info;
  info.name = "coverage_hole";
  info.start = hole.start;
  info.end = hole.end;
  std::string params = ",\"hole\":{\"lat_min\":";
  json::number(params, hole.box.lat_min, 6);
  params += ",\"lat_max\":";
  json::number(params, hole.box.lat_max, 6);
  params += ",\"lon_min\":";
  json::number(params, hole.box.lon_min, 6);
  params += ",\"lon_max\":";
  json::number(params, hole.box.lon_max, 6);
  params += '}';
  info.vessels.push_back(b.add(std::move(v)));
  finish(b, std::move(info), params);
}

// crossing (a control, no event): two ships at 12 kn cross ~210 m apart.
void build_crossing(Builder& b) {
  const LatLon k{40.00, 134.50};
  const LatLon k2 = destination(k, 180, 300);
  VesselSpec a = b.vessel("crossing", "northbound", kMarshall, 70, "VLADIVOSTOK");
  VesselSpec c = b.vessel("crossing", "eastbound", kSingapore, 80, "NIIGATA");
  Plan pa(destination(k, 180, 12 * kMetresPerNm * 2), b.at(5));
  Plan pb(destination(k2, 270, 12 * kMetresPerNm * 2), b.at(5));
  pa.sail_to(k, 12).go(0, 12, 2);
  pb.sail_to(k2, 12).go(90, 12, 2);
  a.legs = pa.take();
  c.legs = pb.take();
  // Closest approach of the true positions, every second around the crossing.
  double closest = 1e18;
  for (UnixMillis t = b.at(6.5); t <= b.at(7.5); t += 1000) {
    auto where = [t](const std::vector<Leg>& legs) {
      for (const Leg& l : legs)
        if (t >= l.start && t < l.end) return position_on(l, t).position;
      return position_on(legs.back(), t).position;
    };
    closest = std::min(closest, distance_m(where(a.legs), where(c.legs)));
  }
  ScenarioInfo info;
  info.name = "crossing";
  std::string params = ",\"expected_events\":[]";
  append_number(params, "closest_approach_m", closest, 1);
  info.vessels.push_back(b.add(std::move(a)));
  info.vessels.push_back(b.add(std::move(c)));
  finish(b, std::move(info), params);
}

std::uint64_t name_hash(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return h;
}

}  // namespace

std::span<const Region> regions() { return region_list(); }

const Region* find_region(std::string_view name) {
  for (const Region& r : region_list())
    if (r.name == name) return &r;
  return nullptr;
}

std::span<const Port> ports() { return port_list(); }

const Port& port(std::string_view name) {
  for (const Port& p : port_list())
    if (p.name == name) return p;
  throw std::invalid_argument("unknown port " + std::string(name));
}

std::span<const std::string_view> scenario_names() { return kScenarioNames; }

std::vector<std::string> resolve_scenarios(const std::vector<std::string>& requested) {
  std::vector<bool> chosen(kScenarioNames.size(), false);
  for (const std::string& r : requested) {
    if (r == "all") {
      chosen.assign(chosen.size(), true);
    } else if (r == "none" || r == "background") {
      continue;
    } else {
      const auto it = std::find(kScenarioNames.begin(), kScenarioNames.end(), r);
      if (it == kScenarioNames.end()) {
        std::string known = "all, none, background";
        for (auto n : kScenarioNames) known += ", " + std::string(n);
        throw std::invalid_argument("unknown scenario '" + r + "' (known: " + known + ")");
      }
      chosen[static_cast<std::size_t>(it - kScenarioNames.begin())] = true;
    }
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < chosen.size(); ++i)
    if (chosen[i]) out.emplace_back(kScenarioNames[i]);
  return out;
}

double required_hours(const std::vector<std::string>& scenarios) {
  double h = 0;
  for (const auto& s : resolve_scenarios(scenarios))
    for (const auto& span : kScenarios)
      if (span.name == s) h = std::max(h, span.hours);
  return h;
}

Box background_box(const Region& region, std::size_t vessels, std::optional<double> density) {
  if (!density) return region.box;
  if (!(*density > 0)) throw std::invalid_argument("--density must be > 0");
  const double target = static_cast<double>(vessels) / *density * 10000.0;
  // The region's box shrunk about its centre by a factor f in both spans
  // (same shape), f found by bisection for the area.
  const LatLon c = region.box.center();
  const double half_lat = (region.box.lat_max - region.box.lat_min) / 2;
  const double half_lon = (region.box.lon_max - region.box.lon_min) / 2;
  auto box_of = [&](double f) {
    return Box{c.lat - f * half_lat, c.lat + f * half_lat, c.lon - f * half_lon, c.lon + f * half_lon};
  };
  double lo = 0, hi = 1.000001;
  for (int i = 0; i < 100; ++i) {
    const double mid = (lo + hi) / 2;
    (box_of(mid).area_km2() < target ? lo : hi) = mid;
  }
  const Box box = box_of(hi);
  if (hi > 1.0) {
    throw std::invalid_argument(
        std::to_string(vessels) + " vessels at " + std::to_string(*density) +
        " per 10000 km2 need " + std::to_string(static_cast<long long>(target)) +
        " km2, more than the region " + region.name + " holds (" +
        std::to_string(static_cast<long long>(region.box.area_km2())) +
        " km2): raise --density or lower --vessels");
  }
  return box;
}

World build_world(const SimOptions& options) {
  const Region* region = find_region(options.region);
  if (region == nullptr)
    throw std::invalid_argument("unknown region '" + options.region +
                                "' (known: sea_of_japan, north_pacific)");
  if (!(options.hours > 0)) throw std::invalid_argument("--hours must be > 0");
  const auto scenarios = resolve_scenarios(options.scenarios);
  const double need = required_hours(scenarios);
  if (options.hours < need)
    throw std::invalid_argument("the chosen scenarios need --hours of at least " +
                                std::to_string(static_cast<int>(need)));
  World w;
  w.region = region->name;
  w.region_box = region->box;
  w.background_box = background_box(*region, options.vessels, options.density);
  w.satellite_id = region->satellite_id;
  w.stations = region->stations;
  w.start = options.start;
  w.end = options.start + hours_ms(options.hours);
  if (std::find(scenarios.begin(), scenarios.end(), "coverage_hole") != scenarios.end())
    w.holes.push_back({kHoleBox, w.start + hours_ms(4), w.start + hours_ms(28)});
  MmsiPool pool;
  for (const auto& name : scenarios) {
    Builder b{options, w, pool, std::mt19937_64(derive_seed(options.seed, name_hash(name)))};
    if (name == "dark_port_visit") build_dark_port_visit(b);
    else if (name == "port_visit") build_port_visit(b);
    else if (name == "sts_transfer") build_sts_transfer(b);
    else if (name == "loitering") build_loitering(b);
    else if (name == "spoofing") build_spoofing(b);
    else if (name == "identity_change") build_identity_change(b);
    else if (name == "shared_mmsi") build_shared_mmsi(b);
    else if (name == "coverage_hole") build_coverage_hole(b);
    else if (name == "crossing") build_crossing(b);
    if (!w.scenarios.empty() && w.scenarios.back().port) {
      // Ports used by scenarios are listed once.
      const Port& p = *w.scenarios.back().port;
      if (std::none_of(w.ports.begin(), w.ports.end(), [&](const Port& q) { return q.name == p.name; }))
        w.ports.push_back(p);
    }
  }
  for (const VesselSpec& v : w.vessels) {
    if (v.active_end > w.start + hours_ms(need))
      throw std::logic_error("scenario " + v.scenario + " runs past its declared length");
  }
  // Background: vessel i depends only on (seed, i), whatever the scenarios.
  const auto& destinations = region->name == "north_pacific"
                                 ? std::span<const std::string_view>(kPacificDestinations)
                                 : std::span<const std::string_view>(kSeaOfJapanDestinations);
  for (std::size_t i = 0; i < options.vessels; ++i) {
    std::mt19937_64 e(derive_seed(options.seed, 0x100000000ULL + i));
    VesselSpec v;
    const Flag& flag = kBackgroundFlags[uniform_index(e, kBackgroundFlags.size())];
    v.mmsi = pool.take(e, flag.mid);
    v.scenario = "background";
    v.role = "background";
    v.class_b = chance(e, options.class_b_fraction);
    const auto dest = destinations[uniform_index(e, destinations.size())];
    if (v.class_b) {
      StaticInfo s;
      s.name = make_name(e);
      s.callsign = make_callsign(e, flag.callsign_prefix);
      s.shiptype = chance(e, 0.7) ? 30 : 37;  // fishing, pleasure craft
      const double length = uniform(e, 12, 35);  // one draw per statement: the order is fixed
      const double beam = uniform(e, 4, 9);
      s.dimensions = make_dimensions(e, length, beam);
      v.statics.push_back(s);
    } else {
      v.statics.push_back(make_ship(e, flag, chance(e, 0.6) ? 70 : 80, w.start, dest));
    }
    v.roam = w.background_box;
    v.roam_speed_kn = uniform(e, 8, 15);
    v.roam_start = random_point(e, w.background_box);
    v.active_start = w.start;
    v.active_end = w.end;
    w.vessels.push_back(std::move(v));
  }
  return w;
}

}  // namespace tidewatch::sim
