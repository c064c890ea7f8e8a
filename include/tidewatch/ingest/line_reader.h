#pragma once
// Reads text lines from a file, a gzip file or standard input, in large
// blocks, without copying lines: each line is a view into the block buffer,
// valid until the next call.  Memory is the block buffer (DEFAULT 1 MiB) plus
// at most one line, whatever the input size.
//
//   LineReader reader("feed.nmea.gz");        // "-" is standard input
//   while (auto line = reader.next()) use(line->text, line->number);
//
// gzip is recognised from the first two bytes (1f 8b), not the file name;
// concatenated gzip members (as `cat a.gz b.gz`) are read through.

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tidewatch::ingest {

/// An input that cannot be opened or read (I/O boundary: an exception).
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Line {
  std::string_view text;     ///< without the line end ("\n" or "\r\n")
  std::uint64_t number = 0;  ///< 1-based
  bool truncated = false;    ///< longer than max_line_length: `text` is its start
};

class LineReader {
 public:
  /// Longest line returned whole.  DEFAULT 64 KiB; NMEA allows 82 characters.
  static constexpr std::size_t kDefaultMaxLineLength = 64 * 1024;

  explicit LineReader(const std::string& path, std::size_t block_size = 1 << 20,
                      std::size_t max_line_length = kDefaultMaxLineLength);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  /// The next line, or nullopt at the end of input.  Throws InputError on a
  /// read error (including a corrupt gzip stream).
  std::optional<Line> next();

  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  [[nodiscard]] bool gzip() const noexcept { return gzip_; }
  /// Bytes read from the file so far (compressed bytes for gzip).
  [[nodiscard]] std::uint64_t bytes_read() const noexcept { return bytes_read_; }

 private:
  std::size_t fill();  // reads more into buf_ after the kept tail; returns bytes added

  std::string path_;
  int fd_ = -1;
  bool own_fd_ = false;
  bool gzip_ = false;
  struct Inflater;
  std::unique_ptr<Inflater> inflater_;
  std::vector<char> buf_;
  std::size_t begin_ = 0;  // start of unread data in buf_
  std::size_t end_ = 0;    // end of valid data in buf_
  bool eof_ = false;
  std::size_t max_line_;
  std::uint64_t line_no_ = 0;
  std::uint64_t bytes_read_ = 0;
  bool skipping_long_line_ = false;
};

}  // namespace tidewatch::ingest
