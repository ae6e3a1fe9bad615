#include "geo/stats/mann_kendall.hpp"

#include <algorithm>
#include <cmath>

#include "geo/stats/normal.hpp"

namespace hotspot::stats {

MannKendall mann_kendall(const std::vector<double>& x) {
    MannKendall r;
    const size_t n = x.size();
    if (n < 3) {
        return r;
    }
    for (size_t i = 0; i + 1 < n; ++i) {
        for (size_t j = i + 1; j < n; ++j) {
            r.s += x[j] > x[i] ? 1.0 : (x[j] < x[i] ? -1.0 : 0.0);
        }
    }
    std::vector<double> sorted = x;
    std::sort(sorted.begin(), sorted.end());
    double ties = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && sorted[j] == sorted[i]) {
            ++j;
        }
        const auto t = static_cast<double>(j - i);
        ties += t * (t - 1) * (2 * t + 5);
        i = j;
    }
    const auto nd = static_cast<double>(n);
    r.variance = (nd * (nd - 1) * (2 * nd + 5) - ties) / 18.0;
    r.tau = r.s / (nd * (nd - 1) / 2);
    if (r.variance > 0) {
        const double sd = std::sqrt(r.variance);
        r.z = r.s > 0 ? (r.s - 1) / sd : (r.s < 0 ? (r.s + 1) / sd : 0.0);
        r.p = normal_two_sided_p(r.z);
    }
    return r;
}

}  // namespace hotspot::stats
