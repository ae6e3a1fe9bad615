#include "service/report/chart.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "geo/text.hpp"
#include "service/analysis/backtest.hpp"
#include "service/report/markup.hpp"

namespace hotspot::report {

using server::evaluation_verdict;

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

}  // namespace hotspot::report
