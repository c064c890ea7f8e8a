#pragma once
// NMEA AIS (!AIVDM/!AIVDO, tag blocks, $PGHP) to Observations: wraps
// ais::StreamDecoder and converts each decoded ais::Message.
//
// Which messages become observations (the same rule as GFW's segmenter,
// which uses only vessel reports):
//   positions: types 1, 2, 3 (Class A), 18 (Class B), 19 (Class B extended:
//              ALSO a static observation with its name, ship type and
//              dimensions, every time), 27 (long-range; Class A; speed and
//              course are whole knots/degrees, scaled to 1/10).
//   statics:   types 5 (Class A), 24 (Class B; part A gives the name, part B
//              call sign, ship type and dimensions, a joined part AB both).
//   ignored:   every other type, including 4 (base station), 9 (SAR
//              aircraft) and 21 (aid to navigation): not vessel tracks.
//              Counted in IngestStats::ignored_messages.
// Only messages with a receive time (tag block c:, $PGHP, receiver field;
// MessageMeta::rxtime) can become observations; the others are counted in
// IngestStats::no_time and NOT rejected (the sentence is valid; the count
// makes a feed without times visible).  A position report whose lat/lon are
// "not available" (or out of range) is counted in no_position.  Decoder
// rejects (bad checksum, framing, ...) go to the sink's on_reject unchanged.
// Observation::ref is the message's first line; msg_type the AIS type.

#include <array>
#include <cstdint>
#include <memory>
#include <string_view>

#include "tidewatch/ais/messages.h"
#include "tidewatch/ais/stream.h"
#include "tidewatch/ingest/observation_sink.h"

namespace tidewatch::ingest {

/// The observations one message gives (0, 1 or 2; type 19 gives 2).
struct MessageObservations {
  std::array<Observation, 2> items;
  std::size_t count = 0;
  bool used_type = false;      ///< a type listed above as position or static
  bool no_position = false;    ///< a position type whose position is not available
};

/// Converts one decoded message received at `time` (see the rules above).
MessageObservations observations_from_message(const ais::Message& message, UnixMillis time,
                                              LineRef ref);

class NmeaReader {
 public:
  explicit NmeaReader(ObservationSink& sink, std::uint32_t source = 0,
                      ais::DecoderOptions options = {});
  ~NmeaReader();
  NmeaReader(const NmeaReader&) = delete;
  NmeaReader& operator=(const NmeaReader&) = delete;

  void feed_line(std::string_view text, std::uint64_t line);
  void reject_line(std::string_view text, std::uint64_t line, RejectReason reason);
  /// Ends the input: incomplete multipart messages are rejected.  Call once.
  void finish();

  [[nodiscard]] const IngestStats& stats() const noexcept;
  [[nodiscard]] const ais::DecodeStats& decode_stats() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tidewatch::ingest
