// Readers of sanctions lists (watchlist/readers.h).

#include "tidewatch/watchlist/readers.h"
#include "text_util.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "tidewatch/core/ids.h"
#include "tidewatch/ingest/csv.h"

namespace tidewatch::watchlist {

std::string_view entry_kind_name(EntryKind k) noexcept {
  switch (k) {
    case EntryKind::vessel: return "vessel";
    case EntryKind::entity: return "entity";
    case EntryKind::individual: return "individual";
    case EntryKind::aircraft: return "aircraft";
    case EntryKind::other: break;
  }
  return "other";
}

std::string_view name_kind_name(NameKind k) noexcept {
  switch (k) {
    case NameKind::primary: return "primary";
    case NameKind::aka: return "aka";
    case NameKind::fka: return "fka";
    case NameKind::nka: return "nka";
    case NameKind::weak: return "weak";
  }
  return "primary";
}

const std::string& Entry::primary_name() const noexcept {
  static const std::string empty;
  return names.empty() ? empty : names.front().text;
}

const Entry* WatchList::find(std::string_view id) const noexcept {
  for (const Entry& e : entries)
    if (e.id == id) return &e;
  return nullptr;
}

std::size_t WatchList::count(EntryKind k) const noexcept {
  return static_cast<std::size_t>(
      std::count_if(entries.begin(), entries.end(), [k](const Entry& e) { return e.kind == k; }));
}

namespace {

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

/// OFAC null: "-0-" with or without spaces.
std::string_view ofac_field(std::string_view f) noexcept {
  f = trim(f);
  return f == "-0-" ? std::string_view{} : f;
}

/// The leading run of digits of `s` (after spaces) as a number; nullopt when
/// there is none or it overflows 32 bits.  `ndigits` receives the run length.
std::optional<std::uint32_t> leading_number(std::string_view s, std::size_t* ndigits = nullptr) noexcept {
  s = trim(s);
  std::size_t n = 0;
  while (n < s.size() && std::isdigit(static_cast<unsigned char>(s[n]))) ++n;
  if (ndigits) *ndigits = n;
  if (n == 0 || n > 10) return std::nullopt;
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i) v = v * 10 + static_cast<std::uint64_t>(s[i] - '0');
  if (v > 0xFFFFFFFFULL) return std::nullopt;
  return static_cast<std::uint32_t>(v);
}

/// Lines of a text: views without the line end; `\r\n` and `\n` both end a line.
template <typename F>
void for_each_line(std::string_view text, F&& f) {
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++line_no;
    f(line_no, line);
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
}

/// A line with nothing but the DOS end-of-file byte (0x1A) or white space.
bool is_blank_or_eof(std::string_view line) noexcept {
  for (char c : line)
    if (c != '\x1a' && c != ' ' && c != '\t' && c != '\r') return false;
  return true;
}

void add_name(Entry& e, std::string_view text, NameKind kind) {
  text = trim(text);
  if (text.empty()) return;
  for (const Name& n : e.names)
    if (n.text == text) return;
  e.names.push_back(Name{std::string(text), kind});
}

/// Text between the first and last single quote ("'ALPHA'" -> ALPHA).
std::string_view quoted(std::string_view s) noexcept {
  const std::size_t a = s.find('\'');
  const std::size_t b = s.rfind('\'');
  if (a == std::string_view::npos || b == a) return trim(s);
  return s.substr(a + 1, b - a - 1);
}

void add_imo(Entry& e, std::uint32_t imo, WatchList& wl, const char* file, std::size_t line) {
  if (e.kind != EntryKind::vessel) {
    // OFAC files some DPRK shipping companies' IMO company numbers under
    // "Vessel Registration Identification IMO" (entity 19569 ...): a company
    // number, never a ship IMO.
    e.company_imos.push_back(imo);
    return;
  }
  if (imo_check_digit_ok(imo)) {
    if (!e.imo) e.imo = imo;
    else if (*e.imo != imo) e.registrations.push_back("IMO " + std::to_string(imo));
  } else {
    e.bad_imos.push_back(imo);
    wl.rejects.push_back({line, file, "bad_imo", "entry " + e.id + ": IMO " + std::to_string(imo) + " fails the check digit"});
  }
}

/// Reads the `; `-separated OFAC remarks into the entry's fields.
void parse_ofac_remarks(Entry& e, std::string_view remarks, WatchList& wl, std::size_t line) {
  std::string_view r = trim(remarks);
  if (!r.empty() && r.back() == '.') r.remove_suffix(1);
  std::size_t pos = 0;
  while (pos <= r.size()) {
    std::size_t sep = r.find("; ", pos);
    std::string_view p = trim(r.substr(pos, sep == std::string_view::npos ? std::string_view::npos : sep - pos));
    pos = sep == std::string_view::npos ? r.size() + 1 : sep + 2;
    if (starts_with_ci(p, "alt. ")) p.remove_prefix(5);
    if (p.empty()) continue;
    auto after = [&](std::string_view prefix) { return trim(p.substr(prefix.size())); };
    if (starts_with_ci(p, "Vessel Registration Identification ")) {
      std::string_view v = after("Vessel Registration Identification ");
      std::size_t nd = 0;
      if (starts_with_ci(v, "IMO ")) {
        if (auto n = leading_number(v.substr(4), &nd); n && nd == 7) add_imo(e, *n, wl, "sdn.csv", line);
        else wl.rejects.push_back({line, "sdn.csv", "bad_number", "entry " + e.id + ": " + std::string(v)});
      } else if (auto n = leading_number(v, &nd); n && nd == 7 && nd == trim(v).size() && imo_check_digit_ok(*n)) {
        add_imo(e, *n, wl, "sdn.csv", line);  // a bare 7-digit number with a valid check digit
      } else {
        e.registrations.emplace_back(v);
      }
    } else if (starts_with_ci(p, "MMSI ")) {
      std::size_t nd = 0;
      if (auto n = leading_number(after("MMSI "), &nd); n && nd == 9) e.mmsis.push_back(*n);
      else wl.rejects.push_back({line, "sdn.csv", "bad_number", "entry " + e.id + ": " + std::string(p)});
    } else if (starts_with_ci(p, "Vessel Year of Build ")) {
      if (auto n = leading_number(after("Vessel Year of Build "))) e.build_year = static_cast<int>(*n);
    } else if (starts_with_ci(p, "Former Vessel Flag ")) {
      e.other_flags.emplace_back(after("Former Vessel Flag "));
    } else if (starts_with_ci(p, "Other Vessel Flag ")) {
      e.other_flags.emplace_back(after("Other Vessel Flag "));
    } else if (starts_with_ci(p, "Other Vessel Call Sign ")) {
      e.callsigns.push_back(upper(after("Other Vessel Call Sign ")));
    } else if (starts_with_ci(p, "a.k.a. ")) {
      add_name(e, quoted(after("a.k.a. ")), NameKind::aka);
    } else if (starts_with_ci(p, "f.k.a. ")) {
      add_name(e, quoted(after("f.k.a. ")), NameKind::fka);
    } else if (starts_with_ci(p, "n.k.a. ")) {
      add_name(e, quoted(after("n.k.a. ")), NameKind::nka);
    } else if (starts_with_ci(p, "Linked To: ")) {
      e.links.push_back(Link{"linked_to", std::string(after("Linked To: ")), {}});
    } else if (starts_with_ci(p, "Identification Number IMO ")) {
      // A company number on entities.  On a vessel (NS LEADER, 47371, in
      // 2024) OFAC means the ship IMO: taken as one when the check digit passes.
      if (auto n = leading_number(after("Identification Number IMO "))) {
        if (e.kind == EntryKind::vessel && imo_check_digit_ok(*n)) add_imo(e, *n, wl, "sdn.csv", line);
        else e.company_imos.push_back(*n);
      }
    } else if (starts_with_ci(p, "Additional Sanctions Information - ")) {
      if (!e.note.empty()) e.note += "; ";
      e.note += after("Additional Sanctions Information - ");
    }
  }
}

EntryKind ofac_kind(std::string_view t) noexcept {
  if (t.empty()) return EntryKind::entity;  // OFAC leaves SDN_Type null for entities
  if (starts_with_ci(t, "vessel")) return EntryKind::vessel;
  if (starts_with_ci(t, "individual")) return EntryKind::individual;
  if (starts_with_ci(t, "aircraft")) return EntryKind::aircraft;
  if (starts_with_ci(t, "entity")) return EntryKind::entity;
  return EntryKind::other;
}

std::vector<std::string> split_programs(std::string_view p) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= p.size()) {
    std::size_t sep = p.find(']', pos);
    std::string_view one = p.substr(pos, sep == std::string_view::npos ? std::string_view::npos : sep - pos);
    while (!one.empty() && (one.front() == '[' || one.front() == ' ')) one.remove_prefix(1);
    one = trim(one);
    if (!one.empty()) out.emplace_back(one);
    if (sep == std::string_view::npos) break;
    pos = sep + 1;
  }
  return out;
}

}  // namespace

