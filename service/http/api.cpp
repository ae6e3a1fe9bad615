#include "service/http/api.hpp"

#include <chrono>
#include <cstdio>
#include <vector>

#include <nlohmann/json.hpp>

#include "geo/cancel.hpp"
#include "geo/error.hpp"
#include "service/http/encoding.hpp"

namespace hotspot::server {
namespace {

using nlohmann::json;

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> parts;
    size_t start = 1;
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string::npos) {
            end = path.size();
        }
        parts.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

/// 405, with the Allow header RFC 9110 asks for.
Response method_not_allowed(const std::string& message, const char* allow);

std::string iso_time(std::chrono::system_clock::time_point t) {
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace

Response json_response(int status, const json& body, const std::string& route) {
    Response r;
    r.status = status;
    r.content_type = "application/json";
    // Text from requests and data is checked where it enters, but a body must never be
    // the thing that throws: any byte that is still not UTF-8 becomes U+FFFD.
    r.body = std::make_shared<const std::string>(body.dump(-1, ' ', false, json::error_handler_t::replace));
    r.route = route;
    return r;
}

Response error_response(int status, const std::string& message, const std::string& route) noexcept {
    try {
        return json_response(status, json{{"error", message}}, route);
    } catch (...) {
        // Out of memory, most likely: answer with what needs no allocation of note.
        Response r;
        r.status = status;
        r.content_type = "application/json";
        r.route = "error";
        r.close = true;
        return r;
    }
}

namespace {

Response method_not_allowed(const std::string& message, const char* allow) {
    Response r = error_response(405, message, "method");
    r.headers.emplace_back("Allow", allow);
    return r;
}

}  // namespace

Response internal_error_response() noexcept {
    static const auto body = std::make_shared<const std::string>(R"({"error":"internal error"})");
    Response r;
    r.status = 500;
    r.content_type = "application/json";
    r.body = body;
    r.route = "error";
    return r;
}

namespace {

/// Thrown by Api::before_work for a light_only request; never leaves Api::handle.
struct Deferred {};

/// Whether the request this thread is answering is light_only (Api::handle runs one
/// request at a time on a thread, start to end).
thread_local bool t_light_only = false;

/// Compares without stopping at the first difference, so that the time taken does not
/// tell how much of a guessed token was right.
bool same_token(std::string_view given, std::string_view secret) {
    if (secret.empty()) {
        return false;  // an empty token grants nothing
    }
    unsigned char diff = given.size() == secret.size() ? 0 : 1;
    for (size_t i = 0; i < given.size(); ++i) {
        diff |= static_cast<unsigned char>(given[i] ^ secret[i % secret.size()]);
    }
    return diff == 0;
}

}  // namespace

Api::Api(ServerConfig config, CurrentSnapshot current, Reload reload, std::string web_root)
    : m_config(std::move(config)),
      m_current(std::move(current)),
      m_reload(std::move(reload)),
      m_web_root(std::move(web_root)),
      m_cache(m_config.cache_bytes),
      m_stats(kStatsBudget),
      m_surfaces(kSurfaceBudget),
      m_patrols(kPatrolBudget),
      m_evaluations(kEvaluationBudget),
      m_places(kPlaceBudget) {}

Api::~Api() = default;

void Api::data_changed() {
    m_cache.clear();
    m_stats.clear();
    m_surfaces.clear();
    m_patrols.clear();
    m_evaluations.clear();
    m_places.clear();
}

size_t Api::result_bytes() const {
    return m_stats.bytes() + m_surfaces.bytes() + m_patrols.bytes() + m_evaluations.bytes() + m_places.bytes();
}

size_t approx_bytes(const Table& t) {
    size_t bytes = sizeof(Table) + t.fields.size() * 64 + t.geometry.size() * 8;
    for (const auto& row : t.rows) {
        bytes += sizeof(row) + row.size() * sizeof(FieldValue);
        for (const auto& v : row) {
            if (const auto* text = std::get_if<std::string>(&v)) {
                bytes += text->capacity();
            }
        }
    }
    return bytes;
}

void Api::before_work() {
    if (t_light_only) {
        throw Deferred{};
    }
}

Response Api::handle(const Request& request) noexcept {
    const auto start = std::chrono::steady_clock::now();
    Role role = Role::public_user;
    Response response;
    t_light_only = request.light_only;
    try {  // the catch blocks below build strings too: this catches what they throw
        try {
            const std::string auth = request.header("authorization");
            if (!auth.empty()) {
                const std::string token = auth.rfind("Bearer ", 0) == 0 ? auth.substr(7) : "";
                bool analyst = false;
                for (const auto& t : m_config.analyst_tokens) {
                    analyst = same_token(token, t) || analyst;  // no early exit: see same_token
                }
                if (!m_config.admin_token.empty() && same_token(token, m_config.admin_token)) {
                    role = Role::admin;
                } else if (analyst) {
                    role = Role::analyst;
                } else {
                    response = error_response(401, "unknown bearer token", "auth");
                    response.headers.emplace_back("WWW-Authenticate", "Bearer");
                }
            }
            if (response.route.empty()) {
                const std::shared_ptr<const Snapshot> snapshot = m_current();
                response = route(request, role, *snapshot);
            }
        } catch (const Deferred&) {
            t_light_only = false;
            Response deferred;
            deferred.deferred = true;
            return deferred;
        } catch (const Cancelled& e) {
            // The work was stopped (its client left, or it ran past the server's limit).
            response = error_response(503, e.what(), "cancelled");
            response.headers.emplace_back("Cache-Control", "no-store");
        } catch (const BadRequest& e) {
            response = error_response(e.status(), e.what(), "bad request");
        } catch (const QueryRefused& e) {
            // A filter the public may not ask for; analysts may.
            response = error_response(403, e.what(), "refused");
        } catch (const InputError& e) {
            response = error_response(400, e.what(), "bad request");
        } catch (const std::exception& e) {
            log_internal_error(request, e.what());
            response = error_response(500, std::string("internal error: ") + e.what(), "error");
        } catch (...) {
            log_internal_error(request, "unknown exception");
            response = internal_error_response();
        }
    } catch (...) {
        response = internal_error_response();
    }
    t_light_only = false;
    try {
        response = finish(request, role, std::move(response));
    } catch (...) {
        log_internal_error(request, "while finishing the response");
        response = internal_error_response();
    }
    try {
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        m_metrics.record(response.route, response.status, seconds);
    } catch (...) {
        // Metrics are not worth a failed request.
    }
    return response;
}

void Api::log_internal_error(const Request& request, const char* what) noexcept {
    // The target is the client's bytes: written as escapes where they are not printable.
    std::string target;
    for (const char c : request.target.substr(0, 200)) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7F) {
            target.push_back(c);
        } else {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", u);
            target += buf;
        }
    }
    std::fprintf(stderr, "hotspot: internal error answering %s %s: %s\n", request.method.substr(0, 16).c_str(),
                 target.c_str(), what);
}

