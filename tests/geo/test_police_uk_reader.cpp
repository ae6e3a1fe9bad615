#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "geo/crs/crs.hpp"
#include "geo/error.hpp"
#include "geo/io/incident_source.hpp"
#include "geo/io/police_uk.hpp"
#include "geo/utf8.hpp"
#include "support.hpp"

using namespace hotspot;
using hotspot::test::TempDir;
using hotspot::test::write_file;

namespace {

/// Roughly Essex in British National Grid: Cambridge lies north of it.
const Box kEssex{540000, 170000, 630000, 246000};

struct Result {
    ParsedRows rows;
    SourceReport report;
    std::vector<std::string> messages;
};

Result read_text(const TempDir& tmp, const std::string& name, const std::string& text,
                 int threads = 1, bool details = false) {
    const std::string path = tmp.path(name);
    write_file(path, text);
    ReadOptions options(parse_crs("EPSG:27700"), kEssex);
    options.threads = threads;
    options.keep_details = details;
    Result r;
    r.report = read_incidents(path, nullptr, options, r.rows);
    for (const auto& rej : r.rows.rejects.items()) {
        // Messages name the file as given; keep only the part after the folder.
        std::string m = rej.message();
        r.messages.push_back(m.substr(m.find(name)));
    }
    return r;
}

const std::string kGood =
    "a1,2018-01,Essex Police,Essex Police,0.439197,51.642719,On or near Potash Road,E01021237,"
    "Basildon 001A,Burglary,Under investigation,\n";

}  // namespace

TEST_CASE("police.uk files in both header styles read the same", "[police_uk]") {
    TempDir tmp;
    const auto snake = read_text(tmp, "snake.csv", std::string(test::kSnakeHeader) + "\n" + kGood);
    const auto published =
        read_text(tmp, "published.csv", std::string(test::kPublishedHeader) + "\n" + kGood);
    for (const auto* r : {&snake, &published}) {
        CHECK(r->report.description == "police.uk street-level CSV");
        REQUIRE(r->rows.table.size() == 1);
        CHECK(r->rows.table.month[0] == Month::from(2018, 1));
        CHECK(r->rows.table.categories.at(r->rows.table.category[0]) == "Burglary");
        CHECK(r->rows.table.reported_areas.at(r->rows.table.reported_area[0]) == "E01021237");
        // 0.439197 E, 51.642719 N in British National Grid, as GDAL's gdaltransform gives
        // it (-s_srs EPSG:4326 -t_srs EPSG:27700): 568871.97068251 196585.954394417.
        CHECK(r->rows.table.x[0] == Approx(568871.97068251).margin(1e-4));
        CHECK(r->rows.table.y[0] == Approx(196585.954394417).margin(1e-4));
    }
    CHECK(snake.rows.table.x[0] == published.rows.table.x[0]);
}

TEST_CASE("BOM and every line ending give the same incidents", "[police_uk]") {
    TempDir tmp;
    std::string rows;
    for (int i = 0; i < 5; ++i) {
        rows += kGood;
    }
    const std::string lf = std::string(test::kSnakeHeader) + "\n" + rows;
    std::string crlf;
    std::string cr;
    for (const char c : lf) {
        crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
        cr += c == '\n' ? '\r' : c;
    }
    const auto a = read_text(tmp, "lf.csv", lf);
    const auto b = read_text(tmp, "crlf.csv", "\xEF\xBB\xBF" + crlf);
    const auto c = read_text(tmp, "cr.csv", cr);
    for (const auto* r : {&a, &b, &c}) {
        CHECK(r->rows.table.size() == 5);
        CHECK(r->rows.rejects.total() == 0);
        CHECK(r->rows.table.x == a.rows.table.x);
    }
}

TEST_CASE("blank crime ids and quoted fields with commas and quotes", "[police_uk]") {
    TempDir tmp;
    const std::string text =
        std::string(test::kSnakeHeader) + "\n" +
        ",2018-01,Essex Police,Essex Police,0.439197,51.642719,\"On or near Station Road, "
        "Basildon\",E01021237,Basildon 001A,Anti-social behaviour,,\n"
        "b2,2018-01,Essex Police,Essex Police,0.439197,51.642719,\"On or near \"\"The Street\"\"\","
        "E01021237,Basildon 001A,Robbery,\"Investigation complete; no suspect identified\",\n";
    const auto r = read_text(tmp, "quoted.csv", text, 1, true);
    REQUIRE(r.rows.table.size() == 2);
    REQUIRE(r.rows.table.details);
    CHECK(r.rows.table.details->crime_id[0].empty());
    CHECK(r.rows.table.details->location[0] == "On or near Station Road, Basildon");
    CHECK(r.rows.table.details->location[1] == "On or near \"The Street\"");
    CHECK(r.rows.table.details->outcome[1] == "Investigation complete; no suspect identified");
    CHECK(r.rows.table.details->line == std::vector<int64_t>{2, 3});
}

