#include "area_tiles.hpp"

#include <cmath>
#include <memory>

#include <ogr_spatialref.h>

#include "geo/detail/geos.hpp"
#include "geo/error.hpp"
#include "geo/projection.hpp"

namespace hotspot::tiles {

using detail::GeosContext;
using detail::GeosGeometry;

/// Geometries with the context that made them (GEOS contexts are one per thread; the
/// geometries themselves may be read from any thread).
struct AreaTiles::Geometries {
    std::unique_ptr<GeosContext> ctx = std::make_unique<GeosContext>();
    std::vector<GeosGeometry> geometry;
};

struct AreaTiles::Level {
    Geometries g;
};

namespace {

GeosContext& thread_context() {
    thread_local GeosContext ctx;
    return ctx;
}

struct TransformData {
    OGRCoordinateTransformation* to_wgs84;
    bool failed = false;
};

int to_mercator(double* x, double* y, void* userdata) {
    auto* d = static_cast<TransformData*>(userdata);
    if (!d->to_wgs84->Transform(1, x, y)) {
        d->failed = true;
        return 0;
    }
    lonlat_to_mercator(*x, *y, *x, *y);
    return 1;
}

/// Web Mercator metres to the global grid of tile units at one zoom (y down).
struct WorldGrid {
    double scale;  // units per metre
};

int to_world_units(double* x, double* y, void* userdata) {
    const auto* g = static_cast<const WorldGrid*>(userdata);
    *x = (*x + kMercatorHalfWidth) * g->scale;
    *y = (kMercatorHalfWidth - *y) * g->scale;
    return 1;
}

/// A tile's place on a level's grid: tile unit = level unit * scale - origin.
struct TileOnLevel {
    double scale;
    double origin_x;
    double origin_y;
};

/// Appends the polygons of `g` (a Polygon, MultiPolygon or collection, in level units)
/// in the tile's units.
void collect(GEOSContextHandle_t h, const GEOSGeometry* g, const TileOnLevel& t,
             std::vector<TilePolygon>& out) {
    const int type = GEOSGeomTypeId_r(h, g);
    if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; ++i) {
            collect(h, GEOSGetGeometryN_r(h, g, i), t, out);
        }
        return;
    }
    if (type != GEOS_POLYGON) {
        return;  // lines and points left where the clip grazed an edge
    }
    auto ring_of = [&](const GEOSGeometry* ring) {
        TileRing r;
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
        unsigned int size = 0;
        GEOSCoordSeq_getSize_r(h, seq, &size);
        r.reserve(size);
        for (unsigned int i = 0; i + 1 < size; ++i) {  // the closing point repeats the first
            double x = 0;
            double y = 0;
            GEOSCoordSeq_getXY_r(h, seq, i, &x, &y);
            r.push_back({static_cast<int32_t>(std::lround(x * t.scale - t.origin_x)),
                         static_cast<int32_t>(std::lround(y * t.scale - t.origin_y))});
        }
        return r;
    };
    TilePolygon p;
    p.rings.push_back(ring_of(GEOSGetExteriorRing_r(h, g)));
    const int holes = GEOSGetNumInteriorRings_r(h, g);
    for (int i = 0; i < holes; ++i) {
        p.rings.push_back(ring_of(GEOSGetInteriorRingN_r(h, g, i)));
    }
    out.push_back(std::move(p));
}

}  // namespace

AreaTiles::AreaTiles(const AreaSet& areas) : m_full(std::make_unique<Geometries>()) {
    const std::unique_ptr<OGRCoordinateTransformation> ct = lonlat_transform(areas.crs(), true);
    if (!ct) {
        throw Error("areas: cannot transform their CRS to longitude/latitude for tiles");
    }
    GEOSContextHandle_t h = m_full->ctx->get();
    Box all;
    for (size_t i = 0; i < areas.size(); ++i) {
        TransformData data{ct.get()};
        GeosGeometry g = detail::own(*m_full->ctx,
                                     GEOSGeom_transformXY_r(h, areas.geometry(i), to_mercator, &data),
                                     "reprojecting an area to Web Mercator");
        if (data.failed) {
            throw Error("area " + areas.code(i) + ": cannot be reprojected to Web Mercator");
        }
        double x0 = 0;
        double y0 = 0;
        double x1 = 0;
        double y1 = 0;
        GEOSGeom_getXMin_r(h, g.get(), &x0);
        GEOSGeom_getYMin_r(h, g.get(), &y0);
        GEOSGeom_getXMax_r(h, g.get(), &x1);
        GEOSGeom_getYMax_r(h, g.get(), &y1);
        m_boxes.push_back({x0, y0, x1, y1});
        all.expand(x0, y0);
        all.expand(x1, y1);
        detail::warm_envelopes(h, g.get());  // levels are prepared on request threads
        m_full->geometry.push_back(std::move(g));
    }
    if (!all.empty()) {
        mercator_to_lonlat(all.min_x, all.min_y, m_bounds[0], m_bounds[1]);
        mercator_to_lonlat(all.max_x, all.max_y, m_bounds[2], m_bounds[3]);
    }
}

