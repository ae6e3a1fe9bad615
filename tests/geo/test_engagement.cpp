// The community engagement classification: the Fay-Herriot fit against metafor, recovery
// of the synthetic survey's known scores, k-means against scikit-learn and on planted
// clusters, determinism, and bad survey rows and item mappings.

#include <cmath>
#include <map>
#include <set>

#include <catch2/catch.hpp>

#include "geo/crs/crs.hpp"
#include "geo/engagement/classify.hpp"
#include "geo/engagement/survey.hpp"
#include "geo/error.hpp"
#include "geo/io/area_reader.hpp"
#include "geo/io/csv_file_reader.hpp"
#include "geo/stats/fay_herriot.hpp"
#include "geo/stats/kmeans.hpp"
#include "geo/stats/random.hpp"
#include "support.hpp"

using namespace hotspot;

namespace {

struct Csv {
    std::vector<std::vector<std::string>> rows;
    std::vector<int64_t> lines;
    explicit Csv(const std::string& path) { read_small_csv(path, rows, lines); }
    [[nodiscard]] size_t col(const std::string& name) const {
        for (size_t i = 0; i < rows.front().size(); ++i) {
            if (rows.front()[i] == name) {
                return i;
            }
        }
        FAIL("no column " << name);
        return 0;
    }
};

/// The sample: Essex LSOAs, covariates, the synthetic survey.
struct Sample {
    AreaSet areas;
    PopulationTable population;
    EngagementCovariates covariates;
    std::vector<SurveyItem> items;
    Survey survey;
    Sample() {
        AreaReadOptions ao;
        ao.working_crs = parse_crs("EPSG:27700");
        areas = read_areas(test::data_path("areas/essex-lsoa2011.gpkg"), ao);
        population = read_population(test::data_path("population/iod2019-population-denominators.csv.gz"), {});
        covariates = read_engagement_covariates(areas, test::data_path("covariates/iod2019-domains-essex.csv"),
                                                test::data_path("covariates/ruc2011-essex.csv"), population);
        items = read_survey_items(test::data_path("survey/items.csv"));
        survey = read_survey(test::data_path("survey/essex-survey-synthetic.csv"), items, areas);
    }
};

const Sample& sample() {
    static const Sample s;
    return s;
}

}  // namespace

TEST_CASE("Fay-Herriot agrees with metafor's REML fit on the sample's model inputs", "[engagement]") {
    const Csv in(test::fixture("reference/engagement_fh_inputs.csv"));
    const Csv ref(test::fixture("reference/engagement_fh.csv"));
    std::map<std::string, std::map<std::string, double>> expected;
    for (size_t r = 1; r < ref.rows.size(); ++r) {
        expected[ref.rows[r][0]][ref.rows[r][1]] = std::stod(ref.rows[r][2]);
    }
    const std::vector<std::string> names{"income", "education", "health", "crime", "barriers",
                                         "living_environment", "urban", "village", "log_density"};
    for (const std::string domain : {"belonging", "fear"}) {
        INFO(domain);
        std::vector<double> x;
        std::vector<double> y;
        std::vector<double> psi;
        std::vector<std::string> codes;
        for (size_t r = 1; r < in.rows.size(); ++r) {
            const auto& row = in.rows[r];
            if (row[in.col("domain")] != domain) {
                continue;
            }
            codes.push_back(row[in.col("area_code")]);
            const std::string& d = row[in.col("direct")];
            y.push_back(d.empty() ? std::nan("") : std::stod(d));
            psi.push_back(d.empty() ? std::nan("") : std::stod(row[in.col("psi")]));
            x.push_back(1);
            for (const auto& n : names) {
                x.push_back(std::stod(row[in.col(n)]));
            }
        }
        const FayHerriotResult fh = fay_herriot(x, names.size() + 1, y, psi);
        const auto& e = expected.at(domain);
        CHECK(fh.converged);
        CHECK(fh.sigma2_u == Approx(e.at("sigma2_u")).epsilon(1e-6));
        CHECK(fh.beta[0] == Approx(e.at("beta_intercept")).epsilon(1e-6));
        for (size_t k = 0; k < names.size(); ++k) {
            CHECK(fh.beta[k + 1] == Approx(e.at("beta_" + names[k])).margin(1e-6));
        }
        double worst = 0;
        for (size_t i = 0; i < codes.size(); ++i) {
            worst = std::max(worst, std::abs(fh.estimate[i] - e.at(codes[i])));
        }
        CHECK(worst < 1e-6);
    }
}

