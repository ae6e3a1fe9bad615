// Places and their flags: the bundled rules on the location texts the sample holds
// (streets that merely contain "Hospital" or "field" are not flagged), places counted by
// hand on a small table, streets ranked within wards, and malformed rule files.

#include <catch2/catch.hpp>

#include <string>

#include "geo/crs/crs.hpp"
#include "geo/error.hpp"
#include "geo/io/incident_source.hpp"
#include "geo/repeats/places.hpp"
#include "support.hpp"

using namespace hotspot;

namespace {

PlaceRules bundled() { return load_place_rules(test::data_path("places.json"), parse_crs("EPSG:27700")); }

std::string flag(const PlaceRules& rules, const std::string& location) {
    const FlagRule* r = rules.flag_of(location, 0, 0);
    return r == nullptr ? "" : r->flag;
}

}  // namespace

TEST_CASE("the bundled place rules flag institutions, not streets named after them", "[places]") {
    const PlaceRules rules = bundled();
    CHECK(flag(rules, "On or near Airport/Airfield") == "airport");
    CHECK(flag(rules, "On or near Police Station") == "police_station");
    CHECK(flag(rules, "On or near Chelmsford Police Station") == "police_station");
    CHECK(flag(rules, "on or near grays police station") == "police_station");
    CHECK(flag(rules, "On or near Prison") == "prison");
    CHECK(flag(rules, "On or near Hospital") == "hospital");
    CHECK(flag(rules, "On or near St Johns Hospital") == "hospital");
    CHECK(flag(rules, "On or near Clacton And District Hospital") == "hospital");
    // Streets of the sample that a substring match would have flagged.
    CHECK(flag(rules, "On or near Hospital Lane") == "");
    CHECK(flag(rules, "On or near Hospital Road") == "");
    CHECK(flag(rules, "On or near Fairfield Road") == "");
    CHECK(flag(rules, "On or near Station Road") == "");
    CHECK(flag(rules, "On or near Supermarket") == "");
    CHECK(flag(rules, "") == "");

    CHECK(rules.street_of("On or near High Street") == "High Street");
    CHECK(rules.street_of("On or near  Hospital Lane ") == "Hospital Lane");
    CHECK(rules.street_of("On or near Supermarket") == "");
    CHECK(rules.street_of("On or near Sports/Recreation Area") == "");
    CHECK(rules.street_of("On or near Chelmsford Police Station") == "");
    CHECK(rules.street_of("No Location") == "");
    CHECK(rules.street_of("Moulsham Street") == "Moulsham Street");  // a force's street column
}

