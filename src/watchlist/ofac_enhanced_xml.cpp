// OFAC Sanctions List Service ENHANCED_XML reader (watchlist/readers.h), with pugixml.
//
// Layout (checked on the real IRGC_sanctions.xml of 2024-08-28, namespace
// https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML):
//   sanctionsData/publicationInfo/dataAsOf
//   sanctionsData/entities/entity@id
//     generalInfo/entityType            Individual | Entity | Vessel | Aircraft
//     sanctionsLists/sanctionsList@datePublished, sanctionsPrograms/sanctionsProgram
//     names/name{isPrimary, aliasType (A.K.A. | F.K.A. | N.K.A.), isLowQuality,
//                translations/translation{isPrimary, formattedFullName}}
//     features/feature{type, value}     Vessel Call Sign, VESSEL TYPE, Vessel Flag, ...
//     identityDocuments/identityDocument{type, documentNumber}
//                                       Vessel Registration Identification "IMO 9179842", MMSI
//     relationships/relationship{type, relatedEntity@entityId}
// Element names are compared without a namespace prefix, so both the default
// namespace of OFAC's file and a prefixed copy ("e:entity") are read.

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "tidewatch/core/ids.h"
#include "tidewatch/watchlist/readers.h"
#include "text_util.h"
#include "xml_util.h"

namespace tidewatch::watchlist {

namespace {

pugi::xml_node child(const pugi::xml_node& n, const char* name) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && std::strcmp(local_name(c), name) == 0) return c;
  return {};
}

std::string text_of(const pugi::xml_node& n, const char* name) { return trimmed(child(n, name).text().as_string()); }

