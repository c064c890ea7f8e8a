#pragma once
// Decoding one reassembled AIS message (its bits) into a typed record.
//
// Length rules follow ITU-R M.1371-5 with the tolerances gpsd 3.22 applies to
// transmitters seen in the wild (type 5 of 420..423 bits, over-long position
// reports), so that tidewatch decodes exactly the messages gpsd decodes.

#include <optional>

#include "tidewatch/ais/bits.h"
#include "tidewatch/ais/messages.h"
#include "tidewatch/core/reject.h"

namespace tidewatch::ais {

/// Decodes `bits` into `out`.  Returns nullopt on success, or why the message
/// cannot be decoded (`wrong_bit_count`, `unknown_message_type`).  `out` is
/// reused: only the alternative of the decoded type is (re)constructed.
/// Type 24 is returned as part A or part B; joining parts is the stream's job.
std::optional<RejectReason> decode_message(BitView bits, Message& out) noexcept;

/// Six-bit text of `count` characters from bit `start`, cut at the first `@`
/// and with trailing spaces and `@` removed (gpsd's `from_sixbit`).
template <std::size_t N>
void read_sixbit_text(BitView bits, std::size_t start, std::size_t count, FixedText<N>& out) noexcept {
  out.clear();
  for (std::size_t i = 0; i < count; ++i) {
    const char c = sixbit_ascii(static_cast<unsigned>(bits.u(start + 6 * i, 6)));
    if (c == '@') break;
    out.push_back(c);
  }
  std::size_t n = out.size();
  while (n > 0 && (out.view()[n - 1] == ' ' || out.view()[n - 1] == '@')) --n;
  out.resize(n);
}

/// Copies `bit_count` bits that start at the byte-aligned bit `start` into
/// `out`, whole bytes as gpsd copies them (the bits after the end of the last
/// byte are kept unless `mask_tail`).
void copy_binary_data(BitView bits, std::size_t start, std::size_t bit_count, bool mask_tail,
                      BinaryData& out) noexcept;

/// Decodes the application message of a type 6 (`addressed`) or type 8
/// message with the given DAC/FI from the whole message's bits; monostate
/// when not known.  Implemented in binary_messages.cpp.
ApplicationData decode_application(BitView bits, bool addressed, std::uint16_t dac,
                                   std::uint8_t fid) noexcept;

}  // namespace tidewatch::ais
