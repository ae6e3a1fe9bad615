#pragma once
// The one place that owns GEOS handles: a context per thread of use and move-only owners
// for geometries, over GEOS's reentrant C API. GEOS reports errors through a callback;
// we store the message there and throw only after the call has returned.

#include <memory>
#include <string>

#include <geos_c.h>

namespace hotspot::detail {

class GeosContext {
  public:
    GeosContext();
    ~GeosContext();
    GeosContext(const GeosContext&) = delete;
    GeosContext& operator=(const GeosContext&) = delete;

    [[nodiscard]] GEOSContextHandle_t get() const { return m_handle; }
    /// The last error GEOS reported on this context.
    [[nodiscard]] const std::string& last_error() const { return m_error; }
    void clear_error() { m_error.clear(); }

  private:
    static void on_error(const char* message, void* self);
    GEOSContextHandle_t m_handle = nullptr;
    std::string m_error;
};

struct GeosDeleter {
    GEOSContextHandle_t context = nullptr;
    void operator()(GEOSGeometry* g) const {
        if (g != nullptr) {
            GEOSGeom_destroy_r(context, g);
        }
    }
};
using GeosGeometry = std::unique_ptr<GEOSGeometry, GeosDeleter>;

/// Takes ownership of a geometry returned by GEOS, null or not (for results a caller
/// may go without: test the pointer).
inline GeosGeometry adopt(GEOSContextHandle_t h, GEOSGeometry* g) { return GeosGeometry(g, GeosDeleter{h}); }

/// Takes ownership of a geometry returned by GEOS; throws Error naming `what` and GEOS's
/// message when GEOS returned null.
GeosGeometry own(GeosContext& ctx, GEOSGeometry* g, const char* what);

/// Computes the envelope of `g` and of every part and ring in it. GEOS (3.11) computes
/// envelopes lazily and caches them inside the geometry, so two threads reading a fresh
/// geometry at once would race to write that cache: warm it before sharing.
void warm_envelopes(GEOSContextHandle_t h, const GEOSGeometry* g);

}  // namespace hotspot::detail
