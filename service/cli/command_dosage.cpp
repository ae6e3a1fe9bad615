#include "service/cli/command_dosage.hpp"

#include <filesystem>
#include <map>

#include "geo/aggregate/area_index.hpp"
#include "geo/crs/crs.hpp"
#include "geo/error.hpp"
#include "geo/io/area_reader.hpp"
#include "geo/io/layer_writer.hpp"
#include "service/cli/analysis_inputs.hpp"
#include "service/cli/exit_codes.hpp"
#include "service/cli/options.hpp"
#include "service/cli/read_summary.hpp"

namespace hotspot::cli {

namespace {

/// "1 stay", "3 stays".
std::string count_of(int64_t n, const std::string& one, const std::string& many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string minutes(double m) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", m);
    return buf;
}

}  // namespace

CLI::App* DosageCommand::setup(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand(
        "dosage", "Compare a patrol plan with patrol logs (visit records or GPS fixes): minutes and visits "
                  "planned and delivered per place and per day");
    cmd->add_option("--plan", m_plan, "The plan `hotspot patrol` wrote (.csv, .geojson, .gpkg or .shp.zip)")
        ->required();
    cmd->add_option("--schedule", m_schedule,
                    "The plan's schedule (default: the plan's name + .schedule.csv, when it exists)");
    cmd->add_option("--log", m_logs,
                    "Patrol logs (CSV): visit records with place_id, start, and end or minutes; or GPS fixes "
                    "with longitude, latitude (or x, y in EPSG:27700) and time; an optional unit column")
        ->required();
    cmd->add_option("--areas", m_areas,
                    "Polygons of the plan's areas, for plans of LSOAs or wards (default: the bundled ones)");
    cmd->add_option("--from", m_from, "First day of the period, YYYY-MM-DD, day 1 of the plan (default: the "
                                      "logs' first day)");
    cmd->add_option("--to", m_to, "Last day of the period (default: the logs' last day)");
    cmd->add_option("--max-gap", m_options.max_gap_seconds,
                    "GPS fixes further apart than this many seconds break a stay (default 300)")
        ->check(in_range(1.0, 86400.0));
    cmd->add_option("--min-stay", m_options.min_stay_seconds,
                    "GPS stays shorter than this many seconds are passing through, not visits (default 60)")
        ->check(in_range(0.0, 86400.0));
    cmd->add_option("--date-order", m_date_order, "Order of dates written with slashes: dmy (default) or mdy")
        ->check(CLI::IsMember({"dmy", "mdy"}));
    cmd->add_option("--daily", m_daily, "Where the per-day table goes (default: OUT's name + .daily.csv)");
    cmd->add_option("--rejects", m_rejects, "Where rejected log rows go (default: OUT's name + .rejects.csv)");
    cmd->add_flag("-q,--quiet", m_quiet, "Print only errors");
    cmd->add_option("-o,--out", m_out, "One row per place: .csv, .geojson, .gpkg or .shp.zip")->required();
    return cmd;
}

int DosageCommand::run() {
    export_format(m_out);
    const std::string daily_path = m_daily.empty() ? output_sibling(m_out, ".daily.csv") : m_daily;
    const std::string rejects_path = m_rejects.empty() ? default_rejects_path(m_out) : m_rejects;
    export_format(daily_path);
    export_format(rejects_path);
    m_options.order = m_date_order == "mdy" ? DateOrder::month_day_year : DateOrder::day_month_year;
    auto day_option = [&](const std::string& text, const char* name) -> std::optional<int64_t> {
        if (text.empty()) {
            return std::nullopt;
        }
        const auto t = parse_timestamp(text, m_options.order);
        if (!t || text.size() > 10) {
            throw InputError(std::string(name) + " \"" + text + "\": give a date, YYYY-MM-DD");
        }
        return t->minutes / 1440;
    };
    const auto from = day_option(m_from, "--from");
    const auto to = day_option(m_to, "--to");
    if (from && to && *to < *from) {
        throw InputError("--to " + m_to + " is before --from " + m_from);
    }

    ReadSummary summary(m_quiet);
    std::string schedule = m_schedule;
    if (schedule.empty()) {
        const std::string sibling = output_sibling(m_plan, ".schedule.csv");
        if (std::filesystem::exists(sibling)) {
            schedule = sibling;
        }
    }
    const DosagePlan plan = read_patrol_plan(m_plan, schedule);
    summary.line("plan", m_plan + ": " + std::to_string(plan.places.size()) + " places" +
                             (schedule.empty() ? " (no schedule: every patrolled place every day)"
                                               : ", a " + std::to_string(plan.days) + "-day schedule in " + schedule));

    // Where a point is: inside a place's disc, or in the area a place stands for.
    const OGRSpatialReference crs = parse_working_crs("EPSG:27700");
    std::unique_ptr<AreaSet> areas;
    std::unique_ptr<AreaIndex> index;
    std::map<uint32_t, int> place_of_area;
    const auto area_place = std::find_if(plan.places.begin(), plan.places.end(),
                                         [](const DosagePlace& p) { return p.unit != "place"; });
    if (area_place != plan.places.end()) {
        const std::string path =
            !m_areas.empty() ? m_areas
                             : (area_place->unit == "ward" ? server::SampleFiles::in().wards
                                                          : server::SampleFiles::in().lsoas);
        AreaReadOptions ao;
        ao.working_crs = crs;
        areas = std::make_unique<AreaSet>(read_areas(path, ao));
        index = std::make_unique<AreaIndex>(*areas);
        for (const auto& p : plan.places) {
            const auto a = areas->find(p.code);
            if (!a) {
                throw InputError(m_plan + ": place " + std::to_string(p.id) + ": area " + p.code + " is not in " +
                                 path);
            }
            place_of_area[*a] = p.id;
        }
    }
    const PlaceLocator locate = [&](double x, double y) {
        if (index) {
            const auto it = place_of_area.find(index->locate(x, y));
            return it == place_of_area.end() ? 0 : it->second;
        }
        for (const auto& p : plan.places) {
            const double dx = x - p.x;
            const double dy = y - p.y;
            if (dx * dx + dy * dy <= p.radius * p.radius) {
                return p.id;
            }
        }
        return 0;
    };

    std::vector<Stay> stays;
    RejectLog rejects;
    for (const auto& path : m_logs) {
        PatrolLog log = read_patrol_log(path, plan, crs, locate, m_options);
        if (log.gps) {
            summary.line("log", path + ": " + std::to_string(log.rows) + " rows, " +
                                    std::to_string(log.fixes.size()) + " GPS fixes, " +
                                    std::to_string(log.fixes_in_places) + " of them in a place, " +
                                    count_of(static_cast<int64_t>(log.stays.size()), "stay", "stays") + " of " +
                                    minutes(m_options.min_stay_seconds / 60) + " min or more (gaps up to " +
                                    minutes(m_options.max_gap_seconds) + " s)");
        } else {
            summary.line("log", path + ": " + count_of(log.rows, "row", "rows") + ", " +
                                    count_of(static_cast<int64_t>(log.stays.size()), "visit record", "visit records"));
        }
        stays.insert(stays.end(), log.stays.begin(), log.stays.end());
        rejects.append(std::move(log.rejects));
    }
    write_table(rejects.to_table(), rejects_path);
    summary.rejects(rejects, rejects_path);
    if (stays.empty() && (!from || !to)) {
        throw InputError("no visit in the logs, so no period to measure: give --from and --to");
    }
    int64_t first = from.value_or(INT64_MAX);
    int64_t last = to.value_or(INT64_MIN);
    for (const Stay& s : stays) {
        const int64_t d = day_of(s.start);
        first = from ? first : std::min(first, d);
        last = to ? last : std::max(last, d);
    }
    const DosageReport report = measure_dosage(plan, stays, first, last);
    summary.line("period", format_day(first) + " to " + format_day(last) + " (" + count_of(last - first + 1, "day", "days") +
                               "; day 1 of the plan is " + format_day(first) + ")");
    summary.line("delivered", minutes(report.delivered_minutes) + " of " + minutes(report.planned_minutes) +
                                  " planned minutes (" + percent_of(report.delivered_minutes, report.planned_minutes) +
                                  ")");
    int under = 0;
    int planned = 0;
    for (const auto& p : report.places) {
        planned += p.planned_minutes > 0 ? 1 : 0;
        under += p.planned_minutes > 0 && p.delivered_minutes < 0.5 * p.planned_minutes ? 1 : 0;
    }
    summary.line("under", std::to_string(under) + " of " + std::to_string(planned) +
                              " planned places got under half their minutes");
    if (report.control_minutes > 0) {
        summary.line("controls", minutes(report.control_minutes) +
                                     " minutes at control places: the experiment is contaminated");
    }
    if (report.stays_outside_period > 0) {
        summary.line("outside", std::to_string(report.stays_outside_period) + " visits outside the period, not counted");
    }
    const Table table = dosage_table(plan, report);
    write_table(table, m_out);
    summary.output(table, m_out);
    const Table days = dosage_day_table(report);
    write_table(days, daily_path);
    summary.output(days, daily_path);
    return kSuccess;
}

}  // namespace hotspot::cli
