// vessels.csv of `tidewatch tracks` read back for screening (watchlist/vessels.h).

#include "tidewatch/watchlist/vessels.h"

#include <cctype>
#include <string>

#include "tidewatch/ingest/csv.h"

namespace tidewatch::watchlist {

std::vector<std::string_view> split_counted_list(std::string_view field) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos <= field.size()) {
    std::size_t bar = field.find('|', pos);
    std::string_view item = field.substr(pos, bar == std::string_view::npos ? std::string_view::npos : bar - pos);
    // Drop a trailing "(digits)" count.
    if (!item.empty() && item.back() == ')') {
      const std::size_t open = item.rfind('(');
      bool digits = open != std::string_view::npos && open + 2 < item.size() + 1;
      for (std::size_t i = open + 1; digits && i + 1 < item.size(); ++i)
        digits = std::isdigit(static_cast<unsigned char>(item[i])) != 0;
      if (digits && open != std::string_view::npos && open + 1 < item.size() - 1) item = item.substr(0, open);
    }
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    if (!item.empty()) out.push_back(item);
    if (bar == std::string_view::npos) break;
    pos = bar + 1;
  }
  return out;
}

namespace {
bool parse_u32(std::string_view s, std::uint32_t& v) {
  if (s.empty() || s.size() > 10) return false;
  std::uint64_t x = 0;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    x = x * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (x > 0xFFFFFFFFULL) return false;
  v = static_cast<std::uint32_t>(x);
  return true;
}
}  // namespace

VesselsCsv read_vessels_csv(std::string_view text) {
  VesselsCsv out;
  ingest::CsvSplitter csv(',');
  int c_mmsi = -1, c_flag = -1, c_names = -1, c_cs = -1, c_imos = -1;
  bool header = false;
  std::size_t line_no = 0, pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_no == 1) line = ingest::strip_bom(line);
    if (line.empty()) continue;
    if (!header) {
      header = true;
      if (!csv.split(line)) {
        out.rejects.push_back({line_no, "vessels.csv", "bad_header", "unclosed quote"});
        return out;
      }
      for (std::size_t i = 0; i < csv.size(); ++i) {
        const int ii = static_cast<int>(i);
        if (csv[i] == "mmsi") c_mmsi = ii;
        else if (csv[i] == "flag") c_flag = ii;
        else if (csv[i] == "names") c_names = ii;
        else if (csv[i] == "callsigns") c_cs = ii;
        else if (csv[i] == "imos") c_imos = ii;
      }
      if (c_mmsi < 0) {
        out.rejects.push_back({line_no, "vessels.csv", "bad_header", "no mmsi column"});
        return out;
      }
      continue;
    }
    ++out.rows;
    if (!csv.split(line)) {
      out.rejects.push_back({line_no, "vessels.csv", "bad_csv_row", "unclosed quote"});
      continue;
    }
    auto col = [&](int c) { return c < 0 ? std::string_view{} : csv.get(static_cast<std::size_t>(c)); };
    VesselIdentity v;
    if (!parse_u32(col(c_mmsi), v.mmsi)) {
      out.rejects.push_back({line_no, "vessels.csv", "bad_number", "mmsi " + std::string(col(c_mmsi))});
      continue;
    }
    v.flag = std::string(col(c_flag));
    for (std::string_view n : split_counted_list(col(c_names))) v.names.emplace_back(n);
    for (std::string_view c : split_counted_list(col(c_cs))) v.callsigns.emplace_back(c);
    for (std::string_view i : split_counted_list(col(c_imos))) {
      std::uint32_t imo = 0;
      if (parse_u32(i, imo)) v.imos.push_back(imo);
    }
    out.vessels.push_back(std::move(v));
  }
  if (!header) out.rejects.push_back({0, "vessels.csv", "bad_header", "empty file"});
  return out;
}

}  // namespace tidewatch::watchlist
