#pragma once
// Targeted patrols at micro-places: discs of 150 m (the size of the Peterborough and
// Southend trials) found where harm-weighted incidents are densest, none overlapping;
// a daily plan that visits the places holding the most harm within the officer hours
// available; a visit schedule in random order; and randomised allocation for a test
// (pairs matched on harm split between patrol and control, or a fresh random half each
// day as in Southend), reproducible from a seed.

#include <cstdint>
#include <string>
#include <vector>

#include "geo/aggregate/area_index.hpp"
#include "geo/areas.hpp"
#include "geo/calendar.hpp"

namespace hotspot {

struct PatrolPoint {
    double x;
    double y;
    double harm;
};

struct MicroPlace {
    int id = 0;  ///< 1.. by harm, highest first
    double x = 0;
    double y = 0;
    double harm = 0;        ///< harm of the incidents within the radius
    int64_t incidents = 0;  ///< incidents within the radius
    uint32_t area = kNoArea;  ///< the area holding the centre (or, for area units, the area)
    double area_m2 = 0;       ///< ground the place covers: the disc, or the area's land
};

struct PlaceOptions {
    double radius = 150;  ///< metres
    double cell = 25;     ///< candidate centres: the centres of cells this size
    size_t max_places = 200;
};

/// Candidate places, ranked: the cell centre whose disc holds the most harm, then the
/// best one whose disc does not overlap any taken, and so on.
std::vector<MicroPlace> find_micro_places(const std::vector<PatrolPoint>& points, const AreaIndex& index,
                                          const PlaceOptions& options);

/// Whole areas (LSOAs or wards) as the places instead: every area with harm, ranked by
/// it, centred on a point inside it (found with the caller's GEOS handle).
std::vector<MicroPlace> rank_areas(const std::vector<PatrolPoint>& points, const AreaSet& areas,
                                   const AreaIndex& index, GEOSContextHandle_t geos, size_t max_places = 200);

struct PlanOptions {
    double officer_hours = 8;     ///< per day
    double visit_minutes = 15;    ///< the Koper curve's optimum
    int visits_per_day = 1;       ///< per place
    double travel_minutes = 10;   ///< allowance per visit
    int days = 7;
    int window_start = 10 * 60;   ///< minutes after midnight
    int window_end = 22 * 60;     ///< may pass midnight (end < start)
    uint64_t seed = 2018;
    std::string experiment = "none";  ///< none, pairs or daily
};

struct Visit {
    int day = 0;  ///< 1..
    int order = 0;
    int place = 0;  ///< MicroPlace::id
    int start = 0;  ///< minutes after the day's midnight (may exceed 24 h past midnight)
    double minutes = 0;
};

struct PatrolPlan {
    std::vector<MicroPlace> places;  ///< patrolled (and control) places
    std::vector<std::string> group;  ///< per place: patrol, control, or daily (random each day)
    int patrolled_per_day = 0;
    double minutes_per_place = 0;    ///< a day's visits and travel for one place
    double minutes_available = 0;
    double minutes_used = 0;         ///< the most on any day
    double harm_share = 0;           ///< of all harm, held by the patrolled places
    double area_share = 0;           ///< of the areas' land, covered by the patrolled discs
    std::vector<Visit> schedule;
    std::vector<std::string> notes;
};

/// Plans patrols over `places` (ranked by harm). Throws InputError when not one place
/// fits the hours, or for an unknown experiment.
PatrolPlan plan_patrols(const std::vector<MicroPlace>& places, double total_harm, double land_m2,
                        const PlanOptions& options);

/// Splits the plan's places among `teams` beats: k-means on the centres (seeded, so the
/// same plan gives the same beats), numbered 1.. in the order of their best place.
/// Controls get 0: no team goes there. Fewer places than teams: one place per team.
std::vector<int> assign_teams(const PatrolPlan& plan, int teams, uint64_t seed);

}  // namespace hotspot
