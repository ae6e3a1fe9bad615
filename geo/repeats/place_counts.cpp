#include "geo/repeats/place_counts.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <stdexcept>

namespace hotspot {

namespace {

/// A place's identity as one dictionary key: a force's place column when it has one,
/// else the exact point and the location text.
std::string_view key_of(std::string& buf, double x, double y, std::string_view location, std::string_view place) {
    if (!place.empty()) {
        buf = "P";
        buf.append(place);
        return buf;
    }
    const auto bx = std::bit_cast<uint64_t>(x);
    const auto by = std::bit_cast<uint64_t>(y);
    buf.resize(17);
    buf[0] = 'C';
    std::memcpy(buf.data() + 1, &bx, 8);
    std::memcpy(buf.data() + 9, &by, 8);
    buf.append(location);
    return buf;
}

/// Row i's text in a details column; blank when the source filled no such column.
std::string_view text_at(const std::vector<std::string>& column, size_t i) {
    return i < column.size() ? std::string_view(column[i]) : std::string_view();
}

/// Keeps the least text that is not blank: the same whatever order rows come in.
void keep_least(std::string& kept, std::string_view v) {
    if (!v.empty() && (kept.empty() || v < kept)) {
        kept = v;
    }
}

/// Folds a row's (or another slot's) point and texts into a place.
void fold(PlacePoint& into, double x, double y, std::string_view location, std::string_view street,
          std::string_view type) {
    if (x < into.x || (x == into.x && y < into.y)) {
        into.x = x;
        into.y = y;
    }
    keep_least(into.location, location);
    keep_least(into.street, street);
    keep_least(into.type, type);
}

void add(std::vector<PlaceTally>& tallies, uint16_t category, Month month, int64_t n) {
    for (auto& t : tallies) {
        if (t.category == category && t.month == month) {
            t.count += n;
            return;
        }
    }
    tallies.push_back({category, month, n});
}

}  // namespace

PlaceCollector::PlaceCollector(size_t slots) : m_slots(std::max<size_t>(slots, 1)) {}

void PlaceCollector::consume(const IncidentTable& batch, size_t slot) {
    if (batch.size() == 0) {
        return;
    }
    if (!batch.details) {
        throw std::logic_error("PlaceCollector needs the incidents' details (keep_details)");
    }
    Slot& s = m_slots.at(slot);
    PlaceCounts& c = s.counts;
    std::vector<uint16_t> category(batch.categories.size());
    for (uint32_t i = 0; i < category.size(); ++i) {
        category[i] = static_cast<uint16_t>(c.categories.intern(batch.categories.at(i)));
    }
    std::string buf;
    const IncidentDetails& d = *batch.details;
    const auto& location = d.location;
    for (size_t i = 0; i < batch.size(); ++i) {
        const std::string_view place = text_at(d.place, i);
        const std::string_view street = text_at(d.street, i);
        const std::string_view type = text_at(d.place_type, i);
        const uint32_t id = s.keys.intern(key_of(buf, batch.x[i], batch.y[i], location[i], place));
        if (id == c.points.size()) {
            c.points.push_back({batch.x[i], batch.y[i], location[i], {}, std::string(place), std::string(street),
                                std::string(type)});
        } else {
            fold(c.points[id], batch.x[i], batch.y[i], location[i], street, type);
        }
        add(c.points[id].tallies, category.at(batch.category[i]), batch.month[i], 1);
        const Month m = batch.month[i];
        c.first = s.any ? std::min(c.first, m) : m;
        c.last = s.any ? std::max(c.last, m) : m;
        s.any = true;
        ++c.incidents;
        c.without_location += location[i].empty() ? 1 : 0;
    }
}

PlaceCounts PlaceCollector::finish() {
    Slot& into = m_slots.front();
    std::string buf;
    for (size_t k = 1; k < m_slots.size(); ++k) {
        Slot& from = m_slots[k];
        if (!from.any) {
            continue;
        }
        std::vector<uint16_t> category(from.counts.categories.size());
        for (uint32_t i = 0; i < category.size(); ++i) {
            category[i] = static_cast<uint16_t>(into.counts.categories.intern(from.counts.categories.at(i)));
        }
        for (PlacePoint& p : from.counts.points) {
            const uint32_t id = into.keys.intern(key_of(buf, p.x, p.y, p.location, p.place));
            if (id == into.counts.points.size()) {
                into.counts.points.push_back(
                    {p.x, p.y, std::move(p.location), {}, std::move(p.place), std::move(p.street), std::move(p.type)});
            } else {
                fold(into.counts.points[id], p.x, p.y, p.location, p.street, p.type);
            }
            for (const PlaceTally& t : p.tallies) {
                add(into.counts.points[id].tallies, category[t.category], t.month, t.count);
            }
        }
        into.counts.first = into.any ? std::min(into.counts.first, from.counts.first) : from.counts.first;
        into.counts.last = into.any ? std::max(into.counts.last, from.counts.last) : from.counts.last;
        into.any = true;
        into.counts.incidents += from.counts.incidents;
        into.counts.without_location += from.counts.without_location;
        from = Slot{};
    }
    PlaceCounts out = std::move(into.counts);
    into = Slot{};
    return out;
}

}  // namespace hotspot
