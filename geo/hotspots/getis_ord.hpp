#pragma once
// Getis-Ord Gi*: where high (or low) values cluster (Ord and Getis 1995).

#include <optional>
#include <string>
#include <vector>

#include "geo/hotspots/weights.hpp"

namespace hotspot {

struct GiStarOptions {
    /// Apply the false discovery rate to the bins, as ArcGIS does: at each confidence
    /// level (90, 95, 99 %) only p-values under the Benjamini-Hochberg threshold count.
    /// z and p are never changed.
    bool fdr = true;
    /// Row-standardise the weights once each area's own weight is included.
    bool row_standardise = false;
};

struct GiStarResult {
    std::vector<std::optional<double>> z;  ///< empty for areas without neighbours
    std::vector<std::optional<double>> p;  ///< two-sided, from the normal distribution
    std::vector<int> bin;                  ///< -3..3: 99, 95, 90 % cold .. hot; 0 otherwise
    std::vector<std::string> notes;
};

/// Gi* of `x` with the neighbours of `w` plus each area itself (weight 1, as ArcGIS and
/// spdep's include.self do):
///   Gi* = (sum_j w_ij x_j - xbar W_i) / (S sqrt((n S1_i - W_i^2) / (n - 1)))
/// with W_i = sum_j w_ij, S1_i = sum_j w_ij^2, S^2 = sum x^2 / n - xbar^2. `w` must have
/// binary weights. Areas without neighbours are not tested. Throws InputError when fewer
/// than 3 areas are given or every area has the same value.
GiStarResult getis_ord_gi_star(const std::vector<double>& x, const SpatialWeights& w,
                               const GiStarOptions& options);

/// The bin of each p-value: +-3 at 99 %, +-2 at 95 %, +-1 at 90 % (sign of z), with or
/// without the false discovery rate (see GiStarOptions::fdr).
std::vector<int> confidence_bins(const std::vector<std::optional<double>>& z,
                                 const std::vector<std::optional<double>>& p, bool fdr);

/// Checks a value vector for the hotspot statistics; throws InputError with a clear
/// message for too few areas or no variation.
void check_values(const std::vector<double>& x, const char* statistic);

}  // namespace hotspot
