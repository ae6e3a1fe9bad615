#include "service/cli/command_patrol.hpp"

#include <fstream>

#include "geo/crs/crs.hpp"
#include "geo/error.hpp"
#include "geo/io/layer_writer.hpp"
#include "service/analysis/history.hpp"
#include "service/cli/analysis_inputs.hpp"
#include "service/cli/exit_codes.hpp"
#include "service/cli/options.hpp"
#include "service/cli/read_summary.hpp"
#include "service/report/briefing.hpp"

namespace hotspot::cli {

CLI::App* PatrolCommand::setup(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand(
        "patrol", "Plan patrols at 150 m micro-places where harm concentrates, within the officer "
                  "hours, with a randomised schedule, team briefings and an optional randomised experiment");
    PlanOptions& plan = m_request.plan;
    cmd->add_option("--incidents", m_incidents, "Incident files (default: the bundled Essex sample)");
    cmd->add_option("--areas", m_areas, "LSOA polygons (default: the Essex LSOAs)");
    m_places.add_to(*cmd, true);
    cmd->add_option("--months", m_request.months, "Plan from the latest this many months (default 3)")
        ->check(CLI::Range(1, 120));
    CLI::Option* knife = cmd->add_flag("--knife", m_request.knife, "Knife crime only (the knife crime definition)");
    cmd->add_option("--categories", m_request.categories,
                    "Only these crime categories, by name or short code (burglary,robbery)")
        ->delimiter(',')
        ->excludes(knife);
    cmd->add_option("--unit", m_request.unit,
                    "What to patrol: place (150 m micro-places, default), lsoa or ward (whole areas; "
                    "ward needs the bundled areas)")
        ->check(CLI::IsMember({"place", "lsoa", "ward"}));
    CLI::Option* daily = cmd->add_option("--officer-hours", plan.officer_hours,
                                         "Officer hours per day for the visits (default 8)")
                             ->check(in_range(0.1, 10000.0));
    cmd->add_option("--officer-hours-week", m_week_hours,
                    "Officer hours per week instead, spread evenly over its seven days")
        ->check(in_range(0.7, 70000.0))
        ->excludes(daily);
    cmd->add_option("--visit-minutes", plan.visit_minutes, "Minutes per visit (default 15, the Koper curve)")
        ->check(in_range(1.0, 240.0));
    cmd->add_option("--visits-per-day", plan.visits_per_day, "Visits per place per day (default 1)")
        ->check(CLI::Range(1, 24));
    cmd->add_option("--travel-minutes", plan.travel_minutes, "Travel allowance per visit (default 10)")
        ->check(in_range(0.0, 240.0));
    cmd->add_option("--days", plan.days, "Days to schedule (default 7)")->check(CLI::Range(1, 366));
    cmd->add_option("--window", m_window, "Time window for visits, HH:MM-HH:MM (default 10:00-22:00)");
    cmd->add_option("--radius", m_request.places.radius, "Micro-place radius in metres (default 150)")
        ->check(in_range(25.0, 2000.0));
    cmd->add_option("--teams", m_request.teams, "Split the places into this many beats (default 1)")
        ->check(CLI::Range(1, 50));
    cmd->add_option("--experiment", plan.experiment,
                    "none (default), pairs (places paired by harm, one of each patrolled at random) or "
                    "daily (a random half patrolled each day)")
        ->check(CLI::IsMember({"none", "pairs", "daily"}));
    cmd->add_option("--seed", plan.seed, "Random seed for the schedule, the allocation and the beats (default 2018)");
    cmd->add_option("--schedule", m_schedule, "Where the visit schedule goes (default: OUT's name + .schedule.csv)");
    cmd->add_option("--briefing", m_briefing, "Where the printable briefing goes (default: OUT's name + .briefing.html)");
    cmd->add_flag("-q,--quiet", m_quiet, "Print only errors");
    cmd->add_option("-o,--out", m_out, "The plan, one row per place: .csv, .geojson, .gpkg or .shp.zip")->required();
    return cmd;
}

int PatrolCommand::run() {
    export_format(m_out);
    const std::string schedule_path = m_schedule.empty() ? output_sibling(m_out, ".schedule.csv") : m_schedule;
    export_format(schedule_path);
    const std::string briefing_path = m_briefing.empty() ? output_sibling(m_out, ".briefing.html") : m_briefing;
    const size_t dash = m_window.find('-');
    if (dash == std::string::npos) {
        throw InputError("--window \"" + m_window + "\": give HH:MM-HH:MM");
    }
    m_request.plan.window_start = parse_clock(m_window.substr(0, dash));
    m_request.plan.window_end = parse_clock(m_window.substr(dash + 1));
    if (m_request.unit == "ward" && !m_areas.empty()) {
        throw InputError("--unit ward plans over the bundled wards, which do not fit --areas " + m_areas);
    }
    if (m_week_hours > 0) {
        m_request.plan.officer_hours = m_week_hours / 7;
    }
    ReadSummary summary(m_quiet);
    const server::IncidentHistory history =
        server::load_history(server::HistoryUse::patrol, m_incidents, m_areas, m_request.unit == "ward",
                             m_places.exclusion(parse_working_crs(kDefaultWorkingCrs)));
    if (const PlaceRules* rules = history.snapshot->excluded_by()) {
        summary.excluded(history.snapshot->excluded(), *rules, true);
    } else {
        summary.line("flagged", "incidents at flagged places (airport, police stations, prisons, hospitals) kept, "
                                "as --include-flagged asks");
    }
    const std::unique_ptr<server::PatrolResult> result = server::plan_patrol(*history.snapshot, m_request);
    for (const auto& [what, text] : result->summary) {
        summary.line(what.c_str(), text);
    }
    write_table(result->table, m_out);
    summary.output(result->table, m_out);
    write_table(result->schedule, schedule_path);
    summary.output(result->schedule, schedule_path);
    std::ofstream briefing(briefing_path, std::ios::binary);
    briefing << report::patrol_briefing(*result);
    if (!briefing.flush()) {
        throw Error(briefing_path + ": cannot write the briefing");
    }
    summary.line("briefing", briefing_path + " (one page per team; print it from a browser)");
    return kSuccess;
}

}  // namespace hotspot::cli
