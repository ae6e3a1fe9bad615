#pragma once
// Polygon rings clipped to an axis-aligned rectangle in integer tile units, one edge of
// the rectangle at a time (Sutherland and Hodgman, 1974). A concave ring cut in two comes
// back as one ring joined by a zero-width seam along the rectangle's edge; tiles clip to
// the tile plus a buffer, so such seams lie outside the drawn area.

#include <cstdint>
#include <vector>

#include "tiles/mvt.hpp"

namespace hotspot::tiles {

/// A point before clipping: wide enough for a level's whole world grid magnified to any
/// deeper zoom.
struct WidePoint {
    int64_t x;
    int64_t y;
};

/// The clip rectangle, edges included.
struct ClipRect {
    int64_t min_x;
    int64_t min_y;
    int64_t max_x;
    int64_t max_y;
};

/// `ring` (no closing point) clipped to `rect`. Crossing points are rounded to whole
/// units. Empty when nothing of the ring lies inside; a ring around the whole rectangle
/// comes back as the rectangle.
TileRing clip_ring(const std::vector<WidePoint>& ring, const ClipRect& rect);

}  // namespace hotspot::tiles
