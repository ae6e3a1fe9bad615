#include "geo/hotspots/emerging.hpp"

#include <algorithm>

#include "geo/error.hpp"
#include "geo/stats/mann_kendall.hpp"

namespace hotspot {
namespace {

/// The pattern of one area from its significant steps, for hot spots (sign = +1) or cold
/// spots (sign = -1); "" when none applies.
std::string classify(const std::vector<int>& bins, int sign, const stats::MannKendall& trend,
                     double trend_alpha) {
    const size_t n = bins.size();
    auto is = [&](size_t t, int s) { return bins[t] * s > 0; };
    size_t count = 0;
    for (size_t t = 0; t < n; ++t) {
        count += is(t, sign) ? 1 : 0;
    }
    const bool final = is(n - 1, sign);
    const bool mostly = static_cast<double>(count) >= 0.9 * static_cast<double>(n);
    const bool trend_up = trend.p <= trend_alpha && trend.z * sign > 0;
    const bool trend_down = trend.p <= trend_alpha && trend.z * sign < 0;
    const std::string kind = sign > 0 ? " hot spot" : " cold spot";
    if (count == 0) {
        return "";
    }
    if (!final) {
        return mostly ? "historical" + kind : "";
    }
    if (count == 1) {
        return "new" + kind;
    }
    if (mostly) {
        if (trend_up) {
            return "intensifying" + kind;
        }
        if (trend_down) {
            return "diminishing" + kind;
        }
        return "persistent" + kind;
    }
    // Under 90 %: a single final run, or on and off.
    size_t run = 0;
    while (run < n && is(n - 1 - run, sign)) {
        ++run;
    }
    if (run >= 2 && run == count) {
        return "consecutive" + kind;
    }
    bool opposite = false;
    for (size_t t = 0; t + 1 < n; ++t) {
        opposite = opposite || is(t, -sign);
    }
    return (opposite ? "oscillating" : "sporadic") + kind;
}

}  // namespace

std::string emerging_pattern(const std::vector<int>& bins, const stats::MannKendall& trend,
                             double trend_alpha) {
    std::string pattern = classify(bins, +1, trend, trend_alpha);
    if (pattern.empty()) {
        pattern = classify(bins, -1, trend, trend_alpha);
    }
    return pattern.empty() ? "no pattern" : pattern;
}

EmergingResult emerging_hot_spots(const std::vector<std::vector<double>>& series,
                                  const SpatialWeights& w, const EmergingOptions& options) {
    const size_t steps = series.size();
    if (steps < 2) {
        throw InputError("emerging hot spots need at least 2 time steps; the period has " +
                         std::to_string(steps));
    }
    const size_t n = w.size();
    std::vector<std::vector<int>> bins(n, std::vector<int>(steps, 0));
    std::vector<std::vector<double>> z(n, std::vector<double>(steps, 0.0));
    std::vector<bool> tested(n, true);
    size_t flat_steps = 0;
    for (size_t t = 0; t < steps; ++t) {
        const auto& x = series[t];
        if (std::all_of(x.begin(), x.end(), [&](double v) { return v == x.front(); })) {
            ++flat_steps;  // nothing stands out in this step: no hot or cold spots
            continue;
        }
        const GiStarResult g = getis_ord_gi_star(x, w, options.gi);
        for (size_t i = 0; i < n; ++i) {
            bins[i][t] = g.bin[i];
            if (g.z[i]) {
                z[i][t] = *g.z[i];
            } else {
                tested[i] = false;
            }
        }
    }
    EmergingResult r;
    for (size_t i = 0; i < n; ++i) {
        int hot = 0;
        int cold = 0;
        for (const int b : bins[i]) {
            hot += b > 0 ? 1 : 0;
            cold += b < 0 ? 1 : 0;
        }
        r.hot_steps.push_back(hot);
        r.cold_steps.push_back(cold);
        r.final_bin.push_back(bins[i].back());
        if (!tested[i]) {
            r.pattern.emplace_back("not tested (no neighbour)");
            r.trend_z.emplace_back();
            r.trend_p.emplace_back();
            continue;
        }
        const stats::MannKendall mk = stats::mann_kendall(z[i]);
        r.trend_z.emplace_back(mk.z);
        r.trend_p.emplace_back(mk.p);
        r.pattern.push_back(emerging_pattern(bins[i], mk, options.trend_alpha));
    }
    r.notes.push_back("emerging hot spots over " + std::to_string(steps) +
                      " steps: Gi* at each step (a step is hot or cold at 90 % confidence" +
                      (options.gi.fdr ? " after the false discovery rate" : "") +
                      "), Mann-Kendall trend of each area's Gi* z-scores at p <= " +
                      std::to_string(options.trend_alpha).substr(0, 4));
    if (flat_steps > 0) {
        r.notes.push_back(std::to_string(flat_steps) +
                          " steps had the same value in every area and no hot or cold spots");
    }
    if (static_cast<double>(steps) * 0.9 > static_cast<double>(steps - 1)) {
        r.notes.push_back("with " + std::to_string(steps) +
                          " steps, 90 % of steps means every step");
    }
    return r;
}

}  // namespace hotspot
