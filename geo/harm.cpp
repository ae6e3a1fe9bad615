#include "harm.hpp"

#include <cmath>

#include "error.hpp"
#include "io/csv_file_reader.hpp"
#include "io/incident_builder.hpp"
#include "io/mapped_csv.hpp"

namespace hotspot {

HarmWeights HarmWeights::load(const std::string& path) {
    HarmWeights table;
    table.m_source = path;
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
        if (!table.m_weights.emplace(name, *w).second) {
            throw ConfigError(where + ": \"" + name + "\" has a weight already");
        }
    }
    return table;
}

std::optional<double> HarmWeights::weight(std::string_view category) const {
    if (const auto it = m_weights.find(std::string(category)); it != m_weights.end()) {
        return it->second;
    }
    return std::nullopt;
}

}  // namespace hotspot
