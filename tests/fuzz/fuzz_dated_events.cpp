// The dated-event reader of the near-repeat test, then the test itself on what it read:
// every row accepted or rejected, every kept text UTF-8, and no crash or unbounded work
// whatever the coordinates and dates.

#include <cstdint>

#include "fuzz_checks.hpp"
#include "geo/detail/gdal.hpp"
#include "geo/io/dated_events.hpp"
#include "geo/repeats/knox.hpp"

using namespace hotspot;

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
    detail::gdal_init();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string path = "/vsimem/events.csv";
    VSILFILE* f = VSIFileFromMemBuffer(path.c_str(), const_cast<GByte*>(data), size, FALSE);
    VSIFCloseL(f);
    DatedEventOptions options;
    options.order = size > 0 && data[0] % 2 == 0 ? DateOrder::month_day_year : DateOrder::day_month_year;
    options.max_events = 10'000;
    try {
        const DatedEvents e = read_dated_events(path, options);
        if (e.rows != static_cast<int64_t>(e.events.size()) + e.rejects.total()) {
            std::abort();  // a row neither kept nor rejected
        }
        for (const Reject& r : e.rejects.items()) {
            fuzz::must_be_text(r.message());
        }
        KnoxOptions k;
        k.permutations = 9;
        k.max_close_pairs = 100'000;
        if (e.events.size() >= 2) {
            const KnoxResult result = knox_test(e.events, k);
            int64_t total = 0;
            for (const auto& c : result.cells) {
                total += c.observed;
            }
            if (total != result.pairs) {
                std::abort();  // every pair in exactly one cell
            }
        }
    } catch (const InputError&) {
        // An unusable file or too many close pairs: a clear error, not a crash.
    }
    VSIUnlink(path.c_str());
    return 0;
}
