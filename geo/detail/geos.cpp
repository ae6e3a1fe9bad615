#include "geos.hpp"

#include "../error.hpp"

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

}  // namespace hotspot::detail