TEST_CASE("each kind of malformed row is rejected with file, line and reason", "[police_uk]") {
    TempDir tmp;
    const std::string text =
        std::string(test::kSnakeHeader) + "\n" + kGood +
        "c3,2018-01,Essex Police,Essex Police,0.439197,51.642719,On or near X,E01021237,Basildon "
        "001A,Burglary\n" +
        "c4,2018-01,Essex Police,Essex Police,abc,51.642719,On or near X,E01021237,Basildon 001A,"
        "Burglary,,\n" +
        "c5,2018-01,Essex Police,Essex Police,0.439197,95.2,On or near X,E01021237,Basildon 001A,"
        "Burglary,,\n" +
        ",2018-01,Essex Police,Essex Police,,,No location,,,Anti-social behaviour,,\n" +
        "c7,2018-13,Essex Police,Essex Police,0.439197,51.642719,On or near X,E01021237,Basildon "
        "001A,Burglary,,\n" +
        "c8,2018-01,Essex Police,Essex Police,0.439197,51.642719,On or near X,E01021237,Basildon "
        "001A,,,\n" +
        "c9,2018-01,Essex Police,Essex Police,0.141982,52.175892,On or near X,E01017995,Cambridge "
        "013D,Burglary,,\n" +
        "c10,2018-01,Essex Police,Essex Police,0.439197,,On or near X,E01021237,Basildon 001A,"
        "Burglary,,\n" +
        "c11,,Essex Police,Essex Police,0.439197,51.642719,On or near X,E01021237,Basildon 001A,"
        "Burglary,,\n" +
        kGood + "c13,2018-01,Essex Police,Essex Police,0.439197,51.642719,\"On or near X";
    const auto r = read_text(tmp, "bad.csv", text);
    CHECK(r.rows.table.size() == 2);
    CHECK(r.report.accepted == 2);
    CHECK(r.report.rejected == 10);
    CHECK(r.messages == std::vector<std::string>{
                            "bad.csv:3: wrong column count: expected 12 fields, found 10",
                            "bad.csv:4: bad number: longitude \"abc\" is not a number",
                            "bad.csv:5: coordinate out of range: latitude \"95.2\" is outside -90..90",
                            "bad.csv:6: no location: longitude and latitude are blank",
                            "bad.csv:7: bad month: month \"2018-13\" is not a month (YYYY-MM)",
                            "bad.csv:8: no category: crime type is blank",
                            "bad.csv:9: outside the areas' extent: point (546564.0, 255233.0) in "
                            "EPSG:27700",
                            "bad.csv:10: no location: latitude is blank",
                            "bad.csv:11: bad month: month is blank",
                            "bad.csv:13: unterminated quote: the file ends inside a quoted field "
                            "that starts on this line; the row is set aside and reading resumes on the next line",
                        });
    CHECK(r.rows.rejects.count(RejectReason::no_location) == 2);
    CHECK(r.rows.rejects.items()[0].raw ==
          "c3,2018-01,Essex Police,Essex Police,0.439197,51.642719,On or near X,E01021237,"
          "Basildon 001A,Burglary");
}

