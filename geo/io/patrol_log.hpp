#pragma once
// A patrol log: visit records (place, start, end) or GPS fixes with times, read as the
// stays officers made at a plan's places.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <ogr_spatialref.h>

#include "geo/calendar.hpp"
#include "geo/io/patrol_plan.hpp"
#include "geo/rejects.hpp"

namespace hotspot {

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

}  // namespace hotspot