AreaTiles::~AreaTiles() = default;

const AreaTiles::Level& AreaTiles::level(int z) const {
    const int zl = std::min(z, kDetailZoom);
    std::call_once(m_once[static_cast<size_t>(zl)], [&] {
        auto lv = std::make_unique<Level>();
        GEOSContextHandle_t h = lv->g.ctx->get();
        // The whole world as one grid of tile units at this zoom: simplified to half a
        // unit (finer detail cannot be drawn) and snapped to whole units once, keeping
        // every polygon valid, so that each tile only clips and shifts.
        WorldGrid grid{std::ldexp(static_cast<double>(kExtent), zl) / (2 * kMercatorHalfWidth)};
        for (const GeosGeometry& g : m_full->geometry) {
            GEOSGeometry* units = GEOSGeom_transformXY_r(h, g.get(), to_world_units, &grid);
            GEOSGeometry* simple = units != nullptr ? GEOSTopologyPreserveSimplify_r(h, units, 0.5) : nullptr;
            GEOSGeometry* snapped = simple != nullptr ? GEOSGeom_setPrecision_r(h, simple, 1.0, 0) : nullptr;
            GEOSGeom_destroy_r(h, units);
            GEOSGeom_destroy_r(h, simple);
            detail::warm_envelopes(h, snapped);  // read by every request thread
            lv->g.geometry.push_back(detail::own(*lv->g.ctx, snapped, "preparing tile geometry"));
        }
        m_levels[static_cast<size_t>(zl)] = std::move(lv);
    });
    return *m_levels[static_cast<size_t>(zl)];
}

std::vector<AreaPiece> AreaTiles::pieces(const TileId& tile) const {
    const Box bounds = tile_bounds(tile);
    const double pad = bounds.width() * kBuffer / kExtent;
    const Box clip{bounds.min_x - pad, bounds.min_y - pad, bounds.max_x + pad, bounds.max_y + pad};
    // The tile in its level's units (levels stop at kDetailZoom; deeper tiles magnify).
    const int zl = std::min(tile.z, kDetailZoom);
    const double scale = std::ldexp(1.0, tile.z - zl);
    const TileOnLevel place{scale, static_cast<double>(tile.x) * kExtent,
                            static_cast<double>(tile.y) * kExtent};
    const double lx0 = (place.origin_x - kBuffer) / scale;
    const double ly0 = (place.origin_y - kBuffer) / scale;
    const double lx1 = (place.origin_x + kExtent + kBuffer) / scale;
    const double ly1 = (place.origin_y + kExtent + kBuffer) / scale;
    std::vector<AreaPiece> out;
    const Level* lv = nullptr;
    GeosContext& ctx = thread_context();
    GEOSContextHandle_t h = ctx.get();
    std::unique_lock<std::mutex> lock(m_clip_mutex, std::defer_lock);
    for (uint32_t i = 0; i < m_boxes.size(); ++i) {
        const Box& b = m_boxes[i];
        if (!b.intersects(clip)) {
            continue;
        }
        if (lv == nullptr) {
            lv = &level(tile.z);
            lock.lock();
        }
        const GEOSGeometry* g = lv->g.geometry[i].get();
        if (GEOSisEmpty_r(h, g) != 0) {
            continue;  // too small to draw at this zoom
        }
        AreaPiece piece{i, {}};
        if (b.min_x >= clip.min_x && b.max_x <= clip.max_x && b.min_y >= clip.min_y &&
            b.max_y <= clip.max_y) {
            collect(h, g, place, piece.polygons);  // wholly inside: no clip needed
        } else {
            GEOSGeometry* c = GEOSClipByRect_r(h, g, lx0, ly0, lx1, ly1);
            if (c == nullptr) {
                continue;
            }
            collect(h, c, place, piece.polygons);
            GEOSGeom_destroy_r(h, c);
        }
        if (!piece.polygons.empty()) {
            out.push_back(std::move(piece));
        }
    }
    return out;
}

}  // namespace hotspot::tiles
