// The plan endpoints of Api: patrol plans (table, layer and briefing) and the backtest
// of the hot spot methods (table and chart).

#include <nlohmann/json.hpp>

#include "service/http/api.hpp"
#include "service/report/briefing.hpp"
#include "service/report/chart.hpp"

namespace hotspot::server {

using nlohmann::json;

namespace {

/// A result from `cache` under `key`, or made by `make` and kept within the cache's
/// budget. Input the data cannot serve (no place fits the hours, too few months) throws
/// InputError, which Api::handle answers as the client's error.
template <typename T, typename Make, typename Bytes>
std::shared_ptr<const T> remembered(ResultCache<T>& cache, const std::string& key, const Make& make,
                                    const Bytes& bytes) {
    if (auto hit = cache.get(key)) {
        return hit;
    }
    Api::before_work();
    std::shared_ptr<const T> made = make();
    cache.put(key, made, bytes(*made));
    return made;
}

}  // namespace

std::shared_ptr<const PatrolResult> Api::patrol_plan(const Snapshot& s, const Params& params, Role role) {
    const PatrolRequest request = patrol_request_from(params);
    const bool protect = role == Role::public_user;
    return remembered<PatrolResult>(
        m_patrols, s.version() + "|" + request.key() + (protect ? "|p" : "|a"),
        [&] { return plan_patrol(s, request, protect ? std::optional<int>(m_config.suppress_below) : std::nullopt); },
        [](const PatrolResult& r) {
            // Tables, plus each place's disc (about 64 vertices of 16 bytes).
            return sizeof(PatrolResult) + approx_bytes(r.table) + approx_bytes(r.schedule) + r.shapes.size() * 1200;
        });
}

std::shared_ptr<const Evaluation> Api::evaluated(const Snapshot& s, const Params& params) {
    const EvaluateOptions options = evaluate_options_from(params);
    check_evaluation_cost(options, s.layers().front()->areas->extent());
    return remembered<Evaluation>(
        m_evaluations, s.version() + "|" + evaluate_key(options), [&] { return evaluate_snapshot(s, options); },
        [](const Evaluation& e) { return sizeof(Evaluation) + approx_bytes(e.table) + e.rows.size() * 128; });
}

Response Api::evaluation(const Snapshot& s, const Params& params, bool chart) {
    const std::shared_ptr<const Evaluation> e = evaluated(s, params);
    if (!chart) {
        return json_response(200, evaluation_json(*e), "/api/evaluate");
    }
    Response r;
    r.route = "/api/evaluate/chart.svg";
    r.content_type = "image/svg+xml";
    r.body = std::make_shared<const std::string>(report::pai_chart_svg(e->rows, e->windows));
    return r;
}

Response Api::patrol(const Snapshot& s, const Params& params, Role role, bool briefing) {
    const std::string route = briefing ? "/api/patrol/briefing" : "/api/patrol";
    const std::shared_ptr<const PatrolResult> plan = patrol_plan(s, params, role);
    if (briefing) {
        Response r;
        r.route = route;
        r.content_type = "text/html; charset=utf-8";
        const int hide = role == Role::public_user ? m_config.suppress_below : 0;
        r.body = std::make_shared<const std::string>(report::patrol_briefing(*plan, hide, role == Role::public_user));
        return r;
    }
    json out = patrol_json(*plan, true, role == Role::public_user);
    const bool suppress = role == Role::public_user && m_config.suppress_below > 1;
    if (suppress) {
        for (auto& f : out["features"]) {
            auto& props = f["properties"];
            const int64_t n = props["incidents"].get<int64_t>();
            if (small_count(n, m_config.suppress_below)) {
                props["incidents"] = nullptr;
                props["harm"] = nullptr;
            }
        }
    }
    return json_response(200, out, route);
}

}  // namespace hotspot::server
