// `tidewatch report`: the vessel dossier (docs/dossier.md), on a simulated
// dark ship (tidewatch simulate --seed 1: a gap with suspected disabling,
// possible port visits at Najin and around, a draught change; and a
// ship-to-ship transfer), on the real DMA sample, and on a crafted feed with
// a hostile vessel name.  Checks the tables, the raw lines against the input
// files, the sha256 against sha256sum, the SVG map, escaping, byte-identical
// reruns; renders the page in headless Chromium (skipped without it) and
// prints a PDF.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <gdal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/dossier_page.h"
#include "support/files.h"
#include "support/run.h"
#include "support/scratch.h"
#include "support/shared_fixture.h"
#include "tidewatch/ais/encode.h"
#include "tidewatch/core/time.h"

namespace tidewatch::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kChromium = "/usr/bin/chromium";

/// sha256sum's hex for a file.
std::string sha256sum(const fs::path& p, const fs::path& dir) {
  const RunResult r = run_command("sha256sum '" + p.string() + "'", dir);
  return r.out.substr(0, 64);
}

/// The simulated world of `tidewatch simulate --seed 1` (the dark port visit
/// and the ship-to-ship transfer, 20 background vessels), analyzed.
class DossierSim : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string tw = tidewatch_binary();
    // Built once per build of the program, shared by the tests' processes.
    dir_ = test::shared_fixture("dossier-sim", [&tw](const fs::path& d) {
      RunResult r = run_command(tw + " simulate --seed 1 --out sim --quiet --scenarios dark_port_visit,sts_transfer --vessels 20", d);
      if (r.status != 0) throw std::runtime_error("simulate: " + r.err);
      const json sc = json::parse(slurp(d / "sim/scenario.json"));
      std::string name, imo;
      for (const auto& s : sc["scenarios"])
        if (s["name"] == "dark_port_visit") {
          name = s["vessels"][0]["name"].get<std::string>();
          imo = std::to_string(s["vessels"][0]["imo"].get<std::uint32_t>());
        }
      // An analyst's own list naming the dark ship (its note holds markup).
      std::ofstream(d / "own.csv") << "name,imo,mmsi,callsign,note\n"
                                   << name << "," << imo << ",,,\"Seen at Najin <b>2024</b> & later\"\n";
      r = run_command(tw + " analyze sim/ais.nmea --watchlist own.csv --out run --quiet", d);
      if (r.status != 0) throw std::runtime_error("analyze: " + r.err);
      return true;
    });
    const json sc = json::parse(slurp(dir_ / "sim/scenario.json"));
    for (const auto& s : sc["scenarios"])
      if (s["name"] == "dark_port_visit") {
        dark_mmsi_ = s["vessels"][0]["mmsi"].get<std::uint32_t>();
        dark_name_ = s["vessels"][0]["name"].get<std::string>();
      }
    ASSERT_NE(dark_mmsi_, 0U);
  }
  void SetUp() override {
    if (dark_mmsi_ == 0) GTEST_SKIP() << "no fixture";
    // The page under test, written into this test's own directory (the
    // shared fixture is never written by a test).
    const auto t0 = std::chrono::steady_clock::now();
    const RunResult r = report("--vessel " + std::to_string(dark_mmsi_), "pages");
    report_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ASSERT_EQ(r.status, 0) << r.err;
  }
  /// `tidewatch report --run run --inputs sim/ais.nmea ARGS --out OUT/SUB`, in the fixture.
  RunResult report(const std::string& args, const std::string& sub) const {
    return run_command(tidewatch_binary() + " report --run run --inputs sim/ais.nmea " + args + " --out '" +
                           out(sub).string() + "' --quiet",
                       dir());
  }
  static fs::path dir() { return dir_; }
  fs::path out(const std::string& sub) const { return scratch_.path() / sub; }
  fs::path page() const { return out("pages") / (std::to_string(dark_mmsi_) + ".html"); }

  static fs::path dir_;
  static std::uint32_t dark_mmsi_;
  static std::string dark_name_;
  ScratchDir scratch_{"dossier"};
  double report_seconds_ = 0;
};
fs::path DossierSim::dir_;
std::uint32_t DossierSim::dark_mmsi_ = 0;
std::string DossierSim::dark_name_;

