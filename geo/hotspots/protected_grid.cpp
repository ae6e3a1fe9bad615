#include "geo/hotspots/protected_grid.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <utility>

#include "geo/cancel.hpp"

namespace hotspot {

namespace {

/// A grid cell as it is summed: all its incidents, and (for harm) each category's.
struct GridCell {
    disclosure::CellSum total;
    std::vector<std::pair<uint16_t, disclosure::CellSum>> by_category;
};

uint64_t cell_id(int64_t col, int64_t row) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(col)) << 32) | static_cast<uint32_t>(row);
}

}  // namespace

ProtectedGrid protected_grid(const PointCollector& points, const ResolvedFilter& filter,
                             const disclosure::Secret& secret,
                             const std::vector<double>* weight_by_category, int suppress_below,
                             double cell, int spread) {
    std::unordered_map<uint64_t, GridCell> cells;
    points.for_each_keyed(filter, secret, [&](double x, double y, uint16_t c, int32_t, uint32_t key) {
        GridCell& g = cells[cell_id(static_cast<int64_t>(std::floor(x / cell)), static_cast<int64_t>(std::floor(y / cell)))];
        g.total.add(1, key);
        if (weight_by_category != nullptr) {
            auto it = std::find_if(g.by_category.begin(), g.by_category.end(), [c](const auto& e) { return e.first == c; });
            if (it == g.by_category.end()) {
                it = g.by_category.insert(it, {c, {}});
            }
            it->second.add(1, key);
        }
    });
    // Cells in a fixed order, so the surface's points (and its sums) do not depend on
    // the hash table's.
    std::vector<std::pair<uint64_t, const GridCell*>> order;
    order.reserve(cells.size());
    for (const auto& [id, g] : cells) {
        order.emplace_back(id, &g);
    }
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

    ProtectedGrid out;
    out.cells = order.size();
    const int n = std::max(spread, 1);
    const double step = cell / n;
    for (const auto& [id, g] : order) {
        cancellation_point();
        const int64_t count = g->total.protected_count();
        if (count < suppress_below) {
            continue;
        }
        double weight = static_cast<double>(count);
        if (weight_by_category != nullptr) {
            weight = 0;
            for (const auto& [c, sum] : g->by_category) {
                if (c < weight_by_category->size()) {
                    weight += (*weight_by_category)[c] * static_cast<double>(sum.protected_count());
                }
            }
        }
        if (weight <= 0) {
            continue;
        }
        ++out.kept;
        out.weight += weight;
        const double x0 = static_cast<double>(static_cast<int32_t>(id >> 32)) * cell;
        const double y0 = static_cast<double>(static_cast<int32_t>(id & 0xFFFFFFFFU)) * cell;
        out.squares.push_back({x0 + cell / 2, y0 + cell / 2, count, weight});
        const double w = weight / (n * n);
        for (int a = 0; a < n; ++a) {
            for (int b = 0; b < n; ++b) {
                out.points.x.push_back(x0 + (a + 0.5) * step);
                out.points.y.push_back(y0 + (b + 0.5) * step);
                out.points.weight.push_back(w);
            }
        }
    }
    return out;
}

}  // namespace hotspot
