#include "geo/stats/kmeans.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <thread>

#include "geo/stats/random.hpp"

namespace hotspot {

namespace {

double distance2(const double* a, const double* b, size_t d) {
    double s = 0;
    for (size_t j = 0; j < d; ++j) {
        const double t = a[j] - b[j];
        s += t * t;
    }
    return s;
}

double uniform(stats::SplitMix64& rng) {
    return static_cast<double>(rng.next() >> 11) * 0x1.0p-53;
}

/// One start: k-means++ seeding, then Lloyd's iterations until no row moves.
KMeansResult one_start(const std::vector<double>& data, size_t n, size_t d, int k, uint64_t seed, int start) {
    stats::SplitMix64 rng = stats::SplitMix64::stream(seed, static_cast<uint64_t>(start));
    const auto kk = static_cast<size_t>(k);
    std::vector<double> centre(kk * d);
    std::vector<double> nearest(n, std::numeric_limits<double>::infinity());
    size_t first = rng.below(n);
    std::copy_n(&data[first * d], d, &centre[0]);
    for (size_t c = 1; c < kk; ++c) {
        double total = 0;
        for (size_t i = 0; i < n; ++i) {
            nearest[i] = std::min(nearest[i], distance2(&data[i * d], &centre[(c - 1) * d], d));
            total += nearest[i];
        }
        size_t pick = n - 1;
        if (total > 0) {
            double target = uniform(rng) * total;
            for (size_t i = 0; i < n; ++i) {
                target -= nearest[i];
                if (target < 0) {
                    pick = i;
                    break;
                }
            }
        } else {
            pick = rng.below(n);
        }
        std::copy_n(&data[pick * d], d, &centre[c * d]);
    }
    std::vector<int> label(n, -1);
    std::vector<int64_t> size(kk);
    for (int iteration = 0; iteration < 300; ++iteration) {
        bool moved = false;
        for (size_t i = 0; i < n; ++i) {
            int best = 0;
            double best_d = std::numeric_limits<double>::infinity();
            for (size_t c = 0; c < kk; ++c) {
                const double dd = distance2(&data[i * d], &centre[c * d], d);
                if (dd < best_d) {
                    best_d = dd;
                    best = static_cast<int>(c);
                }
            }
            moved = moved || label[i] != best;
            label[i] = best;
        }
        if (!moved) {
            break;
        }
        std::fill(centre.begin(), centre.end(), 0.0);
        std::fill(size.begin(), size.end(), 0);
        for (size_t i = 0; i < n; ++i) {
            const auto c = static_cast<size_t>(label[i]);
            ++size[c];
            for (size_t j = 0; j < d; ++j) {
                centre[c * d + j] += data[i * d + j];
            }
        }
        for (size_t c = 0; c < kk; ++c) {
            if (size[c] == 0) {
                // An empty cluster takes the row farthest from its centre.
                size_t far = 0;
                double far_d = -1;
                for (size_t i = 0; i < n; ++i) {
                    const double dd = distance2(&data[i * d], &centre[static_cast<size_t>(label[i]) * d], d);
                    if (dd > far_d) {
                        far_d = dd;
                        far = i;
                    }
                }
                std::copy_n(&data[far * d], d, &centre[c * d]);
                continue;
            }
            for (size_t j = 0; j < d; ++j) {
                centre[c * d + j] /= static_cast<double>(size[c]);
            }
        }
    }
    KMeansResult r;
    r.k = k;
    r.label = std::move(label);
    r.centre = std::move(centre);
    r.size.assign(kk, 0);
    for (size_t i = 0; i < n; ++i) {
        ++r.size[static_cast<size_t>(r.label[i])];
        r.within_ss += distance2(&data[i * d], &r.centre[static_cast<size_t>(r.label[i]) * d], d);
    }
    r.best_start = start;
    return r;
}

}  // namespace

double KMeansResult::calinski_harabasz() const {
    int64_t n = 0;
    for (const auto s : size) {
        n += s;
    }
    if (k < 2 || n <= k || within_ss <= 0) {
        return 0;
    }
    return (between_ss / (k - 1)) / (within_ss / static_cast<double>(n - k));
}

KMeansResult kmeans(const std::vector<double>& data, size_t d, int k, int starts, uint64_t seed, int threads) {
    const size_t n = d == 0 ? 0 : data.size() / d;
    if (k < 2 || static_cast<size_t>(k) > n) {
        throw std::invalid_argument("k-means: k must be from 2 to the number of rows (" + std::to_string(n) + ")");
    }
    starts = std::max(1, starts);
    const int workers = std::max(1, std::min(starts, threads > 0 ? threads
                                                                 : static_cast<int>(std::thread::hardware_concurrency())));
    std::vector<KMeansResult> best(static_cast<size_t>(workers));
    std::vector<std::thread> pool;
    for (int w = 0; w < workers; ++w) {
        pool.emplace_back([&, w] {
            KMeansResult& mine = best[static_cast<size_t>(w)];
            mine.within_ss = std::numeric_limits<double>::infinity();
            for (int s = w; s < starts; s += workers) {
                KMeansResult r = one_start(data, n, d, k, seed, s);
                if (r.within_ss < mine.within_ss ||
                    (r.within_ss == mine.within_ss && r.best_start < mine.best_start)) {
                    mine = std::move(r);
                }
            }
        });
    }
    for (auto& t : pool) {
        t.join();
    }
    // The lowest sum of squares; ties to the earliest start, whatever the thread count.
    KMeansResult r = std::move(*std::min_element(best.begin(), best.end(), [](const auto& a, const auto& b) {
        return a.within_ss != b.within_ss ? a.within_ss < b.within_ss : a.best_start < b.best_start;
    }));
    // Clusters numbered by size, largest first (ties: by first row), so labels are stable.
    const auto kk = static_cast<size_t>(k);
    std::vector<size_t> first_row(kk, n);
    for (size_t i = 0; i < n; ++i) {
        first_row[static_cast<size_t>(r.label[i])] = std::min(first_row[static_cast<size_t>(r.label[i])], i);
    }
    std::vector<size_t> order(kk);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return r.size[a] != r.size[b] ? r.size[a] > r.size[b] : first_row[a] < first_row[b];
    });
    std::vector<int> rename(kk);
    std::vector<double> centre(kk * d);
    std::vector<int64_t> size(kk);
    for (size_t c = 0; c < kk; ++c) {
        rename[order[c]] = static_cast<int>(c);
        std::copy_n(&r.centre[order[c] * d], d, &centre[c * d]);
        size[c] = r.size[order[c]];
    }
    for (auto& l : r.label) {
        l = rename[static_cast<size_t>(l)];
    }
    r.centre = std::move(centre);
    r.size = std::move(size);
    std::vector<double> mean(d, 0.0);
    for (size_t i = 0; i < n; ++i) {
        for (size_t j = 0; j < d; ++j) {
            mean[j] += data[i * d + j] / static_cast<double>(n);
        }
    }
    r.between_ss = 0;
    for (size_t c = 0; c < kk; ++c) {
        r.between_ss += static_cast<double>(r.size[c]) * distance2(&r.centre[c * d], mean.data(), d);
    }
    return r;
}

}  // namespace hotspot
