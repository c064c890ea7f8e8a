#pragma once
// Small text helpers shared by the list readers (src/watchlist/*.cpp only).

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
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

/// True when `a` and `b` are equal, ASCII case ignored.
inline bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && starts_with_ci(a, b);
}

/// True when `needle` occurs in `s`, ASCII case ignored (an empty needle always does).
inline bool contains_ci(std::string_view s, std::string_view needle) noexcept {
  for (std::size_t i = 0; i + needle.size() <= s.size(); ++i)
    if (starts_with_ci(s.substr(i), needle)) return true;
  return false;
}

/// `c` without leading and trailing white space (std::isspace).
inline std::string trimmed(const char* c) {
  std::string s = c;
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

/// A key for resolving "Linked To:" and owner names to entries: ASCII letters
/// and digits only, upper case ("M LEASING LLC." -> "MLEASINGLLC").
inline std::string link_key(std::string_view s) {
  std::string k;
  k.reserve(s.size());
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c))) k.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return k;
}

/// First run of digits in `s` and its length in `nd` (nullopt when none or > 32 bits).
inline std::optional<std::uint32_t> digits_in(std::string_view s, std::size_t& nd) {
  std::size_t i = 0;
  while (i < s.size() && !std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  nd = 0;
  std::uint64_t v = 0;
  while (i + nd < s.size() && std::isdigit(static_cast<unsigned char>(s[i + nd])) && nd < 11) {
    v = v * 10 + static_cast<std::uint64_t>(s[i + nd] - '0');
    ++nd;
  }
  if (nd == 0 || v > 0xFFFFFFFFULL) return std::nullopt;
  return static_cast<std::uint32_t>(v);
}

}  // namespace tidewatch::watchlist
