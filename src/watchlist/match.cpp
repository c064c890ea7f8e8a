// Screening AIS identities against list entries (watchlist/match.h).

#include "tidewatch/watchlist/match.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <memory>
#include <unordered_set>

#include "tidewatch/core/ids.h"

namespace tidewatch::watchlist {

// ---- names ------------------------------------------------------------------

// Cyrillic first with the BGN/PCGN tables (ZH, KH, CH, SH, TS: the spelling
// OFAC and the UK use, CHIZHOVKA), then everything else with ICU's default
// Latin transliterations (Hangul: Revised Romanization; Han: pinyin).
constexpr const char* kTransliteration = "Russian-Latin/BGN; Any-Latin; Latin-ASCII";

std::string to_latin_ascii(std::string_view utf8) {
  bool ascii = true;
  for (char c : utf8)
    if (static_cast<unsigned char>(c) >= 0x80) { ascii = false; break; }
  if (ascii) return std::string(utf8);
  // One transliterator per thread: creating one costs ~1 ms, transliterate() is not thread-safe.
  thread_local std::unique_ptr<icu::Transliterator> tr = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance(kTransliteration, UTRANS_FORWARD, status));
    if (U_FAILURE(status)) t.reset();
    return t;
  }();
  icu::UnicodeString us = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  if (tr) tr->transliterate(us);
  std::string out;
  us.toUTF8String(out);
  return out;
}

namespace {

/// Roman numerals I..XX as numbers, 0 for anything else.
unsigned roman_value(std::string_view t) noexcept {
  static constexpr std::string_view romans[] = {"I",    "II",  "III",  "IV",   "V",    "VI",  "VII",
                                                "VIII", "IX",  "X",    "XI",   "XII",  "XIII", "XIV",
                                                "XV",   "XVI", "XVII", "XVIII", "XIX", "XX"};
  for (unsigned i = 0; i < 20; ++i)
    if (t == romans[i]) return i + 1;
  return 0;
}

/// Index key of a token's first three letters (typos further on still meet).
std::string prefix_key(const std::string& t) {
  std::string k(1, '\x01');
  k.append(t, 0, 3);
  return k;
}

bool all_digits(std::string_view t) noexcept {
  return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

}  // namespace

namespace {
/// True when the text holds a Hangul syllable (U+AC00..U+D7A3, UTF-8 EA B0 80 .. ED 9E A3).
bool has_hangul(std::string_view s) noexcept {
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0xEA && b <= 0xED) {
      const unsigned cp = ((b & 0x0FU) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3FU) << 6) |
                          (static_cast<unsigned char>(s[i + 2]) & 0x3FU);
      if (cp >= 0xAC00 && cp <= 0xD7A3) return true;
    }
  }
  return false;
}
}  // namespace

