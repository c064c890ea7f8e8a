#include "fields.h"

#include <array>
#include <charconv>
#include <cmath>

#include "tidewatch/report/gpsd_json.h"

namespace tidewatch::ingest {

namespace {
std::uint64_t fnv1a(std::uint64_t h, std::string_view s) noexcept {
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  h ^= 0xFF;  // field separator
  h *= 1099511628211ULL;
  return h;
}
}  // namespace

bool StaticDeduper::emit(std::uint32_t mmsi, const StaticInfo& info, UnixMillis time) {
  if (info.name.empty() && info.callsign.empty() && !info.imo && !info.shiptype && !info.draught &&
      info.destination.empty())
    return false;
  std::uint64_t h = 14695981039346656037ULL;
  h = fnv1a(h, info.name.view());
  h = fnv1a(h, info.callsign.view());
  h = fnv1a(h, info.destination.view());
  // Numbers hashed as fixed-width bytes (no allocation); n/a differs from 0.
  std::array<char, 16> num{};
  const std::uint32_t imo = info.imo.value_or(0);
  for (std::size_t k = 0; k < 4; ++k) num[k] = static_cast<char>((imo >> (8 * k)) & 0xFFU);
  num[4] = info.imo ? '\1' : '\0';
  num[5] = static_cast<char>(info.shiptype.value_or(0));
  num[6] = info.shiptype ? '\1' : '\0';
  num[7] = static_cast<char>(info.draught.value_or(0));
  num[8] = info.draught ? '\1' : '\0';
  const auto& d = info.dimensions;
  num[9] = static_cast<char>(d.to_bow & 0xFFU);
  num[10] = static_cast<char>(d.to_bow >> 8);
  num[11] = static_cast<char>(d.to_stern & 0xFFU);
  num[12] = static_cast<char>(d.to_stern >> 8);
  num[13] = static_cast<char>(d.to_port);
  num[14] = static_cast<char>(d.to_starboard);
  h = fnv1a(h, std::string_view(num.data(), 15));
  auto [it, inserted] = last_.try_emplace(mmsi, Last{h, time});
  if (inserted) return true;
  const UnixMillis since = time >= it->second.time ? time - it->second.time : it->second.time - time;
  if (it->second.hash == h && since < repeat_ms_) return false;
  it->second = Last{h, time};
  return true;
}

}  // namespace tidewatch::ingest

namespace tidewatch::ingest::detail {

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool not_available(std::string_view s) noexcept {
  s = trim(s);
  return s.empty() || iequals(s, "unknown") || iequals(s, "undefined") ||
         iequals(s, "unknown value") || iequals(s, "n/a") || iequals(s, "na") ||
         iequals(s, "nan") || iequals(s, "null") || iequals(s, "none");
}

Parse parse_double(std::string_view s, double& out) noexcept {
  s = trim(s);
  if (not_available(s)) return Parse::na;
  if (s.size() > 63) return Parse::bad;
  std::array<char, 64> buf{};
  std::size_t n = 0;
  std::size_t begin = 0;
  if (s.front() == '+') begin = 1;
  for (std::size_t i = begin; i < s.size(); ++i) buf[n++] = s[i] == ',' ? '.' : s[i];
  if (n == 0) return Parse::bad;
  const auto [p, ec] = std::from_chars(buf.data(), buf.data() + n, out);
  if (ec != std::errc{} || p != buf.data() + n || !std::isfinite(out)) return Parse::bad;
  return Parse::ok;
}

Parse parse_uint(std::string_view s, std::uint64_t& out) noexcept {
  s = trim(s);
  if (not_available(s)) return Parse::na;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc{} || p != s.data() + s.size()) return Parse::bad;
  return Parse::ok;
}

