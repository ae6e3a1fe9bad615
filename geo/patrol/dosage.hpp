#pragma once
// Dosage: the patrol a plan asked for against the patrol delivered. A plan (the output of
// `hotspot patrol`) and its schedule say how many minutes each place should get on each
// day; a patrol log says where officers were, either as visit records (place, start, end)
// or as GPS fixes with times, from which stays at places are found. The report gives,
// per place and per day, planned and delivered minutes and visits, and flags controls
// that were patrolled (a contaminated experiment).

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <ogr_spatialref.h>

#include "geo/areas.hpp"
#include "geo/calendar.hpp"
#include "geo/rejects.hpp"
#include "geo/table.hpp"

namespace hotspot {

struct DosagePlace {
    int id = 0;
    std::string group;  ///< patrol, control, daily or unpaired
    int team = 0;       ///< 0: a control
    std::string unit = "place";  ///< place (a disc), lsoa or ward
    std::string code;            ///< the area, for area units
    double x = 0;       ///< centre, working CRS
    double y = 0;
    double radius = 0;  ///< disc radius in metres (places)
    double minutes_day = 0;   ///< planned minutes a day when patrolled
    int visits_day = 0;
};

struct PlannedVisit {
    int day = 0;  ///< day of the plan, 1..
    int place = 0;
    double minutes = 0;
};

struct DosagePlan {
    std::string source;
    std::vector<DosagePlace> places;
    int days = 1;  ///< the schedule's length in days; it repeats after it
    std::vector<PlannedVisit> schedule;  ///< when empty, every patrolled place every day

    [[nodiscard]] const DosagePlace* place(int id) const;
};

/// Reads a plan written by `hotspot patrol` (CSV, GeoJSON, GeoPackage or zipped
/// Shapefile) and, when `schedule_path` is not empty, its schedule. Throws InputError
/// naming the file, and the feature or line, when a column is missing or a value unusable.
DosagePlan read_patrol_plan(const std::string& path, const std::string& schedule_path);

/// A stay at a place: a visit record, or a run of GPS fixes inside one place.
struct Stay {
    int place = 0;
    int64_t start = 0;  ///< seconds since 1970-01-01, local wall clock
    int64_t end = 0;
    std::string unit;   ///< officer, call sign or device, when the log has one
};

struct Fix {
    double x = 0;  ///< working CRS
    double y = 0;
    int64_t time = 0;  ///< seconds since 1970-01-01
    std::string unit;
};

struct LogOptions {
    double max_gap_seconds = 300;  ///< fixes further apart than this break a stay
    double min_stay_seconds = 60;  ///< shorter stays are passing through, not visits
    DateOrder order = DateOrder::day_month_year;
};

struct PatrolLog {
    std::string source;
    bool gps = false;
    int64_t rows = 0;          ///< records read
    std::vector<Stay> stays;   ///< visit records as read, or stays found from fixes
    std::vector<Fix> fixes;    ///< GPS fixes as read
    int64_t fixes_in_places = 0;
    RejectLog rejects;
};

/// Where a point (working CRS) is: the place holding it, or 0.
using PlaceLocator = std::function<int(double x, double y)>;

/// Reads a patrol log CSV. Visit records have place_id, start and end (or minutes);
/// GPS fixes have longitude and latitude (or x and y in the working CRS) and time. Either
/// may have a unit column (unit, officer, callsign or device). Each unusable row is
/// rejected with its line and reason; a log without the needed columns throws InputError.
PatrolLog read_patrol_log(const std::string& path, const DosagePlan& plan, const OGRSpatialReference& crs,
                          const PlaceLocator& locate, const LogOptions& options);

/// Stays from GPS fixes: for each unit in time order, consecutive fixes in the same place
/// no more than `max_gap_seconds` apart make one stay, from its first fix to its last;
/// stays shorter than `min_stay_seconds` are dropped.
std::vector<Stay> stays_from_fixes(std::vector<Fix> fixes, const PlaceLocator& locate, const LogOptions& options,
                                   int64_t* in_places = nullptr);

struct PlaceDosage {
    int place = 0;
    double planned_minutes = 0;
    int64_t planned_visits = 0;
    double delivered_minutes = 0;
    int64_t visits = 0;
    int days_planned = 0;
    int days_visited = 0;
};

struct DayDosage {
    int64_t day = 0;  ///< days since 1970-01-01
    int place = 0;
    double planned_minutes = 0;
    double delivered_minutes = 0;
    int64_t visits = 0;
};

struct DosageReport {
    int64_t first_day = 0;  ///< the period measured, days since 1970-01-01
    int64_t last_day = 0;
    std::vector<PlaceDosage> places;  ///< in the plan's order
    std::vector<DayDosage> days;      ///< per day, per place planned or visited
    double planned_minutes = 0;
    double delivered_minutes = 0;     ///< at places that were planned
    double control_minutes = 0;       ///< at controls: contamination of an experiment
    int64_t stays_outside_period = 0;
};

/// Planned against delivered over the days `first_day`..`last_day` (day 1 of the plan is
/// `first_day`; the schedule repeats every `plan.days`). A stay counts on the day it starts.
DosageReport measure_dosage(const DosagePlan& plan, const std::vector<Stay>& stays, int64_t first_day,
                            int64_t last_day);

/// The report as tables: one row per place, and one per place per day.
Table dosage_table(const DosagePlan& plan, const DosageReport& report);
Table dosage_day_table(const DosageReport& report);

/// The day (days since 1970-01-01) of a time in seconds since then.
int64_t day_of(int64_t seconds);

/// "YYYY-MM-DD" of days since 1970-01-01.
std::string format_day(int64_t day);

}  // namespace hotspot
