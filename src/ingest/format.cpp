#include "tidewatch/ingest/format.h"

#include "fields.h"
#include "tidewatch/ingest/csv.h"
#include "tidewatch/ingest/dma.h"
#include "tidewatch/ingest/gpsd_json_in.h"
#include "tidewatch/ingest/line_reader.h"
#include "tidewatch/ingest/marinecadastre.h"
#include "tidewatch/ingest/nmea_in.h"

#include "tidewatch/ingest/gfw_json.h"

namespace tidewatch::ingest {

std::string_view input_format_name(InputFormat f) noexcept {
  switch (f) {
    case InputFormat::nmea: return "nmea";
    case InputFormat::dma_csv: return "dma";
    case InputFormat::marinecadastre_csv: return "marinecadastre";
    case InputFormat::gfw_json: return "gfw";
    case InputFormat::gpsd_json: return "gpsd";
    case InputFormat::generic_csv: return "csv";
  }
  return "?";
}

std::optional<InputFormat> parse_input_format(std::string_view name) noexcept {
  for (auto f : {InputFormat::nmea, InputFormat::dma_csv, InputFormat::marinecadastre_csv,
                 InputFormat::gfw_json, InputFormat::gpsd_json, InputFormat::generic_csv}) {
    if (name == input_format_name(f)) return f;
  }
  if (name == "dma_csv") return InputFormat::dma_csv;
  if (name == "marinecadastre_csv") return InputFormat::marinecadastre_csv;
  if (name == "gfw_json") return InputFormat::gfw_json;
  if (name == "gpsd_json") return InputFormat::gpsd_json;
  if (name == "generic_csv") return InputFormat::generic_csv;
  return std::nullopt;
}

namespace {

/// The first header cells, lower-cased, delimiter-normalised to ','.
std::string header_prefix(std::string_view line) {
  const char delim = detect_delimiter(line);
  std::string out;
  out.reserve(line.size() < 80 ? line.size() : 80);
  for (std::size_t i = 0; i < line.size() && i < 80; ++i) {
    char c = line[i];
    if (c == '"') continue;
    if (c == delim) c = ',';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out.push_back(c);
  }
  return out;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

}  // namespace

std::optional<InputFormat> detect_format(std::string_view first_line) noexcept {
  std::string_view s = detail::trim(strip_bom(first_line));
  if (s.empty()) return std::nullopt;
  const char c = s.front();
  if (c == '!' || c == '\\' || c == '$') return InputFormat::nmea;
  if (c == '{') {
    // Cheap key scan; the readers parse properly.
    std::size_t i = 1;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    std::string_view rest = s.substr(i);
    if (starts_with(rest, "\"class\"")) {
      rest.remove_prefix(7);
      std::size_t k = 0;
      while (k < rest.size() && (rest[k] == ' ' || rest[k] == ':' || rest[k] == '\t')) ++k;
      if (starts_with(rest.substr(k), "\"AIS\"")) return InputFormat::gpsd_json;
    }
    if (s.find("\"ssvid\"") != std::string_view::npos &&
        s.find("\"timestamp\"") != std::string_view::npos)
      return InputFormat::gfw_json;
    return std::nullopt;
  }
  try {
    std::string_view h = s;
    while (!h.empty() && (h.front() == '#' || h.front() == ' ')) h.remove_prefix(1);
    const std::string p = header_prefix(h);
    if (starts_with(p, "timestamp,type of mobile,mmsi")) return InputFormat::dma_csv;
    if (starts_with(p, "mmsi,basedatetime,lat,lon")) return InputFormat::marinecadastre_csv;
  } catch (...) {  // allocation failure: treat as unknown
  }
  return std::nullopt;
}

namespace {

template <typename Reader>
void pump(LineReader& in, const Line& first, Reader& r) {
  auto feed = [&](const Line& l) {
    if (l.truncated) {
      r.reject_line(l.text, l.number, RejectReason::line_too_long);
    } else {
      r.feed_line(l.text, l.number);
    }
  };
  feed(first);
  while (auto l = in.next()) feed(*l);
}

}  // namespace

IngestStats read_observations(const std::string& path, const ReadOptions& options,
                              ObservationSink& sink) {
  LineReader in(path);
  IngestStats leading;  // blank lines before the first non-empty one
  std::optional<Line> first;
  while ((first = in.next())) {
    if (!detail::trim(strip_bom(first->text)).empty()) break;
    ++leading.lines;
    ++leading.skipped[static_cast<std::size_t>(SkipReason::blank)];
  }
  if (!first) return leading;

  std::optional<InputFormat> format = options.format;
  if (!format) format = detect_format(first->text);
  if (!format && options.generic) format = InputFormat::generic_csv;
  if (!format)
    throw InputError(path + ": unknown input format (give --format, or --columns for a CSV)");

  IngestStats st;
  switch (*format) {
    case InputFormat::nmea: {
      NmeaReader r(sink, options.source, options.nmea);
      pump(in, *first, r);
      r.finish();
      st = r.stats();
      break;
    }
    case InputFormat::dma_csv: {
      DmaCsvReader r(sink, options.source);
      pump(in, *first, r);
      st = r.stats();
      break;
    }
    case InputFormat::marinecadastre_csv: {
      MarineCadastreReader r(sink, options.source);
      pump(in, *first, r);
      st = r.stats();
      break;
    }
    case InputFormat::gpsd_json: {
      GpsdJsonReader r(sink, options.source);
      pump(in, *first, r);
      st = r.stats();
      break;
    }
    case InputFormat::generic_csv: {
      if (!options.generic)
        throw InputError(path + ": generic CSV needs a column mapping (--columns)");
      GenericCsvReader r(*options.generic, sink, options.source);
      pump(in, *first, r);
      st = r.stats();
      break;
    }
    case InputFormat::gfw_json: {
      // ---- GFW JSON: one message per line (ingest/gfw_json.h)
      detail::Emitter em{sink, options.source, {}};
      auto feed = [&](const Line& l) {
        ++em.stats.lines;
        if (l.truncated) return em.reject(l.text, l.number, RejectReason::line_too_long);
        if (detail::trim(strip_bom(l.text)).empty()) return em.skip(SkipReason::blank);
        auto r = parse_gfw_line(strip_bom(l.text), LineRef{options.source, l.number});
        if (const auto* reason = std::get_if<RejectReason>(&r)) {
          em.reject(l.text, l.number, *reason);
        } else {
          em.emit(std::get<GfwMessage>(r).obs);
        }
      };
      feed(*first);
      while (auto l = in.next()) feed(*l);
      st = em.stats;
      break;
    }
  }
  st.lines += leading.lines;
  st.skipped[static_cast<std::size_t>(SkipReason::blank)] +=
      leading.skipped[static_cast<std::size_t>(SkipReason::blank)];
  return st;
}

}  // namespace tidewatch::ingest
