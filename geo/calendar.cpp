#include "geo/calendar.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "geo/error.hpp"
#include "geo/text.hpp"

namespace hotspot {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Reads exactly `width` digits at `pos`; advances `pos`.
std::optional<int> read_digits(std::string_view s, size_t& pos, size_t width) {
    if (pos + width > s.size()) {
        return std::nullopt;
    }
    int value = 0;
    for (size_t i = 0; i < width; ++i) {
        const char c = s[pos + i];
        if (!is_digit(c)) {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    pos += width;
    return value;
}

/// Reads one or two digits (UK dates are often written 1/3/2018).
std::optional<int> read_one_or_two_digits(std::string_view s, size_t& pos) {
    if (pos >= s.size() || !is_digit(s[pos])) {
        return std::nullopt;
    }
    int value = s[pos++] - '0';
    if (pos < s.size() && is_digit(s[pos])) {
        value = value * 10 + (s[pos++] - '0');
    }
    return value;
}

bool valid_date(int year, int month, int day) {
    return year >= kMinYear && year <= kMaxYear && month >= 1 && month <= 12 && day >= 1 &&
           day <= days_in_month(year, month);
}

/// Parses "HH:MM[:SS[.fraction]][Z|+HH:MM|-HH:MM]" from `pos` to the end: seconds after
/// midnight (a fraction of a second is dropped; a leap second counts as 59).
std::optional<int> parse_time_of_day(std::string_view s, size_t pos) {
    int seconds = 0;
    const auto hour = read_one_or_two_digits(s, pos);
    if (!hour || pos >= s.size() || s[pos] != ':') {
        return std::nullopt;
    }
    ++pos;
    const auto minute = read_digits(s, pos, 2);
    if (!minute || *hour > 23 || *minute > 59) {
        return std::nullopt;
    }
    if (pos < s.size() && s[pos] == ':') {
        ++pos;
        const auto second = read_digits(s, pos, 2);
        if (!second || *second > 60) {
            return std::nullopt;
        }
        seconds = std::min(*second, 59);
        if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
            ++pos;
            const size_t start = pos;
            while (pos < s.size() && is_digit(s[pos])) {
                ++pos;
            }
            if (pos == start) {
                return std::nullopt;
            }
        }
    }
    if (pos < s.size() && s[pos] == 'Z') {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        ++pos;
        const auto oh = read_digits(s, pos, 2);
        if (!oh) {
            return std::nullopt;
        }
        if (pos < s.size() && s[pos] == ':') {
            ++pos;
        }
        if (!read_digits(s, pos, 2)) {
            return std::nullopt;
        }
    }
    if (pos != s.size()) {
        return std::nullopt;
    }
    return (*hour * 60 + *minute) * 60 + seconds;
}

}  // namespace

std::string Month::to_string() const {
    std::array<char, 16> buf{};
    std::snprintf(buf.data(), buf.size(), "%04d-%02d", year(), month());
    return {buf.data()};
}

int days_in_month(int year, int month) {
    static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2) {
        const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return leap ? 29 : 28;
    }
    return kDays.at(static_cast<size_t>(month - 1));
}

int64_t days_from_civil(int year, int month, int day) {
    // Count from 1 March so that the leap day falls at the end of the counting year.
    const int64_t y = month <= 2 ? year - 1 : year;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t year_of_era = y - era * 400;
    const int64_t shifted_month = month > 2 ? month - 3 : month + 9;
    const int64_t day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    const int64_t day_of_era =
        year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

std::optional<Month> parse_month(std::string_view text) {
    text = trim(text);
    size_t pos = 0;
    const auto year = read_digits(text, pos, 4);
    if (!year || pos >= text.size() || text[pos] != '-') {
        return std::nullopt;
    }
    ++pos;
    const auto month = read_digits(text, pos, 2);
    if (!month || pos != text.size() || *month < 1 || *month > 12 || *year < kMinYear ||
        *year > kMaxYear) {
        return std::nullopt;
    }
    return Month::from(*year, *month);
}

std::optional<Timestamp> parse_timestamp(std::string_view text, DateOrder order) {
    text = trim(text);
    size_t pos = 0;
    int year = 0;
    int month = 0;
    int day = 0;
    const bool iso = text.size() >= 5 && is_digit(text[0]) && is_digit(text[1]) &&
                     is_digit(text[2]) && is_digit(text[3]) && (text[4] == '-' || text[4] == '/');
    if (iso) {
        const char sep = text[4];
        year = *read_digits(text, pos, 4);
        ++pos;
        const auto m = read_one_or_two_digits(text, pos);
        if (!m || pos >= text.size() || text[pos] != sep) {
            return std::nullopt;
        }
        ++pos;
        const auto d = read_one_or_two_digits(text, pos);
        if (!d) {
            return std::nullopt;
        }
        month = *m;
        day = *d;
    } else {
        const auto first = read_one_or_two_digits(text, pos);
        if (!first || pos >= text.size() || (text[pos] != '/' && text[pos] != '-' && text[pos] != '.')) {
            return std::nullopt;
        }
        const char sep = text[pos++];
        const auto second = read_one_or_two_digits(text, pos);
        if (!second || pos >= text.size() || text[pos] != sep) {
            return std::nullopt;
        }
        ++pos;
        const auto y = read_digits(text, pos, 4);
        if (!y) {
            return std::nullopt;
        }
        year = *y;
        day = order == DateOrder::day_month_year ? *first : *second;
        month = order == DateOrder::day_month_year ? *second : *first;
    }
    if (!valid_date(year, month, day)) {
        return std::nullopt;
    }
    int second_of_day = 0;
    if (pos < text.size()) {
        if (text[pos] != 'T' && text[pos] != ' ') {
            return std::nullopt;
        }
        ++pos;
        while (pos < text.size() && text[pos] == ' ') {
            ++pos;
        }
        const auto t = parse_time_of_day(text, pos);
        if (!t) {
            return std::nullopt;
        }
        second_of_day = *t;
    }
    return Timestamp{Month::from(year, month), days_from_civil(year, month, day) * 1440 + second_of_day / 60,
                     second_of_day % 60};
}

int64_t day_of(int64_t seconds) {
    return seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
}

std::string format_day(int64_t day) {
    // The civil date of a day count (the inverse of days_from_civil).
    const int64_t z = day + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(y), static_cast<int>(m), static_cast<int>(d));
    return buf;
}

int parse_clock(const std::string& text) {
    int h = -1;
    int m = -1;
    char colon = 0;
    char extra = 0;
    if (std::sscanf(text.c_str(), "%d%c%d%c", &h, &colon, &m, &extra) != 3 || colon != ':' || h < 0 || h > 24 ||
        m < 0 || m > 59 || (h == 24 && m != 0)) {
        throw InputError("\"" + text + "\" is not a time of day (HH:MM)");
    }
    return h * 60 + m;
}

std::string format_clock(int minutes) {
    const int m = ((minutes % 1440) + 1440) % 1440;
    std::array<char, 8> buf{};
    std::snprintf(buf.data(), buf.size(), "%02d:%02d", m / 60, m % 60);
    return buf.data();
}

std::string clock_of(int64_t seconds) {
    return format_clock(static_cast<int>(((seconds % 86400) + 86400) % 86400 / 60));
}

}  // namespace hotspot
