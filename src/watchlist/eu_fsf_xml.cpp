// EU Financial Sanctions File XML 1.1 reader (watchlist/readers.h), with pugixml.
//
// Layout (FORMATS.md; no real copy is stored, tests use a fixture written
// from the documented layout, tests/data/watchlist/eu/README.md):
//   export@generationDate (namespace http://eu.europa.ec/fpi/fsd/export)
//     sanctionEntity@logicalId,@euReferenceNumber,@unitedNationId,@designationDate
//       regulation@programme,@numberTitle
//       subjectType@code              person | enterprise  (no vessel subject type)
//       nameAlias@wholeName,@strong
//       identification@identificationTypeCode,@identificationTypeDescription,@number
//       remark
// The FSF lists no ships: its enterprises are owners and operators, whose IMO
// company numbers (identifications or remark text "IMO 5342883") go to company_imos.
// Element names are compared without their namespace prefix.

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>

#include "tidewatch/watchlist/readers.h"
#include "text_util.h"
#include "xml_util.h"

namespace tidewatch::watchlist {

namespace {

std::string attr(const pugi::xml_node& n, const char* name) { return trimmed(n.attribute(name).as_string()); }

/// IMO company numbers in free text: "IMO" (not inside a word), then up to 24
/// characters without digits ("IMO number: ", "IMO No. "), then exactly 7 digits.
void imo_numbers_in(std::string_view t, std::vector<std::uint32_t>& out) {
  std::size_t pos = 0;
  while ((pos = t.find("IMO", pos)) != std::string_view::npos) {
    const bool left_ok = pos == 0 || !std::isalpha(static_cast<unsigned char>(t[pos - 1]));
    std::size_t i = pos + 3;
    pos = i;
    if (!left_ok || (i < t.size() && std::isalpha(static_cast<unsigned char>(t[i])))) continue;
    std::size_t skipped = 0;
    while (i < t.size() && !std::isdigit(static_cast<unsigned char>(t[i])) && skipped < 24) ++i, ++skipped;
    std::size_t nd = 0;
    std::uint32_t v = 0;
    while (i + nd < t.size() && std::isdigit(static_cast<unsigned char>(t[i + nd]))) {
      if (nd < 9) v = v * 10 + static_cast<std::uint32_t>(t[i + nd] - '0');
      ++nd;
    }
    if (nd == 7 && std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  }
}

/// A bare 7-digit number ("1790183"), for identifications typed as IMO.
std::optional<std::uint32_t> seven_digits(std::string_view s) {
  std::uint32_t v = 0;
  std::size_t nd = 0;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      if (++nd > 7) return std::nullopt;
      v = v * 10 + static_cast<std::uint32_t>(c - '0');
    } else if (c != ' ' && nd > 0) {
      break;
    }
  }
  return nd == 7 ? std::optional<std::uint32_t>(v) : std::nullopt;
}

}  // namespace

