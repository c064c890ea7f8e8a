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

constexpr const char* kGfwSeg = "GFW gpsdio-segment v3.0.0 ";

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
  add("segmenter.max_hours", "h", std::string(kGfwSeg) + "matcher.py Matcher.max_hours", &s.max_hours);
  add("segmenter.penalty_hours", "h", std::string(kGfwSeg) + "Matcher.penalty_hours", &s.penalty_hours);
  add("segmenter.hours_exp", "1", std::string(kGfwSeg) + "Matcher.hours_exp", &s.hours_exp);
  add("segmenter.buffer_hours", "h", std::string(kGfwSeg) + "Matcher.buffer_hours", &s.buffer_hours);
  add("segmenter.lookback", "messages", std::string(kGfwSeg) + "Matcher.lookback", &s.lookback);
  add("segmenter.lookback_factor", "1", std::string(kGfwSeg) + "Matcher.lookback_factor", &s.lookback_factor);
  add("segmenter.max_knots", "kn", std::string(kGfwSeg) + "Matcher.max_knots", &s.max_knots);
  add("segmenter.ambiguity_factor", "1", std::string(kGfwSeg) + "Matcher.ambiguity_factor", &s.ambiguity_factor);
  add("segmenter.short_seg_threshold", "messages", std::string(kGfwSeg) + "Matcher.short_seg_threshold",
      &s.short_seg_threshold);
  add("segmenter.transponder_mismatch_weight", "1",
      std::string(kGfwSeg) + "Matcher.transponder_mismatch_weight", &s.transponder_mismatch_weight);
  add("segmenter.penalty_speed", "kn", std::string(kGfwSeg) + "Matcher.penalty_speed", &s.penalty_speed);
  add("segmenter.min_type_27_hours", "h", std::string(kGfwSeg) + "Matcher.min_type_27_hours",
      &s.min_type_27_hours);
  add("segmenter.very_slow", "kn", std::string(kGfwSeg) + "DiscrepancyCalculator.very_slow", &s.very_slow);
  add("segmenter.shape_factor", "1", std::string(kGfwSeg) + "DiscrepancyCalculator.shape_factor",
      &s.shape_factor);
  add("segmenter.max_open_segments", "segments", std::string(kGfwSeg) + "Segmenter max_open_segments",
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
  bind_detectors(c);
}

void ParamTable::bind_detectors(Config& c) {
  (void)c;  // PENDING detectors
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
    for (auto&& [name, value] : *table) {
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
      out += "\n[" + sec + "]\n";
      section = sec;
    }
    out += p.key.substr(dot + 1) + " = " + format_value(p) + "  # " + p.unit + "; " + p.source + "\n";
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
    out += ":" + format_value(p);
  }
  if (!section.empty()) out += "}";
  out += "}";
  return out;
}

}  // namespace tidewatch::analyze
