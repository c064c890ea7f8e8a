#pragma once
// A sink that keeps what an observation reader produced, for tests.

#include <string>
#include <vector>

#include "tidewatch/ingest/observation.h"
#include "tidewatch/ingest/observation_sink.h"

namespace tidewatch::test {

struct ObservationCollector final : ingest::ObservationSink {
  std::vector<ingest::Observation> obs;
  std::vector<RejectedLine> rejects;     ///< text cleared; see reject_texts
  std::vector<std::string> reject_texts;

  void on_observation(const ingest::Observation& o) override { obs.push_back(o); }
  void on_reject(const RejectedLine& r) override {
    reject_texts.emplace_back(r.text);
    rejects.push_back(r);
    rejects.back().text = {};
  }
  /// The observations of one kind, in order.
  [[nodiscard]] std::vector<ingest::Observation> of(ingest::Observation::Kind k) const {
    std::vector<ingest::Observation> out;
    for (const auto& o : obs)
      if (o.kind == k) out.push_back(o);
    return out;
  }
};

}  // namespace tidewatch::test
