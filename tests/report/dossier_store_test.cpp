// `tidewatch report --store`: the vessel dossier from the SQLite store of
// `analyze --store` (docs/dossier.md, "From the store").  One simulated world
// (simulate --seed 1: dark port visit and ship-to-ship transfer, 20 background
// vessels) analyzed once into a run directory and a store; the store's page of
// the dark ship is the run's page except the documented parts (header line,
// identity note and first-report cells, vessels.csv row, footer); by IMO; raw
// lines against the input file; sha256 against the store's record; errors.
// (Also the notes of a page without matches or events say "in the store".)

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/dossier_page.h"
#include "support/files.h"
#include "support/run.h"
#include "support/scratch.h"
#include "support/shared_fixture.h"
#include "tidewatch/store/store.h"

// A named namespace (not an anonymous one): the tests may be compiled as a
// unity build, with dossier_test.cpp's helpers in the same translation unit.
namespace tidewatch::test::dossier_store_test {

namespace fs = std::filesystem;
using nlohmann::json;

/// Replaces the text between `from` (included) and the next `to` (included)
/// by `with`; false when `from` is not there.
bool replace_span(std::string& s, const std::string& from, const std::string& to, const std::string& with) {
  const std::size_t a = s.find(from);
  if (a == std::string::npos) return false;
  const std::size_t b = s.find(to, a + from.size());
  if (b == std::string::npos) return false;
  s.replace(a, b + to.size() - a, with);
  return true;
}

/// A dossier page with the parts that differ between a run's and a store's
/// page (docs/dossier.md) replaced by placeholders, after checking that each
/// is there in the expected form.  `from_store` says which one it is.
std::string comparable_page(std::string html, bool from_store) {
  // Header: "From the run <code>DIR</code> (program version)." / "From the store <code>FILE</code> (...)."
  EXPECT_TRUE(replace_span(html, from_store ? ". From the store <code>" : ". From the run <code>", "</p>\n</header>",
                           ". FROM</p>\n</header>"))
      << "header";
  // The identity note's sentence about the first report's line.
  const std::string run_note = "the first report's input line is given.";
  const std::string store_note =
      "the store keeps no input line of a static report, so only the flag's first report (a position) names one.";
  const std::string& note = from_store ? store_note : run_note;
  const std::size_t n = html.find(note);
  EXPECT_NE(n, std::string::npos) << "identity note";
  if (n != std::string::npos) html.replace(n, note.size(), "NOTE");
  // The first-report cell of every identity row but the flag's (7th cell).
  const std::size_t t0 = html.find("<table id=\"identity-table\">");
  const std::size_t t1 = html.find("</table>", t0);
  EXPECT_NE(t0, std::string::npos);
  if (t0 != std::string::npos && t1 != std::string::npos) {
    std::string table = html.substr(t0, t1 - t0), out;
    std::stringstream ss(table);
    for (std::string row; std::getline(ss, row);) {
      if (row.rfind("<tr><td class=\"num\">", 0) == 0 && row.find("<td>flag</td>") == std::string::npos) {
        // cells split by "</td><td"
        std::vector<std::string> cells;
        std::size_t p = 0;
        for (std::size_t q; (q = row.find("</td><td", p)) != std::string::npos; p = q + 8) cells.push_back(row.substr(p, q - p));
        cells.push_back(row.substr(p));
        if (cells.size() >= 8) {
          if (from_store) {
            EXPECT_EQ(cells[6], ">") << "a store page names no input line of a static report: " << row;
          } else {
            EXPECT_EQ(cells[6].rfind(">sim/ais.nmea:", 0), 0U) << row;
          }
          cells[6] = ">FIRST";
        }
        row.clear();
        for (std::size_t i = 0; i < cells.size(); ++i) row += (i ? "</td><td" : "") + cells[i];
      }
      out += row + "\n";
    }
    html.replace(t0, t1 - t0, out);
  }
  // The run's vessels.csv row (the store has no vessels.csv).
  const bool csv = replace_span(html, "<p class=\"note\">The run's <code>vessels.csv</code> row:</p>\n", "</pre>\n", "");
  EXPECT_EQ(csv, !from_store) << "vessels.csv block";
  // "No watchlist_match event ... in the run (the run screens" / "in the store (a run screens", and
  // "No events for this vessel in the run." / "in the store." (only on pages without them).
  const std::string no_match = from_store ? "in the store (a run screens" : "in the run (the run screens";
  if (const std::size_t p = html.find(no_match); p != std::string::npos) html.replace(p, no_match.size(), "NOMATCH");
  const std::string no_events =
      from_store ? "No events for this vessel in the store." : "No events for this vessel in the run.";
  if (const std::size_t p = html.find(no_events); p != std::string::npos) html.replace(p, no_events.size(), "NOEVENTS");
  // Footer: what the page was made from.
  EXPECT_TRUE(replace_span(html, "<footer>", "</footer>", "<footer/>"));
  return html;
}

/// Where two strings first differ, with some context.
std::string first_difference(const std::string& a, const std::string& b) {
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  const std::size_t from = i > 200 ? i - 200 : 0;
  return "at byte " + std::to_string(i) + "\nrun:   ..." + a.substr(from, 400) + "\nstore: ..." + b.substr(from, 400);
}

/// The simulated world analyzed once into a run directory and a store, and
/// the store's page of the dark ship.
class DossierStoreSim : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string tw = tidewatch_binary();
    // Built once per build of the program and shared by the tests' processes.
    fixture_ = test::shared_fixture("dossier-store-sim", [&tw](const fs::path& d) {
      RunResult r = run_command(tw + " simulate --seed 1 --out sim --quiet --scenarios dark_port_visit,sts_transfer --vessels 20", d);
      if (r.status != 0) throw std::runtime_error("simulate: " + r.err);
      const json sc = json::parse(slurp(d / "sim/scenario.json"));
      for (const auto& s : sc["scenarios"])
        if (s["name"] == "dark_port_visit") {
          // An analyst's own list naming the dark ship: the store's page has its sanctions match.
          std::ofstream(d / "own.csv") << "name,imo,mmsi,callsign,note\n"
                                       << s["vessels"][0]["name"].get<std::string>() << ","
                                       << s["vessels"][0]["imo"].get<std::uint32_t>()
                                       << ",,,\"Seen at Najin <b>2024</b> & later\"\n";
        }
      r = run_command(tw + " analyze sim/ais.nmea --watchlist own.csv --store s.sqlite --out run --quiet", d);
      if (r.status != 0) throw std::runtime_error("analyze: " + r.err);
      return true;
    });
    const json sc = json::parse(slurp(fixture_ / "sim/scenario.json"));
    for (const auto& s : sc["scenarios"])
      if (s["name"] == "dark_port_visit") {
        dark_mmsi_ = s["vessels"][0]["mmsi"].get<std::uint32_t>();
        dark_imo_ = s["vessels"][0]["imo"].get<std::uint32_t>();
      }
    ASSERT_NE(dark_mmsi_, 0U);
  }
  void SetUp() override {
    if (dark_mmsi_ == 0) GTEST_SKIP() << "no fixture";
    // This test's own directory sees the shared fixture's files through
    // symbolic links (same relative names as the run recorded) and takes
    // the test's outputs; the fixture itself is never written.
    for (const char* f : {"sim", "run", "own.csv", "s.sqlite"}) fs::create_symlink(fixture_ / f, dir() / f);
    const auto t0 = std::chrono::steady_clock::now();
    const RunResult r = run_command(tidewatch_binary() + " report --store s.sqlite --inputs sim/ais.nmea --vessel " +
                                        mmsi() + " --out spages --quiet",
                                    dir());
    store_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ASSERT_EQ(r.status, 0) << r.err;
  }
  fs::path dir() const { return scratch_.path(); }
  static std::string mmsi() { return std::to_string(dark_mmsi_); }
  fs::path store_page() const { return dir() / "spages" / (mmsi() + ".html"); }

  static fs::path fixture_;
  static std::uint32_t dark_mmsi_;
  static std::uint32_t dark_imo_;
  ScratchDir scratch_{"dossier-store"};
  double store_seconds_ = 0;
};
fs::path DossierStoreSim::fixture_;
std::uint32_t DossierStoreSim::dark_mmsi_ = 0;
std::uint32_t DossierStoreSim::dark_imo_ = 0;

