// Position chunks (include/tidewatch/store/chunk_codec.h, docs/store.md §2).

#include "tidewatch/store/chunk_codec.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace tidewatch::store {
namespace {

constexpr unsigned char kVersion = 1;
constexpr std::size_t kMinRecordBytes = 8;  // 8 varints of at least one byte

void put_varint(std::string& s, std::uint64_t v) {
  while (v >= 0x80) {
    s.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  s.push_back(static_cast<char>(v));
}

std::uint64_t zigzag(std::int64_t v) noexcept {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
std::int64_t unzigzag(std::uint64_t v) noexcept {
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

std::int64_t opt16(std::uint16_t v) noexcept { return v == kNotAvailable ? 0 : std::int64_t{v} + 1; }

class Reader {
 public:
  explicit Reader(std::string_view b) : p_(b.data()), end_(b.data() + b.size()) {}
  bool varint(std::uint64_t& out) {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ == end_) return false;
      const auto byte = static_cast<unsigned char>(*p_++);
      const std::uint64_t bits = byte & 0x7FU;
      if (shift == 63 && bits > 1) return false;  // more than 64 bits
      v |= bits << shift;
      if ((byte & 0x80U) == 0) {
        out = v;
        return true;
      }
    }
    return false;  // an 11th byte would be needed
  }
  bool byte(unsigned char& out) {
    if (p_ == end_) return false;
    out = static_cast<unsigned char>(*p_++);
    return true;
  }
  [[nodiscard]] std::size_t left() const noexcept { return static_cast<std::size_t>(end_ - p_); }

 private:
  const char* p_;
  const char* end_;
};

/// prev + zig-zag delta, within [lo, hi]; false when outside (corrupt).
bool step(std::int64_t& value, std::uint64_t delta, std::int64_t lo, std::int64_t hi) {
  std::int64_t next = 0;
  if (__builtin_add_overflow(value, unzigzag(delta), &next)) return false;
  if (next < lo || next > hi) return false;
  value = next;
  return true;
}

bool fail(std::string* error, const char* why) {
  if (error != nullptr) *error = why;
  return false;
}

}  // namespace

void normalize(std::vector<Position>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

std::string encode_chunk(UnixMillis bucket_start, std::span<const Position> positions) {
  std::string s;
  s.reserve(2 + positions.size() * 14);
  s.push_back(static_cast<char>(kVersion));
  put_varint(s, positions.size());
  UnixMillis t = bucket_start;
  std::int64_t lat = 0, lon = 0, sog = 0, cog = 0, hdg = 0, src = 0, line = 0;
  const Position* prev = nullptr;
  for (const auto& p : positions) {
    if (p.time < bucket_start || p.time - bucket_start >= kBucketMs)
      throw std::invalid_argument("position outside its chunk's day");
    if (prev != nullptr && !(*prev < p))
      throw std::invalid_argument("chunk positions not sorted and unique");
    if (p.line > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      throw std::invalid_argument("line number too large");
    const auto dt = static_cast<std::uint64_t>(p.time - t);
    put_varint(s, dt % 1000 == 0 ? (dt / 1000) << 1 : (dt << 1) | 1);
    put_varint(s, zigzag(std::int64_t{p.lat_e7} - lat));
    put_varint(s, zigzag(std::int64_t{p.lon_e7} - lon));
    put_varint(s, zigzag(opt16(p.sog) - sog));
    put_varint(s, zigzag(opt16(p.cog) - cog));
    put_varint(s, zigzag(opt16(p.heading) - hdg));
    put_varint(s, zigzag(std::int64_t{p.source} - src));
    put_varint(s, zigzag(static_cast<std::int64_t>(p.line) - line));
    t = p.time;
    lat = p.lat_e7;
    lon = p.lon_e7;
    sog = opt16(p.sog);
    cog = opt16(p.cog);
    hdg = opt16(p.heading);
    src = p.source;
    line = static_cast<std::int64_t>(p.line);
    prev = &p;
  }
  return s;
}

bool decode_chunk(std::string_view blob, UnixMillis bucket_start, std::vector<Position>& out,
                  std::string* error) {
  Reader r(blob);
  unsigned char version = 0;
  if (!r.byte(version)) return fail(error, "empty chunk");
  if (version != kVersion) return fail(error, "unknown chunk version");
  std::uint64_t count = 0;
  if (!r.varint(count)) return fail(error, "truncated count");
  if (count > r.left() / kMinRecordBytes) return fail(error, "count larger than the chunk");
  const std::size_t old_size = out.size();
  out.reserve(old_size + static_cast<std::size_t>(count));
  constexpr std::int64_t kMaxLine = std::numeric_limits<std::int64_t>::max();
  std::uint64_t dt_in_bucket = 0;
  std::int64_t lat = 0, lon = 0, sog = 0, cog = 0, hdg = 0, src = 0, line = 0;
  for (std::uint64_t i = 0; i < count; ++i) {
    std::uint64_t v[8];
    for (auto& x : v) {
      if (!r.varint(x)) {
        out.resize(old_size);
        return fail(error, "truncated record");
      }
    }
    // Time: the tagged delta, staying inside the day.
    const std::uint64_t tagged = v[0];
    std::uint64_t dt = 0;
    if ((tagged & 1U) == 0) {
      const std::uint64_t secs = tagged >> 1;
      if (secs > static_cast<std::uint64_t>(kBucketMs / 1000)) dt = static_cast<std::uint64_t>(kBucketMs);
      else dt = secs * 1000;
    } else {
      dt = tagged >> 1;
    }
    const bool ok = dt < static_cast<std::uint64_t>(kBucketMs) - dt_in_bucket &&
                    step(lat, v[1], -900'000'000, 900'000'000) &&
                    step(lon, v[2], -1'800'000'000, 1'800'000'000) &&
                    step(sog, v[3], 0, 0xFFFF) && step(cog, v[4], 0, 0xFFFF) &&
                    step(hdg, v[5], 0, 0xFFFF) &&
                    step(src, v[6], 0, std::numeric_limits<std::uint32_t>::max()) &&
                    step(line, v[7], 0, kMaxLine);
    if (!ok) {
      out.resize(old_size);
      return fail(error, "value out of range");
    }
    dt_in_bucket += dt;
    Position p;
    p.time = bucket_start + static_cast<UnixMillis>(dt_in_bucket);
    p.lat_e7 = static_cast<std::int32_t>(lat);
    p.lon_e7 = static_cast<std::int32_t>(lon);
    p.sog = sog == 0 ? kNotAvailable : static_cast<std::uint16_t>(sog - 1);
    p.cog = cog == 0 ? kNotAvailable : static_cast<std::uint16_t>(cog - 1);
    p.heading = hdg == 0 ? kNotAvailable : static_cast<std::uint16_t>(hdg - 1);
    p.source = static_cast<std::uint32_t>(src);
    p.line = static_cast<std::uint64_t>(line);
    out.push_back(p);
  }
  if (r.left() != 0) {
    out.resize(old_size);
    return fail(error, "trailing bytes");
  }
  return true;
}

}  // namespace tidewatch::store
