#include "geo/repeats/place_rules.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>
#include <set>

#include <ogr_spatialref.h>

#include "geo/error.hpp"
#include "geo/io/json_file.hpp"
#include "geo/text.hpp"

namespace hotspot {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

constexpr std::string_view kPrefix = "on or near ";

std::vector<std::string> strings(const nlohmann::json& value, const std::string& where) {
    if (!value.is_array()) {
        throw ConfigError(where + " must be a list of strings");
    }
    std::vector<std::string> out;
    for (const auto& v : value) {
        if (!v.is_string() || v.get<std::string>().empty() || v.get<std::string>().size() > 200) {
            throw ConfigError(where + " must be a list of strings of 1 to 200 characters");
        }
        out.push_back(v.get<std::string>());
    }
    return out;
}

double number(const nlohmann::json& p, const char* key, double lo, double hi, const std::string& where) {
    if (!p.contains(key) || !p[key].is_number()) {
        throw ConfigError(where + ": \"" + key + "\" must be a number");
    }
    const double v = p[key].get<double>();
    if (!std::isfinite(v) || v < lo || v > hi) {
        throw ConfigError(where + ": \"" + key + "\" must be from " + std::to_string(static_cast<int>(lo)) + " to " +
                          std::to_string(static_cast<int>(hi)));
    }
    return v;
}

/// The location text without police.uk's prefix and surrounding spaces.
std::string_view bare(std::string_view s) {
    if (lower(s.substr(0, kPrefix.size())) == kPrefix) {
        s.remove_prefix(kPrefix.size());
    }
    return trim(s);
}

}  // namespace

const FlagRule* PlaceRules::flag_of(std::string_view location, double x, double y, std::string_view type) const {
    const std::string text = lower(bare(location));
    const std::string kind = lower(trim(type));
    for (const FlagRule& rule : flags) {
        for (const auto& t : rule.type_is) {
            if (!kind.empty() && kind == t) {
                return &rule;
            }
        }
        for (const auto& whole : rule.location_is) {
            if (text == whole) {
                return &rule;
            }
        }
        for (const auto& end : rule.location_ends_with) {
            if (text.ends_with(end)) {
                return &rule;
            }
        }
        for (const auto& part : rule.location_contains) {
            if (text.find(part) != std::string::npos) {
                return &rule;
            }
        }
        for (const auto& d : rule.discs) {
            if ((x - d.x) * (x - d.x) + (y - d.y) * (y - d.y) <= d.radius * d.radius) {
                return &rule;
            }
        }
    }
    return nullptr;
}

std::string PlaceRules::street_of(std::string_view location) const {
    const std::string_view s = bare(location);
    const std::string l = lower(s);
    if (l.empty() || l == "no location") {
        return {};
    }
    for (const auto& type : place_types) {
        // "Supermarket", and named places of a type: "Chelmsford Police Station".
        if (l.ends_with(type) && (l.size() == type.size() || l[l.size() - type.size() - 1] == ' ')) {
            return {};
        }
    }
    return std::string(s);
}

std::function<bool(std::string_view, std::string_view, double, double)> exclusion_of(
    std::shared_ptr<const PlaceRules> rules) {
    return [rules = std::move(rules)](std::string_view location, std::string_view type, double x, double y) {
        return rules->flag_of(location, x, y, type) != nullptr;
    };
}

