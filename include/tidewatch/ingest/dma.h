#pragma once
// Danish Maritime Authority AIS CSV (aisdk-YYYY-MM-DD.csv) to Observations.
//
// Header (located by name, case-insensitive; order does not matter; a leading
// "# " is allowed): Timestamp, Type of mobile, MMSI, Latitude, Longitude,
// Navigational status, ROT, SOG, COG, Heading, IMO, Callsign, Name, Ship type,
// Cargo type, Width, Length, Type of position fixing device, Draught,
// Destination, ETA, Data source type, A, B, C, D (or "Size A".."Size D").
// Required: Timestamp, MMSI, Latitude, Longitude (else InputError).
//
// - Timestamp "DD/MM/YYYY HH:MM:SS", UTC.
// - Numbers accept `.` or `,` as decimal separator (a `,` only survives the
//   CSV split inside quotes).
// - Not available: empty, "Unknown", "Undefined", "Unknown value"; lat 91 /
//   lon 181; SOG >= 102.3; COG >= 360; heading 511 (> 359).
// - Type of mobile: "Class A" -> class_a, "Class B" -> class_b, "Base
//   Station", "AtoN", "SAR Airborne" -> other, anything else unknown.
// - Navigational status is text (gpsd/ITU wording) mapped to its code.
// - Ship type is text ("Cargo", "Tanker", "Fishing", ...) mapped to the first
//   ITU code of its group (Cargo 70, Tanker 80, Passenger 60, Fishing 30,
//   Tug 52, Pilot 50, Sailing 36, Pleasure 37, HSC 40, WIG 20, Other 90, ...);
//   a number is taken as the code; "Undefined"/"Reserved"/"Spare" -> n/a.
// - IMO kept as given when non-zero (not validated); dimensions from A/B/C/D.
// - Each row gives a position observation (when lat/lon are available; else
//   IngestStats::no_position), plus a static observation when the tuple
//   (Name, Callsign, IMO, Ship type) changed for that MMSI (StaticDeduper).
//   msg_type is 0 (DMA does not say which message a row came from).
// - Rejects: bad_csv_row, missing_field (MMSI or Timestamp empty), bad_time,
//   bad_number (any numeric field that does not parse, lat/lon out of range).

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "tidewatch/ingest/line_reader.h"  // InputError
#include "tidewatch/ingest/observation_sink.h"

namespace tidewatch::ingest {

namespace detail {
class TableReader;
}

class DmaCsvReader {
 public:
  explicit DmaCsvReader(ObservationSink& sink, std::uint32_t source = 0);
  ~DmaCsvReader();
  DmaCsvReader(const DmaCsvReader&) = delete;
  DmaCsvReader& operator=(const DmaCsvReader&) = delete;

  void feed_line(std::string_view text, std::uint64_t line);
  void reject_line(std::string_view text, std::uint64_t line, RejectReason reason);
  [[nodiscard]] const IngestStats& stats() const noexcept;

 private:
  std::unique_ptr<detail::TableReader> impl_;
};

/// DMA ship type text -> ITU code (see above); nullopt for n/a or unknown text.
std::optional<std::uint8_t> dma_ship_type(std::string_view text) noexcept;

}  // namespace tidewatch::ingest
