#pragma once
// Rejected input lines as JSON Lines, one object per rejected line:
//   {"source":"feed.nmea","line":17,"reason":"bad_checksum","text":"!AIVDM,..."}

#include <string_view>

#include "tidewatch/core/reject.h"
#include "tidewatch/report/out_buffer.h"

namespace tidewatch::report {

void write_reject_json(OutBuffer& out, const RejectedLine& rejected, std::string_view source_name);

}  // namespace tidewatch::report
