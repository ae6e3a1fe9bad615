#pragma once
// The public covariates of the engagement model, per area: the IoD2019 domains, the ONS
// Rural-Urban Classification and the population density.

#include <array>
#include <string>
#include <vector>

#include "geo/areas.hpp"
#include "geo/io/population.hpp"

namespace hotspot {

/// Public covariates of each area, in the model's order.
struct EngagementCovariates {
    static constexpr size_t kCount = 9;  ///< not counting the intercept
    static constexpr std::array<const char*, kCount> kNames{
        "income", "education", "health", "crime", "barriers", "living_environment",
        "urban", "village", "log_density"};
    std::vector<std::array<double, kCount>> value;  ///< per area
    std::vector<char> present;                      ///< per area: all covariates known
    std::vector<std::string> ruc_code;              ///< ONS Rural-Urban class (2011), per area
    std::vector<std::string> ruc_name;
    std::vector<std::string> notes;
};

/// Reads the IoD2019 domain ranks (File 2: deprivation as a normal score of the rank,
/// positive = more deprived than England's median LSOA; employment is left out, as it
/// is almost the same as income), the ONS Rural-Urban Classification (urban: A1, B1, C1,
/// C2; village: E1, E2) and the population (density per km2 of the area's land, logged).
EngagementCovariates read_engagement_covariates(const AreaSet& areas, const std::string& iod_path,
                                                const std::string& ruc_path,
                                                const PopulationTable& population);

}  // namespace hotspot
