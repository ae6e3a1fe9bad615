// Spatial weights, Gi* and local Moran's I, checked against R spdep on the Essex LSOAs
// (reference values and the command that made them: tests/fixtures/reference/spdep_essex.R).

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "geo/crs/crs.hpp"
#include "geo/error.hpp"
#include "geo/hotspots/getis_ord.hpp"
#include "geo/hotspots/local_moran.hpp"
#include "geo/hotspots/weights.hpp"
#include "geo/io/area_reader.hpp"
#include "geo/io/csv_file_reader.hpp"
#include "geo/io/incident_source.hpp"
#include "support.hpp"

using namespace hotspot;

namespace {

const AreaSet& essex() {
    static const AreaSet areas = [] {
        AreaReadOptions o;
        o.working_crs = parse_crs("EPSG:27700");
        return read_areas(test::data_path("areas/essex-lsoa2011.gpkg"), o);
    }();
    return areas;
}

struct Reference {
    std::vector<double> x;
    std::vector<double> gi_star;
    std::vector<double> lisa_i;
};

const Reference& spdep() {
    static const Reference ref = [] {
        std::vector<std::vector<std::string>> rows;
        std::vector<int64_t> lines;
        read_small_csv(test::fixture("reference/spdep_essex.csv"), rows, lines);
        Reference r;
        for (size_t i = 1; i < rows.size(); ++i) {
            REQUIRE(rows[i][0] == essex().code(i - 1));  // same areas, same order
            r.x.push_back(std::stod(rows[i][1]));
            r.gi_star.push_back(std::stod(rows[i][2]));
            r.lisa_i.push_back(std::stod(rows[i][3]));
        }
        return r;
    }();
    return ref;
}

/// Neighbour lists from a GAL file written by spdep (1-based indices).
std::vector<std::vector<uint32_t>> read_gal(const std::string& path) {
    std::ifstream in(path);
    std::string header;
    std::getline(in, header);
    std::vector<std::vector<uint32_t>> out;
    size_t id = 0;
    size_t count = 0;
    while (in >> id >> count) {
        std::vector<uint32_t> row(count);
        for (auto& j : row) {
            in >> j;
            --j;
        }
        std::sort(row.begin(), row.end());
        out.push_back(row);
    }
    return out;
}

}  // namespace

TEST_CASE("queen contiguity matches spdep's poly2nb neighbour for neighbour", "[weights]") {
    const SpatialWeights w = contiguity_weights(essex(), Contiguity::queen, 1.0);
    const auto gal = read_gal(test::fixture("reference/essex_queen.gal"));
    REQUIRE(gal.size() == w.size());
    size_t differ = 0;
    for (size_t i = 0; i < w.size(); ++i) {
        const std::vector<uint32_t> ours(w.neighbours.begin() + w.offsets[i],
                                         w.neighbours.begin() + w.offsets[i + 1]);
        differ += ours == gal[i] ? 0 : 1;
    }
    CHECK(differ == 0);
    CHECK(w.links() == 6034);
    CHECK(w.islands().empty());
    CHECK(w.description == "queen contiguity (boundaries within 1 m touch), binary");
}

TEST_CASE("Gi* z-scores agree with spdep's localG to 1e-6", "[gi]") {
    const SpatialWeights w = contiguity_weights(essex(), Contiguity::queen, 1.0);
    const GiStarResult r = getis_ord_gi_star(spdep().x, w, GiStarOptions{});
    double worst = 0;
    for (size_t i = 0; i < w.size(); ++i) {
        REQUIRE(r.z[i]);
        worst = std::max(worst, std::fabs(*r.z[i] - spdep().gi_star[i]));
    }
    CHECK(worst < 1e-6);
    // The bins follow the p-values: a 99 % hot spot has p <= 0.01 and z > 0.
    for (size_t i = 0; i < w.size(); ++i) {
        if (r.bin[i] == 3) {
            CHECK(*r.p[i] <= 0.01);
            CHECK(*r.z[i] > 0);
        }
    }
}

