#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "geo/crs/crs.hpp"
#include "geo/error.hpp"
#include "geo/io/incident_source.hpp"
#include "geo/io/source_mapping.hpp"
#include "support.hpp"

using namespace hotspot;
using hotspot::test::TempDir;
using hotspot::test::write_file;

namespace {

ReadOptions options_without_extent() {
    ReadOptions o(parse_crs("EPSG:27700"), std::nullopt);
    o.threads = 2;
    return o;
}

std::vector<std::string> messages(const ParsedRows& rows, const std::string& dir) {
    std::vector<std::string> out;
    for (const auto& r : rows.rejects.items()) {
        std::string m = r.message();
        out.push_back(m.substr(dir.size() + 1));
    }
    return out;
}

}  // namespace

TEST_CASE("a force export in British National Grid with UK dates and recoded categories",
          "[mapping]") {
    TempDir tmp;
    write_file(tmp.path("map.json"), R"({
        "x": "Easting", "y": "Northing", "crs": "EPSG:27700",
        "date": "Date Committed", "category": "Offence",
        "category_values": {"BURG": "Burglary"},
        "id": "Crime No", "location": "Street"
    })");
    write_file(tmp.path("force.csv"),
               "Crime No;Date Committed;Offence;Easting;Northing;Street\n"
               "1;14/03/2018 21:05;BURG;571773;193045;High St\n"
               "2;2018-03-15;Knife possession;571800.5;193000\n"
               "3;31/02/2018;BURG;571773;193045;High St\n"
               "4;15/03/2018;BURG;east;193045;High St\n"
               "5;;BURG;571773;193045;High St\n");
    auto mapping = load_mapping(tmp.path("map.json"));
    mapping.delimiter = ';';
    ParsedRows rows;
    const auto report = read_incidents(tmp.path("force.csv"), &mapping, options_without_extent(), rows);
    CHECK(report.accepted == 1);
    CHECK(report.rejected == 4);
    REQUIRE(rows.table.size() == 1);
    CHECK(rows.table.x[0] == 571773.0);  // same CRS: no transform
    CHECK(rows.table.categories.at(rows.table.category[0]) == "Burglary");
    REQUIRE(rows.table.has_time());
    CHECK(rows.table.minutes[0] == days_from_civil(2018, 3, 14) * 1440 + 21 * 60 + 5);
    CHECK(messages(rows, tmp.dir().string()) ==
          std::vector<std::string>{
              "force.csv:3: wrong column count: expected 6 fields, found 5",
              "force.csv:4: bad date: Date Committed \"31/02/2018\" is not a date or date and time",
              "force.csv:5: bad number: Easting \"east\" is not a number",
              "force.csv:6: bad date: Date Committed is blank",
          });
}

TEST_CASE("longitude/latitude CSV: every kind of malformed row", "[mapping]") {
    TempDir tmp;
    write_file(tmp.path("ll.csv"),
               "ref,when,what,lon,lat\n"
               "1,2018-06,Burglary,0.439197,51.642719\n"
               "2,2018-06,Burglary,181,51.6\n"
               "3,2018-06,,0.439197,51.642719\n"
               "4,June 2018,Burglary,0.439197,51.642719\n"
               "5,2018-06,Burglary,0.439197\n"
               "6,2018-06,Burglary,0.141982,52.175892\n"
               "7,2018-06,Burglary,1e999,51.6\n"
               "8,2018-06,Burglary,\"0.44\n");
    SourceMapping m;
    m.x = "lon";
    m.y = "lat";
    m.month = "when";
    m.category = "what";
    ReadOptions options(parse_crs("EPSG:27700"), Box{540000, 170000, 630000, 246000});
    ParsedRows rows;
    const auto report = read_incidents(tmp.path("ll.csv"), &m, options, rows);
    CHECK(report.accepted == 1);
    CHECK(messages(rows, tmp.dir().string()) ==
          std::vector<std::string>{
              "ll.csv:3: coordinate out of range: lon \"181\" is outside -180..180",
              "ll.csv:4: no category: what is blank",
              "ll.csv:5: bad month: when \"June 2018\" is not a month (YYYY-MM)",
              "ll.csv:6: wrong column count: expected 5 fields, found 4",
              "ll.csv:7: outside the areas' extent: point (546564.0, 255233.0) in EPSG:27700",
              "ll.csv:8: bad number: lon \"1e999\" is not a number",
              "ll.csv:9: unterminated quote: the file ends inside a quoted field that starts on "
              "this line; the row is set aside and reading resumes on the next line",
          });
}

