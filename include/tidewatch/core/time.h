#pragma once
// UTC time as the data carries it.  tidewatch never reads the wall clock inside
// a stage: every instant comes from the input (tag block `c:`, `$PGHP`, a
// receiver's trailing Unix time, a provider's timestamp column).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace tidewatch {

/// Milliseconds since 1970-01-01T00:00:00Z (Unix time; leap seconds are not
/// counted, as in every AIS feed).  Range used in practice: 1970..2100.
using UnixMillis = std::int64_t;

/// Days since 1970-01-01 of the proleptic Gregorian date y-m-d
/// (m in 1..12, d in 1..31).  Howard Hinnant's `days_from_civil`.
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

/// The instant of a UTC calendar date and time; nullopt when a field is out of
/// range (month 1..12, day 1..31, hour 0..23, minute 0..59, second 0..60,
/// millisecond 0..999).
std::optional<UnixMillis> utc_millis(int year, int month, int day, int hour, int minute,
                                     int second, int millisecond = 0) noexcept;

/// Longest text `format_iso8601` writes: "-292277022657-01-27T08:29:52.808Z" is
/// impossible in practice; 32 bytes are always enough.
inline constexpr std::size_t kIso8601Max = 32;

/// Writes `t` as ISO 8601 UTC, "YYYY-MM-DDTHH:MM:SSZ", with ".mmm" before the Z
/// when the milliseconds are not zero.  Returns the number of chars written.
std::size_t format_iso8601(UnixMillis t, char* out) noexcept;

/// Reads an NMEA 4.0 tag-block `c:` value: Unix seconds, or milliseconds when
/// the number has 13 or more digits (some SDR receivers write milliseconds).
std::optional<UnixMillis> parse_unix_time(std::string_view digits) noexcept;

}  // namespace tidewatch
