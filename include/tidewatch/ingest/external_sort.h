#pragma once
// Sorting observations of any size under a memory budget (docs/tracks.md §3).
//
// ExternalSorter orders observations by (mmsi, time, source, line): a total
// order on well-formed input (every record has its own source line), so the
// output does not depend on the input order.  Records with an equal key are
// further ordered positions first, then by their full packed bytes, so even
// duplicates come out identically for every permutation.
//
// Records are packed into fixed-size, trivially copyable binary records
// (PositionRec 56 bytes, StaticRec 96 bytes; see below) and collected in a run
// buffer.  When the buffer is full it is sorted and spilled to a temporary
// directory (`$TMPDIR/tidewatch-XXXXXX`, or /tmp); at the end the runs are
// merged k-way with buffered readers, in several passes when there are more
// than `max_merge_fan_in` runs.  Positions and statics are sorted as two
// streams (56- and 96-byte records) sharing the budget and merged on output;
// when both have spilled, the fan-in is shared (statics 1/4, at least 2).  When everything fits in the buffer no file is
// written.  The directory is removed when the sorter is destroyed, also when
// an exception unwinds it.  I/O errors throw InputError (I/O boundary).
//
// Memory: the run buffer takes 2/3 of `memory_budget` (512 MiB of 768 MiB:
// 9.6 M positions); it is released before the merge, which takes at most
// fan-in x min(4 MiB, budget/(fan-in+1)) of read buffers plus a 1 MiB writer.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>

#include "tidewatch/ingest/line_reader.h"  // InputError
#include "tidewatch/ingest/observation.h"

namespace tidewatch::ingest {

/// Packed position observation.  56 bytes (the §3 sketch has 40; this one
/// also keeps the provider msgid, a 32-bit source index, the 64-bit line
/// number and the navigational status, so that every field round-trips).
struct PositionRec {
  std::int64_t time_ms = 0;
  std::uint64_t line = 0;
  std::uint64_t msgid = 0;
  std::uint32_t mmsi = 0;
  std::uint32_t source = 0;
  std::int32_t lat_e7 = 0;
  std::int32_t lon_e7 = 0;
  std::uint16_t sog = 0;      ///< 1/10 kn, valid when flags & has_sog
  std::uint16_t cog = 0;      ///< 1/10 degree, valid when flags & has_cog
  std::uint16_t heading = 0;  ///< degrees, valid when flags & has_heading
  std::uint8_t status = 0;    ///< valid when flags & has_status
  std::uint8_t msg_type = 0;
  std::uint8_t flags = 0;     ///< bits 0-3 has_sog/cog/heading/status, bits 4-5 transponder
  std::uint8_t pad[7] = {};   ///< always zero (records compare by bytes on key ties)
};

/// Packed static (identity/voyage) observation.  96 bytes.
struct StaticRec {
  std::int64_t time_ms = 0;
  std::uint64_t line = 0;
  std::uint64_t msgid = 0;
  std::uint32_t mmsi = 0;
  std::uint32_t source = 0;
  std::uint32_t imo = 0;          ///< valid when flags & has_imo
  std::uint16_t to_bow = 0;
  std::uint16_t to_stern = 0;
  std::uint8_t to_port = 0;
  std::uint8_t to_starboard = 0;
  std::uint8_t shiptype = 0;      ///< valid when flags & has_shiptype
  std::uint8_t draught = 0;       ///< 1/10 m, valid when flags & has_draught
  std::uint8_t msg_type = 0;
  std::uint8_t flags = 0;         ///< bits 0-2 has_imo/shiptype/draught, bits 4-5 transponder
  std::uint8_t name_len = 0;
  std::uint8_t callsign_len = 0;
  std::uint8_t destination_len = 0;
  char name[20] = {};             ///< unused bytes are zero
  char callsign[7] = {};
  char destination[20] = {};
};

static_assert(sizeof(PositionRec) == 56 && std::is_trivially_copyable_v<PositionRec>);
static_assert(sizeof(StaticRec) == 96 && std::is_trivially_copyable_v<StaticRec>);

/// Observation <-> packed record.  pack_* look only at the fields of their
/// kind; unpack gives a default Observation with those fields set.
[[nodiscard]] PositionRec pack_position(const Observation& obs) noexcept;
[[nodiscard]] StaticRec pack_static(const Observation& obs) noexcept;
void unpack(const PositionRec& rec, Observation& out) noexcept;
void unpack(const StaticRec& rec, Observation& out) noexcept;

/// Memory the sorter may use.  UNIT bytes.  DEFAULT 768 MiB (`--memory 768M`).
/// REASON: keeps a 50 M-record sort under 1 GiB of resident memory on a
/// small machine, with 2/3 as run buffer (few, long runs) and the rest for
/// merge buffers and the heap.
inline constexpr std::size_t kDefaultSortMemoryBudget = std::size_t{768} << 20;

/// Most runs merged in one pass.  UNIT runs.  DEFAULT 256.
/// REASON: 256 open files and 256 read buffers of up to 4 MiB stay within
/// the budget and the usual 1024 open-file limit; more runs merge in passes.
inline constexpr std::size_t kDefaultMergeFanIn = 256;

struct ExternalSortOptions {
  std::size_t memory_budget = kDefaultSortMemoryBudget;  ///< see kDefaultSortMemoryBudget
  std::size_t max_merge_fan_in = kDefaultMergeFanIn;     ///< see kDefaultMergeFanIn (min 2)
  /// Parent of the temporary directory.  DEFAULT empty: $TMPDIR, else /tmp.
  std::string temp_parent;
};

struct ExternalSortStats {
  std::uint64_t records = 0;        ///< records pushed
  std::uint64_t positions = 0;
  std::uint64_t statics = 0;
  std::uint64_t runs = 0;           ///< sorted runs spilled to disk (0: all in memory)
  std::uint64_t merge_passes = 0;   ///< intermediate merge passes (runs > fan-in)
  std::uint64_t bytes_spilled = 0;  ///< bytes written to temporary files, all passes
};

class ExternalSorter {
 public:
  explicit ExternalSorter(ExternalSortOptions options = {});
  ~ExternalSorter();
  ExternalSorter(const ExternalSorter&) = delete;
  ExternalSorter& operator=(const ExternalSorter&) = delete;

  /// Adds one record.  Only before the first next().  May spill (InputError).
  void push(const Observation& obs);
  /// The next record in (mmsi, time, source, line) order; false at the end.
  /// The first call ends the input and prepares the merge (InputError).
  bool next(Observation& out);

  [[nodiscard]] const ExternalSortStats& stats() const noexcept;
  /// The temporary directory, or empty while nothing has been spilled.
  [[nodiscard]] const std::string& temp_dir() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tidewatch::ingest
