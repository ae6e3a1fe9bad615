#include "geo/io/harm_weights.hpp"

#include <cmath>

#include "geo/error.hpp"
#include "geo/io/small_csv.hpp"

namespace hotspot {

HarmWeights read_harm_weights(const std::string& path) {
    std::unordered_map<std::string, double> weights;
    std::vector<std::vector<std::string>> rows;
    std::vector<int64_t> lines;
    read_small_csv(path, rows, lines);
    if (rows.empty()) {
        throw ConfigError(path + ": is empty (expected a header: category,weight)");
    }
    const auto category = column_index(rows[0], "category");
    const auto weight = column_index(rows[0], "weight");
    if (!category || !weight) {
        throw ConfigError(path + ":" + std::to_string(lines[0]) +
                          ": the header must have \"category\" and \"weight\" columns");
    }
    for (size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        const std::string where = path + ":" + std::to_string(lines[r]);
        if (row.size() != rows[0].size()) {
            throw ConfigError(where + ": expected " + std::to_string(rows[0].size()) +
                              " fields, found " + std::to_string(row.size()));
        }
        const std::string& name = row[*category];
        const auto w = parse_number(row[*weight]);
        if (!w || *w < 0) {
            throw ConfigError(where + ": weight \"" + row[*weight] + "\" of \"" + name +
                              "\" is not a number >= 0");
        }
        if (!weights.emplace(name, *w).second) {
            throw ConfigError(where + ": \"" + name + "\" has a weight already");
        }
    }
    return {path, std::move(weights)};
}

}  // namespace hotspot
