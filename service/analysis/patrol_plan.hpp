#pragma once
// A patrol plan from a snapshot's incidents: the one place where options become places,
// a plan, team beats, the plan's tables and its printable briefing, so that
// `hotspot patrol` and GET /api/patrol give the same plan from the same options.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "geo/detail/geos.hpp"
#include "geo/hotspots/protected_grid.hpp"
#include "geo/patrol/plan.hpp"
#include "geo/table.hpp"
#include "service/analysis/map_query.hpp"
#include "service/analysis/snapshot.hpp"

namespace hotspot::server {

struct PatrolRequest {
    int months = 3;             ///< plan from the latest this many months
    bool knife = false;         ///< knife crime only
    std::vector<std::string> categories;  ///< these crime categories only (names or codes); empty: all
    std::string unit = "place";  ///< place (150 m discs), lsoa or ward
    int teams = 1;              ///< beats the plan is split into
    PlaceOptions places;
    PlanOptions plan;

    /// A key for caching: every option that changes the plan.
    [[nodiscard]] std::string key() const;
};

struct PatrolResult {
    std::shared_ptr<detail::GeosContext> geos;  ///< first in, last out: owns `shapes`' handle
    PatrolRequest request;
    bool is_protected = false;  ///< made from protected counts, for the public
    std::string crime;  ///< "all crime" or the knife crime definition's name
    Month from;
    Month to;
    size_t incidents = 0;
    double total_harm = 0;
    size_t candidates = 0;  ///< places found before planning
    PatrolPlan plan;
    std::vector<int> team;          ///< per plan place: 1.., or 0 for a control
    std::vector<std::string> code;  ///< per plan place: the LSOA of its centre, or the unit's code
    std::vector<std::string> name;  ///< per plan place: the area's name
    std::vector<double> lon;
    std::vector<double> lat;
    std::vector<int> days;  ///< per plan place: days patrolled in the schedule
    std::vector<detail::GeosGeometry> shapes;  ///< owned discs (places) in the working CRS
    Table table;     ///< one row per place, with its disc or area
    Table schedule;  ///< one row per visit
    std::vector<std::pair<std::string, std::string>> summary;  ///< what the plan is, line by line

    PatrolResult() = default;
    PatrolResult(const PatrolResult&) = delete;
    PatrolResult& operator=(const PatrolResult&) = delete;
};

/// Whether a place's count of `incidents` is a small count the public do not see, under
/// a threshold of `below` (the rule the area statistics follow).
inline bool small_count(int64_t incidents, int below) { return incidents > 0 && incidents < below; }

/// Plans patrols over the snapshot's incidents. Throws InputError when nothing can be
/// planned (no incidents, no hours for one place, no ward layer for ward units). With
/// `protect_below` (the public's threshold), the filter must lie in the public's query
/// space (else QueryRefused), every count, harm, rank and share of the plan comes from
/// protected counts (the cell key method), never from the true ones, and only places
/// whose protected count reaches the threshold are candidates: every number a public
/// plan holds is one the map shows, so a plan asked for one place more adds no hidden one.
std::unique_ptr<PatrolResult> plan_patrol(const Snapshot& snapshot, const PatrolRequest& request,
                                          std::optional<int> protect_below = std::nullopt);

/// The public's places: a place (unit "place") is shown as the cell of the public grid
/// (250 m, the density surface's too) holding its centre, never its disc or centre,
/// which lie near incidents. Areas stay areas.
inline constexpr double kPublicPlaceCell = kPublicGrid;

/// Where each place of a plan may be shown: its centre, or with `coarse` (the public)
/// the centre of its grid cell (`cell` true).
struct PlaceView {
    double x, y;      ///< working CRS
    double lon, lat;  ///< degrees
    bool cell;
};
std::vector<PlaceView> place_views(const PatrolResult& result, bool coarse);

/// The plan as GeoJSON (places with their disc or area in longitude/latitude; with
/// `coarse`, their grid cells), with the summary; the schedule too when `with_schedule`.
nlohmann::json patrol_json(const PatrolResult& result, bool with_schedule, bool coarse = false);

/// The public's grid cells of a plan's places, and the context that owns them.
struct PlaceCells {
    detail::GeosContext geos;
    std::vector<detail::GeosGeometry> squares;
};

/// The plan's table as a role may see it: for the public, a place's incidents and harm
/// are hidden when it holds fewer incidents than the threshold (as area counts are), and
/// a place is its grid cell (made in `cells`), not its disc.
Table visible_plan(const PatrolResult& plan, bool suppress, int below, PlaceCells& cells);

}  // namespace hotspot::server
