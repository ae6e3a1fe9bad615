// The vector tile encoder's input: rings of any points (out of the tile, degenerate,
// self-crossing, repeated), clipped to a tile with its buffer and encoded with
// attributes, as area tiles are cut.

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "tiles/clip.hpp"
#include "tiles/mvt.hpp"

using namespace hotspot::tiles;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // Each ring: a count byte, then that many points of two 32-bit coordinates.
    std::vector<TilePolygon> polygons(1);
    size_t i = 0;
    while (i < size && polygons.size() < 8) {
        const size_t n = data[i++];
        if (n == 0) {
            polygons.emplace_back();  // a zero count starts the next polygon
            continue;
        }
        std::vector<WidePoint> ring;
        for (size_t k = 0; k < n && i + 8 <= size; ++k, i += 8) {
            int32_t x = 0;
            int32_t y = 0;
            std::memcpy(&x, data + i, 4);
            std::memcpy(&y, data + i + 4, 4);
            ring.push_back({x, y});
        }
        const TileRing clipped = clip_ring(ring, ClipRect{-64, -64, 4096 + 64, 4096 + 64});
        polygons.back().rings.push_back(clipped);
    }
    MvtLayer layer("fuzz");
    layer.add_polygon(1, polygons, {{"area_code", std::string("E01000001")}, {"count", int64_t{3}}, {"gi_z", 1.5}});
    std::string tile;
    layer.append_to(tile);
    return 0;
}
