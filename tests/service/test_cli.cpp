// The hotspot command line, run as a separate process like a user's script would.

#include <catch2/catch.hpp>

#include <filesystem>

#include <csignal>
#include <chrono>
#include <map>
#include <thread>

#include <ogrsf_frmts.h>

#include "geo/crs/crs.hpp"
#include "geo/detail/gdal.hpp"
#include "geo/io/small_csv.hpp"
#include "geo/io/workspace.hpp"
#include "geo/utf8.hpp"
#include "support.hpp"

using namespace hotspot;
using hotspot::test::run;
using hotspot::test::TempDir;

namespace {

std::vector<std::string> with_exe(std::vector<std::string> args) {
    args.insert(args.begin(), test::hotspot_exe());
    return args;
}

/// Replaces the machine-specific folders in output by fixed markers.
std::string normalise(std::string text, const TempDir& tmp) {
    const auto replace_all = [&](const std::string& from, const std::string& to) {
        for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
            text.replace(at, from.size(), to);
        }
    };
    replace_all(tmp.dir().string(), "<tmp>");
    replace_all(HOTSPOT_SOURCE_DIR, "<src>");
    return text;
}

const std::string kSmallCsv =
    std::string(test::kPublishedHeader) + "\n" +
    "a1,2018-01,Essex Police,Essex Police,0.439197,51.642719,On or near Potash Road,E01021237,"
    "Basildon 001A,Burglary,Under investigation,\n"
    "a2,2018-02,Essex Police,Essex Police,0.439197,51.642719,On or near Potash Road,E01021237,"
    "Basildon 001A,Burglary,Under investigation,\n"
    "a3,2018-02,Essex Police,Essex Police,0.440887,51.639995,On or near Martingale Road,"
    "E01021237,Basildon 001A,Robbery,,\n"
    "a4,2018-02,Essex Police,Essex Police,,,No location,,,Anti-social behaviour,,\n";

}  // namespace

TEST_CASE("--help for the program and for every command", "[cli]") {
    const auto main_help = run(with_exe({"--help"}));
    CHECK(main_help.exit_code == 0);
    for (const char* command :
         {"ingest", "aggregate", "hotspots", "classify", "evaluate", "patrol", "dosage", "places", "nearrepeat", "export",
          "serve"}) {
        CHECK(main_help.out.find(command) != std::string::npos);
    }
    CHECK(main_help.out.find("Exit codes: 0 success") != std::string::npos);

    const auto serve = run(with_exe({"serve", "--help"}));
    CHECK(serve.exit_code == 0);
    CHECK(serve.out.find("--config") != std::string::npos);
    const auto bad_config = run(with_exe({"serve", "--config", "/nonexistent.json"}));
    CHECK(bad_config.exit_code == 3);
    CHECK(bad_config.err == "hotspot: error: /nonexistent.json: cannot be read\n");

    const auto aggregate = run(with_exe({"aggregate", "--help"}));
    CHECK(aggregate.exit_code == 0);
    for (const char* option : {"--incidents", "--areas", "--population", "--rollup", "--categories",
                               "--from", "--to", "--window", "--alpha", "--harm-weights",
                               "--snap-metres", "--layer", "--out", "--rejects", "--mapping",
                               "--crs", "--threads"}) {
        INFO(option);
        CHECK(aggregate.out.find(option) != std::string::npos);
    }
    const auto ingest = run(with_exe({"ingest", "--help"}));
    CHECK(ingest.exit_code == 0);
    for (const char* option : {"--workspace", "--incidents", "--mapping", "--areas"}) {
        CHECK(ingest.out.find(option) != std::string::npos);
    }
    const auto hot = run(with_exe({"hotspots", "--help"}));
    CHECK(hot.exit_code == 0);
    for (const char* option : {"--method", "--weights", "--tolerance", "--k", "--distance", "--knife",
                               "--value", "--no-fdr", "--permutations", "--seed", "--bandwidth",
                               "--cell-size", "--write-weights", "--out"}) {
        INFO(option);
        CHECK(hot.out.find(option) != std::string::npos);
    }
    const auto exp = run(with_exe({"export", "--help"}));
    CHECK(exp.exit_code == 0);
    for (const char* option : {"--workspace", "--layer", "--out", "--categories"}) {
        CHECK(exp.out.find(option) != std::string::npos);
    }
}

TEST_CASE("aggregate prints what it read, rejected and wrote", "[cli]") {
    TempDir tmp;
    test::write_file(tmp.path("small.csv"), kSmallCsv);
    const auto r = run(with_exe({"aggregate", "--incidents", tmp.path("small.csv"), "--areas",
                                 test::data_path("areas/essex-lsoa2011.gpkg"), "--window", "1",
                                 "--harm-weights", test::data_path("harm-weights.csv"), "--out",
                                 tmp.path("out.csv")}));
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(normalise(r.out, tmp) ==
          "areas      1,077 areas from <src>/data/areas/essex-lsoa2011.gpkg (code LSOA11CD, name "
          "LSOA11NM): 1 repaired, 0 merged, 0 skipped\n"
          "           <src>/data/areas/essex-lsoa2011.gpkg layer \"lsoa2011\" feature 884 "
          "(E01021909): repaired: Ring Self-intersection[588709.62292866 208391.047158421]\n"
          "read       <tmp>/small.csv: 3 incidents, 1 rejected (police.uk street-level CSV)\n"
          "assigned   3 incidents inside an area, 0 in no area\n"
          "           the source's own area code agrees for 3 of 3 incidents (100.00%)\n"
          "rejected   1 rows, all listed in <tmp>/out.rejects.csv:\n"
          "                    1 no location\n"
          "           <tmp>/small.csv:5: no location: longitude and latitude are blank\n"
          "wrote      1,077 rows (area_summary) to <tmp>/out.csv\n"
          "note       period 2018-01 to 2018-02 (2 months), 3 of 3 categories\n"
          "note       change compares 2018-02 to 2018-02 with 2018-01 to 2018-01 (exact "
          "conditional test for two Poisson counts, Benjamini-Hochberg false discovery rate "
          "0.05)\n");
    const std::string csv = test::read_file(tmp.path("out.csv"));
    // Harm: two burglaries at 28.1 and a robbery at 365.
    CHECK(csv.find("\nE01021237,Basildon 001A,,3,,421.2,,2,1,1,100,1,1,none,1,0,2,1\n") !=
          std::string::npos);
    CHECK(test::read_file(tmp.path("out.rejects.csv")) ==
          "file,line,reason,detail,raw\n" + tmp.path("small.csv") +
              ",5,no location,longitude and latitude are blank,"
              "\"a4,2018-02,Essex Police,Essex Police,,,No location,,,Anti-social behaviour,,\"\n");
}

