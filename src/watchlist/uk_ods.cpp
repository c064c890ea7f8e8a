// The FCDO UK Sanctions List as an OpenDocument spreadsheet (watchlist/readers.h):
// GDAL's virtual file systems open the zip in memory (/vsimem/) and read its
// content.xml (/vsizip/); read_uk_fcdo_ods_content() (uk.cpp) parses the sheet.
//
// GDAL's own ODS driver was not used: it takes the first row as the header
// only when it guesses so (OGR_ODS_HEADERS), types columns from their
// content, and would need the "Report Date" line of the FCDO's full export
// handled through layer options; reading the cells ourselves keeps the
// header search and the row numbers (for rejects) in one place for CSV and ODS.

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>

#include <atomic>
#include <cstdint>
#include <string>

#include "tidewatch/watchlist/readers.h"

namespace tidewatch::watchlist {

namespace {

/// content.xml larger than this is refused (a zip bomb; the FCDO's full list
/// unpacks to tens of MB).
constexpr vsi_l_offset kMaxContentBytes = 512ULL * 1024 * 1024;

std::atomic<unsigned long> g_ods_counter{0};

/// Silences GDAL's error printing for the life of the object (a broken zip
/// is a reject, not a message on standard error).
struct QuietGdal {
  QuietGdal() { CPLPushErrorHandler(CPLQuietErrorHandler); }
  ~QuietGdal() { CPLPopErrorHandler(); }
  QuietGdal(const QuietGdal&) = delete;
  QuietGdal& operator=(const QuietGdal&) = delete;
};

}  // namespace

WatchList read_uk_fcdo_ods(std::string_view bytes) {
  auto fail = [](std::string detail) {
    WatchList wl;
    wl.source = "uk_fcdo";
    wl.rejects.push_back({0, "", "bad_ods", std::move(detail)});
    return wl;
  };
  if (bytes.size() < 4 || bytes.substr(0, 4) != std::string_view("PK\x03\x04", 4))
    return fail("not a zip archive (an .ods file is one)");
  QuietGdal quiet;
  const std::string mem = "/vsimem/tidewatch_uk_" + std::to_string(reinterpret_cast<std::uintptr_t>(&quiet)) + "_" +
                          std::to_string(g_ods_counter.fetch_add(1)) + ".ods";
  // GDAL only reads the buffer (bTakeOwnership FALSE, the file is opened read-only).
  VSILFILE* f = VSIFileFromMemBuffer(mem.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(bytes.data())),
                                     static_cast<vsi_l_offset>(bytes.size()), FALSE);
  if (f == nullptr) return fail("cannot open the archive in memory");
  VSIFCloseL(f);
  std::string content;
  std::string error;
  {
    const std::string inner = "/vsizip/" + mem + "/content.xml";
    VSIStatBufL st;
    if (VSIStatL(inner.c_str(), &st) != 0) {
      error = "no content.xml in the archive";
    } else if (static_cast<vsi_l_offset>(st.st_size) > kMaxContentBytes) {
      error = "content.xml of " + std::to_string(static_cast<unsigned long long>(st.st_size)) + " bytes: too large";
    } else if (VSILFILE* c = VSIFOpenL(inner.c_str(), "rb"); c == nullptr) {
      error = "cannot open content.xml";
    } else {
      content.resize(static_cast<std::size_t>(st.st_size));
      const std::size_t got = content.empty() ? 0 : VSIFReadL(content.data(), 1, content.size(), c);
      content.resize(got);
      VSIFCloseL(c);
      if (got == 0) error = "content.xml cannot be read (damaged archive)";
    }
  }
  VSIUnlink(mem.c_str());
  if (!error.empty()) return fail(error);
  return read_uk_fcdo_ods_content(content);
}

}  // namespace tidewatch::watchlist
