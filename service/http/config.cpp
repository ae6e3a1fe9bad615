#include "service/http/config.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "geo/error.hpp"
#include "geo/io/json_file.hpp"

namespace hotspot::server {

namespace {

/// The whole number under `key` (or `fallback`), checked against T's range before it is
/// converted: 1e30 in a JSON file must be a configuration error, not an overflow.
template <typename T>
T whole_number(const nlohmann::json& j, const char* key, T fallback, const std::string& path) {
    const auto it = j.find(key);
    if (it == j.end()) {
        return fallback;
    }
    const auto bad = [&] {
        return ConfigError(path + ": \"" + key + "\" must be a whole number from " +
                           std::to_string(std::numeric_limits<T>::min()) + " to " +
                           std::to_string(std::numeric_limits<T>::max()));
    };
    if (it->is_number_unsigned()) {
        const auto v = it->template get<uint64_t>();
        if (v > static_cast<uint64_t>(std::numeric_limits<T>::max())) {
            throw bad();
        }
        return static_cast<T>(v);
    }
    if (it->is_number_integer()) {
        const auto v = it->template get<int64_t>();
        if (v < static_cast<int64_t>(std::numeric_limits<T>::min()) ||
            (v > 0 && static_cast<uint64_t>(v) > static_cast<uint64_t>(std::numeric_limits<T>::max()))) {
            throw bad();
        }
        return static_cast<T>(v);
    }
    if (it->is_number_float()) {
        const double v = it->template get<double>();
        // 2^64 and above (or below T's least) does not fit: compare as doubles first.
        if (!std::isfinite(v) || v != std::floor(v) || v < static_cast<double>(std::numeric_limits<T>::min()) ||
            v >= static_cast<double>(std::numeric_limits<T>::max())) {
            throw bad();
        }
        return static_cast<T>(v);
    }
    throw bad();
}

}  // namespace

ServerConfig ServerConfig::load(const std::string& path) {
    const nlohmann::json j = read_json_file(path, "cannot be read");
    if (!j.is_object()) {
        throw ConfigError(path + ": must be a JSON object");
    }
    static const std::vector<std::string> kKeys{
        "analyst_tokens", "admin_token", "suppress_below", "cors_origin", "cache_bytes",
        "read_timeout_seconds", "max_header_bytes", "max_body_bytes",
        "max_requests_per_connection", "shutdown_seconds", "work_seconds", "secret_file", "basemap_style"};
    for (const auto& [key, value] : j.items()) {
        if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
            throw ConfigError(path + ": unknown key \"" + key + "\"");
        }
    }
    ServerConfig c;
    try {
        if (j.contains("analyst_tokens")) {
            c.analyst_tokens = j.at("analyst_tokens").get<std::vector<std::string>>();
        }
        c.admin_token = j.value("admin_token", c.admin_token);
        c.suppress_below = whole_number(j, "suppress_below", c.suppress_below, path);
        c.cors_origin = j.value("cors_origin", c.cors_origin);
        c.cache_bytes = whole_number(j, "cache_bytes", c.cache_bytes, path);
        c.read_timeout_seconds = j.value("read_timeout_seconds", c.read_timeout_seconds);
        c.max_header_bytes = whole_number(j, "max_header_bytes", c.max_header_bytes, path);
        c.max_body_bytes = whole_number(j, "max_body_bytes", c.max_body_bytes, path);
        c.max_requests_per_connection = whole_number(j, "max_requests_per_connection", c.max_requests_per_connection, path);
        c.shutdown_seconds = j.value("shutdown_seconds", c.shutdown_seconds);
        c.work_seconds = j.value("work_seconds", c.work_seconds);
        c.secret_file = j.value("secret_file", c.secret_file);
        c.basemap_style = j.value("basemap_style", c.basemap_style);
    } catch (const nlohmann::json::exception& e) {
        throw ConfigError(path + ": " + e.what());
    }
    for (const auto& t : c.analyst_tokens) {
        if (t.size() < 16) {
            throw ConfigError(path + ": \"analyst_tokens\": tokens must have at least 16 characters");
        }
    }
    if (!c.admin_token.empty() && c.admin_token.size() < 16) {
        throw ConfigError(path + ": \"admin_token\" must have at least 16 characters");
    }
    if (c.suppress_below < 0 || c.read_timeout_seconds <= 0 || c.max_header_bytes < 512 ||
        c.max_requests_per_connection < 1 || c.shutdown_seconds < 0 || !(c.work_seconds > 0)) {
        throw ConfigError(path + ": suppress_below, timeouts and limits must be positive");
    }
    return c;
}

}  // namespace hotspot::server
