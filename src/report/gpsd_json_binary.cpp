#include "tidewatch/report/gpsd_json.h"

namespace tidewatch::report {

bool write_gpsd_application(JsonOut& /*j*/, const ais::ApplicationData& data, bool /*scaled*/) {
  return !std::holds_alternative<std::monostate>(data);
}

}  // namespace tidewatch::report
