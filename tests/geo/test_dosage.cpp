// Dosage on hand-made plans and logs: stays found from GPS fixes, planned and delivered
// minutes counted by hand, the schedule repeating, controls that were patrolled, and a
// reject with file, line and reason for every kind of malformed log row.

#include <catch2/catch.hpp>

#include "geo/crs/crs.hpp"
#include "geo/error.hpp"
#include "geo/patrol/dosage.hpp"
#include "support.hpp"

using namespace hotspot;

namespace {

/// Two places 1 km apart: place 1 patrolled 15 minutes a day, place 2 a control.
DosagePlan two_places() {
    DosagePlan plan;
    plan.source = "plan.csv";
    DosagePlace a;
    a.id = 1;
    a.group = "patrol";
    a.team = 1;
    a.x = 560000;
    a.y = 190000;
    a.radius = 150;
    a.minutes_day = 15;
    a.visits_day = 1;
    DosagePlace b = a;
    b.id = 2;
    b.group = "control";
    b.team = 0;
    b.x = 561000;
    b.minutes_day = 0;
    b.visits_day = 0;
    plan.places = {a, b};
    plan.days = 7;
    return plan;
}

PlaceLocator discs(const DosagePlan& plan) {
    return [&plan](double x, double y) {
        for (const auto& p : plan.places) {
            if ((x - p.x) * (x - p.x) + (y - p.y) * (y - p.y) <= p.radius * p.radius) {
                return p.id;
            }
        }
        return 0;
    };
}

constexpr int64_t kDay = 86400;
const int64_t kAug1 = days_from_civil(2018, 8, 1);

}  // namespace

TEST_CASE("dosage: stays from GPS fixes, split by gaps and units, passing through dropped", "[dosage]") {
    const DosagePlan plan = two_places();
    const int64_t t0 = kAug1 * kDay + 10 * 3600;
    std::vector<Fix> fixes;
    // Unit A: 16 fixes a minute apart inside place 1 (15 minutes), then away.
    for (int i = 0; i < 16; ++i) {
        fixes.push_back({560010, 190020, t0 + 60 * i, "A"});
    }
    fixes.push_back({565000, 190000, t0 + 16 * 60, "A"});
    // Unit B, interleaved in time: 5 minutes at place 1, a 10-minute gap in the fixes,
    // then 4 more minutes there: two stays.
    for (int i = 0; i <= 5; ++i) {
        fixes.push_back({559900, 190000, t0 + 30 + 60 * i, "B"});
    }
    for (int i = 0; i <= 4; ++i) {
        fixes.push_back({559900, 190000, t0 + 30 + 900 + 60 * i, "B"});
    }
    // Unit C drives through the control: 30 seconds inside, not a visit.
    fixes.push_back({561000, 190000, t0, "C"});
    fixes.push_back({561050, 190000, t0 + 30, "C"});
    LogOptions o;
    int64_t inside = 0;
    const std::vector<Stay> stays = stays_from_fixes(fixes, discs(plan), o, &inside);
    CHECK(inside == 16 + 6 + 5 + 2);
    REQUIRE(stays.size() == 3);
    CHECK(stays[0].unit == "A");
    CHECK(stays[0].place == 1);
    CHECK(stays[0].end - stays[0].start == 15 * 60);
    CHECK(stays[1].unit == "B");
    CHECK(stays[1].end - stays[1].start == 5 * 60);
    CHECK(stays[2].end - stays[2].start == 4 * 60);
    // A longer allowed gap joins B's two stays into one of 19 minutes.
    o.max_gap_seconds = 1200;
    const std::vector<Stay> joined = stays_from_fixes(fixes, discs(plan), o);
    REQUIRE(joined.size() == 2);
    CHECK(joined[1].end - joined[1].start == 19 * 60);
}

TEST_CASE("dosage: planned against delivered, counted by hand", "[dosage]") {
    const DosagePlan plan = two_places();
    const int64_t d0 = kAug1;
    const std::vector<Stay> stays{
        {1, d0 * kDay + 36000, d0 * kDay + 36000 + 15 * 60, "A"},        // day 1: the full 15 minutes
        {1, (d0 + 1) * kDay + 50000, (d0 + 1) * kDay + 50000 + 420, "A"},  // day 2: 7 minutes
        {2, (d0 + 1) * kDay + 60000, (d0 + 1) * kDay + 60300, "B"},        // the control: 5 minutes
        {1, (d0 + 9) * kDay, (d0 + 9) * kDay + 600, "A"},                  // after the period
    };
    const DosageReport r = measure_dosage(plan, stays, d0, d0 + 2);
    REQUIRE(r.places.size() == 2);
    const PlaceDosage& a = r.places[0];
    CHECK(a.planned_minutes == 45);
    CHECK(a.planned_visits == 3);
    CHECK(a.delivered_minutes == Approx(22));
    CHECK(a.visits == 2);
    CHECK(a.days_planned == 3);
    CHECK(a.days_visited == 2);
    const PlaceDosage& b = r.places[1];
    CHECK(b.planned_minutes == 0);
    CHECK(b.delivered_minutes == Approx(5));
    CHECK(r.planned_minutes == 45);
    CHECK(r.delivered_minutes == Approx(22));
    CHECK(r.control_minutes == Approx(5));
    CHECK(r.stays_outside_period == 1);
    const Table t = dosage_table(plan, r);
    REQUIRE(t.rows.size() == 2);
    CHECK(std::get<double>(t.rows[0][t.field_index("dosage")]) == Approx(22.0 / 45).epsilon(1e-3));
    CHECK(std::get<std::string>(t.rows[1][t.field_index("note")]).find("contaminated") != std::string::npos);
    const Table days = dosage_day_table(r);
    CHECK(days.rows.size() == 4);  // place 1 on three days, the control on one
    CHECK(std::get<std::string>(days.rows[0][0]) == "2018-08-01");
}

