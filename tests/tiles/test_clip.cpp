// Rings clipped to a rectangle: hand-made cases with known answers, then every ring of
// the Essex wards against GEOS's polygon intersection, an independent implementation.

#include <cmath>
#include <cstdlib>

#include <catch2/catch.hpp>
#include <geos_c.h>

#include "geo/crs/crs.hpp"
#include "geo/io/area_reader.hpp"
#include "support.hpp"
#include "tiles/clip.hpp"

using namespace hotspot;
using namespace hotspot::tiles;

namespace {

double area_of(const TileRing& r) { return std::abs(static_cast<double>(ring_area2(r))) / 2; }

}  // namespace

TEST_CASE("a ring is clipped to the rectangle", "[clip]") {
    const ClipRect rect{0, 0, 100, 100};
    SECTION("wholly inside: unchanged") {
        const TileRing r = clip_ring({{10, 10}, {90, 10}, {90, 90}}, rect);
        CHECK(r == TileRing{{10, 10}, {90, 10}, {90, 90}});
    }
    SECTION("wholly outside, or only touching an edge: empty") {
        CHECK(clip_ring({{200, 10}, {300, 10}, {300, 90}}, rect).empty());
        CHECK(area_of(clip_ring({{100, 10}, {300, 10}, {300, 90}, {100, 90}}, rect)) == 0);
    }
    SECTION("half across an edge") {
        const TileRing r = clip_ring({{50, 20}, {150, 20}, {150, 60}, {50, 60}}, rect);
        CHECK(area_of(r) == 50 * 40);
        for (const TilePoint& p : r) {
            CHECK(p.x <= 100);
        }
    }
    SECTION("around the whole rectangle: the rectangle") {
        const TileRing r = clip_ring({{-50, -50}, {150, -50}, {150, 150}, {-50, 150}}, rect);
        CHECK(area_of(r) == 100 * 100);
        CHECK(r.size() == 4);
    }
    SECTION("a U whose arms leave the rectangle keeps both arms' area") {
        // Arms 20 wide rise from y 80 to y 160; the rectangle's top edge (y 100) cuts both.
        const std::vector<WidePoint> u{{10, 160}, {10, 20}, {90, 20}, {90, 160}, {70, 160}, {70, 80},
                         {30, 80}, {30, 160}};
        const TileRing r = clip_ring(u, rect);
        CHECK(area_of(r) == 80 * 60 + 2 * 20 * 20);
    }
    SECTION("a diagonal edge crosses at the rounded point") {
        const TileRing r = clip_ring({{-10, 0}, {10, 0}, {10, 20}}, rect);  // crosses x=0 at y=10
        CHECK(area_of(r) == Approx(10 * 20 - 10 * 10 / 2.0));
    }
    SECTION("fewer than three points: empty") {
        CHECK(clip_ring({{1, 1}, {2, 2}}, rect).empty());
    }
}

TEST_CASE("clipped areas agree with GEOS on every Essex ward ring", "[clip]") {
    AreaReadOptions o;
    o.working_crs = parse_crs("EPSG:27700");
    const AreaSet wards = read_areas(test::data_path("areas/essex-wards2013.gpkg"), o);
    GEOSContextHandle_t h = GEOS_init_r();
    auto polygon = [&](const std::vector<WidePoint>& ring) {
        GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, static_cast<unsigned>(ring.size() + 1), 2);
        for (size_t i = 0; i <= ring.size(); ++i) {
            const WidePoint& p = ring[i % ring.size()];
            GEOSCoordSeq_setXY_r(h, seq, static_cast<unsigned>(i), static_cast<double>(p.x),
                                 static_cast<double>(p.y));
        }
        return GEOSGeom_createPolygon_r(h, GEOSGeom_createLinearRing_r(h, seq), nullptr, 0);
    };
    int compared = 0;
    int cut = 0;
    for (size_t i = 0; i < wards.size(); ++i) {
        const Box& b = wards.box(i);
        for (const Ring& ring : wards.rings(i)) {
            std::vector<WidePoint> pts;  // decimetres
            for (size_t k = 0; k + 1 < ring.points(); ++k) {
                pts.push_back({std::llround(ring.xy[2 * k] * 10), std::llround(ring.xy[2 * k + 1] * 10)});
            }
            GEOSGeometry* g = polygon(pts);
            if (GEOSisValid_r(h, g) != 1) {  // rounding may fold a ring; nothing to compare
                GEOSGeom_destroy_r(h, g);
                continue;
            }
            // Two windows per ring: its middle, and one straddling its south-west corner.
            const double w = (b.max_x - b.min_x) * 10;
            const double ht = (b.max_y - b.min_y) * 10;
            const double x0 = b.min_x * 10;
            const double y0 = b.min_y * 10;
            const ClipRect windows[] = {
                {std::llround(x0 + w / 4), std::llround(y0 + ht / 4), std::llround(x0 + 3 * w / 4),
                 std::llround(y0 + 3 * ht / 4)},
                {std::llround(x0 - w / 3), std::llround(y0 - ht / 3), std::llround(x0 + w / 3),
                 std::llround(y0 + ht / 3)}};
            for (const ClipRect& rect : windows) {
                const TileRing r = clip_ring(pts, rect);
                GEOSGeometry* box = GEOSGeom_createRectangle_r(
                    h, static_cast<double>(rect.min_x), static_cast<double>(rect.min_y),
                    static_cast<double>(rect.max_x), static_cast<double>(rect.max_y));
                GEOSGeometry* both = GEOSIntersection_r(h, g, box);
                double expected = 0;
                GEOSArea_r(h, both, &expected);
                // Each crossing is rounded to a whole unit; allow half a unit along the
                // window's perimeter.
                const double slack = static_cast<double>((rect.max_x - rect.min_x) + (rect.max_y - rect.min_y));
                CHECK(std::abs(area_of(r) - expected) <= slack);
                cut += static_cast<int>(r.size() != pts.size());
                ++compared;
                GEOSGeom_destroy_r(h, both);
                GEOSGeom_destroy_r(h, box);
            }
            GEOSGeom_destroy_r(h, g);
        }
    }
    GEOS_finish_r(h);
    CHECK(compared > 500);
    CHECK(cut > 300);
}
