#pragma once
// The zones of raised risk that `hotspot nearrepeat` writes (OUT.zones.csv), read back
// for the map: each an event's point, the radius and the days its raised risk lasts.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/rejects.hpp"

namespace hotspot {

struct NearRepeatZone {
    int64_t line = 0;     ///< the row's line in the zones file
    int64_t event_line = 0;  ///< the event's line in its own file (0 when not given)
    double longitude = 0;
    double latitude = 0;
    double radius_m = 0;
    int64_t day = 0;    ///< the event's day, days since 1970-01-01
    int64_t until = 0;  ///< last day of raised risk
    int64_t days_left = 0;
};

struct NearRepeatZones {
    std::string source;
    std::vector<NearRepeatZone> zones;
    std::optional<int64_t> today;  ///< the day the zones are active on (until - days_left); none without zones
    int64_t rows = 0;   ///< data rows read (zones + rejects)
    RejectLog rejects;

    static constexpr uintmax_t kMaxBytes = uintmax_t{64} << 20;
    static constexpr size_t kMaxZones = 20'000;
};

/// Reads a zones file: a CSV with a header holding at least longitude, latitude,
/// radius_m, date, until and days_left (line optional). A row with a coordinate off the
/// globe, a radius outside 1 m to 100 km, a date that is not YYYY-MM-DD, until before its
/// date, or another day's zones than the first row's, is rejected with its line. Throws
/// InputError naming the file when it cannot be read, lacks a column (no longitude: the
/// zones were written without --crs), is larger than kMaxBytes or holds more than
/// kMaxZones zones.
NearRepeatZones read_nearrepeat_zones(const std::string& path);

}  // namespace hotspot
