#pragma once
// Mapbox Vector Tile 2.1 encoding: layers of polygon features with attributes, keys and
// values deduplicated per layer, geometry as zigzag-encoded commands in tile units.

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <string>
#include <variant>
#include <vector>

namespace hotspot::tiles {

/// A point in tile units (0..extent, y down; may stray into the buffer past the edges).
struct TilePoint {
    int32_t x;
    int32_t y;
    friend bool operator==(const TilePoint&, const TilePoint&) = default;
};

/// A ring without its closing point.
using TileRing = std::vector<TilePoint>;

/// A polygon: its exterior ring, then its holes. Orientation is fixed by the encoder
/// (exterior clockwise on screen, holes anticlockwise), as MVT 2.1 section 4.3.4.4 asks.
struct TilePolygon {
    std::vector<TileRing> rings;
};

using MvtValue = std::variant<std::string, double, int64_t, bool>;

/// The attributes of many features (rows) under one set of keys, each distinct value
/// encoded once. Every tile cut from the same rows shares it, so a tile only looks up
/// numbers: no hashing, no copying of values.
class MvtAttributes {
  public:
    /// `rows[r][k]` is row r's value for `keys[k]`, or nothing to leave the key out.
    MvtAttributes(std::vector<std::string> keys, const std::vector<std::vector<std::optional<MvtValue>>>& rows);

    [[nodiscard]] const std::vector<std::string>& keys() const { return m_keys; }
    [[nodiscard]] size_t rows() const { return m_row_start.size() - 1; }
    [[nodiscard]] size_t values() const { return m_values.size(); }
    /// A distinct value as the body of a layer's Value message.
    [[nodiscard]] const std::string& encoded(uint32_t value) const { return m_values[value]; }
    /// Row r's tags: key index, then value index, for each key it has.
    [[nodiscard]] std::pair<const uint32_t*, const uint32_t*> tags(size_t row) const {
        return {m_tags.data() + m_row_start[row], m_tags.data() + m_row_start[row + 1]};
    }

  private:
    std::vector<std::string> m_keys;
    std::vector<std::string> m_values;
    std::vector<uint32_t> m_tags;
    std::vector<size_t> m_row_start;
};

/// One layer of a tile under construction.
class MvtLayer {
  public:
    explicit MvtLayer(std::string name, uint32_t extent = 4096);
    /// A layer whose features take their attributes from rows of `table` (which must
    /// outlive it); its values are written as the table encoded them.
    MvtLayer(std::string name, uint32_t extent, const MvtAttributes& table);

    /// Adds a (multi)polygon feature. Rings with fewer than three distinct points or no
    /// area are left out; a feature left with no ring is not added. Returns whether it was.
    bool add_polygon(uint64_t id, const std::vector<TilePolygon>& polygons,
                     const std::vector<std::pair<std::string, MvtValue>>& attributes);
    /// The same with the attributes of the table's row (a layer made with a table only).
    bool add_table_polygon(uint64_t id, const std::vector<TilePolygon>& polygons, size_t row);
    /// Adds a point feature.
    void add_point(uint64_t id, TilePoint point,
                   const std::vector<std::pair<std::string, MvtValue>>& attributes);

    [[nodiscard]] bool empty() const { return m_features.empty(); }
    [[nodiscard]] size_t size() const { return m_features.size(); }
    [[nodiscard]] const std::string& name() const { return m_name; }

    /// The layer message (the body of field 3 of a tile).
    [[nodiscard]] std::string encode() const;
    /// Appends the layer to a tile under construction, when it has features.
    void append_to(std::string& tile) const;

  private:
    // Features keep their tags and geometry in the layer's flat arrays.
    struct Feature {
        uint64_t id;
        uint32_t type;  // 1 point, 3 polygon
        size_t tags_end;
        size_t geometry_end;
    };
    bool add_polygon_geometry(const std::vector<TilePolygon>& polygons);
    void add_tags(const std::vector<std::pair<std::string, MvtValue>>& attributes);
    void write(std::string& out) const;

    std::string m_name;
    uint32_t m_extent;
    std::vector<Feature> m_features;
    std::vector<uint32_t> m_tags;
    std::vector<uint32_t> m_geometry;
    std::vector<std::string> m_keys;
    // Values as encoded Value message bodies: the layer's own, or picked from the table
    // (m_table_values holds the table's index of each, m_local the reverse).
    std::vector<std::string> m_values;
    std::unordered_map<MvtValue, uint32_t> m_value_index;
    const MvtAttributes* m_table = nullptr;
    std::vector<uint32_t> m_table_values;
    std::vector<uint32_t> m_local;
    TileRing m_scratch;
};

/// A tile: its non-empty layers, concatenated. Empty when every layer is empty.
std::string encode_tile(const std::vector<MvtLayer>& layers);

/// Twice the signed area of a ring by the surveyor's formula, in tile units (positive:
/// clockwise on screen, y down).
int64_t ring_area2(const TileRing& ring);

}  // namespace hotspot::tiles
