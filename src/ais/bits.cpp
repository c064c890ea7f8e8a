#include "tidewatch/ais/bits.h"

namespace tidewatch::ais {
namespace {

/// dearmor() as a table: 0xFF marks characters outside the armour alphabet.
struct ArmourTable {
  std::array<std::uint8_t, 256> v{};
  constexpr ArmourTable() {
    for (unsigned c = 0; c < 256; ++c) v[c] = dearmor(static_cast<char>(c));
  }
};
constexpr ArmourTable kArmour;

}  // namespace

bool BitBuffer::append(std::string_view armoured, unsigned fill_bits, bool& bad_char) noexcept {
  bad_char = false;
  const std::size_t n = armoured.size();
  const std::size_t total = size_ + n * 6;
  if (total > kMaxPayloadBits + 5) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(armoured.data());
  const auto* table = kArmour.v.data();
  unsigned bad = 0;
  std::size_t i = 0;
  std::uint8_t* out = bytes_.data() + size_ / 8;
  std::uint64_t acc = 0;
  unsigned acc_bits = 0;
  if (size_ % 8 != 0) {
    // Continue a partial byte (a later fragment): keep its valid high bits.
    acc_bits = static_cast<unsigned>(size_ % 8);
    acc = static_cast<std::uint64_t>(*out >> (8 - acc_bits));
  } else {
    // Byte-aligned (the usual case): four characters make three bytes.
    for (; i + 4 <= n; i += 4) {
      const std::uint32_t a = table[p[i]], b = table[p[i + 1]], c = table[p[i + 2]],
                          d = table[p[i + 3]];
      bad |= a | b | c | d;
      const std::uint32_t w = (a << 18) | (b << 12) | (c << 6) | d;
      out[0] = static_cast<std::uint8_t>(w >> 16);
      out[1] = static_cast<std::uint8_t>(w >> 8);
      out[2] = static_cast<std::uint8_t>(w);
      out += 3;
    }
  }
  for (; i < n; ++i) {
    const std::uint8_t v = table[p[i]];
    bad |= v;
    acc = (acc << 6) | (v & 63U);
    acc_bits += 6;
    if (acc_bits >= 8) {
      acc_bits -= 8;
      *out++ = static_cast<std::uint8_t>(acc >> acc_bits);
    }
  }
  if (acc_bits > 0) *out++ = static_cast<std::uint8_t>(acc << (8 - acc_bits));
  const auto written = static_cast<std::size_t>(out - bytes_.data());
  if (written > dirty_) dirty_ = written;
  if ((bad & 0x80U) != 0) {  // 0xFF marks a bad character; valid values are < 64
    bad_char = true;
    return false;
  }
  if (fill_bits > total) fill_bits = static_cast<unsigned>(total);
  size_ = total - fill_bits;
  // The fill bits stay in the buffer, as in gpsd: a field read past the end
  // of a short message, or the last byte of a hex dump, sees what was sent.
  return size_ <= kMaxPayloadBits;
}

}  // namespace tidewatch::ais
