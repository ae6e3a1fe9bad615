#pragma once
// The server's configuration file (JSON). Every key is optional:
//
//   {
//     "analyst_tokens": ["..."],   bearer tokens that see unsuppressed counts and points
//     "admin_token": "...",        bearer token for POST /api/reload (and analyst rights)
//     "suppress_below": 3,         public counts from 1 to this minus 1 are hidden
//     "cors_origin": "*",          Access-Control-Allow-Origin ("" to send none)
//     "cache_bytes": 268435456,    tile and response cache budget
//     "read_timeout_seconds": 15,  per read and per write; idle keep-alive connections too
//     "max_header_bytes": 8192,
//     "max_body_bytes": 65536,
//     "max_requests_per_connection": 1000,
//     "shutdown_seconds": 10,      how long requests in flight get at SIGINT/SIGTERM
//     "work_seconds": 60,          how long one request's work may run (then 503)
//     "secret_file": "",           the disclosure control secret (made when missing;
//                                  default: hotspot-secret beside this file)
//     "basemap_style": ""          a MapLibre style URL for the page, for deployments online
//   }

#include <cstdint>
#include <string>
#include <vector>

namespace hotspot::server {

struct ServerConfig {
    std::vector<std::string> analyst_tokens;
    std::string admin_token;
    int suppress_below = 3;
    std::string cors_origin = "*";
    size_t cache_bytes = size_t{256} << 20;
    double read_timeout_seconds = 15;
    uint32_t max_header_bytes = 8192;
    uint32_t max_body_bytes = 65536;
    int max_requests_per_connection = 1000;
    double shutdown_seconds = 10;
    double work_seconds = 60;
    std::string secret_file;
    std::string basemap_style;

    /// Reads a configuration file. Throws ConfigError naming the file and key at fault.
    static ServerConfig load(const std::string& path);
};

}  // namespace hotspot::server
