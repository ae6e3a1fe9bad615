#include "service/http/encoding.hpp"

#include <cstdint>
#include <cstdio>
#include <cstring>

#include <zlib.h>

#include "geo/error.hpp"

namespace hotspot::server {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

template <typename Fn>
void for_each_item(std::string_view list, Fn&& fn) {
    while (!list.empty()) {
        const size_t comma = list.find(',');
        fn(trim(list.substr(0, comma)));
        if (comma == std::string_view::npos) {
            break;
        }
        list.remove_prefix(comma + 1);
    }
}

}  // namespace

std::string gzip(std::string_view data) {
    z_stream z{};
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw Error("gzip: cannot start zlib");
    }
    std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END) {
        throw Error("gzip: zlib failed");
    }
    return out;
}

std::string gunzip(std::string_view data) {
    z_stream z{};
    if (inflateInit2(&z, 15 + 16) != Z_OK) {
        throw Error("gunzip: cannot start zlib");
    }
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    std::string out;
    char buf[65536];
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof buf;
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(buf, sizeof buf - z.avail_out);
        if (rc == Z_BUF_ERROR && z.avail_in == 0) {
            break;
        }
    }
    inflateEnd(&z);
    if (rc != Z_STREAM_END) {
        throw Error("gunzip: corrupt or truncated data");
    }
    return out;
}

std::string strong_etag(std::string_view body, std::string_view salt) {
    // Four independent multiply-xor lanes over 8-byte words, so that a large tile
    // hashes at memory speed; each lane and the sum end with Murmur3's finaliser.
    constexpr uint64_t kMul = 0xff51afd7ed558ccdULL;
    auto finish = [](uint64_t h) {
        h ^= h >> 33;
        h *= kMul;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53ULL;
        h ^= h >> 33;
        return h;
    };
    uint64_t lane[4] = {0x9e3779b97f4a7c15ULL, 0xbf58476d1ce4e5b9ULL, 0x94d049bb133111ebULL,
                        0x2545f4914f6cdd1dULL};
    auto mix = [&](std::string_view s) {
        size_t i = 0;
        for (; i + 32 <= s.size(); i += 32) {
            for (int k = 0; k < 4; ++k) {
                uint64_t w = 0;
                std::memcpy(&w, s.data() + i + 8 * static_cast<size_t>(k), 8);
                lane[k] = (lane[k] ^ w) * kMul;
                lane[k] ^= lane[k] >> 29;
            }
        }
        for (; i < s.size(); ++i) {
            lane[0] = (lane[0] ^ static_cast<unsigned char>(s[i])) * kMul;
            lane[0] ^= lane[0] >> 29;
        }
        lane[1] ^= s.size();
    };
    mix(salt);
    mix(body);
    const uint64_t h = finish(finish(lane[0]) + 3 * finish(lane[1]) + 5 * finish(lane[2]) + 7 * finish(lane[3]));
    char buf[24];
    std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(h));
    return buf;
}

bool accepts_gzip(std::string_view accept_encoding) {
    bool ok = false;
    for_each_item(accept_encoding, [&](std::string_view item) {
        const size_t semi = item.find(';');
        const std::string_view coding = trim(item.substr(0, semi));
        if (coding != "gzip" && coding != "*") {
            return;
        }
        bool refused = false;
        if (semi != std::string_view::npos) {
            const std::string_view param = trim(item.substr(semi + 1));
            if (param.rfind("q=", 0) == 0) {
                const std::string q(param.substr(2));
                refused = std::strtod(q.c_str(), nullptr) <= 0;
            }
        }
        ok = ok || !refused;
    });
    return ok;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
    bool match = false;
    for_each_item(if_none_match, [&](std::string_view item) {
        if (item.rfind("W/", 0) == 0) {
            item.remove_prefix(2);  // weak comparison, as RFC 9110 asks for If-None-Match
        }
        match = match || item == "*" || item == etag;
    });
    return match;
}

}  // namespace hotspot::server
