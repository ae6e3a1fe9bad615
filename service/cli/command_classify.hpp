#pragma once
// hotspot classify: the community engagement area classification. Five domain scores per
// area from a survey and public covariates, k-means classes with names and pen
// portraits, and an engagement rich / poor flag per area.

#include <string>

#include "geo/engagement/classify.hpp"
#include "service/cli/command.hpp"

namespace hotspot::cli {

class ClassifyCommand final : public Command {
  public:
    CLI::App* setup(CLI::App& app) override;
    int run() override;

  private:
    std::string m_survey;
    std::string m_items;
    std::string m_areas;
    std::string m_iod;
    std::string m_ruc;
    std::string m_population;
    std::string m_area_column;
    std::string m_weight_column;
    std::string m_transform = "none";
    std::string m_rejects;
    std::string m_classes;
    std::string m_model_inputs;
    std::string m_out;
    bool m_quiet = false;
    EngagementOptions m_options;
};

/// The sample inputs `hotspot classify` uses when none are given (data/...).
struct EngagementSample {
    std::string survey;
    std::string items;
    std::string areas;
    std::string iod;
    std::string ruc;
    std::string population;
    static EngagementSample in(const std::string& data_dir);
};

}  // namespace hotspot::cli
