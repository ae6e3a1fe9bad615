#include "service/report/briefing.hpp"

#include <algorithm>
#include <sstream>

#include "geo/aggregate/disclosure.hpp"
#include "geo/text.hpp"
#include "service/report/markup.hpp"

namespace hotspot::report {

using server::place_views;
using server::kPublicPlaceCell;
using server::small_count;
using server::PlaceView;

std::string patrol_briefing(const PatrolResult& r, int hide_below, bool coarse) {
    const PlanOptions& o = r.request.plan;
    const std::vector<PlaceView> views = place_views(r, coarse);
    const int teams = r.team.empty() ? 0 : *std::max_element(r.team.begin(), r.team.end());
    auto hidden = [&](const MicroPlace& p) { return small_count(p.incidents, hide_below); };
    std::ostringstream h;
    h << "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      << "<title>Patrol briefing</title>\n<style>\n"
      << "@page { size: A4; margin: 12mm; }\n"
      << "body { font: 10pt/1.35 system-ui, sans-serif; color: #111; margin: 0; }\n"
      << "section.team { page-break-after: always; break-after: page; padding: 4mm 0; }\n"
      << "section.team:last-child { page-break-after: auto; break-after: auto; }\n"
      << "h1 { font-size: 15pt; margin: 0 0 2mm; } h2 { font-size: 11pt; margin: 4mm 0 1mm; }\n"
      << "p { margin: 1mm 0; } .small { font-size: 8pt; color: #444; }\n"
      << "table { border-collapse: collapse; width: 100%; font-size: 8pt; }\n"
      << "th, td { border: 1px solid #999; padding: 1px 4px; text-align: left; }\n"
      << "td.n, th.n { text-align: right; } td.where { white-space: nowrap; } td.t { font-size: 8pt; }\n"
      << "svg { border: 1px solid #999; background: #f7f7f4; max-width: 100%; height: auto; }\n"
      << "</style></head><body>\n";
    for (int team = 1; team <= teams; ++team) {
        std::vector<size_t> mine;
        for (size_t i = 0; i < r.team.size(); ++i) {
            if (r.team[i] == team) {
                mine.push_back(i);
            }
        }
        double minutes = 0;
        for (const size_t i : mine) {
            minutes += r.days[i] * o.visits_per_day * o.visit_minutes;
        }
        h << "<section class=\"team\" data-team=\"" << team << "\">\n";
        h << "<h1>Patrol briefing &mdash; team " << team << " of " << teams << "</h1>\n";
        h << "<p>" << escape_markup(r.crime) << ", harm from " << r.from.to_string() << " to " << r.to.to_string()
          << ". " << mine.size() << " place(s), " << o.visits_per_day << " visit(s) of " << fixed(o.visit_minutes, 0)
          << " minutes a day each, between " << format_clock(o.window_start) << " and " << format_clock(o.window_end)
          << "; " << fixed(minutes / 60, 1) << " officer hours at the places over " << o.days << " days.</p>\n";
        h << "<p class=\"small\">Stay the full visit: about 15 minutes is where a visit's deterrence "
             "peaks (Koper, 1995). Visit in the order given; the order is random so that it cannot be "
             "predicted. Harm is in crime harm index days.";
        if (o.experiment != "none") {
            h << " This plan is a test: places were assigned at random (seed " << o.seed
              << "). Do not patrol places that are not listed for the day.";
        }
        h << "</p>\n";
        // A sketch of the team's places in the working CRS (metres), north up.
        double x0 = 1e300;
        double y0 = 1e300;
        double x1 = -1e300;
        double y1 = -1e300;
        auto reach_of = [&](const MicroPlace& p) {
            return coarse && r.request.unit == "place" ? kPublicPlaceCell / 2
                   : r.request.unit == "place"         ? r.request.places.radius
                                                       : std::sqrt(p.area_m2) / 2;
        };
        for (const size_t i : mine) {
            const PlaceView& v = views[i];
            const double reach = reach_of(r.plan.places[i]);
            x0 = std::min(x0, v.x - reach);
            y0 = std::min(y0, v.y - reach);
            x1 = std::max(x1, v.x + reach);
            y1 = std::max(y1, v.y + reach);
        }
        const double w = 680;
        const double hgt = mine.size() > 12 ? 180 : 240;  // room for the table of a big beat
        const double span = std::max({x1 - x0, (y1 - y0) * w / hgt, 500.0}) * 1.1;
        const double scale = w / span;
        const double cx = (x0 + x1) / 2;
        const double cy = (y0 + y1) / 2;
        auto sx = [&](double x) { return w / 2 + (x - cx) * scale; };
        auto sy = [&](double y) { return hgt / 2 - (y - cy) * scale; };
        h << "<svg width=\"" << w << "\" height=\"" << hgt << "\" viewBox=\"0 0 " << w << ' ' << hgt
          << "\" role=\"img\" aria-label=\"Sketch of team " << team << "'s places\">\n";
        for (const size_t i : mine) {
            const MicroPlace& p = r.plan.places[i];
            const PlaceView& v = views[i];
            const double rad = std::max(4.0, (r.request.unit == "place" && !v.cell ? r.request.places.radius
                                              : v.cell                            ? kPublicPlaceCell / 2
                                                                                  : std::sqrt(p.area_m2 / 3.14159265)) *
                                                 scale);
            if (v.cell) {
                h << "<rect x=\"" << fixed(sx(v.x) - rad, 1) << "\" y=\"" << fixed(sy(v.y) - rad, 1) << "\" width=\""
                  << fixed(2 * rad, 1) << "\" height=\"" << fixed(2 * rad, 1);
            } else {
                h << "<circle cx=\"" << fixed(sx(v.x), 1) << "\" cy=\"" << fixed(sy(v.y), 1) << "\" r=\"" << fixed(rad, 1);
            }
            h << "\" fill=\"#d7301f\" fill-opacity=\"0.35\" stroke=\"#b30000\"/>"
              << "<text x=\"" << fixed(sx(v.x) + rad + 2, 1) << "\" y=\"" << fixed(sy(v.y) + 4, 1)
              << "\" font-size=\"11\">" << p.id << "</text>\n";
        }
        // A scale bar of a round length.
        double bar = 100;
        for (const double b : {100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0, 10000.0, 20000.0}) {
            if (b * scale <= w / 4) {
                bar = b;
            }
        }
        h << "<line x1=\"10\" y1=\"" << hgt - 12 << "\" x2=\"" << fixed(10 + bar * scale, 1) << "\" y2=\"" << hgt - 12
          << "\" stroke=\"#111\" stroke-width=\"2\"/><text x=\"10\" y=\"" << hgt - 16 << "\" font-size=\"10\">"
          << (bar >= 1000 ? fixed(bar / 1000, 0) + " km" : fixed(bar, 0) + " m") << "</text>"
          << "<text x=\"" << w - 16 << "\" y=\"16\" font-size=\"11\">N&uarr;</text>\n</svg>\n";
        // The places and their visit times: a week of days beside the places, and any
        // further weeks below, so that nothing of the schedule is left off.
        std::map<std::pair<int, int>, std::string> when;  // (place, day) -> times
        for (const Visit& v : r.plan.schedule) {
            std::string& cell = when[{v.place, v.day}];
            cell += (cell.empty() ? "" : " ") + format_clock(v.start);
        }
        auto times = [&](size_t i, int first, int last) {
            for (int d = first; d <= last; ++d) {
                const auto it = when.find({r.plan.places[i].id, d});
                h << "<td class=\"t\">" << (it == when.end() ? "&ndash;" : it->second) << "</td>";
            }
        };
        auto day_headers = [&](int first, int last) {
            for (int d = first; d <= last; ++d) {
                h << "<th class=\"t\">Day " << d << "</th>";
            }
        };
        const int week = std::min(o.days, 7);
        h << "<h2>Places and visit times</h2>\n<table><thead><tr><th class=\"n\">Place</th><th>Area</th>"
             "<th class=\"n\">Latitude, longitude</th><th class=\"n\">Harm</th><th class=\"n\">Incidents</th>";
        day_headers(1, week);
        h << "</tr></thead><tbody>\n";
        for (const size_t i : mine) {
            const MicroPlace& p = r.plan.places[i];
            h << "<tr><td class=\"n\">" << p.id << "</td><td class=\"where\" title=\"" << escape_markup(r.code[i])
              << "\">" << escape_markup(r.name[i].empty() ? r.code[i] : r.name[i]) << "</td><td class=\"n\">"
              << fixed(views[i].lat, 5) << ", " << fixed(views[i].lon, 5)
              << "</td><td class=\"n\">"
              << (hidden(p) ? "&lt;" + std::to_string(hide_below) + " incidents" : fixed(p.harm, 0))
              << "</td><td class=\"n\">"
              << (hidden(p) ? "&lt;" + std::to_string(hide_below) : std::to_string(p.incidents)) << "</td>";
            times(i, 1, week);
            h << "</tr>\n";
        }
        h << "</tbody></table>\n";
        for (int first = 8; first <= o.days; first += 7) {
            const int last = std::min(o.days, first + 6);
            h << "<h2>Visit times, days " << first << " to " << last << "</h2>\n<table><thead><tr><th "
                 "class=\"n\">Place</th>";
            day_headers(first, last);
            h << "</tr></thead><tbody>\n";
            for (const size_t i : mine) {
                h << "<tr><td class=\"n\">" << r.plan.places[i].id << "</td>";
                times(i, first, last);
                h << "</tr>\n";
            }
            h << "</tbody></table>\n";
        }
        h << "<p class=\"small\">Contains public sector information licensed under the Open Government Licence v3.0. "
             "police.uk crime locations are approximate (snapped to points on the street).</p>\n";
        h << "</section>\n";
    }
    h << "</body></html>\n";
    return h.str();
}

}  // namespace hotspot::report
