// tidewatch decode [FILE|-]... [--format json|json-unscaled|csv] [--rejects FILE] [--stats]

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "tidewatch/ais/stream.h"
#include "tidewatch/ingest/line_reader.h"
#include "tidewatch/report/decode_csv.h"
#include "tidewatch/report/gpsd_json.h"
#include "tidewatch/report/json_out.h"
#include "tidewatch/report/rejects.h"
#include "tidewatch/version.h"

namespace tidewatch::app {
namespace {

/// Writes all of `data` to `fd`; throws on error.
void write_all(int fd, std::string_view data, const std::string& what) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("cannot write " + what + ": " + std::strerror(errno));
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

/// An output file (or standard output) written in large blocks.
class Output {
 public:
  explicit Output(const std::string& path) : path_(path.empty() ? "standard output" : path) {
    if (path.empty() || path == "-") {
      fd_ = 1;
    } else {
      fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
      if (fd_ < 0) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
      own_ = true;
    }
  }
  ~Output() {
    if (own_) ::close(fd_);
  }
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;
  report::OutBuffer& buffer() { return buf_; }
  void maybe_flush() {
    if (buf_.size() >= kFlushAt) flush();
  }
  void flush() {
    write_all(fd_, buf_.view(), path_);
    buf_.clear();
  }

 private:
  static constexpr std::size_t kFlushAt = 1 << 20;
  std::string path_;
  int fd_ = -1;
  bool own_ = false;
  report::OutBuffer buf_{kFlushAt + (1 << 16)};
};

enum class Format { json, json_unscaled, csv, none };

struct DecodeSettings {
  std::vector<std::string> inputs;
  std::string format = "json";
  std::string output;
  std::string rejects;
  bool stats = false;
  bool accept_bad_checksum = false;
  bool quiet = false;
  std::size_t max_pending = 256;
};

class Writer final : public ais::DecodeSink {
 public:
  Writer(Format format, Output* out, Output* rejects) : format_(format), out_(out), rejects_(rejects) {
    json_.scaled = format == Format::json;
  }
  void set_source(std::string name) { source_ = std::move(name); }

  void on_message(const ais::Message& m, const ais::MessageMeta& meta) override {
    switch (format_) {
      case Format::json:
      case Format::json_unscaled:
        report::write_gpsd_json(out_->buffer(), m, meta, source_, json_);
        out_->maybe_flush();
        break;
      case Format::csv:
        report::write_decode_csv(out_->buffer(), m, meta, source_);
        out_->maybe_flush();
        break;
      case Format::none:
        break;
    }
  }
  void on_reject(const RejectedLine& r) override {
    if (rejects_ == nullptr) return;
    report::write_reject_json(rejects_->buffer(), r, source_);
    rejects_->maybe_flush();
  }

