#include "geo/stats/class_breaks.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace hotspot::stats {

ClassBreaks class_breaks(std::vector<double> v, bool whole, bool diverging) {
    ClassBreaks out;
    std::sort(v.begin(), v.end());
    if (!v.empty()) {
        out.min = v.front();
        out.max = v.back();
    }
    // The q-quantile by linear interpolation between order statistics (R's type 7).
    auto quantile = [](const std::vector<double>& x, double q) {
        const double h = (static_cast<double>(x.size()) - 1) * q;
        const auto lo = static_cast<size_t>(std::floor(h));
        const size_t hi = std::min(lo + 1, x.size() - 1);
        return x[lo] + (h - static_cast<double>(lo)) * (x[hi] - x[lo]);
    };
    auto add_break = [&](double b) {
        if (whole) {
            b = std::ceil(b);  // classes of whole numbers start at a whole number
        }
        if (b > v.front() && b <= v.back() && (out.breaks.empty() || b > out.breaks.back())) {
            out.breaks.push_back(b);
        }
    };
    if (!v.empty() && diverging) {
        // Diverging around zero: falls, no change, rises, and the largest quarter of each.
        std::vector<double> size;
        for (const double x : v) {
            if (x != 0) {
                size.push_back(std::abs(x));
            }
        }
        std::sort(size.begin(), size.end());
        double big = size.empty() ? 0 : size[(size.size() * 3) / 4];
        if (whole) {
            // Classes: fell by big or more, fell by less, no change, rose by less, rose
            // by big or more (a class starts at its break).
            big = std::max(2.0, std::ceil(big));
            out.breaks = {1 - big, 0, 1, big};
        } else {
            big = std::max(big, 1e-6);
            out.breaks = {-big, -1e-9, 1e-9, big};
        }
        out.method = "diverging: falls and rises, split at the 75th percentile of their size";
    } else if (!v.empty()) {
        const auto zeros = static_cast<size_t>(std::count(v.begin(), v.end(), 0.0));
        const std::vector<double> positive(v.begin() + static_cast<std::ptrdiff_t>(zeros), v.end());
        if (v.front() == 0 && zeros * 5 >= v.size() && !positive.empty()) {
            // Sparse crime (knife crime in a month): none is a class of its own.
            add_break(positive.front());
            for (const double q : {0.25, 0.5, 0.75}) {
                add_break(quantile(positive, q));
            }
            out.method = "none, then quartiles of the areas with any";
        } else {
            for (const double q : {0.2, 0.4, 0.6, 0.8}) {
                add_break(quantile(v, q));
            }
            out.method = "quintiles: each class holds about a fifth of the areas";
        }
    }
    return out;
}

}  // namespace hotspot::stats
