#include "incident_source.hpp"

#include <algorithm>
#include <cctype>

#include "../error.hpp"
#include "../text.hpp"
#include "mapped_csv.hpp"
#include "ogr_incidents.hpp"
#include "police_uk.hpp"

namespace hotspot {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

bool is_csv_path(const std::string& path) {
    std::string p = lower(path);
    if (ends_with(p, ".gz")) {
        p.resize(p.size() - 3);
    }
    return ends_with(p, ".csv") || ends_with(p, ".tsv") || ends_with(p, ".txt");
}

SourceReport read_incidents(const std::string& path, const SourceMapping* mapping,
                            const ReadOptions& options, ParsedRows& out) {
    SourceReport report;
    report.name = path;
    ParsedRows rows;

    if (path.rfind("PG:", 0) != 0 && is_csv_path(path)) {
        const bool gz = ends_with(lower(path), ".gz");
        const bool tsv = ends_with(lower(gz ? path.substr(0, path.size() - 3) : path), ".tsv");
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
    out.table.append(std::move(rows.table));
    out.rejects.append(std::move(rows.rejects));
    out.accepted += rows.accepted;
    return report;
}

}  // namespace hotspot
