#pragma once
// hotspot evaluate: a rolling-origin backtest of every hotspot method on the force's own
// history (hit rate, PAI, PEI*, RRI), for all crime and for knife crime, as a table and
// a chart.

#include <string>
#include <vector>

#include "geo/hotspots/backtest.hpp"
#include "service/cli/command.hpp"
#include "service/cli/options.hpp"

namespace hotspot::cli {

class EvaluateCommand final : public Command {
  public:
    CLI::App* setup(CLI::App& app) override;
    int run() override;

  private:
    std::vector<std::string> m_incidents;
    std::string m_areas;
    PlaceOptions m_places;
    std::string m_chart;
    std::string m_out;
    bool m_quiet = false;
    EvaluateOptions m_options;
};

}  // namespace hotspot::cli
