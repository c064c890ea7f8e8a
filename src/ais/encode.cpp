#include "tidewatch/ais/encode.h"

#include <charconv>
#include <cstring>

#include "tidewatch/ais/nmea.h"
#include "mmsi_util.h"

namespace tidewatch::ais {
namespace {

/// Writes fields MSB first into a zeroed byte array; remembers the first
/// value that did not fit or text that is not six-bit.
class BitWriter {
 public:
  BitWriter() = default;

  /// `len` (1..32) bits of `value` at bit `at`: one unaligned 64-bit
  /// big-endian read-or-write, as BitView reads.
  void put(std::uint64_t value, unsigned len, std::size_t at) noexcept {
    if ((value >> len) != 0) {
      error_ = EncodeError::out_of_range;
      value &= (std::uint64_t{1} << len) - 1;
    }
    std::uint64_t w;
    std::memcpy(&w, bytes_.data() + at / 8, 8);
    w = __builtin_bswap64(w) | (value << (64 - len - at % 8));
    w = __builtin_bswap64(w);
    std::memcpy(bytes_.data() + at / 8, &w, 8);
  }
  void put_signed(std::int64_t value, unsigned len, std::size_t at) noexcept {
    const std::int64_t lo = -(std::int64_t{1} << (len - 1));
    const std::int64_t hi = (std::int64_t{1} << (len - 1)) - 1;
    if (value < lo || value > hi) error_ = EncodeError::out_of_range;
    put(static_cast<std::uint64_t>(value) & ((std::uint64_t{1} << len) - 1), len, at);
  }
  void flag(bool b, std::size_t at) noexcept { put(b ? 1U : 0U, 1, at); }
  /// Sets `len` bits from `at` to zero.
  void clear(std::size_t at, std::size_t len) noexcept {
    for (std::size_t pos = at; pos < at + len; ++pos)
      bytes_[pos / 8] = static_cast<std::uint8_t>(bytes_[pos / 8] & ~(0x80U >> (pos % 8)));
  }

  /// An optional field: the sentinel when empty; a held value equal to the
  /// sentinel would decode as "not available", so it is out of range.
  template <typename T>
  void opt(const std::optional<T>& v, std::uint64_t sentinel, unsigned len, std::size_t at) noexcept {
    if (!v) {
      put(sentinel, len, at);
      return;
    }
    if (*v < 0 || static_cast<std::uint64_t>(*v) == sentinel) error_ = EncodeError::out_of_range;
    put(static_cast<std::uint64_t>(*v), len, at);
  }
  template <typename T>
  void opt_signed(const std::optional<T>& v, std::int64_t sentinel, unsigned len,
                  std::size_t at) noexcept {
    if (!v) {
      put_signed(sentinel, len, at);
      return;
    }
    if (static_cast<std::int64_t>(*v) == sentinel) error_ = EncodeError::out_of_range;
    put_signed(*v, len, at);
  }

  /// `chars` six-bit characters, padded with '@' (0).
  void text(std::string_view s, std::size_t chars, std::size_t at) noexcept {
    if (s.size() > chars) {
      error_ = EncodeError::out_of_range;
      s = s.substr(0, chars);
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      unsigned v = 0;
      if (c >= 64 && c <= 95) {
        v = c - 64U;
      } else if (c >= 32 && c <= 63) {
        v = c;
      } else {
        error_ = EncodeError::bad_text;
      }
      put(v, 6, at + 6 * i);
    }
  }

  [[nodiscard]] const std::uint8_t* bytes() const noexcept { return bytes_.data(); }
  [[nodiscard]] std::optional<EncodeError> error() const noexcept { return error_; }

