#pragma once
// Opens the GSHHG land mask for a test, or says why the test must skip
// (tidewatch built without libnetcdf, or Debian's gmt-gshhg files missing).
//
//   TEST(...) { OPEN_OR_SKIP(mask, 'h'); ... mask->is_land(...) ... }

#include <filesystem>
#include <memory>
#include <string>

#include "tidewatch/geo/land_mask.h"

namespace tidewatch::test {

inline std::shared_ptr<const geo::LandMask> open_land_mask_or_skip(char resolution, std::string& why) {
  if (!geo::LandMask::available()) {
    why = "GSHHG land mask not available: built without libnetcdf (install libnetcdf-dev)";
    return nullptr;
  }
  const std::filesystem::path file = std::filesystem::path(geo::LandMask::kDefaultDirectory) /
                                     (std::string("binned_GSHHS_") + resolution + ".nc");
  if (!std::filesystem::exists(file)) {
    why = file.string() + " missing (install gmt-gshhg-low / gmt-gshhg-high)";
    return nullptr;
  }
  return geo::LandMask::open(resolution);
}

}  // namespace tidewatch::test

#define OPEN_OR_SKIP(var, res)                                            \
  std::string why_##var;                                                  \
  auto var = ::tidewatch::test::open_land_mask_or_skip(res, why_##var);   \
  if (!var) GTEST_SKIP() << why_##var
