#pragma once
// Mapbox Vector Tile 2.1 encoding: layers of polygon features with attributes, keys and
// values deduplicated per layer, geometry as zigzag-encoded commands in tile units.

#include <cstdint>
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

/// One layer of a tile under construction.
class MvtLayer {
  public:
    explicit MvtLayer(std::string name, uint32_t extent = 4096);

    /// Adds a (multi)polygon feature. Rings with fewer than three distinct points or no
    /// area are left out; a feature left with no ring is not added. Returns whether it was.
    bool add_polygon(uint64_t id, const std::vector<TilePolygon>& polygons,
                     const std::vector<std::pair<std::string, MvtValue>>& attributes);
    /// Adds a point feature.
    void add_point(uint64_t id, TilePoint point,
                   const std::vector<std::pair<std::string, MvtValue>>& attributes);

    [[nodiscard]] bool empty() const { return m_features.empty(); }
    [[nodiscard]] size_t size() const { return m_features.size(); }
    [[nodiscard]] const std::string& name() const { return m_name; }

    /// The layer message (the body of field 3 of a tile).
    [[nodiscard]] std::string encode() const;

  private:
    struct Feature {
        uint64_t id;
        uint32_t type;  // 1 point, 3 polygon
        std::vector<uint32_t> tags;
        std::vector<uint32_t> geometry;
    };
    std::vector<uint32_t> tags_of(const std::vector<std::pair<std::string, MvtValue>>& attributes);

    std::string m_name;
    uint32_t m_extent;
    std::vector<Feature> m_features;
    std::vector<std::string> m_keys;
    std::vector<MvtValue> m_values;
    std::unordered_map<MvtValue, uint32_t> m_value_index;
};

/// A tile: its non-empty layers, concatenated. Empty when every layer is empty.
std::string encode_tile(const std::vector<MvtLayer>& layers);

/// Twice the signed area of a ring by the surveyor's formula, in tile units (positive:
/// clockwise on screen, y down).
int64_t ring_area2(const TileRing& ring);

}  // namespace hotspot::tiles
