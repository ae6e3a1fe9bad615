#pragma once
// Area polygons from any OGR polygon layer, reprojected to the working CRS and repaired
// where invalid.

#include <optional>
#include <string>
#include <vector>

#include <ogr_spatialref.h>

#include "geo/areas.hpp"

namespace hotspot {

struct AreaReadOptions {
    std::optional<std::string> layer;
    std::optional<std::string> code_field;  ///< guessed from ONS names when absent
    std::optional<std::string> name_field;
    OGRSpatialReference working_crs;
};

/// Picks the code field: LSOA/MSOA/OA/ward/district codes in the ONS style (LSOA11CD,
/// LSOA21CD, WD13CD, LAD19CD, ...), then "code" or "area_code". Returns nothing when none.
std::optional<std::string> guess_code_field(const std::vector<std::string>& fields);
/// The name field that goes with a code field (LSOA11CD -> LSOA11NM), or "name".
std::optional<std::string> guess_name_field(const std::vector<std::string>& fields,
                                            const std::string& code_field);

/// Reads the polygons of `path`. Features without a code or a polygon are skipped and
/// invalid polygons repaired with GEOS MakeValid; both are reported in AreaSet::issues.
/// Features sharing a code are merged into one area. Throws InputError when the layer
/// cannot be used (no such file, no code field, no polygons).
AreaSet read_areas(const std::string& path, const AreaReadOptions& options);

}  // namespace hotspot
