#pragma once
// NMEA 0183 (IEC 61162-1) framing of AIS sentences, NMEA 4.0 tag blocks and
// the receiver wrappers seen in real feeds.
//
//   \g:1-2-3985,s:rEV02,c:1334337317*2D\!AIVDM,2,1,9,B,58KvN<42ACikUK...,0*70
//   |---------- tag block ------------| |--- VDM: count,number,seq,channel,payload,fill*hh
//   !AIVDM,1,1,,A,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0*30,d-080,S2118,t050056.00,T56.48,r003669946,1325394060
//                                                  |--- USCG receiver fields after the checksum --|
//   $PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B     Gatehouse: time of the next sentence
//
// These functions parse one piece of a line; StreamDecoder splits lines and
// keeps the state between them.  All views point into the caller's line.

#include <cstdint>
#include <optional>
#include <string_view>

#include "tidewatch/core/reject.h"
#include "tidewatch/core/time.h"

namespace tidewatch::ais {

/// XOR of the bytes of `text` (the NMEA checksum of what lies between the
/// start delimiter and `*`).
std::uint8_t nmea_checksum(std::string_view text) noexcept;

/// Value of two hexadecimal digits, or nullopt.
std::optional<std::uint8_t> parse_hex_byte(std::string_view two) noexcept;

/// NMEA 4.0 tag block group: sentence `sentence` of `total` in group `id`.
struct TagGroup {
  std::uint16_t sentence = 0;  ///< 1..total
  std::uint16_t total = 0;     ///< 1..99
  std::uint32_t id = 0;        ///< group id, 0..999999 in practice
};

/// An NMEA 4.0 tag block (IEC 61162-1 ed. 4, section 7.9).
struct TagBlock {
  bool present = false;
  std::optional<UnixMillis> time;  ///< `c:` receive time (Unix s, or ms for 13+ digits)
  std::string_view station;        ///< `s:` source / station identifier
  std::optional<TagGroup> group;   ///< `g:` sentence grouping
  std::string_view text;           ///< `t:` free text (provider name, ...)
  bool checksum_ok = true;         ///< the block's own `*hh` matched
  bool checksum_placeholder = false;  ///< `*00` written by providers that do not compute it
};

/// Parses the inside of a tag block: the text between the two backslashes,
/// `c:...,s:...*hh`.  A checksum mismatch is not an error here (it is
/// reported in `checksum_ok`); a missing `*hh`, an empty field or a malformed
/// `g:` or `c:` is `bad_tagblock`.
std::optional<RejectReason> parse_tag_block(std::string_view body, TagBlock& out) noexcept;

/// One AIS VDM/VDO sentence.
struct Sentence {
  std::string_view talker;         ///< "AI", "AB", "BS", "SA", "--", ...
  bool own_ship = false;           ///< VDO: the receiver's own vessel
  std::uint8_t fragment_count = 1; ///< 1..9
  std::uint8_t fragment_number = 1;///< 1..fragment_count
  std::int16_t sequence_id = -1;   ///< 0..99, -1 when empty
  char channel = '\0';             ///< 'A', 'B', '1', '2', ... or '\0' when empty
  std::string_view payload;        ///< armoured six-bit payload
  std::uint8_t fill_bits = 0;      ///< 0..5
  bool checksum_ok = true;         ///< `*hh` present and matching
  bool checksum_missing = false;
  bool extra_fields = false;       ///< fields between fill bits and `*` (some chart plotters)
};

/// What kind of NMEA sentence `text` (starting at `!` or `$`) is.
enum class SentenceKind : std::uint8_t { ais, gatehouse, other };
SentenceKind classify_sentence(std::string_view text) noexcept;

/// Parses the AIS VDM/VDO sentence at the start of `text` (classified as
/// SentenceKind::ais) in one pass.  `used` is set to the characters it spans:
/// through `*hh`, or, without a checksum, up to the next tag block or
/// sentence.  A checksum mismatch is reported in `checksum_ok`, not as an
/// error; field errors (fewer than the six fields, bad fragment numbers,
/// sequence id, channel or fill bits) are `bad_framing`.
std::optional<RejectReason> parse_vdm(std::string_view text, Sentence& out,
                                      std::size_t& used) noexcept;
/// The same for a sentence already cut at its checksum.
std::optional<RejectReason> parse_vdm(std::string_view text, Sentence& out) noexcept;

/// Gatehouse `$PGHP,1,...` wrapper: the time the next sentence was received and
/// the MMSI of the receiving station.
struct GatehouseStamp {
  std::optional<UnixMillis> time;
  std::string_view station;  ///< receiving station's MMSI, may be empty
};
std::optional<RejectReason> parse_gatehouse(std::string_view text, GatehouseStamp& out) noexcept;

/// Receiver fields after a sentence's checksum (USCG NAIS style,
/// `,d-109,S2105,t050056.00,T56.1,r003669946,1325394060`): the first
/// all-digit 10-digit field is the Unix receive time, an `r` field the station.
struct TrailingFields {
  std::optional<UnixMillis> time;
  std::string_view station;
};
TrailingFields parse_trailing_fields(std::string_view after_checksum) noexcept;

}  // namespace tidewatch::ais