TEST_CASE("the synthetic survey's known scores are estimated back within their errors", "[engagement]") {
    const Sample& s = sample();
    REQUIRE(s.survey.rejects.total() == 0);
    REQUIRE(s.survey.synthetic_rows == static_cast<int64_t>(s.survey.area.size()));
    const EngagementResult r = classify_engagement(s.areas, s.survey, s.covariates, EngagementOptions{});
    const Csv truth(test::data_path("survey/essex-survey-synthetic-truth.csv"));
    // Per source of estimate: squared error, and how often the truth lies within 1.96 SE.
    std::map<std::string, std::array<double, 3>> by;  // n, sum of squares, covered
    double direct_only_ss = 0;
    int64_t direct_only_n = 0;
    for (size_t row = 1; row < truth.rows.size(); ++row) {
        const auto a = s.areas.find(truth.rows[row][0]);
        REQUIRE(a);
        for (size_t d = 0; d < kDomainCount; ++d) {
            const double t = std::stod(truth.rows[row][d + 1]);
            const double e = r.score[*a][d] - t;
            auto& b = by[r.source[*a]];
            b[0] += 1;
            b[1] += e * e;
            b[2] += std::abs(e) <= 1.96 * r.se[*a][d] ? 1 : 0;
            if (r.source[*a] == "composite") {
                // The same areas' direct estimates alone, for comparison.
                size_t k = 0;
                while (s.covariates.present[*a] && r.modelled[k] != *a) {
                    ++k;
                }
                const double direct = r.direct[d][k];
                direct_only_ss += (direct - t) * (direct - t);
                ++direct_only_n;
            }
        }
    }
    REQUIRE(by.size() == 3);
    for (const auto& [source, b] : by) {
        INFO(source << ": " << b[0] << " estimates, RMSE " << std::sqrt(b[1] / b[0]) << ", coverage "
                    << b[2] / b[0]);
        CHECK(b[2] / b[0] > 0.90);  // nominal 95 %
        CHECK(b[2] / b[0] < 0.99);
    }
    const double rmse_composite = std::sqrt(by["composite"][1] / by["composite"][0]);
    const double rmse_model = std::sqrt(by["model"][1] / by["model"][0]);
    const double rmse_direct_only = std::sqrt(direct_only_ss / static_cast<double>(direct_only_n));
    CHECK(rmse_composite < rmse_direct_only * 0.8);  // borrowing strength pays
    CHECK(rmse_composite < rmse_model);              // and respondents add to the model
    CHECK(rmse_model < 5);                           // true area effects have SD 4
    // Every LSOA gets five scores and a class.
    for (size_t a = 0; a < s.areas.size(); ++a) {
        CHECK(r.cls[a] >= 0);
    }
}

TEST_CASE("k-means finds what scikit-learn finds on the engagement scores", "[engagement]") {
    const Csv scores(test::fixture("reference/engagement_scores.csv"));
    const size_t n = scores.rows.size() - 1;
    std::vector<double> z(n * 5);
    for (size_t d = 0; d < 5; ++d) {
        double mean = 0;
        for (size_t i = 0; i < n; ++i) {
            z[i * 5 + d] = std::stod(scores.rows[i + 1][d + 1]);
            mean += z[i * 5 + d] / static_cast<double>(n);
        }
        double var = 0;
        for (size_t i = 0; i < n; ++i) {
            var += (z[i * 5 + d] - mean) * (z[i * 5 + d] - mean) / static_cast<double>(n - 1);
        }
        for (size_t i = 0; i < n; ++i) {
            z[i * 5 + d] = (z[i * 5 + d] - mean) / std::sqrt(var);
        }
    }
    const Csv ref(test::fixture("reference/engagement_kmeans.csv"));
    for (size_t r = 1; r < ref.rows.size(); ++r) {
        const int k = std::stoi(ref.rows[r][0]);
        const double inertia = std::stod(ref.rows[r][1]);
        INFO("k = " << k);
        const KMeansResult km = kmeans(z, 5, k, 100, 2018);
        CHECK(km.within_ss <= inertia * 1.002);  // as good as 200 scikit-learn starts
        CHECK(km.within_ss >= inertia * 0.999);
        if (std::abs(km.within_ss - inertia) < 1e-6 * inertia) {
            CHECK(km.calinski_harabasz() == Approx(std::stod(ref.rows[r][2])).epsilon(1e-9));
        }
    }
}

