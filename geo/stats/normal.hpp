#pragma once
// The standard normal distribution.

#include <cmath>

namespace hotspot::stats {

/// Two-sided p-value of a standard normal z-score: P(|Z| >= |z|).
inline double normal_two_sided_p(double z) { return std::erfc(std::fabs(z) / std::sqrt(2.0)); }

}  // namespace hotspot::stats
