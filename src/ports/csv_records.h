#pragma once
// CSV records of a whole text in memory, for the port list readers.
//
// ingest::CsvSplitter splits one line and does not join lines: a quoted field
// holding a line break (RFC 4180 allows it; the NGA World Port Index has had
// such fields) would be rejected.  CsvRecords finds where each *record* ends
// (a line break outside quotes), so the splitter gets the whole record.
//
// - A leading UTF-8 byte-order mark is skipped.
// - Line ends are "\n" or "\r\n"; a record's text excludes its line end.
// - A quote opens a quoted field only at the start of a field (as in
//   CsvSplitter: `ab"c` is text).  Inside it, `""` is a quote.
// - A quoted field still open at the end of the text would swallow every line
//   after it: the record is then only its first line, returned with
//   `unclosed = true` (the caller rejects it), and reading goes on at the next
//   line.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace tidewatch::ports::detail {

struct CsvRecord {
  std::string_view text;      ///< without the final line end; may hold line breaks
  std::uint64_t line = 0;     ///< 1-based line where the record starts
  std::uint64_t lines = 1;    ///< physical lines it spans
  bool unclosed = false;      ///< a quoted field never closed (see above)
};

class CsvRecords {
 public:
  CsvRecords(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {
    if (text_.size() >= 3 && static_cast<unsigned char>(text_[0]) == 0xEF &&
        static_cast<unsigned char>(text_[1]) == 0xBB &&
        static_cast<unsigned char>(text_[2]) == 0xBF) {
      text_.remove_prefix(3);
    }
  }

  void set_delimiter(char d) noexcept { delimiter_ = d; }

  /// The text after a byte-order mark.
  [[nodiscard]] std::string_view text() const noexcept { return text_; }

  std::optional<CsvRecord> next() {
    if (pos_ >= text_.size()) return std::nullopt;
    const std::size_t start = pos_;
    CsvRecord r;
    r.line = line_;
    bool field_start = true;
    bool quoted = false;
    std::size_t i = start;
    std::uint64_t newlines = 0;
    for (; i < text_.size(); ++i) {
      const char c = text_[i];
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text_.size() && text_[i + 1] == '"') {
            ++i;
          } else {
            quoted = false;
          }
        } else if (c == '\n') {
          ++newlines;
        }
        continue;
      }
      if (c == '\n') break;
      if (field_start && c == '"') {
        quoted = true;
        field_start = false;
        continue;
      }
      field_start = c == delimiter_;
    }
    if (quoted) {  // open quote at the end of the text: give back one line
      const std::size_t nl = text_.find('\n', start);
      const std::size_t end = nl == std::string_view::npos ? text_.size() : nl;
      r.text = trim_cr(text_.substr(start, end - start));
      r.unclosed = true;
      pos_ = nl == std::string_view::npos ? text_.size() : nl + 1;
      line_ += 1;
      return r;
    }
    r.text = trim_cr(text_.substr(start, i - start));
    r.lines = newlines + 1;
    pos_ = i < text_.size() ? i + 1 : i;
    line_ += newlines + 1;
    return r;
  }

 private:
  static std::string_view trim_cr(std::string_view s) noexcept {
    if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
    return s;
  }

  std::string_view text_;
  char delimiter_;
  std::size_t pos_ = 0;
  std::uint64_t line_ = 1;
};

}  // namespace tidewatch::ports::detail
