#pragma once
// Small operations on text shared by the readers and messages.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hotspot {

/// `s` without leading and trailing spaces and tabs.
inline std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

/// The items separated by `separator`: {"a", "b"} and ", " give "a, b".
inline std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) {
            out += separator;
        }
        out += item;
    }
    return out;
}

/// `s` with ASCII capitals made small (other bytes as they are).
inline std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

/// `v` with `digits` decimals ("" when not finite).
std::string fixed(double v, int digits);

/// `v` as short as printf's %g writes it: "100", "0.5", "1e+06" ("" when not finite).
std::string shortest(double v);

/// "12,345".
std::string with_commas(int64_t n);

}  // namespace hotspot
