#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "geo/io/csv_file_reader.hpp"
#include "geo/stats/binomial.hpp"
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
