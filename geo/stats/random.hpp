#pragma once
// A small, fast random number generator with a stream per task, so that results of
// permutation tests do not depend on how the work is split between threads.

#include <cstdint>

namespace hotspot::stats {

__extension__ using Uint128 = unsigned __int128;  // a GCC/Clang extension on 64-bit targets

/// SplitMix64 (Steele, Lea and Flood 2014): one 64-bit state, good enough for
/// permutation tests, and cheap to seed one stream per area from (seed, area).
class SplitMix64 {
  public:
    explicit SplitMix64(uint64_t seed) : m_state(seed) {}
    /// The stream for task `index` of a run seeded with `seed`.
    static SplitMix64 stream(uint64_t seed, uint64_t index) {
        SplitMix64 mix(seed ^ (index * 0xD1B54A32D192ED03ULL));
        mix.next();
        return mix;
    }
    uint64_t next() {
        uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, bound), without modulo bias (Lemire's method with rejection).
    uint64_t below(uint64_t bound) {
        for (;;) {
            const Uint128 m = static_cast<Uint128>(next()) * bound;
            const auto low = static_cast<uint64_t>(m);
            if (low >= bound || low >= (0 - bound) % bound) {
                return static_cast<uint64_t>(m >> 64);
            }
        }
    }

  private:
    uint64_t m_state;
};

}  // namespace hotspot::stats
