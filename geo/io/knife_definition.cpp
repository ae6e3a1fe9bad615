#include "geo/io/knife_definition.hpp"

#include <nlohmann/json.hpp>

#include "geo/error.hpp"
#include "geo/io/json_file.hpp"

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

}  // namespace hotspot