TEST_F(DossierSim, PageHasIdentityEventsAndMatchesSections) {
  ASSERT_TRUE(fs::exists(page()));
  const std::string html = slurp(page());
  std::cout << "dossier page: " << html.size() << " bytes, report took " << report_seconds_ << " s\n";
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0U);
  EXPECT_NE(html.find("id=\"identity-table\""), std::string::npos);
  EXPECT_NE(html.find("<td class=\"value\">" + dark_name_ + "</td>"), std::string::npos) << dark_name_;
  // The own list's match, with its basis, score, reasons and (escaped) note.
  EXPECT_EQ(html.find("id=\"no-matches\""), std::string::npos);
  EXPECT_NE(html.find("id=\"match-table\""), std::string::npos);
  EXPECT_NE(html.find("<td>own:2 " + dark_name_ + "</td>"), std::string::npos);
  EXPECT_NE(html.find("<td>imo, name</td>"), std::string::npos);
  EXPECT_NE(html.find(" strong</td>"), std::string::npos);
  EXPECT_NE(html.find("Seen at Najin &lt;b&gt;2024&lt;/b&gt; &amp; later"), std::string::npos);
  // Draught 6.4 then 11.2 in the identity history.
  EXPECT_NE(html.find("<td class=\"value\">6.4</td>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"value\">11.2</td>"), std::string::npos);
  // One event row per event of the run for this MMSI, in order.
  const auto events = events_of_vessel(dir() / "run/events.jsonl", dark_mmsi_);
  ASSERT_GE(events.size(), 3U);
  EXPECT_EQ(count_of(html, "<tr class=\"event\""), events.size());
  std::set<std::string> types;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const std::string row = "<tr class=\"event\" id=\"event-" + std::to_string(i + 1) + "\" data-type=\"" +
                            events[i]["type"].get<std::string>() + "\">";
    EXPECT_NE(html.find(row), std::string::npos) << row;
    types.insert(events[i]["type"].get<std::string>());
  }
  EXPECT_TRUE(types.count("gap"));
  EXPECT_TRUE(types.count("watchlist_match"));
  EXPECT_TRUE(types.count("possible_port_visit"));
  EXPECT_NE(html.find("Najin (KPRJN)"), std::string::npos);
  // Self-contained: nothing loaded, no script.
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  EXPECT_EQ(html.find("href=\"http"), std::string::npos);
}

TEST_F(DossierSim, RawLinesAreTheInputLines) {
  expect_raw_lines_are_input_lines(slurp(page()), "sim/ais.nmea", lines_of_file(dir() / "sim/ais.nmea"),
                                   events_of_vessel(dir() / "run/events.jsonl", dark_mmsi_));
}

TEST_F(DossierSim, Sha256EqualsSha256sum) {
  const std::string html = slurp(page());
  const std::string want = sha256sum(dir() / "sim/ais.nmea", dir());
  ASSERT_EQ(want.size(), 64U);
  EXPECT_NE(html.find("<code class=\"sha256\">" + want + "</code>"), std::string::npos) << want;
  EXPECT_NE(html.find("same sha256"), std::string::npos);
}

TEST_F(DossierSim, MapHasTrackCoastlineGapAndScale) {
  const std::string html = slurp(page());
  EXPECT_NE(html.find("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"map-svg\""), std::string::npos);
  // Two segments around the 32 h gap, drawn as paths.
  EXPECT_GE(count_of(html, "<path class=\"track-path\""), 2U);
  EXPECT_NE(html.find("<path class=\"track-path\" data-segment=\"" + std::to_string(dark_mmsi_) + "-0\" d=\"M"),
            std::string::npos);
  // GSHHG land: the box reaches the Korean and Russian coasts.
  const auto c = html.find("<g id=\"coastline\"");
  if (c == std::string::npos) GTEST_SKIP() << "no coastline (GSHHG or libnetcdf missing)";
  const auto d = html.find(" d=\"M", c);
  ASSERT_NE(d, std::string::npos);
  EXPECT_GT(html.find("\"", d + 4) - d, 1000U) << "land path too short";
  EXPECT_NE(html.find("<line class=\"gap\""), std::string::npos);
  EXPECT_NE(html.find("stroke-dasharray=\"7 5\""), std::string::npos);
  EXPECT_NE(html.find("<g id=\"scale-bar\">"), std::string::npos);
  EXPECT_NE(html.find(" nm</text>"), std::string::npos);
  EXPECT_NE(html.find("<g id=\"legend\""), std::string::npos);
  EXPECT_NE(html.find("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"timeline-svg\""), std::string::npos);
  EXPECT_GE(count_of(html, "class=\"event-marker\""), 3U);
}

