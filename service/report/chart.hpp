#pragma once
// The backtest's result as a chart (SVG), for `hotspot evaluate` and GET /api/evaluate/chart.

#include <string>
#include <vector>

#include "geo/hotspots/backtest.hpp"

namespace hotspot::report {

/// Bar charts of PAI by method, one group of bars per area share, a panel per crime set
/// (all crime, knife crime), as SVG, each panel headed by its verdict.
std::string pai_chart_svg(const std::vector<EvaluateRow>& rows, const std::string& subtitle);

}  // namespace hotspot::report
