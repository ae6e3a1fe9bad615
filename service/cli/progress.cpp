#include "service/cli/progress.hpp"

#include <cstdio>
#include <unistd.h>

namespace hotspot::cli {

Progress::Progress(bool enabled) : m_enabled(enabled) {}

Progress::~Progress() { finish(); }

bool Progress::stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

void Progress::start(const std::string& label) {
    finish();
    m_label = label;
    m_last = {};
}

void Progress::update(uint64_t done, uint64_t total) {
    if (!m_enabled) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - m_last < std::chrono::milliseconds(200)) {
        return;  // a terminal cannot show more, and printing costs time
    }
    m_last = now;
    if (total > 0) {
        const double pct = 100.0 * static_cast<double>(done) / static_cast<double>(total);
        std::fprintf(stderr, "\r\033[Kreading %s %5.1f%%", m_label.c_str(), pct > 100 ? 100.0 : pct);
    } else {
        std::fprintf(stderr, "\r\033[Kreading %s %llu", m_label.c_str(),
                     static_cast<unsigned long long>(done));
    }
    std::fflush(stderr);
    m_shown = true;
}

void Progress::finish() {
    if (m_shown) {
        std::fprintf(stderr, "\r\033[K");
        std::fflush(stderr);
        m_shown = false;
    }
}

}  // namespace hotspot::cli
