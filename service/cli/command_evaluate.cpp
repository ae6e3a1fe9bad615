#include "service/cli/command_evaluate.hpp"

#include <fstream>

#include "geo/crs/crs.hpp"
#include "geo/error.hpp"
#include "geo/io/layer_writer.hpp"
#include "service/analysis/backtest.hpp"
#include "service/analysis/history.hpp"
#include "service/analysis/snapshot.hpp"
#include "service/cli/analysis_inputs.hpp"
#include "service/cli/exit_codes.hpp"
#include "service/cli/options.hpp"
#include "service/cli/read_summary.hpp"
#include "service/report/chart.hpp"

namespace hotspot::cli {

CLI::App* EvaluateCommand::setup(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand(
        "evaluate", "Backtest every hotspot method on past months: hit rate, PAI, PEI* and RRI, "
                    "for all crime and for knife crime");
    cmd->add_option("--incidents", m_incidents, "Incident files (default: the bundled Essex sample)");
    cmd->add_option("--areas", m_areas, "LSOA polygons (default: the Essex LSOAs)");
    m_places.add_to(*cmd, false);
    cmd->add_option("--train-months", m_options.train_months, "Months each prediction learns from (default 3)")
        ->check(CLI::Range(1, 120));
    cmd->add_option("--horizon", m_options.horizon, "Months each prediction is scored on (default 1)")
        ->check(CLI::Range(1, 36));
    cmd->add_option("--shares", m_options.shares, "Shares of the area to flag (default 0.01 0.05)")
        ->check(in_range(0.0001, 1.0));
    cmd->add_option("--cell", m_options.cell, "Grid cell in metres (default 100)")->check(in_range(10.0, 5000.0));
    cmd->add_option("--bandwidth", m_options.bandwidth, "Kernel density radius in metres (default 300)")
        ->check(in_range(10.0, 20000.0));
    cmd->add_option("--min-events", m_options.min_events,
                    "Fewer test incidents per window than this are too few to judge (default 20)");
    cmd->add_option("--chart", m_chart, "Where the SVG chart goes (default: OUT's name + .svg)");
    cmd->add_flag("-q,--quiet", m_quiet, "Print only errors");
    cmd->add_option("-o,--out", m_out, "Output table: .csv (or any export format)")->required();
    return cmd;
}

int EvaluateCommand::run() {
    export_format(m_out);
    const std::string chart = m_chart.empty() ? output_sibling(m_out, ".svg") : m_chart;
    ReadSummary summary(m_quiet);
    const server::IncidentHistory history =
        server::load_history(server::HistoryUse::backtest, m_incidents, m_areas, false,
                             m_places.exclusion(parse_working_crs(kDefaultWorkingCrs)));
    const server::Snapshot* s = history.snapshot.get();
    const server::AreaLayer& layer = history.lsoas();
    summary.line("read", std::to_string(s->accepted()) + " incidents (" + std::to_string(s->rejected()) +
                             " rejected), " + std::to_string(layer.areas->size()) + " areas");
    if (s->excluded_by() != nullptr) {
        summary.excluded(s->excluded(), *s->excluded_by(), false);
    }
    const std::unique_ptr<server::Evaluation> e = server::evaluate_snapshot(*s, m_options);
    const std::vector<EvaluateRow>& rows = e->rows;
    const Table& t = e->table;
    write_table(t, m_out);
    summary.output(t, m_out);
    std::ofstream svg(chart);
    svg << report::pai_chart_svg(rows, e->windows);
    if (!svg) {
        throw OutputError(chart + ": cannot be written");
    }
    summary.line("wrote", "the PAI chart (all crime and " + s->knife().name + ") to " + chart);
    for (const auto& r : rows) {
        if (r.area_share == m_options.shares.front()) {
            summary.line(r.crime_set == "all crime" ? "all" : "knife",
                         r.method + ": hit rate " + fixed(r.hit_rate, 3) + ", PAI " + fixed(r.pai, 1) + ", PEI* " +
                             fixed(r.pei_star, 2) + (r.note.empty() ? "" : "  (" + r.note + ")"));
        }
    }
    for (const std::string& set : {std::string("all crime"), s->knife().name}) {
        summary.line("verdict", set + ": " + server::evaluation_verdict(rows, set));
    }
    if (s->excluded_by() == nullptr) {
        // How much of the accuracy comes from the institutional places: police.uk puts
        // every crime recorded at an airport or a police station at one snap point, the
        // easiest place of all to predict, and a place a patrol prevents nothing at.
        PlaceOptions without = m_places;
        without.exclude = true;
        const server::IncidentHistory other =
            server::load_history(server::HistoryUse::backtest, m_incidents, m_areas, false,
                                 without.exclusion(parse_working_crs(kDefaultWorkingCrs)));
        const std::unique_ptr<server::Evaluation> e2 = server::evaluate_snapshot(*other.snapshot, m_options);
        for (const std::string& set : {std::string("all crime"), s->knife().name}) {
            summary.line("unflagged", set + " without the " + std::to_string(other.snapshot->excluded()) +
                                          " incidents at flagged places: " +
                                          server::evaluation_verdict(e2->rows, set));
        }
        summary.line("note", "police.uk moves every crime to one of a fixed set of anonymous snap points, which "
                             "flatters last_counts and the other methods that reward the cells that held crime "
                             "before; --exclude-flagged scores without the flagged places");
    }
    return kSuccess;
}

}  // namespace hotspot::cli
