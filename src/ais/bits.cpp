#include "tidewatch/ais/bits.h"

namespace tidewatch::ais {

bool BitBuffer::append(std::string_view armoured, unsigned fill_bits, bool& bad_char) noexcept {
  bad_char = false;
  const std::size_t total = size_ + armoured.size() * 6;
  if (total > kMaxPayloadBits + 5) return false;
  // Accumulate four characters (24 bits) at a time when byte-aligned on entry;
  // otherwise go bit-exact through a 64-bit accumulator.
  std::uint64_t acc = 0;
  unsigned acc_bits = 0;
  std::size_t pos = size_;
  // Pre-load any partial byte already in the buffer.
  if (pos % 8 != 0) {
    acc_bits = static_cast<unsigned>(pos % 8);
    acc = static_cast<std::uint64_t>(bytes_[pos / 8] >> (8 - acc_bits));
    pos -= acc_bits;
  }
  std::uint8_t* out = bytes_.data() + pos / 8;
  unsigned bad = 0;
  for (char c : armoured) {
    const std::uint8_t v = dearmor(c);
    bad |= v;  // 0xFF marks a bad character; valid values never set bit 7
    acc = (acc << 6) | (v & 63U);
    acc_bits += 6;
    if (acc_bits >= 8) {
      acc_bits -= 8;
      *out++ = static_cast<std::uint8_t>(acc >> acc_bits);
    }
  }
  if (acc_bits > 0) *out = static_cast<std::uint8_t>(acc << (8 - acc_bits));
  if ((bad & 0x80U) != 0) {
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
