#include "tidewatch/ais/nmea.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace tidewatch::ais {
namespace {

constexpr int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

/// Unsigned decimal of 1..9 digits.
std::optional<std::uint32_t> parse_uint(std::string_view s) noexcept {
  if (s.empty() || s.size() > 9) return std::nullopt;
  std::uint32_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint32_t>(c - '0');
  }
  return v;
}

/// Splits off the text before `sep`; returns it and advances `s` past the separator.
std::string_view next_field(std::string_view& s, char sep) noexcept {
  const auto pos = s.find(sep);
  std::string_view field = s.substr(0, pos);
  s = pos == std::string_view::npos ? std::string_view{} : s.substr(pos + 1);
  return field;
}

/// Latest plausible receive time: 2100-01-01.  Earlier than 1980 is implausible too.
constexpr UnixMillis kLatestTime = 4102444800000LL;
constexpr UnixMillis kEarliestTime = 315532800000LL;

}  // namespace

std::uint8_t nmea_checksum(std::string_view text) noexcept {
  // XOR eight bytes at a time, then fold.
  std::uint64_t acc = 0;
  const char* p = text.data();
  std::size_t n = text.size();
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    acc ^= w;
    p += 8;
    n -= 8;
  }
  std::uint8_t x = 0;
  for (std::size_t i = 0; i < n; ++i) x ^= static_cast<std::uint8_t>(p[i]);
  acc ^= acc >> 32;
  acc ^= acc >> 16;
  acc ^= acc >> 8;
  return static_cast<std::uint8_t>(x ^ static_cast<std::uint8_t>(acc));
}

std::optional<std::uint8_t> parse_hex_byte(std::string_view two) noexcept {
  if (two.size() != 2) return std::nullopt;
  const int hi = hex_value(two[0]);
  const int lo = hex_value(two[1]);
  if (hi < 0 || lo < 0) return std::nullopt;
  return static_cast<std::uint8_t>(hi * 16 + lo);
}

std::optional<RejectReason> parse_tag_block(std::string_view body, TagBlock& out) noexcept {
  out = TagBlock{};
  out.present = true;
  const auto star = body.rfind('*');
  if (star == std::string_view::npos) return RejectReason::bad_tagblock;
  const std::string_view fields = body.substr(0, star);
  const auto expected = parse_hex_byte(body.substr(star + 1));
  if (!expected) {
    out.checksum_ok = false;
  } else {
    out.checksum_ok = *expected == nmea_checksum(fields);
    out.checksum_placeholder = !out.checksum_ok && *expected == 0;
  }
  if (fields.empty()) return RejectReason::bad_tagblock;
  std::string_view rest = fields;
  while (!rest.empty()) {
    const std::string_view field = next_field(rest, ',');
    if (field.size() < 2 || field[1] != ':') return RejectReason::bad_tagblock;
    const std::string_view value = field.substr(2);
    switch (field[0]) {
      case 'c': {
        const auto t = parse_unix_time(value);
        if (!t) return RejectReason::bad_tagblock;
        if (*t >= kEarliestTime && *t < kLatestTime) out.time = t;
        break;
      }
      case 's':
        out.station = value;
        break;
      case 't':
        out.text = value;
        break;
      case 'g': {
        std::string_view g = value;
        const auto sentence = parse_uint(next_field(g, '-'));
        const auto total = parse_uint(next_field(g, '-'));
        const auto id = parse_uint(g);
        if (!sentence || !total || !id || *sentence < 1 || *total < 1 || *total > 99 ||
            *sentence > *total)
          return RejectReason::bad_tagblock;
        out.group = TagGroup{static_cast<std::uint16_t>(*sentence),
                             static_cast<std::uint16_t>(*total), *id};
        break;
      }
      default:  // d: destination, n: line count, r: relative time, and provider fields
        break;
    }
  }
  return std::nullopt;
}

