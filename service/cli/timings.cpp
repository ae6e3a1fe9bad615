#include "service/cli/timings.hpp"

#include <cstdio>

namespace hotspot::cli {

Timings::Timings(bool enabled)
    : m_enabled(enabled), m_start(std::chrono::steady_clock::now()), m_last(m_start) {}

void Timings::lap(const std::string& stage) {
    const auto now = std::chrono::steady_clock::now();
    m_stages.emplace_back(stage, std::chrono::duration<double>(now - m_last).count());
    m_last = now;
}

void Timings::print() const {
    if (!m_enabled) {
        return;
    }
    for (const auto& [stage, seconds] : m_stages) {
        std::fprintf(stderr, "timing     %-12s %8.3f s\n", stage.c_str(), seconds);
    }
    std::fprintf(stderr, "timing     %-12s %8.3f s\n", "total",
                 std::chrono::duration<double>(m_last - m_start).count());
}

}  // namespace hotspot::cli
