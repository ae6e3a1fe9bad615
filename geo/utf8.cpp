#include "geo/utf8.hpp"

#include "geo/text.hpp"

#include <array>
#include <cstdint>
#include <cstring>

namespace hotspot {
namespace {

/// The length of the well-formed sequence at s[i], or 0 when it is ill formed.
size_t sequence_length(std::string_view s, size_t i) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    if (c < 0x80) {
        return 1;
    }
    size_t length = 0;
    unsigned char lo = 0x80;  // the range the second byte must fall in
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;  // no overlong forms
        hi = c == 0xED ? 0x9F : 0xBF;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;  // nothing above U+10FFFF
    } else {
        return 0;
    }
    if (i + length > s.size() || byte(i + 1) < lo || byte(i + 1) > hi) {
        return 0;
    }
    for (size_t k = 2; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            return 0;
        }
    }
    return length;
}

void append_code_point(uint32_t cp, std::string& out) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// Windows-1252 bytes 0x80 to 0x9F (WHATWG's table: the five unassigned bytes map to the
// C1 controls of the same number, as browsers decode them).
constexpr std::array<uint16_t, 32> kWindows1252High{
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

}  // namespace

size_t invalid_utf8_at(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        // Eight ASCII bytes at a time: the common case.
        if (i + 8 <= s.size()) {
            uint64_t w = 0;
            std::memcpy(&w, s.data() + i, 8);
            if ((w & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        const size_t n = sequence_length(s, i);
        if (n == 0) {
            return i;
        }
        i += n;
    }
    return std::string_view::npos;
}

bool is_plain_ascii(std::string_view s) {
    constexpr uint64_t kOnes = 0x0101010101010101ULL;
    constexpr uint64_t kHighs = 0x8080808080808080ULL;
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        uint64_t w = 0;
        std::memcpy(&w, s.data() + i, 8);
        // A high bit set, or a zero byte (the classic has-zero-byte test).
        if ((w & kHighs) != 0 || ((w - kOnes) & ~w & kHighs) != 0) {
            return false;
        }
    }
    for (; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == 0 || c >= 0x80) {
            return false;
        }
    }
    return true;
}

std::string to_valid_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        const size_t n = sequence_length(s, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
            ++i;
        } else {
            out.append(s.substr(i, n));
            i += n;
        }
    }
    return out;
}

std::string_view utf8_prefix(std::string_view s, size_t max_bytes) {
    if (s.size() <= max_bytes) {
        return s;
    }
    size_t end = max_bytes;
    // Step back over continuation bytes to the start of the sequence that was cut.
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) {
        --end;
    }
    return s.substr(0, end);
}

std::string hex_byte(unsigned char byte) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string out = "0x";
    out.push_back(kDigits[byte >> 4]);
    out.push_back(kDigits[byte & 0xF]);
    return out;
}

std::optional<TextEncoding> parse_text_encoding(std::string_view name) {
    const std::string n = lower_ascii(name);
    if (n == "utf-8" || n == "utf8") {
        return TextEncoding::utf8;
    }
    if (n == "windows-1252" || n == "cp1252" || n == "windows1252") {
        return TextEncoding::windows1252;
    }
    if (n == "latin1" || n == "latin-1" || n == "iso-8859-1" || n == "iso8859-1") {
        return TextEncoding::latin1;
    }
    return std::nullopt;
}

std::string_view text_encoding_name(TextEncoding encoding) {
    switch (encoding) {
        case TextEncoding::utf8: return "utf-8";
        case TextEncoding::windows1252: return "windows-1252";
        case TextEncoding::latin1: return "latin1";
    }
    return "utf-8";
}

void append_as_utf8(std::string_view s, TextEncoding from, std::string& out) {
    if (from == TextEncoding::utf8) {
        out.append(s);
        return;
    }
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x80) {
            out.push_back(ch);
        } else if (from == TextEncoding::windows1252 && c < 0xA0) {
            append_code_point(kWindows1252High.at(c - 0x80), out);
        } else {
            append_code_point(c, out);  // Latin-1 is the first 256 code points
        }
    }
}

}  // namespace hotspot
