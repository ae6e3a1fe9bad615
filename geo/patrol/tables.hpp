#pragma once
// The fields of a patrol plan's two tables, as `hotspot patrol` writes them and
// geo/io/patrol_plan.hpp reads them back.

#include "geo/table.hpp"

namespace hotspot {

/// "patrol_plan", one row per place: place_id, group, team, unit, code, name, x, y,
/// longitude, latitude, radius_m, area_m2, harm, incidents, visits_day, minutes_day, days.
Table patrol_plan_schema();

/// "patrol_schedule", one row per visit: day, order, place_id, team, start, minutes.
Table patrol_schedule_schema();

}  // namespace hotspot
