#include "geo/repeats/place_tables.hpp"

#include <map>
#include <memory>

#include "geo/aggregate/window_change.hpp"

namespace hotspot {

namespace {

FieldValue code_of(const AreaSet* set, uint32_t id) {
    return set != nullptr && id != kNoId && id < set->size() ? FieldValue{set->code(id)} : FieldValue{};
}
FieldValue name_of(const AreaSet* set, uint32_t id) {
    return set != nullptr && id != kNoId && id < set->size() ? FieldValue{set->name(id)} : FieldValue{};
}
double percent(int64_t part, int64_t whole) {
    return whole > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

}  // namespace

Table places_table(const PlaceSet& set, const AreaSet& areas, const AreaSet* wards, const Dictionary& categories,
                   const OGRSpatialReference& crs, double alpha) {
    Table t;
    t.name = "places";
    t.add_field("place_id", FieldType::integer, "place, 1 = most incidents");
    t.add_field("location", FieldType::string, "the source's location text (police.uk: \"On or near ...\")");
    t.add_field("street", FieldType::string, "street name from the location text (empty for a kind of place)");
    t.add_field("area_code", FieldType::string, "small area (LSOA) containing the point");
    t.add_field("area_name", FieldType::string, "its name");
    t.add_field("ward_code", FieldType::string, "ward containing the point");
    t.add_field("ward_name", FieldType::string, "its name");
    t.add_field("count", FieldType::integer, "incidents at the place");
    t.add_field("harm", FieldType::real, "their harm (crime harm index days)");
    t.add_field("flag", FieldType::string, "the place rule that flags it (airport, police_station, ...), or empty");
    t.add_field("share", FieldType::real, "share of its area's incidents, %");
    t.add_field("ward_rank", FieldType::integer, "rank in its ward by incidents, 1 = most");
    t.add_field("top_category", FieldType::string, "the category with most incidents there", "top_cat");
    t.add_field("top_count", FieldType::integer, "incidents of that category");
    t.add_field("months", FieldType::integer, "months with an incident there");
    t.add_field("first_month", FieldType::string, "first month with one", "first");
    t.add_field("last_month", FieldType::string, "last month with one", "last");
    add_change_fields(t);
    t.add_field("x", FieldType::real, "easting in the working CRS");
    t.add_field("y", FieldType::real, "northing");
    t.add_field("longitude", FieldType::real, "WGS84", "lon");
    t.add_field("latitude", FieldType::real, "WGS84", "lat");
    t.add_field("place", FieldType::string, "the force's place column (location id, UPRN or address), if mapped");
    t.add_field("place_type", FieldType::string, "the force's kind of premises column, if mapped", "type");

    std::map<uint32_t, int64_t> area_total;
    std::map<uint32_t, int64_t> ward_seen;
    for (const Place& p : set.places) {
        area_total[p.area] += p.count;
    }
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const std::unique_ptr<OGRCoordinateTransformation> to_wgs84(OGRCreateCoordinateTransformation(&crs, &wgs84));
    // One call for every point: PROJ's set-up per call costs more than the transform.
    std::vector<double> lons(set.places.size());
    std::vector<double> lats(set.places.size());
    std::vector<int> ok(set.places.size(), 0);
    for (size_t k = 0; k < set.places.size(); ++k) {
        lons[k] = set.places[k].x;
        lats[k] = set.places[k].y;
    }
    if (to_wgs84 && !set.places.empty()) {
        to_wgs84->Transform(lons.size(), lons.data(), lats.data(), nullptr, ok.data());
    }
    for (size_t k = 0; k < set.places.size(); ++k) {
        const Place& p = set.places[k];
        const double lon = lons[k];
        const double lat = lats[k];
        const bool projected = ok[k] != 0;
        const int64_t rank = ++ward_seen[p.ward];
        t.rows.push_back({p.id, p.location, p.street, code_of(&areas, p.area), name_of(&areas, p.area),
                          code_of(wards, p.ward), name_of(wards, p.ward), p.count, p.harm,
                          p.flag,
                          percent(p.count, area_total[p.area]),
                          p.ward == kNoId ? FieldValue{} : FieldValue{rank},
                          categories.at(p.top_category), p.top_count, int64_t{p.months}, p.first.to_string(),
                          p.last.to_string()});
        auto& row = t.rows.back();
        if (set.compared) {
            append_change_values(row, p.cur, p.prev);
        } else {
            append_empty_change_values(row);
        }
        row.insert(row.end(), {p.x, p.y, projected ? FieldValue{lon} : FieldValue{},
                               projected ? FieldValue{lat} : FieldValue{}, p.place, p.type});
    }
    if (set.compared) {
        adjust_change(t, alpha);
        t.notes.push_back("change compares " + set.current_from.to_string() + " to " + set.current_to.to_string() +
                          " with " + set.previous_from.to_string() + " to " + set.previous_to.to_string() +
                          " at each place (exact conditional test, Benjamini-Hochberg across the places)");
    } else {
        t.notes.push_back("no change computed: the earlier window starts before the data");
    }
    return t;
}

Table place_months_table(const PlaceSet& set, const PlaceCounts& counts, const PlaceQuery& q) {
    Table t;
    t.name = "place_months";
    t.add_field("place_id", FieldType::integer, "the place's id in the places table");
    t.add_field("category", FieldType::string, "crime category");
    t.add_field("month", FieldType::string, "YYYY-MM");
    t.add_field("count", FieldType::integer, "incidents at the place of that category in that month");
    t.add_field("harm", FieldType::real, "their harm (crime harm index days)");
    std::vector<PlaceTally> kept;
    for (const Place& p : set.places) {
        kept.clear();
        for (const PlaceTally& tally : counts.points.at(p.point).tallies) {
            if (q.selects(tally, counts)) {
                kept.push_back(tally);
            }
        }
        std::sort(kept.begin(), kept.end(), [](const PlaceTally& a, const PlaceTally& b) {
            return std::tie(a.month, a.category) < std::tie(b.month, b.category);
        });
        for (const PlaceTally& tally : kept) {
            const double harm = q.harm_of_category.empty() ? 0.0 : q.harm_of_category.at(tally.category);
            t.rows.push_back({p.id, counts.categories.at(tally.category), tally.month.to_string(), tally.count,
                              harm * static_cast<double>(tally.count)});
        }
    }
    return t;
}

Table streets_table(const PlaceSet& set, const AreaSet* wards) {
    Table t;
    t.name = "streets";
    t.add_field("ward_code", FieldType::string, "ward");
    t.add_field("ward_name", FieldType::string, "its name");
    t.add_field("street", FieldType::string, "street name from the location texts");
    t.add_field("rank", FieldType::integer, "rank in the ward by incidents, 1 = most");
    t.add_field("places", FieldType::integer, "places (snap points) on the street in the ward");
    t.add_field("count", FieldType::integer, "incidents on the street in the ward");
    t.add_field("harm", FieldType::real, "their harm");
    t.add_field("share", FieldType::real, "share of the ward's incidents, %");
    std::map<uint32_t, int64_t> ward_total;
    for (const Place& p : set.places) {
        ward_total[p.ward] += p.count;
    }
    uint32_t ward = kNoId - 1;
    int64_t rank = 0;
    for (const Street& s : set.streets) {
        rank = s.ward == ward ? rank + 1 : 1;
        ward = s.ward;
        t.rows.push_back({code_of(wards, s.ward), name_of(wards, s.ward), s.name, rank, s.places, s.count, s.harm,
                          percent(s.count, ward_total[s.ward])});
    }
    return t;
}

}  // namespace hotspot
