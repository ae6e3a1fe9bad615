#include "geo/aggregate/area_index.hpp"

#include <algorithm>
#include <cmath>

#include "geo/aggregate/orientation.hpp"

namespace hotspot {
namespace {

/// Distance from (px, py) to the segment (x1, y1)-(x2, y2).
double segment_distance(double px, double py, double x1, double y1, double x2, double y2) {
    const double dx = x2 - x1;
    const double dy = y2 - y1;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((px - x1) * dx + (py - y1) * dy) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    return std::hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}

}  // namespace

AreaIndex::AreaIndex(const AreaSet& areas, size_t cells) : m_extent(areas.extent()) {
    m_areas.resize(areas.size());
    size_t total_edges = 0;
    for (size_t a = 0; a < areas.size(); ++a) {
        build_polygon(m_areas[a], areas.rings(a));
        total_edges += m_areas[a].edges.size();
    }
    if (cells == 0) {
        cells = std::clamp<size_t>(4 * total_edges, 1024, size_t{16} << 20);
    }
    build_grid(cells);
}

void AreaIndex::build_polygon(Polygon& p, const std::vector<Ring>& rings) {
    for (const Ring& r : rings) {
        for (size_t i = 0; i + 1 < r.points(); ++i) {
            const Edge e{r.xy[2 * i], r.xy[2 * i + 1], r.xy[2 * i + 2], r.xy[2 * i + 3]};
            if (e.x1 == e.x2 && e.y1 == e.y2) {
                continue;
            }
            p.edges.push_back(e);
            p.box.expand(e.x1, e.y1);
            p.box.expand(e.x2, e.y2);
        }
    }
    if (p.edges.empty()) {
        p.band_start.assign(2, 0);
        return;
    }
    // About two edges per band: few edges to test, little duplication.
    p.bands = static_cast<uint32_t>(std::clamp<size_t>(p.edges.size() / 2, 1, 1 << 20));
    p.band_height = p.box.height() > 0 ? p.box.height() / p.bands : 1.0;
    auto band_of = [&](double y) {
        const double b = (y - p.box.min_y) / p.band_height;
        return static_cast<uint32_t>(std::clamp(b, 0.0, static_cast<double>(p.bands - 1)));
    };
    std::vector<uint32_t> counts(p.bands + 1, 0);
    for (const Edge& e : p.edges) {
        for (uint32_t b = band_of(std::min(e.y1, e.y2)); b <= band_of(std::max(e.y1, e.y2)); ++b) {
            ++counts[b + 1];
        }
    }
    for (uint32_t b = 0; b < p.bands; ++b) {
        counts[b + 1] += counts[b];
    }
    p.band_start = counts;
    p.band_edges.resize(counts[p.bands]);
    for (const Edge& e : p.edges) {
        for (uint32_t b = band_of(std::min(e.y1, e.y2)); b <= band_of(std::max(e.y1, e.y2)); ++b) {
            p.band_edges[counts[b]++] = e;
        }
    }
}

bool AreaIndex::contains(uint32_t a, double x, double y) const {
    const Polygon& p = m_areas[a];
    if (!p.box.contains(x, y)) {
        return false;
    }
    const double bf = (y - p.box.min_y) / p.band_height;
    const auto b = static_cast<uint32_t>(std::clamp(bf, 0.0, static_cast<double>(p.bands - 1)));
    bool inside = false;
    const Edge* e = p.band_edges.data() + p.band_start[b];
    const Edge* end = p.band_edges.data() + p.band_start[b + 1];
    for (; e != end; ++e) {
        // Half-open in y: the edge counts when exactly one end lies at or below y.
        if ((e->y1 <= y) == (e->y2 <= y)) {
            continue;
        }
        const double min_x = std::min(e->x1, e->x2);
        if (x < min_x) {
            inside = !inside;  // the edge is wholly to the right of the point
            continue;
        }
        if (x > std::max(e->x1, e->x2)) {
            continue;
        }
        // Crossing when the point lies strictly left of the edge directed upwards.
        const bool up = e->y2 > e->y1;
        const int side = up ? orientation(e->x1, e->y1, e->x2, e->y2, x, y)
                            : orientation(e->x2, e->y2, e->x1, e->y1, x, y);
        if (side > 0) {
            inside = !inside;
        }
    }
    return inside;
}

size_t AreaIndex::cell_of(double x, double y) const {
    const double fc = (x - m_extent.min_x) * m_inv_cell;
    const double fr = (y - m_extent.min_y) * m_inv_cell;
    const auto c = static_cast<uint32_t>(std::clamp(fc, 0.0, static_cast<double>(m_cols - 1)));
    const auto r = static_cast<uint32_t>(std::clamp(fr, 0.0, static_cast<double>(m_rows - 1)));
    return static_cast<size_t>(r) * m_cols + c;
}

void AreaIndex::build_grid(size_t target_cells) {
    const double w = std::max(m_extent.width(), 1e-9);
    const double h = std::max(m_extent.height(), 1e-9);
    m_cell = std::sqrt(w * h / static_cast<double>(target_cells));
    m_cols = static_cast<uint32_t>(std::max(1.0, std::ceil(w / m_cell)));
    m_rows = static_cast<uint32_t>(std::max(1.0, std::ceil(h / m_cell)));
    m_inv_cell = 1.0 / m_cell;
    const size_t cells = cell_count();

    // (cell, area, full) triples, then one sorted list of candidates per cell.
    struct Entry {
        uint32_t cell;
        uint32_t area;
        bool full;
    };
    std::vector<Entry> entries;
    std::vector<uint8_t> boundary;
    for (uint32_t a = 0; a < m_areas.size(); ++a) {
        const Polygon& p = m_areas[a];
        if (p.edges.empty()) {
            continue;
        }
        const auto c0 = static_cast<uint32_t>(cell_of(p.box.min_x, p.box.min_y) % m_cols);
        const auto r0 = static_cast<uint32_t>(cell_of(p.box.min_x, p.box.min_y) / m_cols);
        const auto c1 = static_cast<uint32_t>(cell_of(p.box.max_x, p.box.max_y) % m_cols);
        const auto r1 = static_cast<uint32_t>(cell_of(p.box.max_x, p.box.max_y) / m_cols);
        const uint32_t bw = c1 - c0 + 1;
        boundary.assign(static_cast<size_t>(bw) * (r1 - r0 + 1), 0);

        // Mark every cell an edge touches: per row of cells, the edge's x-range within
        // the row, widened by a hair so that rounding cannot miss a cell.
        const double pad = m_cell * 1e-6;
        for (const Edge& e : p.edges) {
            const double ey0 = std::min(e.y1, e.y2);
            const double ey1 = std::max(e.y1, e.y2);
            const auto er0 = static_cast<uint32_t>(cell_of(e.x1, ey0 - pad) / m_cols);
            const auto er1 = static_cast<uint32_t>(cell_of(e.x1, ey1 + pad) / m_cols);
            for (uint32_t r = std::max(er0, r0); r <= std::min(er1, r1); ++r) {
                const double ry0 = std::max(ey0, m_extent.min_y + r * m_cell);
                const double ry1 = std::min(ey1, m_extent.min_y + (r + 1) * m_cell);
                double xa = e.x1;
                double xb = e.x2;
                if (e.y1 != e.y2) {
                    const double t0 = (ry0 - e.y1) / (e.y2 - e.y1);
                    const double t1 = (ry1 - e.y1) / (e.y2 - e.y1);
                    xa = e.x1 + std::clamp(t0, 0.0, 1.0) * (e.x2 - e.x1);
                    xb = e.x1 + std::clamp(t1, 0.0, 1.0) * (e.x2 - e.x1);
                }
                const double lo = std::min(xa, xb) - pad;
                const double hi = std::max(xa, xb) + pad;
                const auto ca = static_cast<uint32_t>(cell_of(lo, m_extent.min_y) % m_cols);
                const auto cb = static_cast<uint32_t>(cell_of(hi, m_extent.min_y) % m_cols);
                for (uint32_t c = std::max(ca, c0); c <= std::min(cb, c1); ++c) {
                    boundary[static_cast<size_t>(r - r0) * bw + (c - c0)] = 1;
                }
            }
        }
        // A cell no edge touches lies wholly inside or wholly outside, and so does a run
        // of such cells along a row (no edge separates them): one test per run.
        for (uint32_t r = r0; r <= r1; ++r) {
            bool run_inside = false;
            bool in_run = false;
            for (uint32_t c = c0; c <= c1; ++c) {
                const uint32_t cell = r * m_cols + c;
                if (boundary[static_cast<size_t>(r - r0) * bw + (c - c0)] != 0) {
                    entries.push_back({cell, a, false});
                    in_run = false;
                    continue;
                }
                if (!in_run) {
                    run_inside = contains(a, m_extent.min_x + (c + 0.5) * m_cell,
                                          m_extent.min_y + (r + 0.5) * m_cell);
                    in_run = true;
                }
                if (run_inside) {
                    entries.push_back({cell, a, true});
                }
            }
        }
    }
    // Candidates per cell by a counting sort on the cell: stable, so each cell's areas
    // stay in index order (areas were visited in order).
    m_cell_start.assign(cells + 1, 0);
    for (const Entry& e : entries) {
        ++m_cell_start[e.cell + 1];
    }
    for (size_t c = 0; c < cells; ++c) {
        m_cell_start[c + 1] += m_cell_start[c];
    }
    m_candidates.resize(entries.size());
    m_full.assign(cells, 0);
    std::vector<uint32_t> next(m_cell_start.begin(), m_cell_start.end() - 1);
    for (const Entry& e : entries) {
        m_candidates[next[e.cell]++] = e.area;
    }
    for (const Entry& e : entries) {
        if (e.full && m_cell_start[e.cell + 1] - m_cell_start[e.cell] == 1) {
            m_full[e.cell] = 1;
        }
    }
}

uint32_t AreaIndex::locate(double x, double y) const {
    if (!m_extent.contains(x, y)) {
        return kNoArea;
    }
    const size_t cell = cell_of(x, y);
    const uint32_t begin = m_cell_start[cell];
    const uint32_t end = m_cell_start[cell + 1];
    if (m_full[cell] != 0) {
        return m_candidates[begin];
    }
    for (uint32_t k = begin; k < end; ++k) {
        if (contains(m_candidates[k], x, y)) {
            return m_candidates[k];
        }
    }
    return kNoArea;
}

uint32_t AreaIndex::nearest(double x, double y, double max_distance) const {
    if (!(max_distance > 0) || !m_extent.buffered(max_distance).contains(x, y)) {
        return kNoArea;
    }
    const size_t lo = cell_of(x - max_distance, y - max_distance);
    const size_t hi = cell_of(x + max_distance, y + max_distance);
    const uint32_t c0 = static_cast<uint32_t>(lo % m_cols);
    const uint32_t r0 = static_cast<uint32_t>(lo / m_cols);
    const uint32_t c1 = static_cast<uint32_t>(hi % m_cols);
    const uint32_t r1 = static_cast<uint32_t>(hi / m_cols);
    std::vector<uint32_t> candidates;
    for (uint32_t r = r0; r <= r1; ++r) {
        for (uint32_t c = c0; c <= c1; ++c) {
            const size_t cell = static_cast<size_t>(r) * m_cols + c;
            candidates.insert(candidates.end(), m_candidates.begin() + m_cell_start[cell],
                              m_candidates.begin() + m_cell_start[cell + 1]);
        }
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    uint32_t best = kNoArea;
    double best_distance = max_distance;
    for (const uint32_t a : candidates) {
        for (const Edge& e : m_areas[a].edges) {
            const double d = segment_distance(x, y, e.x1, e.y1, e.x2, e.y2);
            // Candidates come in index order, so a tie keeps the lower index.
            if (d < best_distance || (best == kNoArea && d <= best_distance)) {
                best_distance = d;
                best = a;
            }
        }
    }
    return best;
}

double AreaIndex::full_cell_share() const {
    const size_t cells = cell_count();
    if (cells == 0) {
        return 0;
    }
    return static_cast<double>(std::count(m_full.begin(), m_full.end(), uint8_t{1})) /
           static_cast<double>(cells);
}

}  // namespace hotspot
