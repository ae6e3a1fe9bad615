#include "geo/io/population.hpp"

#include <vector>

#include "geo/error.hpp"
#include "geo/io/area_reader.hpp"
#include "geo/io/csv_file_reader.hpp"
#include "geo/io/incident_builder.hpp"
#include "geo/io/mapped_csv.hpp"
#include "geo/io/police_uk.hpp"

namespace hotspot {
namespace {

/// The first column whose normalised name contains every one of `parts`.
std::optional<size_t> find_containing(const std::vector<std::string>& header,
                                      std::initializer_list<std::string_view> parts) {
    for (size_t i = 0; i < header.size(); ++i) {
        const std::string n = police_uk::normalise_header(header[i]);
        bool all = true;
        for (const auto part : parts) {
            all = all && n.find(part) != std::string::npos;
        }
        if (all) {
            return i;
        }
    }
    return std::nullopt;
}

std::optional<size_t> resolve(const std::vector<std::string>& header,
                              const std::optional<std::string>& chosen,
                              const std::string& path) {
    if (!chosen) {
        return std::nullopt;
    }
    const auto i = column_index(header, *chosen);
    if (!i) {
        throw InputError(path + ":1: no column \"" + *chosen + "\"");
    }
    return i;
}

}  // namespace

PopulationTable read_population(const std::string& path, const PopulationOptions& options) {
    std::vector<std::vector<std::string>> rows;
    std::vector<int64_t> lines;
    read_small_csv(path, rows, lines);
    if (rows.empty()) {
        throw InputError(path + ": is empty");
    }
    const auto& header = rows[0];
    auto code = resolve(header, options.code_column, path);
    if (!code) {
        code = find_containing(header, {"lsoa", "code"});
    }
    if (!code) {
        if (const auto ons = guess_code_field(header)) {
            code = column_index(header, *ons);
        }
    }
    if (!code) {
        code = column_index(header, "code");
    }
    auto population = resolve(header, options.population_column, path);
    if (!population) {
        population = find_containing(header, {"total", "population"});
    }
    if (!population) {
        population = find_containing(header, {"population"});
    }
    if (!population) {
        population = column_index(header, "all_ages");
    }
    if (!code || !population) {
        throw InputError(path + ":1: cannot tell which columns hold the area code and the "
                                "population; name them with --population-code-column and "
                                "--population-column");
    }
    auto district = find_containing(header, {"district", "code"});
    auto district_name = find_containing(header, {"district", "name"});

    PopulationTable table;
    table.source = path;
    table.code_column = header[*code];
    table.population_column = header[*population];
    for (size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        auto reject = [&](RejectReason reason, std::string detail) {
            table.rejects.add(Reject::of_record(path, lines[r], reason, std::move(detail), row));
        };
        if (row.size() != header.size()) {
            reject(RejectReason::wrong_column_count, "expected " + std::to_string(header.size()) +
                                                         " fields, found " +
                                                         std::to_string(row.size()));
            continue;
        }
        const auto value = parse_grouped_number(row[*population]);
        if (!value || *value < 0) {
            reject(RejectReason::bad_number,
                   header[*population] + " \"" + row[*population] + "\" is not a number >= 0");
            continue;
        }
        PopulationRecord rec;
        rec.population = *value;
        if (district) {
            rec.district_code = row[*district];
        }
        if (district_name) {
            rec.district_name = row[*district_name];
        }
        table.areas[row[*code]] = std::move(rec);
    }
    return table;
}

}  // namespace hotspot
