#include "tidewatch/core/ids.h"

#include <algorithm>
#include <iterator>

namespace tidewatch {
namespace {

struct MidEntry {
  std::uint16_t mid;
  Flag flag;
};

constexpr MidEntry kMidTable[] = {
#include "mid_table.inc"
};

constexpr bool mid_table_sorted() {
  for (std::size_t i = 1; i < std::size(kMidTable); ++i)
    if (kMidTable[i - 1].mid >= kMidTable[i].mid) return false;
  return true;
}
static_assert(mid_table_sorted(), "mid_table.inc must be sorted by MID, without duplicates");

const MidEntry* find_mid(unsigned mid) noexcept {
  const auto* it = std::lower_bound(std::begin(kMidTable), std::end(kMidTable), mid,
                                    [](const MidEntry& e, unsigned m) { return e.mid < m; });
  return it != std::end(kMidTable) && it->mid == mid ? it : nullptr;
}

/// A MID's first digit is 2..7 (ITU-R M.585-9 Annex 1 section 1).
constexpr bool mid_shaped(std::uint32_t mid) noexcept { return mid >= 200 && mid <= 799; }

MmsiInfo with_mid(MmsiKind kind, std::uint32_t mid) noexcept {
  return {kind, static_cast<std::uint16_t>(mid), find_mid(mid) != nullptr, MmsiFault::none};
}

constexpr MmsiInfo invalid(MmsiFault fault, std::uint32_t mid = 0, bool allocated = false) noexcept {
  return {MmsiKind::invalid, static_cast<std::uint16_t>(mid), allocated, fault};
}

constexpr bool one_repeated_digit(std::uint32_t mmsi) noexcept {
  // 111111111 * d for d = 1..9
  return mmsi % 111111111U == 0 && mmsi / 111111111U >= 1 && mmsi / 111111111U <= 9;
}

}  // namespace

MmsiInfo classify_mmsi(std::uint32_t mmsi) noexcept {
  // Default and test numbers first: they are never real identities.
  if (mmsi == 0 || mmsi == 123456789U || mmsi == 987654321U || mmsi == 1193046U)
    return invalid(MmsiFault::default_number);
  if (one_repeated_digit(mmsi)) return invalid(MmsiFault::repeated_digit);
  if (mmsi > 999999999U) return invalid(MmsiFault::too_long);

  // The nine digits d1..d9 (leading zeros included).
  const std::uint32_t d1 = mmsi / 100000000U;
  const std::uint32_t d12 = mmsi / 10000000U;
  const std::uint32_t d123 = mmsi / 1000000U;

  if (d1 >= 2 && d1 <= 7) {  // MIDXXXXXX: ship station
    const std::uint32_t mid = d123;
    const bool allocated = find_mid(mid) != nullptr;
    if (!allocated) return invalid(MmsiFault::unallocated_mid, mid, false);
    if (mmsi % 1000000U == 0) return invalid(MmsiFault::mid_then_zeros, mid, true);
    return {MmsiKind::ship, static_cast<std::uint16_t>(mid), true, MmsiFault::none};
  }
  if (d1 == 0) {
    if (mid_shaped(mmsi / 100000U)) return with_mid(MmsiKind::group, mmsi / 100000U);  // 0MIDXXXXX
    if (mid_shaped(mmsi / 10000U)) return with_mid(MmsiKind::coast_station, mmsi / 10000U);  // 00MIDXXXX
    return invalid(MmsiFault::too_short);
  }
  if (d1 == 1) {  // 111MIDXXX
    const std::uint32_t mid = (mmsi / 1000U) % 1000U;
    if (d123 == 111 && mid_shaped(mid)) return with_mid(MmsiKind::sar_aircraft, mid);
    return invalid(MmsiFault::unknown_format);
  }
  if (d1 == 8) {  // 8MIDXXXXX
    const std::uint32_t mid = (mmsi / 100000U) % 1000U;
    if (mid_shaped(mid)) return with_mid(MmsiKind::handheld, mid);
    return invalid(MmsiFault::unknown_format);
  }
  // d1 == 9
  const std::uint32_t mid = (mmsi / 10000U) % 1000U;
  if (d12 == 98 && mid_shaped(mid)) return with_mid(MmsiKind::craft_associated, mid);  // 98MIDXXXX
  if (d12 == 99 && mid_shaped(mid)) return with_mid(MmsiKind::aid_to_navigation, mid);  // 99MIDXXXX
  if (d123 == 970) return {MmsiKind::sart, 0, false, MmsiFault::none};   // 970XXYYYY
  if (d123 == 972) return {MmsiKind::mob, 0, false, MmsiFault::none};    // 972XXYYYY
  if (d123 == 974) return {MmsiKind::epirb, 0, false, MmsiFault::none};  // 974XXYYYY
  return invalid(MmsiFault::unknown_format);
}

std::optional<Flag> flag_of_mid(unsigned mid) noexcept {
  if (const MidEntry* e = find_mid(mid)) return e->flag;
  return std::nullopt;
}

std::size_t mid_table_size() noexcept { return std::size(kMidTable); }

}  // namespace tidewatch
