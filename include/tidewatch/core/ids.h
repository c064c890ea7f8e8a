#pragma once
// Vessel identifiers: what an MMSI is (ITU-R M.585-9), which flag its MID
// belongs to, and whether an IMO ship number carries a valid check digit
// (IMO Res. A.1078(28)).  Nothing here allocates; the MID table is a static
// array generated from data/identity/mids.json (scripts/gen-mid-table.py).
//
// Screening rule: an IMO ship number never changes over a hull's life, an MMSI
// changes when the ship re-flags and can be typed in wrong or faked.  Match on
// IMO first and use the MMSI as a secondary key.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace tidewatch {

// ---- MMSI ---------------------------------------------------------------------
//
// An MMSI is 9 decimal digits, leading zeros included ("002191000" is the
// number 2191000).  M = MID (Maritime Identification Digits, 3 digits, the
// first one 2..7), X = any digit.  Formats of ITU-R M.585-9 (Annex 1: identities
// built on a MID; Annex 2: free-form device identities.  Section numbers are
// not quoted here because they moved between revisions):
//
//   MIDXXXXXX   ship station                        Annex 1 -> ship
//   0MIDXXXXX   group of ship stations              Annex 1 -> group
//   00MIDXXXX   coast station (00MID4XXX: AIS       Annex 1 -> coast_station
//               repeater, since M.585-7); AIS base
//               stations use this format
//   111MIDXXX   SAR aircraft (111MID1XX fixed-wing, Annex 1 -> sar_aircraft
//               111MID5XX helicopter)
//   8MIDXXXXX   handheld VHF with DSC and GNSS      Annex 1 -> handheld
//               (national use, e.g. diver radios)
//   98MIDXXXX   craft associated with a parent ship Annex 1 -> craft_associated
//               (tender, lifeboat, workboat)
//   99MIDXXXX   AIS aid to navigation (99MID1XXX    Annex 1 -> aid_to_navigation
//               physical, 99MID6XXX virtual)
//   970XXYYYY   AIS-SART (XX manufacturer,         Annex 2 -> sart
//               YYYY serial)
//   972XXYYYY   MOB (man overboard) device          Annex 2 -> mob
//   974XXYYYY   EPIRB-AIS                          Annex 2 -> epirb
//
// Everything else is `invalid`, with a reason (MmsiFault).

/// The kind of station an MMSI's digit pattern names.
enum class MmsiKind : std::uint8_t {
  ship,               ///< MIDXXXXXX with an allocated MID
  group,              ///< 0MIDXXXXX
  coast_station,      ///< 00MIDXXXX (AIS base stations, repeaters)
  sar_aircraft,       ///< 111MIDXXX
  craft_associated,   ///< 98MIDXXXX (tender or lifeboat of a parent ship)
  aid_to_navigation,  ///< 99MIDXXXX
  handheld,           ///< 8MIDXXXXX
  sart,               ///< 970XXYYYY
  mob,                ///< 972XXYYYY
  epirb,              ///< 974XXYYYY
  invalid,            ///< no ITU format, a default/test number, or a ship MMSI with an unallocated MID
};

inline constexpr std::size_t kMmsiKindCount = 11;

/// Why an MMSI is `invalid`; `none` for every other kind.
enum class MmsiFault : std::uint8_t {
  none,
  default_number,   ///< 0, 123456789, 987654321, 1193046 (= 0x123456, a factory default)
  repeated_digit,   ///< one digit nine times: 111111111 .. 999999999
  mid_then_zeros,   ///< MID000000, e.g. 412000000: a ship MID with no station number
  too_short,        ///< fewer than 9 digits that match no leading-zero format
                    ///< (000XXXXXX, 00 + MID first digit 0/1/8/9, 0 + 0/1/8/9)
  too_long,         ///< more than 9 digits (> 999999999; AIS carries 30 bits)
  unknown_format,   ///< 9 digits that match no format: 1XXXXXXXX other than 111MID,
                    ///< 8 + MID first digit 0/1/8/9, 9XXXXXXXX other than 98/99/970/972/974
  unallocated_mid,  ///< MIDXXXXXX whose MID is not in the MID table
};

inline constexpr std::size_t kMmsiFaultCount = 8;

