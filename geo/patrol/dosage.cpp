#include "geo/patrol/dosage.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace hotspot {

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
