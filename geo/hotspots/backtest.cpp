#include "geo/hotspots/backtest.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "geo/cancel.hpp"
#include "geo/error.hpp"
#include "geo/hotspots/getis_ord.hpp"

namespace hotspot {

FlagScore score_flagged(const std::vector<double>& score, size_t k, const std::vector<double>& train,
                        const std::vector<double>& test, const std::vector<double>& test_harm) {
    const size_t cells = score.size();
    k = std::min(k, cells);
    std::vector<size_t> order(cells);
    std::iota(order.begin(), order.end(), 0);
    auto by = [](const std::vector<double>& v) {
        return [&v](size_t a, size_t b) { return v[a] != v[b] ? v[a] > v[b] : a < b; };
    };
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(), by(score));
    double n = 0;
    double n1 = 0;
    double harm = 0;
    for (size_t i = 0; i < k; ++i) {
        n += test[order[i]];
        n1 += train[order[i]];
        harm += test_harm[order[i]];
    }
    const double total = std::accumulate(test.begin(), test.end(), 0.0);
    const double total_train = std::accumulate(train.begin(), train.end(), 0.0);
    const double total_harm = std::accumulate(test_harm.begin(), test_harm.end(), 0.0);
    std::vector<double> best(test);
    std::partial_sort(best.begin(), best.begin() + static_cast<std::ptrdiff_t>(k), best.end(), std::greater<>());
    const double n_star = std::accumulate(best.begin(), best.begin() + static_cast<std::ptrdiff_t>(k), 0.0);
    FlagScore s;
    s.hit_rate = total > 0 ? n / total : 0;
    s.pai = cells > 0 && k > 0 ? s.hit_rate / (static_cast<double>(k) / static_cast<double>(cells)) : 0;
    s.pei_star = n_star > 0 ? n / n_star : 0;
    s.rri_defined = n1 > 0 && total_train > 0 && total > 0;
    s.rri = s.rri_defined ? (n / n1) / (total / total_train) : 0;
    s.harm_hit = total_harm > 0 ? harm / total_harm : 0;
    return s;
}

namespace {

struct Grid {
    double x0 = 0;  // west edge
    double y1 = 0;  // north edge
    double cell = 0;
    int64_t cols = 0;
    int64_t rows = 0;
    std::vector<int64_t> cell_of_raw;  // raw cell -> study cell, or -1
    std::vector<double> cx;            // study cells' centres
    std::vector<double> cy;
    std::vector<uint32_t> area;        // study cells' area

