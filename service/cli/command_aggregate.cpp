#include "service/cli/command_aggregate.hpp"

#include <cstdio>
#include <memory>

#include "geo/aggregate/area_frame.hpp"
#include "geo/aggregate/area_index.hpp"
#include "geo/aggregate/area_layers.hpp"
#include "geo/aggregate/counts.hpp"
#include "geo/error.hpp"
#include "geo/io/harm_weights.hpp"
#include "geo/io/incident_source.hpp"
#include "geo/io/layer_writer.hpp"
#include "geo/io/population.hpp"
#include "geo/io/workspace.hpp"
#include "service/cli/exit_codes.hpp"
#include "service/cli/progress.hpp"
#include "service/cli/read_summary.hpp"

namespace hotspot::cli {

CLI::App* AggregateCommand::setup(CLI::App& app) {
    auto* cmd = app.add_subcommand(
        "aggregate",
        "Assign incidents to areas and write counts, rates per 1,000 residents, harm, and "
        "the change against the previous window, one row per area");
    m_inputs.add_to(*cmd, true);
    cmd->add_option("--rollup", m_rollup,
                    "Report on larger areas: a polygon layer (each area goes to the one it "
                    "overlaps most, e.g. wards) or \"district\" (from --population)");
    cmd->add_option("--rollup-layer", m_rollup_layer, "Layer of --rollup to use");
    m_filter.add_to(*cmd);
    cmd->add_option("--window", m_window,
                    "Months in each window of the change comparison (default 3: the last 3 "
                    "months against the 3 before)")
        ->check(CLI::Range(1, 120));
    cmd->add_option("--alpha", m_alpha,
                    "False discovery rate at which a change is called up or down (default 0.05)")
        ->check(in_range(0.0, 1.0));
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
    cmd->footer(std::string("Example:\n  hotspot aggregate --incidents data/police-uk/essex/*.csv "
                            "--areas data/areas/essex-lsoa2011.gpkg --population "
                            "data/population/iod2019-population-denominators.csv.gz --out "
                            "lsoa.csv\n\n") +
                kExitCodeHelp);
    return cmd;
}

int AggregateCommand::run() {
    export_format(m_out);  // fail on a bad output name before reading anything
    m_inputs.check(m_out);
    const OGRSpatialReference crs = m_inputs.crs();
    const AreaSet& areas = m_inputs.areas();
    const PopulationTable* population = m_inputs.population();
    CountsAccumulator accumulator(areas, m_inputs.index(), m_inputs.threads(), m_inputs.snap_metres());
    m_inputs.read_incidents(accumulator, areas.extent());
    ReadSummary& summary = m_inputs.summary();
    summary.assignment(accumulator.stats(), m_inputs.snap_metres());

    CountsCube cube = accumulator.finish();
    AreaFrame frame = frame_of(areas, population);
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
        harm = read_harm_weights(m_harm.empty() ? server::SampleFiles::in().harm_weights : m_harm);
    }
    const WindowOptions window{m_window, m_alpha};
    Table table;
    if (m_layer == "monthly") {
        table = monthly_layer(CellCounts::truth(cube), frame, filter);
    } else if (m_layer == "change") {
        table = change_layer(CellCounts::truth(cube), frame, filter, window);
    } else {
        table = summary_layer(CellCounts::truth(cube), frame, filter, harm ? &*harm : nullptr, window);
    }
    const size_t cut = write_table(table, m_out);
    if (cut > 0) {
        table.notes.push_back(std::to_string(cut) +
                              " text values were cut to the 254 bytes a Shapefile allows");
    }
    m_inputs.write_rejects();
    summary.output(table, m_out);
    return kSuccess;
}

}  // namespace hotspot::cli
