#pragma once
// From lines of text to decoded AIS messages: the whole first stage.
//
//   StreamDecoder decoder(options, sink);
//   decoder.begin_source(0);
//   for each line: decoder.feed_line(text, line_number);
//   decoder.end_source();          // pending fragments become rejects
//
// A line may hold several sentences, each with its own tag block.  Multipart
// messages are reassembled keyed by source and either the tag-block group id
// or (channel, sequence id), in any order, with at most
// `max_pending_messages` incomplete messages held; what cannot be completed
// is rejected line by line.  Type 24 part B is joined with the part A of the
// same MMSI seen shortly before on the same radio channel, giving part "AB":
// gpsd 3.22's rule exactly (one 8-entry queue of part A per channel context,
// empty/'1'/'A' and '2'/'B'; drivers/driver_ais.c, drivers/drivers.c).
//
// Not thread-safe: use one StreamDecoder per thread or input.

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tidewatch/ais/bits.h"
#include "tidewatch/ais/messages.h"
#include "tidewatch/ais/nmea.h"
#include "tidewatch/core/reject.h"
#include "tidewatch/core/time.h"

namespace tidewatch::ais {

/// Where and how a message was received.  Views are valid during the callback.
struct MessageMeta {
  LineRef first;                   ///< source and line of the first sentence
  std::uint64_t last_line = 0;     ///< line of the last sentence (== first.line for one line)
  std::optional<UnixMillis> rxtime;///< receive time from the input, if it carries one
  std::string_view station;        ///< receiving station (tag block s:, PGHP, USCG r...)
  std::string_view talker;         ///< "AI", "BS", ...
  char channel = '\0';
  bool own_ship = false;           ///< VDO
  bool checksum_ok = true;         ///< false only when bad checksums are accepted
  std::uint8_t fragments = 1;
};

/// Receives the decoder's output.
class DecodeSink {
 public:
  virtual ~DecodeSink() = default;
  virtual void on_message(const Message& message, const MessageMeta& meta) = 0;
  virtual void on_reject(const RejectedLine& rejected) = 0;
};

struct DecoderOptions {
  /// Decode sentences and tag blocks whose checksum is wrong or missing, and
  /// mark them (MessageMeta::checksum_ok = false).  DEFAULT false: reject them.
  bool accept_bad_checksum = false;
  /// Incomplete multipart messages held at once; the oldest is rejected when
  /// a new one would exceed this.  DEFAULT 256 (a busy satellite feed holds < 20).
  std::size_t max_pending_messages = 256;
  /// An incomplete multipart message is given up after this many further
  /// lines of its source.  DEFAULT 1000.
  std::uint64_t max_fragment_age_lines = 1000;
};

/// Counts of everything the decoder saw.  lines = skipped + sentence lines.
struct DecodeStats {
  std::uint64_t lines = 0;           ///< input lines fed
  std::uint64_t ais_sentences = 0;   ///< VDM/VDO sentences with valid framing
  std::uint64_t gatehouse = 0;       ///< $PGHP wrapper sentences used for time
  std::uint64_t messages = 0;        ///< decoded messages (type 24 parts counted singly)
  std::array<std::uint64_t, 28> by_type{};  ///< decoded messages by type 1..27
  std::array<std::uint64_t, kRejectReasonCount> rejected{};
  std::array<std::uint64_t, kSkipReasonCount> skipped{};
  std::uint64_t bad_checksum_accepted = 0;      ///< decoded with accept_bad_checksum
  std::uint64_t tagblock_checksum_placeholder = 0;  ///< `*00` tag blocks accepted
  std::uint64_t type24_joined = 0;   ///< part B messages joined with their part A
  std::uint64_t with_rxtime = 0;     ///< messages that carry a receive time

  [[nodiscard]] std::uint64_t total_rejected() const noexcept;
  [[nodiscard]] std::uint64_t total_skipped() const noexcept;
  DecodeStats& operator+=(const DecodeStats& other) noexcept;
};

class StreamDecoder {
 public:
  StreamDecoder(DecoderOptions options, DecodeSink& sink);
  ~StreamDecoder();
  StreamDecoder(const StreamDecoder&) = delete;
  StreamDecoder& operator=(const StreamDecoder&) = delete;

  /// Starts an input; `source` is the caller's index for it (in LineRef).
  void begin_source(std::uint32_t source);
  /// One line without its line end.  `line` is the 1-based line number.
  void feed_line(std::string_view text, std::uint64_t line);
  /// A line the reader had to cut (longer than its limit): rejected.
  void reject_line(std::string_view text, std::uint64_t line, RejectReason reason);
  /// Ends the input: incomplete messages are rejected.
  void end_source();

  [[nodiscard]] const DecodeStats& stats() const noexcept { return stats_; }

 private:
  struct Pending;
  struct Fragment;

  void handle_vdm(const Sentence& s, std::optional<RejectReason> problem,
                  std::string_view trailing, const TagBlock& tag, std::string_view line);
  void handle_other(std::string_view text, std::string_view line);
  void complete_single(const Sentence& s, const TagBlock& tag, const TrailingFields& trailing,
                       std::string_view line);
  void add_fragment(const Sentence& s, const TagBlock& tag, const TrailingFields& trailing,
                    std::string_view line);
  void finish_pending(std::size_t index);
  void drop_pending(std::size_t index);
  void expire_old_fragments();
  void emit(const MessageMeta& meta);
  void join_type24(char channel);
  void reject(std::string_view text, RejectReason reason);
  void reject_at(std::string_view text, std::uint64_t line, RejectReason reason);
  void skip(SkipReason reason);

  DecoderOptions options_;
  DecodeSink& sink_;
  DecodeStats stats_;
  std::uint32_t source_ = 0;
  std::uint64_t line_ = 0;

  BitBuffer bits_;
  Message message_;

  // $PGHP stamp waiting for the next sentence.
  std::optional<UnixMillis> gatehouse_time_;
  std::string gatehouse_station_;

  // Slots (allocated once); [0, npending_) hold incomplete messages.
  std::vector<std::unique_ptr<Pending>> pending_;
  std::size_t npending_ = 0;
  std::uint64_t arrival_ = 0;

  // Type 24 part A waiting for its part B: gpsd keeps 8 per channel context
  // (MAX_TYPE24_INTERLEAVE in each aivdm_context_t), so a part B only finds a
  // part A received on its own channel.
  struct PartA {
    std::uint32_t mmsi = 0;
    FixedText<20> shipname;
  };
  std::array<std::array<PartA, 8>, 2> part_a_{};
  std::array<std::size_t, 2> part_a_next_{};
};

}  // namespace tidewatch::ais
