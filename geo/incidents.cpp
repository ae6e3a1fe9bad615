#include "geo/incidents.hpp"

#include "geo/error.hpp"

namespace hotspot {

uint16_t IncidentTable::category_id(std::string_view name) {
    const uint32_t id = categories.intern(name);
    if (id > std::numeric_limits<uint16_t>::max()) {
        throw InputError("more than 65,535 distinct categories: map them to fewer with a "
                         "column mapping (\"categories\")");
    }
    return static_cast<uint16_t>(id);
}

void IncidentTable::reserve(size_t n) {
    x.reserve(n);
    y.reserve(n);
    month.reserve(n);
    category.reserve(n);
    reported_area.reserve(n);
}

namespace {

template <typename T>
void move_append(std::vector<T>& to, std::vector<T>& from) {
    if (to.empty()) {
        to = std::move(from);
    } else {
        to.insert(to.end(), std::make_move_iterator(from.begin()),
                  std::make_move_iterator(from.end()));
    }
    from.clear();
}

}  // namespace

void IncidentTable::append(IncidentTable&& other) {
    const size_t old_size = size();
    const size_t n = other.size();

    std::vector<uint16_t> category_map(other.categories.size());
    for (uint32_t i = 0; i < other.categories.size(); ++i) {
        category_map[i] = category_id(other.categories.at(i));
    }
    std::vector<uint32_t> area_map(other.reported_areas.size());
    for (uint32_t i = 0; i < other.reported_areas.size(); ++i) {
        area_map[i] = reported_areas.intern(other.reported_areas.at(i));
    }
    std::vector<uint32_t> source_map(other.sources.size());
    for (size_t i = 0; i < other.sources.size(); ++i) {
        source_map[i] = static_cast<uint32_t>(sources.size());
        sources.push_back(other.sources[i]);
    }

    for (auto& c : other.category) {
        c = category_map[c];
    }
    for (auto& a : other.reported_area) {
        if (a != kNoId) {
            a = area_map[a];
        }
    }

    move_append(x, other.x);
    move_append(y, other.y);
    move_append(month, other.month);
    move_append(category, other.category);
    move_append(reported_area, other.reported_area);

    if (other.has_time() || has_time()) {
        if (minutes.empty()) {
            minutes.assign(old_size, kNoTime);
        }
        if (other.minutes.empty()) {
            minutes.resize(old_size + n, kNoTime);
        } else {
            move_append(minutes, other.minutes);
        }
    }

    if (other.details) {
        if (!details) {
            // Rows already here came without details: give them empty ones.
            details.emplace();
            details->source.assign(old_size, 0);
            details->line.assign(old_size, 0);
            for (const auto text : IncidentDetails::kTexts) {
                (*details.*text).resize(old_size);
            }
        }
        for (auto& s : other.details->source) {
            s = source_map[s];
        }
        move_append(details->source, other.details->source);
        move_append(details->line, other.details->line);
        for (const auto text : IncidentDetails::kTexts) {
            move_append(*details.*text, *other.details.*text);
        }
    }
    other.clear_rows();
}

void IncidentTable::clear_rows() {
    x.clear();
    y.clear();
    month.clear();
    minutes.clear();
    category.clear();
    reported_area.clear();
    if (details) {
        details->source.clear();
        details->line.clear();
        for (const auto text : IncidentDetails::kTexts) {
            (*details.*text).clear();
        }
    }
}

}  // namespace hotspot
