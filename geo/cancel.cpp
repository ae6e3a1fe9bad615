#include "geo/cancel.hpp"

#include <chrono>

namespace hotspot {

namespace {

using Clock = std::chrono::steady_clock;

thread_local CancelScope* t_scope = nullptr;
thread_local Clock::time_point t_next_check{};

}  // namespace

CancelScope::CancelScope(CancelCheck check) : m_check(std::move(check)), m_outer(t_scope) {
    t_scope = this;
    t_next_check = {};
}

CancelScope::~CancelScope() { t_scope = m_outer; }

void cancellation_point() {
    if (t_scope == nullptr || !t_scope->m_check) {
        return;
    }
    const Clock::time_point now = Clock::now();
    if (now < t_next_check) {
        return;
    }
    t_next_check = now + std::chrono::milliseconds(10);
    std::string why = t_scope->m_check();
    if (!why.empty()) {
        throw Cancelled(why);
    }
}

}  // namespace hotspot
