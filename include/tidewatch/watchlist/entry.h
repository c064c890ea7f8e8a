#pragma once
// One model for every sanctions list: a listed vessel, company or person
// (`Entry`) with its names, identifiers, owner links and designation, and the
// list it came from (`WatchList`) with every row that could not be used.
// Readers (watchlist/readers.h) fill it; the matcher (watchlist/match.h)
// screens AIS identities against it.  docs/screening.md describes the formats.
//
// Identifiers are kept apart by kind:
//  - `imo` is an IMO *ship* number whose check digit passed (ids.h,
//    imo_check_digit_ok).  A 7-digit number that fails goes to `bad_imos` and
//    is never matched.
//  - `company_imos` are IMO *company / registered owner* numbers (OFAC
//    "Identification Number IMO 6246853", UN "IMO Number: 5342883").  They have
//    no check digit and are never compared with a ship IMO.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tidewatch::watchlist {

/// What a list entry designates.  OFAC SDN_Type "vessel" -> vessel,
/// "Entity"/"" -> entity, "individual" -> individual, "aircraft" -> aircraft.
enum class EntryKind : std::uint8_t { vessel, entity, individual, aircraft, other };

std::string_view entry_kind_name(EntryKind k) noexcept;

/// How a name belongs to an entry.
enum class NameKind : std::uint8_t {
  primary,  ///< the listed name (OFAC SDN_Name, own CSV `name`)
  aka,      ///< also known as (OFAC "a.k.a. 'X'", alt.csv aka)
  fka,      ///< formerly known as: a former ship name (OFAC "f.k.a.", alt.csv fka)
  nka,      ///< now known as
  weak,     ///< a low-quality alias (OFAC weak a.k.a., UN QUALITY=Low)
};

std::string_view name_kind_name(NameKind k) noexcept;

struct Name {
  std::string text;  ///< as listed (UTF-8), quotes removed
  NameKind kind = NameKind::primary;
};

/// An owner / operator / other link from a list entry to a party, as listed
/// (OFAC remarks "Linked To: M LEASING LLC."; Vess_owner column).
struct Link {
  std::string relation;   ///< "linked_to", "owner" (OFAC Vess_owner column)
  std::string name;       ///< the party's name as written in the entry
  std::string target_id;  ///< the id of that party's own entry in the same list, "" when not listed
};

/// One listed vessel, company or person.
struct Entry {
  std::string source;  ///< list name, e.g. "ofac_sdn", "own"
  std::string id;      ///< the list's id: OFAC ent_num "37059", own CSV "own:<line>"
  EntryKind kind = EntryKind::other;
  std::vector<Name> names;  ///< names[0] is the primary name
  std::optional<std::uint32_t> imo;       ///< IMO ship number, check digit valid
  std::vector<std::uint32_t> bad_imos;    ///< 7-digit "IMO" numbers that failed the check digit
  std::vector<std::uint32_t> company_imos;  ///< IMO company numbers (no check digit): never a ship IMO
  std::vector<std::uint32_t> mmsis;       ///< listed MMSIs (9 digits as a number)
  std::vector<std::string> callsigns;     ///< call sign, then "Other Vessel Call Sign"s; upper case
  std::string flag;                       ///< as listed ("Russia", "Panama")
  std::vector<std::string> other_flags;   ///< former and other flags, as listed
  std::string vessel_type;                ///< as listed ("Crude Oil Tanker")
  std::string tonnage;                    ///< deadweight or tonnage as listed ("99,144"), "" if none
  std::string gross_tonnage;              ///< gross registered tonnage as listed
  std::optional<int> build_year;          ///< "Vessel Year of Build 1986"
  std::vector<std::string> registrations; ///< other registration numbers ("RS 150443 (Russia)")
  std::vector<Link> links;                ///< owners, operators, other linked parties
  std::vector<std::string> programs;      ///< sanctions programmes ("RUSSIA-EO14024")
  std::string list_date;                  ///< date of the list copy (ISO 8601 date) when known
  std::string listed_on;                  ///< designation date of this entry when the list gives it (UN LISTED_ON)
  std::string note;                       ///< own CSV note; OFAC "Additional Sanctions Information"
  std::string remarks;                    ///< the raw remarks text (OFAC), for the analyst

  [[nodiscard]] const std::string& primary_name() const noexcept;
};

/// A row of a list that could not be used (or part of it: an IMO that fails
/// its check digit is counted here too, with the entry kept).
struct ListReject {
  std::size_t line = 0;  ///< 1-based line in the file the row came from
  std::string file;      ///< "sdn.csv", "alt.csv", ... or the caller's name for the text
  std::string reason;    ///< stable snake_case: bad_csv_row, missing_field, bad_number,
                         ///< bad_imo, unknown_entry, bad_header
  std::string detail;    ///< short human text (the field value, ...)
};

/// One list as read: its entries and what was rejected.
struct WatchList {
  std::string source;     ///< "ofac_sdn", "own", ...
  std::string path;       ///< the file it was read from ("" for text)
  std::string list_date;  ///< ISO 8601 date when the caller or the file gives it, "" otherwise
  std::vector<Entry> entries;
  std::vector<ListReject> rejects;
  std::size_t rows = 0;  ///< data rows seen (accepted + rejected), over all files of the list

  /// The entry with this id, or nullptr.
  [[nodiscard]] const Entry* find(std::string_view id) const noexcept;
  [[nodiscard]] std::size_t count(EntryKind k) const noexcept;
};

}  // namespace tidewatch::watchlist
