#pragma once
// Per-MMSI identity history (docs/tracks.md §4): what a vessel said about
// itself in its static reports, as run-length lists per field, plus the
// MMSI's class and flag, and the identity changes those reports show.
//
//   IdentityHistory h(219000123);
//   for each static observation of that MMSI, in time order: h.add(obs);
//   h.entries(IdentityField::name)   // [(first, last, count, "NORDIC SEA"), ...]
//   h.changes()                      // confirmed name/callsign/imo/shiptype changes
//
// Normalisation [project]: text is cut at the first '@' (AIS six-bit padding,
// the bytes after it are garbage), trimmed, runs of blanks collapsed to one
// space and upper-cased; an empty result is "not available" and not recorded.
// IMO: 0 is "not available"; any other value is recorded, `valid` only when
// its check digit is right (core/ids.h imo_check_digit_ok).  Ship type 0 and
// draught 0 are "not available".  Draught is written in metres ("7.5").
//
// Changes (identity_change events): for name, call sign, valid IMO and ship
// type, a new value counts only once it has been seen in 2 static reports
// (bit-error suppression, §4); the first value also needs 2 sightings to be
// established, and establishing it is not a change.  Changes confirmed by the
// same report are one IdentityChange.  Not done yet: "2 distinct receivers",
// comparing within a track on a shared MMSI, flag changes (the flag comes from
// the MMSI, which is constant here).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tidewatch/core/ids.h"
#include "tidewatch/core/reject.h"
#include "tidewatch/core/time.h"
#include "tidewatch/ingest/observation.h"

namespace tidewatch::track {

enum class IdentityField : std::uint8_t { name, callsign, imo, shiptype, draught, destination };
inline constexpr std::size_t kIdentityFieldCount = 6;

/// "name", "callsign", "imo", "shiptype", "draught", "destination".
std::string_view identity_field_name(IdentityField f) noexcept;

/// Cut at the first '@', trim, collapse blanks, upper-case (ASCII).
std::string normalize_identity_text(std::string_view raw);

/// One run of equal values.
struct HistoryEntry {
  UnixMillis first_time = 0;
  UnixMillis last_time = 0;
  std::uint64_t count = 0;
  std::string value;   ///< normalised text; IMO and ship type in decimal; draught in metres
  bool valid = true;   ///< false only for an IMO with a wrong check digit
  LineRef first_ref, last_ref;
};

/// A value and how often it was seen, in order of first appearance.
struct ValueCount {
  std::string value;
  std::uint64_t count = 0;
  bool valid = true;
  UnixMillis first_time = 0;
};

/// One confirmed identity change.
struct IdentityChange {
  struct Field {
    IdentityField field;
    std::string before, after;
  };
  UnixMillis start = 0;   ///< first sighting of the new value(s)
  UnixMillis end = 0;     ///< the confirming sighting
  std::vector<LineRef> evidence;  ///< last sighting of the old value, first and confirming of the new
  std::vector<Field> fields;
};

class IdentityHistory {
 public:
  explicit IdentityHistory(std::uint32_t mmsi) noexcept;

  /// Adds one static observation (kind static_info; others are ignored).
  /// Observations must come in time order.
  void add(const ingest::Observation& o);

  [[nodiscard]] std::uint32_t mmsi() const noexcept { return mmsi_; }
  [[nodiscard]] const MmsiInfo& mmsi_info() const noexcept { return info_; }
  /// mmsi_kind_name of the MMSI's class.
  [[nodiscard]] std::string_view mmsi_class() const noexcept { return mmsi_kind_name(info_.kind); }
  /// ISO 3166-1 alpha-2 of the MID, for ship, group, craft_associated and
  /// handheld classes only; "" otherwise.
  [[nodiscard]] std::string_view flag() const noexcept;

  [[nodiscard]] const std::vector<HistoryEntry>& entries(IdentityField f) const noexcept {
    return entries_[static_cast<std::size_t>(f)];
  }
  /// Distinct values with their total counts, in order of first appearance.
  [[nodiscard]] std::vector<ValueCount> value_counts(IdentityField f) const;
  /// The valid value seen most often among the runs overlapping [from, to]
  /// (ties: the earliest seen); "" when none.  Use INT64 bounds for all time.
  [[nodiscard]] std::string most_frequent(IdentityField f, UnixMillis from, UnixMillis to) const;
  [[nodiscard]] const std::vector<IdentityChange>& changes() const noexcept { return changes_; }
  [[nodiscard]] std::uint64_t statics() const noexcept { return statics_; }

 private:
  struct Tracker {  // change confirmation for one field
    std::string current;
    LineRef current_last{};
    bool established = false;
    std::string candidate;
    std::uint32_t candidate_count = 0;
    UnixMillis candidate_first = 0;
    LineRef candidate_ref{};
  };
  void record(IdentityField f, std::string value, bool valid, const ingest::Observation& o);
  bool track(IdentityField f, const std::string& value, const ingest::Observation& o,
             IdentityChange& change);

  std::uint32_t mmsi_;
  MmsiInfo info_;
  std::array<std::vector<HistoryEntry>, kIdentityFieldCount> entries_;
  std::array<Tracker, 4> trackers_;  // name, callsign, imo, shiptype
  std::vector<IdentityChange> changes_;
  std::uint64_t statics_ = 0;
};

}  // namespace tidewatch::track
