// The Knox test against the Near Repeat Calculator 1.3's own output for 970 Chicago
// burglaries (tests/fixtures/nearrepeat/, reference values in reference/nrc_month1.csv),
// hand-made events whose pair counts are known, and every kind of malformed event file.

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "geo/error.hpp"
#include "geo/io/dated_events.hpp"
#include "geo/io/nearrepeat_zones.hpp"
#include "geo/io/small_csv.hpp"
#include "geo/repeats/knox.hpp"
#include "support.hpp"

using namespace hotspot;

namespace {

KnoxOptions nrc_bands(int permutations) {
    KnoxOptions o;
    o.distance_band = 100;
    o.distance_bands = 3;
    o.time_band = 7;
    o.time_bands = 3;
    o.permutations = permutations;
    o.seed = 20190923;
    return o;
}

DatedEvents month1() { return read_dated_events(test::fixture("nearrepeat/chicago_be_month1.csv")); }

/// Checks that `read` refuses a file holding `content` with an InputError saying `what`.
template <typename Read>
void check_refuses(const std::string& path, const std::string& content, const std::string& what, Read read) {
    test::write_file(path, content);
    INFO(what);
    CHECK_THROWS_AS(read(path), InputError);
    CHECK_THROWS_WITH(read(path), Catch::Contains(what));
}

}  // namespace

TEST_CASE("the month-1 burglaries read as the calculator read them", "[nearrepeat]") {
    const DatedEvents e = month1();
    CHECK_FALSE(e.header);
    CHECK(e.events.size() == 970);  // "Source data records used: 970"
    CHECK(e.rejects.total() == 0);
    CHECK(e.x_column == "column 1");
    CHECK(format_day(e.events.front().day) == "2015-12-31");
}

// The observed counts are exact; the mean expected counts are Monte Carlo estimates, ours
// from R permutations and the calculator's from 19. Their difference has a standard error
// of sqrt(sd^2 / 19 + sd^2 / R), with sd the spread of the simulated counts (the
// calculator's 19 values give it; ours agree). Every cell must lie within 4 standard
// errors: by chance one of the 20 cells strays that far with probability about 0.1 %.
TEST_CASE("Knox counts match the Near Repeat Calculator on its own output", "[nearrepeat]") {
    const DatedEvents e = month1();
    const KnoxResult r = knox_test(e.events, nrc_bands(999));
    REQUIRE(r.cells.size() == 20);
    CHECK(r.events == 970);
    CHECK(r.pairs == 970 * 969 / 2);

    std::vector<std::vector<std::string>> rows;
    std::vector<int64_t> lines;
    read_small_csv(test::fixture("reference/nrc_month1.csv"), rows, lines);
    REQUIRE(rows.size() == 21);
    int64_t total = 0;
    double nrc_var = 0;
    double our_var = 0;
    for (size_t i = 1; i < rows.size(); ++i) {
        const auto& row = rows[i];
        const int d = std::stoi(row[0]) - 1;
        const int t = std::stoi(row[1]) - 1;
        const KnoxCell& c = r.cell(d, t);
        INFO(distance_label(r.options, d) << " m x " << time_label(r.options, t) << " days");
        CHECK(c.observed == std::stoll(row[2]));
        total += c.observed;
        const double nrc_mean = std::stod(row[4]);
        const double nrc_sd = std::stod(row[5]);
        const double se = std::sqrt(nrc_sd * nrc_sd / std::stod(row[3]) + c.sd * c.sd / r.options.permutations);
        CHECK(std::abs(c.expected - nrc_mean) <= 4 * se);
        // A standard deviation from 19 values is itself uncertain by about 17 %, so
        // per cell only a factor of 2 is checked; pooled over the cells, below, 7.5 %.
        CHECK(c.sd < 2 * nrc_sd);
        CHECK(c.sd > nrc_sd / 2);
        nrc_var += nrc_sd * nrc_sd;
        our_var += c.sd * c.sd;
        const double nrc_ratio = std::stod(row[6]);
        CHECK(std::abs(c.ratio - nrc_ratio) <= 4 * se * c.observed / (nrc_mean * nrc_mean) + 1e-3);
        CHECK(c.p == Approx((1.0 + static_cast<double>(c.at_least)) / 1000));
        CHECK(c.sim_min <= c.expected);
        CHECK(c.sim_max >= c.expected);
    }
    CHECK(total == r.pairs);
    CHECK(our_var / nrc_var == Approx(1).margin(0.3));

    // The significant cells: the calculator's, with the resolution 999 permutations give.
    CHECK(r.cell(0, 0).p <= 0.01);
    CHECK(r.cell(1, 0).p <= 0.01);
    CHECK(r.cell(2, 0).p <= 0.01);
    CHECK(r.cell(3, 0).p > 0.05);
    CHECK(r.cell(1, 1).p > 0.9);
}