TEST_F(DossierSim, RerunIsByteIdentical) {
  const RunResult r = report("--vessel " + std::to_string(dark_mmsi_), "pages2");
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string a = slurp(page());
  const std::string b = slurp(out("pages2") / (std::to_string(dark_mmsi_) + ".html"));
  ASSERT_FALSE(a.empty());
  EXPECT_TRUE(a == b) << "the dossier differs between two runs";
}

TEST_F(DossierSim, WholeRunWritesIndexAndOnePagePerVessel) {
  const RunResult r = report("", "all");
  ASSERT_EQ(r.status, 0) << r.err;
  std::set<std::uint32_t> with_events;
  std::ifstream in(dir() / "run/events.jsonl");
  for (std::string l; std::getline(in, l);) with_events.insert(json::parse(l)["mmsi"].get<std::uint32_t>());
  const std::string index = slurp(out("all") / "index.html");
  for (std::uint32_t m : with_events) {
    EXPECT_TRUE(fs::exists(out("all") / (std::to_string(m) + ".html"))) << m;
    EXPECT_NE(index.find("href=\"" + std::to_string(m) + ".html\""), std::string::npos) << m;
  }
  // The page of the dark ship is the same as asked alone.
  EXPECT_TRUE(slurp(out("all") / (std::to_string(dark_mmsi_) + ".html")) == slurp(page()));
}

TEST_F(DossierSim, AskedByImo) {
  // The dark ship's IMO from vessels.csv (column imos: "9851622(132)").
  std::string imo;
  for (const std::string& l : lines_of_file(dir() / "run/vessels.csv"))
    if (l.rfind(std::to_string(dark_mmsi_) + ",", 0) == 0) {
      std::vector<std::string> f;
      std::stringstream ss(l);
      for (std::string x; std::getline(ss, x, ',');) f.push_back(x);
      imo = f.at(10).substr(0, 7);
    }
  ASSERT_EQ(imo.size(), 7U);
  const RunResult r = report("--vessel imo:" + imo, "byimo");
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string html = slurp(out("byimo") / ("imo-" + imo + ".html"));
  EXPECT_NE(html.find("MMSI " + std::to_string(dark_mmsi_)), std::string::npos);
  EXPECT_EQ(count_of(html, "<tr class=\"event\""), events_of_vessel(dir() / "run/events.jsonl", dark_mmsi_).size());
}

/// Runs chromium headless with a scratch profile and a 60 s bound.
RunResult chromium(const std::string& args, const fs::path& dir) {
  return run_command("timeout 60 " + std::string(kChromium) +
                         " --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars"
                         " --user-data-dir='" + (dir / "chromium-profile").string() + "' " + args,
                     dir);
}

TEST_F(DossierSim, ChromiumRendersMapAndTables) {
  if (!fs::exists(kChromium)) GTEST_SKIP() << kChromium << " missing: install Debian's chromium for the browser test";
  const std::string url = "'file://" + fs::absolute(page()).string() + "'";
  const RunResult dom = chromium("--dump-dom " + url, out(""));
  ASSERT_EQ(dom.status, 0) << dom.err;
  EXPECT_NE(dom.out.find("id=\"map-svg\""), std::string::npos);
  EXPECT_NE(dom.out.find("class=\"track-path\""), std::string::npos);
  EXPECT_NE(dom.out.find("id=\"event-table\""), std::string::npos);
  const auto events = events_of_vessel(dir() / "run/events.jsonl", dark_mmsi_);
  EXPECT_EQ(count_of(dom.out, "<tr class=\"event\""), events.size());
  EXPECT_GE(count_of(dom.out, "<tr class=\"raw\""), events.size());

  const fs::path png = out("page.png");
  const auto t0 = std::chrono::steady_clock::now();
  const RunResult shot = chromium("--window-size=1200,2000 --screenshot='" + png.string() + "' " + url, out(""));
  std::cout << "chromium screenshot: "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() << " s\n";
  ASSERT_EQ(shot.status, 0) << shot.err;
  ASSERT_TRUE(fs::exists(png));
  GDALAllRegister();
  GDALDatasetH ds = GDALOpen(png.string().c_str(), GA_ReadOnly);
  ASSERT_NE(ds, nullptr);
  const int w = GDALGetRasterXSize(ds), h = GDALGetRasterYSize(ds);
  ASSERT_GE(GDALGetRasterCount(ds), 3);
  EXPECT_EQ(w, 1200);
  std::vector<std::vector<unsigned char>> band(3, std::vector<unsigned char>(static_cast<std::size_t>(w) * h));
  for (int b = 0; b < 3; ++b)
    ASSERT_EQ(GDALRasterIO(GDALGetRasterBand(ds, b + 1), GF_Read, 0, 0, w, h, band[b].data(), w, h, GDT_Byte, 0, 0),
              CE_None);
  GDALClose(ds);
  auto count_colour = [&band](int r, int g, int b) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < band[0].size(); ++i)
      if (std::abs(band[0][i] - r) <= 4 && std::abs(band[1][i] - g) <= 4 && std::abs(band[2][i] - b) <= 4) ++n;
    return n;
  };
  const std::size_t water = count_colour(0xdc, 0xeb, 0xf5);
  const std::size_t land = count_colour(0xe9, 0xe4, 0xd4);
  const std::size_t track = count_colour(0x0b, 0x3d, 0x91);
  const std::size_t white = count_colour(255, 255, 255);
  std::cout << "screenshot " << w << "x" << h << ": water " << water << ", land " << land << ", track " << track
            << ", white " << white << " pixels\n";
  EXPECT_GT(water, 100000U);  // the map's sea (960 px wide)
  EXPECT_GT(land, 5000U);     // GSHHG land
  EXPECT_GT(track, 200U);     // the track
  EXPECT_GT(white, 100000U);  // the page around
}

