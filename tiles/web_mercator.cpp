#include "tiles/web_mercator.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace hotspot::tiles {
namespace {
constexpr double kRadius = 6378137.0;  // WGS 84 semi-major axis: Web Mercator's sphere
constexpr double kDegree = std::numbers::pi / 180.0;
}  // namespace

std::optional<TileId> make_tile(int z, int64_t x, int64_t y) {
    if (z < 0 || z > kMaxZoom) {
        return std::nullopt;
    }
    const int64_t n = int64_t{1} << z;
    if (x < 0 || y < 0 || x >= n || y >= n) {
        return std::nullopt;
    }
    return TileId{z, static_cast<uint32_t>(x), static_cast<uint32_t>(y)};
}

void lonlat_to_mercator(double lon, double lat, double& mx, double& my) {
    lat = std::clamp(lat, -kMaxLatitude, kMaxLatitude);
    mx = kRadius * lon * kDegree;
    my = kRadius * std::log(std::tan(std::numbers::pi / 4.0 + lat * kDegree / 2.0));
}

void mercator_to_lonlat(double mx, double my, double& lon, double& lat) {
    lon = mx / kRadius / kDegree;
    lat = (2.0 * std::atan(std::exp(my / kRadius)) - std::numbers::pi / 2.0) / kDegree;
}

Box tile_bounds(const TileId& tile) {
    const double size = 2.0 * kMercatorHalfWidth / static_cast<double>(int64_t{1} << tile.z);
    const double min_x = -kMercatorHalfWidth + tile.x * size;
    const double max_y = kMercatorHalfWidth - tile.y * size;
    return Box{min_x, max_y - size, min_x + size, max_y};
}

TileId tile_at(double lon, double lat, int z) {
    double mx = 0;
    double my = 0;
    lonlat_to_mercator(lon, lat, mx, my);
    const double n = static_cast<double>(int64_t{1} << z);
    const double fx = (mx + kMercatorHalfWidth) / (2.0 * kMercatorHalfWidth) * n;
    const double fy = (kMercatorHalfWidth - my) / (2.0 * kMercatorHalfWidth) * n;
    const auto clamp = [n](double f) {
        return static_cast<uint32_t>(std::clamp(std::floor(f), 0.0, n - 1.0));
    };
    return TileId{z, clamp(fx), clamp(fy)};
}

double metres_per_pixel(int z) {
    return 2.0 * kMercatorHalfWidth / 256.0 / static_cast<double>(int64_t{1} << z);
}

}  // namespace hotspot::tiles