    [[nodiscard]] int64_t raw(double x, double y) const {
        const auto c = static_cast<int64_t>(std::floor((x - x0) / cell));
        const auto r = static_cast<int64_t>(std::floor((y1 - y) / cell));
        return c < 0 || r < 0 || c >= cols || r >= rows ? -1 : r * cols + c;
    }
    [[nodiscard]] int64_t study(double x, double y) const {
        const int64_t i = raw(x, y);
        return i < 0 ? -1 : cell_of_raw[static_cast<size_t>(i)];
    }
};

Grid make_grid(const AreaSet& areas, const AreaIndex& index, double cell) {
    Grid g;
    const Box& e = areas.extent();
    g.cell = cell;
    g.x0 = e.min_x;
    g.y1 = e.max_y;
    g.cols = static_cast<int64_t>(std::ceil((e.max_x - e.min_x) / cell));
    g.rows = static_cast<int64_t>(std::ceil((e.max_y - e.min_y) / cell));
    g.cell_of_raw.assign(static_cast<size_t>(g.cols * g.rows), -1);
    for (int64_t r = 0; r < g.rows; ++r) {
        cancellation_point();
        for (int64_t c = 0; c < g.cols; ++c) {
            const double x = g.x0 + (static_cast<double>(c) + 0.5) * cell;
            const double y = g.y1 - (static_cast<double>(r) + 0.5) * cell;
            const uint32_t a = index.locate(x, y);
            if (a != kNoArea) {
                g.cell_of_raw[static_cast<size_t>(r * g.cols + c)] = static_cast<int64_t>(g.cx.size());
                g.cx.push_back(x);
                g.cy.push_back(y);
                g.area.push_back(a);
            }
        }
    }
    return g;
}

/// Adds kernel(distance) * weight around each point to the cells within `radius`.
template <typename Kernel>
void spread(const Grid& g, const std::vector<const EvalPoint*>& pts, double radius, Kernel kernel,
            std::vector<double>& count, std::vector<double>& harm) {
    const auto reach = static_cast<int64_t>(std::ceil(radius / g.cell));
    for (const EvalPoint* p : pts) {
        cancellation_point();
        const auto c0 = static_cast<int64_t>(std::floor((p->x - g.x0) / g.cell));
        const auto r0 = static_cast<int64_t>(std::floor((g.y1 - p->y) / g.cell));
        for (int64_t r = std::max<int64_t>(0, r0 - reach); r <= std::min(g.rows - 1, r0 + reach); ++r) {
            for (int64_t c = std::max<int64_t>(0, c0 - reach); c <= std::min(g.cols - 1, c0 + reach); ++c) {
                const int64_t s = g.cell_of_raw[static_cast<size_t>(r * g.cols + c)];
                if (s < 0) {
                    continue;
                }
                const double dx = g.cx[static_cast<size_t>(s)] - p->x;
                const double dy = g.cy[static_cast<size_t>(s)] - p->y;
                const double k = kernel(dx * dx + dy * dy);
                if (k > 0) {
                    count[static_cast<size_t>(s)] += k;
                    harm[static_cast<size_t>(s)] += k * p->harm;
                }
            }
        }
    }
}

}  // namespace

