// The pipeline's writer into the store (include/tidewatch/store/pipeline_store.h).

#include "tidewatch/store/pipeline_store.h"

#include <algorithm>
#include <filesystem>
#include <ostream>

#include "tidewatch/core/sha256.h"

namespace tidewatch::store {

PipelineStore::PipelineStore(const std::string& path, std::string_view program, std::uint32_t batch_vessels)
    : store_(Store::open(path, Mode::create)), batch_(batch_vessels) {
  store_.begin_run(program);
}

void PipelineStore::add_inputs(const std::vector<std::string>& paths, const std::vector<std::string>& names,
                               std::ostream* log) {
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const std::string& name = i < names.size() ? names[i] : paths[i];
    std::string sha;
    std::uint64_t size = 0;
    if (paths[i] != "-") {
      try {
        sha = sha256_file(paths[i]);
        std::error_code ec;
        size = std::filesystem::file_size(paths[i], ec);
        if (ec) size = 0;
      } catch (const std::exception&) {
        sha.clear();
      }
    }
    if (sha.empty()) sha = "stdin:run:" + std::to_string(store_.current_run()) + ":" + std::to_string(i);
    const AddedInput a = store_.add_input(name, size, sha);
    input_id_.push_back(a.id);
    stored_before_.push_back(a.already_stored);
    if (a.already_stored && log != nullptr)
      *log << "tidewatch: --store: " << name << " already stored (run " << a.first_run
           << "): its positions are not merged again\n";
  }
}

void PipelineStore::vessel(std::uint32_t mmsi, const std::vector<ingest::Observation>& pos,
                           const std::vector<const track::Segment*>& tracks,
                           const track::IdentityHistory& hist, UnixMillis first_seen, UnixMillis last_seen) {
  store_.put_vessel(VesselRow{mmsi, std::string(hist.mmsi_class()), std::string(hist.flag()), first_seen, last_seen});
  std::vector<Position> rows;
  rows.reserve(pos.size());
  for (const auto& o : pos) {
    const std::uint32_t src = o.ref.source;
    if (src < stored_before_.size() && stored_before_[src]) continue;
    Position p;
    p.time = o.time;
    p.source = src < input_id_.size() ? input_id_[src] : 0;
    p.line = o.ref.line;
    p.lat_e7 = o.position.lat_e7;
    p.lon_e7 = o.position.lon_e7;
    if (o.position.sog) p.sog = *o.position.sog;
    if (o.position.cog) p.cog = *o.position.cog;
    if (o.position.heading) p.heading = *o.position.heading;
    rows.push_back(p);
  }
  positions_ += store_.add_positions(mmsi, rows);
  for (std::size_t i = 0; i < tracks.size(); ++i) {
    const auto& seg = *tracks[i];
    if (seg.members.empty()) continue;
    TrackRow t;
    t.mmsi = mmsi;
    t.positions = seg.members.size();
    t.start = pos[seg.members.front()].time;
    t.end = t.start;
    t.min_lat_e7 = t.max_lat_e7 = pos[seg.members.front()].position.lat_e7;
    t.min_lon_e7 = t.max_lon_e7 = pos[seg.members.front()].position.lon_e7;
    for (auto m : seg.members) {
      const auto& o = pos[m];
      t.start = std::min(t.start, o.time);
      t.end = std::max(t.end, o.time);
      t.min_lat_e7 = std::min(t.min_lat_e7, o.position.lat_e7);
      t.max_lat_e7 = std::max(t.max_lat_e7, o.position.lat_e7);
      t.min_lon_e7 = std::min(t.min_lon_e7, o.position.lon_e7);
      t.max_lon_e7 = std::max(t.max_lon_e7, o.position.lon_e7);
    }
    t.segment_id = std::to_string(mmsi) + "-" + std::to_string(i);
    store_.add_track(t);
  }
  for (std::size_t f = 0; f < track::kIdentityFieldCount; ++f) {
    const auto field = static_cast<track::IdentityField>(f);
    for (const auto& e : hist.entries(field)) {
      IdentityRow r;
      r.mmsi = mmsi;
      r.field = std::string(track::identity_field_name(field));
      r.value = e.value;
      r.first_seen = e.first_time;
      r.last_seen = e.last_time;
      r.count = e.count;
      r.valid = e.valid;
      store_.add_identity(r);
    }
  }
  store_.vessel_done(batch_);
}

void PipelineStore::event(std::string_view json_line) {
  if (store_.add_event_json(json_line)) ++events_new_; else ++events_known_;
}

void PipelineStore::finish(std::ostream* log) {
  store_.finish_run();
  if (log != nullptr)
    *log << "tidewatch: --store: run " << store_.current_run() << ": " << positions_ << " new positions, "
         << events_new_ << " new events (" << events_known_ << " already stored)\n";
}

}  // namespace tidewatch::store
