#include "geo/io/patrol_plan.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "geo/detail/gdal.hpp"
#include "geo/error.hpp"
#include "geo/io/csv_file_reader.hpp"
#include "geo/text.hpp"

namespace hotspot {
namespace {

/// The OGR field index of the first of `names` the layer has, or -1.
int field_of(OGRFeatureDefn* defn, std::initializer_list<const char*> names) {
    for (const char* n : names) {
        const int i = defn->GetFieldIndex(n);
        if (i >= 0) {
            return i;
        }
    }
    return -1;
}

}  // namespace

const DosagePlace* DosagePlan::place(int id) const {
    const auto it = std::find_if(places.begin(), places.end(), [&](const DosagePlace& p) { return p.id == id; });
    return it == places.end() ? nullptr : &*it;
}

DosagePlan read_patrol_plan(const std::string& path, const std::string& schedule_path) {
    detail::gdal_init();
    DosagePlan plan;
    plan.source = path;
    const std::string open = path.ends_with(".shp.zip") ? "/vsizip/" + path : path;
    const GDALDatasetUniquePtr ds = detail::open_vector(open, path);
    if (ds->GetLayerCount() < 1) {
        throw InputError(path + ": no layer to read a plan from");
    }
    OGRLayer* layer = ds->GetLayer(0);
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    const int id = field_of(defn, {"place_id"});
    const int group = field_of(defn, {"group"});
    const int team = field_of(defn, {"team"});
    const int unit = field_of(defn, {"unit"});
    const int code = field_of(defn, {"code"});
    const int x = field_of(defn, {"x"});
    const int y = field_of(defn, {"y"});
    const int radius = field_of(defn, {"radius_m", "radius"});
    const int minutes = field_of(defn, {"minutes_day", "minutes"});
    const int visits = field_of(defn, {"visits_day"});
    std::string missing;
    for (const auto& [f, name] : {std::pair{id, "place_id"}, {team, "team"}, {x, "x"}, {y, "y"},
                                  {minutes, "minutes_day"}, {visits, "visits_day"}}) {
        if (f < 0) {
            missing += (missing.empty() ? "" : ", ") + std::string(name);
        }
    }
    if (!missing.empty()) {
        throw InputError(path + ": not a patrol plan (as `hotspot patrol` writes): no column " + missing);
    }
    std::set<int> ids;
    for (const auto& f : *layer) {
        const std::string where = path + ": place " + std::to_string(f->GetFID()) + ": ";
        DosagePlace p;
        p.id = f->GetFieldAsInteger(id);
        if (p.id <= 0 || !ids.insert(p.id).second) {
            throw InputError(where + "place_id \"" + f->GetFieldAsString(id) + "\" is not a new positive number");
        }
        p.group = group >= 0 ? f->GetFieldAsString(group) : "patrol";
        p.team = f->GetFieldAsInteger(team);
        p.unit = unit >= 0 && f->IsFieldSetAndNotNull(unit) && *f->GetFieldAsString(unit) != '\0'
                     ? f->GetFieldAsString(unit)
                     : "place";
        p.code = code >= 0 ? f->GetFieldAsString(code) : "";
        const auto px = parse_number(f->GetFieldAsString(x));
        const auto py = parse_number(f->GetFieldAsString(y));
        if (!px || !py) {
            throw InputError(where + "x/y \"" + f->GetFieldAsString(x) + "\", \"" + f->GetFieldAsString(y) +
                             "\" are not numbers");
        }
        p.x = *px;
        p.y = *py;
        if (p.unit == "place") {
            const auto r = radius >= 0 ? parse_number(f->GetFieldAsString(radius)) : std::nullopt;
            if (!r || *r <= 0) {
                throw InputError(where + "a place needs its radius_m");
            }
            p.radius = *r;
        } else if (p.code.empty()) {
            throw InputError(where + "an area (" + p.unit + ") needs its code");
        }
        const auto m = parse_number(f->GetFieldAsString(minutes));
        const auto v = parse_number(f->GetFieldAsString(visits));
        if (!m || *m < 0 || !v || *v < 0) {
            throw InputError(where + "minutes_day and visits_day must be numbers, 0 or more");
        }
        p.minutes_day = *m;
        p.visits_day = static_cast<int>(*v);
        plan.places.push_back(std::move(p));
    }
    if (plan.places.empty()) {
        throw InputError(path + ": the plan has no places");
    }
    if (schedule_path.empty()) {
        plan.days = 1;  // every day the same: each patrolled place its minutes
        for (const auto& p : plan.places) {
            if (p.group == "daily") {
                throw InputError(path + ": places are patrolled on random days; give the plan's schedule");
            }
        }
        return plan;
    }
    std::vector<std::vector<std::string>> rows;
    std::vector<int64_t> lines;
    read_small_csv(schedule_path, rows, lines);
    if (rows.empty()) {
        throw InputError(schedule_path + ": empty schedule");
    }
    const auto day_col = column_index(rows[0], "day");
    const auto place_col = column_index(rows[0], "place_id");
    const auto minutes_col = column_index(rows[0], "minutes");
    if (!day_col || !place_col || !minutes_col) {
        throw InputError(schedule_path + ":1: a schedule needs columns day, place_id and minutes");
    }
    plan.days = 1;
    for (size_t r = 1; r < rows.size(); ++r) {
        const std::string where = schedule_path + ":" + std::to_string(lines[r]) + ": ";
        if (rows[r].size() != rows[0].size()) {
            throw InputError(where + "expected " + std::to_string(rows[0].size()) + " fields, found " +
                             std::to_string(rows[r].size()));
        }
        const auto d = parse_number(rows[r][*day_col]);
        const auto pl = parse_number(rows[r][*place_col]);
        const auto mi = parse_number(rows[r][*minutes_col]);
        if (!d || *d < 1 || *d != std::floor(*d) || !pl || !mi || *mi < 0) {
            throw InputError(where + "day, place_id and minutes must be numbers (day from 1)");
        }
        if (plan.place(static_cast<int>(*pl)) == nullptr) {
            throw InputError(where + "place " + rows[r][*place_col] + " is not in the plan " + path);
        }
        plan.schedule.push_back({static_cast<int>(*d), static_cast<int>(*pl), *mi});
        plan.days = std::max(plan.days, static_cast<int>(*d));
    }
    return plan;
}

}  // namespace hotspot
