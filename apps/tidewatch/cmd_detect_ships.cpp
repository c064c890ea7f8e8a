// tidewatch detect-ships IMAGE [--out FILE] [--time ISO] [--scene ID] [--config FILE]
//                        [--land-mask c|l|i|h|f|off] [--band N] [--pixel-size M] [-q]
//
// Ships in a SAR image (Sentinel-1 GRD GeoTIFF, GCP-georeferenced TIFF, any
// GDAL raster): land mask, two-parameter CFAR, clustering and discrimination
// (imagery/cfar.h), written as the project's detections CSV
// (imagery/detection_readers.h).  docs/imagery.md.

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "commands.h"
#include "tidewatch/analyze/config.h"
#include "tidewatch/geo/land_mask.h"
#include "tidewatch/imagery/cfar.h"
#include "tidewatch/imagery/detection_readers.h"
#include "tidewatch/imagery/raster.h"

namespace tidewatch::app {
namespace {

struct DetectShipsSettings {
  std::string image;
  std::string out = "-";
  std::string time;
  std::string scene;
  std::string config;
  std::string land_mask;
  int band = 1;
  double pixel_size = 0;
  bool quiet = false;
};

int run_detect_ships(const DetectShipsSettings& s) {
  analyze::Config config;
  analyze::ParamTable table(config);
  if (!s.config.empty()) table.apply_toml_file(s.config);
  imagery::CfarParams p = config.sar;
  if (!s.land_mask.empty()) p.land_mask = s.land_mask;
  if (p.land_mask != "off" && (p.land_mask.size() != 1 || std::string("clihf").find(p.land_mask) == std::string::npos))
    throw std::invalid_argument("--land-mask: expected c, l, i, h, f or off, got '" + p.land_mask + "'");

  std::optional<UnixMillis> time;
  if (!s.time.empty()) {
    time = imagery::parse_image_time(s.time);
    if (!time) throw std::invalid_argument("--time: not an ISO 8601 UTC time: " + s.time);
  }

  imagery::RasterOptions ro;
  ro.band = s.band;
  ro.gcp_method = p.gcp_method;
  if (s.pixel_size > 0) ro.pixel_size_m = s.pixel_size;
  const imagery::Raster raster = imagery::Raster::read(s.image, ro);
  if (!raster.georeferenced())
    throw std::runtime_error(s.image + " has no georeferencing (no geotransform with a CRS, no GCPs): "
                             "detections need positions");
  if (!time) time = raster.time();

  std::vector<std::uint8_t> excluded;
  std::size_t land = 0;
  if (p.land_mask != "off") {
    const auto mask = geo::LandMask::open(p.land_mask[0]);
    excluded = imagery::land_exclusion(raster, *mask, p.land_buffer_m, &land);
  }
  std::size_t masked = 0;
  for (const auto e : excluded) masked += e != 0;

  const imagery::ShipDetections d = imagery::detect_ships(raster.view(excluded.empty() ? nullptr : excluded.data()), p);

  const std::string scene = !s.scene.empty() ? s.scene : std::filesystem::path(s.image).stem().string();
  const std::string source = std::filesystem::path(s.image).filename().string();
  std::vector<imagery::Detection> out;
  std::map<std::string, std::size_t> rejected;
  for (const auto& c : d.clusters) {
    if (!c.rejected.empty()) {
      ++rejected[c.rejected];
      continue;
    }
    imagery::Detection det;
    det.id = scene + "-" + std::to_string(out.size() + 1);
    det.time = time.value_or(0);
    if (!raster.lat_lon(c.row, c.col, det.lat, det.lon))
      throw std::runtime_error(s.image + ": cannot georeference pixel " + std::to_string(c.row) + "," +
                               std::to_string(c.col));
    det.length_m = c.length_m;
    det.width_m = c.width_m;
    det.heading_deg = raster.axis_bearing_deg(c.row, c.col, c.axis_angle);
    det.confidence = c.confidence;
    det.scene = scene;
    det.source = source;
    det.line = out.size() + 1;
    out.push_back(std::move(det));
  }

  if (s.out == "-") {
    imagery::write_detections_csv(std::cout, out);
    std::cout.flush();
  } else {
    std::ofstream f(s.out, std::ios::binary);
    if (!f) throw std::runtime_error("cannot create " + s.out);
    imagery::write_detections_csv(f, out);
    f.close();
    if (!f) throw std::runtime_error("cannot write " + s.out);
  }
  if (!s.quiet) {
    std::ostringstream m;
    m << "tidewatch detect-ships: " << source << " " << raster.cols() << "x" << raster.rows() << " px, "
      << raster.dx_m() << " x " << raster.dy_m() << " m (" << raster.georeferencing() << "); land mask "
      << p.land_mask << ": " << land << " land px, " << masked << " masked px; " << d.tested_pixels
      << " px tested (" << imagery::threshold_model_name(imagery::parse_threshold_model(p.threshold_model))
      << ", PFA 1e-" << p.pfa_exponent << "), " << d.hit_pixels << " above threshold, " << d.clusters.size()
      << " clusters: " << out.size() << " ships";
    for (const auto& [reason, n] : rejected) m << ", " << n << " " << reason;
    m << (time ? "" : "; no acquisition time") << "\n";
    std::cerr << m.str();
  }
  return 0;
}

}  // namespace

void register_detect_ships(CLI::App& app) {
  auto s = std::make_shared<DetectShipsSettings>();
  CLI::App* cmd = app.add_subcommand(
      "detect-ships",
      "Detect ships in a SAR image (Sentinel-1 GRD GeoTIFF or any GDAL raster, georeferenced by a "
      "geotransform or GCPs): GSHHG land mask, two-parameter CFAR as ESA SNAP's Adaptive Thresholding, "
      "clustering and discrimination; writes the detections CSV (docs/imagery.md).");
  cmd->add_option("image", s->image, "The image (band 1: amplitude or intensity)")->required();
  cmd->add_option("--out,-o", s->out, "Detections CSV to write (default: standard output)");
  cmd->add_option("--time", s->time, "Acquisition time, ISO 8601 UTC (default: from the image metadata)");
  cmd->add_option("--scene", s->scene, "Scene id, the prefix of every detection id (default: the file's stem)");
  cmd->add_option("--config", s->config, "TOML file with parameter overrides ([sar] keys; tidewatch config --print)");
  cmd->add_option("--land-mask", s->land_mask, "GSHHG resolution c, l, i, h, f or off (default: sar.land_mask, h)");
  cmd->add_option("--band", s->band, "Band to read (default 1)")->check(CLI::PositiveNumber);
  cmd->add_option("--pixel-size", s->pixel_size, "Pixel size in metres (overrides the georeferencing's)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--quiet,-q", s->quiet, "No summary on standard error");
  cmd->callback([s]() { run_detect_ships(*s); });
}

}  // namespace tidewatch::app
