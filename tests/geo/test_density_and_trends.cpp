// Kernel density, Mann-Kendall, emerging hot spot patterns, knife crime and concentration.

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <random>

#include <gdal_priv.h>

#include "geo/aggregate/knife.hpp"
#include "geo/box.hpp"
#include "geo/crs/crs.hpp"
#include "geo/detail/gdal.hpp"
#include "geo/error.hpp"
#include "geo/harm.hpp"
#include "geo/hotspots/emerging.hpp"
#include "geo/hotspots/hotspot_layers.hpp"
#include "geo/hotspots/kde.hpp"
#include "geo/io/harm_weights.hpp"
#include "geo/io/incident_source.hpp"
#include "geo/stats/mann_kendall.hpp"
#include "support.hpp"

using namespace hotspot;

namespace {

/// The density a point of weight w adds at distance d, per km2.
double quartic(double d, double r, double w = 1) {
    return d >= r ? 0.0 : w * 3.0 / (std::numbers::pi * r * r) * std::pow(1 - d * d / (r * r), 2) * 1e6;
}

/// The value of the grid cell whose centre is (x, y).
float cell_at(const DensityGrid& g, double x, double y) {
    const auto col = static_cast<uint32_t>(std::floor((x - g.min_x) / g.cell));
    const auto row = static_cast<uint32_t>(std::floor((g.max_y - y) / g.cell));
    REQUIRE(std::fabs(g.centre_x(col) - x) < 1e-6);
    REQUIRE(std::fabs(g.centre_y(row) - y) < 1e-6);
    return g.at(col, row);
}

}  // namespace

TEST_CASE("kernel density: hand-computed values at cells", "[kde]") {
    // One point on a cell centre, one of weight 2 300 m east: r = 100 m, 10 m cells.
    KdePoints p;
    p.x = {1005, 1305};
    p.y = {2005, 2005};
    p.weight = {1, 2};
    KdeOptions o;
    o.bandwidth = 100;
    o.cell = 10;
    o.extent = Box{1000, 2000, 1400, 2010};
    const DensityGrid g = kernel_density(p, o);
    CHECK(g.min_x == 900);  // the extent widened by the bandwidth
    // 3 / (pi 100^2) per m2 = 95.49 per km2 at the point itself.
    CHECK(cell_at(g, 1005, 2005) == Approx(quartic(0, 100)).epsilon(1e-6));
    CHECK(cell_at(g, 1005, 2005) == Approx(95.4929658).epsilon(1e-6));
    // 50 m east: (1 - 0.25)^2 of the peak.
    CHECK(cell_at(g, 1055, 2005) == Approx(0.5625 * 95.4929658).epsilon(1e-6));
    // 30 m east and 40 m north: d = 50 m again.
    CHECK(cell_at(g, 1035, 2045) == Approx(0.5625 * 95.4929658).epsilon(1e-6));
    // 100 m away: the edge of the kernel, 0.
    CHECK(cell_at(g, 1105, 2005) == 0.0F);
    // The weighted point counts twice.
    CHECK(cell_at(g, 1305, 2005) == Approx(2 * 95.4929658).epsilon(1e-6));
    CHECK(cell_at(g, 1265, 2035) == Approx(quartic(50, 100, 2)).epsilon(1e-6));
    CHECK(g.integral() == Approx(3.0).epsilon(0.01));
}

TEST_CASE("kernel density: off-centre points, edges and threads", "[kde]") {
    std::mt19937_64 rng(3);
    std::uniform_real_distribution<double> ux(0, 5000);
    std::uniform_real_distribution<double> uy(0, 3000);
    KdePoints p;
    for (int i = 0; i < 3000; ++i) {
        p.x.push_back(ux(rng));
        p.y.push_back(uy(rng));
    }
    KdeOptions o;
    o.bandwidth = 300;
    o.cell = 25;
    o.threads = 1;
    const DensityGrid one = kernel_density(p, o);
    o.threads = 3;
    const DensityGrid three = kernel_density(p, o);
    CHECK(one.values == three.values);  // the same sums in the same order
    CHECK(one.integral() == Approx(3000).epsilon(0.01));
    // Brute force at a sample of cells: every point, exact distance.
    double worst = 0;
    for (uint32_t row = 0; row < one.rows; row += 17) {
        for (uint32_t col = 0; col < one.cols; col += 13) {
            double expected = 0;
            for (size_t i = 0; i < p.x.size(); ++i) {
                expected += quartic(std::hypot(one.centre_x(col) - p.x[i], one.centre_y(row) - p.y[i]), 300);
            }
            worst = std::max(worst, std::fabs(static_cast<double>(one.at(col, row)) - expected) / std::max(expected, 1.0));
        }
    }
    CHECK(worst < 1e-4);
    // An extent that cuts points off: their surfaces are clipped, not wrapped around.
    o.extent = Box{1000, 1000, 2000, 2000};
    const DensityGrid clipped = kernel_density(p, o);
    CHECK(clipped.integral() < 3000);
    for (uint32_t row = 0; row < clipped.rows; row += 7) {
        for (uint32_t col = 0; col < clipped.cols; col += 7) {
            const double x = clipped.centre_x(col);
            const double y = clipped.centre_y(row);
            const auto full_col = static_cast<uint32_t>((x - one.min_x) / one.cell);
            const auto full_row = static_cast<uint32_t>((one.max_y - y) / one.cell);
            if (std::fabs(one.centre_x(full_col) - x) < 1e-6 && std::fabs(one.centre_y(full_row) - y) < 1e-6) {
                CHECK(static_cast<double>(clipped.at(col, row)) == Approx(static_cast<double>(one.at(full_col, full_row))).epsilon(1e-5).margin(1e-6));
            }
        }
    }
}