TEST_F(DossierStoreSim, StorePageEqualsRunPageExceptDocumentedParts) {
  const auto t0 = std::chrono::steady_clock::now();
  const RunResult r = run_command(tidewatch_binary() + " report --run run --inputs sim/ais.nmea --vessel " + mmsi() +
                                      " --out rpages --quiet",
                                  dir());
  const double run_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_EQ(r.status, 0) << r.err;
  std::cout << "report of the dark ship: from the run " << run_seconds << " s, from the store " << store_seconds_
            << " s\n";
  const std::string run_html = slurp(dir() / "rpages" / (mmsi() + ".html"));
  const std::string store_html = slurp(store_page());
  ASSERT_FALSE(run_html.empty());
  ASSERT_FALSE(store_html.empty());
  EXPECT_NE(store_html.find("From the store <code>s.sqlite</code>"), std::string::npos);
  const std::string a = comparable_page(run_html, false);
  const std::string b = comparable_page(store_html, true);
  EXPECT_TRUE(a == b) << first_difference(a, b);
  // What the comparison covers: identity, the sanctions match, map, timeline, events, evidence, inputs.
  EXPECT_NE(b.find("<td class=\"value\">11.2</td>"), std::string::npos);
  EXPECT_NE(b.find("id=\"match-table\""), std::string::npos);
  EXPECT_NE(b.find("Seen at Najin &lt;b&gt;2024&lt;/b&gt; &amp; later"), std::string::npos);
  EXPECT_GE(count_of(b, "<path class=\"track-path\""), 2U);
  EXPECT_NE(b.find("id=\"timeline-svg\""), std::string::npos);
  EXPECT_EQ(count_of(b, "<tr class=\"event\""), events_of_vessel(dir() / "run/events.jsonl", dark_mmsi_).size());
  EXPECT_NE(b.find("same sha256"), std::string::npos);
}

