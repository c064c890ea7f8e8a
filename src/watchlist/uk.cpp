// UK sanctions list readers (watchlist/readers.h): the FCDO UK Sanctions List
// (CSV, XML, ODS) and the OFSI Consolidated List (CSV 2022format and <=2020,
// XML).  docs/screening.md "UK lists" and ../shared/data/watchlists/FORMATS.md.
//
// Every form is first turned into `UkRecord`s: one per row (CSV, ODS, OFSI
// XML FinancialSanctionsTarget) or per Designation (FCDO XML), with its fields
// keyed by the column / element name reduced to lower-case letters and digits
// ("Current owner/operator (s)" -> "currentowneroperators", "Ship_IMONumber"
// -> "shipimonumber").  build_uk() then groups the records of one designation
// (Unique ID for FCDO, Group ID for OFSI) into one Entry, so the same ship
// gives the same Entry from every form.

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tidewatch/core/ids.h"
#include "tidewatch/ingest/csv.h"
#include "tidewatch/watchlist/readers.h"
#include "text_util.h"

namespace tidewatch::watchlist {
namespace uk_detail {
namespace {

/// One row of a table (CSV record or spreadsheet row) with its 1-based line
/// (CSV: the line the record starts on; ODS: the spreadsheet row number).
struct TableRow {
  std::size_t line = 0;
  std::vector<std::string> cells;
};

struct UkName {
  std::string text;
  NameKind kind = NameKind::aka;
  bool primary = false;
};

/// A row / element of one designation: fields keyed by uk_key(column name);
/// keys may repeat (FCDO XML: several owners).
struct UkRecord {
  std::size_t line = 0;
  std::vector<std::pair<std::string, std::string>> fields;
  std::vector<UkName> names;
  /// The first non-empty value of the first of `keys` that has one.
  [[nodiscard]] std::string_view get(std::initializer_list<std::string_view> keys) const noexcept;
  /// Every non-empty value of `keys`.
  [[nodiscard]] std::vector<std::string_view> all(std::initializer_list<std::string_view> keys) const;
};

std::string_view trim_space(std::string_view s) noexcept {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

/// "Alice  Bob " -> "Alice Bob": runs of white space (also newlines) to one space.
std::string squeeze(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : trim_space(s)) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

/// Runs of exactly `len` digits in `t`, after the word `word` (case-insensitive,
/// not followed by a letter) and at most 24 non-digit characters
/// ("IMO: 8937675", "IMO number 9179842", "MMSI: 445539000").
std::vector<std::uint32_t> numbers_after(std::string_view t, std::string_view word, std::size_t len) {
  std::vector<std::uint32_t> out;
  std::size_t pos = 0;
  while (pos + word.size() <= t.size()) {
    if (!starts_with_ci(t.substr(pos), word)) {
      ++pos;
      continue;
    }
    std::size_t i = pos + word.size();
    pos = i;
    if (i < t.size() && std::isalpha(static_cast<unsigned char>(t[i]))) continue;
    std::size_t skipped = 0;
    while (i < t.size() && !std::isdigit(static_cast<unsigned char>(t[i])) && skipped < 24) ++i, ++skipped;
    std::size_t nd = 0;
    std::uint64_t v = 0;
    while (i + nd < t.size() && std::isdigit(static_cast<unsigned char>(t[i + nd]))) {
      if (nd < 12) v = v * 10 + static_cast<std::uint64_t>(t[i + nd] - '0');
      ++nd;
    }
    if (nd == len && std::find(out.begin(), out.end(), static_cast<std::uint32_t>(v)) == out.end())
      out.push_back(static_cast<std::uint32_t>(v));
  }
  return out;
}

int month_of(std::string_view m) noexcept {
  static const char* const names[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (m.size() < 3) return 0;
  for (int i = 0; i < 12; ++i)
    if (starts_with_ci(m, names[i])) return i + 1;
  return 0;
}

bool all_digits(std::string_view s) noexcept {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

/// "31-07-2024", "31/07/2024", "11-Aug-2025", "2024-07-31T00:00:00" -> "2024-07-31";
/// anything else is returned trimmed.
std::string uk_date(std::string_view s) {
  s = trim_space(s);
  // 2024-07-31 or 2024-07-31T00:00:00
  if (s.size() >= 10 && all_digits(s.substr(0, 4)) && s[4] == '-' && all_digits(s.substr(5, 2)) && s[7] == '-' &&
      all_digits(s.substr(8, 2)))
    return std::string(s.substr(0, 10));
  // 31-07-2024, 31/07/2024, 31-Jul-2024, 11 August 2025
  std::size_t a = 0;
  while (a < s.size() && std::isdigit(static_cast<unsigned char>(s[a]))) ++a;
  if (a == 0 || a > 2 || a >= s.size()) return std::string(s);
  const char sep = s[a];
  if (sep != '-' && sep != '/' && sep != ' ' && sep != '.') return std::string(s);
  const std::size_t b = s.find(sep, a + 1);
  if (b == std::string_view::npos) return std::string(s);
  const std::string_view mid = s.substr(a + 1, b - a - 1);
  std::string_view year = s.substr(b + 1, 4);
  if (year.size() != 4 || !all_digits(year)) return std::string(s);
  int month = 0;
  if (all_digits(mid) && mid.size() <= 2) month = std::stoi(std::string(mid));
  else month = month_of(mid);
  const int day = std::stoi(std::string(s.substr(0, a)));
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::string(s);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.4s-%02d-%02d", year.data(), month, day);
  return buf;
}

/// A column or element name reduced to lower-case ASCII letters and digits.
std::string uk_key(std::string_view header) {
  std::string k;
  for (char c : header)
    if (std::isalnum(static_cast<unsigned char>(c))) k.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return k;
}

std::string_view UkRecord::get(std::initializer_list<std::string_view> keys) const noexcept {
  for (std::string_view k : keys)
    for (const auto& f : fields)
      if (f.first == k && !f.second.empty()) return f.second;
  return {};
}

std::vector<std::string_view> UkRecord::all(std::initializer_list<std::string_view> keys) const {
  std::vector<std::string_view> out;
  for (std::string_view k : keys)
    for (const auto& f : fields)
      if (f.first == k && !f.second.empty()) out.push_back(f.second);
  return out;
}

NameKind uk_name_kind(std::string_view type, std::string_view quality, bool* primary) noexcept {
  *primary = false;
  if (contains_ci(quality, "low") || contains_ci(quality, "weak") || contains_ci(type, "weak")) return NameKind::weak;
  if (contains_ci(type, "variation")) return NameKind::aka;  // "Primary Name Variation": a spelling of the primary
  if (contains_ci(type, "primary") || contains_ci(type, "prime")) {
    *primary = true;
    return NameKind::primary;
  }
  if (contains_ci(type, "fka") || contains_ci(type, "f.k.a") || contains_ci(type, "former") ||
      contains_ci(type, "previous"))
    return NameKind::fka;
  if (contains_ci(type, "nka") || contains_ci(type, "n.k.a")) return NameKind::nka;
  return NameKind::aka;
}

std::string uk_full_name(const UkRecord& r) {
  // Name 6 is the family name (the whole name of an entity or ship); Name 1..5
  // the given names.  Written "Name6 Name1 ... Name5", as the FCDO's summary
  // export writes "PRUSAKOVA Maria Nikolaevna".
  std::string name = squeeze(r.get({"name6"}));
  for (std::string_view k : {"name1", "name2", "name3", "name4", "name5"}) {
    const std::string p = squeeze(r.get({k}));
    if (p.empty()) continue;
    if (!name.empty()) name.push_back(' ');
    name += p;
  }
  if (name.empty()) name = squeeze(r.get({"name", "fullname"}));
  return name;
}

void add_row_name(UkRecord& r) {
  const std::string text = uk_full_name(r);
  if (text.empty()) return;
  bool primary = false;
  const NameKind k = uk_name_kind(r.get({"nametype", "aliastype"}), r.get({"aliasstrength", "aliasquality"}), &primary);
  // A row without a name type (the FCDO's 8-column summary) is the primary name.
  const bool typed = !r.get({"nametype", "aliastype"}).empty();
  r.names.push_back(UkName{text, typed ? k : NameKind::primary, typed ? primary : true});
}

std::vector<TableRow> csv_table(std::string_view text, WatchList& wl) {
  std::vector<TableRow> rows;
  text = ingest::strip_bom(text);
  std::size_t line = 1;
  std::size_t i = 0;
  while (i < text.size()) {
    TableRow row;
    row.line = line;
    std::string field;
    bool in_quotes = false, was_quoted = false, done = false;
    while (!done) {
      if (i >= text.size()) {
        if (in_quotes) {
          wl.rejects.push_back({row.line, "", "bad_csv_row", "unclosed quote at the end of the file"});
          return rows;
        }
        row.cells.push_back(std::move(field));
        done = true;
        break;
      }
      const char c = text[i++];
      if (in_quotes) {
        if (c == '"') {
          if (i < text.size() && text[i] == '"') {
            field.push_back('"');
            ++i;
          } else {
            in_quotes = false;
          }
        } else {
          if (c == '\n') ++line;
          field.push_back(c);
        }
        continue;
      }
      if (c == '"' && !was_quoted && trim_space(field).empty()) {
        field.clear();
        in_quotes = was_quoted = true;
      } else if (c == ',') {
        row.cells.push_back(std::move(field));
        field.clear();
        was_quoted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i < text.size() && text[i] == '\n') ++i;
        ++line;
        row.cells.push_back(std::move(field));
        done = true;
      } else {
        field.push_back(c);
      }
    }
    for (std::string& s : row.cells) s = std::string(trim_space(s));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<UkRecord> records_from_table(const std::vector<TableRow>& rows, bool fcdo, WatchList& wl) {
  std::vector<UkRecord> out;
  std::vector<std::string> keys;
  bool have_header = false;
  for (const TableRow& row : rows) {
    const bool empty = std::all_of(row.cells.begin(), row.cells.end(), [](const std::string& s) { return s.empty(); });
    if (empty) continue;
    if (!have_header) {
      // Lines before the header: "Report Date: 11-Aug-2025" (FCDO) or
      // "Last Updated,11/08/2025" (OFSI) give the list date.
      const std::string_view c0 = row.cells.front();
      if (starts_with_ci(c0, "Report Date")) {
        std::string_view d = c0.substr(std::min(c0.size(), std::size_t{11}));
        if (!d.empty() && d.front() == ':') d.remove_prefix(1);
        if (trim_space(d).empty() && row.cells.size() > 1) d = row.cells[1];
        wl.list_date = uk_date(d);
        continue;
      }
      bool is_header = false;
      for (const std::string& c : row.cells) {
        const std::string k = uk_key(c);
        if ((fcdo && k == "uniqueid") || (!fcdo && (k == "groupid" || k == "name6"))) is_header = true;
      }
      if (!is_header) {
        if (starts_with_ci(c0, "Last Updated") && row.cells.size() > 1 && !row.cells[1].empty()) {
          wl.list_date = uk_date(row.cells[1]);
          continue;
        }
        wl.rejects.push_back({row.line, "", "bad_header",
                              fcdo ? "no \"Unique ID\" column before the data" : "no \"Group ID\" column before the data"});
        return out;
      }
      for (const std::string& c : row.cells) keys.push_back(uk_key(c));
      have_header = true;
      continue;
    }
    ++wl.rows;
    UkRecord r;
    r.line = row.line;
    for (std::size_t i = 0; i < row.cells.size() && i < keys.size(); ++i)
      if (!keys[i].empty() && !row.cells[i].empty()) r.fields.emplace_back(keys[i], row.cells[i]);
    add_row_name(r);
    out.push_back(std::move(r));
  }
  if (!have_header) wl.rejects.push_back({0, "", "bad_header", "no header row"});
  return out;
}


// ---- XML helpers -------------------------------------------------------------

/// The local part of a qualified XML name ("table:table-row" -> "table-row").
std::string_view local_part(const pugi::xml_node& n) noexcept {
  std::string_view q = n.name();
  const std::size_t c = q.find(':');
  return c == std::string_view::npos ? q : q.substr(c + 1);
}

std::string_view attr_local(const pugi::xml_node& n, std::string_view local) noexcept {
  for (const pugi::xml_attribute& a : n.attributes()) {
    std::string_view q = a.name();
    const std::size_t c = q.find(':');
    if ((c == std::string_view::npos ? q : q.substr(c + 1)) == local) return a.value();
  }
  return {};
}

std::size_t repeat_count(const pugi::xml_node& n, std::string_view attr) noexcept {
  const std::string_view v = attr_local(n, attr);
  if (v.empty() || !all_digits(v) || v.size() > 9) return 1;
  std::size_t r = 0;
  for (char c : v) r = r * 10 + static_cast<std::size_t>(c - '0');
  return r == 0 ? 1 : r;
}

/// The text of an ODS paragraph: text, <text:s text:c="n"/> spaces, tabs,
/// line breaks, spans and links (annotations are not part of the value).
void ods_paragraph_text(const pugi::xml_node& p, std::string& out, int depth = 0) {
  if (depth > 32) return;
  for (const pugi::xml_node& c : p.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      out += c.value();
      continue;
    }
    if (c.type() != pugi::node_element) continue;
    const std::string_view ln = local_part(c);
    if (ln == "s") out.append(std::min<std::size_t>(repeat_count(c, "c"), 1000), ' ');
    else if (ln == "tab") out.push_back('\t');
    else if (ln == "line-break") out.push_back('\n');
    else if (ln == "annotation" || ln == "note") continue;
    else ods_paragraph_text(c, out, depth + 1);
  }
}

/// A cell's value: numbers and dates from office:value / office:date-value
/// (a Group ID or IMO stored as a number is not "9,179,842"), else its text.
std::string ods_cell_value(const pugi::xml_node& cell) {
  const std::string_view type = attr_local(cell, "value-type");
  if (type == "float" || type == "percentage" || type == "currency") {
    std::string v(attr_local(cell, "value"));
    if (v.size() > 2 && v.compare(v.size() - 2, 2, ".0") == 0) v.resize(v.size() - 2);
    if (!v.empty()) return v;
  } else if (type == "date") {
    const std::string_view v = attr_local(cell, "date-value");
    if (!v.empty()) return std::string(v.substr(0, 10));
  }
  std::string text;
  bool first = true;
  for (const pugi::xml_node& c : cell.children()) {
    if (c.type() != pugi::node_element || local_part(c) != "p") continue;
    if (!first) text.push_back('\n');
    first = false;
    ods_paragraph_text(c, text);
  }
  return std::string(trim_space(text));
}

constexpr std::size_t kOdsMaxColumns = 1024;    // FCDO sheets have 8 or ~58 columns
constexpr std::size_t kOdsMaxRowRepeat = 1000;  // a non-empty row repeated more is cut

/// The rows of an ODS table, repeated rows and cells expanded (empty ones
/// are skipped, not materialised: the FCDO sheet ends in a row repeated
/// 1,043,268 times with a cell repeated 16,384 times).
void ods_rows(const pugi::xml_node& parent, std::size_t& row_no, std::vector<TableRow>& rows, WatchList& wl, int depth) {
  if (depth > 8) return;
  for (const pugi::xml_node& r : parent.children()) {
    if (r.type() != pugi::node_element) continue;
    const std::string_view ln = local_part(r);
    if (ln == "table-header-rows" || ln == "table-row-group" || ln == "table-rows") {
      ods_rows(r, row_no, rows, wl, depth + 1);
      continue;
    }
    if (ln != "table-row") continue;
    const std::size_t rep = repeat_count(r, "number-rows-repeated");
    TableRow row;
    row.line = row_no + 1;
    for (const pugi::xml_node& c : r.children()) {
      if (c.type() != pugi::node_element) continue;
      const std::string_view cl = local_part(c);
      if (cl != "table-cell" && cl != "covered-table-cell") continue;
      const std::size_t crep = repeat_count(c, "number-columns-repeated");
      std::string v = row.cells.size() < kOdsMaxColumns ? ods_cell_value(c) : std::string{};
      if (v.empty()) {
        // An empty run only matters when a value follows it.
        const std::size_t n = std::min(crep, kOdsMaxColumns - std::min(kOdsMaxColumns, row.cells.size()));
        row.cells.resize(row.cells.size() + n);
        continue;
      }
      for (std::size_t k = 0; k < crep && row.cells.size() < kOdsMaxColumns; ++k) row.cells.push_back(v);
    }
    while (!row.cells.empty() && row.cells.back().empty()) row.cells.pop_back();
    if (!row.cells.empty()) {
      if (rep > kOdsMaxRowRepeat)
        wl.rejects.push_back({row.line, "content.xml", "bad_row",
                              "a non-empty row repeated " + std::to_string(rep) + " times; the first " +
                                  std::to_string(kOdsMaxRowRepeat) + " kept"});
      for (std::size_t k = 0; k < std::min(rep, kOdsMaxRowRepeat); ++k) {
        rows.push_back(row);
        rows.back().line = row_no + 1 + k;
      }
    }
    row_no += rep;
  }
}


/// Leaf elements under `n` as fields (keys uk_key(local name)).
void flatten_leaves(const pugi::xml_node& n, UkRecord& r, int depth) {
  if (depth > 16) return;
  for (const pugi::xml_node& c : n.children()) {
    if (c.type() != pugi::node_element) continue;
    bool has_child_element = false;
    for (const pugi::xml_node& g : c.children())
      if (g.type() == pugi::node_element) has_child_element = true;
    if (has_child_element) {
      flatten_leaves(c, r, depth + 1);
      continue;
    }
    std::string v(trim_space(c.text().as_string()));
    if (!v.empty()) r.fields.emplace_back(uk_key(local_part(c)), std::move(v));
  }
}

/// The list date from a root-level element whose name holds "date"
/// (DateGenerated, ReportDate, LastUpdated) or such an attribute.
void xml_list_date(const pugi::xml_node& root, std::string_view item, WatchList& wl) {
  for (const pugi::xml_attribute& a : root.attributes())
    if (uk_key(a.name()).find("date") != std::string::npos && a.value()[0] != '\0') {
      wl.list_date = uk_date(a.value());
      return;
    }
  for (const pugi::xml_node& c : root.children()) {
    if (c.type() != pugi::node_element || local_part(c) == item) continue;
    if (uk_key(local_part(c)).find("date") != std::string::npos && !trim_space(c.text().as_string()).empty()) {
      wl.list_date = uk_date(c.text().as_string());
      return;
    }
  }
}

/// Elements named `item` at the top of the document: children of the root,
/// or the root itself.
std::vector<pugi::xml_node> xml_items(const pugi::xml_document& doc, std::string_view item, pugi::xml_node* root) {
  std::vector<pugi::xml_node> out;
  *root = doc.document_element();
  if (!*root) return out;
  if (local_part(*root) == item) {
    out.push_back(*root);
    return out;
  }
  for (const pugi::xml_node& c : root->children())
    if (c.type() == pugi::node_element && local_part(c) == item) out.push_back(c);
  return out;
}

EntryKind uk_kind(std::string_view t) noexcept {
  t = trim_space(t);
  if (starts_with_ci(t, "ship") || starts_with_ci(t, "vessel")) return EntryKind::vessel;
  if (starts_with_ci(t, "individual")) return EntryKind::individual;
  if (starts_with_ci(t, "entity")) return EntryKind::entity;
  return EntryKind::other;
}

/// Splits a cell of several parties or flags: newlines, `;` and `|`.
std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    std::size_t sep = s.find_first_of(";|\n", pos);
    std::string one = squeeze(s.substr(pos, sep == std::string_view::npos ? std::string_view::npos : sep - pos));
    while (!one.empty() && (one.back() == '.' || one.back() == ',')) one.pop_back();
    if (!one.empty() && std::find(out.begin(), out.end(), one) == out.end()) out.push_back(std::move(one));
    if (sep == std::string_view::npos) break;
    pos = sep + 1;
  }
  return out;
}

void push_unique(std::vector<std::string>& v, std::string s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(std::move(s));
}

void add_ship_imo(Entry& e, std::uint32_t imo, WatchList& wl, std::size_t line) {
  if (imo_check_digit_ok(imo)) {
    if (!e.imo) e.imo = imo;
    else if (*e.imo != imo) push_unique(e.registrations, "IMO " + std::to_string(imo));
  } else if (std::find(e.bad_imos.begin(), e.bad_imos.end(), imo) == e.bad_imos.end()) {
    e.bad_imos.push_back(imo);
    wl.rejects.push_back({line, "", "bad_imo", "entry " + e.id + ": IMO " + std::to_string(imo) + " fails the check digit"});
  }
}

/// An IMO cell: "9179842", "IMO 9179842", several numbers.  Anything that is
/// not a 7-digit number is rejected bad_number (the entry is kept).
void read_imo_cell(Entry& e, std::string_view cell, WatchList& wl, std::size_t line) {
  std::size_t i = 0;
  bool any = false;
  while (i < cell.size()) {
    if (!std::isdigit(static_cast<unsigned char>(cell[i]))) {
      ++i;
      continue;
    }
    std::size_t nd = 0;
    std::uint64_t v = 0;
    while (i + nd < cell.size() && std::isdigit(static_cast<unsigned char>(cell[i + nd]))) {
      if (nd < 12) v = v * 10 + static_cast<std::uint64_t>(cell[i + nd] - '0');
      ++nd;
    }
    i += nd;
    // A spreadsheet may have turned the number into "9179842.0".
    if (i + 1 < cell.size() && cell[i] == '.' && cell[i + 1] == '0' && nd == 7) i += 2;
    if (nd == 7) {
      add_ship_imo(e, static_cast<std::uint32_t>(v), wl, line);
      any = true;
    } else {
      wl.rejects.push_back({line, "", "bad_number", "entry " + e.id + ": IMO number '" + std::string(trim_space(cell)) + "'"});
      return;
    }
  }
  if (!any) wl.rejects.push_back({line, "", "bad_number", "entry " + e.id + ": IMO number '" + std::string(trim_space(cell)) + "'"});
}

bool ship_words(std::string_view t) noexcept {
  return contains_ci(t, "MMSI") || contains_ci(t, "vessel") || contains_ci(t, "tanker");
}

void merge_record(Entry& e, const UkRecord& r, WatchList& wl) {
  for (const UkName& n : r.names) {
    const std::string text = squeeze(n.text);
    if (text.empty()) continue;
    auto it = std::find_if(e.names.begin(), e.names.end(), [&text](const Name& x) { return x.text == text; });
    if (it == e.names.end()) {
      e.names.push_back(Name{text, n.kind});
    } else if (n.primary && it->kind != NameKind::primary) {
      it->kind = NameKind::primary;
    }
  }
  if (e.kind == EntryKind::other)
    if (auto t = r.get({"designationtype", "individualentityship", "type", "grouptype", "grouptypedescription"}); !t.empty())
      e.kind = uk_kind(t);
  for (std::string_view p : r.all({"regimename", "regime"})) push_unique(e.programs, squeeze(p));
  if (e.listed_on.empty())
    if (auto d = r.get({"datedesignated", "uksanctionslistdatedesignated", "listedon", "datelisted"}); !d.empty())
      e.listed_on = uk_date(d);
  if (e.note.empty()) e.note = squeeze(r.get({"sanctionsimposed"}));
  if (e.remarks.empty()) e.remarks = std::string(trim_space(r.get({"otherinformation"})));

  // Ship details (every row of a designation repeats them: the first wins).
  const bool had_imo = e.imo.has_value() || !e.bad_imos.empty();
  const std::vector<std::string_view> imo_cells = r.all({"imonumber", "shipimonumber"});
  if (!had_imo)
    for (std::string_view c : imo_cells) read_imo_cell(e, c, wl, r.line);
  if (e.flag.empty()) e.flag = squeeze(r.get({"currentbelievedflagofship", "shipflag"}));
  for (std::string_view f : r.all({"previousflags", "previousflag", "shippreviousflags"}))
    for (std::string& one : split_list(f)) push_unique(e.other_flags, std::move(one));
  if (e.vessel_type.empty()) e.vessel_type = squeeze(r.get({"typeofship", "shiptype"}));
  if (e.tonnage.empty()) e.tonnage = squeeze(r.get({"tonnageofship", "shiptonnage"}));
  if (!e.build_year)
    if (auto y = trim_space(r.get({"yearbuilt", "shipyearbuilt"})); y.size() >= 4 && all_digits(y.substr(0, 4)))
      e.build_year = std::stoi(std::string(y.substr(0, 4)));
  for (std::string_view h : r.all({"hullidentificationnumberhin", "hullidentificationnumber"}))
    push_unique(e.registrations, "HIN " + squeeze(h));
  auto add_links = [&](std::initializer_list<std::string_view> keys, const char* relation) {
    for (std::string_view cell : r.all(keys))
      for (std::string& name : split_list(cell)) {
        const bool seen = std::any_of(e.links.begin(), e.links.end(),
                                      [&](const Link& l) { return l.relation == relation && l.name == name; });
        if (!seen) e.links.push_back(Link{relation, std::move(name), {}});
      }
  };
  add_links({"currentowneroperators", "currentowneroperator", "shipcurrentowners"}, "owner");
  add_links({"previousowneroperators", "previousowneroperator", "shippreviousowners"}, "previous_owner");
}

/// IMO and MMSI in Other Information: the only place the OFSI CSVs give them
/// ("IMO: 8937675. MMSI: 445539000.").  On a ship entry they are ship
/// numbers; an Entity whose text carries a ship IMO (valid check digit) and
/// begins with "IMO" or holds "MMSI", "vessel" or "tanker" is an old (<=2020)
/// OFSI ship row and becomes a vessel; on any other entity or person a 7-digit "IMO" number is a company number.
void read_other_information(Entry& e, WatchList& wl, std::size_t line) {
  if (e.remarks.empty()) return;
  const std::vector<std::uint32_t> imos = numbers_after(e.remarks, "IMO", 7);
  if (e.kind == EntryKind::entity && !imos.empty() && imo_check_digit_ok(imos.front()) &&
      (ship_words(e.remarks) || starts_with_ci(trim_space(e.remarks), "IMO")))
    e.kind = EntryKind::vessel;
  if (e.kind == EntryKind::vessel) {
    if (!e.imo && e.bad_imos.empty())
      for (std::uint32_t n : imos) add_ship_imo(e, n, wl, line);
    for (std::uint32_t m : numbers_after(e.remarks, "MMSI", 9))
      if (std::find(e.mmsis.begin(), e.mmsis.end(), m) == e.mmsis.end()) e.mmsis.push_back(m);
  } else {
    for (std::uint32_t n : imos)
      if (std::find(e.company_imos.begin(), e.company_imos.end(), n) == e.company_imos.end()) e.company_imos.push_back(n);
  }
}

WatchList build_uk(WatchList wl, std::vector<UkRecord> records, bool fcdo) {
  std::unordered_map<std::string, std::size_t> by_id;
  std::vector<std::size_t> first_line;
  for (const UkRecord& r : records) {
    std::string id = squeeze(fcdo ? r.get({"uniqueid"}) : r.get({"groupid"}));
    if (id.size() > 2 && id.compare(id.size() - 2, 2, ".0") == 0 && all_digits(id.substr(0, id.size() - 2)))
      id.resize(id.size() - 2);  // a Group ID stored as a spreadsheet number "12703.0"
    if (id.empty()) {
      wl.rejects.push_back({r.line, "", "missing_field", fcdo ? "Unique ID" : "Group ID"});
      continue;
    }
    auto [it, fresh] = by_id.emplace(id, wl.entries.size());
    if (fresh) {
      Entry e;
      e.source = wl.source;
      e.id = id;
      e.list_date = wl.list_date;
      wl.entries.push_back(std::move(e));
      first_line.push_back(r.line);
    }
    merge_record(wl.entries[it->second], r, wl);
  }
  std::vector<Entry> kept;
  kept.reserve(wl.entries.size());
  for (std::size_t i = 0; i < wl.entries.size(); ++i) {
    Entry& e = wl.entries[i];
    if (e.names.empty()) {
      wl.rejects.push_back({first_line[i], "", "missing_field", "entry " + e.id + ": no name"});
      continue;
    }
    // names[0] is the primary name.
    std::stable_partition(e.names.begin(), e.names.end(), [](const Name& n) { return n.kind == NameKind::primary; });
    for (std::size_t k = 1; k < e.names.size(); ++k)
      if (e.names[k].kind == NameKind::primary) e.names[k].kind = NameKind::aka;
    read_other_information(e, wl, first_line[i]);
    kept.push_back(std::move(e));
  }
  wl.entries = std::move(kept);
  // Owner names resolved to the list's own companies and persons.
  std::unordered_map<std::string, std::string> by_name;
  for (const Entry& e : wl.entries) {
    if (e.kind == EntryKind::vessel) continue;
    for (const Name& n : e.names) by_name.emplace(link_key(n.text), e.id);
  }
  for (Entry& e : wl.entries)
    for (Link& l : e.links)
      if (auto f = by_name.find(link_key(l.name)); f != by_name.end()) l.target_id = f->second;
  return wl;
}

}  // namespace
}  // namespace uk_detail

ListFormat detect_uk_list_format(std::string_view filename, std::string_view head) noexcept {
  if (head.size() >= 4 && head.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    const bool ods_name = filename.size() >= 4 && starts_with_ci(filename.substr(filename.size() - 4), ".ods");
    return ods_name || head.find("application/vnd.oasis.opendocument.spreadsheet") != std::string_view::npos
               ? ListFormat::uk_fcdo_ods
               : ListFormat::unknown;
  }
  head = ingest::strip_bom(head);
  if (head.find("<FinancialSanctionsTarget") != std::string_view::npos ||
      head.find("<ArrayOfFinancialSanctionsTarget") != std::string_view::npos)
    return ListFormat::uk_ofsi_xml;
  if (head.find("<Designations") != std::string_view::npos ||
      (head.find("<Designation>") != std::string_view::npos && head.find("<UniqueID>") != std::string_view::npos))
    return ListFormat::uk_fcdo_xml;
  if (!head.empty() && head.front() == '<') return ListFormat::unknown;
  const std::size_t nl1 = head.find('\n');
  const std::string_view line1 = head.substr(0, nl1);
  const std::string_view line2 =
      nl1 == std::string_view::npos ? std::string_view{} : head.substr(nl1 + 1, head.find('\n', nl1 + 1) - nl1 - 1);
  if (starts_with_ci(line1, "Report Date") || starts_with_ci(line1, "\"Report Date")) return ListFormat::uk_fcdo_csv;
  if (contains_ci(line1, "Unique ID") || (contains_ci(line2, "Unique ID") && contains_ci(line2, "OFSI Group ID")))
    return ListFormat::uk_fcdo_csv;
  if (starts_with_ci(line1, "Last Updated,") || starts_with_ci(line1, "\"Last Updated\","))
    return ListFormat::uk_ofsi_csv;
  if (contains_ci(line1, "Name 6") && contains_ci(line1, "Group ID")) return ListFormat::uk_ofsi_csv;
  return ListFormat::unknown;
}

WatchList read_uk_fcdo_csv(std::string_view text) {
  WatchList wl;
  wl.source = "uk_fcdo";
  const auto rows = uk_detail::csv_table(text, wl);
  auto records = uk_detail::records_from_table(rows, true, wl);
  return uk_detail::build_uk(std::move(wl), std::move(records), true);
}

WatchList read_uk_ofsi_csv(std::string_view text) {
  WatchList wl;
  wl.source = "uk_ofsi";
  const auto rows = uk_detail::csv_table(text, wl);
  auto records = uk_detail::records_from_table(rows, false, wl);
  return uk_detail::build_uk(std::move(wl), std::move(records), false);
}

WatchList read_uk_fcdo_ods_content(std::string_view content_xml) {
  using namespace uk_detail;
  WatchList wl;
  wl.source = "uk_fcdo";
  pugi::xml_document doc;
  const pugi::xml_parse_result res =
      doc.load_buffer(content_xml.data(), content_xml.size(), pugi::parse_default, pugi::encoding_auto);
  if (!res) wl.rejects.push_back({line_of_offset(content_xml, res.offset), "content.xml", "bad_xml", res.description()});
  // office:document-content/office:body/office:spreadsheet/table:table: the
  // first table with a "Unique ID" header.
  std::vector<UkRecord> records;
  bool found = false;
  const pugi::xml_node root = doc.document_element();
  pugi::xml_node body, sheet;
  for (const pugi::xml_node& c : root.children())
    if (local_part(c) == "body") body = c;
  for (const pugi::xml_node& c : body.children())
    if (local_part(c) == "spreadsheet") sheet = c;
  for (const pugi::xml_node& t : sheet.children()) {
    if (local_part(t) != "table") continue;
    std::vector<TableRow> rows;
    std::size_t row_no = 0;
    WatchList probe;
    probe.source = wl.source;
    ods_rows(t, row_no, rows, probe, 0);
    records = records_from_table(rows, true, probe);
    if (std::any_of(probe.rejects.begin(), probe.rejects.end(), [](const ListReject& r) { return r.reason == "bad_header"; }))
      continue;  // another sheet (notes, ...): not the list
    found = true;
    wl.rows = probe.rows;
    wl.list_date = probe.list_date;
    for (ListReject& r : probe.rejects) {
      if (r.file.empty()) r.file = "content.xml";
      wl.rejects.push_back(std::move(r));
    }
    break;
  }
  if (!found) {
    if (res) wl.rejects.push_back({0, "content.xml", "bad_header", "no sheet with a \"Unique ID\" header row"});
    return wl;
  }
  WatchList out = build_uk(std::move(wl), std::move(records), true);
  for (ListReject& r : out.rejects)
    if (r.file.empty()) r.file = "content.xml";
  return out;
}

WatchList read_uk_fcdo_xml(std::string_view text) {
  using namespace uk_detail;
  WatchList wl;
  wl.source = "uk_fcdo";
  pugi::xml_document doc;
  const pugi::xml_parse_result res = doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_auto);
  if (!res) wl.rejects.push_back({line_of_offset(text, res.offset), "", "bad_xml", res.description()});
  pugi::xml_node root;
  const std::vector<pugi::xml_node> items = xml_items(doc, "Designation", &root);
  if (items.empty() && res) wl.rejects.push_back({1, "", "bad_xml", "no Designation element"});
  if (root) xml_list_date(root, "Designation", wl);
  std::vector<UkRecord> records;
  for (const pugi::xml_node& d : items) {
    ++wl.rows;
    UkRecord r;
    r.line = line_of_offset(text, d.offset_debug());
    for (const pugi::xml_node& c : d.children()) {
      if (c.type() != pugi::node_element) continue;
      const std::string_view ln = local_part(c);
      if (ln == "Names") {
        for (const pugi::xml_node& n : c.children()) {
          if (n.type() != pugi::node_element) continue;
          UkRecord nr;
          flatten_leaves(n, nr, 0);
          add_row_name(nr);
          for (UkName& x : nr.names) r.names.push_back(std::move(x));
        }
      } else if (ln == "NonLatinNames") {
        UkRecord nr;
        flatten_leaves(c, nr, 0);
        for (std::string_view v : nr.all({"namenonlatinscript"})) r.names.push_back(UkName{std::string(v), NameKind::aka, false});
      } else if (!c.first_child() || c.first_child().type() != pugi::node_element) {
        std::string v(trim_space(c.text().as_string()));
        if (!v.empty()) r.fields.emplace_back(uk_key(ln), std::move(v));
      } else {
        flatten_leaves(c, r, 0);
      }
    }
    records.push_back(std::move(r));
  }
  return build_uk(std::move(wl), std::move(records), true);
}

WatchList read_uk_ofsi_xml(std::string_view text) {
  using namespace uk_detail;
  WatchList wl;
  wl.source = "uk_ofsi";
  pugi::xml_document doc;
  const pugi::xml_parse_result res = doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_auto);
  if (!res) wl.rejects.push_back({line_of_offset(text, res.offset), "", "bad_xml", res.description()});
  pugi::xml_node root;
  const std::vector<pugi::xml_node> items = xml_items(doc, "FinancialSanctionsTarget", &root);
  if (items.empty() && res) wl.rejects.push_back({1, "", "bad_xml", "no FinancialSanctionsTarget element"});
  if (root) xml_list_date(root, "FinancialSanctionsTarget", wl);
  std::vector<UkRecord> records;
  for (const pugi::xml_node& t : items) {
    ++wl.rows;
    UkRecord r;
    r.line = line_of_offset(text, t.offset_debug());
    flatten_leaves(t, r, 0);
    add_row_name(r);
    records.push_back(std::move(r));
  }
  return build_uk(std::move(wl), std::move(records), false);
}

}  // namespace tidewatch::watchlist