NormalName normalize_name(std::string_view utf8) {
  std::string ascii = to_latin_ascii(utf8);
  if (has_hangul(utf8)) {
    // ICU romanises Hangul by Revised Romanization (eo, eu); the lists write
    // DPRK names in McCune-Reischauer, whose o-breve and u-breve become o and u
    // in ASCII (CHON MA SAN, not CHEON MA SAN).  Fold RR to that spelling.
    std::string folded;
    for (std::size_t i = 0; i < ascii.size(); ++i) {
      const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(ascii[i])));
      const char n = i + 1 < ascii.size() ? static_cast<char>(std::toupper(static_cast<unsigned char>(ascii[i + 1]))) : '\0';
      if (c == 'E' && (n == 'O' || n == 'U')) continue;  // eo -> o, eu -> u
      folded.push_back(ascii[i]);
    }
    ascii = std::move(folded);
  }
  // Upper case; anything not a letter or digit separates tokens; letters and digits split.
  std::vector<std::string> raw;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) raw.push_back(std::move(cur));
    cur.clear();
  };
  for (char ch : ascii) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalpha(c)) {
      if (!cur.empty() && std::isdigit(static_cast<unsigned char>(cur.back()))) flush();
      cur.push_back(static_cast<char>(std::toupper(c)));
    } else if (std::isdigit(c)) {
      if (!cur.empty() && std::isalpha(static_cast<unsigned char>(cur.back()))) flush();
      cur.push_back(ch);
    } else if (ch == '\'' || ch == '`') {
      // Apostrophes join: "MUHAMMAD'S" -> MUHAMMADS; BGN's soft sign -> nothing.
    } else {
      flush();
    }
  }
  flush();
  // Vessel prefixes: M/V, M.V., MV, M/T, MT, M/Y, S/S, T/S (only when a name follows).
  if (raw.size() >= 3 && raw[0].size() == 1 && raw[1].size() == 1) {
    const std::string p = raw[0] + raw[1];
    if (p == "MV" || p == "MT" || p == "MY" || p == "SS" || p == "TS") raw.erase(raw.begin(), raw.begin() + 2);
  }
  if (raw.size() >= 2 && (raw[0] == "MV" || raw[0] == "MT")) raw.erase(raw.begin());
  NormalName n;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    std::string& t = raw[i];
    // "NO 18", "NO. 18": the number is what matters.
    if (t == "NO" && i + 1 < raw.size() && (all_digits(raw[i + 1]) || roman_value(raw[i + 1]) != 0)) continue;
    if (unsigned r = roman_value(t); r != 0) t = std::to_string(r);
    if (all_digits(t)) {
      std::size_t z = 0;
      while (z + 1 < t.size() && t[z] == '0') ++z;  // "078" == "78"
      t.erase(0, z);
      n.numbers.push_back(t.size() <= 9 ? static_cast<unsigned>(std::stoul(t)) : 0xFFFFFFFFU);
    }
    n.tokens.push_back(std::move(t));
  }
  std::sort(n.numbers.begin(), n.numbers.end());
  for (const std::string& t : n.tokens) {
    if (!n.joined.empty()) n.joined.push_back(' ');
    n.joined += t;
  }
  for (const std::string& t : n.tokens) n.compact += t;
  std::vector<std::string> s = n.tokens;
  std::sort(s.begin(), s.end());
  for (const std::string& t : s) {
    if (!n.sorted.empty()) n.sorted.push_back(' ');
    n.sorted += t;
  }
  return n;
}

double jaro_winkler(std::string_view a, std::string_view b) noexcept {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  if (a == b) return 1.0;
  const std::size_t la = a.size(), lb = b.size();
  const std::size_t window = std::max<std::size_t>(la, lb) / 2 == 0 ? 0 : std::max<std::size_t>(la, lb) / 2 - 1;
  // Names are short; fixed buffers avoid allocation (longer names are cut at 128).
  constexpr std::size_t kMax = 128;
  const std::size_t na = std::min(la, kMax), nb = std::min(lb, kMax);
  bool ma[kMax] = {}, mb[kMax] = {};
  std::size_t matches = 0;
  for (std::size_t i = 0; i < na; ++i) {
    const std::size_t lo = i > window ? i - window : 0;
    const std::size_t hi = std::min(i + window + 1, nb);
    for (std::size_t j = lo; j < hi; ++j) {
      if (mb[j] || a[i] != b[j]) continue;
      ma[i] = mb[j] = true;
      ++matches;
      break;
    }
  }
  if (matches == 0) return 0.0;
  std::size_t k = 0, transpositions = 0;
  for (std::size_t i = 0; i < na; ++i) {
    if (!ma[i]) continue;
    while (!mb[k]) ++k;
    if (a[i] != b[k]) ++transpositions;
    ++k;
  }
  const double m = static_cast<double>(matches);
  const double jaro = (m / static_cast<double>(na) + m / static_cast<double>(nb) +
                       (m - static_cast<double>(transpositions) / 2.0) / m) / 3.0;
  std::size_t prefix = 0;
  while (prefix < 4 && prefix < na && prefix < nb && a[prefix] == b[prefix]) ++prefix;
  return jaro + static_cast<double>(prefix) * 0.1 * (1.0 - jaro);
}

