#include "geo/text.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace hotspot {

std::string fixed(double v, int digits) {
    if (!std::isfinite(v)) {
        return "";
    }
    std::array<char, 48> buf{};
    std::snprintf(buf.data(), buf.size(), "%.*f", digits, v);
    return buf.data();
}

std::string shortest(double v) {
    if (!std::isfinite(v)) {
        return "";
    }
    std::array<char, 48> buf{};
    std::snprintf(buf.data(), buf.size(), "%g", v);
    return buf.data();
}

std::string with_commas(int64_t n) {
    std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            out.push_back(',');
        }
        out.push_back(digits[i]);
    }
    return n < 0 ? "-" + out : out;
}

}  // namespace hotspot
