#pragma once
// Splitting a loop over [0, n) across threads in contiguous, ordered ranges, so that the
// result does not depend on the number of threads.

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace hotspot {

/// Calls fn(begin, end, part) for `parts` contiguous ranges covering [0, n), one thread
/// per range (the calling thread takes the first).
template <typename Fn>
void parallel_ranges(size_t n, int threads, Fn&& fn) {
    const size_t parts = std::clamp<size_t>(static_cast<size_t>(std::max(threads, 1)), 1,
                                            std::max<size_t>(n, 1));
    if (parts == 1) {
        fn(size_t{0}, n, size_t{0});
        return;
    }
    std::vector<std::thread> pool;
    pool.reserve(parts - 1);
    for (size_t p = 1; p < parts; ++p) {
        pool.emplace_back([&fn, n, parts, p] { fn(n * p / parts, n * (p + 1) / parts, p); });
    }
    fn(size_t{0}, n / parts, size_t{0});
    for (auto& t : pool) {
        t.join();
    }
}

/// The number of threads to use when the user did not say: all cores.
inline int default_threads() {
    return static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
}

/// The threads to use for a request of `requested` (0 or less: all cores). More threads
/// than cores only cost memory (each reader thread holds its own buffers), so a larger
/// request is capped at the cores.
inline int capped_threads(int requested) {
    return requested <= 0 ? default_threads() : std::min(requested, default_threads());
}

}  // namespace hotspot
