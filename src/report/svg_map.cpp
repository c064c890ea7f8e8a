// The dossier's map and timeline as inline SVG (docs/dossier.md).
//
// Map: a local equirectangular projection (x = lon * cos(mid latitude),
// y = lat) of the bounding box of the track and the events plus a margin;
// land from GSHHG through geo::LandMask::level_grid on 2-pixel cells, written
// as one path of run-length rectangles per row; the run's segments as paths
// (points closer than min_point_spacing_px to the last drawn one skipped);
// gaps dashed from their last to their next position; a marker per event
// with its number; legend; scale bar in nautical miles.  Every number goes
// through std::to_chars with fixed decimals, so the SVG is reproducible.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "tidewatch/geo/land_mask.h"
#include "tidewatch/report/dossier.h"
#include "tidewatch/report/text.h"

namespace tidewatch::report {

namespace {

constexpr double kPi = 3.14159265358979323846;

std::string f1(double v) {
  std::string s;
  put_fixed(s, v, 1);
  return s;
}

struct Style {
  const char* type;
  const char* label;
  const char* color;
  const char* shape;  // circle, square, diamond, triangle, cross, ring, hsquare, star
};

constexpr std::array<Style, 11> kStyles{{
    {"gap", "gap (dashed: last to next position)", "#c0392b", "ring"},
    {"possible_port_visit", "possible port visit (port)", "#8e44ad", "hsquare"},
    {"port_visit", "port visit", "#1f5fbf", "square"},
    {"encounter", "encounter", "#e67e22", "diamond"},
    {"loitering", "loitering", "#8d6e63", "triangle"},
    {"position_jump", "position jump", "#d81b60", "cross"},
    {"identity_change", "identity change", "#2e7d32", "circle"},
    {"draught_change", "draught change", "#00897b", "circle"},
    {"shared_mmsi", "shared MMSI", "#000000", "star"},
    {"position_on_land", "position on land", "#6d4c41", "cross"},
    {"watchlist_match", "sanctions match", "#b71c1c", "star"},
}};

const Style& style_of(const std::string& type) {
  static const Style other{"other", "other event", "#455a64", "circle"};
  for (const Style& s : kStyles)
    if (type == s.type) return s;
  return other;
}

/// An SVG marker of `st`'s shape centred at (x, y).
std::string marker(const Style& st, double x, double y, double r = 5) {
  const std::string c = st.color;
  const std::string shape = st.shape;
  std::string s;
  if (shape == "circle") {
    s = "<circle cx=\"" + f1(x) + "\" cy=\"" + f1(y) + "\" r=\"" + f1(r) + "\" fill=\"" + c + "\" stroke=\"#fff\" stroke-width=\"1\"/>";
  } else if (shape == "ring") {
    s = "<circle cx=\"" + f1(x) + "\" cy=\"" + f1(y) + "\" r=\"" + f1(r) + "\" fill=\"#fff\" stroke=\"" + c + "\" stroke-width=\"2.5\"/>";
  } else if (shape == "square" || shape == "hsquare") {
    s = "<rect x=\"" + f1(x - r) + "\" y=\"" + f1(y - r) + "\" width=\"" + f1(2 * r) + "\" height=\"" + f1(2 * r) + "\" " +
        (shape == "square" ? "fill=\"" + c + "\" stroke=\"#fff\"" : "fill=\"none\" stroke=\"" + c + "\" stroke-width=\"2\"") + "/>";
  } else if (shape == "diamond") {
    s = "<path d=\"M" + f1(x) + " " + f1(y - r - 1) + "L" + f1(x + r + 1) + " " + f1(y) + "L" + f1(x) + " " + f1(y + r + 1) +
        "L" + f1(x - r - 1) + " " + f1(y) + "Z\" fill=\"" + c + "\" stroke=\"#fff\"/>";
  } else if (shape == "triangle") {
    s = "<path d=\"M" + f1(x) + " " + f1(y - r - 1) + "L" + f1(x + r + 1) + " " + f1(y + r) + "L" + f1(x - r - 1) + " " +
        f1(y + r) + "Z\" fill=\"" + c + "\" stroke=\"#fff\"/>";
  } else if (shape == "cross") {
    s = "<path d=\"M" + f1(x - r) + " " + f1(y - r) + "L" + f1(x + r) + " " + f1(y + r) + "M" + f1(x - r) + " " + f1(y + r) +
        "L" + f1(x + r) + " " + f1(y - r) + "\" stroke=\"" + c + "\" stroke-width=\"2.5\"/>";
  } else {  // star
    std::string d;
    for (int k = 0; k < 10; ++k) {
      const double a = -kPi / 2 + k * kPi / 5;
      const double rr = (k % 2 == 0) ? r + 2 : (r + 2) * 0.45;
      d += (k == 0 ? "M" : "L") + f1(x + rr * std::cos(a)) + " " + f1(y + rr * std::sin(a));
    }
    s = "<path d=\"" + d + "Z\" fill=\"" + c + "\" stroke=\"#fff\"/>";
  }
  return s;
}

double nice_step(double raw, const std::vector<double>& steps) {
  for (double s : steps)
    if (s >= raw) return s;
  return steps.back();
}

}  // namespace

std::string render_map_svg(const Dossier& d, const DossierOptions& opt, std::string* note) {
  // Bounding box of positions and event places.
  std::vector<std::pair<double, double>> pts;  // lat, lon
  for (const DossierPoint& p : d.track) pts.emplace_back(p.lat, p.lon);
  for (const DossierEvent& e : d.events) {
    if (e.type == "watchlist_match") continue;
    pts.emplace_back(e.lat, e.lon);
    if (e.end_lat && e.end_lon) pts.emplace_back(*e.end_lat, *e.end_lon);
  }
  const int W = std::max(opt.map_width, 200);
  if (pts.empty()) {
    if (note) *note = "No positions or event places: nothing to map.";
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"map-svg\" width=\"" + std::to_string(W) +
           "\" height=\"60\" viewBox=\"0 0 " + std::to_string(W) +
           " 60\"><text x=\"10\" y=\"35\" font-size=\"14\">No positions</text></svg>\n";
  }
  // Longitudes: the shorter of the [-180,180) and [0,360) spans (antimeridian).
  double w1 = 1e9, e1 = -1e9, w2 = 1e9, e2 = -1e9, s = 1e9, n = -1e9;
  for (const auto& [la, lo] : pts) {
    s = std::min(s, la);
    n = std::max(n, la);
    w1 = std::min(w1, lo);
    e1 = std::max(e1, lo);
    const double l2 = lo < 0 ? lo + 360 : lo;
    w2 = std::min(w2, l2);
    e2 = std::max(e2, l2);
  }
  const bool shifted = (e2 - w2) < (e1 - w1) - 1e-9;
  double west = shifted ? w2 : w1, east = shifted ? e2 : e1;
  auto lon_of = [shifted](double lo) { return shifted && lo < 0 ? lo + 360 : lo; };

  // Margin and minimum size, then the aspect ratio.
  double dlat = n - s, dlon = east - west;
  const double pad_lat = std::max(dlat * 0.08, 0.05), pad_lon = std::max(dlon * 0.08, 0.05);
  s -= pad_lat;
  n += pad_lat;
  west -= pad_lon;
  east += pad_lon;
  s = std::max(s, -85.0);
  n = std::min(n, 85.0);
  const double kx = std::cos((s + n) / 2 * kPi / 180);
  dlat = n - s;
  dlon = east - west;
  // Height between 0.4 and 0.9 of the width: widen the narrower dimension.
  if (dlat / (dlon * kx) > 0.9) {
    const double want = dlat / 0.9 / kx, c = (west + east) / 2;
    west = c - want / 2;
    east = c + want / 2;
  } else if (dlat / (dlon * kx) < 0.4) {
    const double want = dlon * kx * 0.4, c = (s + n) / 2;
    s = std::max(c - want / 2, -85.0);
    n = std::min(c + want / 2, 85.0);
  }
  dlat = n - s;
  dlon = east - west;
  int H = static_cast<int>(std::lround(W * dlat / (dlon * kx)));
  H += H % 2;
  const double sx = W / dlon, sy = H / dlat;
  auto X = [west, sx](double lo) { return (lo - west) * sx; };
  auto Y = [n, sy](double la) { return (n - la) * sy; };

  std::string o;
  o.reserve(1 << 18);
  o += "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"map-svg\" width=\"" + std::to_string(W) + "\" height=\"" +
       std::to_string(H) + "\" viewBox=\"0 0 " + std::to_string(W) + " " + std::to_string(H) +
       "\" font-family=\"DejaVu Sans,Arial,sans-serif\" font-size=\"11\">\n";
  o += "<rect id=\"map-water\" x=\"0\" y=\"0\" width=\"" + std::to_string(W) + "\" height=\"" + std::to_string(H) +
       "\" fill=\"#dcebf5\"/>\n";

  // Land: GSHHG levels on 2-pixel cells, run-length per row.
  std::string coast_note;
  if (opt.coastline) {
    const double span = std::max(dlat, dlon * kx);
    char res = opt.shoreline;
    if (res == 0) res = span > 60 ? 'c' : span > 20 ? 'l' : span > 5 ? 'i' : 'h';
    if (!geo::LandMask::available()) {
      coast_note = "no coastline: tidewatch was built without libnetcdf";
    } else {
      try {
        auto mask = geo::LandMask::open(res, opt.gshhg_dir);
        const int cols = W / 2, rows = H / 2;
        const double step_lon = dlon / cols, step_lat = dlat / rows;
        // Row 0 is the southernmost row of cell centres.
        const auto grid = mask->level_grid(s + step_lat / 2, west + step_lon / 2, step_lat, step_lon, rows, cols);
        std::string path;
        std::size_t land_cells = 0;
        if (grid.size() == static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols)) {
          for (int i = 0; i < rows; ++i) {
            const int y = rows - 1 - i;  // cell row from the top
            int j = 0;
            while (j < cols) {
              if (!geo::is_land_level(grid[static_cast<std::size_t>(i) * static_cast<std::size_t>(cols) + static_cast<std::size_t>(j)])) {
                ++j;
                continue;
              }
              const int j0 = j;
              while (j < cols && geo::is_land_level(grid[static_cast<std::size_t>(i) * static_cast<std::size_t>(cols) + static_cast<std::size_t>(j)])) ++j;
              land_cells += static_cast<std::size_t>(j - j0);
              path += "M" + std::to_string(j0) + " " + std::to_string(y) + "h" + std::to_string(j - j0) + "v1h-" +
                      std::to_string(j - j0) + "z";
            }
          }
        }
        o += "<g id=\"coastline\" data-gshhg=\"";
        o.push_back(res);
        o += "\" transform=\"scale(2)\"><path d=\"" + path +
             "\" fill=\"#e9e4d4\" stroke=\"none\" shape-rendering=\"crispEdges\"/></g>\n";
        coast_note = std::string("land from GSHHG ") + mask->version() + " resolution '" + res + "' on " +
                     std::to_string(cols) + " x " + std::to_string(rows) + " cells of 2 px (" +
                     std::to_string(land_cells) + " land cells)";
      } catch (const std::exception& ex) {
        coast_note = std::string("no coastline: ") + ex.what();
      }
    }
  } else {
    coast_note = "coastline not drawn (option)";
  }

