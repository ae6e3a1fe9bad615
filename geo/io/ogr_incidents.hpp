#pragma once
// Incidents from any OGR point layer: GeoPackage, Shapefile, GeoJSON, FlatGeobuf, a
// PostGIS table ("PG:..."), and the like.

#include <string>

#include "geo/io/csv_file_reader.hpp"
#include "geo/io/read_options.hpp"
#include "geo/io/source_mapping.hpp"

namespace hotspot {

/// Reads the point layer of `path`. Without a mapping, the month/date and category
/// fields are guessed from their names. Returns a description of what was read for the
/// summary. Throws InputError when the layer cannot be used at all.
std::string read_ogr_incidents(const std::string& path, const std::string& name,
                               const SourceMapping* mapping, const ReadOptions& options,
                               ParsedRows& out);

}  // namespace hotspot
