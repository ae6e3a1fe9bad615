#pragma once
// Options every incident reader takes.

#include <functional>
#include <optional>
#include <string_view>

#include <ogr_spatialref.h>

#include <memory>

#include "geo/box.hpp"
#include "geo/crs/projection.hpp"
#include "geo/io/csv_file_reader.hpp"

namespace hotspot {

struct ReadOptions {
    /// Sets the working CRS and the areas' extent (if known), and the projector cache
    /// that goes with them.
    ReadOptions(const OGRSpatialReference& crs, std::optional<Box> areas_extent)
        : working_crs(crs),
          extent(areas_extent),
          projectors(std::make_shared<ProjectorCache>(crs, areas_extent)) {}

    /// CRS incidents are projected into (metres). Set with parse_crs().
    OGRSpatialReference working_crs;
    /// Extent of the areas in the working CRS: points outside it are rejected. Also where
    /// the projector builds its interpolation grid.
    std::optional<Box> extent;
    /// Keep crime id, location, outcome, file and line per row (for the workspace store).
    /// Projectors from each source CRS into the working CRS, shared by all inputs.
    std::shared_ptr<ProjectorCache> projectors;
    bool keep_details = false;
    /// When set, incidents stream to it as they are read instead of into a table.
    IncidentConsumer* consumer = nullptr;
    int threads = 1;
    ProgressCallback progress;
    /// Rows this says yes to (given the row's location text, its place type column and
    /// its point in the working CRS) are left out: counted in ParsedRows::excluded,
    /// neither kept nor rejected. Called from the reader threads at once, so it must be
    /// safe to call concurrently.
    std::function<bool(std::string_view location, std::string_view place_type, double x, double y)> exclude;
    /// The text encoding of CSV inputs (a mapping's "encoding" overrides it).
    TextEncoding encoding = TextEncoding::utf8;
};

}  // namespace hotspot
