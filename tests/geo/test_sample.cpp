// The bundled Essex sample end to end: every row accounted for, and the LSOA each crime
// is assigned to agrees with the LSOA police.uk itself put on the row.

#include <catch2/catch.hpp>

#include <algorithm>

#include "geo/aggregate/area_frame.hpp"
#include "geo/aggregate/area_index.hpp"
#include "geo/aggregate/counts.hpp"
#include "geo/crs/crs.hpp"
#include "geo/io/area_reader.hpp"
#include "geo/io/incident_source.hpp"
#include "geo/io/population.hpp"
#include "support.hpp"

using namespace hotspot;

namespace {

struct SampleRun {
    int64_t accepted = 0;
    int64_t rejected = 0;
    RejectLog rejects;
    AssignmentStats stats;
    int64_t cube_total = 0;
};

SampleRun run_sample(const std::string& areas_file, int threads) {
    AreaReadOptions ao;
    ao.working_crs = parse_crs("EPSG:27700");
    const AreaSet areas = read_areas(test::data_path(areas_file), ao);
    const AreaIndex index(areas);
    CountsAccumulator acc(areas, index, threads);
    ReadOptions options(ao.working_crs, areas.extent());
    options.threads = threads;
    options.consumer = &acc;
    ParsedRows rows;
    SampleRun run;
    for (const auto& file : test::essex_crime_files()) {
        const SourceReport r = read_incidents(file, nullptr, options, rows);
        run.accepted += r.accepted;
        run.rejected += r.rejected;
    }
    run.rejects = std::move(rows.rejects);
    run.stats = acc.stats();
    const CountsCube cube = acc.finish();
    for (size_t a = 0; a <= cube.areas(); ++a) {
        for (size_t c = 0; c < cube.categories().size(); ++c) {
            for (Month m = cube.first_month(); m <= cube.last_month(); m = m + 1) {
                run.cube_total += cube.at(a, c, m);
            }
        }
    }
    return run;
}

}  // namespace

TEST_CASE("Essex 2018 into LSOAs: at least 95 % agree with police.uk's own LSOA", "[sample]") {
    const SampleRun run = run_sample("areas/essex-lsoa2011.gpkg", 2);
    CHECK(run.accepted + run.rejected == 115065);
    CHECK(run.rejects.count(RejectReason::no_location) == 218);
    CHECK(run.rejects.count(RejectReason::outside_extent) == 101);
    CHECK(run.rejected == 319);
    CHECK(run.cube_total == run.accepted);  // every accepted incident is counted once

    // Of the 114,847 rows with coordinates, the LSOA we assign is the one police.uk
    // reports for 110,084: the figure GDAL's point-in-polygon gives on the same files.
    const int64_t located = 115065 - 218;
    CHECK(run.stats.agreeing == 110084);
    CHECK(static_cast<double>(run.stats.agreeing) / static_cast<double>(located) >= 0.95);
    // 367 located rows fall in no Essex LSOA: 101 beyond the extent, 266 within it.
    CHECK(run.stats.unassigned == 266);
    CHECK(run.stats.inside + run.stats.unassigned == run.accepted);
}

TEST_CASE("the result does not depend on the number of threads", "[sample]") {
    const SampleRun one = run_sample("areas/essex-lsoa2011.gpkg", 1);
    const SampleRun four = run_sample("areas/essex-lsoa2011.gpkg", 4);
    CHECK(one.stats.agreeing == four.stats.agreeing);
    CHECK(one.stats.inside == four.stats.inside);
    REQUIRE(one.rejects.items().size() == four.rejects.items().size());
    for (size_t i = 0; i < one.rejects.items().size(); ++i) {
        CHECK(one.rejects.items()[i].message() == four.rejects.items()[i].message());
    }
}

TEST_CASE("Essex 2018 into wards: 99.65 % of located crimes fall in a ward", "[sample]") {
    const SampleRun run = run_sample("areas/essex-wards2013.gpkg", 2);
    const int64_t located = 115065 - 218;
    const double share = static_cast<double>(run.stats.inside) / static_cast<double>(located);
    CHECK(share == Approx(0.9965).margin(0.0005));
}

TEST_CASE("Essex LSOAs roll up to the 14 districts of the population table", "[sample]") {
    AreaReadOptions ao;
    ao.working_crs = parse_crs("EPSG:27700");
    const AreaSet lsoas = read_areas(test::data_path("areas/essex-lsoa2011.gpkg"), ao);
    const PopulationTable population =
        read_population(test::data_path("population/iod2019-population-denominators.csv.gz"), {});
    const AreaFrame frame = frame_of(lsoas, &population);
    REQUIRE(frame.has_districts());
    double people = 0;
    for (const auto& p : frame.population) {
        REQUIRE(p);
        people += *p;
    }
    CHECK(people == 1790318);  // Essex, Southend and Thurrock, mid-2015
    const Rollup districts = rollup_by_district(lsoas, frame);
    CHECK(districts.frame.size() == 14);
    double district_people = 0;
    double district_area = 0;
    GEOSContextHandle_t h = districts.geos->get();
    for (size_t d = 0; d < districts.frame.size(); ++d) {
        district_people += *districts.frame.population[d];
        double a = 0;
        GEOSArea_r(h, districts.frame.geometry[d], &a);
        district_area += a;
    }
    CHECK(district_people == people);
    double lsoa_area = 0;
    for (size_t i = 0; i < lsoas.size(); ++i) {
        lsoa_area += lsoas.land_area_m2(i);
    }
    CHECK(district_area == Approx(lsoa_area).epsilon(1e-6));  // dissolved, nothing lost
    const auto basildon = std::find(districts.frame.names.begin(), districts.frame.names.end(), "Basildon");
    CHECK(basildon != districts.frame.names.end());
}
