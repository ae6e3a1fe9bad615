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
    const Dictionary& cats = h.snapshot->points().categories();
    h.harm.assign(cats.size(), 1.0);
    for (size_t c = 0; c < cats.size(); ++c) {
        h.harm[c] = h.snapshot->harm().weight(cats.at(c)).value_or(1.0);
    }
    return h;
}

}  // namespace hotspot::cli
