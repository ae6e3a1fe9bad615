#include "geo/io/source_mapping.hpp"

#include <set>

#include <nlohmann/json.hpp>

#include "geo/error.hpp"
#include "geo/io/json_file.hpp"
#include "geo/io/police_uk.hpp"
#include "geo/utf8.hpp"

namespace hotspot {
namespace {

const std::set<std::string, std::less<>> kKeys{
    "layer", "x", "y", "crs", "month", "date", "date_order", "category", "category_fixed",
    "category_values", "id", "location", "outcome", "area", "delimiter", "knife", "encoding",
    "place", "street", "place_type"};

std::optional<std::string> optional_string(const nlohmann::json& j, const char* key,
                                           const std::string& path) {
    if (!j.contains(key)) {
        return std::nullopt;
    }
    const auto& v = j.at(key);
    if (!v.is_string() || v.get<std::string>().empty()) {
        throw ConfigError(path + ": \"" + key + "\" must be a non-empty string");
    }
    return v.get<std::string>();
}

/// The first column whose normalised name is in `names` (in the order of `names`).
std::optional<std::string> find_column(const std::vector<std::string>& columns,
                                       std::initializer_list<std::string_view> names) {
    std::vector<std::string> normalised;
    normalised.reserve(columns.size());
    for (const auto& c : columns) {
        normalised.push_back(police_uk::normalise_header(c));
    }
    for (const auto name : names) {
        for (size_t i = 0; i < columns.size(); ++i) {
            if (normalised[i] == name) {
                return columns[i];
            }
        }
    }
    return std::nullopt;
}

void guess_coordinates(const std::vector<std::string>& columns, SourceMapping& m,
                       std::vector<std::string>& missing) {
    m.x = find_column(columns, {"longitude", "lon", "lng", "long"});
    m.y = find_column(columns, {"latitude", "lat"});
    if (m.x && m.y) {
        m.crs = "EPSG:4326";
        return;
    }
    m.x = find_column(columns, {"easting", "x", "x_coordinate"});
    m.y = find_column(columns, {"northing", "y", "y_coordinate"});
    if (m.x && m.y) {
        m.crs = "EPSG:27700";
        return;
    }
    m.x.reset();
    m.y.reset();
    missing.emplace_back("x/y, easting/northing or longitude/latitude");
}

}  // namespace

std::string SourceMapping::describe() const {
    std::string out;
    auto add = [&](const char* key, const std::optional<std::string>& v) {
        if (v) {
            out += out.empty() ? "" : ", ";
            out += key;
            out += '=';
            out += *v;
        }
    };
    add("layer", layer);
    add("x", x);
    add("y", y);
    add("crs", crs);
    add("month", month);
    add("date", date);
    add("category", category);
    add("category_fixed", category_fixed);
    add("place", place);
    add("street", street);
    add("place_type", place_type);
    return out;
}

SourceMapping load_mapping(const std::string& path) {
    const nlohmann::json j = read_json_file(path, "cannot open the column mapping");
    if (!j.is_object()) {
        throw ConfigError(path + ": a column mapping must be a JSON object");
    }
    for (const auto& [key, value] : j.items()) {
        if (!kKeys.contains(key)) {
            throw ConfigError(path + ": unknown key \"" + key +
                              "\" (see data/mappings/README.md for the keys)");
        }
    }
    SourceMapping m;
    m.layer = optional_string(j, "layer", path);
    m.x = optional_string(j, "x", path);
    m.y = optional_string(j, "y", path);
    m.crs = optional_string(j, "crs", path);
    m.month = optional_string(j, "month", path);
    m.date = optional_string(j, "date", path);
    m.category = optional_string(j, "category", path);
    m.category_fixed = optional_string(j, "category_fixed", path);
    m.id = optional_string(j, "id", path);
    m.location = optional_string(j, "location", path);
    m.place = optional_string(j, "place", path);
    m.street = optional_string(j, "street", path);
    m.place_type = optional_string(j, "place_type", path);
    m.outcome = optional_string(j, "outcome", path);
    m.area = optional_string(j, "area", path);
    if (const auto order = optional_string(j, "date_order", path)) {
        if (*order == "dmy") {
            m.date_order = DateOrder::day_month_year;
        } else if (*order == "mdy") {
            m.date_order = DateOrder::month_day_year;
        } else {
            throw ConfigError(path + ": \"date_order\" must be \"dmy\" or \"mdy\"");
        }
    }
    if (const auto e = optional_string(j, "encoding", path)) {
        const auto encoding = parse_text_encoding(*e);
        if (!encoding) {
            throw ConfigError(path + ": \"encoding\" must be \"utf-8\", \"windows-1252\" or \"latin1\"");
        }
        m.encoding = *encoding;
    }
    if (const auto d = optional_string(j, "delimiter", path)) {
        if (d->size() != 1 || (*d)[0] == '"' || (*d)[0] == '\n' || (*d)[0] == '\r') {
            throw ConfigError(path + ": \"delimiter\" must be one character other than a "
                                     "quote or a line break");
        }
        m.delimiter = (*d)[0];
    }
    if (j.contains("category_values")) {
        const auto& cv = j.at("category_values");
        if (!cv.is_object()) {
            throw ConfigError(path + ": \"category_values\" must map source values to "
                                     "categories");
        }
        for (const auto& [from, to] : cv.items()) {
            if (!to.is_string()) {
                throw ConfigError(path + ": \"category_values\": \"" + from +
                                  "\" must map to a string");
            }
            m.category_values[from] = to.get<std::string>();
        }
    }
    if (j.contains("knife")) {
        const auto& k = j.at("knife");
        if (!k.is_object() || !k.contains("column") || !k.at("column").is_string() ||
            !k.contains("values") || !k.at("values").is_array() || k.at("values").empty()) {
            throw ConfigError(path + ": \"knife\" must be {\"column\": \"...\", \"values\": [\"...\"]}");
        }
        m.knife_column = k.at("column").get<std::string>();
        for (const auto& v : k.at("values")) {
            if (!v.is_string()) {
                throw ConfigError(path + ": \"knife\" values must be strings");
            }
            m.knife_values.push_back(v.get<std::string>());
        }
    }
    if (m.x.has_value() != m.y.has_value()) {
        throw ConfigError(path + ": give both \"x\" and \"y\", or neither (to use the "
                                 "layer's geometry)");
    }
    if (m.month && m.date) {
        throw ConfigError(path + ": give \"month\" or \"date\", not both");
    }
    if (!m.month && !m.date) {
        throw ConfigError(path + ": give \"month\" (YYYY-MM) or \"date\" (a date or date "
                                 "and time column)");
    }
    if (m.category.has_value() == m.category_fixed.has_value()) {
        throw ConfigError(path + ": give exactly one of \"category\" (a column) or "
                                 "\"category_fixed\" (one category for every row)");
    }
    return m;
}

std::optional<SourceMapping> guess_mapping(const std::vector<std::string>& columns,
                                           bool need_coordinates,
                                           std::vector<std::string>& missing) {
    SourceMapping m;
    if (need_coordinates) {
        guess_coordinates(columns, m, missing);
    }
    m.month = find_column(columns, {"month"});
    if (!m.month) {
        m.date = find_column(columns, {"date", "datetime", "date_time", "occurred",
                                       "occurred_date", "date_occurred", "reported_date"});
    }
    if (!m.month && !m.date) {
        missing.emplace_back("month or date");
    }
    m.category = find_column(columns, {"crime_type", "category", "offence", "offence_type",
                                       "crime_category", "type"});
    if (!m.category) {
        missing.emplace_back("category (crime_type, category, offence or type)");
    }
    m.id = find_column(columns, {"crime_id", "id", "crime_reference", "reference"});
    m.location = find_column(columns, {"location"});
    m.area = find_column(columns, {"lsoa_code"});
    if (!missing.empty()) {
        return std::nullopt;
    }
    return m;
}

}  // namespace hotspot