TEST_CASE("errors: one line and a documented exit code", "[cli]") {
    TempDir tmp;
    test::write_file(tmp.path("small.csv"), kSmallCsv);
    const std::string areas = test::data_path("areas/essex-lsoa2011.gpkg");

    const auto missing = run(with_exe({"aggregate", "--incidents", tmp.path("nope.csv"), "--areas",
                                       areas, "--out", tmp.path("o.csv")}));
    CHECK(missing.exit_code == 3);
    CHECK(missing.err == "hotspot: error: " + tmp.path("nope.csv") + ": no such file\n");

    const auto usage = run(with_exe({"aggregate", "--bogus"}));
    CHECK(usage.exit_code == 2);

    const auto bad_out = run(with_exe({"aggregate", "--incidents", tmp.path("small.csv"), "--areas",
                                       areas, "--out", tmp.path("o.xlsx")}));
    CHECK(bad_out.exit_code == 4);
    CHECK(bad_out.err == "hotspot: error: " + tmp.path("o.xlsx") +
                             ": unknown output format (use .csv, .gpkg, .geojson or .shp.zip)\n");

    const auto bad_category = run(with_exe({"aggregate", "--incidents", tmp.path("small.csv"), "--areas",
                                            areas, "--categories", "Arson", "--out", tmp.path("o.csv")}));
    CHECK(bad_category.exit_code == 3);
    CHECK(bad_category.err ==
          "hotspot: error: no category \"Arson\" in the data (categories: Anti-social behaviour; "
          "Burglary; Robbery)\n");

    const auto no_ws = run(with_exe({"export", "--workspace", tmp.path("none.gpkg"), "--out",
                                     tmp.path("o.csv")}));
    CHECK(no_ws.exit_code == 5);

    const auto degrees = run(with_exe({"aggregate", "--incidents", tmp.path("small.csv"), "--areas",
                                       areas, "--crs", "EPSG:4326", "--out", tmp.path("o.csv")}));
    CHECK(degrees.exit_code == 3);
    CHECK(degrees.err == "hotspot: error: the working CRS EPSG:4326 is not projected in metres "
                         "(for Great Britain use EPSG:27700)\n");

    const auto bad_month = run(with_exe({"aggregate", "--incidents", tmp.path("small.csv"), "--areas",
                                         areas, "--from", "2018-13", "--out", tmp.path("o.csv")}));
    CHECK(bad_month.exit_code == 3);
    CHECK(bad_month.err == "hotspot: error: --from \"2018-13\" is not a month (YYYY-MM)\n");
}

TEST_CASE("ingest, ingest again, aggregate from the workspace, export", "[cli]") {
    TempDir tmp;
    const std::string ws = tmp.path("essex.gpkg");
    const std::string jan = test::essex_crime_files()[0];
    const auto first = run(with_exe({"ingest", "--workspace", ws, "--incidents", jan}));
    CHECK(first.exit_code == 0);
    CHECK(first.out.find("ingested  " + jan + ": 14,784 incidents, 2 rejected, 0 already stored (ingest 1;") == 0);
    const auto again = run(with_exe({"ingest", "--workspace", ws, "--incidents", jan}));
    CHECK(again.exit_code == 0);
    CHECK(again.out.find("skipped   " + jan + ": the same content was ingested on") == 0);
    CHECK(again.out.find("workspace " + ws + ": 14,784 incidents from 1 ingests") != std::string::npos);
    // Someone's own layer file is never turned into a workspace: unusable input, exit 3.
    const std::string own = tmp.path("lsoas.gpkg");
    std::filesystem::copy_file(test::data_path("areas/essex-lsoa2011.gpkg"), own);
    const auto refused = run(with_exe({"ingest", "--workspace", own, "--incidents", jan}));
    CHECK(refused.exit_code == 3);
    CHECK(refused.err.find("is not a hotspot workspace but a file with 1 layers of its own") != std::string::npos);
    // A configuration path that is a folder is a configuration error, not an internal one.
    const auto folder = run(with_exe({"aggregate", "--incidents", jan, "--mapping", tmp.dir().string(), "--areas",
                                      test::data_path("areas/essex-lsoa2011.gpkg"), "--out", tmp.path("x.csv")}));
    CHECK(folder.exit_code == 3);
    CHECK(folder.err.find("is a directory, not a JSON file") != std::string::npos);
    const auto nan = run(with_exe({"hotspots", "--incidents", jan, "--alpha", "nan"}));
    CHECK(nan.exit_code == 2);

    const auto agg = run(with_exe({"aggregate", "--workspace", ws, "--areas",
                                   test::data_path("areas/essex-lsoa2011.gpkg"), "--no-harm",
                                   "--out", tmp.path("lsoa.shp.zip"), "--quiet"}));
    CHECK(agg.exit_code == 0);
    CHECK(agg.out.empty());
    // What a GIS user would check first: GDAL's ogrinfo sees the CRS and every field.
    const auto info = run({"/usr/bin/ogrinfo", "-so", "-al", tmp.path("lsoa.shp.zip")});
    CHECK(info.exit_code == 0);
    CHECK(info.out.find("Feature Count: 1077") != std::string::npos);
    CHECK(info.out.find("OSGB36 / British National Grid") != std::string::npos);
    for (const char* field : {"area_code: String", "count: Integer", "change_p: Real",
                              "change_sig: String", "c_weapons: Integer"}) {
        INFO(field);
        CHECK(info.out.find(field) != std::string::npos);
    }

    const auto exp = run(with_exe({"export", "--workspace", ws, "--layer", "incidents",
                                   "--categories", "weapons", "--out", tmp.path("weapons.geojson")}));
    CHECK(exp.exit_code == 0);
    detail::gdal_init();
    GDALDatasetUniquePtr ds(GDALDataset::Open(tmp.path("weapons.geojson").c_str(), GDAL_OF_VECTOR));
    REQUIRE(ds);
    OGRLayer* layer = ds->GetLayer(0);
    CHECK(layer->GetFeatureCount() > 0);
    for (auto& f : *layer) {
        CHECK(std::string(f->GetFieldAsString("category")) == "Possession of weapons");
    }
    CHECK(exp.out == "wrote     " + std::to_string(layer->GetFeatureCount()) +
                         " rows (incidents) to " + tmp.path("weapons.geojson") + "\n");
}

