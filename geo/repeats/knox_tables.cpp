#include "geo/repeats/knox_tables.hpp"

#include <algorithm>
#include <cmath>

#include "geo/calendar.hpp"
#include "geo/crs/crs.hpp"
#include "geo/error.hpp"

namespace hotspot {

namespace {

FieldValue real_or_null(double v) { return std::isfinite(v) ? FieldValue{v} : FieldValue{}; }
FieldValue edge(double v) { return v < 0 ? FieldValue{} : FieldValue{v}; }

}  // namespace

Table knox_table(const KnoxResult& r) {
    Table t;
    t.name = "knox";
    t.add_field("distance_band", FieldType::string, "metres between the two events: same, 1-100, ..., >300",
                "dist_band");
    t.add_field("time_band", FieldType::string, "days between them: 0-7, 8-14, ..., >21");
    t.add_field("observed", FieldType::integer, "pairs of events in the band pair");
    t.add_field("expected", FieldType::real, "mean pairs over the permutations of the days");
    t.add_field("ratio", FieldType::real, "observed over expected (empty when none are expected)");
    t.add_field("p", FieldType::real, "pseudo p-value: (1 + permutations with as many or more) / (permutations + 1)");
    t.add_field("distance_min", FieldType::real, "band's lower edge, metres (inclusive)", "dist_min");
    t.add_field("distance_max", FieldType::real, "band's upper edge, metres (exclusive; empty: open)", "dist_max");
    t.add_field("days_min", FieldType::integer, "band's shortest gap in days (inclusive)");
    t.add_field("days_max", FieldType::integer, "band's upper gap in days (exclusive; empty: open)");
    t.add_field("sd", FieldType::real, "standard deviation of the permuted counts");
    t.add_field("sim_min", FieldType::integer, "fewest pairs in a permutation");
    t.add_field("sim_max", FieldType::integer, "most pairs in a permutation");
    const KnoxOptions& o = r.options;
    for (const KnoxCell& c : r.cells) {
        const int dhi = time_hi(o, c.time_band);
        t.rows.push_back({distance_label(o, c.distance_band), time_label(o, c.time_band), c.observed, c.expected,
                          real_or_null(c.ratio), c.p, distance_lo(o, c.distance_band),
                          edge(distance_hi(o, c.distance_band)), int64_t{time_lo(o, c.time_band)},
                          dhi < 0 ? FieldValue{} : FieldValue{int64_t{dhi}}, c.sd, c.sim_min, c.sim_max});
    }
    t.notes.push_back(std::string(o.metric == DistanceMetric::manhattan ? "Manhattan" : "Euclidean") +
                      " distances; " + std::to_string(o.permutations) + " permutations, seed " +
                      std::to_string(o.seed));
    return t;
}

std::vector<ActiveZone> active_zones(const std::vector<DatedEvent>& events, int days, int64_t today) {
    std::vector<ActiveZone> out;
    if (days <= 0) {
        return out;
    }
    for (const DatedEvent& e : events) {
        const int64_t until = e.day + days - 1;
        if (e.day <= today && until >= today) {
            out.push_back({e.line, e.x, e.y, e.day, until});
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const ActiveZone& a, const ActiveZone& b) { return a.day > b.day; });
    return out;
}

Table zone_table(const std::vector<ActiveZone>& zones, double metres, int64_t today,
                 const OGRSpatialReference* crs) {
    Table t;
    t.name = "zones";
    t.add_field("line", FieldType::integer, "the event's line in the events file");
    t.add_field("x", FieldType::real, "the event's x, in the events' CRS");
    t.add_field("y", FieldType::real, "the event's y");
    t.add_field("date", FieldType::string, "the event's day, YYYY-MM-DD");
    t.add_field("radius_m", FieldType::real, "zone of raised risk around it, metres (the test's distance)", "radius");
    t.add_field("until", FieldType::string, "last day of raised risk, YYYY-MM-DD");
    t.add_field("days_left", FieldType::integer, "days of raised risk after today (0: today is the last)");
    std::vector<double> lon;
    std::vector<double> lat;
    if (crs != nullptr) {
        t.add_field("longitude", FieldType::real, "the event's longitude, WGS84", "lon");
        t.add_field("latitude", FieldType::real, "the event's latitude, WGS84", "lat");
        const auto to_wgs = lonlat_transform(*crs, true);
        for (const ActiveZone& z : zones) {
            lon.push_back(z.x);
            lat.push_back(z.y);
        }
        if (!to_wgs || (!lon.empty() && !to_wgs->Transform(lon.size(), lon.data(), lat.data()))) {
            throw Error("cannot give the zones longitude and latitude from their CRS");
        }
    }
    for (size_t i = 0; i < zones.size(); ++i) {
        const ActiveZone& z = zones[i];
        t.rows.push_back({z.line, z.x, z.y, format_day(z.day), metres, format_day(z.until), z.until - today});
        if (crs != nullptr) {
            t.rows.back().emplace_back(lon[i]);
            t.rows.back().emplace_back(lat[i]);
        }
    }
    return t;
}

}  // namespace hotspot
