#include "tidewatch/ingest/external_sort.h"

#include <stdlib.h>  // mkdtemp

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace tidewatch::ingest {

// ---- packing ------------------------------------------------------------------

namespace {

constexpr std::uint8_t kHasSog = 1U << 0U;
constexpr std::uint8_t kHasCog = 1U << 1U;
constexpr std::uint8_t kHasHeading = 1U << 2U;
constexpr std::uint8_t kHasStatus = 1U << 3U;
constexpr std::uint8_t kHasImo = 1U << 0U;
constexpr std::uint8_t kHasShiptype = 1U << 1U;
constexpr std::uint8_t kHasDraught = 1U << 2U;
constexpr unsigned kTransponderShift = 4U;

std::uint8_t transponder_bits(Transponder t) noexcept {
  return static_cast<std::uint8_t>((static_cast<unsigned>(t) & 3U) << kTransponderShift);
}
Transponder transponder_from_flags(std::uint8_t flags) noexcept {
  return static_cast<Transponder>((static_cast<unsigned>(flags) >> kTransponderShift) & 3U);
}

template <std::size_t N>
std::uint8_t pack_text(const ais::FixedText<N>& text, char (&out)[N]) noexcept {
  const auto v = text.view();
  std::memcpy(out, v.data(), v.size());
  return static_cast<std::uint8_t>(v.size());
}

template <std::size_t N>
void unpack_text(const char (&in)[N], std::uint8_t len, ais::FixedText<N>& out) noexcept {
  out.assign(std::string_view(in, std::min<std::size_t>(len, N)));
}

}  // namespace

PositionRec pack_position(const Observation& obs) noexcept {
  PositionRec r{};
  r.time_ms = obs.time;
  r.line = obs.ref.line;
  r.msgid = obs.msgid;
  r.mmsi = obs.mmsi;
  r.source = obs.ref.source;
  r.lat_e7 = obs.position.lat_e7;
  r.lon_e7 = obs.position.lon_e7;
  std::uint8_t f = transponder_bits(obs.transponder);
  if (obs.position.sog) { r.sog = *obs.position.sog; f |= kHasSog; }
  if (obs.position.cog) { r.cog = *obs.position.cog; f |= kHasCog; }
  if (obs.position.heading) { r.heading = *obs.position.heading; f |= kHasHeading; }
  if (obs.position.status) { r.status = *obs.position.status; f |= kHasStatus; }
  r.msg_type = obs.msg_type;
  r.flags = f;
  return r;
}

StaticRec pack_static(const Observation& obs) noexcept {
  StaticRec r{};
  r.time_ms = obs.time;
  r.line = obs.ref.line;
  r.msgid = obs.msgid;
  r.mmsi = obs.mmsi;
  r.source = obs.ref.source;
  std::uint8_t f = transponder_bits(obs.transponder);
  if (obs.info.imo) { r.imo = *obs.info.imo; f |= kHasImo; }
  if (obs.info.shiptype) { r.shiptype = *obs.info.shiptype; f |= kHasShiptype; }
  if (obs.info.draught) { r.draught = *obs.info.draught; f |= kHasDraught; }
  r.to_bow = obs.info.dimensions.to_bow;
  r.to_stern = obs.info.dimensions.to_stern;
  r.to_port = obs.info.dimensions.to_port;
  r.to_starboard = obs.info.dimensions.to_starboard;
  r.msg_type = obs.msg_type;
  r.flags = f;
  r.name_len = pack_text(obs.info.name, r.name);
  r.callsign_len = pack_text(obs.info.callsign, r.callsign);
  r.destination_len = pack_text(obs.info.destination, r.destination);
  return r;
}

void unpack(const PositionRec& r, Observation& out) noexcept {
  out = Observation{};
  out.mmsi = r.mmsi;
  out.time = r.time_ms;
  out.kind = Observation::Kind::position;
  out.msg_type = r.msg_type;
  out.transponder = transponder_from_flags(r.flags);
  out.ref = LineRef{r.source, r.line};
  out.msgid = r.msgid;
  out.position.lat_e7 = r.lat_e7;
  out.position.lon_e7 = r.lon_e7;
  if (r.flags & kHasSog) out.position.sog = r.sog;
  if (r.flags & kHasCog) out.position.cog = r.cog;
  if (r.flags & kHasHeading) out.position.heading = r.heading;
  if (r.flags & kHasStatus) out.position.status = r.status;
}

void unpack(const StaticRec& r, Observation& out) noexcept {
  out = Observation{};
  out.mmsi = r.mmsi;
  out.time = r.time_ms;
  out.kind = Observation::Kind::static_info;
  out.msg_type = r.msg_type;
  out.transponder = transponder_from_flags(r.flags);
  out.ref = LineRef{r.source, r.line};
  out.msgid = r.msgid;
  if (r.flags & kHasImo) out.info.imo = r.imo;
  if (r.flags & kHasShiptype) out.info.shiptype = r.shiptype;
  if (r.flags & kHasDraught) out.info.draught = r.draught;
  out.info.dimensions.to_bow = r.to_bow;
  out.info.dimensions.to_stern = r.to_stern;
  out.info.dimensions.to_port = r.to_port;
  out.info.dimensions.to_starboard = r.to_starboard;
  unpack_text(r.name, r.name_len, out.info.name);
  unpack_text(r.callsign, r.callsign_len, out.info.callsign);
  unpack_text(r.destination, r.destination_len, out.info.destination);
}

// ---- sorting machinery ----------------------------------------------------------

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxReadBuffer = std::size_t{4} << 20;   // per run cursor
constexpr std::size_t kMinReadBuffer = std::size_t{4} << 10;
constexpr std::size_t kWriteBuffer = std::size_t{1} << 20;     // merge-pass output

/// Key order (mmsi, time, source, line).  Returns <0, 0, >0.
template <typename A, typename B>
int key_cmp(const A& a, const B& b) noexcept {
  if (a.mmsi != b.mmsi) return a.mmsi < b.mmsi ? -1 : 1;
  if (a.time_ms != b.time_ms) return a.time_ms < b.time_ms ? -1 : 1;
  if (a.source != b.source) return a.source < b.source ? -1 : 1;
  if (a.line != b.line) return a.line < b.line ? -1 : 1;
  return 0;
}

/// Total order: the key, then the record's bytes (all padding is zero).
template <typename Rec>
bool rec_less(const Rec& a, const Rec& b) noexcept {
  const int c = key_cmp(a, b);
  if (c != 0) return c < 0;
  return std::memcmp(&a, &b, sizeof(Rec)) < 0;
}

[[noreturn]] void io_fail(const std::string& what, const std::string& path, int err) {
  throw InputError("external sort: " + what + " " + path + ": " + std::strerror(err));
}

/// The spill directory, created on first use and removed with everything in it.
class TempDir {
 public:
  TempDir() = default;
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    if (!path_.empty()) {
      std::error_code ec;
      fs::remove_all(path_, ec);
    }
  }
  const std::string& path() const noexcept { return path_; }
  const std::string& ensure(const std::string& parent_option) {
    if (!path_.empty()) return path_;
    std::string parent = parent_option;
    if (parent.empty()) {
      const char* env = std::getenv("TMPDIR");
      parent = (env != nullptr && *env != '\0') ? env : "/tmp";
    }
    std::string templ = parent + "/tidewatch-XXXXXX";
    std::vector<char> buf(templ.begin(), templ.end());
    buf.push_back('\0');
    if (::mkdtemp(buf.data()) == nullptr) io_fail("cannot create temporary directory", templ, errno);
    path_.assign(buf.data());
    return path_;
  }

 private:
  std::string path_;
};

