#include "tidewatch/ingest/gfw_json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

#include "tidewatch/core/time.h"

namespace tidewatch::ingest {
namespace {

// ---- a small JSON object reader: one flat object, nested values skipped -----

struct Value {
  enum class Kind : std::uint8_t { null, number, string, boolean, composite } kind = Kind::null;
  double number = 0;
  bool boolean = false;
  std::string text;
};

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  void ws() noexcept {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r' || s_[i_] == '\n'))
      ++i_;
  }
  bool eat(char c) noexcept {
    ws();
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool at_end() noexcept {
    ws();
    return i_ == s_.size();
  }
  bool peek(char c) noexcept {
    ws();
    return i_ < s_.size() && s_[i_] == c;
  }

  static void put_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  bool hex4(std::uint32_t& v) noexcept {
    if (i_ + 4 > s_.size()) return false;
    v = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s_[i_++];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<std::uint32_t>(c - 'A' + 10);
      else return false;
    }
    return true;
  }

  // At a '"' (after ws).  Decodes into out (when non-null).
  bool string(std::string* out) {
    if (!eat('"')) return false;
    while (i_ < s_.size()) {
      const char c = s_[i_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') {
        if (out) out->push_back(c);
        continue;
      }
      if (i_ >= s_.size()) return false;
      const char e = s_[i_++];
      char d = 0;
      switch (e) {
        case '"': d = '"'; break;
        case '\\': d = '\\'; break;
        case '/': d = '/'; break;
        case 'b': d = '\b'; break;
        case 'f': d = '\f'; break;
        case 'n': d = '\n'; break;
        case 'r': d = '\r'; break;
        case 't': d = '\t'; break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00 && i_ + 1 < s_.size() && s_[i_] == '\\' &&
              s_[i_ + 1] == 'u') {
            i_ += 2;
            std::uint32_t lo = 0;
            if (!hex4(lo)) return false;
            if (lo >= 0xDC00 && lo < 0xE000) cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          if (out) put_utf8(*out, cp);
          continue;
        }
        default: return false;
      }
      if (out) out->push_back(d);
    }
    return false;
  }

  bool literal(std::string_view word) noexcept {
    if (s_.substr(i_, word.size()) == word) {
      i_ += word.size();
      return true;
    }
    return false;
  }

  bool value(Value& v, int depth) {
    ws();
    if (i_ >= s_.size()) return false;
    const char c = s_[i_];
    v.text.clear();
    if (c == '"') {
      v.kind = Value::Kind::string;
      return string(&v.text);
    }
    if (c == '{' || c == '[') {
      v.kind = Value::Kind::composite;
      return skip_composite(depth);
    }
    if (literal("null")) { v.kind = Value::Kind::null; return true; }
    if (literal("NaN")) { v.kind = Value::Kind::null; return true; }  // GFW/pandas NaN = null
    if (literal("true")) { v.kind = Value::Kind::boolean; v.boolean = true; return true; }
    if (literal("false")) { v.kind = Value::Kind::boolean; v.boolean = false; return true; }
    if (literal("Infinity")) { v.kind = Value::Kind::number; v.number = HUGE_VAL; return true; }
    if (literal("-Infinity")) { v.kind = Value::Kind::number; v.number = -HUGE_VAL; return true; }
    // number
    const char* first = s_.data() + i_;
    const char* last = s_.data() + s_.size();
    const char* p = first;
    if (p < last && *p == '-') ++p;
    if (p == last || !(*p >= '0' && *p <= '9')) return false;
    double d = 0;
    const auto r = std::from_chars(first, last, d);
    if (r.ec != std::errc{}) return false;
    i_ += static_cast<std::size_t>(r.ptr - first);
    v.kind = Value::Kind::number;
    v.number = d;
    return true;
  }

