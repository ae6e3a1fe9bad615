#include "geo/io/nearrepeat_zones.hpp"

#include <cmath>
#include <optional>

#include <cpl_vsi.h>

#include "geo/calendar.hpp"
#include "geo/error.hpp"
#include "geo/io/small_csv.hpp"

namespace hotspot {
namespace {

std::optional<int64_t> parse_day(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    const auto t = parse_timestamp(text, DateOrder::day_month_year);
    if (!t) {
        return std::nullopt;
    }
    return t->minutes / 1440;
}

}  // namespace

NearRepeatZones read_nearrepeat_zones(const std::string& path) {
    NearRepeatZones out;
    out.source = path;
    VSIStatBufL stat{};
    if (VSIStatL(path.c_str(), &stat) != 0) {
        throw InputError(path + ": no such zones file");
    }
    if (static_cast<uintmax_t>(stat.st_size) > NearRepeatZones::kMaxBytes || path.ends_with(".gz")) {
        throw InputError(path + ": a zones file is a plain CSV of at most " +
                         std::to_string(NearRepeatZones::kMaxBytes >> 20) + " MB");
    }
    std::vector<std::vector<std::string>> rows;
    std::vector<int64_t> lines;
    read_small_csv(path, rows, lines);
    if (rows.empty()) {
        throw InputError(path + ": empty; a zones file has a header (hotspot nearrepeat writes one)");
    }
    const std::vector<std::string>& header = rows.front();
    const auto col = [&](const char* name) {
        const auto c = column_index(header, name);
        if (!c) {
            throw InputError(path + ": no " + name + " column" +
                             (std::string_view(name) == "longitude" || std::string_view(name) == "latitude"
                                  ? " (the zones were written without their CRS: run hotspot nearrepeat with "
                                    "--crs, or with --incidents)"
                                  : " (is this a zones file from hotspot nearrepeat?)"));
        }
        return *c;
    };
    const size_t lon_i = col("longitude");
    const size_t lat_i = col("latitude");
    const size_t radius_i = col("radius_m");
    const size_t date_i = col("date");
    const size_t until_i = col("until");
    const size_t left_i = col("days_left");
    const std::optional<size_t> line_i = column_index(header, "line");
    if (rows.size() - 1 > NearRepeatZones::kMaxZones) {
        throw InputError(path + ": " + std::to_string(rows.size() - 1) + " zones, more than the " +
                         std::to_string(NearRepeatZones::kMaxZones) + " a map can show");
    }
    std::optional<int64_t>& today = out.today;
    for (size_t r = 1; r < rows.size(); ++r) {
        const std::vector<std::string>& f = rows[r];
        ++out.rows;
        const auto reject = [&](RejectReason reason, const std::string& detail) {
            out.rejects.add(Reject::of_record(path, lines[r], reason, detail, f));
        };
        if (f.size() != header.size()) {
            reject(RejectReason::wrong_column_count,
                   std::to_string(f.size()) + " fields, the header has " + std::to_string(header.size()));
            continue;
        }
        NearRepeatZone z;
        z.line = lines[r];
        const auto lon = parse_number(f[lon_i]);
        const auto lat = parse_number(f[lat_i]);
        const auto radius = parse_number(f[radius_i]);
        const auto left = parse_number(f[left_i]);
        const auto day = parse_day(f[date_i]);
        const auto until = parse_day(f[until_i]);
        if (!lon || !lat || !std::isfinite(*lon) || !std::isfinite(*lat)) {
            reject(RejectReason::bad_number, "longitude \"" + f[lon_i] + "\", latitude \"" + f[lat_i] + "\"");
            continue;
        }
        if (std::abs(*lon) > 180 || std::abs(*lat) > 85) {
            reject(RejectReason::coordinate_out_of_range, "longitude " + f[lon_i] + ", latitude " + f[lat_i]);
            continue;
        }
        if (!radius || !(*radius >= 1 && *radius <= 100'000)) {
            reject(RejectReason::out_of_range, "radius_m \"" + f[radius_i] + "\": give 1 to 100000 metres");
            continue;
        }
        if (!day || !until || *until < *day) {
            reject(RejectReason::bad_date, "date \"" + f[date_i] + "\", until \"" + f[until_i] +
                                               "\": give YYYY-MM-DD, until on or after date");
            continue;
        }
        if (!left || *left < 0 || *left != std::floor(*left) || *left > 36'500) {
            reject(RejectReason::bad_number, "days_left \"" + f[left_i] + "\": give a whole number of days");
            continue;
        }
        const int64_t on = *until - static_cast<int64_t>(*left);
        if (today && on != *today) {
            reject(RejectReason::out_of_range, "a zone active on " + format_day(on) + ", not " + format_day(*today) +
                                                   " as the first row's");
            continue;
        }
        today = on;
        z.longitude = *lon;
        z.latitude = *lat;
        z.radius_m = *radius;
        z.day = *day;
        z.until = *until;
        z.days_left = static_cast<int64_t>(*left);
        if (line_i) {
            const auto l = parse_number(f[*line_i]);
            z.event_line = l && *l >= 0 && *l < 1e15 ? static_cast<int64_t>(*l) : 0;
        }
        out.zones.push_back(z);
    }
    return out;
}

}  // namespace hotspot