TEST_CASE("hostile text in, UTF-8 out: CSV, GeoJSON, GeoPackage, Shapefile and the rejects", "[cli][hostile]") {
    TempDir tmp;
    const std::string row = "Essex Police,Essex Police,0.439197,51.642719,";
    std::string text = std::string(test::kPublishedHeader) + "\n";
    text += "h1,2018-01," + row + "On or near Caf\xE9 Rouge,E01021237,Basildon 001A,Burglary,,\n";  // cp1252
    text += "h2,2018-01," + row + "On or near X,E01021237,Basildon 001A,Violence\xFF sexual,,\n";   // cp1252 y-umlaut
    text += std::string("h3\0,2018-01,", 12) + row + "On or near X,E01021237,Basildon 001A,Burglary,,\n";
    text += "h4,2018-01," + row + "\"On or near X,E01021237,Basildon 001A,Burglary,,\n";             // never closed
    text += "h5,2018-02," + row + "On or near X,E01021237,Basildon 001A,Robbery,,\n";
    test::write_file(tmp.path("hostile.csv"), text);
    const auto valid_file = [](const std::string& path) {
        const std::string bytes = test::read_file(path);
        INFO(path);
        CHECK(is_valid_utf8(bytes));
    };
    for (const std::string encoding : {"utf-8", "windows-1252"}) {
        for (const std::string ext : {"csv", "geojson", "gpkg", "shp.zip"}) {
            const std::string out = tmp.path(encoding + "." + ext);
            const auto r = run(with_exe({"aggregate", "--incidents", tmp.path("hostile.csv"), "--encoding", encoding,
                                         "--areas", test::data_path("areas/essex-lsoa2011.gpkg"), "--no-harm",
                                         "--rejects", tmp.path(encoding + "-rejects.csv"), "--out", out}));
            INFO(r.out << r.err);
            REQUIRE(r.exit_code == 0);
            // Read as UTF-8, four rows are set aside (two not UTF-8, one with a NUL, and the
            // unclosed quote, which costs its own row only); told the encoding, two of them
            // are read.
            CHECK(r.out.find(encoding == "utf-8" ? "1 incidents, 4 rejected" : "3 incidents, 2 rejected") !=
                  std::string::npos);
            valid_file(tmp.path(encoding + "-rejects.csv"));
            if (ext == "csv" || ext == "geojson") {
                valid_file(out);
            }
            // Every string GDAL reads back (the Shapefile through its .cpg) is UTF-8.
            detail::gdal_init();
            const std::string open = ext == "shp.zip" ? "/vsizip/" + out : out;
            GDALDatasetUniquePtr ds(GDALDataset::Open(open.c_str(), GDAL_OF_VECTOR));
            REQUIRE(ds);
            for (auto& f : *ds->GetLayer(0)) {
                for (int i = 0; i < f->GetFieldCount(); ++i) {
                    CHECK(is_valid_utf8(f->GetFieldAsString(i)));
                    CHECK(is_valid_utf8(f->GetFieldDefnRef(i)->GetNameRef()));
                }
            }
        }
    }
    const std::string rejects = test::read_file(tmp.path("utf-8-rejects.csv"));
    CHECK(rejects.find("invalid text,\"field 7 (Location) is not UTF-8: byte 0xE9") != std::string::npos);
    CHECK(rejects.find("NUL byte,field 1 (Crime ID) holds a NUL byte") != std::string::npos);
    CHECK(rejects.find("unterminated quote,\"the file ends inside a quoted field") != std::string::npos);
}

TEST_CASE("an ingest killed at any moment leaves the workspace as it was", "[cli][kill]") {
    TempDir tmp;
    const std::string ws = tmp.path("essex.gpkg");
    // A large input: the seven months in one file.
    std::string all = test::read_file(test::essex_crime_files()[0]);
    for (size_t i = 1; i < test::essex_crime_files().size(); ++i) {
        const std::string month = test::read_file(test::essex_crime_files()[i]);
        all += month.substr(month.find('\n') + 1);
    }
    test::write_file(tmp.path("all.csv"), all);
    REQUIRE(run(with_exe({"ingest", "-q", "--workspace", ws, "--incidents",
                          test::essex_crime_files()[0]})).exit_code == 0);
    const OGRSpatialReference bng = parse_crs("EPSG:27700");
    const int64_t before = Workspace::open(ws, false, bng).incident_count();

    // How long a whole ingest takes here, measured on a copy.
    std::filesystem::copy_file(ws, tmp.path("probe.gpkg"));
    const auto t0 = std::chrono::steady_clock::now();
    REQUIRE(run(with_exe({"ingest", "-q", "--workspace", tmp.path("probe.gpkg"), "--incidents",
                          tmp.path("all.csv")})).exit_code == 0);
    const auto full = std::chrono::steady_clock::now() - t0;

    // All or nothing: a kill before the commit leaves the workspace as it was; a kill
    // after it (while the program closes the file) leaves the whole ingest. January's
    // rows are in the workspace already, so the whole ingest adds only the other months.
    const int64_t whole = before + (115065 - 218) - before;
    int killed_before_commit = 0;
    bool complete = false;
    for (const double fraction : {0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 0.97}) {
        INFO("killed at " << fraction << " of a full ingest");
        const int pid = test::start(with_exe({"ingest", "-q", "--workspace", ws, "--incidents",
                                              tmp.path("all.csv")}));
        std::this_thread::sleep_for(
            std::chrono::duration_cast<std::chrono::microseconds>(full * fraction));
        ::kill(pid, SIGKILL);
        const int code = test::wait_for(pid);
        CHECK((code == 128 + SIGKILL || code == 0));
        const Workspace after = Workspace::open(ws, false, bng);
        const int64_t count = after.incident_count();
        CHECK((count == before || count == whole));
        CHECK(after.log().size() == (count == before ? 1U : 2U));
        if (count == whole) {
            complete = true;
            break;
        }
        ++killed_before_commit;
    }
    CHECK(killed_before_commit >= 4);
    // The workspace is intact: a complete ingest now succeeds (or is skipped as done).
    const auto done = run(with_exe({"ingest", "--workspace", ws, "--incidents", tmp.path("all.csv")}));
    CHECK(done.exit_code == 0);
    CHECK(done.out.find(complete ? "skipped" : "ingested") == 0);
    const Workspace final_ws = Workspace::open(ws, false, bng);
    CHECK(final_ws.incident_count() == whole);
    detail::gdal_init();
    GDALDatasetUniquePtr ds(GDALDataset::Open(ws.c_str(), GDAL_OF_VECTOR));
    OGRLayer* check = ds->ExecuteSQL("PRAGMA integrity_check", nullptr, nullptr);
    REQUIRE(check != nullptr);
    auto f = std::unique_ptr<OGRFeature>(check->GetNextFeature());
    CHECK(std::string(f->GetFieldAsString(0)) == "ok");
    ds->ReleaseResultSet(check);
}

TEST_CASE("hotspots: the command-line contract on the sample", "[cli][hotspots]") {
    TempDir tmp;
    std::vector<std::string> common{"--areas", test::data_path("areas/essex-lsoa2011.gpkg"), "-q",
                                    "--incidents"};
    for (const auto& f : test::essex_crime_files()) {
        common.push_back(f);
    }
    auto cmd = [&](std::vector<std::string> args) {
        args.insert(args.begin(), "hotspots");
        args.insert(args.end(), common.begin(), common.end());
        return run(with_exe(args));
    };
    const auto gi = cmd({"--method", "gi", "--weights", "queen", "--write-weights",
                         tmp.path("queen.gal"), "--out", tmp.path("gi.csv")});
    CHECK(gi.exit_code == 0);
    CHECK(test::read_file(tmp.path("gi.csv"))
              .rfind("area_code,area_name,count,n_nbrs,gi_z,gi_p,gi_bin,gi_class\n", 0) == 0);
    CHECK(test::read_file(tmp.path("queen.gal")).rfind("0 1077 lsoa2011 LSOA11CD\n", 0) == 0);

    const auto lisa = cmd({"--method", "lisa", "--permutations", "99", "--out", tmp.path("lisa.csv")});
    CHECK(lisa.exit_code == 0);
    CHECK(test::read_file(tmp.path("lisa.csv"))
              .rfind("area_code,area_name,count,n_nbrs,gi_z,gi_p,gi_bin,gi_class,lisa_i,lisa_p,"
                     "lisa_quadrant,lisa_clust\n",
                     0) == 0);

    const auto kde = cmd({"--method", "kde", "--bandwidth", "300", "--cell-size", "25", "--out",
                          tmp.path("density.tif")});
    CHECK(kde.exit_code == 0);
    const auto info = run({"/usr/bin/gdalinfo", tmp.path("density.tif")});
    CHECK(info.out.find("OSGB36 / British National Grid") != std::string::npos);
    CHECK(info.out.find("Pixel Size = (25.000000000000000,-25.000000000000000)") != std::string::npos);

    const auto knife = cmd({"--method", "gi", "--knife", "--value", "harm", "--out", tmp.path("k.gpkg")});
    CHECK(knife.exit_code == 0);
}

