#pragma once
// hotspot aggregate: incidents -> areas -> counts, rates, harm and change per area.

#include <string>

#include "service/cli/analysis_inputs.hpp"
#include "service/cli/command.hpp"
#include "service/cli/options.hpp"

namespace hotspot::cli {

class AggregateCommand final : public Command {
  public:
    CLI::App* setup(CLI::App& app) override;
    int run() override;

  private:
    AnalysisInputs m_inputs;
    FilterOptions m_filter;
    std::string m_rollup;
    std::string m_rollup_layer;
    std::string m_harm;
    bool m_no_harm = false;
    int m_window = 3;
    double m_alpha = 0.05;
    std::string m_layer = "summary";
    std::string m_out;
};

}  // namespace hotspot::cli
