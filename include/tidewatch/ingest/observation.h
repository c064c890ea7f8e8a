#pragma once
// One observation of a vessel, whatever the input format: a position report
// or a static (identity/voyage) report, with its time, its source line and
// the fields every later stage needs.  NMEA messages (ais::Message) and every
// provider reader (DMA CSV, MarineCadastre CSV, GFW JSON, gpsd JSON, generic
// CSV) produce Observations; tracks, identity and detectors consume them.
//
// Units: positions in 1e-7 degree (int32, about 1 cm), speed in 1/10 knot,
// course in 1/10 degree, heading in degrees, draught in 1/10 metre; times in
// Unix milliseconds UTC.  "Not available" is an empty std::optional.

#include <cstdint>
#include <optional>

#include "tidewatch/ais/messages.h"
#include "tidewatch/ais/text.h"
#include "tidewatch/core/reject.h"
#include "tidewatch/core/time.h"

namespace tidewatch::ingest {

/// AIS equipment class of the transmitter, as far as the input tells.
enum class Transponder : std::uint8_t {
  unknown,
  class_a,   ///< types 1-3, 5; DMA "Class A"; MarineCadastre "A"
  class_b,   ///< types 18, 19, 24; DMA "Class B"
  other,     ///< base stations, AtoN, SAR aircraft
};

struct PositionFix {
  std::int32_t lat_e7 = 0;               ///< degrees x 1e7, -90e7..90e7
  std::int32_t lon_e7 = 0;               ///< degrees x 1e7, -180e7..180e7
  std::optional<std::uint16_t> sog;      ///< speed over ground, 1/10 kn, 0..1022
  std::optional<std::uint16_t> cog;      ///< course over ground, 1/10 degree, 0..3599
  std::optional<std::uint16_t> heading;  ///< true heading, degrees 0..359
  std::optional<std::uint8_t> status;    ///< navigational status 0..15 (Class A)

  [[nodiscard]] double lat() const noexcept { return lat_e7 * 1e-7; }
  [[nodiscard]] double lon() const noexcept { return lon_e7 * 1e-7; }
};

struct StaticInfo {
  ais::FixedText<20> name;
  ais::FixedText<7> callsign;
  std::optional<std::uint32_t> imo;      ///< as broadcast (check digit not yet validated)
  std::optional<std::uint8_t> shiptype;  ///< ITU-R M.1371 ship and cargo type 1..99
  ais::Dimensions dimensions;            ///< metres to bow/stern/port/starboard (0 = n/a)
  std::optional<std::uint8_t> draught;   ///< 1/10 m
  ais::FixedText<20> destination;
};

struct Observation {
  enum class Kind : std::uint8_t { position, static_info };

  std::uint32_t mmsi = 0;
  UnixMillis time = 0;
  Kind kind = Kind::position;
  std::uint8_t msg_type = 0;    ///< AIS message type 1..27 when known, else 0
  Transponder transponder = Transponder::unknown;
  LineRef ref;                  ///< input and line it came from (evidence)
  std::uint64_t msgid = 0;      ///< provider message id hash (GFW "msgid"), 0 when none
  PositionFix position;         ///< valid when kind == position
  StaticInfo info;              ///< valid when kind == static_info
};

}  // namespace tidewatch::ingest
