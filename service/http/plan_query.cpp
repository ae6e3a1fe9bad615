#include "service/http/plan_query.hpp"

#include <cmath>
#include <string>

#include "geo/calendar.hpp"
#include "geo/error.hpp"

namespace hotspot::server {

PatrolRequest patrol_request_from(const Params& params) {
    PatrolRequest r;
    r.months = whole_param(params, "months", r.months, 1, 120);
    const auto knife = params.find("knife");
    r.knife = knife != params.end() && (knife->second == "1" || knife->second == "true");
    r.categories = list_param(params, "categories");
    if (r.knife && !r.categories.empty()) {
        throw BadRequest("give knife=1 or categories=, not both");
    }
    if (const auto u = params.find("unit"); u != params.end() && !u->second.empty()) {
        if (u->second != "place" && u->second != "lsoa" && u->second != "ward") {
            throw BadRequest("unit=" + u->second + ": give place, lsoa or ward");
        }
        r.unit = u->second;
    }
    r.teams = whole_param(params, "teams", r.teams, 1, 50);
    r.places.radius = number_param(params, "radius", r.places.radius, 25, 2000);
    r.plan.officer_hours = number_param(params, "officer_hours", r.plan.officer_hours, 0.1, 10000);
    if (params.count("officer_hours_week") != 0) {
        if (params.count("officer_hours") != 0) {
            throw BadRequest("officer_hours_week: give officer_hours (a day) or officer_hours_week, not both");
        }
        // A week's hours spread evenly over its seven days.
        r.plan.officer_hours = number_param(params, "officer_hours_week", 56, 0.7, 70000) / 7;
    }
    r.plan.visit_minutes = number_param(params, "visit_minutes", r.plan.visit_minutes, 1, 240);
    r.plan.visits_per_day = whole_param(params, "visits_per_day", r.plan.visits_per_day, 1, 24);
    r.plan.travel_minutes = number_param(params, "travel_minutes", r.plan.travel_minutes, 0, 240);
    r.plan.days = whole_param(params, "days", r.plan.days, 1, 366);
    r.plan.seed = static_cast<uint64_t>(number_param(params, "seed", static_cast<double>(r.plan.seed), 0, 4e9));
    if (const auto w = params.find("window"); w != params.end() && !w->second.empty()) {
        const size_t dash = w->second.find('-');
        try {
            if (dash == std::string::npos) {
                throw InputError("no dash");
            }
            r.plan.window_start = parse_clock(w->second.substr(0, dash));
            r.plan.window_end = parse_clock(w->second.substr(dash + 1));
        } catch (const InputError&) {
            throw BadRequest("window=" + w->second + ": give HH:MM-HH:MM");
        }
    }
    // The schedule holds one row per visit: bound it before any work, since an API caller
    // can ask for ten thousand officer hours a day of one-minute visits for a year.
    const double visits = r.plan.officer_hours * 60 / (r.plan.visit_minutes + r.plan.travel_minutes) * r.plan.days;
    if (visits > kMaxScheduledVisits) {
        throw BadRequest("this plan would schedule about " + std::to_string(static_cast<long long>(visits)) +
                             " visits; the most is " + std::to_string(static_cast<long long>(kMaxScheduledVisits)) +
                             ": give fewer officer_hours or days, or longer visit_minutes",
                         413);
    }
    if (const auto e = params.find("experiment"); e != params.end() && !e->second.empty()) {
        if (e->second != "none" && e->second != "pairs" && e->second != "daily") {
            throw BadRequest("experiment=" + e->second + ": give none, pairs or daily");
        }
        r.plan.experiment = e->second;
    }
    return r;
}

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

}  // namespace hotspot::server
