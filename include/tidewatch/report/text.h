#pragma once
// Exact, locale-free text for the batch outputs (tracks.geojson, vessels.csv,
// events.jsonl, summary.json): numbers through std::to_chars, times as ISO
// 8601 UTC, JSON strings and CSV fields escaped.  Same value -> same bytes on
// every machine, which is what makes reruns byte-identical.

#include <cstdint>
#include <string>
#include <string_view>

#include "tidewatch/core/time.h"

namespace tidewatch::report {

/// Unsigned decimal.
void put_u(std::string& s, std::uint64_t v);
/// Degrees x 1e7 as a decimal without trailing zeros ("12.5", "-0.0000001").
void put_e7(std::string& s, std::int64_t v);
/// Degrees as put_e7 writes them (rounded to 1e-7 degree, about 1 cm).
void put_deg(std::string& s, double v);
/// A finite double with `digits` decimals ("12.3", like printf %.Nf); null when not finite.
void put_fixed(std::string& s, double v, int digits);
/// ISO 8601 UTC to the second, "YYYY-MM-DDTHH:MM:SSZ" (milliseconds truncated toward -inf).
[[nodiscard]] std::string iso_seconds(UnixMillis t);
/// A JSON string: quote, backslash and control bytes escaped; other bytes as they are.
void put_json_str(std::string& s, std::string_view v);
/// A CSV field (RFC 4180): quoted when it holds a comma, quote or line break.
void put_csv(std::string& s, std::string_view v);

/// Writes `text` to `path` (created or truncated); throws std::runtime_error.
void write_text_file(const std::string& path, std::string_view text);

}  // namespace tidewatch::report
