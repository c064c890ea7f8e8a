#pragma once
// A scratch directory of one's own for a test: created empty under the
// system temp directory with a unique name (mkdtemp), removed with everything
// in it when the object goes.  ctest runs the tests of one binary as
// separate processes in parallel, so a name made from the test's name or
// gtest's seed is not unique enough (two processes wrote one file: CI, 2026-11).
//
//   class MyTest : public ::testing::Test {
//    protected:
//     test::ScratchDir scratch_{"mytest"};
//     std::filesystem::path dir_ = scratch_.path();
//   };

#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace tidewatch::test {

class ScratchDir {
 public:
  explicit ScratchDir(std::string_view tag = "test") {
    const std::string pattern =
        (std::filesystem::temp_directory_path() / ("tidewatch-" + std::string(tag) + "-XXXXXX")).string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (::mkdtemp(buf.data()) == nullptr)
      throw std::system_error(errno, std::generic_category(), "mkdtemp " + pattern);
    path_ = buf.data();
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace tidewatch::test
