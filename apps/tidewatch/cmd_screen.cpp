// tidewatch screen --watchlist FILE... [--vessels CSV | INPUT... | --name/--imo/--mmsi/--callsign]
// Every vessel against the sanctions lists, with the basis and score of each
// match (docs/screening.md).  Vessels come from the vessels.csv of
// `tidewatch tracks`, or one identity given on the command line.

#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "commands.h"
#include "tidewatch/watchlist/format.h"
#include "tidewatch/watchlist/match.h"
#include "tidewatch/watchlist/readers.h"
#include "tidewatch/watchlist/vessels.h"

namespace tidewatch::app {

namespace {

struct ScreenSettings {
  std::vector<std::string> watchlists;
  std::vector<std::string> vessels;
  std::vector<std::string> inputs;
  std::string format = "csv";
  double min_score = watchlist::Params{}.min_score;
  std::string name, callsign;
  std::uint32_t imo = 0, mmsi = 0;
  bool quiet = false;
};

void report_list(const watchlist::WatchList& wl) {
  std::map<std::string, std::size_t> by_reason;
  for (const auto& r : wl.rejects) ++by_reason[r.reason];
  std::cerr << "screen: " << wl.path << ": " << wl.source << (wl.list_date.empty() ? "" : " " + wl.list_date)
            << ", " << wl.rows << " rows, " << wl.entries.size() << " entries, "
            << wl.count(watchlist::EntryKind::vessel) << " vessels, " << wl.rejects.size() << " rejected";
  for (const auto& [reason, n] : by_reason) std::cerr << " " << reason << "=" << n;
  std::cerr << '\n';
  for (std::size_t i = 0; i < wl.rejects.size() && i < 5; ++i)
    std::cerr << "  " << (wl.rejects[i].file.empty() ? wl.path : wl.rejects[i].file) << ':' << wl.rejects[i].line
              << ": " << wl.rejects[i].reason << ": " << wl.rejects[i].detail << '\n';
}

bool looks_like_vessels_csv(const std::string& text) { return text.rfind("mmsi,", 0) == 0; }

void run_screen(const ScreenSettings& s) {
  if (s.format != "csv" && s.format != "jsonl") throw std::runtime_error("--format must be csv or jsonl");
  watchlist::Params params;
  params.min_score = s.min_score;
  watchlist::Screener screener(params);
  for (const std::string& path : s.watchlists) {
    const watchlist::WatchList wl = watchlist::load_watchlist(path);
    if (!s.quiet) report_list(wl);
    screener.add(wl);
  }

  std::vector<watchlist::VesselIdentity> vessels;
  auto read_vessels = [&](const std::string& path) {
    const std::string text = watchlist::read_file_text(path);
    if (!looks_like_vessels_csv(text))
      throw std::runtime_error(path + ": not a vessels.csv; run `tidewatch tracks INPUT... --out DIR` first and "
                                      "pass DIR/vessels.csv with --vessels");
    watchlist::VesselsCsv vc = watchlist::read_vessels_csv(text);
    if (!s.quiet) {
      std::cerr << "screen: " << path << ": " << vc.vessels.size() << " vessels, " << vc.rejects.size() << " rejected\n";
      for (std::size_t i = 0; i < vc.rejects.size() && i < 5; ++i)
        std::cerr << "  " << path << ':' << vc.rejects[i].line << ": " << vc.rejects[i].reason << ": "
                  << vc.rejects[i].detail << '\n';
    }
    for (auto& v : vc.vessels) vessels.push_back(std::move(v));
  };
  for (const std::string& p : s.vessels) read_vessels(p);
  for (const std::string& p : s.inputs) read_vessels(p);
  if (!s.name.empty() || s.imo != 0 || s.mmsi != 0 || !s.callsign.empty()) {
    watchlist::VesselIdentity v;
    v.mmsi = s.mmsi;
    if (!s.name.empty()) v.names.push_back(s.name);
    if (!s.callsign.empty()) v.callsigns.push_back(s.callsign);
    if (s.imo != 0) v.imos.push_back(s.imo);
    vessels.push_back(std::move(v));
  }
  if (vessels.empty())
    throw std::runtime_error("no vessels to screen: give --vessels vessels.csv (from `tidewatch tracks`) or "
                             "--name/--imo/--mmsi/--callsign");

  const auto t0 = std::chrono::steady_clock::now();
  std::string out;
  if (s.format == "csv") {
    out += watchlist::match_csv_header();
    out.push_back('\n');
  }
  std::size_t matched = 0, strong = 0, n_matches = 0;
  for (const auto& v : vessels) {
    const auto ms = screener.screen(v);
    if (!ms.empty()) ++matched;
    for (const auto& m : ms) {
      ++n_matches;
      if (m.strong) ++strong;
      if (s.format == "csv") {
        watchlist::append_match_csv(out, v, m);
      } else {
        out += "{\"type\":\"watchlist_match\",\"mmsi\":" + std::to_string(v.mmsi) + ",";
        watchlist::append_match_json_fields(out, m);
        out += "}\n";
      }
    }
    if (out.size() > (1U << 20)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!s.quiet)
    std::cerr << "screen: " << vessels.size() << " vessels against " << screener.vessel_count()
              << " listed vessels: " << matched << " matched (" << n_matches << " matches, " << strong
              << " strong) in " << secs << " s\n";
}

}  // namespace

void register_screen(CLI::App& app) {
  auto s = std::make_shared<ScreenSettings>();
  CLI::App* cmd = app.add_subcommand(
      "screen", "Screen vessels against sanctions lists: every match with its basis (imo, mmsi, callsign, name; "
                "owner_imo, owner_name: a listed company linked through the broadcast IMO or name) and score 0..1 "
                "(docs/screening.md).");
  cmd->add_option("--watchlist,-w", s->watchlists,
                  "A sanctions list: OFAC sdn.csv (add/alt/sdn_comments.csv beside it are read too), OFAC "
                  "SDN.XML, OFAC ENHANCED_XML, UN consolidated XML, EU FSF XML 1.1, UK FCDO UK Sanctions List "
                  "(CSV, XML or .ods), UK OFSI Consolidated List (ConList CSV or XML), OpenSanctions FtM JSON or the "
                  "project's CSV (name,imo,mmsi,callsign,note); the format is detected. Repeatable.")
      ->required()
      ->allow_extra_args(false)  // one file per --watchlist: later words are INPUTs
      ->check(CLI::ExistingFile);
  cmd->add_option("--vessels", s->vessels, "vessels.csv written by `tidewatch tracks`")
      ->allow_extra_args(false)
      ->check(CLI::ExistingFile);
  cmd->add_option("input", s->inputs, "More vessels.csv files (raw AIS: run `tidewatch tracks` first)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--min-score", s->min_score, "Report matches scoring at least this (0..1)")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd->add_option("--format", s->format, "csv or jsonl (watchlist_match objects)")->capture_default_str();
  cmd->add_option("--name", s->name, "Screen one vessel: its name");
  cmd->add_option("--imo", s->imo, "Screen one vessel: its IMO number");
  cmd->add_option("--mmsi", s->mmsi, "Screen one vessel: its MMSI");
  cmd->add_option("--callsign", s->callsign, "Screen one vessel: its call sign");
  cmd->add_flag("--quiet,-q", s->quiet, "No summary on standard error");
  cmd->callback([s]() { run_screen(*s); });
}

}  // namespace tidewatch::app
