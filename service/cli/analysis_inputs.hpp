#pragma once
// The inputs the analysis commands share: incidents (files, a workspace or both), area
// polygons, a population table, and where rejected rows go. One place declares the
// options, reads the inputs with progress, and reports what was read.

#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "geo/aggregate/area_index.hpp"
#include "geo/areas.hpp"
#include "geo/incidents.hpp"
#include "geo/io/population.hpp"
#include "geo/rejects.hpp"
#include "service/cli/options.hpp"
#include "service/cli/read_summary.hpp"

namespace hotspot::cli {

class AnalysisInputs {
  public:
    /// Declares the options on `cmd`; --areas is required when `areas_required`.
    void add_to(CLI::App& cmd, bool areas_required);

    /// Checks the command line once parsed: some incidents, and output names whose
    /// format is known (`out` and the rejects file). Throws InputError or OutputError.
    void check(const std::string& out);

    [[nodiscard]] OGRSpatialReference crs() const;
    [[nodiscard]] bool quiet() const { return m_quiet; }
    [[nodiscard]] int threads() const { return m_incidents.thread_count(); }
    [[nodiscard]] double snap_metres() const { return m_snap; }
    [[nodiscard]] bool has_areas() const { return !m_areas.path.empty(); }
    [[nodiscard]] ReadSummary& summary() { return m_summary; }

    /// Reads the areas (and builds their index); needs --areas.
    const AreaSet& areas();
    const AreaIndex& index();
    /// The population table, if --population was given (its rejects join the others).
    const PopulationTable* population();

    /// Streams every incident input through `consumer`. Points outside `extent` (the
    /// areas' extent, when known) are rejected.
    void read_incidents(IncidentConsumer& consumer, const std::optional<Box>& extent);

    /// Writes every rejected row to the rejects file and reports them.
    void write_rejects();

  private:
    IncidentOptions m_incidents;
    AreaOptions m_areas;
    PlaceOptions m_places;
    std::string m_workspace;
    std::string m_population_path;
    std::string m_population_code;
    std::string m_population_column;
    double m_snap = 0;
    std::string m_rejects;
    bool m_quiet = false;

    std::string m_rejects_path;
    ReadSummary m_summary{false};
    RejectLog m_rejected;
    std::unique_ptr<AreaSet> m_area_set;
    std::unique_ptr<AreaIndex> m_index;
    std::optional<PopulationTable> m_population;
    bool m_population_read = false;
};

/// The default rejects file for an output: OUT's name without its format ending, plus
/// ".rejects.csv".
std::string default_rejects_path(const std::string& out);

/// A file beside an output: OUT's name without its format ending, plus `ending`
/// (".classes.csv", ".svg").
std::string output_sibling(const std::string& out, const std::string& ending);

}  // namespace hotspot::cli
