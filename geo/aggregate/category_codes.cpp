#include "geo/aggregate/category_codes.hpp"

#include <cctype>
#include <set>

#include "geo/io/police_uk.hpp"

namespace hotspot {

std::vector<std::string> category_codes(const Dictionary& categories) {
    constexpr size_t kMax = 8;
    std::vector<std::string> codes(categories.size());
    std::set<std::string> used;
    // Fixed codes first, so a force category never takes a police.uk code.
    for (uint32_t i = 0; i < categories.size(); ++i) {
        for (const auto& c : police_uk::categories()) {
            if (categories.at(i) == c.name) {
                codes[i] = std::string(c.code);
                used.insert(codes[i]);
            }
        }
    }
    for (uint32_t i = 0; i < categories.size(); ++i) {
        if (!codes[i].empty()) {
            continue;
        }
        std::string base;
        for (const char ch : categories.at(i)) {
            if (std::isalnum(static_cast<unsigned char>(ch)) != 0 && base.size() < kMax) {
                base.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
            }
        }
        if (base.empty()) {
            base = "cat";
        }
        std::string code = base;
        for (int n = 2; used.contains(code); ++n) {
            const std::string suffix = std::to_string(n);
            code = base.substr(0, kMax - suffix.size()) + suffix;
        }
        used.insert(code);
        codes[i] = code;
    }
    return codes;
}

}  // namespace hotspot
