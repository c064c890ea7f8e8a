#pragma once
// Screening AIS identities against sanctions lists: candidates by IMO, MMSI,
// call sign and name tokens, then a score in 0..1 with its basis and reasons.
//
//   Screener s;                 // Params: every threshold, with unit and source
//   s.add(load_watchlist(path));
//   for (const Match& m : s.screen(identity)) ...   // best first, score >= min_score
//
// Scoring (docs/screening.md §3).  Each kind of evidence gives a strength in
// 0..1; they combine as independent evidence, 1 - prod(1 - s_i), then every
// conflict multiplies the result by its factor:
//   imo       the broadcast IMO equals the listed ship IMO        imo_strength
//   mmsi      the MMSI equals a listed MMSI                       mmsi_strength
//   callsign  a broadcast call sign equals a listed one           callsign_strength
//   name      exact normalised name: name_exact_strength (x alias factors);
//             fuzzy (similarity >= name_min_similarity):
//             name_fuzzy_strength * (sim - min) / (1 - min)
//   owner_imo the broadcast IMO is a listed company's IMO company number  owner_imo_strength
//   owner_name the broadcast name is a listed company's name              owner_name_strength
//             (these two report the company's entry, with the company as the link)
//   conflicts a valid broadcast IMO different from the listed IMO -> imo_conflict_factor;
//             MMSI differs from all listed MMSIs -> mmsi_conflict_factor;
//             call sign differs from all listed  -> callsign_conflict_factor.
// Numbers in names must agree: SPARTA III is not SPARTA IV, MARIA is not
// MARIA III (the digits and Roman numerals of both names, as multisets).

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tidewatch/watchlist/entry.h"

namespace tidewatch::watchlist {

// ---- names ------------------------------------------------------------------

/// A name reduced for comparison: transliterated to Latin ASCII with ICU
/// ("Russian-Latin/BGN; Any-Latin; Latin-ASCII": Cyrillic by BGN/PCGN as OFAC
/// spells it, Hangul, Han, Greek, accents; Hangul's Revised Romanization eo/eu
/// folded to o/u, the ASCII form of McCune-Reischauer used for DPRK names:
/// 천마산 -> CHONMASAN = CHON MA SAN), apostrophes dropped, upper
/// case, punctuation to spaces, letters and digits split ("PETREL8" -> PETREL 8),
/// Roman numerals I..XX to digits, leading vessel prefixes dropped
/// (M/V, MV, M/T, MT, M.V., S/S, SS, T/S, MY, M/Y).
struct NormalName {
  std::vector<std::string> tokens;  ///< in order
  std::string joined;               ///< tokens joined by one space ("SPARTA 4")
  std::string sorted;               ///< tokens sorted, joined ("4 SPARTA")
  std::string compact;              ///< tokens without spaces ("SPARTA4"): Korean and
                                    ///< Chinese names are spaced per syllable or not
  std::vector<unsigned> numbers;    ///< the numeric tokens, sorted (Roman ones converted)
};

NormalName normalize_name(std::string_view utf8);

/// Latin-ASCII transliteration of UTF-8 text with ICU ("Russian-Latin/BGN; Any-Latin; Latin-ASCII");
/// ASCII text is returned unchanged without calling ICU.
std::string to_latin_ascii(std::string_view utf8);

/// Jaro-Winkler similarity 0..1 (prefix scale 0.1, prefix up to 4; Winkler 1990).
double jaro_winkler(std::string_view a, std::string_view b) noexcept;

/// Name similarity 0..1: the best of Jaro-Winkler on the joined tokens, on the
/// sorted tokens (word order), on the compact form and the token-set ratio (equal tokens over the
/// larger token count, used when two or more tokens are shared).  1 when the
/// compact forms are equal; 0 when the numbers differ.
double name_similarity(const NormalName& a, const NormalName& b) noexcept;

// ---- parameters ---------------------------------------------------------------

/// Every threshold of screening.  Strengths and factors are unitless in 0..1.
struct Params {
  /// Report matches scoring at least this.  Default 0.5: an exact name alone
  /// (0.6) is reported, a fuzzy name alone (< 0.5) or a name with a conflicting
  /// IMO (0.6 * 0.3 = 0.18) is not.  Source: tuned on tests/data/watchlist/pairs.csv.
  double min_score = 0.5;
  /// A match at or above this is "strong" (an identifier agreed).  Default 0.8.
  double strong_score = 0.8;
  /// IMO ship number equal.  Default 0.97: the IMO number is permanent for a
  /// hull (IMO Res. A.1078(28)), but AIS IMO fields are typed by crews and can be spoofed.
  double imo_strength = 0.97;
  /// MMSI equal.  Default 0.85: an MMSI changes when a ship re-flags and
  /// is re-used by later ships (ids.h screening rule), so it is weaker than the IMO.
  double mmsi_strength = 0.85;
  /// Call sign equal.  Default 0.6: call signs are re-issued by flag
  /// administrations and short ones collide across registries.
  double callsign_strength = 0.6;
  /// Exact normalised name of a primary name or a.k.a.  Default 0.6: names are
  /// not unique (OFAC lists MARIA and MARIA E a.k.a. 'MARIA').
  double name_exact_strength = 0.6;
  /// Fuzzy name at similarity 1.0 (scaled down to 0 at name_min_similarity).  Default 0.5.
  double name_fuzzy_strength = 0.5;
  /// Fuzzy names below this similarity are no evidence.  Default 0.88
  /// (Jaro-Winkler; 0.88 keeps one-letter typos of 6+ letter names, MAYA 1 ~ MAIA 1 = 0.88).
  double name_min_similarity = 0.88;
  /// Multiplier of name strength for a former name (f.k.a.).  Default 0.8:
  /// a ship still broadcasting a former name is a known evasion pattern, but
  /// the name may since have passed to another hull.
  double former_name_factor = 0.8;
  /// Multiplier of name strength for a weak alias.  Default 0.6.
  double weak_alias_factor = 0.6;
  /// Names of at most this many characters (normalised, spaces excluded) are
  /// only matched exactly.  Default 4: "ZEUS" ~ "ZEUX" means nothing.
  std::size_t short_name_chars = 4;
  /// Broadcast IMO (valid check digit) differs from the listed IMO.  Default
  /// 0.3: a different hull unless the IMO is spoofed.
  double imo_conflict_factor = 0.3;
  /// MMSI differs from every listed MMSI.  Default 0.85 (MMSIs change on re-flagging).
  double mmsi_conflict_factor = 0.85;
  /// Call sign differs from every listed call sign.  Default 0.9.
  double callsign_conflict_factor = 0.9;
  /// At most this many matches per vessel.  Default 10.
  std::size_t max_matches = 10;