TEST_CASE("place rules: points, and every malformed file named", "[places][input]") {
    test::TempDir dir;
    const std::string path = dir.path("rules.json");
    test::write_file(path, R"({"flags": [{"flag": "custody", "points": [
        {"longitude": 0.4695, "latitude": 51.7347, "radius_m": 50}]}]})");
    const PlaceRules rules = load_place_rules(path, parse_crs("EPSG:27700"));
    REQUIRE(rules.flags.size() == 1);
    REQUIRE(rules.flags[0].discs.size() == 1);
    const auto& d = rules.flags[0].discs[0];
    CHECK(d.x == Approx(570600).margin(300));  // Chelmsford, in British National Grid
    CHECK(rules.flag_of("anywhere", d.x + 30, d.y) != nullptr);
    CHECK(rules.flag_of("anywhere", d.x + 80, d.y) == nullptr);

    auto refuses = [&](const std::string& text, const std::string& what) {
        test::write_file(path, text);
        INFO(text);
        CHECK_THROWS_AS(load_place_rules(path, parse_crs("EPSG:27700")), ConfigError);
        CHECK_THROWS_WITH(load_place_rules(path, parse_crs("EPSG:27700")), Catch::Contains(what));
    };
    refuses("[]", "must be a JSON object");
    refuses("{\"flags\": [", "not valid JSON");
    refuses(R"({"colour": 1})", "unexpected \"colour\"");
    refuses(R"({"flags": [{"flag": "x"}]})", "flags nothing");
    refuses(R"({"flags": [{"location_is": ["Prison"]}]})", "\"flag\" must be a name");
    refuses(R"({"flags": [{"flag": "Bad Name", "location_is": ["Prison"]}]})", "\"flag\" must be a name");
    refuses(R"({"flags": [{"flag": "a", "location_is": ["P"]}, {"flag": "a", "location_is": ["Q"]}]})",
            "defined twice");
    refuses(R"({"flags": [{"flag": "a", "location_is": [3]}]})", "list of strings");
    refuses(R"({"flags": [{"flag": "a", "location_is": [""]}]})", "list of strings");
    refuses(R"({"flags": [{"flag": "a", "points": [{"longitude": 200, "latitude": 51, "radius_m": 5}]}]})",
            "\"longitude\" must be from -180 to 180");
    refuses(R"({"flags": [{"flag": "a", "points": [{"longitude": 0, "latitude": 51, "radius_m": 0}]}]})",
            "\"radius_m\"");
    refuses(R"({"flags": [{"flag": "a", "points": [{"longitude": 0, "latitude": 51}]}]})", "\"radius_m\"");
    refuses(R"({"flags": [{"flag": "a", "oops": 1, "location_is": ["P"]}]})", "unexpected \"oops\"");
    refuses(R"({"flags": [{"flag": "a", "points": [{"longitude": 0, "latitude": 51, "radius_m": 9, "r": 1}]}]})",
            "unexpected \"r\"");
    refuses(R"({"place_types": "Supermarket"})", "list of strings");
    refuses(R"({"flags": [{"flag": "a", "type_is": ["  "]}]})", "empty type");
    CHECK_THROWS_WITH(load_place_rules(dir.path("none.json"), parse_crs("EPSG:27700")),
                      Catch::Contains("none.json"));
}

