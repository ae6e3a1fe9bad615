#pragma once
// How the columns of a force's own export map onto incidents. Written by the analyst as a
// small JSON file (documented in data/mappings/README.md) or guessed from common column
// names when no file is given.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "geo/calendar.hpp"
#include "geo/utf8.hpp"

namespace hotspot {

/// Added to the category of rows a force's knife marker flags.
inline constexpr const char* kKnifeSuffix = " (knife)";

struct SourceMapping {
    std::optional<std::string> layer;     ///< layer of a multi-layer source
    std::optional<std::string> x;         ///< x / easting / longitude column (text sources)
    std::optional<std::string> y;         ///< y / northing / latitude column
    std::optional<std::string> crs;       ///< CRS of x/y, or of a layer that declares none
    std::optional<std::string> month;     ///< YYYY-MM column
    std::optional<std::string> date;      ///< date or date-and-time column
    DateOrder date_order = DateOrder::day_month_year;
    std::optional<std::string> category;  ///< category column
    std::optional<std::string> category_fixed;        ///< one category for every row
    std::map<std::string, std::string> category_values;  ///< recode source values
    std::optional<std::string> id;        ///< crime reference column
    std::optional<std::string> location;  ///< location description column
    /// What a place is in a force's data: a column whose value names each incident's
    /// place (a location id, UPRN or address), its street, and its kind of premises (which
    /// the place rules' type_is can flag: "Custody suite", "Nursing/Care Home/Hospice").
    std::optional<std::string> place;
    std::optional<std::string> street;
    std::optional<std::string> place_type;
    std::optional<std::string> outcome;   ///< outcome column
    std::optional<std::string> area;      ///< area code the source put on each row
    /// A column that marks knife crime, and the values that mean yes: a marked row's
    /// category gets kKnifeSuffix, so that "Robbery" with a knife is counted as
    /// "Robbery (knife)".
    std::optional<std::string> knife_column;
    std::vector<std::string> knife_values;
    char delimiter = ',';
    /// The text encoding of a CSV source; unset, the reader's (UTF-8 unless told).
    std::optional<TextEncoding> encoding;

    /// One line for summaries: "x=Easting, y=Northing (EPSG:27700), date=Occurred, ...".
    [[nodiscard]] std::string describe() const;
};

/// Reads a mapping file. Throws ConfigError naming the file and the key at fault.
SourceMapping load_mapping(const std::string& path);

/// Guesses a mapping from column names (case and spacing ignored): longitude/lon/lng or
/// x/easting for x, latitude/lat or y/northing for y, month, date/datetime/occurred, and
/// crime_type/category/offence/type for the category. Names what it could not find in
/// `missing`.
/// `need_coordinates` is false for layers whose geometry gives the location.
std::optional<SourceMapping> guess_mapping(const std::vector<std::string>& columns,
                                           bool need_coordinates,
                                           std::vector<std::string>& missing);

}  // namespace hotspot
