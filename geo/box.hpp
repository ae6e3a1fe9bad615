#pragma once
// Axis-aligned bounding boxes in any planar coordinate system.

#include <algorithm>
#include <limits>

namespace hotspot {

struct Box {
    double min_x = std::numeric_limits<double>::infinity();
    double min_y = std::numeric_limits<double>::infinity();
    double max_x = -std::numeric_limits<double>::infinity();
    double max_y = -std::numeric_limits<double>::infinity();

    [[nodiscard]] bool empty() const { return min_x > max_x || min_y > max_y; }
    [[nodiscard]] double width() const { return max_x - min_x; }
    [[nodiscard]] double height() const { return max_y - min_y; }

    [[nodiscard]] bool contains(double x, double y) const {
        return x >= min_x && x <= max_x && y >= min_y && y <= max_y;
    }
    [[nodiscard]] bool intersects(const Box& o) const {
        return !(o.min_x > max_x || o.max_x < min_x || o.min_y > max_y || o.max_y < min_y);
    }

    void expand(double x, double y) {
        min_x = std::min(min_x, x);
        min_y = std::min(min_y, y);
        max_x = std::max(max_x, x);
        max_y = std::max(max_y, y);
    }
    void expand(const Box& o) {
        if (!o.empty()) {
            expand(o.min_x, o.min_y);
            expand(o.max_x, o.max_y);
        }
    }
    [[nodiscard]] Box buffered(double d) const {
        return Box{min_x - d, min_y - d, max_x + d, max_y + d};
    }
};

}  // namespace hotspot
