#include <catch2/catch.hpp>

#include "geo/calendar.hpp"

using namespace hotspot;

TEST_CASE("months parse exactly as police.uk writes them", "[calendar]") {
    CHECK(parse_month("2018-01") == Month::from(2018, 1));
    CHECK(parse_month(" 2018-12 ") == Month::from(2018, 12));
    CHECK(parse_month("2018-13") == std::nullopt);
    CHECK(parse_month("2018-00") == std::nullopt);
    CHECK(parse_month("18-01") == std::nullopt);
    CHECK(parse_month("2018-1") == std::nullopt);
    CHECK(parse_month("2018/01") == std::nullopt);
    CHECK(parse_month("2018-01x") == std::nullopt);
    CHECK(parse_month("") == std::nullopt);
    CHECK(parse_month("1899-12") == std::nullopt);
    CHECK(Month::from(2018, 7).to_string() == "2018-07");
    CHECK(Month::from(2019, 1) - Month::from(2018, 11) == 2);
    CHECK((Month::from(2018, 11) + 3).to_string() == "2019-02");
}

TEST_CASE("dates and times in ISO and UK order", "[calendar]") {
    const auto iso = parse_timestamp("2018-03-14", DateOrder::day_month_year);
    REQUIRE(iso);
    CHECK(iso->month == Month::from(2018, 3));
    CHECK(iso->minutes == days_from_civil(2018, 3, 14) * 1440);

    const auto with_time = parse_timestamp("2018-03-14T21:05:33", DateOrder::day_month_year);
    REQUIRE(with_time);
    CHECK(with_time->minutes == days_from_civil(2018, 3, 14) * 1440 + 21 * 60 + 5);
    CHECK(parse_timestamp("2018-03-14 21:05", DateOrder::day_month_year)->minutes ==
          with_time->minutes);
    CHECK(parse_timestamp("2019-05-31T23:01:00+00:00", DateOrder::day_month_year)->month ==
          Month::from(2019, 5));
    CHECK(parse_timestamp("2019-05-31T23:01Z", DateOrder::day_month_year));

    const auto uk = parse_timestamp("14/03/2018 21:05", DateOrder::day_month_year);
    REQUIRE(uk);
    CHECK(uk->minutes == with_time->minutes);
    CHECK(parse_timestamp("3/4/2018", DateOrder::day_month_year)->month == Month::from(2018, 4));
    CHECK(parse_timestamp("3/4/2018", DateOrder::month_day_year)->month == Month::from(2018, 3));

    CHECK_FALSE(parse_timestamp("30/02/2018", DateOrder::day_month_year));
    CHECK_FALSE(parse_timestamp("2018-02-29", DateOrder::day_month_year));
    CHECK(parse_timestamp("2016-02-29", DateOrder::day_month_year));
    CHECK_FALSE(parse_timestamp("2018-03-14T25:00", DateOrder::day_month_year));
    CHECK_FALSE(parse_timestamp("yesterday", DateOrder::day_month_year));
    CHECK_FALSE(parse_timestamp("", DateOrder::day_month_year));
    CHECK_FALSE(parse_timestamp("2018-03-14 21", DateOrder::day_month_year));
}

TEST_CASE("days from civil dates", "[calendar]") {
    CHECK(days_from_civil(1970, 1, 1) == 0);
    CHECK(days_from_civil(2000, 3, 1) == 11017);
    CHECK(days_from_civil(1969, 12, 31) == -1);
    CHECK(days_in_month(2000, 2) == 29);
    CHECK(days_in_month(1900, 2) == 28);
    CHECK(days_in_month(2018, 4) == 30);
}
