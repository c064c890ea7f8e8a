#pragma once
// The vessels.csv written by `tidewatch tracks` read back as identities to screen.
// Header: mmsi,mmsi_class,flag,first_seen,last_seen,n_positions,n_segments,
// n_noise,names,callsigns,imos,shiptypes,shared_mmsi,dimensions,draughts,destinations.
// List columns hold `VALUE(count)` items joined by `|` (names, callsigns, imos).

#include <cstddef>
#include <string_view>
#include <vector>

#include "tidewatch/watchlist/entry.h"
#include "tidewatch/watchlist/match.h"

namespace tidewatch::watchlist {

struct VesselsCsv {
  std::vector<VesselIdentity> vessels;
  std::vector<ListReject> rejects;  ///< bad_header, bad_csv_row, bad_number (mmsi)
  std::size_t rows = 0;
};

/// Reads a vessels.csv (columns found by header name; only `mmsi` is required).
VesselsCsv read_vessels_csv(std::string_view text);

/// Splits "NAME A(12)|NAME B(3)" into {"NAME A", "NAME B"} (a trailing
/// "(digits)" is the count and is dropped).
std::vector<std::string_view> split_counted_list(std::string_view field);

}  // namespace tidewatch::watchlist
