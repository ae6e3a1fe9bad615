#pragma once
// Small-area estimates of the five engagement domain scores of every area, from a survey
// and public covariates.
//
// Per domain:
//   - the direct estimate of an area is the weighted mean of its respondents' scores; its
//     sampling variance is the pooled within-area variance over the Kish effective sample
//     size, (sum w)^2 / sum w^2 (pooled, because a handful of respondents cannot
//     estimate their own variance);
//   - a Fay-Herriot model on the covariates (stats/fay_herriot.hpp) combines each direct
//     estimate with the model's prediction by precision; areas with no respondent get the
//     prediction. Areas with at least `direct_min_respondents` (effective) keep their
//     direct estimate. Every estimate has a standard error.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "geo/areas.hpp"
#include "geo/engagement/survey.hpp"
#include "geo/io/covariates.hpp"
#include "geo/stats/fay_herriot.hpp"

namespace hotspot {

struct DomainEstimates {
    // Per area (index in the AreaSet).
    std::vector<std::array<double, kDomainCount>> score;  ///< 0-100; NaN when not estimable
    std::vector<std::array<double, kDomainCount>> se;
    std::vector<int64_t> respondents;
    std::vector<double> effective_n;
    std::vector<std::string> source;  ///< direct, composite, model or none
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
DomainEstimates estimate_domains(const AreaSet& areas, const Survey& survey, const EngagementCovariates& covariates,
                                 double direct_min_respondents);

}  // namespace hotspot