WatchList read_ofac_sdn_csv(const OfacCsvFiles& files, std::string list_date) {
  WatchList wl;
  wl.source = "ofac_sdn";
  wl.list_date = std::move(list_date);
  std::unordered_map<std::string, std::size_t> by_id;
  std::vector<std::pair<std::string, std::size_t>> remarks;  // raw remarks, line per entry
  ingest::CsvSplitter csv(',');

  for_each_line(files.sdn, [&](std::size_t line_no, std::string_view line) {
    if (is_blank_or_eof(line)) return;
    ++wl.rows;
    if (!csv.split(line)) {
      wl.rejects.push_back({line_no, "sdn.csv", "bad_csv_row", "unclosed quote or text after a closing quote"});
      return;
    }
    if (csv.size() < 12) {
      wl.rejects.push_back({line_no, "sdn.csv", "bad_csv_row", std::to_string(csv.size()) + " columns, 12 expected"});
      return;
    }
    const std::string_view id = ofac_field(csv[0]);
    const std::string_view name = ofac_field(csv[1]);
    if (id.empty() || name.empty()) {
      wl.rejects.push_back({line_no, "sdn.csv", "missing_field", id.empty() ? "ent_num" : "SDN_Name"});
      return;
    }
    std::size_t nd = 0;
    if (!leading_number(id, &nd) || nd != id.size()) {
      wl.rejects.push_back({line_no, "sdn.csv", "bad_number", "ent_num " + std::string(id)});
      return;
    }
    Entry e;
    e.source = wl.source;
    e.id = std::string(id);
    e.kind = ofac_kind(ofac_field(csv[2]));
    e.names.push_back(Name{std::string(name), NameKind::primary});
    e.programs = split_programs(ofac_field(csv[3]));
    if (auto cs = ofac_field(csv[5]); !cs.empty()) e.callsigns.push_back(upper(cs));
    e.vessel_type = std::string(ofac_field(csv[6]));
    e.tonnage = std::string(ofac_field(csv[7]));
    e.gross_tonnage = std::string(ofac_field(csv[8]));
    e.flag = std::string(ofac_field(csv[9]));
    if (auto owner = ofac_field(csv[10]); !owner.empty()) e.links.push_back(Link{"owner", std::string(owner), {}});
    e.list_date = wl.list_date;
    if (by_id.count(e.id)) {
      wl.rejects.push_back({line_no, "sdn.csv", "bad_csv_row", "duplicate ent_num " + e.id});
      return;
    }
    by_id.emplace(e.id, wl.entries.size());
    remarks.emplace_back(std::string(ofac_field(csv[11])), line_no);
    wl.entries.push_back(std::move(e));
  });

  // sdn_comments.csv continues a Remarks field cut at ~1000 characters.
  for_each_line(files.comments, [&](std::size_t line_no, std::string_view line) {
    if (is_blank_or_eof(line)) return;
    ++wl.rows;
    if (!csv.split(line) || csv.size() < 2) {
      wl.rejects.push_back({line_no, "sdn_comments.csv", "bad_csv_row", "fewer than 2 columns or unclosed quote"});
      return;
    }
    auto it = by_id.find(std::string(ofac_field(csv[0])));
    if (it == by_id.end()) {
      wl.rejects.push_back({line_no, "sdn_comments.csv", "unknown_entry", std::string(ofac_field(csv[0]))});
      return;
    }
    remarks[it->second].first += ofac_field(csv[1]);
  });

  for (std::size_t i = 0; i < wl.entries.size(); ++i) {
    wl.entries[i].remarks = remarks[i].first;
    parse_ofac_remarks(wl.entries[i], remarks[i].first, wl, remarks[i].second);
  }

  for_each_line(files.alt, [&](std::size_t line_no, std::string_view line) {
    if (is_blank_or_eof(line)) return;
    ++wl.rows;
    if (!csv.split(line) || csv.size() < 4) {
      wl.rejects.push_back({line_no, "alt.csv", "bad_csv_row", "fewer than 4 columns or unclosed quote"});
      return;
    }
    auto it = by_id.find(std::string(ofac_field(csv[0])));
    if (it == by_id.end()) {
      wl.rejects.push_back({line_no, "alt.csv", "unknown_entry", std::string(ofac_field(csv[0]))});
      return;
    }
    const std::string_view type = ofac_field(csv[2]);
    const std::string_view alt_name = ofac_field(csv[3]);
    const std::string_view alt_remarks = ofac_field(csv.get(4));
    if (alt_name.empty()) {
      wl.rejects.push_back({line_no, "alt.csv", "missing_field", "alt_name"});
      return;
    }
    NameKind kind = NameKind::aka;
    if (starts_with_ci(type, "fka")) kind = NameKind::fka;
    else if (starts_with_ci(type, "nka")) kind = NameKind::nka;
    if (starts_with_ci(alt_remarks, "weak")) kind = NameKind::weak;
    add_name(wl.entries[it->second], alt_name, kind);
  });

  // add.csv has addresses: no vessel data, but its rows are counted and checked.
  for_each_line(files.add, [&](std::size_t line_no, std::string_view line) {
    if (is_blank_or_eof(line)) return;
    ++wl.rows;
    if (!csv.split(line) || csv.size() < 2) {
      wl.rejects.push_back({line_no, "add.csv", "bad_csv_row", "fewer than 2 columns or unclosed quote"});
      return;
    }
    if (!by_id.count(std::string(ofac_field(csv[0]))))
      wl.rejects.push_back({line_no, "add.csv", "unknown_entry", std::string(ofac_field(csv[0]))});
  });

  // Resolve "Linked To:" names to entries of the same list (primary names and aliases).
  std::unordered_map<std::string, std::string> by_name;
  for (const Entry& e : wl.entries) {
    if (e.kind == EntryKind::vessel) continue;
    for (const Name& n : e.names) by_name.emplace(link_key(n.text), e.id);
  }
  for (Entry& e : wl.entries)
    for (Link& l : e.links)
      if (auto it = by_name.find(link_key(l.name)); it != by_name.end()) l.target_id = it->second;
  return wl;
}