  // Graticule.
  {
    const std::vector<double> steps{0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 20, 30, 45, 90};
    const double gs = nice_step(std::max(dlat, dlon) / 6, steps);
    const int dec = gs < 0.1 ? 2 : gs < 1 ? (gs == 0.25 ? 2 : 1) : 0;
    o += "<g id=\"graticule\" stroke=\"#9fb3c4\" stroke-width=\"0.5\" fill=\"#47607a\">\n";
    for (double la = std::ceil(s / gs) * gs; la <= n; la += gs) {
      const double y = Y(la);
      o += "<line x1=\"0\" y1=\"" + f1(y) + "\" x2=\"" + std::to_string(W) + "\" y2=\"" + f1(y) + "\"/>";
      std::string t;
      put_fixed(t, std::fabs(la), dec);
      o += "<text x=\"3\" y=\"" + f1(y - 2) + "\" stroke=\"none\">" + t + (la >= 0 ? "N" : "S") + "</text>\n";
    }
    for (double lo = std::ceil(west / gs) * gs; lo <= east; lo += gs) {
      const double x = X(lo);
      double l = lo > 180 ? lo - 360 : lo;
      o += "<line x1=\"" + f1(x) + "\" y1=\"0\" x2=\"" + f1(x) + "\" y2=\"" + std::to_string(H) + "\"/>";
      std::string t;
      put_fixed(t, std::fabs(l), dec);
      o += "<text x=\"" + f1(x + 2) + "\" y=\"" + std::to_string(H - 4) + "\" stroke=\"none\">" + t + (l >= 0 ? "E" : "W") +
           "</text>\n";
    }
    o += "</g>\n";
  }

