#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <ogrsf_frmts.h>

#include "geo/crs/crs.hpp"
#include "geo/detail/gdal.hpp"
#include "geo/error.hpp"
#include "geo/io/incident_source.hpp"
#include "support.hpp"

using namespace hotspot;
using hotspot::test::TempDir;

namespace {

struct PointRow {
    double lon;
    double lat;
    const char* month;
    const char* category;
};

const std::vector<PointRow> kRows{
    {0.439197, 51.642719, "2018-01", "Burglary"},
    {0.440887, 51.639995, "2018-02", "Robbery"},
    {0.470000, 51.600000, "2018-13", "Burglary"},  // bad month
};

/// Writes kRows as a point layer with GDAL, plus one line feature and one without geometry.
void write_layer(const std::string& driver, const std::string& path) {
    detail::gdal_init();
    GDALDriver* d = GetGDALDriverManager()->GetDriverByName(driver.c_str());
    REQUIRE(d != nullptr);
    GDALDatasetUniquePtr ds(d->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    REQUIRE(ds);
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRLayer* layer = ds->CreateLayer("crimes", &wgs84, wkbUnknown, nullptr);
    REQUIRE(layer != nullptr);
    OGRFieldDefn month("month", OFTString);
    OGRFieldDefn category("crime_type", OFTString);
    REQUIRE(layer->CreateField(&month) == OGRERR_NONE);
    REQUIRE(layer->CreateField(&category) == OGRERR_NONE);
    for (const auto& r : kRows) {
        OGRFeature f(layer->GetLayerDefn());
        f.SetField("month", r.month);
        f.SetField("crime_type", r.category);
        f.SetGeometryDirectly(new OGRPoint(r.lon, r.lat));
        REQUIRE(layer->CreateFeature(&f) == OGRERR_NONE);
    }
    OGRFeature line(layer->GetLayerDefn());
    line.SetField("month", "2018-03");
    line.SetField("crime_type", "Burglary");
    auto* ls = new OGRLineString();
    ls->addPoint(0.44, 51.64);
    ls->addPoint(0.45, 51.65);
    line.SetGeometryDirectly(ls);
    REQUIRE(layer->CreateFeature(&line) == OGRERR_NONE);
    OGRFeature empty(layer->GetLayerDefn());
    empty.SetField("month", "2018-03");
    empty.SetField("crime_type", "Burglary");
    REQUIRE(layer->CreateFeature(&empty) == OGRERR_NONE);
}

}  // namespace

TEST_CASE("point layers in every common format read the same", "[ogr]") {
    TempDir tmp;
    const std::vector<std::pair<std::string, std::string>> formats{
        {"GPKG", "points.gpkg"},
        {"GeoJSON", "points.geojson"},
        {"FlatGeobuf", "points.fgb"},
        {"ESRI Shapefile", "points.shp"},
    };
    std::vector<double> first_x;
    for (const auto& [driver, name] : formats) {
        INFO(driver);
        const std::string path = tmp.path(name);
        if (driver == "FlatGeobuf" || driver == "ESRI Shapefile") {
            // One geometry type per layer: a separate layer of points only.
            detail::gdal_init();
            write_layer("GPKG", tmp.path("all-" + name + ".gpkg"));
            GDALDatasetUniquePtr src(GDALDataset::Open(tmp.path("all-" + name + ".gpkg").c_str(),
                                                       GDAL_OF_VECTOR));
            GDALDriver* d = GetGDALDriverManager()->GetDriverByName(driver.c_str());
            GDALDatasetUniquePtr dst(d->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
            OGRLayer* in = src->GetLayer(0);
            OGRLayer* out = dst->CreateLayer("crimes", in->GetSpatialRef(), wkbPoint, nullptr);
            for (int i = 0; i < in->GetLayerDefn()->GetFieldCount(); ++i) {
                REQUIRE(out->CreateField(in->GetLayerDefn()->GetFieldDefn(i)) == OGRERR_NONE);
            }
            for (auto& f : *in) {
                const OGRGeometry* g = f->GetGeometryRef();
                if (g != nullptr && wkbFlatten(g->getGeometryType()) == wkbPoint) {
                    OGRFeature copy(out->GetLayerDefn());
                    copy.SetFrom(f.get());
                    REQUIRE(out->CreateFeature(&copy) == OGRERR_NONE);
                }
            }
        } else {
            write_layer(driver, path);
        }
        ReadOptions options(parse_crs("EPSG:27700"), std::nullopt);
        ParsedRows rows;
        const auto report = read_incidents(path, nullptr, options, rows);
        CHECK(report.accepted == 2);
        REQUIRE(rows.table.size() == 2);
        CHECK(rows.table.categories.at(rows.table.category[1]) == "Robbery");
        CHECK(rows.rejects.count(RejectReason::bad_month) == 1);
        if (first_x.empty()) {
            first_x = rows.table.x;
        } else {
            CHECK(rows.table.x[0] == Approx(first_x[0]).margin(1e-6));
        }
    }
}

TEST_CASE("features that are not points or have no geometry are rejected by feature id", "[ogr]") {
    TempDir tmp;
    const std::string path = tmp.path("mixed.gpkg");
    write_layer("GPKG", path);
    ReadOptions options(parse_crs("EPSG:27700"), std::nullopt);
    ParsedRows rows;
    read_incidents(path, nullptr, options, rows);
    std::vector<std::string> messages;
    for (const auto& r : rows.rejects.items()) {
        messages.push_back(r.message().substr(path.size()));
    }
    CHECK(messages == std::vector<std::string>{
                          ": feature 3: bad month: month \"2018-13\" is not a month (YYYY-MM)",
                          ": feature 4: bad geometry: geometry is Line String, not a point",
                          ": feature 5: no location: the feature has no geometry",
                      });
}

TEST_CASE("unusable layers are errors", "[ogr]") {
    TempDir tmp;
    ReadOptions options(parse_crs("EPSG:27700"), std::nullopt);
    ParsedRows rows;
    CHECK_THROWS_WITH(read_incidents(tmp.path("nothing.gpkg"), nullptr, options, rows),
                      tmp.path("nothing.gpkg") + ": no such file");
    hotspot::test::write_file(tmp.path("junk.gpkg"), "this is not a GeoPackage");
    CHECK_THROWS_AS(read_incidents(tmp.path("junk.gpkg"), nullptr, options, rows), InputError);
    // A layer whose fields say nothing about time or category.
    detail::gdal_init();
    GDALDriver* d = GetGDALDriverManager()->GetDriverByName("GeoJSON");
    {
        GDALDatasetUniquePtr ds(d->Create(tmp.path("bare.geojson").c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        OGRLayer* layer = ds->CreateLayer("bare", &wgs84, wkbPoint, nullptr);
        OGRFieldDefn f("colour", OFTString);
        REQUIRE(layer->CreateField(&f) == OGRERR_NONE);
    }
    CHECK_THROWS_WITH(read_incidents(tmp.path("bare.geojson"), nullptr, options, rows),
                      tmp.path("bare.geojson") +
                          " layer \"bare\": cannot tell which fields hold the month or date; "
                          "category (crime_type, category, offence or type); give a column "
                          "mapping with --mapping");
}
