// SAR acquisition geometry (include/tidewatch/match/ais_match.h, docs/matching.md §2):
// readers of the Sentinel-1 annotation XML and SNAP's abstracted metadata, the
// incidence / slant range at a point, and the azimuth shift of moving ships.

#include <GeographicLib/Geodesic.hpp>
#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "tidewatch/match/ais_match.h"
#include "plane.h"

namespace tidewatch::match {
namespace {

constexpr double kLight = 299792458.0;  // m/s

double to_double(std::string_view s, const std::string& what) {
  const std::string t(s);
  char* end = nullptr;
  const double v = std::strtod(t.c_str(), &end);
  if (end == t.c_str() || !std::isfinite(v)) throw std::runtime_error("bad number for " + what + ": '" + t + "'");
  return v;
}

/// "2022-10-02T20:51:26.995649" (S1 annotation, UTC, no zone).
UnixMillis parse_iso(std::string_view s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
  double sec = 0;
  const std::string t(s);
  if (std::sscanf(t.c_str(), "%d-%d-%dT%d:%d:%lf", &y, &mo, &d, &h, &mi, &sec) != 6)
    throw std::runtime_error("bad time '" + t + "'");
  const auto base = utc_millis(y, mo, d, h, mi, 0);
  if (!base) throw std::runtime_error("bad time '" + t + "'");
  return *base + static_cast<UnixMillis>(std::llround(sec * 1000.0));
}

/// "02-SEP-2015 10:25:04.961000" (SNAP abstracted metadata, UTC).
UnixMillis parse_snap_time(std::string_view s) {
  static constexpr std::array<const char*, 12> kMonths = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                          "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  int d = 0, y = 0, h = 0, mi = 0;
  double sec = 0;
  char mon[4] = {0, 0, 0, 0};
  const std::string t(s);
  if (std::sscanf(t.c_str(), "%d-%3c-%d %d:%d:%lf", &d, mon, &y, &h, &mi, &sec) != 6)
    throw std::runtime_error("bad time '" + t + "'");
  int mo = 0;
  for (int i = 0; i < 12; ++i)
    if (std::string_view(mon, 3) == kMonths[static_cast<std::size_t>(i)]) mo = i + 1;
  const auto base = utc_millis(y, mo, d, h, mi, 0);
  if (!base) throw std::runtime_error("bad time '" + t + "'");
  return *base + static_cast<UnixMillis>(std::llround(sec * 1000.0));
}

struct StateVector {
  UnixMillis time = 0;
  std::array<double, 3> r{}, v{};
};

/// Speed, radius and ground heading at `t` from Earth-fixed state vectors
/// (linear interpolation between the two bracketing vectors).
void orbit_at(const std::vector<StateVector>& sv, UnixMillis t, SceneGeometry& g) {
  if (sv.empty()) throw std::runtime_error("no orbit state vectors");
  std::size_t i = 0;
  while (i + 1 < sv.size() && sv[i + 1].time <= t) ++i;
  const StateVector& a = sv[i];
  const StateVector& b = sv[std::min(i + 1, sv.size() - 1)];
  double f = b.time == a.time ? 0.0 : static_cast<double>(t - a.time) / static_cast<double>(b.time - a.time);
  f = std::clamp(f, 0.0, 1.0);
  std::array<double, 3> r{}, v{};
  for (int k = 0; k < 3; ++k) {
    const auto K = static_cast<std::size_t>(k);
    r[K] = a.r[K] + f * (b.r[K] - a.r[K]);
    v[K] = a.v[K] + f * (b.v[K] - a.v[K]);
  }
  g.satellite_speed_m_s = std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
  g.satellite_radius_m = std::sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
  // Local east/north at the sub-satellite point (geocentric; the heading differs
  // from the geodetic one by far less than a degree).
  const double lat = std::asin(r[2] / g.satellite_radius_m), lon = std::atan2(r[1], r[0]);
  const double east = -std::sin(lon) * v[0] + std::cos(lon) * v[1];
  const double north = -std::sin(lat) * std::cos(lon) * v[0] - std::sin(lat) * std::sin(lon) * v[1] +
                       std::cos(lat) * v[2];
  double h = std::atan2(east, north) / kDeg;
  if (h < 0) h += 360.0;
  g.platform_heading_deg = h;
}

/// Slant range from the incidence angle on a sphere of the local Earth radius
/// (law of sines in the triangle Earth centre - satellite - target).
double slant_from_incidence(double incidence_deg, double sat_radius_m, double lat) {
  const double a = 6378137.0, b = 6356752.314245;
  const double c = std::cos(lat * kDeg), s = std::sin(lat * kDeg);
  const double re = std::sqrt((std::pow(a * a * c, 2) + std::pow(b * b * s, 2)) /
                              (std::pow(a * c, 2) + std::pow(b * s, 2)));
  const double th = incidence_deg * kDeg;
  const double alpha = std::asin(std::clamp(re * std::sin(th) / sat_radius_m, -1.0, 1.0));
  const double gamma = th - alpha;
  return sat_radius_m * std::sin(gamma) / std::sin(th);
}

double line_distance(const std::array<double, 2>& p, const std::array<double, 2>& a,
                     const std::array<double, 2>& b) {
  const double dx = b[0] - a[0], dy = b[1] - a[1];
  const double len = std::hypot(dx, dy);
  if (len == 0) return std::hypot(p[0] - a[0], p[1] - a[1]);
  return std::fabs(dx * (p[1] - a[1]) - dy * (p[0] - a[0])) / len;
}

SceneGeometry read_s1_annotation(const pugi::xml_node& product, const std::filesystem::path& path) {
  SceneGeometry g;
  g.scene = path.stem().string();
  const auto head = product.child("adsHeader");
  g.start = parse_iso(head.child_value("startTime"));
  g.stop = parse_iso(head.child_value("stopTime"));
  g.right_looking = true;  // Sentinel-1 is right-looking
  std::vector<StateVector> sv;
  for (auto o : product.child("generalAnnotation").child("orbitList").children("orbit")) {
    StateVector s;
    s.time = parse_iso(o.child_value("time"));
    const char* axes[3] = {"x", "y", "z"};
    for (std::size_t k = 0; k < 3; ++k) {
      s.r[k] = to_double(o.child("position").child_value(axes[k]), "orbit position");
      s.v[k] = to_double(o.child("velocity").child_value(axes[k]), "orbit velocity");
    }
    sv.push_back(s);
  }
  std::sort(sv.begin(), sv.end(), [](const StateVector& a, const StateVector& b) { return a.time < b.time; });
  orbit_at(sv, g.start + (g.stop - g.start) / 2, g);
  struct Raw {
    long line = 0, pixel = 0;
    SceneGeometry::GridPoint p;
  };
  std::vector<Raw> raw;
  for (auto p : product.child("geolocationGrid").child("geolocationGridPointList").children("geolocationGridPoint")) {
    Raw r;
    r.line = std::atol(p.child_value("line"));
    r.pixel = std::atol(p.child_value("pixel"));
    r.p.lat = to_double(p.child_value("latitude"), "latitude");
    r.p.lon = to_double(p.child_value("longitude"), "longitude");
    r.p.incidence_deg = to_double(p.child_value("incidenceAngle"), "incidenceAngle");
    r.p.slant_range_m = to_double(p.child_value("slantRangeTime"), "slantRangeTime") * kLight / 2.0;
    raw.push_back(r);
  }
  if (raw.empty()) throw std::runtime_error(path.string() + ": no geolocation grid");
  long l0 = raw[0].line, l1 = raw[0].line, p0 = raw[0].pixel, p1 = raw[0].pixel;
  for (const auto& r : raw) {
    g.grid.push_back(r.p);
    l0 = std::min(l0, r.line), l1 = std::max(l1, r.line);
    p0 = std::min(p0, r.pixel), p1 = std::max(p1, r.pixel);
  }
  auto corner = [&](long line, long pixel) {
    for (const auto& r : raw)
      if (r.line == line && r.pixel == pixel) return r.p;
    throw std::runtime_error(path.string() + ": geolocation grid without corners");
  };
  const auto a = corner(l0, p0), b = corner(l0, p1), c = corner(l1, p1), d = corner(l1, p0);
  g.footprint = {{a.lat, a.lon}, {b.lat, b.lon}, {c.lat, c.lon}, {d.lat, d.lon}};
  g.near_incidence_deg = std::min(a.incidence_deg, b.incidence_deg);
  g.far_incidence_deg = std::max(a.incidence_deg, b.incidence_deg);
  g.near_slant_range_m = std::min(a.slant_range_m, b.slant_range_m);
  g.far_slant_range_m = std::max(a.slant_range_m, b.slant_range_m);
  return g;
}

SceneGeometry read_snap(const pugi::xml_node& meta, const std::filesystem::path& path) {
  const auto am = meta.child("Abstracted_Metadata");
  auto attr = [&](const char* name) -> std::string {
    for (auto a : am.children("attrib"))
      if (std::string_view(a.attribute("name").value()) == name) return a.attribute("value").value();
    throw std::runtime_error(path.string() + ": no " + name);
  };
  auto num = [&](const char* name) { return to_double(attr(name), name); };
  SceneGeometry g;
  g.scene = attr("PRODUCT");
  g.start = parse_snap_time(attr("first_line_time"));
  g.stop = parse_snap_time(attr("last_line_time"));
  std::string side = attr("antenna_pointing");
  for (auto& ch : side) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  g.right_looking = side != "left";
  std::vector<StateVector> sv;
  for (auto o : am.child("Orbit_State_Vectors").children()) {
    StateVector s;
    bool have_time = false;
    for (auto a : o.children("attrib")) {
      const std::string_view n = a.attribute("name").value();
      const char* v = a.attribute("value").value();
      if (n == "time") s.time = parse_snap_time(v), have_time = true;
      else if (n == "x_pos") s.r[0] = to_double(v, "x_pos");
      else if (n == "y_pos") s.r[1] = to_double(v, "y_pos");
      else if (n == "z_pos") s.r[2] = to_double(v, "z_pos");
      else if (n == "x_vel") s.v[0] = to_double(v, "x_vel");
      else if (n == "y_vel") s.v[1] = to_double(v, "y_vel");
      else if (n == "z_vel") s.v[2] = to_double(v, "z_vel");
    }
    if (have_time) sv.push_back(s);
  }
  std::sort(sv.begin(), sv.end(), [](const StateVector& a, const StateVector& b) { return a.time < b.time; });
  orbit_at(sv, g.start + (g.stop - g.start) / 2, g);
  g.near_incidence_deg = num("incidence_near");
  g.far_incidence_deg = num("incidence_far");
  const double fn_lat = num("first_near_lat"), fn_lon = num("first_near_long");
  const double ff_lat = num("first_far_lat"), ff_lon = num("first_far_long");
  const double lf_lat = num("last_far_lat"), lf_lon = num("last_far_long");
  const double ln_lat = num("last_near_lat"), ln_lon = num("last_near_long");
  g.footprint = {{fn_lat, fn_lon}, {ff_lat, ff_lon}, {lf_lat, lf_lon}, {ln_lat, ln_lon}};
  const double mid_lat = (fn_lat + lf_lat) / 2;
  g.near_slant_range_m = slant_from_incidence(g.near_incidence_deg, g.satellite_radius_m, mid_lat);
  g.far_slant_range_m = slant_from_incidence(g.far_incidence_deg, g.satellite_radius_m, mid_lat);
  auto gp = [&](double lat, double lon, bool near) {
    SceneGeometry::GridPoint p;
    p.lat = lat, p.lon = lon;
    p.incidence_deg = near ? g.near_incidence_deg : g.far_incidence_deg;
    p.slant_range_m = slant_from_incidence(p.incidence_deg, g.satellite_radius_m, lat);
    return p;
  };
  g.grid = {gp(fn_lat, fn_lon, true), gp(ff_lat, ff_lon, false), gp(lf_lat, lf_lon, false),
            gp(ln_lat, ln_lon, true)};
  return g;
}

}  // namespace

SceneGeometry read_scene_geometry(const std::filesystem::path& path) {
  pugi::xml_document doc;
  const auto res = doc.load_file(path.c_str());
  if (!res) throw std::runtime_error("cannot read scene geometry " + path.string() + ": " + res.description());
  try {
    if (auto product = doc.child("product"); product) return read_s1_annotation(product, path);
    if (auto meta = doc.child("Metadata"); meta && meta.child("Abstracted_Metadata"))
      return read_snap(meta, path);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(path.string() + ": " + e.what());
  }
  throw std::runtime_error(path.string() +
                           ": not a Sentinel-1 annotation (<product>) or SNAP metadata (<Metadata>)");
}

SceneGeometry::Local SceneGeometry::at(double lat, double lon) const {
  Local out;
  if (grid.empty()) return out;
  const Plane pl(lat, lon);
  if (grid.size() >= 6) {
    // Inverse-distance weighting (power 2) of the 4 nearest grid points.
    std::vector<std::pair<double, std::size_t>> d;
    d.reserve(grid.size());
    for (std::size_t i = 0; i < grid.size(); ++i) {
      const auto p = pl.xy(grid[i].lat, grid[i].lon);
      d.emplace_back(std::hypot(p[0], p[1]), i);
    }
    const std::size_t k = std::min<std::size_t>(4, d.size());
    std::partial_sort(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(k), d.end());
    if (d[0].first < 1.0) return Local{grid[d[0].second].incidence_deg, grid[d[0].second].slant_range_m};
    double w = 0, inc = 0, r = 0;
    for (std::size_t i = 0; i < k; ++i) {
      const double wi = 1.0 / (d[i].first * d[i].first);
      w += wi;
      inc += wi * grid[d[i].second].incidence_deg;
      r += wi * grid[d[i].second].slant_range_m;
    }
    return Local{inc / w, r / w};
  }
  // Corners: the two with the smaller incidence form the near edge.
  std::vector<std::size_t> idx(grid.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::sort(idx.begin(), idx.end(), [this](std::size_t a, std::size_t b) {
    if (grid[a].incidence_deg != grid[b].incidence_deg) return grid[a].incidence_deg < grid[b].incidence_deg;
    return a < b;
  });
  if (grid.size() < 4) return Local{grid[idx[0]].incidence_deg, grid[idx[0]].slant_range_m};
  const std::array<double, 2> p{0, 0};
  const double dn = line_distance(p, pl.xy(grid[idx[0]].lat, grid[idx[0]].lon), pl.xy(grid[idx[1]].lat, grid[idx[1]].lon));
  const double df = line_distance(p, pl.xy(grid[idx[2]].lat, grid[idx[2]].lon), pl.xy(grid[idx[3]].lat, grid[idx[3]].lon));
  const double f = dn + df > 0 ? dn / (dn + df) : 0.0;
  out.incidence_deg = near_incidence_deg + f * (far_incidence_deg - near_incidence_deg);
  out.slant_range_m = satellite_radius_m > 0 ? slant_from_incidence(out.incidence_deg, satellite_radius_m, lat)
                                             : near_slant_range_m + f * (far_slant_range_m - near_slant_range_m);
  return out;
}

double SceneGeometry::azimuth_shift_m(double lat, double lon, double sog_kn, double cog_deg) const {
  if (!(sog_kn > 0) || std::isnan(cog_deg) || !(satellite_speed_m_s > 0)) return 0.0;
  const Local l = at(lat, lon);
  if (!(l.slant_range_m > 0)) return 0.0;
  // Ground-range velocity (away from the radar): the look direction is the
  // heading + 90 deg (right) or - 90 deg (left).
  const double away = sog_kn * kKnot * std::sin((cog_deg - platform_heading_deg) * kDeg) * (right_looking ? 1.0 : -1.0);
  const double v_r = away * std::sin(l.incidence_deg * kDeg);
  return -(l.slant_range_m / satellite_speed_m_s) * v_r;
}

std::pair<double, double> move_along(double lat, double lon, double azimuth_deg, double metres) {
  double lat2 = lat, lon2 = lon;
  if (metres != 0) GeographicLib::Geodesic::WGS84().Direct(lat, lon, azimuth_deg, metres, lat2, lon2);
  return {lat2, lon2};
}

double distance_m(double lat1, double lon1, double lat2, double lon2) {
  double s = 0;
  GeographicLib::Geodesic::WGS84().Inverse(lat1, lon1, lat2, lon2, s);
  return s;
}

}  // namespace tidewatch::match
