#include <array>
#include <cmath>
#include <filesystem>
#include <string>
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "geo/aggregate/area_frame.hpp"
#include "geo/aggregate/counts.hpp"
#include "geo/aggregate/disclosure.hpp"
#include "geo/aggregate/point_collector.hpp"
#include "geo/aggregate/query_space.hpp"
#include "geo/crs/crs.hpp"
#include "geo/error.hpp"
#include "geo/hotspots/protected_grid.hpp"
#include "geo/stats/random.hpp"
#include "support.hpp"

using namespace hotspot;
using namespace hotspot::disclosure;

TEST_CASE("SipHash-2-4 gives the reference vector of its paper", "[disclosure]") {
    // Key 00 01 .. 0f, message 00 01 .. 0e: 0xa129ca6149be45e5 (the paper's appendix A).
    const Secret key{0x0706050403020100ULL, 0x0f0e0d0c0b0a0908ULL};
    std::string message;
    for (char c = 0; c < 15; ++c) {
        message.push_back(c);
    }
    CHECK(siphash(key, message) == 0xa129ca6149be45e5ULL);
    // The empty message: bytes 31 0e 0e dd 47 db 6f 72 in the reference vectors.
    CHECK(siphash(key, "") == 0x726fdb47dd0e0e31ULL);
}

TEST_CASE("the perturbation table: 0 stays 0, others move by at most 2 and stay above 0", "[disclosure]") {
    CHECK(protect(0, 12345) == 0);
    std::array<int, 5> seen{};
    stats::SplitMix64 rng(7);
    constexpr int kDraws = 200000;
    double moved = 0;
    for (int i = 0; i < kDraws; ++i) {
        const auto key = static_cast<uint32_t>(rng.next());
        const int d = noise(10, key);
        REQUIRE(d >= -2);
        REQUIRE(d <= 2);
        ++seen[static_cast<size_t>(d + 2)];
        moved += std::abs(protect(10, key) - 10);
        CHECK(protect(1, key) >= 1);
        CHECK(protect(1, key) == protect(1, key));  // a function of the cell, nothing else
    }
    for (size_t i = 0; i < seen.size(); ++i) {
        CHECK(static_cast<double>(seen[i]) / kDraws == Approx(kPerturbation[i]).margin(0.005));
    }
    CHECK(moved / kDraws == Approx(0.8).margin(0.01));
}

TEST_CASE("a secret is made once, kept owner-only, and read back the same", "[disclosure]") {
    test::TempDir dir;
    const std::string path = dir.path("secret");
    const Secret made = Secret::load_or_create(path);
    CHECK(Secret::load_or_create(path).to_hex() == made.to_hex());
    CHECK(Secret::from_hex(made.to_hex()).k1 == made.k1);
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(Secret::generate().to_hex() != made.to_hex());
    test::write_file(dir.path("bad"), "not a secret\n");
    CHECK_THROWS_WITH(Secret::load_or_create(dir.path("bad")), Catch::Contains("bad: a secret is 32 hexadecimal"));
    CHECK_THROWS_AS(Secret::load_or_create(dir.path("no/such/dir/secret")), InputError);
}

