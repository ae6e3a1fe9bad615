#pragma once
// The aggregate layers analysts export: a summary row per area, monthly counts per area
// and category, and the change between the latest window and the one before it.

#include "geo/aggregate/area_frame.hpp"
#include "geo/aggregate/cell_counts.hpp"
#include "geo/aggregate/filter.hpp"
#include "geo/harm.hpp"
#include "geo/table.hpp"

namespace hotspot {

/// The comparison of the latest window of months with the window before it.
struct WindowOptions {
    int months = 3;       ///< window length; windows end at the filter's last month
    double alpha = 0.05;  ///< false discovery rate at which a change is called significant
};

/// One row per area: counts, rate per 1,000 residents, harm, the window comparison with
/// its exact test and false-discovery-rate adjustment, rank, and a count per category.
Table summary_layer(const CellCounts& cells, const AreaFrame& frame, const ResolvedFilter& filter,
                    const HarmWeights* harm, const WindowOptions& window);

/// One row per area, month and category (zeros included, so each series is complete).
Table monthly_layer(const CellCounts& cells, const AreaFrame& frame, const ResolvedFilter& filter);

/// One row per area and category: the window comparison for each category, which answers
/// "which crimes are rising here".
Table change_layer(const CellCounts& cells, const AreaFrame& frame, const ResolvedFilter& filter,
                   const WindowOptions& window);

}  // namespace hotspot
