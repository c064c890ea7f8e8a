// tidewatch report --run DIR --inputs FILE... [--vessel MMSI|IMO]... --out DIR [--pdf]
// tidewatch report --store FILE.sqlite [--inputs FILE...] [--vessel MMSI|IMO]... --out DIR [--pdf]:
// the vessel dossier (docs/dossier.md): one self-contained HTML page per
// vessel, from an analyze run and its input files, or from the store of
// analyze --store (the input files then only for the raw lines); with --pdf
// also a PDF of each page through headless Chromium.

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "commands.h"
#include "tidewatch/report/dossier.h"
#include "tidewatch/report/text.h"

namespace tidewatch::app {

namespace {

namespace fs = std::filesystem;

struct ReportSettings {
  std::string run;
  std::string store;
  std::vector<std::string> inputs;
  std::vector<std::string> vessels;
  std::string out;
  bool pdf = false;
  std::string chromium = "/usr/bin/chromium";
  std::size_t max_raw_lines = report::kMaxRawLinesPerEvent;
  std::string shoreline;
  bool no_coastline = false;
  bool quiet = false;
};

std::string shell_quote(const std::string& s) {
  std::string o = "'";
  for (char c : s) {
    if (c == '\'')
      o += "'\\''";
    else
      o.push_back(c);
  }
  return o + "'";
}

/// Prints `html_path` to `pdf_path` with headless Chromium; false (with a
/// message) when it fails.
bool print_pdf(const std::string& chromium, const fs::path& html_path, const fs::path& pdf_path, std::string& why) {
  std::string tmpl = (fs::temp_directory_path() / "tidewatch-chromium-XXXXXX").string();
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (::mkdtemp(buf.data()) == nullptr) {
    why = "cannot create a temporary directory";
    return false;
  }
  const fs::path profile(buf.data());
  const fs::path log = profile / "chromium.log";
  const std::string cmd = "timeout 120 " + shell_quote(chromium) +
                          " --headless --no-sandbox --disable-gpu --no-first-run --no-pdf-header-footer"
                          " --user-data-dir=" + shell_quote(profile.string()) +
                          " --print-to-pdf=" + shell_quote(fs::absolute(pdf_path).string()) + " " +
                          shell_quote("file://" + fs::absolute(html_path).string()) + " >" +
                          shell_quote(log.string()) + " 2>&1";
  std::error_code ec;
  fs::remove(pdf_path, ec);
  const int st = std::system(cmd.c_str());
  const bool ok = st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0 && fs::exists(pdf_path) && fs::file_size(pdf_path) > 0;
  if (!ok) {
    why = "chromium failed (status " + std::to_string(WIFEXITED(st) ? WEXITSTATUS(st) : -1) + ")";
  }
  fs::remove_all(profile, ec);
  return ok;
}

/// Chromium writes the wall-clock time into the PDF's /CreationDate and
/// /ModDate (D:YYYYMMDDHHMMSS...); nothing else differs between two prints
/// of one page (docs/dossier.md).  The 14 digits are set to 19700101000000:
/// same length, so the cross-reference offsets stay valid, and reruns are
/// byte-identical.  Returns how many dates were set.
int normalize_pdf_dates(const fs::path& pdf) {
  std::string bytes;
  {
    std::ifstream in(pdf, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    bytes = ss.str();
  }
  int n = 0;
  for (const std::string key : {"/CreationDate (D:", "/ModDate (D:"}) {
    for (std::size_t p = bytes.find(key); p != std::string::npos; p = bytes.find(key, p + 1)) {
      const std::size_t q = p + key.size();
      if (q + 14 > bytes.size()) break;
      bool digits = true;
      for (std::size_t k = q; k < q + 14; ++k) digits = digits && bytes[k] >= '0' && bytes[k] <= '9';
      if (!digits) continue;
      bytes.replace(q, 14, "19700101000000");
      ++n;
    }
  }
  if (n > 0) report::write_text_file(pdf.string(), bytes);
  return n;
}

}  // namespace

void register_report(CLI::App& app) {
  auto s = std::make_shared<ReportSettings>();
  CLI::App* cmd = app.add_subcommand(
      "report",
      "The vessel dossier: a self-contained HTML page per vessel (identity history, sanctions matches, map, "
      "timeline, events with the raw input lines they rest on, input sha256) from an analyze run or from "
      "the store of analyze --store; --pdf also prints it with headless Chromium (docs/dossier.md).");
  CLI::Option* run_opt =
      cmd->add_option("--run", s->run, "The analyze --out directory (events.jsonl, summary.json, vessels.csv, tracks.geojson)")
          ->check(CLI::ExistingDirectory);
  CLI::Option* store_opt =
      cmd->add_option("--store", s->store, "The SQLite store of analyze --store (instead of --run)")
          ->check(CLI::ExistingFile);
  run_opt->excludes(store_opt);
  store_opt->excludes(run_opt);
  cmd->add_option("--inputs", s->inputs,
                  "The run's AIS input files (with --run: for positions, identity and raw lines; with --store: "
                  "for the raw lines only)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--vessel", s->vessels,
                  "MMSI or IMO (7 digits with a valid check digit, or imo:N) of a vessel; repeatable. "
                  "Without it: one page per vessel with events, and index.html");
  cmd->add_option("--out", s->out, "Directory to write the pages into (created)")->required();
  cmd->add_flag("--pdf", s->pdf, "Also write a PDF of each page with headless Chromium (--chromium)");
  cmd->add_option("--chromium", s->chromium, "The Chromium binary for --pdf")->capture_default_str();
  cmd->add_option("--max-raw-lines", s->max_raw_lines,
                  "Raw input lines shown per event: the first N-1 evidence lines and the last")
      ->capture_default_str()
      ->check(CLI::Range(2, 100000));
  cmd->add_option("--shoreline", s->shoreline, "GSHHG resolution of the map's land: c, l, i, h, f (default: from the map's span)")
      ->check(CLI::IsMember({"c", "l", "i", "h", "f"}));
  cmd->add_flag("--no-coastline", s->no_coastline, "Do not draw land on the map");
  cmd->add_flag("--quiet", s->quiet, "No progress on standard error");
  cmd->callback([s]() {
    if (s->run.empty() == s->store.empty())
      throw CLI::ValidationError("report", "give exactly one of --run DIR and --store FILE");
    const auto t_start = std::chrono::steady_clock::now();
    std::vector<report::Dossier> ds;
    if (!s->store.empty()) {
      report::StoreRequest req;
      req.store_path = s->store;
      req.inputs = s->inputs;
      req.vessels = s->vessels;
      req.max_raw_lines = s->max_raw_lines;
      ds = report::dossiers_from_store(req, &std::cerr);
    } else {
      report::RunRequest req;
      req.run_dir = s->run;
      req.inputs = s->inputs;
      req.vessels = s->vessels;
      req.max_raw_lines = s->max_raw_lines;
      ds = report::dossiers_from_run(req, &std::cerr);
    }
    report::DossierOptions opt;
    opt.coastline = !s->no_coastline;
    if (!s->shoreline.empty()) opt.shoreline = s->shoreline[0];
    fs::create_directories(s->out);
    const bool have_chromium = s->pdf && ::access(s->chromium.c_str(), X_OK) == 0;
    if (s->pdf && !have_chromium)
      std::cerr << "tidewatch report: " << s->chromium
                << " not found: no PDF (install Debian's chromium); the HTML pages are written\n";
    int failures = 0;
    for (const report::Dossier& d : ds) {
      const fs::path html = fs::path(s->out) / (d.key + ".html");
      report::write_text_file(html.string(), report::render_dossier_html(d, opt));
      if (!s->quiet)
        std::cerr << "tidewatch report: " << html.string() << " (" << d.track.size() << " positions, " << d.events.size()
                  << " events)\n";
      if (have_chromium) {
        const fs::path pdf = fs::path(s->out) / (d.key + ".pdf");
        std::string why;
        if (print_pdf(s->chromium, html, pdf, why)) {
          normalize_pdf_dates(pdf);
          if (!s->quiet) std::cerr << "tidewatch report: " << pdf.string() << '\n';
        } else {
          std::cerr << "tidewatch report: no PDF for " << html.string() << ": " << why << '\n';
          ++failures;
        }
      }
    }
    if (s->vessels.empty()) {
      const fs::path index = fs::path(s->out) / "index.html";
      report::write_text_file(index.string(), report::render_index_html(ds, opt));
      if (!s->quiet) std::cerr << "tidewatch report: " << index.string() << " (" << ds.size() << " vessels)\n";
    }
    if (!s->quiet) {
      const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_start).count();
      std::cerr << "tidewatch report: " << ds.size() << " pages in " << secs << " s\n";
    }
    if (failures > 0) throw CLI::RuntimeError(3);
  });
}

}  // namespace tidewatch::app
