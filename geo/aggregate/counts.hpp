#pragma once
// Incident counts by area, category and month: the cube every statistic starts from.

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "geo/aggregate/area_index.hpp"
#include "geo/aggregate/disclosure.hpp"
#include "geo/areas.hpp"
#include "geo/calendar.hpp"
#include "geo/dictionary.hpp"
#include "geo/incidents.hpp"

namespace hotspot {

/// Dense counts over areas x categories x months. Row `areas()` holds the incidents
/// that fell in no area, so nothing read is lost from the totals.
class CountsCube {
  public:
    CountsCube() = default;
    CountsCube(size_t areas, Dictionary categories, Month first, int months);

    [[nodiscard]] size_t areas() const { return m_areas; }
    [[nodiscard]] size_t unassigned_row() const { return m_areas; }
    [[nodiscard]] const Dictionary& categories() const { return m_categories; }
    [[nodiscard]] Month first_month() const { return m_first; }
    [[nodiscard]] Month last_month() const { return m_first + (m_months - 1); }
    [[nodiscard]] int months() const { return m_months; }
    [[nodiscard]] bool empty() const { return m_months == 0; }

    /// Count for an area (or unassigned_row()), a category id and a month in range.
    [[nodiscard]] uint32_t at(size_t area, size_t category, Month month) const {
        return m_counts[index(area, category, month - m_first)];
    }
    /// Like at(), but 0 for months outside the cube.
    [[nodiscard]] uint32_t get(size_t area, size_t category, Month month) const {
        return month < m_first || month > last_month() ? 0 : at(area, category, month);
    }
    void add(size_t area, size_t category, Month month, uint32_t n) {
        m_counts[index(area, category, month - m_first)] += n;
    }

    /// Whether the cube carries record keys: per cell, the sum (modulo 2^32) of its
    /// incidents' keys, from which disclosure control makes the cell key of any sum of
    /// cells. See disclosure.hpp.
    [[nodiscard]] bool has_keys() const { return !m_keys.empty(); }
    /// Makes room for record keys, all 0.
    void enable_keys() { m_keys.assign(m_counts.size(), 0); }
    /// The sum of the record keys of a cell (0 without keys).
    [[nodiscard]] uint32_t key_at(size_t area, size_t category, Month month) const {
        return m_keys.empty() ? 0 : m_keys[index(area, category, month - m_first)];
    }
    /// Adds incidents whose record keys sum to `key_sum` (needs enable_keys()).
    void add(size_t area, size_t category, Month month, uint32_t n, uint32_t key_sum) {
        const size_t i = index(area, category, month - m_first);
        m_counts[i] += n;
        m_keys[i] += key_sum;  // wraps: sums are modulo 2^32
    }

  private:
    [[nodiscard]] size_t index(size_t area, size_t category, int month_offset) const {
        return (area * m_categories.size() + category) * static_cast<size_t>(m_months) +
               static_cast<size_t>(month_offset);
    }
    size_t m_areas = 0;
    Dictionary m_categories;
    Month m_first;
    int m_months = 0;
    std::vector<uint32_t> m_counts;
    std::vector<uint32_t> m_keys;
};

/// What assignment found, for the summary and for checking against the areas the
/// source itself put on its rows.
struct AssignmentStats {
    int64_t inside = 0;       ///< incidents inside an area
    int64_t snapped = 0;      ///< outside every area, moved to one within the snap distance
    int64_t unassigned = 0;   ///< in no area
    int64_t reported = 0;     ///< incidents whose source named an area of this set
    int64_t agreeing = 0;     ///< ... and that were assigned to that same area
};

/// Assigns incidents to areas and counts them as they stream past (an IncidentConsumer
/// for the readers), or from a table already in memory. Each reader thread counts into
/// its own slot; finish() adds the slots up, so the result does not depend on threads.
class CountsAccumulator : public IncidentConsumer {
  public:
    CountsAccumulator(const AreaSet& areas, const AreaIndex& index, int slots,
                      double snap_metres = 0);
    ~CountsAccumulator() override;

    void consume(const IncidentTable& batch, size_t slot) override;

    /// Gives every incident consumed from now on a record key under `secret`, summed per
    /// cell of the cube (see disclosure.hpp). Call before the first batch.
    void set_record_keys(const disclosure::Secret& secret);

    /// The counts of everything consumed so far.
    [[nodiscard]] CountsCube finish() const;
    [[nodiscard]] AssignmentStats stats() const;

  private:
    struct Slot;
    const AreaSet& m_areas;
    const AreaIndex& m_index;
    double m_snap;
    std::optional<disclosure::Secret> m_secret;
    std::mutex m_mutex;  // guards m_categories
    Dictionary m_categories;
    std::vector<std::unique_ptr<Slot>> m_slots;
};

}  // namespace hotspot
