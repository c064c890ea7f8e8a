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
// same report are one IdentityChange.
// Flapping rules [project] (regr_416070900 alternates "PEI YUH NO.6" and
// "PEI YUH NO6" and gave 436 changes without them):
//  1. Spelling: name and call sign are compared by their identity key
//     (identity_key: letters and digits only), so "PEI YUH NO.6" and
//     "PEI YUH NO6" are one identity; the history keeps both raw spellings.
//  2. Revert: when a field's confirmed new value is the value it had before
//     its previous change, and it returns within IdentityParams::revert_window
//     (24 h) of that change's end, both are flapping of one identity: the
//     earlier change loses that field (and is removed when no field is left),
//     and the return is not a change.
// Not done yet: "2 distinct receivers",
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

enum class IdentityField : std::uint8_t {
  name, callsign, imo, shiptype, draught, destination,
  dimensions,  ///< overall length x beam in metres ("225x32"), from the reference-point distances
};
inline constexpr std::size_t kIdentityFieldCount = 7;

/// "name", "callsign", "imo", "shiptype", "draught", "destination", "dimensions".
std::string_view identity_field_name(IdentityField f) noexcept;

/// Cut at the first '@', trim, collapse blanks, upper-case (ASCII).
std::string normalize_identity_text(std::string_view raw);

/// Letters and digits of normalize_identity_text(raw) only: the key that
/// decides whether a name or call sign changed ("PEI YUH NO.6" -> "PEIYUHNO6").
std::string identity_key(std::string_view normalized);

/// Thresholds of the identity-change rules.
struct IdentityParams {
  /// sightings; a new value counts once seen this often.  docs/tracks.md §4 (bit-error suppression).
  std::uint32_t confirmations = 2;
  /// milliseconds (24 h); a change undone within this is flapping, not a change.  [project]
  UnixMillis revert_window = 24LL * 3600 * 1000;
};

/// One run of equal values.
struct HistoryEntry {
  UnixMillis first_time = 0;
  UnixMillis last_time = 0;
  std::uint64_t count = 0;
  std::string value;   ///< normalised text; IMO and ship type in decimal; draught in metres
  bool valid = true;   ///< false only for an IMO with a wrong check digit
  LineRef first_ref, last_ref;
  /// The transponder class that broadcast it (type 5: A; types 19, 24: B); a
  /// run ends when the class changes, so one MMSI used by a Class A ship and a
  /// Class B unit keeps the two identities apart.
  ingest::Transponder transponder = ingest::Transponder::unknown;
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
  explicit IdentityHistory(std::uint32_t mmsi, IdentityParams params = {}) noexcept;

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
  /// With `cls` other than unknown, only runs broadcast by that transponder
  /// class (or by an unknown one: provider CSVs without a class) count.
  [[nodiscard]] std::string most_frequent(IdentityField f, UnixMillis from, UnixMillis to,
                                          ingest::Transponder cls = ingest::Transponder::unknown) const;
  [[nodiscard]] const std::vector<IdentityChange>& changes() const noexcept { return changes_; }
  [[nodiscard]] std::uint64_t statics() const noexcept { return statics_; }

 private:
  static constexpr std::size_t kNoChange = static_cast<std::size_t>(-1);
  struct Tracker {  // change confirmation for one field
    std::string current;
    std::string current_key;
    LineRef current_last{};
    std::string previous_key;        // key before the last confirmed change
    std::size_t last_change = kNoChange;  // index into changes_ of that change
    UnixMillis last_change_end = 0;
    bool established = false;
    std::string candidate;
    std::string candidate_key;
    std::uint32_t candidate_count = 0;
    UnixMillis candidate_first = 0;
    LineRef candidate_ref{};
  };
  void record(IdentityField f, std::string value, bool valid, const ingest::Observation& o);
  bool track(IdentityField f, const std::string& value, const ingest::Observation& o,
             IdentityChange& change);

  void cancel_field(std::size_t change, IdentityField f);

  std::uint32_t mmsi_;
  IdentityParams params_;
  MmsiInfo info_;
  std::array<std::vector<HistoryEntry>, kIdentityFieldCount> entries_;
  // Change confirmation per transponder class group ([0] Class A and unknown,
  // [1] Class B), per field (name, callsign, imo, shiptype): a Class B unit
  // sharing a Class A ship's MMSI is never compared with the ship.
  std::array<std::array<Tracker, 4>, 2> trackers_;
  std::vector<IdentityChange> changes_;
  std::uint64_t statics_ = 0;
};

/// milliseconds: GFW's INFO_PING_INTERVAL_MINS (15 min), how far from a
/// position a static report still describes it (gpsdio-segment `_store_info`).
inline constexpr UnixMillis kInfoWindowMs = 15LL * 60 * 1000;

/// The value of `f` a track segment shows, for a segment spanning [t0, t1]
/// whose positions came mostly from transponder class `cls` (GFW's
/// `add_info_to_msg` matches statics to positions by transponder type): the
/// most frequent valid value broadcast by that class within kInfoWindowMs of
/// the span, else at any time; "" when that class never sent the field (a
/// Class B unit sharing a Class A ship's MMSI does not borrow the ship's call
/// sign).  When no static report at all came from class `cls` (or `cls` is
/// unknown), every class counts.
std::string segment_identity(const IdentityHistory& h, IdentityField f, UnixMillis t0,
                             UnixMillis t1, ingest::Transponder cls);

/// The class most of `positions` came from (ties and empty: unknown).
/// `positions` are indices into `obs`.
ingest::Transponder majority_transponder(const std::vector<ingest::Observation>& obs,
                                         const std::vector<std::uint32_t>& positions) noexcept;

}  // namespace tidewatch::track
