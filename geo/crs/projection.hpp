#pragma once
// Coordinate reference systems and the transformation of incident coordinates into the
// working CRS (EPSG:27700, British National Grid, unless configured).

#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <ogr_spatialref.h>

#include "geo/box.hpp"

namespace hotspot {

/// The working CRS used when none is configured: British National Grid.
inline constexpr std::string_view kDefaultWorkingCrs = "EPSG:27700";

/// Parses "EPSG:27700", a WKT or a PROJ string. Axis order is always x/easting/longitude
/// first. Throws InputError naming the text when it is not a CRS.
OGRSpatialReference parse_crs(std::string_view text);

/// Parses the working CRS: it must be projected with metre units, because distances,
/// densities and snapping are in metres. Throws InputError otherwise.
OGRSpatialReference parse_working_crs(std::string_view text);

/// A short name for messages: "EPSG:27700" when it has one, else the CRS name.
std::string crs_label(const OGRSpatialReference& crs);

/// Transforms points from a source CRS into the working CRS.
///
/// Incidents arrive by the million, and an exact PROJ transform costs about half a
/// microsecond a point. Over the extent the areas cover, the projector therefore builds a
/// grid of exactly transformed nodes and interpolates between them with bicubic
/// (Catmull-Rom) splines. The grid spacing is refined until the largest difference from
/// the exact transform, measured at every cell's centre and at an off-centre point, is
/// below `kGridTolerance` metres; points outside the grid use the exact transform. With
/// British National Grid over Essex a 0.05 degree grid is accurate to about 15
/// micrometres.
class Projector {
  public:
    static constexpr double kGridTolerance = 1e-4;  // metres

    Projector(const OGRSpatialReference& source, const OGRSpatialReference& target);
    ~Projector();
    Projector(const Projector&) = delete;
    Projector& operator=(const Projector&) = delete;
    Projector(Projector&&) noexcept;
    Projector& operator=(Projector&&) noexcept;

    /// True when source and target are the same CRS: coordinates pass through.
    [[nodiscard]] bool is_identity() const;

    /// Builds the interpolation grid over `target_extent` (in target coordinates). Does
    /// nothing for an identity projection or when no grid meets the tolerance.
    void accelerate(const Box& target_extent);
    [[nodiscard]] bool accelerated() const;
    /// Largest error measured when the grid was verified (0 without a grid).
    [[nodiscard]] double grid_error() const;

    /// A transformer for one thread; the projector must outlive it.
    class Worker {
      public:
        /// Transforms in place. `ok[i]` is set to 0 for points the CRS cannot transform.
        void transform(std::span<double> x, std::span<double> y, std::vector<char>& ok);

      private:
        friend class Projector;
        const Projector* m_owner = nullptr;
        std::unique_ptr<OGRCoordinateTransformation> m_exact;
        std::vector<double> m_fallback_x;
        std::vector<double> m_fallback_y;
        std::vector<size_t> m_fallback_index;
        std::vector<int> m_success;
    };
    [[nodiscard]] Worker worker() const;

    [[nodiscard]] const OGRSpatialReference& source() const;
    [[nodiscard]] const OGRSpatialReference& target() const;

  private:
    struct State;
    std::unique_ptr<State> m_state;
};

/// A transformation between `crs` and longitude/latitude (WGS 84), x first both ways:
/// into longitude/latitude when `to_lonlat`, else out of it. Null when PROJ has none.
std::unique_ptr<OGRCoordinateTransformation> lonlat_transform(const OGRSpatialReference& crs,
                                                              bool to_lonlat);

/// Where a CRS is meant to be used (from the PROJ database), in its own coordinates.
std::optional<Box> area_of_use(const OGRSpatialReference& crs);

/// Projectors into one working CRS over one extent, built once per source CRS: creating a
/// PROJ transformation costs tens of milliseconds, more than reading a month of a force's
/// crime. Without an extent, the interpolation grid covers the working CRS's area of use
/// (Great Britain for EPSG:27700). Safe to use from several threads.
class ProjectorCache {
  public:
    ProjectorCache(const OGRSpatialReference& working_crs, std::optional<Box> extent);
    ~ProjectorCache();
    ProjectorCache(const ProjectorCache&) = delete;
    ProjectorCache& operator=(const ProjectorCache&) = delete;

    /// The projector from `source` into the working CRS, accelerated over the extent.
    const Projector& get(const OGRSpatialReference& source);

  private:
    OGRSpatialReference m_working;
    std::optional<Box> m_extent;
    std::mutex m_mutex;
    std::vector<std::pair<std::string, std::unique_ptr<Projector>>> m_projectors;
};

}  // namespace hotspot
