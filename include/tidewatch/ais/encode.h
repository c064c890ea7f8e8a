#pragma once
// Encoding AIS messages: typed records (messages.h) to six-bit payloads and
// complete NMEA 0183 `!AIVDM` sentences, optionally behind an NMEA 4.0 tag
// block.  The inverse of decode.h and stream.h for the types a simulator of
// ship traffic needs:
//
//   type 1, 2, 3   PositionReportA    168 bits, one sentence
//   type 5         StaticAndVoyage    424 bits, two sentences (71 characters)
//   type 18        PositionReportB    168 bits
//   type 24        StaticDataReport   part A 160 bits, part B 168 bits
//
// Field layouts are ITU-R M.1371-5 Annex 8 (the ones decode.cpp reads).
// Spare bits are written as zeros.
//
// The rule for values: encode_payload() accepts a record only when decoding
// the result gives the record back.  A number that does not fit its field,
// or that equals the field's "not available" sentinel while held in a
// non-empty std::optional (speed 1023, course 3600, second 60, draught 0,
// IMO 0, ETA month 0, ...), is `out_of_range`; text with a character
// outside the six-bit alphabet (ASCII 32..95: no lower case) is `bad_text`.
// Text shorter than its field is padded with `@`, as most transmitters do
// (the decoder drops the padding and trailing spaces, so text ending in
// spaces does not come back with them).
//
//   Payload p;
//   if (auto err = encode_payload(message, p)) ... encode_error_name(*err) ...
//   SentenceOptions o; o.channel = 'B'; o.sequence_id = 3; o.station = "rVVO"; o.time = t;
//   buffer.resize(sentences_max_size(p, o));
//   buffer.resize(write_sentences(p, o, buffer.data()));
//
// Everything here is allocation-free except encode_nmea(), the convenience
// wrapper for tests and small tools.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tidewatch/ais/bits.h"
#include "tidewatch/ais/messages.h"
#include "tidewatch/core/time.h"

namespace tidewatch::ais {

/// Why a record could not be encoded.
enum class EncodeError : std::uint8_t {
  unsupported_type,  ///< not 1, 2, 3, 5, 18 or 24 (or type 24 part AB: encode A and B apart)
  body_mismatch,     ///< Message::type does not match the alternative held in Message::body
  out_of_range,      ///< a number does not fit its field or equals its sentinel (see above)
  bad_text,          ///< a character outside the six-bit alphabet (ASCII 32..95)
  bad_length,        ///< EncodeOptions::total_bits outside what the decoder accepts for the type
};
std::string_view encode_error_name(EncodeError e) noexcept;

/// An armoured payload: the six-bit characters and the fill bits (0..5)
/// that pad the last character.
struct Payload {
  std::array<char, kMaxPayloadBits / 6 + 4> chars{};  ///< (room for whole groups of 4)
  std::size_t size = 0;        ///< characters used
  std::uint8_t fill_bits = 0;  ///< 0..5
  std::size_t bits = 0;        ///< message bits (size * 6 - fill_bits)

  [[nodiscard]] std::string_view view() const noexcept { return {chars.data(), size}; }
};

struct EncodeOptions {
  /// Message length in bits; 0 (DEFAULT) = the standard length of the type
  /// (168, 424, 160 for 24 A, 168 for 24 B).  Otherwise the length real
  /// transmitters also use (e.g. 168 for a type 24 part A, 420 for a type 5):
  /// bits after the written fields are zero, fields past the end are cut.
  /// Must be within what decode_message() accepts for the type (bad_length).
  std::size_t total_bits = 0;
};

/// Encodes `m` into `out`.  Returns nullopt on success, or why not (`out`
/// is then unspecified).
std::optional<EncodeError> encode_payload(const Message& m, Payload& out,
                                          const EncodeOptions& options = {}) noexcept;

/// Armours `bits` bits (MSB first) of `bytes` into `out`: six bits per
/// character, the last one padded with fill bits.  `bits` <= kMaxPayloadBits.
void armor(const std::uint8_t* bytes, std::size_t bits, Payload& out) noexcept;

/// How a payload is framed into sentences.
struct SentenceOptions {
  std::string_view talker = "AI";  ///< two characters: AI (mobile station), AB, BS, ...
  bool own_ship = false;           ///< true: VDO (own vessel), false: VDM
  char channel = 'A';              ///< 'A', 'B' (or '1', '2'); '\0' leaves the field empty
  /// Sequential message identifier 0..9 of a multi-sentence message (it tells
  /// the receiver which fragments belong together); single sentences leave
  /// the field empty, as receivers do.
  std::uint8_t sequence_id = 0;
  /// Payload characters per sentence, 1..61.  DEFAULT 60: a two-part type 5
  /// is 60 + 11 characters and each sentence stays within NMEA's 82 characters.
  std::size_t max_payload_chars = 60;
  /// NMEA 4.0 tag block `\s:station,c:seconds*hh\` before every sentence,
  /// written when `station` is not empty or `time` is set.  `time` is written
  /// as whole Unix seconds (milliseconds are cut, toward the past).
  std::string_view station;
  std::optional<UnixMillis> time;
};

/// An upper bound of the characters write_sentences() writes.
std::size_t sentences_max_size(const Payload& p, const SentenceOptions& o) noexcept;

/// Writes the sentence(s) of `p`, each as one line ending in '\n':
///   [\s:station,c:1700000000*hh\]!AIVDM,n,i,[seq],ch,payload,fill*hh
/// Fill bits are on the last sentence only (0 on the others).  `out` must
/// hold sentences_max_size() characters.  Returns the characters written.
std::size_t write_sentences(const Payload& p, const SentenceOptions& o, char* out) noexcept;

/// encode_payload() then write_sentences() into a string; nullopt on error.
std::optional<std::string> encode_nmea(const Message& m, const SentenceOptions& o = {},
                                       const EncodeOptions& e = {});

}  // namespace tidewatch::ais