WatchList read_own_csv(std::string_view text, std::string source) {
  WatchList wl;
  wl.source = std::move(source);
  ingest::CsvSplitter csv(',');
  int c_name = -1, c_imo = -1, c_mmsi = -1, c_cs = -1, c_note = -1;
  bool have_header = false;
  for_each_line(text, [&](std::size_t line_no, std::string_view line) {
    if (line_no == 1) line = ingest::strip_bom(line);
    if (trim(line).empty() || trim(line).front() == '#') return;
    if (!have_header) {
      have_header = true;
      csv.set_delimiter(ingest::detect_delimiter(line));
      if (!csv.split(line)) {
        wl.rejects.push_back({line_no, "", "bad_header", "unclosed quote"});
        return;
      }
      for (std::size_t i = 0; i < csv.size(); ++i) {
        const std::string h = upper(trim(csv[i]));
        const int ii = static_cast<int>(i);
        if (h == "NAME") c_name = ii;
        else if (h == "IMO") c_imo = ii;
        else if (h == "MMSI") c_mmsi = ii;
        else if (h == "CALLSIGN" || h == "CALL_SIGN" || h == "CALL SIGN") c_cs = ii;
        else if (h == "NOTE") c_note = ii;
      }
      if (c_name < 0 && c_imo < 0 && c_mmsi < 0)
        wl.rejects.push_back({line_no, "", "bad_header", "no name, imo or mmsi column"});
      return;
    }
    if (c_name < 0 && c_imo < 0 && c_mmsi < 0) return;  // header already rejected
    ++wl.rows;
    if (!csv.split(line)) {
      wl.rejects.push_back({line_no, "", "bad_csv_row", "unclosed quote"});
      return;
    }
    auto col = [&](int c) { return c < 0 ? std::string_view{} : trim(csv.get(static_cast<std::size_t>(c))); };
    Entry e;
    e.source = wl.source;
    e.id = wl.source + ":" + std::to_string(line_no);
    e.kind = EntryKind::vessel;
    std::string_view names = col(c_name);
    std::size_t pos = 0;
    while (pos <= names.size()) {
      std::size_t bar = names.find('|', pos);
      add_name(e, names.substr(pos, bar == std::string_view::npos ? std::string_view::npos : bar - pos),
               e.names.empty() ? NameKind::primary : NameKind::aka);
      if (bar == std::string_view::npos) break;
      pos = bar + 1;
    }
    if (std::string_view imo = col(c_imo); !imo.empty()) {
      if (starts_with_ci(imo, "IMO")) imo = trim(imo.substr(3));
      std::size_t nd = 0;
      auto n = leading_number(imo, &nd);
      if (!n || nd != 7 || nd != imo.size() || !imo_check_digit_ok(*n)) {
        wl.rejects.push_back({line_no, "", "bad_imo", std::string(col(c_imo))});
        return;
      }
      e.imo = *n;
    }
    if (std::string_view mmsi = col(c_mmsi); !mmsi.empty()) {
      std::size_t nd = 0;
      auto n = leading_number(mmsi, &nd);
      if (!n || nd != 9 || nd != mmsi.size()) {
        wl.rejects.push_back({line_no, "", "bad_number", "mmsi " + std::string(mmsi)});
        return;
      }
      e.mmsis.push_back(*n);
    }
    if (auto cs = col(c_cs); !cs.empty()) e.callsigns.push_back(upper(cs));
    e.note = std::string(col(c_note));
    if (e.names.empty() && !e.imo && e.mmsis.empty()) {
      wl.rejects.push_back({line_no, "", "missing_field", "no name, imo or mmsi"});
      return;
    }
    wl.entries.push_back(std::move(e));
  });
  if (!have_header) wl.rejects.push_back({0, "", "bad_header", "empty file"});
  return wl;
}

