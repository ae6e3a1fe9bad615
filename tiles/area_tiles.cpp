#include "tiles/area_tiles.hpp"

#include <cmath>
#include <memory>

#include <ogr_spatialref.h>

#include "geo/crs/crs.hpp"
#include "geo/detail/geos.hpp"
#include "geo/error.hpp"
#include "tiles/clip.hpp"

namespace hotspot::tiles {

using detail::GeosContext;
using detail::GeosGeometry;

/// Geometries with the context that made them.
struct AreaTiles::Geometries {
    std::unique_ptr<GeosContext> ctx = std::make_unique<GeosContext>();
    std::vector<GeosGeometry> geometry;
};

/// One zoom's geometry: every area's polygons on the world grid of tile units at that
/// zoom, simplified and snapped. Plain integers, so any number of threads clip them at
/// once without touching GEOS.
struct AreaTiles::Level {
    std::vector<std::vector<TilePolygon>> areas;
};

namespace {

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
        m_full->geometry.push_back(std::move(g));
    }
    if (!all.empty()) {
        mercator_to_lonlat(all.min_x, all.min_y, m_bounds[0], m_bounds[1]);
        mercator_to_lonlat(all.max_x, all.max_y, m_bounds[2], m_bounds[3]);
    }
}

AreaTiles::~AreaTiles() = default;

std::array<double, 4> AreaTiles::bounds(size_t i) const {
    const Box& b = m_boxes.at(i);
    std::array<double, 4> out{};
    mercator_to_lonlat(b.min_x, b.min_y, out[0], out[1]);
    mercator_to_lonlat(b.max_x, b.max_y, out[2], out[3]);
    return out;
}

void AreaTiles::prepare(int from, int to) const {
    for (int z = std::max(from, 0); z <= std::min(to, kDetailZoom); ++z) {
        (void)level(z);
    }
}

const AreaTiles::Level& AreaTiles::level(int z) const {
    const int zl = std::min(z, kDetailZoom);
    std::call_once(m_once[static_cast<size_t>(zl)], [&] {
        // Levels for different zooms may be asked for at once; GEOS work on the shared
        // full geometry takes turns (see m_prepare_mutex).
        const std::lock_guard<std::mutex> lock(m_prepare_mutex);
        auto lv = std::make_unique<Level>();
        GEOSContextHandle_t h = m_full->ctx->get();
        // The whole world as one grid of tile units at this zoom: simplified to half a
        // unit (finer detail cannot be drawn) and snapped to whole units once, keeping
        // every polygon valid, so that each tile only clips and shifts.
        WorldGrid grid{std::ldexp(static_cast<double>(kExtent), zl) / (2 * kMercatorHalfWidth)};
        const TileOnLevel same{1.0, 0.0, 0.0};
        lv->areas.resize(m_full->geometry.size());
        for (size_t i = 0; i < m_full->geometry.size(); ++i) {
            using detail::adopt;
            const auto units = adopt(h, GEOSGeom_transformXY_r(h, m_full->geometry[i].get(), to_world_units, &grid));
            const auto simple = adopt(h, units ? GEOSTopologyPreserveSimplify_r(h, units.get(), 0.5) : nullptr);
            const auto snapped = adopt(h, simple ? GEOSGeom_setPrecision_r(h, simple.get(), 1.0, 0) : nullptr);
            if (snapped) {
                collect(h, snapped.get(), same, lv->areas[i]);  // empty when too small to draw
            }
        }
        m_levels[static_cast<size_t>(zl)] = std::move(lv);
    });
    return *m_levels[static_cast<size_t>(zl)];
}

std::vector<AreaPiece> AreaTiles::pieces(const TileId& tile) const {
    const Box bounds = tile_bounds(tile);
    const double pad = bounds.width() * kBuffer / kExtent;
    const Box clip{bounds.min_x - pad, bounds.min_y - pad, bounds.max_x + pad, bounds.max_y + pad};
    // Tile unit = level unit * scale - origin (levels stop at kDetailZoom; deeper tiles
    // magnify by a power of two, so the shift is exact).
    const int zl = std::min(tile.z, kDetailZoom);
    const int64_t scale = int64_t{1} << (tile.z - zl);
    const int64_t origin_x = int64_t{tile.x} * kExtent;
    const int64_t origin_y = int64_t{tile.y} * kExtent;
    const ClipRect rect{-int64_t{kBuffer}, -int64_t{kBuffer}, int64_t{kExtent} + kBuffer,
                        int64_t{kExtent} + kBuffer};
    std::vector<AreaPiece> out;
    const Level* lv = nullptr;
    std::vector<WidePoint> wide;
    for (uint32_t i = 0; i < m_boxes.size(); ++i) {
        if (!m_boxes[i].intersects(clip)) {
            continue;
        }
        if (lv == nullptr) {
            lv = &level(tile.z);
        }
        AreaPiece piece{i, {}};
        for (const TilePolygon& polygon : lv->areas[i]) {
            TilePolygon cut;
            for (const TileRing& ring : polygon.rings) {
                wide.clear();
                for (const TilePoint& p : ring) {
                    wide.push_back({p.x * scale - origin_x, p.y * scale - origin_y});
                }
                TileRing r = clip_ring(wide, rect);
                if (r.empty() && cut.rings.empty()) {
                    break;  // the exterior lies outside: so do its holes
                }
                if (!r.empty()) {
                    cut.rings.push_back(std::move(r));
                }
            }
            if (!cut.rings.empty()) {
                piece.polygons.push_back(std::move(cut));
            }
        }
        if (!piece.polygons.empty()) {
            out.push_back(std::move(piece));
        }
    }
    return out;
}

}  // namespace hotspot::tiles
