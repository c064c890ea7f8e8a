// Writing matches as JSON members and CSV rows (watchlist/format.h).

#include "tidewatch/watchlist/format.h"

#include <cstdio>

#include "tidewatch/report/text.h"

namespace tidewatch::watchlist {

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

}  // namespace

void append_match_json_fields(std::string& out, const Match& m) {
  const Entry& e = *m.entry;
  out += "\"list\":{\"source\":";
  report::put_json_str(out, e.source);
  out += ",\"id\":";
  report::put_json_str(out, e.id);
  out += ",\"name\":";
  report::put_json_str(out, e.primary_name());
  out += ",\"program\":";
  report::put_json_str(out, join(e.programs, ";"));
  out += ",\"date\":";
  report::put_json_str(out, e.list_date);
  out += "},\"basis\":[";
  for (std::size_t i = 0; i < m.basis.size(); ++i) {
    if (i) out.push_back(',');
    report::put_json_str(out, m.basis[i]);
  }
  out += "],\"score\":" + score3(m.score);
  out += m.strong ? ",\"strong\":true" : ",\"strong\":false";
  out += ",\"matched_name\":";
  report::put_json_str(out, m.matched_name);
  if (e.imo) out += ",\"imo\":" + std::to_string(*e.imo);
  out += ",\"owners\":[";
  for (std::size_t i = 0; i < m.owners.size(); ++i) {
    if (i) out.push_back(',');
    out += "{\"relation\":";
    report::put_json_str(out, m.owners[i]->relation);
    out += ",\"name\":";
    report::put_json_str(out, m.owners[i]->name);
    out += ",\"id\":";
    report::put_json_str(out, m.owners[i]->target_id);
    out.push_back('}');
  }
  out += "],\"owner_entries\":[";
  for (std::size_t i = 0; i < m.owner_entries.size(); ++i) {
    const Entry& q = *m.owner_entries[i];
    if (i) out.push_back(',');
    out += "{\"source\":";
    report::put_json_str(out, q.source);
    out += ",\"id\":";
    report::put_json_str(out, q.id);
    out += ",\"name\":";
    report::put_json_str(out, q.primary_name());
    out += ",\"program\":";
    report::put_json_str(out, join(q.programs, ";"));
    out.push_back('}');
  }
  out += "],\"reasons\":";
  report::put_json_str(out, m.reasons);
  if (!e.note.empty()) {
    out += ",\"note\":";
    report::put_json_str(out, e.note);
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
  report::put_csv(out, join(v.names, "|"));
  out.push_back(',');
  report::put_csv(out, e.source);
  out.push_back(',');
  report::put_csv(out, e.id);
  out.push_back(',');
  report::put_csv(out, e.primary_name());
  out.push_back(',');
  report::put_csv(out, join(e.programs, "|"));
  out.push_back(',');
  report::put_csv(out, e.list_date);
  out.push_back(',');
  report::put_csv(out, join(m.basis, "|"));
  out.push_back(',');
  out += score3(m.score);
  out += m.strong ? ",true," : ",false,";
  report::put_csv(out, m.matched_name);
  out.push_back(',');
  if (e.imo) out += std::to_string(*e.imo);
  out.push_back(',');
  std::vector<std::string> owners;
  for (const Link* l : m.owners) owners.push_back(l->target_id.empty() ? l->name : l->name + " [" + l->target_id + "]");
  report::put_csv(out, join(owners, "|"));
  out.push_back(',');
  report::put_csv(out, m.reasons);
  out.push_back(',');
  report::put_csv(out, e.note);
  out.push_back(',');
  std::vector<std::string> listed;
  for (const Entry* q : m.owner_entries) listed.push_back(q->source + ":" + q->id + " " + q->primary_name());
  report::put_csv(out, join(listed, "|"));
  out.push_back('\n');
}

}  // namespace tidewatch::watchlist