ListFormat detect_list_format(std::string_view filename, std::string_view head) noexcept {
  head = ingest::strip_bom(head);
  if (head.find("<sdnList") != std::string_view::npos) return ListFormat::ofac_sdn_xml;
  if (head.find("<CONSOLIDATED_LIST") != std::string_view::npos) return ListFormat::un_consolidated_xml;
  if (head.find("sanctionsData") != std::string_view::npos &&
      head.find("/exports/ENHANCED_XML") != std::string_view::npos)
    return ListFormat::ofac_enhanced_xml;
  if (head.find("http://eu.europa.ec/fpi/fsd/export") != std::string_view::npos) return ListFormat::eu_fsf_xml;
  if (!head.empty() && head.front() == '{' && head.substr(0, head.find('\n')).find("\"schema\"") != std::string_view::npos)
    return ListFormat::ftm_json;
  if (const ListFormat uk = detect_uk_list_format(filename, head); uk != ListFormat::unknown) return uk;
  std::size_t nd = 0;
  if (leading_number(head, &nd) && nd > 0 && head.substr(nd, 2) == ",\"") return ListFormat::ofac_sdn_csv;
  const std::size_t nl = head.find('\n');
  const std::string first = upper(head.substr(0, nl));
  std::string_view f = first;
  auto has_col = [&](std::string_view col) {
    std::size_t pos = 0;
    while ((pos = f.find(col, pos)) != std::string_view::npos) {
      const bool left = pos == 0 || f[pos - 1] == ',' || f[pos - 1] == ';' || f[pos - 1] == '\t' || f[pos - 1] == '"';
      const std::size_t end = pos + col.size();
      const bool right = end >= f.size() || f[end] == ',' || f[end] == ';' || f[end] == '\t' || f[end] == '"' || f[end] == '\r';
      if (left && right) return true;
      pos = end;
    }
    return false;
  };
  if (has_col("NAME") || has_col("IMO") || has_col("MMSI")) return ListFormat::own_csv;
  (void)filename;
  return ListFormat::unknown;
}

