#include "tidewatch/sim/world.h"

#include <GeographicLib/Geodesic.hpp>
#include <cmath>
#include <numbers>

#include "geodesic.h"

namespace tidewatch::sim {
namespace {

constexpr double kEarthRadiusKm = 6371.0088;

}  // namespace

bool Box::contains(double lat, double lon) const noexcept {
  if (lat < lat_min || lat > lat_max) return false;
  double d = std::fmod(lon - lon_min, 360.0);
  if (d < 0) d += 360.0;
  return d <= lon_max - lon_min;
}

double Box::area_km2() const noexcept {
  constexpr double rad = std::numbers::pi / 180.0;
  return kEarthRadiusKm * kEarthRadiusKm * (lon_max - lon_min) * rad *
         (std::sin(lat_max * rad) - std::sin(lat_min * rad));
}

double normalize_lon(double lon) noexcept {
  lon = std::fmod(lon + 180.0, 360.0);
  if (lon < 0) lon += 360.0;
  return lon - 180.0;
}

LatLon point_in_box(const Box& box, double u_lat, double u_lon) noexcept {
  constexpr double rad = std::numbers::pi / 180.0;
  const double s0 = std::sin(box.lat_min * rad), s1 = std::sin(box.lat_max * rad);
  LatLon p;
  p.lat = std::asin(s0 + (s1 - s0) * u_lat) / rad;
  p.lon = normalize_lon(box.lon_min + (box.lon_max - box.lon_min) * u_lon);
  return p;
}

LatLon destination(LatLon from, double azimuth, double distance_m) {
  LatLon to;
  wgs84().Direct(from.lat, from.lon, azimuth, distance_m, to.lat, to.lon);
  return to;
}

double distance_m(LatLon a, LatLon b) {
  double s12 = 0;
  wgs84().Inverse(a.lat, a.lon, b.lat, b.lon, s12);
  return s12;
}

double azimuth_deg(LatLon from, LatLon to) {
  double azi1 = 0, azi2 = 0;
  wgs84().Inverse(from.lat, from.lon, to.lat, to.lon, azi1, azi2);
  return azi1;
}

Motion position_on(const Leg& leg, UnixMillis t) {
  Motion m;
  m.speed_kn = leg.speed_kn;
  m.status = leg.status;
  if (leg.speed_kn <= 0) {
    m.position = leg.from;
    m.course = leg.azimuth;
    return m;
  }
  const double s = leg.speed_kn * kMetresPerNm * static_cast<double>(t - leg.start) / 3.6e6;
  double azi2 = 0;
  wgs84().Direct(leg.from.lat, leg.from.lon, leg.azimuth, s, m.position.lat, m.position.lon, azi2);
  m.course = azi2;
  return m;
}

void Plan::add(double azimuth, double speed_kn, UnixMillis duration, std::uint8_t status) {
  Leg leg;
  leg.start = time_;
  leg.end = time_ + duration;
  leg.from = here_;
  leg.azimuth = azimuth;
  leg.speed_kn = speed_kn;
  leg.status = status;
  const Motion end = position_on(leg, leg.end);
  legs_.push_back(leg);
  here_ = end.position;
  azimuth_ = end.course;
  time_ = leg.end;
}

Plan& Plan::sail_to(LatLon to, double speed_kn, std::uint8_t status) {
  double s12 = 0, azi1 = 0, azi2 = 0;
  wgs84().Inverse(here_.lat, here_.lon, to.lat, to.lon, s12, azi1, azi2);
  const double hours = s12 / (speed_kn * kMetresPerNm);
  // The leg ends at `to` itself (not at the rounded-time position).
  add(azi1, speed_kn, hours_ms(hours), status);
  here_ = to;
  azimuth_ = azi2;
  return *this;
}

Plan& Plan::go(double azimuth, double speed_kn, double hours, std::uint8_t status) {
  add(azimuth, speed_kn, hours_ms(hours), status);
  return *this;
}

Plan& Plan::stay(double hours, std::uint8_t status, double heading) {
  add(heading, 0, hours_ms(hours), status);
  return *this;
}

Plan& Plan::move_in(LatLon to, double hours, std::uint8_t status) {
  double s12 = 0, azi1 = 0, azi2 = 0;
  wgs84().Inverse(here_.lat, here_.lon, to.lat, to.lon, s12, azi1, azi2);
  const double speed = s12 / kMetresPerNm / hours;
  add(azi1, speed, hours_ms(hours), status);
  here_ = to;
  azimuth_ = azi2;
  return *this;
}

}  // namespace tidewatch::sim
