#pragma once
// Emerging hot spots: Gi* at each time step, a Mann-Kendall trend on each area's series,
// and the pattern categories of ArcGIS's Emerging Hot Spot Analysis.

#include <optional>
#include <string>
#include <vector>

#include "geo/hotspots/getis_ord.hpp"
#include "geo/hotspots/weights.hpp"
#include "geo/stats/mann_kendall.hpp"

namespace hotspot {

struct EmergingOptions {
    GiStarOptions gi;           ///< as for Gi*; a step is hot or cold when its bin is not 0
    double trend_alpha = 0.05;  ///< significance of the Mann-Kendall trend
};

struct EmergingResult {
    std::vector<std::string> pattern;        ///< e.g. "intensifying hot spot", "no pattern"
    std::vector<int> hot_steps;              ///< significant hot steps
    std::vector<int> cold_steps;
    std::vector<std::optional<double>> trend_z;  ///< Mann-Kendall z of the Gi* z series
    std::vector<std::optional<double>> trend_p;
    std::vector<int> final_bin;
    std::vector<std::string> notes;
};

/// `series[t][i]` is area i's value at step t (oldest first). For each area, the steps at
/// which it is a significant hot or cold spot decide its pattern, following the
/// definitions of ArcGIS's Emerging Hot Spot Analysis (hot shown; cold mirrors it):
///   new           hot at the final step, never hot before;
///   consecutive   an uninterrupted run of at least two hot steps at the end, never hot
///                 before the run, hot at under 90 % of steps;
///   intensifying  hot at >= 90 % of steps including the final one, trend up;
///   persistent    hot at >= 90 % of steps including the final one, no significant trend;
///   diminishing   hot at >= 90 % of steps including the final one, trend down;
///   sporadic      hot at the final step, hot at under 90 % of steps on and off, never cold;
///   oscillating   hot at the final step, cold at some earlier step, hot at under 90 %;
///   historical    not hot at the final step but hot at >= 90 % of steps;
/// otherwise "no pattern". Trends are Mann-Kendall tests on the area's Gi* z-scores.
/// The pattern of one area from its Gi* bins (oldest first) and the Mann-Kendall trend of
/// its Gi* z-scores, by the rules above; "no pattern" when none applies.
std::string emerging_pattern(const std::vector<int>& bins, const stats::MannKendall& trend,
                             double trend_alpha);

EmergingResult emerging_hot_spots(const std::vector<std::vector<double>>& series,
                                  const SpatialWeights& w, const EmergingOptions& options);

}  // namespace hotspot
