#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "geo/aggregate/orientation.hpp"

using namespace hotspot;

namespace {
__extension__ using Int128 = __int128;  // a GCC extension, for the exact reference
}  // namespace

TEST_CASE("orientation signs", "[orientation]") {
    CHECK(orientation(0, 0, 1, 0, 0, 1) == 1);
    CHECK(orientation(0, 0, 1, 0, 0, -1) == -1);
    CHECK(orientation(0, 0, 1, 0, 2, 0) == 0);
    CHECK(orientation(0, 0, 1, 1, 0.5, 0.5) == 0);
}

TEST_CASE("orientation is exact where floating point is not", "[orientation]") {
    // Points on the line y = x, offset by one unit in the last place: the naive
    // determinant rounds to 0 or the wrong sign; the exact one does not.
    const double a = 0.5;
    for (int i = 0; i < 200; ++i) {
        const double x = a + i * 1e-17;
        const double above = std::nextafter(x, 1.0);
        const double below = std::nextafter(x, 0.0);
        CHECK(orientation(12.0, 12.0, 24.0, 24.0, x, x) == 0);
        CHECK(orientation(12.0, 12.0, 24.0, 24.0, x, above) == 1);
        CHECK(orientation(12.0, 12.0, 24.0, 24.0, x, below) == -1);
    }
}

TEST_CASE("orientation agrees with exact integer arithmetic near the line", "[orientation]") {
    // Coordinates on a grid of 2^-10 m below 2^40 m: the determinant of their integer
    // versions fits in 128 bits, which gives the true sign to compare with.
    std::mt19937_64 rng(11);
    std::uniform_int_distribution<int64_t> coord(0, int64_t{1} << 30);
    std::uniform_int_distribution<int64_t> jitter(-2, 2);
    const double unit = std::ldexp(1.0, -10);
    int near_zero = 0;
    for (int i = 0; i < 100000; ++i) {
        const int64_t ax = coord(rng);
        const int64_t ay = coord(rng);
        const int64_t bx = coord(rng);
        const int64_t by = coord(rng);
        // A point near the line through a and b: a step along it, nudged by a unit or two.
        const int64_t k = coord(rng) % 1024;
        const int64_t cx = ax + (bx - ax) / 1024 * k + jitter(rng);
        const int64_t cy = ay + (by - ay) / 1024 * k + jitter(rng);
        const Int128 det = static_cast<Int128>(ax - cx) * (by - cy) -
                           static_cast<Int128>(ay - cy) * (bx - cx);
        const int expected = det > 0 ? 1 : (det < 0 ? -1 : 0);
        near_zero += expected == 0 ? 1 : 0;
        const int got = orientation(ax * unit, ay * unit, bx * unit, by * unit, cx * unit, cy * unit);
        if (got != expected) {
            FAIL("orientation " << got << " but exactly " << expected << " at case " << i);
        }
    }
    CHECK(near_zero > 0);
}
