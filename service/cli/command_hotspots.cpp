#include "service/cli/command_hotspots.hpp"

#include <chrono>
#include <cstdio>

#include "geo/aggregate/area_frame.hpp"
#include "geo/aggregate/area_values.hpp"
#include "geo/aggregate/counts.hpp"
#include "geo/aggregate/knife.hpp"
#include "geo/aggregate/point_collector.hpp"
#include "geo/error.hpp"
#include "geo/harm.hpp"
#include "geo/hotspots/emerging.hpp"
#include "geo/hotspots/getis_ord.hpp"
#include "geo/hotspots/hotspot_layers.hpp"
#include "geo/hotspots/kde.hpp"
#include "geo/hotspots/local_moran.hpp"
#include "geo/hotspots/weights.hpp"
#include "geo/io/harm_weights.hpp"
#include "geo/io/layer_writer.hpp"
#include "service/cli/exit_codes.hpp"
#include "service/cli/timings.hpp"

namespace hotspot::cli {
namespace {

std::string metres(double v) {
    std::array<char, 32> buf{};
    std::snprintf(buf.data(), buf.size(), "%.0f m", v);
    return buf.data();
}

}  // namespace

CLI::App* HotspotsCommand::setup(CLI::App& app) {
    auto* cmd = app.add_subcommand(
        "hotspots",
        "Find hot spots: Getis-Ord Gi* and local Moran's I on areas, kernel density in "
        "metres, emerging hot spots over months, and how concentrated crime is");
    cmd->add_option("-m,--method", m_method,
                    "gi (Getis-Ord Gi*), lisa (Gi* and local Moran's I), kde (kernel density "
                    "surface, GeoTIFF), emerging (emerging hot spots by month) or "
                    "concentration (share of crime against share of places)")
        ->required()
        ->check(CLI::IsMember({"gi", "lisa", "kde", "emerging", "concentration"}));
    m_inputs.add_to(*cmd, false);
    m_filter.add_to(*cmd);
    cmd->add_flag("--knife", m_knife,
                  "Only knife crime, as data/knife-crime.json defines it (police.uk has no "
                  "knife marker: \"Possession of weapons\", plus categories a force's "
                  "knife marker flags)");
    cmd->add_option("--knife-definition", m_knife_definition,
                    "Another knife crime definition (JSON: name, categories, include_marked)");
    m_value_option = cmd->add_option("--value", m_value,
                                     "Analyse count (default), rate (per 1,000 residents; "
                                     "needs --population) or harm (weighted by "
                                     "--harm-weights)")
                         ->check(CLI::IsMember({"count", "rate", "harm"}));
    cmd->add_option("--harm-weights", m_harm,
                    "Harm weight per category (default: data/harm-weights.csv)");
    m_weights_option =
        cmd->add_option("--weights", m_weights,
                        "Neighbours: queen (default) or rook contiguity, knn (k nearest "
                        "centroids) or distance (centroids within --distance)")
            ->check(CLI::IsMember({"queen", "rook", "knn", "distance"}));
    cmd->add_option("--tolerance", m_tolerance,
                    "Contiguity: boundaries closer than this many metres touch (default 1), "
                    "so slivers and gaps in generalised boundaries do not break it")
        ->check(positive_number(true));
    cmd->add_option("--k", m_k, "Neighbours for --weights knn (default 8)")->check(positive_number());
    cmd->add_option("--distance", m_distance, "Metres for --weights distance")
        ->check(positive_number());
    cmd->add_flag("--row-standardise", m_row_standardise,
                  "Gi*: row-standardise the weights (default: binary, as ArcGIS)");
    cmd->add_flag("--binary-weights", m_binary,
                  "Local Moran's I: binary weights (default: row-standardised, as GeoDa)");
    m_fdr_option = cmd->add_flag("--no-fdr", m_no_fdr,
                                 "Gi* bins without the false discovery rate correction");
    cmd->add_option("--permutations", m_permutations,
                    "Local Moran's I: conditional permutations (default 999)")
        ->check(CLI::Range(1, 99999));
    cmd->add_option("--seed", m_seed, "Local Moran's I: random seed (default 12345)");
    cmd->add_option("--alpha", m_alpha,
                    "Local Moran's I: pseudo p-value below which a quadrant is a cluster "
                    "(default 0.05)")
        ->check(in_range(0.0, 1.0));
    cmd->add_option("--trend-alpha", m_trend_alpha,
                    "Emerging hot spots: significance of the Mann-Kendall trend (default 0.05)")
        ->check(in_range(0.0, 1.0));
    m_bandwidth_option = cmd->add_option("--bandwidth", m_bandwidth,
                                         "Kernel density: radius in metres (default: the "
                                         "spatial Silverman rule ArcGIS uses)")
                             ->check(positive_number());
    m_cell_option = cmd->add_option("--cell-size", m_cell,
                                    "Kernel density: cell size in metres (default: a tenth of "
                                    "the bandwidth)")
                        ->check(positive_number());
    cmd->add_option("--write-weights", m_write_weights,
                    "Also write the spatial weights as a .gal or .gwt file for GeoDa or PySAL");
    cmd->add_flag("--timings", m_timings,
                  "Print the time each stage took (areas, incidents, weights, the statistic, "
                  "writing) on stderr");
    cmd->add_option("-o,--out", m_out,
                    "Output: .csv, .gpkg, .geojson or .shp.zip; .tif for --method kde")
        ->required();
    cmd->footer(std::string("Examples:\n"
                            "  hotspot hotspots --method gi --incidents data/police-uk/essex/*.csv "
                            "--areas data/areas/essex-lsoa2011.gpkg --weights queen --out gi.csv\n"
                            "  hotspot hotspots --method kde --knife --incidents "
                            "data/police-uk/essex/*.csv --areas data/areas/essex-lsoa2011.gpkg "
                            "--bandwidth 300 --cell-size 25 --out knife.tif\n\n") +
                kExitCodeHelp);
    return cmd;
}

std::string HotspotsCommand::chosen(const CLI::Option* option) const {
    return option->count() == 0 ? " (default)" : "";
}

Filter HotspotsCommand::filter_for(const Dictionary& categories) const {
    Filter f = m_filter.filter();
    if (m_knife || !m_knife_definition.empty()) {
        if (!f.categories.empty()) {
            throw InputError("give --knife or --categories, not both");
        }
        const KnifeDefinition def = load_knife_definition(
            m_knife_definition.empty() ? server::SampleFiles::in().knife_definition : m_knife_definition);
        f.categories = knife_categories(def, categories);
    }
    return f;
}

int HotspotsCommand::run() {
    if (m_method == "kde") {
        if (!m_out.ends_with(".tif") && !m_out.ends_with(".tiff")) {
            throw OutputError(m_out + ": a density surface is written as a GeoTIFF (.tif)");
        }
        m_inputs.check(m_out);
        return run_kde();
    }
    export_format(m_out);
    if (!m_write_weights.empty() && !m_write_weights.ends_with(".gal") &&
        !m_write_weights.ends_with(".gwt")) {
        throw OutputError(m_write_weights + ": weights are written as .gal or .gwt files");
    }
    m_inputs.check(m_out);
    return run_areas();
}

int HotspotsCommand::run_kde() {
    Timings timings(m_timings);
    const OGRSpatialReference crs = m_inputs.crs();
    std::optional<Box> extent;
    if (m_inputs.has_areas()) {
        extent = m_inputs.areas().extent();
        timings.lap("areas");
    }
    PointCollector collector(m_inputs.threads());
    m_inputs.read_incidents(collector, extent);
    if (collector.empty()) {
        throw InputError("no incidents were read, so there is no density to map");
    }
    const ResolvedFilter filter = resolve(filter_for(collector.categories()),
                                          collector.categories(), collector.first_month(),
                                          collector.last_month());
    std::optional<HarmWeights> harm;
    if (m_value == "harm") {
        harm = read_harm_weights(m_harm.empty() ? server::SampleFiles::in().harm_weights : m_harm);
    }
    const DensityWeights weights = density_weights(m_value, harm ? &*harm : nullptr, collector.categories());
    const KdePoints points = collector.points(filter, weights.get());
    timings.lap("incidents");
    KdeOptions options;
    options.bandwidth = m_bandwidth;
    options.cell = m_cell;
    options.extent = extent;
    options.threads = m_inputs.threads();
    const auto start = std::chrono::steady_clock::now();
    DensityGrid grid = kernel_density(points, options);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    timings.lap("density");
    grid.units = weights.units;
    write_geotiff(grid, crs, m_out);
    m_inputs.write_rejects();
    timings.lap("write");
    timings.print();
    if (!m_inputs.quiet()) {
        std::printf("wrote      %u x %u cells of %s to %s\n", grid.cols, grid.rows,
                    metres(grid.cell).c_str(), m_out.c_str());
        std::printf("note       quartic kernel, bandwidth %s%s, cell %s%s, %s\n",
                    metres(grid.bandwidth).c_str(),
                    m_bandwidth ? "" : " (default: spatial Silverman rule)",
                    metres(grid.cell).c_str(), m_cell ? "" : " (default: bandwidth / 10)",
                    weights.units.c_str());
        std::printf("note       %s points, surface holds %.1f (the weighted count), computed in %.2f s\n",
                    with_commas(static_cast<int64_t>(points.x.size())).c_str(), grid.integral(),
                    seconds);
    }
    return kSuccess;
}

int HotspotsCommand::run_areas() {
    Timings timings(m_timings);
    const AreaSet& areas = m_inputs.areas();
    const PopulationTable* population = m_inputs.population();
    timings.lap("areas");
    const AreaIndex& index = m_inputs.index();
    timings.lap("index");
    CountsAccumulator accumulator(areas, index, m_inputs.threads(), m_inputs.snap_metres());
    m_inputs.read_incidents(accumulator, areas.extent());
    ReadSummary& summary = m_inputs.summary();
    summary.assignment(accumulator.stats(), m_inputs.snap_metres());
    const CountsCube cube = accumulator.finish();
    if (cube.empty()) {
        throw InputError("no incidents were read, so there are no hot spots to find");
    }
    const AreaFrame frame = frame_of(areas, population);
    const ResolvedFilter filter =
        resolve(filter_for(cube.categories()), cube.categories(), cube.first_month(), cube.last_month());
    std::optional<HarmWeights> harm;
    if (m_value == "harm") {
        harm = read_harm_weights(m_harm.empty() ? server::SampleFiles::in().harm_weights : m_harm);
    }
    const ValueKind kind = parse_value_kind(m_value);
    const AreaValues values =
        area_values(CellCounts::truth(cube), frame, filter, kind, harm ? &*harm : nullptr, filter.from, filter.to);
    const AreaValues counts =
        area_values(CellCounts::truth(cube), frame, filter, ValueKind::count, nullptr, filter.from, filter.to);
    timings.lap("incidents");

    std::vector<std::string> choices{
        "value: " + values.label + chosen(m_value_option),
        "period " + filter.from.to_string() + " to " + filter.to.to_string() + ", " +
            std::to_string(std::count(filter.category.begin(), filter.category.end(), true)) +
            " of " + std::to_string(cube.categories().size()) + " categories" +
            (m_knife ? " (knife crime)" : "")};
    Table table;
    if (m_method == "concentration") {
        std::vector<double> land;
        for (size_t i = 0; i < areas.size(); ++i) {
            land.push_back(areas.land_area_m2(i));
        }
        table = concentration_layer(frame, land, values);
        timings.lap("statistic");
    } else {
        SpatialWeights w;
        if (m_weights == "queen" || m_weights == "rook") {
            w = contiguity_weights(areas, m_weights == "queen" ? Contiguity::queen : Contiguity::rook,
                                   m_tolerance);
        } else if (m_weights == "knn") {
            w = knn_weights(areas, m_k);
        } else {
            if (!(m_distance > 0)) {
                throw InputError("--weights distance needs --distance (metres)");
            }
            w = distance_band_weights(areas, m_distance);
        }
        w.description += chosen(m_weights_option);
        timings.lap("weights");
        if (!m_write_weights.empty()) {
            write_weights(w, areas, m_write_weights);
            choices.push_back("weights written to " + m_write_weights);
        }
        const std::vector<uint32_t> islands = w.islands();
        if (!islands.empty()) {
            std::string list;
            for (size_t k = 0; k < islands.size() && k < 10; ++k) {
                list += (k == 0 ? "" : ", ") + areas.code(islands[k]);
            }
            choices.push_back(std::to_string(islands.size()) + " areas have no neighbour: " + list +
                              (islands.size() > 10 ? ", ..." : "") +
                              " (try a larger --tolerance, or --weights knn)");
        }
        GiStarOptions gi_options;
        gi_options.fdr = !m_no_fdr;
        gi_options.row_standardise = m_row_standardise;
        choices.push_back(std::string("false discovery rate: ") + (m_no_fdr ? "off" : "on") +
                          chosen(m_fdr_option));
        if (m_method == "emerging") {
            std::vector<std::vector<double>> series;
            for (Month m = filter.from; m <= filter.to; m = m + 1) {
                series.push_back(
                    area_values(CellCounts::truth(cube), frame, filter, kind, harm ? &*harm : nullptr, m, m).values);
            }
            const EmergingResult r =
                emerging_hot_spots(series, w, EmergingOptions{gi_options, m_trend_alpha});
            table = emerging_layer(frame, counts.values, r);
            timings.lap("statistic");
        } else {
            const GiStarResult gi = getis_ord_gi_star(values.values, w, gi_options);
            timings.lap("gi");
            std::optional<LocalMoranResult> lisa;
            if (m_method == "lisa") {
                SpatialWeights lw = w;
                if (!m_binary) {
                    lw.row_standardise();
                }
                lisa = local_moran(values.values, lw,
                                   LocalMoranOptions{m_permutations, m_seed, m_inputs.threads()});
                timings.lap("local moran");
            }
            table = gi_layer(frame, counts.values, values, w, gi, lisa ? &*lisa : nullptr, m_alpha);
        }
    }
    table.notes.insert(table.notes.begin(), choices.begin(), choices.end());
    write_table(table, m_out);
    m_inputs.write_rejects();
    summary.output(table, m_out);
    timings.lap("write");
    timings.print();
    return kSuccess;
}

}  // namespace hotspot::cli
