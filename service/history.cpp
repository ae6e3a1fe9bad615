#include "history.hpp"

#include "options.hpp"

namespace hotspot::cli {

IncidentHistory load_history(const std::vector<std::string>& incidents, const std::string& areas, bool wards) {
    server::SnapshotSources sources = server::SnapshotSources::sample(data_dir());
    if (!wards || !areas.empty()) {
        sources.wards.clear();  // LSOAs only
    }
    sources.survey.clear();
    if (!incidents.empty()) {
        sources.incidents = incidents;
    }
    if (!areas.empty()) {
        sources.lsoas = areas;
        sources.population.clear();
    }
    IncidentHistory h;
    h.snapshot = server::Snapshot::load(sources);
    return h;
}

}  // namespace hotspot::cli
