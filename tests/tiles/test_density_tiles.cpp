// The density surface as PNG tiles (tiles/density_tiles.hpp): colours, the scale, and
// pixels where the density is.

#include <cmath>
#include <string>

#include <catch2/catch.hpp>
#include <cpl_vsi.h>
#include <gdal_priv.h>

#include "geo/crs/crs.hpp"
#include "geo/detail/gdal.hpp"
#include "geo/hotspots/kde.hpp"
#include "tiles/density_tiles.hpp"
#include "tiles/web_mercator.hpp"

using namespace hotspot;
using namespace hotspot::tiles;

namespace {

/// The PNG's pixel (col, row) as RGBA, read back with GDAL's PNG driver.
Rgba pixel(const std::string& png, int col, int row) {
    const std::string name = "/vsimem/density_tile_test.png";
    VSIFCloseL(VSIFileFromMemBuffer(name.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(png.data())),
                                    static_cast<vsi_l_offset>(png.size()), FALSE));
    GDALDatasetUniquePtr ds(GDALDataset::Open(name.c_str(), GDAL_OF_RASTER));
    REQUIRE(ds);
    REQUIRE(ds->GetRasterXSize() == 256);
    REQUIRE(ds->GetRasterYSize() == 256);
    REQUIRE(ds->GetRasterCount() == 4);
    std::array<uint8_t, 4> v{};
    for (int b = 0; b < 4; ++b) {
        REQUIRE(ds->GetRasterBand(b + 1)->RasterIO(GF_Read, col, row, 1, 1, &v[static_cast<size_t>(b)], 1, 1,
                                                   GDT_Byte, 0, 0) == CE_None);
    }
    ds.reset();
    VSIUnlink(name.c_str());
    return {v[0], v[1], v[2], v[3]};
}

}  // namespace

TEST_CASE("density colours: transparent below 2 % of the scale, YlOrRd up to it", "[tiles][density_tiles]") {
    CHECK(density_colour(0, 10).a == 0);
    CHECK(density_colour(0.19, 10).a == 0);
    const Rgba low = density_colour(0.3, 10);
    const Rgba top = density_colour(10, 10);
    const Rgba over = density_colour(1000, 10);
    CHECK(low.a > 0);
    CHECK(top.a > low.a);  // opacity rises along the ramp
    CHECK(int(top.r) == 0xbd);
    CHECK(int(top.g) == 0x00);
    CHECK(int(top.b) == 0x26);
    CHECK(over.r == top.r);
    CHECK(over.a == top.a);
    CHECK(int(low.r) == 0xff);  // the light end
}

TEST_CASE("density scale: the 99th percentile of the non-zero cells", "[tiles][density_tiles]") {
    DensityGrid g;
    g.cols = 1000;
    g.rows = 2;
    g.values.assign(2000, 0.0F);
    for (int i = 0; i < 1000; ++i) {
        g.values[static_cast<size_t>(i)] = static_cast<float>(i + 1);  // 1 .. 1000, and 1000 zeros
    }
    g.values[0] = 1e6F;  // one extreme cell does not set the scale
    CHECK(density_scale(g) == Approx(991).margin(2));
    DensityGrid empty;
    empty.cols = 3;
    empty.rows = 3;
    empty.values.assign(9, 0.0F);
    CHECK(density_scale(empty) == 0);
}

TEST_CASE("density tiles: colour where the incidents are, nothing elsewhere", "[tiles][density_tiles]") {
    detail::gdal_init();
    const OGRSpatialReference bng = parse_crs("EPSG:27700");
    // 200 incidents at one point in Chelmsford (British National Grid), smoothed 300 m.
    KdePoints points;
    points.x.assign(200, 570800);
    points.y.assign(200, 206900);
    KdeOptions o;
    o.bandwidth = 300;
    o.cell = 50;
    o.extent = Box{569000, 205000, 572600, 208800};
    const DensityGrid grid = kernel_density(points, o);
    const DensityTiles tiles(grid, bng, density_scale(grid));
    CHECK(tiles.scale_max() > 0);

    // The point's longitude and latitude, and the tile holding it at zoom 14.
    double lon = 0;
    double lat = 0;
    {
        const OGRSpatialReference wgs = parse_crs("EPSG:4326");
        std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&bng, &wgs));
        REQUIRE(ct);
        double x = 570800;
        double y = 206900;
        REQUIRE(ct->Transform(1, &x, &y));
        lon = x;
        lat = y;
    }
    const int z = 14;
    const TileId tile = tile_at(lon, lat, z);
    const std::string png = tiles.png(tile);
    REQUIRE(png.size() > 8);
    CHECK(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);

    // The pixel over the point is the ramp's top; one 1.5 km away (beyond the kernel) is clear.
    double mx = 0;
    double my = 0;
    lonlat_to_mercator(lon, lat, mx, my);
    const Box b = tile_bounds(tile);
    const int col = static_cast<int>((mx - b.min_x) / b.width() * 256);
    const int row = static_cast<int>((b.max_y - my) / b.height() * 256);
    const Rgba at = pixel(png, col, row);
    CHECK(at.a > 200);
    CHECK(int(at.r) == 0xbd);
    // 100 pixels at zoom 14 are about 950 Web Mercator metres, 590 m on the ground here.
    CHECK(pixel(png, col < 128 ? col + 100 : col - 100, row).a == 0);

    // A tile far from the data is empty: no bytes to send.
    CHECK(tiles.png(tile_at(-1.5, 53.0, z)).empty());
}
