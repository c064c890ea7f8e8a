#pragma once
// Decoded AIS messages as one flat CSV table (RFC 4180), one row per message,
// for spreadsheets, pandas and QGIS: positions in degrees, speed in knots,
// course in degrees, draught in metres; an empty cell where the message type
// has no such field or the value is "not available".

#include <string_view>

#include "tidewatch/ais/messages.h"
#include "tidewatch/ais/stream.h"
#include "tidewatch/report/out_buffer.h"

namespace tidewatch::report {

/// The header line (with "\n").
std::string_view decode_csv_header() noexcept;

/// Appends one row (with "\n").
void write_decode_csv(OutBuffer& out, const ais::Message& message, const ais::MessageMeta& meta,
                      std::string_view source_name);

}  // namespace tidewatch::report
