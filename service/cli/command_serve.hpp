#pragma once
// hotspot serve: the map service. With no input options it serves the bundled sample.

#include <string>
#include <vector>

#include "service/cli/command.hpp"
#include "service/cli/options.hpp"
#include "service/http/config.hpp"

namespace hotspot::cli {

class ServeCommand final : public Command {
  public:
    CLI::App* setup(CLI::App& app) override;
    int run() override;

  private:
    /// Where the disclosure control secret is kept: "secret_file" of the configuration,
    /// else beside the configuration file, else in the user's state folder.
    [[nodiscard]] std::string secret_path(const server::ServerConfig& config) const;

    std::vector<std::string> m_incidents;
    std::string m_workspace;
    std::string m_areas;
    std::string m_wards;
    std::string m_population;
    std::string m_encoding{"utf-8"};
    std::string m_config;
    std::string m_bind = "127.0.0.1";
    int m_port = 8080;
    int m_threads = 0;
    PlaceOptions m_places;
    std::string m_zones;
    std::string m_web_root;
    std::string m_access_log = "-";
};

}  // namespace hotspot::cli
