#include "service/cli/analysis_inputs.hpp"

#include "geo/error.hpp"
#include "geo/io/area_reader.hpp"
#include "geo/io/incident_source.hpp"
#include "geo/io/layer_writer.hpp"
#include "geo/io/workspace.hpp"
#include "service/cli/progress.hpp"

namespace hotspot::cli {

std::string default_rejects_path(const std::string& out) { return output_sibling(out, ".rejects.csv"); }

std::string output_sibling(const std::string& out, const std::string& ending) {
    std::string stem = out;
    for (const char* ext : {".shp.zip", ".csv", ".gpkg", ".geojson", ".json", ".tif", ".tiff"}) {
        const std::string e(ext);
        if (stem.size() > e.size() && stem.ends_with(e)) {
            stem.resize(stem.size() - e.size());
            break;
        }
    }
    return stem + ending;
}

void AnalysisInputs::add_to(CLI::App& cmd, bool areas_required) {
    m_incidents.add_to(cmd, false);
    cmd.add_option("-w,--workspace", m_workspace,
                   "Also use the incidents stored in this workspace (GeoPackage file or PG:... "
                   "connection string)");
    m_areas.add_to(cmd, areas_required);
    m_places.add_to(cmd, false);
    cmd.add_option("--population", m_population_path,
                   "Population per area (CSV, may be gzipped), e.g. the IoD2019 population "
                   "denominators; gives rates and districts");
    cmd.add_option("--population-code-column", m_population_code,
                   "Column of --population holding the area code (default: guessed)");
    cmd.add_option("--population-column", m_population_column,
                   "Column of --population holding the population (default: guessed)");
    cmd.add_option("--snap-metres", m_snap,
                   "Give an incident outside every area to the nearest area within this "
                   "distance (default 0: leave it unassigned)")
        ->check(CLI::NonNegativeNumber);
    cmd.add_option("--rejects", m_rejects,
                   "Where to write rejected rows (default: OUT with .rejects.csv)");
    cmd.add_flag("-q,--quiet", m_quiet, "Print nothing but errors");
}

void AnalysisInputs::check(const std::string& out) {
    if (m_incidents.inputs.empty() && m_workspace.empty()) {
        throw InputError("give incidents with --incidents or --workspace");
    }
    m_rejects_path = m_rejects.empty() ? default_rejects_path(out) : m_rejects;
    export_format(m_rejects_path);
    m_summary = ReadSummary(m_quiet);
}

OGRSpatialReference AnalysisInputs::crs() const { return parse_working_crs(m_incidents.crs); }

const AreaSet& AnalysisInputs::areas() {
    if (!m_area_set) {
        if (m_areas.path.empty()) {
            throw InputError("this needs area polygons (--areas)");
        }
        m_area_set = std::make_unique<AreaSet>(read_areas(m_areas.path, m_areas.read_options(crs())));
        m_summary.areas(*m_area_set);
    }
    return *m_area_set;
}

const AreaIndex& AnalysisInputs::index() {
    if (!m_index) {
        m_index = std::make_unique<AreaIndex>(areas());
    }
    return *m_index;
}

const PopulationTable* AnalysisInputs::population() {
    if (!m_population_read) {
        m_population_read = true;
        if (!m_population_path.empty()) {
            PopulationOptions po;
            if (!m_population_code.empty()) {
                po.code_column = m_population_code;
            }
            if (!m_population_column.empty()) {
                po.population_column = m_population_column;
            }
            m_population = read_population(m_population_path, po);
            m_summary.population(*m_population);
            m_rejected.append(std::move(m_population->rejects));
        }
    }
    return m_population ? &*m_population : nullptr;
}

void AnalysisInputs::read_incidents(IncidentConsumer& consumer, const std::optional<Box>& extent) {
    const auto mapping = m_incidents.mapping();
    ReadOptions options(crs(), extent);
    options.threads = threads();
    options.encoding = m_incidents.text_encoding();
    options.consumer = &consumer;
    const std::shared_ptr<const PlaceRules> exclude = m_places.exclusion(crs());
    if (exclude) {
        options.exclude = exclusion_of(exclude);
    }
    Progress progress(!m_quiet && Progress::stderr_is_terminal());
    options.progress = [&](uint64_t done, uint64_t total) { progress.update(done, total); };
    ParsedRows rows;
    for (const auto& input : m_incidents.inputs) {
        progress.start(input);
        m_summary.source(hotspot::read_incidents(input, mapping ? &*mapping : nullptr, options, rows));
    }
    if (!m_workspace.empty()) {
        const Workspace ws = Workspace::open(m_workspace, false, crs());
        const SourceMapping ws_mapping = Workspace::incidents_mapping();
        progress.start(m_workspace);
        m_summary.source(hotspot::read_incidents(ws.location(), &ws_mapping, options, rows));
    }
    progress.finish();
    if (exclude) {
        m_summary.excluded(rows.excluded, *exclude, false);
    }
    m_rejected.append(std::move(rows.rejects));
}

void AnalysisInputs::write_rejects() {
    write_table(m_rejected.to_table(), m_rejects_path);
    m_summary.rejects(m_rejected, m_rejects_path);
}

}  // namespace hotspot::cli