namespace {
Parse parse_degrees(std::string_view s, std::int32_t& e7, double limit) noexcept {
  double v = 0;
  const Parse p = parse_double(s, v);
  if (p != Parse::ok) return p;
  if (v == limit + 1) return Parse::na;  // 91 / 181
  if (v < -limit || v > limit) return Parse::bad;
  e7 = static_cast<std::int32_t>(std::llround(v * 1e7));
  return Parse::ok;
}
}  // namespace

Parse parse_lat(std::string_view s, std::int32_t& e7) noexcept { return parse_degrees(s, e7, 90); }
Parse parse_lon(std::string_view s, std::int32_t& e7) noexcept { return parse_degrees(s, e7, 180); }

namespace {
/// A non-negative decimal in tenths; `na_from` tenths and above mean "not available".
Parse parse_tenths(std::string_view s, long long na_from, std::optional<std::uint16_t>& out) noexcept {
  out.reset();
  double v = 0;
  const Parse p = parse_double(s, v);
  if (p != Parse::ok) return p;
  if (v < 0) return Parse::bad;
  const long long t = std::llround(v * 10);
  if (t >= na_from) return Parse::na;
  out = static_cast<std::uint16_t>(t);
  return Parse::ok;
}
}  // namespace

Parse parse_sog(std::string_view s, std::optional<std::uint16_t>& out) noexcept {
  return parse_tenths(s, 1023, out);  // 102.3 kn = not available
}

Parse parse_cog(std::string_view s, std::optional<std::uint16_t>& out) noexcept {
  return parse_tenths(s, 3600, out);  // 360 deg = not available
}

Parse parse_heading(std::string_view s, std::optional<std::uint16_t>& out) noexcept {
  out.reset();
  double v = 0;
  const Parse p = parse_double(s, v);
  if (p != Parse::ok) return p;
  if (v < 0) return Parse::bad;
  const long long t = std::llround(v);
  if (t >= 360) return Parse::na;  // 511 and anything out of range
  out = static_cast<std::uint16_t>(t);
  return Parse::ok;
}

Parse parse_draught(std::string_view s, std::optional<std::uint8_t>& out) noexcept {
  out.reset();
  double v = 0;
  const Parse p = parse_double(s, v);
  if (p != Parse::ok) return p;
  if (v < 0) return Parse::bad;
  const long long t = std::llround(v * 10);
  if (t == 0) return Parse::na;
  out = static_cast<std::uint8_t>(t > 255 ? 255 : t);
  return Parse::ok;
}

namespace {
/// Reads exactly `n` digits at s[i].
bool digits(std::string_view s, std::size_t& i, std::size_t n, int& out) noexcept {
  if (i + n > s.size()) return false;
  int v = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const char c = s[i + k];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  i += n;
  out = v;
  return true;
}
/// Reads 1..max digits at s[i].
bool some_digits(std::string_view s, std::size_t& i, std::size_t max, int& out) noexcept {
  std::size_t k = 0;
  int v = 0;
  while (k < max && i + k < s.size() && s[i + k] >= '0' && s[i + k] <= '9') {
    v = v * 10 + (s[i + k] - '0');
    ++k;
  }
  if (k == 0) return false;
  i += k;
  out = v;
  return true;
}
bool lit(std::string_view s, std::size_t& i, char c) noexcept {
  if (i < s.size() && s[i] == c) {
    ++i;
    return true;
  }
  return false;
}
/// ".fff..." -> milliseconds (truncated).
int fraction_ms(std::string_view s, std::size_t& i) noexcept {
  int ms = 0, k = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    if (k < 3) ms = ms * 10 + (s[i] - '0');
    ++k;
    ++i;
  }
  for (; k < 3; ++k) ms *= 10;
  return ms;
}
}  // namespace

