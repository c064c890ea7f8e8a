#include "tidewatch/ais/stream.h"

#include <algorithm>
#include <utility>

#include "tidewatch/ais/decode.h"

namespace tidewatch::ais {

// ---- statistics -----------------------------------------------------------------

std::uint64_t DecodeStats::total_rejected() const noexcept {
  std::uint64_t n = 0;
  for (auto v : rejected) n += v;
  return n;
}

std::uint64_t DecodeStats::total_skipped() const noexcept {
  std::uint64_t n = 0;
  for (auto v : skipped) n += v;
  return n;
}

DecodeStats& DecodeStats::operator+=(const DecodeStats& o) noexcept {
  lines += o.lines;
  ais_sentences += o.ais_sentences;
  gatehouse += o.gatehouse;
  messages += o.messages;
  for (std::size_t i = 0; i < by_type.size(); ++i) by_type[i] += o.by_type[i];
  for (std::size_t i = 0; i < rejected.size(); ++i) rejected[i] += o.rejected[i];
  for (std::size_t i = 0; i < skipped.size(); ++i) skipped[i] += o.skipped[i];
  bad_checksum_accepted += o.bad_checksum_accepted;
  tagblock_checksum_placeholder += o.tagblock_checksum_placeholder;
  type24_joined += o.type24_joined;
  with_rxtime += o.with_rxtime;
  return *this;
}

// ---- multipart state --------------------------------------------------------------

/// Longest raw line kept for a pending fragment's reject record.
constexpr std::size_t kMaxKeptLine = 4096;

struct StreamDecoder::Fragment {
  bool present = false;
  std::uint64_t line = 0;
  std::uint8_t fill = 0;
  std::string payload;
  std::string text;  // the raw line, for the reject record
  std::optional<UnixMillis> time;
  std::string station;
};

struct StreamDecoder::Pending {
  // key
  bool by_group = false;
  std::uint32_t group = 0;
  char channel = '\0';
  std::int16_t sequence = -1;
  // state
  std::uint8_t count = 0;
  std::uint8_t have = 0;
  std::uint64_t arrival = 0;
  std::uint64_t first_line = 0;
  char talker[2] = {'\0', '\0'};
  bool own_ship = false;
  bool checksum_ok = true;
  std::array<Fragment, 9> fragments;
};

StreamDecoder::StreamDecoder(DecoderOptions options, DecodeSink& sink)
    : options_(options), sink_(sink) {
  if (options_.max_pending_messages == 0) options_.max_pending_messages = 1;
  pending_.reserve(options_.max_pending_messages);
  for (std::size_t i = 0; i < options_.max_pending_messages; ++i)
    pending_.push_back(std::make_unique<Pending>());
}

StreamDecoder::~StreamDecoder() = default;

void StreamDecoder::begin_source(std::uint32_t source) {
  source_ = source;
  line_ = 0;
  gatehouse_time_.reset();
  gatehouse_station_.clear();
  part_a_ = {};
  part_a_next_ = {};
}

void StreamDecoder::end_source() {
  while (npending_ > 0) drop_pending(0);
}

// ---- outcomes -------------------------------------------------------------------

void StreamDecoder::reject_at(std::string_view text, std::uint64_t line, RejectReason reason) {
  ++stats_.rejected[static_cast<std::size_t>(reason)];
  sink_.on_reject(RejectedLine{LineRef{source_, line}, reason, text});
}

void StreamDecoder::reject(std::string_view text, RejectReason reason) {
  // A $PGHP stamp belongs to the next sentence whatever becomes of it: a
  // rejected line must not pass it on to the sentence after (rejects of older
  // pending fragments go through reject_at and leave it alone).
  gatehouse_time_.reset();
  reject_at(text, line_, reason);
}

void StreamDecoder::skip(SkipReason reason) { ++stats_.skipped[static_cast<std::size_t>(reason)]; }

void StreamDecoder::reject_line(std::string_view text, std::uint64_t line, RejectReason reason) {
  ++stats_.lines;
  line_ = line;
  reject(text, reason);
}

// ---- lines ----------------------------------------------------------------------

namespace {

bool is_hex(char c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

bool is_address_char(char c) noexcept {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

/// Where the next sentence (or its tag block) starts in the text after a
/// sentence's checksum; the text before it is receiver fields or junk.  A
/// sentence starts with '!' or '$' and five address characters ("!AIVDM");
/// a tag block is "\...*hh\" followed by a sentence.  Anything else, such as
/// a literal "\x0d\x0a" some loggers write, stays trailing text.
std::size_t next_sentence_start(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '!' || c == '$') {
      if (i + 6 <= s.size() && is_address_char(s[i + 1]) && is_address_char(s[i + 2]) &&
          is_address_char(s[i + 3]) && is_address_char(s[i + 4]) && is_address_char(s[i + 5]))
        return i;
    } else if (c == '\\') {
      const auto close = s.find('\\', i + 1);
      if (close != std::string_view::npos && close >= i + 4 && s[close - 3] == '*' &&
          is_hex(s[close - 2]) && is_hex(s[close - 1]) && close + 1 < s.size() &&
          (s[close + 1] == '!' || s[close + 1] == '$'))
        return i;
    }
  }
  return s.size();
}

/// Length of the sentence at the start of `s` ('!' or '$'): through "*hh"
/// when there is a '*' before the next tag block (a garbled sentence with
/// '$' inside, as some chart plotters write, stays one sentence), or else up
/// to the next sentence or tag block.
std::size_t sentence_extent(std::string_view s) noexcept {
  const std::string_view head = s.substr(0, s.find('\\', 1));
  const auto star = head.find('*');
  if (star != std::string_view::npos) return std::min(star + 3, head.size());
  const auto next = head.find_first_of("!$", 1);
  return next == std::string_view::npos ? head.size() : next;
}

}  // namespace

void StreamDecoder::feed_line(std::string_view text, std::uint64_t line) {
  line_ = line;
  ++stats_.lines;
  while (!text.empty() && (text.back() == '\r' || text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  if (text.empty()) {
    skip(SkipReason::blank);
    return;
  }
  if (text[0] == '#') {
    skip(SkipReason::comment);
    return;
  }
  if (npending_ > 0) expire_old_fragments();

  std::string_view rest = text;
  while (!rest.empty()) {
    TagBlock tag;
    std::optional<RejectReason> tag_problem;
    if (rest[0] == '\\') {
      const auto close = rest.find('\\', 1);
      if (close == std::string_view::npos) {
        reject(text, RejectReason::bad_tagblock);
        return;
      }
      tag_problem = parse_tag_block(rest.substr(1, close - 1), tag);
      if (!tag_problem && !tag.checksum_ok) {
        if (tag.checksum_placeholder) {
          ++stats_.tagblock_checksum_placeholder;
        } else if (!options_.accept_bad_checksum) {
          tag_problem = RejectReason::bad_tagblock_checksum;
        }
      }
      rest.remove_prefix(close + 1);
    }
    if (rest.empty() || (rest[0] != '!' && rest[0] != '$')) {
      reject(text, tag_problem ? *tag_problem : RejectReason::bad_framing);
      return;
    }
    if (tag_problem) {
      // Skip the sentence the bad tag block belongs to.
      rest.remove_prefix(std::min(sentence_extent(rest), rest.size()));
      rest.remove_prefix(next_sentence_start(rest));
      reject(text, *tag_problem);
      continue;
    }
    if (classify_sentence(rest) == SentenceKind::ais) {
      // The fast path: one pass parses the sentence and finds its end.
      Sentence s;
      std::size_t used = 0;
      const auto problem = parse_vdm(rest, s, used);
      std::string_view after = rest.substr(used);
      const std::size_t next = next_sentence_start(after);
      const std::string_view trailing = after.substr(0, next);
      rest = after.substr(next);
      handle_vdm(s, problem, trailing, tag, text);
      continue;
    }
    // "$..." and other "!..." sentences: up to "*hh", then receiver fields.
    const std::size_t end = sentence_extent(rest);
    const std::string_view sentence = rest.substr(0, end);
    std::string_view after = rest.substr(end);
    const std::size_t next = next_sentence_start(after);
    rest = after.substr(next);
    handle_other(sentence, text);
  }
}

void StreamDecoder::handle_other(std::string_view text, std::string_view line) {
  if (classify_sentence(text) != SentenceKind::gatehouse) {
    skip(SkipReason::other_nmea);
    return;
  }
  GatehouseStamp stamp;
  if (auto problem = parse_gatehouse(text, stamp)) {
    reject(line, *problem);
    return;
  }
  ++stats_.gatehouse;
  gatehouse_time_ = stamp.time;
  gatehouse_station_.assign(stamp.station);
}

void StreamDecoder::handle_vdm(const Sentence& s, std::optional<RejectReason> problem,
                               std::string_view trailing, const TagBlock& tag,
                               std::string_view line) {
  if (problem) {
    reject(line, *problem);
    return;
  }
  if (!s.checksum_ok && !options_.accept_bad_checksum) {
    reject(line, s.checksum_missing ? RejectReason::missing_checksum : RejectReason::bad_checksum);
    return;
  }
  ++stats_.ais_sentences;
  if (s.payload.empty()) {
    reject(line, RejectReason::empty_payload);
    return;
  }
  const TrailingFields fields =
      trailing.empty() ? TrailingFields{} : parse_trailing_fields(trailing);
  if (s.fragment_count == 1) {
    complete_single(s, tag, fields, line);
  } else {
    add_fragment(s, tag, fields, line);
  }
}

// ---- single-sentence messages: the fast path ------------------------------------

void StreamDecoder::complete_single(const Sentence& s, const TagBlock& tag,
                                    const TrailingFields& trailing, std::string_view line) {
  bits_.clear();
  bool bad_char = false;
  if (!bits_.append(s.payload, s.fill_bits, bad_char)) {
    gatehouse_time_.reset();
    reject(line, bad_char ? RejectReason::bad_payload_character : RejectReason::payload_too_long);
    return;
  }
  MessageMeta meta;
  meta.first = LineRef{source_, line_};
  meta.last_line = line_;
  meta.talker = s.talker;
  meta.channel = s.channel;
  meta.own_ship = s.own_ship;
  meta.checksum_ok = s.checksum_ok && (tag.checksum_ok || tag.checksum_placeholder);
  if (tag.time) {
    meta.rxtime = tag.time;
  } else if (trailing.time) {
    meta.rxtime = trailing.time;
  } else {
    meta.rxtime = gatehouse_time_;
  }
  if (!tag.station.empty()) {
    meta.station = tag.station;
  } else if (!trailing.station.empty()) {
    meta.station = trailing.station;
  } else if (gatehouse_time_) {
    meta.station = gatehouse_station_;
  }
  gatehouse_time_.reset();
  if (auto problem = decode_message(bits_.view(), message_)) {
    reject(line, *problem);
    return;
  }
  emit(meta);
}

void StreamDecoder::emit(const MessageMeta& meta) {
  if (message_.type == 24) join_type24(meta.channel);
  ++stats_.messages;
  ++stats_.by_type[message_.type];
  if (!meta.checksum_ok) ++stats_.bad_checksum_accepted;
  if (meta.rxtime) ++stats_.with_rxtime;
  sink_.on_message(message_, meta);
}

void StreamDecoder::join_type24(char channel) {
  // gpsd's channel contexts: '2' and 'B' are the second; empty, '1', 'A' (and
  // anything else, which gpsd would refuse) the first.
  const std::size_t context = channel == 'B' || channel == '2' ? 1 : 0;
  auto& queue = part_a_[context];
  auto& report = std::get<StaticDataReport>(message_.body);
  if (report.part == StaticDataReport::Part::A) {
    queue[part_a_next_[context]] = PartA{message_.mmsi, report.shipname};
    part_a_next_[context] = (part_a_next_[context] + 1) % queue.size();
    return;
  }
  for (auto& a : queue) {
    if (a.mmsi == message_.mmsi && a.mmsi != 0) {
      report.shipname = a.shipname;
      report.part = StaticDataReport::Part::AB;
      a.mmsi = 0;  // a repeated part B must not match again
      ++stats_.type24_joined;
      return;
    }
  }
}

// ---- multipart messages ---------------------------------------------------------

void StreamDecoder::add_fragment(const Sentence& s, const TagBlock& tag,
                                 const TrailingFields& trailing, std::string_view line) {
  const bool by_group = tag.group.has_value();
  const std::uint32_t group = by_group ? tag.group->id : 0;
  std::size_t index = npending_;
  for (std::size_t i = 0; i < npending_; ++i) {
    const Pending& p = *pending_[i];
    if (p.by_group == by_group &&
        (by_group ? p.group == group : (p.channel == s.channel && p.sequence == s.sequence_id))) {
      index = i;
      break;
    }
  }
  if (index < npending_) {
    Pending& p = *pending_[index];
    const bool duplicate = p.fragments[s.fragment_number - 1].present;
    if (p.count != s.fragment_count || (duplicate && s.fragment_number == 1) ||
        (by_group && p.channel != s.channel)) {
      // A new message reuses the key: the old one will never complete.
      drop_pending(index);
      index = npending_;
    } else if (duplicate) {
      gatehouse_time_.reset();
      reject(line, RejectReason::duplicate_fragment);
      return;
    }
  }
  if (index == npending_) {
    if (npending_ == pending_.size()) {
      // Full: give up the oldest incomplete message.
      std::size_t oldest = 0;
      for (std::size_t i = 1; i < npending_; ++i)
        if (pending_[i]->arrival < pending_[oldest]->arrival) oldest = i;
      drop_pending(oldest);
      index = npending_;
    }
    Pending& p = *pending_[npending_++];
    p.by_group = by_group;
    p.group = group;
    p.channel = s.channel;
    p.sequence = s.sequence_id;
    p.count = s.fragment_count;
    p.have = 0;
    p.arrival = arrival_++;
    p.first_line = line_;
    p.talker[0] = s.talker.size() > 0 ? s.talker[0] : '\0';
    p.talker[1] = s.talker.size() > 1 ? s.talker[1] : '\0';
    p.own_ship = s.own_ship;
    p.checksum_ok = true;
    for (auto& f : p.fragments) f.present = false;
  }
  Pending& p = *pending_[index];
  Fragment& f = p.fragments[s.fragment_number - 1];
  f.present = true;
  f.line = line_;
  f.fill = s.fill_bits;
  f.payload.assign(s.payload);
  f.text.assign(line.substr(0, kMaxKeptLine));
  f.time = tag.time ? tag.time : trailing.time ? trailing.time : gatehouse_time_;
  if (!tag.station.empty()) {
    f.station.assign(tag.station);
  } else if (!trailing.station.empty()) {
    f.station.assign(trailing.station);
  } else if (gatehouse_time_) {
    f.station = gatehouse_station_;
  } else {
    f.station.clear();
  }
  gatehouse_time_.reset();
  p.checksum_ok = p.checksum_ok && s.checksum_ok && (tag.checksum_ok || tag.checksum_placeholder);
  ++p.have;
  if (p.have == p.count) finish_pending(index);
}

void StreamDecoder::finish_pending(std::size_t index) {
  Pending& p = *pending_[index];
  bits_.clear();
  std::optional<RejectReason> problem;
  MessageMeta meta;
  meta.first = LineRef{source_, p.fragments[0].line};
  meta.last_line = p.fragments[0].line;
  for (std::size_t i = 0; i < p.count; ++i) {
    const Fragment& f = p.fragments[i];
    meta.first.line = std::min(meta.first.line, f.line);
    meta.last_line = std::max(meta.last_line, f.line);
    if (!meta.rxtime && f.time) meta.rxtime = f.time;
    if (meta.station.empty() && !f.station.empty()) meta.station = f.station;
    bool bad_char = false;
    if (!problem && !bits_.append(f.payload, i + 1 == p.count ? f.fill : 0U, bad_char))
      problem = bad_char ? RejectReason::bad_payload_character : RejectReason::payload_too_long;
  }
  meta.talker = std::string_view(p.talker, 2);
  meta.channel = p.channel;
  meta.own_ship = p.own_ship;
  meta.checksum_ok = p.checksum_ok;
  meta.fragments = p.count;
  if (!problem) problem = decode_message(bits_.view(), message_);
  if (problem) {
    // One record per line: the fragments of a message may share a line
    // (GFW-style lines: `\s:..\!AIVDM,2,1,..*hh\s:..\!AIVDM,2,2,..*hh`).
    for (std::size_t i = 0; i < p.count; ++i) {
      bool seen = false;
      for (std::size_t j = 0; j < i; ++j) seen = seen || p.fragments[j].line == p.fragments[i].line;
      if (!seen) reject_at(p.fragments[i].text, p.fragments[i].line, *problem);
    }
  } else {
    emit(meta);
  }
  // remove: move the last pending into this slot (swap keeps string capacity)
  std::swap(pending_[index], pending_[npending_ - 1]);
  --npending_;
}

void StreamDecoder::drop_pending(std::size_t index) {
  Pending& p = *pending_[index];
  const RejectReason reason = p.fragments[0].present ? RejectReason::incomplete_message
                                                     : RejectReason::orphan_fragment;
  // Reject in line order.
  std::array<const Fragment*, 9> present{};
  std::size_t n = 0;
  for (std::size_t i = 0; i < p.count; ++i)
    if (p.fragments[i].present) present[n++] = &p.fragments[i];
  std::sort(present.begin(), present.begin() + static_cast<std::ptrdiff_t>(n),
            [](const Fragment* a, const Fragment* b) { return a->line < b->line; });
  for (std::size_t i = 0; i < n; ++i)  // one record per line (see finish_pending)
    if (i == 0 || present[i]->line != present[i - 1]->line)
      reject_at(present[i]->text, present[i]->line, reason);
  std::swap(pending_[index], pending_[npending_ - 1]);
  --npending_;
}

void StreamDecoder::expire_old_fragments() {
  for (std::size_t i = 0; i < npending_;) {
    if (line_ - pending_[i]->first_line > options_.max_fragment_age_lines) {
      drop_pending(i);  // swaps the last one into i: look at i again
    } else {
      ++i;
    }
  }
}

}  // namespace tidewatch::ais
