#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "geo/io/csv_file_reader.hpp"
#include "geo/stats/binomial.hpp"
#include "geo/stats/class_breaks.hpp"
#include "support.hpp"

using namespace hotspot;

// Reference values: tests/fixtures/reference/binomial.csv, made by binomial.py beside it
// with SciPy and statsmodels (the command is at the top of binomial.py).
TEST_CASE("exact tests and FDR agree with SciPy and statsmodels", "[stats]") {
    std::vector<std::vector<std::string>> rows;
    std::vector<int64_t> lines;
    read_small_csv(test::fixture("reference/binomial.csv"), rows, lines);
    REQUIRE(rows.size() > 30);
    std::vector<double> bh_p;
    std::vector<double> bh_q;
    for (size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        const double expected = std::stod(row[4]);
        INFO(row[0] << " " << row[1] << " " << row[2] << " " << row[3]);
        if (row[0] == "rate_test") {
            CHECK(stats::poisson_rate_test(std::stoll(row[1]), std::stoll(row[2])) ==
                  Approx(expected).epsilon(1e-10));
        } else if (row[0] == "binomial_cdf") {
            CHECK(stats::binomial_cdf(std::stoll(row[1]), std::stoll(row[2]), std::stod(row[3])) ==
                  Approx(expected).epsilon(1e-10));
        } else if (row[0] == "bh") {
            bh_p.push_back(std::stod(row[2]));
            bh_q.push_back(expected);
        }
    }
    const auto q = stats::benjamini_hochberg(bh_p);
    REQUIRE(q.size() == bh_q.size());
    for (size_t i = 0; i < q.size(); ++i) {
        CHECK(q[i] == Approx(bh_q[i]).epsilon(1e-12));
    }
}

TEST_CASE("the incomplete beta function at known points", "[stats]") {
    CHECK(stats::incomplete_beta(1, 1, 0.3) == Approx(0.3));
    CHECK(stats::incomplete_beta(2, 3, 0.0) == 0.0);
    CHECK(stats::incomplete_beta(2, 3, 1.0) == 1.0);
    // I_x(a, 1) = x^a.
    CHECK(stats::incomplete_beta(4, 1, 0.5) == Approx(0.0625));
    CHECK(stats::benjamini_hochberg({}).empty());
}

TEST_CASE("class breaks: quintiles (R type 7), none as a class, and diverging around zero", "[stats][class_breaks]") {
    using hotspot::stats::class_breaks;
    // R: quantile(1:10, c(.2, .4, .6, .8)) gives 2.8 4.6 6.4 8.2.
    std::vector<double> v{10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
    const auto real = class_breaks(v, false, false);
    REQUIRE(real.breaks.size() == 4);
    CHECK(real.breaks[0] == Approx(2.8));
    CHECK(real.breaks[1] == Approx(4.6));
    CHECK(real.breaks[2] == Approx(6.4));
    CHECK(real.breaks[3] == Approx(8.2));
    CHECK(real.min == 1);
    CHECK(real.max == 10);
    CHECK_THAT(real.method, Catch::StartsWith("quintiles"));
    // Whole numbers: a class starts at a whole number.
    CHECK(class_breaks(v, true, false).breaks == std::vector<double>{3, 5, 7, 9});
    // Many zeros: none is a class, then quartiles of the rest (R: quantile(c(1, 2, 4, 8), c(.25, .5, .75)) = 1.75 3 5).
    const auto sparse = class_breaks({0, 0, 0, 0, 0, 1, 2, 4, 8}, false, false);
    CHECK(sparse.breaks == std::vector<double>{1, 1.75, 3, 5});
    CHECK_THAT(sparse.method, Catch::StartsWith("none"));
    // Diverging, whole: the non-zero sizes 1 1 2 3 3 4 5 put the big changes at 4 or more.
    const auto change = class_breaks({-5, -3, -1, 0, 0, 1, 2, 3, 4}, true, true);
    CHECK(change.breaks == std::vector<double>{-3, 0, 1, 4});
    // One value everywhere: no breaks. No values: nothing.
    CHECK(class_breaks({4, 4, 4}, false, false).breaks.empty());
    CHECK(class_breaks({}, false, false).method.empty());
}
