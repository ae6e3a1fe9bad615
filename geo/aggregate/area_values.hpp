#pragma once
// The value each area is analysed on: its count of incidents, its rate per 1,000
// residents, or its harm, over the filtered categories and months.

#include <string>
#include <vector>

#include "geo/aggregate/area_frame.hpp"
#include "geo/aggregate/cell_counts.hpp"
#include "geo/aggregate/filter.hpp"
#include "geo/harm.hpp"

namespace hotspot {

enum class ValueKind { count, rate, harm };

/// "count", "rate" or "harm"; throws InputError for anything else.
ValueKind parse_value_kind(const std::string& text);

struct AreaValues {
    std::vector<double> values;
    std::string field;  ///< column name: count, rate_1k or harm
    std::string label;  ///< "incidents", "incidents per 1,000 residents", "harm"
};

/// Values over the months [from, to] and the filter's categories: the count (and the
/// rate) is one published sum, harm the weighted sum of each category's. Rates need a
/// population for every area and harm needs weights: InputError otherwise.
AreaValues area_values(const CellCounts& cells, const AreaFrame& frame,
                       const ResolvedFilter& filter, ValueKind kind, const HarmWeights* harm,
                       Month from, Month to);

}  // namespace hotspot
