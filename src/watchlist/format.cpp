// Writing matches as JSON members and CSV rows (watchlist/format.h).

#include "tidewatch/watchlist/format.h"

#include <cstdio>

namespace tidewatch::watchlist {

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"') out += "\\\"";
    else if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (u < 0x20 || u == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

namespace {

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string s;
  for (const std::string& x : v) {
    if (!s.empty()) s += sep;
    s += x;
  }
  return s;
}

std::string score3(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

void csv_field(std::string& out, std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += s;
    return;
  }
  out.push_back('"');
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace

void append_match_json_fields(std::string& out, const Match& m) {
  const Entry& e = *m.entry;
  out += "\"list\":{\"source\":";
  append_json_string(out, e.source);
  out += ",\"id\":";
  append_json_string(out, e.id);
  out += ",\"name\":";
  append_json_string(out, e.primary_name());
  out += ",\"program\":";
  append_json_string(out, join(e.programs, ";"));
  out += ",\"date\":";
  append_json_string(out, e.list_date);
  out += "},\"basis\":[";
  for (std::size_t i = 0; i < m.basis.size(); ++i) {
    if (i) out.push_back(',');
    append_json_string(out, m.basis[i]);
  }
  out += "],\"score\":" + score3(m.score);
  out += m.strong ? ",\"strong\":true" : ",\"strong\":false";
  out += ",\"matched_name\":";
  append_json_string(out, m.matched_name);
  if (e.imo) out += ",\"imo\":" + std::to_string(*e.imo);
  out += ",\"owners\":[";
  for (std::size_t i = 0; i < m.owners.size(); ++i) {
    if (i) out.push_back(',');
    out += "{\"relation\":";
    append_json_string(out, m.owners[i]->relation);
    out += ",\"name\":";
    append_json_string(out, m.owners[i]->name);
    out += ",\"id\":";
    append_json_string(out, m.owners[i]->target_id);
    out.push_back('}');
  }
  out += "],\"owner_entries\":[";
  for (std::size_t i = 0; i < m.owner_entries.size(); ++i) {
    const Entry& q = *m.owner_entries[i];
    if (i) out.push_back(',');
    out += "{\"source\":";
    append_json_string(out, q.source);
    out += ",\"id\":";
    append_json_string(out, q.id);
    out += ",\"name\":";
    append_json_string(out, q.primary_name());
    out += ",\"program\":";
    append_json_string(out, join(q.programs, ";"));
    out.push_back('}');
  }
  out += "],\"reasons\":";
  append_json_string(out, m.reasons);
  if (!e.note.empty()) {
    out += ",\"note\":";
    append_json_string(out, e.note);
  }
}

std::string_view match_csv_header() noexcept {
  return "mmsi,names,list_source,list_id,list_name,program,list_date,basis,score,strong,matched_name,"
         "listed_imo,owners,reasons,note,owner_entries";
}

void append_match_csv(std::string& out, const VesselIdentity& v, const Match& m) {
  const Entry& e = *m.entry;
  out += std::to_string(v.mmsi);
  out.push_back(',');
  csv_field(out, join(v.names, "|"));
  out.push_back(',');
  csv_field(out, e.source);
  out.push_back(',');
  csv_field(out, e.id);
  out.push_back(',');
  csv_field(out, e.primary_name());
  out.push_back(',');
  csv_field(out, join(e.programs, "|"));
  out.push_back(',');
  csv_field(out, e.list_date);
  out.push_back(',');
  csv_field(out, join(m.basis, "|"));
  out.push_back(',');
  out += score3(m.score);
  out += m.strong ? ",true," : ",false,";
  csv_field(out, m.matched_name);
  out.push_back(',');
  if (e.imo) out += std::to_string(*e.imo);
  out.push_back(',');
  std::vector<std::string> owners;
  for (const Link* l : m.owners) owners.push_back(l->target_id.empty() ? l->name : l->name + " [" + l->target_id + "]");
  csv_field(out, join(owners, "|"));
  out.push_back(',');
  csv_field(out, m.reasons);
  out.push_back(',');
  csv_field(out, e.note);
  out.push_back(',');
  std::vector<std::string> listed;
  for (const Entry* q : m.owner_entries) listed.push_back(q->source + ":" + q->id + " " + q->primary_name());
  csv_field(out, join(listed, "|"));
  out.push_back('\n');
}

}  // namespace tidewatch::watchlist
