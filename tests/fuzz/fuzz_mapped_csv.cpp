// The mapped CSV reader: a force's export read through a column mapping (grid
// references, a date column with times, a category recoding and a knife marker).

#include <cstdint>

#include "fuzz_checks.hpp"
#include "geo/detail/gdal.hpp"

using namespace hotspot;

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
    detail::gdal_init();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const SourceMapping mapping = [] {
        SourceMapping m;
        m.x = "Easting";
        m.y = "Northing";
        m.crs = "EPSG:27700";
        m.date = "Date";
        m.category = "Type";
        m.category_values = {{"BURG", "Burglary"}, {"ROB", "Robbery"}};
        m.id = "Ref";
        m.location = "Street";
        m.knife_column = "Knife";
        m.knife_values = {"Y"};
        return m;
    }();
    fuzz::read_bytes_as_csv(data, size, &mapping, size > 0 && data[0] % 2 == 0 ? TextEncoding::latin1
                                                                               : TextEncoding::utf8);
    return 0;
}