TEST_CASE("kernel density of the Essex sample holds its incidents", "[kde]") {
    // Every located Essex crime of 2018, at 25 m and 300 m (the benchmark's grid): the
    // surface integrates to the count within 1 %, and to the harm when weighted by it.
    ReadOptions options(parse_crs("EPSG:27700"), std::nullopt);
    options.threads = 2;
    ParsedRows rows;
    for (const auto& f : test::essex_crime_files()) {
        read_incidents(f, nullptr, options, rows);
    }
    KdePoints p;
    p.x = rows.table.x;
    p.y = rows.table.y;
    KdeOptions o;
    o.bandwidth = 300;
    o.cell = 25;
    o.threads = 2;
    const DensityGrid g = kernel_density(p, o);
    CHECK(p.x.size() == 115065 - 218);
    CHECK(g.integral() == Approx(static_cast<double>(p.x.size())).epsilon(0.01));
    const HarmWeights harm = read_harm_weights(test::data_path("harm-weights.csv"));
    double total_harm = 0;
    for (const uint16_t c : rows.table.category) {
        p.weight.push_back(harm.weight(rows.table.categories.at(c)).value_or(0));
        total_harm += p.weight.back();
    }
    CHECK(kernel_density(p, o).integral() == Approx(total_harm).epsilon(0.01));
}

TEST_CASE("the default bandwidth follows the spatial Silverman rule", "[kde]") {
    // Four points at the corners of a 200 m square: mean centre in the middle, every
    // distance 141.42 m, so SD = Dm = 141.42; h = 0.9 * min(SD, 1.2011 Dm) * 4^-0.2.
    KdePoints p;
    p.x = {0, 200, 0, 200};
    p.y = {0, 0, 200, 200};
    const double d = std::sqrt(2.0) * 100;
    CHECK(bandwidth_rule(p) == Approx(0.9 * d * std::pow(4.0, -0.2)));
    CHECK_THROWS_WITH(kernel_density(KdePoints{}, KdeOptions{}),
                      "no incidents match the filter, so there is no density to map");
    KdePoints same;
    same.x = {5, 5};
    same.y = {5, 5};
    CHECK_THROWS_WITH(bandwidth_rule(same), "all points are in one place: give a bandwidth (--bandwidth)");
    KdeOptions huge;
    huge.bandwidth = 100;
    huge.cell = 0.01;
    CHECK_THROWS_WITH(kernel_density(p, huge),
                      "a 40000 x 40000 grid is too large: choose a larger cell size");
}

TEST_CASE("density surfaces are GeoTIFFs with their CRS and units", "[kde]") {
    test::TempDir tmp;
    KdePoints p;
    p.x = {571000};
    p.y = {193000};
    KdeOptions o;
    o.bandwidth = 300;
    o.cell = 25;
    DensityGrid g = kernel_density(p, o);
    g.units = "incidents per km2";
    write_geotiff(g, parse_crs("EPSG:27700"), tmp.path("d.tif"));
    detail::gdal_init();
    GDALDatasetUniquePtr ds(GDALDataset::Open(tmp.path("d.tif").c_str(), GDAL_OF_RASTER));
    REQUIRE(ds);
    CHECK(ds->GetRasterXSize() == static_cast<int>(g.cols));
    double t[6];
    ds->GetGeoTransform(t);
    CHECK(t[0] == g.min_x);
    CHECK(t[1] == 25);
    CHECK(t[5] == -25);
    CHECK(crs_label(*ds->GetSpatialRef()) == "EPSG:27700");
    GDALRasterBand* band = ds->GetRasterBand(1);
    CHECK(std::string(band->GetMetadataItem("UNITS")) == "incidents per km2");
    double minmax[2];
    band->ComputeRasterMinMax(FALSE, minmax);
    CHECK(minmax[1] == Approx(*std::max_element(g.values.begin(), g.values.end())));
}