TEST_F(DossierSim, PdfThroughChromium) {
  if (!fs::exists(kChromium)) GTEST_SKIP() << kChromium << " missing: install Debian's chromium for the PDF";
  const RunResult r = report("--vessel " + std::to_string(dark_mmsi_) + " --pdf", "pdf");
  ASSERT_EQ(r.status, 0) << r.err;
  const fs::path pdf = out("pdf") / (std::to_string(dark_mmsi_) + ".pdf");
  ASSERT_TRUE(fs::exists(pdf)) << r.err;
  const std::string bytes = slurp(pdf);
  EXPECT_EQ(bytes.rfind("%PDF-", 0), 0U);
  const std::size_t pages = count_of(bytes, "/Type /Page") - count_of(bytes, "/Type /Pages");
  std::cout << "PDF: " << bytes.size() << " bytes, " << pages << " pages\n";
  EXPECT_GE(pages, 1U);
  // The HTML beside it is still the same page.
  EXPECT_TRUE(slurp(out("pdf") / (std::to_string(dark_mmsi_) + ".html")) == slurp(page()));
  // Chromium's wall-clock dates are set to 1970-01-01: a second print is byte-identical.
  EXPECT_NE(bytes.find("/CreationDate (D:19700101000000"), std::string::npos);
  const RunResult r2 = report("--vessel " + std::to_string(dark_mmsi_) + " --pdf", "pdf2");
  ASSERT_EQ(r2.status, 0) << r2.err;
  EXPECT_TRUE(slurp(out("pdf2") / (std::to_string(dark_mmsi_) + ".pdf")) == bytes)
      << "the PDF differs between two prints";
}

TEST(DossierCli, MissingChromiumStillWritesHtml) {
  ScratchDir s("dossier-nochrome");
  const fs::path d = s.path();
  const std::string tw = tidewatch_binary();
  const fs::path sample = fs::path(TIDEWATCH_TEST_DATA).parent_path().parent_path() / "data/samples/dma-2010-06-11.nmea";
  RunResult r = run_command(tw + " analyze '" + sample.string() + "' --out run --quiet", d);
  ASSERT_EQ(r.status, 0) << r.err;
  // The first vessel with an event.
  std::ifstream in(d / "run/events.jsonl");
  std::string first;
  ASSERT_TRUE(std::getline(in, first));
  const json e = json::parse(first);
  const std::string mmsi = std::to_string(e["mmsi"].get<std::uint32_t>());
  r = run_command(tw + " report --run run --inputs '" + sample.string() + "' --vessel " + mmsi +
                      " --out pages --pdf --chromium /nonexistent/chromium",
                  d);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("not found: no PDF"), std::string::npos) << r.err;
  const std::string html = slurp(d / "pages" / (mmsi + ".html"));
  ASSERT_FALSE(html.empty());
  EXPECT_FALSE(fs::exists(d / "pages" / (mmsi + ".pdf")));
  // Real data: the raw lines are the sample's lines, the sha256 is sha256sum's.
  const auto input = lines_of_file(sample);
  const auto rows = raw_rows(html);
  ASSERT_FALSE(rows.empty());
  for (const RawRow& row : rows) {
    ASSERT_LE(row.line, input.size());
    EXPECT_EQ(row.text, input[row.line - 1]) << row.line;
  }
  EXPECT_NE(html.find("<code class=\"sha256\">" + sha256sum(sample, d) + "</code>"), std::string::npos);
}

