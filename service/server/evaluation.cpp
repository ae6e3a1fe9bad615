#include "evaluation.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>

#include "area_stats.hpp"
#include "geo/area_index.hpp"
#include "geo/error.hpp"
#include "geo/text.hpp"
#include "service/options.hpp"

namespace hotspot::server {

using cli::fixed;

EvaluateOptions evaluate_options_from(const Params& params) {
    EvaluateOptions o;
    o.train_months = whole_param(params, "train_months", o.train_months, 1, 120);
    o.horizon = whole_param(params, "horizon", o.horizon, 1, 36);
    o.cell = number_param(params, "cell", o.cell, 10, 5000);
    o.bandwidth = number_param(params, "bandwidth", o.bandwidth, 10, 20000);
    o.min_events = number_param(params, "min_events", o.min_events, 0, 1e9);
    if (const auto it = params.find("shares"); it != params.end() && !it->second.empty()) {
        o.shares.clear();
        std::stringstream list(it->second);
        std::string item;
        while (std::getline(list, item, ',')) {
            if (item.empty()) {
                throw BadRequest("shares=" + it->second + ": an empty item; give shares of the area such as 0.01,0.05");
            }
            Params one{{"shares", item}};
            o.shares.push_back(number_param(one, "shares", 0, 0.0001, 1));
        }
        if (o.shares.empty() || o.shares.size() > 8) {
            throw BadRequest("shares=" + it->second + ": give 1 to 8 shares of the area, such as 0.01,0.05");
        }
    }
    return o;
}

void check_evaluation_cost(const EvaluateOptions& o, const Box& area) {
    const double cells = area.empty() ? 0 : std::ceil(area.width() / o.cell) * std::ceil(area.height() / o.cell);
    if (cells > kMaxEvaluationCells) {
        const double smallest = std::ceil(std::sqrt(area.width() * area.height() / kMaxEvaluationCells));
        throw BadRequest("cell=" + std::to_string(static_cast<long long>(o.cell)) + ": the study area would need " +
                             std::to_string(static_cast<long long>(cells)) + " cells; the most is " +
                             std::to_string(static_cast<long long>(kMaxEvaluationCells)) + ", so give cell=" +
                             std::to_string(static_cast<long long>(smallest)) + " or more",
                         413);
    }
    if (o.bandwidth / o.cell > kMaxKernelCells) {
        throw BadRequest("bandwidth=" + std::to_string(static_cast<long long>(o.bandwidth)) +
                             ": at most " + std::to_string(static_cast<long long>(kMaxKernelCells)) +
                             " cells across the kernel, so at most " +
                             std::to_string(static_cast<long long>(kMaxKernelCells * o.cell)) + " m with cell=" +
                             std::to_string(static_cast<long long>(o.cell)),
                         413);
    }
}

std::string evaluate_key(const EvaluateOptions& o) {
    std::ostringstream k;
    k << o.train_months << '|' << o.horizon << '|' << o.cell << '|' << o.bandwidth << '|' << o.place_radius << '|'
      << o.min_events;
    for (const double s : o.shares) {
        k << '|' << s;
    }
    return k.str();
}

std::unique_ptr<Evaluation> evaluate_snapshot(const Snapshot& s, const EvaluateOptions& options) {
    auto out = std::make_unique<Evaluation>();
    out->options = options;
    const AreaLayer& layer = *s.layers().front();
    const AreaIndex index(*layer.areas);
    const Dictionary& cats = s.points().categories();
    const std::vector<double> harm = s.category_harm();
    MapQuery all;
    MapQuery knife;
    knife.knife = true;
    for (const auto& [name, query] : {std::pair{std::string("all crime"), all}, std::pair{s.knife().name, knife}}) {
        const ResolvedFilter f = resolve_query(s, cats, s.points().first_month(), s.points().last_month(), query);
        std::vector<EvalPoint> pts;
        s.points().for_each(f, [&](double x, double y, uint16_t c, int32_t m) {
            pts.push_back({x, y, Month{m}, harm[c]});
        });
        auto part = evaluate_methods(pts, name, *layer.areas, index, layer.weights, f.from, f.to, options);
        out->rows.insert(out->rows.end(), part.begin(), part.end());
    }
    Table& t = out->table;
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
    for (const auto& r : out->rows) {
        t.rows.push_back({r.method, r.area_share, r.crime_set, r.hit_rate, r.pai, r.pei_star,
                          std::isfinite(r.rri) ? FieldValue(r.rri) : FieldValue(), r.harm_hit,
                          static_cast<int64_t>(r.origins), r.test_events, r.note});
    }
    out->windows = "train " + std::to_string(options.train_months) + " months, score the next " +
                   std::to_string(options.horizon) + ", " + std::to_string(out->rows.front().origins) + " origins, " +
                   fixed(options.cell, 0) + " m cells";
    t.notes.push_back(out->windows);
    return out;
}

std::string evaluation_verdict(const std::vector<EvaluateRow>& rows, const std::string& crime_set) {
    const EvaluateRow* best = nullptr;
    double smallest = 2;
    for (const auto& r : rows) {
        if (r.crime_set == crime_set) {
            smallest = std::min(smallest, r.area_share);
        }
    }
    for (const auto& r : rows) {
        if (r.crime_set != crime_set) {
            continue;
        }
        if (!r.note.empty()) {
            return "Too few events to judge: " + fixed(r.test_events, 0) +
                   " incidents per test window. Treat these bars as noise.";
        }
        if (r.area_share == smallest && (best == nullptr || r.pai > best->pai)) {
            best = &r;
        }
    }
    if (best == nullptr) {
        return "No rows for " + crime_set;
    }
    return "Best at " + fixed(100 * smallest, 1) + " % of the area: " + best->method + " (PAI " + fixed(best->pai, 1) +
           ", hit rate " + fixed(100 * best->hit_rate, 1) + " %), " + fixed(best->test_events, 0) +
           " incidents per test window";
}

namespace {

/// Okabe-Ito colours, one per area share.
constexpr std::array<const char*, 4> kShareColours{"#0072B2", "#E69F00", "#009E73", "#CC79A7"};

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
    std::vector<std::string> methods;
    double top = 0;
    std::string note;
    for (const auto& r : rows) {
        if (r.crime_set != crime_set) {
            continue;
        }
        if (std::find(methods.begin(), methods.end(), r.method) == methods.end()) {
            methods.push_back(r.method);
        }
        top = std::max(top, r.pai);
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
           "\" font-size=\"15\" font-weight=\"bold\">PAI by method: " + escape_markup(crime_set) + "</text>\n";
    const std::string verdict = evaluation_verdict(rows, crime_set);
    svg += "<text x=\"" + fixed(left, 0) + "\" y=\"" + fixed(y_top + 36, 1) + "\" fill=\"" +
           (too_few ? "#b42318" : "#444") + "\" class=\"verdict\">" + escape_markup(verdict) + "</text>\n";
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
                   "\" height=\"" + fixed(h, 1) + "\" fill=\"" + kShareColours[s % kShareColours.size()] + "\"" +
                   (too_few ? " fill-opacity=\"0.35\"" : "") + "><title>" + escape_markup(r.method) + " at " +
                   fixed(100 * r.area_share, 1) + " %: PAI " + fixed(r.pai, 2) + ", hit rate " + fixed(r.hit_rate, 3) +
                   ", PEI* " + fixed(r.pei_star, 2) + "</title></rect>\n";
        }
        const double cx = left + group * (static_cast<double>(m) + 0.5);
        svg += "<text transform=\"translate(" + fixed(cx, 1) + "," + fixed(y0 + 12, 1) +
               ") rotate(35)\" text-anchor=\"start\">" + escape_markup(methods[m]) + "</text>\n";
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
    const double width = 760;
    const double panel = 340;
    const double height = 40 + panel * static_cast<double>(sets.size()) + 30;
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + fixed(width, 0) + "\" height=\"" +
                      fixed(height, 0) + "\" font-family=\"sans-serif\" font-size=\"12\">\n";
    svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
    svg += "<text x=\"60\" y=\"22\" fill=\"#444\">Rolling-origin backtest (" + escape_markup(subtitle) +
           "). Higher is better.</text>\n";
    for (size_t k = 0; k < sets.size(); ++k) {
        svg += "<g class=\"panel\" data-crime-set=\"" + escape_markup(sets[k]) + "\">\n" +
               pai_panel(rows, sets[k], shares, 34 + panel * static_cast<double>(k), width) + "</g>\n";
    }
    for (size_t s = 0; s < shares.size(); ++s) {
        const double x = 60 + 200 * static_cast<double>(s);
        svg += "<rect x=\"" + fixed(x, 1) + "\" y=\"" + fixed(height - 26, 1) + "\" width=\"12\" height=\"12\" fill=\"" +
               kShareColours[s % kShareColours.size()] + "\"/>\n";
        svg += "<text x=\"" + fixed(x + 16, 1) + "\" y=\"" + fixed(height - 16, 1) + "\">" +
               fixed(100 * shares[s], 1) + " % of the area flagged</text>\n";
    }
    svg += "</svg>\n";
    return svg;
}

nlohmann::json evaluation_json(const Evaluation& e) {
    nlohmann::json rows = nlohmann::json::array();
    std::vector<std::string> sets;
    for (const auto& r : e.rows) {
        rows.push_back({{"method", r.method},
                        {"area_share", r.area_share},
                        {"crime_set", r.crime_set},
                        {"hit_rate", r.hit_rate},
                        {"pai", r.pai},
                        {"pei_star", r.pei_star},
                        {"rri", std::isfinite(r.rri) ? nlohmann::json(r.rri) : nlohmann::json()},
                        {"harm_hit", r.harm_hit},
                        {"origins", r.origins},
                        {"test_events", r.test_events},
                        {"note", r.note}});
        if (std::find(sets.begin(), sets.end(), r.crime_set) == sets.end()) {
            sets.push_back(r.crime_set);
        }
    }
    nlohmann::json verdicts = nlohmann::json::object();
    for (const auto& s : sets) {
        verdicts[s] = evaluation_verdict(e.rows, s);
    }
    return {{"windows", e.windows},
            {"options",
             {{"train_months", e.options.train_months},
              {"horizon", e.options.horizon},
              {"shares", e.options.shares},
              {"cell", e.options.cell},
              {"bandwidth", e.options.bandwidth},
              {"place_radius", e.options.place_radius},
              {"min_events", e.options.min_events}}},
            {"verdicts", verdicts},
            {"rows", rows}};
}

}  // namespace hotspot::server
