#include "geo/io/incident_source.hpp"

#include <algorithm>
#include <cctype>

#include "geo/error.hpp"
#include "geo/io/mapped_csv.hpp"
#include "geo/io/ogr_incidents.hpp"
#include "geo/io/police_uk.hpp"
#include "geo/text.hpp"

namespace hotspot {
bool is_csv_path(const std::string& path) {
    std::string p = lower_ascii(path);
    if (p.ends_with(".gz")) {
        p.resize(p.size() - 3);
    }
    return p.ends_with(".csv") || p.ends_with(".tsv") || p.ends_with(".txt");
}

SourceReport read_incidents(const std::string& path, const SourceMapping* mapping,
                            const ReadOptions& options, ParsedRows& out) {
    SourceReport report;
    report.name = path;
    ParsedRows rows;

    if (path.rfind("PG:", 0) != 0 && is_csv_path(path)) {
        const bool gz = lower_ascii(path).ends_with(".gz");
        const bool tsv = lower_ascii(gz ? path.substr(0, path.size() - 3) : path).ends_with(".tsv");
        char delimiter = tsv ? '\t' : ',';
        if (mapping != nullptr && mapping->delimiter != ',') {
            delimiter = mapping->delimiter;
        }
        CsvFileReader reader(gz ? "/vsigzip/" + path : path, path, delimiter);
        reader.set_encoding(mapping != nullptr && mapping->encoding ? *mapping->encoding : options.encoding);
        const auto& header = reader.header();
        std::vector<std::string> police_missing;
        std::optional<police_uk::Layout> layout;
        if (mapping == nullptr) {
            layout = police_uk::detect(header, &police_missing);
        }
        if (layout) {
            report.description = "police.uk street-level CSV";
            police_uk::read_street_csv(reader, *layout, options, rows);
        } else if (mapping != nullptr) {
            report.description = "CSV (" + mapping->describe() + ")";
            read_mapped_csv(reader, *mapping, options, rows);
        } else {
            std::vector<std::string> missing;
            const auto guessed = guess_mapping(header, true, missing);
            if (!guessed) {
                throw InputError(path + ":1: not a police.uk street-level CSV (no " +
                                 join(police_missing, ", ") +
                                 " columns) and no column holds the " + join(missing, "; ") +
                                 "; give a column mapping with --mapping");
            }
            report.description = "CSV (" + guessed->describe() + ", guessed from the header)";
            read_mapped_csv(reader, *guessed, options, rows);
        }
    } else {
        report.description = read_ogr_incidents(path, path, mapping, options, rows);
    }
    report.accepted = rows.accepted;
    report.rejected = rows.rejects.total();
    report.excluded = rows.excluded;
    out.table.append(std::move(rows.table));
    out.rejects.append(std::move(rows.rejects));
    out.accepted += rows.accepted;
    out.excluded += rows.excluded;
    return report;
}

}  // namespace hotspot
