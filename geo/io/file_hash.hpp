#pragma once
// Content fingerprints, so that ingesting the same input twice can be recognised.

#include <string>

namespace hotspot {

/// Incremental SHA-256 (OpenSSL), as lower-case hex.
class Sha256 {
  public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    void update(const void* data, size_t size);
    void update(const std::string& s) { update(s.data(), s.size()); }
    [[nodiscard]] std::string hex();

  private:
    void* m_ctx;  // EVP_MD_CTX*
};

/// SHA-256 of a file's bytes. Throws InputError when it cannot be read.
std::string file_sha256(const std::string& path);

}  // namespace hotspot