TEST_CASE("k-means recovers planted clusters, the same on any number of threads", "[engagement]") {
    // Three blobs in five dimensions, at least 11 standard deviations apart.
    stats::SplitMix64 rng(7);
    auto gauss = [&] {
        const double u1 = (static_cast<double>(rng.next() >> 11) + 0.5) * 0x1.0p-53;
        const double u2 = static_cast<double>(rng.next() >> 11) * 0x1.0p-53;
        return std::sqrt(-2 * std::log(u1)) * std::cos(2 * 3.141592653589793 * u2);
    };
    const std::vector<std::array<double, 5>> centres{{0, 0, 0, 0, 0}, {8, 8, 0, 0, 0}, {0, 8, 8, 8, 0}};
    const std::vector<int> sizes{150, 100, 50};
    std::vector<double> data;
    std::vector<int> planted;
    for (size_t c = 0; c < centres.size(); ++c) {
        for (int i = 0; i < sizes[c]; ++i) {
            for (size_t d = 0; d < 5; ++d) {
                data.push_back(centres[c][d] + gauss());
            }
            planted.push_back(static_cast<int>(c));
        }
    }
    const KMeansResult one = kmeans(data, 5, 3, 20, 99, 1);
    // Largest cluster first: the labels are the planted ones exactly.
    CHECK(one.label == planted);
    CHECK(one.size == std::vector<int64_t>{150, 100, 50});
    for (const int threads : {2, 3, 8}) {
        const KMeansResult many = kmeans(data, 5, 3, 20, 99, threads);
        CHECK(many.label == one.label);
        CHECK(many.within_ss == one.within_ss);
        CHECK(many.centre == one.centre);
    }
    // Calinski-Harabasz peaks at the planted k.
    double best = 0;
    int best_k = 0;
    for (int k = 2; k <= 6; ++k) {
        const double ch = kmeans(data, 5, k, 20, 99).calinski_harabasz();
        if (ch > best) {
            best = ch;
            best_k = k;
        }
    }
    CHECK(best_k == 3);
    CHECK_THROWS_AS(kmeans(data, 5, 1, 10, 1), std::invalid_argument);
}

TEST_CASE("classes are named from their profiles, deterministically", "[engagement]") {
    const Sample& s = sample();
    EngagementOptions o;
    o.k = 6;
    o.threads = 1;
    const EngagementResult a = classify_engagement(s.areas, s.survey, s.covariates, o);
    o.threads = 2;
    const EngagementResult b = classify_engagement(s.areas, s.survey, s.covariates, o);
    CHECK(a.cls == b.cls);
    REQUIRE(a.classes.size() == 6);
    std::set<std::string> names;
    for (size_t c = 0; c < a.classes.size(); ++c) {
        const EngagementClass& ec = a.classes[c];
        INFO(ec.name << ": " << ec.portrait);
        CHECK(ec.name == b.classes[c].name);
        CHECK(names.insert(ec.name).second);  // distinct
        CHECK(ec.portrait.find(std::to_string(ec.areas) + " areas") == 0);
        // A domain far above the mean puts its word in the name; far below, its opposite.
        static const std::array<std::array<const char*, 2>, 5> words{{{"Cohesive", "Disconnected"},
                                                                      {"Diverse", "Homogeneous"},
                                                                      {"Fearful", "Secure"},
                                                                      {"Satisfied", "Dissatisfied"},
                                                                      {"Volunteering", "Non-Volunteering"}}};
        std::vector<size_t> order{0, 1, 2, 3, 4};
        std::stable_sort(order.begin(), order.end(), [&](size_t l, size_t r) {
            return std::abs(ec.centre_z[l]) > std::abs(ec.centre_z[r]);
        });
        for (size_t i = 0; i < 3; ++i) {  // the three most distinctive domains, if far enough
            const size_t d = order[i];
            if (std::abs(ec.centre_z[d]) >= 0.5) {
                CHECK(ec.name.find(words[d][ec.centre_z[d] > 0 ? 0 : 1]) != std::string::npos);
            }
        }
        // The flag follows the index of the class mean.
        CHECK(ec.rich == ((ec.centre_z[0] + ec.centre_z[3] + ec.centre_z[4] - ec.centre_z[2]) / 4 >= 0));
    }
    // Areas are rich or poor by their own index.
    for (size_t i = 0; i < s.areas.size(); ++i) {
        CHECK(std::isfinite(a.index[i]));
    }
}

