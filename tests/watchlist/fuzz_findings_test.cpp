// Inputs fuzz/fuzz_inputs.cpp found that crashed a reader (an exception of
// the JSON library escaping): each must now be a rejected row or a
// documented InputError, never a crash.

#include <gtest/gtest.h>

#include <stdexcept>

#include "tidewatch/ingest/line_reader.h"
#include "tidewatch/ports/port.h"
#include "tidewatch/watchlist/readers.h"

namespace tidewatch {
namespace {

TEST(WatchlistFuzzFindings, OpenSanctionsValueOfTheWrongTypeIsARejectedRow) {
  const auto wl = watchlist::read_ftm_json(
      "{\"id\":5,\"schema\":\"Vessel\"}\n"
      "{\"id\":\"v1\",\"schema\":\"Vessel\",\"properties\":{\"name\":[\"GOOD SHIP\"],\"imoNumber\":[\"9179842\"]}}\n");
  EXPECT_EQ(wl.rows, 2U);
  ASSERT_EQ(wl.rejects.size(), 1U);
  EXPECT_EQ(wl.rejects[0].line, 1U);
  EXPECT_EQ(wl.entries.size(), 1U);  // the good row is kept
}

TEST(WatchlistFuzzFindings, GeoJsonPortsWithANumberTooLargeForADoubleIsAnInputError) {
  EXPECT_THROW((void)ports::parse_port_geojson("400000000000000000000000000000000080E8888", "x.geojson"),
               ingest::InputError);
}

}  // namespace
}  // namespace tidewatch
