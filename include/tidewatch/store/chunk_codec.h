#pragma once
// The position chunk codec of the store (docs/store.md §2).  A chunk holds
// one vessel's positions of one UTC day (bucket), sorted and without exact
// duplicates, as one blob:
//
//   byte 0      codec version (1)
//   varint      count
//   per record  8 varints:
//     time      unsigned delta from the previous record (the first: from the
//               bucket start), tagged: whole seconds as (s << 1), other
//               milliseconds as (ms << 1) | 1, so a 60 s step is one byte
//     lat, lon  zig-zag delta of degrees x 1e7 from the previous record (the first: from 0)
//     sog, cog, heading
//               zig-zag delta of (value + 1), 0 = not available
//     source    zig-zag delta of the store's input id
//     line      zig-zag delta of the 1-based input line
//
// Varints are LEB128 (7 bits a byte, low group first, at most 10 bytes).
// The decoder treats the blob as untrusted (a store file is user data): it
// never reads past the end, rejects overlong varints, counts that cannot fit
// the blob, values out of range (latitude beyond +-90, longitude beyond +-180,
// times outside the bucket, lines beyond 2^63) and trailing bytes.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tidewatch/core/time.h"

namespace tidewatch::store {

/// "Not available" for sog, cog and heading.
inline constexpr std::uint16_t kNotAvailable = 0xFFFF;

/// One stored position.  Members are in the store's sort order: time, then
/// where it came from, then the values; two positions equal in every member
/// are exact duplicates and are kept once.
struct Position {
  UnixMillis time = 0;            ///< UTC ms
  std::uint32_t source = 0;       ///< the store's input id (Store::add_input)
  std::uint64_t line = 0;         ///< 1-based line in that input
  std::int32_t lat_e7 = 0;        ///< degrees x 1e7
  std::int32_t lon_e7 = 0;        ///< degrees x 1e7
  std::uint16_t sog = kNotAvailable;      ///< 1/10 knot
  std::uint16_t cog = kNotAvailable;      ///< 1/10 degree
  std::uint16_t heading = kNotAvailable;  ///< degrees

  auto operator<=>(const Position&) const = default;
};

/// Milliseconds in a bucket (one UTC day).
inline constexpr UnixMillis kBucketMs = 86'400'000;
/// The start of t's bucket (floor to the UTC day, also before 1970).
[[nodiscard]] constexpr UnixMillis bucket_of(UnixMillis t) noexcept {
  const UnixMillis q = t / kBucketMs;
  return (t % kBucketMs < 0 ? q - 1 : q) * kBucketMs;
}

/// Sorts and drops exact duplicates.
void normalize(std::vector<Position>& v);

/// Encodes positions of one bucket (normalized; every time in
/// [bucket_start, bucket_start + kBucketMs)).  Throws std::invalid_argument
/// otherwise.
[[nodiscard]] std::string encode_chunk(UnixMillis bucket_start, std::span<const Position> positions);

/// Decodes a blob; appends to `out`.  False (with `out` as it was and a
/// reason in *error when given) when the blob is not a valid chunk of that bucket.
bool decode_chunk(std::string_view blob, UnixMillis bucket_start, std::vector<Position>& out,
                  std::string* error = nullptr);

}  // namespace tidewatch::store
