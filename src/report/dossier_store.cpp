// The vessel dossier from the SQLite store (`tidewatch report --store`,
// docs/dossier.md): the same Dossier as dossiers_from_run (dossier.cpp) gives
// for the run that filled the store, built from the store's vessels, day
// chunks of positions, tracks, identity runs, events and inputs.  The input
// files are read only for the raw evidence lines.  The steps both share are
// in dossier_build.cpp.

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "dossier_build.h"
#include "tidewatch/report/dossier.h"
#include "tidewatch/store/store.h"
#include "tidewatch/version.h"

namespace tidewatch::report {

// File-local helpers in a named namespace: src/report may be compiled as a
// unity build (several .cpp files in one translation unit).
namespace store_detail {

using nlohmann::json;

/// The store's identity runs as the rows dossiers_from_run makes from the
/// static reports: one row per (mmsi, field, value) with the first and last
/// report and the number of reports; draught and dimensions under the run's
/// field names ("draught_m", "dimensions_m" as "L x B").
void add_store_identity(const std::vector<store::IdentityRow>& runs, std::map<std::tuple<std::uint32_t, std::string, std::string>, IdentityRow>& rows) {
  for (const store::IdentityRow& s : runs) {
    std::string field = s.field, value = s.value;
    if (field == "draught") field = "draught_m";
    if (field == "dimensions") {
      field = "dimensions_m";
      const auto x = value.find('x');
      if (x != std::string::npos) value = value.substr(0, x) + " x " + value.substr(x + 1);
    }
    auto [it, fresh] = rows.try_emplace({s.mmsi, field, value});
    IdentityRow& r = it->second;
    if (fresh) {
      r.mmsi = s.mmsi;
      r.field = field;
      r.value = value;
      r.first_seen = s.first_seen;
      r.last_seen = s.last_seen;
      if (field == "imo" && !s.valid) r.note = "check digit invalid";
    }
    r.first_seen = std::min(r.first_seen, s.first_seen);
    r.last_seen = std::max(r.last_seen, s.last_seen);
    r.count += s.count;
  }
}

/// Times of tracks.geojson are whole seconds (report::iso_seconds); the
/// store keeps milliseconds.  The page shows the run's.
UnixMillis floor_to_second(UnixMillis t) { return t - (((t % 1000) + 1000) % 1000); }

/// The store input an evidence source name of an event of run `run` means:
/// the one of that name added last by run `run` or before (a name can be
/// reused for other bytes by a later run); nullopt when the store has none.
std::optional<std::size_t> store_input_of(const std::vector<store::InputRow>& inputs, const std::string& name,
                                          std::int64_t run) {
  std::optional<std::size_t> best, any;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].name != name) continue;
    if (!any) any = i;
    if (inputs[i].first_run <= run && (!best || inputs[i].first_run >= inputs[*best].first_run)) best = i;
  }
  return best ? best : any;
}

/// The segment of each position (the store keeps no segment geometry): a
/// segment of its MMSI whose time span and bounding box hold it; of several,
/// the one whose last position so far is nearest.  Positions in none are
/// noise (drawn as dots).  `track` is in time order.
void assign_segments_by_box(std::vector<DossierPoint>& track, const std::vector<store::TrackRow>& rows) {
  std::vector<std::size_t> by_start(rows.size());
  for (std::size_t k = 0; k < rows.size(); ++k) by_start[k] = k;
  std::stable_sort(by_start.begin(), by_start.end(),
                   [&rows](std::size_t a, std::size_t b) { return rows[a].start < rows[b].start; });
  std::vector<std::size_t> active;
  std::vector<const DossierPoint*> last(rows.size(), nullptr);
  std::size_t next = 0;
  for (DossierPoint& p : track) {
    while (next < by_start.size() && rows[by_start[next]].start <= p.t) active.push_back(by_start[next++]);
    active.erase(std::remove_if(active.begin(), active.end(), [&](std::size_t k) { return rows[k].end < p.t; }),
                 active.end());
    const auto lat = std::llround(p.lat * 1e7), lon = std::llround(p.lon * 1e7);
    int best = -1;
    double best_d = std::numeric_limits<double>::infinity();
    for (std::size_t k : active) {
      const store::TrackRow& r = rows[k];
      if (r.mmsi != p.mmsi || lat < r.min_lat_e7 || lat > r.max_lat_e7 || lon < r.min_lon_e7 || lon > r.max_lon_e7)
        continue;
      double dist = std::numeric_limits<double>::max();  // no position yet: after any continuing segment
      if (last[k] != nullptr) {
        const double dy = p.lat - last[k]->lat;
        const double dx = (p.lon - last[k]->lon) * std::cos(p.lat * 3.14159265358979323846 / 180.0);
        dist = dx * dx + dy * dy;
      }
      if (best < 0 || dist < best_d || (dist == best_d && static_cast<int>(k) < best)) {
        best = static_cast<int>(k);
        best_d = dist;
      }
    }
    if (best >= 0) {
      p.segment = best;
      last[static_cast<std::size_t>(best)] = &p;
    }
  }
}

