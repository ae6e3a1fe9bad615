#include "point_collector.hpp"

#include <algorithm>
#include <limits>

namespace hotspot {

struct PointCollector::Slot {
    std::vector<double> x;
    std::vector<double> y;
    std::vector<int32_t> month;
    std::vector<uint16_t> category;
    std::vector<uint16_t> map;  // batch category id -> collector id
};

PointCollector::PointCollector(int slots) {
    for (int s = 0; s < std::max(slots, 1); ++s) {
        m_slots.push_back(std::make_unique<Slot>());
    }
}

PointCollector::~PointCollector() = default;

void PointCollector::consume(const IncidentTable& batch, size_t slot_index) {
    Slot& s = *m_slots.at(slot_index);
    s.map.resize(batch.categories.size());
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        for (uint32_t c = 0; c < batch.categories.size(); ++c) {
            s.map[c] = static_cast<uint16_t>(m_categories.intern(batch.categories.at(c)));
        }
    }
    s.x.insert(s.x.end(), batch.x.begin(), batch.x.end());
    s.y.insert(s.y.end(), batch.y.begin(), batch.y.end());
    for (size_t i = 0; i < batch.size(); ++i) {
        s.month.push_back(batch.month[i].index);
        s.category.push_back(s.map[batch.category[i]]);
    }
}

bool PointCollector::empty() const {
    return std::all_of(m_slots.begin(), m_slots.end(), [](const auto& s) { return s->x.empty(); });
}

Month PointCollector::first_month() const {
    int32_t m = std::numeric_limits<int32_t>::max();
    for (const auto& s : m_slots) {
        for (const int32_t v : s->month) {
            m = std::min(m, v);
        }
    }
    return Month{m};
}

Month PointCollector::last_month() const {
    int32_t m = std::numeric_limits<int32_t>::min();
    for (const auto& s : m_slots) {
        for (const int32_t v : s->month) {
            m = std::max(m, v);
        }
    }
    return Month{m};
}

KdePoints PointCollector::points(const ResolvedFilter& filter,
                                 const std::vector<double>* weight_by_category) const {
    KdePoints p;
    for (const auto& s : m_slots) {
        for (size_t i = 0; i < s->x.size(); ++i) {
            const uint16_t c = s->category[i];
            if (!filter.category[c] || s->month[i] < filter.from.index ||
                s->month[i] > filter.to.index) {
                continue;
            }
            p.x.push_back(s->x[i]);
            p.y.push_back(s->y[i]);
            if (weight_by_category != nullptr) {
                p.weight.push_back((*weight_by_category)[c]);
            }
        }
    }
    return p;
}

}  // namespace hotspot
