#include "geo/stats/binomial.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace hotspot::stats {
namespace {

/// Continued fraction for the incomplete beta function, evaluated by the modified Lentz
/// method (see Press et al., Numerical Recipes, 3rd ed., section 6.4).
double beta_continued_fraction(double a, double b, double x) {
    constexpr int kMaxIterations = 10000;
    constexpr double kEpsilon = 1e-15;
    constexpr double kTiny = 1e-300;
    const double qab = a + b;
    const double qap = a + 1.0;
    const double qam = a - 1.0;
    double c = 1.0;
    double d = 1.0 - qab * x / qap;
    if (std::fabs(d) < kTiny) {
        d = kTiny;
    }
    d = 1.0 / d;
    double h = d;
    // One Lentz step with continued-fraction coefficient aa; returns the factor applied.
    const auto step = [&](double aa) {
        d = 1.0 + aa * d;
        if (std::fabs(d) < kTiny) {
            d = kTiny;
        }
        c = 1.0 + aa / c;
        if (std::fabs(c) < kTiny) {
            c = kTiny;
        }
        d = 1.0 / d;
        h *= d * c;
        return d * c;
    };
    for (int m = 1; m <= kMaxIterations; ++m) {
        const double m2 = 2.0 * m;
        step(m * (b - m) * x / ((qam + m2) * (a + m2)));
        const double delta = step(-(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)));
        if (std::fabs(delta - 1.0) < kEpsilon) {
            break;
        }
    }
    return h;
}

}  // namespace

double incomplete_beta(double a, double b, double x) {
    if (x <= 0.0) {
        return 0.0;
    }
    if (x >= 1.0) {
        return 1.0;
    }
    const double log_front = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) +
                             a * std::log(x) + b * std::log1p(-x);
    const double front = std::exp(log_front);
    // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use the
    // symmetry I_x(a, b) = 1 - I_{1-x}(b, a) otherwise.
    if (x < (a + 1.0) / (a + b + 2.0)) {
        return front * beta_continued_fraction(a, b, x) / a;
    }
    return 1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b;
}

double binomial_cdf(int64_t k, int64_t n, double p) {
    if (k < 0) {
        return 0.0;
    }
    if (k >= n) {
        return 1.0;
    }
    // P(X <= k) = I_{1-p}(n - k, k + 1).
    return incomplete_beta(static_cast<double>(n - k), static_cast<double>(k + 1), 1.0 - p);
}

double poisson_rate_test(int64_t current, int64_t previous) {
    const int64_t n = current + previous;
    if (n == 0) {
        return 1.0;
    }
    const int64_t smaller = std::min(current, previous);
    if (2 * smaller == n) {
        return 1.0;
    }
    return std::min(1.0, 2.0 * binomial_cdf(smaller, n, 0.5));
}

std::vector<double> benjamini_hochberg(const std::vector<double>& p) {
    const size_t m = p.size();
    std::vector<size_t> order(m);
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p[a] < p[b]; });
    std::vector<double> q(m);
    double running = 1.0;
    for (size_t r = m; r-- > 0;) {
        const size_t i = order[r];
        running = std::min(running, p[i] * static_cast<double>(m) / static_cast<double>(r + 1));
        q[i] = running;
    }
    return q;
}

}  // namespace hotspot::stats
