#include <catch2/catch.hpp>

#include <filesystem>

#include <ogrsf_frmts.h>

#include "geo/aggregate/area_frame.hpp"
#include "geo/crs/crs.hpp"
#include "geo/detail/gdal.hpp"
#include "geo/error.hpp"
#include "geo/io/area_reader.hpp"
#include "geo/io/layer_writer.hpp"
#include "support.hpp"

using namespace hotspot;
using hotspot::test::TempDir;

namespace {

/// A table of the 304 Essex wards with fields of every type and a long string.
struct WardTable {
    AreaSet wards;
    Table table;
    WardTable() {
        AreaReadOptions o;
        o.working_crs = parse_crs("EPSG:27700");
        wards = read_areas(test::data_path("areas/essex-wards2013.gpkg"), o);
        table.name = "wards";
        table.add_field("area_code", FieldType::string);
        table.add_field("area_name", FieldType::string);
        table.add_field("count", FieldType::integer);
        table.add_field("rate_1k", FieldType::real);
        table.add_field("note", FieldType::string);
        for (size_t i = 0; i < wards.size(); ++i) {
            table.rows.push_back({wards.code(i), wards.name(i), static_cast<int64_t>(i),
                                  i % 2 == 0 ? FieldValue(i * 0.5) : FieldValue(),
                                  std::string(i == 0 ? 300 : 3, 'x')});
            table.geometry.push_back(wards.geometry(i));
        }
        table.geos = wards.geos().get();
        table.crs = &wards.crs();
    }
};

GDALDatasetUniquePtr open(const std::string& path) {
    detail::gdal_init();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR));
    REQUIRE(ds);
    return ds;
}

}  // namespace

TEST_CASE("a zipped Shapefile opens with its CRS and every field intact", "[export]") {
    TempDir tmp;
    WardTable w;
    const std::string path = tmp.path("wards.shp.zip");
    CHECK(write_table(w.table, path) == 1);  // the 300-byte note was cut to 254
    auto ds = open(path);
    OGRLayer* layer = ds->GetLayer(0);
    CHECK(layer->GetFeatureCount() == 304);
    REQUIRE(layer->GetSpatialRef() != nullptr);
    CHECK(crs_label(*layer->GetSpatialRef()).find("27700") != std::string::npos);
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    REQUIRE(defn->GetFieldCount() == 5);
    CHECK(std::string(defn->GetFieldDefn(0)->GetNameRef()) == "area_code");
    CHECK(std::string(defn->GetFieldDefn(3)->GetNameRef()) == "rate_1k");
    CHECK(defn->GetFieldDefn(2)->GetType() == OFTInteger);
    CHECK(defn->GetFieldDefn(3)->GetType() == OFTReal);
    auto first = std::unique_ptr<OGRFeature>(layer->GetNextFeature());
    CHECK(std::string(first->GetFieldAsString("area_code")) == w.wards.code(0));
    CHECK(std::string(first->GetFieldAsString("note")).size() == 254);
    auto second = std::unique_ptr<OGRFeature>(layer->GetNextFeature());
    CHECK_FALSE(second->IsFieldSetAndNotNull(3));  // a null real stays null
    // The zip holds exactly the five files a GIS needs.
    auto listing = std::unique_ptr<char*, decltype(&CSLDestroy)>(
        VSIReadDir(("/vsizip/" + path).c_str()), &CSLDestroy);
    std::vector<std::string> files;
    for (char** f = listing.get(); f != nullptr && *f != nullptr; ++f) {
        files.emplace_back(*f);
    }
    std::sort(files.begin(), files.end());
    CHECK(files == std::vector<std::string>{"wards.cpg", "wards.dbf", "wards.prj", "wards.shp",
                                            "wards.shx"});
    // No temporary files are left beside the output.
    CHECK(std::distance(std::filesystem::directory_iterator(tmp.dir()),
                        std::filesystem::directory_iterator()) == 1);
}

TEST_CASE("GeoPackage, GeoJSON and CSV round trips", "[export]") {
    TempDir tmp;
    WardTable w;
    write_table(w.table, tmp.path("wards.gpkg"));
    write_table(w.table, tmp.path("wards.geojson"));
    write_table(w.table, tmp.path("wards.csv"));
    {
        auto ds = open(tmp.path("wards.gpkg"));
        OGRLayer* layer = ds->GetLayerByName("wards");
        REQUIRE(layer != nullptr);
        CHECK(layer->GetFeatureCount() == 304);
        CHECK(crs_label(*layer->GetSpatialRef()) == "EPSG:27700");
        CHECK(wkbFlatten(layer->GetGeomType()) == wkbMultiPolygon);
        auto f = std::unique_ptr<OGRFeature>(layer->GetNextFeature());
        CHECK(std::string(f->GetFieldAsString("note")).size() == 300);  // no limit here
    }
    {
        auto ds = open(tmp.path("wards.geojson"));
        OGRLayer* layer = ds->GetLayer(0);
        CHECK(layer->GetFeatureCount() == 304);
        OGREnvelope env;
        REQUIRE(layer->GetExtent(&env) == OGRERR_NONE);
        CHECK(env.MinX > -0.1);  // longitude/latitude, as RFC 7946 requires
        CHECK(env.MaxX < 1.4);
        CHECK(env.MinY > 51.4);
        CHECK(env.MaxY < 52.2);
    }
    {
        const std::string csv = test::read_file(tmp.path("wards.csv"));
        CHECK(csv.rfind("area_code,area_name,count,rate_1k,note\n" + w.wards.code(0) + ",", 0) == 0);
        CHECK(std::count(csv.begin(), csv.end(), '\n') == 305);
    }
}

TEST_CASE("bad output names and folders are output errors", "[export]") {
    TempDir tmp;
    WardTable w;
    CHECK_THROWS_WITH(write_table(w.table, tmp.path("wards.xlsx")),
                      tmp.path("wards.xlsx") +
                          ": unknown output format (use .csv, .gpkg, .geojson or .shp.zip)");
    CHECK_THROWS_AS(write_table(w.table, tmp.path("no/such/folder/wards.csv")), OutputError);
}

TEST_CASE("field names longer than a Shapefile allows are refused", "[export]") {
    Table t;
    CHECK_THROWS_WITH(t.add_field("population_2015", FieldType::real),
                      "field name \"population_2015\" must have 1 to 10 characters");
    t.add_field("pop", FieldType::real);
    CHECK_THROWS_WITH(t.add_field("pop", FieldType::real), "field name \"pop\" is used twice");
}
