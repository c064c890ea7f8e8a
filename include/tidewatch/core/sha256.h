#pragma once
// SHA-256 of input files (OpenSSL's EVP interface), for summary.json and the
// evidence trail: an investigator can prove which bytes a result came from.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace tidewatch {

/// Incremental SHA-256.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view bytes);
  /// Lower-case hex digest (64 characters); the object must not be updated after.
  [[nodiscard]] std::string hex();

 private:
  void* ctx_;  // EVP_MD_CTX
};

/// Hex SHA-256 of a file's bytes as stored (a .gz file's compressed bytes);
/// throws std::runtime_error when it cannot be read.
[[nodiscard]] std::string sha256_file(const std::string& path);

}  // namespace tidewatch