TEST_CASE("places counted by hand: points with their text, streets within wards", "[places]") {
    IncidentTable t;
    t.details.emplace();
    const uint16_t burglary = t.category_id("Burglary");
    const uint16_t weapons = t.category_id("Possession of weapons");
    auto add = [&](double x, double y, const char* location, uint16_t category, int month) {
        t.x.push_back(x);
        t.y.push_back(y);
        t.month.push_back(Month::from(2018, month));
        t.category.push_back(category);
        t.reported_area.push_back(kNoId);
        t.details->source.push_back(0);
        t.details->line.push_back(static_cast<int64_t>(t.x.size()) + 1);
        t.details->crime_id.emplace_back();
        t.details->location.emplace_back(location);
        t.details->outcome.emplace_back();
    };
    // Three snap points on High Street (two in ward 0, one in ward 1), an airport, and a
    // supermarket; the airport holds the weapons.
    for (int i = 0; i < 4; ++i) {
        add(100, 100, "On or near High Street", burglary, 1 + i);
    }
    add(200, 100, "On or near High Street", burglary, 1);
    add(900, 100, "On or near High Street", burglary, 2);
    for (int i = 0; i < 5; ++i) {
        add(500, 500, "On or near Airport/Airfield", weapons, 3);
    }
    add(300, 300, "On or near Supermarket", burglary, 3);
    add(300, 300, "On or near Supermarket", weapons, 3);

    PlaceCollector collector(1);
    collector.consume(t, 0);
    const PlaceCounts counts = collector.finish();
    CHECK(counts.points.size() == 5);
    CHECK(counts.incidents == 13);
    CHECK(counts.first == Month::from(2018, 1));
    CHECK(counts.last == Month::from(2018, 4));
    PlaceQuery in;
    in.area_at = [](double x, double /*y*/) { return x < 800 ? 0u : 1u; };
    in.ward_at = in.area_at;
    in.harm_of_category = {10.0, 100.0};
    const PlaceSet set = build_places(counts, in, bundled());
    REQUIRE(set.places.size() == 5);
    CHECK(set.incidents == 13);
    CHECK(set.harm == Approx(6 * 10 + 1 * 10 + 6 * 100));
    const Place& first = set.places[0];
    CHECK(first.id == 1);
    CHECK(first.location == "On or near Airport/Airfield");
    CHECK(first.count == 5);
    CHECK(first.flag == "airport");
    CHECK(first.street.empty());
    CHECK(first.top_category == weapons);
    CHECK(first.months == 1);
    const Place& high = set.places[1];
    CHECK(high.count == 4);
    CHECK(high.street == "High Street");
    CHECK(high.months == 4);
    CHECK(high.first == Month::from(2018, 1));
    CHECK(high.last == Month::from(2018, 4));
    CHECK(high.flag.empty());
    // The supermarket: two incidents, two categories, the larger harm first among ties.
    CHECK(set.places[2].location == "On or near Supermarket");
    CHECK(set.places[2].harm == Approx(110));

    // High Street in ward 0 is two places with 5 incidents; in ward 1 one with 1.
    REQUIRE(set.streets.size() == 2);
    CHECK(set.streets[0].ward == 0);
    CHECK(set.streets[0].places == 2);
    CHECK(set.streets[0].count == 5);
    CHECK(set.streets[1].ward == 1);
    CHECK(set.streets[1].count == 1);

    CHECK(share_of_top(set, 0.2) == Approx(5.0 / 13));  // the top place of 5
    CHECK(places_holding(set, 0.5) == 2);               // 5 + 4 of 13

    // A selection: burglary only; then March only.
    in.category = {true, false};
    const PlaceSet burglaries = build_places(counts, in, bundled());
    CHECK(burglaries.incidents == 7);
    CHECK(burglaries.places.size() == 4);
    CHECK(burglaries.places[0].street == "High Street");
    in.category.clear();
    in.from = Month::from(2018, 3);
    in.to = Month::from(2018, 3);
    const PlaceSet march = build_places(counts, in, bundled());
    CHECK(march.incidents == 5 + 2 + 1);
    CHECK(march.places.size() == 3);

    // The same incidents in two slots, split anywhere, count the same once merged.
    IncidentTable b;
    b.details.emplace();
    b.category_id("Possession of weapons");  // the second slot's ids in the other order
    PlaceCollector two(2);
    IncidentTable head;
    head.details.emplace();
    for (size_t i = 0; i < t.size(); ++i) {
        IncidentTable& part = i % 2 == 0 ? head : b;
        part.x.push_back(t.x[i]);
        part.y.push_back(t.y[i]);
        part.month.push_back(t.month[i]);
        part.category.push_back(part.category_id(t.categories.at(t.category[i])));
        part.reported_area.push_back(kNoId);
        part.details->source.push_back(0);
        part.details->line.push_back(0);
        part.details->crime_id.emplace_back();
        part.details->location.push_back(t.details->location[i]);
        part.details->outcome.emplace_back();
    }
    two.consume(head, 0);
    two.consume(b, 1);
    const PlaceCounts merged = two.finish();
    CHECK(merged.incidents == 13);
    CHECK(merged.points.size() == 5);
    in.from.reset();
    in.to.reset();
    const PlaceSet again = build_places(merged, in, bundled());
    REQUIRE(again.places.size() == set.places.size());
    for (size_t k = 0; k < set.places.size(); ++k) {
        CHECK(again.places[k].location == set.places[k].location);
        CHECK(again.places[k].count == set.places[k].count);
        CHECK(again.places[k].harm == Approx(set.places[k].harm));
    }
}

