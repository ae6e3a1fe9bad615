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
#include "geo/patrol.hpp"
#include "geo/protected_grid.hpp"
#include "geo/table.hpp"
#include "map_query.hpp"
#include "snapshot.hpp"

namespace hotspot::server {

/// The most visits a plan asked for over HTTP may schedule (officer hours x days over the
/// minutes of a visit and its travel): a year of 80 officer hours a day on 15-minute visits.
inline constexpr double kMaxScheduledVisits = 120000;

struct PatrolRequest {
    int months = 3;             ///< plan from the latest this many months
    bool knife = false;         ///< knife crime only
    std::vector<std::string> categories;  ///< these crime categories only (names or codes); empty: all
    std::string unit = "place";  ///< place (150 m discs), lsoa or ward
    int teams = 1;              ///< beats the plan is split into
    PlaceOptions places;
    PlanOptions plan;

    /// The options as query parameters read them (the API); throws BadRequest for a
    /// value out of range, naming it.
    static PatrolRequest from_params(const Params& params);
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

/// A printable HTML briefing: one A4 page per team with a sketch of its places, the
/// places with harm, visits and minutes, and its visit times by day. A place's harm and
/// incidents are left out when it holds fewer than `hide_below` incidents (small counts
/// for the public, as on the map).
std::string patrol_briefing(const PatrolResult& result, int hide_below = 0, bool coarse = false);

}  // namespace hotspot::server
