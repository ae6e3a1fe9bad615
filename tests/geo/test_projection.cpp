#include <catch2/catch.hpp>

#include <random>

#include "geo/crs/projection.hpp"
#include "geo/error.hpp"

using namespace hotspot;

TEST_CASE("the interpolation grid stays within its tolerance of PROJ", "[projection]") {
    const OGRSpatialReference wgs84 = parse_crs("EPSG:4326");
    const OGRSpatialReference bng = parse_crs("EPSG:27700");
    Projector exact(wgs84, bng);
    Projector fast(wgs84, bng);
    fast.accelerate(Box{540000, 170000, 630000, 246000});
    REQUIRE(fast.accelerated());
    CHECK(fast.grid_error() <= Projector::kGridTolerance);
    auto e = exact.worker();
    auto f = fast.worker();
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> lon(-0.1, 1.4);
    std::uniform_real_distribution<double> lat(51.4, 52.2);
    std::vector<double> ex(50000);
    std::vector<double> ey(50000);
    for (size_t i = 0; i < ex.size(); ++i) {
        ex[i] = lon(rng);
        ey[i] = lat(rng);
    }
    std::vector<double> fx = ex;
    std::vector<double> fy = ey;
    std::vector<char> ok_e;
    std::vector<char> ok_f;
    e.transform(ex, ey, ok_e);
    f.transform(fx, fy, ok_f);
    double worst = 0;
    for (size_t i = 0; i < ex.size(); ++i) {
        REQUIRE(ok_e[i] == 1);
        REQUIRE(ok_f[i] == 1);
        worst = std::max(worst, std::hypot(fx[i] - ex[i], fy[i] - ey[i]));
    }
    CHECK(worst < Projector::kGridTolerance);
}

TEST_CASE("points outside the grid are transformed exactly", "[projection]") {
    Projector p(parse_crs("EPSG:4326"), parse_crs("EPSG:27700"));
    p.accelerate(Box{540000, 170000, 630000, 246000});
    Projector exact(parse_crs("EPSG:4326"), parse_crs("EPSG:27700"));
    auto w = p.worker();
    auto e = exact.worker();
    std::vector<double> x{-3.0}, y{55.0}, x2{-3.0}, y2{55.0};
    std::vector<char> ok;
    w.transform(x, y, ok);
    e.transform(x2, y2, ok);
    CHECK(x[0] == x2[0]);
    CHECK(y[0] == y2[0]);
}

TEST_CASE("the same CRS passes coordinates through", "[projection]") {
    Projector p(parse_crs("EPSG:27700"), parse_crs("EPSG:27700"));
    CHECK(p.is_identity());
    auto w = p.worker();
    std::vector<double> x{571773.25}, y{193045.5};
    std::vector<char> ok;
    w.transform(x, y, ok);
    CHECK(x[0] == 571773.25);
    CHECK(ok[0] == 1);
}

TEST_CASE("CRS strings", "[projection]") {
    CHECK(crs_label(parse_crs("EPSG:27700")) == "EPSG:27700");
    CHECK(parse_crs("+proj=longlat +datum=WGS84").IsGeographic() == 1);
    CHECK_THROWS_WITH(parse_crs("EPSG:999999"),
                      "\"EPSG:999999\" is not a coordinate reference system (expected e.g. "
                      "EPSG:27700, a WKT or a PROJ string)");
}
