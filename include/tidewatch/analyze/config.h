#pragma once
// Every threshold of a run, in one place, and the TOML file that overrides
// them (`tidewatch config --print` shows the effective values; summary.json
// records them).  Each parameter has a dotted key ("gap.min_hours"), a unit,
// its default and its source; the defaults live in the stage headers' Params
// structs (track/segmenter.h, detect/gap.h, ...) and ParamTable only points
// at them, so the documentation and the value cannot drift apart.
//
// The TOML file holds any subset of the keys, grouped in tables:
//
//   [gap]
//   min_hours = 12          # a stricter gap, like Welch et al. 2022
//
// An unknown key or a value of the wrong type is an error naming the key and
// the line (a typo must not silently keep the default).

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "tidewatch/detect/draught.h"
#include "tidewatch/detect/encounter.h"
#include "tidewatch/detect/gap.h"
#include "tidewatch/detect/concurrent_gaps.h"
#include "tidewatch/detect/coverage.h"
#include "tidewatch/detect/loitering.h"
#include "tidewatch/detect/port_visit.h"
#include "tidewatch/detect/possible_port_visit.h"
#include "tidewatch/imagery/cfar.h"
#include "tidewatch/track/identity.h"
#include "tidewatch/watchlist/match.h"
#include "tidewatch/match/ais_match.h"
#include "tidewatch/track/quality.h"
#include "tidewatch/track/segmenter.h"

namespace tidewatch::analyze {

/// position_on_land (docs/tracks.md §4).
struct LandParams {
  /// GSHHG resolution letter: c, l, i, h, f; "off" disables the check.
  /// DEFAULT "h" (about 200 m between shoreline points). [project]
  std::string shoreline = "h";
  /// metres; a position counts as on land only this far inside the
  /// shoreline.  DEFAULT 1000. [project]: GSHHG h is good to about 200 m and
  /// ships at berth sit within a few hundred metres of the coastline.
  double margin_m = 1000.0;
  /// metres; no position_on_land within this distance of a port of the port
  /// list (GSHHG draws docks, canals and river ports as land).  DEFAULT 5000
  /// [project]: covers the WPI port radii (3-7.5 km, docs/ports.md) plus docks.
  double port_buffer_m = 5000.0;
};

/// Input ordering (docs/tracks.md §3).
struct OrderParams {
  /// minutes; the reorder window of --order window.  DEFAULT 15 [project]:
  /// tag-block feeds and satellite batches are rarely more than minutes late.
  double window_min = 15.0;
  /// records; most held by the reorder window.  DEFAULT 1,000,000 [project].
  std::int64_t window_max_records = 1'000'000;
};

struct Config {
  OrderParams order;
  track::SegmenterParams segmenter;
  track::IdentityParams identity;
  track::QualityParams quality;
  LandParams land;
  detect::GapParams gap;
  detect::CoverageParams coverage;
  detect::ConcurrentGapParams concurrent_gaps;
  detect::PortVisitParams port_visit;
  detect::PossiblePortVisitParams possible_port_visit;
  detect::EncounterParams encounter;
  detect::LoiteringParams loitering;
  detect::DraughtParams draught;
  watchlist::Params watchlist;
  match::MatchParams match;  ///< detections to AIS (match/ais_match.h, docs/matching.md)
  imagery::CfarParams sar;   ///< SAR ship detector (imagery/cfar.h, docs/imagery.md)
};

/// One parameter: where it lives and what it means.
struct Param {
  std::string key;     ///< "section.name"
  std::string unit;    ///< "h", "kn", "m", "km", "nm", "deg", "count", "fraction", ...
  std::string source;  ///< where the default comes from
  std::variant<double*, std::int64_t*, std::uint32_t*, std::size_t*, int*, bool*, std::string*> value;
};

/// The parameters of a Config, in a fixed order (config --print, summary.json).
class ParamTable {
 public:
  explicit ParamTable(Config& config);
  [[nodiscard]] const std::vector<Param>& params() const noexcept { return params_; }

  /// Applies a TOML document (text); throws std::runtime_error naming the key.
  void apply_toml(std::string_view toml_text, std::string_view source_name);
  /// Reads and applies a TOML file.
  void apply_toml_file(const std::string& path);
  /// The effective values as a TOML document with unit and source comments.
  [[nodiscard]] std::string to_toml() const;
  /// {"section":{"name":value,...},...} for summary.json.
  [[nodiscard]] std::string to_json() const;

 private:
  void bind_detectors(Config& c);
  void bind_possible_port_visit(Config& c);
  void bind_sar(Config& c);
  std::vector<Param> params_;
};

}  // namespace tidewatch::analyze