/// An owned FILE*, unbuffered (the callers buffer whole blocks of records).
class File {
 public:
  File(const std::string& path, const char* mode) : path_(path) {
    f_ = std::fopen(path.c_str(), mode);
    if (f_ == nullptr) io_fail("cannot open", path, errno);
    std::setvbuf(f_, nullptr, _IONBF, 0);
  }
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  File(File&& o) noexcept : f_(std::exchange(o.f_, nullptr)), path_(std::move(o.path_)) {}
  File& operator=(File&&) = delete;
  ~File() {
    if (f_ != nullptr) std::fclose(f_);
  }
  void write(const void* data, std::size_t bytes) {
    if (bytes == 0) return;
    if (std::fwrite(data, 1, bytes, f_) != bytes) io_fail("cannot write", path_, errno);
  }
  /// Reads up to `bytes`; fewer only at the end of the file.
  std::size_t read(void* data, std::size_t bytes) {
    const std::size_t n = std::fread(data, 1, bytes, f_);
    if (n < bytes && std::ferror(f_)) io_fail("cannot read", path_, errno);
    return n;
  }
  void close() {
    FILE* f = std::exchange(f_, nullptr);
    if (f != nullptr && std::fclose(f) != 0) io_fail("cannot close", path_, errno);
  }

 private:
  FILE* f_ = nullptr;
  std::string path_;
};

