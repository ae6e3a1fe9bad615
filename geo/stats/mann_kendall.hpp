#pragma once
// The Mann-Kendall test for a monotonic trend in a series.

#include <vector>

namespace hotspot::stats {

struct MannKendall {
    double s = 0;         ///< sum over i < j of sign(x_j - x_i)
    double variance = 0;  ///< of S under no trend, corrected for ties
    double z = 0;         ///< (S - 1) / sd for S > 0, (S + 1) / sd for S < 0, else 0
    double p = 1;         ///< two-sided, from the normal approximation
    double tau = 0;       ///< Kendall's tau-a, S / (n (n - 1) / 2)
};

/// Mann (1945), Kendall (1975): var(S) = [n(n-1)(2n+5) - sum_t t(t-1)(2t+5)] / 18 over
/// groups of t tied values. Fewer than 3 values give no trend (p = 1).
MannKendall mann_kendall(const std::vector<double>& x);

}  // namespace hotspot::stats
