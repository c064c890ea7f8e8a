#pragma once
// Writing matches: the fields of a `watchlist_match` event
// (../shared/contracts/results.md: `list` {source, id, name, program},
// `basis`, `score`) and a CSV row, shared by `tidewatch screen` and `analyze`.

#include <string>
#include <string_view>

#include "tidewatch/watchlist/match.h"

namespace tidewatch::watchlist {

/// Appends the match's JSON members, without braces:
///   "list":{"source":"ofac_sdn","id":"37059","name":"ANGARA","program":"RUSSIA-EO14024","date":"2024-05-03"},
///   "basis":["imo","name"],"score":0.991,"strong":true,"matched_name":"ANGARA",
///   "imo":9179842,"owners":[{"relation":"linked_to","name":"M LEASING LLC","id":"37065"}],
///   "owner_entries":[{"source":"ofac_sdn","id":"37065","name":"M LEASING LLC","program":"..."}],
///   "reasons":"imo 9179842 equal; name 'ANGARA' (primary) exact"[,"note":"..."]
/// (`note`: the own CSV's note or OFAC's "Additional Sanctions Information", when any)
/// `program` joins several programmes with ";".  score has 3 decimals.
void append_match_json_fields(std::string& out, const Match& m);

/// The CSV header written by append_match_csv (without a line end):
/// mmsi,names,list_source,list_id,list_name,program,list_date,basis,score,strong,matched_name,listed_imo,owners,reasons,note,owner_entries
std::string_view match_csv_header() noexcept;

/// One CSV row (RFC 4180 quoting, line end "\n") for a vessel's match.
/// `names` are the vessel's broadcast names joined by "|"; list values join with "|".
void append_match_csv(std::string& out, const VesselIdentity& v, const Match& m);

}  // namespace tidewatch::watchlist
