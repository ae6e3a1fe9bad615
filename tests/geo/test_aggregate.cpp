#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "geo/aggregate/area_frame.hpp"
#include "geo/aggregate/area_index.hpp"
#include "geo/aggregate/area_layers.hpp"
#include "geo/aggregate/counts.hpp"
#include "geo/crs/crs.hpp"
#include "geo/error.hpp"
#include "support.hpp"

using namespace hotspot;

namespace {

struct Fixture {
    AreaSet areas;
    std::unique_ptr<AreaIndex> index;
    IncidentTable incidents;

    Fixture() {
        areas.set_crs(parse_crs("EPSG:27700"));
        test::add_square(areas, "A", 0);
        test::add_square(areas, "B", 10);
        test::add_square(areas, "C", 20);
        index = std::make_unique<AreaIndex>(areas);
    }

    void add(double x, const std::string& category, Month month, int n = 1,
             const std::string& reported = "") {
        for (int i = 0; i < n; ++i) {
            incidents.x.push_back(x);
            incidents.y.push_back(5);
            incidents.month.push_back(month);
            incidents.category.push_back(incidents.category_id(category));
            incidents.reported_area.push_back(reported.empty()
                                                  ? kNoId
                                                  : incidents.reported_areas.intern(reported));
        }
    }

    CountsCube cube(AssignmentStats* stats = nullptr) {
        CountsAccumulator acc(areas, *index, 1);
        acc.consume(incidents, 0);
        if (stats != nullptr) {
            *stats = acc.stats();
        }
        return acc.finish();
    }
};

const Month kJan = Month::from(2018, 1);

int64_t value(const Table& t, size_t row, const std::string& field) {
    return std::get<int64_t>(t.rows[row][t.field_index(field)]);
}

double real(const Table& t, size_t row, const std::string& field) {
    return std::get<double>(t.rows[row][t.field_index(field)]);
}

std::string text(const Table& t, size_t row, const std::string& field) {
    return std::get<std::string>(t.rows[row][t.field_index(field)]);
}

}  // namespace

TEST_CASE("counts by area, category and month, with the unassigned kept", "[aggregate]") {
    Fixture f;
    f.add(5, "Burglary", kJan, 3, "A");
    f.add(15, "Robbery", kJan + 1, 2, "A");  // police.uk says A, the point is in B
    f.add(99, "Burglary", kJan + 2, 4);      // in no area
    AssignmentStats stats;
    const CountsCube cube = f.cube(&stats);
    CHECK(cube.months() == 3);
    CHECK(cube.first_month() == kJan);
    const uint32_t burglary = *cube.categories().find("Burglary");
    const uint32_t robbery = *cube.categories().find("Robbery");
    CHECK(cube.at(0, burglary, kJan) == 3);
    CHECK(cube.at(1, robbery, kJan + 1) == 2);
    CHECK(cube.at(cube.unassigned_row(), burglary, kJan + 2) == 4);
    CHECK(stats.inside == 5);
    CHECK(stats.unassigned == 4);
    CHECK(stats.reported == 5);
    CHECK(stats.agreeing == 3);
}

TEST_CASE("snapping: points just outside go to the nearest area within the distance",
          "[aggregate]") {
    Fixture f;
    f.add(31, "Burglary", kJan, 2);  // 1 m east of C
    f.add(45, "Burglary", kJan, 1);  // 15 m east of C
    CountsAccumulator acc(f.areas, *f.index, 1, 2.0);
    acc.consume(f.incidents, 0);
    const AssignmentStats stats = acc.stats();
    CHECK(stats.snapped == 2);
    CHECK(stats.unassigned == 1);
    const CountsCube cube = acc.finish();
    CHECK(cube.at(2, 0, kJan) == 2);
    CHECK(cube.at(cube.unassigned_row(), 0, kJan) == 1);
}

TEST_CASE("the summary: counts, rates, change and rank", "[aggregate]") {
    Fixture f;
    // A rises sharply in the last three of six months; B is steady; C has nothing.
    for (int m = 0; m < 3; ++m) {
        f.add(5, "Burglary", kJan + m, 2);
        f.add(15, "Burglary", kJan + m, 10);
    }
    for (int m = 3; m < 6; ++m) {
        f.add(5, "Burglary", kJan + m, 20);
        f.add(5, "Robbery", kJan + m, 1);
        f.add(15, "Burglary", kJan + m, 10);
    }
    const CountsCube cube = f.cube();
    AreaFrame frame = frame_of(f.areas, nullptr);
    frame.population = {1000.0, 2000.0, std::nullopt};
    const ResolvedFilter filter = resolve(Filter{}, cube);
    const Table t = summary_layer(CellCounts::truth(cube), frame, filter, nullptr, WindowOptions{3, 0.05});
    REQUIRE(t.rows.size() == 3);
    CHECK(value(t, 0, "count") == 69);
    CHECK(real(t, 0, "rate_1k") == Approx(69.0));
    CHECK(value(t, 1, "count") == 60);
    CHECK(real(t, 1, "rate_1k") == Approx(30.0));
    CHECK(std::holds_alternative<std::monostate>(t.rows[2][t.field_index("rate_1k")]));
    CHECK(value(t, 0, "cur") == 63);
    CHECK(value(t, 0, "prev") == 6);
    CHECK(real(t, 0, "change_pct") == Approx(950.0));
    CHECK(text(t, 0, "change_sig") == "up");
    CHECK(text(t, 1, "change_sig") == "none");
    CHECK(text(t, 2, "change_sig") == "none");
    CHECK(value(t, 0, "rank") == 1);
    CHECK(value(t, 1, "rank") == 2);
    CHECK(value(t, 2, "rank") == 3);
    CHECK(value(t, 0, "c_burglary") == 66);
    CHECK(value(t, 0, "c_robbery") == 3);
    CHECK(t.notes[1] ==
          "change compares 2018-04 to 2018-06 with 2018-01 to 2018-03 (exact conditional test "
          "for two Poisson counts, Benjamini-Hochberg false discovery rate 0.05)");
    for (const auto& field : t.fields) {
        CHECK(field.name.size() <= 10);
    }
}

