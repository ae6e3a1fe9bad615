// The data endpoints of Api: the catalog, area profiles, the hot spot list, downloads
// and the static files of the map page.

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "api.hpp"
#include "geo/category_codes.hpp"
#include "geo/detail/geos.hpp"
#include "geo/error.hpp"
#include "geo/io/layer_writer.hpp"

namespace hotspot::server {


namespace {

using nlohmann::json;
namespace fs = std::filesystem;

std::vector<std::string> split_segments(const std::string& path) {
    std::vector<std::string> out;
    std::stringstream in(path);
    std::string part;
    while (std::getline(in, part, '/')) {
        out.push_back(part);
    }
    return out;
}

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

/// "public" (protected counts) or "analyst" (true counts).
const char* view_name(bool is_public) { return is_public ? "public" : "analyst"; }

/// Noise of the cell key method's table goes from -kReach to +kReach.
constexpr int kReach = static_cast<int>(disclosure::kPerturbation.size() / 2);

/// How the public view protects its counts, in the one sentence of the legend and of
/// the public's downloads.
std::string protection_sentence(int suppress_below) {
    return "Public counts are moved by up to " + std::to_string(kReach) +
           " at random, the same way every time, and counts below " + std::to_string(suppress_below) +
           " are shown as \"fewer than " + std::to_string(suppress_below) +
           "\", so that no one can work out a small number of crimes at a place; "
           "totals and rates may differ slightly from the police's own figures.";
}

/// How the public view protects its counts, for the catalog.
json protection_json(int suppress_below, const QuerySpace& space) {
    json table = json::array();
    for (size_t i = 0; i < disclosure::kPerturbation.size(); ++i) {
        table.push_back({{"change", static_cast<int>(i) - kReach}, {"probability", disclosure::kPerturbation[i]}});
    }
    json periods = json::array();
    for (const PublicPeriod& p : space.periods()) {
        periods.push_back({{"from", p.from.to_string()}, {"to", p.to.to_string()}, {"kind", p.kind}, {"label", p.label}});
    }
    return {{"method", "cell key perturbation (as the ONS and the ABS use), then a threshold"},
            {"perturbation", table},
            {"threshold", suppress_below},
            {"filters", {{"rule", QuerySpace::rule()}, {"periods", periods}}},
            {"sentence", protection_sentence(suppress_below)}};
}

/// A temporary directory, removed with everything in it.
class TempDir {
  public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "hotspot-export-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) {
            throw OutputError("cannot make a temporary directory for the download");
        }
        m_path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const fs::path& path() const { return m_path; }

