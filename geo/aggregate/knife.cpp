#include "geo/aggregate/knife.hpp"

#include <algorithm>

#include "geo/error.hpp"
#include "geo/io/source_mapping.hpp"
#include "geo/text.hpp"

namespace hotspot {

std::vector<std::string> knife_categories(const KnifeDefinition& definition,
                                          const Dictionary& categories) {
    const std::string suffix = kKnifeSuffix;
    std::vector<std::string> out;
    for (const auto& c : categories.values()) {
        const bool listed = std::find(definition.categories.begin(), definition.categories.end(),
                                      c) != definition.categories.end();
        const bool marked = definition.include_marked && c.size() > suffix.size() &&
                            c.ends_with(suffix);
        if (listed || marked) {
            out.push_back(c);
        }
    }
    if (out.empty()) {
        throw InputError("no knife crime in the data: " + definition.name + " (" +
                         definition.source + ") looks for " +
                         (definition.categories.empty() ? std::string("no categories")
                                                        : join(definition.categories, "; ")) +
                         (definition.include_marked ? " and categories marked" + suffix : ""));
    }
    return out;
}

}  // namespace hotspot
