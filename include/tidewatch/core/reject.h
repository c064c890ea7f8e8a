#pragma once
// Bad input is a value, never an exception: every input line that tidewatch
// cannot use is counted under one reason, with its source and line number, and
// can be written out (`--rejects FILE`).  Nothing disappears silently.

#include <array>
#include <cstdint>
#include <string_view>

namespace tidewatch {

/// Why an input line was rejected.  The names are stable: they appear in
/// `summary.json`, on standard error and in rejects files.
enum class RejectReason : std::uint8_t {
  bad_checksum,           ///< `*hh` does not match the XOR of the sentence
  missing_checksum,       ///< a VDM/VDO sentence without `*hh`
  bad_tagblock,           ///< NMEA 4.0 tag block not closed, or a malformed field (`g:1-2--001`)
  bad_tagblock_checksum,  ///< the tag block's own `*hh` does not match
  bad_framing,            ///< not NMEA, too few fields, bad fragment numbers or fill bits
  line_too_long,          ///< longer than the reader's line limit (64 KiB by default)
  bad_payload_character,  ///< a payload character outside the AIS six-bit armour
  empty_payload,          ///< `!AIVDM,1,1,,B,,0*25`
  payload_too_long,       ///< more than 2048 bits after reassembly
  wrong_bit_count,        ///< message length not valid for its type (ITU-R M.1371-5)
  unknown_message_type,   ///< type 0 or 28..63
  orphan_fragment,        ///< a later fragment whose first fragment never arrived
  incomplete_message,     ///< a first fragment whose later fragments never arrived
  duplicate_fragment,     ///< the same fragment number twice in one message
  fragment_mismatch,      ///< fragments of one message disagree (count, channel)
  // provider formats (CSV and JSON readers)
  bad_csv_row,            ///< a CSV row that cannot be split (unclosed quote, too few columns)
  bad_time,               ///< a time that cannot be read, or is out of range
  bad_number,             ///< a number field that cannot be read
  missing_field,          ///< a field the format requires is empty or absent (MMSI, time, ...)
  bad_json,               ///< a JSON line that does not parse, or lacks the expected object
  unsorted_input,         ///< a record older than the reorder window allows (--order window)
};

inline constexpr std::size_t kRejectReasonCount = 21;

/// Stable snake_case name of a reason.
constexpr std::string_view reject_reason_name(RejectReason r) noexcept {
  constexpr std::array<std::string_view, kRejectReasonCount> names{
      "bad_checksum",          "missing_checksum",   "bad_tagblock",
      "bad_tagblock_checksum", "bad_framing",        "line_too_long",
      "bad_payload_character", "empty_payload",      "payload_too_long",
      "wrong_bit_count",       "unknown_message_type", "orphan_fragment",
      "incomplete_message",    "duplicate_fragment", "fragment_mismatch",
      "bad_csv_row",           "bad_time",           "bad_number",
      "missing_field",         "bad_json",           "unsorted_input"};
  return names[static_cast<std::size_t>(r)];
}

/// Lines that carry nothing to decode but are not errors: counted, not rejected.
enum class SkipReason : std::uint8_t {
  blank,        ///< empty or white space only
  comment,      ///< starts with `#` (test files and some loggers)
  other_nmea,   ///< a valid sentence that is not AIS VDM/VDO ($GPRMC, $PGHP is not counted here)
};

inline constexpr std::size_t kSkipReasonCount = 3;

constexpr std::string_view skip_reason_name(SkipReason r) noexcept {
  constexpr std::array<std::string_view, kSkipReasonCount> names{"blank", "comment",
                                                                 "other_nmea"};
  return names[static_cast<std::size_t>(r)];
}

/// Where a record came from: the index of the input in the run's list of
/// sources, and a 1-based line number in that input.
struct LineRef {
  std::uint32_t source = 0;
  std::uint64_t line = 0;
};

/// One rejected input line.  `text` views the raw line (without the line end);
/// it is valid only during the callback that receives it.
struct RejectedLine {
  LineRef where;
  RejectReason reason;
  std::string_view text;
};

}  // namespace tidewatch
