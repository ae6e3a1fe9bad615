#include "geo/aggregate/area_values.hpp"

#include "geo/error.hpp"

namespace hotspot {

ValueKind parse_value_kind(const std::string& text) {
    if (text == "count") {
        return ValueKind::count;
    }
    if (text == "rate") {
        return ValueKind::rate;
    }
    if (text == "harm") {
        return ValueKind::harm;
    }
    throw InputError("--value must be count, rate or harm, not \"" + text + "\"");
}

AreaValues area_values(const CellCounts& cells, const AreaFrame& frame,
                       const ResolvedFilter& filter, ValueKind kind, const HarmWeights* harm,
                       Month from, Month to) {
    const auto& cats = cells.categories();
    std::vector<double> weight(cats.size(), 1.0);
    if (kind == ValueKind::harm) {
        if (harm == nullptr) {
            throw InputError("harm values need harm weights (--harm-weights)");
        }
        weight = harm->by_category(cats);
    }
    AreaValues out;
    size_t missing_population = 0;
    for (size_t a = 0; a < frame.size(); ++a) {
        double v = 0;
        if (kind == ValueKind::harm) {
            for (uint32_t c = 0; c < cats.size(); ++c) {
                if (filter.category[c] && weight[c] != 0) {
                    v += weight[c] * static_cast<double>(cells.sum_one(a, c, from, to));
                }
            }
        } else {
            v = static_cast<double>(cells.sum(a, filter.category, from, to));
        }
        if (kind == ValueKind::rate) {
            const auto& pop = frame.population[a];
            if (!pop || *pop <= 0) {
                ++missing_population;
                v = 0;
            } else {
                v = 1000.0 * v / *pop;
            }
        }
        out.values.push_back(v);
    }
    if (missing_population > 0) {
        throw InputError("rates need a population for every area, and " +
                         std::to_string(missing_population) +
                         " areas have none (give --population, or analyse counts)");
    }
    switch (kind) {
        case ValueKind::count:
            out.field = "count";
            out.label = "incidents";
            break;
        case ValueKind::rate:
            out.field = "rate_1k";
            out.label = "incidents per 1,000 residents";
            break;
        case ValueKind::harm:
            out.field = "harm";
            out.label = "harm (" + harm->source() + ")";
            break;
    }
    return out;
}

}  // namespace hotspot
