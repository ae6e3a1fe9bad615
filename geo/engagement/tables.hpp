#pragma once
// The engagement classification as tables: per area, per class, and the model's inputs.

#include "geo/areas.hpp"
#include "geo/engagement/classify.hpp"
#include "geo/io/covariates.hpp"
#include "geo/table.hpp"

namespace hotspot {

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