TEST_CASE("bad survey rows are rejected with their line and reason", "[engagement]") {
    const Sample& s = sample();
    test::TempDir tmp;
    test::write_file(tmp.path("items.csv"),
                     "item,domain,reverse,min,max\n"
                     "q1,belonging,no,1,5\nq2,diversity,no,1,5\nq3,fear,yes,1,5\n"
                     "q4,satisfaction,no,1,5\nq5,participation,no,0,10\n");
    const auto items = read_survey_items(tmp.path("items.csv"));
    REQUIRE(items.size() == 5);
    CHECK(items[2].reverse);
    CHECK(items[4].max == 10);
    test::write_file(tmp.path("survey.csv"),
                     "id,area_code,weight,q1,q2,q3,q4,q5\n"
                     "1,E01015814,1,5,4,1,3,10\n"      // good: line 2
                     "2,E01015814,1,5,4\n"             // wrong column count
                     "3,E99999999,1,5,4,1,3,2\n"       // unknown area
                     "4,,1,5,4,1,3,2\n"                // no area
                     "5,E01015814,0,5,4,1,3,2\n"       // weight not positive
                     "6,E01015814,abc,5,4,1,3,2\n"     // weight not a number
                     "7,E01015814,1,6,4,1,3,2\n"       // answer off its scale
                     "8,E01015814,1,x,4,1,3,2\n"       // answer not a number
                     "9,E01015814,1,,,,,\n"            // nothing answered
                     "10,E01015815,2.5,1,,,,\n");      // good: only belonging answered
    const Survey sv = read_survey(tmp.path("survey.csv"), items, s.areas);
    REQUIRE(sv.area.size() == 2);
    CHECK(sv.score[0][0] == 100);  // 5 on 1-5
    CHECK(sv.score[0][2] == 100);  // 1, reversed
    CHECK(sv.score[0][4] == 100);  // 10 on 0-10
    CHECK(std::isnan(sv.score[1][1]));
    CHECK(sv.weight[1] == 2.5);
    CHECK(sv.rejects.total() == 8);
    std::map<int64_t, RejectReason> by_line;
    for (const auto& rej : sv.rejects.items()) {
        by_line[rej.line] = rej.reason;
        CHECK(rej.message().find(tmp.path("survey.csv") + ":" + std::to_string(rej.line)) == 0);
    }
    CHECK(by_line.at(3) == RejectReason::wrong_column_count);
    CHECK(by_line.at(4) == RejectReason::unknown_area);
    CHECK(by_line.at(5) == RejectReason::no_location);
    CHECK(by_line.at(6) == RejectReason::bad_number);
    CHECK(by_line.at(7) == RejectReason::bad_number);
    CHECK(by_line.at(8) == RejectReason::out_of_range);
    CHECK(by_line.at(9) == RejectReason::bad_number);
    CHECK(by_line.at(10) == RejectReason::no_answers);

    // Coordinates instead of codes: a point in Southend-on-Sea, and one in the sea.
    test::write_file(tmp.path("points.csv"),
                     "id,longitude,latitude,q1,q2,q3,q4,q5\n"
                     "1,0.7105,51.5376,4,4,2,3,5\n"
                     "2,1.8,51.2,4,4,2,3,5\n"
                     "3,200,51.2,4,4,2,3,5\n");
    const Survey pts = read_survey(tmp.path("points.csv"), items, s.areas);
    REQUIRE(pts.area.size() == 1);
    CHECK(s.areas.name(pts.area[0]).rfind("Southend-on-Sea", 0) == 0);
    CHECK(pts.rejects.items().at(0).reason == RejectReason::unknown_area);
    CHECK(pts.rejects.items().at(1).reason == RejectReason::coordinate_out_of_range);

    // Unusable files stop with the file and line.
    test::write_file(tmp.path("no-item.csv"), "id,area_code,q1\n1,E01015814,3\n");
    CHECK_THROWS_WITH(read_survey(tmp.path("no-item.csv"), items, s.areas),
                      Catch::Contains("no column for item \"q2\""));
    test::write_file(tmp.path("bad-domain.csv"), "item,domain\nq1,belonging\nq2,trust\n");
    CHECK_THROWS_WITH(read_survey_items(tmp.path("bad-domain.csv")), Catch::Contains("bad-domain.csv:3"));
    test::write_file(tmp.path("missing-domain.csv"), "item,domain\nq1,belonging\n");
    CHECK_THROWS_WITH(read_survey_items(tmp.path("missing-domain.csv")), Catch::Contains("no item measures diversity"));
    test::write_file(tmp.path("repeat.csv"), "item,domain\nq1,belonging\nq1,fear\n");
    CHECK_THROWS_WITH(read_survey_items(tmp.path("repeat.csv")), Catch::Contains("repeat.csv:3"));
    test::write_file(tmp.path("scale.csv"), "item,domain,min,max\nq1,belonging,5,1\n");
    CHECK_THROWS_WITH(read_survey_items(tmp.path("scale.csv")), Catch::Contains("min < max"));
    CHECK_THROWS_AS(read_survey(tmp.path("absent.csv"), items, s.areas), InputError);
}