  private:
    fs::path m_path;
};

std::string content_type_of(const std::string& name) {
    static const std::vector<std::pair<std::string, std::string>> kTypes{
        {".html", "text/html; charset=utf-8"}, {".js", "text/javascript"},
        {".mjs", "text/javascript"},           {".css", "text/css"},
        {".json", "application/json"},         {".png", "image/png"},
        {".svg", "image/svg+xml"},             {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},              {".pbf", "application/x-protobuf"},
        {".txt", "text/plain; charset=utf-8"}, {".map", "application/json"}};
    for (const auto& [ext, type] : kTypes) {
        if (name.size() >= ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0) {
            return type;
        }
    }
    return "application/octet-stream";
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
    return json_response(200,
                         json{{"layer", layer.id},
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
                              {"notes", notes}},
                         route);
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
    std::sort(v.begin(), v.end());
    const bool whole = field == "count" || field == "cur" || field == "prev" || field == "change";
    // The q-quantile by linear interpolation between order statistics (R's type 7).
    auto quantile = [](const std::vector<double>& x, double q) {
        const double h = (static_cast<double>(x.size()) - 1) * q;
        const auto lo = static_cast<size_t>(std::floor(h));
        const size_t hi = std::min(lo + 1, x.size() - 1);
        return x[lo] + (h - static_cast<double>(lo)) * (x[hi] - x[lo]);
    };
    std::vector<double> breaks;
    std::string method;
    auto add_break = [&](double b) {
        if (whole) {
            b = std::ceil(b);  // classes of whole numbers start at a whole number
        }
        if (b > v.front() && b <= v.back() && (breaks.empty() || b > breaks.back())) {
            breaks.push_back(b);
        }
    };
    if (!v.empty() && (field == "change" || field == "change_pct" || field == "gi_z")) {
        // Diverging around zero: falls, no change, rises, and the largest quarter of each.
        std::vector<double> size;
        for (const double x : v) {
            if (x != 0) {
                size.push_back(std::abs(x));
            }
        }
        std::sort(size.begin(), size.end());
        double big = size.empty() ? 0 : size[(size.size() * 3) / 4];
        if (whole) {
            // Classes: fell by big or more, fell by less, no change, rose by less, rose
            // by big or more (a class starts at its break).
            big = std::max(2.0, std::ceil(big));
            breaks = {1 - big, 0, 1, big};
        } else {
            big = std::max(big, 1e-6);
            breaks = {-big, -1e-9, 1e-9, big};
        }
        method = "diverging: falls and rises, split at the 75th percentile of their size";
    } else if (!v.empty()) {
        const auto zeros = static_cast<size_t>(std::count(v.begin(), v.end(), 0.0));
        const std::vector<double> positive(v.begin() + static_cast<std::ptrdiff_t>(zeros), v.end());
        if (v.front() == 0 && zeros * 5 >= v.size() && !positive.empty()) {
            // Sparse crime (knife crime in a month): none is a class of its own.
            add_break(positive.front());
            for (const double q : {0.25, 0.5, 0.75}) {
                add_break(quantile(positive, q));
            }
            method = "none, then quartiles of the areas with any";
        } else {
            for (const double q : {0.2, 0.4, 0.6, 0.8}) {
                add_break(quantile(v, q));
            }
            method = "quintiles: each class holds about a fifth of the areas";
        }
    }
    json out{{"layer", layer.id},
             {"field", field},
             {"whole_numbers", whole},
             {"method", method},
             {"breaks", breaks},
             {"min", v.empty() ? json() : json(v.front())},
             {"max", v.empty() ? json() : json(v.back())},
             {"areas", v.size()},
             {"suppressed", suppressed},
             {"empty", empty},
             {"view", view_name(role == Role::public_user)},
             {"value_analysed", st->value_label}};
    return json_response(200, out, route);
}

namespace {

/// A result from `cache` under `key`, or made by `make` and kept within the cache's
/// budget. Input the data cannot serve (no place fits the hours, too few months) is the
/// client's error.
template <typename T, typename Make, typename Bytes>
std::shared_ptr<const T> remembered(ResultCache<T>& cache, const std::string& key, const Make& make,
                                    const Bytes& bytes) {
    if (auto hit = cache.get(key)) {
        return hit;
    }
    Api::before_work();
    std::shared_ptr<const T> made;
    try {
        made = make();
    } catch (const QueryRefused&) {
        throw;  // 403, not 400
    } catch (const InputError& e) {
        throw BadRequest(e.what());
    }
    cache.put(key, made, bytes(*made));
    return made;
}

}  // namespace

std::shared_ptr<const PatrolResult> Api::patrol_plan(const Snapshot& s, const Params& params, Role role) {
    const PatrolRequest request = PatrolRequest::from_params(params);
    const bool protect = role == Role::public_user;
    return remembered<PatrolResult>(
        m_patrols, s.version() + "|" + request.key() + (protect ? "|p" : "|a"),
        [&] { return plan_patrol(s, request, protect ? std::optional<int>(m_config.suppress_below) : std::nullopt); },
        [](const PatrolResult& r) {
            // Tables, plus each place's disc (about 64 vertices of 16 bytes).
            return sizeof(PatrolResult) + approx_bytes(r.table) + approx_bytes(r.schedule) + r.shapes.size() * 1200;
        });
}

std::shared_ptr<const Evaluation> Api::evaluated(const Snapshot& s, const Params& params) {
    const EvaluateOptions options = evaluate_options_from(params);
    check_evaluation_cost(options, s.layers().front()->areas->extent());
    return remembered<Evaluation>(
        m_evaluations, s.version() + "|" + evaluate_key(options), [&] { return evaluate_snapshot(s, options); },
        [](const Evaluation& e) { return sizeof(Evaluation) + approx_bytes(e.table) + e.rows.size() * 128; });
}

Response Api::evaluation(const Snapshot& s, const Params& params, bool chart) {
    const std::shared_ptr<const Evaluation> e = evaluated(s, params);
    if (!chart) {
        return json_response(200, evaluation_json(*e), "/api/evaluate");
    }
    Response r;
    r.route = "/api/evaluate/chart.svg";
    r.content_type = "image/svg+xml";
    r.body = std::make_shared<const std::string>(pai_chart_svg(e->rows, e->windows));
    return r;
}

namespace {

/// The public's grid cells of a plan's places, and the context that owns them.
struct PlaceCells {
    detail::GeosContext geos;
    std::vector<detail::GeosGeometry> squares;
};

/// The plan's table as a role may see it: for the public, a place's incidents and harm
/// are hidden when it holds fewer incidents than the threshold (as area counts are), and
/// a place is its grid cell (made in `cells`), not its disc.
Table visible_plan(const PatrolResult& plan, bool suppress, int below, PlaceCells& cells) {
    Table t = plan.table;
    if (suppress && plan.request.unit == "place") {
        // The public get each place's grid cell, not its disc and centre.
        const size_t x = t.field_index("x");
        const size_t y = t.field_index("y");
        const size_t lon = t.field_index("longitude");
        const size_t lat = t.field_index("latitude");
        const std::vector<PlaceView> views = place_views(plan, true);
        for (size_t i = 0; i < t.rows.size(); ++i) {
            const PlaceView& v = views[i];
            t.rows[i][x] = v.x;
            t.rows[i][y] = v.y;
            t.rows[i][lon] = v.lon;
            t.rows[i][lat] = v.lat;
            const double h = kPublicPlaceCell / 2;
            GEOSGeometry* square = GEOSGeom_createRectangle_r(cells.geos.get(), v.x - h, v.y - h, v.x + h, v.y + h);
            cells.squares.push_back(detail::own(cells.geos, square, "a place's grid cell"));
        }
        t.geos = cells.geos.get();
        t.geometry.clear();
        for (const auto& g : cells.squares) {
            t.geometry.push_back(g.get());
        }
    }
    if (suppress && below > 1) {
        const size_t n = t.field_index("incidents");
        const size_t h = t.field_index("harm");
        for (auto& row : t.rows) {
            const auto* count = std::get_if<int64_t>(&row[n]);
            if (count != nullptr && small_count(*count, below)) {
                row[n] = FieldValue();
                row[h] = FieldValue();
            }
        }
    }
    return t;
}

}  // namespace

Response Api::patrol(const Snapshot& s, const Params& params, Role role, bool briefing) {
    const std::string route = briefing ? "/api/patrol/briefing" : "/api/patrol";
    const std::shared_ptr<const PatrolResult> plan = patrol_plan(s, params, role);
    if (briefing) {
        Response r;
        r.route = route;
        r.content_type = "text/html; charset=utf-8";
        const int hide = role == Role::public_user ? m_config.suppress_below : 0;
        r.body = std::make_shared<const std::string>(patrol_briefing(*plan, hide, role == Role::public_user));
        return r;
    }
    json out = patrol_json(*plan, true, role == Role::public_user);
    const bool suppress = role == Role::public_user && m_config.suppress_below > 1;
    if (suppress) {
        for (auto& f : out["features"]) {
            auto& props = f["properties"];
            const int64_t n = props["incidents"].get<int64_t>();
            if (small_count(n, m_config.suppress_below)) {
                props["incidents"] = nullptr;
                props["harm"] = nullptr;
            }
        }
    }
    return json_response(200, out, route);
}

Response Api::download(const Snapshot& s, const std::string& file, const Params& params, Role role) {
    const std::string route = "/export/{layer}.{format}";
    const size_t dot = file.find('.');
    if (dot == std::string::npos) {
        return error_response(404, "downloads are /export/LAYER.FORMAT (csv, geojson, gpkg, shp.zip)", route);
    }
    const std::string id = file.substr(0, dot);
    const std::string format = file.substr(dot + 1);
    static const std::map<std::string, std::string> kTypes{{"csv", "text/csv; charset=utf-8"},
                                                           {"geojson", "application/geo+json"},
                                                           {"gpkg", "application/geopackage+sqlite3"},
                                                           {"shp.zip", "application/zip"}};
    const auto type = kTypes.find(format);
    if (type == kTypes.end()) {
        return error_response(404, format + ": give csv, geojson, gpkg or shp.zip", route);
    }
    if (id == "evaluation" && role == Role::public_user) {
        return error_response(403, kBacktestIsForAnalysts, route);
    }
    // The view goes with the file: in its name, and in its own metadata where the format
    // has a place for it, so a saved public file cannot pass for the police's figures.
    const bool is_public = role == Role::public_user;
    const std::string name = "hotspot-" + id + "-" + view_name(is_public) + "." + format;
    const std::string description =
        is_public ? "hotspot, public view: " + protection_sentence(m_config.suppress_below)
                  : "hotspot, analyst view: true counts, not protected for publication.";
    // A download is written once per data version, filter and audience, then served
    // from the response cache like a tile: a client asking again costs no GDAL write.
    const bool area_layer = id != "evaluation" && id != "patrol" && id != "patrol_schedule";
    if (area_layer && s.layer(id) == nullptr) {
        return error_response(404, "no layer \"" + id + "\" to download", route);
    }
    std::string key = s.version() + "|x|" + file + "|" + (role == Role::public_user ? "p" : "a");
    for (const auto& [k, v] : params) {
        key += "|" + k + "=" + v;
    }
    return cached(key, route, [&] {
        const TempDir dir;
        const std::string path = (dir.path() / name).string();
        if (id == "evaluation") {
            write_table(evaluated(s, params)->table, path, description);
        } else if (id == "patrol" || id == "patrol_schedule") {
            const std::shared_ptr<const PatrolResult> plan = patrol_plan(s, params, role);
            if (id == "patrol") {
                PlaceCells cells;
                write_table(visible_plan(*plan, is_public, m_config.suppress_below, cells), path, description);
            } else {
                write_table(plan->schedule, path, description);
            }
        } else {
            const std::shared_ptr<const AreaStats> st = stats(s, *s.layer(id), parse_map_query(params), role);
            write_table(st->table, path, description);
        }
        std::ifstream in(path, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        Response r;
        r.route = route;
        r.content_type = type->second;
        r.body = std::make_shared<const std::string>(bytes.str());
        r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
        return r;
    });
}

Response Api::static_file(const std::string& path) const {
    const std::string route = "static";
    if (m_web_root.empty()) {
        return error_response(404, "no map page is installed", route);
    }
    std::string rel = path == "/" ? "index.html" : path.substr(1);
    // Refuse anything that could leave the root before touching the file system.
    if (rel.find('\0') != std::string::npos || rel.find('\\') != std::string::npos) {
        return error_response(400, "bad path", route);
    }
    const std::vector<std::string> parts = split_segments(rel);
    for (const auto& part : parts) {
        if (part == ".." || part == ".") {
            return error_response(400, "bad path", route);
        }
    }
    // The page's npm packages are built into vendor/; their sources are not served.
    if (!parts.empty() && (parts.front() == "node_modules" || parts.back() == "package.json" ||
                           parts.back() == "package-lock.json")) {
        return error_response(404, "not found: " + path, route);
    }
    std::error_code ec;
    const fs::path root = fs::weakly_canonical(m_web_root, ec);
    const fs::path full = fs::weakly_canonical(root / rel, ec);
    const std::string r = root.string();
    const std::string f = full.string();
    if (ec || f.size() <= r.size() || f.compare(0, r.size(), r) != 0 || f[r.size()] != '/') {
        return error_response(404, "not found: " + path, route);
    }
    std::ifstream in(full, std::ios::binary);
    if (!in || fs::is_directory(full, ec)) {
        return error_response(404, "not found: " + path, route);
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    Response out;
    out.route = route;
    out.content_type = content_type_of(f);
    out.body = std::make_shared<const std::string>(bytes.str());
    out.headers.emplace_back("Cache-Control", out.content_type.rfind("text/html", 0) == 0
                                                  ? "no-cache"
                                                  : "public, max-age=3600");
    return out;
}

}  // namespace hotspot::server