TEST_CASE("the calculator's words for the month-1 burglaries", "[nearrepeat]") {
    const KnoxResult r = knox_test(month1().events, nrc_bands(999));
    const KnoxFinding f = describe_knox(r);
    CHECK(f.near_repeat);
    CHECK(f.repeat);
    // NRC: "Across the study period, the immediate 1 to 100 metres ... over-represented
    // for up to 7 days; about 69 percent greater" (its ratio 1.685).
    REQUIRE(f.lines.size() >= 3);
    CHECK(f.lines[0] == "within 1 to 100 metres of an incident, near repeats are over-represented for up to 7 days");
    CHECK(f.lines[1] == "within 101 to 200 metres of an incident, near repeats are over-represented for up to 7 days");
    CHECK(f.lines[2].starts_with("the most over-represented significant zone is 1 to 100 metres and from 0 to 7 "
                                 "days: the chance of another incident is about "));
    CHECK(f.lines.back().starts_with("repeats at the same place are over-represented for up to 7 days"));
    CHECK(f.zone_metres == 200);
    CHECK(f.zone_days == 7);
}

TEST_CASE("Knox results do not depend on the thread count", "[nearrepeat]") {
    const auto events = month1().events;
    KnoxOptions one = nrc_bands(200);
    one.threads = 1;
    KnoxOptions two = one;
    two.threads = 2;
    const KnoxResult a = knox_test(events, one);
    const KnoxResult b = knox_test(events, two);
    for (size_t i = 0; i < a.cells.size(); ++i) {
        CHECK(a.cells[i].expected == b.cells[i].expected);
        CHECK(a.cells[i].at_least == b.cells[i].at_least);
        CHECK(a.cells[i].sim_min == b.cells[i].sim_min);
    }
    KnoxOptions other = one;
    other.seed = 2;
    const KnoxResult c = knox_test(events, other);
    bool differs = false;
    for (size_t i = 0; i < a.cells.size(); ++i) {
        differs = differs || a.cells[i].expected != c.cells[i].expected;
        CHECK(a.cells[i].observed == c.cells[i].observed);
    }
    CHECK(differs);
}

TEST_CASE("Knox bands and labels follow the calculator", "[nearrepeat]") {
    const KnoxOptions o = nrc_bands(9);
    CHECK(distance_label(o, 0) == "same");
    CHECK(distance_label(o, 1) == "1-100");
    CHECK(distance_label(o, 2) == "101-200");
    CHECK(distance_label(o, 3) == "201-300");
    CHECK(distance_label(o, 4) == ">300");
    CHECK(time_label(o, 0) == "0-7");
    CHECK(time_label(o, 1) == "8-14");
    CHECK(time_label(o, 2) == "15-21");
    CHECK(time_label(o, 3) == ">21");
    KnoxOptions fine = o;
    fine.distance_band = 12.5;
    CHECK(distance_label(fine, 2) == "13.5-25");
    CHECK(distance_hi(o, 4) < 0);
    CHECK(time_hi(o, 3) < 0);

    // Hand-made pairs on the edges: a pair 0.5 m apart is the same place, 1 m is in the
    // first band, 100 m in the second; gaps of 6 days in the first time band, 7 in the second.
    const std::vector<DatedEvent> events = {
        {0, 0, 100},    {0.5, 0, 106},             // same, gap 6
        {1000, 0, 100}, {1001, 0, 107},            // 1 m, gap 7
        {2000, 0, 100}, {2060, 40, 100},           // manhattan 100 m (euclidean 72 m), gap 0
        {5000, 0, 300},                            // far from everything
    };
    KnoxOptions hand = o;
    hand.permutations = 19;
    const KnoxResult r = knox_test(events, hand);
    CHECK(r.cell(0, 0).observed == 1);
    CHECK(r.cell(1, 1).observed == 1);
    CHECK(r.cell(2, 0).observed == 1);
    CHECK(r.close_pairs == 3);
    int64_t total = 0;
    for (const auto& c : r.cells) {
        total += c.observed;
    }
    CHECK(total == 21);
    hand.metric = DistanceMetric::euclidean;
    const KnoxResult eu = knox_test(events, hand);
    CHECK(eu.cell(1, 0).observed == 1);
    CHECK(eu.cell(2, 0).observed == 0);
}

