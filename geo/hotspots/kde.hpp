#pragma once
// Kernel density: a surface of incidents (or harm) per square kilometre, defined in
// metres so that it means the same at every zoom.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <ogr_spatialref.h>

#include "geo/aggregate/point_collector.hpp"
#include "geo/box.hpp"
#include "geo/dictionary.hpp"
#include "geo/harm.hpp"

namespace hotspot {

/// A raster in the working CRS. Row 0 is the northernmost row, as in image files.
struct DensityGrid {
    double min_x = 0;   ///< west edge
    double max_y = 0;   ///< north edge
    double cell = 0;    ///< cell width and height, metres
    uint32_t cols = 0;
    uint32_t rows = 0;
    std::vector<float> values;  ///< rows * cols, per square kilometre
    double bandwidth = 0;       ///< kernel radius, metres
    std::string units;          ///< "incidents per km2" or "harm per km2"

    [[nodiscard]] float at(uint32_t col, uint32_t row) const {
        return values[static_cast<size_t>(row) * cols + col];
    }
    /// Centre of a cell in the working CRS.
    [[nodiscard]] double centre_x(uint32_t col) const { return min_x + (col + 0.5) * cell; }
    [[nodiscard]] double centre_y(uint32_t row) const { return max_y - (row + 0.5) * cell; }
    /// Sum of value x cell area: the (weighted) number of incidents the grid holds.
    [[nodiscard]] double integral() const;
};

/// What a density surface of `value` weighs each point by: nothing for "count" (every
/// incident weighs one), each category's harm (HarmWeights::by_category) for "harm". The
/// one setup the command line's surfaces and the server's share.
struct DensityWeights {
    std::vector<double> by_category;  ///< by category id; empty: every point weighs one
    std::string units;                ///< "incidents per km2" or "harm per km2"
    [[nodiscard]] const std::vector<double>* get() const { return by_category.empty() ? nullptr : &by_category; }
};
/// Throws InputError for "rate" (a density surface is of incidents or harm) and for
/// "harm" without a table.
DensityWeights density_weights(const std::string& value, const HarmWeights* harm, const Dictionary& categories);

struct KdeOptions {
    std::optional<double> bandwidth;  ///< metres; default: bandwidth_rule()
    std::optional<double> cell;       ///< metres; default: a tenth of the bandwidth
    std::optional<Box> extent;        ///< default: the points' extent
    int threads = 1;
};

/// The default bandwidth: ArcGIS's spatial form of Silverman's rule of thumb,
///   0.9 * min(SD, sqrt(1 / ln 2) * Dm) * n^-0.2,
/// with SD the standard distance of the points from their mean centre, Dm the median
/// distance to it, and n the number of points (or the sum of weights); all weighted when
/// weights are given.
double bandwidth_rule(const KdePoints& points);

/// The quartic (biweight) kernel density (Silverman 1986, eq. 4.5), the default of QGIS
/// and ArcGIS: each point adds w * 3 / (pi r^2) * (1 - d^2 / r^2)^2 to every cell centre
/// within d < r of it, so each point's surface holds its weight; values are scaled to
/// per km^2. Computed exactly (no binning of points). The grid covers the extent widened
/// by the bandwidth, so that no point's surface is cut. Throws InputError for no points
/// or a grid of more than 400 million cells.
DensityGrid kernel_density(const KdePoints& points, const KdeOptions& options);

/// Writes a grid as a single-band Float32 GeoTIFF (deflate-compressed) with its CRS.
/// Throws OutputError.
void write_geotiff(const DensityGrid& grid, const OGRSpatialReference& crs,
                   const std::string& path);

}  // namespace hotspot
