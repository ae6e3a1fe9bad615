#include "geo/patrol/plan.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "geo/cancel.hpp"
#include "geo/error.hpp"
#include "geo/stats/kmeans.hpp"
#include "geo/stats/random.hpp"

namespace hotspot {

namespace {

constexpr double kPi = 3.14159265358979323846;

/// Fisher-Yates with a seeded stream.
template <typename T>
void shuffle(std::vector<T>& v, stats::SplitMix64& rng) {
    for (size_t i = v.size(); i > 1; --i) {
        std::swap(v[i - 1], v[rng.below(i)]);
    }
}

}  // namespace

std::vector<MicroPlace> find_micro_places(const std::vector<PatrolPoint>& points, const AreaIndex& index,
                                          const PlaceOptions& o) {
    std::vector<MicroPlace> out;
    if (points.empty()) {
        return out;
    }
    // Harm and count within the radius of every cell centre near an incident.
    double x0 = points.front().x;
    double y0 = points.front().y;
    for (const auto& p : points) {
        x0 = std::min(x0, p.x);
        y0 = std::min(y0, p.y);
    }
    x0 -= o.radius + o.cell;
    y0 -= o.radius + o.cell;
    struct Cell {
        double harm = 0;
        int64_t n = 0;
    };
    std::unordered_map<int64_t, Cell> cells;
    constexpr int64_t kStride = int64_t{1} << 24;
    const auto reach = static_cast<int64_t>(std::ceil(o.radius / o.cell));
    const double r2 = o.radius * o.radius;
    for (const auto& p : points) {
        cancellation_point();
        const auto c0 = static_cast<int64_t>((p.x - x0) / o.cell);
        const auto r0 = static_cast<int64_t>((p.y - y0) / o.cell);
        for (int64_t r = r0 - reach; r <= r0 + reach; ++r) {
            for (int64_t c = c0 - reach; c <= c0 + reach; ++c) {
                const double dx = x0 + (static_cast<double>(c) + 0.5) * o.cell - p.x;
                const double dy = y0 + (static_cast<double>(r) + 0.5) * o.cell - p.y;
                if (dx * dx + dy * dy <= r2) {
                    Cell& cell = cells[r * kStride + c];
                    cell.harm += p.harm;
                    ++cell.n;
                }
            }
        }
    }
    std::vector<std::pair<int64_t, Cell>> ranked(cells.begin(), cells.end());
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
        return a.second.harm != b.second.harm ? a.second.harm > b.second.harm : a.first < b.first;
    });
    // Greedy: the best centre whose disc overlaps no disc taken (centres 2r apart).
    const double spacing = 2 * o.radius;
    std::unordered_map<int64_t, std::vector<size_t>> taken;  // by a grid of 2r cells
    auto bucket = [&](double x, double y) {
        return static_cast<int64_t>(std::floor((y - y0) / spacing)) * kStride +
               static_cast<int64_t>(std::floor((x - x0) / spacing));
    };
    for (const auto& [key, cell] : ranked) {
        if (out.size() >= o.max_places || cell.harm <= 0) {
            break;
        }
        const double x = x0 + (static_cast<double>(key % kStride) + 0.5) * o.cell;
        const double y = y0 + (static_cast<double>(key / kStride) + 0.5) * o.cell;
        bool clear = true;
        const int64_t b = bucket(x, y);
        for (int64_t dr = -1; dr <= 1 && clear; ++dr) {
            for (int64_t dc = -1; dc <= 1 && clear; ++dc) {
                const auto it = taken.find(b + dr * kStride + dc);
                if (it == taken.end()) {
                    continue;
                }
                for (const size_t i : it->second) {
                    const double dx = out[i].x - x;
                    const double dy = out[i].y - y;
                    if (dx * dx + dy * dy < spacing * spacing) {
                        clear = false;
                        break;
                    }
                }
            }
        }
        if (!clear) {
            continue;
        }
        MicroPlace m;
        m.id = static_cast<int>(out.size()) + 1;
        m.x = x;
        m.y = y;
        m.harm = cell.harm;
        m.incidents = cell.n;
        m.area = index.locate(x, y);
        m.area_m2 = kPi * o.radius * o.radius;
        taken[b].push_back(out.size());
        out.push_back(m);
    }
    return out;
}