double name_similarity(const NormalName& a, const NormalName& b) noexcept {
  if (a.tokens.empty() || b.tokens.empty()) return 0.0;
  if (a.numbers != b.numbers) return 0.0;
  if (a.compact == b.compact) return 1.0;  // "CHON MA SAN" == "CHONMASAN"
  double best = std::max({jaro_winkler(a.joined, b.joined), jaro_winkler(a.sorted, b.sorted),
                           jaro_winkler(a.compact, b.compact)});
  // Token-set ratio: equal tokens over the larger token count, when at least
  // two tokens are shared ("GOLDEN OCEAN STAR" ~ "OCEAN STAR GOLDEN").
  std::size_t found = 0;
  for (const std::string& t : a.tokens)
    if (std::find(b.tokens.begin(), b.tokens.end(), t) != b.tokens.end()) ++found;
  if (found < 2) return best;
  const std::size_t large = std::max(a.tokens.size(), b.tokens.size());
  best = std::max(best, static_cast<double>(std::min(found, large)) / static_cast<double>(large));
  return best;
}

// ---- screening -------------------------------------------------------------------

namespace {

struct IndexedName {
  NormalName norm;
  NameKind kind;
  const std::string* text;
  std::size_t letters;  // characters without spaces
};

std::string upper_trim(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '@' && c != '\t') out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return out;
}

std::string fmt_score(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

}  // namespace

struct Screener::Impl {
  std::deque<Entry> entries;
  std::deque<Entry> parties;  // companies and persons, for owner links
  std::unordered_map<std::string, std::vector<const Entry*>> party_by_name;  // compact normalised name
  std::unordered_map<std::uint32_t, std::vector<const Entry*>> party_by_company_imo;
  // Companies found through the broadcast identity: the link shown for each,
  // created once when the company is added (Match::owners points to these).
  std::unordered_map<const Entry*, std::pair<Link, Link>> broadcast_links;  // owner_imo, owner_name
  std::unordered_map<std::string, std::vector<const Entry*>> company_by_name;  // compact; entities eligible for owner_name
  std::vector<std::vector<IndexedName>> names;  // per entry
  std::unordered_map<std::uint32_t, std::vector<std::size_t>> by_imo, by_mmsi;
  std::unordered_map<std::string, std::vector<std::size_t>> by_callsign, by_token;

  void index_token_keys(const NormalName& n, std::size_t idx) {
    for (const std::string& t : n.tokens) {
      if (all_digits(t)) continue;  // numbers are checked, never used to find candidates
      auto add = [&](std::string key) {
        auto& v = by_token[std::move(key)];
        if (v.empty() || v.back() != idx) v.push_back(idx);
      };
      add(t);
      if (t.size() >= 3) add(prefix_key(t));
    }
    // The compact form's prefix: "JI SONG 6" and "JISONG 6" (Korean names
    // spaced per syllable or not) share "JIS".
    if (n.compact.size() >= 3 && !all_digits(n.compact.substr(0, 3))) add_key(prefix_key(n.compact), idx);
  }
  void add_key(std::string key, std::size_t idx) {
    auto& v = by_token[std::move(key)];
    if (v.empty() || v.back() != idx) v.push_back(idx);
  }
};

Screener::Screener(Params p) : params_(p), impl_(std::make_unique<Impl>()) {}
Screener::~Screener() = default;

std::size_t Screener::vessel_count() const noexcept { return impl_->entries.size(); }

std::vector<const Entry*> Screener::parties_named(std::string_view name) const {
  std::vector<const Entry*> out;
  auto it = impl_->party_by_name.find(normalize_name(name).compact);
  if (it == impl_->party_by_name.end()) return out;
  out = it->second;
  for (std::size_t i = 0; i < out.size(); ++i)  // grows while we walk: company-number neighbours
    for (std::uint32_t c : out[i]->company_imos)
      if (auto jt = impl_->party_by_company_imo.find(c); jt != impl_->party_by_company_imo.end())
        for (const Entry* q : jt->second)
          if (std::find(out.begin(), out.end(), q) == out.end()) out.push_back(q);
  return out;
}