TEST_CASE("hotspots: clear messages, not crashes, for inputs without a pattern", "[cli][hotspots]") {
    TempDir tmp;
    test::write_file(tmp.path("small.csv"), kSmallCsv);
    const std::string lsoas = test::data_path("areas/essex-lsoa2011.gpkg");
    // Robbery only in February: no robbery at all in January, so every area is 0.
    const auto empty = run(with_exe({"hotspots", "--method", "gi", "--incidents", tmp.path("small.csv"),
                                     "--areas", lsoas, "--categories", "Robbery", "--to", "2018-01",
                                     "--out", tmp.path("o.csv")}));
    CHECK(empty.exit_code == 3);
    CHECK(empty.err == "hotspot: error: Gi*: every area has the same value (0.000000), so nothing "
                       "stands out; widen the filter or the period\n");
    // One area only.
    const auto one = run({"/usr/bin/ogr2ogr", "-f", "GPKG", tmp.path("one.gpkg"), lsoas, "-where",
                          "LSOA11CD = 'E01021237'"});
    REQUIRE(one.exit_code == 0);
    const auto single = run(with_exe({"hotspots", "--method", "lisa", "--incidents", tmp.path("small.csv"),
                                      "--areas", tmp.path("one.gpkg"), "--out", tmp.path("o.csv")}));
    CHECK(single.exit_code == 3);
    CHECK(single.err == "hotspot: error: Gi* needs at least 3 areas; there are 1\n");
    // Rates without a population.
    const auto rates = run(with_exe({"hotspots", "--method", "gi", "--incidents", tmp.path("small.csv"),
                                     "--areas", lsoas, "--value", "rate", "--out", tmp.path("o.csv")}));
    CHECK(rates.exit_code == 3);
    CHECK(rates.err == "hotspot: error: rates need a population for every area, and 1077 areas "
                       "have none (give --population, or analyse counts)\n");
    const auto tif = run(with_exe({"hotspots", "--method", "kde", "--incidents", tmp.path("small.csv"),
                                   "--out", tmp.path("o.csv")}));
    CHECK(tif.exit_code == 4);
}

TEST_CASE("classify: the command-line contract on the sample", "[cli][engagement]") {
    TempDir tmp;
    const auto csv = run(with_exe({"classify", "--out", tmp.path("eng.csv")}));
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out.find("SYNTHETIC") != std::string::npos);  // the sample says what it is
    CHECK(csv.out.find("<- chosen") != std::string::npos);   // and how k was chosen
    const std::string table = test::read_file(tmp.path("eng.csv"));
    CHECK(table.rfind("area_code,area_name,class_code,class_name,engagement,engage_idx,belonging,"
                      "diversity,fear,satisfaction,participation,",
                      0) == 0);
    CHECK(std::count(table.begin(), table.end(), '\n') == 1078);
    CHECK(table.find(",rich,") != std::string::npos);
    CHECK(table.find(",poor,") != std::string::npos);
    const std::string classes = test::read_file(tmp.path("eng.classes.csv"));
    CHECK(classes.rfind("class_code,class_name,areas,share,engagement,", 0) == 0);
    // Run again: the same classes, byte for byte, whatever the threads.
    const auto again = run(with_exe({"classify", "--threads", "1", "-q", "--out", tmp.path("again.csv")}));
    CHECK(again.exit_code == 0);
    CHECK(test::read_file(tmp.path("again.csv")) == table);

    // The same through the one export path, as a layer any GIS opens.
    const auto gpkg = run(with_exe({"classify", "--k", "5", "-q", "--out", tmp.path("eng.gpkg")}));
    REQUIRE(gpkg.exit_code == 0);
    detail::gdal_init();
    GDALDatasetUniquePtr ds(GDALDataset::Open(tmp.path("eng.gpkg").c_str(), GDAL_OF_VECTOR));
    REQUIRE(ds);
    CHECK(ds->GetLayer(0)->GetFeatureCount() == 1077);
    CHECK(ds->GetLayer(0)->GetLayerDefn()->GetFieldIndex("class_name") >= 0);
    const auto shp = run(with_exe({"classify", "-q", "--out", tmp.path("eng.shp.zip")}));
    CHECK(shp.exit_code == 0);

    // Bad survey rows are counted and listed, not fatal.
    test::write_file(tmp.path("survey.csv"),
                     test::read_file(test::data_path("survey/essex-survey-synthetic.csv")) +
                         "X1,E99999999,1,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,yes\n");
    const auto bad = run(with_exe({"classify", "--survey", tmp.path("survey.csv"), "--out", tmp.path("b.csv")}));
    CHECK(bad.exit_code == 0);
    CHECK(bad.out.find("1 unknown area") != std::string::npos);
    CHECK(test::read_file(tmp.path("b.rejects.csv")).find("E99999999") != std::string::npos);
    const auto usage = run(with_exe({"classify", "--k-min", "8", "--k-max", "4", "--out", tmp.path("u.csv")}));
    CHECK(usage.exit_code == 3);
    CHECK(usage.err.find("--k-min 8 is above --k-max 4") != std::string::npos);
}

TEST_CASE("evaluate: the command-line contract on the sample", "[cli][evaluate]") {
    TempDir tmp;
    const auto r = run(with_exe({"evaluate", "--out", tmp.path("eval.csv")}));
    REQUIRE(r.exit_code == 0);
    const std::string table = test::read_file(tmp.path("eval.csv"));
    CHECK(table.rfind("method,area_share,crime_set,hit_rate,pai,pei_star,rri,", 0) == 0);
    // 8 methods × 2 shares × 2 crime sets, and the header.
    CHECK(std::count(table.begin(), table.end(), '\n') == 33);
    CHECK(table.find(",knife crime,") != std::string::npos);
    const std::string chart = test::read_file(tmp.path("eval.svg"));
    CHECK(chart.rfind("<svg", 0) == 0);
    // A panel for all crime and one for knife crime, each naming the method to trust.
    CHECK(chart.find("data-crime-set=\"all crime\"") != std::string::npos);
    CHECK(chart.find("data-crime-set=\"knife crime\"") != std::string::npos);
    CHECK(chart.find("class=\"verdict\">Best at 1.0 % of the area: ") != std::string::npos);
    // Demanding more events than knife crime has: the chart says so plainly.
    REQUIRE(run(with_exe({"evaluate", "--min-events", "1000", "-q", "--out", tmp.path("strict.csv")})).exit_code == 0);
    const std::string strict = test::read_file(tmp.path("strict.svg"));
    CHECK(strict.find("Too few events to judge: ") != std::string::npos);
    CHECK(strict.find("Treat these bars as noise") != std::string::npos);
    const auto too_long = run(with_exe({"evaluate", "--train-months", "7", "--out", tmp.path("x.csv")}));
    CHECK(too_long.exit_code == 3);
    CHECK(too_long.err.find("too few for 7 training months") != std::string::npos);
}

