#pragma once
// Keeps the location, month and category of incidents as they stream past, for
// statistics on points (kernel density) rather than areas.

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "geo/aggregate/disclosure.hpp"
#include "geo/aggregate/filter.hpp"
#include "geo/dictionary.hpp"
#include "geo/incidents.hpp"

namespace hotspot {

/// Points to smooth: coordinates in the working CRS and an optional weight each (harm).
struct KdePoints {
    std::vector<double> x;
    std::vector<double> y;
    std::vector<double> weight;  ///< empty: every point weighs 1
};

class PointCollector : public IncidentConsumer {
  public:
    explicit PointCollector(int slots);
    ~PointCollector() override;

    void consume(const IncidentTable& batch, size_t slot) override;

    [[nodiscard]] const Dictionary& categories() const { return m_categories; }
    [[nodiscard]] bool empty() const;
    [[nodiscard]] Month first_month() const;
    [[nodiscard]] Month last_month() const;

    /// The points the filter keeps; with `weight_by_category` (indexed by this
    /// collector's category ids), each point weighs its category's weight.
    [[nodiscard]] KdePoints points(const ResolvedFilter& filter,
                                   const std::vector<double>* weight_by_category) const;

    /// Calls fn(x, y, category id, month index) for each point the filter keeps.
    void for_each(const ResolvedFilter& filter,
                  const std::function<void(double, double, uint16_t, int32_t)>& fn) const;
    /// The same, with each point's record key under `secret` last: the key the counts
    /// cube gives the same incident (disclosure::record_key), so a sum of points is the
    /// same published cell as the cube's sum of them.
    void for_each_keyed(const ResolvedFilter& filter, const disclosure::Secret& secret,
                        const std::function<void(double, double, uint16_t, int32_t, uint32_t)>& fn) const;

  private:
    struct Slot;
    std::mutex m_mutex;
    Dictionary m_categories;
    std::vector<std::unique_ptr<Slot>> m_slots;
};

}  // namespace hotspot