void Screener::add(const WatchList& list) {
  Impl& im = *impl_;
  for (const Entry& src : list.entries) {
    if (src.kind != EntryKind::vessel) {
      im.parties.push_back(src);
      const Entry* p = &im.parties.back();
      for (const Name& n : p->names) {
        std::string key = normalize_name(n.text).compact;
        if (key.empty()) continue;
        auto& v = im.party_by_name[std::move(key)];
        if (std::find(v.begin(), v.end(), p) == v.end()) v.push_back(p);
      }
      for (std::uint32_t c : p->company_imos) im.party_by_company_imo[c].push_back(p);
      im.broadcast_links.emplace(p, std::pair<Link, Link>{Link{"owner_imo", p->primary_name(), p->id},
                                                          Link{"owner_name", p->primary_name(), p->id}});
      if (p->kind == EntryKind::entity)
        for (const Name& n : p->names) {
          if (n.kind == NameKind::weak) continue;
          const NormalName nn = normalize_name(n.text);
          if (nn.tokens.size() < params_.owner_name_min_tokens || nn.compact.size() < params_.owner_name_min_chars) continue;
          auto& v = im.company_by_name[nn.compact];
          if (std::find(v.begin(), v.end(), p) == v.end()) v.push_back(p);
        }
      continue;
    }
    const std::size_t idx = im.entries.size();
    im.entries.push_back(src);
    const Entry& e = im.entries.back();
    std::vector<IndexedName> ns;
    for (const Name& n : e.names) {
      IndexedName in{normalize_name(n.text), n.kind, &n.text, 0};
      for (const std::string& t : in.norm.tokens) in.letters += t.size();
      if (in.norm.tokens.empty()) continue;
      im.index_token_keys(in.norm, idx);
      ns.push_back(std::move(in));
    }
    im.names.push_back(std::move(ns));
    if (e.imo) im.by_imo[*e.imo].push_back(idx);
    for (std::uint32_t m : e.mmsis) im.by_mmsi[m].push_back(idx);
    for (const std::string& c : e.callsigns) im.by_callsign[upper_trim(c)].push_back(idx);
  }
}

