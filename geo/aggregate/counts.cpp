#include "geo/aggregate/counts.hpp"

#include <algorithm>
#include <map>

namespace hotspot {

CountsCube::CountsCube(size_t areas, Dictionary categories, Month first, int months)
    : m_areas(areas), m_categories(std::move(categories)), m_first(first), m_months(months) {
    m_counts.assign((areas + 1) * m_categories.size() * static_cast<size_t>(std::max(months, 0)),
                    0);
}

/// Counts of one slot: for each (month, category) seen, one counter per area plus one
/// for "no area".
struct CountsAccumulator::Slot {
    std::map<std::pair<int32_t, uint32_t>, std::vector<uint32_t>> slabs;
    AssignmentStats stats;
    std::vector<uint32_t> category_map;  // batch category id -> global id
    std::vector<uint32_t> area_map;      // batch reported-area id -> area index or kNoArea
    std::vector<std::vector<uint32_t>*> slab_of_category;  // for the current month
    std::vector<uint64_t> category_hash;  // batch category id -> its hash, with record keys
};

CountsAccumulator::CountsAccumulator(const AreaSet& areas, const AreaIndex& index, int slots,
                                     double snap_metres)
    : m_areas(areas), m_index(index), m_snap(snap_metres) {
    for (int s = 0; s < std::max(slots, 1); ++s) {
        m_slots.push_back(std::make_unique<Slot>());
    }
}

CountsAccumulator::~CountsAccumulator() = default;

void CountsAccumulator::set_record_keys(const disclosure::Secret& secret) { m_secret = secret; }

void CountsAccumulator::consume(const IncidentTable& batch, size_t slot_index) {
    Slot& slot = *m_slots.at(slot_index);
    slot.category_map.resize(batch.categories.size());
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        for (uint32_t c = 0; c < batch.categories.size(); ++c) {
            slot.category_map[c] = m_categories.intern(batch.categories.at(c));
        }
    }
    slot.area_map.resize(batch.reported_areas.size());
    for (uint32_t a = 0; a < batch.reported_areas.size(); ++a) {
        slot.area_map[a] = m_areas.find(batch.reported_areas.at(a)).value_or(kNoArea);
    }

    const size_t rows = m_areas.size() + 1;
    // With record keys a slab holds the counts, then the key sums, of its rows.
    const size_t slab_size = m_secret ? 2 * rows : rows;
    if (m_secret) {
        slot.category_hash.resize(batch.categories.size());
        for (uint32_t c = 0; c < batch.categories.size(); ++c) {
            slot.category_hash[c] = disclosure::category_hash(*m_secret, batch.categories.at(c));
        }
    }
    int32_t current_month = -1;
    slot.slab_of_category.assign(batch.categories.size(), nullptr);
    AssignmentStats& st = slot.stats;
    for (size_t i = 0; i < batch.size(); ++i) {
        uint32_t area = m_index.locate(batch.x[i], batch.y[i]);
        if (area != kNoArea) {
            ++st.inside;
        } else if (m_snap > 0 && (area = m_index.nearest(batch.x[i], batch.y[i], m_snap)) != kNoArea) {
            ++st.snapped;
        } else {
            ++st.unassigned;
        }
        if (const uint32_t reported = batch.reported_area[i]; reported != kNoId) {
            const uint32_t expected = slot.area_map[reported];
            if (expected != kNoArea) {
                ++st.reported;
                st.agreeing += expected == area ? 1 : 0;
            }
        }
        const int32_t month = batch.month[i].index;
        if (month != current_month) {
            current_month = month;
            std::fill(slot.slab_of_category.begin(), slot.slab_of_category.end(), nullptr);
        }
        const uint16_t c = batch.category[i];
        std::vector<uint32_t>*& slab = slot.slab_of_category[c];
        if (slab == nullptr) {
            slab = &slot.slabs[{month, slot.category_map[c]}];
            slab->resize(slab_size, 0);
        }
        const size_t row = area == kNoArea ? rows - 1 : area;
        ++(*slab)[row];
        if (m_secret) {
            (*slab)[rows + row] += disclosure::record_key(*m_secret, slot.category_hash[c], month, batch.x[i], batch.y[i]);
        }
    }
}

CountsCube CountsAccumulator::finish() const {
    int32_t first = 0;
    int32_t last = -1;
    bool any = false;
    for (const auto& slot : m_slots) {
        for (const auto& [key, slab] : slot->slabs) {
            first = any ? std::min(first, key.first) : key.first;
            last = any ? std::max(last, key.first) : key.first;
            any = true;
        }
    }
    // Categories in a stable order: alphabetical, so outputs do not depend on which
    // category a file happened to mention first.
    std::vector<std::string> names = m_categories.values();
    std::sort(names.begin(), names.end());
    Dictionary sorted;
    for (const auto& n : names) {
        sorted.intern(n);
    }
    std::vector<uint32_t> remap(m_categories.size());
    for (uint32_t c = 0; c < m_categories.size(); ++c) {
        remap[c] = *sorted.find(m_categories.at(c));
    }
    CountsCube cube(m_areas.size(), std::move(sorted), Month{first}, any ? last - first + 1 : 0);
    const size_t rows = m_areas.size() + 1;
    if (m_secret) {
        cube.enable_keys();
    }
    for (const auto& slot : m_slots) {
        for (const auto& [key, slab] : slot->slabs) {
            for (size_t a = 0; a < rows; ++a) {
                if (slab[a] == 0) {
                    continue;
                }
                if (m_secret) {
                    cube.add(a, remap[key.second], Month{key.first}, slab[a], slab[rows + a]);
                } else {
                    cube.add(a, remap[key.second], Month{key.first}, slab[a]);
                }
            }
        }
    }
    return cube;
}

AssignmentStats CountsAccumulator::stats() const {
    AssignmentStats total;
    for (const auto& slot : m_slots) {
        total.inside += slot->stats.inside;
        total.snapped += slot->stats.snapped;
        total.unassigned += slot->stats.unassigned;
        total.reported += slot->stats.reported;
        total.agreeing += slot->stats.agreeing;
    }
    return total;
}

}  // namespace hotspot
