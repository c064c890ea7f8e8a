// tidewatch simulate --out DIR [--seed S] [--hours H] [--vessels N] [--density D]
//                    [--region R] [--scenarios all|none|LIST] [--interval S] [--start ISO] ...
//
// Writes DIR/ais.nmea (AIS NMEA with tag-block times, time-ordered),
// DIR/truth.jsonl (the ground-truth events) and DIR/scenario.json (the
// parameters and counts).  docs/simulate.md.

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "commands.h"
#include "tidewatch/sim/scenarios.h"
#include "tidewatch/sim/simulator.h"

namespace tidewatch::app {
namespace {

/// Writes blocks straight to a file descriptor.
class FileSink final : public sim::ByteSink {
 public:
  explicit FileSink(const std::filesystem::path& path) : path_(path.string()) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0) throw std::runtime_error("cannot create " + path_ + ": " + std::strerror(errno));
  }
  ~FileSink() override {
    if (fd_ >= 0) ::close(fd_);
  }
  FileSink(const FileSink&) = delete;
  FileSink& operator=(const FileSink&) = delete;

  void write(std::string_view data) override {
    while (!data.empty()) {
      const ssize_t n = ::write(fd_, data.data(), data.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        throw std::runtime_error("cannot write " + path_ + ": " + std::strerror(errno));
      }
      data.remove_prefix(static_cast<std::size_t>(n));
    }
  }
  void close() {
    if (fd_ >= 0 && ::close(fd_) != 0)
      throw std::runtime_error("cannot write " + path_ + ": " + std::strerror(errno));
    fd_ = -1;
  }

 private:
  std::string path_;
  int fd_ = -1;
};

/// "YYYY-MM-DD", "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS", optionally ending in Z.
std::optional<UnixMillis> parse_start(std::string_view s) {
  if (!s.empty() && (s.back() == 'Z' || s.back() == 'z')) s.remove_suffix(1);
  int f[6] = {0, 1, 1, 0, 0, 0};
  const char seps[6] = {'\0', '-', '-', 'T', ':', ':'};
  std::size_t pos = 0;
  int i = 0;
  for (; i < 6 && pos < s.size(); ++i) {
    if (i > 0) {
      if (s[pos] != seps[i] && !(i == 3 && s[pos] == ' ')) return std::nullopt;
      ++pos;
    }
    const auto r = std::from_chars(s.data() + pos, s.data() + s.size(), f[i]);
    if (r.ec != std::errc{}) return std::nullopt;
    pos = static_cast<std::size_t>(r.ptr - s.data());
  }
  if (pos != s.size() || i < 3 || i == 4) return std::nullopt;
  return utc_millis(f[0], f[1], f[2], f[3], f[4], f[5]);
}

struct SimulateSettings {
  std::string out;
  std::string start = "2024-06-01T00:00:00Z";
  std::vector<std::string> scenarios = {"all"};
  double interval = 0;
  double density = 0;
  bool quiet = false;
  sim::SimOptions options;
};

void write_text(const std::filesystem::path& path, const std::string& text) {
  FileSink f(path);
  f.write(text);
  f.close();
}

int run_simulate(SimulateSettings& s) {
  const auto start = parse_start(s.start);
  if (!start) throw std::invalid_argument("--start: not an ISO 8601 UTC time: " + s.start);
  s.options.start = *start;
  s.options.scenarios = s.scenarios;
  if (s.interval > 0) s.options.interval_s = s.interval;
  if (s.density > 0) s.options.density = s.density;

  const std::filesystem::path dir(s.out);
  std::filesystem::create_directories(dir);
  const auto t0 = std::chrono::steady_clock::now();  // speed report on stderr only
  FileSink nmea(dir / "ais.nmea");
  const sim::SimResult r = sim::simulate(s.options, nmea);
  nmea.close();
  std::string truth;
  for (const auto& e : r.truth) {
    truth += sim::truth_json(e);
    truth += '\n';
  }
  write_text(dir / "truth.jsonl", truth);
  write_text(dir / "scenario.json", sim::scenario_json(s.options, r));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!s.quiet) {
    std::cerr << "tidewatch simulate: " << r.world.vessels.size() << " vessels, "
              << r.stats.messages << " messages (" << r.stats.lines << " lines, " << r.stats.bytes
              << " bytes), " << r.truth.size() << " truth events; " << seconds << " s, "
              << static_cast<long long>(static_cast<double>(r.stats.messages) / std::max(seconds, 1e-9))
              << " messages/s\n";
  }
  return 0;
}

}  // namespace

void register_simulate(CLI::App& app) {
  auto s = std::make_shared<SimulateSettings>();
  CLI::App* cmd = app.add_subcommand(
      "simulate",
      "Simulate AIS traffic with scripted sanctions-evasion situations (dark port visits, "
      "ship-to-ship transfers, loitering, spoofing, identity changes, shared MMSIs, coverage "
      "holes) and write DIR/ais.nmea, DIR/truth.jsonl and DIR/scenario.json.  Same seed and "
      "options: byte-identical files.");
  cmd->add_option("--out,-o", s->out, "Directory to write into (created)")->required();
  cmd->add_option("--seed", s->options.seed, "Seed of every random choice (default 1)");
  cmd->add_option("--hours", s->options.hours, "Hours simulated (default 48; the scenarios need 46)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--vessels", s->options.vessels, "Background vessels (default 60)");
  cmd->add_option("--density", s->density,
                  "Background vessels per 10000 km2: the background box is sized for it and "
                  "grows with --vessels (default: the region's whole box)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--region", s->options.region,
                  "Where background vessels sail: sea_of_japan (default; 39.0-41.6N "
                  "131-138E) or north_pacific (30-44N 152E-170W)")
      ->check(CLI::IsMember({"sea_of_japan", "north_pacific"}));
  std::string names = "all, none";
  for (auto n : sim::scenario_names()) names += ", " + std::string(n);
  cmd->add_option("--scenarios", s->scenarios, "Scripted scenarios, comma-separated: " + names)
      ->delimiter(',');
  cmd->add_option("--interval", s->interval,
                  "Position report interval in seconds for every vessel (default: ITU-R M.1371 "
                  "rates: Class A 10 s under way, 3 min at anchor or moored)")
      ->check(CLI::Range(0.1, 86400.0));
  cmd->add_option("--start", s->start, "First instant, ISO 8601 UTC (default 2024-06-01T00:00:00Z)");
  cmd->add_option("--loss", s->options.loss, "Probability a message is not received (default 0.05)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--gnss-noise", s->options.gnss_noise_m,
                  "Standard deviation of position noise per axis, metres (default 5)")
      ->check(CLI::Range(0.0, 1000.0));
  cmd->add_option("--class-b", s->options.class_b_fraction,
                  "Share of background vessels that are Class B (default 0.2)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--truth-gap-hours", s->options.truth_gap_hours,
                  "Received-position gaps at least this long are truth gap events (default 2)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--quiet,-q", s->quiet, "Do not print the summary on standard error");
  cmd->callback([s]() {
    try {
      run_simulate(*s);
    } catch (const std::invalid_argument& e) {
      std::cerr << "tidewatch simulate: " << e.what() << '\n';
      throw CLI::RuntimeError(2);
    }
  });
}

}  // namespace tidewatch::app
