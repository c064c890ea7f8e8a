#include "tidewatch/ingest/csv.h"

namespace tidewatch::ingest {

std::string_view strip_bom(std::string_view line) noexcept {
  if (line.size() >= 3 && static_cast<unsigned char>(line[0]) == 0xEF &&
      static_cast<unsigned char>(line[1]) == 0xBB && static_cast<unsigned char>(line[2]) == 0xBF) {
    line.remove_prefix(3);
  }
  return line;
}

char detect_delimiter(std::string_view header) noexcept {
  std::size_t comma = 0, semicolon = 0, tab = 0;
  bool quoted = false;
  for (char c : header) {
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted) {
      comma += c == ',';
      semicolon += c == ';';
      tab += c == '\t';
    }
  }
  if (comma >= semicolon && comma >= tab) return ',';
  return semicolon >= tab ? ';' : '\t';
}

bool CsvSplitter::split(std::string_view line) {
  fields_.clear();
  if (scratch_.capacity() < line.size()) scratch_.reserve(line.size());
  scratch_.clear();
  const std::size_t n = line.size();
  std::size_t i = 0;
  while (true) {
    if (i < n && line[i] == '"') {
      // Quoted field.
      const std::size_t start = ++i;
      bool escaped = false;
      std::size_t close = std::string_view::npos;
      while (i < n) {
        if (line[i] == '"') {
          if (i + 1 < n && line[i + 1] == '"') {
            escaped = true;
            i += 2;
            continue;
          }
          close = i;
          break;
        }
        ++i;
      }
      if (close == std::string_view::npos) return false;  // unclosed quote
      if (!escaped) {
        fields_.push_back(line.substr(start, close - start));
      } else {
        const std::size_t from = scratch_.size();
        for (std::size_t k = start; k < close; ++k) {
          scratch_.push_back(line[k]);
          if (line[k] == '"') ++k;  // skip the second quote of ""
        }
        fields_.emplace_back(scratch_.data() + from, scratch_.size() - from);
      }
      i = close + 1;
      if (i == n) return true;
      if (line[i] != delimiter_) return false;  // "ab"c
      ++i;
    } else {
      const std::size_t end = line.find(delimiter_, i);
      if (end == std::string_view::npos) {
        fields_.push_back(line.substr(i));
        return true;
      }
      fields_.push_back(line.substr(i, end - i));
      i = end + 1;
    }
  }
}

}  // namespace tidewatch::ingest