TEST_CASE("record keys add up per cell, through threads and roll-ups", "[disclosure]") {
    AreaSet areas;  // two squares of 100 m side by side
    areas.set_crs(parse_crs("EPSG:27700"));
    test::add_square(areas, "A", 0, 100);
    test::add_square(areas, "B", 100, 100);
    const AreaIndex index(areas);
    const Secret secret{1, 2};
    IncidentTable t;
    const uint16_t burglary = t.category_id("Burglary");
    const uint16_t theft = t.category_id("Theft");
    const std::array<std::array<double, 2>, 4> points{{{10, 10}, {20, 30}, {150, 50}, {160, 60}}};
    for (const auto& p : points) {
        for (const uint16_t c : {burglary, theft}) {
            t.x.push_back(p[0]);
            t.y.push_back(p[1]);
            t.month.push_back(Month{24000});
            t.category.push_back(c);
            t.reported_area.push_back(kNoId);
        }
    }
    CountsAccumulator keyed(areas, index, 2);
    keyed.set_record_keys(secret);
    keyed.consume(t, 0);
    const CountsCube cube = keyed.finish();
    REQUIRE(cube.has_keys());
    const uint64_t hb = category_hash(secret, "Burglary");
    const uint32_t expected = record_key(secret, hb, 24000, 10, 10) + record_key(secret, hb, 24000, 20, 30);
    const size_t b = *cube.categories().find("Burglary");
    CHECK(cube.at(0, b, Month{24000}) == 2);
    CHECK(cube.key_at(0, b, Month{24000}) == expected);
    // Split over two slots, the sums are the same.
    CountsAccumulator split(areas, index, 2);
    split.set_record_keys(secret);
    IncidentTable first = t;
    IncidentTable second = t;
    first.x.resize(3), first.y.resize(3), first.month.resize(3), first.category.resize(3), first.reported_area.resize(3);
    second.x.erase(second.x.begin(), second.x.begin() + 3);
    second.y.erase(second.y.begin(), second.y.begin() + 3);
    second.month.erase(second.month.begin(), second.month.begin() + 3);
    second.category.erase(second.category.begin(), second.category.begin() + 3);
    second.reported_area.erase(second.reported_area.begin(), second.reported_area.begin() + 3);
    split.consume(first, 0);
    split.consume(second, 1);
    const CountsCube split_cube = split.finish();
    for (size_t a = 0; a < 2; ++a) {
        for (size_t c = 0; c < 2; ++c) {
            CHECK(split_cube.key_at(a, c, Month{24000}) == cube.key_at(a, c, Month{24000}));
        }
    }
    // One group of both areas: its key is the sum of theirs.
    const CountsCube whole = regroup(cube, {0, 0}, 1);
    REQUIRE(whole.has_keys());
    CHECK(whole.key_at(0, b, Month{24000}) ==
          static_cast<uint32_t>(cube.key_at(0, b, Month{24000}) + cube.key_at(1, b, Month{24000})));
    // Another secret, other keys; no secret, no keys.
    CountsAccumulator other(areas, index, 1);
    other.set_record_keys(Secret{3, 4});
    other.consume(t, 0);
    CHECK(other.finish().key_at(0, b, Month{24000}) != expected);
    CountsAccumulator plain(areas, index, 1);
    plain.consume(t, 0);
    CHECK_FALSE(plain.finish().has_keys());
}

TEST_CASE("the public density grid: protected counts per 250 m square, never a point", "[disclosure][kde]") {
    const Secret secret{5, 6};
    IncidentTable t;
    const uint16_t burglary = t.category_id("Burglary");
    const uint16_t theft = t.category_id("Theft");
    auto add = [&](double x, double y, uint16_t c) {
        t.x.push_back(x);
        t.y.push_back(y);
        t.month.push_back(Month{24000});
        t.category.push_back(c);
        t.reported_area.push_back(kNoId);
    };
    // Ten incidents in the square from (500, 0) to (750, 250): 6 burglaries, 4 thefts.
    for (int i = 0; i < 10; ++i) {
        add(510 + 20 * i, 30 + 7 * i, i < 6 ? burglary : theft);
    }
    // 2,000 lone incidents, each in a square of its own (one west of the origin).
    for (int i = 0; i < 2000; ++i) {
        add(-10.0 - 1000.0 * (i % 40), 5000.0 + 1000.0 * (i / 40), burglary);
    }
    PointCollector points(1);
    points.consume(t, 0);
    ResolvedFilter all{{true, true}, Month{24000}, Month{24000}};

    const ProtectedGrid grid = protected_grid(points, all, secret, nullptr, 3);
    CHECK(grid.cells == 2001);
    // Every point sits on the fixed 50 m lattice of sub-squares, whatever the incidents.
    for (size_t i = 0; i < grid.points.x.size(); ++i) {
        REQUIRE(std::fmod(std::fabs(grid.points.x[i]), 50.0) == Approx(25));
        REQUIRE(std::fmod(std::fabs(grid.points.y[i]), 50.0) == Approx(25));
    }
    // The square of ten weighs its protected count: one published cell of 10 records.
    const uint64_t hb = category_hash(secret, "Burglary");
    const uint64_t ht = category_hash(secret, "Theft");
    uint32_t key = 0;
    uint32_t key_burglary = 0;
    uint32_t key_theft = 0;
    for (int i = 0; i < 10; ++i) {
        const uint32_t k = record_key(secret, i < 6 ? hb : ht, 24000, 510 + 20 * i, 30 + 7 * i);
        key += k;
        (i < 6 ? key_burglary : key_theft) += k;
    }
    double in_square = 0;
    size_t lone_kept = 0;
    for (size_t i = 0; i < grid.points.x.size(); ++i) {
        if (grid.points.x[i] > 500 && grid.points.x[i] < 750 && grid.points.y[i] > 0 && grid.points.y[i] < 250) {
            in_square += grid.points.weight[i];
        } else if (grid.points.x[i] < 0) {
            REQUIRE(grid.points.weight[i] == Approx(3.0 / 25));  // a lone incident shown is a 3
            ++lone_kept;
        }
    }
    CHECK(in_square == Approx(static_cast<double>(protect(10, key))));
    // A lone incident shows only when its noise lifts it to 3 (+2: 10 % of the table).
    CHECK(grid.kept == 1 + lone_kept / 25);
    const double shown = static_cast<double>(lone_kept / 25) / 2000.0;
    CHECK(shown > 0.07);
    CHECK(shown < 0.13);
    // Harm: the weighted sum of the square's protected counts per category, as for areas.
    const std::vector<double> weights{10.0, 1.0};
    const ProtectedGrid harm = protected_grid(points, all, secret, &weights, 3);
    double harm_in_square = 0;
    for (size_t i = 0; i < harm.points.x.size(); ++i) {
        if (harm.points.x[i] > 500) {
            harm_in_square += harm.points.weight[i];
        }
    }
    CHECK(harm_in_square == Approx(10.0 * static_cast<double>(protect(6, key_burglary)) +
                                   static_cast<double>(protect(4, key_theft))));
    // Thefts alone: four in the square, one published cell of their own.
    const ResolvedFilter thefts{{false, true}, Month{24000}, Month{24000}};
    const ProtectedGrid only = protected_grid(points, thefts, secret, nullptr, 3);
    CHECK(only.cells == 1);
    CHECK(only.weight == Approx(static_cast<double>(protect(4, key_theft))));
}

