#include "service/analysis/history.hpp"

#include "service/analysis/sample.hpp"

namespace hotspot::server {

IncidentHistory load_history(HistoryUse use, const std::vector<std::string>& incidents,
                             const std::string& areas, bool wards, std::shared_ptr<const PlaceRules> exclude) {
    SnapshotSources sources = SnapshotSources::sample(data_dir());
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
    sources.tiles = false;
    sources.weights = use == HistoryUse::backtest;
    sources.exclude_flagged = std::move(exclude);
    IncidentHistory h;
    h.snapshot = Snapshot::load(sources);
    return h;
}

}  // namespace hotspot::server
