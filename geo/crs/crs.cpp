#include "geo/crs/crs.hpp"

#include <cmath>

#include <cpl_conv.h>
#include <cpl_error.h>

#include "geo/error.hpp"

namespace hotspot {

OGRSpatialReference parse_crs(std::string_view text) {
    OGRSpatialReference crs;
    const std::string s(text);
    CPLPushErrorHandler(CPLQuietErrorHandler);
    const OGRErr err = crs.SetFromUserInput(s.c_str());
    CPLPopErrorHandler();
    if (err != OGRERR_NONE) {
        throw InputError("\"" + s + "\" is not a coordinate reference system (expected e.g. "
                         "EPSG:27700, a WKT or a PROJ string)");
    }
    crs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return crs;
}

OGRSpatialReference parse_working_crs(std::string_view text) {
    OGRSpatialReference crs = parse_crs(text);
    if (crs.IsProjected() == 0 || std::fabs(crs.GetLinearUnits(nullptr) - 1.0) > 1e-9) {
        throw InputError("the working CRS " + std::string(text) +
                         " is not projected in metres (for Great Britain use EPSG:27700)");
    }
    return crs;
}

std::string crs_label(const OGRSpatialReference& crs) {
    const char* authority = crs.GetAuthorityName(nullptr);
    const char* code = crs.GetAuthorityCode(nullptr);
    if (authority != nullptr && code != nullptr) {
        return std::string(authority) + ":" + code;
    }
    const char* name = crs.GetName();
    return name != nullptr ? name : "unnamed CRS";
}

std::unique_ptr<OGRCoordinateTransformation> lonlat_transform(const OGRSpatialReference& crs,
                                                              bool to_lonlat) {
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReference other = crs;
    other.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return std::unique_ptr<OGRCoordinateTransformation>(
        to_lonlat ? OGRCreateCoordinateTransformation(&other, &wgs84)
                  : OGRCreateCoordinateTransformation(&wgs84, &other));
}

std::optional<Box> area_of_use(const OGRSpatialReference& crs) {
    double west = 0;
    double south = 0;
    double east = 0;
    double north = 0;
    const char* name = nullptr;
    if (crs.GetAreaOfUse(&west, &south, &east, &north, &name) == 0 || west > east) {
        return std::nullopt;
    }
    const std::unique_ptr<OGRCoordinateTransformation> ct = lonlat_transform(crs, false);
    Box out;
    CPLPushErrorHandler(CPLQuietErrorHandler);
    const bool ok = ct && ct->TransformBounds(west, south, east, north, &out.min_x, &out.min_y,
                                              &out.max_x, &out.max_y, 21) != 0;
    CPLPopErrorHandler();
    return ok && !out.empty() ? std::optional<Box>(out) : std::nullopt;
}

}  // namespace hotspot
