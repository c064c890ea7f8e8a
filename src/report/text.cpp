#include "tidewatch/report/text.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <stdexcept>

namespace tidewatch::report {

void put_u(std::string& s, std::uint64_t v) {
  char b[24];
  s.append(b, std::to_chars(b, b + sizeof b, v).ptr);
}

void put_e7(std::string& s, std::int64_t v) {
  if (v < 0) {
    s.push_back('-');
    v = -v;
  }
  const auto u = static_cast<std::uint64_t>(v);
  put_u(s, u / 10000000U);
  std::uint64_t frac = u % 10000000U;
  if (frac == 0) return;
  char d[7];
  for (int k = 6; k >= 0; --k) {
    d[k] = static_cast<char>('0' + frac % 10U);
    frac /= 10U;
  }
  int n = 7;
  while (n > 0 && d[n - 1] == '0') --n;
  s.push_back('.');
  s.append(d, static_cast<std::size_t>(n));
}

void put_deg(std::string& s, double v) {
  if (!std::isfinite(v)) {
    s.append("null");
    return;
  }
  put_e7(s, std::llround(v * 1e7));
}

void put_fixed(std::string& s, double v, int digits) {
  if (!std::isfinite(v)) {
    s.append("null");
    return;
  }
  if (v == 0) v = 0;  // no "-0.0"
  char b[64];
  s.append(b, std::to_chars(b, b + sizeof b, v, std::chars_format::fixed, digits).ptr);
}

std::string iso_seconds(UnixMillis t) {
  const UnixMillis sec = t >= 0 ? t / 1000 * 1000 : (t - 999) / 1000 * 1000;
  char b[kIso8601Max];
  return std::string(b, format_iso8601(sec, b));
}

void put_json_str(std::string& s, std::string_view v) {
  s.push_back('"');
  for (char c : v) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      s.push_back('\\');
      s.push_back(c);
    } else if (u < 0x20) {
      constexpr char hex[] = "0123456789abcdef";
      s.append("\\u00");
      s.push_back(hex[u >> 4]);
      s.push_back(hex[u & 15]);
    } else {
      s.push_back(c);
    }
  }
  s.push_back('"');
}

void put_csv(std::string& s, std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
    s.append(v);
    return;
  }
  s.push_back('"');
  for (char c : v) {
    if (c == '"') s.push_back('"');
    s.push_back(c);
  }
  s.push_back('"');
}

void write_text_file(const std::string& path, std::string_view text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) throw std::runtime_error("cannot create " + path);
  f.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!f) throw std::runtime_error("cannot write " + path);
}

}  // namespace tidewatch::report
