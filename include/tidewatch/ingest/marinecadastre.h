#pragma once
// NOAA MarineCadastre AIS CSV (AIS_YYYY_MM_DD.csv) to Observations.
//
// Header (by name, case-insensitive): MMSI, BaseDateTime, LAT, LON, SOG, COG,
// Heading, VesselName, IMO, CallSign, VesselType, Status, Length, Width,
// Draft, Cargo, and optionally TransceiverClass (files from 2018 on; taken by
// name when present, unverified on a real file).  Required: MMSI,
// BaseDateTime, LAT, LON (else InputError).
//
// - BaseDateTime "YYYY-MM-DDTHH:MM:SS" UTC (any ISO 8601 form is accepted).
// - IMO like "IMO9571492" (prefix optional): kept only when it is 7 digits
//   with a valid check digit (core/ids.h), else n/a.
// - VesselType: AIS codes 1..99 kept; 0 and NAIS codes >= 100 -> n/a.
// - Status: a code 0..14 (15 -> n/a), or the 2015 text form mapped by name.
// - Length/Width: no antenna offsets are given, so dimensions are split
//   evenly (to_bow = length - length/2, to_stern = length/2, likewise
//   width): length and width sums are right, the antenna position is not.
// - TransceiverClass "A"/"B" -> class_a/class_b, else unknown.
// - Not available: empty, Heading 511, SOG 102.3, COG 360, lat 91/lon 181.
// - Each row gives a position (when available) plus a static observation
//   when (VesselName, CallSign, IMO, VesselType) changed for that MMSI.
// - Rejects: bad_csv_row, missing_field (MMSI or BaseDateTime empty),
//   bad_time, bad_number.

#include <cstdint>
#include <memory>
#include <string_view>

#include "tidewatch/ingest/line_reader.h"  // InputError
#include "tidewatch/ingest/observation_sink.h"

namespace tidewatch::ingest {

namespace detail {
class TableReader;
}

class MarineCadastreReader {
 public:
  explicit MarineCadastreReader(ObservationSink& sink, std::uint32_t source = 0);
  ~MarineCadastreReader();
  MarineCadastreReader(const MarineCadastreReader&) = delete;
  MarineCadastreReader& operator=(const MarineCadastreReader&) = delete;

  void feed_line(std::string_view text, std::uint64_t line);
  void reject_line(std::string_view text, std::uint64_t line, RejectReason reason);
  [[nodiscard]] const IngestStats& stats() const noexcept;

 private:
  std::unique_ptr<detail::TableReader> impl_;
};

}  // namespace tidewatch::ingest
