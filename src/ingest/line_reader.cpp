#include "tidewatch/ingest/line_reader.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace tidewatch::ingest {

struct LineReader::Inflater {
  z_stream zs{};
  std::vector<unsigned char> in;
  bool initialised = false;
  bool input_eof = false;
  bool stream_end = false;
};

LineReader::LineReader(const std::string& path, std::size_t block_size,
                       std::size_t max_line_length)
    : path_(path), max_line_(max_line_length) {
  if (path == "-") {
    fd_ = 0;
  } else {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) throw InputError("cannot open " + path + ": " + std::strerror(errno));
    own_fd_ = true;
  }
  buf_.resize(std::max(block_size, max_line_length) + max_line_length + 1);
  // Sniff gzip from the first bytes.
  std::size_t got = 0;
  while (got < 2) {
    const ssize_t n = ::read(fd_, buf_.data() + got, buf_.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw InputError("cannot read " + path + ": " + std::strerror(errno));
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  bytes_read_ = got;
  if (got >= 2 && static_cast<unsigned char>(buf_[0]) == 0x1f &&
      static_cast<unsigned char>(buf_[1]) == 0x8b) {
    gzip_ = true;
    inflater_ = std::make_unique<Inflater>();
    inflater_->in.resize(std::max(block_size, got));
    std::memcpy(inflater_->in.data(), buf_.data(), got);
    inflater_->zs.next_in = inflater_->in.data();
    inflater_->zs.avail_in = static_cast<uInt>(got);
    if (inflateInit2(&inflater_->zs, 15 + 32) != Z_OK) throw InputError("zlib init failed");
    inflater_->initialised = true;
  } else {
    end_ = got;
    if (got == 0) eof_ = true;
  }
}

LineReader::~LineReader() {
  if (inflater_ && inflater_->initialised) inflateEnd(&inflater_->zs);
  if (own_fd_ && fd_ >= 0) ::close(fd_);
}

std::size_t LineReader::fill() {
  // Keep the unread tail at the front of the buffer.
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  const std::size_t room = buf_.size() - end_;
  if (room == 0 || eof_) return 0;
  if (!gzip_) {
    for (;;) {
      const ssize_t n = ::read(fd_, buf_.data() + end_, room);
      if (n < 0) {
        if (errno == EINTR) continue;
        throw InputError("cannot read " + path_ + ": " + std::strerror(errno));
      }
      if (n == 0) eof_ = true;
      end_ += static_cast<std::size_t>(n);
      bytes_read_ += static_cast<std::size_t>(n);
      return static_cast<std::size_t>(n);
    }
  }
  Inflater& z = *inflater_;
  z.zs.next_out = reinterpret_cast<unsigned char*>(buf_.data() + end_);
  z.zs.avail_out = static_cast<uInt>(room);
  while (z.zs.avail_out == room) {
    if (z.zs.avail_in == 0 && !z.input_eof) {
      ssize_t n;
      do {
        n = ::read(fd_, z.in.data(), z.in.size());
      } while (n < 0 && errno == EINTR);
      if (n < 0) throw InputError("cannot read " + path_ + ": " + std::strerror(errno));
      if (n == 0) z.input_eof = true;
      bytes_read_ += static_cast<std::size_t>(n);
      z.zs.next_in = z.in.data();
      z.zs.avail_in = static_cast<uInt>(n);
    }
    if (z.stream_end) {
      // Another gzip member may follow (concatenated files).
      if (z.zs.avail_in == 0 && z.input_eof) {
        eof_ = true;
        break;
      }
      if (z.zs.avail_in == 0) continue;
      inflateReset(&z.zs);
      z.stream_end = false;
    }
    const int rc = inflate(&z.zs, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) {
      z.stream_end = true;
    } else if (rc == Z_BUF_ERROR) {
      if (z.input_eof && z.zs.avail_in == 0)
        throw InputError("truncated gzip stream in " + path_);
    } else if (rc != Z_OK) {
      throw InputError("corrupt gzip stream in " + path_ + ": " +
                       (z.zs.msg != nullptr ? z.zs.msg : "inflate error"));
    }
  }
  const std::size_t added = room - z.zs.avail_out;
  end_ += added;
  return added;
}

std::optional<Line> LineReader::next() {
  for (;;) {
    const char* start = buf_.data() + begin_;
    const std::size_t avail = end_ - begin_;
    const void* nl = avail > 0 ? std::memchr(start, '\n', avail) : nullptr;
    if (nl != nullptr) {
      const auto len = static_cast<std::size_t>(static_cast<const char*>(nl) - start);
      begin_ += len + 1;
      if (skipping_long_line_) {  // the end of a line already returned truncated
        skipping_long_line_ = false;
        continue;
      }
      std::string_view text(start, len);
      if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
      return Line{text, ++line_no_, false};
    }
    if (avail >= max_line_ && !skipping_long_line_) {
      // A line longer than the limit: return its start, skip the rest.
      std::string_view text(start, max_line_);
      begin_ += max_line_;
      skipping_long_line_ = true;
      return Line{text, ++line_no_, true};
    }
    if (skipping_long_line_ && avail > 0) {
      begin_ = end_;  // discard: still inside the long line
    }
    if (eof_ || fill() == 0) {
      if (eof_ || end_ == begin_) {
        if (end_ > begin_) {  // last line without a line end
          std::string_view text(buf_.data() + begin_, end_ - begin_);
          begin_ = end_;
          if (skipping_long_line_) {
            skipping_long_line_ = false;
            return std::nullopt;
          }
          if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
          return Line{text, ++line_no_, false};
        }
        return std::nullopt;
      }
    }
  }
}

}  // namespace tidewatch::ingest