/// A cursor over one sorted run file.
template <typename Rec>
class RunReader {
 public:
  RunReader(const std::string& path, std::size_t buffer_records)
      : file_(path, "rb"), path_(path), buf_(std::max<std::size_t>(buffer_records, 1)) {
    fill();
  }
  bool valid() const noexcept { return pos_ < n_; }
  const Rec& current() const noexcept { return buf_[pos_]; }
  void advance() {
    if (++pos_ == n_) fill();
  }

 private:
  void fill() {
    pos_ = 0;
    const std::size_t bytes = file_.read(buf_.data(), buf_.size() * sizeof(Rec));
    if (bytes % sizeof(Rec) != 0) io_fail("truncated run file", path_, EIO);
    n_ = bytes / sizeof(Rec);
  }
  File file_;
  std::string path_;
  std::vector<Rec> buf_;
  std::size_t pos_ = 0;
  std::size_t n_ = 0;
};

/// k-way merge of run files: a binary heap of cursor indices.
template <typename Rec>
class Merger {
 public:
  Merger(const std::vector<std::string>& paths, std::size_t buffer_records) {
    readers_.reserve(paths.size());
    for (const auto& p : paths) readers_.emplace_back(p, buffer_records);
    for (std::size_t i = 0; i < readers_.size(); ++i)
      if (readers_[i].valid()) heap_.push_back(i);
    std::make_heap(heap_.begin(), heap_.end(), greater());
  }
  bool valid() const noexcept { return !heap_.empty(); }
  const Rec& current() const noexcept { return readers_[heap_.front()].current(); }
  void advance() {
    std::pop_heap(heap_.begin(), heap_.end(), greater());
    auto& r = readers_[heap_.back()];
    r.advance();
    if (r.valid()) {
      std::push_heap(heap_.begin(), heap_.end(), greater());
    } else {
      heap_.pop_back();
    }
  }

 private:
  auto greater() const {
    return [this](std::size_t a, std::size_t b) {
      return rec_less(readers_[b].current(), readers_[a].current());
    };
  }
  std::vector<RunReader<Rec>> readers_;
  std::vector<std::size_t> heap_;
};

/// Sorting of one record type: run buffer, spilled runs, and the output cursor.
template <typename Rec>
class RecSorter {
 public:
  explicit RecSorter(const char* tag) : tag_(tag) {}

  std::vector<Rec> buf;

  bool has_runs() const noexcept { return !runs_.empty(); }
  std::size_t run_count() const noexcept { return runs_.size(); }

  void spill(TempDir& dir, const ExternalSortOptions& opt, ExternalSortStats& stats) {
    if (buf.empty()) return;
    std::sort(buf.begin(), buf.end(), rec_less<Rec>);
    const std::string path = new_path(dir, opt);
    File f(path, "wb");
    f.write(buf.data(), buf.size() * sizeof(Rec));
    f.close();
    stats.bytes_spilled += buf.size() * sizeof(Rec);
    ++stats.runs;
    runs_.push_back(path);
    buf.clear();
  }

  void release_buffer() { std::vector<Rec>().swap(buf); }

