#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "geo/error.hpp"
#include "geo/io/csv_file_reader.hpp"
#include "support.hpp"

using namespace hotspot;
using hotspot::test::TempDir;

namespace {

/// Keeps each record as "line:field|field|..." so runs can be compared.
class Recorder final : public CsvRowHandler {
  public:
    void record(std::span<const std::string_view> f, int64_t line, std::string_view) override {
        std::string s = std::to_string(line) + ":";
        for (const auto& x : f) {
            s.append(x);
            s.push_back('|');
        }
        // Store through a reject so that the reader's line fix-up applies to it.
        Reject r;
        r.line = line;
        r.detail = s.substr(s.find(':') + 1);
        m_rows.rejects.add(std::move(r));
    }
    void malformed(int64_t line, std::string_view, RejectReason reason, std::string) override {
        Reject r;
        r.line = line;
        r.reason = reason;
        r.detail = reason == RejectReason::unterminated_quote ? "UNTERMINATED" : "MALFORMED";
        m_rows.rejects.add(std::move(r));
    }
};

std::vector<std::string> read_all(const std::string& path, size_t block, int threads,
                                  std::vector<std::string>* header = nullptr) {
    CsvFileReader reader(path, path);
    reader.set_block_size(block);
    if (header != nullptr) {
        *header = reader.header();
    }
    ParsedRows out;
    reader.read([] { return std::make_unique<Recorder>(); }, threads, out);
    std::vector<std::string> rows;
    for (const auto& r : out.rejects.items()) {
        rows.push_back(std::to_string(r.line) + ":" + r.detail);
    }
    return rows;
}

std::string make_text() {
    std::string text = "\xEF\xBB\xBF" "id,note,value\r\n";
    for (int i = 0; i < 3000; ++i) {
        text += std::to_string(i) + ",";
        if (i % 97 == 0) {
            text += "\"spans\r\ntwo lines, with \"\"quotes\"\"\"";
        } else if (i % 31 == 0) {
            text += "\"a, b\"";
        } else {
            text += "plain";
        }
        text += "," + std::to_string(i * 7) + (i % 5 == 0 ? "\n" : "\r\n");
    }
    return text;
}

}  // namespace

TEST_CASE("records and line numbers do not depend on block size or threads", "[csv]") {
    TempDir tmp;
    const std::string path = tmp.path("big.csv");
    hotspot::test::write_file(path, make_text());
    std::vector<std::string> header;
    const auto reference = read_all(path, size_t{64} << 20, 1, &header);
    CHECK(header == std::vector<std::string>{"id", "note", "value"});
    REQUIRE(reference.size() == 3000);
    CHECK(reference[0] == "2:0|spans\r\ntwo lines, with \"quotes\"|0|");
    CHECK(reference[1] == "4:1|plain|7|");  // record 0 spans lines 2 and 3
    for (const size_t block : {size_t{7}, size_t{64}, size_t{1000}, size_t{4096}}) {
        for (const int threads : {1, 2, 4}) {
            INFO("block " << block << ", threads " << threads);
            CHECK(read_all(path, block, threads) == reference);
        }
    }
}

TEST_CASE("a quote never closed sets aside its own line and reading resumes on the next", "[csv]") {
    TempDir tmp;
    const std::string path = tmp.path("cut.csv");
    hotspot::test::write_file(path, "a,b\n1,2\n3,\"never closed\n4,5\n");
    for (const size_t block : {size_t{5}, size_t{1} << 20}) {
        CHECK(read_all(path, block, 2) == std::vector<std::string>{"2:1|2|", "3:UNTERMINATED", "4:4|5|"});
    }
}

TEST_CASE("unusable CSV files are errors that name the file", "[csv]") {
    TempDir tmp;
    const std::string empty = tmp.path("empty.csv");
    hotspot::test::write_file(empty, "");
    CsvFileReader reader(empty, "empty.csv");
    CHECK_THROWS_WITH(reader.header(), "empty.csv: is empty (no header line)");
    CHECK_THROWS_WITH(CsvFileReader(tmp.path("missing.csv"), "missing.csv"),
                      "missing.csv: no such file");
    CHECK_THROWS_WITH(CsvFileReader(tmp.dir().string(), "folder"), "folder: is a directory, not a file");
}

TEST_CASE("small CSV tables are read whole, gzipped or not", "[csv]") {
    std::vector<std::vector<std::string>> rows;
    std::vector<int64_t> lines;
    read_small_csv(hotspot::test::data_path("population/iod2019-population-denominators.csv.gz"),
                   rows, lines);
    CHECK(rows.size() == 32845);  // header + 32,844 LSOAs
    CHECK(rows[1][0] == "E01000001");
    CHECK(rows[1][4] == "1,296");
    CHECK(lines[1] == 2);
}
