#pragma once
// A patrol plan as `hotspot patrol` writes it, read back: its places and its schedule.

#include <string>
#include <vector>

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

}  // namespace hotspot