TEST_CASE("dosage: a schedule repeats over a longer period", "[dosage]") {
    DosagePlan plan = two_places();
    plan.places[1].team = 2;
    plan.places[1].group = "daily";
    plan.days = 2;
    plan.schedule = {{1, 1, 15}, {2, 2, 20}};  // day 1: place 1; day 2: place 2
    const DosageReport r = measure_dosage(plan, {}, kAug1, kAug1 + 4);  // days 1,2,1,2,1
    CHECK(r.places[0].planned_minutes == 45);
    CHECK(r.places[0].days_planned == 3);
    CHECK(r.places[1].planned_minutes == 40);
    CHECK(r.places[1].planned_visits == 2);
    CHECK(r.delivered_minutes == 0);
}

TEST_CASE("dosage: format_day inverts days_from_civil", "[dosage]") {
    for (const auto& [y, m, d] : {std::tuple{1970, 1, 1}, {2018, 2, 28}, {2020, 2, 29}, {2000, 12, 31}, {1969, 12, 31}}) {
        char want[16];
        std::snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
        CHECK(format_day(days_from_civil(y, m, d)) == want);
    }
}

TEST_CASE("dosage: every kind of malformed log row is rejected with its line", "[dosage]") {
    test::TempDir tmp;
    const DosagePlan plan = two_places();
    const OGRSpatialReference crs = parse_crs("EPSG:27700");
    const std::string visits = tmp.path("visits.csv");
    test::write_file(visits,
                     "place_id,start,end,officer\n"
                     "1,2018-08-01 10:00,2018-08-01 10:15,A\n"      // 2: good
                     "1,2018-08-01 11:00,2018-08-01 11:15\n"        // 3: a field short
                     "x,2018-08-01 10:00,2018-08-01 10:15,A\n"      // 4: place not a number
                     "9,2018-08-01 10:00,2018-08-01 10:15,A\n"      // 5: not in the plan
                     "1,yesterday,2018-08-01 10:15,A\n"             // 6: bad start
                     "1,2018-08-01 10:00,2018-08-32 10:15,A\n"      // 7: impossible end
                     "1,2018-08-01 10:15,2018-08-01 10:00,A\n"      // 8: ends before it starts
                     "1,2018-08-01 08:00,2018-08-02 09:00,A\n"      // 9: 25 hours
                     "2,01/08/2018 12:00,01/08/2018 12:05:30,B\n");  // 10: good, UK dates
    PatrolLog log = read_patrol_log(visits, plan, crs, discs(plan), LogOptions{});
    CHECK_FALSE(log.gps);
    CHECK(log.rows == 9);
    REQUIRE(log.stays.size() == 2);
    CHECK(log.stays[1].end - log.stays[1].start == 330);
    REQUIRE(log.rejects.total() == 7);
    const auto& items = log.rejects.items();
    const std::vector<std::pair<int64_t, RejectReason>> want{
        {3, RejectReason::wrong_column_count}, {4, RejectReason::bad_number}, {5, RejectReason::unknown_area},
        {6, RejectReason::bad_date},           {7, RejectReason::bad_date},   {8, RejectReason::out_of_range},
        {9, RejectReason::out_of_range}};
    for (size_t i = 0; i < want.size(); ++i) {
        INFO(items[i].message());
        CHECK(items[i].line == want[i].first);
        CHECK(items[i].reason == want[i].second);
        CHECK(items[i].message().rfind(visits + ":" + std::to_string(want[i].first) + ":", 0) == 0);
    }

    // Minutes instead of an end time.
    const std::string minutes = tmp.path("minutes.csv");
    test::write_file(minutes, "place_id,start,minutes\n1,2018-08-01 10:00,12.5\n1,2018-08-01 11:00,lots\n");
    log = read_patrol_log(minutes, plan, crs, discs(plan), LogOptions{});
    REQUIRE(log.stays.size() == 1);
    CHECK(log.stays[0].end - log.stays[0].start == 750);
    CHECK(log.rejects.count(RejectReason::bad_number) == 1);

    // GPS fixes in longitude/latitude: each kind of bad fix.
    double lon = 560010;
    double lat = 190020;
    lonlat_transform(crs, true)->Transform(1, &lon, &lat);
    const std::string at = std::to_string(lon) + "," + std::to_string(lat);
    std::string gps = "device,longitude,latitude,time\n";
    for (int i = 0; i < 16; ++i) {
        gps += "A," + at + ",2018-08-01T10:" + (i < 10 ? "0" : "") + std::to_string(i) + ":00Z\n";  // 2..17
    }
    gps += "A,,,2018-08-01T10:20:00\n";                 // 18: no coordinates
    gps += "A,east,51.5,2018-08-01T10:21:00\n";         // 19: not a number
    gps += "A,0.7,95.0,2018-08-01T10:22:00\n";          // 20: off the globe
    gps += "A," + at + ",2018-08-01T25:00:00\n";        // 21: bad time
    gps += "A," + at + "\n";                            // 22: short
    const std::string gps_path = tmp.path("gps.csv");
    test::write_file(gps_path, gps);
    log = read_patrol_log(gps_path, plan, crs, discs(plan), LogOptions{});
    CHECK(log.gps);
    CHECK(log.fixes.size() == 16);
    CHECK(log.fixes_in_places == 16);
    REQUIRE(log.stays.size() == 1);
    CHECK(log.stays[0].end - log.stays[0].start == 15 * 60);
    CHECK(log.rejects.total() == 5);
    CHECK(log.rejects.count(RejectReason::no_location) == 1);
    CHECK(log.rejects.count(RejectReason::bad_number) == 1);
    CHECK(log.rejects.count(RejectReason::coordinate_out_of_range) == 1);
    CHECK(log.rejects.count(RejectReason::bad_date) == 1);
    CHECK(log.rejects.count(RejectReason::wrong_column_count) == 1);
    CHECK(log.rejects.items()[0].line == 18);

    // A log of neither kind is refused, naming its columns.
    const std::string neither = tmp.path("neither.csv");
    test::write_file(neither, "who,where\nA,here\n");
    try {
        (void)read_patrol_log(neither, plan, crs, discs(plan), LogOptions{});
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find("who, where") != std::string::npos);
    }
    const std::string empty = tmp.path("empty.csv");
    test::write_file(empty, "");
    CHECK_THROWS_AS(read_patrol_log(empty, plan, crs, discs(plan), LogOptions{}), InputError);
}

