#pragma once
// Spatial weights between areas: who neighbours whom, and how much each neighbour counts.

#include <cstdint>
#include <string>
#include <vector>

#include "geo/areas.hpp"

namespace hotspot {

/// Sparse weights in compressed rows: the neighbours of area i are
/// neighbours[offsets[i] .. offsets[i + 1]), in increasing index order, with their weights.
/// An area never lists itself.
struct SpatialWeights {
    std::vector<uint32_t> offsets{0};
    std::vector<uint32_t> neighbours;
    std::vector<double> weights;
    std::string description;  ///< how they were made, for the report
    bool row_standardised = false;

    [[nodiscard]] size_t size() const { return offsets.size() - 1; }
    [[nodiscard]] size_t cardinality(size_t i) const { return offsets[i + 1] - offsets[i]; }
    /// Areas without a neighbour (islands, estuaries, areas cut off by a gap).
    [[nodiscard]] std::vector<uint32_t> islands() const;
    [[nodiscard]] size_t links() const { return neighbours.size(); }
    [[nodiscard]] double mean_neighbours() const;

    /// Divides each row by its sum, so that a neighbourhood's weights add up to 1.
    /// Islands keep an empty row.
    void row_standardise();
};

enum class Contiguity { queen, rook };

/// Contiguity from shared boundaries. Two areas touch when a vertex of one lies within
/// `tolerance` metres of a vertex of the other (the rule of R spdep's poly2nb with its
/// snap argument), so that the slivers and gaps of generalised boundaries do not break
/// contiguity. Queen needs one such vertex pair, rook at least two (a shared edge).
/// Binary weights (1 per neighbour).
SpatialWeights contiguity_weights(const AreaSet& areas, Contiguity kind, double tolerance);

/// The k nearest areas by centroid distance (ties to the lower index). Binary weights.
SpatialWeights knn_weights(const AreaSet& areas, int k);

/// Areas whose centroids lie within `distance` metres. Binary weights.
SpatialWeights distance_band_weights(const AreaSet& areas, double distance);

/// Writes weights as a GAL (neighbour lists, binary) or GWT (weighted pairs) file that
/// GeoDa and PySAL read; areas are named by their codes. The format follows the name's
/// ending (.gal or .gwt). Throws OutputError.
void write_weights(const SpatialWeights& w, const AreaSet& areas, const std::string& path);

}  // namespace hotspot
