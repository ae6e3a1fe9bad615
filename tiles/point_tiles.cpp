#include "tiles/point_tiles.hpp"

#include <algorithm>
#include <cmath>

#include "geo/crs/crs.hpp"
#include "geo/error.hpp"
#include "tiles/area_tiles.hpp"

namespace hotspot::tiles {

MvtLayer point_tile(const PointCollector& points, const ResolvedFilter& filter, const OGRSpatialReference& crs,
                    const TileId& tile) {
    // Points are in the working CRS: find the tile's box there (with a margin for
    // the curvature of its edges), then place each point exactly.
    const auto to_crs = lonlat_transform(crs, false);
    const auto to_wgs = lonlat_transform(crs, true);
    const Box b = tile_bounds(tile);
    double lon0 = 0;
    double lat0 = 0;
    double lon1 = 0;
    double lat1 = 0;
    mercator_to_lonlat(b.min_x, b.min_y, lon0, lat0);
    mercator_to_lonlat(b.max_x, b.max_y, lon1, lat1);
    Box box;
    if (!to_crs || !to_wgs ||
        !to_crs->TransformBounds(lon0, lat0, lon1, lat1, &box.min_x, &box.min_y, &box.max_x,
                                 &box.max_y, 21)) {
        throw Error("cannot place incident points on the map");
    }
    const double margin = 0.02 * std::max(box.width(), box.height());
    box = Box{box.min_x - margin, box.min_y - margin, box.max_x + margin, box.max_y + margin};
    std::vector<double> px;
    std::vector<double> py;
    std::vector<std::pair<uint16_t, int32_t>> what;
    points.for_each(filter, [&](double x0, double y0, uint16_t category, int32_t month) {
        if (box.contains(x0, y0)) {
            px.push_back(x0);
            py.push_back(y0);
            what.emplace_back(category, month);
        }
    });
    MvtLayer mvt("incidents", AreaTiles::kExtent);
    if (!px.empty()) {
        to_wgs->Transform(px.size(), px.data(), py.data());
        for (size_t i = 0; i < px.size(); ++i) {
            double mx = 0;
            double my = 0;
            lonlat_to_mercator(px[i], py[i], mx, my);
            if (!b.contains(mx, my)) {
                continue;
            }
            const auto tx = static_cast<int32_t>(std::lround((mx - b.min_x) / b.width() * 4096));
            const auto ty = static_cast<int32_t>(std::lround((b.max_y - my) / b.height() * 4096));
            mvt.add_point(i + 1, {tx, ty},
                          {{"category", points.categories().at(what[i].first)},
                           {"month", Month{what[i].second}.to_string()}});
        }
    }
    return mvt;
}

}  // namespace hotspot::tiles
