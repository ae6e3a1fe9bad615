#pragma once
// The one place that knows police.uk's street-level crime files: their columns (in both
// the published "Crime ID,Month,..." header and the snake_case "crime_id,month,..." one)
// and their 14 crime categories.

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "geo/io/csv_file_reader.hpp"
#include "geo/io/read_options.hpp"

namespace hotspot::police_uk {

enum class Column {
    crime_id,
    month,
    reported_by,
    falls_within,
    longitude,
    latitude,
    location,
    lsoa_code,
    lsoa_name,
    crime_type,
    last_outcome_category,
    context,
    count_
};
inline constexpr size_t kColumnCount = static_cast<size_t>(Column::count_);

/// "Crime ID" and "crime_id" both become "crime_id"; "LSOA code" becomes "lsoa_code".
std::string normalise_header(std::string_view name);

/// Where each police.uk column sits in a file's header (-1 when absent).
struct Layout {
    std::array<int, kColumnCount> index{};
    size_t field_count = 0;

    [[nodiscard]] int at(Column c) const { return index.at(static_cast<size_t>(c)); }
};

/// Recognises a street-level crime header: it must hold month, longitude, latitude and
/// crime type. Returns the columns that are missing when it does not.
std::optional<Layout> detect(const std::vector<std::string>& header,
                             std::vector<std::string>* missing = nullptr);

/// A police.uk crime category and the short code used for its column names (at most 8
/// characters, so that "c_" + code fits a Shapefile field name).
struct Category {
    std::string_view name;
    std::string_view code;
};

/// The 14 categories of street-level crime published since 2013.
std::span<const Category> categories();

/// Reads one police.uk street-level CSV into `out`.
void read_street_csv(CsvFileReader& reader, const Layout& layout, const ReadOptions& options,
                     ParsedRows& out);

}  // namespace hotspot::police_uk
