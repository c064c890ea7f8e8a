#pragma once
// Small text helpers shared by the list readers (src/watchlist/*.cpp only).

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <string_view>

namespace tidewatch::watchlist {

/// 1-based line of a byte offset into `text` (pugixml's parse-error offset); 0 when negative.
inline std::size_t line_of_offset(std::string_view text, std::ptrdiff_t offset) {
  if (offset < 0) return 0;
  const auto end = std::min(text.size(), static_cast<std::size_t>(offset));
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
}

/// True when `s` begins with `prefix`, ASCII case ignored.
inline bool starts_with_ci(std::string_view s, std::string_view prefix) noexcept {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  return true;
}

}  // namespace tidewatch::watchlist