std::vector<Match> Screener::screen(const VesselIdentity& v) const {
  const Impl& im = *impl_;
  const Params& p = params_;
  std::vector<std::size_t> cand;
  auto add_all = [&](const std::vector<std::size_t>& ids) { cand.insert(cand.end(), ids.begin(), ids.end()); };

  std::vector<std::uint32_t> valid_imos;
  for (std::uint32_t i : v.imos) {
    if (imo_check_digit_ok(i)) valid_imos.push_back(i);
    if (auto it = im.by_imo.find(i); it != im.by_imo.end()) add_all(it->second);
  }
  if (v.mmsi != 0)
    if (auto it = im.by_mmsi.find(v.mmsi); it != im.by_mmsi.end()) add_all(it->second);
  std::vector<std::string> callsigns;
  for (const std::string& c : v.callsigns) {
    std::string u = upper_trim(c);
    if (u.empty()) continue;
    if (auto it = im.by_callsign.find(u); it != im.by_callsign.end()) add_all(it->second);
    callsigns.push_back(std::move(u));
  }
  std::vector<NormalName> vnames;
  for (const std::string& n : v.names) {
    NormalName nn = normalize_name(n);
    if (nn.tokens.empty()) continue;
    for (const std::string& t : nn.tokens) {
      if (all_digits(t)) continue;
      if (auto it = im.by_token.find(t); it != im.by_token.end()) add_all(it->second);
      if (t.size() >= 3)
        if (auto it = im.by_token.find(prefix_key(t)); it != im.by_token.end()) add_all(it->second);
    }
    if (nn.compact.size() >= 3)
      if (auto it = im.by_token.find(prefix_key(nn.compact)); it != im.by_token.end()) add_all(it->second);
    vnames.push_back(std::move(nn));
  }
  std::sort(cand.begin(), cand.end());
  cand.erase(std::unique(cand.begin(), cand.end()), cand.end());

  std::vector<Match> out;
  for (std::size_t idx : cand) {
    const Entry& e = im.entries[idx];
    std::vector<std::string> basis;
    std::string reasons;
    auto reason = [&](const std::string& r) {
      if (!reasons.empty()) reasons += "; ";
      reasons += r;
    };
    double miss = 1.0;  // prod(1 - s_i)
    double factor = 1.0;
    // IMO
    if (e.imo) {
      if (std::find(v.imos.begin(), v.imos.end(), *e.imo) != v.imos.end()) {
        basis.emplace_back("imo");
        miss *= 1.0 - p.imo_strength;
        reason("imo " + std::to_string(*e.imo) + " equal");
      } else if (!valid_imos.empty()) {
        factor *= p.imo_conflict_factor;
        reason("imo " + std::to_string(valid_imos.front()) + " conflicts with listed " + std::to_string(*e.imo));
      }
    }
    // MMSI
    if (!e.mmsis.empty() && v.mmsi != 0) {
      if (std::find(e.mmsis.begin(), e.mmsis.end(), v.mmsi) != e.mmsis.end()) {
        basis.emplace_back("mmsi");
        miss *= 1.0 - p.mmsi_strength;
        reason("mmsi " + std::to_string(v.mmsi) + " equal");
      } else {
        factor *= p.mmsi_conflict_factor;
        reason("mmsi " + std::to_string(v.mmsi) + " differs from listed " + std::to_string(e.mmsis.front()));
      }
    }
    // Call sign
    if (!e.callsigns.empty() && !callsigns.empty()) {
      bool eq = false;
      for (const std::string& c : e.callsigns)
        if (std::find(callsigns.begin(), callsigns.end(), upper_trim(c)) != callsigns.end()) eq = true;
      if (eq) {
        basis.emplace_back("callsign");
        miss *= 1.0 - p.callsign_strength;
        reason("callsign " + callsigns.front() + " equal");
      } else {
        factor *= p.callsign_conflict_factor;
        reason("callsign " + callsigns.front() + " differs from listed " + e.callsigns.front());
      }
    }
    // Names
    double best_name = 0.0;
    const IndexedName* best_in = nullptr;
    double best_sim = 0.0;
    bool numbers_differ = false;
    for (const IndexedName& in : im.names[idx]) {
      double kind_factor = 1.0;
      if (in.kind == NameKind::fka) kind_factor = p.former_name_factor;
      else if (in.kind == NameKind::weak) kind_factor = p.weak_alias_factor;
      for (const NormalName& vn : vnames) {
        double s = 0.0, sim = 0.0;
        if (vn.compact == in.norm.compact && vn.numbers == in.norm.numbers) {
          sim = 1.0;
          s = p.name_exact_strength;
        } else {
          if (vn.numbers != in.norm.numbers) {
            if (jaro_winkler(vn.joined, in.norm.joined) >= p.name_min_similarity) numbers_differ = true;
            continue;
          }
          std::size_t letters = 0;
          for (const std::string& t : vn.tokens) letters += t.size();
          if (letters <= p.short_name_chars || in.letters <= p.short_name_chars) continue;
          sim = name_similarity(vn, in.norm);
          if (sim < p.name_min_similarity) continue;
          s = p.name_fuzzy_strength * (sim - p.name_min_similarity) / (1.0 - p.name_min_similarity);
        }
        s *= kind_factor;
        if (s > best_name) {
          best_name = s;
          best_in = &in;
          best_sim = sim;
        }
      }
    }
    if (best_in) {
      basis.emplace_back(best_in->kind == NameKind::fka ? "former_name"
                         : best_in->kind == NameKind::weak ? "weak_alias" : "name");
      miss *= 1.0 - best_name;
      reason("name '" + *best_in->text + "' (" + std::string(name_kind_name(best_in->kind)) + ") " +
             (best_sim >= 1.0 ? std::string("exact") : "similarity " + fmt_score(best_sim)));
    } else if (numbers_differ) {
      reason("name numbers differ");
    } else if (!vnames.empty() && !basis.empty()) {
      // An identifier matched under another name: renamed, or a spoofed identifier.
      reason("name '" + v.names.front() + "' not among the listed names ('" + e.primary_name() + "'" +
             (im.names[idx].size() > 1 ? " and " + std::to_string(im.names[idx].size() - 1) + " more" : std::string{}) +
             ")");
    }
    if (basis.empty()) continue;
    const double score = (1.0 - miss) * factor;
    if (score < p.min_score) continue;
    Match m;
    m.entry = &e;
    m.basis = std::move(basis);
    m.score = score;
    m.strong = score >= p.strong_score;
    m.matched_name = best_in ? *best_in->text : std::string{};
    m.reasons = std::move(reasons);
    for (const Link& l : e.links) {
      m.owners.push_back(&l);
      for (const Entry* q : parties_named(l.name))
        if (std::find(m.owner_entries.begin(), m.owner_entries.end(), q) == m.owner_entries.end())
          m.owner_entries.push_back(q);
    }
    out.push_back(std::move(m));
  }
  screen_owners(v, vnames, out);
  std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.entry->source != b.entry->source) return a.entry->source < b.entry->source;
    return a.entry->id < b.entry->id;
  });
  if (out.size() > p.max_matches) out.resize(p.max_matches);
  return out;
}