TEST_F(DossierStoreSim, WholeStoreWritesIndexAndTheRunsPages) {
  RunResult r = run_command(tidewatch_binary() + " report --store s.sqlite --inputs sim/ais.nmea --out sall --quiet", dir());
  ASSERT_EQ(r.status, 0) << r.err;
  r = run_command(tidewatch_binary() + " report --run run --inputs sim/ais.nmea --out rall --quiet", dir());
  ASSERT_EQ(r.status, 0) << r.err;
  std::set<std::uint32_t> with_events;
  std::ifstream in(dir() / "run/events.jsonl");
  for (std::string l; std::getline(in, l);) with_events.insert(json::parse(l)["mmsi"].get<std::uint32_t>());
  const std::string index = slurp(dir() / "sall/index.html");
  EXPECT_NE(index.find("Store <code>s.sqlite</code>, " + std::to_string(with_events.size()) + " vessels."),
            std::string::npos);
  for (std::uint32_t m : with_events) {
    const std::string f = std::to_string(m) + ".html";
    EXPECT_NE(index.find("href=\"" + f + "\""), std::string::npos) << m;
    const std::string a = comparable_page(slurp(dir() / "rall" / f), false);
    const std::string b = comparable_page(slurp(dir() / "sall" / f), true);
    EXPECT_TRUE(a == b) << m << " " << first_difference(a, b);
  }
  // The index differs only in its "Run <code>run</code>" / "Store <code>s.sqlite</code>" line.
  std::string ri = slurp(dir() / "rall/index.html"), si = index;
  EXPECT_TRUE(replace_span(ri, "<p class=\"sub\">Run <code>", "</p>", "SUB"));
  EXPECT_TRUE(replace_span(si, "<p class=\"sub\">Store <code>", "</p>", "SUB"));
  EXPECT_TRUE(ri == si);
  // The dark ship's page is the same as asked alone.
  EXPECT_TRUE(slurp(dir() / "sall" / (mmsi() + ".html")) == slurp(store_page()));
}