Response Api::finish(const Request& request, Role role, Response r) const {
    if (!m_config.cors_origin.empty()) {
        r.headers.emplace_back("Access-Control-Allow-Origin", m_config.cors_origin);
    }
    // Which numbers these are: protected (public) or true (a token's).
    r.headers.emplace_back("X-Hotspot-View", role == Role::public_user ? "public" : "analyst");
    bool has_cache_control = false;
    bool has_etag = false;
    std::string etag;
    for (const auto& [k, v] : r.headers) {
        has_cache_control = has_cache_control || k == "Cache-Control";
        if (k == "ETag") {
            has_etag = true;
            etag = v;
        }
    }
    if (role != Role::public_user) {
        for (auto& h : r.headers) {
            if (h.first == "Cache-Control" && h.second.rfind("public", 0) == 0) {
                h.second = "private" + h.second.substr(6);  // never in a shared cache
            }
        }
    }
    if (!has_cache_control) {
        r.headers.emplace_back("Cache-Control", r.status == 200 && role == Role::public_user
                                                    ? "no-cache"
                                                    : "private, no-cache");
    }
    if (r.status == 200 && !has_etag && request.method != "POST") {
        etag = strong_etag(*r.body, "");
        r.headers.emplace_back("ETag", etag);
        has_etag = true;
    }
    const bool compressible = r.content_type.rfind("image/", 0) != 0 &&
                              r.content_type != "application/zip" &&
                              r.content_type != "application/geopackage+sqlite3";
    if (compressible && r.status == 200) {
        r.headers.emplace_back("Vary", "Accept-Encoding");
        if (accepts_gzip(request.header("accept-encoding"))) {
            if (!r.gzip_body && r.body->size() > 1024) {
                r.gzip_body = std::make_shared<const std::string>(gzip(*r.body));
            }
            if (r.gzip_body) {
                r.body = r.gzip_body;
                r.headers.emplace_back("Content-Encoding", "gzip");
                // A different representation needs a different strong validator.
                for (auto& h : r.headers) {
                    if (h.first == "ETag" && h.second.size() > 2) {
                        h.second.insert(h.second.size() - 1, "-gz");
                        etag = h.second;
                    }
                }
            }
        }
    }
    if (r.status == 200 && has_etag && etag_matches(request.header("if-none-match"), etag)) {
        Response not_modified;
        not_modified.status = 304;
        not_modified.route = r.route;
        for (const auto& h : r.headers) {
            if (h.first != "Content-Encoding") {
                not_modified.headers.push_back(h);
            }
        }
        return not_modified;
    }
    return r;
}

