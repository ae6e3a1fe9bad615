#pragma once
// The sums the public may ask for. The cell key method (disclosure.hpp) gives the same
// records the same noise, so asking again averages nothing away; but every different set
// of records holding a cell gets independent noise, and an attacker free to choose the
// filter could difference a hidden cell out of hundreds of overlapping filters (the 2^13
// category sets that hold one category, every month range that holds one month) and
// average the noise away. The public view therefore publishes sums over few sets only:
//
// - categories: every category, one category, or a named preset (knife crime);
// - months: one month, a calendar quarter, a calendar year (each clipped to the data),
//   the whole data, or the latest 3, 6 or 12 months and the as many months before them
//   (the comparison windows of a map that ends at the latest month).
//
// A month then lies in at most about ten published periods and a category in three
// category sets, so a hidden cell has only a handful of independent noisy estimates,
// each the difference of two or more noisy cells: too few to average. Analysts, who see
// true counts, may ask for any filter.

#include <optional>
#include <string>
#include <vector>

#include "geo/aggregate/filter.hpp"
#include "geo/calendar.hpp"
#include "geo/dictionary.hpp"
#include "geo/error.hpp"

namespace hotspot {

/// A filter the public may not ask for (the server answers 403).
class QueryRefused : public InputError {
  public:
    using InputError::InputError;
};

/// A period the public may ask for, for menus.
struct PublicPeriod {
    Month from;
    Month to;
    std::string kind;   ///< month, quarter, year, all, latest or before_latest
    std::string label;  ///< "July 2018", "Q3 2018", "2018", "all months", "latest 3 months" ...
};

class QuerySpace {
  public:
    /// The latest windows offered (months): the map's comparison windows.
    static constexpr int kLatest[] = {3, 6, 12};

    /// For data from `first` to `last`; `presets` are the named category sets (names as
    /// the data spells them) the public may also ask for.
    QuerySpace(Month first, Month last, std::vector<std::vector<std::string>> presets = {});

    [[nodiscard]] Month first() const { return m_first; }
    [[nodiscard]] Month last() const { return m_last; }

    /// Whether the months from `from` to `to` (clipped to the data) are a public period.
    [[nodiscard]] bool allows_months(Month from, Month to) const;
    /// Whether the categories (by id in `categories`) are all, one, none or a preset.
    [[nodiscard]] bool allows_categories(const std::vector<bool>& chosen, const Dictionary& categories) const;

    /// Throws QueryRefused, saying what may be asked instead, for a filter outside the
    /// public's space; `what` names the request ("this map").
    void check(const ResolvedFilter& filter, const Dictionary& categories) const;
    /// The same for a month range alone (a comparison window, a patrol's months).
    void check_months(Month from, Month to, const std::string& what) const;

    /// Every public period, newest first within each kind.
    [[nodiscard]] std::vector<PublicPeriod> periods() const;
    /// One sentence saying what the public may ask for.
    [[nodiscard]] static std::string rule();

  private:
    Month m_first;
    Month m_last;
    std::vector<std::vector<std::string>> m_presets;
};

}  // namespace hotspot