SentenceKind classify_sentence(std::string_view text) noexcept {
  // "!ccVDM," / "!ccVDO," (talker any two characters)
  if (text.size() >= 7 && text[0] == '!' && text[3] == 'V' && text[4] == 'D' &&
      (text[5] == 'M' || text[5] == 'O') && text[6] == ',')
    return SentenceKind::ais;
  if (text.size() >= 6 && text.substr(0, 6) == "$PGHP,") return SentenceKind::gatehouse;
  return SentenceKind::other;
}

namespace {

/// Character classes for the one-pass sentence scanner: 0 ordinary, 1 field
/// separator, 2 end of the sentence ('*' checksum, or the start of a tag
/// block or another sentence when the checksum is missing).
struct ScanTable {
  std::array<std::uint8_t, 256> cls{};
  constexpr ScanTable() {
    cls[static_cast<unsigned char>(',')] = 1;
    cls[static_cast<unsigned char>('*')] = 2;
    cls[static_cast<unsigned char>('\\')] = 2;
    cls[static_cast<unsigned char>('!')] = 2;
    cls[static_cast<unsigned char>('$')] = 2;
  }
};
constexpr ScanTable kScan;

}  // namespace

std::optional<RejectReason> parse_vdm(std::string_view text, Sentence& out,
                                      std::size_t& used) noexcept {
  // "!AIVDM,1,1,,A,payload,0*5C": one pass computes the checksum and finds
  // the commas and the end.
  const char* const b = text.data();
  const std::size_t n = text.size();
  unsigned x = 0;
  for (std::size_t k = 1; k < 7 && k < n; ++k) x ^= static_cast<unsigned char>(b[k]);
  std::array<std::size_t, 6> comma{};
  std::size_t ncomma = 0;
  std::size_t i = 7;
  std::uint64_t acc = 0;  // XOR of the payload words skipped eight at a time
  for (; i < n; ++i) {
    if (ncomma == 4) {
      // Inside the payload: armour characters are 48..119, and no delimiter
      // is (',' '*' '!' '$' are below 48; '\\' is 92), so skip whole words
      // that hold none (SWAR "has a byte < 48" and "has a byte == 92").
      constexpr std::uint64_t ones = 0x0101010101010101ULL;
      constexpr std::uint64_t highs = 0x8080808080808080ULL;
      while (i + 8 <= n) {
        std::uint64_t w;
        std::memcpy(&w, b + i, 8);
        const std::uint64_t below48 = (w - ones * 48) & ~w & highs;
        const std::uint64_t bs = w ^ (ones * 92);
        const std::uint64_t backslash = (bs - ones) & ~bs & highs;
        if ((below48 | backslash) != 0) break;
        acc ^= w;
        i += 8;
      }
      if (i >= n) break;
    }
    const auto c = static_cast<unsigned char>(b[i]);
    const std::uint8_t k = kScan.cls[c];
    if (k == 2) break;
    x ^= c;
    if (k == 1) {
      if (ncomma < comma.size()) comma[ncomma] = i;
      ++ncomma;
    }
  }
  acc ^= acc >> 32;
  acc ^= acc >> 16;
  acc ^= acc >> 8;
  x ^= static_cast<unsigned>(acc & 0xFFU);
  if (i < n && b[i] == '*') {
    used = std::min(i + 3, n);
    const auto expected = parse_hex_byte(text.substr(i + 1, 2));
    out.checksum_missing = false;
    out.checksum_ok = expected && *expected == x;
  } else {
    used = i;
    out.checksum_missing = true;
    out.checksum_ok = false;
  }
  out.talker = text.substr(1, 2);
  out.own_ship = n > 5 && b[5] == 'O';
  // fields: count, number, sequence, channel, payload, fill (then extras)
  if (ncomma < 5) return RejectReason::bad_framing;
  const std::size_t fill_end = ncomma > 5 ? comma[5] : i;
  out.extra_fields = ncomma > 5;
  const auto field = [&](std::size_t from, std::size_t to) {
    return std::string_view(b + from, to - from);
  };
  const std::string_view count = field(7, comma[0]);
  const std::string_view number = field(comma[0] + 1, comma[1]);
  const std::string_view seq = field(comma[1] + 1, comma[2]);
  const std::string_view channel = field(comma[2] + 1, comma[3]);
  out.payload = field(comma[3] + 1, comma[4]);
  const std::string_view fill = field(comma[4] + 1, fill_end);

  if (count.size() != 1 || number.size() != 1) return RejectReason::bad_framing;
  out.fragment_count = static_cast<std::uint8_t>(count[0] - '0');
  out.fragment_number = static_cast<std::uint8_t>(number[0] - '0');
  if (out.fragment_count < 1 || out.fragment_count > 9 || out.fragment_number < 1 ||
      out.fragment_number > out.fragment_count)
    return RejectReason::bad_framing;
  if (seq.empty()) {
    out.sequence_id = -1;
  } else {
    const auto v = parse_uint(seq);
    if (!v || *v > 99) return RejectReason::bad_framing;
    out.sequence_id = static_cast<std::int16_t>(*v);
  }
  if (channel.size() > 1) return RejectReason::bad_framing;
  out.channel = channel.empty() ? '\0' : channel[0];
  if (fill.empty()) {
    out.fill_bits = 0;
  } else if (fill.size() == 1 && fill[0] >= '0' && fill[0] <= '5') {
    out.fill_bits = static_cast<std::uint8_t>(fill[0] - '0');
  } else {
    return RejectReason::bad_framing;
  }
  return std::nullopt;
}

