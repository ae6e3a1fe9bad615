#pragma once
// hotspot patrol: micro-places of 150 m (or LSOAs, or wards) where harm concentrates, a
// daily patrol plan within the officer hours split into team beats, a randomised visit
// schedule, a printable briefing per team, and optionally a randomised experiment
// (matched pairs, or a random half each day).

#include <string>
#include <vector>

#include "service/analysis/patrol_plan.hpp"
#include "service/cli/command.hpp"
#include "service/cli/options.hpp"

namespace hotspot::cli {

class PatrolCommand final : public Command {
  public:
    CLI::App* setup(CLI::App& app) override;
    int run() override;

  private:
    std::vector<std::string> m_incidents;
    std::string m_areas;
    PlaceOptions m_places;
    std::string m_window = "10:00-22:00";
    std::string m_schedule;
    std::string m_briefing;
    std::string m_out;
    bool m_quiet = false;
    double m_week_hours = 0;  ///< --officer-hours-week, when given
    server::PatrolRequest m_request;
};

}  // namespace hotspot::cli
