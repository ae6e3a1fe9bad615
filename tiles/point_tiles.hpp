#pragma once
// Incident points cut into a vector tile: the analysts' view of where each incident the
// filter keeps lies (the public never get points).

#include <ogr_spatialref.h>

#include "geo/aggregate/filter.hpp"
#include "geo/aggregate/point_collector.hpp"
#include "tiles/mvt.hpp"
#include "tiles/web_mercator.hpp"

namespace hotspot::tiles {

/// A layer "incidents" holding each point of `points` that `filter` keeps and that falls
/// in `tile`, with its category and month. The points are in `crs`. Throws Error when
/// `crs` cannot be transformed to longitude/latitude.
MvtLayer point_tile(const PointCollector& points, const ResolvedFilter& filter, const OGRSpatialReference& crs,
                    const TileId& tile);

}  // namespace hotspot::tiles
