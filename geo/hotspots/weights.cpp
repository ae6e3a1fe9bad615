#include "geo/hotspots/weights.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <numeric>
#include <sstream>
#include <unordered_map>

#include "geo/error.hpp"

namespace hotspot {
namespace {

/// Neighbour pairs (i < j) to compressed rows with unit weights, both directions.
SpatialWeights from_pairs(size_t n, std::vector<std::pair<uint32_t, uint32_t>> pairs,
                          std::string description) {
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    std::vector<std::vector<uint32_t>> rows(n);
    for (const auto& [i, j] : pairs) {
        rows[i].push_back(j);
        rows[j].push_back(i);
    }
    SpatialWeights w;
    w.description = std::move(description);
    w.offsets.assign(1, 0);
    for (auto& r : rows) {
        std::sort(r.begin(), r.end());
        w.neighbours.insert(w.neighbours.end(), r.begin(), r.end());
        w.offsets.push_back(static_cast<uint32_t>(w.neighbours.size()));
    }
    w.weights.assign(w.neighbours.size(), 1.0);
    return w;
}

struct Point {
    double x;
    double y;
};

std::vector<Point> centroids(const AreaSet& areas) {
    std::vector<Point> c(areas.size());
    GEOSContextHandle_t h = areas.geos().get();
    for (size_t i = 0; i < areas.size(); ++i) {
        const detail::GeosGeometry g = detail::adopt(h, GEOSGetCentroid_r(h, areas.geometry(i)));
        if (!g || GEOSGeomGetX_r(h, g.get(), &c[i].x) == 0 || GEOSGeomGetY_r(h, g.get(), &c[i].y) == 0) {
            const Box& b = areas.box(i);
            c[i] = {(b.min_x + b.max_x) / 2, (b.min_y + b.max_y) / 2};
        }
    }
    return c;
}

/// Points bucketed in square cells, for neighbourhood searches.
class PointGrid {
  public:
    PointGrid(const std::vector<Point>& points, double cell) : m_points(points), m_cell(cell) {
        for (uint32_t i = 0; i < points.size(); ++i) {
            m_cells[key(cx(points[i].x), cy(points[i].y))].push_back(i);
        }
    }
    [[nodiscard]] int64_t cx(double x) const { return static_cast<int64_t>(std::floor(x / m_cell)); }
    [[nodiscard]] int64_t cy(double y) const { return static_cast<int64_t>(std::floor(y / m_cell)); }
    /// Calls fn(j) for every point in the cells within `ring` cells of (x, y)'s cell.
    template <typename Fn>
    void visit(double x, double y, int64_t ring, Fn&& fn) const {
        const int64_t x0 = cx(x);
        const int64_t y0 = cy(y);
        for (int64_t dy = -ring; dy <= ring; ++dy) {
            for (int64_t dx = -ring; dx <= ring; ++dx) {
                if (const auto it = m_cells.find(key(x0 + dx, y0 + dy)); it != m_cells.end()) {
                    for (const uint32_t j : it->second) {
                        fn(j);
                    }
                }
            }
        }
    }

