#include "service/http/query.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "geo/utf8.hpp"

namespace hotspot::server {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

std::optional<Month> month_param(const Params& p, const char* name) {
    const auto it = p.find(name);
    if (it == p.end() || it->second.empty()) {
        return std::nullopt;
    }
    const auto m = parse_month(it->second);
    if (!m) {
        throw BadRequest(std::string(name) + "=" + it->second + ": not a month (YYYY-MM)");
    }
    return m;
}

}  // namespace

std::string url_decode(const std::string& text, bool plus_is_space, const std::string& what) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            const int hi = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
            const int lo = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
            if (hi < 0 || lo < 0) {
                throw BadRequest(what + ": bad percent escape (give % and two hex digits)");
            }
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out += ' ';
        } else {
            out += c;
        }
    }
    if (const size_t at = invalid_utf8_at(out); at != std::string::npos) {
        throw BadRequest(what + ": not UTF-8 (byte " + hex_byte(static_cast<unsigned char>(out[at])) +
                         " at offset " + std::to_string(at) + " once decoded)");
    }
    if (out.find('\0') != std::string::npos) {
        throw BadRequest(what + ": holds a NUL byte");
    }
    return out;
}

Params parse_query(const std::string& query) {
    Params out;
    size_t start = 0;
    while (start <= query.size()) {
        size_t end = query.find('&', start);
        if (end == std::string::npos) {
            end = query.size();
        }
        const std::string part = query.substr(start, end - start);
        if (!part.empty()) {
            const size_t eq = part.find('=');
            const std::string key = url_decode(part.substr(0, eq), true, "a parameter name");
            const std::string shown = to_valid_utf8(utf8_prefix(key, 40));
            out[key] = eq == std::string::npos ? "" : url_decode(part.substr(eq + 1), true, "parameter \"" + shown + "\"");
        }
        start = end + 1;
    }
    return out;
}

double number_param(const Params& params, const std::string& name, double fallback, double lo, double hi) {
    const auto it = params.find(name);
    if (it == params.end() || it->second.empty()) {
        return fallback;
    }
    char* end = nullptr;
    const double v = std::strtod(it->second.c_str(), &end);
    if (end == it->second.c_str() || *end != '\0' || !(v >= lo && v <= hi)) {
        std::ostringstream range;
        range << name << '=' << it->second << ": give a number from " << lo << " to " << hi;
        throw BadRequest(range.str());
    }
    return v;
}

int whole_param(const Params& params, const std::string& name, int fallback, int lo, int hi) {
    const double v = number_param(params, name, fallback, lo, hi);
    if (v != std::floor(v)) {
        throw BadRequest(name + "=" + params.at(name) + ": give a whole number");
    }
    return static_cast<int>(v);
}

std::vector<std::string> list_param(const Params& params, const std::string& name) {
    std::vector<std::string> out;
    const auto it = params.find(name);
    if (it == params.end()) {
        return out;
    }
    size_t start = 0;
    while (start <= it->second.size()) {
        size_t end = it->second.find(',', start);
        if (end == std::string::npos) {
            end = it->second.size();
        }
        if (end > start) {
            out.push_back(it->second.substr(start, end - start));
        }
        start = end + 1;
    }
    return out;
}

MapQuery parse_map_query(const Params& p) {
    MapQuery q;
    q.categories = list_param(p, "categories");
    if (const auto it = p.find("knife"); it != p.end()) {
        if (it->second != "1" && it->second != "true" && it->second != "0" && it->second != "false") {
            throw BadRequest("knife=" + it->second + ": give 1 or 0");
        }
        q.knife = it->second == "1" || it->second == "true";
    }
    if (q.knife && !q.categories.empty()) {
        throw BadRequest("give knife=1 or categories=, not both");
    }
    q.from = month_param(p, "from");
    q.to = month_param(p, "to");
    if (q.from && q.to && *q.to < *q.from) {
        throw BadRequest("from= is after to=");
    }
    if (const auto it = p.find("value"); it != p.end() && !it->second.empty()) {
        if (it->second != "count" && it->second != "rate" && it->second != "harm") {
            throw BadRequest("value=" + it->second + ": give count, rate or harm");
        }
        q.value = it->second;
    }
    if (const auto it = p.find("window"); it != p.end() && !it->second.empty()) {
        int w = 0;
        const auto* end = it->second.data() + it->second.size();
        const auto r = std::from_chars(it->second.data(), end, w);
        if (r.ec != std::errc() || r.ptr != end || w < 1 || w > 24) {
            throw BadRequest("window=" + it->second + ": give a number of months from 1 to 24");
        }
        q.window = w;
    }
    return q;
}

}  // namespace hotspot::server