/// A crafted feed: a vessel whose type 5 carries markup in its name, call
/// sign and destination, with a 7-hour gap.
TEST(DossierCli, HostileNamesAreEscaped) {
  ScratchDir s("dossier-hostile");
  const fs::path d = s.path();
  constexpr std::uint32_t mmsi = 273999001;
  const UnixMillis t0 = *utc_millis(2024, 6, 1, 0, 0, 0);
  std::string nmea;
  auto add_pos = [&nmea](UnixMillis t, double lat, double lon) {
    ais::Message m;
    m.type = 1;
    m.mmsi = mmsi;
    auto& a = m.body.emplace<ais::PositionReportA>();
    a.status = 0;
    a.speed = 100;
    a.lat = static_cast<std::int32_t>(lat * 600000);
    a.lon = static_cast<std::int32_t>(lon * 600000);
    a.course = 900;
    a.heading = 90;
    a.second = static_cast<std::uint8_t>((t / 1000) % 60);
    ais::SentenceOptions o;
    o.station = "rTEST";
    o.time = t;
    nmea += *ais::encode_nmea(m, o);
  };
  {
    ais::Message m;
    m.type = 5;
    m.mmsi = mmsi;
    auto& st = m.body.emplace<ais::StaticAndVoyage>();
    st.shipname.assign("<SCRIPT>X</SCRIPT>");
    st.callsign.assign("A&B\"C'D");
    st.destination.assign("<IMG SRC=X>");
    st.imo = 9179842;
    st.shiptype = 80;
    st.dimensions = {100, 20, 10, 10};
    st.draught = 85;
    ais::SentenceOptions o;
    o.station = "rTEST";
    o.time = t0;
    for (int k = 0; k < 3; ++k) {
      o.time = t0 + k * 60000;
      auto txt = ais::encode_nmea(m, o);
      ASSERT_TRUE(txt.has_value());
      nmea += *txt;
    }
  }
  for (int k = 0; k < 20; ++k) add_pos(t0 + k * 30000, 40.5, 134.0 + k * 0.001);
  for (int k = 0; k < 20; ++k) add_pos(t0 + 7 * 3600000 + k * 30000, 40.6, 134.5 + k * 0.001);
  std::ofstream(d / "hostile.nmea", std::ios::binary) << nmea;
  RunResult r = run_command(tidewatch_binary() + " analyze hostile.nmea --out run --quiet", d);
  ASSERT_EQ(r.status, 0) << r.err;
  r = run_command(tidewatch_binary() + " report --run run --inputs hostile.nmea --vessel " + std::to_string(mmsi) +
                      " --out pages --quiet",
                  d);
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string html = slurp(d / "pages" / (std::to_string(mmsi) + ".html"));
  ASSERT_FALSE(html.empty());
  EXPECT_EQ(html.find("<SCRIPT"), std::string::npos);
  EXPECT_EQ(html.find("<IMG"), std::string::npos);
  EXPECT_NE(html.find("&lt;SCRIPT&gt;X&lt;/SCRIPT&gt;"), std::string::npos);
  EXPECT_NE(html.find("A&amp;B&quot;C&#39;D"), std::string::npos);
  EXPECT_NE(html.find("&lt;IMG SRC=X&gt;"), std::string::npos);
  // The title too.
  EXPECT_NE(html.find("<title>Vessel dossier: &lt;SCRIPT&gt;X&lt;/SCRIPT&gt; (MMSI 273999001)</title>"),
            std::string::npos);
  // The gap's raw lines are the file's (NMEA payloads hold < > and the like).
  const auto input = lines_of_file(d / "hostile.nmea");
  const auto rows = raw_rows(html);
  EXPECT_FALSE(rows.empty());
  for (const RawRow& row : rows) {
    ASSERT_LE(row.line, input.size());
    EXPECT_EQ(row.text, input[row.line - 1]);
  }
}

}  // namespace
}  // namespace tidewatch::test
