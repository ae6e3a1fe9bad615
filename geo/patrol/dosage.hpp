#pragma once
// Dosage: the patrol a plan asked for against the patrol delivered. A plan (the output of
// `hotspot patrol`) and its schedule say how many minutes each place should get on each
// day; a patrol log says where officers were, either as visit records (place, start, end)
// or as GPS fixes with times, from which stays at places are found. The report gives,
// per place and per day, planned and delivered minutes and visits, and flags controls
// that were patrolled (a contaminated experiment).

#include <cstdint>
#include <vector>

#include "geo/io/patrol_log.hpp"
#include "geo/io/patrol_plan.hpp"
#include "geo/table.hpp"

namespace hotspot {

struct PlaceDosage {
    int place = 0;
    double planned_minutes = 0;
    int64_t planned_visits = 0;
    double delivered_minutes = 0;
    int64_t visits = 0;
    int days_planned = 0;
    int days_visited = 0;
};

struct DayDosage {
    int64_t day = 0;  ///< days since 1970-01-01
    int place = 0;
    double planned_minutes = 0;
    double delivered_minutes = 0;
    int64_t visits = 0;
};

struct DosageReport {
    int64_t first_day = 0;  ///< the period measured, days since 1970-01-01
    int64_t last_day = 0;
    std::vector<PlaceDosage> places;  ///< in the plan's order
    std::vector<DayDosage> days;      ///< per day, per place planned or visited
    double planned_minutes = 0;
    double delivered_minutes = 0;     ///< at places that were planned
    double control_minutes = 0;       ///< at controls: contamination of an experiment
    int64_t stays_outside_period = 0;
};

/// Planned against delivered over the days `first_day`..`last_day` (day 1 of the plan is
/// `first_day`; the schedule repeats every `plan.days`). A stay counts on the day it starts.
DosageReport measure_dosage(const DosagePlan& plan, const std::vector<Stay>& stays, int64_t first_day,
                            int64_t last_day);

/// The report as tables: one row per place, and one per place per day.
Table dosage_table(const DosagePlan& plan, const DosageReport& report);
Table dosage_day_table(const DosageReport& report);

}  // namespace hotspot
