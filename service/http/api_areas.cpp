// The area endpoints of Api: the catalog, area profiles, the hot spot list and the
// legend of the area maps.

#include <algorithm>
#include <cmath>
#include <numbers>

#include <nlohmann/json.hpp>

#include "geo/aggregate/category_codes.hpp"
#include "geo/calendar.hpp"
#include "geo/utf8.hpp"
#include "geo/repeats/place_tables.hpp"
#include "geo/stats/class_breaks.hpp"
#include "service/http/api.hpp"
#include "service/http/protection.hpp"
#include "tiles/web_mercator.hpp"

namespace hotspot::server {
namespace {

using nlohmann::json;

json to_json(const FieldValue& v) {
    if (const auto* i = std::get_if<int64_t>(&v)) {
        return *i;
    }
    if (const auto* d = std::get_if<double>(&v)) {
        return std::isfinite(*d) ? json(*d) : json();
    }
    if (const auto* s = std::get_if<std::string>(&v)) {
        return *s;
    }
    return nullptr;
}

/// A file's name without its folders: what a response may say of a server-side path.
std::string base_name(const std::string& path) {
    return path.substr(path.rfind('/') + 1);
}

json row_json(const Table& t, size_t row) {
    json j = json::object();
    for (size_t c = 0; c < t.fields.size(); ++c) {
        j[t.fields[c].name] = to_json(t.rows[row][c]);
    }
    return j;
}

json filter_json(const Dictionary& categories, const ResolvedFilter& f, const MapQuery& q) {
    json cats = json::array();
    for (size_t c = 0; c < f.category.size(); ++c) {
        if (f.category[c]) {
            cats.push_back(categories.at(c));
        }
    }
    return json{{"categories", cats}, {"from", f.from.to_string()}, {"to", f.to.to_string()},
                {"value", q.value}, {"window", q.window}, {"knife", q.knife}};
}

}  // namespace

Response Api::catalog(const Snapshot& s, Role role) {
    json layers = json::array();
    for (const auto& l : s.layers()) {
        const std::shared_ptr<const AreaStats> st =
            stats(s, *l, MapQuery{}, role);
        json fields = json::array();
        for (const FieldSpec& f : st->table.fields) {
            fields.push_back({{"name", f.name}, {"description", f.description}});
        }
        layers.push_back({{"id", l->id},
                          {"title", l->title},
                          {"areas", l->areas->size()},
                          {"tilejson", "/tiles/" + l->id + ".json"},
                          {"weights", l->weights.description},
                          {"islands", l->weights.islands().size()},
                          {"fields", fields}});
    }
    const CountsCube& cube = s.layers().front()->cube;
    const std::vector<std::string> codes = category_codes(cube.categories());
    json engagement = nullptr;
    if (const AreaLayer& small = *s.layers().front(); !small.engagement_classes.empty()) {
        json classes = json::array();
        for (const auto& c : small.engagement_classes) {
            classes.push_back({{"code", c.code}, {"name", c.name}, {"areas", c.areas},
                               {"engagement", c.rich ? "rich" : "poor"}, {"portrait", c.portrait}});
        }
        engagement = {{"layer", small.id},
                      {"classes", classes},
                      {"synthetic", small.engagement_synthetic},
                      {"rule", "rich when the mean z-score of belonging, satisfaction, participation "
                               "and minus fear is at least 0 (the mean of all areas), else poor"}};
    }
    json categories = json::array();
    const CellCounts cells = counts(s, *s.layers().front(), role);
    for (size_t c = 0; c < cube.categories().size(); ++c) {
        const int64_t n = cells.total_one(c, cube.first_month(), cube.last_month());
        categories.push_back({{"name", cube.categories().at(c)}, {"code", codes[c]}, {"count", n}});
    }
    json knife_categories = json::array();
    for (const auto& c : s.knife().categories) {
        knife_categories.push_back(c);
    }
    return json_response(
        200,
        json{{"version", s.version()},
             {"layers", layers},
             {"density", {{"tilejson", "/tiles/density.json"},
                          {"legend", "/api/density"},
                          {"bandwidth_metres", 300},
                          {"units", "incidents (or harm) per km2"}}},
             {"categories", categories},
             {"engagement", engagement},
             {"knife", {{"name", s.knife().name},
                        {"categories", knife_categories},
                        {"include_marked", s.knife().include_marked},
                        {"note", "police.uk has no knife marker: knife crime there is the "
                                 "categories listed, which miss knife robberies and assaults"}}},
             {"months", {{"first", cube.first_month().to_string()}, {"last", cube.last_month().to_string()}}},
             {"values", {"count", "rate", "harm"}},
             {"statistics", {{{"id", "gi"}, {"name", "Getis-Ord Gi*"}, {"fields", {"gi_z", "gi_p", "gi_bin", "gi_class"}}},
                             {{"id", "lisa"}, {"name", "Local Moran's I"}, {"fields", {"lisa_i", "lisa_p", "lisa_quadrant", "lisa_clust"}}},
                             {{"id", "change"}, {"name", "Change against the previous window"}, {"fields", {"cur", "prev", "change", "change_pct", "change_p", "change_sig"}}},
                             {{"id", "density"}, {"name", "Kernel density"}, {"fields", json::array()}}}},
             {"exports", {"csv", "geojson", "gpkg", "shp.zip"}},
             {"nearrepeat", s.nearrepeat_zones() != nullptr && role != Role::public_user
                                ? json{{"zones", "/api/nearrepeat/zones"},
                                       {"count", s.nearrepeat_zones()->zones.size()},
                                       {"today", s.nearrepeat_zones()->today
                                                     ? json(format_day(*s.nearrepeat_zones()->today))
                                                     : json()}}
                                : json()},
             // Places locate incidents: only analysts are told of them.
             {"places", s.places() != nullptr && role != Role::public_user
                            ? json{{"tilejson", "/tiles/places.json"},
                                   {"list", "/api/places"},
                                   {"export", "/export/places.csv"},
                                   {"flag_rules", base_name(s.place_rules().source)}}
                            : json()},
             {"suppress_below", role == Role::public_user ? m_config.suppress_below : 0},
             {"role", role == Role::public_user ? "public" : role == Role::analyst ? "analyst" : "admin"},
             {"view", view_name(role == Role::public_user)},
             {"protection", protection_json(m_config.suppress_below, s.query_space())},
             {"basemap_style", m_config.basemap_style},
             {"bounds", s.layers().front()->tiles->bounds()},
             {"attribution", "Contains public sector information licensed under the Open Government "
                             "Licence v3.0. police.uk locations are approximate."}},
        "/api/catalog");
}

Response Api::area_profile(const Snapshot& s, const AreaLayer& layer, const std::string& code,
                           const MapQuery& q, Role role) {
    const std::string route = "/api/areas/{layer}/{code}";
    const std::optional<uint32_t> found = layer.areas->find(code);
    if (!found) {
        return error_response(404, "no area " + code + " in " + layer.id, route);
    }
    const uint32_t a = *found;
    const std::shared_ptr<const AreaStats> st = stats(s, layer, q, role);
    const CountsCube& cube = layer.cube;
    const CellCounts cells = counts(s, layer, role);  // each number below is one published cell
    const ResolvedFilter& f = st->filter;
    const int hide_below = role == Role::public_user ? m_config.suppress_below : 0;
    auto shown = [&](int64_t n) { return n > 0 && n < hide_below ? json() : json(n); };
    json months = json::array();
    json total = json::array();
    json by_category = json::object();
    std::vector<std::pair<int64_t, std::string>> top;
    for (Month m = f.from; m <= f.to; m = m + 1) {
        months.push_back(m.to_string());
        total.push_back(shown(cells.sum(a, f.category, m, m)));
    }
    for (size_t c = 0; c < f.category.size(); ++c) {
        if (!f.category[c]) {
            continue;
        }
        json series = json::array();
        for (Month m = f.from; m <= f.to; m = m + 1) {
            series.push_back(shown(cells.sum_one(a, c, m, m)));
        }
        if (const int64_t sum = cells.sum_one(a, c, f.from, f.to); sum > 0) {
            by_category[cube.categories().at(c)] = series;
            top.emplace_back(sum, cube.categories().at(c));
        }
    }
    std::sort(top.begin(), top.end(), [](const auto& l, const auto& r) {
        return l.first != r.first ? l.first > r.first : l.second < r.second;
    });
    json top_json = json::array();
    for (size_t i = 0; i < top.size() && i < 5; ++i) {
        top_json.push_back({{"category", top[i].second}, {"count", shown(top[i].first)}});
    }
    json notes = json::array();
    for (const auto& n : st->table.notes) {
        notes.push_back(n);
    }
    // For analysts, the places in the area with most incidents (a place locates
    // incidents, so the public view has none).
    json top_places = json();
    json top_streets = json();
    if (const PlaceCounts* pc = s.places(); pc != nullptr && role != Role::public_user) {
        const bool ward = &layer != s.layers().front().get();
        const std::vector<uint32_t>& where = ward ? s.place_ward() : s.place_lsoa();
        PlaceQuery pq;
        const ResolvedFilter pf = resolve_query(s, pc->categories, pc->first, pc->last, q);
        pq.category = pf.category;
        pq.from = pf.from;
        pq.to = pf.to;
        pq.window_months = 0;
        if (s.harm().size() > 0) {
            pq.harm_of_category = s.harm().by_category(pc->categories);
        }
        pq.keep_point = [&](size_t k) { return k < where.size() && where[k] == a; };
        const PlaceSet set = build_places(*pc, pq, s.place_rules());
        top_places = json::array();
        for (size_t k = 0; k < set.places.size() && k < 5; ++k) {
            const Place& p = set.places[k];
            top_places.push_back({{"location", p.location},
                                  {"street", p.street},
                                  {"flag", p.flag},
                                  {"count", p.count},
                                  {"harm", p.harm},
                                  {"share", set.incidents > 0 ? static_cast<double>(p.count) /
                                                                    static_cast<double>(set.incidents)
                                                              : 0.0}});
        }
        // A ward's streets (streets are ranked within wards; an LSOA has none of its own).
        if (ward) {
            top_streets = json::array();
            for (size_t k = 0; k < set.streets.size() && k < 5; ++k) {
                const Street& street = set.streets[k];
                top_streets.push_back({{"street", street.name},
                                       {"places", street.places},
                                       {"count", street.count},
                                       {"harm", street.harm},
                                       {"share", set.incidents > 0 ? static_cast<double>(street.count) /
                                                                         static_cast<double>(set.incidents)
                                                                   : 0.0}});
            }
        }
    }
    json body{{"layer", layer.id},
              {"area_code", layer.areas->code(a)},
              {"area_name", layer.areas->name(a)},
              {"feature_id", a + 1},
              {"bbox", layer.tiles->bounds(a)},
              {"areas_in_layer", layer.areas->size()},
              {"version", s.version()},
              {"filter", filter_json(cube.categories(), f, q)},
              {"value_analysed", st->value_label},
              {"summary", row_json(st->table, a)},
              {"months", months},
              {"monthly_total", total},
              {"monthly_by_category", by_category},
              {"top_categories", top_json},
              {"suppress_below", hide_below},
              {"view", view_name(role == Role::public_user)},
              {"notes", notes}};
    if (!top_places.is_null()) {
        body["top_places"] = std::move(top_places);
    }
    if (!top_streets.is_null()) {
        body["top_streets"] = std::move(top_streets);
    }
    return json_response(200, body, route);
}

Response Api::hotspot_list(const Snapshot& s, const Params& params, Role role) {
    const std::string route = "/api/hotspots";
    const auto lit = params.find("layer");
    const std::string id = lit == params.end() || lit->second.empty() ? "lsoa" : lit->second;
    const AreaLayer* layer = s.layer(id);
    if (layer == nullptr) {
        return error_response(400, "layer=" + id + ": no such area set", route);
    }
    size_t limit = 50;
    if (const auto it = params.find("limit"); it != params.end() && !it->second.empty()) {
        char* end = nullptr;
        const long v = std::strtol(it->second.c_str(), &end, 10);
        if (*end != '\0' || v < 1 || v > 100000) {
            return error_response(400, "limit=" + it->second + ": give a number from 1 to 100000", route);
        }
        limit = static_cast<size_t>(v);
    }
    const MapQuery q = parse_map_query(params);
    const std::shared_ptr<const AreaStats> st = stats(s, *layer, q, role);
    const auto z = st->column("gi_z");
    std::vector<size_t> order;
    for (size_t i = 0; i < st->table.rows.size(); ++i) {
        if (z && std::holds_alternative<double>(st->table.rows[i][*z])) {
            order.push_back(i);
        }
    }
    std::sort(order.begin(), order.end(), [&](size_t l, size_t r) {
        const double zl = std::get<double>(st->table.rows[l][*z]);
        const double zr = std::get<double>(st->table.rows[r][*z]);
        return zl != zr ? zl > zr : l < r;
    });
    json list = json::array();
    const std::vector<std::string> keep{"area_code", "area_name", "count", "rate_1k", "harm", "rank",
                                        "gi_z", "gi_p", "gi_bin", "gi_class", "lisa_clust", "change_sig"};
    for (size_t k = 0; k < order.size() && k < limit; ++k) {
        json item = json::object();
        item["position"] = k + 1;
        for (const auto& name : keep) {
            if (const auto c = st->column(name)) {
                item[name] = to_json(st->table.rows[order[k]][*c]);
            }
        }
        list.push_back(item);
    }
    json notes = json::array();
    for (const auto& n : st->table.notes) {
        notes.push_back(n);
    }
    return json_response(200,
                         json{{"layer", layer->id},
                              {"version", s.version()},
                              {"filter", filter_json(layer->cube.categories(), st->filter, q)},
                              {"value_analysed", st->value_label},
                              {"order", "Gi* z-score, highest first"},
                              {"view", view_name(role == Role::public_user)},
                              {"areas", list},
                              {"notes", notes}},
                         route);
}


Response Api::legend(const Snapshot& s, const AreaLayer& layer, const Params& params, Role role) {
    const std::string route = "/api/legend/{layer}";
    const auto fit = params.find("field");
    const std::string field = fit == params.end() || fit->second.empty() ? "count" : fit->second;
    static const std::vector<std::string> kFields{"count", "rate_1k", "harm", "cur", "prev", "change",
                                                  "change_pct", "gi_z"};
    if (std::find(kFields.begin(), kFields.end(), field) == kFields.end()) {
        return error_response(400, "field=" + field + ": give count, rate_1k, harm, cur, prev, change, "
                                   "change_pct or gi_z", route);
    }
    const std::shared_ptr<const AreaStats> st = stats(s, layer, parse_map_query(params), role);
    const auto c = st->column(field);
    const auto hidden = st->column("suppressed");
    std::vector<double> v;
    int64_t suppressed = 0;
    int64_t empty = 0;
    for (const auto& row : st->table.rows) {
        if (const auto* i = c ? std::get_if<int64_t>(&row[*c]) : nullptr) {
            v.push_back(static_cast<double>(*i));
        } else if (const auto* d = c ? std::get_if<double>(&row[*c]) : nullptr; d != nullptr && std::isfinite(*d)) {
            v.push_back(*d);
        } else if (hidden && std::holds_alternative<int64_t>(row[*hidden]) && std::get<int64_t>(row[*hidden]) != 0) {
            ++suppressed;  // hidden from the public: a small count
        } else {
            ++empty;  // no value: no residents for a rate, no previous window for a percentage
        }
    }
    const bool whole = field == "count" || field == "cur" || field == "prev" || field == "change";
    const bool diverging = field == "change" || field == "change_pct" || field == "gi_z";
    const size_t areas = v.size();
    const hotspot::stats::ClassBreaks classes = hotspot::stats::class_breaks(std::move(v), whole, diverging);
    json out{{"layer", layer.id},
             {"field", field},
             {"whole_numbers", whole},
             {"method", classes.method},
             {"breaks", classes.breaks},
             {"min", areas == 0 ? json() : json(classes.min)},
             {"max", areas == 0 ? json() : json(classes.max)},
             {"areas", areas},
             {"suppressed", suppressed},
             {"empty", empty},
             {"view", view_name(role == Role::public_user)},
             {"value_analysed", st->value_label}};
    return json_response(200, out, route);
}

}  // namespace hotspot::server

