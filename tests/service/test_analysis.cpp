// What the command line and the server share, called as functions: the map filter read
// from a query string, and the area statistics table every tile, profile and download
// reads (service/analysis, service/http/query).

#include <catch2/catch.hpp>

#include "geo/aggregate/query_space.hpp"
#include "geo/detail/gdal.hpp"
#include "geo/error.hpp"
#include "service/analysis/area_stats.hpp"
#include "service/analysis/snapshot.hpp"
#include "service/http/query.hpp"
#include "support.hpp"

using namespace hotspot;
using namespace hotspot::server;

namespace {

std::shared_ptr<const Snapshot> sample() {
    static const std::shared_ptr<const Snapshot> s = [] {
        detail::gdal_init();
        SnapshotSources src = SnapshotSources::sample(test::data_path(""));
        src.threads = 2;
        src.wards.clear();
        src.survey.clear();
        src.tiles = false;
        src.secret = disclosure::Secret{0x1111222233334444ULL, 0x5555666677778888ULL};  // a test's own
        return Snapshot::load(src);
    }();
    return s;
}

int64_t column_sum(const AreaStats& st, const std::string& name) {
    const auto c = st.column(name);
    REQUIRE(c);
    int64_t sum = 0;
    for (const auto& row : st.table.rows) {
        if (const auto* v = std::get_if<int64_t>(&row[*c])) {
            sum += *v;
        }
    }
    return sum;
}

}  // namespace

TEST_CASE("query strings: decoded pairs, and a 400 naming each mistake", "[analysis][query]") {
    const Params p = parse_query("a=1&b=x%20y&c=x+y&empty=&flag");
    CHECK(p.at("a") == "1");
    CHECK(p.at("b") == "x y");
    CHECK(p.at("c") == "x y");
    CHECK(p.at("empty").empty());
    CHECK(p.count("flag") == 1);
    CHECK(url_decode("a+b", false) == "a+b");  // "+" is a space in queries only

    auto refused = [](const std::string& q) {
        try {
            parse_query(q);
        } catch (const BadRequest& e) {
            CHECK(e.status() == 400);
            return std::string(e.what());
        }
        FAIL("accepted " << q);
        return std::string();
    };
    CHECK_THAT(refused("from=%G1"), Catch::Contains("from"));
    CHECK_THAT(refused("from=%FF"), Catch::Contains("UTF-8"));
    CHECK_THAT(refused("categories=a%00b"), Catch::Contains("categories"));
    CHECK_THROWS_AS(parse_query("x=%"), BadRequest);
}

TEST_CASE("the map filter: defaults, checks, and one key per query", "[analysis][query]") {
    const MapQuery d = parse_map_query({});
    CHECK(d.categories.empty());
    CHECK_FALSE(d.knife);
    CHECK_FALSE(d.from);
    CHECK(d.value == "count");
    CHECK(d.window == 3);

    const MapQuery q = parse_map_query(parse_query("categories=burglary,,drugs&from=2018-02&to=2018-05&value=harm&window=2"));
    CHECK(q.categories == std::vector<std::string>{"burglary", "drugs"});
    CHECK(q.from->to_string() == "2018-02");
    CHECK(q.to->to_string() == "2018-05");
    CHECK(q.value == "harm");
    CHECK(q.window == 2);
    CHECK(parse_map_query(parse_query("knife=1")).knife);
    CHECK_FALSE(parse_map_query(parse_query("knife=false")).knife);

    for (const char* bad : {"knife=1&categories=burglary", "knife=yes", "from=2018-13", "from=2018-05&to=2018-02",
                            "value=median", "window=0", "window=25", "window=3x"}) {
        INFO(bad);
        CHECK_THROWS_AS(parse_map_query(parse_query(bad)), BadRequest);
    }

    // The cache key tells queries apart and is the same for the same query.
    CHECK(q.key() == parse_map_query(parse_query("value=harm&window=2&to=2018-05&from=2018-02&categories=burglary,drugs")).key());
    CHECK(q.key() != parse_map_query(parse_query("categories=burglary,drugs&from=2018-02&to=2018-05&value=harm")).key());
    CHECK(d.key() != parse_map_query(parse_query("knife=1")).key());

    CHECK(number_param({{"n", "2.5"}}, "n", 1, 0, 10) == 2.5);
    CHECK(number_param({}, "n", 1, 0, 10) == 1);
    CHECK_THROWS_AS(number_param({{"n", "11"}}, "n", 1, 0, 10), BadRequest);
    CHECK_THROWS_AS(number_param({{"n", "nan"}}, "n", 1, 0, 10), BadRequest);
    CHECK_THROWS_AS(whole_param({{"n", "2.5"}}, "n", 1, 0, 10), BadRequest);
}

