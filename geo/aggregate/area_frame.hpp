#pragma once
// The areas an output reports on, one row each, and roll-ups from small areas (LSOAs)
// to larger ones (wards, districts).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/aggregate/counts.hpp"
#include "geo/areas.hpp"
#include "geo/io/population.hpp"

namespace hotspot {

struct AreaFrame {
    std::vector<std::string> codes;
    std::vector<std::string> names;
    std::vector<std::optional<double>> population;  ///< residents, where known
    std::vector<std::string> district_codes;        ///< empty when unknown
    std::vector<std::string> district_names;
    std::vector<const GEOSGeometry*> geometry;      ///< owned by the AreaSet or Rollup
    GEOSContextHandle_t geos = nullptr;
    const OGRSpatialReference* crs = nullptr;
    std::vector<std::string> notes;

    [[nodiscard]] size_t size() const { return codes.size(); }
    [[nodiscard]] bool has_districts() const { return !district_codes.empty(); }
};

/// One row per area of `areas`, with population and district from `population` when
/// given (areas missing from it get no population, and a note says how many).
AreaFrame frame_of(const AreaSet& areas, const PopulationTable* population);

/// Larger areas made of smaller ones.
struct Rollup {
    AreaFrame frame;                 ///< the larger areas
    std::vector<uint32_t> group_of;  ///< per small area: its larger area, or kNoArea
    std::unique_ptr<detail::GeosContext> geos;  ///< owns geometries made by the roll-up
    std::vector<detail::GeosGeometry> owned;
};

/// Each small area goes to the larger area it overlaps most (ties: the first). Notes
/// count the small areas that straddle (under half inside their larger area) and those
/// that overlap none. Population sums over members (unknown if any member's is).
Rollup rollup_by_overlap(const AreaSet& small, const AreaFrame& small_frame,
                         const AreaSet& large);

/// Groups small areas by the district code the population table gives them; the
/// district's geometry is the union of its members. Throws InputError when the frame has
/// no districts.
Rollup rollup_by_district(const AreaSet& small, const AreaFrame& small_frame);

/// The counts of `cube` summed into groups (kNoArea goes to the unassigned row).
CountsCube regroup(const CountsCube& cube, const std::vector<uint32_t>& group_of,
                   size_t groups);

}  // namespace hotspot
