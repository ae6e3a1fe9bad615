#pragma once
// Web Mercator (EPSG:3857) and XYZ tile arithmetic: the grid every web map shares.
// Tiles are numbered from the north-west corner, y growing southwards.

#include <cstdint>
#include <optional>

#include "geo/box.hpp"

namespace hotspot::tiles {

/// Half the width of the Web Mercator square, in metres (pi times the WGS 84 radius).
inline constexpr double kMercatorHalfWidth = 20037508.342789244;
/// Latitudes beyond this cannot be shown: the projection goes to infinity at the poles.
inline constexpr double kMaxLatitude = 85.0511287798066;
inline constexpr int kMaxZoom = 24;

struct TileId {
    int z = 0;
    uint32_t x = 0;
    uint32_t y = 0;
    friend bool operator==(const TileId&, const TileId&) = default;
};

/// Checks z, x and y (0 <= x, y < 2^z, z <= kMaxZoom); nothing when out of range.
std::optional<TileId> make_tile(int z, int64_t x, int64_t y);

/// Longitude/latitude (degrees) to Web Mercator metres; latitude is clamped to the
/// projection's limit.
void lonlat_to_mercator(double lon, double lat, double& mx, double& my);
void mercator_to_lonlat(double mx, double my, double& lon, double& lat);

/// The tile's square in Web Mercator metres.
Box tile_bounds(const TileId& tile);

/// The tile containing a longitude/latitude at zoom z.
TileId tile_at(double lon, double lat, int z);

/// Ground size of one pixel of a 256-pixel tile at zoom z, at the equator (metres).
double metres_per_pixel(int z);

}  // namespace hotspot::tiles