PatrolPlan plan_patrols(const std::vector<MicroPlace>& places, double total_harm, double land_m2,
                        const PlanOptions& o) {
    if (o.experiment != "none" && o.experiment != "pairs" && o.experiment != "daily") {
        throw InputError("experiment \"" + o.experiment + "\": give none, pairs or daily");
    }
    if (o.visits_per_day < 1 || o.visit_minutes <= 0 || o.travel_minutes < 0 || o.days < 1 || o.officer_hours <= 0) {
        throw InputError("visits, their length, the days and the officer hours must be positive");
    }
    PatrolPlan plan;
    plan.minutes_per_place = o.visits_per_day * (o.visit_minutes + o.travel_minutes);
    plan.minutes_available = o.officer_hours * 60;
    // Every place costs the same, so the most harm within the hours is the places with
    // the most harm, as many as fit.
    const auto fit = static_cast<size_t>(std::floor(plan.minutes_available / plan.minutes_per_place + 1e-9));
    if (fit == 0) {
        throw InputError("one place needs " + std::to_string(static_cast<int>(plan.minutes_per_place)) +
                         " minutes a day, more than the officer hours allow (" +
                         std::to_string(static_cast<int>(plan.minutes_available)) + " minutes)");
    }
    const bool experiment = o.experiment != "none";
    const size_t wanted = experiment ? 2 * fit : fit;
    const size_t n = std::min(wanted, places.size());
    plan.places.assign(places.begin(), places.begin() + static_cast<std::ptrdiff_t>(n));
    if (n < wanted) {
        plan.notes.push_back("only " + std::to_string(places.size()) + " places were found; the hours allow " +
                             std::to_string(fit) + (experiment ? " patrolled and as many controls" : ""));
    }
    stats::SplitMix64 rng(o.seed);
    std::vector<std::vector<int>> patrolled(static_cast<size_t>(o.days));  // place indices per day
    if (o.experiment == "pairs") {
        // Places paired in order of harm; a coin decides which of each pair is patrolled.
        plan.group.assign(n, "control");
        for (size_t i = 0; i + 1 < n; i += 2) {
            plan.group[i + (rng.below(2) == 0 ? 0 : 1)] = "patrol";
        }
        if (n % 2 == 1) {
            plan.group[n - 1] = "unpaired";
        }
        for (auto& day : patrolled) {
            for (size_t i = 0; i < n; ++i) {
                if (plan.group[i] == "patrol") {
                    day.push_back(static_cast<int>(i));
                }
            }
        }
    } else if (o.experiment == "daily") {
        // Each day a fresh random half of the places is patrolled (Southend's design).
        plan.group.assign(n, "daily");
        std::vector<int> all(n);
        std::iota(all.begin(), all.end(), 0);
        for (auto& day : patrolled) {
            std::vector<int> pick = all;
            shuffle(pick, rng);
            pick.resize(std::min(fit, pick.size()));
            std::sort(pick.begin(), pick.end());
            day = pick;
        }
    } else {
        plan.group.assign(n, "patrol");
        for (auto& day : patrolled) {
            for (size_t i = 0; i < n; ++i) {
                day.push_back(static_cast<int>(i));
            }
        }
    }
    plan.patrolled_per_day = static_cast<int>(patrolled.front().size());
    // The schedule: each day's visits in random order, spread over the time window.
    const int window = o.window_end > o.window_start ? o.window_end - o.window_start
                                                     : o.window_end + 1440 - o.window_start;
    for (int d = 0; d < o.days; ++d) {
        cancellation_point();
        std::vector<int> visits;
        for (const int i : patrolled[static_cast<size_t>(d)]) {
            for (int v = 0; v < o.visits_per_day; ++v) {
                visits.push_back(i);
            }
        }
        shuffle(visits, rng);
        const double step = visits.empty() ? 0 : static_cast<double>(window) / static_cast<double>(visits.size());
        double used = 0;
        for (size_t k = 0; k < visits.size(); ++k) {
            Visit v;
            v.day = d + 1;
            v.order = static_cast<int>(k) + 1;
            v.place = plan.places[static_cast<size_t>(visits[k])].id;
            v.start = o.window_start + static_cast<int>(std::floor(step * static_cast<double>(k)));
            v.minutes = o.visit_minutes;
            used += o.visit_minutes + o.travel_minutes;
            plan.schedule.push_back(v);
        }
        plan.minutes_used = std::max(plan.minutes_used, used);
    }
    // Shares: the places patrolled on an average day.
    double harm = 0;
    double ground = 0;
    for (size_t i = 0; i < n; ++i) {
        const double days_on = static_cast<double>(std::count_if(patrolled.begin(), patrolled.end(), [&](const auto& day) {
            return std::find(day.begin(), day.end(), static_cast<int>(i)) != day.end();
        }));
        harm += plan.places[i].harm * days_on / o.days;
        ground += plan.places[i].area_m2 * days_on / o.days;
    }
    plan.harm_share = total_harm > 0 ? harm / total_harm : 0;
    plan.area_share = land_m2 > 0 ? ground / land_m2 : 0;
    return plan;
}

