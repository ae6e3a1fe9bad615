#pragma once
// Resident population per area (for rates) and the district each area belongs to (for
// roll-ups), from a CSV lookup such as the IoD2019 population denominators.

#include <optional>
#include <string>
#include <unordered_map>

#include "geo/rejects.hpp"

namespace hotspot {

struct PopulationRecord {
    double population = 0;
    std::string district_code;  ///< "" when the table has no district column
    std::string district_name;
};

struct PopulationTable {
    std::string source;
    std::string code_column;
    std::string population_column;
    std::unordered_map<std::string, PopulationRecord> areas;
    RejectLog rejects;

    [[nodiscard]] const PopulationRecord* find(const std::string& code) const {
        const auto it = areas.find(code);
        return it == areas.end() ? nullptr : &it->second;
    }
};

struct PopulationOptions {
    std::optional<std::string> code_column;        ///< guessed: "LSOA code ...", LSOA11CD, code
    std::optional<std::string> population_column;  ///< guessed: "Total population ...", population
};

/// Reads a population table (CSV, optionally gzipped). Numbers may carry thousands
/// separators ("1,296"). Rows with a bad number are rejected with their line; a file
/// without recognisable code and population columns throws InputError.
PopulationTable read_population(const std::string& path, const PopulationOptions& options);

}  // namespace hotspot
