#pragma once
// The hotspot outputs as tables for the one export path: Gi* (with local Moran's I when
// asked), emerging hot spots, and the concentration curve.

#include <optional>
#include <vector>

#include "geo/aggregate/area_frame.hpp"
#include "geo/aggregate/area_values.hpp"
#include "geo/hotspots/emerging.hpp"
#include "geo/hotspots/getis_ord.hpp"
#include "geo/hotspots/local_moran.hpp"
#include "geo/hotspots/weights.hpp"
#include "geo/table.hpp"

namespace hotspot {

/// One row per area: area_code, area_name, count, the analysed value when it is not the
/// count (rate_1k or harm), n_nbrs, gi_z, gi_p, gi_bin, gi_class; with `lisa`, also
/// lisa_i, lisa_p, lisa_quadrant and lisa_clust (the quadrant where lisa_p < alpha).
Table gi_layer(const AreaFrame& frame, const std::vector<double>& counts,
               const AreaValues& values, const SpatialWeights& w, const GiStarResult& gi,
               const LocalMoranResult* lisa, double lisa_alpha);

/// One row per area with its emerging hot spot pattern.
Table emerging_layer(const AreaFrame& frame, const std::vector<double>& counts,
                     const EmergingResult& result);

/// Areas from the highest value down, with cumulative shares of the value, of the areas
/// and of their land: the curve read as "x % of places hold y % of crime". Notes carry
/// the headline figures (the share of areas holding half the value, the value held by
/// the top 5 % of areas).
Table concentration_layer(const AreaFrame& frame, const std::vector<double>& land_m2,
                          const AreaValues& values);

/// "hot 99 %", "cold 90 %", "not significant", from a Gi* bin.
std::string gi_class(int bin);

}  // namespace hotspot