  // Broadcast identity linked to a listed company (basis owner_imo / owner_name):
  // AIS carries no owner, but ships and operators put the owner's IMO *company*
  // number in the IMO field, and DPRK ships have been seen broadcasting such
  // numbers; a ship may also carry its listed owner's name.  The match is the
  // company's own entry, reported with the company as the link.
  /// The broadcast IMO field equals a listed company's IMO company number.
  /// Default 0.7: reported, not strong (it names the owner, not the hull).
  double owner_imo_strength = 0.7;
  /// Multiplier of owner_imo_strength when the broadcast number also passes the
  /// ship check digit (it may be a real ship's IMO that equals the company
  /// number by chance: one in ten 7-digit numbers pass).  Default 0.75 (0.525).
  double owner_imo_valid_ship_factor = 0.75;
  /// The broadcast name equals a listed company's name (normalised, compact
  /// form, numbers equal).  Default 0.55: reported, not strong.
  double owner_name_strength = 0.55;
  /// Company names shorter than this (letters and digits of the normalised
  /// name) are not compared with ship names.  Default 6: "ALFA", "ORION" are
  /// ship names as often as company names.
  std::size_t owner_name_min_chars = 6;
  /// Company names need at least this many tokens.  Default 2: one-word
  /// company names ("SOVCOMFLOT", "ROSNEFT") are also common ship-name words.
  std::size_t owner_name_min_tokens = 2;
};

// ---- screening -------------------------------------------------------------------

/// What a vessel is seen as in AIS (all values it broadcast).
struct VesselIdentity {
  std::uint32_t mmsi = 0;                 ///< 0 = unknown
  std::vector<std::string> names;         ///< every broadcast name
  std::vector<std::string> callsigns;     ///< every broadcast call sign
  std::vector<std::uint32_t> imos;        ///< every broadcast IMO (check digit not yet checked)
  std::string flag;                       ///< ISO alpha-2 of the MMSI's MID, "" unknown
};

/// One list entry a vessel matched.
struct Match {
  const Entry* entry = nullptr;     ///< owned by the Screener
  /// "imo", "mmsi", "callsign", "name", "former_name", "weak_alias"; for a listed
  /// company linked through the broadcast identity: "owner_imo" (the broadcast
  /// IMO is its company number), "owner_name" (the broadcast name is its name).
  std::vector<std::string> basis;
  double score = 0.0;               ///< 0..1
  bool strong = false;              ///< score >= Params::strong_score
  std::string matched_name;         ///< the listed name that matched ("" when no name did)
  std::string reasons;              ///< e.g. "imo 9179842 equal; name ANGARA exact"
  /// The entry's links (owners, operators), with target ids; for an owner_imo /
  /// owner_name match one link (relation "owner_imo" / "owner_name") to the
  /// company itself.
  std::vector<const Link*> owners;
  /// Listed parties behind those links, across every list added: entries
  /// whose normalised name equals a link's name, then the entries of other
  /// lists sharing an IMO company number with those (OFAC EVER BRIGHT 88 ->
  /// OCEAN MARITIME MANAGEMENT COMPANY LIMITED, OFAC 17068, IMO 1790183 ->
  /// UN KPe.020).  Owned by the Screener.
  std::vector<const Entry*> owner_entries;
};

class Screener {
 public:
  explicit Screener(Params p = {});
  ~Screener();
  Screener(const Screener&) = delete;
  Screener& operator=(const Screener&) = delete;

  /// Adds a list's vessel entries to the index (persons are kept for the owner
  /// links; companies are screened only by the broadcast-owner rules:
  /// owner_imo, owner_name).  Entries are copied.  Add every
  /// list before screening: owner links are resolved across the lists added.
  void add(const WatchList& list);

  /// The matches of one vessel, best first, at least min_score, at most max_matches.
  [[nodiscard]] std::vector<Match> screen(const VesselIdentity& v) const;

  [[nodiscard]] std::size_t vessel_count() const noexcept;
  /// Listed parties (companies, persons) of any list whose normalised name
  /// equals `name` (compact form), and the entries of any list sharing an IMO
  /// company number with them.
  [[nodiscard]] std::vector<const Entry*> parties_named(std::string_view name) const;
  [[nodiscard]] const Params& params() const noexcept { return params_; }

 private:
  /// The listed companies linked to the vessel through its broadcast IMO
  /// (company number) or name (basis owner_imo, owner_name), appended to `out`.
  void screen_owners(const VesselIdentity& v, const std::vector<NormalName>& vnames, std::vector<Match>& out) const;
  struct Impl;
  Params params_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tidewatch::watchlist
