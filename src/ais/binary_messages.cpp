#include "tidewatch/ais/decode.h"

namespace tidewatch::ais {

ApplicationData decode_application(BitView /*bits*/, bool /*addressed*/, std::uint16_t /*dac*/,
                                   std::uint8_t /*fid*/) noexcept {
  return std::monostate{};
}

}  // namespace tidewatch::ais