std::vector<EvaluateRow> evaluate_methods(const std::vector<EvalPoint>& points, const std::string& crime_set,
                                          const AreaSet& areas, const AreaIndex& index,
                                          const SpatialWeights& weights, Month first, Month last,
                                          const EvaluateOptions& o) {
    if (o.train_months < 1 || o.horizon < 1) {
        throw InputError("the training window and the horizon are at least a month");
    }
    const Month first_origin = first + (o.train_months - 1);
    const Month last_origin = Month{last.index - o.horizon};
    if (first_origin > last_origin) {
        throw InputError("the data has " + std::to_string(last - first + 1) + " months: too few for " +
                         std::to_string(o.train_months) + " training months and a horizon of " +
                         std::to_string(o.horizon));
    }
    const Grid g = make_grid(areas, index, o.cell);
    const size_t cells = g.cx.size();
    if (cells == 0) {
        throw InputError("no grid cell lies inside the areas");
    }
    const std::vector<std::string> methods{"last_counts", "lsoa_gi", "kde", "places_150m"};
    // Sums over origins, per method (count and harm versions) and share.
    struct Acc {
        double hit = 0, pai = 0, pei = 0, rri = 0, harm = 0;
        int rri_n = 0;
    };
    const size_t variants = methods.size() * 2;
    std::vector<std::vector<Acc>> acc(variants, std::vector<Acc>(o.shares.size()));
    int origins = 0;
    double test_total = 0;
    const double r2 = o.bandwidth * o.bandwidth;
    const double p2 = o.place_radius * o.place_radius;
    const double quartic = 3.0 / (3.14159265358979323846 * r2) * 1e6;  // per km2
    for (Month t = first_origin; t <= last_origin; t = t + 1) {
        cancellation_point();
        const Month train_from = Month{t.index - o.train_months + 1};
        std::vector<const EvalPoint*> train_pts;
        std::vector<double> train(cells, 0.0);
        std::vector<double> train_harm(cells, 0.0);
        std::vector<double> test(cells, 0.0);
        std::vector<double> test_harm(cells, 0.0);
        std::vector<double> lsoa(areas.size(), 0.0);
        std::vector<double> lsoa_harm(areas.size(), 0.0);
        for (const EvalPoint& p : points) {
            const int64_t s = g.study(p.x, p.y);
            if (p.month >= train_from && p.month <= t) {
                train_pts.push_back(&p);
                if (s >= 0) {
                    train[static_cast<size_t>(s)] += 1;
                    train_harm[static_cast<size_t>(s)] += p.harm;
                    lsoa[g.area[static_cast<size_t>(s)]] += 1;
                    lsoa_harm[g.area[static_cast<size_t>(s)]] += p.harm;
                }
            } else if (p.month > t && p.month <= t + o.horizon && s >= 0) {
                test[static_cast<size_t>(s)] += 1;
                test_harm[static_cast<size_t>(s)] += p.harm;
            }
        }
        ++origins;
        test_total += std::accumulate(test.begin(), test.end(), 0.0);
        // Scores per method: count then harm version.
        std::vector<std::vector<double>> score(variants, std::vector<double>(cells, 0.0));
        score[0] = train;
        score[1] = train_harm;
        auto gi_of = [&](const std::vector<double>& v, std::vector<double>& out) {
            const GiStarResult gi = getis_ord_gi_star(v, weights, GiStarOptions{});
            for (size_t s = 0; s < cells; ++s) {
                const auto& z = gi.z[g.area[s]];
                out[s] = z ? *z : -std::numeric_limits<double>::infinity();
            }
        };
        try {
            gi_of(lsoa, score[2]);
            gi_of(lsoa_harm, score[3]);
        } catch (const InputError&) {
            // A window without variation has no Gi*: every cell ties, flagged by order.
        }
        spread(g, train_pts, o.bandwidth,
               [&](double d2) { return d2 < r2 ? quartic * (1 - d2 / r2) * (1 - d2 / r2) : 0.0; }, score[4],
               score[5]);
        spread(g, train_pts, o.place_radius, [&](double d2) { return d2 <= p2 ? 1.0 : 0.0; }, score[6], score[7]);
        for (size_t v = 0; v < variants; ++v) {
            for (size_t k = 0; k < o.shares.size(); ++k) {
                const auto flagged = static_cast<size_t>(std::llround(o.shares[k] * static_cast<double>(cells)));
                const FlagScore f = score_flagged(score[v], std::max<size_t>(1, flagged), train, test, test_harm);
                Acc& a = acc[v][k];
                a.hit += f.hit_rate;
                a.pai += f.pai;
                a.pei += f.pei_star;
                a.harm += f.harm_hit;
                if (f.rri_defined) {
                    a.rri += f.rri;
                    ++a.rri_n;
                }
            }
        }
    }
    const double per_window = test_total / origins;
    std::vector<EvaluateRow> rows;
    for (size_t v = 0; v < variants; ++v) {
        for (size_t k = 0; k < o.shares.size(); ++k) {
            const Acc& a = acc[v][k];
            EvaluateRow r;
            r.method = methods[v / 2] + (v % 2 == 1 ? "_harm" : "");
            r.area_share = o.shares[k];
            r.crime_set = crime_set;
            r.origins = origins;
            r.hit_rate = a.hit / origins;
            r.pai = a.pai / origins;
            r.pei_star = a.pei / origins;
            r.harm_hit = a.harm / origins;
            r.rri = a.rri_n > 0 ? a.rri / a.rri_n : std::numeric_limits<double>::quiet_NaN();
            r.test_events = per_window;
            if (per_window < o.min_events) {
                r.note = "too few events to judge: " + std::to_string(static_cast<int64_t>(std::lround(per_window))) +
                         " per test window";
            }
            rows.push_back(std::move(r));
        }
    }
    return rows;
}

Table evaluation_table(const std::vector<EvaluateRow>& rows) {
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
    return t;
}

}  // namespace hotspot
