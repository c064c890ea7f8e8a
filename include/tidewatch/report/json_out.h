#pragma once
// Fast JSON object writing into an OutBuffer, formatted like C's printf so
// that output can match gpsd byte for byte: integers in decimal, fixed-point
// numbers as "%.Nf" (std::to_chars gives the same correctly rounded digits as
// glibc's printf), strings escaped as gpsd's json_stringify does (quote,
// backslash, and control or non-ASCII bytes as \b \f \n \r \t or \u00XX).

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "tidewatch/report/out_buffer.h"

namespace tidewatch::report {

class JsonOut {
 public:
  /// Starts writing; `room` bytes must be enough for everything written
  /// before finish() apart from strings, which reserve for themselves.
  explicit JsonOut(OutBuffer& buf, std::size_t room = 4096) : buf_(buf) {
    buf_.reserve(room);
    p_ = buf_.cursor();
  }
  JsonOut(const JsonOut&) = delete;
  JsonOut& operator=(const JsonOut&) = delete;
  ~JsonOut() { finish(); }

  void finish() noexcept { buf_.advance_to(p_); }

  /// Verbatim text (keys with their quotes and punctuation).
  JsonOut& raw(std::string_view s) noexcept {
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
    return *this;
  }
  JsonOut& ch(char c) noexcept {
    *p_++ = c;
    return *this;
  }
  JsonOut& u(std::uint64_t v) noexcept {
    p_ = std::to_chars(p_, p_ + 24, v).ptr;
    return *this;
  }
  JsonOut& i(std::int64_t v) noexcept {
    p_ = std::to_chars(p_, p_ + 24, v).ptr;
    return *this;
  }
  JsonOut& boolean(bool v) noexcept { return raw(v ? std::string_view("true") : "false"); }
  /// "%.Nf"
  JsonOut& fixed(double v, int decimals) noexcept {
    p_ = std::to_chars(p_, p_ + 64, v, std::chars_format::fixed, decimals).ptr;
    return *this;
  }
  /// A quoted, escaped string.
  JsonOut& str(std::string_view s);
  /// Lower-case hexadecimal of the bytes (gpsd_hexdump), unquoted.
  JsonOut& hex(const std::uint8_t* bytes, std::size_t n) noexcept {
    constexpr char digits[] = "0123456789abcdef";
    for (std::size_t k = 0; k < n; ++k) {
      *p_++ = digits[bytes[k] >> 4];
      *p_++ = digits[bytes[k] & 15];
    }
    return *this;
  }
  /// Zero-padded unsigned of at least `width` digits ("%02u").
  JsonOut& u_pad(std::uint64_t v, int width) noexcept {
    char tmp[24];
    char* e = std::to_chars(tmp, tmp + 24, v).ptr;
    for (auto n = e - tmp; n < width; ++n) *p_++ = '0';
    return raw(std::string_view(tmp, static_cast<std::size_t>(e - tmp)));
  }

 private:
  OutBuffer& buf_;
  char* p_;
};

}  // namespace tidewatch::report
