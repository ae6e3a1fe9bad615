#include "geo/io/dated_events.hpp"

#include <cmath>
#include <filesystem>
#include <optional>

#include "geo/error.hpp"
#include "geo/io/small_csv.hpp"
#include "geo/text.hpp"

namespace hotspot {

namespace {

/// Files larger than this are refused before they are read: a near-repeat test of more
/// events than the limit below would not finish anyway.
constexpr uintmax_t kMaxBytes = uintmax_t{256} << 20;
constexpr uintmax_t kMaxGzipBytes = uintmax_t{32} << 20;

std::optional<size_t> named_or(const std::vector<std::string>& header, const std::string& name,
                               std::initializer_list<const char*> defaults, const std::string& path,
                               const char* what) {
    if (!name.empty()) {
        const auto i = column_index(header, name);
        if (!i) {
            throw InputError(path + ":1: no column \"" + name + "\" (the " + what + " column); the columns are: " +
                             join(header, ", "));
        }
        return i;
    }
    return first_column(header, defaults);
}

bool looks_like_data(const std::vector<std::string>& row, DateOrder order) {
    return row.size() >= 3 && parse_number(row[0]) && parse_number(row[1]) && parse_timestamp(trim(row[2]), order);
}

}  // namespace

DatedEvents read_dated_events(const std::string& path, const DatedEventOptions& options) {
    std::error_code ec;
    const uintmax_t bytes = std::filesystem::file_size(path, ec);
    if (!ec && bytes > (path.ends_with(".gz") ? kMaxGzipBytes : kMaxBytes)) {
        throw InputError(path + ": " + std::to_string(bytes >> 20) + " MiB is more than the near-repeat test reads (" +
                         std::to_string((path.ends_with(".gz") ? kMaxGzipBytes : kMaxBytes) >> 20) +
                         " MiB): select the category and period first");
    }
    std::vector<std::vector<std::string>> rows;
    std::vector<int64_t> lines;
    read_small_csv(path, rows, lines);
    if (rows.empty()) {
        throw InputError(path + ": the file is empty");
    }
    DatedEvents out;
    out.source = path;
    const bool named = !options.x_column.empty() || !options.y_column.empty() || !options.date_column.empty();
    out.header = named || !looks_like_data(rows[0], options.order);
    size_t xi = 0;
    size_t yi = 1;
    size_t di = 2;
    size_t width = rows[0].size();
    if (out.header) {
        const auto& header = rows[0];
        const auto x = named_or(header, options.x_column, {"x", "easting", "x_coordinate", "point_x"}, path, "x");
        const auto y = named_or(header, options.y_column, {"y", "northing", "y_coordinate", "point_y"}, path, "y");
        const auto d = named_or(header, options.date_column, {"date", "date_single", "datetime", "day", "time"}, path,
                                "date");
        if (!x || !y || !d) {
            throw InputError(path + ":1: the events need columns x (or easting), y (or northing) and date, or "
                                    "--x-column, --y-column and --date-column; the columns are: " +
                             join(header, ", "));
        }
        xi = *x;
        yi = *y;
        di = *d;
        out.x_column = header[xi];
        out.y_column = header[yi];
        out.date_column = header[di];
    } else {
        if (width < 3) {
            throw InputError(path + ":1: a file without a header needs three columns: x, y, date");
        }
        out.x_column = "column 1";
        out.y_column = "column 2";
        out.date_column = "column 3";
    }
    int64_t firsts = 0;
    for (size_t r = out.header ? 1 : 0; r < rows.size(); ++r) {
        const auto& row = rows[r];
        ++out.rows;
        auto reject = [&](RejectReason reason, std::string detail) {
            out.rejects.add(Reject::of_record(path, lines[r], reason, std::move(detail), row));
        };
        if (row.size() != width) {
            reject(RejectReason::wrong_column_count,
                   "expected " + std::to_string(width) + " fields, found " + std::to_string(row.size()));
            continue;
        }
        if (trim(row[xi]).empty() || trim(row[yi]).empty()) {
            reject(RejectReason::no_location, "no coordinates");
            continue;
        }
        const auto x = parse_number(row[xi]);
        const auto y = parse_number(row[yi]);
        if (!x || !y || !std::isfinite(*x) || !std::isfinite(*y)) {
            reject(RejectReason::bad_number,
                   "coordinates \"" + row[xi] + "\", \"" + row[yi] + "\" are not numbers");
            continue;
        }
        if (std::abs(*x) > 1e8 || std::abs(*y) > 1e8) {
            reject(RejectReason::coordinate_out_of_range,
                   "coordinates " + row[xi] + ", " + row[yi] + " are not metres on the Earth");
            continue;
        }
        const auto t = parse_timestamp(trim(row[di]), options.order);
        if (!t) {
            reject(RejectReason::bad_date, out.date_column + " \"" + row[di] + "\" is not a date");
            continue;
        }
        const int64_t day = t->minutes / 1440;
        firsts += format_day(day).ends_with("-01") ? 1 : 0;
        if (static_cast<int64_t>(out.events.size()) >= options.max_events) {
            throw InputError(path + ":" + std::to_string(lines[r]) + ": more than " +
                             std::to_string(options.max_events) + " events: select the category and period first");
        }
        out.events.push_back({*x, *y, day, lines[r]});
    }
    const auto n = static_cast<int64_t>(out.events.size());
    if (n >= 20 && firsts == n) {
        throw InputError(path + ": every date is the first of a month: these are monthly data (police.uk publishes "
                                "only the month), and a near-repeat test needs the day of each event");
    }
    return out;
}

}  // namespace hotspot
