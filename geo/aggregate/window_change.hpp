#pragma once
// The comparison of the latest window of months with the window before it, as every
// layer reports it (areas, categories, places): the counts, their difference, the exact
// conditional test for two Poisson counts and the Benjamini-Hochberg adjustment across
// the rows tested.

#include <cstdint>
#include <vector>

#include "geo/table.hpp"

namespace hotspot {

/// Adds the window-comparison fields to a table: cur, prev, change, change_pct, change_p,
/// change_q, change_sig.
void add_change_fields(Table& t);

/// Appends one row's window-comparison values; change_q and change_sig are filled in by
/// adjust_change once every row is in.
void append_change_values(std::vector<FieldValue>& row, int64_t cur, int64_t prev);

/// Appends empty values for a row with no comparison (no earlier window).
void append_empty_change_values(std::vector<FieldValue>& row);

/// Fills change_q and change_sig across rows, testing only rows with any count.
void adjust_change(Table& t, double alpha);

}  // namespace hotspot
