// Micro-places and patrol plans on small hand-made cases: the best places, never
// overlapping; the most harm the hours allow and never more minutes than there are;
// randomisation that a seed reproduces and that is balanced.

#include <cmath>
#include <map>
#include <set>

#include <catch2/catch.hpp>

#include "geo/crs/crs.hpp"
#include "geo/error.hpp"
#include "geo/io/area_reader.hpp"
#include "geo/patrol/plan.hpp"
#include "support.hpp"

using namespace hotspot;

namespace {

const AreaSet& essex() {
    static const AreaSet a = [] {
        AreaReadOptions ao;
        ao.working_crs = parse_crs("EPSG:27700");
        return read_areas(test::data_path("areas/essex-lsoa2011.gpkg"), ao);
    }();
    return a;
}

std::vector<MicroPlace> ranked(const std::vector<double>& harms) {
    std::vector<MicroPlace> out;
    for (size_t i = 0; i < harms.size(); ++i) {
        MicroPlace m;
        m.id = static_cast<int>(i) + 1;
        m.x = 1000.0 * static_cast<double>(i);
        m.harm = harms[i];
        m.area_m2 = 3.141592653589793 * 150 * 150;
        out.push_back(m);
    }
    return out;
}

}  // namespace

TEST_CASE("micro-places: the densest harm first, discs that never overlap", "[patrol]") {
    const AreaIndex index(essex());
    // Three clusters in Southend: 10 harm at A, 6 at B 200 m away (overlapping A's disc
    // if taken), 4 at C 1 km away.
    const double ax = 588260;
    const double ay = 185720;
    std::vector<PatrolPoint> pts;
    for (int i = 0; i < 10; ++i) {
        pts.push_back({ax + i, ay, 1});
    }
    for (int i = 0; i < 6; ++i) {
        pts.push_back({ax + 200, ay + i, 1});
    }
    for (int i = 0; i < 4; ++i) {
        pts.push_back({ax + 1000, ay + i, 1});
    }
    const auto places = find_micro_places(pts, index, PlaceOptions{});
    REQUIRE(places.size() >= 2);
    // The best disc holds A and B together (200 m apart, within 150 m of a point between).
    CHECK(places[0].harm == 16);
    CHECK(places[0].incidents == 16);
    CHECK(places[0].id == 1);
    CHECK(places[0].area != kNoArea);
    CHECK(places[1].harm == 4);  // C
    for (size_t i = 0; i < places.size(); ++i) {
        for (size_t j = i + 1; j < places.size(); ++j) {
            CHECK(std::hypot(places[i].x - places[j].x, places[i].y - places[j].y) >= 300 - 1e-9);
        }
        if (i > 0) {
            CHECK(places[i].harm <= places[i - 1].harm);
        }
    }
}

TEST_CASE("patrol plans: the most harm the hours allow, and no more minutes", "[patrol]") {
    const auto places = ranked({10, 8, 5, 3, 1});
    PlanOptions o;
    o.visit_minutes = 15;
    o.travel_minutes = 10;
    o.visits_per_day = 2;  // 50 minutes a place a day
    o.officer_hours = 2;   // 120 minutes: two places
    o.days = 3;
    const PatrolPlan p = plan_patrols(places, 27, 1e8, o);
    REQUIRE(p.places.size() == 2);
    CHECK(p.places[0].harm == 10);  // the best pair of the five (by exhaustion: 10 + 8)
    CHECK(p.places[1].harm == 8);
    CHECK(p.harm_share == Approx(18.0 / 27.0));
    CHECK(p.area_share == Approx(2 * 3.141592653589793 * 150 * 150 / 1e8));
    CHECK(p.schedule.size() == 2 * 2 * 3);
    CHECK(p.minutes_used <= p.minutes_available);
    // Visits fall in the window, in a random order a seed reproduces.
    for (const Visit& v : p.schedule) {
        CHECK(v.start >= o.window_start);
        CHECK(v.start < o.window_end);
    }
    const PatrolPlan again = plan_patrols(places, 27, 1e8, o);
    for (size_t i = 0; i < p.schedule.size(); ++i) {
        CHECK(again.schedule[i].place == p.schedule[i].place);
    }
    // The budget holds for any hours.
    for (double hours = 0.5; hours < 12; hours += 0.37) {
        o.officer_hours = hours;
        o.visits_per_day = 1;
        const PatrolPlan q = plan_patrols(ranked(std::vector<double>(40, 1.0)), 40, 1e8, o);
        CHECK(q.minutes_used <= hours * 60 + 1e-9);
        CHECK(static_cast<double>(q.patrolled_per_day + 1) * 25 > hours * 60);  // and none more would fit
    }
    o.officer_hours = 0.2;
    CHECK_THROWS_AS(plan_patrols(places, 27, 1e8, o), InputError);
}

