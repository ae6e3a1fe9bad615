#include "geo/aggregate/orientation.hpp"

#include <array>
#include <cmath>

namespace hotspot {
namespace {

struct Pair {
    double hi;
    double lo;
};

/// a + b = hi + lo exactly.
inline Pair two_sum(double a, double b) {
    const double s = a + b;
    const double bv = s - a;
    const double av = s - bv;
    return {s, (a - av) + (b - bv)};
}

/// a * b = hi + lo exactly (the fused multiply-add rounds only once).
inline Pair two_product(double a, double b) {
    const double p = a * b;
    return {p, std::fma(a, b, -p)};
}

/// Sign of the sum of `terms`, computed exactly: the terms are accumulated into a
/// non-overlapping expansion whose most significant non-zero component carries the sign.
template <size_t N>
int exact_sign(const std::array<double, N>& terms) {
    std::array<double, N> e{};
    size_t len = 0;
    for (const double t : terms) {
        double q = t;
        for (size_t i = 0; i < len; ++i) {
            const Pair s = two_sum(q, e[i]);
            e[i] = s.lo;
            q = s.hi;
        }
        e[len++] = q;
    }
    for (size_t i = len; i-- > 0;) {
        if (e[i] > 0) {
            return 1;
        }
        if (e[i] < 0) {
            return -1;
        }
    }
    return 0;
}

int orientation_exact(double ax, double ay, double bx, double by, double cx, double cy) {
    // det = (ax - cx)(by - cy) - (ay - cy)(bx - cx), each difference split exactly.
    const Pair acx = two_sum(ax, -cx);
    const Pair bcy = two_sum(by, -cy);
    const Pair acy = two_sum(ay, -cy);
    const Pair bcx = two_sum(bx, -cx);
    std::array<double, 16> terms{};
    size_t k = 0;
    for (const double l1 : {acx.hi, acx.lo}) {
        for (const double l2 : {bcy.hi, bcy.lo}) {
            const Pair p = two_product(l1, l2);
            terms[k++] = p.hi;
            terms[k++] = p.lo;
        }
    }
    for (const double r1 : {acy.hi, acy.lo}) {
        for (const double r2 : {bcx.hi, bcx.lo}) {
            const Pair p = two_product(r1, r2);
            terms[k++] = -p.hi;
            terms[k++] = -p.lo;
        }
    }
    return exact_sign(terms);
}

}  // namespace

int orientation(double ax, double ay, double bx, double by, double cx, double cy) {
    const double left = (ax - cx) * (by - cy);
    const double right = (ay - cy) * (bx - cx);
    const double det = left - right;
    // Error bound of the floating-point determinant (Shewchuk's ccwerrboundA).
    constexpr double kEpsilon = 0x1p-53;
    constexpr double kBound = (3.0 + 16.0 * kEpsilon) * kEpsilon;
    const double bound = kBound * (std::fabs(left) + std::fabs(right));
    if (det > bound) {
        return 1;
    }
    if (det < -bound) {
        return -1;
    }
    return orientation_exact(ax, ay, bx, by, cx, cy);
}

}  // namespace hotspot
