#include <catch2/catch.hpp>

#include <ogrsf_frmts.h>

#include "geo/crs/crs.hpp"
#include "geo/detail/gdal.hpp"
#include "geo/error.hpp"
#include "geo/io/area_reader.hpp"
#include "support.hpp"

using namespace hotspot;
using hotspot::test::TempDir;

namespace {

AreaReadOptions bng() {
    AreaReadOptions o;
    o.working_crs = parse_crs("EPSG:27700");
    return o;
}

/// Writes polygons (WKT, EPSG:27700) with a code and name field to a GeoPackage.
void write_polygons(const std::string& path, const std::vector<std::array<std::string, 3>>& rows,
                    const char* code_field = "WD13CD", const char* name_field = "WD13NM") {
    detail::gdal_init();
    GDALDriver* d = GetGDALDriverManager()->GetDriverByName("GPKG");
    GDALDatasetUniquePtr ds(d->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    OGRSpatialReference crs;
    crs.importFromEPSG(27700);
    OGRLayer* layer = ds->CreateLayer("wards", &crs, wkbUnknown, nullptr);
    OGRFieldDefn code(code_field, OFTString);
    OGRFieldDefn name(name_field, OFTString);
    REQUIRE(layer->CreateField(&code) == OGRERR_NONE);
    REQUIRE(layer->CreateField(&name) == OGRERR_NONE);
    for (const auto& r : rows) {
        OGRFeature f(layer->GetLayerDefn());
        if (!r[0].empty()) {
            f.SetField(code_field, r[0].c_str());
        }
        f.SetField(name_field, r[1].c_str());
        if (!r[2].empty()) {
            OGRGeometry* g = nullptr;
            REQUIRE(OGRGeometryFactory::createFromWkt(r[2].c_str(), nullptr, &g) == OGRERR_NONE);
            f.SetGeometryDirectly(g);
        }
        REQUIRE(layer->CreateFeature(&f) == OGRERR_NONE);
    }
}

}  // namespace

TEST_CASE("the Essex LSOAs: codes detected, reprojected, one ring repaired", "[areas]") {
    const AreaSet areas = read_areas(test::data_path("areas/essex-lsoa2011.gpkg"), bng());
    CHECK(areas.size() == 1077);
    CHECK(areas.code_field == "LSOA11CD");
    CHECK(areas.name_field == "LSOA11NM");
    CHECK(areas.repaired == 1);
    CHECK(areas.skipped == 0);
    REQUIRE(areas.issues.size() == 1);
    CHECK(areas.issues[0].find("(E01021909): repaired: Ring Self-intersection") != std::string::npos);
    const auto basildon = areas.find("E01021237");
    REQUIRE(basildon);
    CHECK(areas.name(*basildon) == "Basildon 001A");
    // In metres now: 1.32 degrees of longitude at 51.7 N, about 90 km.
    CHECK(areas.extent().width() == Approx(90000).margin(2000));
    double total = 0;
    for (size_t i = 0; i < areas.size(); ++i) {
        total += areas.land_area_m2(i);
    }
    CHECK(total / 1e6 == Approx(3670).margin(150));  // km2 of Essex, Southend and Thurrock
}

TEST_CASE("the Essex wards", "[areas]") {
    const AreaSet wards = read_areas(test::data_path("areas/essex-wards2013.gpkg"), bng());
    CHECK(wards.size() == 304);
    CHECK(wards.code_field == "WD13CD");
    CHECK(wards.name_field == "WD13NM");
}

TEST_CASE("invalid, empty, duplicated and uncoded features", "[areas]") {
    TempDir tmp;
    const std::string path = tmp.path("wards.gpkg");
    write_polygons(path, {
                             {"W1", "Bowtie", "POLYGON((0 0,10 10,10 0,0 10,0 0))"},
                             {"W2", "Split", "POLYGON((20 0,30 0,30 10,20 10,20 0))"},
                             {"W2", "Split", "POLYGON((40 0,50 0,50 10,40 10,40 0))"},
                             {"", "No code", "POLYGON((60 0,70 0,70 10,60 10,60 0))"},
                             {"W4", "No geometry", ""},
                             {"W5", "A line", "LINESTRING(0 0,1 1)"},
                         });
    const AreaSet areas = read_areas(path, bng());
    CHECK(areas.size() == 2);
    CHECK(areas.repaired == 1);
    CHECK(areas.merged == 1);
    CHECK(areas.skipped == 3);
    const std::string where = path + " layer \"wards\" feature ";
    CHECK(areas.issues == std::vector<std::string>{
                              where + "1 (W1): repaired: Self-intersection[5 5]",
                              where + "3 (W2): merged with an earlier feature of the same code",
                              where + "4: skipped: no WD13CD",
                              where + "5 (W4): skipped: no geometry",
                              where + "6 (W5): skipped: geometry is Line String, not a polygon",
                          });
    CHECK(areas.land_area_m2(*areas.find("W1")) == Approx(50.0));
    CHECK(areas.land_area_m2(*areas.find("W2")) == Approx(200.0));
}

TEST_CASE("code fields: ONS names, options, and a clear error", "[areas]") {
    CHECK(guess_code_field({"OBJECTID", "LSOA21NM", "LSOA21CD"}) == "LSOA21CD");
    CHECK(guess_code_field({"objectid", "lad19cd", "lad19nm"}) == "lad19cd");
    CHECK(guess_code_field({"WD22CD", "LSOA11CD"}) == "LSOA11CD");
    CHECK(guess_code_field({"id", "code"}) == "code");
    CHECK(guess_code_field({"id", "value"}) == std::nullopt);
    CHECK(guess_name_field({"LSOA21CD", "LSOA21NM"}, "LSOA21CD") == "LSOA21NM");
    CHECK(guess_name_field({"beat", "name"}, "beat") == "name");

    TempDir tmp;
    const std::string path = tmp.path("beats.gpkg");
    write_polygons(path, {{"B1", "Beat one", "POLYGON((0 0,1 0,1 1,0 1,0 0))"}}, "beat", "label");
    CHECK_THROWS_WITH(read_areas(path, bng()),
                      path + " layer \"wards\": no area code field recognised (fields: beat, "
                             "label); name one with --area-code-field");
    AreaReadOptions o = bng();
    o.code_field = "beat";
    o.name_field = "label";
    const AreaSet beats = read_areas(path, o);
    CHECK(beats.code(0) == "B1");
    CHECK(beats.name(0) == "Beat one");
    o.code_field = "nope";
    CHECK_THROWS_WITH(read_areas(path, o), path + " layer \"wards\": no field \"nope\"");
    CHECK_THROWS_WITH(read_areas(tmp.path("none.gpkg"), bng()), tmp.path("none.gpkg") + ": no such file");
}
