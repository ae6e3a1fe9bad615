#include "geo/aggregate/query_space.hpp"

#include <algorithm>
#include <set>
#include <utility>

namespace hotspot {

QuerySpace::QuerySpace(Month first, Month last, std::vector<std::vector<std::string>> presets)
    : m_first(first), m_last(last), m_presets(std::move(presets)) {}

namespace {

/// Every public period, clipped to the data, in the order a menu lists them (a period
/// can appear twice: the latest 3 months may be a quarter).
std::vector<PublicPeriod> candidates(Month first, Month last) {
    std::vector<PublicPeriod> out;
    auto add = [&](Month from, Month to, const char* kind, const std::string& label) {
        from = std::max(from, first);
        to = std::min(to, last);
        if (from == to) {
            out.push_back({from, to, "month", from.to_string()});  // a clipped quarter or window is a month
        } else if (from < to) {
            out.push_back({from, to, kind, label});
        }
    };
    add(first, last, "all", "all months");
    for (const int w : QuerySpace::kLatest) {
        const std::string n = std::to_string(w);
        add(last + (1 - w), last, "latest", "latest " + n + " months");
        if (last + (-w) >= first) {
            add(last + (1 - 2 * w), last + (-w), "before_latest", "the " + n + " months before the latest " + n);
        }
    }
    for (int y = last.year(); y >= first.year(); --y) {
        add(Month::from(y, 1), Month::from(y, 12), "year", std::to_string(y));
    }
    for (Month q{last.index - last.index % 3}; q + 2 >= first; q = q + (-3)) {
        add(q, q + 2, "quarter", std::to_string(q.year()) + " Q" + std::to_string((q.month() - 1) / 3 + 1));
    }
    for (Month m = last; m >= first; m = m + (-1)) {
        add(m, m, "month", m.to_string());
    }
    return out;
}

std::string period_text(Month from, Month to) {
    return from == to ? from.to_string() : from.to_string() + " to " + to.to_string();
}

}  // namespace

bool QuerySpace::allows_months(Month from, Month to) const {
    from = std::max(from, m_first);
    to = std::min(to, m_last);
    if (from >= to) {
        return true;  // one month, or none
    }
    // Called for every published cell: no menu is built here.
    auto is = [&](Month a, Month b) { return std::max(a, m_first) == from && std::min(b, m_last) == to; };
    const Month quarter{from.index - from.index % 3};
    if (is(m_first, m_last) || is(quarter, quarter + 2) ||
        is(Month::from(from.year(), 1), Month::from(from.year(), 12))) {
        return true;
    }
    for (const int w : kLatest) {
        if (is(m_last + (1 - w), m_last) || (m_last + (-w) >= m_first && is(m_last + (1 - 2 * w), m_last + (-w)))) {
            return true;
        }
    }
    return false;
}

bool QuerySpace::allows_categories(const std::vector<bool>& chosen, const Dictionary& categories) const {
    const auto n = static_cast<size_t>(std::count(chosen.begin(), chosen.end(), true));
    if (n <= 1 || n == categories.size()) {
        return true;
    }
    std::set<std::string> names;
    for (size_t c = 0; c < chosen.size(); ++c) {
        if (chosen[c]) {
            names.insert(categories.at(static_cast<uint32_t>(c)));
        }
    }
    for (const auto& preset : m_presets) {
        std::set<std::string> present;
        for (const auto& name : preset) {
            if (categories.find(name)) {
                present.insert(name);
            }
        }
        if (present == names) {
            return true;
        }
    }
    return false;
}

std::string QuerySpace::rule() {
    return "The public view gives every category, one category or the knife crime preset, over one month, "
           "a calendar quarter or year, all months, or the latest 3, 6 or 12 months (and as many months before "
           "them); an analyst token lifts this.";
}

void QuerySpace::check_months(Month from, Month to, const std::string& what) const {
    if (!allows_months(from, to)) {
        throw QueryRefused(what + ": the public view does not publish " +
                           period_text(std::max(from, m_first), std::min(to, m_last)) +
                           ", since overlapping periods would let the protection be averaged away. " + rule());
    }
}

void QuerySpace::check(const ResolvedFilter& filter, const Dictionary& categories) const {
    if (!allows_categories(filter.category, categories)) {
        const auto n = std::count(filter.category.begin(), filter.category.end(), true);
        throw QueryRefused("categories: the public view does not publish a set of " + std::to_string(n) +
                           " categories, since overlapping sets would let the protection be averaged away. " +
                           rule());
    }
    check_months(filter.from, filter.to, "from/to");
}

std::vector<PublicPeriod> QuerySpace::periods() const {
    std::vector<PublicPeriod> out;
    std::set<std::pair<int32_t, int32_t>> seen;
    for (PublicPeriod& p : candidates(m_first, m_last)) {
        if (seen.insert({p.from.index, p.to.index}).second) {
            out.push_back(std::move(p));
        }
    }
    return out;
}

}  // namespace hotspot
