#pragma once
// CSV files other than police.uk's, read through a column mapping.

#include <initializer_list>

#include "geo/io/csv_file_reader.hpp"
#include "geo/io/read_options.hpp"
#include "geo/io/small_csv.hpp"
#include "geo/io/source_mapping.hpp"

namespace hotspot {

/// Reads `reader` with `mapping`, which must name x and y columns. Throws InputError when
/// a mapped column is missing from the header.
void read_mapped_csv(CsvFileReader& reader, const SourceMapping& mapping,
                     const ReadOptions& options, ParsedRows& out);

}  // namespace hotspot
