#include "tidewatch/core/time.h"

#include <charconv>

namespace tidewatch {

std::optional<UnixMillis> utc_millis(int year, int month, int day, int hour, int minute,
                                     int second, int millisecond) noexcept {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 ||
      minute > 59 || second < 0 || second > 60 || millisecond < 0 || millisecond > 999)
    return std::nullopt;
  const std::int64_t days =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return ((days * 24 + hour) * 60 + minute) * 60000 + std::int64_t{second} * 1000 + millisecond;
}

namespace {
char* put2(char* p, unsigned v) {
  p[0] = static_cast<char>('0' + v / 10);
  p[1] = static_cast<char>('0' + v % 10);
  return p + 2;
}
}  // namespace

std::size_t format_iso8601(UnixMillis t, char* out) noexcept {
  std::int64_t days = t / 86400000;
  std::int64_t ms_of_day = t % 86400000;
  if (ms_of_day < 0) {
    ms_of_day += 86400000;
    --days;
  }
  // Hinnant's civil_from_days.
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);

  char* p = out;
  if (y >= 0 && y <= 9999) {
    const auto yy = static_cast<unsigned>(y);
    p = put2(p, yy / 100);
    p = put2(p, yy % 100);
  } else {
    p = std::to_chars(p, p + 16, y).ptr;
  }
  *p++ = '-';
  p = put2(p, m);
  *p++ = '-';
  p = put2(p, d);
  *p++ = 'T';
  const auto secs = static_cast<unsigned>(ms_of_day / 1000);
  p = put2(p, secs / 3600);
  *p++ = ':';
  p = put2(p, secs / 60 % 60);
  *p++ = ':';
  p = put2(p, secs % 60);
  const auto ms = static_cast<unsigned>(ms_of_day % 1000);
  if (ms != 0) {
    *p++ = '.';
    *p++ = static_cast<char>('0' + ms / 100);
    p = put2(p, ms % 100);
  }
  *p++ = 'Z';
  return static_cast<std::size_t>(p - out);
}

std::optional<UnixMillis> parse_unix_time(std::string_view digits) noexcept {
  if (digits.empty() || digits.size() > 16) return std::nullopt;
  std::int64_t v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return digits.size() >= 13 ? v : v * 1000;
}

}  // namespace tidewatch
