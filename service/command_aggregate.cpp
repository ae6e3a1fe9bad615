#include "command_aggregate.hpp"

#include <cstdio>
#include <memory>

#include "exit_codes.hpp"
#include "geo/area_frame.hpp"
#include "geo/area_index.hpp"
#include "geo/area_layers.hpp"
#include "geo/counts.hpp"
#include "geo/error.hpp"
#include "geo/io/incident_source.hpp"
#include "geo/io/layer_writer.hpp"
#include "geo/io/population.hpp"
#include "geo/io/workspace.hpp"
#include "progress.hpp"
#include "read_summary.hpp"

namespace hotspot::cli {

std::string default_rejects_path(const std::string& out) {
    std::string stem = out;
    for (const char* ext : {".shp.zip", ".csv", ".gpkg", ".geojson", ".json"}) {
        const std::string e(ext);
        if (stem.size() > e.size() && stem.compare(stem.size() - e.size(), e.size(), e) == 0) {
            stem.resize(stem.size() - e.size());
            break;
        }
    }
    return stem + ".rejects.csv";
}

CLI::App* AggregateCommand::setup(CLI::App& app) {
    auto* cmd = app.add_subcommand(
        "aggregate",
        "Assign incidents to areas and write counts, rates per 1,000 residents, harm, and "
        "the change against the previous window, one row per area");
    m_incidents.add_to(*cmd, false);
    cmd->add_option("-w,--workspace", m_workspace,
                    "Also aggregate the incidents stored in this workspace (GeoPackage file or "
                    "PG:... connection string)");
    m_areas.add_to(*cmd, true);
    cmd->add_option("--population", m_population,
                    "Population per area (CSV, may be gzipped), e.g. the IoD2019 population "
                    "denominators; gives rates and districts");
    cmd->add_option("--population-code-column", m_population_code,
                    "Column of --population holding the area code (default: guessed)");
    cmd->add_option("--population-column", m_population_column,
                    "Column of --population holding the population (default: guessed)");
    cmd->add_option("--rollup", m_rollup,
                    "Report on larger areas: a polygon layer (each area goes to the one it "
                    "overlaps most, e.g. wards) or \"district\" (from --population)");
    cmd->add_option("--rollup-layer", m_rollup_layer, "Layer of --rollup to use");
    m_filter.add_to(*cmd);
    cmd->add_option("--snap-metres", m_snap,
                    "Give an incident outside every area to the nearest area within this "
                    "distance (default 0: leave it unassigned)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--window", m_window,
                    "Months in each window of the change comparison (default 3: the last 3 "
                    "months against the 3 before)")
        ->check(CLI::Range(1, 120));
    cmd->add_option("--alpha", m_alpha,
                    "False discovery rate at which a change is called up or down (default 0.05)")
        ->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--harm-weights", m_harm,
                    "Harm weight per category (CSV: category,weight; default: "
                    "data/harm-weights.csv)");
    cmd->add_flag("--no-harm", m_no_harm, "Leave out the harm columns");
    cmd->add_option("--layer", m_layer,
                    "What to write: summary (one row per area), monthly (area x month x "
                    "category) or change (area x category)")
        ->check(CLI::IsMember({"summary", "monthly", "change"}));
    cmd->add_option("-o,--out", m_out,
                    "Output: .csv, .gpkg, .geojson (EPSG:4326) or .shp.zip")
        ->required();
    cmd->add_option("--rejects", m_rejects,
                    "Where to write rejected rows (default: OUT with .rejects.csv)");
    cmd->add_flag("-q,--quiet", m_quiet, "Print nothing but errors");
    cmd->footer(std::string("Example:\n  hotspot aggregate --incidents data/police-uk/essex/*.csv "
                            "--areas data/areas/essex-lsoa2011.gpkg --population "
                            "data/population/iod2019-population-denominators.csv.gz --out "
                            "lsoa.csv\n\n") +
                kExitCodeHelp);
    return cmd;
}

