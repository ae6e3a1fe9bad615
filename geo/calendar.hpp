#pragma once
// Months and timestamps as incidents carry them. police.uk publishes only the month;
// forces' own exports carry a date or a date and time in ISO or UK order.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hotspot {

/// A calendar month, stored as year * 12 + (month - 1) so that months subtract.
struct Month {
    int32_t index = 0;

    static constexpr Month from(int year, int month) { return Month{year * 12 + (month - 1)}; }
    [[nodiscard]] constexpr int year() const { return index / 12; }
    [[nodiscard]] constexpr int month() const { return index % 12 + 1; }
    [[nodiscard]] std::string to_string() const;  ///< "YYYY-MM"

    friend constexpr bool operator==(Month a, Month b) = default;
    friend constexpr auto operator<=>(Month a, Month b) = default;
    friend constexpr Month operator+(Month m, int n) { return Month{m.index + n}; }
    friend constexpr int operator-(Month a, Month b) { return a.index - b.index; }
};

/// Years outside this range are treated as typing errors, not as data.
inline constexpr int kMinYear = 1900;
inline constexpr int kMaxYear = 2200;

/// Parses "YYYY-MM" exactly (police.uk's Month column). Returns nothing when malformed.
std::optional<Month> parse_month(std::string_view text);

/// Order of day, month and year in dates written with slashes or dashes, as a column
/// mapping may declare it. ISO dates (YYYY-MM-DD) are recognised in every order.
enum class DateOrder { day_month_year, month_day_year };

/// A point in time, minutes since 1970-01-01T00:00 in the source's local time (police
/// data carries no time zone; we keep the wall clock the force recorded).
struct Timestamp {
    Month month;
    int64_t minutes = 0;
    int second = 0;  ///< seconds past `minutes`, 0..59, when the text gives them

    /// Seconds since 1970-01-01T00:00 (local wall clock).
    [[nodiscard]] constexpr int64_t seconds() const { return minutes * 60 + second; }
};

/// Parses a date or a date and time: "2018-03-14", "2018-03-14T21:05", "2018-03-14 21:05:33",
/// "14/03/2018", "14/03/2018 21:05". A trailing "Z" or UTC offset is accepted and ignored
/// (the wall clock is kept). Returns nothing when malformed or impossible (30 February).
std::optional<Timestamp> parse_timestamp(std::string_view text, DateOrder order);

/// Days since 1970-01-01 of a proleptic Gregorian date.
int64_t days_from_civil(int year, int month, int day);

/// Number of days in a month of a year.
int days_in_month(int year, int month);

/// The day (days since 1970-01-01) of a time in seconds since then.
int64_t day_of(int64_t seconds);

/// "YYYY-MM-DD" of days since 1970-01-01.
std::string format_day(int64_t day);

/// "HH:MM" to minutes after midnight; throws InputError for anything else.
int parse_clock(const std::string& text);
/// Minutes after midnight to "HH:MM" (wrapping past midnight).
std::string format_clock(int minutes);
/// The wall-clock "HH:MM" of a time in seconds since 1970-01-01.
std::string clock_of(int64_t seconds);

}  // namespace hotspot