namespace hotspot::server {

std::shared_ptr<const Api::PlaceResult> Api::place_result(const Snapshot& s, const MapQuery& q) {
    const PlaceCounts* counts = s.places();
    if (counts == nullptr) {
        throw std::logic_error("place_result without places");
    }
    const std::string key = s.version() + "|" + q.key();
    if (auto hit = m_places.get(key)) {
        return hit;
    }
    before_work();
    auto out = std::make_shared<PlaceResult>();
    out->filter = resolve_query(s, counts->categories, counts->first, counts->last, q);
    PlaceQuery pq;
    pq.category = out->filter.category;
    pq.from = out->filter.from;
    pq.to = out->filter.to;
    pq.window_months = q.window;
    if (s.harm().size() > 0) {
        pq.harm_of_category = s.harm().by_category(counts->categories);
    }
    pq.area_of_point = &s.place_lsoa();
    pq.ward_of_point = &s.place_ward();
    const PlaceSet set = build_places(*counts, pq, s.place_rules());
    const AreaSet* wards = s.layers().size() > 1 ? s.layers()[1]->areas.get() : nullptr;
    out->table = places_table(set, *s.layers().front()->areas, wards, counts->categories, s.crs());
    out->streets = streets_table(set, wards);
    out->what_a_place_is = what_a_place_is(*counts);
    const size_t lon = out->table.field_index("longitude");
    const size_t lat = out->table.field_index("latitude");
    out->mx.resize(out->table.rows.size());
    out->my.resize(out->table.rows.size());
    for (size_t r = 0; r < out->table.rows.size(); ++r) {
        tiles::lonlat_to_mercator(std::get<double>(out->table.rows[r][lon]), std::get<double>(out->table.rows[r][lat]),
                                  out->mx[r], out->my[r]);
    }
    m_places.put(key, out, approx_bytes(out->table) + approx_bytes(out->streets) + 16 * out->mx.size());
    return out;
}

Response Api::place_list(const Snapshot& s, const Params& params, Role role) {
    const std::string route = "/api/places";
    if (role == Role::public_user) {
        return error_response(403, "places locate incidents (police.uk's snap points): they need an analyst token",
                              route);
    }
    const PlaceCounts* counts = s.places();
    if (counts == nullptr) {
        return error_response(404, "this server's data are not counted by place", route);
    }
    const auto lit = params.find("layer");
    const std::string id = lit == params.end() || lit->second.empty() ? "lsoa" : lit->second;
    const AreaLayer* layer = s.layer(id);
    if (layer == nullptr) {
        return error_response(400, "layer=" + std::string(utf8_prefix(id, 32)) + ": no such area set", route);
    }
    const bool by_ward = layer != s.layers().front().get();
    std::string area;
    if (const auto it = params.find("area"); it != params.end() && !it->second.empty()) {
        area = it->second;
        if (!layer->areas->find(area)) {
            return error_response(404, "area=" + std::string(utf8_prefix(area, 64)) + ": no such area in layer " + id, route);
        }
    }
    size_t limit = 50;
    if (const auto it = params.find("limit"); it != params.end() && !it->second.empty()) {
        char* end = nullptr;
        const long v = std::strtol(it->second.c_str(), &end, 10);
        if (*end != '\0' || v < 1 || v > 10000) {
            return error_response(400, "limit=" + std::string(utf8_prefix(it->second, 32)) + ": give a number from 1 to 10000", route);
        }
        limit = static_cast<size_t>(v);
    }
    const MapQuery q = parse_map_query(params);
    const std::shared_ptr<const PlaceResult> result = place_result(s, q);
    const Table& t = result->table;
    const ResolvedFilter& f = result->filter;
    const size_t code_i = t.field_index(by_ward ? "ward_code" : "area_code");
    const size_t count_i = t.field_index("count");
    const size_t harm_i = t.field_index("harm");
    const size_t flag_i = t.field_index("flag");
    json list = json::array();
    int64_t places = 0;
    int64_t incidents = 0;
    int64_t flagged = 0;
    double harm = 0;
    std::vector<int64_t> counts_most_first;
    for (size_t r = 0; r < t.rows.size(); ++r) {
        const auto& row = t.rows[r];
        if (!area.empty() && to_json(row[code_i]) != area) {
            continue;
        }
        const int64_t n = std::get<int64_t>(row[count_i]);
        counts_most_first.push_back(n);
        ++places;
        incidents += n;
        harm += std::get<double>(row[harm_i]);
        flagged += std::get<std::string>(row[flag_i]).empty() ? 0 : n;
        if (list.size() < limit) {
            json item = row_json(t, r);
            item["position"] = list.size() + 1;
            list.push_back(std::move(item));
        }
    }
    // A ward's streets, most incidents first (streets are ranked within wards).
    json streets = json();
    if (by_ward && !area.empty()) {
        streets = json::array();
        const Table& st = result->streets;
        const size_t ward_i = st.field_index("ward_code");
        for (size_t r = 0; r < st.rows.size() && streets.size() < 10; ++r) {
            if (to_json(st.rows[r][ward_i]) == area) {
                streets.push_back(row_json(st, r));
            }
        }
    }
    json notes = json::array();
    for (const auto& n : t.notes) {
        notes.push_back(n);
    }
    notes.push_back(result->what_a_place_is);
    if (const PlaceRules* rules = s.excluded_by()) {
        notes.push_back(std::to_string(s.excluded()) + " incidents at flagged places are left out of this "
                        "server's data (" + base_name(rules->source) + ")");
    }
    return json_response(200,
                         json{{"layer", layer->id},
                              {"area", area.empty() ? json() : json(area)},
                              {"version", s.version()},
                              {"filter", filter_json(counts->categories, f, q)},
                              {"view", view_name(false)},
                              {"order", "incidents, most first"},
                              {"total", {{"places", places},
                                         {"incidents", incidents},
                                         {"harm", harm},
                                         {"flagged_incidents", flagged},
                                         {"flagged_share", incidents > 0 ? static_cast<double>(flagged) /
                                                                               static_cast<double>(incidents)
                                                                         : 0.0}}},
                              {"concentration",
                               {{"top_1_percent_share", share_of_top(counts_most_first, 0.01)},
                                {"top_5_percent_share", share_of_top(counts_most_first, 0.05)},
                                {"top_10_percent_share", share_of_top(counts_most_first, 0.10)},
                                {"places_holding_half", places_holding(counts_most_first, 0.5)}}},
                              {"places", list},
                              {"streets", streets},
                              {"notes", notes}},
                         route);
}

Response Api::zone_list(const Snapshot& s, Role role) {
    const std::string route = "/api/nearrepeat/zones";
    if (role == Role::public_user) {
        return error_response(403, "near-repeat zones are drawn around incidents: they need an analyst token", route);
    }
    const NearRepeatZones* zones = s.nearrepeat_zones();
    if (zones == nullptr) {
        return error_response(404, "this server has no near-repeat zones (hotspot serve --zones, with the zones file "
                                   "of hotspot nearrepeat)", route);
    }
    return cached(s.version() + "|zones", route, [&] {
        // Each zone a circle of 32 sides, on the sphere's local scale: within 0.1 % for
        // any radius the test finds (up to a few kilometres).
        constexpr int kSides = 32;
        constexpr double kMetresPerDegree = 111'320.0;
        json features = json::array();
        for (const NearRepeatZone& z : zones->zones) {
            json ring = json::array();
            const double dlat = z.radius_m / kMetresPerDegree;
            const double dlon = dlat / std::cos(z.latitude * std::numbers::pi / 180);
            for (int i = 0; i <= kSides; ++i) {
                const double a = 2 * std::numbers::pi * (i % kSides) / kSides;
                ring.push_back({z.longitude + dlon * std::cos(a), z.latitude + dlat * std::sin(a)});
            }
            features.push_back({{"type", "Feature"},
                                {"geometry", {{"type", "Polygon"}, {"coordinates", json::array({ring})}}},
                                {"properties", {{"date", format_day(z.day)},
                                                {"until", format_day(z.until)},
                                                {"days_left", z.days_left},
                                                {"radius_m", z.radius_m},
                                                {"longitude", z.longitude},
                                                {"latitude", z.latitude},
                                                {"event_line", z.event_line}}}});
        }
        return json_response(200,
                             json{{"type", "FeatureCollection"},
                                  {"source", base_name(zones->source)},
                                  {"today", zones->today ? json(format_day(*zones->today)) : json()},
                                  {"zones", zones->zones.size()},
                                  {"rejected", zones->rejects.total()},
                                  {"view", view_name(false)},
                                  {"note", "zones of raised risk around recent events, as hotspot nearrepeat found "
                                           "them: within radius_m of each event until the day 'until'"},
                                  {"features", std::move(features)}},
                             route);
    });
}

}  // namespace hotspot::server