/// The segment index of "mmsi-n", for the order of tracks.geojson.
std::uint64_t segment_number(const std::string& id) {
  const auto dash = id.rfind('-');
  std::uint64_t n = 0;
  if (dash == std::string::npos || !dossier_build::parse_u64(std::string_view(id).substr(dash + 1), n))
    return std::numeric_limits<std::uint64_t>::max();
  return n;
}

}  // namespace store_detail

std::vector<Dossier> dossiers_from_store(const StoreRequest& req, std::ostream* log) {
  const store::Store st = store::Store::open(req.store_path, store::Mode::read_only);
  std::string programs;  // the page header's "runs of ..."
  for (const std::string& p : st.run_programs()) programs += (programs.empty() ? "" : ", ") + p;

  // Every input of the store, matched to the given files as for a run.
  const std::vector<store::InputRow> store_inputs = st.inputs();
  std::vector<DossierInput> all_inputs;
  for (const store::InputRow& r : store_inputs) {
    DossierInput d;
    d.name = r.name;
    d.size = r.size;
    d.sha256 = r.sha256;
    all_inputs.push_back(std::move(d));
  }
  dossier_build::match_input_files(all_inputs, req.inputs, "the store", nullptr, log);

  // Which vessels.
  std::vector<Dossier> out;
  if (req.vessels.empty()) {
    for (std::uint32_t m : st.mmsis_with_events()) {
      Dossier d;
      d.key = std::to_string(m);
      d.mmsis = {m};
      out.push_back(std::move(d));
    }
  } else {
    for (const std::string& v : req.vessels) {
      const dossier_build::VesselAsk a =
          dossier_build::parse_vessel_ask(v, [&st](std::uint32_t id) { return st.vessel_summary(id).has_value(); });
      Dossier d;
      d.key = a.key();
      if (a.by_imo) {
        d.mmsis = st.mmsis_by_imo(a.id);
        if (d.mmsis.empty()) throw std::runtime_error("--vessel " + v + ": no vessel of the store broadcast IMO " + a.digits);
        d.imos.push_back(a.id);
      } else {
        d.mmsis = {a.id};
      }
      out.push_back(std::move(d));
    }
  }

  for (std::size_t di = 0; di < out.size(); ++di) {
    Dossier& d = out[di];
    d.program = programs;
    d.version = kVersion;
    d.store = req.store_path;

    // Per MMSI: identity runs, tracks, events, positions.
    std::map<std::tuple<std::uint32_t, std::string, std::string>, IdentityRow> identity;
    std::vector<store::TrackRow> track_rows;
    std::vector<store::EventRow> event_rows;
    std::vector<store::Position> positions;
    std::vector<std::uint32_t> position_mmsi;
    for (std::uint32_t m : d.mmsis) {
      const std::optional<store::VesselSummary> vs = st.vessel_summary(m);
      if (!vs) {  // events of an MMSI without a vessel row (the run gives it a page too)
        if (!req.vessels.empty()) throw std::runtime_error("--vessel " + std::to_string(m) + ": MMSI not in the store");
        const std::vector<store::EventRow> evs = st.vessel_events(m);
        event_rows.insert(event_rows.end(), evs.begin(), evs.end());
        continue;
      }
      store_detail::add_store_identity(vs->identity, identity);
      std::vector<store::TrackRow> tr = vs->tracks;
      std::stable_sort(tr.begin(), tr.end(), [](const store::TrackRow& a, const store::TrackRow& b) {
        const std::uint64_t na = store_detail::segment_number(a.segment_id), nb = store_detail::segment_number(b.segment_id);
        return std::tie(a.start, na, a.end, a.positions) < std::tie(b.start, nb, b.end, b.positions);
      });
      track_rows.insert(track_rows.end(), tr.begin(), tr.end());
      event_rows.insert(event_rows.end(), vs->events.begin(), vs->events.end());
      // All of its days (the store's chunks are whole UTC days; +-3e13 ms is about +-950 years).
      const std::vector<store::Position> ps = st.vessel_track(m, -30'000'000'000'000LL, 30'000'000'000'000LL);
      positions.insert(positions.end(), ps.begin(), ps.end());
      position_mmsi.insert(position_mmsi.end(), ps.size(), m);
    }
    // Events as events.jsonl orders them: by start, then in the order the run
    // wrote them (the store's rowid follows events.jsonl).
    std::stable_sort(event_rows.begin(), event_rows.end(), [](const store::EventRow& a, const store::EventRow& b) {
      return std::tie(a.start, a.rowid) < std::tie(b.start, b.rowid);
    });
    std::vector<nlohmann::json> events;
    events.reserve(event_rows.size());
    for (const store::EventRow& e : event_rows) events.push_back(nlohmann::json::parse(e.json));

    // The page's inputs: the store inputs its positions and evidence refer to,
    // in the store's order (a run's order for a store one run filled).
    std::set<std::size_t> used;  // indices into store_inputs
    std::map<std::uint32_t, std::size_t> index_of_id;
    for (std::size_t i = 0; i < store_inputs.size(); ++i) index_of_id[store_inputs[i].id] = i;
    for (const store::Position& p : positions) {
      auto it = index_of_id.find(p.source);
      if (it != index_of_id.end()) used.insert(it->second);
    }
    for (std::size_t i = 0; i < events.size(); ++i)
      if (events[i].contains("evidence") && events[i]["evidence"].is_array())
        for (const auto& r : events[i]["evidence"])
          if (r.is_object())
            if (auto k = store_detail::store_input_of(store_inputs, r.value("source", ""), event_rows[i].run)) used.insert(*k);
    std::map<std::size_t, std::uint32_t> page_index;  // store_inputs index -> Dossier::inputs index
    for (std::size_t k : used) {
      page_index[k] = static_cast<std::uint32_t>(d.inputs.size());
      d.inputs.push_back(all_inputs[k]);
    }

    // Events, with their evidence refs, and the sanctions matches.
    for (std::size_t i = 0; i < events.size(); ++i) {
      const std::int64_t run = event_rows[i].run;
      DossierEvent ev = dossier_build::event_from_json(events[i], event_rows[i].json, [&](const std::string& name) {
        if (auto k = store_detail::store_input_of(store_inputs, name, run)) return page_index.at(*k);
        for (std::uint32_t j = 0; j < d.inputs.size(); ++j)
          if (d.inputs[j].name == name) return j;
        DossierInput extra;  // a name the store has no input for
        extra.name = name;
        d.inputs.push_back(extra);
        return static_cast<std::uint32_t>(d.inputs.size() - 1);
      });
      if (ev.type == "watchlist_match") d.matches.push_back(dossier_build::match_from_json(events[i], event_rows[i].json));
      d.events.push_back(std::move(ev));
    }

    // Segments in tracks.geojson's order (per MMSI by index), times as it writes them.
    for (const store::TrackRow& r : track_rows) {
      TrackSegment s;
      s.id = r.segment_id;
      s.mmsi = r.mmsi;
      s.start = store_detail::floor_to_second(r.start);
      s.end = store_detail::floor_to_second(r.end);
      s.n_positions = r.positions;
      d.segments.push_back(std::move(s));
    }

    // Positions.
    d.track.reserve(positions.size());
    for (std::size_t i = 0; i < positions.size(); ++i) {
      const store::Position& p = positions[i];
      DossierPoint q;
      q.t = p.time;
      q.lat = p.lat_e7 * 1e-7;  // as ingest::Position::lat()
      q.lon = p.lon_e7 * 1e-7;
      q.mmsi = position_mmsi[i];
      auto it = index_of_id.find(p.source);
      q.source = it != index_of_id.end() ? page_index.at(it->second) : 0;
      q.line = p.line;
      d.track.push_back(q);
    }
    for (auto& kv : identity) d.identity.push_back(std::move(kv.second));
    dossier_build::finish_dossier(d);
    store_detail::assign_segments_by_box(d.track, track_rows);
  }

  dossier_build::fill_raw_lines(out, req.max_raw_lines);
  if (log != nullptr) {
    std::set<std::string> told;
    for (const Dossier& d : out)
      for (const DossierInput& in : d.inputs)
        if (in.path.empty() && told.insert(in.name).second)
          *log << "tidewatch report: input " << in.name << " not given (--inputs): no raw lines from it\n";
  }
  return out;
}

}  // namespace tidewatch::report
