#pragma once
// The query parameters of /api/patrol and /api/evaluate, checked and bounded before any
// work: what one request may ask the planners for.

#include "geo/box.hpp"
#include "service/analysis/backtest.hpp"
#include "service/analysis/patrol_plan.hpp"
#include "service/http/query.hpp"

namespace hotspot::server {

/// The most visits a plan asked for over HTTP may schedule (officer hours x days over the
/// minutes of a visit and its travel): a year of 80 officer hours a day on 15-minute visits.
inline constexpr double kMaxScheduledVisits = 120000;

/// The patrol options as query parameters read them; throws BadRequest for a value out
/// of range, naming it (413 for a plan of more than kMaxScheduledVisits visits).
PatrolRequest patrol_request_from(const Params& params);

/// The options as query parameters read them (train_months, horizon, cell, bandwidth,
/// shares as a comma list, min_events); throws BadRequest naming a bad one.
EvaluateOptions evaluate_options_from(const Params& params);
/// Throws BadRequest (413) when the backtest's grid over `study_area` would pass
/// kMaxEvaluationCells cells, or its kernel would span more than kMaxKernelCells cells
/// across: the bounds that keep one request's time and memory in check.
void check_evaluation_cost(const EvaluateOptions& options, const Box& study_area);
inline constexpr double kMaxEvaluationCells = 2e6;
inline constexpr double kMaxKernelCells = 60;

}  // namespace hotspot::server