TEST_CASE("readers leave out flagged places and count them, on any number of threads", "[places][input]") {
    const PlaceRules rules = bundled();
    const OGRSpatialReference bng = parse_crs("EPSG:27700");
    const std::string file = test::essex_crime_files().front();
    int64_t kept_one = -1;
    for (const int threads : {1, 2}) {
        ReadOptions options(bng, std::nullopt);
        options.threads = threads;
        options.exclude = exclusion_of(std::make_shared<const PlaceRules>(rules));
        ParsedRows rows;
        const SourceReport r = read_incidents(file, nullptr, options, rows);
        INFO(threads << " threads");
        CHECK(r.excluded > 300);
        CHECK(r.excluded == rows.excluded);
        CHECK(r.accepted + r.excluded + r.rejected == 14'771 + 15);  // every row of January, once
        CHECK(static_cast<int64_t>(rows.table.size()) == r.accepted);
        kept_one = kept_one < 0 ? r.accepted : kept_one;
        CHECK(r.accepted == kept_one);
    }
}

TEST_CASE("a force's places: its place, street and premises columns, flagged by type", "[places][input]") {
    test::TempDir dir;
    // Two incidents at one UPRN geocoded 20 m apart are one place; rows without a UPRN
    // are places by their point; a custody suite is flagged by its premises type.
    test::write_file(dir.path("force.csv"),
                     "Ref,Easting,Northing,Date,Type,UPRN,Street,Premises\n"
                     "1,570000,206900,03/01/2018,BURG,100012345,Moulsham Street,House\n"
                     "2,570020,206900,05/01/2018,BURG,100012345,Moulsham Street,House\n"
                     "3,570500,207000,06/01/2018,ASSAULT,200099,New Street,Custody suite\n"
                     "4,570500,207000,07/01/2018,ASSAULT,200099,New Street,custody SUITE \n"
                     "5,571000,207100,08/01/2018,BURG,,,\n"
                     "6,571000,207100,09/01/2018,BURG,,Baddow Road,\n");
    test::write_file(dir.path("mapping.json"),
                     R"({"x": "Easting", "y": "Northing", "crs": "EPSG:27700", "date": "Date", "category": "Type",
                         "id": "Ref", "place": "UPRN", "street": "Street", "place_type": "Premises"})");
    test::write_file(dir.path("rules.json"), R"({"flags": [{"flag": "custody", "type_is": ["Custody Suite"]}]})");
    const OGRSpatialReference bng = parse_crs("EPSG:27700");
    const PlaceRules rules = load_place_rules(dir.path("rules.json"), bng);
    const SourceMapping mapping = load_mapping(dir.path("mapping.json"));
    for (const int threads : {1, 2}) {
        ReadOptions options(bng, std::nullopt);
        options.keep_details = true;
        options.threads = threads;
        ParsedRows rows;
        read_incidents(dir.path("force.csv"), &mapping, options, rows);
        REQUIRE(rows.table.size() == 6);
        PlaceCollector collector(1);
        collector.consume(rows.table, 0);
        const PlaceCounts counts = collector.finish();
        PlaceQuery in;
        in.category.assign(counts.categories.size(), 1);
        in.from = counts.first;
        in.to = counts.last;
        const PlaceSet set = build_places(counts, in, rules);
        INFO(threads << " threads");
        CHECK(what_a_place_is(counts).find("2 places are named by the column mapping's place column") == 0);
        CHECK(what_a_place_is(counts).find("rows without one are places by their point") != std::string::npos);
        REQUIRE(set.places.size() == 3);
        const auto at = [&](const std::string& place) -> const Place& {
            for (const Place& p : set.places) {
                if (p.place == place) {
                    return p;
                }
            }
            FAIL("no place " << place);
            return set.places.front();
        };
        const Place& home = at("100012345");
        CHECK(home.place == "100012345");
        CHECK(home.count == 2);
        CHECK(home.x == 570000);  // the least of its points
        CHECK(home.location == "100012345");  // no location column: the place names it
        CHECK(home.street == "Moulsham Street");
        CHECK(home.type == "House");
        CHECK(home.flag.empty());
        const Place& custody = at("200099");
        CHECK(custody.flag == "custody");
        CHECK(custody.type == "Custody suite");  // the least of "Custody suite" and "custody SUITE"
        const Place& unnamed = at("");  // rows 5 and 6: one point, no UPRN
        CHECK(unnamed.count == 2);
        CHECK(unnamed.street == "Baddow Road");
        CHECK(set.without_location == 2);
    }
    // The exclusion at read time takes the type too.
    ReadOptions excluding(bng, std::nullopt);
    excluding.exclude = exclusion_of(std::make_shared<const PlaceRules>(rules));
    ParsedRows kept;
    const SourceReport r = read_incidents(dir.path("force.csv"), &mapping, excluding, kept);
    CHECK(r.excluded == 2);
    CHECK(kept.table.size() == 4);
}
