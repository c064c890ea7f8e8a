#pragma once
// RFC 4180 CSV rows, one text line at a time, without allocating per row.
//
//   CsvSplitter csv(detect_delimiter(header));
//   if (!csv.split(line)) reject(bad_csv_row);
//   for (std::size_t i = 0; i < csv.size(); ++i) use(csv[i]);
//
// - Fields are string_views into the line.  A quoted field is returned
//   without its quotes; only a quoted field holding doubled quotes (`""`) is
//   copied, unescaped, into the splitter's scratch buffer (reserved to the
//   line length, so it never moves during a row).  Views are valid until the
//   next split() or until the line's storage changes.
// - The delimiter is `,`, `;` or tab, detected from the header line
//   (detect_delimiter: the most frequent of the three outside quotes; `,`
//   when none occurs).
// - A UTF-8 byte-order mark is removed by strip_bom() (call it on the first
//   line of an input).
// - A line whose quote is not closed, or with text between a closing quote and
//   the next delimiter (`"ab"c`), fails: the caller rejects it bad_csv_row.
//   Multi-line quoted fields (a line break inside quotes, allowed by RFC 4180)
//   are NOT supported: such a record arrives as one line with an unclosed quote
//   and is rejected, and its continuation lines are read as further rows.
// - A quote inside an unquoted field (`ab"c`) is kept as text (lenient, as
//   most readers are).  Fields are not trimmed.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tidewatch::ingest {

/// `line` without a leading UTF-8 byte-order mark (EF BB BF).
[[nodiscard]] std::string_view strip_bom(std::string_view line) noexcept;

/// The delimiter of a header line: the most frequent of `,` `;` `\t` outside
/// quotes (ties in that order); `,` when none occurs.
[[nodiscard]] char detect_delimiter(std::string_view header) noexcept;

class CsvSplitter {
 public:
  explicit CsvSplitter(char delimiter = ',') : delimiter_(delimiter) {}

  void set_delimiter(char delimiter) noexcept { delimiter_ = delimiter; }
  [[nodiscard]] char delimiter() const noexcept { return delimiter_; }

  /// Splits one line into fields.  Returns false (fields unspecified) when a
  /// quote is not closed or a closing quote is followed by other text.
  /// An empty line gives one empty field.
  bool split(std::string_view line);

  [[nodiscard]] std::size_t size() const noexcept { return fields_.size(); }
  [[nodiscard]] std::string_view operator[](std::size_t i) const noexcept { return fields_[i]; }
  /// Field i, or an empty view when the row has fewer fields.
  [[nodiscard]] std::string_view get(std::size_t i) const noexcept {
    return i < fields_.size() ? fields_[i] : std::string_view{};
  }
  [[nodiscard]] const std::vector<std::string_view>& fields() const noexcept { return fields_; }

 private:
  char delimiter_;
  std::vector<std::string_view> fields_;
  std::string scratch_;
};

}  // namespace tidewatch::ingest