std::vector<MicroPlace> rank_areas(const std::vector<PatrolPoint>& points, const AreaSet& areas,
                                   const AreaIndex& index, GEOSContextHandle_t h, size_t max_places) {
    std::vector<MicroPlace> by_area(areas.size());
    for (const PatrolPoint& p : points) {
        const uint32_t a = index.locate(p.x, p.y);
        if (a != kNoArea) {
            by_area[a].harm += p.harm;
            ++by_area[a].incidents;
        }
    }
    std::vector<MicroPlace> out;
    for (uint32_t a = 0; a < areas.size(); ++a) {
        MicroPlace m = by_area[a];
        if (m.harm <= 0) {
            continue;
        }
        m.area = a;
        m.area_m2 = areas.land_area_m2(a);
        if (const detail::GeosGeometry inside = detail::adopt(h, GEOSPointOnSurface_r(h, areas.geometry(a)))) {
            GEOSGeomGetX_r(h, inside.get(), &m.x);
            GEOSGeomGetY_r(h, inside.get(), &m.y);
        }
        out.push_back(m);
    }
    std::stable_sort(out.begin(), out.end(), [](const MicroPlace& a, const MicroPlace& b) { return a.harm > b.harm; });
    if (out.size() > max_places) {
        out.resize(max_places);
    }
    for (size_t i = 0; i < out.size(); ++i) {
        out[i].id = static_cast<int>(i) + 1;
    }
    return out;
}

std::vector<int> assign_teams(const PatrolPlan& plan, int teams, uint64_t seed) {
    std::vector<int> team(plan.places.size(), 0);
    std::vector<size_t> visited;
    for (size_t i = 0; i < plan.places.size(); ++i) {
        if (plan.group[i] != "control") {
            visited.push_back(i);
        }
    }
    const int k = std::min(std::max(teams, 1), static_cast<int>(visited.size()));
    if (k <= 1 || k == static_cast<int>(visited.size())) {
        for (size_t j = 0; j < visited.size(); ++j) {
            team[visited[j]] = k <= 1 ? 1 : static_cast<int>(j) + 1;
        }
        return team;
    }
    std::vector<double> xy;
    for (const size_t i : visited) {
        xy.push_back(plan.places[i].x);
        xy.push_back(plan.places[i].y);
    }
    const KMeansResult km = kmeans(xy, 2, k, 20, seed, 1);
    // Beats numbered in the order of their best place (places come ranked by harm).
    std::vector<int> number(static_cast<size_t>(k), 0);
    int next = 1;
    for (size_t j = 0; j < visited.size(); ++j) {
        int& n = number[static_cast<size_t>(km.label[j])];
        if (n == 0) {
            n = next++;
        }
        team[visited[j]] = n;
    }
    return team;
}

}  // namespace hotspot
