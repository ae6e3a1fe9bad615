#include "geo/aggregate/cell_counts.hpp"

#include <algorithm>

#include "geo/aggregate/disclosure.hpp"
#include "geo/error.hpp"

namespace hotspot {

CellCounts CellCounts::truth(const CountsCube& cube) { return CellCounts(cube, false, nullptr); }

CellCounts CellCounts::protect(const CountsCube& cube, const QuerySpace* space) {
    if (!cube.has_keys()) {
        throw Error("protected counts need record keys, and these counts were made without them");
    }
    return CellCounts(cube, true, space);
}

void CellCounts::check_months(Month from, Month to) const {
    if (m_space != nullptr) {
        m_space->check_months(from, to, "a published count");
    }
}

void CellCounts::add(Sum& s, size_t area, size_t category, Month from, Month to) const {
    const Month first = std::max(from, m_cube->first_month());
    const Month last = std::min(to, m_cube->last_month());
    for (Month m = first; m <= last; m = m + 1) {
        s.add(m_cube->at(area, category, m), m_protected ? m_cube->key_at(area, category, m) : 0);
    }
}

int64_t CellCounts::published(const Sum& s) const {
    return m_protected ? s.protected_count() : s.n;
}

int64_t CellCounts::sum(size_t area, const std::vector<bool>& categories, Month from, Month to) const {
    if (m_space != nullptr && !m_space->allows_categories(categories, m_cube->categories())) {
        throw QueryRefused("a published count: the public view does not publish this set of categories. " +
                           QuerySpace::rule());
    }
    check_months(from, to);
    Sum s;
    for (size_t c = 0; c < categories.size(); ++c) {
        if (categories[c]) {
            add(s, area, c, from, to);
        }
    }
    return published(s);
}

int64_t CellCounts::sum_one(size_t area, size_t category, Month from, Month to) const {
    check_months(from, to);
    Sum s;
    add(s, area, category, from, to);
    return published(s);
}

int64_t CellCounts::total_one(size_t category, Month from, Month to) const {
    check_months(from, to);
    Sum s;
    for (size_t a = 0; a <= m_cube->areas(); ++a) {
        add(s, a, category, from, to);
    }
    return published(s);
}

}  // namespace hotspot