TEST_CASE("local Moran's I agrees with spdep's localmoran to 1e-6", "[lisa]") {
    SpatialWeights w = contiguity_weights(essex(), Contiguity::queen, 1.0);
    w.row_standardise();
    LocalMoranOptions o;
    o.permutations = 99;
    const LocalMoranResult r = local_moran(spdep().x, w, o);
    double worst = 0;
    for (size_t i = 0; i < w.size(); ++i) {
        REQUIRE(r.i[i]);
        worst = std::max(worst, std::fabs(*r.i[i] - spdep().lisa_i[i]));
    }
    CHECK(worst < 1e-6);
}

TEST_CASE("permutation p-values do not depend on the thread count", "[lisa]") {
    SpatialWeights w = contiguity_weights(essex(), Contiguity::queen, 1.0);
    w.row_standardise();
    LocalMoranOptions one;
    one.permutations = 199;
    one.threads = 1;
    LocalMoranOptions three = one;
    three.threads = 3;
    const auto a = local_moran(spdep().x, w, one);
    const auto b = local_moran(spdep().x, w, three);
    CHECK(a.p == b.p);
    LocalMoranOptions other_seed = one;
    other_seed.seed = 99;
    CHECK(local_moran(spdep().x, w, other_seed).p != a.p);
    // Strong clusters are clear whatever the draw.
    for (size_t i = 0; i < w.size(); ++i) {
        CHECK(*a.p[i] >= 1.0 / 200);
        CHECK(*a.p[i] <= 0.5 + 1e-12);
    }
}

namespace {

/// A row of unit squares 0..n-1 along x, plus an island far away.
AreaSet strip(int n, bool island) {
    AreaSet s;
    s.set_crs(parse_crs("EPSG:27700"));
    GEOSContextHandle_t h = s.geos().get();
    GEOSWKTReader* reader = GEOSWKTReader_create_r(h);
    auto add = [&](const std::string& code, double x0, double y0) {
        const std::string wkt = "POLYGON((" + std::to_string(x0) + " " + std::to_string(y0) + "," +
                                std::to_string(x0 + 1) + " " + std::to_string(y0) + "," +
                                std::to_string(x0 + 1) + " " + std::to_string(y0 + 1) + "," +
                                std::to_string(x0) + " " + std::to_string(y0 + 1) + "," +
                                std::to_string(x0) + " " + std::to_string(y0) + "))";
        s.add(code, code, detail::GeosGeometry(GEOSWKTReader_read_r(h, reader, wkt.c_str()),
                                              detail::GeosDeleter{h}));
    };
    for (int i = 0; i < n; ++i) {
        add("S" + std::to_string(i), i, 0);
    }
    if (island) {
        add("ISLAND", 100, 100);
    }
    GEOSWKTReader_destroy_r(h, reader);
    return s;
}

}  // namespace

TEST_CASE("contiguity, k nearest and distance bands on a strip", "[weights]") {
    const AreaSet s = strip(5, true);
    const SpatialWeights queen = contiguity_weights(s, Contiguity::queen, 0.0);
    CHECK(queen.cardinality(0) == 1);
    CHECK(queen.cardinality(2) == 2);
    CHECK(queen.islands() == std::vector<uint32_t>{5});
    const SpatialWeights knn = knn_weights(s, 2);
    CHECK(knn.cardinality(5) == 2);  // never an island
    CHECK(std::vector<uint32_t>(knn.neighbours.begin() + knn.offsets[0],
                                knn.neighbours.begin() + knn.offsets[1]) ==
          std::vector<uint32_t>{1, 2});
    const SpatialWeights band = distance_band_weights(s, 1.5);
    CHECK(band.cardinality(2) == 2);
    CHECK(band.cardinality(5) == 0);
    SpatialWeights rs = queen;
    rs.row_standardise();
    CHECK(rs.weights[rs.offsets[2]] == 0.5);
    CHECK_THROWS_WITH(knn_weights(s, 6),
                      "k nearest neighbours needs 1 <= k < the number of areas (6), not 6");
}

