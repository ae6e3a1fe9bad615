#include "weights.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <sstream>
#include <unordered_map>

#include "error.hpp"

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
        GEOSGeometry* g = GEOSGetCentroid_r(h, areas.geometry(i));
        if (g == nullptr || GEOSGeomGetX_r(h, g, &c[i].x) == 0 || GEOSGeomGetY_r(h, g, &c[i].y) == 0) {
            const Box& b = areas.box(i);
            c[i] = {(b.min_x + b.max_x) / 2, (b.min_y + b.max_y) / 2};
        }
        GEOSGeom_destroy_r(h, g);
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
    // Every boundary vertex, bucketed in cells as wide as the tolerance, so that vertices
    // within the tolerance lie in the same or an adjacent cell.
    struct Vertex {
        uint64_t cell;
        uint32_t area;
        double x;
        double y;
    };
    const double cell = tolerance > 0 ? tolerance : 1.0;
    std::vector<Vertex> vertices;
    for (uint32_t a = 0; a < areas.size(); ++a) {
        for (const Ring& r : areas.rings(a)) {
            for (size_t p = 0; p + 1 < r.points(); ++p) {  // the closing point repeats the first
                const double x = r.xy[2 * p];
                const double y = r.xy[2 * p + 1];
                const auto cx = static_cast<int64_t>(std::floor(x / cell));
                const auto cy = static_cast<int64_t>(std::floor(y / cell));
                vertices.push_back({(static_cast<uint64_t>(cx) << 32) ^
                                        (static_cast<uint64_t>(cy) & 0xffffffffULL),
                                    a, x, y});
            }
        }
    }
    std::sort(vertices.begin(), vertices.end(), [](const Vertex& l, const Vertex& r) {
        return l.cell != r.cell ? l.cell < r.cell : l.area < r.area;
    });
    std::unordered_map<uint64_t, std::pair<size_t, size_t>> ranges;
    for (size_t i = 0; i < vertices.size();) {
        size_t j = i;
        while (j < vertices.size() && vertices[j].cell == vertices[i].cell) {
            ++j;
        }
        ranges.emplace(vertices[i].cell, std::make_pair(i, j));
        i = j;
    }
    // Count vertex pairs within the tolerance per pair of areas (capped at 2: rook needs 2).
    std::unordered_map<uint64_t, int> touching;
    const double tol2 = tolerance * tolerance;
    for (const Vertex& v : vertices) {
        const auto cx = static_cast<int64_t>(std::floor(v.x / cell));
        const auto cy = static_cast<int64_t>(std::floor(v.y / cell));
        for (int64_t dy = -1; dy <= 1; ++dy) {
            for (int64_t dx = -1; dx <= 1; ++dx) {
                const uint64_t key = (static_cast<uint64_t>(cx + dx) << 32) ^
                                     (static_cast<uint64_t>(cy + dy) & 0xffffffffULL);
                const auto it = ranges.find(key);
                if (it == ranges.end()) {
                    continue;
                }
                for (size_t k = it->second.first; k < it->second.second; ++k) {
                    const Vertex& o = vertices[k];
                    if (o.area <= v.area) {
                        continue;  // each pair of areas once, from the lower index
                    }
                    const double ddx = v.x - o.x;
                    const double ddy = v.y - o.y;
                    if (ddx * ddx + ddy * ddy <= tol2) {
                        int& n = touching[(static_cast<uint64_t>(v.area) << 32) | o.area];
                        n = std::min(n + 1, 2);
                    }
                }
            }
        }
    }
    const int needed = kind == Contiguity::queen ? 1 : 2;
    std::vector<std::pair<uint32_t, uint32_t>> pairs;
    for (const auto& [key, n] : touching) {
        if (n >= needed) {
            pairs.emplace_back(static_cast<uint32_t>(key >> 32), static_cast<uint32_t>(key));
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
    const bool gwt = path.size() > 4 && path.compare(path.size() - 4, 4, ".gwt") == 0;
    const bool gal = path.size() > 4 && path.compare(path.size() - 4, 4, ".gal") == 0;
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
