#include "service/analysis/patrol_plan.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include <cpl_conv.h>
#include <ogr_geometry.h>

#include "geo/aggregate/area_index.hpp"
#include "geo/aggregate/disclosure.hpp"
#include "geo/cancel.hpp"
#include "geo/crs/crs.hpp"
#include "geo/error.hpp"
#include "geo/patrol/tables.hpp"
#include "geo/text.hpp"
#include "service/analysis/area_stats.hpp"

namespace hotspot::server {

namespace {

using nlohmann::json;


/// The outline of `g` (working CRS) as a GeoJSON geometry in longitude/latitude.
json geometry_json(GEOSContextHandle_t h, const GEOSGeometry* g, OGRCoordinateTransformation* to_lonlat) {
    std::unique_ptr<OGRGeometry> o(OGRGeometryFactory::createFromGEOS(h, const_cast<GEOSGeometry*>(g)));
    if (!o || (to_lonlat != nullptr && o->transform(to_lonlat) != OGRERR_NONE)) {
        return nullptr;
    }
    char* text = o->exportToJson();
    json out = text != nullptr ? json::parse(text, nullptr, false) : json();
    CPLFree(text);
    return out.is_discarded() ? json() : out;
}

/// A point in longitude/latitude, rounded to a millionth of a degree.
std::pair<double, double> to_lonlat_point(OGRCoordinateTransformation* ct, double x, double y) {
    if (ct != nullptr) {
        ct->Transform(1, &x, &y);
    }
    return {std::round(x * 1e6) / 1e6, std::round(y * 1e6) / 1e6};
}

/// The public's candidate places: the squares of the public grid (the density surface's),
/// each with its protected count and the harm-weighted sum of its protected counts per
/// category, ranked by that harm. Which places there are, where, and in what order, so
/// comes from the fixed grid and protected numbers, never from a point or a true count.
std::vector<MicroPlace> square_places(const Snapshot& s, const ResolvedFilter& f, const std::vector<double>& harm,
                                      const AreaIndex& index, size_t max_places, int below) {
    const ProtectedGrid grid = protected_grid(s.points(), f, *s.secret(), &harm, below);
    std::vector<MicroPlace> places;
    places.reserve(grid.squares.size());
    for (const GridSquare& q : grid.squares) {
        MicroPlace p;
        p.x = q.x;
        p.y = q.y;
        p.harm = q.weight;
        p.incidents = q.count;
        p.area = index.locate(q.x, q.y);
        p.area_m2 = kPublicGrid * kPublicGrid;
        places.push_back(p);
    }
    std::stable_sort(places.begin(), places.end(),
                     [](const MicroPlace& a, const MicroPlace& b) { return a.harm > b.harm; });
    places.resize(std::min(places.size(), max_places));
    return places;
}

/// The public's plan is made from protected counts: with area units, an area's incidents
/// of one category over the months is one published cell (the cell key method: the same
/// incidents give the same noise, and the same number as the map), its harm the
/// harm-weighted sum of those, and its incidents one more cell; the squares of
/// square_places() come protected already. The force's totals are protected the same
/// way. Areas whose protected count is below `below` are no candidates (the squares are
/// left out already). The places are then ranked by that harm, so the order, the plan's
/// choice and its harm share come from protected numbers alone.
void protect_places(const Snapshot& s, const ResolvedFilter& f, const std::vector<double>& harm,
                    const AreaIndex* area_units, int below, std::vector<MicroPlace>& places, PatrolResult& r) {
    const size_t kinds = s.points().categories().size();
    std::vector<disclosure::CellSum> by_category(area_units != nullptr ? places.size() * kinds : 0);
    std::vector<disclosure::CellSum> by_place(area_units != nullptr ? places.size() : 0);
    std::vector<disclosure::CellSum> total(kinds);
    disclosure::CellSum all;
    std::map<uint32_t, size_t> place_of_area;
    for (size_t i = 0; area_units != nullptr && i < places.size(); ++i) {
        place_of_area[places[i].area] = i;
    }
    s.points().for_each_keyed(f, *s.secret(), [&](double x, double y, uint16_t c, int32_t, uint32_t key) {
        cancellation_point();
        total[c].add(1, key);
        all.add(1, key);
        if (area_units != nullptr) {
            if (const auto it = place_of_area.find(area_units->locate(x, y)); it != place_of_area.end()) {
                by_category[it->second * kinds + c].add(1, key);
                by_place[it->second].add(1, key);
            }
        }
    });
    for (size_t i = 0; area_units != nullptr && i < places.size(); ++i) {
        double h = 0;
        for (size_t c = 0; c < kinds; ++c) {
            h += harm[c] * static_cast<double>(by_category[i * kinds + c].protected_count());
        }
        places[i].harm = h;
        places[i].incidents = by_place[i].protected_count();
    }
    std::erase_if(places, [below](const MicroPlace& p) { return p.incidents < below; });
    std::stable_sort(places.begin(), places.end(),
                     [](const MicroPlace& a, const MicroPlace& b) { return a.harm > b.harm; });
    for (size_t i = 0; i < places.size(); ++i) {
        places[i].id = static_cast<int>(i) + 1;
    }
    r.total_harm = 0;
    for (size_t c = 0; c < kinds; ++c) {
        r.total_harm += harm[c] * static_cast<double>(total[c].protected_count());
    }
    r.incidents = static_cast<size_t>(all.protected_count());
}

}  // namespace

std::vector<PlaceView> place_views(const PatrolResult& r, bool coarse) {
    std::vector<PlaceView> out;
    out.reserve(r.plan.places.size());
    const bool cells = coarse && r.request.unit == "place";
    const std::unique_ptr<OGRCoordinateTransformation> ct =
        cells ? lonlat_transform(*r.table.crs, true) : nullptr;  // one for the whole plan
    for (size_t i = 0; i < r.plan.places.size(); ++i) {
        const MicroPlace& p = r.plan.places[i];
        PlaceView v{p.x, p.y, r.lon[i], r.lat[i], false};
        if (cells) {
            v.x = (std::floor(p.x / kPublicPlaceCell) + 0.5) * kPublicPlaceCell;
            v.y = (std::floor(p.y / kPublicPlaceCell) + 0.5) * kPublicPlaceCell;
            std::tie(v.lon, v.lat) = to_lonlat_point(ct.get(), v.x, v.y);
            v.cell = true;
        }
        out.push_back(v);
    }
    return out;
}

std::string PatrolRequest::key() const {
    std::ostringstream k;
    k << months << '|' << knife << '|' << join(categories, ",") << '|' << unit << '|' << teams << '|' << places.radius << '|' << plan.officer_hours
      << '|' << plan.visit_minutes << '|' << plan.visits_per_day << '|' << plan.travel_minutes << '|' << plan.days
      << '|' << plan.window_start << '-' << plan.window_end << '|' << plan.seed << '|' << plan.experiment;
    return k.str();
}

std::unique_ptr<PatrolResult> plan_patrol(const Snapshot& s, const PatrolRequest& request,
                                          std::optional<int> protect_below) {
    const bool protect = protect_below.has_value();
    auto out = std::make_unique<PatrolResult>();
    PatrolResult& r = *out;
    r.request = request;
    r.is_protected = protect;
    const bool areas_as_units = request.unit != "place";
    const AreaLayer* layer = s.layer(request.unit == "ward" ? "ward" : "lsoa");
    if (layer == nullptr) {
        throw InputError("there are no " + request.unit + " areas to plan over");
    }
    const AreaLayer& lsoas = *s.layers().front();
    const AreaSet& areas = *layer->areas;
    const AreaIndex index(areas);

    // The incidents of the latest months, each with its category's harm (Snapshot::category_harm).
    const Dictionary& cats = s.points().categories();
    const std::vector<double> harm = s.category_harm();
    MapQuery q;
    q.knife = request.knife;
    q.categories = request.categories;
    q.from = Month{std::max(s.points().first_month().index, s.points().last_month().index - request.months + 1)};
    const ResolvedFilter f = resolve_query(s, cats, s.points().first_month(), s.points().last_month(), q);
    if (protect) {
        s.query_space().check(f, cats);
        if (s.secret() == nullptr) {
            throw Error("a public patrol plan needs protected counts, and this data has no record keys");
        }
    }
    std::vector<PatrolPoint> pts;
    s.points().for_each(f, [&](double x, double y, uint16_t c, int32_t) {
        pts.push_back({x, y, harm[c]});
        r.total_harm += harm[c];
    });
    r.incidents = pts.size();
    r.crime = request.knife ? s.knife().name : request.categories.empty() ? "all crime" : join(request.categories, ", ");
    r.from = f.from;
    r.to = f.to;

    // Local handles: GEOS contexts are not for sharing between threads.
    auto geos = std::make_shared<detail::GeosContext>();
    GEOSContextHandle_t h = geos->get();
    // The public's places are squares of the public grid; analysts' are discs around
    // the densest points.
    const bool squares = protect && !areas_as_units;
    std::vector<MicroPlace> places = areas_as_units ? rank_areas(pts, areas, index, h)
                                     : squares      ? square_places(s, f, harm, index, request.places.max_places,
                                                                    std::max(*protect_below, 1))
                                                    : find_micro_places(pts, index, request.places);
    if (places.empty() && !protect) {
        throw InputError("no incidents in " + f.from.to_string() + " to " + f.to.to_string() + ", so no places to patrol");
    }
    if (protect) {
        protect_places(s, f, harm, areas_as_units ? &index : nullptr, std::max(*protect_below, 1), places, r);
        if (places.empty()) {
            throw InputError("no place holds " + std::to_string(*protect_below) + " or more incidents in " +
                             f.from.to_string() + " to " + f.to.to_string() + ", so there is no public plan to make");
        }
    }
    r.candidates = places.size();
    double land = 0;
    for (size_t a = 0; a < lsoas.areas->size(); ++a) {
        land += lsoas.areas->land_area_m2(a);
    }
    r.plan = plan_patrols(places, r.total_harm, land, request.plan);
    r.team = assign_teams(r.plan, request.teams, request.plan.seed);

    const std::string unit_label =
        areas_as_units ? (request.unit == "ward" ? "wards" : "LSOAs")
        : squares      ? fixed(kPublicGrid, 0) + " m squares"
                       : fixed(request.places.radius, 0) + " m micro-places";
    const PlanOptions& o = request.plan;
    r.summary.emplace_back("incidents", std::to_string(r.incidents) + " (" + r.crime + ", " + r.from.to_string() +
                                            " to " + r.to.to_string() + "), harm " + fixed(r.total_harm, 0) + " days");
    r.summary.emplace_back("places", std::to_string(r.candidates) + " " + unit_label + " found; the best holds " +
                                         fixed(places.front().harm, 0) + " harm days (" +
                                         std::to_string(places.front().incidents) + " incidents" +
                                         (protect ? ", protected counts" : "") + ")");
    r.summary.emplace_back("plan", std::to_string(r.plan.patrolled_per_day) + " places a day, " +
                                       std::to_string(o.visits_per_day) + " visit(s) of " + fixed(o.visit_minutes, 0) +
                                       " min each (+" + fixed(o.travel_minutes, 0) + " travel): " +
                                       fixed(r.plan.minutes_used, 0) + " of " + fixed(r.plan.minutes_available, 0) +
                                       " minutes a day, " + format_clock(o.window_start) + " to " +
                                       format_clock(o.window_end));
    r.summary.emplace_back("covers", fixed(100 * r.plan.harm_share, 1) + " % of the harm on " +
                                         fixed(100 * r.plan.area_share, 2) + " % of the area");
    const int teams = r.team.empty() ? 0 : *std::max_element(r.team.begin(), r.team.end());
    if (request.teams > 1) {
        r.summary.emplace_back("teams", std::to_string(teams) + " beats, places grouped by k-means on their centres");
    }
    if (o.experiment != "none") {
        r.summary.emplace_back("test", o.experiment == "pairs"
                                           ? "places paired by harm; one of each pair patrolled at random (seed " +
                                                 std::to_string(o.seed) + "), the other a control"
                                           : "each day a random half of the " + std::to_string(r.plan.places.size()) +
                                                 " places is patrolled (seed " + std::to_string(o.seed) + ")");
    }
    for (const auto& n : r.plan.notes) {
        r.summary.emplace_back("note", n);
    }

    // The plan as a layer: one disc (or area) per place, through the one export path.
    const std::unique_ptr<OGRCoordinateTransformation> to_lonlat = lonlat_transform(areas.crs(), true);
    r.table = patrol_plan_schema();
    Table& t = r.table;
    std::map<int, std::set<int>> days_of;  // place -> the days it has a visit
    for (const Visit& v : r.plan.schedule) {
        days_of[v.place].insert(v.day);
    }
    for (size_t i = 0; i < r.plan.places.size(); ++i) {
        const MicroPlace& p = r.plan.places[i];
        double lon = p.x;
        double lat = p.y;
        if (to_lonlat) {
            to_lonlat->Transform(1, &lon, &lat);
        }
        r.lon.push_back(lon);
        r.lat.push_back(lat);
        const auto days = static_cast<int64_t>(days_of[p.id].size());
        r.days.push_back(static_cast<int>(days));
        const bool visited = days > 0;
        r.code.push_back(p.area == kNoArea ? std::string() : areas.code(p.area));
        r.name.push_back(p.area == kNoArea ? std::string() : areas.name(p.area));
        t.rows.push_back({static_cast<int64_t>(p.id), r.plan.group[i], static_cast<int64_t>(r.team[i]), request.unit,
                          r.code.back().empty() ? FieldValue() : FieldValue(r.code.back()),
                          r.name.back().empty() ? FieldValue() : FieldValue(r.name.back()), p.x, p.y, lon, lat,
                          areas_as_units || squares ? FieldValue() : FieldValue(request.places.radius), p.area_m2, p.harm,
                          p.incidents, static_cast<int64_t>(visited ? o.visits_per_day : 0),
                          visited ? o.visits_per_day * o.visit_minutes : 0.0, days});
        if (areas_as_units) {
            t.geometry.push_back(areas.geometry(p.area));
        } else if (squares) {
            const double half = kPublicGrid / 2;
            r.shapes.push_back(detail::own(*geos, GEOSGeom_createRectangle_r(h, p.x - half, p.y - half, p.x + half, p.y + half),
                                           "a patrol square"));
            t.geometry.push_back(r.shapes.back().get());
        } else {
            const detail::GeosGeometry point = detail::own(*geos, GEOSGeom_createPointFromXY_r(h, p.x, p.y), "a patrol place");
            r.shapes.push_back(detail::own(*geos, GEOSBuffer_r(h, point.get(), request.places.radius, 16), "a patrol disc"));
            t.geometry.push_back(r.shapes.back().get());
        }
    }
    t.geos = h;
    t.crs = &areas.crs();
    t.notes.push_back(fixed(100 * r.plan.harm_share, 1) + " % of the harm on " + fixed(100 * r.plan.area_share, 2) +
                      " % of the area");
    r.geos = geos;

    r.schedule = patrol_schedule_schema();
    Table& sched = r.schedule;
    std::map<int, int> team_of;
    for (size_t i = 0; i < r.plan.places.size(); ++i) {
        team_of[r.plan.places[i].id] = r.team[i];
    }
    for (const Visit& v : r.plan.schedule) {
        sched.rows.push_back({static_cast<int64_t>(v.day), static_cast<int64_t>(v.order),
                              static_cast<int64_t>(v.place), static_cast<int64_t>(team_of[v.place]),
                              format_clock(v.start), v.minutes});
    }
    return out;
}

json patrol_json(const PatrolResult& r, bool with_schedule, bool coarse) {
    const std::unique_ptr<OGRCoordinateTransformation> to_lonlat = lonlat_transform(*r.table.crs, true);
    json features = json::array();
    const std::vector<PlaceView> views = place_views(r, coarse);
    for (size_t i = 0; i < r.plan.places.size(); ++i) {
        const MicroPlace& p = r.plan.places[i];
        const bool visited = r.days[i] > 0;
        const PlaceView& where = views[i];
        json geometry;
        if (where.cell) {
            // The place's grid cell, not its disc: the disc is centred near an incident.
            const double h = kPublicPlaceCell / 2;
            json ring = json::array();
            for (const auto& [dx, dy] : {std::pair{-h, -h}, {h, -h}, {h, h}, {-h, h}, {-h, -h}}) {
                const auto [lon, lat] = to_lonlat_point(to_lonlat.get(), where.x + dx, where.y + dy);
                ring.push_back({lon, lat});
            }
            geometry = {{"type", "Polygon"}, {"coordinates", {ring}}};
        } else {
            geometry = geometry_json(r.table.geos, r.table.geometry[i], to_lonlat.get());
        }
        json props{{"place_id", p.id},
                   {"group", r.plan.group[i]},
                   {"team", r.team[i]},
                   {"unit", r.request.unit},
                   {"code", r.code[i]},
                   {"name", r.name[i]},
                   {"longitude", std::round(where.lon * 1e6) / 1e6},
                   {"latitude", std::round(where.lat * 1e6) / 1e6},
                   {"harm", std::round(p.harm * 10) / 10},
                   {"incidents", p.incidents},
                   {"visits_day", visited ? r.request.plan.visits_per_day : 0},
                   {"minutes_day", visited ? r.request.plan.visits_per_day * r.request.plan.visit_minutes : 0.0},
                   {"days", r.days[i]}};
        features.push_back({{"type", "Feature"},
                            {"id", p.id},
                            {"geometry", geometry},
                            {"properties", props}});
    }
    json summary = json::array();
    for (const auto& [k, v] : r.summary) {
        summary.push_back({{"what", k}, {"text", v}});
    }
    const PlanOptions& o = r.request.plan;
    json out{{"type", "FeatureCollection"},
             {"features", features},
             {"summary", summary},
             {"crime", r.crime},
             {"from", r.from.to_string()},
             {"to", r.to.to_string()},
             {"unit", r.request.unit},
             {"teams", r.team.empty() ? 0 : *std::max_element(r.team.begin(), r.team.end())},
             {"places_per_day", r.plan.patrolled_per_day},
             {"minutes_available", r.plan.minutes_available},
             {"minutes_used", r.plan.minutes_used},
             {"harm_share", r.plan.harm_share},
             {"area_share", r.plan.area_share},
             {"options",
              {{"officer_hours", o.officer_hours},
               {"visit_minutes", o.visit_minutes},
               {"visits_per_day", o.visits_per_day},
               {"travel_minutes", o.travel_minutes},
               {"days", o.days},
               {"window", format_clock(o.window_start) + "-" + format_clock(o.window_end)},
               {"experiment", o.experiment},
               {"seed", o.seed},
               {"months", r.request.months},
               {"knife", r.request.knife},
               {"categories", r.request.categories}}}};
    if (with_schedule) {
        json visits = json::array();
        for (const auto& row : r.schedule.rows) {
            visits.push_back({{"day", std::get<int64_t>(row[0])},
                              {"order", std::get<int64_t>(row[1])},
                              {"place_id", std::get<int64_t>(row[2])},
                              {"team", std::get<int64_t>(row[3])},
                              {"start", std::get<std::string>(row[4])},
                              {"minutes", std::get<double>(row[5])}});
        }
        out["schedule"] = visits;
    }
    return out;
}

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

}  // namespace hotspot::server
