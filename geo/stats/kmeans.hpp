#pragma once
// k-means clustering as the ONS Output Area Classification runs it: many starts (k-means++
// seeding, Arthur and Vassilvitskii 2007, then Lloyd's iterations), keeping the start with
// the lowest total within-cluster sum of squares. Each start draws from its own random
// stream (seed, start), so the result is the same on any number of threads.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hotspot {

struct KMeansResult {
    int k = 0;
    std::vector<int> label;        ///< per row, 0..k-1, clusters numbered by size (largest 0)
    std::vector<double> centre;    ///< k × d, row-major
    std::vector<int64_t> size;     ///< rows per cluster
    double within_ss = 0;          ///< total within-cluster sum of squares
    double between_ss = 0;         ///< between-cluster sum of squares
    int best_start = 0;
    /// Calinski and Harabasz's (1974) pseudo-F: (B / (k - 1)) / (W / (n - k)).
    [[nodiscard]] double calinski_harabasz() const;
};

/// Clusters `data` (n rows × d columns, row-major) into k groups. `threads` 0: all cores.
/// Throws std::invalid_argument unless 2 <= k <= n.
KMeansResult kmeans(const std::vector<double>& data, size_t d, int k, int starts, uint64_t seed,
                    int threads = 0);

}  // namespace hotspot
