#include "tiles/clip.hpp"

#include <algorithm>
#include <cmath>

namespace hotspot::tiles {

namespace {

/// One edge of the clip rectangle: which coordinate it bounds, where, and on which side
/// the kept half-plane lies.
struct Edge {
    bool vertical;  // bounds x (true) or y
    int64_t at;
    bool keep_above;  // keep points with coordinate >= at (else <= at)

    [[nodiscard]] bool inside(const WidePoint& p) const {
        const int64_t v = vertical ? p.x : p.y;
        return keep_above ? v >= at : v <= at;
    }

    /// Where the segment a-b (one end on each side) crosses the edge, rounded.
    [[nodiscard]] WidePoint crossing(const WidePoint& a, const WidePoint& b) const {
        if (vertical) {
            const double t = static_cast<double>(at - a.x) / static_cast<double>(b.x - a.x);
            return {at, a.y + std::llround(t * static_cast<double>(b.y - a.y))};
        }
        const double t = static_cast<double>(at - a.y) / static_cast<double>(b.y - a.y);
        return {a.x + std::llround(t * static_cast<double>(b.x - a.x)), at};
    }
};

void clip_to_edge(const std::vector<WidePoint>& in, const Edge& edge, std::vector<WidePoint>& out) {
    out.clear();
    if (in.empty()) {
        return;
    }
    const WidePoint* prev = &in.back();
    bool prev_in = edge.inside(*prev);
    for (const WidePoint& cur : in) {
        const bool cur_in = edge.inside(cur);
        if (cur_in != prev_in) {
            out.push_back(edge.crossing(*prev, cur));
        }
        if (cur_in) {
            out.push_back(cur);
        }
        prev = &cur;
        prev_in = cur_in;
    }
}

}  // namespace

TileRing clip_ring(const std::vector<WidePoint>& ring, const ClipRect& rect) {
    TileRing out;
    if (ring.size() < 3) {
        return out;
    }
    WidePoint lo = ring.front();
    WidePoint hi = ring.front();
    for (const WidePoint& p : ring) {
        lo = {std::min(lo.x, p.x), std::min(lo.y, p.y)};
        hi = {std::max(hi.x, p.x), std::max(hi.y, p.y)};
    }
    if (hi.x < rect.min_x || lo.x > rect.max_x || hi.y < rect.min_y || lo.y > rect.max_y) {
        return out;
    }
    auto narrow = [&](const std::vector<WidePoint>& pts) {
        out.reserve(pts.size());
        for (const WidePoint& p : pts) {
            const TilePoint t{static_cast<int32_t>(p.x), static_cast<int32_t>(p.y)};
            if (out.empty() || !(out.back() == t)) {
                out.push_back(t);
            }
        }
        while (out.size() > 1 && out.front() == out.back()) {
            out.pop_back();
        }
        if (out.size() < 3) {
            out.clear();
        }
    };
    if (lo.x >= rect.min_x && hi.x <= rect.max_x && lo.y >= rect.min_y && hi.y <= rect.max_y) {
        narrow(ring);  // wholly inside
        return out;
    }
    // Scratch rings, kept per thread: tiles cut many rings each.
    thread_local std::vector<WidePoint> a;
    thread_local std::vector<WidePoint> b;
    a.assign(ring.begin(), ring.end());
    const Edge edges[] = {{true, rect.min_x, true},
                          {true, rect.max_x, false},
                          {false, rect.min_y, true},
                          {false, rect.max_y, false}};
    for (const Edge& edge : edges) {
        clip_to_edge(a, edge, b);
        std::swap(a, b);
        if (a.empty()) {
            return out;
        }
    }
    narrow(a);
    return out;
}

}  // namespace hotspot::tiles