TEST_CASE("rook needs a shared edge, queen a shared corner", "[weights]") {
    AreaSet s;
    s.set_crs(parse_crs("EPSG:27700"));
    GEOSContextHandle_t h = s.geos().get();
    GEOSWKTReader* reader = GEOSWKTReader_create_r(h);
    for (const char* wkt : {"POLYGON((0 0,1 0,1 1,0 1,0 0))", "POLYGON((1 1,2 1,2 2,1 2,1 1))",
                            "POLYGON((1 0,2 0,2 1,1 1,1 0))"}) {
        s.add(wkt, "", detail::GeosGeometry(GEOSWKTReader_read_r(h, reader, wkt), detail::GeosDeleter{h}));
    }
    GEOSWKTReader_destroy_r(h, reader);
    const auto queen = contiguity_weights(s, Contiguity::queen, 0.0);
    const auto rook = contiguity_weights(s, Contiguity::rook, 0.0);
    CHECK(queen.cardinality(0) == 2);  // the corner-only neighbour counts
    CHECK(rook.cardinality(0) == 1);
    // A 5 cm gap breaks exact contiguity but not a 10 cm tolerance.
    CHECK(contiguity_weights(strip(2, false), Contiguity::queen, 0.1).cardinality(0) == 1);
}

TEST_CASE("islands, constant values and tiny inputs give clear answers", "[gi]") {
    const AreaSet s = strip(5, true);
    const SpatialWeights w = contiguity_weights(s, Contiguity::queen, 0.0);
    const std::vector<double> x{1, 5, 9, 5, 1, 3};
    const GiStarResult r = getis_ord_gi_star(x, w, GiStarOptions{false, false});
    CHECK_FALSE(r.z[5].has_value());  // the island
    CHECK(r.bin[5] == 0);
    for (size_t i = 0; i < 5; ++i) {
        REQUIRE(r.z[i].has_value());
        CHECK(std::isfinite(*r.z[i]));
    }
    CHECK(*r.z[2] > 0);
    CHECK(r.notes[1] == "1 areas have no neighbour and were not tested (gi_z empty)");
    CHECK(r.notes[2] == "warning: only 6 areas; Gi* is unreliable below 30");
    CHECK_THROWS_WITH(getis_ord_gi_star({2, 2, 2, 2, 2, 2}, w, {}),
                      "Gi*: every area has the same value (2.000000), so nothing stands out; "
                      "widen the filter or the period");
    CHECK_THROWS_WITH(getis_ord_gi_star({1, 2}, contiguity_weights(strip(2, false), Contiguity::queen, 0), {}),
                      "Gi* needs at least 3 areas; there are 2");
    const LocalMoranResult lm = local_moran(x, w, {99, 1, 1});
    CHECK_FALSE(lm.i[5].has_value());
    CHECK(lm.quadrant[2] == Quadrant::high_high);
    CHECK(lm.quadrant[0] == Quadrant::low_high);
}

TEST_CASE("bins with and without the false discovery rate", "[gi]") {
    const std::vector<std::optional<double>> z{3.0, -2.5, 1.7, 0.5, 2.0, std::nullopt};
    const std::vector<std::optional<double>> p{0.002, 0.012, 0.09, 0.6, 0.045, std::nullopt};
    CHECK(confidence_bins(z, p, false) == std::vector<int>{3, -2, 1, 0, 2, 0});
    // Five tested: BH thresholds 0.01 -> p(1)=0.002 <= 0.002; 0.05 -> 0.012 <= 0.02,
    // 0.045 <= 0.03? no; 0.10 -> 0.045 <= 0.06, 0.09 <= 0.08? no.
    CHECK(confidence_bins(z, p, true) == std::vector<int>{3, -2, 0, 0, 1, 0});
}

TEST_CASE("weights files for GeoDa and PySAL", "[weights]") {
    test::TempDir tmp;
    const AreaSet s = strip(3, false);
    SpatialWeights w = contiguity_weights(s, Contiguity::queen, 0.0);
    write_weights(w, s, tmp.path("w.gal"));
    CHECK(test::read_file(tmp.path("w.gal")) == "0 3  \nS0 1\nS1\nS1 2\nS0 S2\nS2 1\nS1\n");
    w.row_standardise();
    write_weights(w, s, tmp.path("w.gwt"));
    CHECK(test::read_file(tmp.path("w.gwt")) == "0 3  \nS0 S1 1\nS1 S0 0.5\nS1 S2 0.5\nS2 S1 1\n");
    CHECK_THROWS_WITH(write_weights(w, s, tmp.path("w.txt")),
                      tmp.path("w.txt") + ": weights are written as .gal or .gwt files");
}
