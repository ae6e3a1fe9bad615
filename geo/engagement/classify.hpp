#pragma once
// The community engagement area classification: five domain scores for every area from a
// survey and public covariates (small-area estimation), areas grouped by k-means on those
// scores, each group named and described from its profile, and each area flagged
// engagement rich or poor.
//
// Estimation: estimate.hpp.
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
#include "geo/engagement/estimate.hpp"
#include "geo/engagement/survey.hpp"
#include "geo/io/covariates.hpp"

namespace hotspot {

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

/// The estimates (estimate.hpp), then the classes.
struct EngagementResult : DomainEstimates {
    // Per area (index in the AreaSet).
    std::vector<int> cls;             ///< index in classes, or -1
    std::vector<double> index;        ///< engagement index (NaN when not classified)
    std::vector<EngagementClass> classes;
    /// k tried with their criterion: k, within sum of squares, Calinski-Harabasz.
    std::vector<std::array<double, 3>> k_search;
    int k = 0;
};

/// Estimates the scores (estimate_domains), then classifies the areas that have all five.
/// Throws InputError as estimate_domains does, or when fewer than three areas have all
/// five scores.
EngagementResult classify_engagement(const AreaSet& areas, const Survey& survey,
                                     const EngagementCovariates& covariates,
                                     const EngagementOptions& options);

}  // namespace hotspot