TEST_CASE("Knox refuses options and inputs it cannot test", "[nearrepeat]") {
    const std::vector<DatedEvent> two = {{0, 0, 1}, {10, 0, 3}};
    auto refuses = [&](KnoxOptions o, const std::string& what) {
        INFO(what);
        CHECK_THROWS_WITH(knox_test(two, o), Catch::Contains(what));
    };
    KnoxOptions o;
    o.permutations = 9;
    auto bad = o;
    bad.distance_band = 0;
    refuses(bad, "--distance-band");
    bad = o;
    bad.distance_band = std::nan("");
    refuses(bad, "--distance-band");
    bad = o;
    bad.distance_bands = 0;
    refuses(bad, "--distance-bands");
    bad = o;
    bad.time_band = 0;
    refuses(bad, "--time-band");
    bad = o;
    bad.time_bands = 101;
    refuses(bad, "--time-bands");
    bad = o;
    bad.permutations = 0;
    refuses(bad, "--permutations");
    CHECK_THROWS_WITH(knox_test({{0, 0, 1}}, o), Catch::Contains("at least two events"));

    // Every event at one point: n^2 / 2 close pairs, refused before memory runs out.
    std::vector<DatedEvent> heap(2000, DatedEvent{5, 5, 10});
    o.max_close_pairs = 100'000;
    CHECK_THROWS_WITH(knox_test(heap, o), Catch::Contains("pairs of events lie within 300 m"));

    // Too few permutations for significance: said in words.
    o.max_close_pairs = 1000;
    o.permutations = 9;
    const KnoxFinding f = describe_knox(knox_test(two, o));
    CHECK_FALSE(f.lines.empty());
    CHECK(f.lines[0].find("nothing can be significant") != std::string::npos);
}

TEST_CASE("dated events: a header, named columns, and every kind of bad row", "[nearrepeat][input]") {
    test::TempDir dir;
    const std::string path = dir.path("events.csv");
    test::write_file(path,
                     "id,easting,northing,date_single\n"
                     "1,350000,578000,03/01/2016\n"   // DD/MM/YYYY: 3 January
                     "2,350100,578000,2016-01-04\n"
                     "3,,578000,2016-01-04\n"         // no x
                     "4,abc,578000,2016-01-04\n"      // not a number
                     "5,inf,578000,2016-01-04\n"      // not finite
                     "6,3e9,578000,2016-01-04\n"      // not metres on the Earth
                     "7,350000,578000,2016-13-40\n"   // not a date
                     "8,350000,578000\n"              // too few fields
                     "9,350200,578100,2016-01-05T22:10:00\n");
    const DatedEvents e = read_dated_events(path);
    CHECK(e.header);
    CHECK(e.x_column == "easting");
    CHECK(e.date_column == "date_single");
    CHECK(e.rows == 9);
    REQUIRE(e.events.size() == 3);
    CHECK(format_day(e.events[0].day) == "2016-01-03");
    CHECK(format_day(e.events[2].day) == "2016-01-05");
    CHECK(e.rejects.total() == 6);
    CHECK(e.rejects.count(RejectReason::no_location) == 1);
    CHECK(e.rejects.count(RejectReason::bad_number) == 2);
    CHECK(e.rejects.count(RejectReason::coordinate_out_of_range) == 1);
    CHECK(e.rejects.count(RejectReason::bad_date) == 1);
    CHECK(e.rejects.count(RejectReason::wrong_column_count) == 1);

    DatedEventOptions us;
    us.order = DateOrder::month_day_year;
    CHECK(format_day(read_dated_events(path, us).events[0].day) == "2016-03-01");

    DatedEventOptions named;
    named.x_column = "northing";
    named.y_column = "easting";
    named.date_column = "date_single";
    CHECK(read_dated_events(path, named).events[0].x == 578000);
    named.date_column = "when";
    CHECK_THROWS_WITH(read_dated_events(path, named), Catch::Contains("no column \"when\""));
}

TEST_CASE("dated events refuse files they cannot use", "[nearrepeat][input]") {
    test::TempDir dir;
    auto refuses = [&](const std::string& content, const std::string& what) {
        check_refuses(dir.path("bad.csv"), content, what, [](const std::string& p) { return read_dated_events(p); });
    };
    refuses("", "empty");
    refuses("a,b,c\n1,2,3\n", "the events need columns x");
    refuses("1,2\n3,4\n", "the events need columns x");
    static constexpr char kNul[] = "x,y,date\n1,2,2016-01-0\0" "1\n";  // a NUL inside a field
    refuses(std::string(kNul, sizeof kNul - 1), "0x00");
    refuses("x,y,date\n1,2,\xff\xfe\n", "UTF-8");
    refuses("x,y,date\n1,2,\"2016-01-01\n", "quoted");
    std::string monthly = "x,y,date\n";
    for (int i = 0; i < 30; ++i) {
        monthly += std::to_string(1000 + i) + ",2000,2016-" + (i % 12 < 9 ? "0" : "") + std::to_string(i % 12 + 1) +
                   "-01\n";
    }
    refuses(monthly, "monthly data");
    CHECK_THROWS_WITH(read_dated_events(dir.path("missing.csv")), Catch::Contains("missing.csv"));

    DatedEventOptions few;
    few.max_events = 3;
    const std::string path = dir.path("many.csv");
    test::write_file(path, "x,y,date\n1,1,2016-01-02\n2,2,2016-01-03\n3,3,2016-01-04\n4,4,2016-01-05\n");
    CHECK_THROWS_WITH(read_dated_events(path, few), Catch::Contains("more than 3 events"));
}