TEST_CASE("query space: the public periods and category sets", "[disclosure]") {
    // Data from March 2016 to July 2018, with a two-category preset.
    const QuerySpace space(Month::from(2016, 3), Month::from(2018, 7), {{"Burglary", "Robbery"}});
    auto allows = [&](int y0, int m0, int y1, int m1) {
        return space.allows_months(Month::from(y0, m0), Month::from(y1, m1));
    };
    CHECK(allows(2017, 5, 2017, 5));    // a month
    CHECK(allows(2016, 4, 2016, 6));    // a quarter
    CHECK(allows(2016, 1, 2016, 3));    // a quarter clipped to the data: March alone
    CHECK(allows(2016, 3, 2016, 12));   // a year clipped to the data
    CHECK(allows(2016, 1, 2016, 12));   // the same, asked unclipped
    CHECK(allows(2017, 1, 2017, 12));
    CHECK(allows(2016, 3, 2018, 7));    // all months
    CHECK(allows(2018, 5, 2018, 7));    // the latest 3
    CHECK(allows(2018, 2, 2018, 4));    // the 3 before them
    CHECK(allows(2017, 8, 2018, 7));    // the latest 12
    CHECK(allows(2016, 8, 2017, 7));    // the 12 before them
    CHECK_FALSE(allows(2018, 1, 2018, 6));
    CHECK_FALSE(allows(2017, 2, 2017, 4));  // three months, not a quarter
    CHECK_FALSE(allows(2017, 1, 2018, 7));
    CHECK_THROWS_AS(space.check_months(Month::from(2018, 1), Month::from(2018, 6), "from/to"), QueryRefused);
    bool listed = false;
    for (const PublicPeriod& p : space.periods()) {
        CHECK(space.allows_months(p.from, p.to));  // every period offered is allowed
        listed = listed || (p.kind == "quarter" && p.from == Month::from(2016, 4));
    }
    CHECK(listed);

    Dictionary cats;
    for (const char* c : {"Burglary", "Robbery", "Drugs", "Shoplifting"}) {
        cats.intern(c);
    }
    CHECK(space.allows_categories({true, true, true, true}, cats));     // all
    CHECK(space.allows_categories({false, false, true, false}, cats));  // one
    CHECK(space.allows_categories({true, true, false, false}, cats));   // the preset
    CHECK_FALSE(space.allows_categories({true, false, true, false}, cats));
    CHECK_FALSE(space.allows_categories({true, true, true, false}, cats));
}
