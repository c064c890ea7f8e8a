#pragma once
// Private helpers of the provider readers: field parsing with the "not
// available" conventions, times, and the shared emit/reject plumbing.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tidewatch/core/reject.h"
#include "tidewatch/core/time.h"
#include "tidewatch/ingest/observation.h"
#include "tidewatch/ingest/observation_sink.h"

namespace tidewatch::ingest::detail {

std::string_view trim(std::string_view s) noexcept;
bool iequals(std::string_view a, std::string_view b) noexcept;

/// Empty, "Unknown", "Undefined", "Unknown value", "n/a", "NA", "nan", "null".
bool not_available(std::string_view s) noexcept;

enum class Parse : std::uint8_t { ok, na, bad };

/// A decimal number; `.` or `,` as decimal separator.
Parse parse_double(std::string_view s, double& out) noexcept;
/// A non-negative integer (digits only, after trimming).
Parse parse_uint(std::string_view s, std::uint64_t& out) noexcept;

/// Degrees to 1e-7 degree.  lat 91 / lon 181 (and n/a text) -> na; out of
/// range -> bad.
Parse parse_lat(std::string_view s, std::int32_t& e7) noexcept;
Parse parse_lon(std::string_view s, std::int32_t& e7) noexcept;
/// Knots -> 1/10 kn; 102.3 or more -> na.
Parse parse_sog(std::string_view s, std::optional<std::uint16_t>& out) noexcept;
/// Degrees -> 1/10 degree; 360 or more -> na.
Parse parse_cog(std::string_view s, std::optional<std::uint16_t>& out) noexcept;
/// Degrees; 511 (and anything above 359) -> na.
Parse parse_heading(std::string_view s, std::optional<std::uint16_t>& out) noexcept;
/// Metres -> 1/10 m, saturating at 25.5 m; 0 -> na.
Parse parse_draught(std::string_view s, std::optional<std::uint8_t>& out) noexcept;

/// "YYYY-MM-DD[T ]HH:MM[:SS[.fff]][Z|+HH:MM|-HH:MM]" (UTC when no zone).
std::optional<UnixMillis> parse_iso8601(std::string_view s) noexcept;
/// "DD/MM/YYYY HH:MM:SS" (DMA).
std::optional<UnixMillis> parse_dmy(std::string_view s) noexcept;
/// strptime subset: %Y %m %d %H %M %S %f (fraction), %% and literal chars.
std::optional<UnixMillis> parse_pattern(std::string_view s, std::string_view pattern) noexcept;

/// Navigational status code from gpsd's legend text (also DMA's wording).
std::optional<std::uint8_t> nav_status_from_text(std::string_view s) noexcept;

/// Shared state of a reader: sink, source index and counts.
struct Emitter {
  ObservationSink& sink;
  std::uint32_t source = 0;
  IngestStats stats;

  void reject(std::string_view text, std::uint64_t line, RejectReason reason) {
    ++stats.rejected[static_cast<std::size_t>(reason)];
    sink.on_reject(RejectedLine{LineRef{source, line}, reason, text});
  }
  void emit(const Observation& o) {
    if (o.kind == Observation::Kind::position) {
      ++stats.positions;
    } else {
      ++stats.statics;
    }
    sink.on_observation(o);
  }
  void skip(SkipReason r) { ++stats.skipped[static_cast<std::size_t>(r)]; }
};

}  // namespace tidewatch::ingest::detail