int AggregateCommand::run() {
    if (m_incidents.inputs.empty() && m_workspace.empty()) {
        throw InputError("give incidents with --incidents or --workspace");
    }
    export_format(m_out);  // fail on a bad output name before reading anything
    const std::string rejects_path = m_rejects.empty() ? default_rejects_path(m_out) : m_rejects;
    export_format(rejects_path);
    const OGRSpatialReference crs = parse_working_crs(m_incidents.crs);
    const auto mapping = m_incidents.mapping();
    ReadSummary summary(m_quiet);

    const AreaSet areas = read_areas(m_areas.path, m_areas.read_options(crs));
    summary.areas(areas);
    const AreaIndex index(areas);

    RejectLog rejects;
    std::optional<PopulationTable> population;
    if (!m_population.empty()) {
        PopulationOptions po;
        if (!m_population_code.empty()) {
            po.code_column = m_population_code;
        }
        if (!m_population_column.empty()) {
            po.population_column = m_population_column;
        }
        population = read_population(m_population, po);
        summary.population(*population);
        rejects.append(std::move(population->rejects));
    }

    const int threads = m_incidents.thread_count();
    CountsAccumulator accumulator(areas, index, threads, m_snap);
    ReadOptions options(crs, areas.extent());
    options.threads = threads;
    options.consumer = &accumulator;
    Progress progress(!m_quiet && Progress::stderr_is_terminal());
    options.progress = [&](uint64_t done, uint64_t total) { progress.update(done, total); };
    ParsedRows rows;
    for (const auto& input : m_incidents.inputs) {
        progress.start(input);
        summary.source(read_incidents(input, mapping ? &*mapping : nullptr, options, rows));
    }
    if (!m_workspace.empty()) {
        const Workspace ws = Workspace::open(m_workspace, false, crs);
        const SourceMapping ws_mapping = Workspace::incidents_mapping();
        progress.start(m_workspace);
        summary.source(read_incidents(ws.location(), &ws_mapping, options, rows));
    }
    progress.finish();
    rejects.append(std::move(rows.rejects));
    summary.assignment(accumulator.stats(), m_snap);

    CountsCube cube = accumulator.finish();
    AreaFrame frame = frame_of(areas, population ? &*population : nullptr);
    std::unique_ptr<AreaSet> rollup_areas;
    Rollup rollup;
    if (!m_rollup.empty()) {
        if (m_rollup == "district") {
            rollup = rollup_by_district(areas, frame);
        } else {
            AreaReadOptions ro;
            ro.working_crs = crs;
            if (!m_rollup_layer.empty()) {
                ro.layer = m_rollup_layer;
            }
            rollup_areas = std::make_unique<AreaSet>(read_areas(m_rollup, ro));
            rollup = rollup_by_overlap(areas, frame, *rollup_areas);
        }
        cube = regroup(cube, rollup.group_of, rollup.frame.size());
        frame = std::move(rollup.frame);
    }

    const ResolvedFilter filter = resolve(m_filter.filter(), cube);
    std::optional<HarmWeights> harm;
    if (!m_no_harm) {
        harm = HarmWeights::load(m_harm.empty() ? data_dir() + "/harm-weights.csv" : m_harm);
    }
    const WindowOptions window{m_window, m_alpha};
    Table table;
    if (m_layer == "monthly") {
        table = monthly_layer(cube, frame, filter);
    } else if (m_layer == "change") {
        table = change_layer(cube, frame, filter, window);
    } else {
        table = summary_layer(cube, frame, filter, harm ? &*harm : nullptr, window);
    }
    const size_t cut = write_table(table, m_out);
    if (cut > 0) {
        table.notes.push_back(std::to_string(cut) +
                              " text values were cut to the 254 bytes a Shapefile allows");
    }
    write_table(rejects.to_table(), rejects_path);
    summary.rejects(rejects, rejects_path);
    summary.output(table, m_out);
    return kSuccess;
}

}  // namespace hotspot::cli