  private:
    static uint64_t key(int64_t x, int64_t y) {
        return (static_cast<uint64_t>(x) << 32) ^ (static_cast<uint64_t>(y) & 0xffffffffULL);
    }
    const std::vector<Point>& m_points;
    double m_cell;
    std::unordered_map<uint64_t, std::vector<uint32_t>> m_cells;
};

std::string metres(double d) {
    std::ostringstream s;
    s << d;
    return s.str();
}

}  // namespace

std::vector<uint32_t> SpatialWeights::islands() const {
    std::vector<uint32_t> out;
    for (uint32_t i = 0; i < size(); ++i) {
        if (cardinality(i) == 0) {
            out.push_back(i);
        }
    }
    return out;
}

double SpatialWeights::mean_neighbours() const {
    return size() == 0 ? 0.0 : static_cast<double>(links()) / static_cast<double>(size());
}

void SpatialWeights::row_standardise() {
    for (size_t i = 0; i < size(); ++i) {
        double sum = 0;
        for (uint32_t k = offsets[i]; k < offsets[i + 1]; ++k) {
            sum += weights[k];
        }
        if (sum > 0) {
            for (uint32_t k = offsets[i]; k < offsets[i + 1]; ++k) {
                weights[k] /= sum;
            }
        }
    }
    row_standardised = true;
}

SpatialWeights contiguity_weights(const AreaSet& areas, Contiguity kind, double tolerance) {
    // Two areas touch when a boundary vertex of one lies within the tolerance of a
    // boundary vertex of the other (queen), or at least two such pairs exist (rook).
    // Candidates are the pairs whose boxes, grown by the tolerance, overlap; each
    // candidate is settled by a sweep over both areas' vertices sorted by x, restricted
    // to the overlap of the boxes. Memory stays at one copy of the vertices.
    const uint32_t n = static_cast<uint32_t>(areas.size());
    std::vector<uint32_t> first(n + 1, 0);
    for (uint32_t a = 0; a < n; ++a) {
        size_t count = 0;
        for (const Ring& r : areas.rings(a)) {
            count += r.points() > 0 ? r.points() - 1 : 0;  // the closing point repeats the first
        }
        first[a + 1] = first[a] + static_cast<uint32_t>(count);
    }
    std::vector<Point> vertices(first[n]);
    for (uint32_t a = 0; a < n; ++a) {
        Point* out = vertices.data() + first[a];
        for (const Ring& r : areas.rings(a)) {
            for (size_t p = 0; p + 1 < r.points(); ++p) {
                *out++ = {r.xy[2 * p], r.xy[2 * p + 1]};
            }
        }
        std::sort(vertices.begin() + first[a], vertices.begin() + first[a + 1],
                  [](const Point& l, const Point& r) { return l.x < r.x; });
    }
    const size_t needed = kind == Contiguity::queen ? 1 : 2;
    const double tol2 = tolerance * tolerance;
    auto by_x = [](const Point& p, double x) { return p.x < x; };
    auto touches = [&](uint32_t i, uint32_t j, const Box& bi, const Box& bj) {
        const double lo_x = std::max(bi.min_x, bj.min_x) - tolerance;
        const double hi_x = std::min(bi.max_x, bj.max_x) + tolerance;
        const double lo_y = std::max(bi.min_y, bj.min_y) - tolerance;
        const double hi_y = std::min(bi.max_y, bj.max_y) + tolerance;
        const Point* a = std::lower_bound(vertices.data() + first[i], vertices.data() + first[i + 1], lo_x, by_x);
        const Point* a_end = vertices.data() + first[i + 1];
        const Point* b = std::lower_bound(vertices.data() + first[j], vertices.data() + first[j + 1], lo_x, by_x);
        const Point* b_end = vertices.data() + first[j + 1];
        size_t found = 0;
        for (; a != a_end && a->x <= hi_x; ++a) {
            if (a->y < lo_y || a->y > hi_y) {
                continue;
            }
            while (b != b_end && b->x < a->x - tolerance) {
                ++b;
            }
            for (const Point* o = b; o != b_end && o->x <= a->x + tolerance; ++o) {
                const double dx = a->x - o->x;
                const double dy = a->y - o->y;
                if (dx * dx + dy * dy <= tol2 && ++found >= needed) {
                    return true;
                }
            }
        }
        return false;
    };
    // Sweep the boxes in order of their west edge: the candidates for area i are the
    // areas whose west edge lies between i's west and east edges (plus the tolerance).
    std::vector<uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0U);
    std::sort(order.begin(), order.end(),
              [&](uint32_t l, uint32_t r) { return areas.box(l).min_x < areas.box(r).min_x; });
    std::vector<std::pair<uint32_t, uint32_t>> pairs;
    for (size_t oi = 0; oi < order.size(); ++oi) {
        const uint32_t i = order[oi];
        const Box& bi = areas.box(i);
        for (size_t oj = oi + 1; oj < order.size(); ++oj) {
            const uint32_t j = order[oj];
            const Box& bj = areas.box(j);
            if (bj.min_x > bi.max_x + tolerance) {
                break;
            }
            if (bj.min_y > bi.max_y + tolerance || bj.max_y < bi.min_y - tolerance) {
                continue;
            }
            if (touches(i, j, bi, bj)) {
                pairs.emplace_back(std::min(i, j), std::max(i, j));
            }
        }
    }
    return from_pairs(areas.size(), std::move(pairs),
                      std::string(kind == Contiguity::queen ? "queen" : "rook") +
                          " contiguity (boundaries within " + metres(tolerance) +
                          " m touch), binary");
}

