#pragma once
// hotspot dosage: a patrol plan against the patrol logs. Reads the plan `hotspot patrol`
// wrote (and its schedule) and visit records or GPS fixes, and reports per place and per
// day the minutes and visits planned and delivered, with every unusable log row rejected
// by file, line and reason.

#include <string>
#include <vector>

#include "geo/patrol/dosage.hpp"
#include "service/cli/command.hpp"

namespace hotspot::cli {

class DosageCommand final : public Command {
  public:
    CLI::App* setup(CLI::App& app) override;
    int run() override;

  private:
    std::string m_plan;
    std::string m_schedule;
    std::vector<std::string> m_logs;
    std::string m_areas;
    std::string m_from;
    std::string m_to;
    std::string m_date_order = "dmy";
    std::string m_daily;
    std::string m_rejects;
    std::string m_out;
    bool m_quiet = false;
    LogOptions m_options;
};

}  // namespace hotspot::cli
