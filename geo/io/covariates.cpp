#include "geo/io/covariates.hpp"

#include <cmath>

#include "geo/error.hpp"
#include "geo/io/small_csv.hpp"
#include "geo/stats/normal.hpp"
#include "geo/text.hpp"

namespace hotspot {
namespace {

constexpr double kEnglandLsoas = 32844;  // LSOAs ranked by the IoD2019

/// The column whose header starts with `prefix`.
size_t column_starting(const std::vector<std::string>& header, const std::string& prefix,
                       const std::string& path) {
    for (size_t i = 0; i < header.size(); ++i) {
        if (header[i].rfind(prefix, 0) == 0) {
            return i;
        }
    }
    throw InputError(path + ":1: no column starting \"" + prefix + "\"");
}

}  // namespace

EngagementCovariates read_engagement_covariates(const AreaSet& areas, const std::string& iod_path,
                                                const std::string& ruc_path,
                                                const PopulationTable& population) {
    EngagementCovariates cov;
    const size_t n = areas.size();
    cov.value.assign(n, {});
    cov.present.assign(n, 0);
    cov.ruc_code.assign(n, "");
    cov.ruc_name.assign(n, "");
    std::vector<std::vector<std::string>> rows;
    std::vector<int64_t> lines;
    read_small_csv(iod_path, rows, lines);
    if (rows.empty()) {
        throw InputError(iod_path + ": empty");
    }
    const auto& h = rows.front();
    const size_t code = column_starting(h, "LSOA code", iod_path);
    const std::array<size_t, 6> rank{
        column_starting(h, "Income Rank", iod_path), column_starting(h, "Education, Skills and Training Rank", iod_path),
        column_starting(h, "Health Deprivation and Disability Rank", iod_path), column_starting(h, "Crime Rank", iod_path),
        column_starting(h, "Barriers to Housing and Services Rank", iod_path),
        column_starting(h, "Living Environment Rank", iod_path)};
    std::vector<char> have_iod(n, 0);
    for (size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        if (row.size() != h.size()) {
            throw InputError(iod_path + ":" + std::to_string(lines[r]) + ": expected " + std::to_string(h.size()) +
                             " fields, found " + std::to_string(row.size()));
        }
        const auto a = areas.find(std::string(trim(row[code])));
        if (!a) {
            continue;  // an area outside the set
        }
        for (size_t k = 0; k < rank.size(); ++k) {
            const auto v = parse_grouped_number(row[rank[k]]);
            if (!v || *v < 1 || *v > kEnglandLsoas) {
                throw InputError(iod_path + ":" + std::to_string(lines[r]) + ": " + h[rank[k]] + " \"" +
                                 row[rank[k]] + "\" is not a rank from 1 to 32,844");
            }
            cov.value[*a][k] = -stats::normal_quantile((*v - 0.5) / kEnglandLsoas);
        }
        have_iod[*a] = 1;
    }
    rows.clear();
    lines.clear();
    read_small_csv(ruc_path, rows, lines);
    if (rows.empty()) {
        throw InputError(ruc_path + ": empty");
    }
    const size_t ruc_area = column_starting(rows.front(), "LSOA11CD", ruc_path);
    const size_t ruc_code = column_starting(rows.front(), "RUC11CD", ruc_path);
    const size_t ruc_name = column_index(rows.front(), "RUC11").value_or(ruc_code);
    std::vector<char> have_ruc(n, 0);
    for (size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        if (row.size() != rows.front().size()) {
            throw InputError(ruc_path + ":" + std::to_string(lines[r]) + ": wrong number of fields");
        }
        const auto a = areas.find(std::string(trim(row[ruc_area])));
        if (!a) {
            continue;
        }
        const std::string c(trim(row[ruc_code]));
        cov.ruc_code[*a] = c;
        cov.ruc_name[*a] = row[ruc_name];
        cov.value[*a][6] = (c == "A1" || c == "B1" || c == "C1" || c == "C2") ? 1 : 0;
        cov.value[*a][7] = (c == "E1" || c == "E2") ? 1 : 0;
        have_ruc[*a] = 1;
    }
    int64_t missing = 0;
    for (size_t a = 0; a < n; ++a) {
        const PopulationRecord* p = population.find(areas.code(a));
        const double km2 = areas.land_area_m2(a) / 1e6;
        const bool ok = have_iod[a] && have_ruc[a] && p != nullptr && p->population > 0 && km2 > 0;
        if (ok) {
            cov.value[a][8] = std::log(p->population / km2);
        }
        cov.present[a] = ok ? 1 : 0;
        missing += ok ? 0 : 1;
    }
    if (missing > 0) {
        cov.notes.push_back(std::to_string(missing) + " areas lack a covariate (IoD2019 ranks, "
                            "rural-urban class or population): they keep a direct estimate if "
                            "sampled and are otherwise left unclassified");
    }
    return cov;
}

}  // namespace hotspot
