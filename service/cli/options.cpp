#include "service/cli/options.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "geo/detail/parallel.hpp"
#include "geo/error.hpp"

namespace hotspot::cli {

CLI::Validator in_range(double lo, double hi) {
    return CLI::Validator(
        [lo, hi](const std::string& text) -> std::string {
            char* end = nullptr;
            const double v = std::strtod(text.c_str(), &end);
            if (end == text.c_str() || *end != '\0' || !std::isfinite(v) || v < lo || v > hi) {
                return "give a number from " + fixed(lo, lo == std::floor(lo) ? 0 : 4) + " to " +
                       fixed(hi, hi == std::floor(hi) ? 0 : 4);
            }
            return {};
        },
        "NUMBER in [" + fixed(lo, 4) + " - " + fixed(hi, 4) + "]");
}

CLI::Validator positive_number(bool or_zero) {
    return CLI::Validator(
        [or_zero](const std::string& text) -> std::string {
            char* end = nullptr;
            const double v = std::strtod(text.c_str(), &end);
            if (end == text.c_str() || *end != '\0' || !std::isfinite(v) || v < 0 || (v == 0 && !or_zero)) {
                return or_zero ? "give a finite number of 0 or more" : "give a finite number above 0";
            }
            return {};
        },
        or_zero ? "NONNEGATIVE" : "POSITIVE");
}

void IncidentOptions::add_to(CLI::App& app, bool inputs_required) {
    auto* in = app.add_option("-i,--incidents", inputs,
                              "Incident inputs: police.uk street-level CSVs (recognised by "
                              "their header), other CSVs (with --mapping, or columns guessed "
                              "from their names), any GDAL point layer (GeoPackage, "
                              "Shapefile, GeoJSON, FlatGeobuf) or a PostGIS table "
                              "(\"PG:dbname=... tables=...\")");
    if (inputs_required) {
        in->required();
    }
    app.add_option("--mapping", mapping_path,
                   "Column mapping for inputs other than police.uk files (JSON; see "
                   "data/mappings/README.md)");
    app.add_option("--crs", crs,
                   "Working CRS, in metres, for assignment and outputs (default EPSG:27700, "
                   "British National Grid)");
    app.add_option("--threads", threads,
                   "Threads for reading and assignment (default and most: all cores)");
    app.add_option("--encoding", encoding,
                   "Text encoding of CSV inputs: utf-8 (default), windows-1252 or latin1; a "
                   "mapping's \"encoding\" key overrides it")
        ->check(encoding_validator());
}

CLI::Validator encoding_validator() {
    return CLI::Validator(
        [](const std::string& e) { return parse_text_encoding(e) ? std::string() : "give utf-8, windows-1252 or latin1"; },
        "ENCODING");
}

TextEncoding IncidentOptions::text_encoding() const {
    return parse_text_encoding(encoding).value_or(TextEncoding::utf8);
}

std::optional<SourceMapping> IncidentOptions::mapping() const {
    if (mapping_path.empty()) {
        return std::nullopt;
    }
    return load_mapping(mapping_path);
}

int IncidentOptions::thread_count() const { return capped_threads(threads); }

void AreaOptions::add_to(CLI::App& app, bool required) {
    auto* a = app.add_option("-a,--areas", path,
                             "Area polygons (any GDAL polygon layer: LSOAs, wards, beats)");
    if (required) {
        a->required();
    }
    app.add_option("--area-layer", layer, "Layer of --areas to use (default: the polygon layer)");
    app.add_option("--area-code-field", code_field,
                   "Field holding the area code (default: guessed from ONS names such as "
                   "LSOA11CD, LSOA21CD, WD13CD, LAD19CD, then code)");
    app.add_option("--area-name-field", name_field,
                   "Field holding the area name (default: the code field's NM partner, then name)");
}

AreaReadOptions AreaOptions::read_options(const OGRSpatialReference& crs) const {
    AreaReadOptions o;
    o.working_crs = crs;
    if (!layer.empty()) {
        o.layer = layer;
    }
    if (!code_field.empty()) {
        o.code_field = code_field;
    }
    if (!name_field.empty()) {
        o.name_field = name_field;
    }
    return o;
}

void PlaceOptions::add_to(CLI::App& app, bool exclude_by_default) {
    app.add_option("--place-rules", rules,
                   "Place types and the flags for institutional places (default: data/places.json)");
    if (exclude_by_default) {
        exclude = true;
        app.add_flag_callback(
            "--include-flagged", [this] { exclude = false; },
            "Keep the incidents at flagged places (airport, police stations, prisons, hospitals), which are "
            "left out by default: crimes recorded where they are found or processed, where a patrol prevents "
            "nothing");
    } else {
        app.add_flag("--exclude-flagged", exclude,
                     "Leave out the incidents at flagged places (airport, police stations, prisons, hospitals): "
                     "crimes recorded where they are found or processed");
    }
}

std::string PlaceOptions::rules_path() const { return rules.empty() ? data_dir() + "/places.json" : rules; }

std::shared_ptr<const PlaceRules> PlaceOptions::exclusion(const OGRSpatialReference& crs) const {
    if (!exclude) {
        return nullptr;
    }
    return std::make_shared<const PlaceRules>(load_place_rules(rules_path(), crs));
}

void FilterOptions::add_to(CLI::App& app) {
    app.add_option("--categories", categories,
                   "Categories to include, by name or short code (comma-separated or "
                   "repeated; default: all)")
        ->delimiter(',');
    app.add_option("--from", from, "First month to include, YYYY-MM (default: the data's first)");
    app.add_option("--to", to, "Last month to include, YYYY-MM (default: the data's last)");
}

Filter FilterOptions::filter() const {
    Filter f;
    f.categories = categories;
    if (!from.empty()) {
        f.from = parse_month(from);
        if (!f.from) {
            throw InputError("--from \"" + from + "\" is not a month (YYYY-MM)");
        }
    }
    if (!to.empty()) {
        f.to = parse_month(to);
        if (!f.to) {
            throw InputError("--to \"" + to + "\" is not a month (YYYY-MM)");
        }
    }
    return f;
}

}  // namespace hotspot::cli
