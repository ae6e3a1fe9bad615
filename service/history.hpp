#pragma once
// The incident history the planning commands (evaluate, patrol) work from: the bundled
// sample or the files given, over the LSOAs (and the wards).

#include <memory>
#include <string>
#include <vector>

#include "server/snapshot.hpp"

namespace hotspot::cli {

struct IncidentHistory {
    std::shared_ptr<const server::Snapshot> snapshot;

    [[nodiscard]] const server::AreaLayer& lsoas() const { return *snapshot->layers().front(); }
};

/// Loads `incidents` (the sample's when empty) over `areas` (the Essex LSOAs when empty),
/// and the sample's wards too when `wards` (only over the sample's LSOAs).
IncidentHistory load_history(const std::vector<std::string>& incidents, const std::string& areas,
                             bool wards = false);

}  // namespace hotspot::cli
