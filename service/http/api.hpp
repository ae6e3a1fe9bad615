#pragma once
// Every HTTP endpoint of `hotspot serve`, as a function from Request to Response. The
// session (server.hpp) owns sockets, timeouts and limits; this owns meaning:
// routing, the filter, who sees what, caching, ETags and gzip.
//
//   GET  /health                         status and data version (JSON)
//   GET  /metrics                        Prometheus text
//   GET  /api/catalog                    area sets, fields, categories, months, statistics
//   GET  /tiles/{layer}.json             TileJSON 3.0.0 (lsoa, ward, density, incidents)
//   GET  /tiles/{layer}/{z}/{x}/{y}.mvt  area polygons with counts and statistics
//   GET  /tiles/density/{z}/{x}/{y}.png  kernel density, coloured
//   GET  /tiles/incidents/{z}/{x}/{y}.mvt  incident points (analysts only)
//   GET  /api/density                    the density surface's scale and colour ramp
//   GET  /api/areas/{layer}/{code}       an area's profile
//   GET  /api/hotspots                   areas ranked by Gi* z-score
//   GET  /api/legend/{layer}?field=F     class breaks of a field for the map's legend
//   GET  /api/patrol                     a patrol plan (GeoJSON places, summary, schedule)
//   GET  /api/patrol/briefing            the plan's printable briefing, a page per team
//   GET  /api/evaluate                   the backtest of every hotspot method (JSON)
//   GET  /api/evaluate/chart.svg         its PAI chart, all crime and knife crime (the
//                                        backtest is for analysts: 403 without a token)
//   GET  /export/{layer}.{csv|geojson|gpkg|shp.zip}  a download for GIS tools (layers:
//                                        lsoa, ward, patrol, patrol_schedule, evaluation)
//   POST /api/reload                     reload the data (admin token)
//   GET  /, /{file}                      the map page and its files

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "geo/aggregate/cell_counts.hpp"
#include "service/analysis/area_stats.hpp"
#include "service/analysis/backtest.hpp"
#include "service/analysis/patrol_plan.hpp"
#include "service/analysis/snapshot.hpp"
#include "service/http/config.hpp"
#include "service/http/messages.hpp"
#include "service/http/metrics.hpp"
#include "service/http/plan_query.hpp"
#include "service/http/query.hpp"
#include "service/http/result_cache.hpp"
#include "service/http/tile_cache.hpp"
#include "tiles/density_tiles.hpp"

namespace hotspot::server {

/// A JSON body; bytes that are not UTF-8 become U+FFFD rather than an exception.
Response json_response(int status, const nlohmann::json& body, const std::string& route);
/// {"error": message}; never throws.
Response error_response(int status, const std::string& message, const std::string& route) noexcept;
/// A fixed 500 that allocates nothing: the last resort.
Response internal_error_response() noexcept;
/// Why the public may not run the backtest: it scores incident points on a grid whose
/// cell the caller picks, from true counts.
inline constexpr const char* kBacktestIsForAnalysts =
    "the backtest scores incident points on a grid of the caller's choosing, from true counts: it needs an "
    "analyst token";
/// Roughly the bytes a table holds, for the result caches' budgets.
size_t approx_bytes(const Table& table);

class Api {
  public:
    using CurrentSnapshot = std::function<std::shared_ptr<const Snapshot>()>;
    /// Builds and swaps in a new snapshot; returns its version. Throws on failure (the
    /// old snapshot stays).
    using Reload = std::function<std::string()>;

    Api(ServerConfig config, CurrentSnapshot current, Reload reload, std::string web_root);
    ~Api();
    Api(const Api&) = delete;
    Api& operator=(const Api&) = delete;

    /// Answers one request. Never throws: errors become 4xx/5xx JSON responses.
    Response handle(const Request& request) noexcept;

    /// Forgets cached tiles and statistics (after the data changed).
    void data_changed();

    /// Bytes held by the result caches (statistics, surfaces, plans, backtests).
    [[nodiscard]] size_t result_bytes() const;

    /// Byte budgets of the result caches.
    static constexpr size_t kStatsBudget = size_t{128} << 20;
    static constexpr size_t kSurfaceBudget = size_t{192} << 20;
    static constexpr size_t kPatrolBudget = size_t{96} << 20;
    static constexpr size_t kEvaluationBudget = size_t{16} << 20;
    static constexpr size_t kPlaceBudget = size_t{32} << 20;
    /// Below this zoom a places tile holds only its kPlacesPerTile places with most incidents.
    static constexpr int kPlaceThinZoom = 13;
    static constexpr size_t kPlacesPerTile = 1000;

    /// Throws Deferred when the request being answered is light_only: called before any
    /// work that is more than a cache look-up.
    static void before_work();

