#include "service/cli/command_places.hpp"

#include <cmath>
#include <map>

#include "geo/aggregate/area_index.hpp"
#include "geo/aggregate/filter.hpp"
#include "geo/crs/crs.hpp"
#include "geo/error.hpp"
#include "geo/io/area_reader.hpp"
#include "geo/io/harm_weights.hpp"
#include "geo/io/incident_source.hpp"
#include "geo/io/layer_writer.hpp"
#include "geo/repeats/place_counts.hpp"
#include "geo/repeats/place_tables.hpp"
#include "service/cli/analysis_inputs.hpp"
#include "service/cli/exit_codes.hpp"
#include "service/cli/read_summary.hpp"
#include "service/cli/timings.hpp"

namespace hotspot::cli {

namespace {

std::string harm_text(double h) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", h);
    return buf;
}

std::string where(const Place& p, const AreaSet& areas, const AreaSet* wards) {
    std::string s = p.location.empty() ? "(no location text)" : p.location;
    if (wards != nullptr && p.ward != kNoId) {
        s += ", " + wards->name(p.ward);
    } else if (p.area != kNoId) {
        s += ", " + areas.name(p.area);
    }
    return s;
}

}  // namespace

CLI::App* PlacesCommand::setup(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand(
        "places", "Repeat locations: every place with its crime, harm, area, ward and street; the streets of each "
                  "ward; concentration on places; institutional places flagged (default: the bundled sample)");
    m_incidents.add_to(*cmd, false);
    m_areas.add_to(*cmd, false);
    m_filter.add_to(*cmd);
    cmd->add_option("--wards", m_wards, "Ward polygons (default: the bundled wards, with the bundled LSOAs)");
    cmd->add_option("--place-rules", m_rules,
                    "Place types and the flags for institutional places (default: data/places.json)");
    cmd->add_option("--harm-weights", m_harm, "Harm weight per category (default: data/harm-weights.csv)");
    cmd->add_option("--streets", m_streets, "Where the streets table goes (default: OUT's name + .streets.csv)");
    cmd->add_option("--monthly", m_monthly,
                    "Also write every place's incidents and harm by category and month here (place_id, category, "
                    "month, count, harm)");
    cmd->add_option("--window", m_window,
                    "Months in each of the two windows compared at every place (default 3)")
        ->check(CLI::Range(1, 120));
    cmd->add_option("--alpha", m_alpha, "False discovery rate at which a change is called (default 0.05)")
        ->check(in_range(1e-6, 0.5));
    cmd->add_option("--top", m_top, "Places to list in the summary (default 10)")->check(CLI::Range(0, 1000));
    cmd->add_option("--rejects", m_rejects, "Where rejected rows go (default: OUT's name + .rejects.csv)");
    cmd->add_flag("--timings", m_timings, "Print the time of each stage (areas, incidents, places, write) on stderr");
    cmd->add_flag("-q,--quiet", m_quiet, "Print only errors");
    cmd->add_option("-o,--out", m_out, "One row per place: .csv, .geojson, .gpkg or .shp.zip")->required();
    return cmd;
}

