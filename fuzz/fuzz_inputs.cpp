// libFuzzer target for the other untrusted text a user hands tidewatch: port
// lists (contract CSV, GeoJSON, World Port Index CSV), the TOML parameter
// file and sanctions lists (OFAC CSV and XML, UN XML, OpenSanctions JSON, the
// own CSV; each list is also screened against).  The first byte picks the reader; the rest is the file.  Readers
// must return rejects or throw their documented exceptions, never crash.

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "tidewatch/analyze/config.h"
#include "tidewatch/ports/port.h"
#include "tidewatch/watchlist/match.h"
#include "tidewatch/watchlist/readers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    auto screen = [](tidewatch::watchlist::WatchList list) {
      tidewatch::watchlist::Screener s;
      s.add(std::move(list));
      tidewatch::watchlist::VesselIdentity v;
      v.mmsi = 273123456;
      v.names = {"MARIA", "SPARTA III"};
      v.imos = {9179842};
      v.callsigns = {"UBTN6"};
      (void)s.screen(v);
    };
    switch (data[0] % 9) {
      case 4: {
        tidewatch::watchlist::OfacCsvFiles f;
        const auto cut = text.find('\x1e');  // the rest after a record separator: alt.csv
        f.sdn = text.substr(0, cut);
        if (cut != std::string_view::npos) f.alt = text.substr(cut + 1);
        screen(tidewatch::watchlist::read_ofac_sdn_csv(f));
        break;
      }
      case 5:
        screen(tidewatch::watchlist::read_ofac_sdn_xml(text));
        break;
      case 6:
        screen(tidewatch::watchlist::read_un_consolidated_xml(text));
        break;
      case 7:
        screen(tidewatch::watchlist::read_ftm_json(text));
        break;
      case 8:
        screen(tidewatch::watchlist::read_own_csv(text));
        break;
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
      case 3: {
        tidewatch::analyze::Config c;
        tidewatch::analyze::ParamTable t(c);
        t.apply_toml(text, "fuzz.toml");
        (void)t.to_toml();
        (void)t.to_json();
        break;
      }
    }
  } catch (const std::runtime_error&) {  // ingest::InputError and the config errors
  }
  return 0;
}
