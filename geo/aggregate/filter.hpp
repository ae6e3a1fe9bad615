#pragma once
// The one filter every statistic takes: which categories and which months.

#include <optional>
#include <string>
#include <vector>

#include "geo/aggregate/counts.hpp"
#include "geo/calendar.hpp"

namespace hotspot {

struct Filter {
    std::vector<std::string> categories;  ///< names or short codes; empty: every category
    std::optional<Month> from;            ///< first month (inclusive); default: the data's first
    std::optional<Month> to;              ///< last month (inclusive); default: the data's last
};

/// A filter checked against the data it applies to.
struct ResolvedFilter {
    std::vector<bool> category;  ///< by category id of the cube
    Month from;
    Month to;
    [[nodiscard]] int months() const { return to - from + 1; }
};

/// Resolves `filter` against the categories and months of the data. Throws InputError
/// for a category that is not in the data (listing those that are) or a month range
/// outside the data.
ResolvedFilter resolve(const Filter& filter, const Dictionary& categories, Month first,
                       Month last);
/// The same against a cube (which has no months when nothing was read).
ResolvedFilter resolve(const Filter& filter, const CountsCube& cube);

}  // namespace hotspot