TEST_CASE("patrol experiments: reproducible and balanced", "[patrol]") {
    std::vector<double> harms;
    for (int i = 0; i < 40; ++i) {
        harms.push_back(100.0 - i);
    }
    const auto places = ranked(harms);
    PlanOptions o;
    o.officer_hours = 10 * 25 / 60.0;  // ten places a day
    o.days = 90;
    o.experiment = "pairs";
    const PatrolPlan pairs = plan_patrols(places, 1e4, 1e8, o);
    REQUIRE(pairs.places.size() == 20);  // ten patrolled, ten controls
    int patrol = 0;
    double harm_patrol = 0;
    double harm_control = 0;
    for (size_t i = 0; i < 20; i += 2) {
        CHECK(pairs.group[i] != pairs.group[i + 1]);  // each matched pair is split
        for (size_t j = i; j < i + 2; ++j) {
            (pairs.group[j] == "patrol" ? harm_patrol : harm_control) += pairs.places[j].harm;
            patrol += pairs.group[j] == "patrol" ? 1 : 0;
        }
    }
    CHECK(patrol == 10);
    CHECK(std::abs(harm_patrol - harm_control) <= 10);  // pairs differ by 1 harm each
    o.seed = 7;
    const PatrolPlan other = plan_patrols(places, 1e4, 1e8, o);
    CHECK(other.group != pairs.group);  // another seed, another draw
    o.seed = 2018;
    CHECK(plan_patrols(places, 1e4, 1e8, o).group == pairs.group);

    o.experiment = "daily";
    const PatrolPlan daily = plan_patrols(places, 1e4, 1e8, o);
    REQUIRE(daily.places.size() == 20);
    std::map<int, int> per_day;
    std::map<int, int> per_place;
    for (const Visit& v : daily.schedule) {
        ++per_day[v.day];
        ++per_place[v.place];
    }
    CHECK(per_day.size() == 90);
    for (const auto& [day, n] : per_day) {
        CHECK(n == 10);  // exactly the hours' worth every day
    }
    for (const auto& [place, n] : per_place) {
        CHECK(n > 25);  // about half of 90 days each
        CHECK(n < 65);
    }
    o.experiment = "coin";
    CHECK_THROWS_AS(plan_patrols(places, 1e4, 1e8, o), InputError);
}

TEST_CASE("areas as patrol units: ranked by the harm inside them", "[patrol]") {
    const AreaSet& areas = essex();
    const AreaIndex index(areas);
    // Points at the inside point of three LSOAs: 5 harm in the first, 9 in the second
    // (three incidents), 1 in the third; one point off every area is left out.
    std::vector<PatrolPoint> pts;
    std::vector<std::pair<double, double>> at;
    GEOSContextHandle_t h = areas.geos().get();
    for (uint32_t a = 0; a < 3; ++a) {
        GEOSGeometry* p = GEOSPointOnSurface_r(h, areas.geometry(a));
        double x = 0;
        double y = 0;
        GEOSGeomGetX_r(h, p, &x);
        GEOSGeomGetY_r(h, p, &y);
        GEOSGeom_destroy_r(h, p);
        at.emplace_back(x, y);
    }
    pts.push_back({at[0].first, at[0].second, 5});
    pts.push_back({at[1].first, at[1].second, 3});
    pts.push_back({at[1].first, at[1].second, 3});
    pts.push_back({at[1].first, at[1].second, 3});
    pts.push_back({at[2].first, at[2].second, 1});
    pts.push_back({0, 0, 100});
    const auto places = rank_areas(pts, areas, index, h);
    REQUIRE(places.size() == 3);
    CHECK(places[0].area == 1);
    CHECK(places[0].harm == 9);
    CHECK(places[0].incidents == 3);
    CHECK(places[0].id == 1);
    CHECK(places[0].area_m2 == areas.land_area_m2(1));
    CHECK(index.locate(places[0].x, places[0].y) == 1);
    CHECK(places[1].area == 0);
    CHECK(places[2].area == 2);
    // The plan's ground is the areas' land.
    PlanOptions o;
    o.officer_hours = 50 / 60.0;  // two places
    const PatrolPlan p = plan_patrols(places, 109, 1e9, o);
    CHECK(p.area_share == Approx((areas.land_area_m2(1) + areas.land_area_m2(0)) / 1e9));
    CHECK(p.harm_share == Approx(14.0 / 109));
}

TEST_CASE("teams: compact beats, numbered by their best place, controls to none", "[patrol]") {
    // Two clusters of places 10 km apart, ranked so that the east cluster holds place 1.
    std::vector<MicroPlace> places;
    for (int i = 0; i < 8; ++i) {
        MicroPlace m;
        m.id = i + 1;
        m.harm = 100.0 - i;
        m.x = (i % 2 == 0 ? 10000.0 : 0.0) + 300.0 * i;
        m.y = 500.0 * (i % 3);
        m.area_m2 = 1;
        places.push_back(m);
    }
    PlanOptions o;
    o.officer_hours = 8 * 25 / 60.0;
    const PatrolPlan p = plan_patrols(places, 1000, 1e8, o);
    const std::vector<int> team = assign_teams(p, 2, 2018);
    REQUIRE(team.size() == 8);
    for (size_t i = 0; i < 8; ++i) {
        CHECK(team[i] == (i % 2 == 0 ? 1 : 2));
    }
    CHECK(assign_teams(p, 2, 2018) == team);  // the seed reproduces the beats
    CHECK(assign_teams(p, 1, 2018) == std::vector<int>(8, 1));
    const std::vector<int> each = assign_teams(p, 20, 2018);  // more teams than places
    CHECK(std::set<int>(each.begin(), each.end()).size() == 8);
    o.experiment = "pairs";
    const PatrolPlan pairs = plan_patrols(places, 1000, 1e8, o);
    const std::vector<int> paired = assign_teams(pairs, 2, 2018);
    for (size_t i = 0; i < pairs.places.size(); ++i) {
        CHECK((paired[i] == 0) == (pairs.group[i] == "control"));
    }
}

TEST_CASE("clock times", "[patrol]") {
    CHECK(parse_clock("10:00") == 600);
    CHECK(parse_clock("23:59") == 1439);
    CHECK(format_clock(1500) == "01:00");
    CHECK_THROWS_AS(parse_clock("25:00"), InputError);
    CHECK_THROWS_AS(parse_clock("10.30"), InputError);
    CHECK_THROWS_AS(parse_clock("10:30pm"), InputError);
}
