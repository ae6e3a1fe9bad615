#include "command_evaluate.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>

#include "analysis_inputs.hpp"
#include "exit_codes.hpp"
#include "geo/error.hpp"
#include "geo/io/layer_writer.hpp"
#include "geo/knife.hpp"
#include "options.hpp"
#include "read_summary.hpp"
#include "server/area_stats.hpp"
#include "history.hpp"
#include "server/snapshot.hpp"

namespace hotspot::cli {

namespace {

std::string escape_xml(const std::string& s) {
    std::string out;
    for (const char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace

namespace {

/// A round step for about `parts` axis ticks up to `top`: 1, 2 or 5 times a power of ten.
double nice_step(double top, int parts) {
    const double raw = std::max(top, 1e-9) / parts;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * power >= raw) {
            return m * power;
        }
    }
    return 10 * power;
}

/// One panel of the chart: PAI by method for one crime set, its top at `y_top`.
std::string pai_panel(const std::vector<EvaluateRow>& rows, const std::string& crime_set,
                      const std::vector<double>& shares, double y_top, double width) {
    constexpr std::array<const char*, 4> colours{"#0072B2", "#E69F00", "#009E73", "#CC79A7"};
    std::vector<std::string> methods;
    double top = 0;
    double events = 0;
    std::string note;
    for (const auto& r : rows) {
        if (r.crime_set != crime_set) {
            continue;
        }
        if (std::find(methods.begin(), methods.end(), r.method) == methods.end()) {
            methods.push_back(r.method);
        }
        top = std::max(top, r.pai);
        events = r.test_events;
        note = note.empty() ? r.note : note;
    }
    const double step = nice_step(top, 4);
    const double axis_top = std::max(step, std::ceil(top / step - 1e-9) * step);
    const double left = 60;
    const double plot_w = width - left - 70;  // room for the last slanted label
    const double plot_h = 190;
    const double y0 = y_top + 50 + plot_h;
    const bool too_few = !note.empty();
    std::string svg;
    svg += "<text x=\"" + fixed(left, 0) + "\" y=\"" + fixed(y_top + 18, 1) +
           "\" font-size=\"15\" font-weight=\"bold\">PAI by method: " + escape_xml(crime_set) + "</text>\n";
    // The verdict: the method with the highest PAI at the smallest share, or why none.
    std::string verdict;
    if (too_few) {
        verdict = "Too few events to judge: " + fixed(events, 0) + " incidents per test window. Treat these bars as noise.";
    } else {
        const EvaluateRow* best = nullptr;
        for (const auto& r : rows) {
            if (r.crime_set == crime_set && r.area_share == shares.front() && (best == nullptr || r.pai > best->pai)) {
                best = &r;
            }
        }
        if (best != nullptr) {
            verdict = "Best at " + fixed(100 * shares.front(), 1) + " % of the area: " + best->method + " (PAI " +
                      fixed(best->pai, 1) + ", hit rate " + fixed(100 * best->hit_rate, 1) + " %), " +
                      fixed(events, 0) + " incidents per test window";
        }
    }
    svg += "<text x=\"" + fixed(left, 0) + "\" y=\"" + fixed(y_top + 36, 1) + "\" fill=\"" +
           (too_few ? "#b42318" : "#444") + "\" class=\"verdict\">" + escape_xml(verdict) + "</text>\n";
    svg += "<line x1=\"" + fixed(left, 1) + "\" y1=\"" + fixed(y0, 1) + "\" x2=\"" + fixed(left + plot_w, 1) +
           "\" y2=\"" + fixed(y0, 1) + "\" stroke=\"#333\"/>\n";
    for (double v = 0; v <= axis_top + 1e-9; v += step) {
        const double y = y0 - plot_h * v / axis_top;
        svg += "<text x=\"" + fixed(left - 6, 1) + "\" y=\"" + fixed(y + 4, 1) + "\" text-anchor=\"end\">" +
               fixed(v, step < 1 ? 1 : 0) + "</text>\n";
        svg += "<line x1=\"" + fixed(left, 1) + "\" y1=\"" + fixed(y, 1) + "\" x2=\"" + fixed(left + plot_w, 1) +
               "\" y2=\"" + fixed(y, 1) + "\" stroke=\"#ddd\"/>\n";
    }
    svg += "<text transform=\"translate(16," + fixed(y0 - plot_h / 2, 1) +
           ") rotate(-90)\" text-anchor=\"middle\" fill=\"#444\">PAI (hit rate / area share)</text>\n";
    const double group = methods.empty() ? plot_w : plot_w / static_cast<double>(methods.size());
    const double bar = shares.empty() ? 0 : group * 0.8 / static_cast<double>(shares.size());
    for (size_t m = 0; m < methods.size(); ++m) {
        for (const auto& r : rows) {
            if (r.crime_set != crime_set || r.method != methods[m]) {
                continue;
            }
            const auto s = static_cast<size_t>(std::find(shares.begin(), shares.end(), r.area_share) - shares.begin());
            const double h = plot_h * r.pai / axis_top;
            const double x = left + group * static_cast<double>(m) + group * 0.1 + bar * static_cast<double>(s);
            svg += "<rect x=\"" + fixed(x, 1) + "\" y=\"" + fixed(y0 - h, 1) + "\" width=\"" + fixed(bar - 1, 1) +
                   "\" height=\"" + fixed(h, 1) + "\" fill=\"" + colours[s % colours.size()] + "\"" +
                   (too_few ? " fill-opacity=\"0.35\"" : "") + "><title>" + escape_xml(r.method) + " at " +
                   fixed(100 * r.area_share, 1) + " %: PAI " + fixed(r.pai, 2) + ", hit rate " + fixed(r.hit_rate, 3) +
                   ", PEI* " + fixed(r.pei_star, 2) + "</title></rect>\n";
        }
        const double cx = left + group * (static_cast<double>(m) + 0.5);
        svg += "<text transform=\"translate(" + fixed(cx, 1) + "," + fixed(y0 + 12, 1) +
               ") rotate(35)\" text-anchor=\"start\">" + escape_xml(methods[m]) + "</text>\n";
    }
    return svg;
}

}  // namespace

std::string pai_chart_svg(const std::vector<EvaluateRow>& rows, const std::string& subtitle) {
    std::vector<std::string> sets;
    std::vector<double> shares;
    for (const auto& r : rows) {
        if (std::find(sets.begin(), sets.end(), r.crime_set) == sets.end()) {
            sets.push_back(r.crime_set);
        }
        if (std::find(shares.begin(), shares.end(), r.area_share) == shares.end()) {
            shares.push_back(r.area_share);
        }
    }
    std::sort(shares.begin(), shares.end());
    constexpr std::array<const char*, 4> colours{"#0072B2", "#E69F00", "#009E73", "#CC79A7"};
    const double width = 760;
    const double panel = 340;
    const double height = 40 + panel * static_cast<double>(sets.size()) + 30;
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + fixed(width, 0) + "\" height=\"" +
                      fixed(height, 0) + "\" font-family=\"sans-serif\" font-size=\"12\">\n";
    svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
    svg += "<text x=\"60\" y=\"22\" fill=\"#444\">Rolling-origin backtest (" + escape_xml(subtitle) +
           "). Higher is better.</text>\n";
    for (size_t k = 0; k < sets.size(); ++k) {
        svg += "<g class=\"panel\" data-crime-set=\"" + escape_xml(sets[k]) + "\">\n" +
               pai_panel(rows, sets[k], shares, 34 + panel * static_cast<double>(k), width) + "</g>\n";
    }
    for (size_t s = 0; s < shares.size(); ++s) {
        const double x = 60 + 200 * static_cast<double>(s);
        svg += "<rect x=\"" + fixed(x, 1) + "\" y=\"" + fixed(height - 26, 1) + "\" width=\"12\" height=\"12\" fill=\"" +
               colours[s % colours.size()] + "\"/>\n";
        svg += "<text x=\"" + fixed(x + 16, 1) + "\" y=\"" + fixed(height - 16, 1) + "\">" +
               fixed(100 * shares[s], 1) + " % of the area flagged</text>\n";
    }
    svg += "</svg>\n";
    return svg;
}

CLI::App* EvaluateCommand::setup(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand(
        "evaluate", "Backtest every hotspot method on past months: hit rate, PAI, PEI* and RRI, "
                    "for all crime and for knife crime");
    cmd->add_option("--incidents", m_incidents, "Incident files (default: the bundled Essex sample)");
    cmd->add_option("--areas", m_areas, "LSOA polygons (default: the Essex LSOAs)");
    cmd->add_option("--train-months", m_options.train_months, "Months each prediction learns from (default 3)")
        ->check(CLI::Range(1, 120));
    cmd->add_option("--horizon", m_options.horizon, "Months each prediction is scored on (default 1)")
        ->check(CLI::Range(1, 36));
    cmd->add_option("--shares", m_options.shares, "Shares of the area to flag (default 0.01 0.05)")
        ->check(CLI::Range(0.0001, 1.0));
    cmd->add_option("--cell", m_options.cell, "Grid cell in metres (default 100)")->check(CLI::Range(10.0, 5000.0));
    cmd->add_option("--bandwidth", m_options.bandwidth, "Kernel density radius in metres (default 300)")
        ->check(CLI::Range(10.0, 20000.0));
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
    const IncidentHistory history = load_history(m_incidents, m_areas);
    const server::Snapshot* s = history.snapshot.get();
    const server::AreaLayer& layer = history.lsoas();
    summary.line("read", std::to_string(s->accepted()) + " incidents (" + std::to_string(s->rejected()) +
                             " rejected), " + std::to_string(layer.areas->size()) + " areas");
    const AreaIndex index(*layer.areas);
    const Dictionary& cats = s->points().categories();
    const std::vector<double>& harm = history.harm;
    server::MapQuery all;
    server::MapQuery knife;
    knife.knife = true;
    EvaluateOptions o = m_options;
    std::vector<EvaluateRow> rows;
    for (const auto& [name, query] : {std::pair{std::string("all crime"), all}, std::pair{s->knife().name, knife}}) {
        const ResolvedFilter f = server::resolve_query(*s, cats, s->points().first_month(), s->points().last_month(),
                                                       query);
        std::vector<EvalPoint> pts;
        s->points().for_each(f, [&](double x, double y, uint16_t c, int32_t m) {
            pts.push_back({x, y, Month{m}, harm[c]});
        });
        auto part = evaluate_methods(pts, name, *layer.areas, index, layer.weights, f.from, f.to, o);
        rows.insert(rows.end(), part.begin(), part.end());
    }
    Table t;
    t.name = "evaluation";
    t.add_field("method", FieldType::string, "hotspot method");
    t.add_field("area_share", FieldType::real, "share of the study area flagged");
    t.add_field("crime_set", FieldType::string, "incidents predicted and scored");
    t.add_field("hit_rate", FieldType::real, "share of the test months' incidents in the flagged area");
    t.add_field("pai", FieldType::real, "predictive accuracy index: hit rate / area share");
    t.add_field("pei_star", FieldType::real, "n / n*, n* the most an area of that size could hold");
    t.add_field("rri", FieldType::real, "recapture rate index (empty: undefined)");
    t.add_field("harm_hit", FieldType::real, "share of the test months' harm in the flagged area");
    t.add_field("origins", FieldType::integer, "forecast origins averaged");
    t.add_field("test_events", FieldType::real, "mean incidents per test window", "test_n");
    t.add_field("note", FieldType::string, "too few events to judge, when so");
    for (const auto& r : rows) {
        t.rows.push_back({r.method, r.area_share, r.crime_set, r.hit_rate, r.pai, r.pei_star,
                          std::isfinite(r.rri) ? FieldValue(r.rri) : FieldValue(), r.harm_hit,
                          static_cast<int64_t>(r.origins), r.test_events, r.note});
    }
    const std::string windows = "train " + std::to_string(o.train_months) + " months, score the next " +
                                std::to_string(o.horizon) + ", " + std::to_string(rows.front().origins) +
                                " origins, " + fixed(o.cell, 0) + " m cells";
    t.notes.push_back(windows);
    write_table(t, m_out);
    summary.output(t, m_out);
    std::ofstream svg(chart);
    svg << pai_chart_svg(rows, windows);
    if (!svg) {
        throw OutputError(chart + ": cannot be written");
    }
    summary.line("wrote", "the PAI chart (all crime and " + s->knife().name + ") to " + chart);
    for (const auto& r : rows) {
        if (r.area_share == o.shares.front()) {
            summary.line(r.crime_set == "all crime" ? "all" : "knife",
                         r.method + ": hit rate " + fixed(r.hit_rate, 3) + ", PAI " + fixed(r.pai, 1) + ", PEI* " +
                             fixed(r.pei_star, 2) + (r.note.empty() ? "" : "  (" + r.note + ")"));
        }
    }
    return kSuccess;
}

}  // namespace hotspot::cli
