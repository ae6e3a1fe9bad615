#pragma once
// hotspot ingest: validated incidents into the workspace store, one transaction per input.

#include <string>

#include "service/cli/command.hpp"
#include "service/cli/options.hpp"

namespace hotspot::cli {

class IngestCommand final : public Command {
  public:
    CLI::App* setup(CLI::App& app) override;
    int run() override;

  private:
    IncidentOptions m_incidents;
    AreaOptions m_areas;
    std::string m_workspace;
    bool m_quiet = false;
};

}  // namespace hotspot::cli
