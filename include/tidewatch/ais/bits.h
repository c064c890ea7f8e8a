#pragma once
// The AIS payload as bits.  NMEA VDM/VDO carries the binary AIS message
// "armoured" six bits per character (ITU-R M.1371-5 Annex 8 / IEC 61162-1):
// character c stands for v = c - 48, minus 8 more when v > 40, so '0'..'W'
// (48..87) is 0..39 and '`'..'w' (96..119) is 40..63.  Fill bits at the end
// of the last sentence are not part of the message.
//
// BitBuffer keeps the message most-significant bit first in bytes, with at
// least 8 zero bytes after the end, so any field of up to 57 bits is one
// unaligned 64-bit load and a shift.  A field read past the end of a short
// message reads the fill bits, then zeros, exactly as gpsd does.

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace tidewatch::ais {

/// Largest message accepted after reassembly, in bits.  ITU-R M.1371 allows
/// 5 slots (1008 data bits); gpsd buffers 2048 bits, and so do we.
inline constexpr std::size_t kMaxPayloadBits = 2048;

/// Six-bit value of an armoured payload character, or 0xFF when the character
/// is outside the armour alphabet.
constexpr std::uint8_t dearmor(char c) noexcept {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 48 && u <= 87) return static_cast<std::uint8_t>(u - 48);
  if (u >= 96 && u <= 119) return static_cast<std::uint8_t>(u - 56);
  return 0xFF;
}

/// ASCII of a six-bit text character (ITU-R M.1371-5 Table 47): 0 is '@'.
constexpr char sixbit_ascii(unsigned v) noexcept {
  constexpr char table[65] =
      "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?";
  return table[v & 63U];
}

/// A read-only view of `size` bits, MSB first.  The bytes behind it must be
/// followed by at least 8 readable zero bytes (BitBuffer guarantees it).
class BitView {
 public:
  constexpr BitView() = default;
  constexpr BitView(const std::uint8_t* bytes, std::size_t size) : bytes_(bytes), size_(size) {}

  [[nodiscard]] constexpr std::size_t size() const noexcept { return size_; }
  [[nodiscard]] constexpr const std::uint8_t* bytes() const noexcept { return bytes_; }

  /// Unsigned field of `len` bits (1..57) starting at bit `start`.
  [[nodiscard]] std::uint64_t u(std::size_t start, unsigned len) const noexcept {
    std::uint64_t w;
    std::memcpy(&w, bytes_ + start / 8, 8);
    w = __builtin_bswap64(w);
    return (w << (start % 8)) >> (64 - len);
  }
  /// Unsigned field narrowed to 32 bits (len <= 32).
  [[nodiscard]] std::uint32_t u32(std::size_t start, unsigned len) const noexcept {
    return static_cast<std::uint32_t>(u(start, len));
  }
  /// Two's-complement signed field of `len` bits (1..57).
  [[nodiscard]] std::int32_t s32(std::size_t start, unsigned len) const noexcept {
    std::uint64_t w;
    std::memcpy(&w, bytes_ + start / 8, 8);
    w = __builtin_bswap64(w);
    const auto v = static_cast<std::int64_t>(w << (start % 8)) >> (64 - len);
    return static_cast<std::int32_t>(v);
  }
  [[nodiscard]] bool bit(std::size_t pos) const noexcept {
    return ((bytes_[pos / 8] >> (7 - pos % 8)) & 1U) != 0;
  }

 private:
  const std::uint8_t* bytes_ = nullptr;
  std::size_t size_ = 0;
};

/// Accumulates de-armoured payload characters of one message (one or more
/// sentences) into bits.
class BitBuffer {
 public:
  BitBuffer() = default;

  /// Empties the buffer (zeroing only the bytes the last message used).
  void clear() noexcept {
    std::memset(bytes_.data(), 0, dirty_);
    dirty_ = 0;
    size_ = 0;
  }

  /// Appends the payload characters, then drops `fill_bits` (0..5) from the
  /// end.  Returns false, leaving the buffer in an unspecified state, when a
  /// character is outside the armour alphabet or the message would exceed
  /// kMaxPayloadBits; `bad_char` tells which.
  bool append(std::string_view armoured, unsigned fill_bits, bool& bad_char) noexcept;

  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] BitView view() const noexcept { return {bytes_.data(), size_}; }

 private:
  std::array<std::uint8_t, kMaxPayloadBits / 8 + 16> bytes_{};
  std::size_t size_ = 0;
  std::size_t dirty_ = 0;  // bytes written since the last clear()
};

}  // namespace tidewatch::ais