std::string read_file_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

namespace {
std::string date_in_path(const std::filesystem::path& p) {
  const std::string s = p.string();
  for (std::size_t i = 0; i + 10 <= s.size(); ++i) {
    auto d = [&](std::size_t k) { return std::isdigit(static_cast<unsigned char>(s[i + k])) != 0; };
    if (d(0) && d(1) && d(2) && d(3) && s[i + 4] == '-' && d(5) && d(6) && s[i + 7] == '-' && d(8) && d(9) &&
        (i + 10 == s.size() || !std::isdigit(static_cast<unsigned char>(s[i + 10]))))
      return s.substr(i, 10);
  }
  return {};
}
}  // namespace

WatchList load_watchlist(const std::filesystem::path& path) {
  const std::string text = read_file_text(path);
  const std::string date = date_in_path(path);
  WatchList wl;
  switch (detect_list_format(path.filename().string(), std::string_view(text).substr(0, 4096))) {
    case ListFormat::ofac_sdn_csv: {
      const auto dir = path.parent_path();
      auto sibling = [&](const char* name) {
        std::error_code ec;
        return std::filesystem::is_regular_file(dir / name, ec) ? read_file_text(dir / name) : std::string{};
      };
      const std::string alt = sibling("alt.csv"), add = sibling("add.csv"), comments = sibling("sdn_comments.csv");
      wl = read_ofac_sdn_csv(OfacCsvFiles{text, alt, add, comments}, date);
      break;
    }
    case ListFormat::ofac_sdn_xml:
      wl = read_ofac_sdn_xml(text);
      if (wl.list_date.empty()) wl.list_date = date;
      break;
    case ListFormat::un_consolidated_xml:
      wl = read_un_consolidated_xml(text);
      if (wl.list_date.empty()) wl.list_date = date;
      break;
    case ListFormat::ofac_enhanced_xml:
      wl = read_ofac_enhanced_xml(text);
      if (wl.list_date.empty()) wl.list_date = date;
      break;
    case ListFormat::eu_fsf_xml:
      wl = read_eu_fsf_xml(text);
      if (wl.list_date.empty()) wl.list_date = date;
      break;
    case ListFormat::ftm_json:
      wl = read_ftm_json(text);
      wl.list_date = date;
      for (Entry& e : wl.entries) e.list_date = date;
      break;
    case ListFormat::own_csv:
      wl = read_own_csv(text);
      wl.list_date = date;
      for (Entry& e : wl.entries) e.list_date = date;
      break;
    case ListFormat::uk_fcdo_csv:
    case ListFormat::uk_fcdo_xml:
    case ListFormat::uk_fcdo_ods:
    case ListFormat::uk_ofsi_csv:
    case ListFormat::uk_ofsi_xml: {
      const ListFormat f = detect_list_format(path.filename().string(), std::string_view(text).substr(0, 4096));
      wl = f == ListFormat::uk_fcdo_csv   ? read_uk_fcdo_csv(text)
           : f == ListFormat::uk_fcdo_xml ? read_uk_fcdo_xml(text)
           : f == ListFormat::uk_fcdo_ods ? read_uk_fcdo_ods(text)
           : f == ListFormat::uk_ofsi_csv ? read_uk_ofsi_csv(text)
                                          : read_uk_ofsi_xml(text);
      if (wl.list_date.empty()) {
        wl.list_date = date;
        for (Entry& e : wl.entries) e.list_date = date;
      }
      if (!wl.rejects.empty() && wl.rejects.front().reason == "bad_ods")
        throw std::runtime_error(path.string() + ": unreadable .ods (" + wl.rejects.front().detail + ")");
      break;
    }
    case ListFormat::unknown:
      throw std::runtime_error(path.string() + ": not a list format tidewatch reads (docs/screening.md)");
  }
  wl.path = path.string();
  return wl;
}

}  // namespace tidewatch::watchlist
