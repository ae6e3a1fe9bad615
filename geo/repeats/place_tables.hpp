#pragma once
// The places and streets as tables, for `hotspot places` and its exports.

#include <ogr_spatialref.h>

#include "geo/areas.hpp"
#include "geo/repeats/places.hpp"

namespace hotspot {

/// "places", one row per place by id: place_id, location, street, area_code, area_name,
/// ward_code, ward_name, count, harm, flag, share (of its area's incidents, %),
/// ward_rank (1 = most incidents in its ward), top_category, top_count, months,
/// first_month, last_month, the window comparison (cur, prev, change, change_pct,
/// change_p, change_q, change_sig; empty without an earlier window), x, y, longitude,
/// latitude.
Table places_table(const PlaceSet& set, const AreaSet& areas, const AreaSet* wards, const Dictionary& categories,
                   const OGRSpatialReference& crs, double alpha = 0.05);

/// "place_months", the incidents and harm of each place of `set` by category and month,
/// as `query` selects them: place_id, category, month, count, harm; by place id, then
/// month, then category. `counts` must be those `set` was built from.
Table place_months_table(const PlaceSet& set, const PlaceCounts& counts, const PlaceQuery& query);

/// "streets", one row per street of a ward, most incidents first within each ward:
/// ward_code, ward_name, street, rank, places, count, harm, share (of the ward's
/// incidents, %).
Table streets_table(const PlaceSet& set, const AreaSet* wards);

}  // namespace hotspot
