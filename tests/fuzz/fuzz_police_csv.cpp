// The police.uk CSV reader (and the guessed-column reader behind it, for headers that
// are not police.uk's): any bytes as a file. Every text that comes out must be UTF-8.

#include <cstdint>
#include <cstdlib>
#include <string>

#include <cpl_vsi.h>

#include "fuzz_checks.hpp"
#include "geo/crs/crs.hpp"
#include "geo/detail/gdal.hpp"
#include "geo/io/incident_source.hpp"

using namespace hotspot;

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
    detail::gdal_init();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fuzz::read_bytes_as_csv(data, size, nullptr, size > 0 && data[0] % 3 == 0 ? TextEncoding::windows1252
                                                                              : TextEncoding::utf8);
    return 0;
}