TEST_CASE("dosage: a plan must be a plan", "[dosage]") {
    test::TempDir tmp;
    const std::string good = tmp.path("plan.csv");
    test::write_file(good,
                     "place_id,group,team,unit,code,x,y,radius_m,minutes_day,visits_day,days\n"
                     "1,patrol,1,place,E01,560000,190000,150,15,1,7\n"
                     "2,control,0,place,E01,561000,190000,150,0,0,0\n");
    const DosagePlan plan = read_patrol_plan(good, "");
    REQUIRE(plan.places.size() == 2);
    CHECK(plan.places[0].radius == 150);
    CHECK(plan.days == 1);  // no schedule: every day alike
    auto refused = [&](const std::string& name, const std::string& text, const std::string& schedule,
                       const std::string& says) {
        const std::string path = tmp.path(name);
        test::write_file(path, text);
        try {
            (void)read_patrol_plan(schedule.empty() ? path : good, schedule.empty() ? "" : path);
            FAIL(name << ": no error");
        } catch (const InputError& e) {
            INFO(e.what());
            CHECK(std::string(e.what()).find(says) != std::string::npos);
        }
    };
    refused("no_minutes.csv", "place_id,team,x,y,radius_m,visits_day\n1,1,0,0,150,1\n", "", "no column minutes_day");
    refused("twice.csv", "place_id,team,x,y,radius_m,minutes_day,visits_day\n1,1,0,0,150,15,1\n1,1,0,0,150,15,1\n",
            "", "is not a new positive number");
    refused("no_radius.csv", "place_id,team,unit,x,y,radius_m,minutes_day,visits_day\n1,1,place,0,0,,15,1\n", "",
            "radius_m");
    refused("daily.csv", "place_id,group,team,x,y,radius_m,minutes_day,visits_day\n1,daily,1,0,0,150,15,1\n", "",
            "give the plan's schedule");
    refused("sched.csv", "day,order,place_id,team,start,minutes\n1,1,1,1,10:00,15\n1,2,7,1,11:00,15\n", "x",
            "sched.csv:3: place 7 is not in the plan");
    refused("sched0.csv", "day,order,place_id,team,start,minutes\n0,1,1,1,10:00,15\n", "x", "sched0.csv:2:");
}
