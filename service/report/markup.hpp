#pragma once
// Text made safe for the documents the product writes (HTML briefings, SVG charts).

#include <string>
#include <string_view>

namespace hotspot::report {

/// `s` safe inside HTML or SVG text and attribute values.
inline std::string escape_markup(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace hotspot::report