int PlacesCommand::run() {
    export_format(m_out);
    const std::string streets_path = m_streets.empty() ? output_sibling(m_out, ".streets.csv") : m_streets;
    const std::string rejects_path = m_rejects.empty() ? default_rejects_path(m_out) : m_rejects;
    export_format(streets_path);
    export_format(rejects_path);
    if (!m_monthly.empty()) {
        export_format(m_monthly);
    }
    const server::SampleFiles sample = server::SampleFiles::in();
    const bool own_areas = !m_areas.path.empty();
    const std::vector<std::string> inputs = m_incidents.inputs.empty() ? sample.incidents : m_incidents.inputs;
    const std::string wards_path = !m_wards.empty() ? m_wards : own_areas ? std::string() : sample.wards;
    const OGRSpatialReference crs = parse_working_crs(m_incidents.crs);
    const PlaceRules rules = load_place_rules(m_rules.empty() ? data_dir() + "/places.json" : m_rules, crs);
    const HarmWeights harm = read_harm_weights(m_harm.empty() ? sample.harm_weights : m_harm);

    ReadSummary summary(m_quiet);
    Timings timings(m_timings);
    const AreaSet areas = read_areas(own_areas ? m_areas.path : sample.lsoas, m_areas.read_options(crs));
    summary.areas(areas);
    std::unique_ptr<AreaSet> wards;
    if (!wards_path.empty()) {
        AreaReadOptions wo;
        wo.working_crs = crs;
        wards = std::make_unique<AreaSet>(read_areas(wards_path, wo));
        summary.areas(*wards);
    }
    timings.lap("areas");
    ReadOptions ro(crs, areas.extent());
    ro.keep_details = true;
    ro.threads = m_incidents.thread_count();
    ro.encoding = m_incidents.text_encoding();
    PlaceCollector collector(static_cast<size_t>(std::max(ro.threads, 1)));
    ro.consumer = &collector;
    const std::optional<SourceMapping> mapping = m_incidents.mapping();
    ParsedRows rows;
    for (const auto& path : inputs) {
        summary.source(read_incidents(path, mapping ? &*mapping : nullptr, ro, rows));
    }
    write_table(rows.rejects.to_table(), rejects_path);
    summary.rejects(rows.rejects, rejects_path);
    const PlaceCounts counts = collector.finish();
    if (counts.incidents == 0) {
        throw InputError("no incidents to find places in");
    }
    timings.lap("incidents");

    const AreaIndex index(areas);
    std::unique_ptr<AreaIndex> ward_index = wards ? std::make_unique<AreaIndex>(*wards) : nullptr;
    const ResolvedFilter filter = resolve(m_filter.filter(), counts.categories, counts.first, counts.last);
    PlaceQuery q;
    q.category = filter.category;
    q.from = filter.from;
    q.to = filter.to;
    q.harm_of_category = harm.by_category(counts.categories);
    q.window_months = m_window;
    q.area_at = [&](double x, double y) {
        const uint32_t a = index.locate(x, y);
        return a == kNoArea ? kNoId : a;
    };
    if (ward_index) {
        q.ward_at = [&](double x, double y) {
            const uint32_t w = ward_index->locate(x, y);
            return w == kNoArea ? kNoId : w;
        };
    }
    const PlaceSet set = build_places(counts, q, rules);
    timings.lap("places");
    const Table places = places_table(set, areas, wards.get(), counts.categories, crs, m_alpha);
    const Table streets = streets_table(set, wards.get());
    timings.lap("tables");

    const double n = static_cast<double>(set.places.size());
    summary.line("places", std::to_string(set.places.size()) + " places hold " + std::to_string(set.incidents) +
                               " incidents (" + filter.from.to_string() + " to " + filter.to.to_string() + ")");
    summary.line("concentration",
                 "the top 1 % of places hold " + percent_of(share_of_top(set, 0.01), 1) + " of the incidents, the top 5 % " +
                     percent_of(share_of_top(set, 0.05), 1) + ", the top 10 % " + percent_of(share_of_top(set, 0.10), 1) +
                     "; half of them happen at " + std::to_string(places_holding(set, 0.5)) + " places (" +
                     percent_of(static_cast<double>(places_holding(set, 0.5)), n) + ")");
    // The flagged places, rule by rule, and what they would have done to a plan.
    std::map<std::string, std::tuple<int64_t, int64_t, double>> flagged;
    int64_t flagged_count = 0;
    double flagged_harm = 0;
    for (const Place& p : set.places) {
        if (!p.flag.empty()) {
            auto& [n_places, count, h] = flagged[p.flag];
            ++n_places;
            count += p.count;
            h += p.harm;
            flagged_count += p.count;
            flagged_harm += p.harm;
        }
    }
    for (const FlagRule& rule : rules.flags) {
        const auto it = flagged.find(rule.flag);
        if (it == flagged.end()) {
            summary.line("flagged", rule.flag + ": no place");
            continue;
        }
        const auto& [n_places, count, h] = it->second;
        summary.line("flagged", rule.flag + ": " + std::to_string(n_places) + " places, " + std::to_string(count) +
                                    " incidents (" + percent_of(static_cast<double>(count), static_cast<double>(set.incidents)) +
                                    "), " + percent_of(h, set.harm) + " of the harm");
    }
    summary.line("flagged", "all flagged places: " + std::to_string(flagged_count) + " incidents (" +
                                percent_of(static_cast<double>(flagged_count), static_cast<double>(set.incidents)) + "), " +
                                percent_of(flagged_harm, set.harm) + " of the harm (rules: " + rules.source + ")");
    const Place* most_harm = nullptr;
    const Place* most_harm_unflagged = nullptr;
    for (const Place& p : set.places) {
        most_harm = most_harm == nullptr || p.harm > most_harm->harm ? &p : most_harm;
        if (p.flag.empty()) {
            most_harm_unflagged =
                most_harm_unflagged == nullptr || p.harm > most_harm_unflagged->harm ? &p : most_harm_unflagged;
        }
    }
    if (most_harm != nullptr && !most_harm->flag.empty() && most_harm_unflagged != nullptr) {
        summary.line("first", "the place with most harm is flagged " + most_harm->flag + ": " +
                                  where(*most_harm, areas, wards.get()) + " (" + harm_text(most_harm->harm) +
                                  "); the first place not flagged is " + where(*most_harm_unflagged, areas, wards.get()) +
                                  " (" + harm_text(most_harm_unflagged->harm) + ")");
    }
    for (size_t k = 0; k < set.places.size() && k < static_cast<size_t>(m_top); ++k) {
        const Place& p = set.places[k];
        summary.line("top", std::to_string(p.id) + ". " + where(p, areas, wards.get()) + ": " +
                                std::to_string(p.count) + " incidents, harm " + harm_text(p.harm) +
                                (!p.flag.empty() ? " [" + p.flag + "]" : std::string()));
    }
    if (set.without_location > 0) {
        summary.line("note", std::to_string(set.without_location) +
                                 (set.without_location == 1 ? " incident has" : " incidents have") +
                                 " no location text: each such point is its own place");
    }
    summary.line("note", what_a_place_is(counts));
    if (set.compared) {
        const size_t sig = places.field_index("change_sig");
        int64_t up = 0;
        int64_t down = 0;
        for (const auto& row : places.rows) {
            const auto* s = std::get_if<std::string>(&row[sig]);
            up += s != nullptr && *s == "up" ? 1 : 0;
            down += s != nullptr && *s == "down" ? 1 : 0;
        }
        summary.line("change", std::to_string(up) + " places rising and " + std::to_string(down) +
                                   " falling significantly, " + set.current_from.to_string() + " to " +
                                   set.current_to.to_string() + " against " + set.previous_from.to_string() +
                                   " to " + set.previous_to.to_string() + " (false discovery rate " +
                                   std::to_string(m_alpha).substr(0, 4) + ")");
    }
    write_table(places, m_out);
    summary.output(places, m_out);
    write_table(streets, streets_path);
    summary.output(streets, streets_path);
    if (!m_monthly.empty()) {
        const Table monthly = place_months_table(set, counts, q);
        write_table(monthly, m_monthly);
        summary.output(monthly, m_monthly);
    }
    timings.lap("write");
    timings.print();
    return kSuccess;
}

}  // namespace hotspot::cli
