// port_visit: GFW's port entry/exit, stop and gap state machine over one
// vessel's fixes (include/tidewatch/detect/port_visit.h, docs/ports.md §4).

#include "tidewatch/detect/port_visit.h"

#include <algorithm>
#include <cmath>

namespace tidewatch::detect {

namespace {

bool valid_position(const Fix& f) noexcept {
  return std::isfinite(f.lat) && std::isfinite(f.lon) && f.lat >= -90 && f.lat <= 90 &&
         f.lon >= -180 && f.lon <= 180;
}

double hours_between(UnixMillis a, UnixMillis b) noexcept {
  return b > a ? static_cast<double>(b - a) / 3'600'000.0 : 0.0;
}

class Detector {
 public:
  Detector(std::span<const Fix> fixes, const ports::PortIndex& ports, const PortVisitParams& p)
      : fixes_(fixes), ports_(ports), p_(p),
        min_gap_ms_(static_cast<double>(p.min_gap_hours) * 3'600'000.0) {}

  std::vector<PortVisit> run() {
    for (std::size_t i = 0; i < fixes_.size(); ++i) {
      const Fix& f = fixes_[i];
      if (!valid_position(f)) continue;
      if (in_) {
        if (leaves(f)) {
          close(i, false);
        } else {
          stay(i);
        }
      }
      if (!in_) {
        if (const auto port = ports_.containing_index(f.lat, f.lon)) enter(*port, i);
      }
    }
    if (in_) close(visit_.last, true);
    return std::move(out_);
  }

 private:
  /// True when fix f ends the current visit.
  bool leaves(const Fix& f) const {
    const ports::Port& port = ports_[visit_.port];
    const double entry = port.is_polygon() ? 0.0 : port.radius_m;
    const double d = ports_.distance_m(visit_.port, f.lat, f.lon);
    if (!(d <= entry + p_.exit_margin_m)) return true;  // beyond the exit distance
    if (d > entry) {  // in the band: another port's entry region takes the vessel
      const auto other = ports_.containing_index(f.lat, f.lon);
      return other && *other != visit_.port;
    }
    return false;
  }

  void enter(std::uint32_t port, std::size_t i) {
    visit_ = PortVisit{};
    visit_.port = port;
    visit_.first = visit_.last = i;
    visit_.arrival = fixes_[i].time;
    visit_.evidence.push_back(i);
    in_ = true;
    stopped_ = false;
    update_stop(i);
  }

  void stay(std::size_t i) {
    const Fix& f = fixes_[i];
    const Fix& before = fixes_[visit_.last];
    if (f.time > before.time && static_cast<double>(f.time - before.time) >= min_gap_ms_) {
      visit_.gap = true;
      visit_.gap_hours = std::max(visit_.gap_hours, hours_between(before.time, f.time));
      visit_.evidence.push_back(visit_.last);
      visit_.evidence.push_back(i);
    }
    visit_.last = i;
    update_stop(i);
  }

  void update_stop(std::size_t i) {
    const Fix& f = fixes_[i];
    if (!f.has_sog()) return;  // no speed: the stop state stays as it was
    if (!stopped_ && f.sog_kn <= p_.stop_begin_kn) {
      stopped_ = true;
      stop_begin_ = i;
      visit_.stopped = true;
      visit_.evidence.push_back(i);
    } else if (stopped_ && f.sog_kn >= p_.stop_end_kn) {
      stopped_ = false;
      visit_.stop_hours += hours_between(fixes_[stop_begin_].time, f.time);
      visit_.evidence.push_back(i);
    }
  }

  void close(std::size_t exit, bool open) {
    if (stopped_) visit_.stop_hours += hours_between(fixes_[stop_begin_].time, fixes_[visit_.last].time);
    visit_.departure = fixes_[visit_.last].time;
    visit_.open = open;
    visit_.exit = open ? visit_.last : exit;
    visit_.evidence.push_back(visit_.last);
    auto& ev = visit_.evidence;
    std::sort(ev.begin(), ev.end());
    ev.erase(std::unique(ev.begin(), ev.end()), ev.end());
    if (p_.max_evidence > 0 && ev.size() > p_.max_evidence) {
      const std::size_t head = p_.max_evidence / 2;
      const std::size_t tail = p_.max_evidence - head;
      ev.erase(ev.begin() + static_cast<std::ptrdiff_t>(head), ev.end() - static_cast<std::ptrdiff_t>(tail));
    }
    const bool stop_or_gap = visit_.stopped || visit_.gap;
    visit_.confidence = stop_or_gap ? (open ? 3 : 4) : 1;
    if (stop_or_gap || !p_.require_stop_or_gap) out_.push_back(std::move(visit_));
    visit_ = PortVisit{};
    in_ = false;
    stopped_ = false;
  }

  std::span<const Fix> fixes_;
  const ports::PortIndex& ports_;
  const PortVisitParams& p_;
  double min_gap_ms_;
  std::vector<PortVisit> out_;
  PortVisit visit_;
  bool in_ = false;
  bool stopped_ = false;
  std::size_t stop_begin_ = 0;
};

}  // namespace

std::vector<PortVisit> detect_port_visits(std::span<const Fix> fixes, const ports::PortIndex& ports,
                                          const PortVisitParams& p) {
  if (ports.size() == 0) return {};
  return Detector(fixes, ports, p).run();
}

}  // namespace tidewatch::detect
