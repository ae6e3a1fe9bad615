#include "geo/aggregate/disclosure.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sys/random.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include "geo/error.hpp"

namespace hotspot::disclosure {

namespace {

constexpr uint64_t rotl(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

struct SipState {
    uint64_t v0, v1, v2, v3;
    void round() {
        v0 += v1;
        v1 = rotl(v1, 13);
        v1 ^= v0;
        v0 = rotl(v0, 32);
        v2 += v3;
        v3 = rotl(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = rotl(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = rotl(v1, 17);
        v1 ^= v2;
        v2 = rotl(v2, 32);
    }
    void compress(uint64_t m) {
        v3 ^= m;
        round();
        round();
        v0 ^= m;
    }
};

uint64_t load_le(const unsigned char* p, size_t n) {
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) {
        v |= static_cast<uint64_t>(p[i]) << (8 * i);
    }
    return v;
}

}  // namespace

uint64_t siphash(const Secret& secret, std::string_view bytes) {
    SipState s{secret.k0 ^ 0x736f6d6570736575ULL, secret.k1 ^ 0x646f72616e646f6dULL,
               secret.k0 ^ 0x6c7967656e657261ULL, secret.k1 ^ 0x7465646279746573ULL};
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const size_t n = bytes.size();
    const size_t whole = n - n % 8;
    for (size_t i = 0; i < whole; i += 8) {
        s.compress(load_le(p + i, 8));
    }
    s.compress(load_le(p + whole, n % 8) | (static_cast<uint64_t>(n & 0xFF) << 56));
    s.v2 ^= 0xFF;
    for (int i = 0; i < 4; ++i) {
        s.round();
    }
    return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

uint64_t category_hash(const Secret& secret, std::string_view category) { return siphash(secret, category); }

uint32_t record_key(const Secret& secret, uint64_t category_hash, int32_t month, double x, double y) {
    unsigned char buf[28];
    const auto mx = static_cast<int64_t>(std::llround(x * 1000));
    const auto my = static_cast<int64_t>(std::llround(y * 1000));
    std::memcpy(buf, &category_hash, 8);
    std::memcpy(buf + 8, &mx, 8);
    std::memcpy(buf + 16, &my, 8);
    std::memcpy(buf + 24, &month, 4);
    return static_cast<uint32_t>(siphash(secret, std::string_view(reinterpret_cast<const char*>(buf), sizeof buf)));
}

int noise(int64_t count, uint32_t cell_key) {
    if (count <= 0) {
        return 0;
    }
    const double u = static_cast<double>(cell_key) / 4294967296.0;
    double cumulative = 0;
    for (size_t i = 0; i < kPerturbation.size(); ++i) {
        cumulative += kPerturbation[i];
        if (u < cumulative) {
            return static_cast<int>(i) - 2;
        }
    }
    return 2;
}

int64_t protect(int64_t count, uint32_t cell_key) {
    if (count <= 0) {
        return 0;
    }
    const int64_t p = count + noise(count, cell_key);
    return p < 1 ? 1 : p;
}

Secret Secret::from_hex(std::string_view hex) {
    if (hex.size() != 32) {
        throw InputError("a secret is 32 hexadecimal digits");
    }
    Secret s;
    for (size_t i = 0; i < 32; ++i) {
        const char c = hex[i];
        uint64_t d = 0;
        if (c >= '0' && c <= '9') {
            d = static_cast<uint64_t>(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            d = static_cast<uint64_t>(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            d = static_cast<uint64_t>(c - 'A' + 10);
        } else {
            throw InputError("a secret is 32 hexadecimal digits");
        }
        uint64_t& k = i < 16 ? s.k0 : s.k1;
        k = (k << 4) | d;
    }
    return s;
}

std::string Secret::to_hex() const {
    char buf[33];
    std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(k0),
                  static_cast<unsigned long long>(k1));
    return buf;
}

Secret Secret::generate() {
    uint64_t k[2] = {0, 0};
    size_t got = 0;
    auto* p = reinterpret_cast<unsigned char*>(k);
    while (got < sizeof k) {
        const ssize_t n = getrandom(p + got, sizeof k - got, 0);
        if (n < 0) {
            throw Error("cannot read the system's random source for a secret");
        }
        got += static_cast<size_t>(n);
    }
    return Secret{k[0], k[1]};
}

Secret Secret::load_or_create(const std::string& path) {
    std::ifstream in(path);
    if (in) {
        std::string text;
        std::getline(in, text);
        try {
            return from_hex(text);
        } catch (const InputError& e) {
            throw InputError(path + ": " + e.what());
        }
    }
    const Secret s = generate();
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0 && errno == EEXIST) {
        return load_or_create(path);  // another process made it meanwhile: read that one
    }
    if (fd < 0) {
        throw InputError(path + ": cannot make the secret file: " + std::strerror(errno));
    }
    const std::string line = s.to_hex() + "\n";
    const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) {
        ::unlink(path.c_str());
        throw InputError(path + ": cannot write the secret file");
    }
    return s;
}

}  // namespace hotspot::disclosure
