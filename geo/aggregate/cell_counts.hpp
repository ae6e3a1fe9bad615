#pragma once
// What every area statistic counts from. The truth sums the cube's cells; the
// protected view (for the public) sums a cell's counts and record keys, then protects
// the sum by the cell key method (disclosure.hpp). A statistic asks for the sums it
// needs (an area over a period, one category in one month, a force-wide total) and
// never sees a cell of the cube, so rates, harm, changes, ranks, Gi* and local Moran's I
// of the protected view are computed from protected counts alone.

#include <cstdint>
#include <vector>

#include "geo/aggregate/counts.hpp"
#include "geo/aggregate/disclosure.hpp"
#include "geo/aggregate/query_space.hpp"
#include "geo/calendar.hpp"
#include "geo/dictionary.hpp"

namespace hotspot {

class CellCounts {
  public:
    /// The counts as they are.
    static CellCounts truth(const CountsCube& cube);
    /// Every sum protected. Throws Error when the cube has no record keys. With `space`,
    /// a sum outside the public's query space (query_space.hpp) throws QueryRefused:
    /// the last line of defence behind the checks each request makes first.
    static CellCounts protect(const CountsCube& cube, const QuerySpace* space = nullptr);

    [[nodiscard]] bool is_protected() const { return m_protected; }
    /// The public's query space, when the sums are limited to it.
    [[nodiscard]] const QuerySpace* space() const { return m_space; }
    [[nodiscard]] const Dictionary& categories() const { return m_cube->categories(); }
    [[nodiscard]] Month first_month() const { return m_cube->first_month(); }
    [[nodiscard]] Month last_month() const { return m_cube->last_month(); }
    [[nodiscard]] int months() const { return m_cube->months(); }
    [[nodiscard]] size_t areas() const { return m_cube->areas(); }
    /// The row of incidents in no area.
    [[nodiscard]] size_t unassigned_row() const { return m_cube->unassigned_row(); }

    /// Incidents of an area (or unassigned_row()) in the chosen categories and months
    /// (months outside the data count 0): one published cell.
    [[nodiscard]] int64_t sum(size_t area, const std::vector<bool>& categories, Month from, Month to) const;
    /// The same for one category.
    [[nodiscard]] int64_t sum_one(size_t area, size_t category, Month from, Month to) const;
    /// Incidents of one category in every area and none, over the months.
    [[nodiscard]] int64_t total_one(size_t category, Month from, Month to) const;

  private:
    CellCounts(const CountsCube& cube, bool is_protected, const QuerySpace* space)
        : m_cube(&cube), m_protected(is_protected), m_space(space) {}
    using Sum = disclosure::CellSum;
    void add(Sum& s, size_t area, size_t category, Month from, Month to) const;
    [[nodiscard]] int64_t published(const Sum& s) const;

    void check_months(Month from, Month to) const;

    const CountsCube* m_cube;
    bool m_protected;
    const QuerySpace* m_space;
};

}  // namespace hotspot
