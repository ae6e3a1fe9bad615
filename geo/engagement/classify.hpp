#pragma once
// The community engagement area classification: five domain scores for every area from a
// survey and public covariates (small-area estimation), areas grouped by k-means on those
// scores, each group named and described from its profile, and each area flagged
// engagement rich or poor.
//
// Estimation, per domain:
//   - the direct estimate of an area is the weighted mean of its respondents' scores; its
//     sampling variance is the pooled within-area variance over the Kish effective sample
//     size, (sum w)^2 / sum w^2 (pooled, because a handful of respondents cannot
//     estimate their own variance);
//   - a Fay-Herriot model on the covariates (stats/fay_herriot.hpp) combines each direct
//     estimate with the model's prediction by precision; areas with no respondent get the
//     prediction. Areas with at least `direct_min_respondents` (effective) keep their
//     direct estimate. Every estimate has a standard error.
// Classification: the five scores standardised (z-scores across areas; optionally an
// inverse hyperbolic sine first, as the ONS OAC does for skewed percentages), k-means
// with many starts, k given or chosen by the Calinski-Harabasz criterion.
// Names: the domains whose class mean lies at least `far` standard deviations from the
// mean of all areas, strongest first, then the settlement type most of its areas share.
// Engagement index: the mean z of belonging, satisfaction and participation and minus
// fear; rich when >= 0 (at or above the mean of all areas), poor below.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "geo/areas.hpp"
#include "geo/engagement/survey.hpp"
#include "geo/io/population.hpp"
#include "geo/stats/fay_herriot.hpp"
#include "geo/table.hpp"

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

struct EngagementOptions {
    int k = 0;  ///< 0: choose from k_min..k_max by Calinski-Harabasz
    int k_min = 4;
    int k_max = 10;
    int starts = 100;
    uint64_t seed = 2018;
    int threads = 0;
    double direct_min_respondents = 30;
    double far = 0.5;
    bool ihs = false;
};

struct EngagementClass {
    std::string code;  ///< C1.. by size
    std::string name;
    std::string portrait;
    std::string settlement;  ///< the settlement type most of its areas share
    int64_t areas = 0;
    std::array<double, kDomainCount> centre_z{};
    std::array<double, kDomainCount> mean_score{};
    double index = 0;
    bool rich = false;
};

struct EngagementResult {
    // Per area (index in the AreaSet).
    std::vector<std::array<double, kDomainCount>> score;  ///< 0-100; NaN when not estimable
    std::vector<std::array<double, kDomainCount>> se;
    std::vector<int64_t> respondents;
    std::vector<double> effective_n;
    std::vector<std::string> source;  ///< direct, composite, model or none
    std::vector<int> cls;             ///< index in classes, or -1
    std::vector<double> index;        ///< engagement index (NaN when not classified)
    std::vector<EngagementClass> classes;
    /// k tried with their criterion: k, within sum of squares, Calinski-Harabasz.
    std::vector<std::array<double, 3>> k_search;
    int k = 0;
    std::array<FayHerriotResult, kDomainCount> models;
    /// The models' inputs, so that a fit can be reproduced elsewhere: the areas with
    /// covariates, their design matrix (intercept first, row-major) and, per domain, the
    /// direct estimates and sampling variances (NaN where unsampled).
    std::vector<size_t> modelled;
    std::vector<double> design;
    std::array<std::vector<double>, kDomainCount> direct;
    std::array<std::vector<double>, kDomainCount> sampling_variance;
    std::vector<std::string> notes;
};

/// Throws InputError when fewer than 12 areas are sampled for a domain, or no area has
/// its covariates.
EngagementResult classify_engagement(const AreaSet& areas, const Survey& survey,
                                     const EngagementCovariates& covariates,
                                     const EngagementOptions& options);

/// One row per area: area_code, area_name, class_code, class_name, engagement,
/// engage_idx, the five scores and their standard errors, respondents, n_eff, estimate
/// (its source) and ruc11; with the areas' geometry.
Table engagement_table(const AreaSet& areas, const EngagementResult& result,
                       const EngagementCovariates& covariates);

/// One row per class: code, name, areas, share, engagement, the five mean scores and
/// z-scores, and the pen portrait.
Table engagement_class_table(const EngagementResult& result);

/// The Fay-Herriot inputs, one row per modelled area and domain: area_code, domain,
/// direct, psi, then the covariates (no geometry).
Table engagement_model_inputs(const AreaSet& areas, const EngagementResult& result);

}  // namespace hotspot