TEST_CASE("patrol: the command-line contract on the sample", "[cli][patrol]") {
    TempDir tmp;
    const auto r = run(with_exe({"patrol", "--officer-hours", "4", "--out", tmp.path("plan.csv")}));
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("% of the harm on") != std::string::npos);
    const std::string plan = test::read_file(tmp.path("plan.csv"));
    CHECK(plan.rfind("place_id,group,team,unit,code,name,x,y,longitude,latitude,radius_m,area_m2,harm,incidents,"
                     "visits_day,minutes_day,days",
                     0) == 0);
    // 4 hours of 15-minute visits with 10 minutes' travel: 9 places.
    CHECK(std::count(plan.begin(), plan.end(), '\n') == 10);
    const std::string schedule = test::read_file(tmp.path("plan.schedule.csv"));
    CHECK(std::count(schedule.begin(), schedule.end(), '\n') == 1 + 9 * 7);
    // The same seed, the same schedule; the plan as polygons for a GIS.
    REQUIRE(run(with_exe({"patrol", "--officer-hours", "4", "-q", "--out", tmp.path("again.csv")})).exit_code == 0);
    CHECK(test::read_file(tmp.path("again.schedule.csv")) == schedule);
    const auto shp = run(with_exe({"patrol", "--officer-hours", "4", "--experiment", "pairs", "-q", "--out",
                                   tmp.path("plan.shp.zip")}));
    REQUIRE(shp.exit_code == 0);
    detail::gdal_init();
    const std::string zip = "/vsizip/" + tmp.path("plan.shp.zip");
    GDALDatasetUniquePtr ds(GDALDataset::Open(zip.c_str(), GDAL_OF_VECTOR));
    REQUIRE(ds);
    CHECK(ds->GetLayer(0)->GetFeatureCount() == 18);  // nine patrolled, nine controls
    // 28 hours a week is 4 a day: the same plan.
    REQUIRE(run(with_exe({"patrol", "--officer-hours-week", "28", "-q", "--out", tmp.path("week.csv")})).exit_code ==
            0);
    CHECK(test::read_file(tmp.path("week.csv")) == plan);
    CHECK(run(with_exe({"patrol", "--officer-hours", "4", "--officer-hours-week", "28", "--out", tmp.path("w.csv")}))
              .exit_code == 2);
    // Three teams: every patrolled place in a beat, a briefing page per team.
    const auto teams = run(with_exe({"patrol", "--officer-hours", "4", "--teams", "3", "-q", "--out",
                                     tmp.path("teams.csv")}));
    REQUIRE(teams.exit_code == 0);
    const std::string briefing = test::read_file(tmp.path("teams.briefing.html"));
    size_t pages = 0;
    for (size_t at = briefing.find("<section class=\"team\""); at != std::string::npos;
         at = briefing.find("<section class=\"team\"", at + 1)) {
        ++pages;
    }
    CHECK(pages == 3);
    // Burglary alone: another plan; an unknown category is a clear error.
    REQUIRE(run(with_exe({"patrol", "--officer-hours", "4", "--categories", "burglary", "-q", "--out",
                          tmp.path("burglary.csv")}))
                .exit_code == 0);
    CHECK(test::read_file(tmp.path("burglary.csv")) != plan);
    const auto arson = run(with_exe({"patrol", "--categories", "arson", "--out", tmp.path("a.csv")}));
    CHECK(arson.exit_code == 3);
    CHECK(arson.err.find("arson") != std::string::npos);
    // LSOAs as units: each row is an LSOA of the sample.
    const auto lsoa = run(with_exe({"patrol", "--officer-hours", "4", "--unit", "lsoa", "-q", "--out",
                                    tmp.path("lsoa.csv")}));
    REQUIRE(lsoa.exit_code == 0);
    const std::string by_lsoa = test::read_file(tmp.path("lsoa.csv"));
    CHECK(by_lsoa.find(",lsoa,E01") != std::string::npos);
    CHECK(std::count(by_lsoa.begin(), by_lsoa.end(), '\n') == 10);
    const auto bad = run(with_exe({"patrol", "--window", "22:00", "--out", tmp.path("x.csv")}));
    CHECK(bad.exit_code == 3);
    const auto tiny = run(with_exe({"patrol", "--officer-hours", "0.2", "--out", tmp.path("y.csv")}));
    CHECK(tiny.exit_code == 3);
    CHECK(tiny.err.find("more than the officer hours allow") != std::string::npos);
}

namespace {

/// The rows of a CSV, by the value of its first column.
std::map<std::string, std::map<std::string, std::string>> csv_rows(const std::string& path) {
    detail::gdal_init();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR));
    REQUIRE(ds);
    std::map<std::string, std::map<std::string, std::string>> out;
    for (const auto& f : *ds->GetLayer(0)) {
        std::map<std::string, std::string> row;
        for (int i = 0; i < f->GetFieldCount(); ++i) {
            row[f->GetFieldDefnRef(i)->GetNameRef()] = f->GetFieldAsString(i);
        }
        out[f->GetFieldAsString(0)] = row;
    }
    return out;
}

}  // namespace