 private:
  Format format_;
  Output* out_;
  Output* rejects_;
  report::GpsdJsonOptions json_;
  std::string source_;
};

void print_summary(const ais::DecodeStats& s) {
  std::string line = "tidewatch decode: " + std::to_string(s.lines) + " lines, " +
                     std::to_string(s.ais_sentences) + " AIS sentences, " +
                     std::to_string(s.messages) + " messages";
  line += "; rejected " + std::to_string(s.total_rejected());
  const char* sep = ": ";
  for (std::size_t i = 0; i < kRejectReasonCount; ++i) {
    if (s.rejected[i] == 0) continue;
    line += sep;
    line += reject_reason_name(static_cast<RejectReason>(i));
    line += ' ' + std::to_string(s.rejected[i]);
    sep = ", ";
  }
  line += "; skipped " + std::to_string(s.total_skipped());
  sep = ": ";
  for (std::size_t i = 0; i < kSkipReasonCount; ++i) {
    if (s.skipped[i] == 0) continue;
    line += sep;
    line += skip_reason_name(static_cast<SkipReason>(i));
    line += ' ' + std::to_string(s.skipped[i]);
    sep = ", ";
  }
  if (s.bad_checksum_accepted > 0)
    line += "; accepted with bad checksum " + std::to_string(s.bad_checksum_accepted);
  std::cerr << line << '\n';
}

/// The --stats report: counts as one JSON object.
void write_stats_json(report::OutBuffer& out, const ais::DecodeStats& s,
                      const std::vector<std::string>& inputs) {
  report::JsonOut j(out, 4096);
  j.raw("{\"program\":\"tidewatch decode\",\"version\":\"").raw(kVersion).raw("\",\"inputs\":[");
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (i > 0) j.ch(',');
    j.str(inputs[i]);
  }
  j.raw("],\"lines\":").u(s.lines).raw(",\"ais_sentences\":").u(s.ais_sentences);
  j.raw(",\"gatehouse\":").u(s.gatehouse).raw(",\"messages\":").u(s.messages);
  j.raw(",\"messages_with_rxtime\":").u(s.with_rxtime);
  j.raw(",\"by_type\":{");
  bool first = true;
  for (std::size_t t = 1; t < s.by_type.size(); ++t) {
    if (s.by_type[t] == 0) continue;
    if (!first) j.ch(',');
    first = false;
    j.ch('"').u(t).raw("\":").u(s.by_type[t]);
  }
  j.raw("},\"rejected\":{");
  first = true;
  for (std::size_t i = 0; i < kRejectReasonCount; ++i) {
    if (s.rejected[i] == 0) continue;
    if (!first) j.ch(',');
    first = false;
    j.ch('"').raw(reject_reason_name(static_cast<RejectReason>(i))).raw("\":").u(s.rejected[i]);
  }
  j.raw("},\"skipped\":{");
  first = true;
  for (std::size_t i = 0; i < kSkipReasonCount; ++i) {
    if (s.skipped[i] == 0) continue;
    if (!first) j.ch(',');
    first = false;
    j.ch('"').raw(skip_reason_name(static_cast<SkipReason>(i))).raw("\":").u(s.skipped[i]);
  }
  j.raw("},\"type24_joined\":").u(s.type24_joined);
  j.raw(",\"bad_checksum_accepted\":").u(s.bad_checksum_accepted);
  j.raw(",\"tagblock_checksum_placeholder\":").u(s.tagblock_checksum_placeholder);
  j.raw("}\n");
}

int run_decode(const DecodeSettings& settings) {
  Format format = Format::none;
  if (!settings.stats) {
    if (settings.format == "json") {
      format = Format::json;
    } else if (settings.format == "json-unscaled") {
      format = Format::json_unscaled;
    } else if (settings.format == "csv") {
      format = Format::csv;
    }
  }
  std::vector<std::string> inputs = settings.inputs;
  if (inputs.empty()) inputs.emplace_back("-");

  Output out(settings.output);
  std::unique_ptr<Output> rejects;
  if (!settings.rejects.empty()) rejects = std::make_unique<Output>(settings.rejects);
  Writer writer(format, &out, rejects.get());
  if (format == Format::csv) out.buffer().append(report::decode_csv_header());

  ais::DecoderOptions options;
  options.accept_bad_checksum = settings.accept_bad_checksum;
  options.max_pending_messages = settings.max_pending;
  ais::StreamDecoder decoder(options, writer);

  int status = 0;
  for (std::uint32_t i = 0; i < inputs.size(); ++i) {
    const std::string& name = inputs[i];
    writer.set_source(name == "-" ? "stdin" : name);
    try {
      ingest::LineReader reader(name);
      decoder.begin_source(i);
      while (auto line = reader.next()) {
        if (line->truncated) {
          decoder.reject_line(line->text, line->number, RejectReason::line_too_long);
        } else {
          decoder.feed_line(line->text, line->number);
        }
      }
      decoder.end_source();
    } catch (const ingest::InputError& e) {
      decoder.end_source();
      std::cerr << "tidewatch decode: " << e.what() << '\n';
      status = 2;
    }
  }
  if (settings.stats) write_stats_json(out.buffer(), decoder.stats(), inputs);
  out.flush();
  if (rejects) rejects->flush();
  if (!settings.quiet) print_summary(decoder.stats());
  return status;
}

}  // namespace

void register_decode(CLI::App& app) {
  auto settings = std::make_shared<DecodeSettings>();
  CLI::App* cmd = app.add_subcommand(
      "decode",
      "Decode AIS NMEA (VDM/VDO, NMEA 4.0 tag blocks, $PGHP, receiver fields; plain or .gz) "
      "into JSON Lines with gpsd's field names, or CSV.  Counts of rejected lines by reason go "
      "to standard error.");
  cmd->add_option("inputs", settings->inputs, "Input files; - or none for standard input");
  cmd->add_option("--format,-f", settings->format,
                  "json (gpsdecode -j: degrees, knots), json-unscaled (gpsdecode -u -j: the "
                  "wire's integers) or csv (one flat table)")
      ->check(CLI::IsMember({"json", "json-unscaled", "csv"}))
      ->default_str("json");
  cmd->add_option("--output,-o", settings->output, "Write messages here instead of standard output");
  cmd->add_option("--rejects", settings->rejects,
                  "Write every rejected line here as JSON Lines: source, line, reason, text");
  cmd->add_flag("--stats", settings->stats,
                "Decode without writing messages; print the counts (by type, rejects by reason) "
                "as JSON");
  cmd->add_flag("--accept-bad-checksum", settings->accept_bad_checksum,
                "Decode sentences and tag blocks with a wrong or missing checksum and mark "
                "them (\"checksum_ok\":false) instead of rejecting them");
  cmd->add_option("--max-pending", settings->max_pending,
                  "Incomplete multipart messages held at once (default 256)")
      ->check(CLI::Range(1, 1 << 20));
  cmd->add_flag("--quiet,-q", settings->quiet, "Do not print the summary on standard error");
  cmd->callback([settings]() {
    const int status = run_decode(*settings);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace tidewatch::app
