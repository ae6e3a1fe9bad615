#pragma once
// hotspot hotspots: Getis-Ord Gi*, local Moran's I, kernel density, emerging hot spots
// and the concentration curve, all on the same filter.

#include <optional>
#include <string>

#include "service/cli/analysis_inputs.hpp"
#include "service/cli/command.hpp"
#include "service/cli/options.hpp"

namespace hotspot::cli {

class HotspotsCommand final : public Command {
  public:
    CLI::App* setup(CLI::App& app) override;
    int run() override;

  private:
    int run_kde();
    int run_areas();
    /// The filter with the knife crime definition applied, if asked for.
    Filter filter_for(const Dictionary& categories) const;
    /// "(default)" when the user did not set the option.
    [[nodiscard]] std::string chosen(const CLI::Option* option) const;

    AnalysisInputs m_inputs;
    FilterOptions m_filter;
    std::string m_method;
    std::string m_value = "count";
    std::string m_harm;
    bool m_knife = false;
    std::string m_knife_definition;
    std::string m_weights = "queen";
    double m_tolerance = 1.0;
    int m_k = 8;
    double m_distance = 0;
    bool m_row_standardise = false;
    bool m_binary = false;
    bool m_no_fdr = false;
    int m_permutations = 999;
    uint64_t m_seed = 12345;
    double m_alpha = 0.05;
    double m_trend_alpha = 0.05;
    std::optional<double> m_bandwidth;
    std::optional<double> m_cell;
    std::string m_write_weights;
    bool m_timings = false;
    std::string m_out;
    CLI::Option* m_weights_option = nullptr;
    CLI::Option* m_value_option = nullptr;
    CLI::Option* m_fdr_option = nullptr;
    CLI::Option* m_bandwidth_option = nullptr;
    CLI::Option* m_cell_option = nullptr;
};

}  // namespace hotspot::cli
