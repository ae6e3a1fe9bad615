#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include <ogrsf_frmts.h>

#include "geo/crs/crs.hpp"
#include "geo/detail/gdal.hpp"
#include "geo/error.hpp"
#include "geo/io/incident_source.hpp"
#include "geo/io/workspace.hpp"
#include "support.hpp"

using namespace hotspot;
using hotspot::test::TempDir;

namespace {

void check_ingest_cycle(const std::string& location) {
    const OGRSpatialReference bng = parse_crs("EPSG:27700");
    const std::string january = test::essex_crime_files()[0];
    const std::string february = test::essex_crime_files()[1];
    ReadOptions options(bng, std::nullopt);
    options.threads = 2;
    {
        Workspace ws = Workspace::open(location, true, bng);
        const IngestResult first = ws.ingest(january, nullptr, options);
        CHECK_FALSE(first.skipped);
        CHECK(first.entry.id == 1);
        CHECK(first.entry.accepted == 14786 - 2);  // 2 rows without coordinates
        CHECK(first.entry.rejected == 2);
        CHECK(first.entry.sha256.size() == 64);
        const IngestResult again = ws.ingest(january, nullptr, options);
        CHECK(again.skipped);
        CHECK(again.entry.id == 1);
        CHECK(ws.ingest(february, nullptr, options).entry.id == 2);
        // The same rows under another name, with CRLF line endings and blank lines: a new
        // file to the log, but every row is one already stored (incidents with no crime id
        // that share a snap point and month are counted, so each copy is matched once).
        TempDir tmp;
        const std::string copy = tmp.path("january-again.csv");
        {
            std::ifstream in(january);
            std::ofstream out(copy, std::ios::binary);
            std::string line;
            while (std::getline(in, line)) {
                out << line << "\r\n\r\n";
            }
            out << "x9,2018-01,Essex Police,Essex Police,0.439197,51.642719,On or near Potash Road,"
                   "E01021237,Basildon 001A,Burglary,Under investigation,\r\n";
        }
        const IngestResult repeat = ws.ingest(copy, nullptr, options);
        CHECK_FALSE(repeat.skipped);
        CHECK(repeat.entry.duplicates == 14786 - 2);
        CHECK(repeat.entry.accepted == 1);
        CHECK(repeat.entry.rejected == 2);
    }
    // Reopened: two ingests, and the incidents read back through the same reader.
    Workspace ws = Workspace::open(location, false, bng);
    const auto log = ws.log();
    REQUIRE(log.size() == 3);
    CHECK(log[0].file == january);
    CHECK(log[1].file == february);
    CHECK(log[2].duplicates == 14786 - 2);
    CHECK(ws.incident_count() == log[0].accepted + log[1].accepted + 1);
    ParsedRows rows;
    const SourceMapping mapping = Workspace::incidents_mapping();
    const SourceReport report = read_incidents(ws.location(), &mapping, options, rows);
    CHECK(report.accepted == ws.incident_count());
    CHECK(report.rejected == 0);
    CHECK(rows.table.month[0] == Month::from(2018, 1));
    CHECK(rows.table.reported_area[0] != kNoId);
}

}  // namespace

TEST_CASE("a GeoPackage workspace: ingest, skip a repeat, log and read back", "[workspace]") {
    TempDir tmp;
    check_ingest_cycle(tmp.path("essex.gpkg"));
    // The rejected rows are stored with their reasons.
    detail::gdal_init();
    GDALDatasetUniquePtr ds(GDALDataset::Open(tmp.path("essex.gpkg").c_str(), GDAL_OF_VECTOR));
    OGRLayer* rejects = ds->GetLayerByName("rejects");
    REQUIRE(rejects != nullptr);
    CHECK(rejects->GetFeatureCount() == 4);  // January and its copy; February has none
    auto f = std::unique_ptr<OGRFeature>(rejects->GetNextFeature());
    CHECK(std::string(f->GetFieldAsString("reason")) == "no location");
}

TEST_CASE("a PostGIS workspace through the same code", "[workspace][postgis]") {
    const char* pg = std::getenv("HOTSPOT_TEST_PG");
    REQUIRE(pg != nullptr);  // scripts/test starts PostgreSQL and sets it
    // Start from an empty database.
    {
        detail::gdal_init();
        GDALDatasetUniquePtr ds(GDALDataset::Open(pg, GDAL_OF_VECTOR | GDAL_OF_UPDATE));
        REQUIRE(ds);
        for (const char* layer : {"incidents", "ingest_log", "rejects"}) {
            ds->ExecuteSQL((std::string("DROP TABLE IF EXISTS ") + layer + " CASCADE").c_str(),
                           nullptr, nullptr);
        }
    }
    check_ingest_cycle(pg);
}

TEST_CASE("workspace errors", "[workspace]") {
    TempDir tmp;
    const OGRSpatialReference bng = parse_crs("EPSG:27700");
    CHECK_THROWS_WITH(Workspace::open(tmp.path("none.gpkg"), false, bng),
                      tmp.path("none.gpkg") + ": no such workspace (create one with hotspot ingest)");
    { Workspace::open(tmp.path("ws.gpkg"), true, bng); }
    CHECK_THROWS_WITH(Workspace::open(tmp.path("ws.gpkg"), false, parse_crs("EPSG:3857")),
                      tmp.path("ws.gpkg") +
                          ": stores incidents in EPSG:27700, not in the working CRS EPSG:3857");
    // Someone's own GeoPackage is not made into a workspace.
    {
        detail::gdal_init();
        GDALDatasetUniquePtr own(GetGDALDriverManager()->GetDriverByName("GPKG")->Create(
            tmp.path("own.gpkg").c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        own->CreateLayer("roads", nullptr, wkbLineString, nullptr);
    }
    CHECK_THROWS_AS(Workspace::open(tmp.path("own.gpkg"), true, bng), InputError);
    CHECK_THROWS_WITH(Workspace::open(tmp.path("own.gpkg"), true, bng),
                      tmp.path("own.gpkg") + ": is not a hotspot workspace but a file with 1 layers of its own; "
                                             "give a new file name for the workspace");
    test::write_file(tmp.path("text.gpkg"), "not a database");
    CHECK_THROWS_AS(Workspace::open(tmp.path("text.gpkg"), false, bng), WorkspaceError);
}
