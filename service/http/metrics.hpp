#pragma once
// Counters for GET /metrics in the Prometheus text format: requests by route and status,
// a latency histogram, and whatever the caller adds (cache, data age).

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace hotspot::server {

class Metrics {
  public:
    static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                     0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
    void record(const std::string& route, int status, double seconds);
    /// The request and latency metrics as Prometheus text.
    [[nodiscard]] std::string render() const;

  private:
    mutable std::mutex m_mutex;
    std::map<std::pair<std::string, int>, uint64_t> m_requests;
    std::array<uint64_t, kBuckets.size()> m_bucket_counts{};
    uint64_t m_count = 0;
    double m_sum = 0;
};

}  // namespace hotspot::server