void Screener::screen_owners(const VesselIdentity& v, const std::vector<NormalName>& vnames, std::vector<Match>& out) const {
  const Impl& im = *impl_;
  const Params& p = params_;
  struct Hit {
    const Entry* party = nullptr;
    double miss = 1.0;
    bool by_imo = false, by_name = false;
    std::string matched_name, reasons;
  };
  std::vector<Hit> hits;
  auto hit_for = [&](const Entry* q) -> Hit& {
    for (Hit& h : hits)
      if (h.party == q) return h;
    hits.push_back(Hit{q, 1.0, false, false, {}, {}});
    return hits.back();
  };
  auto add_reason = [](Hit& h, const std::string& r) {
    if (!h.reasons.empty()) h.reasons += "; ";
    h.reasons += r;
  };
  // owner_imo: the broadcast IMO field holds a listed company's IMO company number.
  for (std::uint32_t imo : v.imos) {
    auto it = im.party_by_company_imo.find(imo);
    if (it == im.party_by_company_imo.end()) continue;
    const bool ship_like = imo_check_digit_ok(imo);
    const double s = p.owner_imo_strength * (ship_like ? p.owner_imo_valid_ship_factor : 1.0);
    for (const Entry* q : it->second) {
      Hit& h = hit_for(q);
      if (h.by_imo) continue;
      h.by_imo = true;
      h.miss *= 1.0 - s;
      add_reason(h, "broadcast imo " + std::to_string(imo) + " is the IMO company number of listed company '" +
                        q->primary_name() + "' [" + q->source + ":" + q->id + "]" +
                        (ship_like ? " (it also passes the ship check digit)" : " (not a ship IMO: check digit fails)"));
    }
  }
  // owner_name: the broadcast name is a listed company's name (exact, normalised).
  for (std::size_t i = 0; i < vnames.size(); ++i) {
    auto it = im.company_by_name.find(vnames[i].compact);
    if (it == im.company_by_name.end()) continue;
    for (const Entry* q : it->second) {
      const Name* named = nullptr;
      for (const Name& n : q->names)
        if (n.kind != NameKind::weak) {
          const NormalName nn = normalize_name(n.text);
          if (nn.compact == vnames[i].compact && nn.numbers == vnames[i].numbers) { named = &n; break; }
        }
      if (named == nullptr) continue;
      Hit& h = hit_for(q);
      if (h.by_name) continue;
      h.by_name = true;
      h.miss *= 1.0 - p.owner_name_strength;
      h.matched_name = named->text;
      add_reason(h, "broadcast name '" + vnames[i].joined +
                        "' is the name of listed company '" + q->primary_name() + "' [" + q->source + ":" + q->id + "]");
    }
  }
  for (Hit& h : hits) {
    const double score = 1.0 - h.miss;
    if (score < p.min_score) continue;
    Match m;
    m.entry = h.party;
    if (h.by_imo) m.basis.emplace_back("owner_imo");
    if (h.by_name) m.basis.emplace_back("owner_name");
    m.score = score;
    m.strong = score >= p.strong_score;
    m.matched_name = h.matched_name;
    m.reasons = std::move(h.reasons);
    const auto& links = im.broadcast_links.at(h.party);
    m.owners.push_back(h.by_imo ? &links.first : &links.second);
    m.owner_entries.push_back(h.party);
    for (const Entry* q : parties_named(h.party->primary_name()))
      if (std::find(m.owner_entries.begin(), m.owner_entries.end(), q) == m.owner_entries.end()) m.owner_entries.push_back(q);
    for (std::uint32_t c : h.party->company_imos)
      if (auto jt = im.party_by_company_imo.find(c); jt != im.party_by_company_imo.end())
        for (const Entry* q : jt->second)
          if (std::find(m.owner_entries.begin(), m.owner_entries.end(), q) == m.owner_entries.end()) m.owner_entries.push_back(q);
    out.push_back(std::move(m));
  }
}

}  // namespace tidewatch::watchlist
