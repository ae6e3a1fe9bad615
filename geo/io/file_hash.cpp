#include "geo/io/file_hash.hpp"

#include <array>
#include <cstdio>
#include <memory>

#include <openssl/evp.h>

#include "geo/error.hpp"

namespace hotspot {

Sha256::Sha256() : m_ctx(EVP_MD_CTX_new()) {
    EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(m_ctx), EVP_sha256(), nullptr);
}

Sha256::~Sha256() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(m_ctx)); }

void Sha256::update(const void* data, size_t size) {
    EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(m_ctx), data, size);
}

std::string Sha256::hex() {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(m_ctx), digest.data(), &length);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        out.push_back(kHex[digest[i] >> 4]);
        out.push_back(kHex[digest[i] & 15]);
    }
    return out;
}

std::string file_sha256(const std::string& path) {
    std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!f) {
        throw InputError(path + ": no such file");
    }
    Sha256 hash;
    std::array<char, 1 << 16> buf{};
    size_t got = 0;
    while ((got = std::fread(buf.data(), 1, buf.size(), f.get())) > 0) {
        hash.update(buf.data(), got);
    }
    if (std::ferror(f.get()) != 0) {
        throw InputError(path + ": read error");
    }
    return hash.hex();
}

}  // namespace hotspot
