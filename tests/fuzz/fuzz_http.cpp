// The HTTP request path: any method, target and headers through Api::handle, on the
// bundled sample. A 500, a body that is not UTF-8, or anything the sanitizers see is a
// finding.
//
// Input: the method on the first line, the target on the second, then "name: value"
// header lines. The first byte's low bit sets light_only, as the event loops ask.

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "geo/detail/gdal.hpp"
#include "geo/utf8.hpp"
#include "service/analysis/snapshot.hpp"
#include "service/http/api.hpp"
#include "service/http/encoding.hpp"

using namespace hotspot;
using namespace hotspot::server;

namespace {

std::shared_ptr<const Snapshot> g_snapshot;
std::unique_ptr<Api> g_api;

std::string_view next_line(std::string_view& rest) {
    const size_t nl = rest.find('\n');
    const std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    return line;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
    detail::gdal_init();
    SnapshotSources sources = SnapshotSources::sample(HOTSPOT_SOURCE_DIR "/data");
    sources.threads = 1;
    sources.secret = disclosure::Secret{1, 2};
    g_snapshot = Snapshot::load(sources);
    ServerConfig config;
    config.analyst_tokens = {"analyst-token-0123456789"};
    config.admin_token = "admin-token-0123456789ab";
    config.cache_bytes = size_t{16} << 20;
    g_api = std::make_unique<Api>(
        config, [] { return g_snapshot; }, [] { return g_snapshot->version(); },
        HOTSPOT_SOURCE_DIR "/service/web");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    Request request;
    request.light_only = size > 0 && (data[0] & 1) != 0;
    request.method = std::string(next_line(rest));
    request.target = std::string(next_line(rest));
    // The backtest takes seconds a run on the sample: it is fuzzed for its parameters
    // through the bounds it checks first, not run to the end each time.
    if (request.target.find("evaluate") != std::string::npos && request.target.find("cell=") == std::string::npos) {
        return 0;
    }
    while (!rest.empty() && request.headers.size() < 16) {
        const std::string_view line = next_line(rest);
        const size_t colon = line.find(':');
        if (colon != std::string_view::npos) {
            request.headers.emplace_back(std::string(line.substr(0, colon)), std::string(line.substr(colon + 1)));
        }
    }
    const Response r = g_api->handle(request);
    if (r.deferred) {
        return 0;
    }
    if (r.status >= 500 || r.status < 100) {
        std::abort();  // a request the server could not answer
    }
    if (r.content_type == "application/json" && r.body) {
        // A gzipped body (the client asked for it) is checked once unzipped.
        bool gzipped = false;
        for (const auto& [k, v] : r.headers) {
            gzipped = gzipped || (k == "Content-Encoding" && v == "gzip");
        }
        if (!is_valid_utf8(gzipped ? gunzip(*r.body) : *r.body)) {
            std::abort();
        }
    }
    return 0;
}
