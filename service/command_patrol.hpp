#pragma once
// hotspot patrol: micro-places of 150 m where harm concentrates, a daily patrol plan
// within the officer hours, a randomised visit schedule, and optionally a randomised
// experiment (matched pairs, or a random half each day).

#include <string>
#include <vector>

#include "command.hpp"
#include "geo/patrol.hpp"

namespace hotspot::cli {

class PatrolCommand final : public Command {
  public:
    CLI::App* setup(CLI::App& app) override;
    int run() override;

  private:
    std::vector<std::string> m_incidents;
    std::string m_areas;
    int m_months = 3;
    bool m_knife = false;
    std::string m_window = "10:00-22:00";
    std::string m_schedule;
    std::string m_out;
    bool m_quiet = false;
    PlaceOptions m_places;
    PlanOptions m_plan;
};

}  // namespace hotspot::cli
