#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "geo/aggregate/area_index.hpp"
#include "geo/areas.hpp"
#include "geo/crs/crs.hpp"

using namespace hotspot;

namespace {

/// Adds an area from WKT in the set's GEOS context.
void add_wkt(AreaSet& set, const std::string& code, const std::string& wkt) {
    GEOSContextHandle_t h = set.geos().get();
    GEOSWKTReader* reader = GEOSWKTReader_create_r(h);
    GEOSGeometry* g = GEOSWKTReader_read_r(h, reader, wkt.c_str());
    GEOSWKTReader_destroy_r(h, reader);
    REQUIRE(g != nullptr);
    set.add(code, code, detail::GeosGeometry(g, detail::GeosDeleter{h}));
}

AreaSet hand_made() {
    AreaSet s;
    s.set_crs(parse_crs("EPSG:27700"));
    // Two squares sharing the edge x = 10, the left one with a hole.
    add_wkt(s, "LEFT", "POLYGON((0 0,10 0,10 10,0 10,0 0),(4 4,6 4,6 6,4 6,4 4))");
    add_wkt(s, "RIGHT", "POLYGON((10 0,20 0,20 10,10 10,10 0))");
    // A square in the hole, and a two-part area.
    add_wkt(s, "ISLAND", "POLYGON((4.5 4.5,5.5 4.5,5.5 5.5,4.5 5.5,4.5 4.5))");
    add_wkt(s, "PAIR", "MULTIPOLYGON(((0 20,5 20,5 25,0 25,0 20)),((10 20,15 20,15 25,10 25,10 20)))");
    return s;
}

std::string at(const AreaSet& s, const AreaIndex& i, double x, double y) {
    const uint32_t a = i.locate(x, y);
    return a == kNoArea ? "-" : s.code(a);
}

}  // namespace

TEST_CASE("points go to the polygon that contains them", "[assign]") {
    const AreaSet s = hand_made();
    for (const size_t cells : {size_t{0}, size_t{1}, size_t{16}, size_t{10000}}) {
        INFO(cells << " cells");
        const AreaIndex index(s, cells);
        CHECK(at(s, index, 1, 1) == "LEFT");
        CHECK(at(s, index, 15, 5) == "RIGHT");
        CHECK(at(s, index, 4.2, 4.2) == "-");  // in the hole, outside the island
        CHECK(at(s, index, 5, 5) == "ISLAND");
        CHECK(at(s, index, 2, 22) == "PAIR");
        CHECK(at(s, index, 12, 22) == "PAIR");
        CHECK(at(s, index, 7, 22) == "-");  // between the two parts
        CHECK(at(s, index, -1, 5) == "-");
        CHECK(at(s, index, 25, 5) == "-");
        CHECK(at(s, index, 5, 100) == "-");
    }
}

TEST_CASE("points on a shared boundary belong to exactly one area", "[assign]") {
    const AreaSet s = hand_made();
    const AreaIndex index(s);
    // On the shared edge x = 10: the area to the east.
    CHECK(at(s, index, 10, 5) == "RIGHT");
    CHECK(at(s, index, 10, 0.5) == "RIGHT");
    // Shared vertices and every point on the edge: one owner each, whatever the count.
    for (double y = 0; y <= 10; y += 0.25) {
        int owners = 0;
        for (uint32_t a = 0; a < s.size(); ++a) {
            owners += index.contains(a, 10, y) ? 1 : 0;
        }
        INFO("y = " << y);
        CHECK(owners <= 1);
        if (y > 0 && y < 10) {
            CHECK(owners == 1);
        }
    }
    // A hole's edges follow the same rule: a point on one belongs to whatever lies east.
    CHECK_FALSE(index.contains(0, 4, 5));  // west edge of the hole: the hole is east
    CHECK(index.contains(0, 6, 5));        // east edge of the hole: LEFT is east
}

TEST_CASE("the index agrees with GEOS on random points", "[assign]") {
    const AreaSet s = hand_made();
    const AreaIndex index(s, 64);
    GEOSContextHandle_t h = s.geos().get();
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> ux(-2, 22);
    std::uniform_real_distribution<double> uy(-2, 27);
    int checked = 0;
    for (int i = 0; i < 20000; ++i) {
        const double x = ux(rng);
        const double y = uy(rng);
        GEOSGeometry* p = GEOSGeom_createPointFromXY_r(h, x, y);
        uint32_t expected = kNoArea;
        for (uint32_t a = 0; a < s.size() && expected == kNoArea; ++a) {
            if (GEOSContains_r(h, s.geometry(a), p) == 1) {
                expected = a;
            }
        }
        const bool on_boundary = [&] {
            for (uint32_t a = 0; a < s.size(); ++a) {
                double d = 0;
                GEOSGeometry* b = GEOSBoundary_r(h, s.geometry(a));
                GEOSDistance_r(h, b, p, &d);
                GEOSGeom_destroy_r(h, b);
                if (d < 1e-9) {
                    return true;
                }
            }
            return false;
        }();
        GEOSGeom_destroy_r(h, p);
        if (on_boundary) {
            continue;
        }
        // The island lies in LEFT's hole, so GEOS and the index agree on it too.
        CHECK(index.locate(x, y) == expected);
        ++checked;
    }
    CHECK(checked > 19000);
}

TEST_CASE("overlapping areas: the first in order wins, everywhere", "[assign]") {
    AreaSet s;
    s.set_crs(parse_crs("EPSG:27700"));
    add_wkt(s, "A", "POLYGON((0 0,10 0,10 10,0 10,0 0))");
    add_wkt(s, "B", "POLYGON((5 0,15 0,15 10,5 10,5 0))");
    const AreaIndex index(s);
    CHECK(at(s, index, 7, 5) == "A");
    CHECK(at(s, index, 12, 5) == "B");
}

TEST_CASE("snapping gives outside points to the nearest area within the distance", "[assign]") {
    const AreaSet s = hand_made();
    const AreaIndex index(s);
    CHECK(index.nearest(21, 5, 2) == *s.find("RIGHT"));
    CHECK(index.nearest(21, 5, 0.5) == kNoArea);
    CHECK(index.nearest(7, 22, 3) == *s.find("PAIR"));
    CHECK(index.nearest(-50, -50, 3) == kNoArea);
}
