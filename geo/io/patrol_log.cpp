#include "geo/io/patrol_log.hpp"

#include <algorithm>
#include <cmath>

#include "geo/crs/crs.hpp"
#include "geo/error.hpp"
#include "geo/io/csv_file_reader.hpp"
#include "geo/text.hpp"

namespace hotspot {

std::vector<Stay> stays_from_fixes(std::vector<Fix> fixes, const PlaceLocator& locate, const LogOptions& options,
                                   int64_t* in_places) {
    std::stable_sort(fixes.begin(), fixes.end(), [](const Fix& a, const Fix& b) {
        return a.unit != b.unit ? a.unit < b.unit : a.time < b.time;
    });
    std::vector<Stay> out;
    int64_t inside = 0;
    Stay current;
    auto close = [&] {
        if (current.place != 0 && static_cast<double>(current.end - current.start) >= options.min_stay_seconds) {
            out.push_back(current);
        }
        current = Stay{};
    };
    for (const Fix& f : fixes) {
        const int place = locate(f.x, f.y);
        inside += place != 0 ? 1 : 0;
        const bool continues = current.place != 0 && place == current.place && f.unit == current.unit &&
                               static_cast<double>(f.time - current.end) <= options.max_gap_seconds;
        if (continues) {
            current.end = f.time;
            continue;
        }
        close();
        if (place != 0) {
            current = Stay{place, f.time, f.time, f.unit};
        }
    }
    close();
    if (in_places != nullptr) {
        *in_places = inside;
    }
    return out;
}

PatrolLog read_patrol_log(const std::string& path, const DosagePlan& plan, const OGRSpatialReference& crs,
                          const PlaceLocator& locate, const LogOptions& options) {
    std::vector<std::vector<std::string>> rows;
    std::vector<int64_t> lines;
    read_small_csv(path, rows, lines);
    if (rows.empty()) {
        throw InputError(path + ": the patrol log is empty");
    }
    const auto& header = rows[0];
    PatrolLog log;
    log.source = path;
    const auto place_col = first_column(header, {"place_id", "place"});
    const auto start_col = first_column(header, {"start", "arrived", "from"});
    const auto end_col = first_column(header, {"end", "left", "to"});
    const auto minutes_col = first_column(header, {"minutes", "duration_minutes"});
    const auto lon_col = first_column(header, {"longitude", "lon", "lng"});
    const auto lat_col = first_column(header, {"latitude", "lat"});
    const auto x_col = first_column(header, {"x", "easting"});
    const auto y_col = first_column(header, {"y", "northing"});
    const auto time_col = first_column(header, {"time", "timestamp", "datetime", "recorded"});
    const auto unit_col = first_column(header, {"unit", "officer", "callsign", "call_sign", "device"});
    const bool visits = place_col && start_col && (end_col || minutes_col);
    const bool lonlat = lon_col && lat_col;
    log.gps = !visits && time_col && (lonlat || (x_col && y_col));
    if (!visits && !log.gps) {
        throw InputError(path + ":1: a patrol log needs visit records (place_id, start, and end or minutes) or "
                                "GPS fixes (longitude and latitude, or x and y, and time); the columns are: " +
                         join(header, ", "));
    }
    std::unique_ptr<OGRCoordinateTransformation> from_lonlat;
    if (log.gps && lonlat) {
        from_lonlat = lonlat_transform(crs, false);
        if (!from_lonlat) {
            throw InputError(path + ": longitude/latitude cannot be brought into the plan's CRS");
        }
    }
    for (size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        ++log.rows;
        auto reject = [&](RejectReason reason, std::string detail) {
            log.rejects.add(Reject::of_record(path, lines[r], reason, std::move(detail), row));
        };
        if (row.size() != header.size()) {
            reject(RejectReason::wrong_column_count,
                   "expected " + std::to_string(header.size()) + " fields, found " + std::to_string(row.size()));
            continue;
        }
        const std::string unit = unit_col ? std::string(trim(row[*unit_col])) : std::string();
        if (!log.gps) {
            const auto place = parse_number(row[*place_col]);
            if (!place || *place != std::floor(*place)) {
                reject(RejectReason::bad_number, "place_id \"" + row[*place_col] + "\" is not a whole number");
                continue;
            }
            if (plan.place(static_cast<int>(*place)) == nullptr) {
                reject(RejectReason::unknown_area, "place " + row[*place_col] + " is not in the plan");
                continue;
            }
            const auto start = parse_timestamp(row[*start_col], options.order);
            if (!start) {
                reject(RejectReason::bad_date, header[*start_col] + " \"" + row[*start_col] + "\" is not a date and time");
                continue;
            }
            int64_t end = 0;
            if (end_col && !trim(row[*end_col]).empty()) {
                const auto e = parse_timestamp(row[*end_col], options.order);
                if (!e) {
                    reject(RejectReason::bad_date, header[*end_col] + " \"" + row[*end_col] + "\" is not a date and time");
                    continue;
                }
                end = e->seconds();
            } else if (minutes_col) {
                const auto m = parse_number(row[*minutes_col]);
                if (!m) {
                    reject(RejectReason::bad_number, "minutes \"" + row[*minutes_col] + "\" is not a number");
                    continue;
                }
                end = start->seconds() + std::llround(*m * 60);
            } else {
                reject(RejectReason::bad_date, "no end time and no minutes");
                continue;
            }
            if (end < start->seconds()) {
                reject(RejectReason::out_of_range, "the visit ends (" + clock_of(end) + ") before it starts (" +
                                                       clock_of(start->seconds()) + ")");
                continue;
            }
            if (end - start->seconds() > 12 * 3600) {
                reject(RejectReason::out_of_range, "a visit of more than 12 hours: check its end");
                continue;
            }
            log.stays.push_back({static_cast<int>(*place), start->seconds(), end, unit});
            continue;
        }
        const std::string& tx = lonlat ? row[*lon_col] : row[*x_col];
        const std::string& ty = lonlat ? row[*lat_col] : row[*y_col];
        if (trim(tx).empty() || trim(ty).empty()) {
            reject(RejectReason::no_location, "no coordinates");
            continue;
        }
        auto px = parse_number(tx);
        auto py = parse_number(ty);
        if (!px || !py) {
            reject(RejectReason::bad_number, "coordinates \"" + tx + "\", \"" + ty + "\" are not numbers");
            continue;
        }
        if (lonlat) {
            if (std::abs(*px) > 180 || std::abs(*py) > 90) {
                reject(RejectReason::coordinate_out_of_range, "longitude/latitude " + tx + ", " + ty +
                                                                  " are off the globe");
                continue;
            }
            double xx = *px;
            double yy = *py;
            if (!from_lonlat->Transform(1, &xx, &yy)) {
                reject(RejectReason::coordinate_out_of_range, "longitude/latitude " + tx + ", " + ty +
                                                                  " are outside the plan's CRS");
                continue;
            }
            px = xx;
            py = yy;
        }
        const auto t = parse_timestamp(row[*time_col], options.order);
        if (!t) {
            reject(RejectReason::bad_date, header[*time_col] + " \"" + row[*time_col] + "\" is not a date and time");
            continue;
        }
        log.fixes.push_back({*px, *py, t->seconds(), unit});
    }
    if (log.gps) {
        log.stays = stays_from_fixes(log.fixes, locate, options, &log.fixes_in_places);
    }
    return log;
}

}  // namespace hotspot
