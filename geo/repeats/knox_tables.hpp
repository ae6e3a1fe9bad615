#pragma once
// The near-repeat test's outputs as tables: one row per band pair, as the Near Repeat
// Calculator lays it out, and the zones of raised risk around recent events that are
// still active on a given day (the cocooning list).

#include <cstdint>

#include <ogr_spatialref.h>

#include "geo/repeats/knox.hpp"
#include "geo/table.hpp"

namespace hotspot {

/// "knox", one row per distance band x time band, distance major: distance_band,
/// time_band (the calculator's labels), observed, expected, ratio, p, then the band
/// edges (distance_min, distance_max, days_min, days_max; max empty for the open band)
/// and the spread of the permuted counts (sd, sim_min, sim_max).
Table knox_table(const KnoxResult& result);

/// The zone around one event: within `metres` of it for `days` days from its day.
struct ActiveZone {
    int64_t line = 0;  ///< the event's line in its file
    double x = 0;
    double y = 0;
    int64_t day = 0;
    int64_t until = 0;  ///< last day of raised risk, day + days - 1
};

/// Zones of events on or before `today` whose raised risk lasts until `today` or later,
/// most recent first.
std::vector<ActiveZone> active_zones(const std::vector<DatedEvent>& events, int days, int64_t today);

/// "zones", one row per active zone: line, x, y, date, radius_m, until, days_left; with
/// `crs` (that of x and y), also longitude and latitude (WGS84), so the zones can be
/// mapped. Throws Error when `crs` cannot be transformed to longitude/latitude.
Table zone_table(const std::vector<ActiveZone>& zones, double metres, int64_t today,
                 const OGRSpatialReference* crs = nullptr);

}  // namespace hotspot
