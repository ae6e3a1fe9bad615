#pragma once
// How well would each hotspot method have predicted the months that followed? A
// rolling-origin backtest on the force's own history: train on the months up to t, flag
// the top share of the study area, score on months t+1..t+h, move t on, and average.
//
// Every method scores the same grid of square cells (the study area is the cells whose
// centre lies in an area), so that the flagged areas are equal and comparable:
//   last_counts   incidents in the cell in the training months
//   lsoa_gi       the Getis-Ord Gi* z-score of the cell's LSOA (training counts)
//   kde           quartic kernel density at the cell's centre (bandwidth in metres)
//   places_150m   incidents within 150 m of the cell's centre: the micro-place it anchors
// and each again weighted by harm (suffix _harm). The measures (REFERENCES):
//   hit rate  n / N: share of the test months' incidents in the flagged cells
//   PAI       hit rate / (a / A): over the share of the area flagged
//   PEI*      n / n*: n* is the most any set of as many cells could have held
//   RRI       (n2 / n1) / (N2 / N1): test over training, flagged over all
//   harm hit  the share of the test months' harm in the flagged cells

#include <cstdint>
#include <string>
#include <vector>

#include "geo/aggregate/area_index.hpp"
#include "geo/areas.hpp"
#include "geo/calendar.hpp"
#include "geo/hotspots/weights.hpp"
#include "geo/table.hpp"

namespace hotspot {

struct EvalPoint {
    double x;
    double y;
    Month month;
    double harm;
};

struct EvaluateOptions {
    int train_months = 3;
    int horizon = 1;  ///< test months after each origin
    std::vector<double> shares{0.01, 0.05};
    double cell = 100;        ///< metres
    double bandwidth = 300;   ///< kde, metres
    double place_radius = 150;
    double min_events = 20;   ///< fewer test incidents per window than this: too few to judge
};

/// The measures for one flagged set.
struct FlagScore {
    double hit_rate = 0;
    double pai = 0;
    double pei_star = 0;
    double rri = 0;
    bool rri_defined = false;  ///< false when the flagged cells held no training incident
    double harm_hit = 0;
};

/// Flags the `k` cells with the highest `score` (ties: the lower index) and scores them
/// against the training and test values per cell.
FlagScore score_flagged(const std::vector<double>& score, size_t k, const std::vector<double>& train,
                        const std::vector<double>& test, const std::vector<double>& test_harm);

struct EvaluateRow {
    std::string method;
    double area_share = 0;
    std::string crime_set;
    double hit_rate = 0;
    double pai = 0;
    double pei_star = 0;
    double rri = 0;  ///< NaN when undefined at every origin
    double harm_hit = 0;
    int origins = 0;
    double test_events = 0;  ///< mean per test window
    std::string note;
};

/// The rows as a table: method, area_share, crime_set, hit_rate, pai, pei_star, rri
/// (empty when undefined), harm_hit, origins, test_events and note.
Table evaluation_table(const std::vector<EvaluateRow>& rows);

/// The backtest of every method at every share, for one set of incidents. Throws
/// InputError when the months do not allow a single origin.
std::vector<EvaluateRow> evaluate_methods(const std::vector<EvalPoint>& points, const std::string& crime_set,
                                          const AreaSet& areas, const AreaIndex& index,
                                          const SpatialWeights& weights, Month first, Month last,
                                          const EvaluateOptions& options);

}  // namespace hotspot
