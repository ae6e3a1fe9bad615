#include "geo/detail/geos.hpp"

#include "geo/error.hpp"

namespace hotspot::detail {

GeosContext::GeosContext() : m_handle(GEOS_init_r()) {
    GEOSContext_setErrorMessageHandler_r(m_handle, &GeosContext::on_error, this);
}

GeosContext::~GeosContext() { GEOS_finish_r(m_handle); }

void GeosContext::on_error(const char* message, void* self) {
    static_cast<GeosContext*>(self)->m_error = message != nullptr ? message : "unknown error";
}

GeosGeometry own(GeosContext& ctx, GEOSGeometry* g, const char* what) {
    if (g == nullptr) {
        throw Error(std::string("GEOS failed to ") + what + ": " + ctx.last_error());
    }
    return GeosGeometry(g, GeosDeleter{ctx.get()});
}

void warm_envelopes(GEOSContextHandle_t h, const GEOSGeometry* g) {
    if (g == nullptr) {
        return;
    }
    double v = 0;
    GEOSGeom_getXMin_r(h, g, &v);
    const int type = GEOSGeomTypeId_r(h, g);
    if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION || type == GEOS_MULTILINESTRING ||
        type == GEOS_MULTIPOINT) {
        for (int i = 0; i < GEOSGetNumGeometries_r(h, g); ++i) {
            warm_envelopes(h, GEOSGetGeometryN_r(h, g, i));
        }
    } else if (type == GEOS_POLYGON && GEOSisEmpty_r(h, g) == 0) {
        warm_envelopes(h, GEOSGetExteriorRing_r(h, g));
        for (int i = 0; i < GEOSGetNumInteriorRings_r(h, g); ++i) {
            warm_envelopes(h, GEOSGetInteriorRingN_r(h, g, i));
        }
    }
}

}  // namespace hotspot::detail
