#pragma once
// MMSI helpers shared by the decoder and the encoder (src/ais/*.cpp only).

#include <cstdint>

namespace tidewatch::ais {

/// Auxiliary craft (MMSI 98MIDxxxx) report their mother ship instead of dimensions.
constexpr bool is_auxiliary_mmsi(std::uint32_t mmsi) noexcept { return mmsi / 10000000 == 98; }

}  // namespace tidewatch::ais