/// What classify_mmsi found.
struct MmsiInfo {
  MmsiKind kind = MmsiKind::invalid;
  /// The MID (200..799) when the format carries one (ship, group, coast
  /// station, SAR aircraft, handheld, craft associated, aid to navigation,
  /// and an invalid ship number with an unallocated MID); 0 otherwise.
  std::uint16_t mid = 0;
  /// The MID is in the MID table.  Only `ship` requires it: a group, coast
  /// station, ... with an unallocated MID keeps its kind with this false.
  bool mid_allocated = false;
  MmsiFault fault = MmsiFault::none;  ///< set only when kind == invalid

  friend constexpr bool operator==(const MmsiInfo&, const MmsiInfo&) = default;
};

/// Classifies an MMSI by its digit pattern (ITU-R M.585-9, table above).
/// Default and test numbers are checked first, so 111111111 is
/// `repeated_digit`, not a SAR aircraft.
MmsiInfo classify_mmsi(std::uint32_t mmsi) noexcept;

/// Stable snake_case names, as in the enumerators.
constexpr std::string_view mmsi_kind_name(MmsiKind k) noexcept {
  constexpr std::array<std::string_view, kMmsiKindCount> names{
      "ship",     "group", "coast_station", "sar_aircraft", "craft_associated",
      "aid_to_navigation", "handheld",      "sart",         "mob",
      "epirb",    "invalid"};
  return names[static_cast<std::size_t>(k)];
}

constexpr std::string_view mmsi_fault_name(MmsiFault f) noexcept {
  constexpr std::array<std::string_view, kMmsiFaultCount> names{
      "none",      "default_number", "repeated_digit", "mid_then_zeros",
      "too_short", "too_long",       "unknown_format", "unallocated_mid"};
  return names[static_cast<std::size_t>(f)];
}

// ---- MID -> flag ----------------------------------------------------------------

/// The flag a MID is allocated to.  Views into a static table (valid for the
/// whole program).  Several MIDs share one country (Panama has 12); a few name
/// a territory: `subdivision` is then set, e.g. 204 = PT / "PT-20" / "Azores",
/// 303 = US / "US-AK" / "Alaska" (the source also puts territory codes such as
/// "TF" and "AC" there, which are not ISO 3166-2).
struct Flag {
  std::string_view alpha2;       ///< ISO 3166-1 alpha-2, "KR"
  std::string_view alpha3;       ///< ISO 3166-1 alpha-3, "KOR"
  std::string_view subdivision;  ///< "" for most MIDs
  std::string_view name;         ///< English name, "Korea"
};

/// The flag of an allocated MID; nullopt for a MID not in the table (the table
/// is the 2021 michaeljfazio/MIDs list: see data/identity/PROVENANCE.md).
/// Beware 440/441 = KR (Republic of Korea) but 445 = KP (DPRK).
std::optional<Flag> flag_of_mid(unsigned mid) noexcept;

/// Number of MIDs in the table (290 for the bundled data).
std::size_t mid_table_size() noexcept;

// ---- IMO numbers ------------------------------------------------------------------

/// True when `imo` is a 7-digit IMO *ship* number (1000000..9999999; 0 is not
/// an IMO) whose last digit equals the last digit of
/// d1*7 + d2*6 + d3*5 + d4*4 + d5*3 + d6*2 (IMO Res. A.1078(28)).
/// ANGARA 9179842: 63+6+35+36+24+8 = 172 -> 2.
///
/// IMO *company / registered owner* numbers (OFAC "Identification Number IMO
/// 6246853", UN "IMO Number: 5342883") are also 7 digits but carry no check
/// digit.  Never validate them with this function and never match one against
/// a ship IMO: keep them in a separate field.
constexpr bool imo_check_digit_ok(std::uint32_t imo) noexcept {
  if (imo < 1000000U || imo > 9999999U) return false;
  const std::uint32_t check = imo % 10U;
  std::uint32_t rest = imo / 10U;  // d1..d6, d6 last
  std::uint32_t sum = 0;
  for (std::uint32_t weight = 2; weight <= 7; ++weight) {
    sum += (rest % 10U) * weight;
    rest /= 10U;
  }
  return sum % 10U == check;
}

}  // namespace tidewatch