TEST_CASE("dosage: a plan against visit records and GPS fixes", "[cli][patrol]") {
    TempDir tmp;
    REQUIRE(run(with_exe({"patrol", "--officer-hours", "4", "-q", "--out", tmp.path("plan.csv")})).exit_code == 0);
    // A week of visits from 1 August 2018: each place its 15 minutes a day, except place 3
    // (never visited) and place 5 (5 minutes a day); and one row with an impossible time.
    std::string log = "place_id,start,end,officer\n";
    for (int day = 1; day <= 7; ++day) {
        for (int place = 1; place <= 9; ++place) {
            if (place == 3) {
                continue;
            }
            const std::string date = "2018-08-0" + std::to_string(day) + " ";
            log += std::to_string(place) + "," + date + "14:00," + date + (place == 5 ? "14:05" : "14:15") + ",PC1\n";
        }
    }
    log += "4,2018-08-02 25:00,2018-08-02 25:15,PC9\n";
    test::write_file(tmp.path("log.csv"), log);
    const auto r = run(with_exe({"dosage", "--plan", tmp.path("plan.csv"), "--log", tmp.path("log.csv"), "--out",
                                 tmp.path("dosage.csv")}));
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("2018-08-01 to 2018-08-07 (7 days") != std::string::npos);
    CHECK(r.out.find("770 of 945 planned minutes (81.5 %)") != std::string::npos);  // (7 x 15 + 5) x 7 of 9 x 105
    CHECK(r.out.find("2 of 9 planned places got under half their minutes") != std::string::npos);
    CHECK(r.out.find("log.csv:58: bad date") != std::string::npos);
    const auto rows = csv_rows(tmp.path("dosage.csv"));
    REQUIRE(rows.size() == 9);
    CHECK(rows.at("1").at("planned_minutes") == "105");
    CHECK(rows.at("1").at("delivered_minutes") == "105");
    CHECK(rows.at("1").at("dosage") == "1");
    CHECK(rows.at("3").at("delivered_minutes") == "0");
    CHECK(rows.at("3").at("note") == "under half the planned minutes");
    CHECK(rows.at("5").at("delivered_minutes") == "35");
    CHECK(rows.at("5").at("days_visited") == "7");
    const std::string daily = test::read_file(tmp.path("dosage.daily.csv"));
    CHECK(std::count(daily.begin(), daily.end(), '\n') == 1 + 9 * 7);
    const std::string rejects = test::read_file(tmp.path("dosage.rejects.csv"));
    CHECK(rejects.find("25:00") != std::string::npos);

    // GPS: a fix a minute for 16 minutes at place 1 on one day is its 15 minutes.
    const auto plan = csv_rows(tmp.path("plan.csv"));
    const std::string at = plan.at("1").at("longitude") + "," + plan.at("1").at("latitude");
    std::string gps = "device,longitude,latitude,time\n";
    for (int i = 0; i < 16; ++i) {
        gps += "radio7," + at + ",2018-08-01T09:" + (i < 10 ? "0" : "") + std::to_string(i) + ":30\n";
    }
    gps += "radio7,0.2,51.9,2018-08-01T09:30:00\n";  // elsewhere
    test::write_file(tmp.path("gps.csv"), gps);
    const auto g = run(with_exe({"dosage", "--plan", tmp.path("plan.csv"), "--log", tmp.path("gps.csv"), "-q",
                                 "--out", tmp.path("gps-dosage.csv")}));
    REQUIRE(g.exit_code == 0);
    const auto by_gps = csv_rows(tmp.path("gps-dosage.csv"));
    CHECK(by_gps.at("1").at("delivered_minutes") == "15");
    CHECK(by_gps.at("1").at("planned_minutes") == "15");
    CHECK(by_gps.at("2").at("delivered_minutes") == "0");

    // A log that is neither, and a plan that is not a plan: one clear line, exit 3.
    test::write_file(tmp.path("odd.csv"), "who,when\nPC1,today\n");
    const auto odd = run(with_exe({"dosage", "--plan", tmp.path("plan.csv"), "--log", tmp.path("odd.csv"), "--out",
                                   tmp.path("x.csv")}));
    CHECK(odd.exit_code == 3);
    CHECK(odd.err.find("the columns are: who, when") != std::string::npos);
    const auto not_plan = run(with_exe({"dosage", "--plan", tmp.path("log.csv"), "--log", tmp.path("log.csv"),
                                        "--out", tmp.path("x.csv")}));
    CHECK(not_plan.exit_code == 3);
    CHECK(not_plan.err.find("not a patrol plan") != std::string::npos);
}

TEST_CASE("nearrepeat: the command-line contract on the calculator's burglaries", "[cli][nearrepeat]") {
    TempDir tmp;
    const auto r = run(with_exe({"nearrepeat", "--events", test::fixture("nearrepeat/chicago_be_month1.csv"),
                                 "--distance-band", "100", "--distance-bands", "3", "--time-band", "7",
                                 "--time-bands", "3", "--permutations", "199", "--seed", "7", "--out",
                                 tmp.path("knox.csv")}));
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("970 events, 2015-12-31 to 2016-01-31") != std::string::npos);
    CHECK(r.out.find("within 1 to 100 metres of an incident, near repeats are over-represented for up to 7 days") !=
          std::string::npos);
    std::vector<std::vector<std::string>> rows;
    std::vector<int64_t> lines;
    read_small_csv(tmp.path("knox.csv"), rows, lines);
    REQUIRE(rows.size() == 21);
    const std::vector<std::string> head = {"distance_band", "time_band", "observed", "expected", "ratio", "p"};
    CHECK(std::vector<std::string>(rows[0].begin(), rows[0].begin() + 6) == head);
    CHECK(rows[1][0] == "same");
    CHECK(rows[1][1] == "0-7");
    CHECK(rows[1][2] == "28");
    CHECK(rows[5][0] == "1-100");
    CHECK(rows[5][2] == "44");
    CHECK(rows[20][0] == ">300");
    CHECK(rows[20][1] == ">21");
    CHECK(rows[20][2] == "45879");
    CHECK(std::stod(rows[1][5]) == Approx(0.005));  // none of 199 permutations reach 28: 1 / 200
    const std::string html = test::read_file(tmp.path("knox.html"));
    CHECK(html.find("<td class=\"strong\">") != std::string::npos);
    CHECK(html.find("http") == std::string::npos);  // nothing fetched from outside
    // The cocooning list: zones around the last week's burglaries on the last day.
    rows.clear();
    lines.clear();
    read_small_csv(tmp.path("knox.zones.csv"), rows, lines);
    CHECK(rows.size() > 100);
    CHECK(rows[1][3] == "2016-01-31");
    CHECK(rows[1][4] == "200");
    CHECK(rows[0].size() == 7);  // no CRS given: no longitude and latitude
    // With the events' CRS the zones get longitude and latitude (GDAL's for the first event).
    const auto mapped_zones = run(with_exe({"nearrepeat", "--events", test::fixture("nearrepeat/chicago_be_month1.csv"),
                                            "--permutations", "19", "--crs", "EPSG:26971", "--today", "2016-01-01",
                                            "--zone-metres", "100", "--zone-days", "1", "-q", "--out",
                                            tmp.path("k1.csv")}));
    REQUIRE(mapped_zones.exit_code == 0);
    rows.clear();
    lines.clear();
    read_small_csv(tmp.path("k1.zones.csv"), rows, lines);
    REQUIRE(rows.size() > 1);
    CHECK(rows[0][7] == "longitude");
    CHECK(rows[0][8] == "latitude");
    size_t second = 0;
    for (size_t i = 1; i < rows.size(); ++i) {
        if (rows[i][0] == "2") {  // the file's second line: 355691.341195498,586715.567123158
            ++second;
            CHECK(std::stod(rows[i][7]) == Approx(-87.66166).margin(1e-4));
            CHECK(std::stod(rows[i][8]) == Approx(41.94953).margin(1e-4));
        }
    }
    CHECK(second == 1);
    const auto geographic = run(with_exe({"nearrepeat", "--events", test::fixture("nearrepeat/chicago_be_month1.csv"),
                                          "--crs", "EPSG:4326", "--out", tmp.path("k0.csv")}));
    CHECK(geographic.exit_code == 3);
    const auto fixed = run(with_exe({"nearrepeat", "--events", test::fixture("nearrepeat/chicago_be_month1.csv"),
                                     "--permutations", "19", "--today", "2016-01-10", "--zone-metres", "400",
                                     "--zone-days", "14", "-q", "--out", tmp.path("k2.csv")}));
    REQUIRE(fixed.exit_code == 0);
    CHECK(fixed.out.empty());
    rows.clear();
    lines.clear();
    read_small_csv(tmp.path("k2.zones.csv"), rows, lines);
    REQUIRE(rows.size() > 1);
    for (size_t i = 1; i < rows.size(); ++i) {
        CHECK(rows[i][3] <= "2016-01-10");
        CHECK(rows[i][3] >= "2015-12-28");
        CHECK(rows[i][4] == "400");
    }

    // Bad rows are rejected with their line; bad options and files are one clear line.
    test::write_file(tmp.path("ev.csv"), "x,y,date\n0,0,2016-01-01\n5,5,2016-01-02\nabc,5,2016-01-02\n"
                                         "9,9,31/02/2016\n");
    const auto bad_rows = run(with_exe({"nearrepeat", "--events", tmp.path("ev.csv"), "--permutations", "19",
                                        "--out", tmp.path("k3.csv")}));
    REQUIRE(bad_rows.exit_code == 0);
    CHECK(bad_rows.out.find("only 2 events") != std::string::npos);
    const std::string rejects = test::read_file(tmp.path("k3.rejects.csv"));
    CHECK(rejects.find("31/02/2016") != std::string::npos);
    CHECK(rejects.find("abc") != std::string::npos);
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--distance-band", "0"},
             {"--distance-band", "nan"},
             {"--time-bands", "1000"},
             {"--permutations", "-5"},
             {"--metric", "chebyshev"},
             {"--today", "yesterday"}}) {
        std::vector<std::string> argv = {"nearrepeat", "--events", tmp.path("ev.csv"), "--out", tmp.path("k4.csv")};
        argv.insert(argv.end(), args.begin(), args.end());
        const auto e = run(with_exe(argv));
        INFO(args[0] << " " << args[1] << ": " << e.err);
        CHECK((e.exit_code == 2 || e.exit_code == 3));
        CHECK(e.err.find(args[0]) != std::string::npos);
    }
    const auto missing = run(with_exe({"nearrepeat", "--events", tmp.path("none.csv"), "--out", tmp.path("k5.csv")}));
    CHECK(missing.exit_code == 3);
    CHECK(missing.err.find("none.csv") != std::string::npos);

    // A force's export through its column mapping, one category of it: burglaries 50 m
    // and a day apart, a robbery among them left out, and a row without a date rejected.
    std::string force = "Ref,Easting,Northing,Date,Type\n";
    for (int i = 0; i < 40; ++i) {
        const int day = 1 + (i % 28);
        force += std::to_string(i) + "," + std::to_string(570000 + 50 * i) + ",206900," + (day < 10 ? "0" : "") +
                 std::to_string(day) + "/0" + std::to_string(1 + i / 28) + "/2018,BURG\n";
    }
    force += "99,570000,206900,01/01/2018,ROB\n100,570000,206900,,BURG\n";
    test::write_file(tmp.path("force.csv"), force);
    test::write_file(tmp.path("mapping.json"),
                     R"({"x": "Easting", "y": "Northing", "crs": "EPSG:27700", "date": "Date", "category": "Type",
                         "category_values": {"BURG": "Burglary", "ROB": "Robbery"}, "id": "Ref"})");
    const auto mapped = run(with_exe({"nearrepeat", "--incidents", tmp.path("force.csv"), "--mapping",
                                      tmp.path("mapping.json"), "--categories", "Burglary", "--permutations", "99",
                                      "--out", tmp.path("k6.csv")}));
    INFO(mapped.out << mapped.err);
    REQUIRE(mapped.exit_code == 0);
    CHECK(mapped.out.find("42 rows, 40 events, 2018-01-01 to 2018-02-12") != std::string::npos);
    CHECK(mapped.out.find("1 rejected") != std::string::npos);
    // police.uk has only months: refused, saying why.
    const auto monthly = run(with_exe({"nearrepeat", "--incidents", test::essex_crime_files().front(), "--out",
                                       tmp.path("k7.csv")}));
    CHECK(monthly.exit_code == 3);
    CHECK(monthly.err.find("no incident has a day, only a month") != std::string::npos);
    const auto both = run(with_exe({"nearrepeat", "--events", tmp.path("ev.csv"), "--incidents", tmp.path("force.csv"),
                                    "--out", tmp.path("k8.csv")}));
    CHECK(both.exit_code == 2);
    const auto crs = run(with_exe({"nearrepeat", "--incidents", tmp.path("force.csv"), "--mapping",
                                   tmp.path("mapping.json"), "--crs", "EPSG:26971", "--out", tmp.path("k9.csv")}));
    CHECK(crs.exit_code == 3);
    CHECK(crs.err.find("--crs goes with --events") != std::string::npos);
}

