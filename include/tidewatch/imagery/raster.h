#pragma once
// A SAR image read with GDAL into a Float32 grid, with its georeferencing:
// pixel -> WGS 84 latitude/longitude, pixel size in metres, acquisition time
// from the metadata, and the GSHHG land mask on its pixels (docs/imagery.md).
//
// Georeferencing, in this order:
//   - a geotransform with a spatial reference (any CRS): the pixel centre is
//     taken through the geotransform and OGRCoordinateTransformation to WGS 84
//     (both sides in traditional GIS axis order, x = longitude/easting);
//   - GCPs only (Sentinel-1 GRD measurement TIFFs, SAFE): GDAL's GCP
//     polynomial transformer (GDALCreateGCPTransformer, order chosen from the
//     number of GCPs) or thin-plate spline (GDALCreateTPSTransformer), then the
//     GCPs' CRS to WGS 84;
//   - neither (PNG chips): not georeferenced; the pixel size must be given.
// Pixel index (row, col) is the centre of that pixel: GDAL's pixel/line
// coordinate (col + 0.5, row + 0.5).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tidewatch/core/time.h"
#include "tidewatch/imagery/cfar.h"

namespace tidewatch::geo {
class LandMask;
}

namespace tidewatch::imagery {

struct RasterOptions {
  int band = 1;  ///< 1-based band read as amplitude/intensity
  /// metres; pixel size of an image without georeferencing (required then),
  /// or an override for a georeferenced one.
  std::optional<double> pixel_size_m;
  /// GCP transformer: "polynomial" (GDAL GCP_POLYNOMIAL, default) or "tps".
  std::string gcp_method = "polynomial";
};

class Raster {
 public:
  /// Reads band `options.band` as Float32; no-data values become NaN.  Throws
  /// std::runtime_error with a readable message (cannot open, no such band,
  /// no pixel size for an image without georeferencing, CRS not convertible).
  static Raster read(const std::string& path, const RasterOptions& options = {});

  Raster(Raster&&) noexcept;
  Raster& operator=(Raster&&) noexcept;
  ~Raster();

  [[nodiscard]] int rows() const noexcept { return rows_; }
  [[nodiscard]] int cols() const noexcept { return cols_; }
  [[nodiscard]] const std::vector<float>& values() const noexcept { return values_; }
  [[nodiscard]] double dx_m() const noexcept { return dx_m_; }  ///< along a row (columns)
  [[nodiscard]] double dy_m() const noexcept { return dy_m_; }  ///< along a column (rows)
  [[nodiscard]] bool georeferenced() const noexcept;
  /// "geotransform", "gcp_polynomial", "gcp_tps" or "none".
  [[nodiscard]] const std::string& georeferencing() const noexcept { return georef_; }
  /// The GDAL driver's short name ("GTiff", "PNG", ...).
  [[nodiscard]] const std::string& driver() const noexcept { return driver_; }

  /// WGS 84 degrees of the continuous pixel index (row, col); false when not
  /// georeferenced or the transform fails.
  bool lat_lon(double row, double col, double& lat, double& lon) const;
  /// lat/lon of the pixel centres of one row (cols values each).
  bool row_lat_lon(int row, std::vector<double>& lat, std::vector<double>& lon) const;
  /// Bearing (degrees clockwise from true north, 0..180) of the image direction
  /// `axis_angle` (radians clockwise from "up", metres; ShipCandidate::axis_angle)
  /// at (row, col); nullopt when not georeferenced.
  [[nodiscard]] std::optional<double> axis_bearing_deg(double row, double col, double axis_angle) const;

  /// Acquisition time from the metadata: the midpoint of ACQUISITION_START_TIME
  /// and ACQUISITION_STOP_TIME (GDAL's Sentinel-1 SAFE driver), else
  /// TIFFTAG_DATETIME; nullopt when none parses.
  [[nodiscard]] std::optional<UnixMillis> time() const noexcept { return time_; }

  /// An ImageView of the values for the detector (excluded may be null).
  [[nodiscard]] ImageView view(const std::uint8_t* excluded = nullptr) const noexcept;

 private:
  Raster();
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int rows_ = 0, cols_ = 0;
  std::vector<float> values_;
  double dx_m_ = 0, dy_m_ = 0;
  std::string georef_ = "none";
  std::string driver_;
  std::optional<UnixMillis> time_;
};

/// Parses "YYYY-MM-DDTHH:MM:SS[.ffffff][Z]", "YYYY:MM:DD HH:MM:SS" (TIFF) and
/// close variants to UTC milliseconds.
std::optional<UnixMillis> parse_image_time(const std::string& text) noexcept;

/// Pixels on GSHHG land, or within `buffer_m` of it (chamfer distance in metres
/// on the pixel grid), as a mask for ImageView::excluded (1 = excluded).
/// Empty when the raster is not georeferenced.  `land_pixels` (optional)
/// receives the number of pixels on land before the buffer.
std::vector<std::uint8_t> land_exclusion(const Raster& raster, const geo::LandMask& mask,
                                         double buffer_m, std::size_t* land_pixels = nullptr);

}  // namespace tidewatch::imagery
