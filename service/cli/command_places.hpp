#pragma once
// hotspot places: repeat locations. Every place (a police.uk snap point with its location
// text) with its crime and harm, area, ward and street; the streets ranked within each
// ward; how concentrated crime is on places; and the institutional places (airport,
// police stations, prisons, hospitals) flagged by an editable rule file, with the share
// of the result they hold.

#include <string>

#include "service/cli/command.hpp"
#include "service/cli/options.hpp"

namespace hotspot::cli {

class PlacesCommand final : public Command {
  public:
    CLI::App* setup(CLI::App& app) override;
    int run() override;

  private:
    IncidentOptions m_incidents;
    AreaOptions m_areas;
    FilterOptions m_filter;
    std::string m_wards;
    std::string m_rules;
    std::string m_harm;
    std::string m_streets;
    std::string m_monthly;
    std::string m_rejects;
    std::string m_out;
    int m_top = 10;
    int m_window = 3;
    double m_alpha = 0.05;
    bool m_quiet = false;
    bool m_timings = false;
};

}  // namespace hotspot::cli