WatchList read_eu_fsf_xml(std::string_view text) {
  WatchList wl;
  wl.source = "eu_fsf";
  pugi::xml_document doc;
  const pugi::xml_parse_result res = doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_auto);
  if (!res) wl.rejects.push_back({line_of_offset(text, res.offset), "", "bad_xml", res.description()});
  pugi::xml_node root;
  for (pugi::xml_node c = doc.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && std::strcmp(local_name(c), "export") == 0) root = c;
  if (!root) {
    if (res) wl.rejects.push_back({1, "", "bad_xml", "no export element"});
    return wl;
  }
  if (const std::string g = attr(root, "generationDate"); g.size() >= 10 && g[4] == '-' && g[7] == '-')
    wl.list_date = g.substr(0, 10);

  std::size_t last_offset = 0, last_line = 1;  // entities come in file order: count lines forward
  for_children(root, "sanctionEntity", [&](const pugi::xml_node& n) {
    ++wl.rows;
    const std::ptrdiff_t off = n.offset_debug();
    std::size_t line = 0;
    if (off >= 0 && static_cast<std::size_t>(off) >= last_offset) {
      const std::size_t end = std::min(text.size(), static_cast<std::size_t>(off));
      last_line += static_cast<std::size_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(last_offset),
                                                       text.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
      last_offset = end;
      line = last_line;
    } else {
      line = line_of_offset(text, off);
    }
    Entry e;
    e.source = wl.source;
    e.id = attr(n, "logicalId");
    e.list_date = wl.list_date;
    if (const std::string d = attr(n, "designationDate"); d.size() >= 10) e.listed_on = d.substr(0, 10);
    std::string code;
    for_children(n, "subjectType", [&](const pugi::xml_node& s) { code = attr(s, "code"); });
    e.kind = iequals(code, "person") ? EntryKind::individual : iequals(code, "enterprise") ? EntryKind::entity : EntryKind::other;
    // Names: the first strong alias is primary; strong="false" is a weak alias.
    std::vector<Name> weak;
    for_children(n, "nameAlias", [&](const pugi::xml_node& a) {
      std::string whole = attr(a, "wholeName");
      if (whole.empty()) {
        const std::string first = attr(a, "firstName"), last = attr(a, "lastName");
        whole = first.empty() ? last : last.empty() ? first : first + " " + last;
      }
      if (whole.empty()) return;
      if (std::any_of(e.names.begin(), e.names.end(), [&](const Name& x) { return x.text == whole; }) ||
          std::any_of(weak.begin(), weak.end(), [&](const Name& x) { return x.text == whole; }))
        return;
      if (iequals(attr(a, "strong"), "false")) weak.push_back(Name{whole, NameKind::weak});
      else e.names.push_back(Name{whole, e.names.empty() ? NameKind::primary : NameKind::aka});
    });
    if (e.names.empty() && !weak.empty()) {
      weak.front().kind = NameKind::primary;  // only weak names: the first stands as the name
    }
    e.names.insert(e.names.end(), weak.begin(), weak.end());
    if (e.id.empty() || e.names.empty()) {
      wl.rejects.push_back({line, "", "missing_field", e.id.empty() ? "sanctionEntity@logicalId" : "entry " + e.id + ": nameAlias@wholeName"});
      return;
    }
    for_children(n, "regulation", [&](const pugi::xml_node& r) {
      const std::string p = attr(r, "programme");
      if (!p.empty() && std::find(e.programs.begin(), e.programs.end(), p) == e.programs.end()) e.programs.push_back(p);
    });
    // Identifications: an IMO-typed one is a company number (the FSF has no
    // ships); any "IMO nnnnnnn" in a number or its remark too.
    for_children(n, "identification", [&](const pugi::xml_node& id) {
      const std::string type = attr(id, "identificationTypeCode"), desc = attr(id, "identificationTypeDescription");
      const std::string num = attr(id, "number");
      std::string rem;
      for_children(id, "remark", [&](const pugi::xml_node& r) { rem += trimmed(r.text().as_string()) + " "; });
      const bool imo_typed = iequals(type, "imo") || desc.find("IMO") != std::string::npos ||
                             rem.find("IMO") != std::string::npos;
      if (imo_typed) {
        if (auto v = seven_digits(num); v && std::find(e.company_imos.begin(), e.company_imos.end(), *v) == e.company_imos.end())
          e.company_imos.push_back(*v);
      }
      const std::size_t before = e.company_imos.size();
      imo_numbers_in(num, e.company_imos);
      const bool imo_in_number = num.find("IMO") != std::string::npos;
      if (!num.empty() && !imo_typed && !imo_in_number && e.company_imos.size() == before)
        e.registrations.push_back(type.empty() ? num : type + " " + num);
    });
    for_children(n, "remark", [&](const pugi::xml_node& r) {
      const std::string t = trimmed(r.text().as_string());
      if (t.empty()) return;
      if (!e.remarks.empty()) e.remarks += "; ";
      e.remarks += t;
    });
    imo_numbers_in(e.remarks, e.company_imos);
    std::string note;
    if (const std::string eu = attr(n, "euReferenceNumber"); !eu.empty()) note = "EU reference " + eu;
    if (const std::string un = attr(n, "unitedNationId"); !un.empty()) note += (note.empty() ? "" : "; ") + std::string("UN ") + un;
    e.note = std::move(note);
    wl.entries.push_back(std::move(e));
  });
  return wl;
}

}  // namespace tidewatch::watchlist
