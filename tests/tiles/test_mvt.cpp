// Vector tiles: encoded by tiles/mvt and read back with GDAL's MVT driver, which follows
// the specification independently.

#include <filesystem>

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "geo/detail/gdal.hpp"
#include "service/http/tile_cache.hpp"
#include "support.hpp"
#include "tiles/mvt.hpp"

using namespace hotspot;
using namespace hotspot::tiles;

namespace {

/// Opens tile bytes as zoom 0 tile 0/0/0 with GDAL.
GDALDatasetUniquePtr open_tile(const test::TempDir& tmp, const std::string& bytes) {
    detail::gdal_init();
    std::filesystem::create_directories(tmp.path("0/0"));
    test::write_file(tmp.path("0/0/0.pbf"), bytes);
    return GDALDatasetUniquePtr(GDALDataset::Open(tmp.path("0/0/0.pbf").c_str(), GDAL_OF_VECTOR));
}

}  // namespace

TEST_CASE("a polygon with a hole survives the trip through GDAL", "[mvt]") {
    MvtLayer layer("areas");
    // Exterior given anticlockwise on screen and a hole clockwise: the encoder turns both.
    const TileRing outer{{0, 0}, {0, 2048}, {2048, 2048}, {2048, 0}};
    const TileRing hole{{512, 512}, {1024, 512}, {1024, 1024}, {512, 1024}};
    REQUIRE(ring_area2(outer) < 0);
    CHECK(layer.add_polygon(7, {TilePolygon{{outer, hole}}},
                            {{"area_code", std::string("E01000001")}, {"count", int64_t{12}},
                             {"gi_z", 1.5}, {"hot", true}}));
    CHECK(layer.add_polygon(8, {TilePolygon{{{{3000, 3000}, {3000, 3500}, {3500, 3500}}}}},
                            {{"area_code", std::string("E01000002")}, {"count", int64_t{12}}}));
    // Degenerate after rounding: no area, so no feature.
    CHECK_FALSE(layer.add_polygon(9, {TilePolygon{{{{5, 5}, {5, 5}, {6, 6}}}}}, {}));
    test::TempDir tmp;
    auto ds = open_tile(tmp, encode_tile({layer}));
    REQUIRE(ds);
    OGRLayer* l = ds->GetLayerByName("areas");
    REQUIRE(l != nullptr);
    CHECK(l->GetFeatureCount() == 2);
    OGRFeatureUniquePtr f(l->GetNextFeature());
    REQUIRE(f);
    CHECK(f->GetFieldAsInteger64("mvt_id") == 7);
    CHECK(std::string(f->GetFieldAsString("area_code")) == "E01000001");
    CHECK(f->GetFieldAsInteger("count") == 12);
    CHECK(f->GetFieldAsDouble("gi_z") == 1.5);
    const auto* poly = f->GetGeometryRef()->toMultiPolygon()->getGeometryRef(0);
    REQUIRE(poly->getNumInteriorRings() == 1);
    // Zoom 0: one tile unit is 40075016.69 / 4096 m; the hole is a quarter of the square.
    const double unit = 2 * 20037508.342789244 / 4096;
    CHECK(poly->get_Area() == Approx((2048.0 * 2048 - 512.0 * 512) * unit * unit).epsilon(1e-9));
}

TEST_CASE("keys and values are stored once per layer", "[mvt]") {
    MvtLayer layer("a");
    for (int i = 0; i < 100; ++i) {
        layer.add_point(static_cast<uint64_t>(i + 1), {i, i},
                        {{"category", std::string("Burglary")}, {"month", std::string("2018-01")}});
    }
    const std::string once = encode_tile({layer});
    CHECK(once.find("Burglary") != std::string::npos);
    CHECK(once.find("Burglary", once.find("Burglary") + 1) == std::string::npos);
    CHECK(once.find("category", once.find("category") + 1) == std::string::npos);
    CHECK(once.size() < 100 * 20);  // each feature costs its id, two tags and a point
    CHECK(encode_tile({MvtLayer("empty")}).empty());
}

