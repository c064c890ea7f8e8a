#include "tidewatch/report/json_out.h"

namespace tidewatch::report {

JsonOut& JsonOut::str(std::string_view s) {
  // Up to 6 bytes per input byte; make sure there is room.
  buf_.advance_to(p_);
  buf_.reserve(s.size() * 6 + 2 + 4096);
  p_ = buf_.cursor();
  *p_++ = '"';
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7F) {
      if (c == '"' || c == '\\') *p_++ = '\\';
      *p_++ = c;
      continue;
    }
    *p_++ = '\\';
    switch (c) {
      case '\b': *p_++ = 'b'; break;
      case '\f': *p_++ = 'f'; break;
      case '\n': *p_++ = 'n'; break;
      case '\r': *p_++ = 'r'; break;
      case '\t': *p_++ = 't'; break;
      default: {
        constexpr char digits[] = "0123456789abcdef";
        *p_++ = 'u';
        *p_++ = '0';
        *p_++ = '0';
        *p_++ = digits[u >> 4];
        *p_++ = digits[u & 15];
      }
    }
  }
  *p_++ = '"';
  return *this;
}

}  // namespace tidewatch::report