SpatialWeights knn_weights(const AreaSet& areas, int k) {
    const size_t n = areas.size();
    if (k < 1 || static_cast<size_t>(k) >= n) {
        throw InputError("k nearest neighbours needs 1 <= k < the number of areas (" +
                         std::to_string(n) + "), not " + std::to_string(k));
    }
    const std::vector<Point> c = centroids(areas);
    const Box& e = areas.extent();
    // About k points per cell: the search grows ring by ring until the k-th nearest is
    // certainly found.
    const double cell = std::max(1.0, std::sqrt(std::max(e.width() * e.height(), 1.0) *
                                                static_cast<double>(k) / static_cast<double>(n)));
    const PointGrid grid(c, cell);
    std::vector<std::pair<uint32_t, uint32_t>> directed;
    SpatialWeights w;
    w.description = std::to_string(k) + " nearest neighbours by centroid, binary";
    std::vector<std::pair<double, uint32_t>> found;
    for (uint32_t i = 0; i < n; ++i) {
        for (int64_t ring = 1;; ++ring) {
            found.clear();
            grid.visit(c[i].x, c[i].y, ring, [&](uint32_t j) {
                if (j != i) {
                    found.emplace_back(std::hypot(c[j].x - c[i].x, c[j].y - c[i].y), j);
                }
            });
            if (found.size() >= static_cast<size_t>(k)) {
                std::partial_sort(found.begin(), found.begin() + k, found.end());
                // Everything within `ring` cells is seen: certain if the k-th lies closer.
                if (found[static_cast<size_t>(k - 1)].first <= static_cast<double>(ring) * cell ||
                    found.size() == n - 1) {
                    break;
                }
            }
        }
        std::vector<uint32_t> row;
        for (int m = 0; m < k; ++m) {
            row.push_back(found[static_cast<size_t>(m)].second);
        }
        std::sort(row.begin(), row.end());
        w.neighbours.insert(w.neighbours.end(), row.begin(), row.end());
        w.offsets.push_back(static_cast<uint32_t>(w.neighbours.size()));
    }
    w.weights.assign(w.neighbours.size(), 1.0);
    return w;
}

SpatialWeights distance_band_weights(const AreaSet& areas, double distance) {
    if (!(distance > 0)) {
        throw InputError("the distance band must be greater than 0 metres");
    }
    const std::vector<Point> c = centroids(areas);
    const PointGrid grid(c, distance);
    std::vector<std::pair<uint32_t, uint32_t>> pairs;
    for (uint32_t i = 0; i < c.size(); ++i) {
        grid.visit(c[i].x, c[i].y, 1, [&](uint32_t j) {
            if (j > i && std::hypot(c[j].x - c[i].x, c[j].y - c[i].y) <= distance) {
                pairs.emplace_back(i, j);
            }
        });
    }
    return from_pairs(areas.size(), std::move(pairs),
                      "centroids within " + metres(distance) + " m, binary");
}

void write_weights(const SpatialWeights& w, const AreaSet& areas, const std::string& path) {
    const bool gwt = path.size() > 4 && path.ends_with(".gwt");
    const bool gal = path.size() > 4 && path.ends_with(".gal");
    if (!gwt && !gal) {
        throw OutputError(path + ": weights are written as .gal or .gwt files");
    }
    std::ofstream out(path);
    if (!out) {
        throw OutputError(path + ": cannot be written");
    }
    out.precision(17);
    out << "0 " << w.size() << ' ' << areas.layer << ' ' << areas.code_field << '\n';
    for (size_t i = 0; i < w.size(); ++i) {
        if (gal) {
            out << areas.code(i) << ' ' << w.cardinality(i) << '\n';
            for (uint32_t k = w.offsets[i]; k < w.offsets[i + 1]; ++k) {
                out << (k > w.offsets[i] ? " " : "") << areas.code(w.neighbours[k]);
            }
            out << '\n';
        } else {
            for (uint32_t k = w.offsets[i]; k < w.offsets[i + 1]; ++k) {
                out << areas.code(i) << ' ' << areas.code(w.neighbours[k]) << ' ' << w.weights[k]
                    << '\n';
            }
        }
    }
    if (!out) {
        throw OutputError(path + ": cannot be written");
    }
}

}  // namespace hotspot
