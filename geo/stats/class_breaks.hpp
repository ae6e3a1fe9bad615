#pragma once
// Class breaks for a choropleth: where each colour of the map's legend starts.

#include <string>
#include <vector>

namespace hotspot::stats {

struct ClassBreaks {
    std::vector<double> breaks;  ///< each class starts at its break; the first at min
    std::string method;          ///< in words, for the legend ("" when there are no values)
    double min = 0;
    double max = 0;
};

/// Breaks for `values` (in any order). Quintiles (R's quantile type 7), unless a fifth or
/// more of the values are 0, when "none" is a class of its own and the areas with any
/// are split at their quartiles. With `diverging`, four breaks around zero instead:
/// falls, no change and rises, the largest quarter of each (by the 75th percentile of
/// the non-zero sizes) a class of its own. With `whole`, breaks are whole numbers (a
/// class of whole numbers starts at one). Breaks outside (min, max] or not rising are
/// left out, except the diverging ones.
ClassBreaks class_breaks(std::vector<double> values, bool whole, bool diverging);

}  // namespace hotspot::stats