TEST_CASE("Mann-Kendall by hand", "[trend]") {
    // 1..5: every pair rises, S = 10; var = 5 * 4 * 15 / 18 = 16.667;
    // z = (10 - 1) / 4.0825 = 2.2045, p = 0.0275 (two-sided normal).
    const auto up = stats::mann_kendall({1, 2, 3, 4, 5});
    CHECK(up.s == 10);
    CHECK(up.variance == Approx(16.6666667));
    CHECK(up.z == Approx(2.2045).epsilon(1e-4));
    CHECK(up.p == Approx(0.02749).epsilon(1e-3));
    CHECK(up.tau == 1.0);
    // With a tie: 1, 1, 2, 3 gives S = 5; var = (4*3*13 - 2*1*9) / 18 = 7.6667;
    // z = 4 / 2.7689 = 1.4446.
    const auto tied = stats::mann_kendall({1, 1, 2, 3});
    CHECK(tied.s == 5);
    CHECK(tied.variance == Approx(7.6666667));
    CHECK(tied.z == Approx(1.4446).epsilon(1e-4));
    // A falling series mirrors a rising one; a flat one has no trend.
    CHECK(stats::mann_kendall({5, 4, 3, 2, 1}).z == Approx(-2.2045).epsilon(1e-4));
    CHECK(stats::mann_kendall({2, 2, 2, 2}).p == 1.0);
    CHECK(stats::mann_kendall({1, 2}).p == 1.0);
}

TEST_CASE("emerging hot spot patterns", "[emerging]") {
    stats::MannKendall none;  // p = 1: no trend
    stats::MannKendall rising;
    rising.z = 3;
    rising.p = 0.001;
    stats::MannKendall falling;
    falling.z = -3;
    falling.p = 0.001;
    const double a = 0.05;
    CHECK(emerging_pattern({0, 0, 0, 0, 0, 0, 0, 0, 0, 2}, none, a) == "new hot spot");
    CHECK(emerging_pattern({0, 0, 0, 0, 0, 0, 0, 1, 3, 2}, none, a) == "consecutive hot spot");
    CHECK(emerging_pattern({0, 3, 3, 3, 3, 3, 3, 3, 3, 3}, rising, a) == "intensifying hot spot");
    CHECK(emerging_pattern({3, 3, 3, 3, 3, 3, 3, 3, 3, 3}, none, a) == "persistent hot spot");
    CHECK(emerging_pattern({3, 3, 3, 3, 3, 3, 3, 3, 3, 1}, falling, a) == "diminishing hot spot");
    CHECK(emerging_pattern({0, 2, 0, 0, 1, 0, 0, 0, 0, 2}, none, a) == "sporadic hot spot");
    CHECK(emerging_pattern({0, -2, 0, 0, 1, 0, 0, 0, 0, 2}, none, a) == "oscillating hot spot");
    CHECK(emerging_pattern({3, 3, 3, 3, 3, 3, 3, 3, 3, 0}, falling, a) == "historical hot spot");
    CHECK(emerging_pattern({0, 0, 0, 0, 0, 0, 0, 0, -1, -2}, none, a) == "consecutive cold spot");
    CHECK(emerging_pattern({-3, -3, -3, -3, -3, -3, -3, -3, -3, -3}, rising, a) == "diminishing cold spot");
    CHECK(emerging_pattern({0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, none, a) == "no pattern");
    CHECK(emerging_pattern({2, 2, 0, 0, 0, 0, 0, 0, 0, 0}, none, a) == "no pattern");
}

TEST_CASE("knife crime: police.uk categories and force markers", "[knife]") {
    const KnifeDefinition def = load_knife_definition(test::data_path("knife-crime.json"));
    CHECK(def.categories == std::vector<std::string>{"Possession of weapons"});
    Dictionary cats;
    for (const char* c : {"Burglary", "Possession of weapons", "Robbery (knife)", "Robbery"}) {
        cats.intern(c);
    }
    CHECK(knife_categories(def, cats) ==
          std::vector<std::string>{"Possession of weapons", "Robbery (knife)"});
    Dictionary none;
    none.intern("Burglary");
    CHECK_THROWS_WITH(knife_categories(def, none),
                      "no knife crime in the data: knife crime (" + test::data_path("knife-crime.json") +
                          ") looks for Possession of weapons and categories marked (knife)");
    test::TempDir tmp;
    test::write_file(tmp.path("k.json"), R"({"name": "blades", "colour": 1})");
    CHECK_THROWS_WITH(load_knife_definition(tmp.path("k.json")),
                      tmp.path("k.json") + ": unexpected \"colour\" (keys: name, categories, include_marked)");
}

TEST_CASE("the concentration curve", "[concentration]") {
    AreaFrame frame;
    frame.codes = {"A", "B", "C", "D"};
    frame.names = frame.codes;
    AreaValues v;
    v.values = {10, 60, 0, 30};
    v.field = "count";
    v.label = "incidents";
    const Table t = concentration_layer(frame, {1, 1, 6, 2}, v);
    CHECK(std::get<std::string>(t.rows[0][1]) == "B");
    CHECK(std::get<double>(t.rows[0][t.field_index("cum_pct")]) == 60.0);
    CHECK(std::get<double>(t.rows[1][t.field_index("cum_pct")]) == 90.0);
    CHECK(std::get<double>(t.rows[1][t.field_index("land_pct")]) == 30.0);
    CHECK(t.notes[0] == "25.0 % of areas (10.0 % of the land) hold half of the incidents");
    v.values = {0, 0, 0, 0};
    CHECK_THROWS_WITH(concentration_layer(frame, {1, 1, 1, 1}, v),
                      "nothing to concentrate: the filtered incidents add up to 0");
}
