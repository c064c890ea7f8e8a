#include "tidewatch/report/rejects.h"

#include "tidewatch/report/json_out.h"

namespace tidewatch::report {

void write_reject_json(OutBuffer& out, const RejectedLine& r, std::string_view source_name) {
  JsonOut j(out, 256);
  j.raw("{\"source\":").str(source_name).raw(",\"line\":").u(r.where.line);
  j.raw(",\"reason\":\"").raw(reject_reason_name(r.reason)).raw("\",\"text\":").str(r.text);
  j.raw("}\n");
}

}  // namespace tidewatch::report
