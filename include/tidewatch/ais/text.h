#pragma once
// Fixed-capacity text for AIS six-bit strings (names, call signs, messages):
// no allocation on the decode path.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tidewatch::ais {

template <std::size_t N>
class FixedText {
 public:
  static constexpr std::size_t capacity = N;

  [[nodiscard]] constexpr std::string_view view() const noexcept { return {chars_.data(), size_}; }
  [[nodiscard]] constexpr std::size_t size() const noexcept { return size_; }
  [[nodiscard]] constexpr bool empty() const noexcept { return size_ == 0; }
  constexpr void clear() noexcept { size_ = 0; }
  constexpr void push_back(char c) noexcept {
    if (size_ < N) chars_[size_++] = c;
  }
  constexpr void resize(std::size_t n) noexcept { size_ = n < size_ ? n : size_; }
  constexpr void assign(std::string_view s) noexcept {
    size_ = 0;
    for (char c : s) push_back(c);
  }
  friend constexpr bool operator==(const FixedText& a, std::string_view b) noexcept {
    return a.view() == b;
  }

 private:
  std::array<char, N> chars_{};
  std::size_t size_ = 0;
};

}  // namespace tidewatch::ais
