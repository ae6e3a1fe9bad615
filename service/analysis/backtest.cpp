#include "service/analysis/backtest.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>

#include "geo/aggregate/area_index.hpp"
#include "geo/error.hpp"
#include "geo/text.hpp"
#include "service/analysis/area_stats.hpp"

namespace hotspot::server {


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
    out->table = evaluation_table(out->rows);
    Table& t = out->table;
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
