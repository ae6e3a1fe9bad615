#include "geo/aggregate/filter.hpp"

#include "geo/aggregate/category_codes.hpp"
#include "geo/error.hpp"
#include "geo/text.hpp"

namespace hotspot {

ResolvedFilter resolve(const Filter& filter, const CountsCube& cube) {
    if (cube.empty()) {
        throw InputError("no incidents were read, so there is nothing to aggregate");
    }
    return resolve(filter, cube.categories(), cube.first_month(), cube.last_month());
}

ResolvedFilter resolve(const Filter& filter, const Dictionary& cats, Month first, Month last) {
    ResolvedFilter r;
    r.category.assign(cats.size(), filter.categories.empty());
    const std::vector<std::string> codes = category_codes(cats);
    for (const auto& name : filter.categories) {
        auto id = cats.find(name);
        for (uint32_t c = 0; !id && c < codes.size(); ++c) {
            if (codes[c] == name) {
                id = c;
            }
        }
        if (!id) {
            throw InputError("no category \"" + name + "\" in the data (categories: " +
                             join(cats.values(), "; ") + ")");
        }
        r.category[*id] = true;
    }
    r.from = filter.from.value_or(first);
    r.to = filter.to.value_or(last);
    if (r.from > r.to) {
        throw InputError("the month range " + r.from.to_string() + " to " + r.to.to_string() +
                         " is empty");
    }
    if (r.to < first || r.from > last) {
        throw InputError("the month range " + r.from.to_string() + " to " + r.to.to_string() +
                         " holds no data (the data runs from " + first.to_string() + " to " +
                         last.to_string() + ")");
    }
    return r;
}

}  // namespace hotspot
