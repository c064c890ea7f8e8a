#include "tidewatch/report/event_json.h"

#include <utility>

#include "tidewatch/report/text.h"

namespace tidewatch::report {

EventJson& EventJson::head(std::string_view type, std::uint32_t mmsi, UnixMillis start,
                           UnixMillis end) {
  s_.append("{\"type\":");
  put_json_str(s_, type);
  s_.append(",\"mmsi\":");
  put_u(s_, mmsi);
  s_.append(",\"start\":");
  put_json_str(s_, iso_seconds(start));
  s_.append(",\"end\":");
  put_json_str(s_, iso_seconds(end));
  return *this;
}

EventJson& EventJson::at(double lat, double lon) {
  s_.append(",\"lat\":");
  put_deg(s_, lat);
  s_.append(",\"lon\":");
  put_deg(s_, lon);
  return *this;
}

EventJson& EventJson::ref(const LineRef& r) {
  s_.append("{\"source\":");
  put_json_str(s_, r.source < names_.size() ? std::string_view(names_[r.source]) : "");
  s_.append(",\"line\":");
  put_u(s_, r.line);
  s_.push_back('}');
  return *this;
}

EventJson& EventJson::evidence(std::span<const LineRef> refs) {
  s_.append(",\"evidence\":[");
  for (std::size_t i = 0; i < refs.size(); ++i) {
    if (i > 0) s_.push_back(',');
    ref(refs[i]);
  }
  s_.push_back(']');
  return *this;
}

EventJson& EventJson::key(std::string_view name) {
  s_.push_back(',');
  put_json_str(s_, name);
  s_.push_back(':');
  return *this;
}

EventJson& EventJson::str(std::string_view v) {
  put_json_str(s_, v);
  return *this;
}
EventJson& EventJson::u(std::uint64_t v) {
  put_u(s_, v);
  return *this;
}
EventJson& EventJson::fixed(double v, int digits) {
  put_fixed(s_, v, digits);
  return *this;
}
EventJson& EventJson::deg(double v) {
  put_deg(s_, v);
  return *this;
}
EventJson& EventJson::boolean(bool v) {
  s_.append(v ? "true" : "false");
  return *this;
}
EventJson& EventJson::time(UnixMillis t) {
  put_json_str(s_, iso_seconds(t));
  return *this;
}
EventJson& EventJson::raw(std::string_view json) {
  s_.append(json);
  return *this;
}

std::string EventJson::finish() {
  s_.append("}\n");
  return std::exchange(s_, std::string());
}

}  // namespace tidewatch::report
