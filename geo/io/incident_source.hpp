#pragma once
// Reading incidents from whatever the analyst has: police.uk CSVs (fast path), other
// CSVs through a column mapping, and any OGR point layer.

#include <optional>
#include <string>
#include <vector>

#include "geo/io/csv_file_reader.hpp"
#include "geo/io/read_options.hpp"
#include "geo/io/source_mapping.hpp"

namespace hotspot {

/// What one input gave.
struct SourceReport {
    std::string name;         ///< the input as the user named it
    std::string description;  ///< how it was read ("police.uk street-level CSV", ...)
    int64_t accepted = 0;
    int64_t rejected = 0;
    int64_t excluded = 0;  ///< left out by ReadOptions::exclude
};

/// True when `path` is read as CSV text (by extension: .csv, .tsv, .txt, optionally .gz).
bool is_csv_path(const std::string& path);

/// Reads one input and appends its incidents and rejects to `out`. A police.uk street
/// CSV is recognised by its header; other CSVs need x/y, time and category columns,
/// named by `mapping` or guessed from common names. Throws InputError for input that
/// cannot be used at all.
SourceReport read_incidents(const std::string& path, const SourceMapping* mapping,
                            const ReadOptions& options, ParsedRows& out);

}  // namespace hotspot