TEST_CASE("the real police.uk stop and search file through a mapping", "[mapping]") {
    const auto mapping = load_mapping(test::data_path("mappings/gmp-stop-and-search.json"));
    ParsedRows rows;
    const std::string file = std::string(HOTSPOT_SOURCE_DIR) +
                             "/tests/fixtures/2019-06-greater-manchester-stop-and-search.csv";
    const auto report = read_incidents(file, &mapping, options_without_extent(), rows);
    // 907 searches: 10 without coordinates, 3 without an object of search.
    CHECK(report.accepted == 894);
    CHECK(report.rejected == 13);
    CHECK(rows.rejects.count(RejectReason::no_location) == 10);
    CHECK(rows.rejects.count(RejectReason::no_category) == 3);
    CHECK(rows.table.month[0] == Month::from(2019, 5));  // 2019-05-31T23:01 local clock
}

TEST_CASE("column names are guessed when there is no mapping", "[mapping]") {
    TempDir tmp;
    write_file(tmp.path("guess.csv"),
               "Ref,Date,Type,Latitude,Longitude\n"
               "1,2018-06-01,Burglary,51.642719,0.439197\n");
    ParsedRows rows;
    const auto report = read_incidents(tmp.path("guess.csv"), nullptr, options_without_extent(), rows);
    CHECK(report.description ==
          "CSV (x=Longitude, y=Latitude, crs=EPSG:4326, date=Date, category=Type, guessed from the "
          "header)");
    CHECK(report.accepted == 1);
}

TEST_CASE("malformed mapping files are errors naming the file and key", "[mapping]") {
    TempDir tmp;
    const std::string path = tmp.path("m.json");
    const auto error_of = [&](const std::string& json) {
        write_file(path, json);
        try {
            load_mapping(path);
        } catch (const ConfigError& e) {
            return std::string(e.what()).substr(path.size());
        }
        return std::string("no error");
    };
    CHECK(error_of("{") .rfind(": not valid JSON: ", 0) == 0);
    CHECK(error_of("[]") == ": a column mapping must be a JSON object");
    CHECK(error_of(R"({"x":"a","y":"b","month":"m","category":"c","colour":"red"})") ==
          ": unknown key \"colour\" (see data/mappings/README.md for the keys)");
    CHECK(error_of(R"({"x":"a","month":"m","category":"c"})") ==
          ": give both \"x\" and \"y\", or neither (to use the layer's geometry)");
    CHECK(error_of(R"({"x":"a","y":"b","category":"c"})") ==
          ": give \"month\" (YYYY-MM) or \"date\" (a date or date and time column)");
    CHECK(error_of(R"({"x":"a","y":"b","month":"m","date":"d","category":"c"})") ==
          ": give \"month\" or \"date\", not both");
    CHECK(error_of(R"({"x":"a","y":"b","month":"m"})") ==
          ": give exactly one of \"category\" (a column) or \"category_fixed\" (one category for "
          "every row)");
    CHECK(error_of(R"({"x":"a","y":"b","month":"m","category":"c","date_order":"ymd"})") ==
          ": \"date_order\" must be \"dmy\" or \"mdy\"");
    CHECK(error_of(R"({"x":1,"y":"b","month":"m","category":"c"})") ==
          ": \"x\" must be a non-empty string");
    CHECK_THROWS_WITH(load_mapping(tmp.path("none.json")),
                      tmp.path("none.json") + ": cannot open the column mapping");
}

TEST_CASE("a mapping naming a missing column is an error listing the columns", "[mapping]") {
    TempDir tmp;
    write_file(tmp.path("a.csv"), "E,N,When,What\n1,2,2018-01,X\n");
    SourceMapping m;
    m.x = "Easting";
    m.y = "N";
    m.crs = "EPSG:27700";
    m.month = "When";
    m.category = "What";
    ParsedRows rows;
    CHECK_THROWS_WITH(read_incidents(tmp.path("a.csv"), &m, options_without_extent(), rows),
                      tmp.path("a.csv") + ":1: no column \"Easting\" (columns: E, N, When, What)");
}