std::optional<UnixMillis> parse_iso8601(std::string_view s) noexcept {
  s = trim(s);
  std::size_t i = 0;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, ms = 0;
  if (!digits(s, i, 4, y) || !lit(s, i, '-') || !digits(s, i, 2, mo) || !lit(s, i, '-') ||
      !digits(s, i, 2, d))
    return std::nullopt;
  if (!(lit(s, i, 'T') || lit(s, i, ' '))) return std::nullopt;
  if (!digits(s, i, 2, h) || !lit(s, i, ':') || !digits(s, i, 2, mi)) return std::nullopt;
  if (lit(s, i, ':')) {
    if (!digits(s, i, 2, sec)) return std::nullopt;
    if (lit(s, i, '.')) {
      if (i >= s.size() || s[i] < '0' || s[i] > '9') return std::nullopt;
      ms = fraction_ms(s, i);
    }
  }
  std::int64_t offset_min = 0;
  if (i < s.size()) {
    if (s[i] == 'Z' || s[i] == 'z') {
      ++i;
    } else if (s[i] == '+' || s[i] == '-') {
      const int sign = s[i] == '-' ? -1 : 1;
      ++i;
      int oh = 0, om = 0;
      if (!digits(s, i, 2, oh)) return std::nullopt;
      lit(s, i, ':');
      if (i < s.size() && !digits(s, i, 2, om)) return std::nullopt;
      offset_min = sign * (oh * 60 + om);
    }
  }
  if (i != s.size()) return std::nullopt;
  auto t = utc_millis(y, mo, d, h, mi, sec, ms);
  if (!t) return std::nullopt;
  return *t - offset_min * 60000;
}

std::optional<UnixMillis> parse_dmy(std::string_view s) noexcept {
  return parse_pattern(s, "%d/%m/%Y %H:%M:%S");
}

std::optional<UnixMillis> parse_pattern(std::string_view s, std::string_view pattern) noexcept {
  s = trim(s);
  std::size_t i = 0;
  int y = 1970, mo = 1, d = 1, h = 0, mi = 0, sec = 0, ms = 0;
  for (std::size_t p = 0; p < pattern.size(); ++p) {
    const char c = pattern[p];
    if (c != '%' || p + 1 == pattern.size()) {
      if (!lit(s, i, c)) return std::nullopt;
      continue;
    }
    const char spec = pattern[++p];
    bool ok = true;
    switch (spec) {
      case 'Y': ok = some_digits(s, i, 4, y); break;
      case 'm': ok = some_digits(s, i, 2, mo); break;
      case 'd': ok = some_digits(s, i, 2, d); break;
      case 'H': ok = some_digits(s, i, 2, h); break;
      case 'M': ok = some_digits(s, i, 2, mi); break;
      case 'S': ok = some_digits(s, i, 2, sec); break;
      case 'f':
        if (i >= s.size() || s[i] < '0' || s[i] > '9') return std::nullopt;
        ms = fraction_ms(s, i);
        break;
      case '%': ok = lit(s, i, '%'); break;
      default: return std::nullopt;
    }
    if (!ok) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  return utc_millis(y, mo, d, h, mi, sec, ms);
}

std::optional<std::uint8_t> nav_status_from_text(std::string_view s) noexcept {
  s = trim(s);
  if (s.empty()) return std::nullopt;
  for (unsigned k = 0; k < 15; ++k) {  // 15 = "Not defined" -> n/a
    if (iequals(s, report::navigation_status_text(k))) {
      if (k >= 9 && k <= 14 && iequals(s, "Reserved")) return std::nullopt;
      return static_cast<std::uint8_t>(k);
    }
  }
  if (iequals(s, "Restricted maneuverability") || iequals(s, "Restricted manoeuvrability"))
    return 3;
  if (iequals(s, "Reserved for future amendment [HSC]")) return 9;
  if (iequals(s, "Reserved for future amendment [WIG]")) return 10;
  if (iequals(s, "Power-driven vessel towing astern")) return 11;
  if (iequals(s, "Power-driven vessel pushing ahead or towing alongside")) return 12;
  if (iequals(s, "AIS-SART") || iequals(s, "AIS-SART (active)")) return 14;
  return std::nullopt;
}

}  // namespace tidewatch::ingest::detail
