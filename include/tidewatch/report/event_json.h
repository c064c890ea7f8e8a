#pragma once
// One line of events.jsonl (../shared/contracts/results.md): every event
// starts with type, mmsi, start, end, lat, lon and evidence, then its own
// fields.  EventJson writes them in that order so every detector's events
// look alike:
//
//   EventJson e(names);               // input names, indexed by LineRef::source
//   e.head("gap", mmsi, t0, t1).at(lat, lon).evidence(refs);
//   e.key("suspected_disabling").boolean(true);
//   std::string line = e.finish();     // '{...}\n'

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tidewatch/core/reject.h"
#include "tidewatch/core/time.h"

namespace tidewatch::report {

class EventJson {
 public:
  explicit EventJson(const std::vector<std::string>& source_names) : names_(source_names) {}

  /// {"type":T,"mmsi":M,"start":ISO,"end":ISO
  EventJson& head(std::string_view type, std::uint32_t mmsi, UnixMillis start, UnixMillis end);
  /// ,"lat":..,"lon":.. in degrees (1e-7 precision)
  EventJson& at(double lat, double lon);
  /// ,"evidence":[{"source":NAME,"line":N},...]
  EventJson& evidence(std::span<const LineRef> refs);
  /// ,"NAME": (the value follows)
  EventJson& key(std::string_view name);
  EventJson& str(std::string_view v);
  EventJson& u(std::uint64_t v);
  EventJson& fixed(double v, int digits);
  EventJson& deg(double v);
  EventJson& boolean(bool v);
  EventJson& time(UnixMillis t);
  /// A raw JSON fragment (already valid JSON).
  EventJson& raw(std::string_view json);
  /// {"source":NAME,"line":N}
  EventJson& ref(const LineRef& r);
  /// Closes the object and returns the line with its '\n'; the builder is empty after.
  std::string finish();

 private:
  const std::vector<std::string>& names_;
  std::string s_;
};

}  // namespace tidewatch::report
