// libFuzzer target for the other untrusted text a user hands tidewatch: port
// lists (contract CSV, GeoJSON, World Port Index CSV) and the TOML parameter
// file.  The first byte picks the reader; the rest is the file.  Readers
// must return rejects or throw their documented exceptions, never crash.

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "tidewatch/analyze/config.h"
#include "tidewatch/ingest/observation_sink.h"
#include "tidewatch/ports/port.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    switch (data[0] % 4) {
      case 0: {
        const auto list = tidewatch::ports::parse_port_csv(text, "fuzz.csv");
        tidewatch::ports::PortIndex index(list.ports);
        (void)index.in_port(42.2, 130.3);
        (void)index.within(0, 0, 50000);
        break;
      }
      case 1: {
        const auto list = tidewatch::ports::parse_port_geojson(text, "fuzz.geojson");
        tidewatch::ports::PortIndex index(list.ports);
        (void)index.containing(1, 1);
        (void)index.within(-10, 170, 100000);
        break;
      }
      case 2:
        (void)tidewatch::ports::parse_wpi_pub150(text, "fuzz-wpi.csv");
        break;
      default: {
        tidewatch::analyze::Config c;
        tidewatch::analyze::ParamTable t(c);
        t.apply_toml(text, "fuzz.toml");
        (void)t.to_toml();
        (void)t.to_json();
        break;
      }
    }
  } catch (const tidewatch::ingest::InputError&) {
  } catch (const std::runtime_error&) {
  }
  return 0;
}
