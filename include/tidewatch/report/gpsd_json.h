#pragma once
// AIS messages as JSON Lines with gpsd's field names, order and units, so
// that tools written for `gpsdecode -j` (scaled: degrees, knots) or
// `gpsdecode -u -j` (unscaled: the wire's integers) read tidewatch's output.
// The gpsd fields come first and match gpsd 3.22 exactly (see
// docs/decode.md for the few deliberate differences); tidewatch's own fields
// follow: "rxtime" (ISO 8601, when the input carries a receive time),
// "station", "source", "line" and "line_last" (for multi-line messages),
// and "checksum_ok": false when a bad checksum was accepted.

#include <string_view>

#include "tidewatch/ais/messages.h"
#include "tidewatch/ais/stream.h"
#include "tidewatch/report/json_out.h"
#include "tidewatch/report/out_buffer.h"

namespace tidewatch::report {

struct GpsdJsonOptions {
  bool scaled = true;      ///< `gpsdecode -j` (true) or `-u -j` (false)
  bool provenance = true;  ///< append rxtime, station, source, line
};

/// Appends one message as a JSON object and "\n".
void write_gpsd_json(OutBuffer& out, const ais::Message& message, const ais::MessageMeta& meta,
                     std::string_view source_name, const GpsdJsonOptions& options);

/// The gpsd fields of a type 6 or 8 application message (after "fid"),
/// without the closing brace.  Returns false when `data` is monostate (the
/// caller then writes the raw "data").  Implemented in gpsd_json_binary.cpp.
bool write_gpsd_application(JsonOut& j, const ais::ApplicationData& data, bool scaled);

/// Text legends gpsd prints beside codes.
std::string_view navigation_status_text(unsigned status) noexcept;
std::string_view epfd_text(unsigned epfd) noexcept;
std::string_view ship_type_text(unsigned type) noexcept;
std::string_view station_type_text(unsigned type) noexcept;
std::string_view aid_type_text(unsigned type) noexcept;

}  // namespace tidewatch::report
