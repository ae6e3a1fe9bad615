#pragma once
// Places: the locations with an identity of their own (a police.uk snap point, with its
// location text), the crime and harm at each, their area, ward and street, the flag an
// institutional place carries, and how concentrated crime is on them.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "geo/incidents.hpp"
#include "geo/repeats/place_counts.hpp"
#include "geo/repeats/place_rules.hpp"
#include "geo/table.hpp"

namespace hotspot {

struct Place {
    int64_t id = 0;  ///< 1 = most incidents (ties: most harm, then location text)
    double x = 0;
    double y = 0;
    std::string location;  ///< the location text, else a force's place column
    std::string street;    ///< a force's street column, else the street in the location text
    std::string place;     ///< a force's place column (id, UPRN or address), or empty
    std::string type;      ///< a force's kind of premises column, or empty
    uint32_t area = kNoId;  ///< small area (LSOA) containing the point, or kNoId
    uint32_t ward = kNoId;  ///< larger area (ward) containing it, or kNoId
    int64_t count = 0;
    double harm = 0;
    std::string flag;  ///< the rule that flags it (a copy: the rules may go), or empty
    uint16_t top_category = 0;  ///< the category with most incidents there
    int64_t top_count = 0;
    int months = 0;             ///< months with an incident there
    Month first{};
    Month last{};
    int64_t cur = 0;   ///< incidents in the latest window (when PlaceSet::compared)
    int64_t prev = 0;  ///< and in the window before it
    size_t point = 0;  ///< its index in PlaceCounts::points (its tallies)
};

struct Street {
    uint32_t ward = kNoId;
    std::string name;
    int64_t places = 0;
    int64_t count = 0;
    double harm = 0;
};

/// What to count of the places: which categories (by PlaceCounts category id) and
/// months, harm per category id, and where a point lies (small area and ward ids, kNoId
/// outside), asked once per place.
struct PlaceQuery {
    std::vector<bool> category;           ///< empty: every category
    std::optional<Month> from;            ///< empty: the data's first month
    std::optional<Month> to;              ///< empty: the data's last
    std::vector<double> harm_of_category; ///< empty: harm 0
    std::function<uint32_t(double x, double y)> area_at;  ///< empty: kNoId
    std::function<uint32_t(double x, double y)> ward_at;  ///< empty: kNoId
    /// Or the areas already found, one per point of PlaceCounts (for a server).
    const std::vector<uint32_t>* area_of_point = nullptr;
    const std::vector<uint32_t>* ward_of_point = nullptr;
    /// Only the points this keeps (by index into PlaceCounts::points), e.g. one area's.
    std::function<bool(size_t point)> keep_point;
    /// The window comparison, as for areas: the latest `window_months` up to the last
    /// month against as many before; none when the earlier window starts before the data.
    int window_months = 3;

    /// Whether a tally of `counts` is of a selected category and month.
    [[nodiscard]] bool selects(const PlaceTally& t, const PlaceCounts& counts) const {
        return (category.empty() || category.at(t.category)) && t.month >= from.value_or(counts.first) &&
               t.month <= to.value_or(counts.last);
    }
};

struct PlaceSet {
    std::vector<Place> places;  ///< by id
    std::vector<Street> streets;  ///< by ward, then incidents (most first)
    int64_t incidents = 0;
    double harm = 0;
    int64_t without_location = 0;  ///< selected rows with no location text
    bool compared = false;  ///< whether cur and prev were counted
    Month current_from{}, current_to{}, previous_from{}, previous_to{};
};

/// What a place is in `counts`, in a sentence for summaries: police.uk's snap points, or
/// a force's place column where its rows have one.
std::string what_a_place_is(const PlaceCounts& counts);

/// Builds the places of `counts` that `query` selects, most incidents first.
PlaceSet build_places(const PlaceCounts& counts, const PlaceQuery& query, const PlaceRules& rules);

/// The share of incidents the top `fraction` of places hold (places ranked by count).
double share_of_top(const PlaceSet& set, double fraction);
/// The fewest places that hold at least `share` of the incidents.
int64_t places_holding(const PlaceSet& set, double share);
/// The same for places' counts given most first (e.g. one area's).
double share_of_top(const std::vector<int64_t>& counts_most_first, double fraction);
int64_t places_holding(const std::vector<int64_t>& counts_most_first, double share);

}  // namespace hotspot
