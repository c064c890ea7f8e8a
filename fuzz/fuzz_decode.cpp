// libFuzzer target: arbitrary text through the whole decode stage (framing,
// tag blocks, $PGHP, reassembly, decoding) and every writer (gpsd JSON scaled
// and unscaled, CSV, rejects).  Any crash, sanitizer report or broken
// invariant is a bug.

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "tidewatch/ais/stream.h"
#include "tidewatch/report/decode_csv.h"
#include "tidewatch/report/gpsd_json.h"
#include "tidewatch/report/rejects.h"

namespace {

using namespace tidewatch;

class Sink final : public ais::DecodeSink {
 public:
  void on_message(const ais::Message& m, const ais::MessageMeta& meta) override {
    report::GpsdJsonOptions opt;
    opt.scaled = true;
    report::write_gpsd_json(out, m, meta, "fuzz", opt);
    opt.scaled = false;
    report::write_gpsd_json(out, m, meta, "fuzz", opt);
    report::write_decode_csv(out, m, meta, "fuzz");
    if (m.type < 1 || m.type > 27) std::abort();
    if (meta.last_line < meta.first.line) std::abort();
    ++messages;
    out.clear();
  }
  void on_reject(const RejectedLine& r) override {
    report::write_reject_json(out, r, "fuzz");
    out.clear();
    ++rejects;
  }
  report::OutBuffer out{1 << 16};
  std::uint64_t messages = 0;
  std::uint64_t rejects = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Sink sink;
  ais::DecoderOptions options;
  options.max_pending_messages = 4;  // exercise eviction
  options.max_fragment_age_lines = 8;
  options.accept_bad_checksum = size > 0 && (data[0] & 1) != 0;
  ais::StreamDecoder decoder(options, sink);
  decoder.begin_source(0);
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::uint64_t line = 0;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    decoder.feed_line(text.substr(0, nl), ++line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  decoder.end_source();
  const auto& s = decoder.stats();
  if (s.messages != sink.messages || s.total_rejected() != sink.rejects) std::abort();
  return 0;
}
