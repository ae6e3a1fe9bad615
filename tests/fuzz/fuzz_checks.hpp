#pragma once
// What every reader fuzz target checks of what it read.

#include <cstdint>
#include <cstdlib>
#include <string>

#include <cpl_vsi.h>

#include "geo/crs/crs.hpp"
#include "geo/error.hpp"
#include "geo/io/incident_source.hpp"
#include "geo/utf8.hpp"

namespace hotspot::fuzz {

inline void must_be_text(const std::string& s) {
    if (!is_valid_utf8(s) || s.find('\0') != std::string::npos) {
        std::abort();
    }
}

/// Reads `data` as a CSV file (through /vsimem/, as any file is read) and checks that
/// every row was accepted or rejected, and that all text kept is UTF-8 without NULs.
inline void read_bytes_as_csv(const uint8_t* data, size_t size, const SourceMapping* mapping,
                              TextEncoding encoding) {
    static const OGRSpatialReference bng = parse_crs("EPSG:27700");
    const std::string path = "/vsimem/fuzz.csv";
    VSILFILE* f = VSIFileFromMemBuffer(path.c_str(), const_cast<GByte*>(data), size, FALSE);
    VSIFCloseL(f);
    // One set of options for the run: its projector builds an interpolation grid once.
    static ReadOptions options = [] {
        ReadOptions o(bng, Box{500000, 150000, 650000, 300000});
        o.keep_details = true;
        return o;
    }();
    options.encoding = encoding;
    ParsedRows rows;
    try {
        read_incidents(path, mapping, options, rows);
    } catch (const InputError&) {
        // An unusable file (no header, no usable columns) is a clear error, not a crash.
    }
    VSIUnlink(path.c_str());
    const IncidentTable& t = rows.table;
    for (uint32_t c = 0; c < t.categories.size(); ++c) {
        must_be_text(t.categories.at(c));
    }
    if (t.details) {
        for (size_t i = 0; i < t.size(); ++i) {
            must_be_text(t.details->crime_id[i]);
            must_be_text(t.details->location[i]);
            must_be_text(t.details->outcome[i]);
        }
    }
    for (const Reject& r : rows.rejects.items()) {
        must_be_text(r.raw);
        must_be_text(r.detail);
        must_be_text(r.message());
    }
}

}  // namespace hotspot::fuzz
