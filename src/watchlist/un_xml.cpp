// UN Security Council consolidated list XML reader (watchlist/readers.h).

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <string>

#include "tidewatch/watchlist/readers.h"
#include "text_util.h"
#include "xml_util.h"

namespace tidewatch::watchlist {

namespace {

/// IMO company numbers in free text: "IMO" (not followed by a letter), then up
/// to 24 characters without digits (" Number: ", ") Number: "), then exactly 7 digits.
std::vector<std::uint32_t> imo_numbers_in(std::string_view t) {
  std::vector<std::uint32_t> out;
  std::size_t pos = 0;
  while ((pos = t.find("IMO", pos)) != std::string_view::npos) {
    std::size_t i = pos + 3;
    pos = i;
    if (i < t.size() && std::isalpha(static_cast<unsigned char>(t[i]))) continue;  // IMOVICH
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
  return out;
}

}  // namespace

WatchList read_un_consolidated_xml(std::string_view text) {
  WatchList wl;
  wl.source = "un_sc";
  pugi::xml_document doc;
  const pugi::xml_parse_result res = doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_auto);
  if (!res) wl.rejects.push_back({line_of_offset(text, res.offset), "", "bad_xml", res.description()});
  const pugi::xml_node root = doc.child("CONSOLIDATED_LIST");
  if (!root) {
    if (res) wl.rejects.push_back({1, "", "bad_xml", "no CONSOLIDATED_LIST element"});
    return wl;
  }
  const std::string generated = root.attribute("dateGenerated").as_string();
  if (generated.size() >= 10) wl.list_date = generated.substr(0, 10);

  auto read = [&](const pugi::xml_node& n, EntryKind kind, const char* alias_tag) {
    ++wl.rows;
    const std::size_t line = line_of_offset(text, n.offset_debug());
    Entry e;
    e.source = wl.source;
    e.kind = kind;
    e.id = child_text(n, "REFERENCE_NUMBER");
    std::string name = child_text(n, "FIRST_NAME");
    if (kind == EntryKind::individual)
      for (const char* part : {"SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"})
        if (std::string p = child_text(n, part); !p.empty()) name += (name.empty() ? "" : " ") + p;
    if (e.id.empty() || name.empty()) {
      wl.rejects.push_back({line, "", "missing_field", e.id.empty() ? "REFERENCE_NUMBER" : "FIRST_NAME"});
      return;
    }
    e.names.push_back(Name{name, NameKind::primary});
    for (const pugi::xml_node& a : n.children(alias_tag)) {
      const std::string an = child_text(a, "ALIAS_NAME");
      if (an.empty()) continue;
      const std::string q = child_text(a, "QUALITY");
      e.names.push_back(Name{an, q == "Low" ? NameKind::weak : q == "f.k.a." ? NameKind::fka : NameKind::aka});
    }
    if (std::string prog = child_text(n, "UN_LIST_TYPE"); !prog.empty()) e.programs.push_back(prog);
    e.remarks = child_text(n, "COMMENTS1");
    e.company_imos = imo_numbers_in(e.remarks);
    e.list_date = wl.list_date;
    e.listed_on = child_text(n, "LISTED_ON");
    wl.entries.push_back(std::move(e));
  };
  for (const pugi::xml_node& n : root.child("INDIVIDUALS").children("INDIVIDUAL"))
    read(n, EntryKind::individual, "INDIVIDUAL_ALIAS");
  for (const pugi::xml_node& n : root.child("ENTITIES").children("ENTITY")) read(n, EntryKind::entity, "ENTITY_ALIAS");
  return wl;
}

}  // namespace tidewatch::watchlist
