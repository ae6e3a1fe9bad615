#pragma once
// Harm weights per crime category: an editable table (see data/harm-weights.csv for the
// default and where each number comes from; io/harm_weights.hpp reads one).
//
// A category the table does not list carries no harm (weight kUnweighted, 0) everywhere
// the product weighs by harm: maps, density, hot spots, patrol plans and the backtest.
// Giving such a category a weight of its own would rank places by a number nobody chose.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "geo/dictionary.hpp"

namespace hotspot {

class HarmWeights {
  public:
    /// The weight of a category the table does not list.
    static constexpr double kUnweighted = 0.0;

    HarmWeights() = default;
    HarmWeights(std::string source, std::unordered_map<std::string, double> weights)
        : m_source(std::move(source)), m_weights(std::move(weights)) {}

    /// The weight of a category, or nothing when the table has none.
    [[nodiscard]] std::optional<double> weight(std::string_view category) const;
    /// The weight of each category of `categories`, by id (kUnweighted for one the table
    /// lacks): the one lookup every harm-weighted statistic uses.
    [[nodiscard]] std::vector<double> by_category(const Dictionary& categories) const;
    [[nodiscard]] const std::string& source() const { return m_source; }
    [[nodiscard]] size_t size() const { return m_weights.size(); }

  private:
    std::string m_source;
    std::unordered_map<std::string, double> m_weights;
};

}  // namespace hotspot
