#pragma once
// Harm weights per crime category: an editable table (see data/harm-weights.csv for the
// default and where each number comes from).

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hotspot {

class HarmWeights {
  public:
    /// Reads a CSV with the columns category, weight (and any others, such as a basis
    /// column, which are kept for documentation only). Throws ConfigError naming the file
    /// and line of a malformed row.
    static HarmWeights load(const std::string& path);

    /// The weight of a category, or nothing when the table has none.
    [[nodiscard]] std::optional<double> weight(std::string_view category) const;

    [[nodiscard]] const std::string& source() const { return m_source; }
    [[nodiscard]] size_t size() const { return m_weights.size(); }

  private:
    std::string m_source;
    std::unordered_map<std::string, double> m_weights;
};

}  // namespace hotspot
