#include "service/cli/command_ingest.hpp"

#include "geo/error.hpp"
#include "geo/io/area_reader.hpp"
#include "geo/io/workspace.hpp"
#include "service/cli/exit_codes.hpp"
#include "service/cli/progress.hpp"
#include "service/cli/read_summary.hpp"

namespace hotspot::cli {

CLI::App* IngestCommand::setup(CLI::App& app) {
    auto* cmd = app.add_subcommand(
        "ingest",
        "Validate incidents and store them in a workspace (GeoPackage or PostGIS), with an "
        "ingest log and every rejected row. Each input is stored whole or not at all; an "
        "input whose content was ingested before is skipped.");
    cmd->add_option("-w,--workspace", m_workspace,
                    "Workspace: a GeoPackage file (created if missing) or a PostGIS "
                    "connection string PG:\"dbname=... host=...\"")
        ->required();
    m_incidents.add_to(*cmd, true);
    m_areas.add_to(*cmd, false);
    cmd->get_option("--areas")->description(
        "Optional area polygons: incidents outside their extent are rejected");
    cmd->add_flag("-q,--quiet", m_quiet, "Print nothing but errors");
    cmd->footer(std::string("Example:\n  hotspot ingest --workspace essex.gpkg --incidents "
                            "data/police-uk/essex/*.csv\n\n") +
                kExitCodeHelp);
    return cmd;
}

int IngestCommand::run() {
    const OGRSpatialReference crs = parse_working_crs(m_incidents.crs);
    const auto mapping = m_incidents.mapping();
    std::optional<Box> extent;
    if (!m_areas.path.empty()) {
        const AreaSet areas = read_areas(m_areas.path, m_areas.read_options(crs));
        extent = areas.extent();
    }
    Workspace ws = Workspace::open(m_workspace, true, crs);
    ReadOptions options(crs, extent);
    options.threads = m_incidents.thread_count();
    options.encoding = m_incidents.text_encoding();
    Progress progress(!m_quiet && Progress::stderr_is_terminal());
    options.progress = [&](uint64_t done, uint64_t total) { progress.update(done, total); };
    for (const auto& input : m_incidents.inputs) {
        progress.start(input);
        const IngestResult r = ws.ingest(input, mapping ? &*mapping : nullptr, options);
        progress.finish();
        if (m_quiet) {
            continue;
        }
        if (r.skipped) {
            std::printf("skipped   %s: the same content was ingested on %s (ingest %lld)\n",
                        input.c_str(), r.entry.finished.c_str(),
                        static_cast<long long>(r.entry.id));
        } else {
            std::printf("ingested  %s: %s incidents, %s rejected, %s already stored (ingest %lld; %s)\n",
                        input.c_str(), with_commas(r.entry.accepted).c_str(),
                        with_commas(r.entry.rejected).c_str(), with_commas(r.entry.duplicates).c_str(),
                        static_cast<long long>(r.entry.id), r.description.c_str());
        }
    }
    if (!m_quiet) {
        std::printf("workspace %s: %s incidents from %zu ingests\n", m_workspace.c_str(),
                    with_commas(ws.incident_count()).c_str(), ws.log().size());
    }
    return kSuccess;
}

}  // namespace hotspot::cli