  // Track segments.
  std::size_t drawn = 0;
  const double min_sp = opt.min_point_spacing_px;
  std::map<int, std::vector<const DossierPoint*>> by_seg;
  for (const DossierPoint& p : d.track) by_seg[p.segment].push_back(&p);
  const bool no_segments = d.segments.empty();
  o += "<g id=\"track\" fill=\"none\" stroke-linejoin=\"round\" stroke-linecap=\"round\">\n";
  for (const auto& kv : by_seg) {
    const std::vector<const DossierPoint*>& v = kv.second;
    if (kv.first < 0 && !no_segments) continue;  // noise: dots below
    std::string dpath;
    double lx = 0, ly = 0;
    UnixMillis lt = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
      const double x = X(lon_of(v[i]->lon)), y = Y(v[i]->lat);
      // Without segments, split where positions are more than 1 h apart.
      const bool brk = i == 0 || (no_segments && v[i]->t - lt > 3600000);
      const bool last = i + 1 == v.size();
      if (!brk && !last && std::hypot(x - lx, y - ly) < min_sp) continue;
      dpath += (brk ? "M" : "L") + f1(x) + " " + f1(y);
      lx = x;
      ly = y;
      lt = v[i]->t;
      ++drawn;
    }
    std::string sid = kv.first >= 0 ? d.segments[static_cast<std::size_t>(kv.first)].id : "track";
    std::string sid_esc;
    append_html_escaped(sid_esc, sid);
    o += "<path class=\"track-path\" data-segment=\"" + sid_esc + "\" d=\"" + dpath +
         "\" stroke=\"#0b3d91\" stroke-width=\"1.6\"/>\n";
  }
  o += "</g>\n";
  if (!no_segments && by_seg.count(-1)) {
    o += "<g id=\"noise\" fill=\"#7f8c8d\">";
    for (const DossierPoint* p : by_seg[-1])
      o += "<circle cx=\"" + f1(X(lon_of(p->lon))) + "\" cy=\"" + f1(Y(p->lat)) + "\" r=\"1.5\"/>";
    o += "</g>\n";
  }

  // Start and end of the track.
  if (!d.track.empty()) {
    const DossierPoint& a = d.track.front();
    const DossierPoint& b = d.track.back();
    o += "<g id=\"ends\"><circle cx=\"" + f1(X(lon_of(a.lon))) + "\" cy=\"" + f1(Y(a.lat)) +
         "\" r=\"4\" fill=\"#2ecc71\" stroke=\"#0b3d91\"/><rect x=\"" + f1(X(lon_of(b.lon)) - 4) + "\" y=\"" +
         f1(Y(b.lat) - 4) + "\" width=\"8\" height=\"8\" fill=\"#0b3d91\"/></g>\n";
  }

  // Gaps, dashed.
  o += "<g id=\"gaps\">\n";
  for (const DossierEvent& e : d.events) {
    if (e.type != "gap" || !e.end_lat || !e.end_lon) continue;
    o += "<line class=\"gap\" x1=\"" + f1(X(lon_of(e.lon))) + "\" y1=\"" + f1(Y(e.lat)) + "\" x2=\"" +
         f1(X(lon_of(*e.end_lon))) + "\" y2=\"" + f1(Y(*e.end_lat)) +
         "\" stroke=\"#c0392b\" stroke-width=\"2\" stroke-dasharray=\"7 5\"/>\n";
  }
  o += "</g>\n";

  // Event markers with numbers; events at one place share a label.
  std::set<std::string> present;
  std::map<std::pair<long, long>, std::string> labels;
  o += "<g id=\"events\">\n";
  for (std::size_t i = 0; i < d.events.size(); ++i) {
    const DossierEvent& e = d.events[i];
    if (e.type == "watchlist_match") continue;
    const Style& st = style_of(e.type);
    present.insert(st.type);
    const double x = X(lon_of(e.lon)), y = Y(e.lat);
    o += "<g class=\"event-marker\" data-type=\"" + std::string(st.type) + "\" data-event=\"" + std::to_string(i + 1) + "\">" +
         marker(st, x, y);
    if (e.type == "gap" && e.end_lat && e.end_lon) o += marker(st, X(lon_of(*e.end_lon)), Y(*e.end_lat), 4);
    o += "</g>\n";
    auto& l = labels[{std::lround(x / 6), std::lround(y / 6)}];
    if (l.size() < 24) l += (l.empty() ? "" : ",") + std::to_string(i + 1);
  }
  for (const auto& kv : labels) {
    const double x = static_cast<double>(kv.first.first) * 6, y = static_cast<double>(kv.first.second) * 6;
    o += "<text x=\"" + f1(x + 8) + "\" y=\"" + f1(y - 6) +
         "\" font-size=\"11\" font-weight=\"bold\" fill=\"#1b2430\" stroke=\"#fff\" stroke-width=\"3\" "
         "paint-order=\"stroke\">" +
         kv.second + "</text>\n";
  }
  o += "</g>\n";

  // Legend: a band under the map, three columns.
  std::string legend;
  int legend_h = 0;
  {
    std::vector<std::pair<std::string, std::string>> items;  // svg symbol, label
    items.emplace_back("<path d=\"M0 0h22\" stroke=\"#0b3d91\" stroke-width=\"2\"/>", "track (the run's segments)");
    items.emplace_back("<circle cx=\"11\" cy=\"0\" r=\"4\" fill=\"#2ecc71\" stroke=\"#0b3d91\"/>", "first position");
    items.emplace_back("<rect x=\"7\" y=\"-4\" width=\"8\" height=\"8\" fill=\"#0b3d91\"/>", "last position");
    for (const Style& st : kStyles)
      if (present.count(st.type)) {
        std::string sym = marker(st, 11, 0, 4.5);
        if (std::string(st.type) == "gap")
          sym = "<path d=\"M0 0h22\" stroke=\"#c0392b\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>" + sym;
        items.emplace_back(sym, st.label);
      }
    if (present.count("other")) items.emplace_back(marker(style_of("other"), 11, 0, 4.5), "other event");
    if (opt.coastline) items.emplace_back("<rect x=\"4\" y=\"-5\" width=\"14\" height=\"10\" fill=\"#e9e4d4\" stroke=\"#999\"/>", "land (GSHHG)");
    const int lh = 18, cols = 3, colw = W / cols;
    const int nrows = (static_cast<int>(items.size()) + cols - 1) / cols;
    legend_h = nrows * lh + 10;
    legend += "<g id=\"legend\" transform=\"translate(0 " + std::to_string(H) + ")\"><rect x=\"0\" y=\"0\" width=\"" +
              std::to_string(W) + "\" height=\"" + std::to_string(legend_h) + "\" fill=\"#ffffff\" stroke=\"#888\"/>\n";
    for (std::size_t i = 0; i < items.size(); ++i) {
      const int r = static_cast<int>(i) / cols, c = static_cast<int>(i) % cols;
      legend += "<g transform=\"translate(" + std::to_string(8 + c * colw) + " " + std::to_string(14 + r * lh) + ")\">" +
                items[i].first + "<text x=\"30\" y=\"4\">" + items[i].second + "</text></g>\n";
    }
    legend += "</g>\n";
  }

  // Scale bar in nautical miles (at the map's mid latitude).
  {
    const double nm_per_px = dlon * kx * 60.0 / W;
    const std::vector<double> steps{0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000};
    const double len_nm = nice_step(nm_per_px * W / 5, steps);
    const double px = len_nm / nm_per_px;
    std::string t;
    put_fixed(t, len_nm, len_nm < 1 ? 1 : 0);
    const double y0 = H - 22;
    o += "<g id=\"scale-bar\"><rect x=\"10\" y=\"" + f1(y0 - 14) + "\" width=\"" + f1(px + 60) +
         "\" height=\"22\" fill=\"#fff\" fill-opacity=\"0.85\"/><path d=\"M16 " + f1(y0) + "v-5M16 " + f1(y0) + "h" +
         f1(px) + "v-5\" stroke=\"#000\" stroke-width=\"1.5\" fill=\"none\"/><text x=\"" + f1(20 + px) + "\" y=\"" +
         f1(y0) + "\">" + t + " nm</text></g>\n";
  }
  o += legend;
  o += "</svg>\n";
  // The height includes the legend band.
  {
    const std::string from = "height=\"" + std::to_string(H) + "\" viewBox=\"0 0 " + std::to_string(W) + " " + std::to_string(H) + "\"";
    const std::string to = "height=\"" + std::to_string(H + legend_h) + "\" viewBox=\"0 0 " + std::to_string(W) + " " +
                           std::to_string(H + legend_h) + "\"";
    const auto p = o.find(from);
    if (p != std::string::npos) o.replace(p, from.size(), to);
  }

  if (note) {
    std::string b;
    b += "Equirectangular projection scaled by cos(latitude) at ";
    put_fixed(b, (s + n) / 2, 2);
    b += "\xC2\xB0; box ";
    put_fixed(b, s, 3);
    b += " to ";
    put_fixed(b, n, 3);
    b += " N, ";
    put_fixed(b, west > 180 ? west - 360 : west, 3);
    b += " to ";
    put_fixed(b, east > 180 ? east - 360 : east, 3);
    b += " E; " + coast_note + "; " + std::to_string(drawn) + " of " + std::to_string(d.track.size()) +
         " positions drawn (points within ";
    put_fixed(b, min_sp, 2);
    b += " px of the previous one skipped).";
    *note = b;
  }
  return o;
}