 private:
  std::array<std::uint8_t, kMaxPayloadBits / 8 + 8> bytes_{};
  std::optional<EncodeError> error_;
};

void header(BitWriter& w, const Message& m) noexcept {
  w.put(m.type, 6, 0);
  w.put(m.repeat, 2, 6);
  w.put(m.mmsi, 30, 8);
}

void put_dimensions(BitWriter& w, const Dimensions& d, std::size_t at) noexcept {
  w.put(d.to_bow, 9, at);
  w.put(d.to_stern, 9, at + 9);
  w.put(d.to_port, 6, at + 18);
  w.put(d.to_starboard, 6, at + 24);
}

void position_a(BitWriter& w, const PositionReportA& r, std::size_t total_bits) noexcept {
  w.put(r.status, 4, 38);
  w.opt_signed(r.turn, kTurnNotAvailable, 8, 42);
  w.opt(r.speed, kSpeedNotAvailable, 10, 50);
  w.flag(r.accuracy, 60);
  w.opt_signed(r.lon, kLonNotAvailable, 28, 61);
  w.opt_signed(r.lat, kLatNotAvailable, 27, 89);
  w.opt(r.course, kCourseNotAvailable, 12, 116);
  w.opt(r.heading, kHeadingNotAvailable, 9, 128);
  w.opt(r.second, kSecondNotAvailable, 6, 137);
  w.put(r.maneuver, 2, 143);
  w.flag(r.raim, 148);
  // A 163..167-bit report carries only the radio field's top bits; the
  // decoder reads what there is, so that is what is written.
  if (total_bits >= 168) {
    w.put(r.radio, 19, 149);
  } else {
    w.put(r.radio, static_cast<unsigned>(total_bits - 149), 149);
  }
}

void static_voyage(BitWriter& w, const StaticAndVoyage& r) noexcept {
  w.put(r.ais_version, 2, 38);
  w.opt(r.imo, 0, 30, 40);
  w.text(r.callsign.view(), 7, 70);
  w.text(r.shipname.view(), 20, 112);
  w.put(r.shiptype, 8, 232);
  put_dimensions(w, r.dimensions, 240);
  w.put(r.epfd, 4, 270);
  w.opt(r.eta.month, 0, 4, 274);
  w.opt(r.eta.day, 0, 5, 278);
  w.opt(r.eta.hour, 24, 5, 283);
  w.opt(r.eta.minute, 60, 6, 288);
  w.opt(r.draught, 0, 8, 294);
  w.text(r.destination.view(), 20, 302);
  w.put(r.dte, 1, 422);
}

void position_b(BitWriter& w, const PositionReportB& r) noexcept {
  w.put(r.reserved, 8, 38);
  w.opt(r.speed, kSpeedNotAvailable, 10, 46);
  w.flag(r.accuracy, 56);
  w.opt_signed(r.lon, kLonNotAvailable, 28, 57);
  w.opt_signed(r.lat, kLatNotAvailable, 27, 85);
  w.opt(r.course, kCourseNotAvailable, 12, 112);
  w.opt(r.heading, kHeadingNotAvailable, 9, 124);
  w.opt(r.second, kSecondNotAvailable, 6, 133);
  w.put(r.regional, 2, 139);
  w.flag(r.cs, 141);
  w.flag(r.display, 142);
  w.flag(r.dsc, 143);
  w.flag(r.band, 144);
  w.flag(r.msg22, 145);
  w.flag(r.assigned, 146);
  w.flag(r.raim, 147);
  w.put(r.radio, 20, 148);
}

void static_data_b(BitWriter& w, const StaticDataReport& r, std::uint32_t mmsi) noexcept {
  w.put(1, 2, 38);
  w.put(r.shiptype, 8, 40);
  // The vendor id is 7 characters in ITU-R M.1371-3; since -4 only the first
  // 3 are the manufacturer and the last 24 bits are the unit model (4) and
  // serial number (20).  The decoder reports both views of those bits, so
  // the characters go first and model and serial, which agree with them in
  // a decoded record, are written over their bits.
  w.text(r.vendorid.view(), 7, 48);
  w.clear(66, 24);
  w.put(r.model, 4, 66);
  w.put(r.serial, 20, 70);
  w.text(r.callsign.view(), 7, 90);
  if (is_auxiliary_mmsi(mmsi)) {
    w.put(r.mothership_mmsi, 30, 132);
  } else {
    put_dimensions(w, r.dimensions, 132);
  }
}

struct Layout {
  std::size_t standard = 0;
  std::size_t min = 0;
  std::size_t max = kMaxPayloadBits;
};

}  // namespace

std::string_view encode_error_name(EncodeError e) noexcept {
  switch (e) {
    case EncodeError::unsupported_type: return "unsupported_type";
    case EncodeError::body_mismatch: return "body_mismatch";
    case EncodeError::out_of_range: return "out_of_range";
    case EncodeError::bad_text: return "bad_text";
    case EncodeError::bad_length: return "bad_length";
  }
  return "unknown";
}

void armor(const std::uint8_t* bytes, std::size_t bits, Payload& out) noexcept {
  if (bits > kMaxPayloadBits) bits = kMaxPayloadBits;
  // A private copy with the bits after the end cleared (fill bits are zero)
  // and room to convert three bytes into four characters at a time.
  std::array<std::uint8_t, kMaxPayloadBits / 8 + 8> b{};
  const std::size_t nbytes = (bits + 7) / 8;
  std::memcpy(b.data(), bytes, nbytes);
  if (bits % 8 != 0) b[nbytes - 1] = static_cast<std::uint8_t>(b[nbytes - 1] & (0xFF00U >> (bits % 8)));
  const std::size_t chars = (bits + 5) / 6;
  constexpr auto armour = [](unsigned v) { return static_cast<char>(v < 40 ? v + 48 : v + 56); };
  for (std::size_t i = 0, j = 0; i < chars; i += 4, j += 3) {
    const std::uint32_t w = (std::uint32_t{b[j]} << 16) | (std::uint32_t{b[j + 1]} << 8) | b[j + 2];
    out.chars[i] = armour(w >> 18);
    out.chars[i + 1] = armour((w >> 12) & 63U);
    out.chars[i + 2] = armour((w >> 6) & 63U);
    out.chars[i + 3] = armour(w & 63U);
  }
  out.size = chars;
  out.fill_bits = static_cast<std::uint8_t>(chars * 6 - bits);
  out.bits = bits;
}

std::optional<EncodeError> encode_payload(const Message& m, Payload& out,
                                          const EncodeOptions& options) noexcept {
  BitWriter w;
  Layout layout;
  std::size_t total = 0;
  const auto length = [&](Layout l) -> bool {
    layout = l;
    total = options.total_bits == 0 ? l.standard : options.total_bits;
    return total >= l.min && total <= l.max;
  };
  switch (m.type) {
    case 1:
    case 2:
    case 3: {
      const auto* r = std::get_if<PositionReportA>(&m.body);
      if (r == nullptr) return EncodeError::body_mismatch;
      if (!length({168, 163})) return EncodeError::bad_length;
      header(w, m);
      position_a(w, *r, total);
      break;
    }
    case 5: {
      const auto* r = std::get_if<StaticAndVoyage>(&m.body);
      if (r == nullptr) return EncodeError::body_mismatch;
      if (!length({424, 420})) return EncodeError::bad_length;
      header(w, m);
      static_voyage(w, *r);
      break;
    }
    case 18: {
      const auto* r = std::get_if<PositionReportB>(&m.body);
      if (r == nullptr) return EncodeError::body_mismatch;
      if (!length({168, 168})) return EncodeError::bad_length;
      header(w, m);
      position_b(w, *r);
      break;
    }
    case 24: {
      const auto* r = std::get_if<StaticDataReport>(&m.body);
      if (r == nullptr) return EncodeError::body_mismatch;
      if (r->part == StaticDataReport::Part::A) {
        if (!length({160, 160, 168})) return EncodeError::bad_length;
        header(w, m);
        w.put(0, 2, 38);
        w.text(r->shipname.view(), 20, 40);
      } else if (r->part == StaticDataReport::Part::B) {
        if (!length({168, 168})) return EncodeError::bad_length;
        header(w, m);
        static_data_b(w, *r, m.mmsi);
      } else {
        return EncodeError::unsupported_type;
      }
      break;
    }
    default:
      return EncodeError::unsupported_type;
  }
  if (auto e = w.error()) return e;
  armor(w.bytes(), total, out);
  return std::nullopt;
}

namespace {

constexpr char kHex[] = "0123456789ABCDEF";

char* put_hex(char* p, std::uint8_t v) noexcept {
  *p++ = kHex[v >> 4];
  *p++ = kHex[v & 15U];
  return p;
}

char* put_uint(char* p, std::uint64_t v) noexcept {
  return std::to_chars(p, p + 24, v).ptr;
}

std::uint8_t xor_bytes(const char* b, const char* e) noexcept {
  return nmea_checksum(std::string_view(b, static_cast<std::size_t>(e - b)));
}

}  // namespace

std::size_t sentences_max_size(const Payload& p, const SentenceOptions& o) noexcept {
  const std::size_t per = o.max_payload_chars == 0 ? 1 : o.max_payload_chars;
  const std::size_t n = p.size == 0 ? 1 : (p.size + per - 1) / per;
  // tag block: \s:<station>,c:<up to 20 digits>*hh\  ; sentence: !AIVDM,n,i,s,c,<payload>,f*hh\n
  const std::size_t tag = 2 + o.station.size() + 4 + 21 + 4 + 2;
  const std::size_t sentence = 1 + o.talker.size() + 3 + 3 * 3 + 3 + 2 + 2 + 3 + 1;
  return p.size + n * (tag + sentence + 8);
}

std::size_t write_sentences(const Payload& p, const SentenceOptions& o, char* out) noexcept {
  std::size_t per = o.max_payload_chars;
  if (per == 0) per = 1;
  if (per > 61) per = 61;
  std::size_t count = p.size == 0 ? 1 : (p.size + per - 1) / per;
  if (count > 9) {  // NMEA allows 9 fragments: spread the payload over them
    count = 9;
    per = (p.size + 8) / 9;
  }
  const bool tag = !o.station.empty() || o.time.has_value();
  char* q = out;
  for (std::size_t i = 0; i < count; ++i) {
    if (tag) {
      *q++ = '\\';
      char* body = q;
      bool comma = false;
      if (!o.station.empty()) {
        std::memcpy(q, "s:", 2);
        q += 2;
        std::memcpy(q, o.station.data(), o.station.size());
        q += o.station.size();
        comma = true;
      }
      if (o.time) {
        if (comma) *q++ = ',';
        std::memcpy(q, "c:", 2);
        q += 2;
        const UnixMillis t = *o.time;
        const std::int64_t seconds = t >= 0 ? t / 1000 : -((-t + 999) / 1000);
        q = std::to_chars(q, q + 24, seconds).ptr;
      }
      const std::uint8_t cs = xor_bytes(body, q);
      *q++ = '*';
      q = put_hex(q, cs);
      *q++ = '\\';
    }
    *q++ = '!';
    char* body = q;
    std::memcpy(q, o.talker.data(), o.talker.size());
    q += o.talker.size();
    std::memcpy(q, o.own_ship ? "VDO," : "VDM,", 4);
    q += 4;
    q = put_uint(q, count);
    *q++ = ',';
    q = put_uint(q, i + 1);
    *q++ = ',';
    if (count > 1) q = put_uint(q, o.sequence_id % 10U);
    *q++ = ',';
    if (o.channel != '\0') *q++ = o.channel;
    *q++ = ',';
    const std::size_t from = i * per;
    const std::size_t len = from >= p.size ? 0 : (p.size - from < per ? p.size - from : per);
    std::memcpy(q, p.chars.data() + from, len);
    q += len;
    *q++ = ',';
    *q++ = static_cast<char>('0' + (i + 1 == count ? p.fill_bits : 0));
    const std::uint8_t cs = xor_bytes(body, q);
    *q++ = '*';
    q = put_hex(q, cs);
    *q++ = '\n';
  }
  return static_cast<std::size_t>(q - out);
}

std::optional<std::string> encode_nmea(const Message& m, const SentenceOptions& o,
                                       const EncodeOptions& e) {
  Payload p;
  if (encode_payload(m, p, e)) return std::nullopt;
  std::string s(sentences_max_size(p, o), '\0');
  s.resize(write_sentences(p, o, s.data()));
  return s;
}

}  // namespace tidewatch::ais
