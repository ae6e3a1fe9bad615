#pragma once
// Dated events for the near-repeat test: a point in metres (any projected CRS) and the day
// it happened. Read from a CSV with a header (x or easting, y or northing, and date) or, as
// the Near Repeat Calculator takes them, three columns x, y, date with no header.

#include <cstdint>
#include <string>
#include <vector>

#include "geo/calendar.hpp"
#include "geo/rejects.hpp"

namespace hotspot {

struct DatedEvent {
    double x = 0;
    double y = 0;
    int64_t day = 0;  ///< days since 1970-01-01
    int64_t line = 0;  ///< line of the file it was read from
};

struct DatedEventOptions {
    std::string x_column;     ///< empty: x, easting, or the first column of a headerless file
    std::string y_column;     ///< empty: y, northing, or the second
    std::string date_column;  ///< empty: date, date_single, datetime, or the third
    DateOrder order = DateOrder::day_month_year;  ///< for dates written with slashes
    int64_t max_events = 5'000'000;              ///< more is refused, not read slowly
};

struct DatedEvents {
    std::string source;
    std::vector<DatedEvent> events;
    int64_t rows = 0;  ///< data rows read (events + rejects)
    bool header = true;
    std::string x_column, y_column, date_column;  ///< as the file names them
    RejectLog rejects;
};

/// Reads dated events. Rows with a missing or non-numeric coordinate, a date that is not a
/// calendar date, or the wrong number of fields are rejected with their line. Throws
/// InputError naming the file when it cannot be read, is empty, lacks a column, is larger
/// than the limit, or when every date is the first of a month (monthly data, which cannot
/// show a gap in days).
DatedEvents read_dated_events(const std::string& path, const DatedEventOptions& options = {});

}  // namespace hotspot