TEST_F(DossierStoreSim, AskedByImo) {
  const std::string imo = std::to_string(dark_imo_);
  RunResult r = run_command(tidewatch_binary() + " report --store s.sqlite --inputs sim/ais.nmea --vessel imo:" + imo +
                                " --out sbyimo --quiet",
                            dir());
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string html = slurp(dir() / "sbyimo" / ("imo-" + imo + ".html"));
  ASSERT_FALSE(html.empty());
  EXPECT_NE(html.find("MMSI " + mmsi() + "; IMO " + imo), std::string::npos);
  EXPECT_EQ(count_of(html, "<tr class=\"event\""), events_of_vessel(dir() / "run/events.jsonl", dark_mmsi_).size());
  // The same page as the run's by IMO; 7 bare digits with a valid check digit are an IMO too.
  r = run_command(tidewatch_binary() + " report --run run --inputs sim/ais.nmea --vessel imo:" + imo +
                      " --out rbyimo --quiet",
                  dir());
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(comparable_page(slurp(dir() / "rbyimo" / ("imo-" + imo + ".html")), false) ==
              comparable_page(html, true));
  r = run_command(tidewatch_binary() + " report --store s.sqlite --vessel " + imo + " --out sbyimo2 --quiet", dir());
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir() / "sbyimo2" / ("imo-" + imo + ".html")));
}

TEST_F(DossierStoreSim, RawLinesAreTheInputLines) {
  expect_raw_lines_are_input_lines(slurp(store_page()), "sim/ais.nmea", lines_of_file(dir() / "sim/ais.nmea"),
                                   events_of_vessel(dir() / "run/events.jsonl", dark_mmsi_));
}

TEST_F(DossierStoreSim, Sha256IsTheStoresRecord) {
  const store::Store st = store::Store::open((dir() / "s.sqlite").string(), store::Mode::read_only);
  const auto inputs = st.inputs();
  ASSERT_EQ(inputs.size(), 1U);
  EXPECT_EQ(inputs[0].name, "sim/ais.nmea");
  ASSERT_EQ(inputs[0].sha256.size(), 64U);
  const std::string html = slurp(store_page());
  EXPECT_NE(html.find("<code class=\"sha256\">" + inputs[0].sha256 + "</code>"), std::string::npos) << inputs[0].sha256;
  EXPECT_NE(html.find("same sha256"), std::string::npos);  // sha256_now of the given file
  const RunResult sum = run_command("sha256sum sim/ais.nmea", dir());
  EXPECT_EQ(sum.out.substr(0, 64), inputs[0].sha256);
}

TEST_F(DossierStoreSim, WithoutInputsTheLinesAreNotGiven) {
  const RunResult r = run_command(tidewatch_binary() + " report --store s.sqlite --vessel " + mmsi() + " --out snoin", dir());
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("input sim/ais.nmea not given (--inputs): no raw lines from it"), std::string::npos) << r.err;
  const std::string html = slurp(dir() / "snoin" / (mmsi() + ".html"));
  const auto rows = raw_rows(html);
  ASSERT_FALSE(rows.empty());
  for (const RawRow& row : rows) EXPECT_FALSE(row.found) << row.line;
  EXPECT_EQ(count_of(html, "<em>not read: the input was not given to the report"), rows.size());
  EXPECT_NE(html.find("</code></td><td>not given</td></tr>"), std::string::npos);
  // The track is the store's: the same positions as with the inputs.
  const std::string with = slurp(store_page());
  const std::string pos = "<tr><td>Positions received</td><td>";
  ASSERT_NE(with.find(pos), std::string::npos);
  EXPECT_EQ(html.substr(html.find(pos), 80), with.substr(with.find(pos), 80));
}

TEST_F(DossierStoreSim, UnknownVesselIsAnError) {
  RunResult r = run_command(tidewatch_binary() + " report --store s.sqlite --vessel 123456789 --out sx --quiet", dir());
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("MMSI not in the store"), std::string::npos) << r.err;
  r = run_command(tidewatch_binary() + " report --store s.sqlite --vessel imo:9851623 --out sx --quiet", dir());
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("no vessel of the store broadcast IMO 9851623"), std::string::npos) << r.err;
  r = run_command(tidewatch_binary() + " report --store run/summary.json --vessel " + mmsi() + " --out sx --quiet", dir());
  EXPECT_NE(r.status, 0) << "not a store";
}

TEST_F(DossierStoreSim, RunAndStoreTogetherIsAnError) {
  RunResult r = run_command(tidewatch_binary() + " report --run run --store s.sqlite --inputs sim/ais.nmea --vessel " +
                                mmsi() + " --out sboth --quiet",
                            dir());
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("excludes"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir() / "sboth"));
  r = run_command(tidewatch_binary() + " report --vessel " + mmsi() + " --out sneither --quiet", dir());
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("exactly one of --run DIR and --store FILE"), std::string::npos) << r.err;
}

}  // namespace tidewatch::test::dossier_store_test
