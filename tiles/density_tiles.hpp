#pragma once
// A kernel density surface drawn as 256-pixel PNG map tiles in Web Mercator.
//
// Colour ramp (documented in the README): ColorBrewer's YlOrRd, six stops from #ffffb2 to
// #bd0026, readable by colour-blind viewers. The colour scale is linear in density from 0
// to `scale_max` (incidents or harm per km2); a pixel below 2 % of it is transparent, and
// opacity rises from 45 % to 90 % along the ramp so that boundaries stay visible beneath.

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include <ogr_spatialref.h>

#include "geo/hotspots/kde.hpp"
#include "tiles/web_mercator.hpp"

namespace hotspot::tiles {

struct Rgba {
    uint8_t r, g, b, a;
};

/// The colour of a density `value` on a scale whose top is `scale_max`.
Rgba density_colour(double value, double scale_max);

/// The scale top for a surface: the 99th percentile of its non-zero cells, so that one
/// extreme cell does not wash the rest out (0 for an empty surface).
double density_scale(const DensityGrid& grid);

class DensityTiles {
  public:
    /// `grid` is in `crs`; both must outlive this object.
    DensityTiles(const DensityGrid& grid, const OGRSpatialReference& crs, double scale_max);
    ~DensityTiles();
    DensityTiles(const DensityTiles&) = delete;
    DensityTiles& operator=(const DensityTiles&) = delete;

    /// The tile as PNG bytes; empty when no pixel of it is coloured. Thread-safe.
    [[nodiscard]] std::string png(const TileId& tile) const;
    [[nodiscard]] double scale_max() const { return m_scale; }

  private:
    const DensityGrid& m_grid;
    double m_scale;
    mutable std::mutex m_mutex;  // guards the transformation
    std::unique_ptr<OGRCoordinateTransformation> m_to_grid;
};

/// Encodes 8-bit RGBA pixels (row by row from the top) as a PNG. Throws Error.
std::string encode_png(const uint8_t* rgba, uint32_t width, uint32_t height);

}  // namespace hotspot::tiles
