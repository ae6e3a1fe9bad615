#pragma once
// The one export path: CSV, GeoPackage, GeoJSON or a zipped Shapefile, chosen by the
// output name's ending.

#include <memory>
#include <string>
#include <vector>

#include "geo/table.hpp"

namespace hotspot {

enum class ExportFormat { csv, geopackage, geojson, shapefile_zip };

/// The format for an output name: .csv, .gpkg, .geojson (or .json), .shp.zip. Throws
/// OutputError for anything else.
ExportFormat export_format(const std::string& path);

/// Writes `table` to `path`. The file is written under a temporary name beside the
/// output and renamed into place when complete, so an interrupted export never leaves a
/// half-written file under the real name. CSV has no geometry column for polygon layers;
/// point layers (incidents) get x and y columns in the working CRS. GeoJSON is written in
/// EPSG:4326 as RFC 7946 requires; the other formats keep the table's CRS. Strings longer
/// than a Shapefile allows (254 bytes) are cut, and the number cut is returned. A
/// `description` goes into the file's own metadata where its format has a place for it:
/// GeoJSON's "description" member, GeoPackage's gpkg_contents.description.
size_t write_table(const Table& table, const std::string& path, const std::string& description = {});

/// Writes point features one by one (for outputs too large to hold as a Table).
class PointWriter {
  public:
    PointWriter(const std::string& path, const std::string& layer_name,
                std::vector<FieldSpec> fields, const OGRSpatialReference& crs);
    ~PointWriter();
    PointWriter(const PointWriter&) = delete;
    PointWriter& operator=(const PointWriter&) = delete;

    void write(const std::vector<FieldValue>& values, double x, double y);
    /// Finishes the file and moves it into place.
    void commit();

  private:
    struct State;
    std::unique_ptr<State> m_state;
};

}  // namespace hotspot
