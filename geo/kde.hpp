#pragma once
// Kernel density: a surface of incidents (or harm) per square kilometre, defined in
// metres so that it means the same at every zoom.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <ogr_spatialref.h>

#include "box.hpp"

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

/// Points to smooth: coordinates in the working CRS and an optional weight each (harm).
struct KdePoints {
    std::vector<double> x;
    std::vector<double> y;
    std::vector<double> weight;  ///< empty: every point weighs 1
};

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
