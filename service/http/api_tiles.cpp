// The tile endpoints of Api: TileJSON, area vector tiles, density PNG tiles and their
// legend, and incident points for analysts.

#include <charconv>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <type_traits>
#include <variant>

#include <nlohmann/json.hpp>

#include "geo/aggregate/knife.hpp"
#include "geo/crs/crs.hpp"
#include "geo/hotspots/kde.hpp"
#include "geo/hotspots/protected_grid.hpp"
#include "service/http/api.hpp"
#include "tiles/mvt.hpp"
#include "tiles/point_tiles.hpp"

namespace hotspot::server {


namespace {

using nlohmann::json;

constexpr int kMaxZoom = 22;
constexpr int kMinIncidentZoom = 12;
constexpr double kDefaultBandwidth = 300;
constexpr double kMaxSurfaceCells = 4e6;  // a density grid's most cells (16 MB of floats)
const char* const kAttribution =
    "Contains public sector information licensed under the Open Government Licence v3.0: "
    "police.uk crime data (locations approximate), ONS boundaries";


tiles::TileId parse_tile(const std::string& z, const std::string& x, const std::string& y, int max_zoom) {
    auto number = [&](const std::string& text) {
        int64_t v = -1;
        const char* end = text.data() + text.size();
        const auto r = std::from_chars(text.data(), end, v);
        // One spelling per tile ("08" is not 8), so that a cache key names one tile.
        if (text.empty() || r.ec != std::errc() || r.ptr != end || (text.size() > 1 && text[0] == '0')) {
            throw BadRequest(z + "/" + x + "/" + y + ": not a tile (z/x/y are whole numbers, without leading zeros)");
        }
        return v;
    };
    const int64_t zn = number(z);
    const int64_t xn = number(x);
    const int64_t yn = number(y);
    const auto tile = zn <= max_zoom ? tiles::make_tile(static_cast<int>(zn), xn, yn) : std::nullopt;
    if (!tile) {
        throw BadRequest(z + "/" + x + "/" + y + ": not a tile (zoom 0 to " + std::to_string(max_zoom) +
                         ", x and y from 0 to 2^zoom - 1)");
    }
    return *tile;
}

std::string base_url(const Request& request) {
    const std::string host = request.header("host");
    return "http://" + (host.empty() ? std::string("localhost") : host);
}

ResolvedFilter resolve_points(const Snapshot& s, const MapQuery& q) {
    const PointCollector& p = s.points();
    return resolve_query(s, p.categories(), p.first_month(), p.last_month(), q);
}

double bandwidth_param(const Params& params) {
    const auto it = params.find("bandwidth");
    if (it == params.end() || it->second.empty()) {
        return kDefaultBandwidth;
    }
    char* end = nullptr;
    const double v = std::strtod(it->second.c_str(), &end);
    if (end == it->second.c_str() || *end != '\0' || !(v >= 50 && v <= 5000)) {
        throw BadRequest("bandwidth=" + it->second + ": give metres from 50 to 5000");
    }
    return v;
}

Response mvt_response(const std::string& route, const tiles::MvtLayer& layer) {
    Response r;
    r.route = route;
    r.content_type = "application/vnd.mapbox-vector-tile";
    std::string body;
    layer.append_to(body);
    r.status = body.empty() ? 204 : 200;  // an empty tile has nothing to draw
    r.body = std::make_shared<const std::string>(std::move(body));
    return r;
}

}  // namespace

struct Api::Surface {
    DensityGrid grid;
    std::unique_ptr<tiles::DensityTiles> tiles;
    size_t points = 0;
    bool is_public = false;
    size_t grid_cells = 0;   ///< the public's: grid cells with incidents
    size_t grid_hidden = 0;  ///< of those, left out (protected count below the threshold)
};

namespace {

/// The public's density surfaces: smoothed from protected counts on the public grid
/// (geo/hotspots/protected_grid.hpp), with no kernel narrower than this and no cell finer (see the
/// README's disclosure control).
constexpr double kPublicBandwidth = 200;
constexpr double kPublicCell = 50;

/// The public density surface's protection in one sentence.
std::string density_rule(int suppress_below) {
    const std::string grid = std::to_string(static_cast<int>(kPublicGrid));
    return "smoothed from protected counts on a " + grid + " m grid, never from incident points; " + grid +
           " m squares with fewer than " + std::to_string(suppress_below) + " incidents are left out";
}

/// The bandwidth a role gets for a request.
double bandwidth_for(const Params& params, bool is_public) {
    const double asked = bandwidth_param(params);
    return is_public ? std::max(asked, kPublicBandwidth) : asked;
}

}  // namespace

Response Api::tilejson(const Request& request, const Snapshot& s, const std::string& layer,
                       const std::string& query) {
    const std::string base = base_url(request);
    const std::string suffix = query.empty() ? "" : "?" + query;
    const AreaLayer* first = s.layers().front().get();
    const auto b = first->tiles->bounds();
    json j{{"tilejson", "3.0.0"},
           {"version", s.version()},
           {"attribution", kAttribution},
           {"scheme", "xyz"},
           {"bounds", {b[0], b[1], b[2], b[3]}},
           {"center", {(b[0] + b[2]) / 2, (b[1] + b[3]) / 2, 9}}};
    if (layer == "density") {
        j["name"] = "Kernel density";
        j["description"] = "Quartic kernel density in incidents (or harm) per km2; see /api/density";
        j["tiles"] = {base + "/tiles/density/{z}/{x}/{y}.png" + suffix};
        j["minzoom"] = 0;
        j["maxzoom"] = kMaxZoom;
        j["tileSize"] = 256;
        return json_response(200, j, "/tiles/{layer}.json");
    }
    if (layer == "incidents") {
        j["name"] = "Incidents";
        j["description"] = "Incident points (analysts only); police.uk locations are approximate";
        j["tiles"] = {base + "/tiles/incidents/{z}/{x}/{y}.mvt" + suffix};
        j["minzoom"] = kMinIncidentZoom;
        j["maxzoom"] = kMaxZoom;
        j["vector_layers"] = {{{"id", "incidents"},
                               {"minzoom", kMinIncidentZoom},
                               {"maxzoom", kMaxZoom},
                               {"fields", {{"category", "String"}, {"month", "String"}}}}};
        return json_response(200, j, "/tiles/{layer}.json");
    }
    if (layer == "places") {
        j["name"] = "Places";
        j["description"] = "Places (police.uk snap points) with their incidents, harm and flag (analysts only); below "
                           "zoom " + std::to_string(kPlaceThinZoom) + " a tile holds its " +
                           std::to_string(kPlacesPerTile) + " places with most incidents";
        j["tiles"] = {base + "/tiles/places/{z}/{x}/{y}.mvt" + suffix};
        j["minzoom"] = 0;
        j["maxzoom"] = kMaxZoom;
        j["vector_layers"] = {{{"id", "places"},
                               {"minzoom", 0},
                               {"maxzoom", kMaxZoom},
                               {"fields", {{"place_id", "Number"}, {"location", "String"}, {"street", "String"}, {"flag", "String"},
                                           {"count", "Number"}, {"harm", "Number"}, {"change_sig", "String"},
                                           {"area_name", "String"}, {"ward_name", "String"}}}}};
        return json_response(200, j, "/tiles/{layer}.json");
    }
    const AreaLayer* l = s.layer(layer);
    if (l == nullptr) {
        return error_response(404, "no tile layer \"" + layer + "\"", "/tiles/{layer}.json");
    }
    const auto lb = l->tiles->bounds();
    j["bounds"] = {lb[0], lb[1], lb[2], lb[3]};
    j["name"] = l->title;
    j["tiles"] = {base + "/tiles/" + l->id + "/{z}/{x}/{y}.mvt" + suffix};
    j["minzoom"] = 0;
    j["maxzoom"] = kMaxZoom;
    // Only the fields' names and descriptions are read, never a value: the analysts' table
    // serves (and takes any filter, as tiles for a token do).
    const std::shared_ptr<const AreaStats> st =
        stats(s, *l, parse_map_query(parse_query(query)), Role::analyst);
    json fields = json::object();
    for (const std::string& name : kTileFields) {
        if (const auto c = st->column(name)) {
            fields[name] = st->table.fields[*c].description;
        }
    }
    j["vector_layers"] = {{{"id", l->id}, {"minzoom", 0}, {"maxzoom", kMaxZoom}, {"fields", fields}}};
    return json_response(200, j, "/tiles/{layer}.json");
}

Response Api::area_tile(const Snapshot& s, const AreaLayer& layer, const std::string& z,
                        const std::string& x, const std::string& y, const MapQuery& q, Role role) {
    const tiles::TileId tile = parse_tile(z, x, y, kMaxZoom);
    const std::string route = "/tiles/{layer}/{z}/{x}/{y}.mvt";
    const bool suppress = role == Role::public_user;
    const std::string key = s.version() + (suppress ? "|p|" : "|a|") + layer.id + "/" + z + "/" +
                            x + "/" + y + "|" + q.key();
    return cached(key, route, [&] {
        const std::shared_ptr<const AreaStats> st = stats(s, layer, q, role);
        tiles::MvtLayer mvt(layer.id, tiles::AreaTiles::kExtent, *st->tile_attributes);
        for (const tiles::AreaPiece& piece : layer.tiles->pieces(tile)) {
            mvt.add_table_polygon(piece.area + 1, piece.polygons, piece.area);
        }
        return mvt_response(route, mvt);
    });
}

std::shared_ptr<const Api::Surface> Api::surface(const Snapshot& s, const Params& params, Role role) {
    const MapQuery q = parse_map_query(params);
    const bool is_public = role == Role::public_user;
    const double bandwidth = bandwidth_for(params, is_public);
    const std::string key =
        s.version() + "|" + q.key() + "|bw=" + std::to_string(bandwidth) + (is_public ? "|p" : "|a");
    if (auto hit = m_surfaces.get(key)) {
        return hit;
    }
    before_work();
    const ResolvedFilter filter = resolve_points(s, q);
    if (is_public) {
        s.query_space().check(filter, s.points().categories());
    }
    const DensityWeights weights = density_weights(q.value, &s.harm(), s.points().categories());
    auto out = std::make_shared<Surface>();
    KdePoints points;
    if (is_public) {
        if (s.secret() == nullptr) {
            throw Error("a public density surface needs protected counts, and this data has no record keys");
        }
        ProtectedGrid grid = protected_grid(s.points(), filter, *s.secret(), weights.get(),
                                            m_config.suppress_below);
        out->grid_cells = grid.cells;
        out->grid_hidden = grid.cells - grid.kept;
        points = std::move(grid.points);
    } else {
        points = s.points().points(filter, weights.get());
        out->points = points.x.size();
    }
    if (!points.x.empty()) {
        KdeOptions options;
        options.bandwidth = bandwidth;
        // A sixth of the bandwidth, but never so fine that the grid over the points
        // passes kMaxSurfaceCells: a narrow kernel must not cost a quarter of a gigabyte.
        double w = 0;
        double h = 0;
        if (const auto [lo, hi] = std::minmax_element(points.x.begin(), points.x.end()); lo != points.x.end()) {
            w = *hi - *lo + 2 * bandwidth;
        }
        if (const auto [lo, hi] = std::minmax_element(points.y.begin(), points.y.end()); lo != points.y.end()) {
            h = *hi - *lo + 2 * bandwidth;
        }
        options.cell = std::max({is_public ? kPublicCell : 10.0, bandwidth / 6, std::sqrt(w * h / kMaxSurfaceCells)});
        out->grid = kernel_density(points, options);
    }
    out->is_public = is_public;
    out->grid.units = weights.units;
    out->grid.bandwidth = bandwidth;
    out->tiles = std::make_unique<tiles::DensityTiles>(out->grid, s.crs(), tiles::density_scale(out->grid));
    // The grid, and the density tiles' own copy of it as colours.
    m_surfaces.put(key, out, sizeof(Surface) + out->grid.values.size() * (sizeof(float) + 4));
    return out;
}

Response Api::density_tile(const Snapshot& s, const std::string& z, const std::string& x,
                           const std::string& y, const Params& params, Role role) {
    const tiles::TileId tile = parse_tile(z, x, y, kMaxZoom);
    const std::string route = "/tiles/density/{z}/{x}/{y}.png";
    const MapQuery q = parse_map_query(params);
    const bool is_public = role == Role::public_user;
    const std::string key = s.version() + "|d|" + z + "/" + x + "/" + y + "|" + q.key() +
                            "|bw=" + std::to_string(bandwidth_for(params, is_public)) + (is_public ? "|p" : "|a");
    return cached(key, route, [&] {
        const std::shared_ptr<const Surface> surf = surface(s, params, role);
        Response r;
        r.route = route;
        r.content_type = "image/png";
        std::string body = surf->tiles->png(tile);
        r.status = body.empty() ? 204 : 200;
        r.body = std::make_shared<const std::string>(std::move(body));
        return r;
    });
}

Response Api::density_legend(const Snapshot& s, const Params& params, Role role) {
    const std::shared_ptr<const Surface> surf = surface(s, params, role);
    json stops = json::array();
    for (const double t : {0.02, 0.2, 0.4, 0.6, 0.8, 1.0}) {
        const tiles::Rgba c = tiles::density_colour(t * surf->tiles->scale_max(), surf->tiles->scale_max());
        char hex[8];
        std::snprintf(hex, sizeof hex, "#%02x%02x%02x", c.r, c.g, c.b);
        stops.push_back({{"value", t * surf->tiles->scale_max()}, {"colour", hex}, {"opacity", c.a / 255.0}});
    }
    return json_response(200,
                         json{{"units", surf->grid.units},
                              {"bandwidth_metres", surf->grid.bandwidth},
                              {"cell_metres", surf->grid.cell},
                              {"kernel", "quartic"},
                              // The true number of incidents the filter holds: analysts only.
                              {"points", surf->is_public ? json() : json(surf->points)},
                              {"scale_max", surf->tiles->scale_max()},
                              {"scale_rule", "99th percentile of the surface's non-zero cells; "
                                             "below 2 % of it is transparent"},
                              {"ramp", stops},
                              {"view", surf->is_public ? "public" : "analyst"},
                              {"protection",
                               surf->is_public
                                   ? json{{"min_bandwidth_metres", kPublicBandwidth},
                                          {"min_cell_metres", kPublicCell},
                                          {"grid_metres", kPublicGrid},
                                          {"grid_cells", surf->grid_cells},
                                          {"grid_cells_hidden", surf->grid_hidden},
                                          {"rule", density_rule(m_config.suppress_below)}}
                                   : json()}},
                         "/api/density");
}

Response Api::incident_tile(const Snapshot& s, const std::string& z, const std::string& x,
                            const std::string& y, const MapQuery& q) {
    const tiles::TileId tile = parse_tile(z, x, y, kMaxZoom);
    const std::string route = "/tiles/incidents/{z}/{x}/{y}.mvt";
    if (tile.z < kMinIncidentZoom) {
        throw BadRequest("incident points are served from zoom " + std::to_string(kMinIncidentZoom));
    }
    const std::string key = s.version() + "|i|" + z + "/" + x + "/" + y + "|" + q.key();
    return cached(key, route, [&] {
        const tiles::MvtLayer mvt = tiles::point_tile(s.points(), resolve_points(s, q), s.crs(), tile);
        return mvt_response(route, mvt);
    });
}

Response Api::place_tile(const Snapshot& s, const std::string& z, const std::string& x, const std::string& y,
                         const MapQuery& q) {
    const tiles::TileId tile = parse_tile(z, x, y, kMaxZoom);
    const std::string route = "/tiles/places/{z}/{x}/{y}.mvt";
    const std::string key = s.version() + "|pl|" + z + "/" + x + "/" + y + "|" + q.key();
    return cached(key, route, [&] {
        const std::shared_ptr<const PlaceResult> places = place_result(s, q);
        const Table& t = places->table;
        const Box b = tiles::tile_bounds(tile);
        // A place's circle may spill over the tile's edge: places a little outside it are
        // drawn too, so that no circle is cut in half.
        const double margin = 0.1 * b.width();
        const Box near{b.min_x - margin, b.min_y - margin, b.max_x + margin, b.max_y + margin};
        const size_t id_i = t.field_index("place_id");
        const size_t keep[] = {id_i, t.field_index("location"), t.field_index("street"), t.field_index("flag"),
                               t.field_index("count"),    t.field_index("harm"),   t.field_index("change_sig"),
                               t.field_index("area_name"), t.field_index("ward_name")};
        const size_t limit = tile.z < kPlaceThinZoom ? kPlacesPerTile : SIZE_MAX;
        tiles::MvtLayer mvt("places", tiles::AreaTiles::kExtent);
        // The table holds the places with most incidents first, so a thinned tile keeps those.
        for (size_t r = 0; r < t.rows.size() && mvt.size() < limit; ++r) {
            const double mx = places->mx[r];
            const double my = places->my[r];
            if (!near.contains(mx, my)) {
                continue;
            }
            std::vector<std::pair<std::string, tiles::MvtValue>> attributes;
            for (const size_t c : keep) {
                std::visit(
                    [&](const auto& v) {
                        using V = std::decay_t<decltype(v)>;
                        if constexpr (std::is_same_v<V, double> || std::is_same_v<V, int64_t> ||
                                      std::is_same_v<V, std::string>) {
                            attributes.emplace_back(t.fields[c].name, v);
                        }
                    },
                    t.rows[r][c]);
            }
            const auto tx = static_cast<int32_t>(std::lround((mx - b.min_x) / b.width() * tiles::AreaTiles::kExtent));
            const auto ty = static_cast<int32_t>(std::lround((b.max_y - my) / b.height() * tiles::AreaTiles::kExtent));
            mvt.add_point(static_cast<uint64_t>(std::get<int64_t>(t.rows[r][id_i])), {tx, ty}, attributes);
        }
        return mvt_response(route, mvt);
    });
}

}  // namespace hotspot::server