  /// In-memory output: sort the buffer.
  void prepare_in_memory() {
    std::sort(buf.begin(), buf.end(), rec_less<Rec>);
    mem_pos_ = 0;
  }

  /// Merge passes until at most `fan_in` runs remain.
  void reduce_runs(TempDir& dir, const ExternalSortOptions& opt, std::size_t fan_in,
                   ExternalSortStats& stats) {
    fan_in = std::max<std::size_t>(fan_in, 2);
    while (runs_.size() > fan_in) {
      ++stats.merge_passes;
      std::vector<std::string> next;
      for (std::size_t i = 0; i < runs_.size(); i += fan_in) {
        const std::size_t end = std::min(runs_.size(), i + fan_in);
        std::vector<std::string> group(runs_.begin() + static_cast<std::ptrdiff_t>(i),
                                       runs_.begin() + static_cast<std::ptrdiff_t>(end));
        if (group.size() == 1) {
          next.push_back(group.front());
          continue;
        }
        next.push_back(merge_to_file(group, dir, opt, stats));
        for (const auto& p : group) {
          std::error_code ec;
          fs::remove(p, ec);
        }
      }
      runs_ = std::move(next);
    }
  }

  void open_merge(std::size_t buffer_bytes) {
    merger_.emplace_back(runs_, std::max<std::size_t>(buffer_bytes / sizeof(Rec), 1));
  }

  const Rec* peek() const noexcept {
    if (!merger_.empty()) return merger_.front().valid() ? &merger_.front().current() : nullptr;
    return mem_pos_ < buf.size() ? &buf[mem_pos_] : nullptr;
  }
  void advance() {
    if (!merger_.empty()) {
      merger_.front().advance();
    } else {
      ++mem_pos_;
    }
  }

 private:
  std::string new_path(TempDir& dir, const ExternalSortOptions& opt) {
    return dir.ensure(opt.temp_parent) + "/run-" + tag_ + "-" + std::to_string(counter_++) + ".bin";
  }

  std::string merge_to_file(const std::vector<std::string>& group, TempDir& dir,
                            const ExternalSortOptions& opt, ExternalSortStats& stats) {
    const std::size_t per_reader = std::clamp(opt.memory_budget / (group.size() + 2),
                                              kMinReadBuffer, kMaxReadBuffer);
    Merger<Rec> m(group, std::max<std::size_t>(per_reader / sizeof(Rec), 1));
    const std::string path = new_path(dir, opt);
    File out(path, "wb");
    std::vector<Rec> wbuf;
    wbuf.reserve(std::max<std::size_t>(kWriteBuffer / sizeof(Rec), 1));
    for (; m.valid(); m.advance()) {
      wbuf.push_back(m.current());
      if (wbuf.size() == wbuf.capacity()) {
        out.write(wbuf.data(), wbuf.size() * sizeof(Rec));
        stats.bytes_spilled += wbuf.size() * sizeof(Rec);
        wbuf.clear();
      }
    }
    out.write(wbuf.data(), wbuf.size() * sizeof(Rec));
    stats.bytes_spilled += wbuf.size() * sizeof(Rec);
    out.close();
    return path;
  }

  const char* tag_;
  std::vector<std::string> runs_;
  std::vector<Merger<Rec>> merger_;  // 0 or 1 (Merger is not default-constructible)
  std::size_t mem_pos_ = 0;
  std::uint64_t counter_ = 0;
};

}  // namespace

struct ExternalSorter::Impl {
  explicit Impl(ExternalSortOptions o) : opt(std::move(o)) {
    opt.max_merge_fan_in = std::max<std::size_t>(opt.max_merge_fan_in, 2);
    run_bytes = std::max<std::size_t>(opt.memory_budget / 3 * 2, sizeof(StaticRec));
  }

  // Declared first: destroyed last, after every file is closed.
  TempDir dir;
  ExternalSortOptions opt;
  std::size_t run_bytes = 0;
  ExternalSortStats stats;
  RecSorter<PositionRec> positions{"p"};
  RecSorter<StaticRec> statics{"s"};
  bool finished = false;