Response Api::route(const Request& request, Role role, const Snapshot& s) {
    const size_t qmark = request.target.find('?');
    const std::string path = url_decode(request.target.substr(0, qmark), false, "the path");
    if (path.empty() || path.front() != '/') {
        return error_response(400, "the path must start with /", "bad request");  // "*" or an absolute URI
    }
    const std::string query = qmark == std::string::npos ? "" : request.target.substr(qmark + 1);
    if (request.method == "OPTIONS") {
        Response r;
        r.status = 204;
        r.route = "options";
        r.headers.emplace_back("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS");
        r.headers.emplace_back("Access-Control-Allow-Headers", "Authorization, If-None-Match");
        r.headers.emplace_back("Access-Control-Max-Age", "86400");
        return r;
    }
    const std::vector<std::string> p = split_path(path);
    if (request.method == "POST") {
        if (path == "/api/reload") {
            return reload(role);
        }
        return method_not_allowed("only GET and HEAD are answered here", "GET, HEAD, OPTIONS");
    }
    if (request.method != "GET" && request.method != "HEAD") {
        return method_not_allowed(request.method.substr(0, 32) + " is not supported",
                                  path == "/api/reload" ? "POST, OPTIONS" : "GET, HEAD, OPTIONS");
    }
    if (path == "/api/reload") {
        return method_not_allowed("reload with POST", "POST, OPTIONS");
    }
    const Params params = parse_query(query);
    if (path == "/health") {
        return health(s);
    }
    if (path == "/metrics") {
        return metrics_text(s);
    }
    if (path == "/api/catalog") {
        return catalog(s, role);
    }
    if (p.size() == 2 && p[0] == "tiles" && p[1].ends_with(".json")) {
        return tilejson(request, s, p[1].substr(0, p[1].size() - 5), query);
    }
    if (p.size() == 5 && p[0] == "tiles") {
        const std::string& file = p[4];
        if (p[1] == "density") {
            if (!file.ends_with(".png")) {
                return error_response(404, "density tiles are .png", "/tiles/density/{z}/{x}/{y}.png");
            }
            return density_tile(s, p[2], p[3], file.substr(0, file.size() - 4), params, role);
        }
        if (!file.ends_with(".mvt") && !file.ends_with(".pbf")) {
            return error_response(404, "vector tiles end in .mvt", "/tiles/{layer}/{z}/{x}/{y}.mvt");
        }
        const std::string y = file.substr(0, file.size() - 4);
        if (p[1] == "incidents") {
            if (role == Role::public_user) {
                return error_response(403, "incident points need an analyst token", "/tiles/incidents/{z}/{x}/{y}.mvt");
            }
            return incident_tile(s, p[2], p[3], y, parse_map_query(params));
        }
        if (p[1] == "places") {
            if (role == Role::public_user) {
                return error_response(403, "places locate incidents (police.uk's snap points): they need an "
                                           "analyst token", "/tiles/places/{z}/{x}/{y}.mvt");
            }
            if (s.places() == nullptr) {
                return error_response(404, "this server's data are not counted by place", "/tiles/places/{z}/{x}/{y}.mvt");
            }
            return place_tile(s, p[2], p[3], y, parse_map_query(params));
        }
        const AreaLayer* layer = s.layer(p[1]);
        if (layer == nullptr) {
            return error_response(404, "no tile layer \"" + p[1] + "\"", "/tiles/{layer}/{z}/{x}/{y}.mvt");
        }
        return area_tile(s, *layer, p[2], p[3], y, parse_map_query(params), role);
    }
    if (path == "/api/density") {
        return density_legend(s, params, role);
    }
    if (p.size() == 4 && p[0] == "api" && p[1] == "areas") {
        const AreaLayer* layer = s.layer(p[2]);
        if (layer == nullptr) {
            return error_response(404, "no area set \"" + p[2] + "\"", "/api/areas/{layer}/{code}");
        }
        return area_profile(s, *layer, p[3], parse_map_query(params), role);
    }
    if (path == "/api/hotspots") {
        return hotspot_list(s, params, role);
    }
    if (path == "/api/places") {
        return place_list(s, params, role);
    }
    if (path == "/api/nearrepeat/zones") {
        return zone_list(s, role);
    }
    if (p.size() == 3 && p[0] == "api" && p[1] == "legend") {
        const AreaLayer* layer = s.layer(p[2]);
        if (layer == nullptr) {
            return error_response(404, "no area set \"" + p[2] + "\"", "/api/legend/{layer}");
        }
        return legend(s, *layer, params, role);
    }
    if (p.size() == 2 && p[0] == "export") {
        return download(s, p[1], params, role);
    }
    if (path == "/api/patrol" || path == "/api/patrol/briefing") {
        return patrol(s, params, role, path == "/api/patrol/briefing");
    }
    if (path == "/api/evaluate" || path == "/api/evaluate/chart.svg") {
        if (role == Role::public_user) {
            return error_response(403, kBacktestIsForAnalysts, "/api/evaluate");
        }
        return evaluation(s, params, path == "/api/evaluate/chart.svg");
    }
    if (p[0] == "api" || p[0] == "tiles" || p[0] == "export") {
        return error_response(404, "no such endpoint: " + path, "not found");
    }
    return static_file(path);
}

