#pragma once
// Helpers shared by the watchlist tests (tests/watchlist/*_test.cpp).

#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>
#include <string>

#include "tidewatch/watchlist/readers.h"

/// Skips the current test when the shared list file `path` (a std::filesystem::path) is missing.
#define SKIP_IF_ABSENT(path) \
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared list not found: " << (path).string()

namespace tidewatch::test {

/// The UN Security Council consolidated list in moov-io/watchman's test data (shared data).
inline const std::filesystem::path kUn2026 =
    std::filesystem::path(TIDEWATCH_SHARED_DATA) / "watchlists/un/moov-io-watchman/test/testdata/UN_consolidated.xml";

/// The entry `id` of `wl`; throws when it has none.
inline const watchlist::Entry& must_find(const watchlist::WatchList& wl, const std::string& id) {
  const watchlist::Entry* e = wl.find(id);
  if (e == nullptr) throw std::runtime_error("entry " + id + " not found in " + wl.source);
  return *e;
}

}  // namespace tidewatch::test
