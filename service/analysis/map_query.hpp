#pragma once
// The filter every map request carries: categories (or the knife crime preset), month
// range, the value analysed and the comparison window. http/query.hpp reads one from a
// query string, for tiles, the API and downloads alike, so they always agree.

#include <optional>
#include <string>
#include <vector>

#include "geo/calendar.hpp"

namespace hotspot::server {

struct MapQuery {
    std::vector<std::string> categories;  ///< names or short codes; empty: all
    bool knife = false;                   ///< the knife crime definition instead
    std::optional<Month> from;
    std::optional<Month> to;
    std::string value = "count";  ///< count, rate or harm: what Gi* and the choropleth use
    int window = 3;               ///< months in each comparison window

    /// A canonical text of the query, for cache keys.
    [[nodiscard]] std::string key() const;
};

}  // namespace hotspot::server
