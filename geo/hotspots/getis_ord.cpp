#include "geo/hotspots/getis_ord.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "geo/error.hpp"
#include "geo/stats/normal.hpp"

namespace hotspot {

void check_values(const std::vector<double>& x, const char* statistic) {
    if (x.size() < 3) {
        throw InputError(std::string(statistic) + " needs at least 3 areas; there are " +
                         std::to_string(x.size()));
    }
    if (std::all_of(x.begin(), x.end(), [&](double v) { return v == x.front(); })) {
        throw InputError(std::string(statistic) + ": every area has the same value (" +
                         std::to_string(x.front()) +
                         "), so nothing stands out; widen the filter or the period");
    }
}

std::vector<int> confidence_bins(const std::vector<std::optional<double>>& z,
                                 const std::vector<std::optional<double>>& p, bool fdr) {
    const std::array<std::pair<double, int>, 3> levels{{{0.01, 3}, {0.05, 2}, {0.10, 1}}};
    std::vector<double> tested;
    for (const auto& v : p) {
        if (v) {
            tested.push_back(*v);
        }
    }
    std::sort(tested.begin(), tested.end());
    std::array<double, 3> threshold{};
    for (size_t l = 0; l < levels.size(); ++l) {
        const double alpha = levels[l].first;
        if (!fdr) {
            threshold[l] = alpha;
            continue;
        }
        // Benjamini-Hochberg: the largest p_(k) with p_(k) <= k alpha / m.
        threshold[l] = -1.0;
        const double m = static_cast<double>(tested.size());
        for (size_t k = tested.size(); k-- > 0;) {
            if (tested[k] <= static_cast<double>(k + 1) * alpha / m) {
                threshold[l] = tested[k];
                break;
            }
        }
    }
    std::vector<int> bins(p.size(), 0);
    for (size_t i = 0; i < p.size(); ++i) {
        if (!p[i]) {
            continue;
        }
        for (size_t l = 0; l < levels.size(); ++l) {
            if (*p[i] <= threshold[l]) {
                bins[i] = *z[i] > 0 ? levels[l].second : -levels[l].second;
                break;
            }
        }
    }
    return bins;
}

GiStarResult getis_ord_gi_star(const std::vector<double>& x, const SpatialWeights& w,
                               const GiStarOptions& options) {
    check_values(x, "Gi*");
    const size_t n = x.size();
    if (w.size() != n) {
        throw std::logic_error("weights and values disagree on the number of areas");
    }
    double sum = 0;
    double sum2 = 0;
    for (const double v : x) {
        sum += v;
        sum2 += v * v;
    }
    const double nd = static_cast<double>(n);
    const double mean = sum / nd;
    const double s = std::sqrt(std::max(0.0, sum2 / nd - mean * mean));

    GiStarResult r;
    r.z.assign(n, std::nullopt);
    r.p.assign(n, std::nullopt);
    size_t untested = 0;
    for (size_t i = 0; i < n; ++i) {
        const uint32_t begin = w.offsets[i];
        const uint32_t end = w.offsets[i + 1];
        if (begin == end) {
            ++untested;
            continue;
        }
        // The star: the area itself (weight 1) and its neighbours.
        double wsum = 1.0;
        double w2 = 1.0;
        double lag = x[i];
        for (uint32_t k = begin; k < end; ++k) {
            wsum += w.weights[k];
            w2 += w.weights[k] * w.weights[k];
            lag += w.weights[k] * x[w.neighbours[k]];
        }
        if (options.row_standardise) {
            lag /= wsum;
            w2 /= wsum * wsum;
            wsum = 1.0;
        }
        const double variance = (nd * w2 - wsum * wsum) / (nd - 1.0);
        const double z = (lag - mean * wsum) / (s * std::sqrt(variance));
        r.z[i] = z;
        r.p[i] = stats::normal_two_sided_p(z);
    }
    r.bin = confidence_bins(r.z, r.p, options.fdr);
    r.notes.push_back(std::string("Gi* with each area's own value included") +
                      (options.row_standardise ? ", row-standardised" : ", binary weights") +
                      "; bins at 90/95/99 % " +
                      (options.fdr ? "after the false discovery rate correction (Benjamini-Hochberg, as ArcGIS)"
                                   : "without a false discovery rate correction"));
    if (untested > 0) {
        r.notes.push_back(std::to_string(untested) +
                          " areas have no neighbour and were not tested (gi_z empty)");
    }
    if (n < 30) {
        r.notes.push_back("warning: only " + std::to_string(n) +
                          " areas; Gi* is unreliable below 30");
    }
    return r;
}

}  // namespace hotspot
