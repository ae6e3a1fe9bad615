#pragma once
// Finds the area that contains a point, fast and exactly.
//
// A uniform grid covers the areas' extent. Each cell lists the areas whose boundary
// crosses it and the area (if any) that covers it completely; a point in a completely
// covered cell needs no geometry test at all. Otherwise each candidate is tested with the
// crossing-number rule on the edges of one horizontal band of its polygon, with an exact
// orientation predicate. Ray crossings count edges half-open in y, so a point on an edge
// shared by two areas belongs to exactly one of them: the one on the edge's left when it
// runs upwards (for a shared vertical edge, the area to the east). Where areas overlap,
// the first area (lowest index) that contains the point wins.

#include <cstdint>
#include <limits>
#include <vector>

#include "geo/areas.hpp"
#include "geo/box.hpp"

namespace hotspot {

inline constexpr uint32_t kNoArea = std::numeric_limits<uint32_t>::max();

class AreaIndex {
  public:
    /// `cells` is the target number of grid cells (0: four per polygon edge, at most
    /// 16 million).
    explicit AreaIndex(const AreaSet& areas, size_t cells = 0);

    /// The area containing (x, y), or kNoArea.
    [[nodiscard]] uint32_t locate(double x, double y) const;

    /// Whether area `a` contains (x, y) under the rule above (overlaps aside).
    [[nodiscard]] bool contains(uint32_t a, double x, double y) const;

    /// The area whose boundary is nearest to (x, y) within `max_distance`, or kNoArea.
    /// Ties go to the lowest index.
    [[nodiscard]] uint32_t nearest(double x, double y, double max_distance) const;

    [[nodiscard]] size_t size() const { return m_areas.size(); }
    [[nodiscard]] size_t cell_count() const { return static_cast<size_t>(m_cols) * m_rows; }
    /// Share of cells covered completely by one area (a measure of how often no geometry
    /// test is needed).
    [[nodiscard]] double full_cell_share() const;

  private:
    struct Edge {
        double x1;
        double y1;
        double x2;
        double y2;
    };
    struct Polygon {
        Box box;
        double band_height = 1;
        uint32_t bands = 1;
        std::vector<uint32_t> band_start;  // bands + 1 offsets into band_edges
        std::vector<Edge> band_edges;
        std::vector<Edge> edges;           // every edge once (for distances)
    };

    void build_polygon(Polygon& p, const std::vector<Ring>& rings);
    void build_grid(size_t target_cells);
    [[nodiscard]] size_t cell_of(double x, double y) const;

    std::vector<Polygon> m_areas;
    Box m_extent;
    double m_cell = 1;
    double m_inv_cell = 1;
    uint32_t m_cols = 1;
    uint32_t m_rows = 1;
    std::vector<uint32_t> m_cell_start;  // cells + 1 offsets into m_candidates
    std::vector<uint32_t> m_candidates;
    std::vector<uint8_t> m_full;         // 1: the cell's single candidate covers it
};

}  // namespace hotspot
