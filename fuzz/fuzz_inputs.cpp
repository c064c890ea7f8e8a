// libFuzzer target for the other untrusted text a user hands tidewatch: port
// lists (contract CSV, GeoJSON, World Port Index CSV), the TOML parameter
// file and sanctions lists (OFAC CSV, XML and ENHANCED_XML, UN XML, EU FSF XML,
// OpenSanctions JSON, the own CSV, the UK FCDO CSV/XML/ODS and OFSI CSV/XML;
// each list is also screened against).  The first byte picks the reader; the rest is the file.  Readers
// must return rejects or throw their documented exceptions, never crash.

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "tidewatch/analyze/config.h"
#include "tidewatch/imagery/detection_readers.h"
#include "tidewatch/ports/port.h"
#include "tidewatch/store/chunk_codec.h"
#include "tidewatch/watchlist/match.h"
#include "tidewatch/watchlist/readers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  if (data[0] == 0xFF) {  // a store's position chunk (docs/store.md §2): refused or decoded, never a crash
    std::vector<tidewatch::store::Position> out;
    if (tidewatch::store::decode_chunk(text, 1276214400000, out) && out.size() > 1000000) __builtin_trap();
    return 0;
  }
  if (data[0] >= 0xF8 && data[0] <= 0xFE) {  // ship detections: 0xF8 + DetectionFormat, 0xFD/0xFE detect it
    namespace im = tidewatch::imagery;
    const auto f = static_cast<im::DetectionFormat>(data[0] - 0xF8 < 5 ? data[0] - 0xF8 : 5);
    (void)im::detect_detection_format(text);
    const im::DetectionSet set = im::read_detections_text(text, "fuzz-detections", f);
    std::ostringstream csv;
    im::write_detections_csv(csv, set.detections);
    (void)im::read_detections_text(csv.str(), "fuzz-detections-rt.csv");
    return 0;
  }
  if (data[0] >= 0xF0 && data[0] <= 0xF5) {  // UK lists: 0xF0 FCDO CSV, F1 FCDO XML, F2 ODS content.xml,
    namespace wl = tidewatch::watchlist;     // F3 ODS zip bytes (GDAL /vsimem/), F4 OFSI CSV, F5 OFSI XML
    wl::WatchList list;
    switch (data[0]) {
      case 0xF0: list = wl::read_uk_fcdo_csv(text); break;
      case 0xF1: list = wl::read_uk_fcdo_xml(text); break;
      case 0xF2: list = wl::read_uk_fcdo_ods_content(text); break;
      case 0xF3: list = wl::read_uk_fcdo_ods(text); break;
      case 0xF4: list = wl::read_uk_ofsi_csv(text); break;
      default: list = wl::read_uk_ofsi_xml(text); break;
    }
    (void)wl::detect_list_format("fuzz.ods", text.substr(0, 4096));
    wl::Screener s;
    s.add(list);
    wl::VesselIdentity v;
    v.names = {"ANGARA", "Chon Ma San"};
    v.imos = {9179842, 8660313};
    (void)s.screen(v);
    return 0;
  }
  try {
    auto screen = [](tidewatch::watchlist::WatchList list) {
      tidewatch::watchlist::Screener s;
      s.add(std::move(list));
      tidewatch::watchlist::VesselIdentity v;
      v.mmsi = 273123456;
      v.names = {"MARIA", "SPARTA III"};
      v.imos = {9179842, 1790183};  // a ship IMO and a company number (owner_imo)
      v.callsigns = {"UBTN6"};
      (void)s.screen(v);
    };
    switch (data[0] % 11) {
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
      case 9:
        screen(tidewatch::watchlist::read_ofac_enhanced_xml(text));
        break;
      case 10:
        screen(tidewatch::watchlist::read_eu_fsf_xml(text));
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
