// OFAC SDN.XML reader (watchlist/readers.h), with pugixml.

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>

#include "tidewatch/core/ids.h"
#include "tidewatch/watchlist/readers.h"
#include "text_util.h"
#include "xml_util.h"

namespace tidewatch::watchlist {

namespace {

std::string person_or_entity_name(const pugi::xml_node& n) {
  const std::string first = child_text(n, "firstName"), last = child_text(n, "lastName");
  if (first.empty()) return last;
  if (last.empty()) return first;
  return last + ", " + first;  // OFAC's CSV order: "HANIYA, Ismail Abdul Salah"
}

}  // namespace

WatchList read_ofac_sdn_xml(std::string_view text) {
  WatchList wl;
  wl.source = "ofac_sdn";
  pugi::xml_document doc;
  const pugi::xml_parse_result res = doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_auto);
  if (!res) {
    wl.rejects.push_back({line_of_offset(text, res.offset), "", "bad_xml", res.description()});
    // pugixml keeps what it parsed before the error: read that.
  }
  const pugi::xml_node root = doc.child("sdnList");
  if (!root) {
    if (res) wl.rejects.push_back({1, "", "bad_xml", "no sdnList element"});
    return wl;
  }
  const std::string date = child_text(root.child("publshInformation"), "Publish_Date");  // MM/DD/YYYY
  if (date.size() == 10 && date[2] == '/' && date[5] == '/')
    wl.list_date = date.substr(6, 4) + "-" + date.substr(0, 2) + "-" + date.substr(3, 2);

  for (const pugi::xml_node& n : root.children("sdnEntry")) {
    ++wl.rows;
    const std::size_t line = line_of_offset(text, n.offset_debug());
    Entry e;
    e.source = wl.source;
    e.id = child_text(n, "uid");
    const std::string type = child_text(n, "sdnType");
    e.kind = starts_with_ci(type, "vessel")       ? EntryKind::vessel
             : starts_with_ci(type, "individual") ? EntryKind::individual
             : starts_with_ci(type, "aircraft")   ? EntryKind::aircraft
             : starts_with_ci(type, "entity")     ? EntryKind::entity
                                                  : EntryKind::other;
    const std::string name = e.kind == EntryKind::individual ? person_or_entity_name(n) : [&] {
      std::string last = child_text(n, "lastName");
      return last.empty() ? person_or_entity_name(n) : last;
    }();
    if (e.id.empty() || name.empty()) {
      wl.rejects.push_back({line, "", "missing_field", e.id.empty() ? "uid" : "lastName"});
      continue;
    }
    e.names.push_back(Name{name, NameKind::primary});
    e.list_date = wl.list_date;
    for (const pugi::xml_node& p : n.child("programList").children("program")) e.programs.emplace_back(p.text().as_string());
    for (const pugi::xml_node& a : n.child("akaList").children("aka")) {
      const std::string t = child_text(a, "type"), cat = child_text(a, "category");
      NameKind k = starts_with_ci(t, "f.k.a") ? NameKind::fka : starts_with_ci(t, "n.k.a") ? NameKind::nka : NameKind::aka;
      if (starts_with_ci(cat, "weak")) k = NameKind::weak;
      const std::string an = e.kind == EntryKind::individual ? person_or_entity_name(a) : [&] {
        std::string last = child_text(a, "lastName");
        return last.empty() ? person_or_entity_name(a) : last;
      }();
      if (!an.empty() && std::none_of(e.names.begin(), e.names.end(), [&](const Name& x) { return x.text == an; }))
        e.names.push_back(Name{an, k});
    }
    for (const pugi::xml_node& id : n.child("idList").children("id")) {
      const std::string t = child_text(id, "idType"), num = child_text(id, "idNumber");
      std::size_t nd = 0;
      if (starts_with_ci(t, "Vessel Registration Identification")) {
        const auto v = digits_in(num, nd);
        const bool imo_text = starts_with_ci(num, "IMO");
        if (v && nd == 7 && (imo_text || imo_check_digit_ok(*v))) {
          if (e.kind != EntryKind::vessel) e.company_imos.push_back(*v);
          else if (imo_check_digit_ok(*v)) { if (!e.imo) e.imo = *v; }
          else {
            e.bad_imos.push_back(*v);
            wl.rejects.push_back({line, "", "bad_imo", "entry " + e.id + ": " + num});
          }
        } else {
          e.registrations.push_back(num);
        }
      } else if (starts_with_ci(t, "MMSI")) {
        if (auto v = digits_in(num, nd); v && nd == 9) e.mmsis.push_back(*v);
        else wl.rejects.push_back({line, "", "bad_number", "entry " + e.id + ": MMSI " + num});
      } else if (starts_with_ci(t, "Vessel Year of Build")) {
        if (auto v = digits_in(num, nd)) e.build_year = static_cast<int>(*v);
      } else if (starts_with_ci(t, "Former Vessel Flag") || starts_with_ci(t, "Other Vessel Flag")) {
        e.other_flags.push_back(num);
      } else if (starts_with_ci(t, "Other Vessel Call Sign")) {
        e.callsigns.push_back(num);
      } else if (starts_with_ci(t, "Identification Number") && num.find("IMO") != std::string::npos) {
        if (auto v = digits_in(num, nd)) e.company_imos.push_back(*v);
      } else if (starts_with_ci(t, "Additional Sanctions Information")) {
        e.note += (e.note.empty() ? "" : "; ") + num;
      }
    }
    if (const pugi::xml_node vi = n.child("vesselInfo")) {
      if (auto cs = child_text(vi, "callSign"); !cs.empty()) e.callsigns.insert(e.callsigns.begin(), cs);
      e.vessel_type = child_text(vi, "vesselType");
      e.flag = child_text(vi, "vesselFlag");
      e.tonnage = child_text(vi, "tonnage");
      e.gross_tonnage = child_text(vi, "grossRegisteredTonnage");
      if (auto owner = child_text(vi, "vesselOwner"); !owner.empty()) e.links.push_back(Link{"owner", owner, {}});
    }
    for (std::string& c : e.callsigns)
      for (char& ch : c) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    e.remarks = child_text(n, "remarks");
    wl.entries.push_back(std::move(e));
  }
  // Owners named in vesselInfo resolved to entries of the list by name.
  std::unordered_map<std::string, std::string> by_name;
  auto key = [](const std::string& s) {
    std::string k;
    for (char c : s)
      if (std::isalnum(static_cast<unsigned char>(c))) k.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    return k;
  };
  for (const Entry& e : wl.entries)
    if (e.kind != EntryKind::vessel)
      for (const Name& nm : e.names) by_name.emplace(key(nm.text), e.id);
  for (Entry& e : wl.entries)
    for (Link& l : e.links)
      if (auto it = by_name.find(key(l.name)); it != by_name.end()) l.target_id = it->second;
  return wl;
}

}  // namespace tidewatch::watchlist
