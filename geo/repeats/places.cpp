#include "geo/repeats/places.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <map>

namespace hotspot {

PlaceSet build_places(const PlaceCounts& counts, const PlaceQuery& q, const PlaceRules& rules) {
    PlaceSet out;
    const Month to = q.to.value_or(counts.last);
    if (q.window_months >= 1) {
        out.current_to = to;
        out.current_from = to + (1 - q.window_months);
        out.previous_to = to + (-q.window_months);
        out.previous_from = to + (1 - 2 * q.window_months);
        out.compared = out.previous_from >= counts.first;
    }
    std::vector<std::pair<uint16_t, int64_t>> by_category;
    std::vector<int32_t> months;
    for (size_t k = 0; k < counts.points.size(); ++k) {
        if (q.keep_point && !q.keep_point(k)) {
            continue;
        }
        const PlacePoint& point = counts.points[k];
        Place p;
        bool seen = false;
        by_category.clear();
        months.clear();
        for (const PlaceTally& t : point.tallies) {
            if (!q.selects(t, counts)) {
                continue;
            }
            p.count += t.count;
            auto c = std::find_if(by_category.begin(), by_category.end(),
                                  [&](const auto& e) { return e.first == t.category; });
            if (c == by_category.end()) {
                by_category.emplace_back(t.category, t.count);
            } else {
                c->second += t.count;
            }
            months.push_back(t.month.index);
            p.first = seen ? std::min(p.first, t.month) : t.month;
            p.last = seen ? std::max(p.last, t.month) : t.month;
            seen = true;
            if (out.compared) {
                p.cur += t.month >= out.current_from && t.month <= out.current_to ? t.count : 0;
                p.prev += t.month >= out.previous_from && t.month <= out.previous_to ? t.count : 0;
            }
        }
        if (p.count == 0) {
            continue;
        }
        out.incidents += p.count;
        out.without_location += point.location.empty() && point.place.empty() ? p.count : 0;
        // Harm summed by category in a fixed order, so that it does not depend on the order
        // the incidents were read in (and ties rank the same on any number of threads).
        std::sort(by_category.begin(), by_category.end());
        for (const auto& [category, n] : by_category) {
            p.harm += q.harm_of_category.empty() ? 0.0 : q.harm_of_category.at(category) * static_cast<double>(n);
        }
        out.harm += p.harm;
        for (const auto& [category, n] : by_category) {
            if (n > p.top_count || (n == p.top_count && category < p.top_category)) {
                p.top_count = n;
                p.top_category = category;
            }
        }
        std::sort(months.begin(), months.end());
        p.months = static_cast<int>(std::unique(months.begin(), months.end()) - months.begin());
        p.point = k;
        p.x = point.x;
        p.y = point.y;
        p.location = point.location.empty() ? point.place : point.location;
        p.street = point.street.empty() ? rules.street_of(point.location) : point.street;
        p.place = point.place;
        p.type = point.type;
        p.area = q.area_of_point != nullptr ? q.area_of_point->at(k) : q.area_at ? q.area_at(p.x, p.y) : kNoId;
        p.ward = q.ward_of_point != nullptr && !q.ward_of_point->empty() ? q.ward_of_point->at(k)
                 : q.ward_at                                           ? q.ward_at(p.x, p.y)
                                                                       : kNoId;
        if (const FlagRule* rule = rules.flag_of(point.location, p.x, p.y, point.type)) {
            p.flag = rule->flag;
        }
        out.places.push_back(std::move(p));
    }
    std::sort(out.places.begin(), out.places.end(), [](const Place& a, const Place& b) {
        if (a.count != b.count) {
            return a.count > b.count;
        }
        const auto ha = std::llround(a.harm * 1000);
        const auto hb = std::llround(b.harm * 1000);
        if (ha != hb) {
            return ha > hb;
        }
        if (a.location != b.location) {
            return a.location < b.location;
        }
        return std::tie(a.x, a.y) < std::tie(b.x, b.y);
    });
    for (size_t k = 0; k < out.places.size(); ++k) {
        out.places[k].id = static_cast<int64_t>(k) + 1;
    }

    // Streets within wards: places sharing a street name in one ward.
    std::map<std::pair<uint32_t, std::string>, Street> streets;
    for (const Place& p : out.places) {
        if (p.street.empty()) {
            continue;
        }
        Street& s = streets[{p.ward, p.street}];
        s.ward = p.ward;
        s.name = p.street;
        ++s.places;
        s.count += p.count;
        s.harm += p.harm;
    }
    for (auto& [key, s] : streets) {
        out.streets.push_back(std::move(s));
    }
    std::sort(out.streets.begin(), out.streets.end(), [](const Street& a, const Street& b) {
        if (a.ward != b.ward) {
            return a.ward < b.ward;
        }
        if (a.count != b.count) {
            return a.count > b.count;
        }
        return a.name < b.name;
    });
    return out;
}

namespace {

std::vector<int64_t> counts_of(const PlaceSet& set) {
    std::vector<int64_t> out;
    out.reserve(set.places.size());
    for (const Place& p : set.places) {
        out.push_back(p.count);
    }
    return out;
}

}  // namespace

std::string what_a_place_is(const PlaceCounts& counts) {
    size_t named = 0;
    for (const PlacePoint& p : counts.points) {
        named += p.place.empty() ? 0 : 1;
    }
    if (named == 0) {
        return "police.uk moves every crime to the nearest of a fixed set of anonymous snap points: a place is a "
               "snap point (with its location text), which may stand for several addresses";
    }
    return std::to_string(named) + " places are named by the column mapping's place column (incidents with one "
                                   "value are one place wherever they were geocoded)" +
           (named < counts.points.size() ? "; rows without one are places by their point and location text"
                                         : std::string());
}

double share_of_top(const std::vector<int64_t>& counts, double fraction) {
    int64_t total = 0;
    for (const int64_t c : counts) {
        total += c;
    }
    if (total == 0) {
        return 0;
    }
    const auto n = static_cast<size_t>(std::ceil(fraction * static_cast<double>(counts.size())));
    int64_t held = 0;
    for (size_t k = 0; k < n && k < counts.size(); ++k) {
        held += counts[k];
    }
    return static_cast<double>(held) / static_cast<double>(total);
}

int64_t places_holding(const std::vector<int64_t>& counts, double share) {
    int64_t total = 0;
    for (const int64_t c : counts) {
        total += c;
    }
    int64_t held = 0;
    for (size_t k = 0; k < counts.size(); ++k) {
        held += counts[k];
        if (static_cast<double>(held) >= share * static_cast<double>(total)) {
            return static_cast<int64_t>(k) + 1;
        }
    }
    return static_cast<int64_t>(counts.size());
}

double share_of_top(const PlaceSet& set, double fraction) { return share_of_top(counts_of(set), fraction); }

int64_t places_holding(const PlaceSet& set, double share) { return places_holding(counts_of(set), share); }

}  // namespace hotspot