Response Api::health(const Snapshot& s) const {
    const double age = std::chrono::duration<double>(std::chrono::system_clock::now() - s.loaded_at()).count();
    json areas = json::object();
    for (const auto& l : s.layers()) {
        areas[l->id] = l->areas->size();
    }
    Response r = json_response(200,
                               json{{"status", "ok"},
                                    {"version", s.version()},
                                    {"loaded_at", iso_time(s.loaded_at())},
                                    {"data_age_seconds", std::lround(age)},
                                    {"incidents", s.accepted()},
                                    {"rejected", s.rejected()},
                                    {"areas", areas}},
                               "/health");
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

Response Api::metrics_text(const Snapshot& s) const {
    const tiles::CacheStats c = m_cache.stats();
    std::string out = m_metrics.render();
    out += "# HELP hotspot_tile_cache_hits_total Responses served from the cache.\n"
           "# TYPE hotspot_tile_cache_hits_total counter\n"
           "hotspot_tile_cache_hits_total " + std::to_string(c.hits) + "\n";
    out += "# HELP hotspot_tile_cache_misses_total Responses the cache did not hold.\n"
           "# TYPE hotspot_tile_cache_misses_total counter\n"
           "hotspot_tile_cache_misses_total " + std::to_string(c.misses) + "\n";
    out += "# HELP hotspot_tile_cache_bytes Bytes the cache holds.\n"
           "# TYPE hotspot_tile_cache_bytes gauge\n"
           "hotspot_tile_cache_bytes " + std::to_string(c.bytes) + "\n";
    out += "# HELP hotspot_tile_cache_budget_bytes The cache's budget.\n"
           "# TYPE hotspot_tile_cache_budget_bytes gauge\n"
           "hotspot_tile_cache_budget_bytes " + std::to_string(m_cache.budget()) + "\n";
    out += "# HELP hotspot_tile_cache_evictions_total Entries dropped to stay in budget.\n"
           "# TYPE hotspot_tile_cache_evictions_total counter\n"
           "hotspot_tile_cache_evictions_total " + std::to_string(c.evictions) + "\n";
    const double age = std::chrono::duration<double>(std::chrono::system_clock::now() - s.loaded_at()).count();
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f", age);
    out += "# HELP hotspot_data_age_seconds Seconds since the data was loaded.\n"
           "# TYPE hotspot_data_age_seconds gauge\n"
           "hotspot_data_age_seconds " + std::string(buf) + "\n";
    std::snprintf(buf, sizeof buf, "%.3f", s.load_seconds());
    out += "# HELP hotspot_data_load_seconds Time the current data took to load.\n"
           "# TYPE hotspot_data_load_seconds gauge\n"
           "hotspot_data_load_seconds " + std::string(buf) + "\n";
    out += "# HELP hotspot_data_info The data version.\n# TYPE hotspot_data_info gauge\n"
           "hotspot_data_info{version=\"" + s.version() + "\"} 1\n";
    Response r;
    r.content_type = "text/plain; version=0.0.4";
    r.body = std::make_shared<const std::string>(std::move(out));
    r.route = "/metrics";
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

Response Api::reload(Role role) {
    if (m_config.admin_token.empty()) {
        return error_response(403, "reload is off: the configuration has no admin_token", "/api/reload");
    }
    if (role != Role::admin) {
        Response r = error_response(401, "reload needs the admin bearer token", "/api/reload");
        r.headers.emplace_back("WWW-Authenticate", "Bearer");
        return r;
    }
    std::unique_lock<std::mutex> lock(m_reload_mutex, std::try_to_lock);
    if (!lock.owns_lock()) {
        return error_response(409, "a reload is already running", "/api/reload");
    }
    try {
        const std::string version = m_reload();
        Response r = json_response(200, json{{"status", "reloaded"}, {"version", version}}, "/api/reload");
        r.headers.emplace_back("Cache-Control", "no-store");
        return r;
    } catch (const std::exception& e) {
        return error_response(500, std::string("reload failed, the old data is still served: ") + e.what(),
                              "/api/reload");
    }
}

Response Api::cached(const std::string& key, const std::string& route,
                     const std::function<Response()>& make) {
    std::shared_ptr<const tiles::CachedTile> hit = m_cache.get(key);
    if (!hit) {
        before_work();
        Response made = make();
        if (made.status != 200 && made.status != 204) {
            return made;
        }
        auto entry = std::make_shared<tiles::CachedTile>();
        entry->status = made.status;
        entry->content_type = made.content_type;
        entry->body = *made.body;
        for (const auto& [k, v] : made.headers) {
            if (k == "Content-Disposition") {
                entry->disposition = v;
            }
        }
        // Gzip ahead only what will be kept, and only what is not compressed already;
        // otherwise finish() gzips for the clients that ask.
        const bool compressed = made.content_type == "image/png" || made.content_type == "application/zip" ||
                                made.content_type == "application/geopackage+sqlite3";
        if (m_cache.enabled() && !compressed && entry->body.size() > 256) {
            entry->gzip_body = gzip(entry->body);
        }
        entry->etag = strong_etag(entry->body, key);
        m_cache.put(key, entry);
        hit = entry;
    }
    Response r;
    r.status = hit->status;
    r.route = route;
    r.content_type = hit->content_type;
    // The body aliases the cache entry: no copy for a cached tile.
    r.body = std::shared_ptr<const std::string>(hit, &hit->body);
    if (!hit->gzip_body.empty()) {
        r.gzip_body = std::shared_ptr<const std::string>(hit, &hit->gzip_body);
    }
    if (hit->status == 200) {
        r.headers.emplace_back("ETag", hit->etag);
        r.headers.emplace_back("Cache-Control", "public, max-age=300");
    }
    if (!hit->disposition.empty()) {
        r.headers.emplace_back("Content-Disposition", hit->disposition);
    }
    return r;
}

CellCounts Api::counts(const Snapshot& s, const AreaLayer& layer, Role role) {
    return role == Role::public_user ? CellCounts::protect(layer.cube, &s.query_space())
                                     : CellCounts::truth(layer.cube);
}

std::shared_ptr<const AreaStats> Api::stats(const Snapshot& s, const AreaLayer& layer,
                                            const MapQuery& q, Role role) {
    // The public view is computed from protected counts, then hides the small ones.
    const bool public_view = role == Role::public_user;
    const bool suppress = public_view && m_config.suppress_below > 1;
    const std::string key = s.version() + "|" + layer.id + "|" + q.key() + (public_view ? "|p" : "|a");
    if (auto hit = m_stats.get(key)) {
        return hit;
    }
    before_work();
    const std::shared_ptr<AreaStats> out = compute_area_stats(s, layer, q, public_view);
    if (suppress) {
        out->table = suppress_small_counts(out->table, m_config.suppress_below);
    }
    out->tile_attributes = tile_attributes(out->table);
    // The attribute table is about as large again as the table it encodes.
    m_stats.put(key, out, 2 * approx_bytes(out->table));
    return out;
}

}  // namespace hotspot::server
