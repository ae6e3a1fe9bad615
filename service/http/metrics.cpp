#include "service/http/metrics.hpp"

#include <cstdio>

namespace hotspot::server {

void Metrics::record(const std::string& route, int status, double seconds) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    ++m_requests[{route, status}];
    for (size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) {
            ++m_bucket_counts[i];
        }
    }
    ++m_count;
    m_sum += seconds;
}

std::string Metrics::render() const {
    const std::lock_guard<std::mutex> lock(m_mutex);
    std::string out;
    out += "# HELP hotspot_http_requests_total HTTP requests by route and status.\n";
    out += "# TYPE hotspot_http_requests_total counter\n";
    for (const auto& [key, n] : m_requests) {
        out += "hotspot_http_requests_total{route=\"" + key.first + "\",status=\"" +
               std::to_string(key.second) + "\"} " + std::to_string(n) + "\n";
    }
    out += "# HELP hotspot_http_request_duration_seconds Time to answer a request.\n";
    out += "# TYPE hotspot_http_request_duration_seconds histogram\n";
    char buf[64];
    for (size_t i = 0; i < kBuckets.size(); ++i) {
        std::snprintf(buf, sizeof buf, "%g", kBuckets[i]);
        out += std::string("hotspot_http_request_duration_seconds_bucket{le=\"") + buf + "\"} " +
               std::to_string(m_bucket_counts[i]) + "\n";
    }
    out += "hotspot_http_request_duration_seconds_bucket{le=\"+Inf\"} " + std::to_string(m_count) + "\n";
    std::snprintf(buf, sizeof buf, "%.6f", m_sum);
    out += std::string("hotspot_http_request_duration_seconds_sum ") + buf + "\n";
    out += "hotspot_http_request_duration_seconds_count " + std::to_string(m_count) + "\n";
    return out;
}

}  // namespace hotspot::server