  bool skip_composite(int depth) {
    if (depth > 64) return false;
    const char open = s_[i_++];
    const char close = open == '{' ? '}' : ']';
    Value tmp;
    if (eat(close)) return true;
    for (;;) {
      if (open == '{') {
        ws();
        if (!string(nullptr)) return false;
        if (!eat(':')) return false;
      }
      if (!value(tmp, depth + 1)) return false;
      if (eat(',')) continue;
      return eat(close);
    }
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) noexcept {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const char c = s[pos + k];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

template <typename T>
std::optional<T> scaled(double v, double factor, double lo, double hi) noexcept {
  if (std::isnan(v) || v < lo || v > hi) return std::nullopt;
  return static_cast<T>(std::llround(v * factor));
}

std::uint8_t ais_type(std::string_view type) noexcept {
  if (type.substr(0, 4) != "AIS.") return 0;
  int v = 0;
  for (char c : type.substr(4)) {
    if (c < '0' || c > '9' || v > 100) return 0;
    v = v * 10 + (c - '0');
  }
  return v >= 1 && v <= 27 ? static_cast<std::uint8_t>(v) : 0;
}

Transponder transponder_of_msg_type(std::uint8_t t) noexcept {
  switch (t) {
    case 1: case 2: case 3: case 5: return Transponder::class_a;
    case 18: case 19: case 24: return Transponder::class_b;
    case 4: case 9: case 21: return Transponder::other;
    default: return Transponder::unknown;
  }
}

}  // namespace

std::uint64_t gfw_msgid_hash(std::string_view text) noexcept {
  std::uint64_t h = 14695981039346656037ULL;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h == 0 ? 1 : h;
}

std::optional<std::int64_t> parse_gfw_timestamp(std::string_view s) noexcept {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (!digits(s, 0, 4, y) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, mo) ||
      s[7] != '-' || !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != ' ') ||
      !digits(s, 11, 2, h) || s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' ||
      !digits(s, 17, 2, se))
    return std::nullopt;
  std::size_t i = 19;
  std::int64_t frac_us = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    std::int64_t scale = 100000;
    std::size_t n = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (n < 6) frac_us += (s[i] - '0') * scale;
      scale /= 10;
      ++i;
      ++n;
    }
    if (n == 0) return std::nullopt;
  }
  const std::string_view zone = s.substr(i);
  if (!(zone.empty() || zone == "Z" || zone == "+00:00" || zone == "+0000" || zone == "UTC"))
    return std::nullopt;
  const auto ms = utc_millis(y, mo, d, h, mi, se, 0);
  if (!ms) return std::nullopt;
  return *ms * 1000 + frac_us;
}