  std::size_t buffered_bytes() const noexcept {
    return positions.buf.size() * sizeof(PositionRec) + statics.buf.size() * sizeof(StaticRec);
  }

  // Pages of the two run buffers touched since they were last released.
  std::size_t touched_p = 0;
  std::size_t touched_s = 0;

  void make_room(std::size_t bytes) {
    if (buffered_bytes() + bytes <= run_bytes) return;
    touched_p = std::max(touched_p, positions.buf.size() * sizeof(PositionRec));
    touched_s = std::max(touched_s, statics.buf.size() * sizeof(StaticRec));
    positions.spill(dir, opt, stats);
    statics.spill(dir, opt, stats);
    // A change in the position/static mix could leave both buffers resident at
    // their high-water marks (up to 2 x run_bytes): give the memory back then.
    if (touched_p + touched_s > run_bytes) {
      positions.release_buffer();
      statics.release_buffer();
      touched_p = touched_s = 0;
    }
  }

  void finish() {
    finished = true;
    if (!positions.has_runs() && !statics.has_runs()) {
      positions.prepare_in_memory();
      statics.prepare_in_memory();
      return;
    }
    positions.spill(dir, opt, stats);
    statics.spill(dir, opt, stats);
    positions.release_buffer();
    statics.release_buffer();
    // Both final merges are open at once: share the fan-in between them.
    const std::size_t fan = opt.max_merge_fan_in;
    // (Each merge needs a fan-in of at least 2, so fan-in 3 may open 4 files.)
    std::size_t fan_s = statics.has_runs() ? std::max<std::size_t>(fan / 4, 2) : 0;
    std::size_t fan_p = positions.has_runs() ? std::max<std::size_t>(fan - fan_s, 2) : 0;
    if (fan_p == 0) fan_s = fan;
    if (fan_p > 0) positions.reduce_runs(dir, opt, fan_p, stats);
    if (fan_s > 0) statics.reduce_runs(dir, opt, fan_s, stats);
    const std::size_t k = positions.run_count() + statics.run_count();
    const std::size_t per_reader =
        std::clamp(opt.memory_budget / (k + 2), kMinReadBuffer, kMaxReadBuffer);
    if (positions.has_runs()) positions.open_merge(per_reader);
    if (statics.has_runs()) statics.open_merge(per_reader);
  }
};

ExternalSorter::ExternalSorter(ExternalSortOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

ExternalSorter::~ExternalSorter() = default;

void ExternalSorter::push(const Observation& obs) {
  auto& im = *impl_;
  if (im.finished) throw std::logic_error("ExternalSorter::push after next()");
  ++im.stats.records;
  if (obs.kind == Observation::Kind::static_info) {
    ++im.stats.statics;
    im.make_room(sizeof(StaticRec));
    if (im.statics.buf.capacity() == 0)
      im.statics.buf.reserve(std::max<std::size_t>(im.run_bytes / sizeof(StaticRec), 1));
    im.statics.buf.push_back(pack_static(obs));
  } else {
    ++im.stats.positions;
    im.make_room(sizeof(PositionRec));
    if (im.positions.buf.capacity() == 0)
      im.positions.buf.reserve(std::max<std::size_t>(im.run_bytes / sizeof(PositionRec), 1));
    im.positions.buf.push_back(pack_position(obs));
  }
}

bool ExternalSorter::next(Observation& out) {
  auto& im = *impl_;
  if (!im.finished) im.finish();
  const PositionRec* p = im.positions.peek();
  const StaticRec* s = im.statics.peek();
  if (p == nullptr && s == nullptr) return false;
  // On an equal key the position comes first.
  if (p != nullptr && (s == nullptr || key_cmp(*p, *s) <= 0)) {
    unpack(*p, out);
    im.positions.advance();
  } else {
    unpack(*s, out);
    im.statics.advance();
  }
  return true;
}

const ExternalSortStats& ExternalSorter::stats() const noexcept { return impl_->stats; }

const std::string& ExternalSorter::temp_dir() const noexcept { return impl_->dir.path(); }

}  // namespace tidewatch::ingest
