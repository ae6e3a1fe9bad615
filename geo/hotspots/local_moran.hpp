#pragma once
// Local Moran's I (Anselin 1995) with conditional permutation inference.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/hotspots/weights.hpp"

namespace hotspot {

enum class Quadrant { none, high_high, low_low, low_high, high_low };

/// "HH", "LL", "LH", "HL" (value then neighbours), or "" for none. Named, not numbered:
/// GeoDa and PySAL number them differently.
std::string_view quadrant_name(Quadrant q);

struct LocalMoranOptions {
    int permutations = 999;
    uint64_t seed = 12345;
    int threads = 1;
};

struct LocalMoranResult {
    std::vector<std::optional<double>> i;  ///< I_i; empty for areas without neighbours
    std::vector<std::optional<double>> p;  ///< pseudo p-value, (M + 1) / (R + 1)
    std::vector<Quadrant> quadrant;
    std::vector<std::string> notes;
};

/// I_i = (x_i - xbar) / m2 * sum_j w_ij (x_j - xbar), m2 = sum (x - xbar)^2 / n. The
/// pseudo p-value comes from `permutations` conditional permutations: the other values
/// are dealt at random to area i's neighbours and M counts the permuted I_i at least as
/// extreme as the observed one in its direction (as esda and GeoDa do). Each area draws
/// from its own random stream of (seed, area), so results are identical whatever the
/// number of threads.
LocalMoranResult local_moran(const std::vector<double>& x, const SpatialWeights& w,
                             const LocalMoranOptions& options);

}  // namespace hotspot
