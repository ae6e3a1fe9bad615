#pragma once
// The incident history the planning commands (evaluate, patrol) work from: the bundled
// sample or the files given, the LSOAs, and each category's harm weight.

#include <memory>
#include <string>
#include <vector>

#include "server/snapshot.hpp"

namespace hotspot::cli {

struct IncidentHistory {
    std::shared_ptr<const server::Snapshot> snapshot;
    std::vector<double> harm;  ///< by the points' category id; 1 for a category without a weight

    [[nodiscard]] const server::AreaLayer& lsoas() const { return *snapshot->layers().front(); }
};

/// Loads `incidents` (the sample's when empty) over `areas` (the Essex LSOAs when empty),
/// and the sample's wards too when `wards` (only over the sample's LSOAs).
IncidentHistory load_history(const std::vector<std::string>& incidents, const std::string& areas,
                             bool wards = false);

}  // namespace hotspot::cli
