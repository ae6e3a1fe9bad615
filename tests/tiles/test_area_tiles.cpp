// Area polygons cut into vector tiles (tiles/area_tiles.hpp), on the sample's LSOAs.

#include <set>
#include <thread>

#include <catch2/catch.hpp>

#include "geo/crs/crs.hpp"
#include "geo/detail/gdal.hpp"
#include "geo/io/area_reader.hpp"
#include "support.hpp"
#include "tiles/area_tiles.hpp"

using namespace hotspot;
using namespace hotspot::tiles;

namespace {

const AreaSet& essex() {
    static const AreaSet areas = [] {
        detail::gdal_init();
        AreaReadOptions o;
        o.working_crs = parse_crs("EPSG:27700");
        return read_areas(test::data_path("areas/essex-lsoa2011.gpkg"), o);
    }();
    return areas;
}

const AreaTiles& essex_tiles() {
    static const AreaTiles t(essex());
    return t;
}

/// Every point of every piece lies in the tile or its buffer.
void check_in_buffer(const std::vector<AreaPiece>& pieces) {
    const int32_t lo = -static_cast<int32_t>(AreaTiles::kBuffer);
    const int32_t hi = static_cast<int32_t>(AreaTiles::kExtent + AreaTiles::kBuffer);
    for (const auto& piece : pieces) {
        REQUIRE_FALSE(piece.polygons.empty());
        for (const auto& polygon : piece.polygons) {
            REQUIRE_FALSE(polygon.rings.empty());
            for (const auto& ring : polygon.rings) {
                CHECK(ring.size() >= 3);
                for (const TilePoint& p : ring) {
                    CHECK(p.x >= lo);
                    CHECK(p.x <= hi);
                    CHECK(p.y >= lo);
                    CHECK(p.y <= hi);
                }
            }
        }
    }
}

}  // namespace

TEST_CASE("area tiles: bounds, and every area in the tiles over them", "[tiles][area_tiles]") {
    const AreaTiles& t = essex_tiles();
    REQUIRE(t.size() == essex().size());
    const auto b = t.bounds();  // Essex: about 0.02 W to 1.3 E, 51.45 to 52.1 N
    CHECK(b[0] == Approx(0.0).margin(0.1));
    CHECK(b[2] == Approx(1.3).margin(0.1));
    CHECK(b[1] == Approx(51.45).margin(0.1));
    CHECK(b[3] == Approx(52.09).margin(0.1));
    for (size_t i = 0; i < t.size(); i += 97) {
        const auto a = t.bounds(i);
        CHECK(a[0] >= b[0]);
        CHECK(a[2] <= b[2]);
        CHECK(a[0] < a[2]);
        CHECK(a[1] < a[3]);
    }

    // At zoom 8 the county spans a few tiles; together they hold every area.
    const int z = 8;
    const TileId nw = tile_at(b[0], b[3], z);
    const TileId se = tile_at(b[2], b[1], z);
    std::set<uint32_t> seen;
    for (uint32_t x = nw.x; x <= se.x; ++x) {
        for (uint32_t y = nw.y; y <= se.y; ++y) {
            const auto pieces = t.pieces({z, x, y});
            check_in_buffer(pieces);
            uint32_t last = 0;
            for (size_t k = 0; k < pieces.size(); ++k) {
                if (k > 0) {
                    CHECK(pieces[k].area > last);  // in area order, each area once
                }
                last = pieces[k].area;
                seen.insert(pieces[k].area);
            }
        }
    }
    CHECK(seen.size() == t.size());
    CHECK(t.pieces(tile_at(-3.2, 55.95, z)).empty());  // Edinburgh
}

TEST_CASE("area tiles: a street-level tile holds the area under it, and deeper zooms reuse zoom 14", "[tiles][area_tiles]") {
    const AreaTiles& t = essex_tiles();
    // Chelmsford's centre.
    for (const int z : {12, 14, 16, 18}) {
        INFO("zoom " << z);
        const auto pieces = t.pieces(tile_at(0.4714, 51.7356, z));
        REQUIRE_FALSE(pieces.empty());
        check_in_buffer(pieces);
        for (const auto& piece : pieces) {
            const auto a = t.bounds(piece.area);
            CHECK(a[0] <= 0.4714 + 0.05);
            CHECK(a[2] >= 0.4714 - 0.05);
        }
    }
}

TEST_CASE("area tiles: the same pieces from several threads", "[tiles][area_tiles]") {
    const AreaTiles t(essex());
    const TileId tile = tile_at(0.4714, 51.7356, 13);
    std::vector<std::vector<AreaPiece>> got(4);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < got.size(); ++i) {
        threads.emplace_back([&, i] { got[i] = t.pieces(tile); });
    }
    for (auto& th : threads) {
        th.join();
    }
    for (size_t i = 1; i < got.size(); ++i) {
        REQUIRE(got[i].size() == got[0].size());
        for (size_t k = 0; k < got[i].size(); ++k) {
            CHECK(got[i][k].area == got[0][k].area);
            REQUIRE(got[i][k].polygons.size() == got[0][k].polygons.size());
            for (size_t p = 0; p < got[i][k].polygons.size(); ++p) {
                CHECK(got[i][k].polygons[p].rings == got[0][k].polygons[p].rings);
            }
        }
    }
}