std::variant<GfwMessage, RejectReason> parse_gfw_line(std::string_view line, LineRef ref) {
  GfwMessage m;
  m.obs.ref = ref;
  Parser p(line);
  if (!p.eat('{')) return RejectReason::bad_json;
  bool have_ssvid = false;
  bool have_time = false;
  bool bad_time = false;
  Value v;
  std::string key;
  double imo = GfwRaw::kNull, length = GfwRaw::kNull, width = GfwRaw::kNull,
         status = GfwRaw::kNull;
  std::string shipname, callsign, destination;
  if (!p.eat('}')) {
    for (;;) {
      key.clear();
      if (!p.peek('"') || !p.string(&key)) return RejectReason::bad_json;
      if (!p.eat(':')) return RejectReason::bad_json;
      if (!p.value(v, 0)) return RejectReason::bad_json;
      const bool num = v.kind == Value::Kind::number;
      const bool str = v.kind == Value::Kind::string;
      const double dv = num ? v.number : GfwRaw::kNull;
      if (key == "ssvid") {
        std::uint64_t mmsi = 0;
        bool ok = false;
        if (num && v.number >= 0 && v.number <= 4294967295.0 && v.number == std::floor(v.number)) {
          mmsi = static_cast<std::uint64_t>(v.number);
          ok = true;
        } else if (str && !v.text.empty()) {
          const auto r = std::from_chars(v.text.data(), v.text.data() + v.text.size(), mmsi);
          ok = r.ec == std::errc{} && r.ptr == v.text.data() + v.text.size() &&
               mmsi <= 4294967295ULL;
        }
        if (ok) {
          m.obs.mmsi = static_cast<std::uint32_t>(mmsi);
          have_ssvid = true;
        }
      } else if (key == "timestamp") {
        if (str) {
          have_time = true;
          if (const auto t = parse_gfw_timestamp(v.text)) {
            m.time_us = *t;
            // floor to milliseconds
            m.obs.time = m.time_us >= 0 ? m.time_us / 1000 : -((-m.time_us + 999) / 1000);
          } else {
            bad_time = true;
          }
        } else if (v.kind != Value::Kind::null) {
          have_time = true;
          bad_time = true;
        }
      } else if (key == "msgid") {
        if (str) m.msgid = v.text;
      } else if (key == "type") {
        if (str) m.type = v.text;
      } else if (key == "source") {
        if (str) m.source = v.text;
      } else if (key == "receiver_type") {
        if (str) m.receiver_type = v.text;
      } else if (key == "expected") {
        m.has_expected_field = true;
        if (str) m.expected = v.text;
      } else if (key == "lon") {
        m.raw.lon = dv;
      } else if (key == "lat") {
        m.raw.lat = dv;
      } else if (key == "speed") {
        m.raw.speed = dv;
      } else if (key == "course") {
        m.raw.course = dv;
      } else if (key == "heading") {
        m.raw.heading = dv;
      } else if (key == "shipname") {
        if (str) shipname = v.text;
      } else if (key == "callsign") {
        if (str) callsign = v.text;
      } else if (key == "destination") {
        if (str) destination = v.text;
      } else if (key == "imo") {
        imo = dv;
      } else if (key == "length") {
        length = dv;
      } else if (key == "width") {
        width = dv;
      } else if (key == "status") {
        status = dv;
      }
      if (p.eat(',')) continue;
      if (p.eat('}')) break;
      return RejectReason::bad_json;
    }
  }
  if (!p.at_end()) return RejectReason::bad_json;
  if (!have_ssvid || !have_time) return RejectReason::missing_field;
  if (bad_time) return RejectReason::bad_time;

  Observation& o = m.obs;
  o.msgid = m.msgid.empty() ? 0 : gfw_msgid_hash(m.msgid);
  o.msg_type = ais_type(m.type);
  o.transponder = transponder_of_msg_type(o.msg_type);
  const GfwRaw& r = m.raw;
  if (!std::isnan(r.lat) && !std::isnan(r.lon)) {
    o.kind = Observation::Kind::position;
    // lat 91 / lon 181 ("not available") are kept as they are: the segmenter
    // classifies them BAD (v3.0.0 range rule).  Outside +-214 the int32 would
    // overflow, so clamp there.
    o.position.lat_e7 = static_cast<std::int32_t>(std::llround(std::clamp(r.lat, -214.0, 214.0) * 1e7));
    o.position.lon_e7 = static_cast<std::int32_t>(std::llround(std::clamp(r.lon, -214.0, 214.0) * 1e7));
    o.position.sog = scaled<std::uint16_t>(r.speed, 10, 0, 102.2);
    o.position.cog = scaled<std::uint16_t>(r.course, 10, 0, 359.94);
    o.position.heading = scaled<std::uint16_t>(r.heading, 1, 0, 359.4);
    o.position.status = scaled<std::uint8_t>(status, 1, 0, 15);
  } else {
    o.kind = Observation::Kind::static_info;
    o.info.name.assign(shipname);
    o.info.callsign.assign(callsign);
    o.info.destination.assign(destination);
    if (auto i = scaled<std::uint32_t>(imo, 1, 1, 999999999)) o.info.imo = i;
    // GFW gives length/width in metres, not bow/stern/port/starboard: put the
    // whole length to the bow and the whole width to port.
    if (auto l = scaled<std::uint16_t>(length, 1, 1, 1022)) o.info.dimensions.to_bow = *l;
    if (auto w = scaled<std::uint8_t>(width, 1, 1, 126)) o.info.dimensions.to_port = *w;
  }
  return m;
}

}  // namespace tidewatch::ingest
