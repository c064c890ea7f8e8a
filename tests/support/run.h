#pragma once
// Runs the tidewatch program (or any command) and captures its output.

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace tidewatch::test {

struct RunResult {
  int status = -1;  ///< exit status
  std::string out;  ///< standard output
  std::string err;  ///< standard error
};

/// Runs `args` with /bin/sh in `dir` (stdin from /dev/null unless args redirect it).
inline RunResult run_command(const std::string& args, const std::filesystem::path& dir) {
  const auto err_path = dir / "stderr.txt";
  const std::string cmd = "cd '" + dir.string() + "' && " + args + " 2>'" + err_path.string() + "'";
  RunResult r;
  std::FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 65536> buf{};
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int st = ::pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  std::ifstream e(err_path);
  r.err.assign(std::istreambuf_iterator<char>(e), {});
  return r;
}

inline std::string tidewatch_binary() { return TIDEWATCH_BINARY; }

}  // namespace tidewatch::test
