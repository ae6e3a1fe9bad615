#pragma once
// Area polygons cut into vector tiles: reprojected to Web Mercator once, simplified and
// snapped to whole tile units once per zoom, then clipped to each tile plus a buffer. The geometry is fixed; the attributes are joined per
// request by the caller.

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "geo/areas.hpp"
#include "geo/box.hpp"
#include "tiles/mvt.hpp"
#include "tiles/web_mercator.hpp"

namespace hotspot::tiles {

/// One area's part of one tile.
struct AreaPiece {
    uint32_t area;  ///< index in the AreaSet
    std::vector<TilePolygon> polygons;
};

class AreaTiles {
  public:
    static constexpr uint32_t kExtent = 4096;
    static constexpr uint32_t kBuffer = 64;  ///< tile units drawn past each edge
    static constexpr int kDetailZoom = 14;   ///< above this, the zoom-14 geometry is reused

    /// Reprojects every area of `areas` (any CRS) to Web Mercator. Throws Error when the
    /// CRS cannot be transformed.
    explicit AreaTiles(const AreaSet& areas);
    ~AreaTiles();
    AreaTiles(const AreaTiles&) = delete;
    AreaTiles& operator=(const AreaTiles&) = delete;

    /// The pieces of every area the tile (with its buffer) touches, in area order.
    /// Safe to call from several threads.
    [[nodiscard]] std::vector<AreaPiece> pieces(const TileId& tile) const;

    /// Prepares the geometry of zooms `from` to `to` now, rather than on the first tile of
    /// each: a server does it before it swaps new data in, so no request waits for it.
    void prepare(int from, int to) const;

    /// Longitude/latitude bounds of all areas: west, south, east, north.
    [[nodiscard]] std::array<double, 4> bounds() const { return m_bounds; }
    /// Longitude/latitude bounds of area i: west, south, east, north.
    [[nodiscard]] std::array<double, 4> bounds(size_t i) const;
    [[nodiscard]] size_t size() const { return m_boxes.size(); }

  private:
    struct Level;
    const Level& level(int z) const;

    std::vector<Box> m_boxes;  // Web Mercator, per area
    std::array<double, 4> m_bounds{};
    struct Geometries;
    std::unique_ptr<Geometries> m_full;  // Web Mercator, unsimplified
    mutable std::array<std::once_flag, kDetailZoom + 1> m_once;
    mutable std::array<std::unique_ptr<Level>, kDetailZoom + 1> m_levels;
    // GEOS (3.11) counts references to a geometry's factory without atomics, and
    // simplifying creates and frees geometries on the full geometry's factory: levels are
    // prepared in turn. Tiles are then cut from plain integer rings, in parallel.
    mutable std::mutex m_prepare_mutex;
};

}  // namespace hotspot::tiles
