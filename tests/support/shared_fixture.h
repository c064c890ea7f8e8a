#pragma once
// A directory of expensive, deterministic fixture files (a simulated scenario
// and its analyze run, say) built once per build of the program and shared by
// every test process: ctest runs each test as its own process, so a
// SetUpTestSuite fixture is otherwise rebuilt for every test (eight dossier
// tests repeated simulate + analyze, 5-8 s each under ASan).
//
//   const fs::path d = test::shared_fixture("dossier-sim", [](const fs::path& dir) {
//     // fill `dir`; throw (or return false) on failure
//     return run_command(tw + " simulate --out sim ...", dir).status == 0;
//   });
//
// Where: `<directory of the tidewatch binary>/test-fixtures/<name>-<stamp>`,
// the stamp being the binary's size and modification time, so a rebuilt
// program gets a new fixture (older stamps of the same name are removed).
// How: the builder fills a private mkdtemp directory beside it, which is
// renamed into place; rename(2) of a directory onto an existing non-empty one
// fails, so when two processes race the loser removes its copy and uses the
// winner's.  Readers never see a half-built fixture.  Tests must not modify
// it (write into a ScratchDir instead).

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "support/run.h"

namespace tidewatch::test {

inline std::filesystem::path shared_fixture(const std::string& name,
                                            const std::function<bool(const std::filesystem::path&)>& build) {
  namespace fs = std::filesystem;
  const fs::path binary = tidewatch_binary();
  const fs::path root = binary.parent_path() / "test-fixtures";
  fs::create_directories(root);
  const auto mtime = fs::last_write_time(binary).time_since_epoch().count();
  const std::string stamp = std::to_string(fs::file_size(binary)) + "-" + std::to_string(mtime);
  const fs::path final_dir = root / (name + "-" + stamp);
  if (fs::exists(final_dir / ".complete")) return final_dir;

  const std::string pattern = (root / ("." + name + "-building-XXXXXX")).string();
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  if (::mkdtemp(buf.data()) == nullptr)
    throw std::system_error(errno, std::generic_category(), "mkdtemp " + pattern);
  const fs::path tmp = buf.data();
  std::error_code ec;
  bool ok = false;
  try {
    ok = build(tmp);
  } catch (...) {
    fs::remove_all(tmp, ec);
    throw;
  }
  if (!ok) {
    fs::remove_all(tmp, ec);
    throw std::runtime_error("building the shared fixture " + name + " failed");
  }
  { std::FILE* f = std::fopen((tmp / ".complete").c_str(), "w"); if (f != nullptr) std::fclose(f); }
  if (std::rename(tmp.c_str(), final_dir.c_str()) != 0) {
    fs::remove_all(tmp, ec);  // another process was first: use its copy
    if (!fs::exists(final_dir / ".complete"))
      throw std::runtime_error("shared fixture " + final_dir.string() + " is incomplete");
    return final_dir;
  }
  // Fixtures of earlier builds of the program.
  for (const auto& e : fs::directory_iterator(root, ec)) {
    const std::string n = e.path().filename().string();
    if (n == final_dir.filename().string() || n.rfind(name + "-", 0) != 0) continue;
    // only `name-<size>-<mtime>`, not another fixture whose name starts alike
    if (n.find_first_not_of("0123456789-", name.size() + 1) == std::string::npos) fs::remove_all(e.path(), ec);
  }
  return final_dir;
}

}  // namespace tidewatch::test
