#include "tiles/mvt.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include <protozero/pbf_builder.hpp>
#include <protozero/pbf_writer.hpp>

namespace hotspot::tiles {
namespace {

// Field numbers of vector_tile.proto (MVT 2.1).
enum class TileField : protozero::pbf_tag_type { layers = 3 };
enum class LayerField : protozero::pbf_tag_type {
    name = 1, features = 2, keys = 3, values = 4, extent = 5, version = 15
};
enum class FeatureField : protozero::pbf_tag_type { id = 1, tags = 2, type = 3, geometry = 4 };
enum class ValueField : protozero::pbf_tag_type {
    string_value = 1, double_value = 3, int_value = 4, bool_value = 7
};

constexpr uint32_t kMoveTo = 1;
constexpr uint32_t kLineTo = 2;
constexpr uint32_t kClosePath = 7;

uint32_t command(uint32_t id, uint32_t count) { return (id & 0x7U) | (count << 3U); }
uint32_t zigzag(int32_t n) {
    return (static_cast<uint32_t>(n) << 1U) ^ static_cast<uint32_t>(n >> 31);
}

/// Whether the ring has no point repeated next to itself (the first follows the last).
bool is_clean(const TileRing& ring) {
    for (size_t i = 0; i < ring.size(); ++i) {
        if (ring[i] == ring[(i + 1) % ring.size()]) {
            return false;
        }
    }
    return true;
}

/// The ring without repeated points (rounding to tile units makes many).
TileRing cleaned(const TileRing& ring) {
    TileRing out;
    out.reserve(ring.size());
    for (const TilePoint& p : ring) {
        if (out.empty() || !(out.back() == p)) {
            out.push_back(p);
        }
    }
    while (out.size() > 1 && out.front() == out.back()) {
        out.pop_back();
    }
    return out;
}

/// A value as the body of a layer's Value message.
std::string encoded_value(const MvtValue& v) {
    std::string out;
    protozero::pbf_builder<ValueField> value(out);
    if (const auto* s = std::get_if<std::string>(&v)) {
        value.add_string(ValueField::string_value, *s);
    } else if (const auto* d = std::get_if<double>(&v)) {
        value.add_double(ValueField::double_value, *d);
    } else if (const auto* i = std::get_if<int64_t>(&v)) {
        value.add_int64(ValueField::int_value, *i);
    } else {
        value.add_bool(ValueField::bool_value, std::get<bool>(v));
    }
    return out;
}

}  // namespace

int64_t ring_area2(const TileRing& ring) {
    int64_t sum = 0;
    for (size_t i = 0; i < ring.size(); ++i) {
        const TilePoint& a = ring[i];
        const TilePoint& b = ring[(i + 1) % ring.size()];
        sum += static_cast<int64_t>(a.x) * b.y - static_cast<int64_t>(b.x) * a.y;
    }
    return sum;
}

MvtAttributes::MvtAttributes(std::vector<std::string> keys,
                             const std::vector<std::vector<std::optional<MvtValue>>>& rows)
    : m_keys(std::move(keys)) {
    std::unordered_map<MvtValue, uint32_t> index;
    m_row_start.reserve(rows.size() + 1);
    m_row_start.push_back(0);
    for (const auto& row : rows) {
        for (size_t k = 0; k < row.size() && k < m_keys.size(); ++k) {
            if (!row[k]) {
                continue;
            }
            const auto [v, added] = index.try_emplace(*row[k], static_cast<uint32_t>(m_values.size()));
            if (added) {
                m_values.push_back(encoded_value(*row[k]));
            }
            m_tags.push_back(static_cast<uint32_t>(k));
            m_tags.push_back(v->second);
        }
        m_row_start.push_back(m_tags.size());
    }
}

MvtLayer::MvtLayer(std::string name, uint32_t extent) : m_name(std::move(name)), m_extent(extent) {}

MvtLayer::MvtLayer(std::string name, uint32_t extent, const MvtAttributes& table)
    : m_name(std::move(name)), m_extent(extent), m_keys(table.keys()), m_table(&table),
      m_local(table.values(), std::numeric_limits<uint32_t>::max()) {}

void MvtLayer::add_tags(const std::vector<std::pair<std::string, MvtValue>>& attributes) {
    for (const auto& [key, value] : attributes) {
        // A layer has a handful of keys: a scan beats any index.
        const auto k = std::find(m_keys.begin(), m_keys.end(), key);
        const auto key_id = static_cast<uint32_t>(k - m_keys.begin());
        if (k == m_keys.end()) {
            m_keys.push_back(key);
        }
        const auto [v, added] = m_value_index.try_emplace(value, static_cast<uint32_t>(m_values.size()));
        if (added) {
            m_values.push_back(encoded_value(value));
        }
        m_tags.push_back(key_id);
        m_tags.push_back(v->second);
    }
}

bool MvtLayer::add_polygon_geometry(const std::vector<TilePolygon>& polygons) {
    const size_t start = m_geometry.size();
    size_t words = 0;  // two per point and four per ring
    for (const TilePolygon& polygon : polygons) {
        for (const TileRing& ring : polygon.rings) {
            words += 2 * ring.size() + 4;
        }
    }
    m_geometry.reserve(start + words);
    int32_t cx = 0;
    int32_t cy = 0;
    for (const TilePolygon& polygon : polygons) {
        bool exterior = true;
        for (const TileRing& raw : polygon.rings) {
            const bool clean = is_clean(raw);
            if (!clean) {
                m_scratch = cleaned(raw);
            }
            const TileRing& ring = clean ? raw : m_scratch;
            const int64_t area2 = ring.size() >= 3 ? ring_area2(ring) : 0;
            if (area2 == 0) {
                if (exterior) {
                    break;  // without its exterior, a polygon's holes mean nothing
                }
                continue;
            }
            // Written backwards when its turn is the wrong one for its role.
            const bool reverse = (area2 > 0) != exterior;
            const size_t n = ring.size();
            auto at = [&](size_t i) -> const TilePoint& { return ring[reverse ? n - 1 - i : i]; };
            exterior = false;
            m_geometry.push_back(command(kMoveTo, 1));
            m_geometry.push_back(zigzag(at(0).x - cx));
            m_geometry.push_back(zigzag(at(0).y - cy));
            m_geometry.push_back(command(kLineTo, static_cast<uint32_t>(n - 1)));
            for (size_t i = 1; i < n; ++i) {
                m_geometry.push_back(zigzag(at(i).x - at(i - 1).x));
                m_geometry.push_back(zigzag(at(i).y - at(i - 1).y));
            }
            m_geometry.push_back(command(kClosePath, 1));
            cx = at(n - 1).x;
            cy = at(n - 1).y;
        }
    }
    return m_geometry.size() > start;
}

bool MvtLayer::add_polygon(uint64_t id, const std::vector<TilePolygon>& polygons,
                           const std::vector<std::pair<std::string, MvtValue>>& attributes) {
    if (m_table != nullptr) {
        throw std::logic_error("MvtLayer: a layer made with a table takes rows, not attributes");
    }
    if (!add_polygon_geometry(polygons)) {
        return false;
    }
    add_tags(attributes);
    m_features.push_back({id, 3, m_tags.size(), m_geometry.size()});
    return true;
}

bool MvtLayer::add_table_polygon(uint64_t id, const std::vector<TilePolygon>& polygons, size_t row) {
    if (m_table == nullptr || row >= m_table->rows()) {
        throw std::logic_error("MvtLayer: no table row " + std::to_string(row));
    }
    if (!add_polygon_geometry(polygons)) {
        return false;
    }
    const auto [begin, end] = m_table->tags(row);
    for (const uint32_t* t = begin; t != end; t += 2) {
        uint32_t& local = m_local[t[1]];
        if (local == std::numeric_limits<uint32_t>::max()) {
            local = static_cast<uint32_t>(m_table_values.size());
            m_table_values.push_back(t[1]);
        }
        m_tags.push_back(t[0]);
        m_tags.push_back(local);
    }
    m_features.push_back({id, 3, m_tags.size(), m_geometry.size()});
    return true;
}

void MvtLayer::add_point(uint64_t id, TilePoint point,
                         const std::vector<std::pair<std::string, MvtValue>>& attributes) {
    if (m_table != nullptr) {
        throw std::logic_error("MvtLayer: a layer made with a table takes rows, not attributes");
    }
    m_geometry.insert(m_geometry.end(), {command(kMoveTo, 1), zigzag(point.x), zigzag(point.y)});
    add_tags(attributes);
    m_features.push_back({id, 1, m_tags.size(), m_geometry.size()});
}

std::string MvtLayer::encode() const {
    std::string out;
    out.reserve(4 * (m_geometry.size() + m_tags.size()) + 64);
    protozero::pbf_builder<LayerField> layer(out);
    layer.add_uint32(LayerField::version, 2);
    layer.add_string(LayerField::name, m_name);
    size_t tags = 0;
    size_t geometry = 0;
    for (const Feature& f : m_features) {
        protozero::pbf_builder<FeatureField> feature(layer, LayerField::features);
        feature.add_uint64(FeatureField::id, f.id);
        if (f.tags_end > tags) {
            feature.add_packed_uint32(FeatureField::tags, m_tags.begin() + static_cast<std::ptrdiff_t>(tags),
                                      m_tags.begin() + static_cast<std::ptrdiff_t>(f.tags_end));
        }
        feature.add_enum(FeatureField::type, static_cast<int32_t>(f.type));
        feature.add_packed_uint32(FeatureField::geometry,
                                  m_geometry.begin() + static_cast<std::ptrdiff_t>(geometry),
                                  m_geometry.begin() + static_cast<std::ptrdiff_t>(f.geometry_end));
        tags = f.tags_end;
        geometry = f.geometry_end;
    }
    for (const std::string& k : m_keys) {
        layer.add_string(LayerField::keys, k);
    }
    if (m_table != nullptr) {
        for (const uint32_t v : m_table_values) {
            layer.add_message(LayerField::values, m_table->encoded(v));
        }
    } else {
        for (const std::string& v : m_values) {
            layer.add_message(LayerField::values, v);
        }
    }
    layer.add_uint32(LayerField::extent, m_extent);
    return out;
}

void MvtLayer::append_to(std::string& tile) const {
    if (!empty()) {
        protozero::pbf_builder<TileField> builder(tile);
        builder.add_message(TileField::layers, encode());
    }
}

std::string encode_tile(const std::vector<MvtLayer>& layers) {
    std::string out;
    for (const MvtLayer& l : layers) {
        l.append_to(out);
    }
    return out;
}

}  // namespace hotspot::tiles
