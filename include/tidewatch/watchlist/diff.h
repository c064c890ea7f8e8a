#pragma once
// What changed for vessels between two copies of one list (`tidewatch lists
// diff OLD NEW`): entries matched by their list id (OFAC ent_num), compared
// field by field.

#include <string>
#include <vector>

#include "tidewatch/watchlist/entry.h"

namespace tidewatch::watchlist {

struct EntryChange {
  enum class Kind { added, removed, changed };
  Kind kind = Kind::changed;
  const Entry* before = nullptr;  ///< null when added (points into the OLD list)
  const Entry* after = nullptr;   ///< null when removed (points into the NEW list)
  std::vector<std::string> fields;  ///< changed fields: names, imo, mmsi, callsigns, flag,
                                    ///< other_flags, vessel_type, programs, links
};

std::string_view change_kind_name(EntryChange::Kind k) noexcept;

/// Vessel entries added, removed and changed from `before` to `after`, in id
/// order (numeric when both ids are numbers).  Only vessels unless
/// `all_kinds` is set.
std::vector<EntryChange> diff_lists(const WatchList& before, const WatchList& after, bool all_kinds = false);

}  // namespace tidewatch::watchlist
