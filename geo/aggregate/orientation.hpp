#pragma once
// An exact orientation predicate for point-in-polygon tests.

namespace hotspot {

/// Which side of the directed line a -> b the point c lies on: +1 to the left, -1 to the
/// right, 0 on the line. The answer is exact for all finite doubles: a floating-point
/// estimate is used when its error bound proves the sign (almost always), and otherwise
/// the determinant is summed exactly as an expansion of doubles (the adaptive approach of
/// Shewchuk, "Adaptive Precision Floating-Point Arithmetic and Fast Robust Geometric
/// Predicates", 1997).
int orientation(double ax, double ay, double bx, double by, double cx, double cy);

}  // namespace hotspot
