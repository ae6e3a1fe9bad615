#include "geo/patrol/dosage.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

#include "geo/crs/projection.hpp"
#include "geo/detail/gdal.hpp"
#include "geo/error.hpp"
#include "geo/io/csv_file_reader.hpp"
#include "geo/io/incident_builder.hpp"
#include "geo/io/mapped_csv.hpp"
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

std::string clock_of(int64_t seconds) {
    const int64_t s = ((seconds % 86400) + 86400) % 86400;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(s / 3600), static_cast<int>(s / 60 % 60));
    return buf;
}

}  // namespace

int64_t day_of(int64_t seconds) {
    return seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
}

const DosagePlace* DosagePlan::place(int id) const {
    const auto it = std::find_if(places.begin(), places.end(), [&](const DosagePlace& p) { return p.id == id; });
    return it == places.end() ? nullptr : &*it;
}

std::string format_day(int64_t day) {
    // The civil date of a day count (the inverse of days_from_civil).
    const int64_t z = day + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(y), static_cast<int>(m), static_cast<int>(d));
    return buf;
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

DosageReport measure_dosage(const DosagePlan& plan, const std::vector<Stay>& stays, int64_t first_day,
                            int64_t last_day) {
    DosageReport out;
    out.first_day = first_day;
    out.last_day = last_day;
    std::map<int, size_t> slot;
    for (const auto& p : plan.places) {
        slot[p.id] = out.places.size();
        out.places.push_back({p.id});
    }
    // (day, place) -> planned and delivered, in day order.
    std::map<std::pair<int64_t, int>, DayDosage> days;
    const int period = std::max(1, plan.days);
    for (int64_t d = first_day; d <= last_day; ++d) {
        const int plan_day = static_cast<int>((d - first_day) % period) + 1;
        if (plan.schedule.empty()) {
            for (const auto& p : plan.places) {
                if (p.team > 0 && p.minutes_day > 0) {
                    DayDosage& dd = days[{d, p.id}];
                    dd.planned_minutes += p.minutes_day;
                    out.places[slot[p.id]].planned_visits += p.visits_day;
                }
            }
        } else {
            for (const auto& v : plan.schedule) {
                if (v.day == plan_day) {
                    days[{d, v.place}].planned_minutes += v.minutes;
                    out.places[slot[v.place]].planned_visits += 1;
                }
            }
        }
    }
    for (const Stay& s : stays) {
        const int64_t d = day_of(s.start);
        if (d < first_day || d > last_day || slot.count(s.place) == 0) {
            out.stays_outside_period += 1;
            continue;
        }
        DayDosage& dd = days[{d, s.place}];
        dd.delivered_minutes += static_cast<double>(s.end - s.start) / 60.0;
        dd.visits += 1;
    }
    for (auto& [key, dd] : days) {
        dd.day = key.first;
        dd.place = key.second;
        PlaceDosage& pd = out.places[slot[dd.place]];
        const DosagePlace& place = *plan.place(dd.place);
        pd.planned_minutes += dd.planned_minutes;
        pd.delivered_minutes += dd.delivered_minutes;
        pd.visits += dd.visits;
        pd.days_planned += dd.planned_minutes > 0 ? 1 : 0;
        pd.days_visited += dd.visits > 0 ? 1 : 0;
        out.planned_minutes += dd.planned_minutes;
        if (place.team == 0) {
            out.control_minutes += dd.delivered_minutes;
        } else {
            out.delivered_minutes += dd.delivered_minutes;
        }
        out.days.push_back(dd);
    }
    return out;
}

Table dosage_table(const DosagePlan& plan, const DosageReport& report) {
    Table t;
    t.name = "dosage";
    t.add_field("place_id", FieldType::integer, "place of the plan");
    t.add_field("group", FieldType::string, "patrol, control, daily or unpaired");
    t.add_field("team", FieldType::integer, "beat (0: a control)");
    t.add_field("planned_minutes", FieldType::real, "minutes the plan asked for over the period", "plan_min");
    t.add_field("delivered_minutes", FieldType::real, "minutes officers spent there", "done_min");
    t.add_field("dosage", FieldType::real, "delivered / planned (empty when none was planned)");
    t.add_field("planned_visits", FieldType::integer, "visits the plan asked for", "plan_vis");
    t.add_field("visits", FieldType::integer, "visits (records or stays) delivered");
    t.add_field("days_planned", FieldType::integer, "days with visits planned", "plan_days");
    t.add_field("days_visited", FieldType::integer, "days with a visit", "done_days");
    t.add_field("note", FieldType::string, "under half the dose, or a control that was patrolled");
    for (size_t i = 0; i < report.places.size(); ++i) {
        const PlaceDosage& d = report.places[i];
        const DosagePlace& p = plan.places[i];
        std::string note;
        if (p.team == 0 && d.delivered_minutes > 0) {
            note = "control patrolled: the experiment is contaminated";
        } else if (d.planned_minutes > 0 && d.delivered_minutes < 0.5 * d.planned_minutes) {
            note = "under half the planned minutes";
        }
        t.rows.push_back({static_cast<int64_t>(p.id), p.group, static_cast<int64_t>(p.team), d.planned_minutes,
                          std::round(d.delivered_minutes * 10) / 10,
                          d.planned_minutes > 0 ? FieldValue(std::round(1000 * d.delivered_minutes / d.planned_minutes) / 1000)
                                                : FieldValue(),
                          d.planned_visits, d.visits, static_cast<int64_t>(d.days_planned),
                          static_cast<int64_t>(d.days_visited), note.empty() ? FieldValue() : FieldValue(note)});
    }
    return t;
}

Table dosage_day_table(const DosageReport& report) {
    Table t;
    t.name = "dosage_by_day";
    t.add_field("date", FieldType::string, "the day, YYYY-MM-DD");
    t.add_field("place_id", FieldType::integer, "place of the plan");
    t.add_field("planned_minutes", FieldType::real, "minutes planned that day", "plan_min");
    t.add_field("delivered_minutes", FieldType::real, "minutes delivered that day", "done_min");
    t.add_field("visits", FieldType::integer, "visits that day");
    for (const DayDosage& d : report.days) {
        t.rows.push_back({format_day(d.day), static_cast<int64_t>(d.place), d.planned_minutes,
                          std::round(d.delivered_minutes * 10) / 10, d.visits});
    }
    return t;
}

}  // namespace hotspot