    [[nodiscard]] Metrics& metrics() { return m_metrics; }
    [[nodiscard]] const ServerConfig& config() const { return m_config; }

  private:
    enum class Role { public_user, analyst, admin };
    struct Surface;
    /// The places table for a filter, with the filter resolved against the places'
    /// categories and months and each place's Web Mercator point (for tiles).
    struct PlaceResult {
        Table table;
        Table streets;  ///< streets ranked within wards
        std::string what_a_place_is;  ///< the note saying what a place is in these data
        ResolvedFilter filter;
        std::vector<double> mx;
        std::vector<double> my;
    };

    Response route(const Request& request, Role role, const Snapshot& snapshot);
    static void log_internal_error(const Request& request, const char* what) noexcept;
    Response finish(const Request& request, Role role, Response response) const;

    Response health(const Snapshot& s) const;
    Response metrics_text(const Snapshot& s) const;
    Response catalog(const Snapshot& s, Role role);
    Response tilejson(const Request& request, const Snapshot& s, const std::string& layer,
                      const std::string& query);
    Response area_tile(const Snapshot& s, const AreaLayer& layer, const std::string& z,
                       const std::string& x, const std::string& y, const MapQuery& q, Role role);
    Response density_tile(const Snapshot& s, const std::string& z, const std::string& x,
                          const std::string& y, const Params& params, Role role);
    Response density_legend(const Snapshot& s, const Params& params, Role role);
    Response incident_tile(const Snapshot& s, const std::string& z, const std::string& x,
                           const std::string& y, const MapQuery& q);
    Response area_profile(const Snapshot& s, const AreaLayer& layer, const std::string& code,
                          const MapQuery& q, Role role);
    Response hotspot_list(const Snapshot& s, const Params& params, Role role);
    /// GET /api/places: the places (police.uk snap points) with most incidents, in an area
    /// or everywhere, for analysts.
    Response place_list(const Snapshot& s, const Params& params, Role role);
    /// GET /api/nearrepeat/zones: the near-repeat zones as GeoJSON circles, for analysts.
    Response zone_list(const Snapshot& s, Role role);
    /// GET /tiles/places/{z}/{x}/{y}.mvt: the places as points, for analysts.
    Response place_tile(const Snapshot& s, const std::string& z, const std::string& x,
                        const std::string& y, const MapQuery& q);
    /// The places for a filter (the snapshot must count places), cached.
    std::shared_ptr<const PlaceResult> place_result(const Snapshot& s, const MapQuery& q);
    Response legend(const Snapshot& s, const AreaLayer& layer, const Params& params, Role role);
    Response download(const Snapshot& s, const std::string& file, const Params& params, Role role);
    Response patrol(const Snapshot& s, const Params& params, Role role, bool briefing);
    Response evaluation(const Snapshot& s, const Params& params, bool chart);
    Response reload(Role role);
    Response static_file(const std::string& path) const;

    /// The counts a role may see: protected for the public (geo/aggregate/cell_counts.hpp).
    static CellCounts counts(const Snapshot& s, const AreaLayer& layer, Role role);
    /// The statistics for a layer and filter (protected and suppressed for the public), cached.
    std::shared_ptr<const AreaStats> stats(const Snapshot& s, const AreaLayer& layer,
                                           const MapQuery& q, Role role);
    /// The density surface of `params`; for the public, smoothed from protected counts on
    /// the public grid (geo/hotspots/protected_grid.hpp), at least kPublicBandwidth and kPublicCell.
    std::shared_ptr<const Surface> surface(const Snapshot& s, const Params& params, Role role);
    /// The patrol plan for the options in `params`, cached.
    std::shared_ptr<const PatrolResult> patrol_plan(const Snapshot& s, const Params& params, Role role);
    /// The backtest for the options in `params`, cached.
    std::shared_ptr<const Evaluation> evaluated(const Snapshot& s, const Params& params);
    /// Serves `key` from the cache, or makes it with `make` and caches it.
    Response cached(const std::string& key, const std::string& route,
                    const std::function<Response()>& make);

    ServerConfig m_config;
    CurrentSnapshot m_current;
    Reload m_reload;
    std::string m_web_root;
    Metrics m_metrics;
    tiles::TileCache m_cache;
    // Results under byte budgets, least recently used first out (see kResultBudgets in
    // api.cpp); their sum is part of the memory ceiling in the README.
    ResultCache<AreaStats> m_stats;
    ResultCache<Surface> m_surfaces;
    ResultCache<PatrolResult> m_patrols;
    ResultCache<Evaluation> m_evaluations;
    ResultCache<PlaceResult> m_places;
    std::mutex m_reload_mutex;
};

}  // namespace hotspot::server
