#include "geo/engagement/survey.hpp"

#include <cmath>
#include <limits>
#include <memory>
#include <set>

#include "geo/aggregate/area_index.hpp"
#include "geo/crs/crs.hpp"
#include "geo/error.hpp"
#include "geo/io/csv_file_reader.hpp"
#include "geo/io/incident_builder.hpp"
#include "geo/io/mapped_csv.hpp"
#include "geo/text.hpp"

namespace hotspot {

namespace {

bool yes(std::string_view v) {
    const std::string_view t = trim(v);
    return t == "yes" || t == "Yes" || t == "YES" || t == "1" || t == "true" || t == "y";
}

}  // namespace

std::vector<SurveyItem> read_survey_items(const std::string& path) {
    std::vector<std::vector<std::string>> rows;
    std::vector<int64_t> lines;
    read_small_csv(path, rows, lines);
    if (rows.empty()) {
        throw InputError(path + ": empty item mapping");
    }
    const auto& header = rows.front();
    const auto item = column_index(header, "item");
    const auto domain = column_index(header, "domain");
    if (!item || !domain) {
        throw InputError(path + ":1: the item mapping needs columns item and domain");
    }
    const auto reverse = column_index(header, "reverse");
    const auto lo = column_index(header, "min");
    const auto hi = column_index(header, "max");
    const auto text = column_index(header, "text");
    std::vector<SurveyItem> out;
    std::set<std::string> seen;
    for (size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        const std::string where = path + ":" + std::to_string(lines[r]) + ": ";
        if (row.size() != header.size()) {
            throw InputError(where + "expected " + std::to_string(header.size()) + " fields, found " +
                             std::to_string(row.size()));
        }
        SurveyItem it;
        it.name = std::string(trim(row[*item]));
        if (it.name.empty() || !seen.insert(it.name).second) {
            throw InputError(where + "item \"" + it.name + "\" is empty or repeated");
        }
        const std::string d(trim(row[*domain]));
        size_t k = 0;
        while (k < kDomainCount && d != kDomains[k]) {
            ++k;
        }
        if (k == kDomainCount) {
            throw InputError(where + "domain \"" + d + "\" is not one of belonging, diversity, fear, "
                                     "satisfaction, participation");
        }
        it.domain = k;
        it.reverse = reverse && yes(row[*reverse]);
        if (lo) {
            const auto v = parse_number(row[*lo]);
            it.min = v ? *v : std::numeric_limits<double>::quiet_NaN();
        }
        if (hi) {
            const auto v = parse_number(row[*hi]);
            it.max = v ? *v : std::numeric_limits<double>::quiet_NaN();
        }
        if (!(it.min < it.max)) {
            throw InputError(where + "item " + it.name + ": the scale needs numbers min < max");
        }
        if (text) {
            it.text = row[*text];
        }
        out.push_back(std::move(it));
    }
    for (size_t k = 0; k < kDomainCount; ++k) {
        bool any = false;
        for (const auto& it : out) {
            any = any || it.domain == k;
        }
        if (!any) {
            throw InputError(path + ": no item measures " + std::string(kDomains[k]));
        }
    }
    return out;
}

Survey read_survey(const std::string& path, const std::vector<SurveyItem>& items,
                   const AreaSet& areas, const SurveyOptions& options) {
    std::vector<std::vector<std::string>> rows;
    std::vector<int64_t> lines;
    read_small_csv(path, rows, lines);
    if (rows.empty()) {
        throw InputError(path + ": empty survey");
    }
    const auto& header = rows.front();
    auto named = [&](const std::optional<std::string>& given, std::initializer_list<const char*> guesses)
        -> std::optional<size_t> {
        if (given) {
            const auto i = column_index(header, *given);
            if (!i) {
                throw InputError(path + ":1: no column \"" + *given + "\"");
            }
            return i;
        }
        return first_column(header, guesses);
    };
    const auto area_col = named(options.area_column, {"area_code", "lsoa_code", "LSOA11CD", "lsoa11cd", "code"});
    const auto weight_col = named(options.weight_column, {"weight"});
    const auto lon_col = first_column(header, {"longitude", "lon"});
    const auto lat_col = first_column(header, {"latitude", "lat"});
    const auto synthetic_col = column_index(header, "synthetic");
    if (!area_col && !(lon_col && lat_col)) {
        throw InputError(path + ":1: the survey needs an area code column (area_code) or "
                                "longitude and latitude");
    }
    std::vector<size_t> item_col;
    for (const auto& it : items) {
        const auto c = column_index(header, it.name);
        if (!c) {
            throw InputError(path + ":1: no column for item \"" + it.name + "\" of the item mapping");
        }
        item_col.push_back(*c);
    }
    // Coordinates: longitude/latitude to the areas' CRS, located with an area index.
    std::unique_ptr<OGRCoordinateTransformation> to_areas;
    std::unique_ptr<AreaIndex> index;
    if (!area_col) {
        to_areas = lonlat_transform(areas.crs(), false);
        if (!to_areas) {
            throw InputError(path + ": the areas' CRS cannot be reached from longitude/latitude");
        }
        index = std::make_unique<AreaIndex>(areas);
    }

    Survey s;
    s.source = path;
    for (size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        auto reject = [&](RejectReason reason, std::string detail) {
            s.rejects.add(Reject::of_record(path, lines[r], reason, std::move(detail), row));
        };
        if (row.size() != header.size()) {
            reject(RejectReason::wrong_column_count,
                   "expected " + std::to_string(header.size()) + " fields, found " + std::to_string(row.size()));
            continue;
        }
        uint32_t area = 0;
        if (area_col) {
            const std::string code(trim(row[*area_col]));
            if (code.empty()) {
                reject(RejectReason::no_location, header[*area_col] + " is empty");
                continue;
            }
            const auto a = areas.find(code);
            if (!a) {
                reject(RejectReason::unknown_area, "\"" + code + "\" is not one of the areas");
                continue;
            }
            area = *a;
        } else {
            const auto lon = parse_number(row[*lon_col]);
            const auto lat = parse_number(row[*lat_col]);
            if (!lon || !lat) {
                reject(row[*lon_col].empty() || row[*lat_col].empty() ? RejectReason::no_location
                                                                       : RejectReason::bad_number,
                       "longitude \"" + row[*lon_col] + "\", latitude \"" + row[*lat_col] + "\"");
                continue;
            }
            if (std::abs(*lon) > 180 || std::abs(*lat) > 90) {
                reject(RejectReason::coordinate_out_of_range,
                       "longitude " + row[*lon_col] + ", latitude " + row[*lat_col]);
                continue;
            }
            double x = *lon;
            double y = *lat;
            if (!to_areas->Transform(1, &x, &y)) {
                reject(RejectReason::coordinate_out_of_range, "cannot be projected");
                continue;
            }
            area = index->locate(x, y);
            if (area == kNoArea) {
                reject(RejectReason::unknown_area, "the point lies in none of the areas");
                continue;
            }
        }
        double weight = 1;
        if (weight_col) {
            const auto w = parse_number(row[*weight_col]);
            if (!w || !(*w > 0) || !std::isfinite(*w)) {
                reject(RejectReason::bad_number, header[*weight_col] + " \"" + row[*weight_col] +
                                                     "\" is not a positive number");
                continue;
            }
            weight = *w;
        }
        std::array<double, kDomainCount> sum{};
        std::array<int, kDomainCount> n{};
        std::string bad;
        for (size_t i = 0; i < items.size() && bad.empty(); ++i) {
            const std::string_view v = trim(row[item_col[i]]);
            if (v.empty()) {
                continue;  // not answered
            }
            const SurveyItem& it = items[i];
            const auto a = parse_number(v);
            if (!a) {
                bad = it.name + " \"" + std::string(v) + "\" is not a number";
            } else if (*a < it.min || *a > it.max) {
                bad = it.name + " " + std::string(v) + " is off its scale " + std::to_string(static_cast<int>(it.min)) +
                      "-" + std::to_string(static_cast<int>(it.max));
            } else {
                double unit = (*a - it.min) / (it.max - it.min);
                if (it.reverse) {
                    unit = 1 - unit;
                }
                sum[it.domain] += 100 * unit;
                ++n[it.domain];
            }
        }
        if (!bad.empty()) {
            reject(bad.find("off its scale") != std::string::npos ? RejectReason::out_of_range
                                                                  : RejectReason::bad_number,
                   bad);
            continue;
        }
        int answered = 0;
        std::array<double, kDomainCount> score{};
        for (size_t k = 0; k < kDomainCount; ++k) {
            answered += n[k];
            score[k] = n[k] > 0 ? sum[k] / n[k] : std::numeric_limits<double>::quiet_NaN();
        }
        if (answered == 0) {
            reject(RejectReason::no_answers, "no item is answered");
            continue;
        }
        if (synthetic_col && yes(row[*synthetic_col])) {
            ++s.synthetic_rows;
        }
        s.area.push_back(area);
        s.weight.push_back(weight);
        s.score.push_back(score);
    }
    return s;
}

}  // namespace hotspot
