#pragma once
// Area polygons (LSOAs, wards, beats, any polygon layer) in the working CRS.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <ogr_spatialref.h>

#include "geo/box.hpp"
#include "geo/detail/geos.hpp"

namespace hotspot {

/// One ring of a polygon as x, y pairs; the last point repeats the first.
struct Ring {
    std::vector<double> xy;
    [[nodiscard]] size_t points() const { return xy.size() / 2; }
};

class AreaSet {
  public:
    AreaSet();
    ~AreaSet();
    AreaSet(AreaSet&&) noexcept;
    AreaSet& operator=(AreaSet&&) noexcept;
    AreaSet(const AreaSet&) = delete;
    AreaSet& operator=(const AreaSet&) = delete;

    /// Adds an area; `geometry` must be a valid Polygon or MultiPolygon in `crs()`.
    /// Returns its index.
    uint32_t add(std::string code, std::string name, detail::GeosGeometry geometry);

    [[nodiscard]] size_t size() const { return m_codes.size(); }
    [[nodiscard]] const std::string& code(size_t i) const { return m_codes.at(i); }
    [[nodiscard]] const std::string& name(size_t i) const { return m_names.at(i); }
    [[nodiscard]] const GEOSGeometry* geometry(size_t i) const { return m_geometries.at(i).get(); }
    [[nodiscard]] double land_area_m2(size_t i) const { return m_land.at(i); }
    [[nodiscard]] const Box& box(size_t i) const { return m_boxes.at(i); }
    [[nodiscard]] const Box& extent() const { return m_extent; }
    [[nodiscard]] std::optional<uint32_t> find(const std::string& code) const;

    /// All rings (exteriors and holes) of area i.
    [[nodiscard]] std::vector<Ring> rings(size_t i) const;

    [[nodiscard]] detail::GeosContext& geos() const { return *m_geos; }
    [[nodiscard]] const OGRSpatialReference& crs() const { return m_crs; }
    void set_crs(const OGRSpatialReference& crs) { m_crs = crs; }

    /// Where the areas came from, for summaries and metadata.
    std::string source;
    std::string layer;
    std::string code_field;
    std::string name_field;

    /// Features that were repaired, merged or skipped while reading, one message each.
    std::vector<std::string> issues;
    int repaired = 0;
    int skipped = 0;
    int merged = 0;

  private:
    std::unique_ptr<detail::GeosContext> m_geos;  // first: outlives the geometries
    OGRSpatialReference m_crs;
    std::vector<std::string> m_codes;
    std::vector<std::string> m_names;
    std::vector<detail::GeosGeometry> m_geometries;
    std::vector<double> m_land;
    std::vector<Box> m_boxes;
    Box m_extent;
    std::unordered_map<std::string, uint32_t> m_index;
};

}  // namespace hotspot