TEST_CASE("places: the command-line contract on the sample", "[cli][places]") {
    TempDir tmp;
    const auto r = run(with_exe({"places", "--top", "3", "--out", tmp.path("places.csv"), "--monthly",
                                 tmp.path("monthly.csv")}));
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const auto rows = csv_rows(tmp.path("places.csv"));
    REQUIRE(rows.size() > 10000);
    const auto& top = rows.at("1");
    {
        // Every place's incidents and harm by category and month add up to its row.
        std::vector<std::vector<std::string>> monthly;
        std::vector<int64_t> lines;
        read_small_csv(tmp.path("monthly.csv"), monthly, lines);
        REQUIRE(monthly.at(0) == std::vector<std::string>{"place_id", "category", "month", "count", "harm"});
        std::map<std::string, std::pair<int64_t, double>> sums;
        for (size_t i = 1; i < monthly.size(); ++i) {
            sums[monthly[i][0]].first += std::stoll(monthly[i][3]);
            sums[monthly[i][0]].second += std::stod(monthly[i][4]);
        }
        CHECK(sums.size() == rows.size());
        for (const auto& [id, row] : rows) {
            CHECK(sums[id].first == std::stoll(row.at("count")));
            CHECK(sums[id].second == Approx(std::stod(row.at("harm"))));
        }
        CHECK(monthly[1][0] == "1");  // the airport first, January 2018 first
        CHECK(monthly[1][2] == "2018-01");
    }
    for (const char* field : {"place_id", "location", "street", "area_code", "count", "harm", "flag"}) {
        CHECK(top.count(field) == 1);
    }
    CHECK(top.at("location") == "On or near Airport/Airfield");
    CHECK(top.at("flag") == "airport");
    CHECK(top.at("street").empty());
    CHECK(top.at("ward_name") == "Takeley and the Canfields");
    // The window comparison as for areas: May to July against February to April. With
    // 17,025 places tested, even the airport's rise (p 2.9e-5) is not significant after
    // the false discovery rate adjustment, and the summary says none is.
    CHECK(top.at("cur") == "503");
    CHECK(top.at("prev") == "378");
    CHECK(std::stod(top.at("change_p")) == Approx(2.8615e-5).epsilon(1e-3));
    CHECK(top.at("change_sig") == "none");
    CHECK(r.out.find("0 places rising and 0 falling significantly, 2018-05 to 2018-07 against 2018-02 to 2018-04") !=
          std::string::npos);
    // Every airport row of the sample (1,099) is at a flagged place, with 172 more at the
    // car parks, coach station and road within 600 m of Stansted's terminal; so are the
    // police stations' 1,079 (858 "Police Station", 169 Chelmsford's, 51 Grays', 1
    // Kelvedon's).
    std::map<std::string, int64_t> by_flag;
    int64_t total = 0;
    for (const auto& [id, row] : rows) {
        by_flag[row.at("flag")] += std::stoll(row.at("count"));
        total += std::stoll(row.at("count"));
        if (row.at("location") == "On or near Hospital Lane") {
            CHECK(row.at("flag").empty());
            CHECK(row.at("street") == "Hospital Lane");
        }
    }
    CHECK(by_flag["airport"] == 1099 + 172);
    CHECK(by_flag["police_station"] == 1079);
    CHECK(by_flag["hospital"] == 708);
    CHECK(total == 114746);
    CHECK(r.out.find("the place with most harm is flagged airport") != std::string::npos);
    CHECK(r.out.find("1. On or near Airport/Airfield, Takeley and the Canfields: 1027 incidents") != std::string::npos);
    const std::string streets = test::read_file(tmp.path("places.streets.csv"));
    CHECK(streets.starts_with("ward_code,ward_name,street,rank,places,count,harm,share\n"));
    CHECK(streets.find("E05004107,Moulsham and Central,High Street Chelmsford,1,") != std::string::npos);
    CHECK(streets.find("Police Station,") == std::string::npos);  // a kind of place is not a street

    // Knife crime as police.uk can show it: 454 of the weapons rows are at "Airport/
    // Airfield", 56 more at the airport's car parks.
    const auto w = run(with_exe({"places", "--categories", "Possession of weapons", "-q", "--out",
                                 tmp.path("weapons.csv")}));
    REQUIRE(w.exit_code == 0);
    int64_t airport = 0;
    for (const auto& [id, row] : csv_rows(tmp.path("weapons.csv"))) {
        airport += row.at("flag") == "airport" ? std::stoll(row.at("count")) : 0;
    }
    CHECK(airport == 454 + 56);

    // Bad rules and bad options: one clear line, exit 3.
    test::write_file(tmp.path("rules.json"), R"({"flags": [{"flag": "x"}]})");
    const auto bad = run(with_exe({"places", "--place-rules", tmp.path("rules.json"), "--out", tmp.path("p.csv")}));
    CHECK(bad.exit_code == 3);
    CHECK(bad.err.find("rules.json: flags[0] (x) flags nothing") != std::string::npos);
    const auto cat = run(with_exe({"places", "--categories", "Jaywalking", "--out", tmp.path("p.csv")}));
    CHECK(cat.exit_code == 3);
    CHECK(cat.err.find("Jaywalking") != std::string::npos);
}

