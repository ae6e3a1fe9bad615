#pragma once
// The backtest of every hotspot method over a snapshot's incidents, for all crime and for
// knife crime: the one place where `hotspot evaluate` and GET /api/evaluate get their
// rows, their table, their verdicts and their chart.

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "geo/hotspots/backtest.hpp"
#include "geo/table.hpp"
#include "service/analysis/map_query.hpp"
#include "service/analysis/snapshot.hpp"

namespace hotspot::server {

struct Evaluation {
    EvaluateOptions options;
    std::vector<EvaluateRow> rows;  ///< every method x share x crime set
    std::string windows;            ///< "train 3 months, score the next 1, 4 origins, 100 m cells"
    Table table;                    ///< the rows as the export path writes them
};

/// Every option that changes the result, for caching.
std::string evaluate_key(const EvaluateOptions& options);

/// Backtests all crime and knife crime over the snapshot's months. Throws InputError
/// when the months are too few for one origin.
std::unique_ptr<Evaluation> evaluate_snapshot(const Snapshot& snapshot, const EvaluateOptions& options);

/// What a crime set's rows say: the method with the highest PAI at the smallest share,
/// or that there were too few events to judge.
std::string evaluation_verdict(const std::vector<EvaluateRow>& rows, const std::string& crime_set);

/// The evaluation as JSON: the rows, and per crime set its verdict.
nlohmann::json evaluation_json(const Evaluation& evaluation);

}  // namespace hotspot::server
