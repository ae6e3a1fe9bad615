// The small lookup tables: population denominators and harm weights.

#include <catch2/catch.hpp>

#include "geo/error.hpp"
#include "geo/harm.hpp"
#include "geo/io/harm_weights.hpp"
#include "geo/io/police_uk.hpp"
#include "geo/io/population.hpp"
#include "support.hpp"

using namespace hotspot;
using hotspot::test::TempDir;
using hotspot::test::write_file;

TEST_CASE("the IoD2019 population denominators", "[population]") {
    const PopulationTable t =
        read_population(test::data_path("population/iod2019-population-denominators.csv.gz"), {});
    CHECK(t.areas.size() == 32844);
    CHECK(t.code_column == "LSOA code (2011)");
    CHECK(t.population_column == "Total population: mid 2015 (excluding prisoners)");
    const PopulationRecord* city = t.find("E01000001");
    REQUIRE(city != nullptr);
    CHECK(city->population == 1296);  // written "1,296"
    CHECK(city->district_code == "E09000001");
    CHECK(city->district_name == "City of London");
    CHECK(t.rejects.total() == 0);
}

TEST_CASE("population rows with bad numbers are rejected by line", "[population]") {
    TempDir tmp;
    write_file(tmp.path("pop.csv"),
               "code,population\nA,100\nB,lots\nC,-5\nD,\"2,500\"\nE\n");
    const PopulationTable t = read_population(tmp.path("pop.csv"), {});
    CHECK(t.areas.size() == 2);
    CHECK(t.find("D")->population == 2500);
    std::vector<std::string> messages;
    for (const auto& r : t.rejects.items()) {
        messages.push_back(r.message().substr(tmp.dir().string().size() + 1));
    }
    CHECK(messages == std::vector<std::string>{
                          "pop.csv:3: bad number: population \"lots\" is not a number >= 0",
                          "pop.csv:4: bad number: population \"-5\" is not a number >= 0",
                          "pop.csv:6: wrong column count: expected 2 fields, found 1",
                      });
    write_file(tmp.path("odd.csv"), "a,b\n1,2\n");
    CHECK_THROWS_WITH(read_population(tmp.path("odd.csv"), {}),
                      tmp.path("odd.csv") +
                          ":1: cannot tell which columns hold the area code and the population; "
                          "name them with --population-code-column and --population-column");
}

TEST_CASE("the default harm table covers every police.uk category", "[harm]") {
    const HarmWeights h = read_harm_weights(test::data_path("harm-weights.csv"));
    CHECK(h.size() == 14);
    for (const auto& c : police_uk::categories()) {
        INFO(c.name);
        CHECK(h.weight(c.name).has_value());
    }
    CHECK(h.weight("Robbery") == 365.0);
    CHECK(h.weight("Shoplifting") == 2.0);
    CHECK(h.weight("Anti-social behaviour") == 0.0);
    CHECK_FALSE(h.weight("Arson").has_value());
}

TEST_CASE("malformed harm tables name the file and line", "[harm]") {
    TempDir tmp;
    const std::string path = tmp.path("h.csv");
    const auto error_of = [&](const std::string& text) {
        write_file(path, text);
        try {
            read_harm_weights(path);
        } catch (const ConfigError& e) {
            return std::string(e.what()).substr(path.size());
        }
        return std::string("no error");
    };
    CHECK(error_of("") == ": is empty (expected a header: category,weight)");
    CHECK(error_of("name,value\n") == ":1: the header must have \"category\" and \"weight\" columns");
    CHECK(error_of("category,weight\nRobbery,lots\n") ==
          ":2: weight \"lots\" of \"Robbery\" is not a number >= 0");
    CHECK(error_of("category,weight\nRobbery,1\nRobbery,2\n") == ":3: \"Robbery\" has a weight already");
    CHECK(error_of("category,weight\nRobbery\n") == ":2: expected 2 fields, found 1");
}
