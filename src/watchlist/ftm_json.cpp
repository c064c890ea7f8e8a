// OpenSanctions FollowTheMoney JSON reader (watchlist/readers.h).

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>

#include "tidewatch/core/ids.h"
#include "tidewatch/watchlist/readers.h"

namespace tidewatch::watchlist {

namespace {

using nlohmann::json;

/// The string values of a property (FtM values are arrays of strings; nested
/// exports put entity objects there: their id, or their first name with `names`).
std::vector<std::string> values(const json& props, const char* key, bool names = false) {
  std::vector<std::string> out;
  const auto it = props.find(key);
  if (it == props.end()) return out;
  auto one = [&](const json& v) {
    if (v.is_string()) out.push_back(v.get<std::string>());
    else if (v.is_object()) {
      if (names) {
        for (const std::string& n : values(v.value("properties", json::object()), "name")) {
          out.push_back(n);
          break;
        }
      } else if (v.contains("id") && v["id"].is_string()) {
        out.push_back(v["id"].get<std::string>());
      }
    }
  };
  if (it->is_array()) for (const json& v : *it) one(v);
  else one(*it);
  return out;
}

/// All the digits of `s` as one number when there are exactly 7 of them ("IMO 9179842").
std::optional<std::uint32_t> digits_if_seven(const std::string& s) {
  std::string d;
  for (char c : s)
    if (std::isdigit(static_cast<unsigned char>(c))) d.push_back(c);
  if (d.size() != 7) return std::nullopt;
  return static_cast<std::uint32_t>(std::stoul(d));
}

}  // namespace

WatchList read_ftm_json(std::string_view text) {
  WatchList wl;
  wl.source = "opensanctions";
  std::unordered_map<std::string, std::size_t> by_id;
  struct Pending {
    std::string owner, asset, relation;
  };
  std::vector<Pending> links;
  std::vector<std::pair<std::string, std::string>> programs;  // entity id, programme
  std::size_t line_no = 0, pos = 0;
  while (pos < text.size()) {
    const std::size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty()) continue;
    ++wl.rows;
    try {  // a value of the wrong JSON type (nlohmann type_error) or a bad year: the row is rejected
    json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) {
      wl.rejects.push_back({line_no, "", "bad_json", "not a JSON object"});
      continue;
    }
    const std::string id = j.value("id", std::string{});
    const std::string schema = j.value("schema", std::string{});
    if (id.empty() || schema.empty()) {
      wl.rejects.push_back({line_no, "", "missing_field", id.empty() ? "id" : "schema"});
      continue;
    }
    const json props = j.value("properties", json::object());
    if (!props.is_object()) {
      wl.rejects.push_back({line_no, "", "bad_json", "properties is not an object"});
      continue;
    }
    if (schema == "Ownership" || schema == "Directorship") {
      for (const std::string& a : values(props, schema == "Ownership" ? "asset" : "organization"))
        for (const std::string& o : values(props, schema == "Ownership" ? "owner" : "director"))
          links.push_back({o, a, schema == "Ownership" ? "owner" : "director"});
      continue;
    }
    if (schema == "Sanction") {
      for (const std::string& e : values(props, "entity"))
        for (const std::string& p : values(props, "program")) programs.emplace_back(e, p);
      continue;
    }
    EntryKind kind;
    if (schema == "Vessel") kind = EntryKind::vessel;
    else if (schema == "Company" || schema == "Organization" || schema == "LegalEntity") kind = EntryKind::entity;
    else if (schema == "Person") kind = EntryKind::individual;
    else if (schema == "Airplane") kind = EntryKind::aircraft;
    else continue;  // addresses, identifications, ...: not used
    Entry e;
    e.source = wl.source;
    e.id = id;
    e.kind = kind;
    auto add_names = [&](const char* key, NameKind k) {
      for (const std::string& n : values(props, key))
        if (!n.empty() && std::none_of(e.names.begin(), e.names.end(), [&](const Name& x) { return x.text == n; }))
          e.names.push_back(Name{n, k});
    };
    add_names("name", NameKind::primary);
    if (e.names.size() > 1)
      for (std::size_t i = 1; i < e.names.size(); ++i) e.names[i].kind = NameKind::aka;
    add_names("alias", NameKind::aka);
    add_names("previousName", NameKind::fka);
    add_names("weakAlias", NameKind::weak);
    if (e.names.empty()) {
      const std::string caption = j.value("caption", std::string{});
      if (!caption.empty()) e.names.push_back(Name{caption, NameKind::primary});
    }
    if (e.names.empty()) {
      wl.rejects.push_back({line_no, "", "missing_field", "name"});
      continue;
    }
    for (const std::string& v : values(props, "imoNumber")) {
      const auto n = digits_if_seven(v);
      if (!n) {
        wl.rejects.push_back({line_no, "", "bad_number", "imoNumber " + v});
      } else if (kind != EntryKind::vessel) {
        e.company_imos.push_back(*n);
      } else if (imo_check_digit_ok(*n)) {
        if (!e.imo) e.imo = *n;
      } else {
        e.bad_imos.push_back(*n);
        wl.rejects.push_back({line_no, "", "bad_imo", "imoNumber " + v});
      }
    }
    for (const std::string& v : values(props, "mmsi")) {
      std::string d;
      for (char c : v)
        if (std::isdigit(static_cast<unsigned char>(c))) d.push_back(c);
      if (d.size() == 9) e.mmsis.push_back(static_cast<std::uint32_t>(std::stoul(d)));
      else wl.rejects.push_back({line_no, "", "bad_number", "mmsi " + v});
    }
    for (std::string v : values(props, "callSign")) {
      for (char& c : v) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      e.callsigns.push_back(v);
    }
    if (auto f = values(props, "flag"); !f.empty()) e.flag = f.front();
    e.other_flags = values(props, "pastFlags");
    if (auto t = values(props, "type"); !t.empty()) e.vessel_type = t.front();
    if (auto t = values(props, "tonnage"); !t.empty()) e.tonnage = t.front();
    if (auto t = values(props, "grossRegisteredTonnage"); !t.empty()) e.gross_tonnage = t.front();
    if (auto b = values(props, "buildDate"); !b.empty() && b.front().size() >= 4 &&
                                             std::all_of(b.front().begin(), b.front().begin() + 4, [](char c) {
                                               return std::isdigit(static_cast<unsigned char>(c)) != 0;
                                             }))
      e.build_year = std::stoi(b.front().substr(0, 4));
    for (const char* rel : {"owner", "operator"}) {
      const auto ids = values(props, rel), names = values(props, rel, true);
      for (std::size_t i = 0; i < ids.size(); ++i)
        links.push_back({ids[i], id, rel});
      for (const std::string& n : names) e.links.push_back(Link{rel, n, {}});  // nested: named owner
    }
    e.programs = values(props, "program");
    if (auto n = values(props, "notes"); !n.empty()) e.note = n.front();
    by_id.emplace(e.id, wl.entries.size());
    wl.entries.push_back(std::move(e));
    } catch (const std::exception& ex) {
      wl.rejects.push_back({line_no, "", "bad_json", std::string("unusable value: ") + ex.what()});
    }
  }
  // Owners, operators and programmes given by id: attach them.
  for (const Pending& l : links) {
    auto a = by_id.find(l.asset);
    if (a == by_id.end()) continue;
    Entry& asset = wl.entries[a->second];
    auto o = by_id.find(l.owner);
    const std::string owner_name = o != by_id.end() ? wl.entries[o->second].primary_name() : l.owner;
    // A nested export already named the owner: give that link its id.
    const std::string target = o != by_id.end() ? l.owner : std::string{};
    bool done = false;
    for (Link& x : asset.links)
      if (x.relation == l.relation && x.name == owner_name) {
        x.target_id = target;
        done = true;
      }
    if (!done) asset.links.push_back(Link{l.relation, owner_name, target});
  }
  for (const auto& [eid, prog] : programs)
    if (auto it = by_id.find(eid); it != by_id.end()) {
      auto& p = wl.entries[it->second].programs;
      if (std::find(p.begin(), p.end(), prog) == p.end()) p.push_back(prog);
    }
  return wl;
}

}  // namespace tidewatch::watchlist
