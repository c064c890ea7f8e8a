#pragma once
// A growable output buffer written through a raw pointer: writers reserve
// room for a whole record once, then append without checks.  Flushed to a
// file descriptor in large writes by the caller.

#include <charconv>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

namespace tidewatch::report {

class OutBuffer {
 public:
  explicit OutBuffer(std::size_t capacity = 1 << 20)
      : data_(std::make_unique<char[]>(capacity)), cap_(capacity) {}

  /// Makes room for at least `n` more bytes.
  void reserve(std::size_t n) {
    if (size_ + n <= cap_) return;
    std::size_t cap = cap_ * 2;
    while (cap < size_ + n) cap *= 2;
    auto bigger = std::make_unique<char[]>(cap);
    std::memcpy(bigger.get(), data_.get(), size_);
    data_ = std::move(bigger);
    cap_ = cap;
  }
  [[nodiscard]] std::string_view view() const noexcept { return {data_.get(), size_}; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  void clear() noexcept { size_ = 0; }

  // Unchecked appends: call reserve() first.
  char* cursor() noexcept { return data_.get() + size_; }
  void advance_to(char* p) noexcept { size_ = static_cast<std::size_t>(p - data_.get()); }

  // Checked appends.
  void append(std::string_view s) {
    if (s.empty()) return;  // s.data() may be null
    reserve(s.size());
    std::memcpy(data_.get() + size_, s.data(), s.size());
    size_ += s.size();
  }
  void push_back(char c) {
    reserve(1);
    data_[size_++] = c;
  }

 private:
  std::unique_ptr<char[]> data_;
  std::size_t cap_;
  std::size_t size_ = 0;
};

}  // namespace tidewatch::report
