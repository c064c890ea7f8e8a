#include "tidewatch/report/decode_csv.h"

#include <charconv>
#include <optional>

#include "tidewatch/core/time.h"

namespace tidewatch::report {

using namespace tidewatch::ais;

std::string_view decode_csv_header() noexcept {
  return "source,line,rxtime,station,type,repeat,mmsi,lat,lon,speed,course,heading,status,"
         "turn,second,accuracy,imo,callsign,shipname,shiptype,to_bow,to_stern,to_port,"
         "to_starboard,draught,eta,destination,part,dac,fid\n";
}

namespace {

/// The columns after "mmsi", filled per message type.
struct Row {
  std::optional<double> lat, lon;       // degrees
  std::optional<double> speed;          // knots
  std::optional<double> course;         // degrees
  std::optional<unsigned> heading;      // degrees
  std::optional<unsigned> status;
  std::optional<int> turn;              // ROT indicator
  std::optional<unsigned> second;
  std::optional<bool> accuracy;
  std::optional<unsigned> imo;
  std::string_view callsign, shipname;
  std::optional<unsigned> shiptype;
  const Dimensions* dims = nullptr;
  std::optional<double> draught;        // metres
  const Eta* eta = nullptr;
  std::string_view destination;
  std::string_view part;
  std::optional<unsigned> dac, fid;
};

std::optional<double> deg(const std::optional<std::int32_t>& v, double per_degree) {
  if (!v) return std::nullopt;
  return *v / per_degree;
}
std::optional<double> tenths(const std::optional<std::uint16_t>& v) {
  if (!v) return std::nullopt;
  return *v / 10.0;
}

template <typename P>
void position(Row& row, const P& r) {
  row.lat = deg(r.lat, 600000.0);
  row.lon = deg(r.lon, 600000.0);
  row.accuracy = r.accuracy;
  row.second = r.second ? std::optional<unsigned>(*r.second) : std::nullopt;
}

Row row_of(const Message& m) {
  Row row;
  std::visit(
      [&](const auto& r) {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, PositionReportA>) {
          position(row, r);
          row.speed = tenths(r.speed);
          row.course = tenths(r.course);
          if (r.heading) row.heading = *r.heading;
          row.status = r.status;
          if (r.turn) row.turn = *r.turn;
        } else if constexpr (std::is_same_v<T, PositionReportB> ||
                             std::is_same_v<T, ExtendedPositionReportB>) {
          position(row, r);
          row.speed = tenths(r.speed);
          row.course = tenths(r.course);
          if (r.heading) row.heading = *r.heading;
          if constexpr (std::is_same_v<T, ExtendedPositionReportB>) {
            row.shipname = r.shipname.view();
            row.shiptype = r.shiptype;
            row.dims = &r.dimensions;
          }
        } else if constexpr (std::is_same_v<T, SarAircraftPosition>) {
          position(row, r);
          if (r.speed) row.speed = *r.speed;  // whole knots
          row.course = tenths(r.course);
        } else if constexpr (std::is_same_v<T, BaseStationReport>) {
          row.lat = deg(r.lat, 600000.0);
          row.lon = deg(r.lon, 600000.0);
          row.accuracy = r.accuracy;
        } else if constexpr (std::is_same_v<T, AidToNavigationReport>) {
          position(row, r);
          row.shipname = r.name.view();
          row.dims = &r.dimensions;
        } else if constexpr (std::is_same_v<T, LongRangePosition>) {
          row.lat = deg(r.lat, 600.0);
          row.lon = deg(r.lon, 600.0);
          row.accuracy = r.accuracy;
          row.status = r.status;
          if (r.speed) row.speed = *r.speed;
          if (r.course) row.course = *r.course;
        } else if constexpr (std::is_same_v<T, StaticAndVoyage>) {
          if (r.imo) row.imo = *r.imo;
          row.callsign = r.callsign.view();
          row.shipname = r.shipname.view();
          row.shiptype = r.shiptype;
          row.dims = &r.dimensions;
          if (r.draught) row.draught = *r.draught / 10.0;
          row.eta = &r.eta;
          row.destination = r.destination.view();
        } else if constexpr (std::is_same_v<T, StaticDataReport>) {
          using Part = StaticDataReport::Part;
          row.part = r.part == Part::A ? "A" : r.part == Part::B ? "B" : "AB";
          if (r.part != Part::B) row.shipname = r.shipname.view();
          if (r.part != Part::A) {
            row.callsign = r.callsign.view();
            row.shiptype = r.shiptype;
            if (m.mmsi / 10000000 != 98) row.dims = &r.dimensions;
          }
        } else if constexpr (std::is_same_v<T, AddressedBinary> ||
                             std::is_same_v<T, BroadcastBinary>) {
          row.dac = r.dac;
          row.fid = r.fid;
        }
      },
      m.body);
  return row;
}

class CsvOut {
 public:
  explicit CsvOut(OutBuffer& out) : out_(out) {}
  void sep() { out_.push_back(','); }
  void text(std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
      out_.append(s);
      return;
    }
    out_.push_back('"');
    for (char c : s) {
      if (c == '"') out_.push_back('"');
      out_.push_back(c);
    }
    out_.push_back('"');
  }
  template <typename T>
  void num(const std::optional<T>& v) {
    if (v) num(*v);
  }
  void num(std::uint64_t v) {
    char tmp[24];
    out_.append(std::string_view(tmp, static_cast<std::size_t>(std::to_chars(tmp, tmp + 24, v).ptr - tmp)));
  }
  void num(unsigned v) { num(std::uint64_t{v}); }
  void num(int v) {
    char tmp[24];
    out_.append(std::string_view(tmp, static_cast<std::size_t>(std::to_chars(tmp, tmp + 24, v).ptr - tmp)));
  }
  void num(bool v) { out_.push_back(v ? '1' : '0'); }
  void fixed(const std::optional<double>& v, int decimals) {
    if (!v) return;
    char tmp[64];
    out_.append(std::string_view(
        tmp, static_cast<std::size_t>(
                 std::to_chars(tmp, tmp + 64, *v, std::chars_format::fixed, decimals).ptr - tmp)));
  }

