#include "tidewatch/imagery/raster.h"

#include <gdal_alg.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <limits>
#include <mutex>
#include <numbers>
#include <stdexcept>

#include "tidewatch/geo/distance.h"
#include "tidewatch/geo/land_mask.h"

namespace tidewatch::imagery {

namespace {

void register_gdal() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

struct DatasetCloser {
  void operator()(GDALDataset* d) const noexcept { GDALClose(d); }
};
struct CtDeleter {
  void operator()(OGRCoordinateTransformation* t) const noexcept {
    OGRCoordinateTransformation::DestroyCT(t);
  }
};

std::string gdal_error() {
  const char* m = CPLGetLastErrorMsg();
  return (m != nullptr && *m != '\0') ? std::string(": ") + m : std::string();
}

}  // namespace

struct Raster::Impl {
  std::array<double, 6> gt{};
  bool has_gt = false;
  void* gcp = nullptr;  ///< GDAL GCP or TPS transformer
  bool tps = false;
  std::unique_ptr<OGRCoordinateTransformation, CtDeleter> ct;  ///< georef CRS -> WGS 84 (lon, lat)

  ~Impl() {
    if (gcp != nullptr) {
      if (tps) GDALDestroyTPSTransformer(gcp); else GDALDestroyGCPTransformer(gcp);
    }
  }

  /// GDAL pixel/line coordinates (in place) to lon/lat.
  bool transform(std::size_t n, double* x, double* y) const {
    if (n == 0) return true;
    std::vector<double> z(n, 0.0);
    std::vector<int> ok(n, 1);
    if (has_gt) {
      for (std::size_t i = 0; i < n; ++i) {
        const double px = x[i], py = y[i];
        x[i] = gt[0] + px * gt[1] + py * gt[2];
        y[i] = gt[3] + px * gt[4] + py * gt[5];
      }
    } else if (gcp != nullptr) {
      const int count = static_cast<int>(n);
      const int r = tps ? GDALTPSTransform(gcp, FALSE, count, x, y, z.data(), ok.data())
                        : GDALGCPTransform(gcp, FALSE, count, x, y, z.data(), ok.data());
      if (r == FALSE) return false;
      for (int v : ok)
        if (v == 0) return false;
    } else {
      return false;
    }
    if (ct) {
      if (!ct->Transform(static_cast<int>(n), x, y, z.data(), ok.data())) return false;
      for (int v : ok)
        if (v == 0) return false;
    }
    return true;
  }
};

Raster::Raster() : impl_(std::make_unique<Impl>()) {}
Raster::Raster(Raster&&) noexcept = default;
Raster& Raster::operator=(Raster&&) noexcept = default;
Raster::~Raster() = default;

bool Raster::georeferenced() const noexcept { return georef_ != "none"; }

std::optional<UnixMillis> parse_image_time(const std::string& text) noexcept {
  int f[6] = {0, 0, 0, 0, 0, 0};
  int millis = 0;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n && std::isspace(static_cast<unsigned char>(text[i])) != 0) ++i;
  for (int k = 0; k < 6; ++k) {
    if (k > 0) {
      if (i >= n) return std::nullopt;
      const char c = text[i];
      if (c != '-' && c != ':' && c != 'T' && c != ' ' && c != 't') return std::nullopt;
      ++i;
    }
    const std::size_t start = i;
    int v = 0;
    while (i < n && std::isdigit(static_cast<unsigned char>(text[i])) != 0 && i - start < 4) {
      v = v * 10 + (text[i] - '0');
      ++i;
    }
    if (i == start) return std::nullopt;
    f[k] = v;
  }
  if (i < n && text[i] == '.') {
    ++i;
    int scale = 100;
    while (i < n && std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
      millis += (text[i] - '0') * scale;
      scale /= 10;
      ++i;
    }
  }
  return utc_millis(f[0], f[1], f[2], f[3], f[4], f[5], millis);
}

