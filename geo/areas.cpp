#include "geo/areas.hpp"

#include "geo/error.hpp"

namespace hotspot {

AreaSet::AreaSet() : m_geos(std::make_unique<detail::GeosContext>()) {}
AreaSet::~AreaSet() = default;
AreaSet::AreaSet(AreaSet&&) noexcept = default;
AreaSet& AreaSet::operator=(AreaSet&&) noexcept = default;

uint32_t AreaSet::add(std::string code, std::string name, detail::GeosGeometry geometry) {
    GEOSContextHandle_t h = m_geos->get();
    detail::warm_envelopes(h, geometry.get());  // areas are read from many threads
    double area = 0;
    GEOSArea_r(h, geometry.get(), &area);
    Box box;
    double minx = 0;
    double miny = 0;
    double maxx = 0;
    double maxy = 0;
    if (GEOSGeom_getXMin_r(h, geometry.get(), &minx) != 0 &&
        GEOSGeom_getYMin_r(h, geometry.get(), &miny) != 0 &&
        GEOSGeom_getXMax_r(h, geometry.get(), &maxx) != 0 &&
        GEOSGeom_getYMax_r(h, geometry.get(), &maxy) != 0) {
        box = Box{minx, miny, maxx, maxy};
    }
    const auto id = static_cast<uint32_t>(m_codes.size());
    m_index.emplace(code, id);
    m_codes.push_back(std::move(code));
    m_names.push_back(std::move(name));
    m_geometries.push_back(std::move(geometry));
    m_land.push_back(area);
    m_boxes.push_back(box);
    m_extent.expand(box);
    return id;
}

std::optional<uint32_t> AreaSet::find(const std::string& code) const {
    if (const auto it = m_index.find(code); it != m_index.end()) {
        return it->second;
    }
    return std::nullopt;
}

namespace {

void append_ring(GEOSContextHandle_t h, const GEOSGeometry* ring, std::vector<Ring>& out) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
    unsigned int n = 0;
    if (seq == nullptr || GEOSCoordSeq_getSize_r(h, seq, &n) == 0 || n < 4) {
        return;
    }
    Ring r;
    r.xy.resize(2 * static_cast<size_t>(n));
    GEOSCoordSeq_copyToBuffer_r(h, seq, r.xy.data(), 0, 0);
    out.push_back(std::move(r));
}

void append_polygon(GEOSContextHandle_t h, const GEOSGeometry* polygon, std::vector<Ring>& out) {
    append_ring(h, GEOSGetExteriorRing_r(h, polygon), out);
    const int holes = GEOSGetNumInteriorRings_r(h, polygon);
    for (int i = 0; i < holes; ++i) {
        append_ring(h, GEOSGetInteriorRingN_r(h, polygon, i), out);
    }
}

}  // namespace

std::vector<Ring> AreaSet::rings(size_t i) const {
    GEOSContextHandle_t h = m_geos->get();
    const GEOSGeometry* g = geometry(i);
    std::vector<Ring> out;
    if (GEOSGeomTypeId_r(h, g) == GEOS_POLYGON) {
        append_polygon(h, g, out);
    } else {
        const int parts = GEOSGetNumGeometries_r(h, g);
        for (int p = 0; p < parts; ++p) {
            append_polygon(h, GEOSGetGeometryN_r(h, g, p), out);
        }
    }
    return out;
}

}  // namespace hotspot