PlaceRules load_place_rules(const std::string& path, const OGRSpatialReference& crs) {
    const nlohmann::json j = read_json_file(path, "cannot open the place rules");
    if (!j.is_object()) {
        throw ConfigError(path + ": the place rules must be a JSON object");
    }
    PlaceRules rules;
    rules.source = path;
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> to_crs(OGRCreateCoordinateTransformation(&wgs84, &crs));
    std::set<std::string> names;
    for (const auto& [key, value] : j.items()) {
        if (key == "place_types") {
            rules.place_types = strings(value, path + ": \"place_types\"");
            for (auto& type : rules.place_types) {
                type = lower(type);
            }
        } else if (key == "flags" && value.is_array()) {
            for (size_t i = 0; i < value.size(); ++i) {
                const auto& f = value[i];
                const std::string where = path + ": flags[" + std::to_string(i) + "]";
                if (!f.is_object()) {
                    throw ConfigError(where + " must be an object");
                }
                FlagRule rule;
                for (const auto& [k, v] : f.items()) {
                    if (k == "flag" && v.is_string()) {
                        rule.flag = v.get<std::string>();
                    } else if (k == "description" && v.is_string()) {
                        rule.description = v.get<std::string>();
                    } else if (k == "location_is") {
                        rule.location_is = strings(v, where + ".location_is");
                    } else if (k == "location_ends_with") {
                        rule.location_ends_with = strings(v, where + ".location_ends_with");
                    } else if (k == "location_contains") {
                        rule.location_contains = strings(v, where + ".location_contains");
                    } else if (k == "type_is") {
                        rule.type_is = strings(v, where + ".type_is");
                    } else if (k == "points" && v.is_array()) {
                        for (size_t p = 0; p < v.size(); ++p) {
                            const std::string at = where + ".points[" + std::to_string(p) + "]";
                            if (!v[p].is_object()) {
                                throw ConfigError(at + " must be an object with longitude, latitude, radius_m");
                            }
                            for (const auto& [pk, pv] : v[p].items()) {
                                if (pk != "longitude" && pk != "latitude" && pk != "radius_m" &&
                                    !(pk == "name" && pv.is_string())) {
                                    throw ConfigError(at + ": unexpected \"" + pk +
                                                      "\" (keys: name, longitude, latitude, radius_m)");
                                }
                            }
                            double x = number(v[p], "longitude", -180, 180, at);
                            double y = number(v[p], "latitude", -90, 90, at);
                            const double r = number(v[p], "radius_m", 1, 10000, at);
                            if (!to_crs || !to_crs->Transform(1, &x, &y)) {
                                throw ConfigError(at + ": cannot be projected into the working CRS");
                            }
                            rule.discs.push_back({x, y, r});
                        }
                    } else {
                        throw ConfigError(where + ": unexpected \"" + k +
                                          "\" (keys: flag, description, location_is, location_ends_with, "
                                                 "location_contains, type_is, points)");
                    }
                }
                const bool named = !rule.flag.empty() && rule.flag.size() <= 32 &&
                                   std::all_of(rule.flag.begin(), rule.flag.end(), [](unsigned char c) {
                                       return std::islower(c) || std::isdigit(c) || c == '_';
                                   });
                if (!named) {
                    throw ConfigError(where + ": \"flag\" must be a name of 1 to 32 lower-case letters, digits or _");
                }
                if (rule.location_is.empty() && rule.location_ends_with.empty() && rule.location_contains.empty() &&
                    rule.type_is.empty() && rule.discs.empty()) {
                    throw ConfigError(where + " (" + rule.flag +
                                      ") flags nothing: give location_is, location_ends_with, location_contains, "
                                      "type_is or points");
                }
                if (!names.insert(rule.flag).second) {
                    throw ConfigError(where + ": flag \"" + rule.flag + "\" is defined twice");
                }
                // Matched against lower-cased text: lower-case the tests once here.
                for (auto* tests : {&rule.location_is, &rule.location_ends_with, &rule.location_contains}) {
                    for (auto& test : *tests) {
                        test = lower(test);
                    }
                }
                for (auto& test : rule.type_is) {
                    test = lower(trim(test));
                    if (test.empty()) {
                        throw ConfigError(where + ".type_is: an empty type would flag nothing");
                    }
                }
                rules.flags.push_back(std::move(rule));
            }
        } else {
            throw ConfigError(path + ": unexpected \"" + key + "\" (keys: place_types, flags)");
        }
    }
    return rules;
}

}  // namespace hotspot