TEST_CASE("a layer built from an attribute table encodes as one built feature by feature", "[mvt]") {
    // Rows: a missing value leaves its key out; values repeat across rows and keys.
    const std::vector<std::string> keys{"area_code", "count", "gi_z", "class_name"};
    const std::vector<std::vector<std::optional<MvtValue>>> rows{
        {std::string("E01000001"), int64_t{12}, 1.5, std::string("Settled")},
        {std::string("E01000002"), int64_t{12}, std::nullopt, std::string("Settled")},
        {std::string("E01000003"), int64_t{0}, -0.25, std::nullopt},
    };
    const MvtAttributes table(keys, rows);
    CHECK(table.rows() == 3);
    CHECK(table.values() == 8);  // 12 and "Settled" are stored once
    const TileRing square{{0, 0}, {0, 100}, {100, 100}, {100, 0}};
    const TileRing dot{{5, 5}, {5, 5}, {6, 6}};
    // Rows 2 and 0 only, in that order, and one that draws nothing: each tile has its own
    // value table, holding only the values its features use.
    MvtLayer by_table("areas", 4096, table);
    CHECK(by_table.add_table_polygon(3, {TilePolygon{{square}}}, 2));
    CHECK_FALSE(by_table.add_table_polygon(2, {TilePolygon{{dot}}}, 1));
    CHECK(by_table.add_table_polygon(1, {TilePolygon{{square}}}, 0));
    CHECK_THROWS(by_table.add_table_polygon(4, {TilePolygon{{square}}}, 3));
    CHECK_THROWS(by_table.add_polygon(4, {TilePolygon{{square}}}, {}));
    MvtLayer by_feature("areas", 4096);
    for (const size_t r : {2, 0}) {
        std::vector<std::pair<std::string, MvtValue>> attributes;
        for (size_t k = 0; k < keys.size(); ++k) {
            if (rows[r][k]) {
                attributes.emplace_back(keys[k], *rows[r][k]);
            }
        }
        by_feature.add_polygon(r + 1, {TilePolygon{{square}}}, attributes);
    }
    CHECK(encode_tile({by_table}) == encode_tile({by_feature}));
    test::TempDir tmp;
    auto ds = open_tile(tmp, encode_tile({by_table}));
    REQUIRE(ds);
    OGRLayer* l = ds->GetLayerByName("areas");
    REQUIRE(l != nullptr);
    REQUIRE(l->GetFeatureCount() == 2);
    OGRFeatureUniquePtr f(l->GetNextFeature());
    CHECK(std::string(f->GetFieldAsString("area_code")) == "E01000003");
    CHECK(f->GetFieldAsDouble("gi_z") == -0.25);
    CHECK_FALSE(f->IsFieldSetAndNotNull(f->GetFieldIndex("class_name")));
    f.reset(l->GetNextFeature());
    CHECK(f->GetFieldAsInteger("count") == 12);
    CHECK(std::string(f->GetFieldAsString("class_name")) == "Settled");
}

TEST_CASE("the tile cache keeps to its budget, most recent first", "[cache]") {
    TileCache cache(2000);
    auto tile = [](size_t n) {
        auto t = std::make_shared<CachedTile>();
        t->body.assign(n, 'x');
        return t;
    };
    cache.put("a", tile(600));
    cache.put("b", tile(600));
    CHECK(cache.get("a") != nullptr);  // a is now the most recent
    cache.put("c", tile(600));         // over budget: b goes
    CHECK(cache.get("b") == nullptr);
    CHECK(cache.get("a") != nullptr);
    CHECK(cache.get("c") != nullptr);
    cache.put("huge", tile(5000));  // larger than the budget: not kept
    CHECK(cache.get("huge") == nullptr);
    const CacheStats s = cache.stats();
    CHECK(s.hits == 3);
    CHECK(s.misses == 2);
    CHECK(s.bytes <= 2000);
    CHECK(s.evictions == 1);
}