 private:
  OutBuffer& out_;
};

void put2(OutBuffer& out, unsigned v) {
  out.push_back(static_cast<char>('0' + v / 10 % 10));
  out.push_back(static_cast<char>('0' + v % 10));
}

}  // namespace

void write_decode_csv(OutBuffer& out, const Message& m, const MessageMeta& meta,
                      std::string_view source_name) {
  CsvOut c(out);
  const Row row = row_of(m);
  c.text(source_name);
  c.sep();
  c.num(std::uint64_t{meta.first.line});
  c.sep();
  if (meta.rxtime) {
    char iso[kIso8601Max];
    out.append(std::string_view(iso, format_iso8601(*meta.rxtime, iso)));
  }
  c.sep();
  c.text(meta.station);
  c.sep();
  c.num(unsigned{m.type});
  c.sep();
  c.num(unsigned{m.repeat});
  c.sep();
  c.num(unsigned{m.mmsi});
  c.sep();
  c.fixed(row.lat, 6);
  c.sep();
  c.fixed(row.lon, 6);
  c.sep();
  c.fixed(row.speed, 1);
  c.sep();
  c.fixed(row.course, 1);
  c.sep();
  c.num(row.heading);
  c.sep();
  c.num(row.status);
  c.sep();
  c.num(row.turn);
  c.sep();
  c.num(row.second);
  c.sep();
  c.num(row.accuracy);
  c.sep();
  c.num(row.imo);
  c.sep();
  c.text(row.callsign);
  c.sep();
  c.text(row.shipname);
  c.sep();
  c.num(row.shiptype);
  c.sep();
  if (row.dims != nullptr) c.num(unsigned{row.dims->to_bow});
  c.sep();
  if (row.dims != nullptr) c.num(unsigned{row.dims->to_stern});
  c.sep();
  if (row.dims != nullptr) c.num(unsigned{row.dims->to_port});
  c.sep();
  if (row.dims != nullptr) c.num(unsigned{row.dims->to_starboard});
  c.sep();
  c.fixed(row.draught, 1);
  c.sep();
  if (row.eta != nullptr && row.eta->month && row.eta->day) {
    // "MM-DDTHH:MMZ" (no year is broadcast); hour and minute 00 when not given
    put2(out, *row.eta->month);
    out.push_back('-');
    put2(out, *row.eta->day);
    out.push_back('T');
    put2(out, row.eta->hour.value_or(0));
    out.push_back(':');
    put2(out, row.eta->minute.value_or(0));
    out.push_back('Z');
  }
  c.sep();
  c.text(row.destination);
  c.sep();
  c.text(row.part);
  c.sep();
  c.num(row.dac);
  c.sep();
  c.num(row.fid);
  out.push_back('\n');
}

}  // namespace tidewatch::report
