#pragma once
// Exact tests on counts, and the false discovery rate.

#include <cstdint>
#include <vector>

namespace hotspot::stats {

/// Regularised incomplete beta function I_x(a, b), for a, b > 0 and 0 <= x <= 1.
double incomplete_beta(double a, double b, double x);

/// P(X <= k) for X ~ Binomial(n, p).
double binomial_cdf(int64_t k, int64_t n, double p);

/// Two-sided p-value of the exact test that two Poisson counts observed over equal
/// exposure (a window and the window before it) share one rate. Conditional on their
/// sum n, the current count is Binomial(n, 1/2) under that hypothesis (Przyborowski and
/// Wilenski 1940); the p-value doubles the smaller tail, which for p = 1/2 equals the
/// "sum of less likely outcomes" rule of R's binom.test. Returns 1 when both are 0.
double poisson_rate_test(int64_t current, int64_t previous);

/// Benjamini-Hochberg adjusted p-values (q-values), in the order given.
std::vector<double> benjamini_hochberg(const std::vector<double>& p);

}  // namespace hotspot::stats
