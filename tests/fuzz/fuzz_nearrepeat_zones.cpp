// The reader of near-repeat zones files (hotspot serve --zones): every row kept or
// rejected, every kept zone on the globe with a radius and days the map can draw, every
// message UTF-8, and no crash whatever the bytes.

#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "fuzz_checks.hpp"
#include "geo/detail/gdal.hpp"
#include "geo/io/nearrepeat_zones.hpp"

using namespace hotspot;

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
    detail::gdal_init();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string path = "/vsimem/zones.csv";
    VSILFILE* f = VSIFileFromMemBuffer(path.c_str(), const_cast<GByte*>(data), size, FALSE);
    VSIFCloseL(f);
    try {
        const NearRepeatZones z = read_nearrepeat_zones(path);
        if (z.rows != static_cast<int64_t>(z.zones.size()) + z.rejects.total()) {
            std::abort();  // a row neither kept nor rejected
        }
        for (const NearRepeatZone& zone : z.zones) {
            if (!(std::abs(zone.longitude) <= 180 && std::abs(zone.latitude) <= 85 && zone.radius_m >= 1 &&
                  zone.radius_m <= 100'000 && zone.until >= zone.day && zone.days_left >= 0 &&
                  z.today && zone.until - zone.days_left == *z.today)) {
                std::abort();  // a zone the map cannot draw
            }
        }
        for (const Reject& r : z.rejects.items()) {
            fuzz::must_be_text(r.message());
        }
    } catch (const InputError&) {
        // An unusable file: a clear error, not a crash.
    }
    VSIUnlink(path.c_str());
    return 0;
}