/// 1-based line of byte offsets met in increasing order (entities are in file order).
class LineCounter {
 public:
  explicit LineCounter(std::string_view text) : text_(text) {}
  std::size_t line(std::ptrdiff_t offset) {
    if (offset < 0) return 0;
    const std::size_t end = std::min(text_.size(), static_cast<std::size_t>(offset));
    if (end < pos_) { pos_ = 0; line_ = 1; }
    line_ += static_cast<std::size_t>(std::count(text_.begin() + static_cast<std::ptrdiff_t>(pos_),
                                                  text_.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
    pos_ = end;
    return line_;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0, line_ = 1;
};

/// The relation of an ENHANCED relationship type, in the words of the other readers.
std::string relation_of(std::string_view type) {
  if (contains_ci(type, "Linked To")) return "linked_to";
  if (contains_ci(type, "Owned or Controlled By") || contains_ci(type, "Owned By") || iequals(type, "Vessel Owner"))
    return "owner";
  if (contains_ci(type, "Operated By") || iequals(type, "Operator") || iequals(type, "Vessel Operator")) return "operator";
  // The other direction ("Owns, controls, or operates") and the other
  // relations keep their own words: owns_controls_or_operates, providing_support_to, ...
  std::string r;
  for (char c : type) {
    if (std::isalnum(static_cast<unsigned char>(c))) r.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    else if (!r.empty() && r.back() != '_') r.push_back('_');
  }
  while (!r.empty() && r.back() == '_') r.pop_back();
  return r.empty() ? "linked_to" : r;
}

void add_unique(std::vector<std::string>& v, std::string s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(std::move(s));
}

void add_company_imo(Entry& e, std::uint32_t v) {
  if (std::find(e.company_imos.begin(), e.company_imos.end(), v) == e.company_imos.end()) e.company_imos.push_back(v);
}

/// An IMO number given for the entry (identity document or feature "Vessel
/// Registration Identification", or "Identification Number IMO ...").
void read_imo(Entry& e, std::string_view type, const std::string& num, WatchList& wl, std::size_t line) {
  std::size_t nd = 0;
  const auto v = digits_in(num, nd);
  const bool imo_text = contains_ci(num, "IMO");
  if (starts_with_ci(type, "Vessel Registration Identification")) {
    if (!v || nd != 7 || !(imo_text || imo_check_digit_ok(*v))) {
      if (!num.empty()) add_unique(e.registrations, num);  // another registry's number
      return;
    }
    if (e.kind != EntryKind::vessel) {
      add_company_imo(e, *v);  // OFAC files DPRK companies' numbers this way
    } else if (imo_check_digit_ok(*v)) {
      if (!e.imo) e.imo = *v;
      else if (*e.imo != *v) add_unique(e.registrations, "IMO " + std::to_string(*v));
    } else {
      e.bad_imos.push_back(*v);
      wl.rejects.push_back({line, "", "bad_imo", "entry " + e.id + ": " + num});
    }
    return;
  }
  // "Identification Number" "IMO 6246853": a company number; on a vessel the
  // ship IMO when its check digit passes (OFAC's NS LEADER).
  if (!v || nd != 7 || !imo_text) return;
  if (e.kind == EntryKind::vessel && imo_check_digit_ok(*v)) {
    if (!e.imo) e.imo = *v;
  } else {
    add_company_imo(e, *v);
  }
}

EntryKind kind_of(std::string_view t) {
  if (starts_with_ci(t, "vessel")) return EntryKind::vessel;
  if (starts_with_ci(t, "individual")) return EntryKind::individual;
  if (starts_with_ci(t, "aircraft")) return EntryKind::aircraft;
  if (starts_with_ci(t, "entity") || t.empty()) return EntryKind::entity;
  return EntryKind::other;
}

}  // namespace

WatchList read_ofac_enhanced_xml(std::string_view text) {
  WatchList wl;
  wl.source = "ofac_sdn";
  LineCounter lines(text);
  pugi::xml_document doc;
  const pugi::xml_parse_result res = doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_auto);
  if (!res) {
    // pugixml keeps what it parsed before the error: those entities are read.
    LineCounter err(text);
    wl.rejects.push_back({err.line(res.offset), "", "bad_xml", res.description()});
  }
  pugi::xml_node root;
  for (pugi::xml_node c = doc.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && std::strcmp(local_name(c), "sanctionsData") == 0) root = c;
  if (!root) {
    if (res) wl.rejects.push_back({1, "", "bad_xml", "no sanctionsData element"});
    return wl;
  }
  const std::string as_of = text_of(child(root, "publicationInfo"), "dataAsOf");  // 2024-08-28T00:00:00
  if (as_of.size() >= 10 && as_of[4] == '-' && as_of[7] == '-') wl.list_date = as_of.substr(0, 10);

  for_children(child(root, "entities"), "entity", [&](const pugi::xml_node& n) {
    ++wl.rows;
    const std::size_t line = lines.line(n.offset_debug());
    Entry e;
    e.source = wl.source;
    e.id = trimmed(n.attribute("id").as_string());
    e.kind = kind_of(text_of(child(n, "generalInfo"), "entityType"));
    e.list_date = wl.list_date;

    // Names: the primary one first; F.K.A. = former, low quality = weak.
    for_children(child(n, "names"), "name", [&](const pugi::xml_node& nm) {
      const bool primary = iequals(text_of(nm, "isPrimary"), "true");
      const std::string alias = text_of(nm, "aliasType");
      NameKind k = NameKind::aka;
      if (primary) k = NameKind::primary;
      else if (starts_with_ci(alias, "F.K.A")) k = NameKind::fka;
      else if (starts_with_ci(alias, "N.K.A")) k = NameKind::nka;
      if (!primary && iequals(text_of(nm, "isLowQuality"), "true")) k = NameKind::weak;
      // The primary translation (Latin script) first, then other scripts as aliases.
      std::vector<std::pair<std::string, bool>> texts;
      for_children(child(nm, "translations"), "translation", [&](const pugi::xml_node& t) {
        std::string full = text_of(t, "formattedFullName");
        if (full.empty()) {
          const std::string first = text_of(t, "formattedFirstName"), last = text_of(t, "formattedLastName");
          full = first.empty() ? last : last.empty() ? first : last + ", " + first;
        }
        if (!full.empty()) texts.emplace_back(std::move(full), iequals(text_of(t, "isPrimary"), "true"));
      });
      std::stable_partition(texts.begin(), texts.end(), [](const std::pair<std::string, bool>& x) { return x.second; });
      for (std::size_t i = 0; i < texts.size(); ++i) {
        const std::string& t = texts[i].first;
        if (std::any_of(e.names.begin(), e.names.end(), [&](const Name& x) { return x.text == t; })) continue;
        const NameKind kk = i == 0 ? k : (k == NameKind::primary ? NameKind::aka : k);
        if (kk == NameKind::primary) e.names.insert(e.names.begin(), Name{t, kk});
        else e.names.push_back(Name{t, kk});
      }
    });
    if (e.id.empty() || e.names.empty() || e.names.front().kind != NameKind::primary) {
      wl.rejects.push_back({line, "", "missing_field", e.id.empty() ? "entity@id" : "entry " + e.id + ": primary name"});
      return;
    }

    for_children(child(n, "sanctionsPrograms"), "sanctionsProgram",
                 [&](const pugi::xml_node& p) { add_unique(e.programs, trimmed(p.text().as_string())); });
    for_children(child(n, "sanctionsLists"), "sanctionsList", [&](const pugi::xml_node& l) {
      const std::string d = trimmed(l.attribute("datePublished").as_string());
      if (d.size() >= 10 && (e.listed_on.empty() || d.substr(0, 10) < e.listed_on)) e.listed_on = d.substr(0, 10);
    });

    for_children(child(n, "features"), "feature", [&](const pugi::xml_node& f) {
      const std::string t = text_of(f, "type"), v = text_of(f, "value");
      if (v.empty()) return;
      std::size_t nd = 0;
      if (iequals(t, "Vessel Call Sign")) {
        std::string cs = v;
        for (char& c : cs) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (std::find(e.callsigns.begin(), e.callsigns.end(), cs) == e.callsigns.end()) {
          e.callsigns.push_back(std::move(cs));  // the main call sign first
          std::rotate(e.callsigns.begin(), e.callsigns.end() - 1, e.callsigns.end());
        }
      } else if (iequals(t, "Other Vessel Call Sign")) {
        std::string cs = v;
        for (char& c : cs) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        add_unique(e.callsigns, cs);
      } else if (iequals(t, "VESSEL TYPE")) {
        e.vessel_type = v;
      } else if (iequals(t, "Vessel Flag")) {
        e.flag = v;
      } else if (iequals(t, "Former Vessel Flag") || iequals(t, "Other Vessel Flag")) {
        add_unique(e.other_flags, v);
      } else if (iequals(t, "Vessel Owner")) {
        e.links.push_back(Link{"owner", v, {}});
      } else if (iequals(t, "Vessel Tonnage")) {
        e.tonnage = v;
      } else if (iequals(t, "Vessel Gross Registered Tonnage")) {
        e.gross_tonnage = v;
      } else if (iequals(t, "Vessel Year of Build")) {
        if (auto y = digits_in(v, nd); y && nd == 4) e.build_year = static_cast<int>(*y);
      } else if (iequals(t, "MMSI")) {
        if (auto m = digits_in(v, nd); m && nd == 9) e.mmsis.push_back(*m);
        else wl.rejects.push_back({line, "", "bad_number", "entry " + e.id + ": MMSI " + v});
      } else if (starts_with_ci(t, "Vessel Registration Identification")) {
        read_imo(e, t, v, wl, line);
      } else if (starts_with_ci(t, "Additional Sanctions Information")) {
        e.note += (e.note.empty() ? "" : "; ") + v;
      }
    });

    for_children(child(n, "identityDocuments"), "identityDocument", [&](const pugi::xml_node& d) {
      const std::string t = text_of(d, "type"), num = text_of(d, "documentNumber");
      if (num.empty()) return;
      std::size_t nd = 0;
      if (iequals(t, "MMSI")) {
        if (auto m = digits_in(num, nd); m && nd == 9) {
          if (std::find(e.mmsis.begin(), e.mmsis.end(), *m) == e.mmsis.end()) e.mmsis.push_back(*m);
        } else {
          wl.rejects.push_back({line, "", "bad_number", "entry " + e.id + ": MMSI " + num});
        }
      } else if (starts_with_ci(t, "Vessel Registration Identification") || contains_ci(num, "IMO")) {
        read_imo(e, t, num, wl, line);
      }
    });

    for_children(child(n, "relationships"), "relationship", [&](const pugi::xml_node& r) {
      const pugi::xml_node rel = child(r, "relatedEntity");
      std::string name = trimmed(rel.text().as_string());
      // entityId is the OFAC uid (= sdn.csv ent_num) of the related party's own
      // entry.  OFAC leaves some relatedEntity elements without the name (17 of
      // 229 in IRGC_sanctions.xml): named below from the file's entity when it has it.
      std::string target = trimmed(rel.attribute("entityId").as_string());
      if (name.empty() && target.empty()) return;
      e.links.push_back(Link{relation_of(text_of(r, "type")), std::move(name), std::move(target)});
    });

    e.remarks = text_of(child(n, "generalInfo"), "remarks");
    wl.entries.push_back(std::move(e));
  });

  // Owners named only by text ("Vessel Owner" features) resolved to entries of
  // the file by name; related entities given only by id named from the file.
  std::unordered_map<std::string, std::string> by_name;
  std::unordered_map<std::string, std::string> name_of;
  for (const Entry& e : wl.entries) {
    name_of.emplace(e.id, e.primary_name());
    if (e.kind != EntryKind::vessel)
      for (const Name& nm : e.names) by_name.emplace(link_key(nm.text), e.id);
  }
  for (Entry& e : wl.entries)
    for (Link& l : e.links) {
      if (l.target_id.empty()) {
        if (auto it = by_name.find(link_key(l.name)); it != by_name.end()) l.target_id = it->second;
      } else if (l.name.empty()) {
        if (auto it = name_of.find(l.target_id); it != name_of.end()) l.name = it->second;
      }
    }
  return wl;
}

}  // namespace tidewatch::watchlist
