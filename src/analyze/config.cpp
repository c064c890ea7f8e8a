#include "tidewatch/analyze/config.h"

#include <toml++/toml.h>

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "tidewatch/report/text.h"

namespace tidewatch::analyze {

namespace {

/// "GFW gpsdio-segment v3.0.0 " + what (appended, not operator+: GCC 12's
/// -Wrestrict false positive on string concatenation, GCC bug 105329).
std::string gfw(const char* what) {
  std::string s = "GFW gpsdio-segment v3.0.0 ";
  s.append(what);
  return s;
}

}  // namespace

ParamTable::ParamTable(Config& c) {
  auto add = [this](std::string key, std::string unit, std::string source, auto* value) {
    params_.push_back(Param{std::move(key), std::move(unit), std::move(source), value});
  };
  // ---- ordering
  add("order.window_min", "min", "[project] reorder window of --order window", &c.order.window_min);
  add("order.window_max_records", "records", "[project] most records the window holds",
      &c.order.window_max_records);
  // ---- segmenter (track/segmenter.h)
  auto& s = c.segmenter;
  add("segmenter.max_hours", "h", gfw("matcher.py Matcher.max_hours"), &s.max_hours);
  add("segmenter.penalty_hours", "h", gfw("Matcher.penalty_hours"), &s.penalty_hours);
  add("segmenter.hours_exp", "1", gfw("Matcher.hours_exp"), &s.hours_exp);
  add("segmenter.buffer_hours", "h", gfw("Matcher.buffer_hours"), &s.buffer_hours);
  add("segmenter.lookback", "messages", gfw("Matcher.lookback"), &s.lookback);
  add("segmenter.lookback_factor", "1", gfw("Matcher.lookback_factor"), &s.lookback_factor);
  add("segmenter.max_knots", "kn", gfw("Matcher.max_knots"), &s.max_knots);
  add("segmenter.ambiguity_factor", "1", gfw("Matcher.ambiguity_factor"), &s.ambiguity_factor);
  add("segmenter.short_seg_threshold", "messages", gfw("Matcher.short_seg_threshold"),
      &s.short_seg_threshold);
  add("segmenter.transponder_mismatch_weight", "1",
      gfw("Matcher.transponder_mismatch_weight"), &s.transponder_mismatch_weight);
  add("segmenter.penalty_speed", "kn", gfw("Matcher.penalty_speed"), &s.penalty_speed);
  add("segmenter.min_type_27_hours", "h", gfw("Matcher.min_type_27_hours"),
      &s.min_type_27_hours);
  add("segmenter.very_slow", "kn", gfw("DiscrepancyCalculator.very_slow"), &s.very_slow);
  add("segmenter.shape_factor", "1", gfw("DiscrepancyCalculator.shape_factor"),
      &s.shape_factor);
  add("segmenter.max_open_segments", "segments", gfw("Segmenter max_open_segments"),
      &s.max_open_segments);
  // ---- identity (track/identity.h)
  add("identity.confirmations", "sightings", "docs/tracks.md §4: a new value counts once seen this often",
      &c.identity.confirmations);
  add("identity.revert_window_ms", "ms", "[project] a change undone within this is flapping",
      &c.identity.revert_window);
  // ---- data quality (track/quality.h)
  auto& q = c.quality;
  add("quality.min_positions", "positions", "GFW Matcher.short_seg_threshold (shared_mmsi)", &q.min_positions);
  add("quality.min_overlap_h", "h", "[project] shared_mmsi segments overlap at least this", &q.min_overlap_h);
  add("quality.max_knots", "kn", "GFW Matcher.max_knots: fastest plausible vessel", &q.max_knots);
  add("quality.buffer_nm", "nm", "GFW max_knots * buffer_hours = 25 kn * 0.25 h", &q.buffer_nm);
  add("quality.min_far_samples", "samples", "[project] shared_mmsi far samples", &q.min_far_samples);
  add("quality.max_run", "positions", "GFW Matcher.lookback: longest position_jump run", &q.max_run);
  add("quality.min_distance_km", "km", "[project] shorter jumps are GNSS jitter", &q.min_distance_km);
  add("quality.min_dt_s", "s", "[project] implied speeds divide by at least this", &q.min_dt_s);
  // ---- position_on_land
  add("land.shoreline", "GSHHG resolution", "[project] c, l, i, h (~200 m) or f; off disables",
      &c.land.shoreline);
  add("land.margin_m", "m", "[project] GSHHG h accuracy plus berths near the coastline", &c.land.margin_m);
  add("land.port_buffer_m", "m", "[project] no position_on_land this close to a listed port (docks, canals)",
      &c.land.port_buffer_m);
  bind_detectors(c);
  bind_sar(c);
}

void ParamTable::bind_sar(Config& c) {
  auto add = [this](std::string key, std::string unit, std::string source, auto* value) {
    params_.push_back(Param{std::move(key), std::move(unit), std::move(source), value});
  };
  // ---- SAR ship detector (imagery/cfar.h, docs/imagery.md); SNAP = ESA SNAP
  // microwave-toolbox AdaptiveThresholdingOp / ObjectDiscriminationOp defaults
  auto& r = c.sar;
  add("sar.target_window_m", "m", "SNAP AdaptiveThresholding targetWindowSizeInMeter", &r.target_window_m);
  add("sar.guard_window_m", "m", "SNAP AdaptiveThresholding guardWindowSizeInMeter", &r.guard_window_m);
  add("sar.background_window_m", "m", "SNAP AdaptiveThresholding backgroundWindowSizeInMeter",
      &r.background_window_m);
  add("sar.pfa", "-log10 PFA", "SNAP AdaptiveThresholding pfa (PFA 10^-6.5)", &r.pfa_exponent);
  add("sar.threshold_model", "gaussian|gamma|k", "SNAP: gaussian (mu + t sigma); gamma/k: docs/imagery.md",
      &r.threshold_model);
  add("sar.looks", "looks", "Sentinel-1 IW GRDH ENL 4.4 (k model only)", &r.looks);
  add("sar.min_background_fraction", "fraction", "[project] valid share of the background ring to test a pixel",
      &r.min_background_fraction);
  add("sar.min_size_m", "m", "SNAP Object-Discrimination minTargetSizeInMeter", &r.min_size_m);
  add("sar.max_size_m", "m", "SNAP Object-Discrimination maxTargetSizeInMeter", &r.max_size_m);
  add("sar.ghost_ratio_db", "dB", "[project] first sidelobe of a sinc response -13.3 dB", &r.ghost_ratio_db);
  add("sar.ghost_radius_m", "m", "[project] = SNAP guard window; 0 disables the sidelobe rule", &r.ghost_radius_m);
  add("sar.amplitude", "bool", "Sentinel-1 GRD measurement TIFFs hold amplitude DN", &r.amplitude);
  add("sar.land_mask", "GSHHG resolution", "[project] as land.shoreline; off disables", &r.land_mask);
  add("sar.land_buffer_m", "m", "GFW Paolo et al. 2024: 1 km shore buffer", &r.land_buffer_m);
  add("sar.gcp_method", "polynomial|tps", "GDAL gdalwarp default GCP_POLYNOMIAL", &r.gcp_method);
}

void ParamTable::bind_detectors(Config& c) {
  auto add = [this](std::string key, std::string unit, std::string source, auto* value) {
    params_.push_back(Param{std::move(key), std::move(unit), std::move(source), value});
  };
  // ---- gaps and reception (detect/gap.h, detect/coverage.h)
  add("gap.min_hours", "h",
      "issue 4 and GFW gap events (6+ h); GFW disabling events / Welch et al. 2022 use 12",
      &c.gap.min_gap_h);
  add("coverage.cell_deg", "deg", "[project] 3x3 block ~ terrestrial AIS range (GFW model: 1 deg)",
      &c.coverage.cell_deg);
  add("coverage.block_radius_cells", "cells", "[project] a 3x3 block", &c.coverage.block_radius_cells);
  add("coverage.min_start_fraction", "fraction", "[project] most gap hours received others near the start",
      &c.coverage.min_start_fraction);
  add("coverage.min_end_fraction", "fraction", "[project] the same near the end", &c.coverage.min_end_fraction);
  add("coverage.min_path_fraction", "fraction", "[project] the same along the straight path",
      &c.coverage.min_path_fraction);
  add("coverage.concurrent_radius_km", "km", "[project] other vessels' gaps this close share the silence",
      &c.concurrent_gaps.radius_km);
  add("coverage.max_concurrent_gaps", "vessels", "[project] more concurrent gaps: coverage, not disabling",
      &c.concurrent_gaps.max_others);
  // ---- possible port visits (detect/possible_port_visit.h)
  bind_possible_port_visit(c);
  // ---- port visits (detect/port_visit.h)
  auto& v = c.port_visit;
  add("port_visit.exit_margin_m", "m", "GFW anchorages_pipeline exit 4 km - entry 3 km", &v.exit_margin_m);
  add("port_visit.stop_begin_kn", "kn", "GFW anchorages_pipeline stopped_begin_speed_knots", &v.stop_begin_kn);
  add("port_visit.stop_end_kn", "kn", "GFW anchorages_pipeline stopped_end_speed_knots", &v.stop_end_kn);
  add("port_visit.min_gap_hours", "h", "GFW anchorages_pipeline min_anchorage_gap_minutes 240",
      &v.min_gap_hours);
  add("port_visit.require_stop_or_gap", "bool", "[project] a visit is a stop (or gap) in port",
      &v.require_stop_or_gap);
  add("port_visit.max_evidence", "fixes", "GFW create_port_visits MAX_EMITTED_EVENTS", &v.max_evidence);
  // ---- encounters (detect/encounter.h)
  auto& e = c.encounter;
  add("encounter.max_distance_m", "m", "GFW encounters: within 500 m", &e.max_distance_m);
  add("encounter.min_duration_h", "h", "GFW encounters: at least 2 h", &e.min_duration_h);
  add("encounter.max_median_speed_kn", "kn", "GFW encounters: median speed below 2 kn",
      &e.max_median_speed_kn);
  add("encounter.min_shore_km", "km", "GFW encounters: at least 10 km from shore/anchorage",
      &e.min_shore_km);
  add("encounter.bin_minutes", "min", "GFW RESAMPLE_INCREMENT_MINUTES", &e.bin_minutes);
  add("encounter.max_interp_gap_h", "h", "GFW MAX_GAP_HOURS", &e.max_interp_gap_h);
  add("encounter.merge_gap_h", "h", "GFW min_hours_between_encounters", &e.merge_gap_h);
  add("encounter.candidate_max_speed_kn", "kn", "[project] bins faster than this are transit",
      &e.candidate_max_speed_kn);
  // ---- loitering (detect/loitering.h)
  auto& l = c.loitering;
  add("loitering.max_speed_kn", "kn", "GFW loitering: hourly average below 2 kn", &l.max_speed_kn);
  add("loitering.min_duration_h", "h", "GFW transshipment reports: at least 4 h", &l.min_duration_h);
  add("loitering.min_shore_nm", "nm", "GFW published_events_loitering: >= 20 nm from shore",
      &l.min_shore_nm);
  add("loitering.max_gap_h", "h", "[project] = gap.min_hours: no loitering across a gap", &l.max_gap_h);
  add("loitering.block_h", "h", "GFW loitering groups data by hour", &l.block_h);
  add("loitering.implied_min_dt_s", "s", "[project] implied speeds over at least 10 min",
      &l.implied_min_dt_s);
  // ---- draught (detect/draught.h)
  add("draught.min_change_m", "m", "issue 4: loaded or unloaded", &c.draught.min_change_m);
  add("draught.confirmations", "reports", "as identity.confirmations (bit-error suppression)",
      &c.draught.confirmations);
  add("draught.tolerance_m", "m", "half the 0.1 m resolution of AIS message 5", &c.draught.tolerance_m);
  // ---- sanctions screening (watchlist/match.h)
  add("watchlist.min_score", "score 0..1", "tuned on tests/data/watchlist/pairs.csv: an exact name alone is reported",
      &c.watchlist.min_score);
  add("watchlist.strong_score", "score 0..1", "[project] an identifier (IMO, MMSI) agreed", &c.watchlist.strong_score);
  // ---- satellite detections to AIS (match/ais_match.h, docs/matching.md)
  auto& m = c.match;
  add("match.max_interpolation_gap_min", "min", "[project] fixes further apart are a reception gap, not a path",
      &m.max_interpolation_gap_min);
  add("match.max_extrapolation_min", "min", "[project] OpenSARShip AIS offsets reach 587 s (PROVENANCE.md)",
      &m.max_extrapolation_min);
  add("match.gate_base_m", "m", "OpenSARShip residuals after projection: median 52, p90 193, max 296 m",
      &m.gate_base_m);
  add("match.gate_speed_factor", "fraction", "[project] 3-5 deg COG / 5-10 % SOG error over the distance sailed",
      &m.gate_speed_factor);
  add("match.no_geometry_shift_s", "s", "R/V_sat * sin(incidence), Sentinel-1 IW far range ~90 s (Raney 1971)",
      &m.no_geometry_shift_s);
  add("match.max_length_ratio", "ratio", "GFW RADARSAT-2 reviewed matches: keeps 95.2 % (docs/matching.md)",
      &m.max_length_ratio);
  add("match.length_weight", "1", "[project] length term of the assignment cost", &m.length_weight);
  add("match.footprint_margin_m", "m", "GFW within_footprint_5km", &m.footprint_margin_m);
  add("match.azimuth_correction", "bool", "Raney 1971; GFW Kroodsma et al. 2022: move AIS to where SAR sees it",
      &m.azimuth_correction);
}

void ParamTable::bind_possible_port_visit(Config& c) {
  auto& p = c.possible_port_visit;
  auto add = [this](std::string key, std::string unit, std::string source, auto* value) {
    params_.push_back(Param{std::move(key), std::move(unit), std::move(source), value});
  };
  add("possible_port_visit.max_speed_kn", "kn", "[project] service speed of cargo ships and tankers 12-15 kn",
      &p.max_speed_kn);
  add("possible_port_visit.use_observed_speed", "bool", "[project] a faster vessel uses its own top speed",
      &p.use_observed_speed);
  add("possible_port_visit.max_observed_speed_kn", "kn", "GFW Matcher.max_knots: fastest plausible vessel",
      &p.max_observed_speed_kn);
  add("possible_port_visit.observed_speed_quantile", "fraction", "[project] ignores odd corrupt reports",
      &p.observed_speed_quantile);
  add("possible_port_visit.min_port_stay_h", "h", "GFW port visits: at least 3 h", &p.min_port_stay_h);
  add("possible_port_visit.max_gap_h", "h", "[project] longer gaps reach too many ports to be evidence",
      &p.max_gap_h);
  add("possible_port_visit.min_cell_deg", "deg", "[project] finest routing cell, keeps straits open",
      &p.routing.min_cell_deg);
  add("possible_port_visit.max_cells", "cells", "[project] routing grid size cap", &p.routing.max_cells);
  add("possible_port_visit.snap_km", "km", "GFW anchorage_entry_distance_km 3", &p.routing.snap_km);
  add("possible_port_visit.max_snap_km", "km", "[project] 97.9% of WPI ports within 25 km of water",
      &p.routing.max_snap_km);
  add("possible_port_visit.smooth", "bool", "[project] string pulling removes grid overestimate",
      &p.routing.smooth);
  add("possible_port_visit.passages", "bool",
      "[project] GSHHG draws no canals: Suez, Panama, Kiel, Corinth, Bosporus drawn as water",
      &p.routing.passages);
}

namespace {

std::string format_value(const Param& p) {
  std::string out;
  std::visit(
      [&out](auto* v) {
        using T = std::remove_pointer_t<decltype(v)>;
        if constexpr (std::is_same_v<T, bool>) {
          out = *v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, std::string>) {
          report::put_json_str(out, *v);
        } else if constexpr (std::is_same_v<T, double>) {
          // Shortest round-trip form, with a decimal point so TOML reads a float.
          char b[64];
          auto r = std::to_chars(b, b + sizeof b, *v);
          out.assign(b, r.ptr);
          if (out.find_first_of(".eEn") == std::string::npos) out += ".0";
        } else {
          out = std::to_string(*v);
        }
      },
      p.value);
  return out;
}

}  // namespace

void ParamTable::apply_toml(std::string_view text, std::string_view source_name) {
  toml::table doc;
  try {
    doc = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    std::ostringstream m;
    m << source_name << ":" << e.source().begin.line << ": " << e.description();
    throw std::runtime_error(m.str());
  }
  auto where = [&](const toml::node& n) {
    return std::string(source_name) + ":" + std::to_string(n.source().begin.line);
  };
  for (auto&& [section, node] : doc) {
    const auto* table = node.as_table();
    if (table == nullptr)
      throw std::runtime_error(where(node) + ": '" + std::string(section.str()) +
                               "' must be a table ([" + std::string(section.str()) + "])");
    for (auto&& [name, bound_value] : *table) {
      // A reference the lambda below can capture (clang 14 cannot capture a structured binding).
      const toml::node& value = bound_value;
      const std::string key = std::string(section.str()) + "." + std::string(name.str());
      Param* p = nullptr;
      for (auto& q : params_)
        if (q.key == key) p = &q;
      if (p == nullptr) throw std::runtime_error(where(value) + ": unknown parameter " + key);
      const std::string bad = where(value) + ": wrong type for " + key;
      std::visit(
          [&](auto* v) {
            using T = std::remove_pointer_t<decltype(v)>;
            if constexpr (std::is_same_v<T, bool>) {
              if (!value.is_boolean()) throw std::runtime_error(bad + " (expected true or false)");
              *v = *value.value<bool>();
            } else if constexpr (std::is_same_v<T, std::string>) {
              if (!value.is_string()) throw std::runtime_error(bad + " (expected a string)");
              *v = *value.value<std::string>();
            } else if constexpr (std::is_same_v<T, double>) {
              if (!value.is_number()) throw std::runtime_error(bad + " (expected a number)");
              const double d = *value.value<double>();
              if (!std::isfinite(d)) throw std::runtime_error(bad + " (not finite)");
              *v = d;
            } else {
              if (!value.is_integer()) throw std::runtime_error(bad + " (expected an integer)");
              const std::int64_t i = *value.value<std::int64_t>();
              if constexpr (!std::is_same_v<T, std::int64_t>) {
                if (i < 0) throw std::runtime_error(bad + " (must not be negative)");
              }
              *v = static_cast<T>(i);
            }
          },
          p->value);
    }
  }
}

void ParamTable::apply_toml_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read config " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  apply_toml(ss.str(), path);
}

std::string ParamTable::to_toml() const {
  std::string out =
      "# tidewatch parameters: the effective values (defaults overridden by --config).\n"
      "# Each line: key = value  # unit; source of the default.\n";
  std::string section;
  for (const auto& p : params_) {
    const auto dot = p.key.find('.');
    const std::string sec = p.key.substr(0, dot);
    if (sec != section) {
      out.append("\n[").append(sec).append("]\n");
      section = sec;
    }
    out.append(p.key, dot + 1).append(" = ").append(format_value(p)).append("  # ");
    out.append(p.unit).append("; ").append(p.source).append("\n");
  }
  return out;
}

std::string ParamTable::to_json() const {
  std::string out = "{";
  std::string section;
  for (const auto& p : params_) {
    const auto dot = p.key.find('.');
    const std::string sec = p.key.substr(0, dot);
    if (sec != section) {
      if (!section.empty()) out += "},";
      report::put_json_str(out, sec);
      out += ":{";
      section = sec;
    } else {
      out += ",";
    }
    report::put_json_str(out, p.key.substr(dot + 1));
    out += ':';
    out += format_value(p);
  }
  if (!section.empty()) out += "}";
  out += "}";
  return out;
}

}  // namespace tidewatch::analyze
