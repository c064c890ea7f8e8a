#pragma once
// Readers of sanctions lists into the one model of watchlist/entry.h.
// Every reader is a function of the file's text (a string_view), so it can be
// fuzzed and tested without files; load_watchlist() reads files.  A row that
// cannot be used is counted in WatchList::rejects with its line and reason,
// never thrown.  Formats: docs/screening.md and
// ../shared/data/watchlists/FORMATS.md.

#include <filesystem>
#include <string>
#include <string_view>

#include "tidewatch/watchlist/entry.h"

namespace tidewatch::watchlist {

/// The four files of OFAC's legacy CSV export.  Only `sdn` is required; the
/// others are read when non-empty.  No header row; CRLF or LF; `-0-` (with or
/// without a trailing space) is null; a trailing 0x1A byte is ignored.
struct OfacCsvFiles {
  std::string_view sdn;       ///< sdn.csv: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign,
                              ///< Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks
  std::string_view alt = {};  ///< alt.csv: ent_num, alt_num, alt_type (aka|fka|nka), alt_name, alt_remarks
  std::string_view add = {};  ///< add.csv: addresses (counted, not kept: no vessel data)
  std::string_view comments = {};  ///< sdn_comments.csv: ent_num, remarks continued (appended to Remarks)
};

/// Reads OFAC sdn.csv (+ alt/add/sdn_comments).  Remarks are split on `; `
/// and read for IMO ("Vessel Registration Identification IMO 9179842", or a
/// bare 7-digit number with a valid check digit), MMSI, build year, former /
/// other flags, other call signs and types, a.k.a./f.k.a./n.k.a. names,
/// "Linked To:" parties (resolved to their own entries by name) and company
/// numbers ("Identification Number IMO 6246853").
/// Rejects: bad_csv_row (unclosed quote or fewer than 12 columns),
/// missing_field (no ent_num or name), bad_number (ent_num not a number),
/// bad_imo (a ship IMO failing its check digit; the entry is kept),
/// unknown_entry (alt/comments row for an ent_num not in sdn.csv).
WatchList read_ofac_sdn_csv(const OfacCsvFiles& files, std::string list_date = {});

/// Reads the project's own analyst watchlist CSV: a header naming the columns
/// `name,imo,mmsi,callsign,note` (any order, case-insensitive; only `name` or
/// `imo` or `mmsi` must be present), then one vessel a row.  `name` may hold
/// several names separated by `|` (the first is primary, the others a.k.a.).
/// Empty lines and lines starting with `#` are skipped.  Entry ids are
/// "own:<line>".  Rejects: bad_header, bad_csv_row, missing_field (no name, IMO
/// or MMSI), bad_imo (not 7 digits or failed check digit: the row is rejected,
/// an analyst's typo must not silently match nothing), bad_number (MMSI not 9 digits).
WatchList read_own_csv(std::string_view text, std::string source = "own");

/// Reads OFAC SDN.XML (also the non-SDN consolidated.xml, same schema):
/// `sdnList/publshInformation/Publish_Date` (MM/DD/YYYY) gives the list date;
/// each `sdnEntry` {uid, firstName, lastName, sdnType, programList/program,
/// idList/id{idType, idNumber}, akaList/aka{type, category, firstName, lastName},
/// vesselInfo{callSign, vesselType, vesselFlag, vesselOwner, tonnage,
/// grossRegisteredTonnage}, remarks} becomes an Entry.  IMO: an id of type
/// "Vessel Registration Identification" with number "IMO 7406784" (on an
/// entity: a company number); "MMSI", "Vessel Year of Build", "Former Vessel
/// Flag", "Other Vessel Flag", "Other Vessel Call Sign" ids too; a weak a.k.a.
/// is NameKind::weak.  Rejects: bad_xml (with the line of the parse error; the
/// entries before it are kept), missing_field (no uid or name), bad_imo.
WatchList read_ofac_sdn_xml(std::string_view text);

/// Reads the UN Security Council consolidated list XML
/// (`CONSOLIDATED_LIST@dateGenerated`, INDIVIDUALS/INDIVIDUAL and
/// ENTITIES/ENTITY).  It has **no vessel records**: entities are ship owners
/// and operators (DPRK shipping companies), whose IMO company numbers are read
/// from COMMENTS1 ("IMO Number: 5342883", "International Maritime Organization
/// (IMO) Number: 1790183") into `company_imos`.  Entry id = REFERENCE_NUMBER
/// trimmed ("KPe.020"), source "un_sc", programme = UN_LIST_TYPE, name =
/// FIRST_NAME (+ SECOND_NAME ... for individuals), aliases from
/// ENTITY_ALIAS / INDIVIDUAL_ALIAS (QUALITY "Low" -> weak), list_date = the
/// date of dateGenerated.  Both the pretty-printed (2025-26) and the run-together
/// (2017-2020) layouts.  Rejects: bad_xml, missing_field (no reference number or name).
WatchList read_un_consolidated_xml(std::string_view text);

/// Reads OpenSanctions FollowTheMoney entities, one JSON object a line
/// (`entities.ftm.json`; also the "nested" export, where owners are embedded
/// objects).  Schemas: Vessel -> vessel (name, alias, weakAlias,
/// previousName, imoNumber "IMO 9179842" or "9179842", mmsi, callSign, flag,
/// pastFlags, type, tonnage, grossRegisteredTonnage, buildDate, owner,
/// operator, program, notes); Company/Organization/LegalEntity -> entity and
/// Person -> individual (their imoNumber is a company number); Ownership
/// {owner, asset} and Sanction {entity, program, authority, listingDate}
/// attach owners and programmes to the entities they name by id; other
/// schemas are skipped.  Entry id = the FtM id, source "opensanctions".
/// Rejects: bad_json (with the line), missing_field (no id or schema, or no name).
WatchList read_ftm_json(std::string_view text);

/// Reads OFAC's Sanctions List Service ENHANCED_XML (`sanctionsData`, default
/// namespace ".../exports/ENHANCED_XML"; prefixed element names are read too):
/// publicationInfo/dataAsOf -> list date; each entities/entity@id (the OFAC uid
/// = sdn.csv ent_num) with generalInfo/entityType (Vessel, Entity, Individual,
/// Aircraft), names/name{isPrimary, aliasType A.K.A./F.K.A./N.K.A.,
/// isLowQuality -> weak, translations/translation/formattedFullName (other
/// scripts as aliases)}, features/feature{type, value} (Vessel Call Sign,
/// Other Vessel Call Sign, VESSEL TYPE, Vessel Flag, Former/Other Vessel Flag,
/// Vessel Owner -> owner link, Vessel Tonnage, Vessel Gross Registered Tonnage,
/// Vessel Year of Build, Additional Sanctions Information -> note),
/// identityDocuments/identityDocument{type, documentNumber} ("Vessel
/// Registration Identification" "IMO 9179842": the ship IMO, on an entity a
/// company number; MMSI; "IMO ..." numbers of companies -> company_imos),
/// relationships/relationship{type, relatedEntity@entityId} -> links
/// ("Linked To" -> linked_to, "Owned or Controlled By" -> owner, others
/// snake_case; target_id = the related entity's uid), sanctionsPrograms ->
/// programs, earliest sanctionsList@datePublished -> listed_on.  Source
/// "ofac_sdn".  Rejects: bad_xml (with the line; entities before it are kept),
/// missing_field (no id or no primary name), bad_imo, bad_number (MMSI).
WatchList read_ofac_enhanced_xml(std::string_view text);

/// Reads the EU Financial Sanctions File XML 1.1 (root `export` in namespace
/// http://eu.europa.ec/fpi/fsd/export, with or without a prefix):
/// export@generationDate -> list date; each sanctionEntity@logicalId (entry id,
/// source "eu_fsf"), @euReferenceNumber, @unitedNationId, @designationDate ->
/// listed_on; regulation@programme -> programs; subjectType@code person ->
/// individual, enterprise -> entity (the FSF has no vessel subject type: its
/// entries are owners and operators); nameAlias@wholeName (the first strong one
/// primary, @strong="false" -> weak), identification@identificationTypeCode,
/// @number and remark text: IMO company numbers ("imo" type code, "IMO
/// 5342883" in a number or remark) -> company_imos.  Rejects: bad_xml (with
/// the line), missing_field (no logicalId or no name).
WatchList read_eu_fsf_xml(std::string_view text);

// ---- UK lists (src/watchlist/uk.cpp, uk_ods.cpp; docs/screening.md "UK lists") ----
// One Entry per designation: the rows of one Unique ID (FCDO) or Group ID
// (OFSI), one row per name variant, are grouped.  Columns / elements are found
// by name (case, spaces and punctuation ignored), so the FCDO's full export
// (~58 columns) and its 8-column summary (Unique ID, OFSI Group ID, Name,
// Regime Name, Type, Designation source, Date Designated, Sanctions Imposed)
// both read.  Fields: names (Name 6 then Name 1..5, as "PRUSAKOVA Maria
// Nikolaevna"; Name type / Alias Type "Primary Name" -> primary, "Primary Name
// Variation", "Alias", "AKA" -> aka, "FKA"/former -> fka; Alias strength /
// Alias Quality "Low" -> weak), kind (Individual, Entity, Ship -> vessel),
// Regime -> programs, Date Designated (OFSI: UK Sanctions List Date
// Designated, else Listed On) -> listed_on (ISO), Sanctions Imposed -> note,
// Other Information -> remarks, IMO number (check digit; a failing one is a
// bad_imo reject, the entry kept), current believed flag -> flag, previous
// flags -> other_flags, type, tonnage, year built, HIN -> registrations,
// current / previous owner-operators -> links "owner" / "previous_owner"
// (resolved by name to the list's own entries).  IMO and MMSI in Other
// Information ("IMO: 8937675. MMSI: 445539000.") are read for ships; an
// Entity row with such a ship IMO (valid check digit) whose text begins with
// "IMO" or holds "MMSI", "vessel" or "tanker" is a ship (OFSI <= 2020); other entities' IMO numbers
// are company numbers.  Rejects: bad_csv_row, bad_header, bad_xml, missing_field
// (no id or no name), bad_imo, bad_number (an IMO cell that is not 7 digits).

/// FCDO UK Sanctions List CSV: optional "Report Date: dd-Mon-yyyy" line (list
/// date), a header with "Unique ID", then one row per name.  Source "uk_fcdo",
/// id = Unique ID ("RUS2183").  Quoted fields may span lines.
WatchList read_uk_fcdo_csv(std::string_view text);

/// FCDO UK Sanctions List XML: Designation{UniqueID, IndividualEntityShip,
/// Names/Name{Name1..6, NameType, AliasStrength}, NonLatinNames (-> aka),
/// RegimeName, DateDesignated, SanctionsImposed, OtherInformation,
/// ShipDetails/Ship{IMONumbers/IMONumber, CurrentOwnerOperators/CurrentOwnerOperator,
/// PreviousOwnerOperators/PreviousOwnerOperator, CurrentBelievedFlagOfShips/
/// CurrentBelievedFlagOfShip, PreviousFlags/PreviousFlag, TypeOfShipDetails/
/// TypeOfShip, TonnageOfShip, YearBuilt, HullIdentificationNumber}}; leaf
/// elements are read wherever they are nested.
WatchList read_uk_fcdo_xml(std::string_view text);

/// FCDO UK Sanctions List as an .ods spreadsheet (the file's bytes): the zip
/// is opened with GDAL (/vsimem/ + /vsizip/) and its content.xml read by
/// read_uk_fcdo_ods_content().  Rejects bad_ods (not a zip, no content.xml,
/// content.xml over 512 MiB) with nothing else read.
WatchList read_uk_fcdo_ods(std::string_view bytes);

/// The content.xml of an FCDO .ods: the first sheet with a "Unique ID" header
/// row (rows before it: "Report Date"); table:number-rows-repeated and
/// number-columns-repeated expanded (empty runs skipped; a non-empty row
/// repeated more than 1000 times is cut, reject bad_row); numbers and dates
/// from office:value / office:date-value.  Reject lines are sheet row numbers.
WatchList read_uk_fcdo_ods_content(std::string_view content_xml);

/// OFSI Consolidated List CSV: "Last Updated,dd/mm/yyyy" (list date), a header
/// with "Name 6" / "Group ID" (the 2022format's 36 columns, or the older ones),
/// one row per name ("Alias Type", "Alias Quality"), "Group Type" Individual /
/// Entity / Ship.  Source "uk_ofsi", id = Group ID.
WatchList read_uk_ofsi_csv(std::string_view text);

/// OFSI Consolidated List XML: FinancialSanctionsTarget rows {Name1..6,
/// AliasType, AliasQuality, GroupTypeDescription, RegimeName, DateListed,
/// UKSanctionsListDateDesignated, GroupID, OtherInformation, Ship_IMONumber,
/// Ship_Flag, Ship_PreviousFlags, Ship_Type, Ship_Tonnage, Ship_YearBuilt,
/// Ship_CurrentOwners}, grouped by GroupID.
WatchList read_uk_ofsi_xml(std::string_view text);

/// The formats load_watchlist() recognises.
enum class ListFormat { ofac_sdn_csv, ofac_sdn_xml, un_consolidated_xml, ftm_json, own_csv, ofac_enhanced_xml, eu_fsf_xml,
                        uk_fcdo_csv, uk_fcdo_xml, uk_fcdo_ods, uk_ofsi_csv, uk_ofsi_xml, unknown };

/// UK formats from a file name and its first bytes (part of detect_list_format):
/// a zip ("PK\3\4") named *.ods or naming the OpenDocument spreadsheet type ->
/// FCDO ODS; `<Designation` with `<UniqueID` or `<Designations` -> FCDO XML;
/// `<FinancialSanctionsTarget` / `<ArrayOfFinancialSanctionsTarget` -> OFSI XML;
/// a "Report Date" first line or a "Unique ID" column in the first two lines ->
/// FCDO CSV; a "Last Updated," first line or "Name 6" and "Group ID" columns -> OFSI CSV.
ListFormat detect_uk_list_format(std::string_view filename, std::string_view head) noexcept;

/// Detects a format from a file name and its first bytes: `<sdnList` in the
/// first 4 KiB is OFAC SDN XML, `<CONSOLIDATED_LIST` the UN list, `sanctionsData`
/// with the ENHANCED_XML namespace OFAC ENHANCED_XML, `http://eu.europa.ec/fpi/fsd/export`
/// the EU FSF XML; a first
/// line that is a JSON object with a "schema" member is FtM JSON; a first line that
/// begins with a number followed by `,"` is OFAC sdn.csv; a header containing a
/// `name` or `imo` column is the own CSV.
ListFormat detect_list_format(std::string_view filename, std::string_view head) noexcept;

/// Reads a list file.  For OFAC sdn.csv, add.csv / alt.csv / sdn_comments.csv
/// beside it are read too.  The list date is taken from a `YYYY-MM-DD` folder
/// or file name component when there is one.  Throws std::runtime_error when a
/// file cannot be read or the format is not recognised.
WatchList load_watchlist(const std::filesystem::path& path);

/// A whole file as a string (throws std::runtime_error when it cannot be read).
std::string read_file_text(const std::filesystem::path& path);

}  // namespace tidewatch::watchlist
