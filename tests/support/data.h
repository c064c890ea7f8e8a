#pragma once
// Where test data lives, and small helpers to run the decoder over a file.
//  - tests/data/...       the project's own fixtures (licensed for copying)
//  - ../shared/data/...   the real data collected for the project; tests that
//                         need it skip, saying why, when it is absent.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tidewatch/ais/stream.h"
#include "tidewatch/ingest/line_reader.h"
#include "tidewatch/report/gpsd_json.h"

namespace tidewatch::test {

inline std::filesystem::path test_data(const std::string& relative) {
  return std::filesystem::path(TIDEWATCH_TEST_DATA) / relative;
}

inline std::filesystem::path shared_data(const std::string& relative) {
  return std::filesystem::path(TIDEWATCH_SHARED_DATA) / relative;
}

/// Skips the current test when the shared data file is missing.
#define TIDEWATCH_REQUIRE_SHARED(path)                                                  \
  do {                                                                                  \
    if (!std::filesystem::exists(path))                                                 \
      GTEST_SKIP() << "shared data not found: " << (path)                               \
                   << " (the test needs ../shared/data beside the checkout)";           \
  } while (0)

/// Everything a decode of one input produced.
struct Decoded {
  struct Item {
    ais::Message message;
    ais::MessageMeta meta;    // views cleared; see rxtime/station copies
    std::string station;
    std::string unscaled;     // gpsd -u -j line (without provenance, no "\n")
    std::string scaled;       // gpsd -j line
  };
  std::vector<Item> messages;
  std::vector<RejectedLine> rejects;  // text copied into reject_texts
  std::vector<std::string> reject_texts;
  ais::DecodeStats stats;
};

class CollectingSink final : public ais::DecodeSink {
 public:
  explicit CollectingSink(Decoded& out) : out_(out) {}
  void on_message(const ais::Message& m, const ais::MessageMeta& meta) override {
    Decoded::Item item;
    item.message = m;
    item.meta = meta;
    item.station = std::string(meta.station);
    item.meta.station = {};
    item.meta.talker = {};
    report::GpsdJsonOptions opt;
    opt.provenance = false;
    opt.scaled = false;
    report::OutBuffer buf(4096);
    report::write_gpsd_json(buf, m, meta, "", opt);
    item.unscaled.assign(buf.view().substr(0, buf.size() - 1));
    buf.clear();
    opt.scaled = true;
    report::write_gpsd_json(buf, m, meta, "", opt);
    item.scaled.assign(buf.view().substr(0, buf.size() - 1));
    out_.messages.push_back(std::move(item));
  }
  void on_reject(const RejectedLine& r) override {
    out_.reject_texts.emplace_back(r.text);
    RejectedLine copy = r;
    copy.text = {};
    out_.rejects.push_back(copy);
  }

 private:
  Decoded& out_;
};

/// Decodes a whole file with the given options.
inline Decoded decode_file(const std::filesystem::path& path, ais::DecoderOptions options = {}) {
  Decoded out;
  CollectingSink sink(out);
  ais::StreamDecoder decoder(options, sink);
  ingest::LineReader reader(path.string());
  decoder.begin_source(0);
  while (auto line = reader.next()) {
    if (line->truncated) {
      decoder.reject_line(line->text, line->number, RejectReason::line_too_long);
    } else {
      decoder.feed_line(line->text, line->number);
    }
  }
  decoder.end_source();
  out.stats = decoder.stats();
  return out;
}

/// Decodes lines given in the test itself.
inline Decoded decode_lines(const std::vector<std::string>& lines, ais::DecoderOptions options = {}) {
  Decoded out;
  CollectingSink sink(out);
  ais::StreamDecoder decoder(options, sink);
  decoder.begin_source(0);
  std::uint64_t n = 0;
  for (const auto& l : lines) decoder.feed_line(l, ++n);
  decoder.end_source();
  out.stats = decoder.stats();
  return out;
}

/// A gpsd JSON line without its "device":"stdin", member (gpsdecode reading stdin adds it).
inline std::string without_device(std::string s) {
  const std::string device = "\"device\":\"stdin\",";
  if (auto pos = s.find(device); pos != std::string::npos) s.erase(pos, device.size());
  return s;
}

}  // namespace tidewatch::test
