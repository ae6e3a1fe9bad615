#pragma once
// The Knox test for near repeats as the Near Repeat Calculator (Ratcliffe 2009, version
// 1.3) computes it: every pair of events binned by distance and by gap in days; expected
// counts by Monte Carlo permutation of the days over the fixed locations; the observed
// over mean expected ratio and a pseudo p-value per cell.
//
// Bands follow the calculator's edges, half-open and measured on whole days:
//   distance: "same" [0, 1) m, then [1, B), [B, 2B), ..., [(n-1)B, nB), and "more" [nB, inf)
//   days:     [0, T), [T, 2T), ..., [(m-1)T, mT), and "more" [mT, inf)
// and its labels: "same", "1-100", "101-200", ">300"; "0-7", "8-14", ">21" (so "0-7"
// holds gaps of 0 to 6 days). These edges reproduce the calculator's observed counts
// exactly on its own published output.

#include <cstdint>
#include <string>
#include <vector>

#include "geo/io/dated_events.hpp"

namespace hotspot {

enum class DistanceMetric { manhattan, euclidean };

struct KnoxOptions {
    double distance_band = 100;  ///< metres, at least 1
    int distance_bands = 3;
    int time_band = 7;           ///< days
    int time_bands = 3;
    DistanceMetric metric = DistanceMetric::manhattan;
    int permutations = 999;
    uint64_t seed = 1;
    int threads = 0;              ///< 0: all cores; the result does not depend on it
    int64_t max_close_pairs = 50'000'000;  ///< more is refused (memory), naming the bands
};

struct KnoxCell {
    int distance_band = 0;  ///< 0 same, 1..n the bands, n + 1 more
    int time_band = 0;      ///< 0..m - 1 the bands, m more
    int64_t observed = 0;
    double expected = 0;    ///< mean over the permutations
    double sd = 0;          ///< standard deviation over the permutations
    int64_t sim_min = 0;
    int64_t sim_max = 0;
    int64_t at_least = 0;   ///< permutations with a count at least the observed
    double ratio = 0;       ///< observed / expected; NaN when expected is 0
    double p = 1;           ///< (1 + at_least) / (permutations + 1)
};

struct KnoxResult {
    KnoxOptions options;
    int64_t events = 0;
    int64_t pairs = 0;        ///< n(n - 1) / 2
    int64_t close_pairs = 0;  ///< pairs closer than the last distance band's edge
    std::vector<KnoxCell> cells;  ///< distance major: (distance_bands + 2) x (time_bands + 1)

    [[nodiscard]] const KnoxCell& cell(int distance_band, int time_band) const {
        return cells.at(static_cast<size_t>(distance_band * (options.time_bands + 1) + time_band));
    }
    /// The smallest p-value the permutations can give: 1 / (permutations + 1).
    [[nodiscard]] double best_p() const { return 1.0 / (options.permutations + 1); }
};

/// Runs the test. Throws InputError for bands or permutations out of range, fewer than two
/// events, or more close pairs than the limit.
KnoxResult knox_test(const std::vector<DatedEvent>& events, const KnoxOptions& options);

/// "same", "1-100", "101-200", ">300".
std::string distance_label(const KnoxOptions& options, int band);
/// "0-7", "8-14", ">21".
std::string time_label(const KnoxOptions& options, int band);
/// Half-open edges of a band: metres [lo, hi) and days [lo, hi); hi < 0 for the open band.
double distance_lo(const KnoxOptions& options, int band);
double distance_hi(const KnoxOptions& options, int band);
int time_lo(const KnoxOptions& options, int band);
int time_hi(const KnoxOptions& options, int band);

/// What the calculator says in words, one sentence per finding: near repeats within each
/// distance band that is significant (p <= 0.05) and meaningful (ratio >= 1.2) from the
/// first time band on, "for up to D days"; the most over-represented such zone and how
/// much greater the chance is; the same for repeats at the same location. Also says when
/// the permutations are too few for p <= 0.05.
struct KnoxFinding {
    bool near_repeat = false;
    bool repeat = false;
    std::vector<std::string> lines;
    /// The zone of raised risk: events within `zone_metres` and `zone_days` of an event
    /// (0 when no near-repeat pattern was found).
    double zone_metres = 0;
    int zone_days = 0;
};
KnoxFinding describe_knox(const KnoxResult& result, double alpha = 0.05, double meaningful = 1.2);

}  // namespace hotspot
