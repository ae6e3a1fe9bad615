#include "service/report/nearrepeat_report.hpp"

#include <cmath>
#include <functional>
#include <sstream>

#include "service/report/markup.hpp"

namespace hotspot::report {

namespace {

std::string fixed(double v, int digits) {
    if (!std::isfinite(v)) {
        return "&ndash;";
    }
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

/// The class of a cell: significant and meaningful, significant, or neither.
const char* shade(const KnoxCell& c, double alpha) {
    if (c.p <= alpha && std::isfinite(c.ratio) && c.ratio >= 1.2) {
        return " class=\"strong\"";
    }
    if (c.p <= alpha) {
        return " class=\"weak\"";
    }
    return "";
}

void grid(std::ostringstream& out, const KnoxResult& r, const std::string& caption,
          const std::function<std::string(const KnoxCell&)>& value) {
    const KnoxOptions& o = r.options;
    out << "<table>\n<caption>" << escape_markup(caption) << "</caption>\n<tr><th>metres \\ days</th>";
    for (int t = 0; t <= o.time_bands; ++t) {
        out << "<th>" << escape_markup(time_label(o, t)) << "</th>";
    }
    out << "</tr>\n";
    for (int d = 0; d <= o.distance_bands + 1; ++d) {
        out << "<tr><th>" << escape_markup(distance_label(o, d)) << "</th>";
        for (int t = 0; t <= o.time_bands; ++t) {
            const KnoxCell& c = r.cell(d, t);
            out << "<td" << shade(c, 0.05) << ">" << value(c) << "</td>";
        }
        out << "</tr>\n";
    }
    out << "</table>\n";
}

}  // namespace

std::string nearrepeat_report(const KnoxResult& r, const KnoxFinding& f, const std::string& source,
                              const std::vector<std::string>& notes) {
    const KnoxOptions& o = r.options;
    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<title>Near repeats</title>\n<style>\n"
        << "body { font: 11pt/1.4 system-ui, sans-serif; color: #111; margin: 2em; max-width: 60em; }\n"
        << "table { border-collapse: collapse; margin: 1em 0 2em; }\n"
        << "caption { text-align: left; font-weight: 600; padding-bottom: 0.3em; }\n"
        << "th, td { border: 1px solid #bbb; padding: 0.25em 0.7em; text-align: right; }\n"
        << "th { background: #f2f2f2; }\n"
        << "td.strong { background: #f4a582; font-weight: 600; }\n"
        << "td.weak { background: #fddbc7; }\n"
        << ".small { font-size: 9pt; color: #444; } .warn { color: #8a3b00; }\n"
        << "</style>\n</head>\n<body>\n<h1>Near repeats</h1>\n";
    out << "<p>" << escape_markup(source) << ": " << r.events << " events, " << r.pairs << " pairs. Bands of "
        << o.distance_band << " m &times; "
        << o.distance_bands << " (" << (o.metric == DistanceMetric::manhattan ? "Manhattan" : "Euclidean")
        << " distance) and " << o.time_band << " days &times; " << o.time_bands << "; " << o.permutations
        << " permutations of the days over the fixed places, seed " << o.seed << ".</p>\n";
    for (const auto& note : notes) {
        out << "<p class=\"warn\">" << escape_markup(note) << "</p>\n";
    }
    out << "<h2>Findings</h2>\n<ul>\n";
    for (const auto& line : f.lines) {
        out << "<li>" << escape_markup(line) << "</li>\n";
    }
    out << "</ul>\n";
    grid(out, r, "Observed over mean expected pairs", [](const KnoxCell& c) { return fixed(c.ratio, 2); });
    grid(out, r, "Pseudo p-value (chance of as many pairs or more with no pattern)",
         [](const KnoxCell& c) { return fixed(c.p, 3); });
    grid(out, r, "Observed pairs", [](const KnoxCell& c) { return std::to_string(c.observed); });
    grid(out, r, "Mean expected pairs (standard deviation)",
         [](const KnoxCell& c) { return fixed(c.expected, 1) + " (" + fixed(c.sd, 1) + ")"; });
    out << "<p class=\"small\">Shaded dark: p &le; 0.05 and at least 20 % more pairs than expected; light: p &le; "
           "0.05. Distance bands are half-open: \"1-100\" holds pairs from 1 m up to but not including 100 m, "
           "\"same\" pairs under 1 m apart; time band \"0-7\" holds gaps of 0 to 6 days, \"8-14\" gaps of 7 to 13 "
           "(the Near Repeat Calculator's convention). The smallest p-value "
        << o.permutations << " permutations can give is " << fixed(r.best_p(), 4)
        << ". The test says whether events cluster in space and time together more than chance; it does not say "
           "which events are near repeats.</p>\n</body>\n</html>\n";
    return out.str();
}

}  // namespace hotspot::report
