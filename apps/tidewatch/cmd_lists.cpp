// tidewatch lists diff OLD NEW: vessels added, removed or changed between two
// copies of a sanctions list (docs/screening.md §6).

#include <iostream>
#include <memory>
#include <string>

#include "commands.h"
#include "tidewatch/watchlist/diff.h"
#include "tidewatch/watchlist/format.h"
#include "tidewatch/watchlist/readers.h"

namespace tidewatch::app {

namespace {

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
  return s;
}

std::string csv(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

}  // namespace

void register_lists(CLI::App& app) {
  struct Settings {
    std::string before, after;
    bool all = false;
  };
  auto s = std::make_shared<Settings>();
  CLI::App* lists = app.add_subcommand("lists", "Work with sanctions lists.");
  lists->require_subcommand(1);
  CLI::App* diff = lists->add_subcommand(
      "diff", "Vessels added, removed or changed between two copies of a list (CSV on standard output).");
  diff->add_option("old", s->before, "The older list file")->required()->check(CLI::ExistingFile);
  diff->add_option("new", s->after, "The newer list file")->required()->check(CLI::ExistingFile);
  diff->add_flag("--all", s->all, "Compare every entry (companies, persons), not only vessels");
  diff->callback([s]() {
    const auto a = watchlist::load_watchlist(s->before);
    const auto b = watchlist::load_watchlist(s->after);
    const auto changes = watchlist::diff_lists(a, b, s->all);
    std::cout << "change,id,kind,name,imo,programs,fields,links\n";
    std::size_t n[3] = {0, 0, 0};
    for (const auto& c : changes) {
      const watchlist::Entry& e = c.after ? *c.after : *c.before;
      ++n[static_cast<int>(c.kind)];
      std::vector<std::string> links;
      for (const auto& l : e.links) links.push_back(l.name);
      std::cout << watchlist::change_kind_name(c.kind) << ',' << csv(e.id) << ','
                << watchlist::entry_kind_name(e.kind) << ',' << csv(e.primary_name()) << ','
                << (e.imo ? std::to_string(*e.imo) : std::string{}) << ',' << csv(join(e.programs, "|")) << ','
                << csv(join(c.fields, "|")) << ',' << csv(join(links, "|")) << '\n';
    }
    std::cerr << "lists diff: " << a.list_date << " -> " << b.list_date << ": " << n[0] << " added, " << n[1]
              << " removed, " << n[2] << " changed (" << a.rejects.size() << " and " << b.rejects.size()
              << " rows rejected)\n";
  });
}

}  // namespace tidewatch::app
