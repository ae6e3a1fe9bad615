#pragma once
// hotspot aggregate: incidents -> areas -> counts, rates, harm and change per area.

#include <string>

#include "command.hpp"
#include "options.hpp"

namespace hotspot::cli {

class AggregateCommand final : public Command {
  public:
    CLI::App* setup(CLI::App& app) override;
    int run() override;

  private:
    IncidentOptions m_incidents;
    AreaOptions m_areas;
    FilterOptions m_filter;
    std::string m_workspace;
    std::string m_population;
    std::string m_population_code;
    std::string m_population_column;
    std::string m_rollup;
    std::string m_rollup_layer;
    std::string m_harm;
    bool m_no_harm = false;
    double m_snap = 0;
    int m_window = 3;
    double m_alpha = 0.05;
    std::string m_layer = "summary";
    std::string m_out;
    std::string m_rejects;
    bool m_quiet = false;
};

/// The default rejects file for an output: OUT's name without its format ending, plus
/// ".rejects.csv".
std::string default_rejects_path(const std::string& out);

}  // namespace hotspot::cli
