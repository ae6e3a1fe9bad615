#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "geo/io/csv_tokenizer.hpp"

using namespace hotspot;

namespace {

struct Parsed {
    std::vector<std::vector<std::string>> records;
    std::vector<int64_t> start_lines;
    CsvStatus last = CsvStatus::end;
};

Parsed parse_all(const std::string& text, char delimiter = ',') {
    Parsed out;
    CsvTokenizer t(delimiter);
    const char* p = text.data() + skip_utf8_bom(text);
    const char* end = text.data() + text.size();
    int64_t lines = 0;
    for (;;) {
        const int64_t start = lines + 1;
        const CsvStatus s = t.next(p, end, true, lines);
        out.last = s;
        if (s == CsvStatus::record) {
            out.records.emplace_back(t.fields().begin(), t.fields().end());
            out.start_lines.push_back(start);
        } else if (s != CsvStatus::blank) {
            break;
        }
    }
    return out;
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("line endings: LF, CRLF and bare CR give the same records", "[csv]") {
    const Rows expected{{"a", "b"}, {"1", "2"}, {"3", ""}};
    CHECK(parse_all("a,b\n1,2\n3,\n").records == expected);
    CHECK(parse_all("a,b\r\n1,2\r\n3,\r\n").records == expected);
    CHECK(parse_all("a,b\r1,2\r3,\r").records == expected);
    CHECK(parse_all("a,b\n1,2\n3,").records == expected);
    CHECK(parse_all("a,b\r\n1,2\r\n3,").start_lines == std::vector<int64_t>{1, 2, 3});
}

TEST_CASE("a UTF-8 byte order mark is skipped", "[csv]") {
    CHECK(parse_all("\xEF\xBB\xBF" "crime_id,month\nx,2018-01\n").records ==
          Rows{{"crime_id", "month"}, {"x", "2018-01"}});
}

TEST_CASE("quoted fields hold delimiters, doubled quotes and line breaks", "[csv]") {
    const Parsed p = parse_all(
        "id,location\n"
        "1,\"On or near High Street, Chelmsford\"\n"
        "2,\"The \"\"Crown\"\" car park\"\n"
        "3,\"two\nlines\"\n"
        "4,plain \"quote\" inside\n"
        "5,\"\"\n");
    REQUIRE(p.records.size() == 6);
    CHECK(p.records[1][1] == "On or near High Street, Chelmsford");
    CHECK(p.records[2][1] == "The \"Crown\" car park");
    CHECK(p.records[3][1] == "two\nlines");
    CHECK(p.records[4][1] == "plain \"quote\" inside");
    CHECK(p.records[5][1].empty());
    // The record after a two-line field starts two lines later.
    CHECK(p.start_lines == std::vector<int64_t>{1, 2, 3, 4, 6, 7});
}

TEST_CASE("text after a closing quote is kept", "[csv]") {
    CHECK(parse_all("\"ab\"cd,e\n").records == Rows{{"abcd", "e"}});
    CHECK(parse_all("\"a\"\"b\"c,e\n").records == Rows{{"a\"bc", "e"}});
}

TEST_CASE("blank lines are skipped and counted as lines", "[csv]") {
    const Parsed p = parse_all("a\n\n\r\nb\n");
    CHECK(p.records == Rows{{"a"}, {"b"}});
    CHECK(p.start_lines == std::vector<int64_t>{1, 4});
}

TEST_CASE("an unterminated quote at the end of input is reported", "[csv]") {
    const Parsed p = parse_all("a,b\n1,\"open\n2,3\n");
    CHECK(p.records == Rows{{"a", "b"}});
    CHECK(p.last == CsvStatus::unterminated);
}

TEST_CASE("a tab delimiter", "[csv]") {
    CHECK(parse_all("a\tb\n1,5\t2\n", '\t').records == Rows{{"a", "b"}, {"1,5", "2"}});
}

TEST_CASE("fields longer than the vector scan width", "[csv]") {
    const std::string long_field(100, 'x');
    CHECK(parse_all(long_field + "," + long_field + "\n").records ==
          Rows{{long_field, long_field}});
}

TEST_CASE("a record cut by the end of a buffer asks for more input", "[csv]") {
    CsvTokenizer t;
    int64_t lines = 0;
    for (const std::string cut : {"a,b", "a,\"b", "a,b\r", "\"a\""}) {
        const char* p = cut.data();
        CHECK(t.next(p, cut.data() + cut.size(), false, lines) == CsvStatus::need_more);
        CHECK(p == cut.data());
    }
}
