#pragma once
// A community survey: one row per respondent with an area (code, or coordinates inside
// an area), an optional weight, and answers to items; and the mapping of items to the
// five engagement domains. Each respondent's domain score is the mean of their answered
// items in that domain on a 0-100 scale, reverse-worded items turned round first.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/areas.hpp"
#include "geo/rejects.hpp"

namespace hotspot {

/// The five domains of the community engagement area classification, in this order.
inline constexpr std::array<const char*, 5> kDomains{"belonging", "diversity", "fear",
                                                    "satisfaction", "participation"};
inline constexpr size_t kDomainCount = kDomains.size();

struct SurveyItem {
    std::string name;  ///< the survey's column
    size_t domain = 0; ///< index in kDomains
    bool reverse = false;
    double min = 1;
    double max = 5;
    std::string text;
};

/// Reads the item mapping: CSV with item, domain (one of kDomains), and optionally
/// reverse (yes/no), min and max (default 1 and 5) and text. Throws InputError naming
/// the file and line of an unknown domain, a bad scale or a repeated item, or when a
/// domain has no item.
std::vector<SurveyItem> read_survey_items(const std::string& path);

struct SurveyOptions {
    std::optional<std::string> area_column;  ///< guessed: area_code, lsoa_code, LSOA11CD, code
    std::optional<std::string> weight_column;  ///< guessed: weight; else every weight is 1
};

struct Survey {
    std::string source;
    /// Per accepted respondent: the area (index in the AreaSet), the weight, and the
    /// domain scores (NaN for a domain with no answered item).
    std::vector<uint32_t> area;
    std::vector<double> weight;
    std::vector<std::array<double, kDomainCount>> score;
    int64_t synthetic_rows = 0;  ///< rows with synthetic=yes (a generated sample)
    RejectLog rejects;
};

/// Reads survey rows. Rows whose area is not in `areas`, whose weight is not a positive
/// number, whose answer is not a number on its item's scale, or that answer nothing are
/// rejected with their line; a missing item or area column throws InputError.
/// Coordinates (longitude, latitude) place a respondent when there is no area column.
Survey read_survey(const std::string& path, const std::vector<SurveyItem>& items,
                   const AreaSet& areas, const SurveyOptions& options = {});

}  // namespace hotspot