TEST_CASE("near-repeat zones read back for the map, with every kind of bad row", "[nearrepeat][input]") {
    const NearRepeatZones chicago = read_nearrepeat_zones(test::fixture("nearrepeat/chicago_be_month1.zones.csv"));
    REQUIRE(chicago.zones.size() == 234);
    CHECK(chicago.rejects.total() == 0);
    REQUIRE(chicago.today);
    CHECK(format_day(*chicago.today) == "2016-01-31");
    CHECK(chicago.zones[0].event_line == 942);
    CHECK(chicago.zones[0].radius_m == 200);
    CHECK(chicago.zones[0].days_left == 6);
    CHECK(chicago.zones[0].longitude == Approx(-87.6657).margin(1e-4));
    CHECK(chicago.zones[0].latitude == Approx(41.9229).margin(1e-4));

    test::TempDir dir;
    const std::string path = dir.path("zones.csv");
    test::write_file(path,
                     "line,x,y,date,radius_m,until,days_left,longitude,latitude\n"
                     "1,0,0,2016-01-31,200,2016-02-06,6,-87.6,41.9\n"
                     "2,0,0,2016-01-30,200,2016-02-05,5,-87.6,41.9\n"
                     "3,0,0,2016-01-31,200,2016-02-06,6,x,41.9\n"         // not a number
                     "4,0,0,2016-01-31,200,2016-02-06,6,-187.6,41.9\n"    // off the globe
                     "5,0,0,2016-01-31,0,2016-02-06,6,-87.6,41.9\n"       // no radius
                     "6,0,0,2016-01-31,200,2016-01-30,6,-87.6,41.9\n"     // until before its day
                     "7,0,0,31/01/2016,200,2016-02-06,6,-87.6,41.9\n"     // not YYYY-MM-DD
                     "8,0,0,2016-01-31,200,2016-02-06,1.5,-87.6,41.9\n"   // part of a day
                     "9,0,0,2016-01-31,200,2016-02-06,3,-87.6,41.9\n"     // another day's zone
                     "10,0,0,2016-01-31,200,2016-02-06,6,-87.6\n");       // too few fields
    const NearRepeatZones z = read_nearrepeat_zones(path);
    CHECK(z.rows == 10);
    CHECK(z.zones.size() == 2);
    CHECK(z.rejects.total() == 8);
    CHECK(z.rejects.count(RejectReason::bad_number) == 2);
    CHECK(z.rejects.count(RejectReason::coordinate_out_of_range) == 1);
    CHECK(z.rejects.count(RejectReason::out_of_range) == 2);
    CHECK(z.rejects.count(RejectReason::bad_date) == 2);
    CHECK(z.rejects.count(RejectReason::wrong_column_count) == 1);
    CHECK(z.rejects.items()[0].line == 4);

    auto refuses = [&](const std::string& content, const std::string& what) {
        check_refuses(path, content, what, [](const std::string& p) { return read_nearrepeat_zones(p); });
    };
    refuses("", "empty");
    refuses("line,x,y,date,radius_m,until,days_left\n1,0,0,2016-01-31,200,2016-02-06,6\n", "--crs");
    refuses("longitude,latitude\n-87.6,41.9\n", "no radius_m column");
    std::string many = "longitude,latitude,radius_m,date,until,days_left\n";
    for (size_t i = 0; i <= NearRepeatZones::kMaxZones; ++i) {
        many += "-87.6,41.9,200,2016-01-31,2016-02-06,6\n";
    }
    refuses(many, "more than the 20000");
    CHECK_THROWS_WITH(read_nearrepeat_zones(dir.path("missing.csv")), Catch::Contains("missing.csv"));
    const NearRepeatZones none = [&] {
        test::write_file(path, "longitude,latitude,radius_m,date,until,days_left\n");
        return read_nearrepeat_zones(path);
    }();
    CHECK(none.zones.empty());
    CHECK_FALSE(none.today);
}
