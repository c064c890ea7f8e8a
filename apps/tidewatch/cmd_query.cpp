// tidewatch query STORE port-visits|vessel|events|track ...: answers from a
// store written by `analyze --store` / `tracks --store` (docs/store.md §6).
// The work is store::query.

#include <cstdint>
#include <iostream>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "tidewatch/store/query.h"
#include "tidewatch/store/store.h"

namespace tidewatch::app {
namespace {

struct QuerySettings {
  std::string store;
  std::string format = "jsonl";
  std::string from, to;
  std::string port;
  std::string vessel;
  std::string bbox = "-180,-90,180,90";
  std::vector<std::string> types;
  std::uint32_t mmsi = 0;
};

struct Window {
  UnixMillis from, to;
};

Window window(const QuerySettings& s) {
  Window w{std::numeric_limits<UnixMillis>::min() / 2, std::numeric_limits<UnixMillis>::max() / 2};
  if (!s.from.empty()) {
    auto t = store::query::parse_time(s.from, false);
    if (!t) throw CLI::ValidationError("--from", "not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ): " + s.from);
    w.from = *t;
  }
  if (!s.to.empty()) {
    auto t = store::query::parse_time(s.to, true);
    if (!t) throw CLI::ValidationError("--to", "not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ): " + s.to);
    w.to = *t;
  }
  return w;
}

store::query::Format format(const QuerySettings& s, bool geojson_ok) {
  auto f = store::query::parse_format(s.format);
  if (!f || (*f == store::query::Format::geojson && !geojson_ok))
    throw CLI::ValidationError("--format", "unsupported here: " + s.format);
  return *f;
}

void add_window(CLI::App& c, QuerySettings& s) {
  c.add_option("--from", s.from, "From (UTC): YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ");
  c.add_option("--to", s.to, "To (UTC, inclusive; a date means the whole day)");
}

}  // namespace

void register_query(CLI::App& app) {
  auto s = std::make_shared<QuerySettings>();
  CLI::App* cmd = app.add_subcommand(
      "query", "Ask a store (analyze/tracks --store FILE): port visits, a vessel, events in an area, a track.");
  cmd->add_option("STORE", s->store, "The store file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--format", s->format, "jsonl (default) or csv; track also geojson");
  cmd->require_subcommand(1);
  auto open = [s]() { return store::Store::open(s->store, store::Mode::read_only); };

  CLI::App* pv = cmd->add_subcommand("port-visits", "Vessels that visited (port_visit) or could have (possible_port_visit) a port");
  pv->add_option("--port", s->port, "Port name (any case) or UN/LOCODE")->required();
  add_window(*pv, *s);
  pv->callback([s, open]() {
    const auto w = window(*s);
    const auto st = open();
    std::cout << store::query::port_visits(st, s->port, w.from, w.to, format(*s, false));
  });

  CLI::App* ve = cmd->add_subcommand("vessel", "Everything stored about a vessel: identity history, tracks, events, list matches");
  ve->add_option("ID", s->vessel, "MMSI (9 digits) or IMO (7 digits, optionally IMO1234567)")->required();
  ve->callback([s, open]() {
    const auto st = open();
    std::string out;
    try {
      out = store::query::vessel(st, s->vessel, format(*s, false));
    } catch (const std::invalid_argument& e) {
      throw CLI::ValidationError("ID", e.what());
    }
    std::cout << out;
    if (out.empty() || (s->format == "csv" && out.find('\n') + 1 == out.size())) {
      std::cerr << "tidewatch query: nothing stored for " << s->vessel << '\n';
      throw CLI::RuntimeError(3);
    }
  });

  CLI::App* ev = cmd->add_subcommand("events", "Events in an area and time window");
  ev->add_option("--bbox", s->bbox, "W,S,E,N in degrees (W > E crosses the antimeridian)");
  ev->add_option("--type", s->types, "Event type (repeatable; default all)");
  add_window(*ev, *s);
  ev->callback([s, open]() {
    const auto box = store::query::parse_bbox(s->bbox);
    if (!box) throw CLI::ValidationError("--bbox", "expected W,S,E,N in degrees: " + s->bbox);
    const auto w = window(*s);
    const auto st = open();
    std::cout << store::query::events(st, *box, w.from, w.to, s->types, format(*s, false));
  });

  CLI::App* tr = cmd->add_subcommand("track", "A vessel's positions (CSV, JSON Lines or GeoJSON)");
  tr->add_option("MMSI", s->mmsi, "MMSI")->required();
  add_window(*tr, *s);
  tr->callback([s, open]() {
    const auto w = window(*s);
    const auto st = open();
    std::cout << store::query::track(st, s->mmsi, w.from, w.to, format(*s, true));
  });
}

}  // namespace tidewatch::app
