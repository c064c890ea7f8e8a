#pragma once
// Private engine shared by the DMA, MarineCadastre and generic CSV readers:
// header → column indices, row → position (+ static when it changed).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fields.h"
#include "tidewatch/ingest/csv.h"
#include "tidewatch/ingest/generic_csv.h"

namespace tidewatch::ingest::detail {

enum class Flavor : std::uint8_t { dma, marinecadastre, generic };

struct Columns {
  static constexpr int none = -1;
  int mmsi = none, id = none, time = none, lat = none, lon = none, sog = none, cog = none,
      heading = none, status = none, name = none, callsign = none, imo = none,
      shiptype = none, mobile = none, draught = none, size_a = none, size_b = none,
      size_c = none, size_d = none, length = none, width = none, destination = none,
      transceiver = none;
};

class TableReader {
 public:
  TableReader(Flavor flavor, ObservationSink& sink, std::uint32_t source,
              GenericCsvOptions generic = {});
  void feed_line(std::string_view text, std::uint64_t line);
  void reject_line(std::string_view text, std::uint64_t line, RejectReason reason) {
    ++em_.stats.lines;
    em_.reject(text, line, reason);
  }
  [[nodiscard]] const IngestStats& stats() const noexcept { return em_.stats; }
  [[nodiscard]] bool has_header() const noexcept { return have_header_; }

 private:
  void header(std::string_view text);
  void row(std::string_view text, std::uint64_t line);
  std::optional<UnixMillis> time(std::string_view field) const;

  Flavor flavor_;
  Emitter em_;
  GenericCsvOptions generic_;
  CsvSplitter csv_;
  bool have_header_ = false;
  std::size_t ncols_ = 0;
  Columns c_;
  bool has_static_ = false;
  StaticDeduper dedupe_;
};

}  // namespace tidewatch::ingest::detail
