#include "tidewatch/ingest/nmea_in.h"

#include <cmath>

#include "fields.h"

namespace tidewatch::ingest {

namespace {

/// 1/10000 minute -> 1e-7 degree; false when out of range.
bool to_e7(std::optional<std::int32_t> v, double per_degree, double limit, std::int32_t& out) {
  if (!v) return false;
  const double deg = *v / per_degree;
  if (deg < -limit || deg > limit) return false;
  out = static_cast<std::int32_t>(std::llround(deg * 1e7));
  return true;
}

template <typename R>
bool fill_position(const R& r, PositionFix& fix, double per_degree) {
  if (!to_e7(r.lat, per_degree, 90, fix.lat_e7) || !to_e7(r.lon, per_degree, 180, fix.lon_e7))
    return false;
  fix.sog = r.speed;
  fix.cog = r.course;
  return true;
}

std::optional<std::uint8_t> shiptype(std::uint8_t v) {
  if (v >= 1 && v <= 99) return v;
  return std::nullopt;
}

}  // namespace

MessageObservations observations_from_message(const ais::Message& m, UnixMillis time,
                                              LineRef ref) {
  MessageObservations out;
  Observation base;
  base.mmsi = m.mmsi;
  base.time = time;
  base.msg_type = m.type;
  base.ref = ref;
  auto add_position = [&](Transponder t, auto fill) {
    out.used_type = true;
    Observation o = base;
    o.kind = Observation::Kind::position;
    o.transponder = t;
    if (fill(o.position)) {
      out.items[out.count++] = o;
    } else {
      out.no_position = true;
    }
  };
  auto add_static = [&](Transponder t, auto fill) {
    out.used_type = true;
    Observation o = base;
    o.kind = Observation::Kind::static_info;
    o.transponder = t;
    fill(o.info);
    out.items[out.count++] = o;
  };
  if (const auto* a = std::get_if<ais::PositionReportA>(&m.body)) {
    add_position(Transponder::class_a, [&](PositionFix& f) {
      if (!fill_position(*a, f, 600000.0)) return false;
      f.heading = a->heading;
      if (a->status < 15) f.status = a->status;
      return true;
    });
  } else if (const auto* b = std::get_if<ais::PositionReportB>(&m.body)) {
    add_position(Transponder::class_b, [&](PositionFix& f) {
      if (!fill_position(*b, f, 600000.0)) return false;
      f.heading = b->heading;
      return true;
    });
  } else if (const auto* x = std::get_if<ais::ExtendedPositionReportB>(&m.body)) {
    add_position(Transponder::class_b, [&](PositionFix& f) {
      if (!fill_position(*x, f, 600000.0)) return false;
      f.heading = x->heading;
      return true;
    });
    add_static(Transponder::class_b, [&](StaticInfo& i) {
      i.name = x->shipname;
      i.shiptype = shiptype(x->shiptype);
      i.dimensions = x->dimensions;
    });
  } else if (const auto* l = std::get_if<ais::LongRangePosition>(&m.body)) {
    add_position(Transponder::class_a, [&](PositionFix& f) {
      if (!to_e7(l->lat, 600.0, 90, f.lat_e7) || !to_e7(l->lon, 600.0, 180, f.lon_e7))
        return false;
      if (l->speed) f.sog = static_cast<std::uint16_t>(*l->speed * 10U);
      if (l->course) f.cog = static_cast<std::uint16_t>(*l->course * 10U);
      if (l->status < 15) f.status = l->status;
      return true;
    });
  } else if (const auto* s = std::get_if<ais::StaticAndVoyage>(&m.body)) {
    add_static(Transponder::class_a, [&](StaticInfo& i) {
      i.name = s->shipname;
      i.callsign = s->callsign;
      if (s->imo && *s->imo != 0) i.imo = s->imo;
      i.shiptype = shiptype(s->shiptype);
      i.dimensions = s->dimensions;
      i.draught = s->draught;
      i.destination = s->destination;
    });
  } else if (const auto* r = std::get_if<ais::StaticDataReport>(&m.body)) {
    add_static(Transponder::class_b, [&](StaticInfo& i) {
      using Part = ais::StaticDataReport::Part;
      if (r->part != Part::B) i.name = r->shipname;
      if (r->part != Part::A) {
        i.callsign = r->callsign;
        i.shiptype = shiptype(r->shiptype);
        if (m.mmsi / 10000000 != 98) i.dimensions = r->dimensions;
      }
    });
  }
  return out;
}

struct NmeaReader::Impl final : ais::DecodeSink {
  Impl(ObservationSink& sink, std::uint32_t source, ais::DecoderOptions options)
      : em{sink, source, {}}, decoder(options, *this) {
    decoder.begin_source(source);
  }
  void on_message(const ais::Message& m, const ais::MessageMeta& meta) override {
    const bool position_or_static =
        m.type == 1 || m.type == 2 || m.type == 3 || m.type == 5 || m.type == 18 ||
        m.type == 19 || m.type == 24 || m.type == 27;
    if (!position_or_static) {
      ++em.stats.ignored_messages;
      return;
    }
    if (!meta.rxtime) {
      ++em.stats.no_time;
      return;
    }
    const MessageObservations obs = observations_from_message(m, *meta.rxtime, meta.first);
    if (obs.no_position) ++em.stats.no_position;
    for (std::size_t i = 0; i < obs.count; ++i) em.emit(obs.items[i]);
  }
  void on_reject(const RejectedLine& r) override {
    ++em.stats.rejected[static_cast<std::size_t>(r.reason)];
    em.sink.on_reject(r);
  }

  detail::Emitter em;
  ais::StreamDecoder decoder;
  bool finished = false;
};

NmeaReader::NmeaReader(ObservationSink& sink, std::uint32_t source, ais::DecoderOptions options)
    : impl_(std::make_unique<Impl>(sink, source, options)) {}
NmeaReader::~NmeaReader() = default;

void NmeaReader::feed_line(std::string_view text, std::uint64_t line) {
  ++impl_->em.stats.lines;
  impl_->decoder.feed_line(text, line);
}
void NmeaReader::reject_line(std::string_view text, std::uint64_t line, RejectReason reason) {
  ++impl_->em.stats.lines;
  impl_->decoder.reject_line(text, line, reason);
}
void NmeaReader::finish() {
  if (impl_->finished) return;
  impl_->finished = true;
  impl_->decoder.end_source();
}
const IngestStats& NmeaReader::stats() const noexcept {
  impl_->em.stats.skipped = impl_->decoder.stats().skipped;
  return impl_->em.stats;
}
const ais::DecodeStats& NmeaReader::decode_stats() const noexcept {
  return impl_->decoder.stats();
}

}  // namespace tidewatch::ingest
