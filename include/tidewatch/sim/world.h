#pragma once
// The simulated world: places, receivers, coverage holes and vessels with
// their scripts.  Everything here is plain data built once (scenarios.h)
// and then played by the Simulator (simulator.h).
//
// Units: positions in WGS 84 degrees (latitude -90..90; longitude any value,
// normalised to -180..180 on output); times in Unix milliseconds UTC;
// speeds in knots; distances in metres unless a name says otherwise;
// azimuths in degrees clockwise from true north.
//
// Movement: a vessel follows Legs.  A leg starts at a point and runs along
// the geodesic (WGS 84 ellipsoid, GeographicLib) that leaves it at a given
// azimuth, at constant speed; a stationary leg has speed 0.  Plan builds
// legs the way a voyage is described ("sail to X at 11 kn, stay 10 h").

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "tidewatch/ais/messages.h"
#include "tidewatch/core/time.h"

namespace tidewatch::sim {

inline constexpr double kMetresPerNm = 1852.0;
inline constexpr UnixMillis kMillisPerHour = 3600000;

/// Milliseconds of `hours` (rounded to the millisecond).
constexpr UnixMillis hours_ms(double hours) noexcept {
  return static_cast<UnixMillis>(hours * 3600000.0 + (hours >= 0 ? 0.5 : -0.5));
}

struct LatLon {
  double lat = 0;  ///< degrees
  double lon = 0;  ///< degrees
};

/// A latitude/longitude box.  lon_max may exceed 180 for a box across the
/// antimeridian (150..210 = 150E..150W).
struct Box {
  double lat_min = 0, lat_max = 0;
  double lon_min = 0, lon_max = 0;

  /// Contains (lat, lon), comparing longitudes modulo 360.
  [[nodiscard]] bool contains(double lat, double lon) const noexcept;
  /// Area in km^2 on the sphere of radius 6371.0088 km (the IUGG mean radius):
  /// R^2 * dlon * (sin lat_max - sin lat_min).  Within 0.5% of the ellipsoid's.
  [[nodiscard]] double area_km2() const noexcept;
  [[nodiscard]] LatLon center() const noexcept {
    return {(lat_min + lat_max) / 2, (lon_min + lon_max) / 2};
  }
};

/// A port from the NGA World Port Index (Pub. 150): name and UN/LOCODE as
/// in the WPI (the LOCODE without its space, as in data/ports/wpi.csv).
struct Port {
  std::string name;
  std::string locode;
  LatLon position;  ///< the WPI's coordinates
};

/// An AIS receiver.  A message sent within `range_m` of a terrestrial
/// station is received there (the first in list order); elsewhere it is
/// received by the region's satellite receiver.  Its id goes into the tag
/// block's `s:`.
struct Station {
  std::string id;
  LatLon position;
  double range_m = 0;
};

/// A region with no reception: nothing sent from inside `box` between
/// `start` (inclusive) and `end` (exclusive) is received, by any station.
struct CoverageHole {
  Box box;
  UnixMillis start = 0, end = 0;
  [[nodiscard]] bool covers(double lat, double lon, UnixMillis t) const noexcept {
    return t >= start && t < end && box.contains(lat, lon);
  }
};

/// AIS navigational status values used by the simulator (ITU-R M.1371-5 Table 45).
enum NavStatus : std::uint8_t { kUnderWay = 0, kAtAnchor = 1, kMoored = 5 };

/// One stretch of movement at constant speed along one geodesic.
struct Leg {
  UnixMillis start = 0, end = 0;
  LatLon from;
  double azimuth = 0;       ///< degrees at `from`; for a stationary leg, the ship's heading
  double speed_kn = 0;      ///< 0 = stationary
  std::uint8_t status = kUnderWay;  ///< navigational status while on the leg
};

/// Builds a vessel's legs from a start point and time.
class Plan {
 public:
  Plan(LatLon start, UnixMillis time) : here_(start), time_(time) {}
  /// Sails the geodesic to `to` at `speed_kn` (> 0).
  Plan& sail_to(LatLon to, double speed_kn, std::uint8_t status = kUnderWay);
  /// Sails `hours` from here at initial azimuth `azimuth` and `speed_kn` (may be 0).
  Plan& go(double azimuth, double speed_kn, double hours, std::uint8_t status = kUnderWay);
  /// Stays here `hours` with heading `heading`.
  Plan& stay(double hours, std::uint8_t status, double heading);
  /// Moves to `to` in exactly `hours` (the speed follows), e.g. slow drift.
  Plan& move_in(LatLon to, double hours, std::uint8_t status = kUnderWay);

  [[nodiscard]] LatLon position() const noexcept { return here_; }
  [[nodiscard]] UnixMillis time() const noexcept { return time_; }
  /// Direction of travel at the end of the last leg (its heading if stationary).
  [[nodiscard]] double azimuth() const noexcept { return azimuth_; }
  [[nodiscard]] const std::vector<Leg>& legs() const noexcept { return legs_; }
  std::vector<Leg> take() { return std::move(legs_); }

