#pragma once
// The incident history the planning commands (evaluate, patrol) work from: the bundled
// sample or the files given, over the LSOAs (and the wards). Light: no tile geometry, no
// engagement classification, and contiguity weights only for what needs them.

#include <memory>
#include <string>
#include <vector>

#include "service/analysis/snapshot.hpp"

namespace hotspot::server {

struct IncidentHistory {
    std::shared_ptr<const Snapshot> snapshot;

    [[nodiscard]] const AreaLayer& lsoas() const { return *snapshot->layers().front(); }
};

/// What the history is for: a patrol plan needs counts and points only; the backtest
/// also the LSOAs' contiguity weights (its lsoa_gi method).
enum class HistoryUse { patrol, backtest };

/// Loads `incidents` (the sample's when empty) over `areas` (the Essex LSOAs when empty),
/// and the sample's wards too when `wards` (only over the sample's LSOAs).
/// With `exclude`, the incidents at the places its rules flag are left out.
IncidentHistory load_history(HistoryUse use, const std::vector<std::string>& incidents,
                             const std::string& areas, bool wards = false,
                             std::shared_ptr<const PlaceRules> exclude = nullptr);

}  // namespace hotspot::server
