#pragma once
// A layer ready for export: named, typed fields, one row of values per feature, and an
// optional geometry per row. Every output the product writes goes through this type and
// the one writer in io/layer_writer.hpp.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include <geos_c.h>
#include <ogr_spatialref.h>

namespace hotspot {

enum class FieldType { integer, real, string };

struct FieldSpec {
    std::string name;  ///< at most 10 characters, unless short_name is given
    FieldType type = FieldType::string;
    std::string description;  ///< what the field means (for the README and metadata)
    std::string short_name;   ///< the name in Shapefiles when `name` is longer than 10

    /// The name a Shapefile gets: `short_name` if there is one, else `name`.
    [[nodiscard]] const std::string& shapefile_name() const {
        return short_name.empty() ? name : short_name;
    }
};

/// A cell: null, integer, real or text.
using FieldValue = std::variant<std::monostate, int64_t, double, std::string>;

struct Table {
    std::string name;
    std::vector<FieldSpec> fields;
    std::vector<std::vector<FieldValue>> rows;
    /// Empty for tables without geometry, else one polygon or multipolygon per row (in
    /// `crs`), owned elsewhere and alive while the table is written. Null: no geometry.
    std::vector<const GEOSGeometry*> geometry;
    GEOSContextHandle_t geos = nullptr;
    const OGRSpatialReference* crs = nullptr;
    /// Choices and warnings made while building the table, for the summary.
    std::vector<std::string> notes;

    /// Adds a field; throws std::logic_error for a name longer than 10 characters
    /// without a short name of at most 10, or a name or short name used twice (a
    /// programming error: field names are chosen, not generated).
    void add_field(std::string name, FieldType type, std::string description = {},
                   std::string short_name = {});
    [[nodiscard]] size_t field_index(const std::string& name) const;
};

}  // namespace hotspot
