#include "command_patrol.hpp"

#include <cmath>
#include <cstdio>

#include "analysis_inputs.hpp"
#include "exit_codes.hpp"
#include "geo/detail/geos.hpp"
#include "geo/error.hpp"
#include "geo/io/layer_writer.hpp"
#include "geo/projection.hpp"
#include "options.hpp"
#include "read_summary.hpp"
#include "server/area_stats.hpp"
#include "history.hpp"
#include "server/snapshot.hpp"

namespace hotspot::cli {

CLI::App* PatrolCommand::setup(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand(
        "patrol", "Plan patrols at 150 m micro-places where harm concentrates, within the officer "
                  "hours, with a randomised schedule and optional randomised experiment");
    cmd->add_option("--incidents", m_incidents, "Incident files (default: the bundled Essex sample)");
    cmd->add_option("--areas", m_areas, "LSOA polygons (default: the Essex LSOAs)");
    cmd->add_option("--months", m_months, "Plan from the latest this many months (default 3)")
        ->check(CLI::Range(1, 120));
    cmd->add_flag("--knife", m_knife, "Knife crime only (the knife crime definition)");
    cmd->add_option("--officer-hours", m_plan.officer_hours, "Officer hours per day for the visits (default 8)")
        ->check(CLI::Range(0.1, 10000.0));
    cmd->add_option("--visit-minutes", m_plan.visit_minutes, "Minutes per visit (default 15, the Koper curve)")
        ->check(CLI::Range(1.0, 240.0));
    cmd->add_option("--visits-per-day", m_plan.visits_per_day, "Visits per place per day (default 1)")
        ->check(CLI::Range(1, 24));
    cmd->add_option("--travel-minutes", m_plan.travel_minutes, "Travel allowance per visit (default 10)")
        ->check(CLI::Range(0.0, 240.0));
    cmd->add_option("--days", m_plan.days, "Days to schedule (default 7)")->check(CLI::Range(1, 366));
    cmd->add_option("--window", m_window, "Time window for visits, HH:MM-HH:MM (default 10:00-22:00)");
    cmd->add_option("--radius", m_places.radius, "Micro-place radius in metres (default 150)")
        ->check(CLI::Range(25.0, 2000.0));
    cmd->add_option("--experiment", m_plan.experiment,
                    "none (default), pairs (places paired by harm, one of each patrolled at random) or "
                    "daily (a random half patrolled each day)")
        ->check(CLI::IsMember({"none", "pairs", "daily"}));
    cmd->add_option("--seed", m_plan.seed, "Random seed for the schedule and the allocation (default 2018)");
    cmd->add_option("--schedule", m_schedule, "Where the visit schedule goes (default: OUT's name + .schedule.csv)");
    cmd->add_flag("-q,--quiet", m_quiet, "Print only errors");
    cmd->add_option("-o,--out", m_out, "The plan, one row per place: .csv, .geojson, .gpkg or .shp.zip")->required();
    return cmd;
}

int PatrolCommand::run() {
    export_format(m_out);
    const std::string schedule_path = m_schedule.empty() ? output_sibling(m_out, ".schedule.csv") : m_schedule;
    export_format(schedule_path);
    const size_t dash = m_window.find('-');
    if (dash == std::string::npos) {
        throw InputError("--window \"" + m_window + "\": give HH:MM-HH:MM");
    }
    m_plan.window_start = parse_clock(m_window.substr(0, dash));
    m_plan.window_end = parse_clock(m_window.substr(dash + 1));
    ReadSummary summary(m_quiet);
    const IncidentHistory history = load_history(m_incidents, m_areas);
    const server::Snapshot* s = history.snapshot.get();
    const AreaSet& areas = *history.lsoas().areas;
    const AreaIndex index(areas);
    const Dictionary& cats = s->points().categories();
    const std::vector<double>& harm = history.harm;
    server::MapQuery q;
    q.knife = m_knife;
    q.from = Month{std::max(s->points().first_month().index, s->points().last_month().index - m_months + 1)};
    const ResolvedFilter f =
        server::resolve_query(*s, cats, s->points().first_month(), s->points().last_month(), q);
    std::vector<PatrolPoint> pts;
    double total_harm = 0;
    s->points().for_each(f, [&](double x, double y, uint16_t c, int32_t) {
        pts.push_back({x, y, harm[c]});
        total_harm += harm[c];
    });
    summary.line("read", std::to_string(pts.size()) + " incidents (" + (m_knife ? s->knife().name : "all crime") +
                             ", " + f.from.to_string() + " to " + f.to.to_string() + "), harm " +
                             fixed(total_harm, 0) + " days");
    const std::vector<MicroPlace> places = find_micro_places(pts, index, m_places);
    if (places.empty()) {
        throw InputError("no incidents, so no places to patrol");
    }
    double land = 0;
    for (size_t a = 0; a < areas.size(); ++a) {
        land += areas.land_area_m2(a);
    }
    const PatrolPlan plan = plan_patrols(places, total_harm, land, m_places.radius, m_plan);
    summary.line("places", std::to_string(places.size()) + " micro-places of " + fixed(m_places.radius, 0) +
                               " m found; the best holds " + fixed(places.front().harm, 0) + " harm days (" +
                               std::to_string(places.front().incidents) + " incidents)");
    summary.line("plan", std::to_string(plan.patrolled_per_day) + " places a day, " +
                             std::to_string(m_plan.visits_per_day) + " visit(s) of " + fixed(m_plan.visit_minutes, 0) +
                             " min each (+" + fixed(m_plan.travel_minutes, 0) + " travel): " +
                             fixed(plan.minutes_used, 0) + " of " + fixed(plan.minutes_available, 0) +
                             " minutes a day");
    summary.line("covers", fixed(100 * plan.harm_share, 1) + " % of the harm on " + fixed(100 * plan.area_share, 2) +
                               " % of the area");
    if (m_plan.experiment != "none") {
        summary.line("test", m_plan.experiment == "pairs"
                                 ? "places paired by harm; one of each pair patrolled at random (seed " +
                                       std::to_string(m_plan.seed) + "), the other a control"
                                 : "each day a random half of the " + std::to_string(plan.places.size()) +
                                       " places is patrolled (seed " + std::to_string(m_plan.seed) + ")");
    }
    for (const auto& n : plan.notes) {
        summary.line("note", n);
    }

    // The plan as a layer: one disc per place, through the one export path.
    const std::unique_ptr<OGRCoordinateTransformation> to_lonlat = lonlat_transform(areas.crs(), true);
    detail::GeosContext& geos = areas.geos();
    std::vector<detail::GeosGeometry> discs;
    Table t;
    t.name = "patrol_plan";
    t.add_field("place_id", FieldType::integer, "place, 1 = most harm");
    t.add_field("group", FieldType::string, "patrol, control, daily (random each day) or unpaired");
    t.add_field("x", FieldType::real, "centre, easting in the working CRS");
    t.add_field("y", FieldType::real, "centre, northing");
    t.add_field("longitude", FieldType::real, "centre");
    t.add_field("latitude", FieldType::real, "centre");
    t.add_field("lsoa_code", FieldType::string, "LSOA of the centre");
    t.add_field("harm", FieldType::real, "harm (crime harm index days) within the radius");
    t.add_field("incidents", FieldType::integer, "incidents within the radius");
    t.add_field("visits_day", FieldType::integer, "visits a day when patrolled");
    t.add_field("minutes_day", FieldType::real, "patrol minutes a day when patrolled (without travel)", "minutes");
    t.add_field("days", FieldType::integer, "days patrolled in the schedule");
    for (size_t i = 0; i < plan.places.size(); ++i) {
        const MicroPlace& p = plan.places[i];
        double lon = p.x;
        double lat = p.y;
        if (to_lonlat) {
            to_lonlat->Transform(1, &lon, &lat);
        }
        int64_t days = 0;
        for (int d = 1; d <= m_plan.days; ++d) {
            days += std::any_of(plan.schedule.begin(), plan.schedule.end(),
                                [&](const Visit& v) { return v.day == d && v.place == p.id; });
        }
        const bool visited = days > 0;
        t.rows.push_back({static_cast<int64_t>(p.id), plan.group[i], p.x, p.y, lon, lat,
                          p.area == kNoArea ? FieldValue() : FieldValue(areas.code(p.area)), p.harm, p.incidents,
                          static_cast<int64_t>(visited ? m_plan.visits_per_day : 0),
                          visited ? m_plan.visits_per_day * m_plan.visit_minutes : 0.0, days});
        GEOSGeometry* point = GEOSGeom_createPointFromXY_r(geos.get(), p.x, p.y);
        discs.push_back(detail::own(geos, GEOSBuffer_r(geos.get(), point, m_places.radius, 16), "a patrol disc"));
        GEOSGeom_destroy_r(geos.get(), point);
        t.geometry.push_back(discs.back().get());
    }
    t.geos = geos.get();
    t.crs = &areas.crs();
    t.notes.push_back(fixed(100 * plan.harm_share, 1) + " % of the harm on " + fixed(100 * plan.area_share, 2) +
                      " % of the area");
    write_table(t, m_out);
    summary.output(t, m_out);

    Table sched;
    sched.name = "patrol_schedule";
    sched.add_field("day", FieldType::integer, "day of the plan, 1..");
    sched.add_field("order", FieldType::integer, "visit order that day (random)");
    sched.add_field("place_id", FieldType::integer, "place to visit");
    sched.add_field("start", FieldType::string, "start time, HH:MM");
    sched.add_field("minutes", FieldType::real, "minutes at the place");
    for (const Visit& v : plan.schedule) {
        sched.rows.push_back({static_cast<int64_t>(v.day), static_cast<int64_t>(v.order), static_cast<int64_t>(v.place),
                              format_clock(v.start), v.minutes});
    }
    write_table(sched, schedule_path);
    summary.output(sched, schedule_path);
    return kSuccess;
}

}  // namespace hotspot::cli