 private:
  void add(double azimuth, double speed_kn, UnixMillis duration, std::uint8_t status);
  LatLon here_;
  UnixMillis time_;
  double azimuth_ = 0;
  std::vector<Leg> legs_;
};

/// Where a vessel is at time t on a leg: the geodesic Direct problem from
/// the leg's start (GeographicLib::Geodesic::WGS84().Direct).
struct Motion {
  LatLon position;
  double course = 0;    ///< degrees, direction of travel (azimuth of the geodesic there)
  double speed_kn = 0;
  std::uint8_t status = kUnderWay;
};
Motion position_on(const Leg& leg, UnixMillis t);

/// The point of `box` at (u_lat, u_lon) in [0, 1)^2, spread uniformly by
/// area: latitude by the sine of latitude, longitude linearly; longitude
/// normalised to -180..180.
LatLon point_in_box(const Box& box, double u_lat, double u_lon) noexcept;

/// Longitude in [-180, 180).
double normalize_lon(double lon) noexcept;

/// Geodesic helpers (WGS 84).
LatLon destination(LatLon from, double azimuth, double distance_m);
double distance_m(LatLon a, LatLon b);
double azimuth_deg(LatLon from, LatLon to);

/// What a vessel says about itself (types 5 and 24), from `from` on.
struct StaticInfo {
  UnixMillis from = std::numeric_limits<UnixMillis>::min();
  std::string name;        ///< up to 20 six-bit characters
  std::string callsign;    ///< up to 7
  std::uint32_t imo = 0;   ///< 0 = none (Class B)
  std::uint8_t shiptype = 70;
  ais::Dimensions dimensions;
  double draught_m = 0;    ///< 0 = not available; resolution 0.1 m
  std::string destination; ///< up to 20
  UnixMillis eta = 0;      ///< 0 = not available
};

/// A window with the transmitter switched off: [start, end).
struct Window {
  UnixMillis start = 0, end = 0;
  [[nodiscard]] bool contains(UnixMillis t) const noexcept { return t >= start && t < end; }
};

/// False positions: the `count` position reports from `start` on carry the
/// true position moved `distance_m` along `azimuth` (a spoofed GNSS fix or a
/// falsified report).  Spoofed reports are always received, so the truth
/// does not depend on chance.
struct Spoof {
  UnixMillis start = 0;
  int count = 1;
  double azimuth = 0;
  double distance_m = 0;
};

/// Everything scripted about one vessel.
struct VesselSpec {
  std::uint32_t mmsi = 0;
  bool class_b = false;          ///< Class B (CS): types 18 and 24; otherwise Class A: 1 and 5
  std::string scenario;          ///< "background" or the scenario's name
  std::string role;              ///< the vessel's part in its scenario ("dark", "ship_a", ...)
  std::vector<Leg> legs;         ///< in time order, contiguous; empty for roaming vessels
  /// Roaming (background) vessels: sail from waypoint to waypoint chosen at
  /// random inside this box, at `roam_speed_kn`, from `roam_start`.
  std::optional<Box> roam;
  double roam_speed_kn = 0;
  LatLon roam_start;
  std::vector<StaticInfo> statics;  ///< in `from` order; the first applies from the start
  std::vector<Window> ais_off;      ///< transmitter off
  std::optional<Spoof> spoof;
  UnixMillis active_start = 0;      ///< first possible report
  UnixMillis active_end = 0;        ///< no report at or after this
  bool log = false;                 ///< keep a log of received reports (scenario vessels)
};

/// One scripted scenario as placed in the world.
struct ScenarioInfo {
  std::string name;
  std::vector<std::size_t> vessels;  ///< indices into World::vessels, in role order
  /// The scripted window of the behaviour itself: in port, drifting together,
  /// loitering, both vessels on the MMSI, inside the hole, ... (0 when none).
  UnixMillis start = 0, end = 0;
  std::optional<Port> port;
  std::string json;                  ///< parameters, one JSON object (scenario.json)
};

/// The whole world of one run.
struct World {
  std::string region;                  ///< "sea_of_japan", "north_pacific"
  Box region_box;                      ///< where the region is verified water
  Box background_box;                  ///< where background vessels roam
  std::string satellite_id;            ///< station id of receptions away from terrestrial stations
  std::vector<Station> stations;
  std::vector<CoverageHole> holes;
  std::vector<Port> ports;             ///< ports the scenarios use
  std::vector<VesselSpec> vessels;     ///< scenario vessels first, then background
  UnixMillis start = 0, end = 0;
  std::vector<ScenarioInfo> scenarios;
};

}  // namespace tidewatch::sim