TEST_CASE("hostile text: bad UTF-8, Windows-1252, NUL bytes and an unclosed quote", "[police_uk]") {
    TempDir tmp;
    const std::string row = "Essex Police,Essex Police,0.439197,51.642719,On or near X,E01021237,Basildon 001A,";
    std::string text = std::string(test::kSnakeHeader) + "\n" + kGood;            // line 2
    text += "u3,2018-01," + row + "Violence\xFF and sexual offences,,\n";           // 3: not UTF-8
    text += "u4,2018-01,Essex Police,Essex Police,0.439197,51.642719,On or near Caf\xE9 Rouge,"
            "E01021237,Basildon 001A,Burglary,,\n";                                  // 4: cp1252 e-acute
    text += std::string("u5\0x,2018-01,", 13) + row + "Burglary,,\n";               // 5: NUL in crime_id
    text += "u6,2018-01,Essex Police,Essex Police,0.439197,51.642719,\"On or near X,E01021237,"
            "Basildon 001A,Burglary,,\n";                                            // 6: quote never closed
    for (int i = 0; i < 50; ++i) {                                                   // 7..56: good rows
        text += "g" + std::to_string(i) + ",2018-02," + row + "Drugs,,\n";
    }
    text += "q57,2018-03," + row + "Burglary,\"Under investigation\",\n";           // 57: a later quote
    for (const int threads : {1, 2}) {
        const auto r = read_text(tmp, "hostile.csv", text, threads, true);
        CHECK(r.report.accepted == 52);
        CHECK(r.report.rejected == 4);
        CHECK(r.messages == std::vector<std::string>{
                                "hostile.csv:3: invalid text: field 10 (crime_type) is not UTF-8: byte 0xFF "
                                "at offset 8 (give the file's encoding, e.g. --encoding windows-1252)",
                                "hostile.csv:4: invalid text: field 7 (location) is not UTF-8: byte 0xE9 at "
                                "offset 14 (give the file's encoding, e.g. --encoding windows-1252)",
                                "hostile.csv:5: NUL byte: field 1 (crime_id) holds a NUL byte at offset 2",
                                "hostile.csv:6: unterminated quote: a quote opened on this line is not closed "
                                "before the row ends (8 fields, expected 12); the row is set aside and reading "
                                "resumes on the next line",
                            });
        CHECK(r.rows.rejects.count(RejectReason::invalid_text) == 2);
        // What a reject keeps of the row is text: the bad byte became U+FFFD.
        CHECK(r.rows.rejects.items()[0].raw.find("Violence\xEF\xBF\xBD and") != std::string::npos);
        CHECK(r.rows.rejects.items()[2].raw.find('\0') == std::string::npos);
        for (uint32_t c = 0; c < r.rows.table.categories.size(); ++c) {
            CHECK(is_valid_utf8(r.rows.table.categories.at(c)));
        }
    }
    // Told the encoding, the Windows-1252 row is read, transcoded; the others stay rejected
    // (0xFF is "y with diaeresis" in Windows-1252, so row 3 becomes an unknown category).
    const std::string path = tmp.path("cp1252.csv");
    write_file(path, text);
    ReadOptions options(parse_crs("EPSG:27700"), kEssex);
    options.keep_details = true;
    options.encoding = TextEncoding::windows1252;
    ParsedRows rows;
    const SourceReport report = read_incidents(path, nullptr, options, rows);
    CHECK(report.accepted == 54);
    CHECK(report.rejected == 2);
    REQUIRE(rows.table.details);
    CHECK(rows.table.details->location[2] == "On or near Caf\xC3\xA9 Rouge");
    CHECK(rows.table.categories.at(rows.table.category[1]) == "Violence\xC3\xBF and sexual offences");
}

TEST_CASE("every truncation of a police.uk file reads without a crash", "[police_uk]") {
    TempDir tmp;
    const std::string text = "\xEF\xBB\xBF" + std::string(test::kSnakeHeader) + "\r\n" + kGood +
                             ",2018-02,Essex Police,Essex Police,,,No location,,,Drugs,,\r\n" +
                             "q,2018-03,Essex Police,Essex Police,0.439197,51.642719,\"A, \"\"B\"\"\","
                             "E01021237,Basildon 001A,Robbery,,\r\n" +
                             kGood;
    const size_t header_end = text.find('\n') + 1;
    for (size_t len = 0; len <= text.size(); ++len) {
        INFO("first " << len << " bytes");
        const std::string prefix = text.substr(0, len);
        const std::string path = tmp.path("cut.csv");
        write_file(path, prefix);
        ReadOptions options(parse_crs("EPSG:27700"), kEssex);
        options.threads = 2;
        ParsedRows rows;
        SourceReport report;
        try {
            report = read_incidents(path, nullptr, options, rows);
        } catch (const InputError&) {
            CHECK(len < header_end - 2);  // only a cut header makes the file unusable
            continue;
        }
        // Every record that has begun is accounted for: an incident or a reject.
        size_t begun = 0;
        for (size_t i = header_end; i < len; i = text.find('\n', i) + 1) {
            ++begun;
            if (text.find('\n', i) == std::string::npos) {
                break;
            }
        }
        CHECK(report.accepted + report.rejected == static_cast<int64_t>(begun));
    }
}

TEST_CASE("a CSV that is neither police.uk nor guessable is an error", "[police_uk]") {
    TempDir tmp;
    const std::string path = tmp.path("other.csv");
    write_file(path, "foo,bar\n1,2\n");
    ReadOptions options(parse_crs("EPSG:27700"), kEssex);
    ParsedRows rows;
    CHECK_THROWS_WITH(read_incidents(path, nullptr, options, rows),
                      path + ":1: not a police.uk street-level CSV (no month, longitude, latitude, "
                             "crime_type columns) and no column holds the x/y, easting/northing or "
                             "longitude/latitude; month or date; category (crime_type, category, "
                             "offence or type); give a column mapping with --mapping");
}

TEST_CASE("header names normalise across styles", "[police_uk]") {
    CHECK(police_uk::normalise_header("Crime ID") == "crime_id");
    CHECK(police_uk::normalise_header("LSOA code") == "lsoa_code");
    CHECK(police_uk::normalise_header("Last outcome category") == "last_outcome_category");
    CHECK(police_uk::normalise_header(" crime_type ") == "crime_type");
    CHECK(police_uk::categories().size() == 14);
}
