#include <catch2/catch.hpp>

#include "tiles/web_mercator.hpp"

using namespace hotspot::tiles;

TEST_CASE("tile ids are checked", "[tiles]") {
    CHECK(make_tile(0, 0, 0));
    CHECK_FALSE(make_tile(0, 1, 0));
    CHECK_FALSE(make_tile(3, 8, 0));
    CHECK_FALSE(make_tile(-1, 0, 0));
    CHECK_FALSE(make_tile(25, 0, 0));
    CHECK(make_tile(24, (1 << 24) - 1, 0));
}

TEST_CASE("Web Mercator bounds and tiles", "[tiles]") {
    const auto world = tile_bounds(TileId{0, 0, 0});
    CHECK(world.min_x == Approx(-kMercatorHalfWidth));
    CHECK(world.max_y == Approx(kMercatorHalfWidth));
    // Chelmsford is in tile 10/513/339 (x from the west, y from the north).
    const TileId t = tile_at(0.4691, 51.7356, 10);
    CHECK(t.x == 513);
    CHECK(t.y == 339);
    double mx = 0;
    double my = 0;
    lonlat_to_mercator(0.4691, 51.7356, mx, my);
    CHECK(tile_bounds(t).contains(mx, my));
    double lon = 0;
    double lat = 0;
    mercator_to_lonlat(mx, my, lon, lat);
    CHECK(lon == Approx(0.4691).margin(1e-9));
    CHECK(lat == Approx(51.7356).margin(1e-9));
    CHECK(metres_per_pixel(0) == Approx(156543.03392804097));
}
