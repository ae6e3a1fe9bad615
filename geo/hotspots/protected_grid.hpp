#pragma once
// The public's density surface is smoothed from protected counts, never from incident
// points: incidents are counted on a fixed grid (kPublicGrid metres, aligned to the
// working CRS's origin so that it never moves with the data or the filter), each cell
// is one published cell of the cell key method (its records' keys summed, as for areas),
// cells whose protected count is below the threshold are left out, and each kept cell's
// count is spread evenly over the cell before the kernel smooths it. So the difference of
// two public surfaces is the smoothed difference of two sets of protected grid counts,
// which is no more than the grid counts themselves say, and nothing is placed more
// finely than its grid cell.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "geo/aggregate/disclosure.hpp"
#include "geo/aggregate/filter.hpp"
#include "geo/aggregate/point_collector.hpp"
#include "geo/hotspots/kde.hpp"

namespace hotspot {

/// The public grid's cell, metres: the cell a public patrol place is shown as, too.
inline constexpr double kPublicGrid = 250;
/// Each kept cell's weight is spread over kPublicGridSpread^2 points evenly over it.
inline constexpr int kPublicGridSpread = 5;

/// A kept square of the grid: its centre, protected count and weight.
struct GridSquare {
    double x = 0;
    double y = 0;
    int64_t count = 0;
    double weight = 0;
};

struct ProtectedGrid {
    std::vector<GridSquare> squares;  ///< the kept cells
    KdePoints points;       ///< spread points of the kept cells, weighted
    size_t cells = 0;       ///< grid cells the filter's incidents fall in
    size_t kept = 0;        ///< of those, cells whose protected count reaches the threshold
    double weight = 0;      ///< the kept cells' protected counts (or harm), summed
};

/// The protected grid of the incidents `filter` keeps. A cell's weight is its protected
/// count, or with `weight_by_category` (by the collector's category ids) the weighted sum
/// of its protected counts per category (as an area's public harm is); a cell whose
/// protected count is below `suppress_below` is left out. Throws Cancelled when asked to.
ProtectedGrid protected_grid(const PointCollector& points, const ResolvedFilter& filter,
                             const disclosure::Secret& secret,
                             const std::vector<double>* weight_by_category, int suppress_below,
                             double cell = kPublicGrid, int spread = kPublicGridSpread);

}  // namespace hotspot
