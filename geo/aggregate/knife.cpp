#include "geo/aggregate/knife.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "geo/error.hpp"
#include "geo/io/json_file.hpp"
#include "geo/io/source_mapping.hpp"
#include "geo/text.hpp"

namespace hotspot {

KnifeDefinition load_knife_definition(const std::string& path) {
    const nlohmann::json j = read_json_file(path, "cannot open the knife crime definition");
    KnifeDefinition d;
    d.source = path;
    if (!j.is_object()) {
        throw ConfigError(path + ": a knife crime definition must be a JSON object");
    }
    for (const auto& [key, value] : j.items()) {
        if (key == "name" && value.is_string()) {
            d.name = value.get<std::string>();
        } else if (key == "categories" && value.is_array()) {
            for (const auto& c : value) {
                if (!c.is_string()) {
                    throw ConfigError(path + ": \"categories\" must be a list of strings");
                }
                d.categories.push_back(c.get<std::string>());
            }
        } else if (key == "include_marked" && value.is_boolean()) {
            d.include_marked = value.get<bool>();
        } else {
            throw ConfigError(path + ": unexpected \"" + key +
                              "\" (keys: name, categories, include_marked)");
        }
    }
    if (d.categories.empty() && !d.include_marked) {
        throw ConfigError(path + ": the definition selects nothing (no categories, and "
                                 "include_marked is false)");
    }
    return d;
}

std::vector<std::string> knife_categories(const KnifeDefinition& definition,
                                          const Dictionary& categories) {
    const std::string suffix = kKnifeSuffix;
    std::vector<std::string> out;
    for (const auto& c : categories.values()) {
        const bool listed = std::find(definition.categories.begin(), definition.categories.end(),
                                      c) != definition.categories.end();
        const bool marked = definition.include_marked && c.size() > suffix.size() &&
                            c.compare(c.size() - suffix.size(), suffix.size(), suffix) == 0;
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
