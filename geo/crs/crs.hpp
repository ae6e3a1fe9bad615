#pragma once
// Coordinate reference systems: parsing, naming, the working CRS (EPSG:27700, British
// National Grid, unless configured), longitude/latitude and where a CRS is meant for.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

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

/// A transformation between `crs` and longitude/latitude (WGS 84), x first both ways:
/// into longitude/latitude when `to_lonlat`, else out of it. Null when PROJ has none.
std::unique_ptr<OGRCoordinateTransformation> lonlat_transform(const OGRSpatialReference& crs,
                                                              bool to_lonlat);

/// Where a CRS is meant to be used (from the PROJ database), in its own coordinates.
std::optional<Box> area_of_use(const OGRSpatialReference& crs);

}  // namespace hotspot
