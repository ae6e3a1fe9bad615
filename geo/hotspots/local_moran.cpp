#include "geo/hotspots/local_moran.hpp"

#include <algorithm>

#include "geo/detail/parallel.hpp"
#include "geo/error.hpp"
#include "geo/hotspots/getis_ord.hpp"
#include "geo/stats/random.hpp"

namespace hotspot {

std::string_view quadrant_name(Quadrant q) {
    switch (q) {
        case Quadrant::high_high: return "HH";
        case Quadrant::low_low: return "LL";
        case Quadrant::low_high: return "LH";
        case Quadrant::high_low: return "HL";
        case Quadrant::none: break;
    }
    return "";
}

LocalMoranResult local_moran(const std::vector<double>& x, const SpatialWeights& w,
                             const LocalMoranOptions& options) {
    check_values(x, "Local Moran's I");
    if (options.permutations < 1) {
        throw InputError("local Moran's I needs at least 1 permutation");
    }
    const size_t n = x.size();
    double mean = 0;
    for (const double v : x) {
        mean += v;
    }
    mean /= static_cast<double>(n);
    std::vector<double> z(n);
    double m2 = 0;
    for (size_t i = 0; i < n; ++i) {
        z[i] = x[i] - mean;
        m2 += z[i] * z[i];
    }
    m2 /= static_cast<double>(n);

    LocalMoranResult r;
    r.i.assign(n, std::nullopt);
    r.p.assign(n, std::nullopt);
    r.quadrant.assign(n, Quadrant::none);
    const auto permutations = static_cast<size_t>(options.permutations);
    parallel_ranges(n, options.threads, [&](size_t begin, size_t end, size_t /*part*/) {
        std::vector<uint32_t> drawn;
        for (size_t i = begin; i < end; ++i) {
            const uint32_t first = w.offsets[i];
            const size_t k = w.cardinality(i);
            if (k == 0) {
                continue;
            }
            double lag = 0;
            for (uint32_t m = first; m < w.offsets[i + 1]; ++m) {
                lag += w.weights[m] * z[w.neighbours[m]];
            }
            const double observed = z[i] / m2 * lag;
            r.i[i] = observed;
            if (z[i] > 0) {
                r.quadrant[i] = lag > 0 ? Quadrant::high_high : (lag < 0 ? Quadrant::high_low : Quadrant::none);
            } else if (z[i] < 0) {
                r.quadrant[i] = lag < 0 ? Quadrant::low_low : (lag > 0 ? Quadrant::low_high : Quadrant::none);
            }
            // Deal k of the other n - 1 values at random, permutations times.
            auto rng = stats::SplitMix64::stream(options.seed, i);
            size_t larger = 0;
            for (size_t p = 0; p < permutations; ++p) {
                drawn.clear();
                double permuted = 0;
                for (size_t m = 0; m < k; ++m) {
                    uint32_t j = 0;
                    do {
                        j = static_cast<uint32_t>(rng.below(n - 1));
                        j += j >= i ? 1 : 0;  // skip the area itself
                    } while (std::find(drawn.begin(), drawn.end(), j) != drawn.end());
                    drawn.push_back(j);
                    permuted += w.weights[first + m] * z[j];
                }
                larger += z[i] / m2 * permuted >= observed ? 1 : 0;
            }
            const size_t extreme = std::min(larger, permutations - larger);
            r.p[i] = static_cast<double>(extreme + 1) / static_cast<double>(permutations + 1);
        }
    });
    r.notes.push_back("local Moran's I with " +
                      std::string(w.row_standardised ? "row-standardised" : "binary") +
                      " weights; pseudo p-values from " + std::to_string(options.permutations) +
                      " conditional permutations, seed " + std::to_string(options.seed));
    const size_t islands = w.islands().size();
    if (islands > 0) {
        r.notes.push_back(std::to_string(islands) +
                          " areas have no neighbour and were not tested (lisa_i empty)");
    }
    if (n < 30) {
        r.notes.push_back("warning: only " + std::to_string(n) +
                          " areas; local Moran's I is unreliable below 30");
    }
    return r;
}

}  // namespace hotspot