TEST_CASE("flagged places: left out of patrol plans by default, on request elsewhere", "[cli][places]") {
    TempDir tmp;
    // The plan: without the airport and police stations unless asked.
    const auto plan = run(with_exe({"patrol", "--officer-hours", "4", "--out", tmp.path("plan.csv")}));
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 0);
    CHECK(plan.out.find("3,318 incidents at flagged places (airport, police_station, prison, hospital;") !=
          std::string::npos);
    CHECK(plan.out.find("--include-flagged keeps them") != std::string::npos);
    const auto kept = run(with_exe({"patrol", "--officer-hours", "4", "--include-flagged", "--out",
                                    tmp.path("kept.csv")}));
    REQUIRE(kept.exit_code == 0);
    CHECK(kept.out.find("kept, as --include-flagged asks") != std::string::npos);
    CHECK(csv_rows(tmp.path("kept.csv")).at("1").at("code") == "E01022090");  // Stansted Airport's LSOA
    CHECK(csv_rows(tmp.path("plan.csv")).at("1").at("code") != "E01022090");

    // The backtest scores with and without them; --exclude-flagged writes the latter.
    const auto ev = run(with_exe({"evaluate", "--out", tmp.path("ev.csv")}));
    REQUIRE(ev.exit_code == 0);
    CHECK(ev.out.find("knife crime without the 3318 incidents at flagged places: Best at 1.0 % of the area: kde") !=
          std::string::npos);
    const auto ev2 = run(with_exe({"evaluate", "--exclude-flagged", "-q", "--out", tmp.path("ev2.csv")}));
    REQUIRE(ev2.exit_code == 0);
    CHECK(test::read_file(tmp.path("ev.csv")) != test::read_file(tmp.path("ev2.csv")));

    // Hot spots: every incident at a flagged place is left out and counted.
    std::vector<std::string> args = {"hotspots", "--method", "gi", "--exclude-flagged",
                                     "--areas", test::data_path("areas/essex-lsoa2011.gpkg"),
                                     "--out", tmp.path("gi.csv")};
    for (const auto& f : test::essex_crime_files()) {
        args.push_back("--incidents");
        args.push_back(f);
    }
    const auto gi = run(with_exe(args));
    REQUIRE(gi.exit_code == 0);
    CHECK(gi.out.find("3,318 incidents at flagged places") != std::string::npos);
    CHECK(gi.out.find("1,027 at flagged places left out") == std::string::npos);  // per file, not one place
    const auto rows = csv_rows(tmp.path("gi.csv"));
    CHECK(std::stoll(rows.at("E01022090").at("count")) == 272);  // of 1,471 with the flagged places

    // A bad rule file is refused before anything is read.
    test::write_file(tmp.path("rules.json"), "{\"flags\": 3}");
    const auto bad = run(with_exe({"patrol", "--officer-hours", "4", "--place-rules", tmp.path("rules.json"),
                                   "--out", tmp.path("p.csv")}));
    CHECK(bad.exit_code == 3);
    CHECK(bad.err.find("rules.json: unexpected \"flags\"") != std::string::npos);
}

TEST_CASE("places: a force's export with its own address column, through the column mapping", "[cli][places]") {
    TempDir tmp;
    // Two addresses at one grid reference (a block of flats) are two places; the same
    // address twice is one. Points in Chelmsford, British National Grid.
    test::write_file(tmp.path("force.csv"),
                     "Ref,Easting,Northing,Date,Type,Address\n"
                     "1,570600,206900,03/02/2018,BURG,Flat 1 Rectory Lane\n"
                     "2,570600,206900,05/02/2018,BURG,Flat 1 Rectory Lane\n"
                     "3,570600,206900,09/02/2018,BURG,Flat 2 Rectory Lane\n"
                     "4,570700,206950,11/03/2018,ROB,Chelmsford Police Station\n"
                     "5,570650,206980,11/03/2018,ROB,\n");
    test::write_file(tmp.path("mapping.json"),
                     R"({"x": "Easting", "y": "Northing", "crs": "EPSG:27700", "date": "Date", "category": "Type",
                         "category_values": {"BURG": "Burglary", "ROB": "Robbery"}, "id": "Ref",
                         "location": "Address"})");
    const auto r = run(with_exe({"places", "--incidents", tmp.path("force.csv"), "--mapping", tmp.path("mapping.json"),
                                 "--out", tmp.path("places.csv")}));
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const auto rows = csv_rows(tmp.path("places.csv"));
    REQUIRE(rows.size() == 4);
    CHECK(rows.at("1").at("location") == "Flat 1 Rectory Lane");
    CHECK(rows.at("1").at("count") == "2");
    CHECK(rows.at("1").at("street") == "Flat 1 Rectory Lane");  // a force's text is its own street
    CHECK(rows.at("1").at("ward_name") == "Moulsham and Central");
    int police = 0;
    for (const auto& [id, row] : rows) {
        police += row.at("flag") == "police_station" ? 1 : 0;
    }
    CHECK(police == 1);
    CHECK(r.out.find("1 incident has no location text") != std::string::npos);
}
