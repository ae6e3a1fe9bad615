#pragma once
// CSV files other than police.uk's, read through a column mapping.

#include <initializer_list>

#include "csv_file_reader.hpp"
#include "read_options.hpp"
#include "source_mapping.hpp"

namespace hotspot {

/// Reads `reader` with `mapping`, which must name x and y columns. Throws InputError when
/// a mapped column is missing from the header.
void read_mapped_csv(CsvFileReader& reader, const SourceMapping& mapping,
                     const ReadOptions& options, ParsedRows& out);

/// Index of `name` in `columns`: an exact match, else one ignoring case and spacing.
std::optional<size_t> column_index(const std::vector<std::string>& columns,
                                   std::string_view name);

/// Index of the first of `names` that `columns` has (each matched as column_index does).
std::optional<size_t> first_column(const std::vector<std::string>& columns,
                                   std::initializer_list<const char*> names);

}  // namespace hotspot