std::optional<RejectReason> parse_vdm(std::string_view text, Sentence& out) noexcept {
  std::size_t used = 0;
  return parse_vdm(text, out, used);
}

std::optional<RejectReason> parse_gatehouse(std::string_view text, GatehouseStamp& out) noexcept {
  // $PGHP,1,yyyy,m,d,h,mi,s,ms,country,region,pss_mmsi,online,cc*hh
  out = GatehouseStamp{};
  const auto star = text.find('*');
  if (star == std::string_view::npos) return RejectReason::missing_checksum;
  const auto expected = parse_hex_byte(text.substr(star + 1, 2));
  if (!expected || *expected != nmea_checksum(text.substr(1, star - 1)))
    return RejectReason::bad_checksum;
  // Fields after "$PGHP,": the message type, then seven numbers of the time.
  const char* p = text.data() + 6;
  const char* const stop = text.data() + star;
  const auto field_end = [&](const char* q) {
    while (q < stop && *q != ',') ++q;
    return q;
  };
  const char* e = field_end(p);
  if (std::string_view(p, static_cast<std::size_t>(e - p)) != "1") return std::nullopt;
  int v[7];
  for (int& x : v) {
    if (e >= stop) return RejectReason::bad_framing;
    p = e + 1;
    std::uint32_t u = 0;
    const char* q = p;
    while (q < stop && *q >= '0' && *q <= '9' && q - p < 9) u = u * 10 + static_cast<std::uint32_t>(*q++ - '0');
    if (q == p || (q < stop && *q != ',')) return RejectReason::bad_framing;
    e = q;
    x = static_cast<int>(u);
  }
  out.time = utc_millis(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
  if (!out.time) return RejectReason::bad_framing;
  // then country, region, and the receiving station's MMSI
  int k = 0;
  for (; k < 3 && e < stop; ++k) {
    p = e + 1;
    e = field_end(p);
  }
  if (k == 3) out.station = std::string_view(p, static_cast<std::size_t>(e - p));
  return std::nullopt;
}

TrailingFields parse_trailing_fields(std::string_view s) noexcept {
  TrailingFields out;
  while (!s.empty()) {
    const std::string_view f = next_field(s, ',');
    if (f.empty()) continue;
    if (!out.time && f.size() == 10 && f.find_first_not_of("0123456789") == std::string_view::npos) {
      const auto t = parse_unix_time(f);
      if (t && *t >= kEarliestTime && *t < kLatestTime) out.time = t;
    } else if (out.station.empty() && f[0] == 'r' && f.size() > 1) {
      out.station = f;
    }
  }
  return out;
}

}  // namespace tidewatch::ais
