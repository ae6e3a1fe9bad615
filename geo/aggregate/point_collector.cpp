#include "geo/aggregate/point_collector.hpp"

#include <algorithm>
#include <limits>

namespace hotspot {

/// One batch's points, copied once at their exact size: growing one long array instead
/// would copy (and fault in) every point several times over.
struct Chunk {
    std::vector<double> x;
    std::vector<double> y;
    std::vector<int32_t> month;
    std::vector<uint16_t> category;
};

struct PointCollector::Slot {
    std::vector<Chunk> chunks;
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
    Chunk& c = s.chunks.emplace_back();
    c.x.assign(batch.x.begin(), batch.x.end());
    c.y.assign(batch.y.begin(), batch.y.end());
    c.month.resize(batch.size());
    c.category.resize(batch.size());
    for (size_t i = 0; i < batch.size(); ++i) {
        c.month[i] = batch.month[i].index;
        c.category[i] = s.map[batch.category[i]];
    }
}

bool PointCollector::empty() const {
    return std::all_of(m_slots.begin(), m_slots.end(), [](const auto& s) {
        return std::all_of(s->chunks.begin(), s->chunks.end(),
                           [](const Chunk& c) { return c.x.empty(); });
    });
}

Month PointCollector::first_month() const {
    int32_t m = std::numeric_limits<int32_t>::max();
    for (const auto& s : m_slots) {
        for (const Chunk& c : s->chunks) {
            for (const int32_t v : c.month) {
                m = std::min(m, v);
            }
        }
    }
    return Month{m};
}

Month PointCollector::last_month() const {
    int32_t m = std::numeric_limits<int32_t>::min();
    for (const auto& s : m_slots) {
        for (const Chunk& c : s->chunks) {
            for (const int32_t v : c.month) {
                m = std::max(m, v);
            }
        }
    }
    return Month{m};
}

void PointCollector::for_each(
    const ResolvedFilter& filter,
    const std::function<void(double, double, uint16_t, int32_t)>& fn) const {
    for (const auto& s : m_slots) {
        for (const Chunk& c : s->chunks) {
            for (size_t i = 0; i < c.x.size(); ++i) {
                const uint16_t k = c.category[i];
                if (filter.category[k] && c.month[i] >= filter.from.index &&
                    c.month[i] <= filter.to.index) {
                    fn(c.x[i], c.y[i], k, c.month[i]);
                }
            }
        }
    }
}

void PointCollector::for_each_keyed(
    const ResolvedFilter& filter, const disclosure::Secret& secret,
    const std::function<void(double, double, uint16_t, int32_t, uint32_t)>& fn) const {
    std::vector<uint64_t> category_hash(m_categories.size());
    for (uint32_t c = 0; c < m_categories.size(); ++c) {
        category_hash[c] = disclosure::category_hash(secret, m_categories.at(c));
    }
    for_each(filter, [&](double x, double y, uint16_t c, int32_t m) {
        fn(x, y, c, m, disclosure::record_key(secret, category_hash[c], m, x, y));
    });
}

KdePoints PointCollector::points(const ResolvedFilter& filter,
                                 const std::vector<double>* weight_by_category) const {
    KdePoints p;
    size_t total = 0;
    for (const auto& s : m_slots) {
        for (const Chunk& c : s->chunks) {
            total += c.x.size();
        }
    }
    // Reserving for every point touches no memory the filter does not keep.
    p.x.reserve(total);
    p.y.reserve(total);
    if (weight_by_category != nullptr) {
        p.weight.reserve(total);
    }
    for (const auto& s : m_slots) {
        for (const Chunk& c : s->chunks) {
            for (size_t i = 0; i < c.x.size(); ++i) {
                const uint16_t k = c.category[i];
                if (!filter.category[k] || c.month[i] < filter.from.index ||
                    c.month[i] > filter.to.index) {
                    continue;
                }
                p.x.push_back(c.x[i]);
                p.y.push_back(c.y[i]);
                if (weight_by_category != nullptr) {
                    p.weight.push_back((*weight_by_category)[k]);
                }
            }
        }
    }
    return p;
}

}  // namespace hotspot
