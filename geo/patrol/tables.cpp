#include "geo/patrol/tables.hpp"

namespace hotspot {

Table patrol_plan_schema() {
    Table t;
    t.name = "patrol_plan";
    t.add_field("place_id", FieldType::integer, "place, 1 = most harm");
    t.add_field("group", FieldType::string, "patrol, control, daily (random each day) or unpaired");
    t.add_field("team", FieldType::integer, "beat the place belongs to (0: a control, no visits)");
    t.add_field("unit", FieldType::string, "place (a disc; for the public, a 250 m square), lsoa or ward");
    t.add_field("code", FieldType::string, "LSOA of the centre, or the area patrolled");
    t.add_field("name", FieldType::string, "that area's name");
    t.add_field("x", FieldType::real, "centre, easting in the working CRS");
    t.add_field("y", FieldType::real, "centre, northing");
    t.add_field("longitude", FieldType::real, "centre");
    t.add_field("latitude", FieldType::real, "centre");
    t.add_field("radius_m", FieldType::real, "disc radius (empty for areas and squares)", "radius");
    t.add_field("area_m2", FieldType::real, "ground the place covers", "area");
    t.add_field("harm", FieldType::real, "harm (crime harm index days) of the incidents in the place");
    t.add_field("incidents", FieldType::integer, "incidents in the place");
    t.add_field("visits_day", FieldType::integer, "visits a day when patrolled");
    t.add_field("minutes_day", FieldType::real, "patrol minutes a day when patrolled (without travel)", "minutes");
    t.add_field("days", FieldType::integer, "days patrolled in the schedule");
    return t;
}

Table patrol_schedule_schema() {
    Table t;
    t.name = "patrol_schedule";
    t.add_field("day", FieldType::integer, "day of the plan, 1..");
    t.add_field("order", FieldType::integer, "visit order that day (random)");
    t.add_field("place_id", FieldType::integer, "place to visit");
    t.add_field("team", FieldType::integer, "beat of the place");
    t.add_field("start", FieldType::string, "start time, HH:MM");
    t.add_field("minutes", FieldType::real, "minutes at the place");
    return t;
}

}  // namespace hotspot
