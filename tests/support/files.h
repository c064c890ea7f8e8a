#pragma once
// Reading what a test's program run wrote, and the project's AIS sample.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tidewatch/core/time.h"

namespace tidewatch::test {

/// The whole file, bytes as they are ("" when it cannot be read).
inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The lines of a text, without their '\n'.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

/// data/samples/dma-2010-06-11.nmea of the checkout (tests/data is TIDEWATCH_TEST_DATA).
inline std::filesystem::path dma_sample() {
  return std::filesystem::path(TIDEWATCH_TEST_DATA).parent_path().parent_path() / "data/samples/dma-2010-06-11.nmea";
}

/// 2010-06-11T00:00:00Z: the day of dma_sample().
inline constexpr UnixMillis kDay = 1276214400000;

}  // namespace tidewatch::test