// ---- timeline --------------------------------------------------------------------

std::string render_timeline_svg(const Dossier& d, const DossierOptions& opt) {
  const int W = std::max(opt.timeline_width, 300);
  UnixMillis t0 = 0, t1 = 0;
  bool any = false;
  auto take = [&t0, &t1, &any](UnixMillis a, UnixMillis b) {
    if (!any) {
      t0 = a;
      t1 = b;
      any = true;
    }
    t0 = std::min(t0, a);
    t1 = std::max(t1, b);
  };
  for (const DossierPoint& p : d.track) take(p.t, p.t);
  for (const DossierEvent& e : d.events) take(e.start, e.end);
  for (const TrackSegment& sg : d.segments) take(sg.start, sg.end);
  if (!any)
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"timeline-svg\" width=\"" + std::to_string(W) +
           "\" height=\"40\" viewBox=\"0 0 " + std::to_string(W) + " 40\"><text x=\"10\" y=\"25\">No times</text></svg>\n";
  if (t1 - t0 < 3600000) {
    t0 -= 1800000;
    t1 += 1800000;
  }
  const UnixMillis pad = (t1 - t0) / 50;
  t0 -= pad;
  t1 += pad;
  const int left = 170, right = 40;
  const double pw = W - left - right;
  auto X = [t0, t1, pw](UnixMillis t) {
    return left + pw * static_cast<double>(t - t0) / static_cast<double>(t1 - t0);
  };

  struct Lane {
    std::string label;
    std::string body;
  };
  std::vector<Lane> lanes;
  const int lane_h = 20;

  // Positions received, per MMSI: 2-pixel bins, run-length.
  for (std::uint32_t m : d.mmsis) {
    const int bins = static_cast<int>(pw / 2);
    std::vector<char> occ(static_cast<std::size_t>(bins), 0);
    for (const DossierPoint& p : d.track) {
      if (p.mmsi != m) continue;
      int b = static_cast<int>((X(p.t) - left) / 2);
      b = std::clamp(b, 0, bins - 1);
      occ[static_cast<std::size_t>(b)] = 1;
    }
    std::string body;
    for (int b = 0; b < bins;) {
      if (!occ[static_cast<std::size_t>(b)]) {
        ++b;
        continue;
      }
      const int b0 = b;
      while (b < bins && occ[static_cast<std::size_t>(b)]) ++b;
      body += "<rect x=\"" + std::to_string(left + 2 * b0) + "\" y=\"4\" width=\"" + std::to_string(2 * (b - b0)) +
              "\" height=\"12\" fill=\"#0b3d91\"/>";
    }
    lanes.push_back({"positions " + std::to_string(m), "<g class=\"presence\">" + body + "</g>"});
  }
  // Segments: one lane each (at most 8; the rest share the last lane).
  {
    std::vector<std::string> seg_lanes;
    for (std::size_t i = 0; i < d.segments.size(); ++i) {
      const TrackSegment& sg = d.segments[i];
      const std::size_t lane = std::min<std::size_t>(i, 7);
      if (seg_lanes.size() <= lane) seg_lanes.emplace_back();
      const double x0 = X(sg.start), x1 = std::max(X(sg.end), x0 + 2);
      std::string id;
      append_html_escaped(id, sg.id);
      seg_lanes[lane] += "<rect class=\"segment\" data-segment=\"" + id + "\" x=\"" + f1(x0) + "\" y=\"5\" width=\"" +
                         f1(x1 - x0) + "\" height=\"10\" fill=\"#5d8fd6\"/>";
    }
    for (std::size_t i = 0; i < seg_lanes.size(); ++i) {
      std::string label = i < 7 || d.segments.size() <= 8 ? "segment " + d.segments[i].id : "other segments";
      std::string le;
      append_html_escaped(le, label);
      lanes.push_back({le, seg_lanes[i]});
    }
  }
  // Events by type, in the legend's order.
  std::vector<std::string> types;
  for (const Style& st : kStyles)
    for (const DossierEvent& e : d.events)
      if (e.type == st.type) {
        types.emplace_back(st.type);
        break;
      }
  for (const DossierEvent& e : d.events)
    if (std::find(types.begin(), types.end(), e.type) == types.end()) types.push_back(e.type);
  for (const std::string& type : types) {
    const Style& st = style_of(type);
    std::string body;
    for (std::size_t i = 0; i < d.events.size(); ++i) {
      const DossierEvent& e = d.events[i];
      if (e.type != type) continue;
      const double x0 = X(e.start), x1 = X(e.end);
      if (e.end - e.start <= 0 || x1 - x0 < 3) {
        body += marker(st, x0, 10, 4.5);
      } else {
        body += "<rect class=\"event-bar\" data-event=\"" + std::to_string(i + 1) + "\" x=\"" + f1(x0) +
                "\" y=\"4\" width=\"" + f1(x1 - x0) + "\" height=\"12\" fill=\"" + st.color + "\" fill-opacity=\"" +
                (type == "gap" ? "0.25" : "0.75") + "\"" +
                (type == "gap" ? std::string(" stroke=\"") + st.color + "\" stroke-dasharray=\"5 3\"" : std::string()) +
                "/>";
      }
    }
    std::string le;
    append_html_escaped(le, type);
    lanes.push_back({le, body});
  }

  const int top = 8, axis_h = 34;
  const int H = top + static_cast<int>(lanes.size()) * lane_h + axis_h;
  std::string o;
  o += "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"timeline-svg\" width=\"" + std::to_string(W) + "\" height=\"" +
       std::to_string(H) + "\" viewBox=\"0 0 " + std::to_string(W) + " " + std::to_string(H) +
       "\" font-family=\"DejaVu Sans,Arial,sans-serif\" font-size=\"11\">\n";
  o += "<rect x=\"0\" y=\"0\" width=\"" + std::to_string(W) + "\" height=\"" + std::to_string(H) + "\" fill=\"#fff\"/>\n";
  // Time grid and axis.
  const std::vector<double> steps_h{0.25, 0.5, 1, 2, 3, 6, 12, 24, 48, 96, 168, 336, 720, 1440, 2880, 8760};
  const double span_h = static_cast<double>(t1 - t0) / 3.6e6;
  const double step_h = nice_step(span_h / 8, steps_h);
  const auto step_ms = static_cast<UnixMillis>(std::llround(step_h * 3.6e6));
  const UnixMillis first = (t0 / step_ms + (t0 % step_ms > 0 ? 1 : 0)) * step_ms;
  const int axis_y = top + static_cast<int>(lanes.size()) * lane_h;
  o += "<g id=\"time-axis\" fill=\"#333\">\n";
  for (UnixMillis t = first; t <= t1; t += step_ms) {
    const double x = X(t);
    const std::string iso = iso_seconds(t);  // YYYY-MM-DDTHH:MM:SSZ
    const std::string lab = step_h >= 24 ? iso.substr(0, 10) : iso.substr(5, 5) + " " + iso.substr(11, 5);
    o += "<line x1=\"" + f1(x) + "\" y1=\"" + std::to_string(top) + "\" x2=\"" + f1(x) + "\" y2=\"" +
         std::to_string(axis_y + 4) + "\" stroke=\"#d5dbe2\"/><text x=\"" + f1(x) + "\" y=\"" +
         std::to_string(axis_y + 16) + "\" text-anchor=\"middle\">" + lab + "</text>\n";
  }
  o += "<line x1=\"" + std::to_string(left) + "\" y1=\"" + std::to_string(axis_y) + "\" x2=\"" +
       std::to_string(W - right) + "\" y2=\"" + std::to_string(axis_y) + "\" stroke=\"#333\"/>\n</g>\n";
  for (std::size_t i = 0; i < lanes.size(); ++i) {
    const int y = top + static_cast<int>(i) * lane_h;
    o += "<g class=\"lane\" transform=\"translate(0 " + std::to_string(y) + ")\"><text x=\"4\" y=\"14\">" +
         lanes[i].label + "</text>" + lanes[i].body + "</g>\n";
  }
  o += "</svg>\n";
  return o;
}

}  // namespace tidewatch::report
