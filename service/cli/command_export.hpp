#pragma once
// hotspot export: layers stored in a workspace, in the format a GIS tool wants.

#include <string>

#include "service/cli/command.hpp"
#include "service/cli/options.hpp"

namespace hotspot::cli {

class ExportCommand final : public Command {
  public:
    CLI::App* setup(CLI::App& app) override;
    int run() override;

  private:
    std::string m_workspace;
    std::string m_layer = "incidents";
    FilterOptions m_filter;
    std::string m_crs{kDefaultWorkingCrs};
    std::string m_out;
    bool m_quiet = false;
};

}  // namespace hotspot::cli
