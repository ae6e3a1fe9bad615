#pragma once
// The numbers behind an area layer for one filter: the summary (counts, rate, harm, the
// window comparison, rank, counts per category) joined with Gi* and local Moran's I,
// one row per area. Tiles, the area profile, the hot spot list and downloads all read
// this one table, so they cannot disagree.

#include <memory>
#include <optional>
#include <string>

#include "geo/aggregate/filter.hpp"
#include "geo/table.hpp"
#include "service/analysis/map_query.hpp"
#include "service/analysis/snapshot.hpp"
#include "tiles/mvt.hpp"

namespace hotspot::server {

struct AreaStats {
    Table table;
    ResolvedFilter filter;
    std::string value_label;  ///< what Gi* ran on: "incidents", "harm", ...
    /// Whether every number comes from protected counts (the public view).
    bool is_protected = false;
    /// The table's tile fields, one row per area, encoded once for every tile.
    std::shared_ptr<const tiles::MvtAttributes> tile_attributes;

    /// Index of a field, or nothing.
    [[nodiscard]] std::optional<size_t> column(const std::string& name) const;
};

/// The filter of `query` against a layer's counts (knife=1 applies the snapshot's knife
/// crime definition). Throws InputError for categories or months the data lacks.
ResolvedFilter resolve_query(const Snapshot& snapshot, const CountsCube& cube, const MapQuery& query);
/// The same against any categories and months (the incident points have their own ids).
ResolvedFilter resolve_query(const Snapshot& snapshot, const Dictionary& categories, Month first,
                             Month last, const MapQuery& query);

/// Computes the table, from protected counts when `protect` (the public view: every
/// count, and so every rate, harm, change, rank, Gi* and local Moran's I, is computed
/// from counts perturbed by the cell key method). Gi* and local Moran's I (999
/// permutations, seed 12345) are left empty, with a note, when the values do not vary.
/// Throws InputError for a query the data cannot answer (rates without a population),
/// QueryRefused for one outside the public's query space.
std::shared_ptr<AreaStats> compute_area_stats(const Snapshot& snapshot, const AreaLayer& layer,
                                              const MapQuery& query, bool protect);

/// Fields every area tile carries, in this order, when the statistics have them.
extern const std::vector<std::string> kTileFields;

/// The tile fields of every row of `table`, encoded once (numbers rounded to a
/// millionth, finer than any map needs).
std::shared_ptr<const tiles::MvtAttributes> tile_attributes(const Table& table);

/// A copy with small (protected) counts hidden for the public: counts from 1 to
/// `below - 1` (of the area, of each window and of each category) become empty, and
/// what is finer than "fewer than below" about them (rate, harm, rank, the change, the
/// z-scores and local Moran's I) too; `suppressed` says which rows lost something.
Table suppress_small_counts(const Table& table, int below);

}  // namespace hotspot::server
