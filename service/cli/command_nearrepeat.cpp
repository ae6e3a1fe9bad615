#include "service/cli/command_nearrepeat.hpp"

#include <cmath>
#include <fstream>
#include <map>
#include <utility>

#include "geo/calendar.hpp"
#include "geo/error.hpp"
#include "geo/aggregate/filter.hpp"
#include "geo/crs/crs.hpp"
#include "geo/detail/parallel.hpp"
#include "geo/io/incident_source.hpp"
#include "geo/io/layer_writer.hpp"
#include "geo/text.hpp"
#include "geo/repeats/knox_tables.hpp"
#include "service/cli/analysis_inputs.hpp"
#include "service/cli/exit_codes.hpp"
#include "service/cli/options.hpp"
#include "service/cli/read_summary.hpp"
#include "service/report/nearrepeat_report.hpp"

namespace hotspot::cli {

namespace {

/// Fewer events than this give pair counts too small for the test to mean much.
constexpr size_t kFewEvents = 30;

/// Warnings about what the events can support: too few, or many at one point (police.uk
/// snaps every crime to one of a fixed set of points, which makes "same location" pairs
/// an artefact of the anonymisation).
std::vector<std::string> caveats(const std::vector<DatedEvent>& events) {
    std::vector<std::string> out;
    if (events.size() < kFewEvents) {
        out.push_back("only " + std::to_string(events.size()) +
                      " events: too few pairs in each band for the test to find a pattern");
    }
    std::map<std::pair<double, double>, int64_t> at;
    for (const auto& e : events) {
        ++at[{e.x, e.y}];
    }
    int64_t shared = 0;
    for (const auto& [point, n] : at) {
        shared += n > 1 ? n : 0;
    }
    const double share = static_cast<double>(shared) / static_cast<double>(events.size());
    if (events.size() >= kFewEvents && share >= 0.5) {
        out.push_back(std::to_string(std::lround(100 * share)) + " % of the events share their exact point with another (" +
                      std::to_string(at.size()) + " points for " + std::to_string(events.size()) +
                      " events): the locations look snapped or rounded, as police.uk's are, so the \"same\" "
                      "band and the shortest distances measure the snapping, not the crimes");
    }
    return out;
}

}  // namespace

CLI::App* NearRepeatCommand::setup(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand(
        "nearrepeat", "Near repeats: the Knox test as the Near Repeat Calculator computes it, on dated events; "
                      "findings in words, an HTML table, and the zones of raised risk active today");
    CLI::Option* events = cmd->add_option(
        "--events", m_events,
        "Dated events (CSV): x and y in metres in a projected CRS, and a date (YYYY-MM-DD or DD/MM/YYYY); with a "
        "header, or three columns x, y, date without one");
    CLI::Option* incidents = cmd->add_option(
        "-i,--incidents", m_incidents,
        "Or incidents with a date, read as every other command reads them (a force's export through --mapping, "
        "any GDAL layer), projected into British National Grid");
    events->excludes(incidents);
    cmd->add_option("--mapping", m_mapping, "Column mapping for --incidents (see data/mappings/README.md)");
    cmd->add_option("--categories", m_categories,
                    "Categories of --incidents to test, by name or short code (default: all; a test mixes them)")
        ->delimiter(',');
    cmd->add_option("--x-column", m_read.x_column, "The x column (default: x, easting, x_coordinate or point_x)");
    cmd->add_option("--y-column", m_read.y_column, "The y column (default: y, northing, y_coordinate or point_y)");
    cmd->add_option("--date-column", m_read.date_column, "The date column (default: date, date_single, datetime, "
                                                          "day or time)");
    cmd->add_option("--date-order", m_date_order, "Order of dates written with slashes: dmy (default) or mdy")
        ->check(CLI::IsMember({"dmy", "mdy"}));
    cmd->add_option("--distance-band", m_options.distance_band, "Width of a distance band, metres (default 100)")
        ->check(in_range(1, 100'000));
    cmd->add_option("--distance-bands", m_options.distance_bands, "Distance bands after \"same\" (default 3)")
        ->check(CLI::Range(1, 50));
    cmd->add_option("--time-band", m_options.time_band, "Width of a time band, days (default 7)")
        ->check(CLI::Range(1, 3650));
    cmd->add_option("--time-bands", m_options.time_bands, "Time bands (default 3)")->check(CLI::Range(1, 100));
    cmd->add_option("--metric", m_metric, "Distance: manhattan (default, as the calculator) or euclidean")
        ->check(CLI::IsMember({"manhattan", "euclidean"}));
    cmd->add_option("--permutations", m_options.permutations, "Permutations of the days (default 999)")
        ->check(CLI::Range(1, 99'999));
    cmd->add_option("--seed", m_options.seed, "Seed of the permutations (default 1)");
    cmd->add_option("--threads", m_options.threads, "Threads (default: all cores; the result is the same)")
        ->check(CLI::Range(0, 256));
    cmd->add_option("--html", m_html, "Where the HTML table goes (default: OUT's name + .html)");
    cmd->add_option("--zones", m_zones, "Where the zones active on --today go (default: OUT's name + .zones.csv)");
    cmd->add_option("--crs", m_crs,
                    "The CRS of --events' x and y (e.g. EPSG:26971): the zones then get longitude and latitude, "
                    "for hotspot serve --zones (--incidents are in British National Grid already)");
    cmd->add_option("--today", m_today, "The day the zones are active on, YYYY-MM-DD (default: the last event's day)");
    cmd->add_option("--zone-metres", m_zone_metres,
                    "Radius of a zone (default: the distance the test found near repeats within)")
        ->check(in_range(1, 100'000));
    cmd->add_option("--zone-days", m_zone_days, "Days a zone lasts (default: those the test found)")
        ->check(CLI::Range(1, 3650));
    cmd->add_option("--rejects", m_rejects, "Where rejected rows go (default: OUT's name + .rejects.csv)");
    cmd->add_flag("-q,--quiet", m_quiet, "Print only errors");
    cmd->add_option("-o,--out", m_out, "One row per distance band and time band: .csv, .geojson, .gpkg or .shp.zip")
        ->required();
    return cmd;
}

DatedEvents NearRepeatCommand::read_dated_incidents(ReadSummary& summary) const {
    const OGRSpatialReference crs = parse_working_crs(kDefaultWorkingCrs);
    ReadOptions options(crs, std::nullopt);
    options.keep_details = true;
    options.threads = capped_threads(m_options.threads);
    const std::optional<SourceMapping> mapping =
        m_mapping.empty() ? std::nullopt : std::optional<SourceMapping>(load_mapping(m_mapping));
    ParsedRows rows;
    for (const auto& path : m_incidents) {
        summary.source(read_incidents(path, mapping ? &*mapping : nullptr, options, rows));
    }
    const IncidentTable& t = rows.table;
    DatedEvents out;
    out.source = join(m_incidents, ", ");
    out.x_column = "easting";
    out.y_column = "northing";
    out.date_column = mapping && mapping->date ? *mapping->date : "date";
    out.rows = static_cast<int64_t>(t.size()) + rows.rejects.total();
    out.rejects = std::move(rows.rejects);
    if (t.size() == 0) {
        return out;
    }
    Month first = t.month[0];
    Month last = t.month[0];
    for (size_t i = 0; i < t.size(); ++i) {
        first = std::min(first, t.month[i]);
        last = std::max(last, t.month[i]);
    }
    Filter f;
    f.categories = m_categories;
    const ResolvedFilter filter = resolve(f, t.categories, first, last);
    int64_t undated = 0;
    for (size_t i = 0; i < t.size(); ++i) {
        if (!filter.category.at(t.category[i])) {
            continue;
        }
        if (!t.has_time() || t.minutes[i] == kNoTime) {
            ++undated;
            continue;
        }
        const int64_t m = t.minutes[i];
        out.events.push_back({t.x[i], t.y[i], m >= 0 ? m / 1440 : -((-m + 1439) / 1440), t.details->line[i]});
    }
    if (out.events.empty() && undated > 0) {
        throw InputError(out.source + ": no incident has a day, only a month (police.uk publishes only the month): "
                                      "a near-repeat test needs the day of each event; map a date column");
    }
    if (undated > 0) {
        summary.line("undated", std::to_string(undated) + " incidents have a month but no day and are left out");
    }
    return out;
}

int NearRepeatCommand::run() {
    export_format(m_out);
    const std::string html_path = m_html.empty() ? output_sibling(m_out, ".html") : m_html;
    const std::string zones_path = m_zones.empty() ? output_sibling(m_out, ".zones.csv") : m_zones;
    const std::string rejects_path = m_rejects.empty() ? default_rejects_path(m_out) : m_rejects;
    export_format(zones_path);
    export_format(rejects_path);
    m_read.order = m_date_order == "mdy" ? DateOrder::month_day_year : DateOrder::day_month_year;
    m_options.metric = m_metric == "euclidean" ? DistanceMetric::euclidean : DistanceMetric::manhattan;
    std::optional<int64_t> today;
    if (!m_today.empty()) {
        const auto t = parse_timestamp(m_today, DateOrder::day_month_year);
        if (!t || m_today.size() != 10) {
            throw InputError("--today \"" + m_today + "\": give a date, YYYY-MM-DD");
        }
        today = t->minutes / 1440;
    }

    if (m_events.empty() && m_incidents.empty()) {
        throw InputError("give the events with --events, or incidents with --incidents");
    }
    if (m_events.empty() && !m_crs.empty()) {
        throw InputError("--crs goes with --events; --incidents are read into British National Grid");
    }
    // The zones can be mapped when their CRS is known: always for --incidents.
    std::optional<OGRSpatialReference> crs;
    if (!m_crs.empty() || m_events.empty()) {
        crs = parse_working_crs(m_crs.empty() ? std::string(kDefaultWorkingCrs) : m_crs);
    }
    if (!m_events.empty() && (!m_mapping.empty() || !m_categories.empty())) {
        throw InputError("--mapping and --categories go with --incidents; --events names its own columns");
    }
    ReadSummary summary(m_quiet);
    const std::string source = m_events.empty() ? join(m_incidents, ", ") : m_events;
    DatedEvents events = m_events.empty() ? read_dated_incidents(summary) : read_dated_events(m_events, m_read);
    int64_t first = INT64_MAX;
    int64_t last = INT64_MIN;
    for (const auto& e : events.events) {
        first = std::min(first, e.day);
        last = std::max(last, e.day);
    }
    summary.line("events", source + ": " + std::to_string(events.rows) + " rows, " +
                               std::to_string(events.events.size()) + " events" +
                               (events.events.empty() ? std::string()
                                                      : ", " + format_day(first) + " to " + format_day(last)) +
                               " (x " + events.x_column + ", y " + events.y_column + ", date " + events.date_column +
                               ")");
    write_table(events.rejects.to_table(), rejects_path);
    summary.rejects(events.rejects, rejects_path);
    const std::vector<std::string> notes = caveats(events.events);
    for (const auto& note : notes) {
        summary.line("warning", note);
    }

    const KnoxResult result = knox_test(events.events, m_options);
    summary.line("pairs", std::to_string(result.pairs) + " pairs, " + std::to_string(result.close_pairs) +
                              " of them within " + shortest(m_options.distance_band * m_options.distance_bands) +
                              " m; " + std::to_string(m_options.permutations) + " permutations, seed " +
                              std::to_string(m_options.seed));
    const KnoxFinding finding = describe_knox(result);
    for (const auto& line : finding.lines) {
        summary.line("finding", line);
    }
    const Table table = knox_table(result);
    write_table(table, m_out);
    summary.output(table, m_out);

    std::ofstream html(html_path, std::ios::binary);
    html << report::nearrepeat_report(result, finding, source, notes);
    if (!html.flush()) {
        throw Error(html_path + ": cannot write the table");
    }
    summary.line("html", html_path);

    // The operational part: zones around the latest events, for as long as the raised
    // risk the test found lasts (or the force's own policy, given as options).
    const double zone_metres = m_zone_metres > 0 ? m_zone_metres : finding.zone_metres;
    const int zone_days = m_zone_days > 0 ? m_zone_days : finding.zone_days;
    const int64_t day = today.value_or(last);
    const std::vector<ActiveZone> zones =
        zone_metres > 0 && zone_days > 0 ? active_zones(events.events, zone_days, day) : std::vector<ActiveZone>{};
    const Table zone_rows = zone_table(zones, zone_metres, day, crs ? &*crs : nullptr);
    write_table(zone_rows, zones_path);
    if (zone_metres > 0 && zone_days > 0) {
        summary.line("zones", std::to_string(zones.size()) + " zones active on " + format_day(day) + " (" +
                                  shortest(zone_metres) + " m for " + std::to_string(zone_days) + " days from each event" +
                                  (m_zone_metres > 0 || m_zone_days > 0 ? ", as given" : ", as the test found") +
                                  "): " + zones_path);
    } else {
        summary.line("zones", "none: the test found no near-repeat pattern to act on (give --zone-metres and "
                              "--zone-days for a fixed policy); " + zones_path + " is empty");
    }
    return kSuccess;
}

}  // namespace hotspot::cli