TEST_CASE("area statistics: one row per area, the filter's counts, the public's protected", "[analysis][area_stats]") {
    const auto s = sample();
    const AreaLayer& lsoas = *s->layers().front();
    REQUIRE(lsoas.tiles == nullptr);  // built without tile geometry, as asked

    const auto all = compute_area_stats(*s, lsoas, MapQuery{}, false);
    CHECK(all->table.rows.size() == lsoas.areas->size());
    CHECK_FALSE(all->is_protected);
    const int64_t total = column_sum(*all, "count");
    CHECK(total > 100000);
    CHECK(all->column("gi_z"));
    CHECK(all->tile_attributes == nullptr);  // the server adds them when it cuts tiles
    CHECK(tile_attributes(all->table) != nullptr);

    // A month's counts are part of the whole; a category's part of all crime.
    MapQuery june;
    june.from = parse_month("2018-06");
    june.to = june.from;
    const int64_t in_june = column_sum(*compute_area_stats(*s, lsoas, june, false), "count");
    CHECK(in_june > 0);
    CHECK(in_june < total);
    MapQuery burglary;
    burglary.categories = {"Burglary"};
    const int64_t burglaries = column_sum(*compute_area_stats(*s, lsoas, burglary, false), "count");
    CHECK(burglaries > 0);
    CHECK(burglaries < total);

    // The public's table is made of protected counts: near the truth, not equal to it.
    const auto pub = compute_area_stats(*s, lsoas, MapQuery{}, true);
    CHECK(pub->is_protected);
    const int64_t protected_total = column_sum(*pub, "count");
    CHECK(protected_total != total);
    CHECK(std::abs(protected_total - total) < total / 50);

    // What the data cannot answer is an InputError (the API answers 400), and a filter
    // outside the public's query space is refused for the public only.
    MapQuery unknown;
    unknown.categories = {"Piracy"};
    CHECK_THROWS_AS(compute_area_stats(*s, lsoas, unknown, false), InputError);
    MapQuery two;
    two.categories = {"Burglary", "Drugs"};
    CHECK_NOTHROW(compute_area_stats(*s, lsoas, two, false));
    CHECK_THROWS_AS(compute_area_stats(*s, lsoas, two, true), QueryRefused);
}

TEST_CASE("area statistics: small counts hidden for the public, with what is finer than them", "[analysis][area_stats]") {
    const auto s = sample();
    const AreaLayer& lsoas = *s->layers().front();
    MapQuery june;
    june.from = parse_month("2018-06");
    june.to = june.from;
    june.categories = {"Burglary"};
    const auto st = compute_area_stats(*s, lsoas, june, false);
    const Table hidden = suppress_small_counts(st->table, 5);
    REQUIRE(hidden.rows.size() == st->table.rows.size());
    const size_t count = *st->column("count");
    const size_t rate = *st->column("rate_1k");
    const size_t suppressed = hidden.field_index("suppressed");
    size_t small = 0;
    for (size_t r = 0; r < hidden.rows.size(); ++r) {
        const int64_t n = std::get<int64_t>(st->table.rows[r][count]);
        if (n > 0 && n < 5) {
            ++small;
            CHECK(std::holds_alternative<std::monostate>(hidden.rows[r][count]));
            CHECK(std::holds_alternative<std::monostate>(hidden.rows[r][rate]));
            CHECK(hidden.rows[r][suppressed] != FieldValue{int64_t{0}});
        } else if (n == 0 || n >= 5) {
            CHECK(hidden.rows[r][count] == st->table.rows[r][count]);
        }
    }
    CHECK(small > 10);  // a month of one category leaves many areas with a few burglaries
    CHECK(suppress_small_counts(st->table, 1).rows == st->table.rows);
}
