#include "common_options.h"

#include <ostream>
#include <stdexcept>

namespace tidewatch::app {

void add_pipeline_options(CLI::App& cmd, PipelineSettings& s) {
  cmd.add_option("inputs", s.inputs, "Input files (any supported format, plain or .gz; - for stdin)")
      ->required();
  cmd.add_option("--out,-o", s.out, "Output directory (created if needed)")->required();
  cmd.add_option("--format,-f", s.format,
                 "auto (detect), nmea, dma, marinecadastre, gfw, gpsd or generic")
      ->check(CLI::IsMember({"auto", "nmea", "dma", "marinecadastre", "gfw", "gpsd", "generic"}))
      ->default_str("auto");
  cmd.add_option("--columns", s.columns,
                 "Generic CSV column mapping, e.g. mmsi=MMSI,time=ts,lat=lat,lon=lon,name=name");
  cmd.add_option("--time-format", s.time_format,
                 "Generic CSV time format: iso8601, unix, unix_ms or a strptime pattern");
  cmd.add_option("--rejects", s.rejects,
                 "Write every rejected line here as JSON Lines: source, line, reason, text");
  cmd.add_option("--order", s.order,
                 "sort: per-vessel external sort, any input order, bounded memory (default); "
                 "window: stream a nearly time-ordered feed through the reorder window, no disk, "
                 "records later than the window rejected")
      ->check(CLI::IsMember({"sort", "window"}))
      ->default_str("sort");
  cmd.add_option("--ports", s.ports,
                 "Port list: CSV name,locode,lat,lon,radius_m or GeoJSON port polygons "
                 "(default: the bundled NGA World Port Index, data/ports/wpi.csv)");
  cmd.add_option("--config", s.config,
                 "TOML file overriding thresholds (see `tidewatch config --print`)");
  cmd.add_option("--shoreline", s.shoreline,
                 "GSHHG resolution for position_on_land: c, l, i, h (default) or f; off to "
                 "disable (same as land.shoreline)")
      ->check(CLI::IsMember({"c", "l", "i", "h", "f", "off"}));
  cmd.add_option("--land-margin", s.land_margin_m,
                 "Metres inside the shoreline before a position counts as on land (default 1000; "
                 "same as land.margin_m)")
      ->check(CLI::Range(0.0, 100000.0));
  cmd.add_flag("--quiet,-q", s.quiet, "Do not print the summary on standard error");
}

analyze::PipelineOptions pipeline_options(const PipelineSettings& s) {
  analyze::PipelineOptions opt;
  opt.inputs = s.inputs;
  opt.out_dir = s.out;
  opt.rejects_path = s.rejects;
  opt.ports_path = s.ports;
  opt.watchlists = s.watchlists;
  opt.order = s.order == "window" ? analyze::Order::window : analyze::Order::sort;
  if (s.format == "generic" || s.format == "csv") {
    opt.read.format = ingest::InputFormat::generic_csv;
  } else if (s.format != "auto") {
    opt.read.format = ingest::parse_input_format(s.format);
    if (!opt.read.format) throw std::runtime_error("unknown --format " + s.format);
  }
  if (!s.columns.empty()) {
    ingest::GenericCsvOptions g;
    g.columns = ingest::ColumnMapping::parse(s.columns);
    if (!s.time_format.empty()) g.time = ingest::TimeFormat::parse(s.time_format);
    opt.read.generic = g;
  }
  analyze::ParamTable table(opt.config);
  if (!s.config.empty()) table.apply_toml_file(s.config);
  if (!s.shoreline.empty()) opt.config.land.shoreline = s.shoreline;
  if (s.land_margin_m >= 0) opt.config.land.margin_m = s.land_margin_m;
  return opt;
}

void print_run_summary(std::ostream& out, const std::string& program,
                       const analyze::PipelineResult& r) {
  const auto& t = r.ingest;
  std::string line = program + ": " + std::to_string(t.lines) + " lines, " +
                     std::to_string(t.positions) + " positions, " + std::to_string(t.statics) +
                     " statics, " + std::to_string(r.vessels) + " vessels, " +
                     std::to_string(r.track_segments) + " segments; rejected " +
                     std::to_string(t.total_rejected());
  const char* sep = ": ";
  for (std::size_t k = 0; k < kRejectReasonCount; ++k) {
    if (t.rejected[k] == 0) continue;
    line += sep;
    line += reject_reason_name(static_cast<RejectReason>(k));
    line += ' ' + std::to_string(t.rejected[k]);
    sep = ", ";
  }
  out << line << '\n';
}

}  // namespace tidewatch::app
