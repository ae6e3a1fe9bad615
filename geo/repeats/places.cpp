#include "geo/repeats/places.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <tuple>
#include <map>
#include <stdexcept>
#include <unordered_map>

namespace hotspot {

namespace {

struct Key {
    uint64_t x;
    uint64_t y;
    std::string_view location;
    friend bool operator==(const Key&, const Key&) = default;
};
struct KeyHash {
    size_t operator()(const Key& k) const {
        return std::hash<uint64_t>{}(k.x * 0x9E3779B97F4A7C15ULL ^ k.y) ^ std::hash<std::string_view>{}(k.location);
    }
};

}  // namespace

PlaceSet build_places(const PlaceInputs& in, const PlaceRules& rules) {
    const IncidentTable& t = *in.incidents;
    if (!t.details) {
        throw std::logic_error("build_places needs the incidents' details");
    }
    const auto& location = t.details->location;
    PlaceSet out;
    std::unordered_map<Key, size_t, KeyHash> index;
    // Per place: a few categories (a flat list beats a map's nodes) and its months, each
    // pushed when it differs from the last (the inputs come a month at a time).
    std::vector<std::vector<std::pair<uint16_t, int64_t>>> by_category;
    std::vector<std::vector<int32_t>> months;
    if (in.window_months >= 1) {
        out.current_to = in.window_end;
        out.current_from = in.window_end + (1 - in.window_months);
        out.previous_to = in.window_end + (-in.window_months);
        out.previous_from = in.window_end + (1 - 2 * in.window_months);
        out.compared = out.previous_from >= in.data_first;
    }
    for (size_t i = 0; i < t.size(); ++i) {
        if (!in.selected.empty() && !in.selected[i]) {
            continue;
        }
        const double harm = in.harm_of_category.empty() ? 0.0 : in.harm_of_category.at(t.category[i]);
        ++out.incidents;
        out.harm += harm;
        if (location[i].empty()) {
            ++out.without_location;
        }
        const Key key{std::bit_cast<uint64_t>(t.x[i]), std::bit_cast<uint64_t>(t.y[i]), location[i]};
        auto [it, fresh] = index.try_emplace(key, out.places.size());
        if (fresh) {
            Place p;
            p.x = t.x[i];
            p.y = t.y[i];
            p.location = location[i];
            p.street = rules.street_of(location[i]);
            p.area = in.area_at ? in.area_at(p.x, p.y) : kNoId;
            p.ward = in.ward_at ? in.ward_at(p.x, p.y) : kNoId;
            if (const FlagRule* rule = rules.flag_of(location[i], t.x[i], t.y[i])) {
                p.flag = rule->flag;
            }
            p.first = t.month[i];
            p.last = t.month[i];
            out.places.push_back(std::move(p));
            by_category.emplace_back();
            months.emplace_back();
        }
        Place& p = out.places[it->second];
        ++p.count;
        p.harm += harm;
        p.first = std::min(p.first, t.month[i]);
        p.last = std::max(p.last, t.month[i]);
        auto& cats = by_category[it->second];
        auto c = std::find_if(cats.begin(), cats.end(), [&](const auto& e) { return e.first == t.category[i]; });
        if (c == cats.end()) {
            cats.emplace_back(t.category[i], 1);
        } else {
            ++c->second;
        }
        if (out.compared) {
            const Month m = t.month[i];
            p.cur += m >= out.current_from && m <= out.current_to ? 1 : 0;
            p.prev += m >= out.previous_from && m <= out.previous_to ? 1 : 0;
        }
        auto& ms = months[it->second];
        if (ms.empty() || ms.back() != t.month[i].index) {
            ms.push_back(t.month[i].index);
        }
    }
    for (size_t k = 0; k < out.places.size(); ++k) {
        Place& p = out.places[k];
        for (const auto& [category, n] : by_category[k]) {
            if (n > p.top_count || (n == p.top_count && category < p.top_category)) {
                p.top_count = n;
                p.top_category = category;
            }
        }
        auto& m = months[k];
        std::sort(m.begin(), m.end());
        p.months = static_cast<int>(std::unique(m.begin(), m.end()) - m.begin());
    }
    std::sort(out.places.begin(), out.places.end(), [](const Place& a, const Place& b) {
        if (a.count != b.count) {
            return a.count > b.count;
        }
        if (a.harm != b.harm) {
            return a.harm > b.harm;
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

double share_of_top(const PlaceSet& set, double fraction) {
    if (set.incidents == 0 || set.places.empty()) {
        return 0;
    }
    const auto n = static_cast<size_t>(std::ceil(fraction * static_cast<double>(set.places.size())));
    int64_t held = 0;
    for (size_t k = 0; k < n && k < set.places.size(); ++k) {
        held += set.places[k].count;
    }
    return static_cast<double>(held) / static_cast<double>(set.incidents);
}

int64_t places_holding(const PlaceSet& set, double share) {
    int64_t held = 0;
    for (const Place& p : set.places) {
        held += p.count;
        if (static_cast<double>(held) >= share * static_cast<double>(set.incidents)) {
            return p.id;
        }
    }
    return static_cast<int64_t>(set.places.size());
}

}  // namespace hotspot
