#pragma once
// Small CSV tables read whole (lookups, weights, survey items, covariates, plans): the
// file's records, finding a column by name, and the number in a field. The streaming
// reader for incident files is csv_file_reader.hpp.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hotspot {

/// Reads a small CSV file (a lookup or configuration table) whole: each record's fields
/// and the line it starts on. The first record is the header. Throws InputError when the
/// file cannot be read, ends inside a quoted field, or holds text that is not UTF-8 or
/// holds a NUL byte (naming the line and field).
void read_small_csv(const std::string& path, std::vector<std::vector<std::string>>& rows,
                    std::vector<int64_t>& lines);


/// Index of `name` in `columns`: an exact match, else one ignoring case and spacing.
std::optional<size_t> column_index(const std::vector<std::string>& columns,
                                   std::string_view name);

/// Index of the first of `names` that `columns` has (each matched as column_index does).
std::optional<size_t> first_column(const std::vector<std::string>& columns,
                                   std::initializer_list<const char*> names);


/// Parses a decimal number that fills the whole field (surrounding spaces allowed).
std::optional<double> parse_number(std::string_view text);
/// The same, allowing thousands separators ("1,296"), as published statistics write them.
std::optional<double> parse_grouped_number(std::string_view text);


}  // namespace hotspot
