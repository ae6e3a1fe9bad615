// The backtest's measures against hand-computed values, and the backtest itself on a
// made-up history whose answer is known and on the sample.

#include <cmath>

#include <catch2/catch.hpp>

#include "geo/aggregate/area_index.hpp"
#include "geo/crs/crs.hpp"
#include "geo/error.hpp"
#include "geo/hotspots/backtest.hpp"
#include "geo/hotspots/weights.hpp"
#include "geo/io/area_reader.hpp"
#include "support.hpp"

using namespace hotspot;

TEST_CASE("hit rate, PAI, PEI* and RRI by hand", "[evaluate]") {
    const std::vector<double> score{9, 8, 7, 1, 1, 0, 0, 0, 0, 0};
    const std::vector<double> train{4, 2, 2, 1, 1, 0, 0, 0, 0, 0};  // N1 = 10
    const std::vector<double> test{3, 0, 1, 5, 0, 1, 0, 0, 0, 0};   // N2 = 10
    const std::vector<double> harm{30, 0, 10, 5, 0, 5, 0, 0, 0, 0}; // 50
    // Two cells of ten flagged: cells 0 and 1.
    FlagScore f = score_flagged(score, 2, train, test, harm);
    CHECK(f.hit_rate == Approx(0.3));        // 3 of 10
    CHECK(f.pai == Approx(1.5));             // 0.3 / (2 / 10)
    CHECK(f.pei_star == Approx(3.0 / 8.0));  // the best two cells held 5 + 3
    CHECK(f.rri_defined);
    CHECK(f.rri == Approx(0.5));             // (3 / 6) / (10 / 10)
    CHECK(f.harm_hit == Approx(0.6));        // 30 of 50
    // Three cells: 0, 1, 2.
    f = score_flagged(score, 3, train, test, harm);
    CHECK(f.hit_rate == Approx(0.4));
    CHECK(f.pai == Approx(0.4 / 0.3));
    CHECK(f.pei_star == Approx(4.0 / 9.0));
    CHECK(f.rri == Approx(0.5));  // (4 / 8) / 1
    CHECK(f.harm_hit == Approx(0.8));
    // A tie at the cut goes to the lower index: cell 3 (5 test incidents), not cell 4.
    f = score_flagged(score, 4, train, test, harm);
    CHECK(f.hit_rate == Approx(0.9));
    CHECK(f.pei_star == Approx(9.0 / 10.0));
    // Flagging cells that held nothing in training leaves RRI undefined.
    const std::vector<double> none(10, 0.0);
    CHECK_FALSE(score_flagged(score, 2, none, test, harm).rri_defined);
}

TEST_CASE("the backtest finds a place where crime always happens", "[evaluate]") {
    AreaReadOptions ao;
    ao.working_crs = parse_crs("EPSG:27700");
    const AreaSet areas = read_areas(test::data_path("areas/essex-lsoa2011.gpkg"), ao);
    const AreaIndex index(areas);
    const SpatialWeights w = contiguity_weights(areas, Contiguity::queen, 1.0);
    // Every month: 30 incidents at one spot in Southend, 10 scattered over the county.
    const double hx = 588260;
    const double hy = 185720;
    REQUIRE(index.locate(hx, hy) != kNoArea);
    std::vector<EvalPoint> pts;
    const Box& e = areas.extent();
    uint64_t state = 1;
    auto next = [&] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(state >> 11) * 0x1.0p-53;
    };
    const Month first = Month::from(2018, 1);
    for (int m = 0; m < 6; ++m) {
        for (int i = 0; i < 30; ++i) {
            pts.push_back({hx + 10 * next(), hy + 10 * next(), first + m, 2});
        }
        for (int i = 0; i < 10; ++i) {
            pts.push_back({e.min_x + next() * e.width(), e.min_y + next() * e.height(), first + m, 1});
        }
    }
    EvaluateOptions o;
    o.shares = {0.01};
    const auto rows = evaluate_methods(pts, "test", areas, index, w, first, first + 5, o);
    REQUIRE(rows.size() == 8);
    for (const auto& r : rows) {
        INFO(r.method);
        CHECK(r.origins == 3);  // origins Mar, Apr, May; each scored on the month after
        CHECK(r.area_share == 0.01);
        CHECK(r.hit_rate >= 30.0 / 40.0 - 0.08);  // the spot's 30 of about 40 (some scatter is outside)
        CHECK(r.pai > 50);
        CHECK(r.note.empty());
    }
    // Too few events to judge.
    std::vector<EvalPoint> few(pts.begin(), pts.begin() + 5);
    for (int m = 1; m < 6; ++m) {
        few.push_back({hx, hy, first + m, 1});
    }
    const auto sparse = evaluate_methods(few, "rare", areas, index, w, first, first + 5, o);
    CHECK(sparse.front().note.find("too few events to judge") == 0);
    CHECK_THROWS_AS(evaluate_methods(pts, "x", areas, index, w, first, first + 2, o), InputError);
}
