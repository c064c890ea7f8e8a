// libFuzzer target: arbitrary bit strings straight into the message decoder
// and the JSON/CSV writers, reaching every type and length rule faster than
// through armoured text.  First byte: low 3 bits are dropped from the length
// (0..7), so every bit length is reachable.

#include <array>
#include <cstdint>
#include <cstring>

#include "tidewatch/ais/decode.h"
#include "tidewatch/report/decode_csv.h"
#include "tidewatch/report/gpsd_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tidewatch;
  if (size < 1) return 0;
  std::array<std::uint8_t, ais::kMaxPayloadBits / 8 + 16> bytes{};
  const std::size_t n = std::min(size - 1, ais::kMaxPayloadBits / 8);
  std::memcpy(bytes.data(), data + 1, n);
  const std::size_t drop = data[0] & 7U;
  const std::size_t bits = n * 8 >= drop ? n * 8 - drop : 0;
  static ais::Message message;
  if (ais::decode_message(ais::BitView(bytes.data(), bits), message)) return 0;
  static report::OutBuffer out(1 << 16);
  ais::MessageMeta meta;
  meta.first.line = 1;
  meta.last_line = 1;
  report::GpsdJsonOptions opt;
  report::write_gpsd_json(out, message, meta, "fuzz", opt);
  opt.scaled = false;
  report::write_gpsd_json(out, message, meta, "fuzz", opt);
  report::write_decode_csv(out, message, meta, "fuzz");
  out.clear();
  return 0;
}
