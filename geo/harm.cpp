#include "geo/harm.hpp"

namespace hotspot {

std::optional<double> HarmWeights::weight(std::string_view category) const {
    if (const auto it = m_weights.find(std::string(category)); it != m_weights.end()) {
        return it->second;
    }
    return std::nullopt;
}

std::vector<double> HarmWeights::by_category(const Dictionary& categories) const {
    std::vector<double> out(categories.size(), kUnweighted);
    for (uint32_t c = 0; c < categories.size(); ++c) {
        out[c] = weight(categories.at(c)).value_or(kUnweighted);
    }
    return out;
}

}  // namespace hotspot