TEST_CASE("filters by category and month; ties share a rank", "[aggregate]") {
    Fixture f;
    f.add(5, "Burglary", kJan, 4);
    f.add(15, "Burglary", kJan, 4);
    f.add(15, "Robbery", kJan + 1, 7);
    const CountsCube cube = f.cube();
    const AreaFrame frame = frame_of(f.areas, nullptr);
    Filter only_burglary;
    only_burglary.categories = {"burglary"};  // a short code works as well as the name
    const Table t = summary_layer(CellCounts::truth(cube), frame, resolve(only_burglary, cube), nullptr, {1, 0.05});
    CHECK(value(t, 0, "count") == 4);
    CHECK(value(t, 1, "count") == 4);
    CHECK(value(t, 0, "rank") == 1);
    CHECK(value(t, 1, "rank") == 1);
    CHECK(value(t, 2, "rank") == 3);
    CHECK_THROWS_WITH(t.field_index("c_robbery"), "no field \"c_robbery\" in area_summary");

    Filter february;
    february.from = kJan + 1;
    const Table feb = summary_layer(CellCounts::truth(cube), frame, resolve(february, cube), nullptr, {1, 0.05});
    CHECK(value(feb, 1, "count") == 7);
    CHECK(value(feb, 1, "prev") == 4);

    Filter unknown;
    unknown.categories = {"Arson"};
    CHECK_THROWS_WITH(resolve(unknown, cube),
                      "no category \"Arson\" in the data (categories: Burglary; Robbery)");
    Filter empty_range;
    empty_range.from = kJan + 1;
    empty_range.to = kJan;
    CHECK_THROWS_WITH(resolve(empty_range, cube), "the month range 2018-02 to 2018-01 is empty");
}

TEST_CASE("no change without a full previous window", "[aggregate]") {
    Fixture f;
    f.add(5, "Burglary", kJan, 1);
    f.add(5, "Burglary", kJan + 2, 1);
    const CountsCube cube = f.cube();
    const AreaFrame frame = frame_of(f.areas, nullptr);
    const Table t = summary_layer(CellCounts::truth(cube), frame, resolve(Filter{}, cube), nullptr, {3, 0.05});
    CHECK(std::holds_alternative<std::monostate>(t.rows[0][t.field_index("cur")]));
    CHECK(t.notes[1] ==
          "no change computed: the previous 3-month window (2017-10 to 2017-12) starts before "
          "the data (2018-01)");
    CHECK_THROWS_WITH(change_layer(CellCounts::truth(cube), frame, resolve(Filter{}, cube), {3, 0.05}), t.notes[1]);
}

TEST_CASE("monthly and change layers", "[aggregate]") {
    Fixture f;
    f.add(5, "Burglary", kJan, 1);
    f.add(5, "Robbery", kJan + 1, 9);
    const CountsCube cube = f.cube();
    const AreaFrame frame = frame_of(f.areas, nullptr);
    const Table monthly = monthly_layer(CellCounts::truth(cube), frame, resolve(Filter{}, cube));
    CHECK(monthly.rows.size() == 3 * 2 * 2);  // areas x months x categories, zeros kept
    CHECK(text(monthly, 0, "month") == "2018-01");
    CHECK(text(monthly, 1, "category") == "Robbery");
    CHECK(value(monthly, 3, "count") == 9);
    CHECK(monthly.geometry.empty());
    const Table change = change_layer(CellCounts::truth(cube), frame, resolve(Filter{}, cube), {1, 0.05});
    CHECK(change.rows.size() == 3 * 2);
    CHECK(value(change, 1, "cur") == 9);
    CHECK(value(change, 1, "prev") == 0);
    CHECK(text(change, 1, "change_sig") == "up");
}

TEST_CASE("roll-up by largest overlap and regrouped counts", "[aggregate]") {
    Fixture f;
    f.add(5, "Burglary", kJan, 2);
    f.add(15, "Burglary", kJan, 3);
    f.add(25, "Burglary", kJan, 4);
    const CountsCube cube = f.cube();
    AreaFrame frame = frame_of(f.areas, nullptr);
    frame.population = {100.0, 200.0, 300.0};
    AreaSet wards;
    wards.set_crs(parse_crs("EPSG:27700"));
    test::add_square(wards, "W1", 2);   // mostly over A (8 of 10)
    test::add_square(wards, "W2", 14);  // over B's 6 and C's 4: B -> W2
    const Rollup r = rollup_by_overlap(f.areas, frame, wards);
    CHECK(r.group_of == std::vector<uint32_t>{0, 1, 1});
    const CountsCube grouped = regroup(cube, r.group_of, 2);
    const uint32_t burglary = *grouped.categories().find("Burglary");
    CHECK(grouped.at(0, burglary, kJan) == 2);
    CHECK(grouped.at(1, burglary, kJan) == 7);
    CHECK(r.frame.population[1] == 500.0);
    CHECK(r.frame.notes.back() == "1 areas lie less than half inside the area they were rolled up to");
}