Raster Raster::read(const std::string& path, const RasterOptions& options) {
  register_gdal();
  CPLErrorReset();
  std::unique_ptr<GDALDataset, DatasetCloser> ds(static_cast<GDALDataset*>(
      GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
  if (!ds) throw std::runtime_error("cannot open image " + path + gdal_error());
  Raster r;
  r.driver_ = ds->GetDriver() != nullptr ? ds->GetDriver()->GetDescription() : "";
  if (options.band < 1 || options.band > ds->GetRasterCount())
    throw std::runtime_error(path + ": no band " + std::to_string(options.band) + " (the image has " +
                             std::to_string(ds->GetRasterCount()) + ")");
  r.cols_ = ds->GetRasterXSize();
  r.rows_ = ds->GetRasterYSize();
  if (r.cols_ <= 0 || r.rows_ <= 0) throw std::runtime_error(path + ": empty image");
  GDALRasterBand* band = ds->GetRasterBand(options.band);
  r.values_.resize(static_cast<std::size_t>(r.cols_) * static_cast<std::size_t>(r.rows_));
  if (band->RasterIO(GF_Read, 0, 0, r.cols_, r.rows_, r.values_.data(), r.cols_, r.rows_, GDT_Float32, 0, 0,
                     nullptr) != CE_None)
    throw std::runtime_error("cannot read " + path + gdal_error());
  int has_nodata = 0;
  const double nodata = band->GetNoDataValue(&has_nodata);
  if (has_nodata != 0) {
    const auto nd = static_cast<float>(nodata);
    for (float& v : r.values_)
      if (v == nd) v = std::numeric_limits<float>::quiet_NaN();
  }

  // Georeferencing.
  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  const OGRSpatialReference* src_srs = nullptr;
  Impl& im = *r.impl_;
  if (ds->GetGeoTransform(im.gt.data()) == CE_None && ds->GetSpatialRef() != nullptr) {
    im.has_gt = true;
    src_srs = ds->GetSpatialRef();
    r.georef_ = "geotransform";
  } else if (ds->GetGCPCount() >= 3 && ds->GetGCPSpatialRef() != nullptr) {
    im.tps = options.gcp_method == "tps";
    if (!im.tps && options.gcp_method != "polynomial")
      throw std::runtime_error("GCP method must be polynomial or tps, got " + options.gcp_method);
    im.gcp = im.tps ? GDALCreateTPSTransformer(ds->GetGCPCount(), ds->GetGCPs(), FALSE)
                    : GDALCreateGCPTransformer(ds->GetGCPCount(), ds->GetGCPs(), 0, FALSE);
    if (im.gcp == nullptr) throw std::runtime_error(path + ": cannot fit its GCPs" + gdal_error());
    src_srs = ds->GetGCPSpatialRef();
    r.georef_ = im.tps ? "gcp_tps" : "gcp_polynomial";
  }
  if (src_srs != nullptr) {
    OGRSpatialReference src(*src_srs);
    src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (!(src.IsGeographic() && src.IsSame(&wgs84))) {
      im.ct.reset(OGRCreateCoordinateTransformation(&src, &wgs84));
      if (!im.ct) throw std::runtime_error(path + ": cannot transform its CRS to WGS 84" + gdal_error());
    }
  }

  // Acquisition time.
  const char* start = ds->GetMetadataItem("ACQUISITION_START_TIME");
  const char* stop = ds->GetMetadataItem("ACQUISITION_STOP_TIME");
  if (start != nullptr) {
    const auto a = parse_image_time(start);
    const auto b = stop != nullptr ? parse_image_time(stop) : std::nullopt;
    if (a && b) r.time_ = *a + (*b - *a) / 2;
    else if (a) r.time_ = a;
  }
  if (!r.time_) {
    const char* dt = ds->GetMetadataItem("TIFFTAG_DATETIME");
    if (dt != nullptr) r.time_ = parse_image_time(dt);
  }

  // Pixel size: distances to the next pixel across and down at the centre.
  if (options.pixel_size_m) {
    if (!(*options.pixel_size_m > 0)) throw std::runtime_error("pixel size must be positive");
    r.dx_m_ = r.dy_m_ = *options.pixel_size_m;
  } else if (r.georeferenced()) {
    const double rc = (r.rows_ - 1) / 2.0, cc = (r.cols_ - 1) / 2.0;
    double la0, lo0, la1, lo1, la2, lo2;
    if (!r.lat_lon(rc, cc, la0, lo0) || !r.lat_lon(rc, cc + 1, la1, lo1) || !r.lat_lon(rc + 1, cc, la2, lo2))
      throw std::runtime_error(path + ": georeferencing does not transform its centre" + gdal_error());
    r.dx_m_ = geo::haversine_m(la0, lo0, la1, lo1);
    r.dy_m_ = geo::haversine_m(la0, lo0, la2, lo2);
    if (!(r.dx_m_ > 0) || !(r.dy_m_ > 0)) throw std::runtime_error(path + ": zero pixel size");
  } else {
    throw std::runtime_error(path + " has no georeferencing: give its pixel size (--pixel-size)");
  }
  return r;
}

bool Raster::lat_lon(double row, double col, double& lat, double& lon) const {
  double x = col + 0.5, y = row + 0.5;
  if (!georeferenced() || !impl_->transform(1, &x, &y)) return false;
  lon = x;
  lat = y;
  return true;
}

bool Raster::row_lat_lon(int row, std::vector<double>& lat, std::vector<double>& lon) const {
  const auto n = static_cast<std::size_t>(cols_);
  lon.resize(n);
  lat.resize(n);
  for (std::size_t c = 0; c < n; ++c) {
    lon[c] = static_cast<double>(c) + 0.5;
    lat[c] = row + 0.5;
  }
  return georeferenced() && impl_->transform(n, lon.data(), lat.data());
}

std::optional<double> Raster::axis_bearing_deg(double row, double col, double axis_angle) const {
  // 50 m along the axis, in pixels.
  const double d = 50.0;
  const double dcol = std::sin(axis_angle) * d / dx_m_, drow = -std::cos(axis_angle) * d / dy_m_;
  double la0, lo0, la1, lo1;
  if (!lat_lon(row - drow, col - dcol, la0, lo0) || !lat_lon(row + drow, col + dcol, la1, lo1))
    return std::nullopt;
  const double rad = std::numbers::pi / 180.0;
  const double p0 = la0 * rad, p1 = la1 * rad, dl = (lo1 - lo0) * rad;
  const double y = std::sin(dl) * std::cos(p1);
  const double x = std::cos(p0) * std::sin(p1) - std::sin(p0) * std::cos(p1) * std::cos(dl);
  double b = std::atan2(y, x) / rad;
  b = std::fmod(b + 360.0, 180.0);
  if (b >= 180.0) b -= 180.0;
  return b;
}

ImageView Raster::view(const std::uint8_t* excluded) const noexcept {
  ImageView v;
  v.values = values_.data();
  v.excluded = excluded;
  v.rows = rows_;
  v.cols = cols_;
  v.dx_m = dx_m_;
  v.dy_m = dy_m_;
  return v;
}

std::vector<std::uint8_t> land_exclusion(const Raster& raster, const geo::LandMask& mask, double buffer_m,
                                         std::size_t* land_pixels) {
  if (land_pixels != nullptr) *land_pixels = 0;
  if (!raster.georeferenced()) return {};
  const int rows = raster.rows(), cols = raster.cols();
  const auto ncols = static_cast<std::size_t>(cols);
  // Lat/lon of every pixel centre, row by row (kept: the lookup needs them twice).
  std::vector<double> lat(static_cast<std::size_t>(rows) * ncols), lon(lat.size());
  std::vector<double> la, lo;
  double lat_min = 90, lat_max = -90, lon_min = 1e9, lon_max = -1e9;
  for (int r = 0; r < rows; ++r) {
    if (!raster.row_lat_lon(r, la, lo)) throw std::runtime_error("cannot georeference image row " + std::to_string(r));
    std::copy(la.begin(), la.end(), lat.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(r) * ncols));
    std::copy(lo.begin(), lo.end(), lon.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(r) * ncols));
    for (std::size_t c = 0; c < ncols; ++c) {
      lat_min = std::min(lat_min, la[c]);
      lat_max = std::max(lat_max, la[c]);
      lon_min = std::min(lon_min, lo[c]);
      lon_max = std::max(lon_max, lo[c]);
    }
  }
  // GSHHG levels on a lat/lon grid at about the pixel size (capped), by scanline.
  const double mid_lat = 0.5 * (lat_min + lat_max);
  const double px = std::min(raster.dx_m(), raster.dy_m());
  double step_lat = px / 111320.0;
  double step_lon = px / (111320.0 * std::max(0.05, std::cos(mid_lat * std::numbers::pi / 180.0)));
  constexpr double kMaxNodes = 6000;
  step_lat = std::max(step_lat, (lat_max - lat_min) / kMaxNodes);
  step_lon = std::max(step_lon, (lon_max - lon_min) / kMaxNodes);
  const int grows = static_cast<int>(std::ceil((lat_max - lat_min) / step_lat)) + 1;
  const int gcols = static_cast<int>(std::ceil((lon_max - lon_min) / step_lon)) + 1;
  const std::vector<geo::ShoreLevel> grid = mask.level_grid(lat_min, lon_min, step_lat, step_lon, grows, gcols);

  std::vector<std::uint8_t> out(lat.size(), 0);
  std::size_t n_land = 0;
  for (std::size_t i = 0; i < lat.size(); ++i) {
    const int gi = std::clamp(static_cast<int>(std::lround((lat[i] - lat_min) / step_lat)), 0, grows - 1);
    const int gj = std::clamp(static_cast<int>(std::lround((lon[i] - lon_min) / step_lon)), 0, gcols - 1);
    const auto level = grid.empty() ? mask.level(lat[i], lon[i])
                                    : grid[static_cast<std::size_t>(gi) * static_cast<std::size_t>(gcols) +
                                           static_cast<std::size_t>(gj)];
    if (geo::is_land_level(level)) {
      out[i] = 1;
      ++n_land;
    }
  }
  if (land_pixels != nullptr) *land_pixels = n_land;
  if (buffer_m <= 0 || n_land == 0) return out;
  // Chamfer distance (metres) from land, two passes; exclude within buffer_m.
  const double dx = raster.dx_m(), dy = raster.dy_m(), dd = std::sqrt(dx * dx + dy * dy);
  constexpr double kInf = std::numeric_limits<double>::infinity();
  std::vector<double> dist(out.size());
  for (std::size_t i = 0; i < out.size(); ++i) dist[i] = out[i] != 0 ? 0.0 : kInf;
  auto at = [&dist, ncols](int r, int c) -> double& {
    return dist[static_cast<std::size_t>(r) * ncols + static_cast<std::size_t>(c)];
  };
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      double& d = at(r, c);
      if (c > 0) d = std::min(d, at(r, c - 1) + dx);
      if (r > 0) {
        d = std::min(d, at(r - 1, c) + dy);
        if (c > 0) d = std::min(d, at(r - 1, c - 1) + dd);
        if (c + 1 < cols) d = std::min(d, at(r - 1, c + 1) + dd);
      }
    }
  for (int r = rows - 1; r >= 0; --r)
    for (int c = cols - 1; c >= 0; --c) {
      double& d = at(r, c);
      if (c + 1 < cols) d = std::min(d, at(r, c + 1) + dx);
      if (r + 1 < rows) {
        d = std::min(d, at(r + 1, c) + dy);
        if (c + 1 < cols) d = std::min(d, at(r + 1, c + 1) + dd);
        if (c > 0) d = std::min(d, at(r + 1, c - 1) + dd);
      }
    }
  for (std::size_t i = 0; i < out.size(); ++i)
    if (dist[i] <= buffer_m) out[i] = 1;
  return out;
}

}  // namespace tidewatch::imagery
